"""The plan's and the contract's events for the case timeline, in three queries whatever their number."""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from opora.plans.enums import PlanEventKind
from opora.plans.models import Annex, Contract, PlanEvent

_PLAN_TITLES = {
    PlanEventKind.CREATED: "ИПП версия {n}: създадена",
    PlanEventKind.SUBMITTED: "ИПП версия {n}: изпратена за одобрение",
    PlanEventKind.RETURNED: "ИПП версия {n}: върната за корекция",
    PlanEventKind.APPROVED: "ИПП версия {n}: одобрена и в сила",
    PlanEventKind.SUPERSEDED: "ИПП версия {n}: заменена с нова версия",
}


def timeline_events(case) -> list:
    from opora.core.timeline import TimelineEvent

    slug = case.centre.slug
    events = [_plan_event(TimelineEvent, e, slug) for e in _plan_events(case)]
    contracts = list(
        Contract.objects.filter(case=case, signed_on__isnull=False).select_related("signed_by")
    )
    events += [_signed(TimelineEvent, c, slug) for c in contracts]
    annexes = Annex.objects.filter(contract__case=case).select_related("contract", "created_by")
    events += [_annex(TimelineEvent, a, slug) for a in annexes]
    return events


def _plan_events(case):
    return PlanEvent.objects.filter(version__case=case).select_related("version", "actor")


def _plan_event(TimelineEvent, event: PlanEvent, slug: str):
    version = event.version
    return TimelineEvent(
        at=event.at,
        kind=f"plan.{event.kind}",
        title=_PLAN_TITLES[event.kind].format(n=version.number),
        detail=event.comment,
        url=reverse("plans:version", kwargs={"centre": slug, "version_id": version.pk}),
        actor=event.actor_name,
    )


def _signed(TimelineEvent, contract: Contract, slug: str):
    return TimelineEvent(
        at=_day_start(contract.signed_on),
        kind="contract.signed",
        title=f"Подписан договор № {contract.number}",
        detail=f"Срок {contract.start_on:%d.%m.%Y} – {contract.end_on:%d.%m.%Y}",
        url=_contract_url(contract, slug),
        actor=str(contract.signed_by or ""),
    )


def _annex(TimelineEvent, annex: Annex, slug: str):
    detail = annex.changes
    if annex.new_end_on:
        detail = f"Нов край {annex.new_end_on:%d.%m.%Y}. {detail}"
    return TimelineEvent(
        at=_day_start(annex.signed_on),
        kind=f"contract.annex_{annex.kind}",
        title=f"{annex.get_kind_display()} към договор № {annex.contract.number}",
        detail=detail,
        url=_contract_url(annex.contract, slug),
        actor=str(annex.created_by),
    )


def _contract_url(contract: Contract, slug: str) -> str:
    return reverse("plans:contract", kwargs={"centre": slug, "contract_id": contract.pk})


def _day_start(day) -> datetime:
    """Signing is recorded as a date: place it at the start of that day in local time."""
    return timezone.make_aware(datetime.combine(day, time.min))
