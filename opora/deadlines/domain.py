"""Keeping a case's deadlines: the domain function that creates a duty sets its deadline, and the one
that fulfils it closes the deadline, in the same transaction."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.deadlines.models import Deadline


def source_of(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""


def set_deadline(
    *,
    case,
    kind: str,
    title: str,
    due_on: date,
    actor,
    responsible=None,
    source=None,
    warn_from=None,
) -> Deadline:
    """Create the open deadline of this kind and source, or move it to the new date."""
    with transaction.atomic():
        deadline = (
            Deadline.objects.select_for_update()
            .filter(case=case, kind=kind, source=source_of(source), done_at=None, cancelled_at=None)
            .first()
        )
        if deadline is None:
            deadline = Deadline(
                centre_id=case.centre_id, case=case, kind=kind, source=source_of(source)
            )
        deadline.title, deadline.due_on, deadline.warn_from = title, due_on, warn_from
        deadline.responsible = responsible
        deadline.save()
        record(
            actor=actor,
            action="deadline.set",
            obj=case,
            changes={"kind": kind, "due_on": due_on.isoformat(), "source": deadline.source},
        )
    return deadline


def fulfil_deadlines(*, case, kind: str, actor, source=None) -> int:
    """Mark the open deadlines of this kind (and source, if given) as met."""
    return _finish(case, kind, source, actor, done=True)


def cancel_deadlines(*, case, actor, kind: str | None = None, source=None) -> int:
    """Drop open deadlines that no longer apply (e.g. every deadline of a closed case)."""
    return _finish(case, kind, source, actor, done=False)


def _finish(case, kind, source, actor, *, done: bool) -> int:
    open_ones = Deadline.objects.filter(case=case, done_at=None, cancelled_at=None)
    if kind is not None:
        open_ones = open_ones.filter(kind=kind)
    if source is not None:
        open_ones = open_ones.filter(source=source_of(source))
    now = timezone.now()
    changed = (
        open_ones.update(done_at=now, done_by=actor if getattr(actor, "pk", None) else None)
        if done
        else open_ones.update(cancelled_at=now)
    )
    if changed:
        record(
            actor=actor,
            action="deadline.fulfil" if done else "deadline.cancel",
            obj=case,
            changes={"kind": kind or "*", "count": changed},
        )
    return changed
