"""Occupancy re-derived from the status history: stays, places per day, users of a period."""

from datetime import date, datetime, time

import pytest
from django.utils import timezone

from opora.accounts.enums import Role
from opora.cases.domain.history import places_used_by_day, stays, users_in_period
from opora.cases.enums import CaseStatus
from opora.cases.models import StatusChange
from tests.factories import CentreFactory, make_case, make_member

pytestmark = pytest.mark.django_db


def _at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _history(case, *steps: tuple[str, date]):
    """Replace the case's history with these (status, day) steps."""
    StatusChange.objects.filter(case=case).delete()
    previous = ""
    for status, day in steps:
        StatusChange.objects.create(
            case=case, from_status=previous, to_status=status, changed_at=_at(day),
            changed_by_name="тест",
        )  # fmt: skip
        previous = status


@pytest.fixture
def centre():
    return CentreFactory(capacity=10)


@pytest.fixture
def manager(centre):
    return make_member(centre, Role.MANAGER)


def test_a_stay_runs_from_the_first_occupying_status_to_the_first_that_is_not(centre, manager):
    case = make_case(centre, manager)
    _history(
        case,
        (CaseStatus.INTAKE, date(2026, 1, 5)),
        (CaseStatus.ASSESSMENT, date(2026, 1, 10)),
        (CaseStatus.PLANNING, date(2026, 2, 1)),  # still the same stay
        (CaseStatus.CLOSED, date(2026, 3, 15)),
        (CaseStatus.ASSESSMENT, date(2026, 5, 1)),  # reopened: a second stay, still open
    )
    found = sorted(stays([centre.pk], until=date(2026, 12, 31)), key=lambda s: s.entered_on)
    assert [(s.entered_on, s.left_on) for s in found] == [
        (date(2026, 1, 10), date(2026, 3, 15)),
        (date(2026, 5, 1), None),
    ]


def test_places_per_day_count_the_end_of_each_day(centre, manager):
    first, second = make_case(centre, manager), make_case(centre, manager)
    _history(
        first, (CaseStatus.ASSESSMENT, date(2026, 3, 2)), (CaseStatus.CLOSED, date(2026, 3, 4))
    )
    _history(second, (CaseStatus.ASSESSMENT, date(2026, 3, 3)))
    counts = places_used_by_day([centre.pk], date(2026, 3, 1), date(2026, 3, 5))
    # 1 March nobody; 2 March first; 3 March both; 4 March first left that day; 5 March second.
    assert counts[centre.pk] == [0, 1, 2, 1, 1]


def test_users_of_a_period_include_a_case_that_left_on_its_first_day(centre, manager):
    left_early, later, before = (make_case(centre, manager) for _ in range(3))
    _history(
        left_early, (CaseStatus.ASSESSMENT, date(2026, 1, 1)), (CaseStatus.CLOSED, date(2026, 4, 1))
    )
    _history(later, (CaseStatus.ASSESSMENT, date(2026, 4, 30)))
    _history(
        before, (CaseStatus.ASSESSMENT, date(2026, 1, 1)), (CaseStatus.CLOSED, date(2026, 3, 31))
    )
    users = users_in_period([centre.pk], date(2026, 4, 1), date(2026, 4, 30))
    assert users[centre.pk] == {left_early.pk, later.pk}


def test_other_centres_are_not_counted(centre, manager):
    other = CentreFactory()
    other_case = make_case(other, make_member(other, Role.MANAGER))
    _history(other_case, (CaseStatus.ASSESSMENT, date(2026, 1, 1)))
    assert places_used_by_day([centre.pk], date(2026, 1, 1), date(2026, 1, 2)) == {
        centre.pk: [0, 0]
    }
