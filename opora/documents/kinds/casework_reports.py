"""The reports: of a plan review (INTERNAL), to the referrer (ОЗД) and at closure (EXTERNAL)."""

from datetime import date

from django.utils import timezone

from opora.closure.domain.referrer import has_referrer, main_referral
from opora.closure.enums import ProposalStatus, ReportKind, ReportStatus
from opora.closure.models import ClosureProposal, ReferrerReport
from opora.consultations.models import Session
from opora.documents.kinds.base import (
    DocumentRequest,
    Signatory,
    plain_date,
    readable_case_or_404,
    user_name,
)
from opora.documents.kinds.casework_common import (
    CASE_MANAGER,
    case_data,
    contract_data,
    manager_signature,
    of_centre,
    progress_row,
    session_counts,
    sessions_between,
)
from opora.plans.models import Contract
from opora.reviews.enums import ReviewStatus
from opora.reviews.models import GoalProgress, Review

# The review report (internal: the case file)


def load_review(request):
    review = of_centre(Review, request, centre=request.centre, pk=request.subject_id)
    return review


def _review_period(review: Review) -> date | None:
    """The first day the review looks back on: the day after the previous completed review,
    else the start of the plan reviewed."""
    previous = (
        Review.objects.filter(case=review.case, status=ReviewStatus.COMPLETED)
        .filter(held_on__lt=review.held_on)
        .exclude(pk=review.pk)
        .order_by("-held_on", "-id")
        .first()
    )
    if previous is not None:
        return previous.held_on
    return review.plan.start_on if review.plan_id else None


def build_review(review: Review, request) -> dict:
    first = _review_period(review)
    sessions = sessions_between(review.case, first, review.held_on)
    progress = GoalProgress.objects.filter(review=review).select_related("goal")
    return {
        "case": case_data(review.case),
        "review": {
            "kind": review.get_kind_display(),
            "scheduled": not review.is_event,
            "reason": review.reason,
            "held_on": review.held_on,
            "completed": review.status == ReviewStatus.COMPLETED,
            "completed_on": plain_date(review.completed_at),
            "completed_by": user_name(review.completed_by),
            "plan_version": review.plan.number if review.plan_id else None,
            "period_from": first,
            "needs_change": review.needs_change,
            "child_view": review.child_view,
            "child_not_heard_reason": review.child_not_heard_reason,
            "decisions": review.decisions,
            "update_assessment": review.update_assessment,
            "update_plan": review.update_plan,
            "next_review_on": review.next_review_on,
        },
        "progress": [progress_row(p) for p in progress.order_by("goal__order", "goal_id")],
        "sessions": [_session_row(s, request) for s in sessions],
        "session_counts": session_counts(sessions),
    }


def _session_row(session: Session, request: DocumentRequest) -> dict:
    """A session of the review period; its notes only at a level the document may show."""
    readable = request.may_read(session)
    return {
        "date": session.date,
        "kind": session.get_kind_display(),
        "status": session.get_status_display(),
        "lead": user_name(session.lead),
        "goal": session.goal_title,
        "notes": session.notes if readable else "",
        "next_steps": session.next_steps if readable else "",
        "restricted": not readable,
    }


def review_signatories(review: Review, request) -> list[Signatory]:
    author = review.completed_by or review.case.case_manager
    return [
        Signatory(
            user_name(author), CASE_MANAGER if author == review.case.case_manager else "Изготвил"
        ),
        manager_signature(review.case),
    ]


# The report to the referrer (ОЗД)


def load_report(request):
    return of_centre(ReferrerReport, request, centre=request.centre, pk=request.subject_id)


def build_report(report: ReferrerReport, request) -> dict:
    case = report.case
    last = report.period_to or report.sent_on or timezone.localdate()
    sessions = sessions_between(case, report.period_from, last)
    return {
        "case": case_data(case),
        "report": _report_data(report),
        "goal_progress": _latest_progress(case, last),
        "session_counts": session_counts(sessions),
    }


def _report_data(report: ReferrerReport) -> dict:
    return {
        "kind": report.get_kind_display(),
        "closing": report.kind == ReportKind.CLOSING,
        "new_risk": report.kind == ReportKind.NEW_RISK,
        "on_request": report.kind == ReportKind.ON_REQUEST,
        "sent": report.status == ReportStatus.SENT,
        "addressee_institution": report.addressee_institution,
        "addressee_officer": report.addressee_officer,
        "reference_number": report.reference_number,
        "sent_on": report.sent_on,
        "channel": report.get_channel_display() if report.channel else "",
        "due_on": report.due_on,
        "period_from": report.period_from,
        "period_to": report.period_to,
        "request_note": report.request_note,
        "progress": report.progress,
        "risks": report.risks,
        "recommendations": report.recommendations,
    }


def _latest_progress(case, until: date) -> dict | None:
    """The progress per goal found by the newest completed review up to `until`."""
    review = (
        Review.objects.filter(case=case, status=ReviewStatus.COMPLETED, held_on__lte=until)
        .order_by("-held_on", "-id")
        .first()
    )
    if review is None:
        return None
    rows = GoalProgress.objects.filter(review=review).select_related("goal")
    return {
        "held_on": review.held_on,
        "goals": [progress_row(p) for p in rows.order_by("goal__order", "goal_id")],
    }


def report_signatories(report: ReferrerReport, request) -> list[Signatory]:
    case = report.case
    return [Signatory(user_name(case.case_manager), CASE_MANAGER), manager_signature(case)]


def report_unavailable(report: ReferrerReport) -> str:
    if report.status == ReportStatus.CANCELLED:
        return "Докладът е отпаднал: за него не се издава документ."
    if not report.has_content:
        return "Докладът още няма съдържание: попълнете напредъка, рисковете или препоръките."
    return ""


# The closing report (заключителна оценка / доклад за приключване): the case's closure


def _proposal_of(case) -> ClosureProposal | None:
    """The closure being decided, else the newest approved one (a reopened case may have two)."""
    proposals = ClosureProposal.objects.filter(case=case).select_related(
        "plan", "proposed_by", "decided_by"
    )
    for status in (ProposalStatus.PENDING, ProposalStatus.APPROVED):
        found = proposals.filter(status=status).order_by("-proposed_at", "-id").first()
        if found is not None:
            return found
    return None


def load_closing(request):
    case = readable_case_or_404(request, request.subject_id)
    case.closure_proposal = _proposal_of(case)
    return case


def _closure_data(proposal: ClosureProposal) -> dict:
    outcomes = proposal.goals.select_related("goal").order_by("goal__order", "goal_id")
    return {
        "pending": proposal.status == ProposalStatus.PENDING,
        "status": proposal.get_status_display(),
        "reason": proposal.get_reason_display(),
        "reason_note": proposal.reason_note,
        "final_assessment": proposal.final_assessment,
        "recommendations": proposal.recommendations,
        "follow_up_on": proposal.follow_up_on,
        "follow_up_plan": proposal.follow_up_plan,
        "proposed_on": plain_date(proposal.proposed_at),
        "proposed_by": user_name(proposal.proposed_by),
        "decided_on": plain_date(proposal.decided_at),
        "decided_by": user_name(proposal.decided_by),
        "plan_version": proposal.plan.number if proposal.plan_id else None,
        "plan_start_on": proposal.plan.start_on if proposal.plan_id else None,
        "results": [
            {
                "goal": o.goal_title,
                "expected_result": o.goal.expected_result,
                "result": o.get_result_display(),
                "comment": o.comment,
            }
            for o in outcomes
        ],
    }


def _notice_to_referrer(case, proposal: ClosureProposal) -> dict:
    """Who is told of the closure and how: the closing report to the referrer, if one is owed."""
    report = proposal.reports.filter(kind=ReportKind.CLOSING).order_by("-id").first()
    referral = main_referral(case)
    institution = report.addressee_institution if report else ""
    if not institution and referral is not None:
        institution = referral.institution or referral.get_source_type_display()
    return {
        "owed": report is not None and report.status != ReportStatus.CANCELLED,
        # The closing report is written when the manager approves the closure.
        "after_approval": report is None and proposal.is_pending and has_referrer(case),
        "institution": institution,
        "officer": report.addressee_officer if report else "",
        "due_on": report.due_on if report else None,
        "sent_on": report.sent_on if report else None,
        "channel": report.get_channel_display() if report and report.channel else "",
        "reference_number": report.reference_number if report else "",
    }


def build_closing(case, request) -> dict:
    proposal = case.closure_proposal
    contract = Contract.objects.filter(case=case).order_by("-created_at", "-id").first()
    sessions = sessions_between(case, None, plain_date(case.closed_at))
    return {
        "case": case_data(case),
        # None until the case is proposed for closure (the page says why nothing is issued).
        "closure": _closure_data(proposal) if proposal else None,
        "notice": _notice_to_referrer(case, proposal) if proposal else None,
        "contract": contract_data(contract) if contract else None,
        "session_counts": session_counts(sessions),
    }


def closing_signatories(case, request) -> list[Signatory]:
    proposal = case.closure_proposal
    decided_by = proposal.decided_by if proposal is not None else None
    return [
        Signatory(user_name(case.case_manager), CASE_MANAGER),
        manager_signature(case, decided_by),
    ]


def closing_unavailable(case) -> str:
    if case.closure_proposal is None:
        return "Няма предложение за приключване на случая: първо го предложете за приключване."
    return ""


def describe_closing(case) -> str:
    proposal = case.closure_proposal
    if proposal is None:
        return f"Случай № {case.number}"
    return f"Приключване на случай № {case.number} ({proposal.get_status_display().lower()})"
