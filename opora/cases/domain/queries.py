"""Named reads of cases. Each starts from the centre, so another centre's rows never appear."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from opora.cases.domain.access import directory_cases, readable_case_ids, readable_cases
from opora.cases.enums import OPEN_STATUSES, CaseStatus
from opora.cases.models import Case, CasePerson, CaseTeamMember, WaitingListEntry
from opora.core.text import query_terms


def cases_visible_to(user, centre) -> QuerySet[Case]:
    """Cases of the centre whose content the user may read (need-to-know, see `access`)."""
    return readable_cases(user, centre)


@dataclass(frozen=True)
class CaseFilters:
    status: str = ""  # "" = open cases, "all" = every status
    target_group: str = ""
    case_manager: int | None = None
    query: str = ""
    mine: bool = False


def case_list(user, centre, filters: CaseFilters, *, limit: int, offset: int = 0) -> list[Case]:
    """The case list: every case the user may know exists (a directory entry), newest first.

    A case the user may not read carries `no_access = True`: the list shows only its number, the
    child's name, the status and the case manager. Filtering by target group (case content)
    looks only at the cases the user reads.
    """
    cases = directory_cases(user, centre).select_related("primary_person", "case_manager")
    readable = readable_cases(user, centre)
    if filters.status == "all":
        pass
    elif filters.status:
        cases = cases.filter(status=filters.status)
    else:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if filters.target_group:
        cases = cases.filter(pk__in=readable.values("pk"))
        cases = cases.filter(target_groups__group=filters.target_group)
    if filters.case_manager:
        cases = cases.filter(case_manager_id=filters.case_manager)
    if filters.mine:
        # The team as a subquery on its user index: a join would need DISTINCT over every team row.
        on_team = CaseTeamMember.objects.filter(user=user).values("case_id")
        cases = cases.filter(Q(case_manager=user) | Q(pk__in=on_team))
    for term in query_terms(filters.query):
        number = filters.query.strip()
        cases = cases.filter(Q(primary_person__search_name__contains=term) | Q(number=number))
    cases = cases.prefetch_related("target_groups")
    rows = list(cases.order_by("-registered_at", "-id")[offset : offset + limit])
    readable_ids = readable_case_ids(user, centre, rows)
    for case in rows:
        case.no_access = case.pk not in readable_ids
    return rows


def case_detail(user, centre, case_id: int) -> Case:
    """One case with everything its page shows, in a fixed number of queries; 404s outside."""
    from django.shortcuts import get_object_or_404

    queryset = (
        cases_visible_to(user, centre)
        .select_related("primary_person", "case_manager", "centre")
        .prefetch_related(
            Prefetch("people", queryset=CasePerson.objects.select_related("person").order_by("id")),
            Prefetch("team", queryset=CaseTeamMember.objects.select_related("user").order_by("id")),
            "target_groups",
            "services",
            "status_history__changed_by",
            "referrals",
            "tasks",
        )
    )
    return get_object_or_404(queryset, pk=case_id)


def my_cases(user, centre, *, limit: int = 50) -> list[Case]:
    return case_list(user, centre, CaseFilters(mine=True), limit=limit)


def new_referrals(user, centre, *, limit: int = 20) -> list[Case]:
    return case_list(user, centre, CaseFilters(status=CaseStatus.INTAKE), limit=limit)


def waiting_queryset(centre) -> QuerySet[WaitingListEntry]:
    return WaitingListEntry.objects.filter(centre=centre, left_at__isnull=True).order_by(
        "-priority", "entered_at", "id"
    )


@dataclass(frozen=True)
class WaitingRow:
    position: int
    entry: WaitingListEntry
    waiting_days: int


def waiting_list(centre, *, now: datetime | None = None) -> list[WaitingRow]:
    now = now or timezone.now()
    entries = waiting_queryset(centre).select_related("case__primary_person", "case")
    return [
        WaitingRow(position=i, entry=e, waiting_days=(now - e.entered_at).days)
        for i, e in enumerate(entries, start=1)
    ]


def first_waiting(centre) -> WaitingListEntry | None:
    return waiting_queryset(centre).select_related("case").first()


def waiting_position(case: Case) -> int | None:
    for row in waiting_list(case.centre):
        if row.entry.case_id == case.pk:
            return row.position
    return None


def waiting_entry_of(case: Case) -> WaitingListEntry | None:
    return WaitingListEntry.objects.filter(case=case, left_at__isnull=True).first()


def counts_by_status(centre) -> dict[str, int]:
    """Counts only (no content): also for the accountant."""
    from django.db.models import Count

    rows = Case.objects.filter(centre=centre).values("status").annotate(n=Count("id"))
    counts = {status: 0 for status in CaseStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts
