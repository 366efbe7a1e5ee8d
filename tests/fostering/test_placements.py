"""Placements with approved families, within their capacity; long-term ones reviewed every 6 months."""

import pytest
from django.utils import timezone

from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.placements import (
    PlacementData,
    end_placement,
    latest_end,
    place_child,
    review_placement,
)
from opora.fostering.enums import CandidateStatus, PlacementKind
from tests.factories import PersonFactory
from tests.fostering.records import days_ago, place

S = CandidateStatus


def _reviews(candidate):
    return candidate.deadlines.filter(kind=DeadlineKind.PLACEMENT_REVIEW)


def test_a_long_term_placement_is_reviewed_six_months_after_it_starts(candidate_at, manager):
    candidate = candidate_at(S.APPROVED)

    placement = place(candidate, manager, days=20)

    review = _reviews(candidate).get()
    assert review.due_on == add_months(days_ago(20), 6)
    assert review.title == f"Преглед на настаняването на {placement.child.full_name}"
    assert latest_end(placement) == add_months(days_ago(20), 24)


def test_a_short_term_placement_has_no_review_deadline(candidate_at, manager):
    candidate = candidate_at(S.APPROVED)

    place(candidate, manager, kind=PlacementKind.SHORT_TERM)

    assert not _reviews(candidate).exists()


def test_a_review_meets_the_deadline_and_sets_the_next_one(candidate_at, manager):
    candidate = candidate_at(S.APPROVED)
    placement = place(candidate, manager, days=20)
    today = timezone.localdate()

    review_placement(placement, actor=manager, held_on=today, summary="Добре е.")

    done, following = _reviews(candidate).order_by("pk")
    assert done.done_at is not None
    assert (following.due_on, following.done_at) == (add_months(today, 6), None)


def test_ending_a_placement_drops_its_review(candidate_at, manager):
    candidate = candidate_at(S.APPROVED)
    placement = place(candidate, manager)

    end_placement(placement, actor=manager, ended_on=timezone.localdate(), reason="Осиновяване.")

    assert _reviews(candidate).get().cancelled_at is not None


def test_no_more_children_than_the_commission_approved(candidate_at, manager):
    candidate = candidate_at(S.APPROVED)  # approved for 2 children
    place(candidate, manager)
    place(candidate, manager, child=PersonFactory(centre=candidate.centre, first_name="Ива"))

    with pytest.raises(DomainError) as refused:
        place(candidate, manager, child=PersonFactory(centre=candidate.centre, first_name="Зоя"))

    assert refused.value.message == (
        "Семейството е утвърдено за до 2 деца, 3–12 г.; вече има 2 настанени."
    )


def test_a_child_is_placed_in_one_family_at_a_time(candidate_at, manager):
    first = candidate_at(S.APPROVED)
    second = candidate_at(S.APPROVED, surname="Илиеви")
    child = place(first, manager).child

    with pytest.raises(DomainError, match="вече е настанено при"):
        place(second, manager, child=child)


def test_only_an_approved_family_takes_a_child_of_its_own_centre(
    candidate_at, manager, other_centre
):
    in_assessment = candidate_at(S.ASSESSMENT)
    approved = candidate_at(S.APPROVED, surname="Илиеви")
    stranger = PersonFactory(centre=other_centre)
    today = timezone.localdate()

    with pytest.raises(DomainError, match="само в утвърдено"):
        place(in_assessment, manager)
    with pytest.raises(DomainError, match="не е от този център"):
        place_child(
            approved,
            actor=manager,
            data=PlacementData(child=stranger, kind=PlacementKind.EMERGENCY, placed_on=today),
        )
    member = approved.members.first().person
    with pytest.raises(DomainError, match="Член на семейството"):
        place(approved, manager, child=member)
