"""Reviewing the support plan (преглед / актуализация на ИПП), on schedule or on an event.

A review of an active case puts it „В преглед“ until the review is completed; completing it meets
the scheduled review deadline and sets the next one (domain-bg.md §3.2, §9, §11 row 6).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus, Track
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.domain import fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.plans.domain.queries import plan_in_force
from opora.reviews.enums import Progress, ReviewKind, ReviewStatus
from opora.reviews.models import GoalProgress, Review
from opora.tasks.domain import create_task
from opora.tasks.enums import TaskKind

# A review can be held while the case is worked on; only an active case changes to „В преглед“.
REVIEWABLE_STATUSES = frozenset({CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW, CaseStatus.SUSPENDED})
MAX_MONTHS_TO_NEXT_REVIEW = 12
CHILD_HEARD_FROM_AGE = 10  # ЗЗД чл. 15(1)
ADULT_AGE = 18
REVIEW_WARNING_DAYS = 14


@dataclass(frozen=True)
class GoalProgressData:
    goal_id: int
    progress: str
    comment: str = ""


@dataclass(frozen=True)
class ReviewData:
    held_on: date
    progress: list[GoalProgressData] = field(default_factory=list)
    needs_change: str = ""
    child_view: str = ""
    child_not_heard_reason: str = ""
    decisions: str = ""
    update_assessment: bool = False
    update_plan: bool = False
    next_review_on: date | None = None


def start_review(case: Case, *, actor, kind: str, reason: str = "") -> Review:
    """Open a review of the plan in force; an active case goes „В преглед“."""
    with transaction.atomic():
        _lock(case)
        _check_can_start(case, kind, reason)
        review = Review.objects.create(
            centre_id=case.centre_id, case=case, plan=plan_in_force(case), kind=kind,
            reason=reason.strip(), held_on=timezone.localdate(), started_by=actor,
            started_at=timezone.now(),
        )  # fmt: skip
        if case.status == CaseStatus.ACTIVE:
            change_status(
                case, to_status=CaseStatus.UNDER_REVIEW, actor=actor, note=_status_note(review)
            )
        record(actor=actor, action="review.start", obj=review.case, changes=_start_changes(review))
        if kind == ReviewKind.NEW_RISK:
            _ask_to_notify_referrer(case, actor=actor, reason=reason.strip())
    return review


def record_review(review: Review, *, actor, data: ReviewData) -> Review:
    """Save what the review found so far (it stays in progress)."""
    with transaction.atomic():
        _lock_review(review)
        _check_data(review, data)
        _save(review, data)
        record(actor=actor, action="review.record", obj=review.case, changes={"review": review.pk})
    return review


def complete_review(review: Review, *, actor, data: ReviewData) -> Review:
    """Finish the review: the case is active again and the next review is due on the set date."""
    case = review.case
    with transaction.atomic():
        _lock_review(review)
        _check_data(review, data)
        _check_complete(review, data)
        _save(review, data)
        review.status = ReviewStatus.COMPLETED
        review.completed_by, review.completed_at = actor, timezone.now()
        review.save(update_fields=["status", "completed_by", "completed_at"])
        if case.status == CaseStatus.UNDER_REVIEW:
            change_status(case, to_status=CaseStatus.ACTIVE, actor=actor, note="Прегледът на ИПП е приключен.")  # fmt: skip
        fulfil_deadlines(case=case, kind=DeadlineKind.PLAN_REVIEW, actor=actor)
        set_next_review(case, actor=actor, due_on=data.next_review_on, source=review)
        record(actor=actor, action="review.complete", obj=case, changes=_complete_changes(review))
        _keep_reporting(case, actor=actor)
    return review


def set_next_review(case: Case, *, actor, due_on: date, source) -> None:
    set_deadline(
        case=case, kind=DeadlineKind.PLAN_REVIEW, actor=actor, responsible=case.case_manager,
        due_on=due_on, source=source, warn_from=due_on - timedelta(days=REVIEW_WARNING_DAYS),
        title=f"Преглед на ИПП по случай {case.number}",
    )  # fmt: skip


def default_next_review(case: Case, *, today: date | None = None) -> date:
    """Today plus the centre's review interval (default 6 months)."""
    months = settings_for(case.centre).review_interval_months
    return add_months(today or timezone.localdate(), months)


def child_must_be_heard(case: Case, on: date) -> bool:
    """ЗЗД чл. 15(1): from 10 years on; an unknown age counts as heard, as in the ИОП."""
    age = case.primary_person.age_on(on)
    return age is None or age >= CHILD_HEARD_FROM_AGE


def view_required_message(case: Case, on: date) -> str:
    age = case.primary_person.age_on(on)
    if age is None:
        return (
            "Датата на раждане не е известна: запишете мнението на детето (чл. 15, ал. 1 ЗЗД) "
            "или причината то да не бъде изслушано."
        )
    if age >= ADULT_AGE:
        return "Запишете мнението на потребителя за напредъка или причината то да не е изразено."
    return (
        f"Детето е на {age} години: запишете мнението му (чл. 15, ал. 1 ЗЗД) или причината, "
        "поради която изслушването би му навредило."
    )


# Checks


def _check_can_start(case: Case, kind: str, reason: str) -> None:
    if case.track == Track.GENERAL:
        raise DomainError("Общодостъпната услуга няма ИПП и не се преглежда.")
    if case.status not in REVIEWABLE_STATUSES:
        raise DomainError(
            "Преглед на ИПП се прави за случай в изпълнение; "
            f"случаят е в статус „{case.get_status_display()}“."
        )
    if Review.objects.filter(case=case, status=ReviewStatus.IN_PROGRESS).exists():
        raise DomainError("По случая вече има започнат преглед; приключете него.")
    if kind not in ReviewKind.values:
        raise DomainError("Изберете вид на прегледа.", field="kind")
    if kind in ReviewKind.events() and not reason.strip():
        raise DomainError("Опишете повода за извънредния преглед.", field="reason")


def _lock(case: Case) -> None:
    """Serialise writes on the case (a double click starts one review, not two)."""
    locked = Case.objects.select_for_update().only("status").get(pk=case.pk)
    case.status = locked.status


def _lock_review(review: Review) -> None:
    locked = Review.objects.select_for_update().only("status").get(pk=review.pk)
    review.status = locked.status
    _require_in_progress(review)


def _require_in_progress(review: Review) -> None:
    if review.status != ReviewStatus.IN_PROGRESS:
        raise DomainError("Прегледът вече е приключен и не може да се променя.")


def _check_data(review: Review, data: ReviewData) -> None:
    if data.held_on is None:
        raise DomainError("Посочете датата на прегледа.", field="held_on")
    if data.held_on > timezone.localdate():
        raise DomainError("Датата на прегледа не може да е в бъдещето.", field="held_on")
    if review.plan is not None and data.held_on < review.plan.start_on:
        raise DomainError("Датата на прегледа не може да е преди началото на плана.", field="held_on")  # fmt: skip
    _check_progress(review, data.progress)
    if data.next_review_on is not None:
        _check_next_review(data.held_on, data.next_review_on)


def _check_progress(review: Review, progress: list[GoalProgressData]) -> None:
    goal_ids = _plan_goal_ids(review)
    seen = set()
    for item in progress:
        if item.goal_id not in goal_ids:
            raise DomainError("Отбелязан е напредък по цел, която не е от преглеждания ИПП.")
        if item.goal_id in seen:
            raise DomainError("Напредъкът по една цел е отбелязан два пъти.")
        if item.progress and item.progress not in Progress.values:
            raise DomainError("Изберете напредъка по целта от списъка.", field=f"goal_{item.goal_id}")  # fmt: skip
        seen.add(item.goal_id)


def _check_next_review(held_on: date, next_on: date) -> None:
    if next_on <= held_on:
        raise DomainError(
            "Следващият преглед трябва да е след датата на този преглед.", field="next_review_on"
        )
    if next_on > add_months(held_on, MAX_MONTHS_TO_NEXT_REVIEW):
        raise DomainError(
            "Следващият преглед не може да е по-късно от 12 месеца след този.",
            field="next_review_on",
        )


def _check_complete(review: Review, data: ReviewData) -> None:
    for message, field_name in completeness_problems(review, data):
        raise DomainError(message, field=field_name)


def completeness_problems(review: Review, data: ReviewData) -> list[tuple[str, str | None]]:
    """What a review still lacks to be completed, as (message, form field); shared with the form."""
    problems: list[tuple[str, str | None]] = []
    marked = {item.goal_id for item in data.progress if item.progress}
    for goal in _plan_goals(review):
        if goal.pk not in marked:
            problems.append((f"Отбележете напредъка по целта „{goal.title}“.", f"goal_{goal.pk}"))
    if child_must_be_heard(review.case, data.held_on) and not (
        data.child_view.strip() or data.child_not_heard_reason.strip()
    ):
        problems.append((view_required_message(review.case, data.held_on), "child_view"))
    if not data.decisions.strip():
        problems.append(("Опишете решенията от прегледа.", "decisions"))
    if data.next_review_on is None:
        problems.append(("Посочете датата на следващия преглед.", "next_review_on"))
    return problems


# Writing


def _save(review: Review, data: ReviewData) -> None:
    review.held_on = data.held_on
    for name in ("needs_change", "child_view", "child_not_heard_reason", "decisions"):
        setattr(review, name, getattr(data, name).strip())
    review.update_assessment, review.update_plan = data.update_assessment, data.update_plan
    review.next_review_on = data.next_review_on
    review.save()
    titles = {goal.pk: goal.title for goal in _plan_goals(review)}
    review.progress.all().delete()
    GoalProgress.objects.bulk_create(
        GoalProgress(review=review, goal_id=item.goal_id, goal_title=titles[item.goal_id],
                     progress=item.progress, comment=item.comment.strip())
        for item in data.progress if item.progress or item.comment.strip()
    )  # fmt: skip


def _plan_goals(review: Review) -> list:
    if review.plan_id is None:
        return []
    cached = getattr(review, "_plan_goals", None)
    if cached is None:
        cached = review._plan_goals = list(review.plan.goals.order_by("order", "id"))
    return cached


def _plan_goal_ids(review: Review) -> set[int]:
    return {goal.pk for goal in _plan_goals(review)}


def _ask_to_notify_referrer(case: Case, *, actor, reason: str) -> None:
    """A new risk on a case referred by ОЗД/ДСП is reported at once (ЗЗД чл. 36г mechanism)."""
    from opora.closure.domain.referrer import is_child_protection_case

    if not is_child_protection_case(case):
        return
    hours = settings_for(case.centre).notification_deadline_hours
    create_task(
        centre=case.centre, actor=actor, case=case, kind=TaskKind.OTHER,
        title=f"Уведомете ОЗД за нов риск по случай {case.number}: {reason}"[:250],
        due_in=timedelta(hours=hours),
    )  # fmt: skip


def _keep_reporting(case: Case, *, actor) -> None:
    """Reports to ОЗД keep their rhythm while the case is worked on (idempotent)."""
    from opora.closure.domain.reports import schedule_referrer_reports

    schedule_referrer_reports(case, actor=actor)


def _status_note(review: Review) -> str:
    note = f"Преглед на ИПП: {review.get_kind_display()}"
    return f"{note} — {review.reason}" if review.reason else note


def _start_changes(review: Review) -> dict:
    return {"review": review.pk, "kind": review.kind, "plan": review.plan_id}


def _complete_changes(review: Review) -> dict:
    return {
        "review": review.pk,
        "next_review_on": review.next_review_on.isoformat(),
        "update_assessment": review.update_assessment,
        "update_plan": review.update_plan,
    }
