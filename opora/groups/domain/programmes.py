"""Writes on group programmes. Each runs in one transaction with its audit entry."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max, Min
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.groups.enums import (
    DEFAULT_COMPLETION_PERCENT,
    PROGRAMME_TRANSITIONS,
    ProgrammeKind,
    ProgrammeStatus,
)
from opora.groups.models import Programme

MAX_PLANNED_HOURS = Decimal("999")


@dataclass(frozen=True)
class ProgrammeData:
    kind: str
    title: str
    starts_on: date
    planned_hours: Decimal
    facilitators: tuple
    description: str = ""
    ends_on: date | None = None
    completion_percent: int = DEFAULT_COMPLETION_PERCENT
    place: str = ""


def create_programme(centre, *, actor, data: ProgrammeData) -> Programme:
    """A new programme in status „Предстои“; its facilitators are staff of the centre."""
    with transaction.atomic():
        facilitators = _checked(centre, data)
        programme = Programme(centre=centre, created_by=actor)
        _apply(programme, data, facilitators)
        record(actor=actor, action="programme.create", obj=programme, changes=_facts(programme))
    return programme


def update_programme(programme: Programme, *, actor, data: ProgrammeData) -> Programme:
    """Correct a programme that has not finished; its dates must still hold all its sessions."""
    with transaction.atomic():
        stored = lock_programme(programme)
        if stored.is_finished:
            raise DomainError("Програмата е приключила и не се редактира.")
        facilitators = _checked(stored.centre, data)
        _check_sessions_fit(stored, data)
        before = _facts(stored)
        _apply(stored, data, facilitators)
        after = _facts(stored)
        changed = sorted(name for name in after if after[name] != before[name])
        record(actor=actor, action="programme.update", obj=stored, changes={"fields": changed})
    return stored


def finish_programme(programme: Programme, *, actor) -> Programme:
    """Close the programme: no more sessions, attendance or enrolments; certificates may be issued."""
    with transaction.atomic():
        stored = lock_programme(programme)
        if stored.status == ProgrammeStatus.PLANNED:
            raise DomainError(
                "Програмата още не е започнала: отбележете присъствието поне на едно занимание."
            )
        change_programme_status(stored, ProgrammeStatus.FINISHED, actor=actor)
    return stored


def change_programme_status(programme: Programme, to_status: str, *, actor) -> Programme:
    """The one place that moves a programme along PROGRAMME_TRANSITIONS; call it on a locked row."""
    if to_status not in PROGRAMME_TRANSITIONS[programme.status]:
        raise DomainError(
            f"Програмата е „{programme.get_status_display()}“; "
            f"не може да стане „{ProgrammeStatus(to_status).label}“."
        )
    before = programme.status
    programme.status = to_status
    if to_status == ProgrammeStatus.FINISHED:
        programme.finished_at = timezone.now()
        if programme.ends_on is None:
            programme.ends_on = max(timezone.localdate(), programme.starts_on)
    programme.save(update_fields=["status", "finished_at", "ends_on", "updated_at"])
    record(
        actor=actor,
        action="programme.status",
        obj=programme,
        changes={"from": before, "to": to_status},
    )
    return programme


def lock_programme(programme: Programme) -> Programme:
    """The programme row, locked: its sessions, places and attendance change one writer at a time."""
    return Programme.objects.select_for_update().select_related("centre").get(pk=programme.pk)


def _checked(centre, data: ProgrammeData) -> list:
    if data.kind not in ProgrammeKind.values:
        raise DomainError("Изберете вид на програмата.", field="kind")
    if not data.title.strip():
        raise DomainError("Въведете наименование на програмата.", field="title")
    if data.ends_on is not None and data.ends_on < data.starts_on:
        raise DomainError("Краят на програмата не може да е преди началото.", field="ends_on")
    if not Decimal("0") < data.planned_hours <= MAX_PLANNED_HOURS:
        raise DomainError("Планираните часове трябва да са между 0,5 и 999.", field="planned_hours")
    if not 1 <= data.completion_percent <= 100:
        raise DomainError(
            "Минималното присъствие е процент между 1 и 100.", field="completion_percent"
        )
    return _checked_facilitators(centre, data.facilitators)


def _checked_facilitators(centre, facilitators) -> list:
    chosen = list(facilitators)
    if not chosen:
        raise DomainError("Изберете поне един водещ на програмата.", field="facilitators")
    staff = set(
        Membership.objects.filter(
            centre=centre,
            is_active=True,
            role__in=Role.case_workers(),
            user__in=[user.pk for user in chosen],
        ).values_list("user_id", flat=True)
    )
    if any(user.pk not in staff for user in chosen):
        raise DomainError("Водещите трябва да са специалисти на центъра.", field="facilitators")
    return chosen


def _check_sessions_fit(programme: Programme, data: ProgrammeData) -> None:
    span = programme.sessions.aggregate(first=Min("date"), last=Max("date"))
    if span["first"] and data.starts_on > span["first"]:
        raise DomainError(
            f"Има занимание на {span['first']:%d.%m.%Y}: началото не може да е след него.",
            field="starts_on",
        )
    if span["last"] and data.ends_on is not None and data.ends_on < span["last"]:
        raise DomainError(
            f"Има занимание на {span['last']:%d.%m.%Y}: краят не може да е преди него.",
            field="ends_on",
        )


def _apply(programme: Programme, data: ProgrammeData, facilitators: list) -> None:
    programme.kind, programme.title = data.kind, data.title.strip()
    programme.description, programme.place = data.description.strip(), data.place.strip()
    programme.starts_on, programme.ends_on = data.starts_on, data.ends_on
    programme.planned_hours, programme.completion_percent = (
        data.planned_hours,
        data.completion_percent,
    )
    programme.save()
    programme.facilitators.set(facilitators)


def _facts(programme: Programme) -> dict:
    return {
        "kind": programme.kind,
        "title": programme.title,
        "starts_on": programme.starts_on.isoformat(),
        "ends_on": programme.ends_on.isoformat() if programme.ends_on else None,
        "planned_hours": f"{Decimal(programme.planned_hours):.1f}",
        "completion_percent": programme.completion_percent,
        "place": programme.place,
        "facilitators": sorted(programme.facilitators.values_list("pk", flat=True)),
    }
