"""Requests for information and opinions (ЗСУ чл. 81, ал. 1): the provider sets the deadline."""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.assessments.domain.assessment import lock_assessment, require_workable
from opora.assessments.enums import AddresseeKind
from opora.assessments.models import Assessment, InformationRequest
from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.deadlines.domain import fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind

ADDRESSEE_MAX = 150
# The responsible worker is reminded a few days before the answer is due.
WARN_DAYS = 3


def add_information_request(
    assessment: Assessment,
    *,
    actor,
    addressee: str,
    question: str,
    due_on: date | None,
    addressee_kind: str = AddresseeKind.OTHER,
) -> InformationRequest:
    """Record a request sent today, with the deadline the case manager keeps."""
    addressee, question = addressee.strip(), question.strip()
    today = timezone.localdate()
    _check_request(addressee, addressee_kind, question, due_on, today)
    with transaction.atomic():
        locked = lock_assessment(assessment)
        require_workable(locked)
        request = InformationRequest.objects.create(
            centre_id=locked.centre_id, assessment=locked, addressee_kind=addressee_kind,
            addressee=addressee, question=question, sent_on=today, due_on=due_on, created_by=actor,
        )  # fmt: skip
        case = locked.case
        set_deadline(
            case=case, kind=DeadlineKind.INFO_REQUEST, actor=actor, source=request,
            responsible=case.case_manager, due_on=due_on,
            warn_from=max(today, due_on - timedelta(days=WARN_DAYS)),
            title=f"Отговор от {addressee} на искане за информация (ИОП № {locked.number})",
        )  # fmt: skip
        record(
            actor=actor,
            action="assessment.add_info_request",
            obj=request,
            case_id=case.pk,
            changes={"assessment": locked.number, "due_on": due_on.isoformat()},
        )
    return request


def record_reply(
    request: InformationRequest, *, actor, reply: str, replied_on: date | None
) -> InformationRequest:
    """The answer arrived: keep it and mark its deadline as met."""
    reply = reply.strip()
    if not reply:
        raise DomainError(
            "Въведете отговора или кратко обобщение на полученото становище.", field="reply"
        )
    if replied_on is None:
        raise DomainError("Посочете датата, на която е получен отговорът.", field="replied_on")
    if replied_on > timezone.localdate():
        raise DomainError("Датата на отговора не може да е в бъдещето.", field="replied_on")
    with transaction.atomic():
        locked = (
            InformationRequest.objects.select_for_update(of=("self",))
            .select_related("assessment__case")
            .get(pk=request.pk)
        )
        _check_reply(locked, replied_on)
        locked.reply, locked.replied_on = reply, replied_on
        locked.reply_recorded_at, locked.reply_recorded_by = timezone.now(), actor
        locked.save()
        fulfil_deadlines(
            case=locked.assessment.case, kind=DeadlineKind.INFO_REQUEST, actor=actor, source=locked
        )
        record(
            actor=actor,
            action="assessment.record_reply",
            obj=locked,
            case_id=locked.assessment.case_id,
            changes={"replied_on": replied_on.isoformat()},
        )
    return locked


def _check_request(addressee, addressee_kind, question, due_on, today) -> None:
    if addressee_kind not in AddresseeKind.values:
        raise DomainError("Изберете вида на адресата.", field="addressee_kind")
    if not addressee:
        raise DomainError("Посочете до кого е искането.", field="addressee")
    if len(addressee) > ADDRESSEE_MAX:
        raise DomainError(
            f"Адресатът е твърде дълъг (до {ADDRESSEE_MAX} знака).", field="addressee"
        )
    if not question:
        raise DomainError("Опишете каква информация или становище се иска.", field="question")
    if due_on is None:
        raise DomainError("Посочете срок за отговор.", field="due_on")
    if due_on <= today:
        raise DomainError("Срокът за отговор трябва да е след днешната дата.", field="due_on")


def _check_reply(request: InformationRequest, replied_on: date) -> None:
    if request.is_answered:
        raise DomainError("Отговорът на това искане вече е записан.", field="request")
    if replied_on < request.sent_on:
        raise DomainError(
            "Отговорът не може да е получен преди изпращането на искането "
            f"({request.sent_on:%d.%m.%Y}).",
            field="replied_on",
        )
