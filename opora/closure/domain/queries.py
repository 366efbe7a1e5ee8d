"""Named reads of closure proposals, follow-up contacts and reports to the referrer.

Case-level reads start from a case already found inside the centre (case_detail); the register
starts from the centre.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from opora.cases.enums import CaseStatus
from opora.closure.enums import ProposalStatus, ReportStatus
from opora.closure.models import ClosureProposal, FollowUpContact, GoalOutcome, ReferrerReport
from opora.core.text import query_terms
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline


def proposals_of(case) -> QuerySet[ClosureProposal]:
    outcomes = GoalOutcome.objects.select_related("goal").order_by("goal__order", "goal_id")
    return (
        ClosureProposal.objects.filter(case=case)
        .select_related("plan", "proposed_by", "decided_by")
        .prefetch_related(Prefetch("goals", queryset=outcomes))
        .order_by("-proposed_at", "-id")
    )


def pending_proposal(case) -> ClosureProposal | None:
    return proposals_of(case).filter(status=ProposalStatus.PENDING).first()


def follow_up_contacts(case) -> QuerySet[FollowUpContact]:
    return FollowUpContact.objects.filter(case=case).select_related("recorded_by")


def reports_of_case(case) -> QuerySet[ReferrerReport]:
    return (
        ReferrerReport.objects.filter(case=case)
        .select_related("created_by", "sent_recorded_by")
        .order_by("-due_on", "-id")
    )


def report_in(centre, report_id: int) -> ReferrerReport:
    """One report of the centre; another centre's report is a 404."""
    return get_object_or_404(
        ReferrerReport.objects.select_related("closure", "sent_recorded_by"),
        pk=report_id,
        centre=centre,
    )


@dataclass(frozen=True)
class ClosureState:
    """What the case page shows about closure, follow-up and reports, in four queries."""

    latest: ClosureProposal | None
    reports_due: list[ReferrerReport]
    follow_up_due_on: date | None
    last_contact: FollowUpContact | None
    review_open: bool = False

    @property
    def pending(self) -> ClosureProposal | None:
        return self.latest if self.latest and self.latest.is_pending else None


def closure_state(case) -> ClosureState:
    latest = (
        ClosureProposal.objects.filter(case=case)
        .select_related("proposed_by", "decided_by")
        .order_by("-proposed_at", "-id")
        .first()
    )
    due = list(ReferrerReport.objects.filter(case=case, status=ReportStatus.DUE).order_by("due_on"))
    follow_up = (
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.FOLLOW_UP, done_at=None, cancelled_at=None
        )
        .order_by("due_on")
        .values_list("due_on", flat=True)
        .first()
    )
    contact = FollowUpContact.objects.filter(case=case).order_by("-contacted_on", "-id").first()
    review_open = (
        case.status == CaseStatus.UNDER_REVIEW
        and case.reviews.filter(status="in_progress").exists()
    )
    return ClosureState(
        latest=latest, reports_due=due, follow_up_due_on=follow_up, last_contact=contact,
        review_open=review_open,
    )  # fmt: skip


# The centre's register of reports to the referrer (the manager's view)

REGISTER_STATES = {
    "open": "Предстоящи и просрочени",
    "overdue": "Просрочени",
    "upcoming": "Предстоящи (в срок)",
    "sent": "Изпратени",
    "cancelled": "Отпаднали",
    "all": "Всички",
}


@dataclass(frozen=True)
class RegisterFilters:
    state: str = "open"
    kind: str = ""
    query: str = ""
    sent_from: date | None = None
    sent_to: date | None = None


def report_register(
    centre, filters: RegisterFilters, *, today: date, limit: int, offset: int = 0
) -> list[ReferrerReport]:
    reports = _by_state(ReferrerReport.objects.filter(centre=centre), filters.state, today)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.sent_from:
        reports = reports.filter(sent_on__gte=filters.sent_from)
    if filters.sent_to:
        reports = reports.filter(sent_on__lte=filters.sent_to)
    for term in query_terms(filters.query):
        number = filters.query.strip()
        reports = reports.filter(
            Q(case__primary_person__search_name__contains=term) | Q(case__number=number)
        )
    order = ("-sent_on", "-id") if filters.state == "sent" else ("due_on", "id")
    rows = reports.select_related("case__primary_person", "case__case_manager").order_by(*order)
    return list(rows[offset : offset + limit])


def register_counts(centre, *, today: date) -> dict[str, int]:
    """How many reports are overdue, upcoming and sent, in one aggregate query."""
    due = Q(status=ReportStatus.DUE)
    return ReferrerReport.objects.filter(centre=centre).aggregate(
        overdue=Count("id", filter=due & Q(due_on__lt=today)),
        upcoming=Count("id", filter=due & Q(due_on__gte=today)),
        sent=Count("id", filter=Q(status=ReportStatus.SENT)),
    )


def _by_state(reports: QuerySet, state: str, today: date) -> QuerySet:
    if state == "open":
        return reports.filter(status=ReportStatus.DUE)
    if state == "overdue":
        return reports.filter(status=ReportStatus.DUE, due_on__lt=today)
    if state == "upcoming":
        return reports.filter(status=ReportStatus.DUE, due_on__gte=today)
    if state == "sent":
        return reports.filter(status=ReportStatus.SENT)
    if state == "cancelled":
        return reports.filter(status=ReportStatus.CANCELLED)
    return reports
