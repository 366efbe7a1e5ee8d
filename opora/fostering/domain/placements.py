"""Children placed with an approved foster family, and the 6-monthly review of long-term placements
(foster-care Наредба as amended 2024; domain-bg.md §11 row 10), kept as deadlines of the family.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.settings import settings_of
from opora.fostering.enums import LONGEST_MONTHS, CandidateStatus, PlacementKind
from opora.fostering.models import Candidate, Placement, PlacementReview

# A review turns amber this many days before it is due.
REVIEW_WARN_DAYS = 14


@dataclass(frozen=True)
class PlacementData:
    child: object  # people.Person
    kind: str
    placed_on: date
    case: object = None  # cases.Case, optional
    order_reference: str = ""


def place_child(candidate: Candidate, *, actor, data: PlacementData) -> Placement:
    """Record a placement with the family, within the capacity the Commission approved."""
    with transaction.atomic():
        # Only the candidate's row is locked: its approval is an outer join (PostgreSQL refuses
        # FOR UPDATE on the nullable side), and two placements at once must not pass the capacity.
        locked = (
            Candidate.objects.select_for_update(of=("self",))
            .select_related("approval")
            .get(pk=candidate.pk)
        )
        _check_placement(locked, data)
        placement = Placement.objects.create(
            centre_id=locked.centre_id,
            candidate=locked,
            child=data.child,
            case=data.case,
            kind=data.kind,
            placed_on=data.placed_on,
            order_reference=data.order_reference.strip(),
            created_by=actor,
        )
        if placement.is_long_term:
            _set_review(placement, add_months(data.placed_on, _months(locked)), actor)
        record(
            actor=actor,
            action="fostering.placement.create",
            obj=locked,
            changes={"placement_id": placement.pk, "kind": data.kind, "child_id": data.child.pk},
        )
    return placement


def _check_placement(candidate: Candidate, data: PlacementData) -> None:
    if candidate.status != CandidateStatus.APPROVED:
        raise DomainError("Деца се настаняват само в утвърдено приемно семейство.")
    if data.kind not in PlacementKind.values:
        raise DomainError("Изберете вид настаняване.", field="kind")
    child = data.child
    if child.centre_id != candidate.centre_id:
        raise DomainError("Детето не е от този център.", field="child")
    if candidate.members.filter(person=child).exists():
        raise DomainError("Член на семейството не може да бъде настанен в него.", field="child")
    if data.case is not None and (
        data.case.centre_id != candidate.centre_id
        or not data.case.people.filter(person=child).exists()
    ):
        raise DomainError("Изберете случай, по който е детето.", field="case")
    _check_dates(candidate, data.placed_on)
    elsewhere = Placement.objects.filter(child=child, ended_on=None).select_related("candidate")
    if (current := elsewhere.first()) is not None:
        raise DomainError(
            f"{child.full_name} вече е настанено при {current.candidate.name}: "
            "първо прекратете това настаняване.",
            field="child",
        )
    placed = candidate.placements.filter(ended_on=None).count()
    if placed >= candidate.approval.capacity:
        raise DomainError(
            f"Семейството е утвърдено за {candidate.approval.profile}; вече има {placed} настанени."
        )


def _check_dates(candidate: Candidate, placed_on: date) -> None:
    if placed_on > timezone.localdate():
        raise DomainError("Датата на настаняване не може да е в бъдещето.", field="placed_on")
    if placed_on < candidate.approval.decided_on:
        raise DomainError(
            "Датата не може да е преди утвърждаването на семейството "
            f"({candidate.approval.decided_on:%d.%m.%Y}).",
            field="placed_on",
        )


def review_placement(
    placement: Placement,
    *,
    actor,
    held_on: date,
    summary: str,
    next_review_on: date | None = None,
) -> PlacementReview:
    """The 6-monthly review: it meets the review deadline and sets the next one."""
    if not placement.is_current or not placement.is_long_term:
        raise DomainError("Преглед се записва за текущо дългосрочно настаняване.")
    if not summary.strip():
        raise DomainError("Опишете изводите от прегледа.", field="summary")
    if held_on > timezone.localdate() or held_on < placement.placed_on:
        raise DomainError(
            f"Датата на прегледа е между {placement.placed_on:%d.%m.%Y} и днес.", field="held_on"
        )
    following = next_review_on or add_months(held_on, _months(placement.candidate))
    if following <= held_on:
        raise DomainError("Следващият преглед е след този.", field="next_review_on")
    with transaction.atomic():
        review = PlacementReview.objects.create(
            placement=placement,
            held_on=held_on,
            summary=summary.strip(),
            next_review_on=following,
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        fulfil_deadlines(
            candidate=placement.candidate,
            kind=DeadlineKind.PLACEMENT_REVIEW,
            source=placement,
            actor=actor,
        )
        _set_review(placement, following, actor)
        record(
            actor=actor,
            action="fostering.placement.review",
            obj=placement.candidate,
            changes={"placement_id": placement.pk, "held_on": held_on.isoformat()},
        )
    return review


def end_placement(placement: Placement, *, actor, ended_on: date, reason: str) -> Placement:
    """The placement ends (return to the family, adoption, another measure…)."""
    if not placement.is_current:
        raise DomainError("Настаняването вече е прекратено.")
    if not reason.strip():
        raise DomainError("Посочете причината за прекратяване.", field="reason")
    if ended_on > timezone.localdate() or ended_on < placement.placed_on:
        raise DomainError(
            f"Датата на прекратяване е между {placement.placed_on:%d.%m.%Y} и днес.",
            field="ended_on",
        )
    with transaction.atomic():
        placement.ended_on, placement.end_reason = ended_on, reason.strip()
        placement.save(update_fields=["ended_on", "end_reason"])
        cancel_deadlines(candidate=placement.candidate, source=placement, actor=actor)
        record(
            actor=actor,
            action="fostering.placement.end",
            obj=placement.candidate,
            changes={"placement_id": placement.pk, "ended_on": ended_on.isoformat()},
        )
    return placement


def latest_end(placement: Placement) -> date | None:
    """The latest day a placement of its kind may last (long-term 2 years, short-term 1)."""
    months = LONGEST_MONTHS.get(placement.kind)
    return add_months(placement.placed_on, months) if months else None


def _months(candidate: Candidate) -> int:
    return settings_of(candidate.centre).placement_review_months


def _set_review(placement: Placement, due_on: date, actor) -> None:
    set_deadline(
        candidate=placement.candidate,
        kind=DeadlineKind.PLACEMENT_REVIEW,
        title=f"Преглед на настаняването на {placement.child.full_name}",
        due_on=due_on,
        warn_from=due_on - timedelta(days=REVIEW_WARN_DAYS),
        source=placement,
        actor=actor,
    )
