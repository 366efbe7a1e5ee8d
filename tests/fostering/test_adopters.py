"""Prospective adopters: their stages, consultations and the support after the adoption."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.core.errors import DomainError
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.adopters import (
    AdopterContactData,
    change_adopter_status,
    record_adopter_contact,
)
from opora.fostering.domain.progress import adopter_hours
from opora.fostering.enums import AdopterContactKind, AdopterStatus
from opora.groups.enums import ProgrammeKind
from tests.fostering.records import days_ago, make_adopters, train

A = AdopterStatus


def test_the_stages_follow_the_table(centre, manager):
    adopters = make_adopters(centre, manager)

    with pytest.raises(DomainError) as refused:
        change_adopter_status(adopters, to_status=A.ADOPTED, actor=manager, adopted_on=days_ago(1))

    assert refused.value.message == (
        "Семейството не може да премине от „Насочени от ДСП“ в „Осиновили (подкрепа след осиновяването)“."
    )
    for stage in (A.TRAINING, A.TRAINED, A.WAITING):
        change_adopter_status(adopters, to_status=stage, actor=manager)
    assert [h.to_status for h in adopters.history.all()] == [
        A.REFERRED,
        A.TRAINING,
        A.TRAINED,
        A.WAITING,
    ]


def test_the_adoption_needs_its_date_and_may_set_the_first_support(centre, manager):
    adopters = make_adopters(centre, manager, A.WAITING)
    in_a_month = timezone.localdate() + timedelta(days=30)

    with pytest.raises(DomainError, match="Въведете датата на осиновяването"):
        change_adopter_status(adopters, to_status=A.ADOPTED, actor=manager)
    change_adopter_status(
        adopters,
        to_status=A.ADOPTED,
        actor=manager,
        adopted_on=days_ago(3),
        follow_up_on=in_a_month,
    )

    deadline = adopters.deadlines.get()
    assert (deadline.kind, deadline.due_on, deadline.owner) == (
        DeadlineKind.ADOPTER_FOLLOW_UP, in_a_month, manager,
    )  # fmt: skip


def test_a_support_contact_after_the_adoption_meets_the_deadline_and_sets_the_next(centre, manager):
    adopters = make_adopters(centre, manager, A.WAITING)
    today = timezone.localdate()
    change_adopter_status(
        adopters, to_status=A.ADOPTED, actor=manager, adopted_on=days_ago(3),
        follow_up_on=today + timedelta(days=5),
    )  # fmt: skip

    record_adopter_contact(
        adopters,
        actor=manager,
        data=AdopterContactData(
            kind=AdopterContactKind.FOLLOW_UP, held_on=today, duration_minutes=90,
            notes="Детето спи добре.", next_contact_on=today + timedelta(days=60),
        ),
    )  # fmt: skip

    met, following = adopters.deadlines.order_by("pk")
    assert met.done_at is not None
    assert (following.due_on, following.done_at) == (today + timedelta(days=60), None)


def test_support_after_the_adoption_waits_for_the_adoption(centre, manager):
    adopters = make_adopters(centre, manager, A.TRAINING)

    with pytest.raises(DomainError, match="след осиновяването"):
        record_adopter_contact(
            adopters,
            actor=manager,
            data=AdopterContactData(
                kind=AdopterContactKind.FOLLOW_UP, held_on=timezone.localdate(), duration_minutes=60
            ),
        )


def test_closing_needs_a_reason_and_drops_the_open_deadlines(centre, manager):
    adopters = make_adopters(centre, manager, A.WAITING)
    change_adopter_status(
        adopters, to_status=A.ADOPTED, actor=manager, adopted_on=days_ago(3),
        follow_up_on=timezone.localdate() + timedelta(days=5),
    )  # fmt: skip

    with pytest.raises(DomainError, match="Посочете защо"):
        change_adopter_status(adopters, to_status=A.CLOSED, actor=manager)
    change_adopter_status(adopters, to_status=A.CLOSED, actor=manager, note="Подкрепата приключи.")

    assert adopters.deadlines.get().cancelled_at is not None


def test_the_adopters_training_hours_count_only_attended_adopter_sessions(centre, manager):
    adopters = make_adopters(centre, manager, A.TRAINING)
    people = [m.person for m in adopters.members.order_by("role", "pk")]
    train(centre, manager, people[:1], sessions=3, kind=ProgrammeKind.ADOPTERS)
    train(centre, manager, people[1:], sessions=3, kind=ProgrammeKind.ADOPTERS, present=False)
    train(centre, manager, people, sessions=2, kind=ProgrammeKind.FOSTER_BASE)

    hours = adopter_hours(list(adopters.members.order_by("role", "pk")))

    assert [h.base for h in hours] == [9, 0]
