"""apply_retention: what is due per record type, the dry run, erasure, anonymisation, legal holds."""

import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from opora.consultations.models import Session
from opora.people.models import Person
from opora.plans.models import Contract, Goal
from opora.privacy.domain.erasure import ERASED
from opora.privacy.domain.holds import lift_legal_hold, place_legal_hold
from opora.privacy.domain.retention import erase_case, retention_report, set_retention_policies
from opora.privacy.enums import RecordType
from opora.privacy.models import Anonymisation, Erasure
from opora.referrals.models import Referral
from tests.factories import PersonFactory, make_case
from tests.privacy.retention_records import (
    CLOSING_NOTE,
    SESSION_NOTE,
    closed_years_ago,
    identified,
    worked_and_closed,
)
from tests.web.state import database_state


@pytest.fixture
def roomy(centre, other_centre):
    for each in (centre, other_centre):
        each.capacity = 20
        each.save()
    return centre


@pytest.fixture
def due(roomy, manager, psychologist):
    """Closed eleven years ago: past the default ten years for closed cases."""
    case = worked_and_closed(roomy, manager, psychologist, years=11)
    identified(case.primary_person)
    return case


def run(*args) -> str:
    out = io.StringIO()
    call_command("apply_retention", *args, stdout=out)
    return out.getvalue()


def test_the_dry_run_lists_what_is_due_and_what_is_held_and_changes_nothing(
    due, roomy, manager, psychologist
):
    held = worked_and_closed(roomy, manager, psychologist, years=12)
    place_legal_hold(roomy, actor=manager, case=held, reason="Гражданско дело № 311/2025")
    before = database_state()

    output = run("--dry-run", "--centre", "harmanli")

    assert database_state() == before
    assert f"случай {due.number}, приключен" in output
    assert "Приключени случаи с цялото им съдържание (срок 10 г.): за заличаване 1" in output
    assert f"случай {held.number}: Гражданско дело № 311/2025" in output
    assert "Пробно изпълнение: нищо не е променено." in output


def test_a_due_case_loses_its_text_and_keeps_its_structure(due):
    run("--centre", "harmanli")

    due.refresh_from_db()
    session = Session.objects.get(case=due)
    assert (session.notes, session.place) == (ERASED, ERASED)
    assert session.kind and session.date  # the fact of the meeting stays for statistics
    assert due.outcome_note == ERASED
    assert due.status == CaseStatus.CLOSED and due.closure_reason
    assert set(Goal.objects.filter(version__case=due).values_list("title", flat=True)) == {ERASED}
    assert SESSION_NOTE not in str(list(Session.objects.values()))
    assert CLOSING_NOTE not in str(list(Case.objects.values()))
    assert Referral.objects.get(case=due).notes in ("", ERASED)
    assert Contract.objects.get(case=due).signatory_name == ERASED
    assert Erasure.objects.get(case=due).record_type == RecordType.CLOSED_CASES


def test_the_people_of_a_due_case_are_anonymised_keeping_year_of_birth_and_sex(due):
    child = due.primary_person

    run("--centre", "harmanli")

    child.refresh_from_db()
    assert child.full_name == f"Анонимизирано лице № {child.pk}"
    assert (child.identifier, child.phone, child.email, child.address, child.school, child.notes) == (
        "", "", "", "", "", "",
    )  # fmt: skip
    assert child.birth_date == date(2013, 1, 1)
    assert child.sex == "female"
    assert Anonymisation.objects.filter(person=child).exists()
    assert child.search_name.strip() != ""


def test_the_run_is_audited_and_summarised(due):
    output = run("--centre", "harmanli")

    assert "Заличени: приключени случаи с цялото им съдържание 1" in output
    assert "анонимизирани лица: 2" in output  # the child and her mother
    erased = AuditEntry.objects.get(action="retention.erase_case")
    assert (erased.object_id, erased.actor_name) == (str(due.pk), "система")
    assert erased.changes["record_type"] == RecordType.CLOSED_CASES
    anonymised = AuditEntry.objects.filter(action="retention.anonymise_person")
    assert {e.object_id for e in anonymised} == {str(link.person_id) for link in due.people.all()}
    assert all(e.object_repr.startswith("Анонимизирано лице №") for e in anonymised)


def test_a_second_run_finds_nothing_more(due):
    run("--centre", "harmanli")
    before = database_state()

    output = run("--centre", "harmanli")

    assert "за заличаване 0" in output
    assert database_state() == before


def test_a_held_case_is_untouched(due, manager):
    place_legal_hold(due.centre, actor=manager, case=due, reason="Проверка на АКСУ № 12")
    before = database_state()

    output = run("--centre", "harmanli")

    assert database_state() == before
    assert "задържани: 1" in output


def test_a_lifted_hold_no_longer_keeps_the_case(due, manager):
    hold = place_legal_hold(due.centre, actor=manager, case=due, reason="Проверка на АКСУ № 12")
    lift_legal_hold(hold, actor=manager, reason="Проверката приключи.")

    run("--centre", "harmanli")

    assert Erasure.objects.filter(case=due).exists()


def test_a_hold_on_a_person_keeps_every_case_they_are_on(due, manager):
    place_legal_hold(
        due.centre, actor=manager, person=due.primary_person, reason="Искане на прокуратурата"
    )

    run("--centre", "harmanli")

    assert not Erasure.objects.exists()
    due.primary_person.refresh_from_db()
    assert due.primary_person.identifier == "1152034573"


def test_a_person_also_on_an_open_case_keeps_their_data(roomy, manager, psychologist):
    mother = identified(PersonFactory(centre=roomy, first_name="Деяна"), egn="8001010008")
    old = worked_and_closed(roomy, manager, psychologist, years=11, mother=mother)
    make_case(roomy, manager, CaseStatus.ASSESSMENT, person=mother, case_manager=psychologist)

    run("--centre", "harmanli")

    mother.refresh_from_db()
    old.primary_person.refresh_from_db()
    assert Erasure.objects.filter(case=old).exists()
    assert (mother.first_name, mother.identifier) == ("Деяна", "8001010008")
    assert old.primary_person.first_name == "Анонимизирано"


def test_a_person_also_on_a_case_not_yet_due_keeps_their_data(roomy, manager, psychologist):
    mother = identified(PersonFactory(centre=roomy, first_name="Деяна"), egn="8001010008")
    worked_and_closed(roomy, manager, psychologist, years=11, mother=mother)
    worked_and_closed(roomy, manager, psychologist, years=2, mother=mother)

    run("--centre", "harmanli")

    mother.refresh_from_db()
    assert mother.identifier == "8001010008"
    assert Erasure.objects.count() == 1


def test_a_relative_of_a_child_whose_case_is_open_keeps_their_data(roomy, manager, psychologist):
    from opora.people.domain.person import add_relation
    from opora.people.enums import RelationKind

    mother = identified(PersonFactory(centre=roomy, first_name="Деяна"), egn="8001010008")
    worked_and_closed(roomy, manager, psychologist, years=11, mother=mother)
    younger = make_case(roomy, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)
    add_relation(
        person=younger.primary_person, relative=mother, kind=RelationKind.MOTHER, actor=manager
    )

    run("--centre", "harmanli")

    mother.refresh_from_db()
    assert mother.identifier == "8001010008"


def test_another_centre_is_untouched(due, other_centre, outsider_manager, outsider_psychologist):
    theirs = worked_and_closed(other_centre, outsider_manager, outsider_psychologist, years=11)
    before = {
        "case": Case.objects.filter(pk=theirs.pk).values().get(),
        "person": Person.objects.filter(pk=theirs.primary_person_id).values().get(),
        "sessions": list(Session.objects.filter(case=theirs).values()),
    }

    output = run("--centre", "harmanli")

    assert "ЦОП Хасково" not in output
    assert Case.objects.filter(pk=theirs.pk).values().get() == before["case"]
    assert Person.objects.filter(pk=theirs.primary_person_id).values().get() == before["person"]
    assert list(Session.objects.filter(case=theirs).values()) == before["sessions"]
    assert Erasure.objects.get().case == due


def test_without_a_centre_every_centre_is_processed_even_a_closed_one(
    due, other_centre, outsider_manager, outsider_psychologist
):
    theirs = worked_and_closed(other_centre, outsider_manager, outsider_psychologist, years=11)
    other_centre.is_active = False
    other_centre.save()

    run()

    assert set(Erasure.objects.values_list("case_id", flat=True)) == {due.pk, theirs.pk}


def test_refused_referrals_and_consultations_follow_their_own_periods(roomy, manager, psychologist):
    refused = closed_years_ago(make_case(roomy, manager, CaseStatus.REFUSED), 4)
    consultation = closed_years_ago(make_case(roomy, manager, CaseStatus.CONSULTATION_CLOSED), 2)
    closed = worked_and_closed(roomy, manager, psychologist, years=4)

    report = retention_report(roomy)

    assert [d.case for d in report.due[RecordType.REFUSED_REFERRALS]] == [refused]
    assert report.due[RecordType.GENERAL_CONSULTATIONS] == []
    assert report.due[RecordType.CLOSED_CASES] == []
    set_retention_policies(
        roomy,
        actor=manager,
        years={RecordType.GENERAL_CONSULTATIONS: 1, RecordType.CLOSED_CASES: 3},
    )
    report = retention_report(roomy)
    assert [d.case for d in report.due[RecordType.GENERAL_CONSULTATIONS]] == [consultation]
    assert [d.case for d in report.due[RecordType.CLOSED_CASES]] == [closed]


def test_a_case_withdrawn_from_the_waiting_list_counts_as_a_refused_referral(roomy, manager):
    from opora.cases.domain.intake import remove_from_waiting_list

    case = make_case(roomy, manager, CaseStatus.WAITLISTED)
    remove_from_waiting_list(case, actor=manager, reason="Семейството се премести.")
    closed_years_ago(case, 4)

    report = retention_report(roomy)

    assert [d.case for d in report.due[RecordType.REFUSED_REFERRALS]] == [case]


def test_open_and_followed_up_cases_are_never_due(roomy, manager, psychologist):
    active = make_case(roomy, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    Case.objects.filter(pk=active.pk).update(registered_at=active.registered_at.replace(year=2000))

    report = retention_report(roomy)

    assert report.due_count == 0 and report.held == []


def test_a_case_changed_after_the_report_is_skipped(due, manager):
    [item] = retention_report(due.centre).due[RecordType.CLOSED_CASES]
    place_legal_hold(due.centre, actor=manager, case=due, reason="Дело, заведено днес")

    assert erase_case(item, centre=due.centre, today=date.today()) is None
    assert not Erasure.objects.exists()


def test_the_audit_is_reported_never_deleted(due, manager):
    count = AuditEntry.objects.count()
    set_retention_policies(due.centre, actor=manager, years={RecordType.AUDIT_ENTRIES: 1})

    output = run("--centre", "harmanli")

    assert "Записи в одита по-стари от 1 г.: 0 (одитът не се изтрива)" in output
    assert AuditEntry.objects.count() > count  # only added to: the run's own entries


def test_an_unknown_centre_is_refused_in_bulgarian(db):
    with pytest.raises(CommandError, match="Няма център „nyama“"):
        run("--centre", "nyama")


def test_a_person_in_a_group_programme_keeps_their_data(due, manager, psychologist):
    from decimal import Decimal

    from opora.groups.domain.participants import enrol_participant
    from opora.groups.domain.programmes import ProgrammeData, create_programme

    programme = create_programme(
        due.centre,
        actor=manager,
        data=ProgrammeData(
            kind="parenting",
            title="Училище за родители",
            starts_on=date.today(),
            planned_hours=Decimal("12"),
            facilitators=(psychologist,),
        ),
    )
    enrol_participant(programme, actor=manager, person=due.primary_person)

    run("--centre", "harmanli")

    due.primary_person.refresh_from_db()
    assert Erasure.objects.filter(case=due).exists()
    assert due.primary_person.identifier == "1152034573"
