"""The one place where a case changes status."""

from django.db import transaction
from django.utils import timezone

from opora.audit import redact
from opora.audit.domain import record
from opora.cases.domain.capacity import capacity_of, lock_centre
from opora.cases.enums import OCCUPYING_STATUSES, TRANSITIONS, CaseStatus
from opora.cases.models import Case, StatusChange, WaitingListEntry
from opora.core.errors import DomainError
from opora.deadlines.domain import cancel_deadlines


def can_transition(case: Case, to_status: str) -> bool:
    return to_status in TRANSITIONS.get(case.status, frozenset())


def change_status(case: Case, *, to_status: str, actor, note: str = "", **fields) -> Case:
    """Validate the transition, enforce capacity, save, and write history and audit together.

    `fields` are case attributes that change with the status (closed_at, closure_reason, …).
    """
    with transaction.atomic():
        locked = Case.objects.select_for_update().get(pk=case.pk)
        if to_status not in CaseStatus.values:
            raise DomainError("Непознат статус на случай.")
        if not can_transition(locked, to_status):
            raise DomainError(
                f"Случаят не може да премине от „{locked.get_status_display()}“ "
                f"в „{CaseStatus(to_status).label}“."
            )
        _require_reason(locked, to_status, fields)
        if to_status in OCCUPYING_STATUSES and locked.status not in OCCUPYING_STATUSES:
            _take_place(locked)
        from_status = locked.status
        locked.status = to_status
        for name, value in fields.items():
            setattr(locked, name, value)
        locked.save()
        if to_status in _ENDS_DEADLINES:
            cancel_deadlines(case=locked, actor=actor)
        if from_status == CaseStatus.WAITLISTED:
            _leave_waiting_list(locked, actor=actor, reason=_LEFT_BECAUSE.get(to_status) or note)
        StatusChange.objects.create(
            case=locked,
            from_status=from_status,
            to_status=to_status,
            changed_at=timezone.now(),
            changed_by=actor,
            changed_by_name=str(actor),
            note=note,
        )
        record(
            actor=actor,
            action="case.change_status",
            obj=locked,
            changes={"from": from_status, "to": to_status, **_plain(fields)},
        )
    case.refresh_from_db()
    return case


# A case that ends carries no more deadlines; a follow-up is set afterwards by the closure.
_ENDS_DEADLINES = frozenset(
    {CaseStatus.CLOSED, CaseStatus.REFUSED, CaseStatus.ARCHIVED, CaseStatus.CONSULTATION_CLOSED}
)
_LEFT_BECAUSE = {CaseStatus.ASSESSMENT: "Приет в услугата", CaseStatus.REFUSED: "Отказ"}


def _leave_waiting_list(case: Case, *, actor, reason: str) -> None:
    """A case that stops waiting (admitted, refused, withdrawn) leaves the list in the same step."""
    left = WaitingListEntry.objects.filter(case=case, left_at__isnull=True).update(
        left_at=timezone.now(), left_reason=reason[:200]
    )
    if left:
        record(
            actor=actor,
            action="waiting_list.leave",
            obj=case,
            changes={"reason": redact.text(reason)},
        )


def _require_reason(case: Case, to_status: str, fields: dict) -> None:
    """Ending a case always records why (ЗСУ чл. 78, ал. 5 for a refusal)."""
    kept = case.closure_reason if case.status == CaseStatus.FOLLOW_UP else ""
    if to_status == CaseStatus.CLOSED and not (fields.get("closure_reason") or kept):
        raise DomainError("Посочете причина за приключване.", field="reason")
    if to_status == CaseStatus.REFUSED and not fields.get("refusal_ground"):
        raise DomainError(
            "Изберете правно основание за отказа (чл. 78, ал. 5 ЗСУ).", field="ground"
        )


def _take_place(case: Case) -> None:
    centre = lock_centre(case.centre)
    capacity = capacity_of(centre)
    if capacity.is_full:
        raise DomainError(
            f"Няма свободно място: заети са {capacity.used} от {capacity.total} места. "
            "Впишете случая в списъка на чакащите."
        )


def _plain(fields: dict) -> dict:
    """The changed fields as the audit keeps them: notes only as „променено“."""
    return redact.field_values(Case, fields)
