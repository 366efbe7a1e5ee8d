"""Closing a case: the case manager proposes with the final assessment, the manager decides."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.cases.domain.capacity import capacity_of
from opora.cases.domain.intake import accept_case
from opora.cases.enums import CaseStatus, ClosureReason
from opora.closure.domain.proposal import (
    GoalResultData,
    approve_closure,
    propose_closure,
    return_closure,
)
from opora.closure.domain.reports import CLOSING_REPORT_WORKING_DAYS, schedule_referrer_reports
from opora.closure.enums import GoalResult, ProposalStatus, ReportKind, ReportStatus
from opora.closure.models import ClosureProposal, GoalOutcome, ReferrerReport
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months, add_working_days
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.plans.enums import AnnexKind, ContractStatus
from opora.referrals.enums import SourceType
from opora.reviews.domain.review import start_review
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task
from tests.factories import make_case
from tests.reviews.casework import working_case

WITHDRAWAL_TASK = "Уведомете ОЗД: родителят оттегли съгласието си"


def today():
    return timezone.localdate()


@pytest.fixture
def case(centre, manager, psychologist):
    return working_case(centre, manager, psychologist)


def results(case, result=GoalResult.ACHIEVED) -> list[GoalResultData]:
    goals = case.plan_versions.get(status="approved").goals.all()
    return [GoalResultData(goal_id=g.pk, result=result, comment="Добре") for g in goals]


def propose(case, actor, **overrides) -> ClosureProposal:
    values = {
        "reason": ClosureReason.GOALS_ACHIEVED,
        "final_assessment": "Целите на плана са постигнати.",
        "goal_results": results(case),
        "recommendations": "Посещения в читалището.",
    }
    values.update(overrides)
    return propose_closure(case, actor=actor, **values)


def _open(case, kind):
    return Deadline.objects.filter(case=case, kind=kind, done_at=None, cancelled_at=None)


# Proposing


def test_the_case_manager_proposes_and_the_managers_have_3_working_days(case, psychologist):
    proposal = propose(case, psychologist)

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSING
    assert proposal.status == ProposalStatus.PENDING
    assert [o.result for o in proposal.goals.all()] == [GoalResult.ACHIEVED] * 2
    (deadline,) = _open(case, DeadlineKind.CLOSURE_APPROVAL)
    assert deadline.responsible is None
    assert deadline.due_on == add_working_days(today(), 3)
    assert deadline.source == f"closure.closureproposal:{proposal.pk}"


def test_a_specialist_who_does_not_lead_the_case_cannot_propose(case, social_worker):
    with pytest.raises(DomainError) as refused:
        propose(case, social_worker)

    assert refused.value.message == "Приключване предлага водещият на случая или управителят."
    assert not ClosureProposal.objects.exists()


def _refused(case, actor, **overrides) -> DomainError:
    with pytest.raises(DomainError) as refused:
        propose(case, actor, **overrides)
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert not ClosureProposal.objects.exists()
    assert not GoalOutcome.objects.exists()
    assert not _open(case, DeadlineKind.CLOSURE_APPROVAL).exists()
    return refused.value


def test_every_goal_of_the_plan_needs_its_result(case, psychologist):
    first, second = results(case)

    error = _refused(case, psychologist, goal_results=[first])

    goal_title = case.plan_versions.get(status="approved").goals.get(pk=second.goal_id).title
    assert error.message == f"Оценете резултата по целта „{goal_title}“."


def test_a_result_for_a_goal_outside_the_plan_in_force_is_refused(
    case, centre, manager, psychologist
):
    other = working_case(centre, manager, psychologist, goals=("Чужда",))

    error = _refused(case, psychologist, goal_results=results(case) + results(other))

    assert error.message == "Оценен е резултат по цел, която не е от ИПП в сила."


def test_other_needs_its_description(case, psychologist):
    error = _refused(case, psychologist, reason=ClosureReason.OTHER, reason_note="")

    assert error.message == "При „Друго“ опишете причината."


def test_leaving_the_waiting_list_is_not_a_closure_reason(case, psychologist):
    error = _refused(case, psychologist, reason=ClosureReason.LEFT_WAITING_LIST)

    assert error.message == "Изберете причина за приключване."


def test_the_final_assessment_is_required(case, psychologist):
    error = _refused(case, psychologist, final_assessment="  ")

    assert error.message == "Опишете заключителната оценка на резултатите."


def test_a_follow_up_date_in_the_past_is_refused(case, psychologist):
    error = _refused(case, psychologist, follow_up_on=today() - timedelta(days=1))

    assert error.message == "Датата за проследяване не може да е в миналото."


def test_an_open_review_is_completed_first(case, psychologist):
    start_review(case, actor=psychologist, kind="scheduled")

    with pytest.raises(DomainError, match="Приключете започнатия преглед на ИПП"):
        propose(case, psychologist)


def test_a_case_can_be_proposed_once(case, psychologist, manager):
    propose(case, psychologist)

    with pytest.raises(DomainError, match="вече има предложение за приключване"):
        propose(case, manager)


# Approving


def test_approving_closes_the_case_ends_the_contract_and_owes_the_closing_report(
    case, centre, psychologist, manager
):
    schedule_referrer_reports(case, actor=manager)
    proposal = propose(case, psychologist)
    used = capacity_of(centre).used

    approve_closure(proposal, actor=manager, comment="Съгласна.")

    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    assert case.closure_reason == ClosureReason.GOALS_ACHIEVED
    assert capacity_of(centre).used == used - 1
    contract = case.contracts.get()
    assert contract.status == ContractStatus.TERMINATED
    assert contract.annexes.get().kind == AnnexKind.TERMINATE
    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by, proposal.manager_comment) == (
        ProposalStatus.APPROVED,
        manager,
        "Съгласна.",
    )
    assert not _open(case, DeadlineKind.CLOSURE_APPROVAL).exists()
    progress = ReferrerReport.objects.get(case=case, kind=ReportKind.PROGRESS)
    assert progress.status == ReportStatus.CANCELLED
    closing = ReferrerReport.objects.get(case=case, kind=ReportKind.CLOSING)
    assert closing.due_on == add_working_days(today(), CLOSING_REPORT_WORKING_DAYS)
    assert closing.closure == proposal
    assert "Целите на плана са постигнати." in closing.progress
    assert "Посещения в читалището." in closing.recommendations
    (owed,) = _open(case, DeadlineKind.REFERRER_REPORT)
    assert owed.source == f"closure.referrerreport:{closing.pk}"


def test_only_the_manager_approves(case, psychologist):
    proposal = propose(case, psychologist)

    with pytest.raises(DomainError) as refused:
        approve_closure(proposal, actor=psychologist)

    assert refused.value.message == (
        "Само управителят на центъра одобрява или връща приключването на случай."
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSING


def test_closing_frees_the_place_for_the_first_waiting_case(
    case, centre, manager, psychologist, social_worker
):
    make_case(centre, manager, CaseStatus.ACTIVE, case_manager=social_worker)
    make_case(centre, manager, CaseStatus.ACTIVE, case_manager=social_worker)
    assert capacity_of(centre).is_full
    waiting = make_case(centre, manager, CaseStatus.WAITLISTED)
    with pytest.raises(DomainError, match="Няма свободно място"):
        accept_case(waiting, actor=manager, case_manager=social_worker)

    approve_closure(propose(case, psychologist), actor=manager)
    accept_case(waiting, actor=manager, case_manager=social_worker)

    waiting.refresh_from_db()
    assert waiting.status == CaseStatus.ASSESSMENT


def test_a_withdrawal_from_an_ozd_measure_raises_the_task_to_notify_ozd(
    case, psychologist, manager
):
    proposal = propose(case, psychologist, reason=ClosureReason.WITHDRAWN)

    approve_closure(proposal, actor=manager)

    task = Task.objects.get(case=case, kind=TaskKind.OTHER)
    assert task.title.startswith(WITHDRAWAL_TASK)
    assert "чл. 88, ал. 2 ЗСУ" in task.title
    assert task.done_at is None
    assert task in Task.objects.filter(centre=case.centre, done_at__isnull=True)


def test_a_withdrawal_from_a_service_the_municipality_referred_raises_no_task(
    centre, manager, psychologist
):
    case = working_case(centre, manager, psychologist, source_type=SourceType.MUNICIPALITY)

    approve_closure(propose(case, psychologist, reason=ClosureReason.WITHDRAWN), actor=manager)

    assert not Task.objects.filter(case=case, kind=TaskKind.OTHER).exists()


def test_a_planned_follow_up_moves_the_closed_case_to_follow_up(case, psychologist, manager):
    follow_up_on = add_months(today(), 3)
    proposal = propose(case, psychologist, follow_up_on=follow_up_on, follow_up_plan="Обаждане")

    approve_closure(proposal, actor=manager)

    case.refresh_from_db()
    assert case.status == CaseStatus.FOLLOW_UP
    assert case.closure_reason == ClosureReason.GOALS_ACHIEVED
    (deadline,) = _open(case, DeadlineKind.FOLLOW_UP)
    assert deadline.due_on == follow_up_on
    closing = ReferrerReport.objects.get(case=case, kind=ReportKind.CLOSING)
    assert "План за проследяване" in closing.recommendations


def test_a_self_referred_family_gets_no_closing_report(centre, manager, psychologist):
    case = working_case(centre, manager, psychologist, source_type=SourceType.SELF_ADULT)

    approve_closure(propose(case, psychologist), actor=manager)

    assert not ReferrerReport.objects.filter(case=case).exists()


# Returning


def test_returning_puts_the_case_back_to_active_with_the_comment(case, psychologist, manager):
    proposal = propose(case, psychologist)

    return_closure(proposal, actor=manager, comment="Допълнете резултата по втората цел.")

    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED
    assert proposal.manager_comment == "Допълнете резултата по втората цел."
    assert not _open(case, DeadlineKind.CLOSURE_APPROVAL).exists()
    propose(case, psychologist)


def test_returning_needs_a_comment(case, psychologist, manager):
    proposal = propose(case, psychologist)

    with pytest.raises(DomainError) as refused:
        return_closure(proposal, actor=manager, comment=" ")

    assert refused.value.message == "Напишете защо връщате предложението и какво да се допълни."
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.PENDING


def test_a_decided_proposal_is_not_decided_again(case, psychologist, manager):
    proposal = propose(case, psychologist)
    approve_closure(proposal, actor=manager)

    with pytest.raises(DomainError) as refused:
        return_closure(proposal, actor=manager, comment="Късно")
    assert refused.value.message == "Предложението вече е „Одобрено“."


def test_approving_cancels_the_sessions_still_planned_in_the_diary(case, psychologist, manager):
    from datetime import time, timedelta

    from opora.consultations.domain.checks import SessionData
    from opora.consultations.domain.sessions import plan_session
    from opora.consultations.enums import SessionStatus

    planned = plan_session(
        case,
        actor=psychologist,
        data=SessionData(
            kind="individual_psych",
            date=today() + timedelta(days=3),
            start_time=time(10, 0),
            duration_minutes=50,
            lead=psychologist,
        ),
    )

    approve_closure(propose(case, psychologist), actor=manager)

    planned.refresh_from_db()
    assert planned.status == SessionStatus.CANCELLED
