"""The figures behind the manager's „Показатели“ and the officials' oversight pages.

Every function takes a list of centre ids, so one centre (the manager) and many (a municipality,
the whole country) are the same query. Each figure is one or two grouped queries over the period;
nothing loops over days, cases or specialists with a query per item.

Workload (ЗСУ чл. 123: the maximum number of cases one employee may work on per month) is counted
plainly for the current month: the cases a person is case manager or team member of that were open
at some moment of it — open now (a place held, or general-access work), closed or suspended since
the 1st according to the status history, or with a session dated in it that was not cancelled.
"""

from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.cases.domain.history import Stay, stays
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus
from opora.cases.models import Case, CaseTeamMember, StatusChange, WaitingListEntry
from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline

# Points on the capacity line: one a week.
SAMPLE_EVERY_DAYS = 7
# A change into one of these ends the work on a case; from follow-up back to closed is no new end.
_ENDED = Q(to_status=CaseStatus.CLOSED) & ~Q(from_status=CaseStatus.FOLLOW_UP) | Q(
    to_status=CaseStatus.CONSULTATION_CLOSED
)
_REGISTERED = Q(from_status="")
# Work in progress for the workload: a place held, or general-access work still open.
OPEN_WORK = frozenset({*OCCUPYING_STATUSES, CaseStatus.CONSULTATION_OPEN})


# Periods


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    label: str

    @property
    def months(self) -> list[date]:
        """The first day of every month of the period, in order."""
        first, result = self.start.replace(day=1), []
        while first <= self.end:
            result.append(first)
            first = _next_month(first)
        return result


def last_twelve_months(today: date) -> Period:
    start = today.replace(day=1)
    for _ in range(11):
        start = (start - timedelta(days=1)).replace(day=1)
    return Period(start, today, "последните 12 месеца")


def calendar_year(year: int, today: date) -> Period:
    end = min(date(year, 12, 31), today)
    return Period(date(year, 1, 1), end, f"{year} г.")


def month_end(first: date, *, today: date) -> date:
    return min(_next_month(first) - timedelta(days=1), today)


def _next_month(first: date) -> date:
    return date(first.year + (first.month == 12), first.month % 12 + 1, 1)


def _moment(day: date) -> datetime:
    """The first moment of `day` in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day, time.min))


# Capacity


def sample_days(period: Period) -> list[date]:
    """Every seventh day back from the period's end, oldest first (the last point is the end)."""
    days, day = [], period.end
    while day >= period.start:
        days.append(day)
        day -= timedelta(days=SAMPLE_EVERY_DAYS)
    return days[::-1]


def places_at(history: list[Stay], days: list[date]) -> list[int]:
    """Places held at the end of each of `days` by the stays (of one centre or many).

    A stay holds its place at the end of D when it began on or before D and has not ended by D:
    two sorted lists and a binary search per day, not a pass over every stay for every day.
    """
    entered = sorted(stay.entered_on for stay in history)
    left = sorted(stay.left_on for stay in history if stay.left_on is not None)
    return [bisect_right(entered, day) - bisect_right(left, day) for day in days]


def stays_by_centre(centre_ids: list[int], period: Period) -> dict[int, list[Stay]]:
    """The stays of the centres up to the period's end (`cases.domain.history.stays`), per centre."""
    result: dict[int, list[Stay]] = {centre_id: [] for centre_id in centre_ids}
    for stay in stays(centre_ids, until=period.end):
        result[stay.centre_id].append(stay)
    return result


# Waiting list


@dataclass(frozen=True)
class WaitingMonth:
    month: date
    waiting_at_end: int
    left: int
    average_days: float | None  # of those who left the list in the month


@dataclass(frozen=True)
class WaitingNow:
    count: int
    average_days: float | None  # waited so far


def waiting_entries(centre_ids: list[int], period: Period) -> dict[int, list[tuple]]:
    """Per centre, (entered_at, left_at) of every entry on the list at some moment of the period."""
    rows = WaitingListEntry.objects.filter(
        centre_id__in=centre_ids, entered_at__lt=_moment(period.end + timedelta(days=1))
    ).filter(Q(left_at__isnull=True) | Q(left_at__gte=_moment(period.start)))
    result: dict[int, list[tuple]] = {centre_id: [] for centre_id in centre_ids}
    for centre_id, entered_at, left_at in rows.values_list("centre_id", "entered_at", "left_at"):
        result[centre_id].append((entered_at, left_at))
    return result


def waiting_by_month(entries: list[tuple], period: Period) -> list[WaitingMonth]:
    result = []
    for first in period.months:
        last = month_end(first, today=period.end)
        moment, start = _moment(last + timedelta(days=1)), _moment(first)
        waiting = sum(1 for e, left in entries if e < moment and (left is None or left >= moment))
        waits = [
            _days(e, left) for e, left in entries if left is not None and start <= left < moment
        ]
        result.append(WaitingMonth(first, waiting, len(waits), _average(waits)))
    return result


def waiting_now(entries: list[tuple], now: datetime) -> WaitingNow:
    waits = [_days(entered, now) for entered, left in entries if left is None and entered <= now]
    return WaitingNow(len(waits), _average(waits))


def _days(start: datetime, end: datetime) -> int:
    return (timezone.localdate(end) - timezone.localdate(start)).days


def _average(values: list[int]) -> float | None:
    return round(sum(values) / len(values), 1) if values else None


# New and closed cases


@dataclass(frozen=True)
class MonthFlow:
    month: date
    new: int
    closed: int


def flows(centre_ids: list[int], period: Period) -> dict[int, dict[date, MonthFlow]]:
    """Per centre and month: cases registered (their first status) and cases whose work ended
    (closed, or a general-access consultation closed), from the status history, in one query."""
    rows = (
        StatusChange.objects.filter(
            case__centre_id__in=centre_ids,
            changed_at__gte=_moment(period.start),
            changed_at__lt=_moment(period.end + timedelta(days=1)),
        )
        .filter(_REGISTERED | _ENDED)
        .annotate(month=TruncMonth("changed_at"))
        .values("case__centre_id", "month")
        .annotate(
            new=Count("case_id", filter=_REGISTERED, distinct=True),
            closed=Count("case_id", filter=_ENDED, distinct=True),
        )
        .order_by()
    )
    result: dict[int, dict[date, MonthFlow]] = {centre_id: {} for centre_id in centre_ids}
    for row in rows:
        month = _month_of(row["month"])
        result[row["case__centre_id"]][month] = MonthFlow(month, row["new"], row["closed"])
    return result


def flow_series(per_month: dict[date, MonthFlow], period: Period) -> list[MonthFlow]:
    return [per_month.get(first, MonthFlow(first, 0, 0)) for first in period.months]


def _month_of(value) -> date:
    if isinstance(value, datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
        return value.date().replace(day=1)
    return value.replace(day=1)


# Overdue deadlines


def _overdue(centre_ids: list[int], today: date):
    return Deadline.objects.filter(
        centre_id__in=centre_ids, done_at=None, cancelled_at=None, due_on__lt=today
    )


def overdue_by_centre(centre_ids: list[int], today: date) -> dict[int, int]:
    rows = _overdue(centre_ids, today).values("centre_id").annotate(n=Count("id")).order_by()
    counts = {row["centre_id"]: row["n"] for row in rows}
    return {centre_id: counts.get(centre_id, 0) for centre_id in centre_ids}


def overdue_by_kind(centre_ids: list[int], today: date) -> list[tuple[str, int]]:
    rows = _overdue(centre_ids, today).values("kind").annotate(n=Count("id")).order_by("-n", "kind")
    return [(_kind_label(row["kind"]), row["n"]) for row in rows]


def _kind_label(kind: str) -> str:
    return DeadlineKind(kind).label if kind in DeadlineKind.values else kind


# Workload against the standard


def cases_open_this_month(centre_ids: list[int], today: date) -> QuerySet[Case]:
    """Cases open at some moment of the month so far: open now (holding a place or an open
    general-access consultation), or left such a status since the 1st (the status history), or
    had a session dated in the month that was not cancelled. One query, used as a subquery."""
    first = today.replace(day=1)
    left = (
        StatusChange.objects.filter(
            case__centre_id__in=centre_ids,
            from_status__in=OPEN_WORK,
            changed_at__gte=_moment(first),
        )
        .exclude(to_status__in=OPEN_WORK)
        .values("case_id")
    )
    sessions = (
        Session.objects.filter(centre_id__in=centre_ids, date__gte=first, date__lte=today)
        .exclude(status=SessionStatus.CANCELLED)
        .values("case_id")
    )
    return Case.objects.filter(centre_id__in=centre_ids).filter(
        Q(status__in=OPEN_WORK) | Q(pk__in=left) | Q(pk__in=sessions)
    )


def workload(centre_ids: list[int], open_cases: QuerySet[Case]) -> dict[int, Counter]:
    """Per centre, how many of `open_cases` each person leads or is on the team of (two queries).

    Every active case worker of the centre appears, with 0 if she has none.
    """
    result: dict[int, Counter] = defaultdict(Counter)
    workers: dict[tuple[int, int], set[int]] = defaultdict(set)
    leads = open_cases.filter(case_manager__isnull=False).order_by()
    team = CaseTeamMember.objects.filter(case__in=open_cases.values("pk")).order_by()
    for rows in (
        leads.values_list("id", "centre_id", "case_manager_id"),
        team.values_list("case_id", "case__centre_id", "user_id"),
    ):
        for case_id, centre_id, user_id in rows:
            workers[(centre_id, case_id)].add(user_id)
    for (centre_id, _case_id), users in workers.items():
        for user_id in users:
            result[centre_id][user_id] += 1
    members = Membership.objects.filter(
        centre_id__in=centre_ids, is_active=True, role__in=Role.case_workers()
    )
    for centre_id, user_id in members.values_list("centre_id", "user_id"):
        result[centre_id][user_id] += 0
    return {centre_id: result[centre_id] for centre_id in centre_ids}
