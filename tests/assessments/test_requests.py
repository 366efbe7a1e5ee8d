"""Requests for information (ЗСУ чл. 81, ал. 1): a deadline set by the provider, met by the reply."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.assessments.domain.assessment import complete_assessment
from opora.assessments.domain.requests import add_information_request, record_reply
from opora.assessments.enums import AddresseeKind
from opora.assessments.models import InformationRequest
from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.assessments.conftest import complete_sections

TODAY = timezone.localdate


def _ask(draft, actor, **overrides):
    values = {
        "addressee": "ОУ „Христо Ботев“ – класен ръководител",
        "addressee_kind": AddresseeKind.SCHOOL,
        "question": "Посещаемост и успех през последната година.",
        "due_on": TODAY() + timedelta(days=7),
    }
    values.update(overrides)
    return add_information_request(draft, actor=actor, **values)


def _deadline_of(request) -> Deadline:
    return Deadline.objects.get(
        kind=DeadlineKind.INFO_REQUEST, source=f"assessments.informationrequest:{request.pk}"
    )


def test_a_request_creates_its_deadline_for_the_case_manager(draft, social_worker, psychologist):
    request = _ask(draft, social_worker)

    deadline = _deadline_of(request)
    assert request.sent_on == TODAY()
    assert deadline.case == draft.case
    assert deadline.due_on == TODAY() + timedelta(days=7)
    assert deadline.responsible == psychologist  # the case manager, whoever sent it
    assert "ОУ „Христо Ботев“" in deadline.title
    assert AuditEntry.objects.filter(action="assessment.add_info_request").exists()


def test_two_requests_have_a_deadline_each(draft, psychologist):
    first = _ask(draft, psychologist)
    second = _ask(draft, psychologist, addressee="ОЗД Харманли", due_on=TODAY() + timedelta(3))

    assert _deadline_of(first).pk != _deadline_of(second).pk


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"due_on": TODAY()}, "due_on", "Срокът за отговор трябва да е след днешната дата."),
        (
            {"due_on": TODAY() - timedelta(days=1)},
            "due_on",
            "Срокът за отговор трябва да е след днешната дата.",
        ),
        ({"due_on": None}, "due_on", "Посочете срок за отговор."),
        ({"addressee": "  "}, "addressee", "Посочете до кого е искането."),
        ({"question": ""}, "question", "Опишете каква информация или становище се иска."),
        ({"addressee_kind": "alien"}, "addressee_kind", "Изберете вида на адресата."),
    ],
)
def test_a_bad_request_is_refused_and_nothing_is_saved(
    overrides, field, message, draft, psychologist
):
    with pytest.raises(DomainError) as refused:
        _ask(draft, psychologist, **overrides)

    assert (refused.value.field, refused.value.message) == (field, message)
    assert not InformationRequest.objects.exists()
    assert not Deadline.objects.filter(kind=DeadlineKind.INFO_REQUEST).exists()


def test_a_completed_ioop_takes_no_new_request(draft, psychologist):
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    with pytest.raises(DomainError, match="завършена"):
        _ask(draft, psychologist)


def test_the_reply_is_kept_and_fulfils_the_deadline(draft, psychologist, social_worker):
    request = _ask(draft, psychologist)

    record_reply(request, actor=social_worker, reply="Отсъства често.", replied_on=TODAY())

    request.refresh_from_db()
    deadline = _deadline_of(request)
    assert (request.reply, request.replied_on) == ("Отсъства често.", TODAY())
    assert request.reply_recorded_by == social_worker
    assert deadline.done_at is not None
    assert deadline.done_by == social_worker
    assert AuditEntry.objects.filter(action="assessment.record_reply").exists()


def test_a_reply_after_completion_is_still_recorded(draft, psychologist):
    request = _ask(draft, psychologist)
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    record_reply(request, actor=psychologist, reply="Късен отговор.", replied_on=TODAY())

    assert _deadline_of(request).done_at is not None


def test_a_reply_fulfils_only_its_own_deadline(draft, psychologist):
    answered = _ask(draft, psychologist)
    waiting = _ask(draft, psychologist, addressee="Личен лекар")

    record_reply(answered, actor=psychologist, reply="Да.", replied_on=TODAY())

    assert _deadline_of(waiting).done_at is None


@pytest.mark.parametrize(
    ("reply", "replied_on", "field", "message"),
    [
        ("Текст", "tomorrow", "replied_on", "Датата на отговора не може да е в бъдещето."),
        (
            "Текст",
            "yesterday",
            "replied_on",
            f"Отговорът не може да е получен преди изпращането на искането ({TODAY():%d.%m.%Y}).",
        ),
        (
            "Текст",
            None,
            "replied_on",
            "Посочете датата, на която е получен отговорът.",
        ),
        (
            "  ",
            "today",
            "reply",
            "Въведете отговора или кратко обобщение на полученото становище.",
        ),
    ],
)
def test_a_bad_reply_is_refused_and_the_deadline_stays_open(
    reply, replied_on, field, message, draft, psychologist
):
    request = _ask(draft, psychologist)
    days = {"tomorrow": TODAY() + timedelta(1), "yesterday": TODAY() - timedelta(1)}
    days["today"] = TODAY()

    with pytest.raises(DomainError) as refused:
        record_reply(request, actor=psychologist, reply=reply, replied_on=days.get(replied_on))

    assert (refused.value.field, refused.value.message) == (field, message)
    request.refresh_from_db()
    assert request.replied_on is None
    assert _deadline_of(request).done_at is None


def test_a_second_reply_is_refused(draft, psychologist):
    request = _ask(draft, psychologist)
    record_reply(request, actor=psychologist, reply="Първи.", replied_on=TODAY())

    with pytest.raises(DomainError, match="вече е записан"):
        record_reply(request, actor=psychologist, reply="Втори.", replied_on=TODAY())

    request.refresh_from_db()
    assert request.reply == "Първи."
