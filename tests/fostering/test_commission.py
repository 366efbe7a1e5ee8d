"""The Commission's decision: approval with capacity and profile, more information, refusal; removal."""

import pytest
from django.utils import timezone

from opora.core.errors import DomainError
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.commission import record_commission_decision, remove_from_register
from opora.fostering.domain.placements import end_placement
from opora.fostering.domain.reports import current_report, sign_report, write_report
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import CandidateStatus, DecisionOutcome
from tests.fostering.records import days_ago, decision, place
from tests.web.state import changed_tables, database_state

S, Outcome = CandidateStatus, DecisionOutcome


def test_an_approval_records_the_capacity_and_profile_and_enters_the_register(
    candidate_at, manager
):
    candidate = candidate_at(S.COMMISSION)

    made = record_commission_decision(
        candidate, actor=manager, data=decision(Outcome.APPROVED, child_sex="female")
    )

    candidate.refresh_from_db()
    assert candidate.status == S.APPROVED
    assert candidate.approval == made
    assert made.profile == "до 2 деца, 3–12 г., момиче"
    assert candidate.history.last().note == (
        f"Утвърждава и вписва в регистъра: протокол № 12 от {days_ago(30):%d.%m.%Y}"
    )


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"capacity": None}, "Посочете за колко деца е утвърдено семейството."),
        ({"age_from": 10, "age_to": 5}, "Възрастта „от“ не може да е по-голяма от „до“."),
        ({"age_to": 19}, "Възрастта е от 0 до 18 години."),
        ({"protocol_number": "  "}, "Въведете номера на протокола."),
        ({"outcome": "maybe"}, "Изберете решението на Комисията."),
    ],
)
def test_a_wrong_approval_is_refused_and_saves_nothing(overrides, message, candidate_at, manager):
    candidate = candidate_at(S.COMMISSION)
    before = database_state()

    with pytest.raises(DomainError) as refused:
        record_commission_decision(
            candidate,
            actor=manager,
            data=decision(**{"outcome": Outcome.APPROVED, **overrides}),
        )

    assert refused.value.message == message
    assert changed_tables(before, database_state()) == []


def test_a_refusal_needs_its_reasons(candidate_at, manager):
    candidate = candidate_at(S.COMMISSION)

    with pytest.raises(DomainError, match="Опишете мотивите за отказа"):
        record_commission_decision(
            candidate, actor=manager, data=decision(Outcome.REFUSED, reasons="")
        )
    record_commission_decision(candidate, actor=manager, data=decision(Outcome.REFUSED))

    candidate.refresh_from_db()
    assert candidate.status == S.REFUSED


def test_more_information_sends_the_family_back_to_assessment_with_a_new_report_to_sign(
    candidate_at, manager
):
    candidate = candidate_at(S.COMMISSION)
    due = timezone.localdate().replace(year=timezone.localdate().year + 1)

    record_commission_decision(
        candidate, actor=manager, data=decision(Outcome.MORE_INFORMATION, information_due_on=due)
    )

    candidate.refresh_from_db()
    assert candidate.status == S.ASSESSMENT
    assert current_report(candidate) is None  # the signed report belonged to the first round
    deadline = candidate.deadlines.get(done_at=None, cancelled_at=None)
    assert (deadline.kind, deadline.due_on) == (DeadlineKind.CANDIDATE_ASSESSMENT, due)
    for stage in (S.TRAINING, S.REPORT):
        change_candidate_status(candidate, to_status=stage, actor=manager)
    with pytest.raises(DomainError, match="подписан от кандидатите"):
        change_candidate_status(candidate, to_status=S.COMMISSION, actor=manager)
    write_report(candidate, actor=manager, text="Допълнен доклад.")
    sign_report(candidate, actor=manager, signed_on=timezone.localdate())
    change_candidate_status(candidate, to_status=S.COMMISSION, actor=manager)
    assert not candidate.deadlines.filter(done_at=None, cancelled_at=None).exists()


def test_a_decision_is_recorded_only_while_the_report_is_before_the_commission(
    candidate_at, manager
):
    with pytest.raises(DomainError, match="внесен в Комисията"):
        record_commission_decision(
            candidate_at(S.REPORT), actor=manager, data=decision(Outcome.APPROVED)
        )


def test_a_signed_report_can_no_longer_be_changed(candidate_at, manager):
    candidate = candidate_at(S.REPORT)
    write_report(candidate, actor=manager, text="Доклад.")
    sign_report(candidate, actor=manager, signed_on=timezone.localdate())

    with pytest.raises(DomainError, match="вече са подписали"):
        write_report(candidate, actor=manager, text="Променен доклад.")


def test_removal_needs_a_reason_and_no_child_placed(candidate_at, manager):
    candidate = candidate_at(S.APPROVED)
    placement = place(candidate, manager)
    today = timezone.localdate()

    with pytest.raises(DomainError, match="Посочете основанието"):
        remove_from_register(candidate, actor=manager, removed_on=today, reason=" ")
    with pytest.raises(DomainError, match="първо прекратете настаняванията"):
        remove_from_register(candidate, actor=manager, removed_on=today, reason="Отказ.")
    end_placement(placement, actor=manager, ended_on=today, reason="Реинтеграция.")
    remove_from_register(candidate, actor=manager, removed_on=today, reason="Отказ.")

    candidate.refresh_from_db()
    assert (candidate.status, candidate.removed_on, candidate.removal_reason) == (
        S.REMOVED, today, "Отказ.",
    )  # fmt: skip
