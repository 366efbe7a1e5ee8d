"""Named reads of deadlines. Each starts from the centre, so another centre's rows never appear.

Who answers for a deadline: the named `responsible` user; with nobody named, every manager of the
centre for the approvals (APPROVAL_KINDS) and, for everything else, whoever leads its subject: the
case manager of a case, the worker of a foster-care candidate or of a family of adopters.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.db.models import BigIntegerField, Count, F, Q, QuerySet, Value, When
from django.db.models import Case as Choose
from django.db.models.functions import Coalesce
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.cases.domain.access import readable_cases
from opora.deadlines.enums import APPROVAL_KINDS
from opora.deadlines.models import SUBJECT_FIELDS, Deadline
from opora.tasks.domain import visible_tasks
from opora.tasks.models import Task

# How many days ahead "this week" looks, besides the rest of the current Monday–Sunday week.
WEEK_AHEAD_DAYS = 7
# The key of the managers in the per-person counts (no user has id 0).
MANAGERS = 0


# The rows every list of deadlines shows: the subject, who leads it and who is named.
_SUBJECT_ROWS = (
    "case__primary_person",
    "case__case_manager",
    "candidate__worker",
    "adopter__worker",
)
# Where each subject's page is, for the link on a row: (URL name, label).
_SUBJECT_PAGES = {
    "case": ("cases:detail", None),
    "candidate": ("fostering:candidate", "Приемна грижа"),
    "adopter": ("fostering:adopter", "Осиновяване"),
}


def open_deadlines(centre) -> QuerySet[Deadline]:
    return Deadline.objects.filter(centre=centre, done_at=None, cancelled_at=None).select_related(
        *_SUBJECT_ROWS, "responsible"
    )


def overdue(centre, today: date) -> QuerySet[Deadline]:
    return open_deadlines(centre).filter(due_on__lt=today).order_by("due_on", "id")


def due_within(centre, today: date, days: int) -> QuerySet[Deadline]:
    return open_deadlines(centre).filter(
        due_on__gte=today, due_on__lte=today + timedelta(days=days)
    )


def for_user(queryset: QuerySet[Deadline], user) -> QuerySet[Deadline]:
    """A user's deadlines: those they are responsible for, and those of cases they lead.

    Approvals with nobody named wait for the managers (see `duties_of`), not for the case manager.
    """
    return queryset.filter(_named_or_led_by(user))


def duties_of(user, centre) -> Q:
    """The deadlines `user` answers for in `centre`; a manager also holds the unnamed approvals."""
    mine = _named_or_led_by(user)
    if role_in(user, centre.pk) == Role.MANAGER:
        mine |= Q(responsible__isnull=True, kind__in=APPROVAL_KINDS)
    return mine


def _named_or_led_by(user) -> Q:
    leads = Q()
    for subject, lead in SUBJECT_FIELDS.items():
        leads |= Q(**{f"{subject}__{lead}": user})
    led = Q(responsible__isnull=True) & leads & ~Q(kind__in=APPROVAL_KINDS)
    return Q(responsible=user) | led


def _lead_ids():
    """The id of whoever leads the deadline's subject (one of them is set, the others are null)."""
    return Coalesce(
        *(F(f"{subject}__{lead}_id") for subject, lead in SUBJECT_FIELDS.items()),
        output_field=BigIntegerField(),
    )


def week_horizon(today: date) -> date:
    """The last day of "this week": the coming Sunday or a week from today, whichever is later."""
    sunday = today + timedelta(days=6 - today.weekday())
    return max(sunday, today + timedelta(days=WEEK_AHEAD_DAYS))


def days_late(due_on: date, today: date) -> int:
    return max((today - due_on).days, 0)


# Rows as the pages show them


@dataclass(frozen=True)
class DutyRow:
    """One line of a list of duties: a deadline, or a task (which has a time as well)."""

    due_on: date
    kind: str
    title: str
    case: object | None
    person_name: str
    responsible: str
    days_overdue: int = 0
    warning: bool = False
    due_at: datetime | None = None
    task_id: int | None = None
    # The page of the case, candidate or adopter family the duty belongs to.
    link_name: str = ""
    link_id: int | None = None
    link_label: str = ""

    @property
    def is_overdue(self) -> bool:
        return self.days_overdue > 0 or (self.due_at is not None and self.due_at < timezone.now())


def deadline_row(deadline: Deadline, today: date) -> DutyRow:
    warn = deadline.warn_from is not None and deadline.warn_from <= today
    subject = deadline.subject
    link_name, label = _SUBJECT_PAGES[_subject_field(deadline)]
    case = deadline.case if deadline.case_id else None
    return DutyRow(
        due_on=deadline.due_on,
        kind=deadline.get_kind_display(),
        title=deadline.title,
        case=case,
        person_name=case.primary_person.full_name if case else subject.name,
        responsible=deadline.owner_label,
        days_overdue=days_late(deadline.due_on, today),
        warning=warn or deadline.due_on <= today + timedelta(days=WEEK_AHEAD_DAYS),
        link_name=link_name,
        link_id=subject.pk,
        link_label=case.number if case else label,
    )


def _subject_field(deadline: Deadline) -> str:
    return next(name for name in SUBJECT_FIELDS if getattr(deadline, f"{name}_id"))


def task_row(task: Task) -> DutyRow:
    assignee = task.assignee
    return DutyRow(
        due_on=timezone.localtime(task.due_at).date(),
        due_at=task.due_at,
        kind=task.get_kind_display(),
        title=task.title,
        case=task.case,
        person_name=task.case.primary_person.full_name if task.case else "",
        responsible=(assignee.get_full_name() or assignee.username) if assignee else "Екипът",
        task_id=task.pk,
        link_name="cases:detail" if task.case else "",
        link_id=task.case_id,
        link_label=task.case.number if task.case else "",
    )


# „Моята работа“


@dataclass(frozen=True)
class MyWork:
    today: date
    horizon: date
    overdue: list[DutyRow]
    this_week: list[DutyRow]
    warnings: list[DutyRow]
    approvals: list[DutyRow] | None  # None: the user is not a manager
    tasks: list[DutyRow]

    @property
    def overdue_approvals(self) -> int:
        return sum(1 for row in self.approvals or [] if row.days_overdue)

    @property
    def is_empty(self) -> bool:
        sections = (self.overdue, self.this_week, self.warnings, self.approvals, self.tasks)
        return not any(sections)


def my_work(user, centre, today: date) -> MyWork:
    """The user's open duties in the centre, in two queries whatever their number."""
    horizon = week_horizon(today)
    is_manager = role_in(user, centre.pk) == Role.MANAGER
    relevant = Q(due_on__lte=horizon) | Q(warn_from__lte=today)
    if is_manager:
        relevant |= Q(kind__in=APPROVAL_KINDS)  # the whole queue of approvals, however far
    deadlines = open_deadlines(centre).filter(duties_of(user, centre)).filter(relevant)
    # Need-to-know: a case's deadline shows only to whom reads the case.
    deadlines = deadlines.filter(Q(case__isnull=True) | Q(case__in=readable_cases(user, centre)))
    sections: dict[str, list[DutyRow]] = {
        "overdue": [],
        "this_week": [],
        "warnings": [],
        "approvals": [],
    }
    for deadline in deadlines.order_by("due_on", "id"):
        section = _section_of(deadline, today, horizon, is_manager=is_manager)
        sections[section].append(deadline_row(deadline, today))
    return MyWork(
        today=today,
        horizon=horizon,
        overdue=sections["overdue"],
        this_week=sections["this_week"],
        warnings=sections["warnings"],
        approvals=sections["approvals"] if is_manager else None,
        tasks=[task_row(task) for task in open_tasks_for(user, centre)],
    )


def _section_of(deadline: Deadline, today: date, horizon: date, *, is_manager: bool) -> str:
    if is_manager and deadline.kind in APPROVAL_KINDS:
        return "approvals"
    if deadline.due_on < today:
        return "overdue"
    if deadline.due_on <= horizon:
        return "this_week"
    return "warnings"


def open_tasks_for(user, centre) -> QuerySet[Task]:
    """The centre's open tasks that nobody took and those given to the user (case workers only)."""
    if role_in(user, centre.pk) not in Role.case_workers():
        return Task.objects.none()
    return (
        visible_tasks(user, centre)
        .filter(done_at__isnull=True)
        .filter(Q(assignee__isnull=True) | Q(assignee=user))
        .select_related("case__primary_person", "assignee")
        .order_by("due_at", "id")
    )


# The manager's list of the centre's overdue deadlines


@dataclass(frozen=True)
class OverdueFilters:
    owner: int | None = None  # a user id, MANAGERS, or None for everybody
    kind: str = ""
    within_days: int = 0  # also the deadlines due in the next N days


def _owner_key():
    """The id of the user who answers for the deadline; MANAGERS for the unnamed approvals."""
    return Choose(
        When(responsible__isnull=False, then=F("responsible_id")),
        When(kind__in=APPROVAL_KINDS, then=Value(MANAGERS)),
        default=_lead_ids(),
        output_field=BigIntegerField(),
    )


def _centre_selection(centre, today: date, filters: OverdueFilters) -> QuerySet[Deadline]:
    if filters.within_days:
        selected = open_deadlines(centre).filter(
            due_on__lte=today + timedelta(days=filters.within_days)
        )
    else:
        selected = open_deadlines(centre).filter(due_on__lt=today)
    if filters.kind:
        selected = selected.filter(kind=filters.kind)
    return selected.annotate(owner_key=_owner_key())


def centre_overdue(
    centre, today: date, filters: OverdueFilters, *, limit: int, offset: int = 0
) -> list[DutyRow]:
    selected = _centre_selection(centre, today, filters)
    if filters.owner is not None:
        selected = selected.filter(owner_key=filters.owner)
    page = selected.order_by("due_on", "id")[offset : offset + limit]
    return [deadline_row(deadline, today) for deadline in page]


@dataclass(frozen=True)
class OwnerCount:
    key: int | None
    name: str
    overdue: int
    upcoming: int


def counts_by_owner(centre, today: date, filters: OverdueFilters) -> list[OwnerCount]:
    """Overdue (and upcoming) deadlines per person, in one aggregate query and one for the names."""
    rows = list(
        _centre_selection(centre, today, filters)
        .values("owner_key")
        .annotate(
            overdue=Count("id", filter=Q(due_on__lt=today)),
            upcoming=Count("id", filter=Q(due_on__gte=today)),
        )
        .order_by()
    )
    ids = [row["owner_key"] for row in rows if row["owner_key"]]
    users = get_user_model().objects.in_bulk(ids) if ids else {}
    counts = [
        OwnerCount(
            row["owner_key"], _owner_name(row["owner_key"], users), row["overdue"], row["upcoming"]
        )
        for row in rows
    ]
    return sorted(counts, key=lambda c: (-c.overdue, -c.upcoming, c.name))


def _owner_name(key: int | None, users: dict) -> str:
    if key == MANAGERS:
        return "Управителите (одобрения)"
    if key is None:
        return "Без отговорник"
    user = users.get(key)
    return (user.get_full_name() or user.username) if user else "—"


def people_to_filter_by(centre) -> QuerySet:
    """The centre's case workers and anyone still answering for an open deadline (e.g. who left)."""
    open_ones = Deadline.objects.filter(centre=centre, done_at=None, cancelled_at=None)
    staff = Q(
        memberships__centre=centre,
        memberships__is_active=True,
        memberships__role__in=Role.case_workers(),
    )
    named = Q(pk__in=open_ones.values("responsible_id"))
    leading = Q(pk__in=open_ones.annotate(lead=_lead_ids()).values("lead"))
    return (
        get_user_model()
        .objects.filter(staff | named | leading)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def overdue_tasks_count(centre, now: datetime) -> int:
    return Task.objects.filter(centre=centre, done_at__isnull=True, due_at__lt=now).count()


# The case page and the dashboard


@dataclass(frozen=True)
class CaseDeadlines:
    open: list[DutyRow]
    fulfilled: list[Deadline]


def case_deadlines(case, today: date, *, fulfilled: int = 5) -> CaseDeadlines:
    """The case's open deadlines and the last few met, in two queries."""
    return subject_deadlines(today, case=case, fulfilled=fulfilled)


def subject_deadlines(
    today: date, *, fulfilled: int = 5, case=None, candidate=None, adopter=None
) -> CaseDeadlines:
    """The open deadlines of a case, candidate or adopter family and the last few met (2 queries)."""
    field, subject = next(
        (name, obj)
        for name, obj in (("case", case), ("candidate", candidate), ("adopter", adopter))
        if obj is not None
    )
    open_ones = list(
        Deadline.objects.filter(**{field: subject}, done_at=None, cancelled_at=None)
        .select_related("responsible")
        .order_by("due_on", "id")
    )
    for deadline in open_ones:
        setattr(deadline, field, subject)  # the page already holds its people and its lead
    done = (
        Deadline.objects.filter(**{field: subject}, done_at__isnull=False)
        .select_related("done_by")
        .order_by("-done_at", "-id")[:fulfilled]
    )
    return CaseDeadlines(
        open=[deadline_row(deadline, today) for deadline in open_ones], fulfilled=list(done)
    )


@dataclass(frozen=True)
class DeadlineCounts:
    mine_overdue: int
    mine_this_week: int
    centre_overdue: int | None  # None: not a manager
    approvals: int | None


def dashboard_counts(user, centre, today: date) -> DeadlineCounts:
    """The user's and (for a manager) the centre's counts, in one aggregate query."""
    is_manager = role_in(user, centre.pk) == Role.MANAGER
    mine = duties_of(user, centre)
    late, this_week = Q(due_on__lt=today), Q(due_on__gte=today, due_on__lte=week_horizon(today))
    aggregates = {
        "mine_overdue": Count("id", filter=mine & late),
        "mine_this_week": Count("id", filter=mine & this_week),
    }
    if is_manager:
        aggregates["centre_overdue"] = Count("id", filter=late)
        aggregates["approvals"] = Count("id", filter=mine & Q(kind__in=APPROVAL_KINDS))
    found = Deadline.objects.filter(centre=centre, done_at=None, cancelled_at=None).aggregate(
        **aggregates
    )
    return DeadlineCounts(
        mine_overdue=found["mine_overdue"],
        mine_this_week=found["mine_this_week"],
        centre_overdue=found.get("centre_overdue"),
        approvals=found.get("approvals"),
    )
