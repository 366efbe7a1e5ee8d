"""Documents of intake: the acknowledgement of a referral, the written refusal (ЗСУ чл. 78(5)),
and the notification of ДСП and the parents (ЗСУ чл. 87, чл. 77(3))."""

from django.http import Http404
from django.utils import timezone

from opora.cases.enums import CasePersonRole, CaseStatus, RefusalGround
from opora.centres.enums import Service
from opora.documents.kinds.base import (
    Audience,
    DocumentKind,
    DocumentRequest,
    Signatory,
    case_facts,
    head_of_service,
    people_of_case,
    plain_date,
    readable_case_or_404,
    register,
    user_name,
)
from opora.referrals.models import Referral
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task

_PARENTS = (CasePersonRole.PARENT, CasePersonRole.GUARDIAN, CasePersonRole.FOSTER_PARENT)


def _service_labels(codes) -> list[str]:
    labels = dict(Service.choices)
    return [labels.get(code, code) for code in codes or []]


def _head(request: DocumentRequest) -> Signatory:
    return Signatory(name=head_of_service(request.centre), role="Ръководител на услугата")


# Referral acknowledgement


def _load_referral(request: DocumentRequest) -> Referral:
    referral = (
        Referral.objects.filter(centre=request.centre, pk=request.subject_id)
        .only("pk", "case_id")
        .first()
    )
    if referral is None:
        raise Http404("Няма такова насочване.")
    case = readable_case_or_404(request, referral.case_id)
    referral = Referral.objects.select_related("registered_by").get(pk=referral.pk)
    referral.case = case
    return referral


def _referral_data(referral: Referral, request: DocumentRequest) -> dict:
    case = referral.case
    return {
        **case_facts(case),
        "source": referral.get_source_type_display(),
        "institution": referral.institution,
        "officer_name": referral.officer_name,
        "document_number": referral.document_number,
        "document_date": referral.document_date,
        "wish_declared_on": referral.wish_declared_on,
        "received_on": plain_date(referral.received_at),
        "received_at": timezone.localtime(referral.received_at).strftime("%d.%m.%Y %H:%M"),
        "chosen_services": _service_labels(referral.chosen_services),
        "registered_by": user_name(referral.registered_by),
        "is_self_referral": referral.source_type.startswith("self_"),
    }


register(
    DocumentKind(
        code="acknowledgement",
        title="Потвърждение за получено насочване",
        subject="referrals.Referral",
        audience=Audience.EXTERNAL,
        permission="documents.issue_document",
        load=_load_referral,
        build=_referral_data,
        case_of=lambda referral: referral.case,
        signatories=lambda referral, request: [_head(request)],
        url_kwarg="referral_id",
        describe=lambda referral: (
            f"Насочване от {referral.get_source_type_display()}, "
            f"получено на {timezone.localtime(referral.received_at):%d.%m.%Y}"
        ),
    )
)


# Written refusal (ЗСУ чл. 78, ал. 5)


def _load_case(request: DocumentRequest):
    return readable_case_or_404(request, request.subject_id)


def _refusal_unavailable(case) -> str:
    if case.status != CaseStatus.REFUSED and not case.refusal_ground:
        return "Отказ се издава само за случай със статус „Отказан“ (чл. 78, ал. 5 ЗСУ)."
    return ""


def _refusal_data(case, request: DocumentRequest) -> dict:
    referral = case.referrals.order_by("received_at", "pk").first()
    return {
        **case_facts(case),
        "ground": case.get_refusal_ground_display(),
        "ground_point": "1" if case.refusal_ground == RefusalGround.NOT_OFFERED else "2",
        "reasons": case.outcome_note,
        "refused_on": plain_date(case.closed_at),
        "requested_services": _service_labels(referral.chosen_services if referral else []),
        "referral_source": referral.get_source_type_display() if referral else "",
        "referral_institution": referral.institution if referral else "",
        "referral_number": referral.document_number if referral else "",
        "referral_date": referral.document_date if referral else None,
        "parents": people_of_case(case, _PARENTS),
        "onward": _onward(case, referral),
    }


def _onward(case, referral) -> str:
    """Where the person may turn: back to the body that referred, for another provider."""
    if referral is not None and referral.institution:
        return referral.institution
    return f"Дирекция „Социално подпомагане“ – {case.centre.municipality}"


register(
    DocumentKind(
        code="refusal",
        title="Отказ за предоставяне на социална услуга",
        subject="cases.Case",
        audience=Audience.EXTERNAL,
        permission="documents.issue_document",
        load=_load_case,
        build=_refusal_data,
        case_of=lambda case: case,
        signatories=lambda case, request: [
            _head(request),
            Signatory(name="", role="Получил (потребител / законен представител)"),
        ],
        url_kwarg="case_id",
        unavailable=_refusal_unavailable,
        describe=lambda case: f"Случай {case.number}",
    )
)


# Notification of ДСП and the parents (ЗСУ чл. 87; чл. 77, ал. 3)

_NOTIFY_KINDS = (TaskKind.NOTIFY_CHILD_SELF_REFERRAL, TaskKind.NOTIFY_URGENT)


def _notification_task(case) -> Task | None:
    """The case's duty to notify (the latest, if the case came back in again)."""
    return (
        Task.objects.filter(case=case, kind__in=_NOTIFY_KINDS)
        .order_by("-created_at", "-pk")
        .first()
    )


def _notification_unavailable(case) -> str:
    if _notification_task(case) is None:
        return (
            "По случая няма задача за уведомяване на ДСП и родителите "
            "(чл. 87 и чл. 77, ал. 3 ЗСУ: самонасочило се дете или спешен случай)."
        )
    return ""


def _local(value) -> str:
    return timezone.localtime(value).strftime("%d.%m.%Y %H:%M") if value else ""


def _notification_data(case, request: DocumentRequest) -> dict:
    task = _notification_task(case)
    if task is None:
        return {**case_facts(case), "parents": people_of_case(case, _PARENTS)}
    referral = case.referrals.order_by("received_at", "pk").first()
    self_child = task.kind == TaskKind.NOTIFY_CHILD_SELF_REFERRAL
    return {
        **case_facts(case),
        "basis": "чл. 87 от Закона за социалните услуги"
        if self_child
        else "чл. 77, ал. 3 от Закона за социалните услуги",
        "self_referred_child": self_child,
        "urgency": case.get_urgency_display() if case.urgency else "",
        "came_at": _local(referral.received_at if referral else task.created_at),
        "task_title": task.title,
        "due_at": _local(task.due_at),
        "done_at": _local(task.done_at),
        "parents": people_of_case(case, _PARENTS),
        "dsp": f"Дирекция „Социално подпомагане“ – {case.centre.municipality}",
    }


register(
    DocumentKind(
        code="notification",
        title="Уведомление до ДСП и родителите",
        subject="cases.Case",
        audience=Audience.EXTERNAL,
        permission="documents.issue_document",
        load=_load_case,
        build=_notification_data,
        case_of=lambda case: case,
        signatories=lambda case, request: [
            _head(request),
            Signatory(name=user_name(request.user), role="Изготвил"),
        ],
        url_kwarg="case_id",
        unavailable=_notification_unavailable,
        describe=lambda case: f"Случай {case.number}",
    )
)
