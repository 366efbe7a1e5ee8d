"""The grouped queries behind the statistics: every one runs over all centres of a scope at once.

Nothing here loops over centres: each query filters `centre_id IN (…)` and groups by centre (and
by the value counted), so a roll-up over 300 centres costs the same handful of queries as one
centre. Results are `Counter`s keyed by `(centre_id, value)`; `statistics.py` sums them into
municipalities and the total.

Who held a status during a period is read from the status history without replaying it: a case
was in one of `statuses` at some moment of [start, end] if a change inside the period came from
or went to one of them, or if it was in one of them at the period's end (the first later change
came from one — ranked per case in one pass over the later changes —, or there is no later change
and the case is in one now). A change's `from_status`
is always the status before it (`change_status` writes both), so this gives the same cases as
`opora.cases.domain.history.users_in_period`, which replays the history (a test holds them equal).
"""

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Exists, F, OuterRef, Q, Subquery, Window
from django.db.models.functions import RowNumber, TruncDate
from django.utils import timezone

from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment
from opora.cases.enums import CaseStatus
from opora.cases.models import Case, CaseService, CaseTargetGroup, StatusChange, WaitingListEntry
from opora.centres.models import Centre
from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session
from opora.plans.enums import PlanStatus
from opora.plans.models import Annex, Contract, PlanVersion
from opora.referrals.models import Referral
from opora.reporting.domain.periods import Period
from opora.reviews.enums import ReviewStatus
from opora.reviews.models import Review

APPROVED_PLAN = (PlanStatus.APPROVED, PlanStatus.SUPERSEDED)
# Above this many centres the filter is a subquery of the centres table: with a long IN list
# PostgreSQL walks the centre index of a big table and filters millions of rows, where a hash
# join over one scan of the period is several times faster. A few centres keep the list (and the
# (centre, date) indexes).
_LIST_UP_TO = 20


def _centres(centre_ids: list[int]):
    if len(centre_ids) <= _LIST_UP_TO:
        return centre_ids
    return Centre.objects.filter(pk__in=centre_ids).values("pk")


@dataclass(frozen=True)
class UserRow:
    """One user of the period with what the breakdowns need (one row per case)."""

    case_id: int
    centre_id: int
    track: str
    birth_date: date | None
    sex: str
    closed_on: date | None
    closure_reason: str
    refusal_ground: str
    source: str | None
    duration_class: str | None


def cases_in_statuses(centre_ids: list[int], period: Period, statuses: Iterable[str]):
    """Case ids (a subquery) whose status changed from or to one of `statuses` in the period."""
    statuses = list(statuses)
    changed_inside = StatusChange.objects.filter(
        case__centre_id__in=_centres(centre_ids),
        changed_at__gte=period.first_moment(),
        changed_at__lt=period.moment_after(),
    ).filter(Q(from_status__in=statuses) | Q(to_status__in=statuses))
    return changed_inside.values("case_id")


def cases_in_statuses_at_end(centre_ids: list[int], period: Period, statuses: Iterable[str]):
    """Ids of the cases in one of `statuses` at the end of the period's last day.

    The status then is the `from_status` of the first later change (ranked per case in one pass
    over the later changes), or the case's status now if nothing changed since.
    """
    statuses = set(statuses)
    after = period.moment_after()
    later = StatusChange.objects.filter(
        case__centre_id__in=_centres(centre_ids), changed_at__gte=after
    )
    first_later = later.annotate(
        rank=Window(RowNumber(), partition_by=[F("case_id")], order_by=[F("changed_at"), F("id")])
    ).filter(rank=1)
    found = {case_id for case_id, was in first_later.values_list("case_id", "from_status")
             if was in statuses}  # fmt: skip
    unchanged = (
        Case.objects.filter(centre_id__in=_centres(centre_ids), status__in=statuses)
        .exclude(Exists(StatusChange.objects.filter(case_id=OuterRef("pk"), changed_at__gte=after)))
        .values_list("pk", flat=True)
    )
    return found | set(unchanged)


def user_rows(centre_ids: list[int], period: Period, statuses: Iterable[str]) -> "Users":
    """One row per case in `statuses` at some moment of the period, with its attributes."""
    statuses = list(statuses)
    inside = cases_in_statuses(centre_ids, period, statuses)
    rows = {row.case_id: row for row in _attributes(Case.objects.filter(pk__in=inside), period)}
    at_end = cases_in_statuses_at_end(centre_ids, period, statuses)
    # Most cases in a status at the end also changed inside the period: fetch only the others.
    only_at_end = at_end - rows.keys()
    for chunk in _chunks(sorted(only_at_end)):
        for row in _attributes(Case.objects.filter(pk__in=chunk), period):
            rows[row.case_id] = row
    return Users(list(rows.values()), inside, only_at_end)


@dataclass(frozen=True)
class Users:
    """The users' rows; how to select them again: a subquery plus the few ids it misses."""

    rows: list[UserRow]
    inside: object  # the subquery of cases with a change in the period
    only_at_end: set[int]


def _attributes(cases, period: Period) -> Iterable[UserRow]:
    first_referral = Referral.objects.filter(case_id=OuterRef("pk")).order_by("received_at", "id")
    plan_in_force = PlanVersion.objects.filter(
        case_id=OuterRef("pk"), status__in=APPROVED_PLAN, decided_at__lt=period.moment_after()
    ).order_by("-number")
    values = cases.annotate(
        source=Subquery(first_referral.values("source_type")[:1]),
        duration=Subquery(plan_in_force.values("duration_class")[:1]),
        # The local day of the closure, computed by the database (no datetime per row here).
        closed_day=TruncDate("closed_at"),
    ).values_list(
        "pk", "centre_id", "track", "primary_person__birth_date", "primary_person__sex",
        "closed_day", "closure_reason", "refusal_ground", "source", "duration",
    )  # fmt: skip
    last_day = period.end
    for pk, centre_id, track, born, sex, closed_day, reason, ground, source, duration in values:
        closed_on = closed_day if closed_day is not None and closed_day <= last_day else None
        yield UserRow(
            pk, centre_id, track, born, sex, closed_on,
            reason if closed_on else "", ground if closed_on else "", source, duration,
        )  # fmt: skip


def multi_values(model, field: str, users: Users) -> Counter:
    """(centre_id, value) counts of a multi-valued attribute (target group, service) of users."""
    counts: Counter = Counter()
    chosen = sorted(users.only_at_end)
    selections = [Q(case_id__in=users.inside)] + [Q(case_id__in=chunk) for chunk in _chunks(chosen)]
    for selection in selections:
        rows = (
            model.objects.filter(selection)
            .values_list("case__centre_id", field)
            .annotate(n=Count("id"))
            .order_by()
        )
        for centre_id, value, n in rows:
            counts[(centre_id, value)] += n
    return counts


# Ids per query: well under the bind-parameter limits of SQLite and PostgreSQL.
_CHUNK = 20000


def _chunks(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), _CHUNK):
        yield ids[start : start + _CHUNK]


def target_groups(users: Users) -> Counter:
    return multi_values(CaseTargetGroup, "group", users)


def services(users: Users) -> Counter:
    return multi_values(CaseService, "service", users)


def _by_centre(queryset, centre_field: str, value_field: str | None = None) -> Counter:
    fields = [centre_field] + ([value_field] if value_field else [])
    counts: Counter = Counter()
    for row in queryset.values_list(*fields).annotate(n=Count("id")).order_by():
        key = (row[0], row[1]) if value_field else (row[0], "")
        counts[key] += row[-1]
    return counts


def _moments(period: Period, field: str) -> dict:
    return {f"{field}__gte": period.first_moment(), f"{field}__lt": period.moment_after()}


def _days(period: Period, field: str) -> dict:
    return {f"{field}__gte": period.start, f"{field}__lte": period.end}


def new_cases(centre_ids: list[int], period: Period) -> Counter:
    """Case files registered in the period, by track."""
    cases = Case.objects.filter(
        centre_id__in=_centres(centre_ids), **_moments(period, "registered_at")
    )
    return _by_centre(cases, "centre_id", "track")


def admitted(centre_ids: list[int], period: Period) -> Counter:
    """Cases that entered the service (first or again) in the period: a change into ИОП."""
    changes = StatusChange.objects.filter(
        case__centre_id__in=_centres(centre_ids), to_status=CaseStatus.ASSESSMENT,
        **_moments(period, "changed_at"),
    ).exclude(from_status__in=_WORKING)  # fmt: skip
    return _distinct_cases(changes)


def closed(centre_ids: list[int], period: Period) -> Counter:
    """Cases closed in the period, each once however often it was closed (specialised, general)."""
    changes = StatusChange.objects.filter(
        case__centre_id__in=_centres(centre_ids),
        to_status__in=(CaseStatus.CLOSED, CaseStatus.CONSULTATION_CLOSED),
        **_moments(period, "changed_at"),
    )
    return _distinct_cases(changes)


# Statuses a case returns to assessment from without being admitted again (a step back).
_WORKING = (CaseStatus.PLANNING, CaseStatus.SUSPENDED)


def _distinct_cases(changes) -> Counter:
    rows = changes.values_list("case__centre_id").annotate(n=Count("case_id", distinct=True))
    return Counter({(centre_id, ""): n for centre_id, n in rows.order_by()})


def assessments(centre_ids: list[int], period: Period) -> Counter:
    """ИОП completed in the period: "first" for the case's first, "update" for a later one."""
    earlier = Assessment.objects.filter(
        case_id=OuterRef("case_id"),
        status=AssessmentStatus.COMPLETED,
        number__lt=OuterRef("number"),
    )
    done = Assessment.objects.filter(
        centre_id__in=_centres(centre_ids), status=AssessmentStatus.COMPLETED,
        **_moments(period, "completed_at"),
    ).annotate(update=Exists(earlier))  # fmt: skip
    return _first_or_update(done)


def plans(centre_ids: list[int], period: Period) -> Counter:
    """ИПП versions approved in the period: the case's first approved one, or an update."""
    earlier = PlanVersion.objects.filter(
        case_id=OuterRef("case_id"), status__in=APPROVED_PLAN, number__lt=OuterRef("number")
    )
    approved = PlanVersion.objects.filter(
        centre_id__in=_centres(centre_ids),
        status__in=APPROVED_PLAN,
        **_moments(period, "decided_at"),
    ).annotate(update=Exists(earlier))
    return _first_or_update(approved)


def _first_or_update(queryset) -> Counter:
    counts: Counter = Counter()
    for centre_id, update, n in (
        queryset.values_list("centre_id", "update").annotate(n=Count("id")).order_by()
    ):
        counts[(centre_id, "update" if update else "first")] += n
    return counts


def contracts(centre_ids: list[int], period: Period) -> Counter:
    signed = Contract.objects.filter(
        centre_id__in=_centres(centre_ids), **_days(period, "signed_on")
    )
    return _by_centre(signed, "centre_id")


def annexes(centre_ids: list[int], period: Period) -> Counter:
    signed = Annex.objects.filter(
        contract__centre_id__in=_centres(centre_ids), **_days(period, "signed_on")
    )
    return _by_centre(signed, "contract__centre_id")


def reviews(centre_ids: list[int], period: Period) -> Counter:
    held = Review.objects.filter(
        centre_id__in=_centres(centre_ids),
        status=ReviewStatus.COMPLETED,
        **_days(period, "held_on"),
    )
    return _by_centre(held, "centre_id")


def sessions(centre_ids: list[int], period: Period) -> Counter:
    """Sessions held in the period, by kind (every held session: the fact is not secret)."""
    held = Session.objects.filter(
        centre_id__in=_centres(centre_ids), status=SessionStatus.HELD, **_days(period, "date")
    )
    return _by_centre(held, "centre_id", "kind")


@dataclass(frozen=True)
class Waiting:
    entered: Counter
    admitted: Counter
    wait_days: Counter
    waiting_at_end: Counter


def waiting_list(centre_ids: list[int], period: Period) -> Waiting:
    entries = WaitingListEntry.objects.filter(centre_id__in=_centres(centre_ids))
    after = period.moment_after()
    entered = _by_centre(entries.filter(**_moments(period, "entered_at")), "centre_id")
    at_end = entries.filter(entered_at__lt=after).filter(Q(left_at=None) | Q(left_at__gte=after))
    admissions = StatusChange.objects.filter(
        case_id=OuterRef("case_id"), from_status=CaseStatus.WAITLISTED,
        to_status=CaseStatus.ASSESSMENT, **_moments(period, "changed_at"),
    )  # fmt: skip
    left = entries.filter(**_moments(period, "left_at")).filter(Exists(admissions))
    admitted_counts: Counter = Counter()
    wait_days: Counter = Counter()
    for centre_id, entered_at, left_at in left.values_list("centre_id", "entered_at", "left_at"):
        admitted_counts[(centre_id, "")] += 1
        days = (timezone.localdate(left_at) - timezone.localdate(entered_at)).days
        wait_days[(centre_id, "")] += days
    return Waiting(entered, admitted_counts, wait_days, _by_centre(at_end, "centre_id"))
