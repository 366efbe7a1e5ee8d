"""The individual support plan (ИПП, ЗСУ чл. 80, ал. 3): versions, drafts, and the manager's decision.

A plan is a sequence of versions. Only an approved version takes effect; approving a new one
supersedes the previous, and every version is kept with its history (PlanEvent).
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from opora.audit import redact
from opora.audit.domain import record
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.centres.enums import Service
from opora.core.errors import DomainError
from opora.core.locking import bump_revision, require_revision, revision_changes
from opora.deadlines.calendar import add_months, add_working_days
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.plans.domain.checks import (
    duration_label,
    format_day,
    is_case_worker_of,
    latest_end,
    lock_case,
    require_manager,
    require_specialised,
    today,
)
from opora.plans.enums import (
    OPEN_PLAN_STATUSES,
    DurationClass,
    PlanEventKind,
    PlanStatus,
    Setting,
)
from opora.plans.models import Activity, Goal, PlanEvent, PlanVersion

MAX_GOALS = 30
MAX_ACTIVITIES = 20
# Statuses in which the case is worked under a plan, so a version may be drafted or decided.
PLAN_WORK_STATUSES = frozenset(
    {CaseStatus.PLANNING, CaseStatus.CONTRACTING, CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW}
)
APPROVAL_WORKING_DAYS = 3
REVIEW_WARNING_DAYS = 14

NO_EXPECTED_RESULT = "Целта трябва да има очакван резултат."
REVIEW_BEFORE_START = "Датата за преглед не може да е преди началото на плана."
NEEDS_GOAL_WITH_ACTIVITY = "Планът трябва да има поне една цел с поне една дейност."
ONLY_MANAGER_DECIDES = "Само управителят на центъра одобрява или връща ИПП."
RESPONSIBLE_NOT_OF_CENTRE = (
    "Отговорният специалист трябва да е служител на центъра, който работи по случаи."
)


@dataclass(frozen=True)
class ActivityData:
    service: str
    description: str
    frequency: str
    setting: str
    responsible: object  # a User


@dataclass(frozen=True)
class GoalData:
    title: str
    expected_result: str
    need: str = ""
    indicators: str = ""
    activities: tuple[ActivityData, ...] = ()
    copied_from_id: int | None = None


@dataclass(frozen=True)
class PlanData:
    start_on: date
    review_on: date
    duration_class: str
    child_view: str = ""
    family_participation: str = ""
    goals: tuple[GoalData, ...] = field(default_factory=tuple)


# Drafting


def start_plan(case: Case, *, actor) -> PlanVersion:
    """Open a new version: the first (empty) one in planning, later a copy of the plan in force."""
    require_specialised(case)
    with transaction.atomic():
        case = lock_case(case)
        in_force = _approved(case)
        _require_may_start(case, in_force)
        version = PlanVersion.objects.create(
            centre_id=case.centre_id,
            case=case,
            number=_next_number(case),
            created_by=actor,
            **_first_values(case, in_force),
        )
        if in_force is not None:
            _copy_goals(in_force, version)
        note = f"Копие на версия {in_force.number}" if in_force else ""
        _event(version, PlanEventKind.CREATED, actor, note)
        record(
            actor=actor,
            action="plan.start",
            obj=version,
            changes={"number": version.number, "from": getattr(in_force, "number", None)},
        )
    return version


def save_plan(
    version: PlanVersion, *, actor, data: PlanData, expected_revision: int | None = None
) -> PlanVersion:
    """Replace the draft's content with `data`; everything is checked before anything is written.

    A save against a revision older than the version's is refused (`StaleEdit`): someone else
    changed the draft after this editor was opened.
    """
    with transaction.atomic():
        lock_case(version.case)
        version.refresh_from_db(from_queryset=PlanVersion.objects.select_for_update())
        _require_editable(version)
        require_revision(
            version, expected_revision, labels={"goals": GOALS_LABEL}, shown=_shown_goals
        )
        check_plan_data(version, data)
        changed = _changed_fields(version, data)
        for name in ("start_on", "review_on", "duration_class"):
            setattr(version, name, getattr(data, name))
        version.child_view = data.child_view.strip()
        version.family_participation = data.family_participation.strip()
        if changed:
            bump_revision(version)
        version.save()
        version.goals.all().delete()
        for order, goal in enumerate(data.goals, start=1):
            _create_goal(version, goal, order)
        record(
            actor=actor,
            action="plan.save",
            obj=version,
            changes={
                "number": version.number,
                "goals": len(data.goals),
                **revision_changes(version, changed),
            },
        )
    return version


GOALS_LABEL = "Цели и дейности"
_HEADER_FIELDS = ("start_on", "review_on", "duration_class", "child_view", "family_participation")


def _changed_fields(version: PlanVersion, data: PlanData) -> list[str]:
    """The names of what `data` changes in the draft ("goals" for any goal or activity)."""
    changed = [
        name for name in _HEADER_FIELDS if getattr(version, name) != _stripped(getattr(data, name))
    ]
    if _goals_key(version) != _data_goals_key(data):
        changed.append("goals")
    return changed


def _stripped(value):
    return value.strip() if isinstance(value, str) else value


def _goals_key(version: PlanVersion) -> list:
    return [
        (
            (g.need, g.title, g.expected_result, g.indicators, g.copied_from_id),
            [
                (a.service, a.description, a.frequency, a.setting, a.responsible_id)
                for a in g.activities.order_by("pk")
            ],
        )
        for g in version.goals.order_by("order", "pk")
    ]


def _data_goals_key(data: PlanData) -> list:
    return [
        (
            tuple(
                _stripped(v)
                for v in (g.need, g.title, g.expected_result, g.indicators, g.copied_from_id)
            ),
            [
                (
                    a.service,
                    a.description.strip(),
                    a.frequency.strip(),
                    a.setting,
                    getattr(a.responsible, "pk", None),
                )
                for a in g.activities
            ],
        )
        for g in data.goals
    ]


def _shown_goals(version: PlanVersion, name: str) -> str:
    titles = [f"{i}. {g.title}" for i, g in enumerate(version.goals.order_by("order", "pk"), 1)]
    return "\n".join(titles) or "(няма цели)"


def check_plan_data(version: PlanVersion, data: PlanData) -> None:
    """The rules of a plan's content, raised as DomainError with the field concerned."""
    check_plan_dates(data.start_on, data.review_on, data.duration_class)
    if len(data.goals) > MAX_GOALS:
        raise DomainError(f"Планът може да има най-много {MAX_GOALS} цели.")
    sources = _allowed_sources(version)
    for number, goal in enumerate(data.goals, start=1):
        _check_goal(version, goal, number, sources)


def check_plan_dates(start_on: date, review_on: date, duration_class: str) -> None:
    if duration_class not in DurationClass.values:
        raise DomainError("Изберете продължителност на услугата.", field="duration_class")
    if review_on < start_on:
        raise DomainError(REVIEW_BEFORE_START, field="review_on")
    last = latest_end(start_on, duration_class)
    if review_on > last:
        raise DomainError(
            f"Датата за преглед трябва да е в срока на плана: {duration_label(duration_class)}, "
            f"т.е. най-късно {format_day(last)}.",
            field="review_on",
        )


# The manager's decision


def submit_plan(version: PlanVersion, *, actor) -> PlanVersion:
    """Send the draft to the manager; the manager has 3 working days to decide."""
    with transaction.atomic():
        case = lock_case(version.case)
        version.refresh_from_db()
        _require_editable(version)
        _require_working_case(case)
        _require_complete(version)
        version.status = PlanStatus.SUBMITTED
        version.submitted_at, version.submitted_by = timezone.now(), actor
        version.save(update_fields=["status", "submitted_at", "submitted_by"])
        set_deadline(
            case=case,
            kind=DeadlineKind.PLAN_APPROVAL,
            title=f"Одобряване на ИПП (версия {version.number}) по случай {case.number}",
            due_on=add_working_days(today(), APPROVAL_WORKING_DAYS),
            actor=actor,
            responsible=None,  # the centre's managers
            source=version,
        )
        _event(version, PlanEventKind.SUBMITTED, actor)
        record(actor=actor, action="plan.submit", obj=version, changes={"number": version.number})
    return version


def return_plan(version: PlanVersion, *, actor, comment: str) -> PlanVersion:
    """The manager sends the version back with what to correct; it becomes editable again."""
    require_manager(actor, version.centre_id, ONLY_MANAGER_DECIDES)
    comment = (comment or "").strip()
    if not comment:
        raise DomainError("Посочете какво трябва да се коригира.", field="comment")
    with transaction.atomic():
        case = lock_case(version.case)
        version.refresh_from_db()
        _require_submitted(version)
        _decide(version, PlanStatus.RETURNED, actor, comment)
        fulfil_deadlines(case=case, kind=DeadlineKind.PLAN_APPROVAL, actor=actor, source=version)
        _event(version, PlanEventKind.RETURNED, actor, comment)
        record(
            actor=actor,
            action="plan.return",
            obj=version,
            changes={"number": version.number, "comment": redact.text(comment)},
        )
    return version


def approve_plan(version: PlanVersion, *, actor, comment: str = "") -> PlanVersion:
    """The version takes effect: the previous one is superseded and the review is scheduled.

    The first approval ends the assessment-and-plan deadline and moves the case to the contract.
    """
    require_manager(actor, version.centre_id, ONLY_MANAGER_DECIDES)
    with transaction.atomic():
        case = lock_case(version.case)
        version.refresh_from_db()
        _require_submitted(version)
        _require_working_case(case)
        previous = _approved(case)
        first = not case.plan_versions.filter(status=PlanStatus.SUPERSEDED).exists()
        first = first and previous is None
        if previous is not None:
            _supersede(previous, actor)
        _decide(version, PlanStatus.APPROVED, actor, (comment or "").strip())
        fulfil_deadlines(case=case, kind=DeadlineKind.PLAN_APPROVAL, actor=actor, source=version)
        _set_review_deadline(case, version, actor)
        _event(version, PlanEventKind.APPROVED, actor, version.manager_comment)
        record(actor=actor, action="plan.approve", obj=version, changes={"number": version.number})
        if first:
            _after_first_approval(case, version, actor)
    return version


# Helpers


def _approved(case: Case) -> PlanVersion | None:
    return PlanVersion.objects.filter(case=case, status=PlanStatus.APPROVED).first()


def _require_may_start(case: Case, in_force: PlanVersion | None) -> None:
    open_version = case.plan_versions.filter(status__in=OPEN_PLAN_STATUSES).first()
    if open_version is not None:
        raise DomainError(
            f"Вече има версия {open_version.number} на ИПП в работа "
            f"(„{open_version.get_status_display()}“); продължете с нея."
        )
    if in_force is None and case.status != CaseStatus.PLANNING:
        raise DomainError(
            "ИПП се изготвя след оценката на потребностите (ИОП): "
            "случаят трябва да е в статус „Планиране“."
        )
    if in_force is not None and case.status not in PLAN_WORK_STATUSES:
        raise DomainError(
            f"В статус „{case.get_status_display()}“ планът не може да бъде актуализиран."
        )


def _next_number(case: Case) -> int:
    return (case.plan_versions.aggregate(last=Max("number"))["last"] or 0) + 1


def _first_values(case: Case, in_force: PlanVersion | None) -> dict:
    start = today()
    duration_class = in_force.duration_class if in_force else DurationClass.SHORT
    # An update after a review keeps the next review date that review already set.
    review = _next_review_already_set(case) or add_months(
        start, settings_for(case.centre).review_interval_months
    )
    values = {
        "start_on": start,
        "review_on": min(review, latest_end(start, duration_class)),
        "duration_class": duration_class,
    }
    if in_force is not None:
        values["child_view"] = in_force.child_view
        values["family_participation"] = in_force.family_participation
    return values


def _next_review_already_set(case: Case):
    deadline = (
        Deadline.objects.filter(
            case=case,
            kind=DeadlineKind.PLAN_REVIEW,
            done_at=None,
            cancelled_at=None,
            due_on__gt=today(),
        )
        .order_by("due_on")
        .first()
    )
    return deadline.due_on if deadline else None


def _copy_goals(source: PlanVersion, target: PlanVersion) -> None:
    for goal in source.goals.prefetch_related("activities"):
        copy = Goal.objects.create(
            version=target,
            order=goal.order,
            need=goal.need,
            title=goal.title,
            expected_result=goal.expected_result,
            indicators=goal.indicators,
            copied_from=goal,
        )
        Activity.objects.bulk_create(
            Activity(
                goal=copy,
                service=a.service,
                description=a.description,
                frequency=a.frequency,
                setting=a.setting,
                responsible_id=a.responsible_id,
            )
            for a in goal.activities.all()
        )


def _create_goal(version: PlanVersion, goal: GoalData, order: int) -> None:
    created = Goal.objects.create(
        version=version,
        order=order,
        need=goal.need.strip(),
        title=goal.title.strip(),
        expected_result=goal.expected_result.strip(),
        indicators=goal.indicators.strip(),
        copied_from_id=goal.copied_from_id,
    )
    Activity.objects.bulk_create(
        Activity(
            goal=created,
            service=a.service,
            description=a.description.strip(),
            frequency=a.frequency.strip(),
            setting=a.setting,
            responsible=a.responsible,
        )
        for a in goal.activities
    )


def _allowed_sources(version: PlanVersion) -> set[int]:
    """Goals of this case's earlier versions: the only ones a goal may say it was copied from."""
    return set(
        Goal.objects.filter(
            version__case_id=version.case_id, version__number__lt=version.number
        ).values_list("pk", flat=True)
    )


def _check_goal(version: PlanVersion, goal: GoalData, number: int, sources: set[int]) -> None:
    if not goal.title.strip():
        raise DomainError(f"Цел {number}: опишете целта.", field="title")
    if not goal.expected_result.strip():
        raise DomainError(NO_EXPECTED_RESULT, field="expected_result")
    if goal.copied_from_id is not None and goal.copied_from_id not in sources:
        raise DomainError("Целта не е от предишна версия на този план.")
    if len(goal.activities) > MAX_ACTIVITIES:
        raise DomainError(f"Цел {number} може да има най-много {MAX_ACTIVITIES} дейности.")
    for activity in goal.activities:
        _check_activity(version, activity, number)


def _check_activity(version: PlanVersion, activity: ActivityData, number: int) -> None:
    if activity.service not in Service.values:
        raise DomainError(f"Цел {number}: изберете услуга за дейността.", field="service")
    if not activity.description.strip():
        raise DomainError(f"Цел {number}: опишете дейността.", field="description")
    if not activity.frequency.strip():
        raise DomainError(f"Цел {number}: посочете честотата на дейността.", field="frequency")
    if activity.setting not in Setting.values:
        raise DomainError(f"Цел {number}: изберете къде се провежда дейността.", field="setting")
    if not is_case_worker_of(activity.responsible, version.centre_id):
        raise DomainError(RESPONSIBLE_NOT_OF_CENTRE, field="responsible")


def _require_editable(version: PlanVersion) -> None:
    if not version.is_editable:
        raise DomainError(
            f"Версия {version.number} е „{version.get_status_display()}“ и не може да се променя."
        )


def _require_submitted(version: PlanVersion) -> None:
    if version.status != PlanStatus.SUBMITTED:
        raise DomainError(
            f"Версия {version.number} не чака одобрение („{version.get_status_display()}“)."
        )


def _require_working_case(case: Case) -> None:
    if case.status not in PLAN_WORK_STATUSES:
        raise DomainError(
            f"Случаят е в статус „{case.get_status_display()}“: планът не може да се изпрати "
            "или одобри."
        )


def _require_complete(version: PlanVersion) -> None:
    if not Activity.objects.filter(goal__version=version).exists():
        raise DomainError(NEEDS_GOAL_WITH_ACTIVITY)
    if version.review_on < today():
        raise DomainError(
            "Датата за преглед вече е минала: обновете датите на плана преди изпращане.",
            field="review_on",
        )


def _decide(version: PlanVersion, status: str, actor, comment: str) -> None:
    version.status = status
    version.decided_at, version.decided_by = timezone.now(), actor
    version.manager_comment = comment
    version.save(update_fields=["status", "decided_at", "decided_by", "manager_comment"])


def _supersede(previous: PlanVersion, actor) -> None:
    previous.status = PlanStatus.SUPERSEDED
    previous.save(update_fields=["status"])
    # The update is the review the previous version was waiting for.
    fulfil_deadlines(
        case=previous.case, kind=DeadlineKind.PLAN_REVIEW, actor=actor, source=previous
    )
    _event(previous, PlanEventKind.SUPERSEDED, actor)


def _set_review_deadline(case: Case, version: PlanVersion, actor) -> None:
    """The approved version's review date is now the next review; earlier dates no longer apply."""
    cancel_deadlines(case=case, actor=actor, kind=DeadlineKind.PLAN_REVIEW)
    set_deadline(
        case=case,
        kind=DeadlineKind.PLAN_REVIEW,
        title=f"Преглед на ИПП (версия {version.number}) по случай {case.number}",
        due_on=version.review_on,
        warn_from=version.review_on - timedelta(days=REVIEW_WARNING_DAYS),
        actor=actor,
        responsible=case.case_manager,
        source=version,
    )


def _after_first_approval(case: Case, version: PlanVersion, actor) -> None:
    """ИОП and ИПП are both done (domain-bg §11 row 2); the contract comes next (ЗСУ чл. 85)."""
    fulfil_deadlines(case=case, kind=DeadlineKind.ASSESSMENT, actor=actor)
    if case.status == CaseStatus.PLANNING:
        change_status(
            case,
            to_status=CaseStatus.CONTRACTING,
            actor=actor,
            note=f"ИПП (версия {version.number}) е одобрен; следва договор.",
        )


def _event(version: PlanVersion, kind: str, actor, comment: str = "") -> PlanEvent:
    return PlanEvent.objects.create(
        version=version,
        kind=kind,
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_full_name() or actor.username) if actor else "система",
        comment=comment,
    )
