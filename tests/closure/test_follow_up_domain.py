"""After closure: follow-up contacts, and reopening a closed case (which needs a free place)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.cases.domain.case import reopen_case
from opora.cases.enums import CaseStatus
from opora.closure.domain.follow_up import record_follow_up, start_follow_up
from opora.closure.domain.reports import add_report
from opora.closure.enums import FollowUpOutcome, ReportKind, ReportStatus
from opora.closure.models import FollowUpContact
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.factories import make_case


def today():
    return timezone.localdate()


@pytest.fixture
def closed(centre, manager, psychologist):
    return make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)


@pytest.fixture
def following(closed, psychologist):
    return start_follow_up(closed, actor=psychologist, follow_up_on=add_months(today(), 3))


def _open(case, kind):
    return Deadline.objects.filter(case=case, kind=kind, done_at=None, cancelled_at=None)


def test_starting_a_follow_up_sets_its_deadline(closed, psychologist):
    start_follow_up(closed, actor=psychologist, follow_up_on=add_months(today(), 2))

    closed.refresh_from_db()
    assert closed.status == CaseStatus.FOLLOW_UP
    (deadline,) = _open(closed, DeadlineKind.FOLLOW_UP)
    assert (deadline.due_on, deadline.responsible) == (add_months(today(), 2), psychologist)


def test_a_follow_up_starts_only_on_a_closed_case(centre, manager, psychologist):
    active = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)

    with pytest.raises(DomainError) as refused:
        start_follow_up(active, actor=psychologist, follow_up_on=add_months(today(), 2))
    assert refused.value.message == "Проследяване се започва за приключен случай."


def test_a_follow_up_more_than_24_months_ahead_is_refused(closed, psychologist):
    with pytest.raises(DomainError) as refused:
        start_follow_up(closed, actor=psychologist, follow_up_on=add_months(today(), 25))

    assert refused.value.message == (
        "Проследяването не може да е по-късно от 24 месеца след днешната дата."
    )
    closed.refresh_from_db()
    assert closed.status == CaseStatus.CLOSED


def test_the_contact_ends_the_follow_up_and_the_case_is_closed_again(following, psychologist):
    contact = record_follow_up(
        following,
        actor=psychologist,
        contacted_on=today(),
        note="Семейството се справя добре.",
        outcome=FollowUpOutcome.CLOSED,
    )

    following.refresh_from_db()
    assert following.status == CaseStatus.CLOSED
    assert following.closure_reason  # the reason of the closure is kept
    assert contact.recorded_by == psychologist
    assert not _open(following, DeadlineKind.FOLLOW_UP).exists()
    assert Deadline.objects.get(case=following, kind=DeadlineKind.FOLLOW_UP).done_at is not None


def test_the_contact_may_archive_the_case(following, psychologist):
    record_follow_up(
        following,
        actor=psychologist,
        contacted_on=today(),
        note="Без нужда от подкрепа.",
        outcome=FollowUpOutcome.ARCHIVED,
    )

    following.refresh_from_db()
    assert following.status == CaseStatus.ARCHIVED


def test_the_follow_up_may_continue_to_a_next_contact(following, psychologist):
    next_on = add_months(today(), 2)

    record_follow_up(
        following,
        actor=psychologist,
        contacted_on=today(),
        note="Ще се чуем пак.",
        outcome=FollowUpOutcome.CONTINUE,
        next_contact_on=next_on,
    )

    following.refresh_from_db()
    assert following.status == CaseStatus.FOLLOW_UP
    (deadline,) = _open(following, DeadlineKind.FOLLOW_UP)
    assert deadline.due_on == next_on


def test_ending_the_follow_up_keeps_the_deadline_of_a_report_still_owed(following, psychologist):
    report = add_report(
        following,
        actor=psychologist,
        kind=ReportKind.ON_REQUEST,
        due_on=today() + timedelta(days=5),
        request_note="ОЗД иска информация за семейството.",
    )

    record_follow_up(
        following,
        actor=psychologist,
        contacted_on=today(),
        note="Добре.",
        outcome=FollowUpOutcome.CLOSED,
    )

    (owed,) = _open(following, DeadlineKind.REFERRER_REPORT)
    assert owed.source == f"closure.referrerreport:{report.pk}"
    assert report.status == ReportStatus.DUE


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"contacted_on": None}, "Посочете датата на контакта."),
        ({"contacted_on": "tomorrow"}, "Датата на контакта не може да е в бъдещето."),
        (
            {"contacted_on": "before"},
            "Датата на контакта не може да е преди приключването на случая.",
        ),
        ({"note": "  "}, "Опишете проследяващия контакт."),
        ({"outcome": "x"}, "Изберете какво следва след контакта."),
        ({"outcome": FollowUpOutcome.CONTINUE}, "Посочете датата на следващия контакт."),
    ],
)
def test_a_bad_contact_is_refused_and_nothing_is_saved(following, psychologist, changes, message):
    days = {"tomorrow": today() + timedelta(days=1), "before": today() - timedelta(days=400)}
    values = {"contacted_on": today(), "note": "Добре.", "outcome": FollowUpOutcome.CLOSED}
    values.update({k: days.get(v, v) for k, v in changes.items()})

    with pytest.raises(DomainError) as refused:
        record_follow_up(following, actor=psychologist, **values)

    assert refused.value.message == message
    following.refresh_from_db()
    assert following.status == CaseStatus.FOLLOW_UP
    assert not FollowUpContact.objects.exists()


# Reopening


def test_reopening_a_closed_case_takes_a_place_again(closed, manager):
    reopen_case(closed, actor=manager, reason="Нов сигнал от училището.")

    closed.refresh_from_db()
    assert closed.status == CaseStatus.ASSESSMENT
    assert closed.closed_at is None


def test_reopening_needs_a_free_place(closed, centre, manager, social_worker):
    for _ in range(3):
        make_case(centre, manager, CaseStatus.ACTIVE, case_manager=social_worker)

    with pytest.raises(DomainError) as refused:
        reopen_case(closed, actor=manager, reason="Нов сигнал.")

    assert refused.value.message.startswith("Няма свободно място: заети са 3 от 3 места.")
    closed.refresh_from_db()
    assert closed.status == CaseStatus.CLOSED
