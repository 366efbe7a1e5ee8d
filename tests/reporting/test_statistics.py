"""The statistical report against the hand-counted world of April 2026 (tests/reporting/world.py)."""

from datetime import date

import pytest

from opora.accounts.enums import Role
from opora.cases.domain.history import users_in_period
from opora.reporting.domain import counting
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.statistics import USER_STATUSES, age_on, centre_statistics
from tests.factories import CentreFactory, make_case, make_member
from tests.reporting.world import APRIL, EXPECTED, build_world, history

pytestmark = pytest.mark.django_db
S = counting.CaseStatus


@pytest.fixture
def world():
    return build_world()


def _tables(statistics) -> dict:
    return {table.key: table for table in statistics.total.tables}


def _rows(table) -> dict:
    return {label: count for label, count in table.rows}


def _nonzero(table) -> dict:
    return {label: count for label, count in table.rows if count}


def test_the_users_of_the_period_are_counted_by_hand(world):
    tables = _tables(centre_statistics(Scope.centre(world.centre), APRIL))
    assert tables["track"].total == EXPECTED["users"]
    for key in ("track", "age_band", "sex", "referral_source", "duration_class", "closure_reason"):
        assert _nonzero(tables[key]) == EXPECTED[key], key


def test_every_single_valued_breakdown_sums_to_the_total(world):
    tables = _tables(centre_statistics(Scope.centre(world.centre), APRIL))
    single = [t for t in tables.values() if t.kind == "single" and t.key != "sessions"]
    assert len(single) == 6
    for table in single:
        assert sum(count for _label, count in table.rows) == table.total == 7, table.key


def test_multi_valued_breakdowns_count_a_case_in_each_of_its_values(world):
    tables = _tables(centre_statistics(Scope.centre(world.centre), APRIL))
    groups = _rows(tables["target_group"])
    # A has two groups and counts in both; H (a consultation) has none.
    assert groups["Деца в риск 0–18 г."] == 5
    assert groups["Семейство на дете в риск"] == 1
    assert groups["Дете извън училище, в риск от отпадане или отпаднало"] == 1
    for key in ("target_group", "service"):
        assert tables[key].kind == "multi"
        assert all(count <= tables[key].total for _label, count in tables[key].rows)


def test_events_are_counted_when_dated_inside_the_period_both_ends_included(world):
    tables = _tables(centre_statistics(Scope.centre(world.centre), APRIL))
    assert _rows(tables["activity"]) == EXPECTED["activity"]
    assert _nonzero(tables["sessions"]) == EXPECTED["sessions"]
    assert tables["sessions"].total == 2
    assert _rows(tables["waiting_list"]) == EXPECTED["waiting_list"]


def test_a_closed_and_reopened_case_counts_once(world):
    period = Period(date(2026, 4, 5), date(2026, 4, 20))
    tables = _tables(centre_statistics(Scope.centre(world.centre), period))
    # G closed on 05.04, reopened on 10.04, closed on 20.04: one user, one closure.
    assert _rows(tables["closure_reason"])["Друго (с описание)"] == 1
    # Closures from 05.04 to 20.04: B on 15.04 and G (05.04 and 20.04) once.
    assert _rows(tables["activity"])["Приключени случаи и консултации"] == 2


def test_the_users_are_those_the_status_history_replays(world):
    """The grouped queries give the same cases as opora.cases.domain.history.users_in_period."""
    for period in (
        APRIL,
        Period(date(2026, 3, 31), date(2026, 3, 31)),
        Period.year(2026),
        Period(date(2026, 1, 1), date(2026, 1, 9)),
        Period.month(2026, 5),
    ):
        rows = counting.user_rows([world.centre.pk], period, USER_STATUSES).rows
        specialised = {row.case_id for row in rows if row.track == "specialised"}
        replayed = users_in_period([world.centre.pk], period.start, period.end)[world.centre.pk]
        assert specialised == replayed, period.label()


def test_another_centres_cases_never_enter_a_centres_report(world, other_centre):
    other_manager = make_member(other_centre, Role.MANAGER, username="other.manager")
    case = make_case(other_centre, other_manager, S.ACTIVE)
    history(case, (S.INTAKE, date(2026, 1, 1)), (S.ASSESSMENT, date(2026, 1, 2)),
            (S.ACTIVE, date(2026, 2, 1)))  # fmt: skip
    mine = _tables(centre_statistics(Scope.centre(world.centre), APRIL))
    theirs = _tables(centre_statistics(Scope.centre(other_centre), APRIL))
    assert mine["track"].total == 7
    assert theirs["track"].total == 1


def test_age_is_in_full_years():
    assert age_on(date(2008, 4, 20), date(2026, 4, 19)) == 17
    assert age_on(date(2008, 4, 20), date(2026, 4, 20)) == 18
    assert age_on(date(2012, 2, 29), date(2026, 2, 28)) == 13
    assert age_on(date(2012, 2, 29), date(2026, 3, 1)) == 14


def test_an_empty_centre_has_zeros_everywhere():
    centre = CentreFactory(slug="prazen", municipality="Тополовград", capacity=5)
    tables = _tables(centre_statistics(Scope.centre(centre), APRIL))
    assert tables["track"].total == 0
    assert all(count == 0 for table in tables.values() for _l, count in table.rows)


def test_a_rollup_costs_the_same_queries_for_two_centres_as_for_thirty(world, other_centre):
    """Grouped queries over all centres at once: no query per centre (the 300-centre roll-up)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    many = [world.centre, other_centre] + [
        CentreFactory(slug=f"c-{n}", municipality=f"Община {n % 7}", capacity=2) for n in range(28)
    ]
    counts = []
    for centres in (many[:2], many):
        with CaptureQueriesContext(connection) as queries:
            statistics = centre_statistics(Scope.rollup_of(centres, "Област"), APRIL)
        counts.append(len(queries.captured_queries))
        assert statistics.total.tables[0].total == 7
    assert counts[0] == counts[1]
