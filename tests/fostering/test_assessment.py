"""The assessment term: 4 months from the application, extendable once, within the limit, with reasons."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.fostering.domain.assessment import (
    ContactData,
    assessment_due_on,
    extend_assessment,
    record_contact,
    register_application,
)
from opora.fostering.domain.settings import update_fostering_settings
from opora.fostering.enums import CandidateStatus, ContactKind
from tests.fostering.records import APPLICATION_DAYS_AGO, days_ago
from tests.web.state import changed_tables, database_state

S = CandidateStatus


def _open_assessment_deadline(candidate) -> Deadline:
    return Deadline.objects.get(
        candidate=candidate, kind=DeadlineKind.CANDIDATE_ASSESSMENT, done_at=None, cancelled_at=None
    )


def test_the_application_starts_a_four_month_assessment_deadline(candidate_at, social_worker):
    candidate = candidate_at(S.APPLICATION)

    deadline = _open_assessment_deadline(candidate)

    applied = days_ago(APPLICATION_DAYS_AGO)
    assert candidate.applied_on == applied
    assert deadline.due_on == add_months(applied, 4) == assessment_due_on(candidate)
    assert deadline.owner == social_worker  # the candidate's worker answers for it
    assert deadline.case is None and deadline.adopter is None


def test_the_centre_sets_its_own_term_which_applies_to_new_applications(
    candidate_at, centre, manager
):
    update_fostering_settings(centre, actor=manager, values={"assessment_months": 3})
    candidate = candidate_at()

    register_application(candidate, actor=manager, applied_on=days_ago(1))

    assert _open_assessment_deadline(candidate).due_on == add_months(days_ago(1), 3)


@pytest.mark.parametrize(
    ("applied_on", "message"),
    [
        (
            timezone.localdate() + timedelta(days=1),
            "Датата на заявлението не може да е в бъдещето.",
        ),
        (days_ago(400), "Заявлението не може да е преди запитването"),
    ],
)
def test_an_application_date_out_of_range_is_refused(applied_on, message, candidate_at, manager):
    candidate = candidate_at()

    with pytest.raises(DomainError) as refused:
        register_application(candidate, actor=manager, applied_on=applied_on)

    assert message in refused.value.message
    candidate.refresh_from_db()
    assert candidate.status == S.ENQUIRY


def test_the_extension_moves_the_deadline_by_the_months_given(candidate_at, manager):
    candidate = candidate_at(S.ASSESSMENT)
    first_due = _open_assessment_deadline(candidate).due_on

    extend_assessment(candidate, actor=manager, months=2, reason="Кандидатката е в болница.")

    candidate.refresh_from_db()
    assert (candidate.extension_months, candidate.was_extended) == (2, True)
    assert _open_assessment_deadline(candidate).due_on == add_months(first_due, 2)
    assert candidate.extension_reason == "Кандидатката е в болница."


@pytest.mark.parametrize("reason", ["", "   \n "])
def test_no_extension_without_a_written_reason_and_nothing_is_saved(reason, candidate_at, manager):
    candidate = candidate_at(S.ASSESSMENT)
    before = database_state()

    with pytest.raises(DomainError) as refused:
        extend_assessment(candidate, actor=manager, months=1, reason=reason)

    assert refused.value.message == "Посочете писмено мотивите за удължаването на срока."
    assert refused.value.field == "reason"
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("months", [0, 3, -1])
def test_no_extension_beyond_the_limit(months, candidate_at, manager):
    candidate = candidate_at(S.ASSESSMENT)
    before = database_state()

    with pytest.raises(DomainError) as refused:
        extend_assessment(candidate, actor=manager, months=months, reason="Болест.")

    assert refused.value.message == "Срокът може да се удължи с 1 до 2 месеца."
    assert changed_tables(before, database_state()) == []


def test_the_term_extends_only_once(candidate_at, manager):
    candidate = candidate_at(S.ASSESSMENT)
    extend_assessment(candidate, actor=manager, months=1, reason="Болест.")
    before = database_state()

    with pytest.raises(DomainError) as refused:
        extend_assessment(candidate, actor=manager, months=1, reason="Пак болест.")

    assert "вече е удължен веднъж" in refused.value.message
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("status", [S.ENQUIRY, S.TRAINING, S.APPROVED])
def test_the_term_extends_only_while_the_assessment_runs(status, candidate_at, manager):
    candidate = candidate_at(status)

    with pytest.raises(DomainError) as refused:
        extend_assessment(candidate, actor=manager, months=1, reason="Болест.")

    assert refused.value.message == "Срокът се удължава само докато тече оценката."


def test_the_deadline_is_met_when_the_report_goes_to_the_commission(candidate_at):
    candidate = candidate_at(S.COMMISSION)

    deadline = Deadline.objects.get(candidate=candidate, kind=DeadlineKind.CANDIDATE_ASSESSMENT)

    assert deadline.done_at is not None and deadline.cancelled_at is None


def test_support_visits_wait_for_the_approval_and_assessment_meetings_end_with_it(
    candidate_at, manager
):
    in_assessment, approved = candidate_at(S.ASSESSMENT), candidate_at(S.APPROVED, surname="Илиеви")
    today = timezone.localdate()

    with pytest.raises(DomainError, match="след утвърждаването"):
        record_contact(
            in_assessment, actor=manager, data=ContactData(kind=ContactKind.SUPPORT, held_on=today)
        )
    with pytest.raises(DomainError, match="подкрепяща среща"):
        record_contact(
            approved, actor=manager, data=ContactData(kind=ContactKind.MEETING, held_on=today)
        )
    with pytest.raises(DomainError, match="в бъдещето"):
        record_contact(
            in_assessment,
            actor=manager,
            data=ContactData(kind=ContactKind.MEETING, held_on=today + timedelta(days=1)),
        )
