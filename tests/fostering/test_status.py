"""The candidate's stages: only the transitions of the table, each with what the stage needs."""

import pytest

from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from opora.fostering.domain.reports import sign_report, write_report
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import CANDIDATE_TRANSITIONS, CandidateStatus
from opora.fostering.models import Candidate, CandidateStatusChange
from tests.fostering.records import complete_assessment, complete_training

S = CandidateStatus


def _refused(candidate, to_status, manager, **kwargs) -> str:
    before = CandidateStatusChange.objects.count()
    with pytest.raises(DomainError) as refused:
        change_candidate_status(candidate, to_status=to_status, actor=manager, **kwargs)
    candidate.refresh_from_db()
    assert CandidateStatusChange.objects.count() == before
    return refused.value.message


@pytest.mark.parametrize(
    ("start", "to_status"),
    [
        (S.ENQUIRY, S.ASSESSMENT),
        (S.ENQUIRY, S.APPROVED),
        (S.APPLICATION, S.COMMISSION),
        (S.ASSESSMENT, S.REPORT),
        (S.ASSESSMENT, S.APPROVED),
        (S.COMMISSION, S.TRAINING),
        (S.APPROVED, S.ASSESSMENT),
        (S.WITHDRAWN, S.ENQUIRY),
    ],
)
def test_a_transition_not_in_the_table_is_refused_and_changes_nothing(
    start, to_status, candidate_at, manager
):
    candidate = candidate_at(start)
    assert to_status not in CANDIDATE_TRANSITIONS[start]

    message = _refused(candidate, to_status, manager, note="x")

    assert message == (
        f"Кандидатите не могат да преминат от „{S(start).label}“ в „{S(to_status).label}“."
    )
    assert candidate.status == start


def test_an_unknown_stage_is_refused(candidate_at, manager):
    assert _refused(candidate_at(), "nonsense", manager) == "Непознат етап."


def test_each_change_writes_its_history_row_and_audit_entry(candidate_at, manager):
    candidate = candidate_at(S.APPLICATION)

    change_candidate_status(candidate, to_status=S.ASSESSMENT, actor=manager, note="Започваме")

    last = candidate.history.last()
    assert (last.from_status, last.to_status, last.changed_by, last.note) == (
        S.APPLICATION, S.ASSESSMENT, manager, "Започваме",
    )  # fmt: skip
    entry = (
        AuditEntry.objects.filter(action="fostering.candidate.change_status").order_by("pk").last()
    )
    assert entry.changes["to"] == S.ASSESSMENT
    assert [h.to_status for h in candidate.history.all()] == [
        S.ENQUIRY,
        S.APPLICATION,
        S.ASSESSMENT,
    ]


def test_the_training_waits_for_the_assessments_meetings_visits_and_referees(candidate_at, manager):
    candidate = candidate_at(S.ASSESSMENT)

    message = _refused(candidate, S.TRAINING, manager)

    assert message == ("Оценката не е завършена: Срещи 0/4; Посещения в дома 0/2; Препоръки 0/2.")
    complete_assessment(candidate, manager)
    change_candidate_status(candidate, to_status=S.TRAINING, actor=manager)
    assert Candidate.objects.get(pk=candidate.pk).status == S.TRAINING


def test_the_report_waits_for_the_training_hours(candidate_at, manager):
    candidate = candidate_at(S.TRAINING)

    assert _refused(candidate, S.REPORT, manager) == "Обучението не е завършено: Обучение 0/12 ч."
    complete_training(candidate, manager)
    change_candidate_status(candidate, to_status=S.REPORT, actor=manager)


def test_the_commission_gets_only_a_report_the_candidates_signed(candidate_at, manager):
    candidate = candidate_at(S.REPORT)
    unsigned = (
        "Докладът трябва да е прочетен и подписан от кандидатите, преди да се внесе в Комисията."
    )

    assert _refused(candidate, S.COMMISSION, manager) == unsigned
    write_report(candidate, actor=manager, text="Доклад.")
    assert _refused(candidate, S.COMMISSION, manager) == unsigned
    sign_report(candidate, actor=manager, signed_on=candidate.applied_on.today())
    change_candidate_status(candidate, to_status=S.COMMISSION, actor=manager)


def test_withdrawing_needs_a_reason_and_cancels_the_assessment_deadline(candidate_at, manager):
    candidate = candidate_at(S.ASSESSMENT)

    assert _refused(candidate, S.WITHDRAWN, manager, note="  ") == (
        "Посочете защо кандидатурата се оттегля."
    )
    change_candidate_status(candidate, to_status=S.WITHDRAWN, actor=manager, note="Преместиха се.")
    assert not candidate.deadlines.filter(done_at=None, cancelled_at=None).exists()


def test_approval_and_removal_come_only_with_the_decision_and_the_reason(candidate_at, manager):
    at_commission, approved = candidate_at(S.COMMISSION), candidate_at(S.APPROVED, surname="Илиеви")

    assert _refused(at_commission, S.APPROVED, manager) == (
        "Утвърждаването се записва с решението на Комисията."
    )
    assert _refused(approved, S.REMOVED, manager) == "Посочете основанието за заличаване."
