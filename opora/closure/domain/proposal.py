"""Closing a case (прекратяване, domain-bg.md §3.3, §9): the case manager proposes, the manager decides.

The proposal carries the final assessment of the results against the plan in force; approving it
closes the case (the place becomes free), ends the contract, records the closing report for the
referrer and, where the service was a child-protection measure and the parent withdrew, raises the
duty to tell ОЗД (ЗСУ чл. 88(2)).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.audit.domain import record
from opora.cases.domain.case import close_case
from opora.cases.domain.status import can_transition, change_status
from opora.cases.enums import CaseStatus, ClosureReason, Track
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.closure.domain.follow_up import check_next_contact, start_follow_up
from opora.closure.domain.referrer import is_child_protection_case
from opora.closure.domain.reports import (
    cancel_due_progress_reports,
    create_closing_report,
    restore_report_deadlines,
    schedule_referrer_reports,
)
from opora.closure.enums import GoalResult, ProposalStatus
from opora.closure.models import ClosureProposal, GoalOutcome
from opora.consultations.domain.sessions import cancel_planned_sessions
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months, add_working_days
from opora.deadlines.domain import fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.plans.domain.queries import plan_in_force
from opora.plans.enums import ContractStatus
from opora.tasks.domain import create_task
from opora.tasks.enums import TaskKind

APPROVAL_WORKING_DAYS = 3
ONLY_MANAGER_DECIDES = "Само управителят на центъра одобрява или връща приключването на случай."


@dataclass(frozen=True)
class GoalResultData:
    goal_id: int
    result: str
    comment: str = ""


def propose_closure(
    case: Case, *, actor, reason: str, final_assessment: str, goal_results: list[GoalResultData],
    recommendations: str = "", follow_up_on: date | None = None, reason_note: str = "",
    follow_up_plan: str = "",
) -> ClosureProposal:  # fmt: skip
    """Put the case „В процес на приключване“ with the final assessment, for the manager to approve."""
    with transaction.atomic():
        _lock(case)
        plan = plan_in_force(case)
        _check_proposal(case, actor, plan, reason, reason_note, final_assessment, goal_results)
        if follow_up_on is not None:
            check_follow_up_date(follow_up_on)
        proposal = ClosureProposal.objects.create(
            centre_id=case.centre_id, case=case, plan=plan, reason=reason,
            reason_note=reason_note.strip(), final_assessment=final_assessment.strip(),
            recommendations=recommendations.strip(), follow_up_on=follow_up_on,
            follow_up_plan=follow_up_plan.strip(), proposed_by=actor, proposed_at=timezone.now(),
        )  # fmt: skip
        _save_goal_results(proposal, plan, goal_results)
        change_status(
            case, to_status=CaseStatus.CLOSING, actor=actor, note=_proposal_note(proposal)
        )
        set_deadline(
            case=case, kind=DeadlineKind.CLOSURE_APPROVAL, actor=actor, responsible=None,
            due_on=add_working_days(timezone.localdate(), APPROVAL_WORKING_DAYS), source=proposal,
            title=f"Одобряване на приключването на случай {case.number}",
        )  # fmt: skip
        record(actor=actor, action="closure.propose", obj=case, changes=_proposal_changes(proposal))
    return proposal


def approve_closure(proposal: ClosureProposal, *, actor, comment: str = "") -> ClosureProposal:
    """Close the case: the place is freed, the contract ends, the referrer gets the closing report."""
    with transaction.atomic():
        case = _decidable(proposal, actor)
        fulfil_deadlines(
            case=case, kind=DeadlineKind.CLOSURE_APPROVAL, actor=actor, source=proposal
        )
        cancel_due_progress_reports(case, actor=actor)
        _terminate_contract(case, actor=actor, reason=proposal.get_reason_display())
        close_case(case, actor=actor, reason=proposal.reason, note=_outcome_note(proposal))
        cancel_planned_sessions(case, actor=actor, reason="Случаят е приключен.")
        restore_report_deadlines(case, actor=actor)
        _decide(proposal, ProposalStatus.APPROVED, actor, comment)
        create_closing_report(proposal, actor=actor)
        if proposal.reason == ClosureReason.WITHDRAWN and is_child_protection_case(case):
            _ask_to_notify_withdrawal(case, actor=actor)
        if proposal.follow_up_on is not None:
            # A late decision does not move the contact into the past.
            follow_up_on = max(proposal.follow_up_on, timezone.localdate())
            start_follow_up(case, actor=actor, follow_up_on=follow_up_on)
        record(actor=actor, action="closure.approve", obj=case, changes={"proposal": proposal.pk})
    return proposal


def return_closure(proposal: ClosureProposal, *, actor, comment: str) -> ClosureProposal:
    """Send the proposal back: the case is worked on again („Активен“)."""
    with transaction.atomic():
        case = _decidable(proposal, actor)
        if not comment.strip():
            raise DomainError(
                "Напишете защо връщате предложението и какво да се допълни.", field="comment"
            )
        fulfil_deadlines(
            case=case, kind=DeadlineKind.CLOSURE_APPROVAL, actor=actor, source=proposal
        )
        change_status(
            case, to_status=CaseStatus.ACTIVE, actor=actor,
            note=f"Предложението за приключване е върнато: {comment.strip()}",
        )  # fmt: skip
        _decide(proposal, ProposalStatus.RETURNED, actor, comment.strip())
        record(actor=actor, action="closure.return", obj=case, changes={"proposal": proposal.pk})
        schedule_referrer_reports(case, actor=actor)
    return proposal


def check_follow_up_date(follow_up_on: date) -> None:
    check_next_contact(follow_up_on, field="follow_up_on")


def default_follow_up(case: Case) -> date | None:
    """Today plus the centre's follow-up period; None when the centre does not follow up (0)."""
    months = settings_for(case.centre).follow_up_months
    return add_months(timezone.localdate(), months) if months else None


# Checks


def _check_proposal(case, actor, plan, reason, reason_note, final_assessment, goal_results):
    _check_may_propose(case, actor)
    _check_reason(reason, reason_note)
    _check_goal_results(plan, goal_results)
    if not final_assessment.strip():
        raise DomainError("Опишете заключителната оценка на резултатите.", field="final_assessment")


def _check_may_propose(case: Case, actor) -> None:
    if case.track == Track.GENERAL:
        raise DomainError("Общодостъпната консултация се приключва без предложение.")
    is_manager = role_in(actor, case.centre_id) == Role.MANAGER
    if not is_manager and case.case_manager_id != getattr(actor, "pk", None):
        raise DomainError("Приключване предлага водещият на случая или управителят.")
    if case.closure_proposals.filter(status=ProposalStatus.PENDING).exists():
        raise DomainError("По случая вече има предложение за приключване, което чака решение.")
    if case.reviews.filter(status="in_progress").exists():
        raise DomainError("Приключете започнатия преглед на ИПП, преди да предложите приключване.")
    if not can_transition(case, CaseStatus.CLOSING):
        raise DomainError(
            f"Случай в статус „{case.get_status_display()}“ не може да бъде предложен за приключване."
        )


def _check_reason(reason: str, note: str) -> None:
    if reason not in ClosureReason.values or reason == ClosureReason.LEFT_WAITING_LIST:
        raise DomainError("Изберете причина за приключване.", field="reason")
    if reason == ClosureReason.OTHER and not note.strip():
        raise DomainError("При „Друго“ опишете причината.", field="reason_note")


def _check_goal_results(plan, goal_results: list[GoalResultData]) -> None:
    goals = {goal.pk: goal for goal in plan.goals.all()} if plan else {}
    given = {}
    for item in goal_results:
        if item.goal_id not in goals:
            raise DomainError("Оценен е резултат по цел, която не е от ИПП в сила.")
        if item.goal_id in given:
            raise DomainError("Резултатът по една цел е оценен два пъти.")
        if item.result not in GoalResult.values:
            raise DomainError(
                f"Оценете резултата по целта „{goals[item.goal_id].title}“.",
                field=f"goal_{item.goal_id}",
            )
        given[item.goal_id] = item
    for goal_id, goal in goals.items():
        if goal_id not in given:
            raise DomainError(
                f"Оценете резултата по целта „{goal.title}“.", field=f"goal_{goal_id}"
            )


def _lock(case: Case) -> None:
    """Serialise writes on the case (a double click proposes once)."""
    locked = Case.objects.select_for_update().only("status").get(pk=case.pk)
    case.status = locked.status


def _decidable(proposal: ClosureProposal, actor) -> Case:
    if role_in(actor, proposal.centre_id) != Role.MANAGER:
        raise DomainError(ONLY_MANAGER_DECIDES)
    proposal.status = ClosureProposal.objects.select_for_update().get(pk=proposal.pk).status
    if not proposal.is_pending:
        raise DomainError(f"Предложението вече е „{proposal.get_status_display()}“.")
    case = proposal.case
    case.refresh_from_db()
    if case.status != CaseStatus.CLOSING:
        raise DomainError("Случаят не е в процес на приключване.")
    return case


# Writing


def _save_goal_results(proposal, plan, goal_results: list[GoalResultData]) -> None:
    titles = {goal.pk: goal.title for goal in plan.goals.all()} if plan else {}
    GoalOutcome.objects.bulk_create(
        GoalOutcome(proposal=proposal, goal_id=item.goal_id, goal_title=titles[item.goal_id],
                    result=item.result, comment=item.comment.strip())
        for item in goal_results
    )  # fmt: skip


def _decide(proposal: ClosureProposal, status: str, actor, comment: str) -> None:
    proposal.status, proposal.decided_by, proposal.decided_at = status, actor, timezone.now()
    proposal.manager_comment = comment.strip()
    proposal.save(update_fields=["status", "decided_by", "decided_at", "manager_comment"])


def _terminate_contract(case: Case, *, actor, reason: str) -> None:
    """The contract in force ends with the case (анекс за прекратяване, ЗСУ чл. 85(4))."""
    from opora.plans.domain.contract import terminate_contract

    today = timezone.localdate()
    contract = case.contracts.filter(
        status=ContractStatus.SIGNED, signed_on__lte=today, end_on__gte=today
    ).first()
    if contract is not None:
        terminate_contract(
            contract, actor=actor, signed_on=today, reason=f"Приключване на случая: {reason}"
        )


def _ask_to_notify_withdrawal(case: Case, *, actor) -> None:
    """The service was a protection measure (ЗСУ чл. 88(2)): ОЗД must learn of the withdrawal."""
    hours = settings_for(case.centre).notification_deadline_hours
    create_task(
        centre=case.centre, actor=actor, case=case, kind=TaskKind.OTHER, due_in=timedelta(hours=hours),
        title=(
            "Уведомете ОЗД: родителят оттегли съгласието си за услугата, "
            f"предоставяна като мярка за закрила (чл. 88, ал. 2 ЗСУ) — случай {case.number}"
        ),
    )  # fmt: skip


def _outcome_note(proposal: ClosureProposal) -> str:
    return "\n\n".join(p for p in (proposal.reason_note, proposal.final_assessment) if p)


def _proposal_note(proposal: ClosureProposal) -> str:
    return f"Предложено приключване: {proposal.get_reason_display()}"


def _proposal_changes(proposal: ClosureProposal) -> dict:
    follow_up = proposal.follow_up_on.isoformat() if proposal.follow_up_on else None
    return {"proposal": proposal.pk, "reason": proposal.reason, "follow_up_on": follow_up}
