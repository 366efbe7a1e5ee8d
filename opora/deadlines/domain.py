"""Keeping deadlines: the domain function that creates a duty sets its deadline, and the one that
fulfils it closes the deadline, in the same transaction.

A deadline belongs to one subject, named by keyword: `case=`, `candidate=` (a foster-care
candidate) or `adopter=` (a family of prospective adopters).
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.deadlines.models import SUBJECT_FIELDS, Deadline


def source_of(obj) -> str:
    return f"{obj._meta.label_lower}:{obj.pk}" if obj is not None else ""


def _subject(case=None, candidate=None, adopter=None) -> tuple[str, object]:
    """The one subject named, as (field name, object)."""
    given = {"case": case, "candidate": candidate, "adopter": adopter}
    named = [(name, obj) for name, obj in given.items() if obj is not None]
    if len(named) != 1:
        raise TypeError(f"a deadline belongs to exactly one of {', '.join(SUBJECT_FIELDS)}")
    return named[0]


def set_deadline(
    *,
    kind: str,
    title: str,
    due_on: date,
    actor,
    case=None,
    candidate=None,
    adopter=None,
    responsible=None,
    source=None,
    warn_from=None,
) -> Deadline:
    """Create the open deadline of this kind and source, or move it to the new date."""
    field, subject = _subject(case, candidate, adopter)
    with transaction.atomic():
        deadline = (
            Deadline.objects.select_for_update()
            .filter(
                **{field: subject},
                kind=kind,
                source=source_of(source),
                done_at=None,
                cancelled_at=None,
            )
            .first()
        )
        if deadline is None:
            deadline = Deadline(
                centre_id=subject.centre_id, kind=kind, source=source_of(source), **{field: subject}
            )
        deadline.title, deadline.due_on, deadline.warn_from = title, due_on, warn_from
        deadline.responsible = responsible
        deadline.save()
        record(
            actor=actor,
            action="deadline.set",
            obj=subject,
            changes={"kind": kind, "due_on": due_on.isoformat(), "source": deadline.source},
        )
    return deadline


def fulfil_deadlines(
    *, kind: str, actor, case=None, candidate=None, adopter=None, source=None
) -> int:
    """Mark the open deadlines of this kind (and source, if given) as met."""
    return _finish(_subject(case, candidate, adopter), kind, source, actor, done=True)


def cancel_deadlines(
    *, actor, case=None, candidate=None, adopter=None, kind: str | None = None, source=None
) -> int:
    """Drop open deadlines that no longer apply (e.g. every deadline of a closed case)."""
    return _finish(_subject(case, candidate, adopter), kind, source, actor, done=False)


def _finish(subject: tuple[str, object], kind, source, actor, *, done: bool) -> int:
    field, obj = subject
    open_ones = Deadline.objects.filter(**{field: obj}, done_at=None, cancelled_at=None)
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
            obj=obj,
            changes={"kind": kind or "*", "count": changed},
        )
    return changed
