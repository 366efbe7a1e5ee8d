"""The monthly occupancy statement, counted by hand from a small history (tests/statutory/conftest)."""

from datetime import date

import pytest

from opora.cases.enums import CaseStatus
from opora.reporting.domain.periods import Period
from opora.statutory.domain.occupancy import occupancy_statement
from tests.factories import CentreFactory, make_case, make_member
from tests.statutory.history import rewrite_history

pytestmark = pytest.mark.django_db


def test_the_statement_counts_march_by_hand(centre, march):
    statement = occupancy_statement(centre, Period.month(2026, 3))

    used = {day.day.day: day.used for day in statement.days}
    assert len(statement.days) == 31
    assert [used[d] for d in (1, 4, 5, 9, 10, 14, 15, 31)] == [1, 1, 2, 2, 3, 3, 2, 2]
    assert statement.capacity == 10
    assert statement.user_days == 63
    assert statement.users == 4
    assert statement.average == 2.03
    assert statement.maximum == 3
    assert statement.admissions == 2
    assert statement.departures == 2
    assert statement.consultations == 1
    assert statement.waiting_at_end == 2


def test_a_case_closed_on_the_first_is_a_user_of_that_month_but_holds_no_day(centre, march):
    statement = occupancy_statement(centre, Period(date(2026, 3, 1), date(2026, 3, 1)))

    assert statement.users == 2  # A (closed that day) and D
    assert statement.user_days == 1  # only D at the end of the day


def test_february_and_april_are_counted_on_their_own(centre, march):
    february = occupancy_statement(centre, Period.month(2026, 2))
    april = occupancy_statement(centre, Period.month(2026, 4))

    assert (february.users, february.user_days) == (2, 9 + 28)  # A from 20.02 (9 days), D
    assert february.consultations == 1
    assert (april.users, april.admissions) == (3, 1)  # B, D, E
    assert april.waiting_at_end == 2


def test_other_centres_are_not_counted(centre, march):
    other = CentreFactory(capacity=5)
    manager = make_member(other, "manager")
    case = make_case(other, manager)
    rewrite_history(case, (CaseStatus.ASSESSMENT, date(2026, 3, 1)))

    assert occupancy_statement(centre, Period.month(2026, 3)).users == 4
    assert occupancy_statement(other, Period.month(2026, 3)).user_days == 31


def test_the_days_agree_with_the_history_module(centre, march):
    from opora.cases.domain.history import places_used_by_day

    for period in (Period.month(2026, 2), Period.month(2026, 3), Period.year(2026)):
        statement = occupancy_statement(centre, period)
        expected = places_used_by_day([centre.pk], period.start, period.end)[centre.pk]
        assert [day.used for day in statement.days] == expected
