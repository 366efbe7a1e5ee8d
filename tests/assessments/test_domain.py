"""The ИОП: started by the manager with a team, kept as a draft, completed only when complete."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.assessments.domain.assessment import (
    complete_assessment,
    name_assessment_team,
    save_assessment_draft,
    start_assessment,
)
from opora.assessments.domain.completion import AssessmentErrors
from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment
from opora.audit.models import AuditEntry
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.cases.models import Case, CaseTeamMember, StatusChange
from opora.core.errors import DomainError
from opora.core.locking import StaleEdit
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.assessments.conftest import born_years_ago, complete_sections
from tests.factories import PersonFactory, make_case

# Starting


def test_the_manager_starts_ioop_number_1_with_the_team(draft, assessing_case, psychologist):
    assert draft.number == 1
    assert draft.status == AssessmentStatus.DRAFT
    assert list(draft.team.all()) == [psychologist]
    assert AuditEntry.objects.filter(action="assessment.start", object_id=str(draft.pk)).exists()


def test_team_members_join_the_case_team_so_that_they_can_edit(
    assessing_case, manager, social_worker
):
    start_assessment(assessing_case, actor=manager, team=[social_worker])

    assert CaseTeamMember.objects.filter(case=assessing_case, user=social_worker).exists()
    assert social_worker.has_perm("assessments.edit_assessment", assessing_case)


def test_only_the_manager_names_the_team(assessing_case, psychologist):
    with pytest.raises(DomainError, match="ръководителя на услугата"):
        start_assessment(assessing_case, actor=psychologist, team=[psychologist])

    assert not Assessment.objects.exists()


def test_the_team_needs_a_member(assessing_case, manager):
    with pytest.raises(DomainError) as refused:
        start_assessment(assessing_case, actor=manager, team=[])

    assert refused.value.message == "Изберете поне един член на екипа."
    assert refused.value.field == "team"


@pytest.mark.parametrize("who", ["accountant", "outsider_psychologist"])
def test_the_team_is_staff_of_the_centre_who_work_on_cases(who, assessing_case, manager, request):
    stranger = request.getfixturevalue(who)

    with pytest.raises(DomainError, match="само служител на центъра") as refused:
        start_assessment(assessing_case, actor=manager, team=[stranger])

    assert refused.value.field == "team"
    assert not Assessment.objects.exists()
    assert not CaseTeamMember.objects.filter(user=stranger).exists()


@pytest.mark.parametrize("status", [CaseStatus.INTAKE, CaseStatus.WAITLISTED, CaseStatus.ACTIVE])
def test_the_first_ioop_starts_only_in_assessment(status, centre, manager, psychologist):
    case = make_case(centre, manager, status, case_manager=psychologist)

    with pytest.raises(DomainError, match="Първата ИОП започва"):
        start_assessment(case, actor=manager, team=[psychologist])


def test_a_second_draft_is_refused(draft, assessing_case, manager, psychologist):
    with pytest.raises(DomainError, match="ИОП № 1 още не е завършена"):
        start_assessment(assessing_case, actor=manager, team=[psychologist])


def test_a_general_access_consultation_has_no_ioop(centre, manager, psychologist):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    with pytest.raises(DomainError, match="общодостъпна услуга не се изготвя ИОП"):
        start_assessment(case, actor=manager, team=[psychologist])


def test_an_updated_ioop_gets_the_next_number_and_the_first_stays(
    draft, assessing_case, manager, psychologist
):
    first = complete_assessment(draft, actor=psychologist, data=complete_sections())
    for to_status in (CaseStatus.CONTRACTING, CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW):
        change_status(assessing_case, to_status=to_status, actor=manager)

    second = start_assessment(
        assessing_case, actor=manager, team=[psychologist], occasion="След преглед"
    )

    assert second.number == 2
    assert second.occasion == "След преглед"
    first.refresh_from_db()
    assert first.status == AssessmentStatus.COMPLETED
    assert first.conclusions == complete_sections()["conclusions"]


def test_an_updated_ioop_waits_while_the_case_is_in_planning(draft, psychologist, manager):
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    with pytest.raises(DomainError, match="Актуализирана ИОП започва"):
        start_assessment(draft.case, actor=manager, team=[psychologist])


def test_the_manager_changes_the_team_of_a_draft(draft, manager, social_worker):
    name_assessment_team(draft, actor=manager, team=[social_worker])

    assert list(draft.team.all()) == [social_worker]
    assert CaseTeamMember.objects.filter(case=draft.case, user=social_worker).exists()


def test_a_case_worker_cannot_change_the_team(draft, psychologist, social_worker):
    with pytest.raises(DomainError, match="ръководителя на услугата"):
        name_assessment_team(draft, actor=psychologist, team=[social_worker])


# Drafts


def test_a_partial_draft_is_saved_without_completeness_checks(draft, psychologist):
    saved = save_assessment_draft(
        draft, actor=psychologist, data={"needs": "  Само потребностите засега.  "}
    )

    saved.refresh_from_db()
    assert saved.needs == "Само потребностите засега."
    assert saved.status == AssessmentStatus.DRAFT
    assert saved.updated_by == psychologist
    assert saved.revision == 1
    entry = AuditEntry.objects.get(action="assessment.save_draft")
    assert entry.changes == {"fields": ["needs"], "revision": 1}


def test_any_team_member_resumes_the_draft(draft, manager, psychologist, social_worker):
    name_assessment_team(draft, actor=manager, team=[psychologist, social_worker])
    save_assessment_draft(draft, actor=psychologist, data={"needs": "Първа част."})

    save_assessment_draft(draft, actor=social_worker, data={"risks": "Втора част."})

    draft.refresh_from_db()
    assert (draft.needs, draft.risks, draft.updated_by) == (
        "Първа част.",
        "Втора част.",
        social_worker,
    )


def test_a_stale_form_does_not_overwrite_a_newer_draft(draft, psychologist, social_worker):
    save_assessment_draft(draft, actor=psychologist, data={"needs": "По-нов текст."}, revision=0)

    with pytest.raises(StaleEdit, match="Докато редактирахте, Елена Колева промени") as refused:
        save_assessment_draft(draft, actor=social_worker, data={"needs": "Стар."}, revision=0)

    assert refused.value.field == "revision"
    assert [c.label for c in refused.value.changed] == ["Потребности"]
    draft.refresh_from_db()
    assert draft.needs == "По-нов текст."


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        (
            {"assessed_on": "tomorrow"},
            "assessed_on",
            "Датата на оценката не може да е в бъдещето.",
        ),
        (
            {"child_heard_on": "tomorrow"},
            "child_heard_on",
            "Датата на изслушването не може да е в бъдещето.",
        ),
        (
            {"assessed_on": "last_year"},
            "assessed_on",
            "Датата на оценката не може да е преди регистрирането на случая",
        ),
    ],
)
def test_a_draft_refuses_impossible_dates_and_keeps_nothing(
    data, field, message, draft, psychologist
):
    today = timezone.localdate()
    days = {"tomorrow": today + timedelta(days=1), "last_year": today - timedelta(days=365)}
    data = {name: days[value] for name, value in data.items()}

    with pytest.raises(AssessmentErrors) as refused:
        save_assessment_draft(draft, actor=psychologist, data={**data, "needs": "Текст"})

    assert refused.value.errors[field].startswith(message)
    draft.refresh_from_db()
    assert draft.needs == ""
    assert draft.revision == 0


def test_a_draft_of_a_closed_case_does_not_change(draft, manager, psychologist):
    change_status(draft.case, to_status=CaseStatus.CLOSED, actor=manager, closure_reason="moved")

    with pytest.raises(DomainError, match="ИОП не може да се променя"):
        save_assessment_draft(draft, actor=psychologist, data={"needs": "Текст"})


def test_unknown_fields_are_a_programming_error(draft, psychologist):
    with pytest.raises(ValueError):
        save_assessment_draft(draft, actor=psychologist, data={"status": "completed"})


# Completion


def test_completion_lists_every_missing_section_in_bulgarian(draft, psychologist):
    with pytest.raises(AssessmentErrors) as refused:
        complete_assessment(draft, actor=psychologist)

    assert refused.value.errors == {
        "needs": "Опишете потребностите — физически, психологически и емоционални.",
        "risks": "Опишете рисковете или запишете, че не са установени.",
        "family_environment": (
            "Опишете семейството и средата — жизнена ситуация, жилище, доходи, подкрепа."
        ),
        "conclusions": "Запишете изводите на екипа.",
        "recommendations": "Запишете препоръките — кои услуги и каква подкрепа са нужни.",
        "child_view": (
            "Детето е на 12 години: запишете мнението му (чл. 15, ал. 1 ЗЗД) или причината, "
            "поради която изслушването би му навредило."
        ),
    }


def test_a_refused_completion_saves_nothing(draft, psychologist):
    data = complete_sections(conclusions="   ")

    with pytest.raises(AssessmentErrors):
        complete_assessment(draft, actor=psychologist, data=data)

    draft.refresh_from_db()
    assert (draft.status, draft.needs, draft.revision) == (AssessmentStatus.DRAFT, "", 0)
    assert draft.case.status == CaseStatus.ASSESSMENT
    assert not AuditEntry.objects.filter(action="assessment.complete").exists()


def test_completing_the_first_ioop_moves_the_case_to_planning_once(
    draft, assessing_case, psychologist
):
    completed = complete_assessment(draft, actor=psychologist, data=complete_sections())

    assessing_case.refresh_from_db()
    assert completed.status == AssessmentStatus.COMPLETED
    assert completed.assessed_on == timezone.localdate()
    assert completed.completed_by == psychologist
    assert assessing_case.status == CaseStatus.PLANNING
    change = StatusChange.objects.filter(case=assessing_case).first()
    assert (change.to_status, change.note) == (CaseStatus.PLANNING, "ИОП завършена")


def test_completing_an_updated_ioop_leaves_an_active_case_active(
    draft, assessing_case, manager, psychologist
):
    complete_assessment(draft, actor=psychologist, data=complete_sections())
    for to_status in (CaseStatus.CONTRACTING, CaseStatus.ACTIVE):
        change_status(assessing_case, to_status=to_status, actor=manager)
    second = start_assessment(assessing_case, actor=manager, team=[psychologist])
    changes = StatusChange.objects.filter(case=assessing_case).count()

    complete_assessment(second, actor=psychologist, data=complete_sections())

    assessing_case.refresh_from_db()
    assert assessing_case.status == CaseStatus.ACTIVE
    assert StatusChange.objects.filter(case=assessing_case).count() == changes


def test_completion_leaves_the_assessment_deadline_to_the_plan(draft, psychologist):
    """The 20 days cover the ИОП and the ИПП together: the approved plan meets the deadline."""
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    deadline = Deadline.objects.get(case=draft.case, kind=DeadlineKind.ASSESSMENT)
    assert deadline.done_at is None
    assert deadline.cancelled_at is None


def test_a_completed_ioop_does_not_change(draft, psychologist):
    complete_assessment(draft, actor=psychologist, data=complete_sections())

    with pytest.raises(DomainError, match="ИОП № 1 е завършена и не се променя"):
        save_assessment_draft(draft, actor=psychologist, data={"needs": "Нов текст"})


def test_a_heard_child_needs_the_date_and_the_way_of_hearing(draft, psychologist):
    data = complete_sections(child_heard_on=None, hearing_method="")

    with pytest.raises(AssessmentErrors) as refused:
        complete_assessment(draft, actor=psychologist, data=data)

    assert refused.value.errors == {
        "child_heard_on": "Посочете датата на изслушването.",
        "hearing_method": "Посочете как е проведено изслушването.",
    }


def test_a_reason_for_not_hearing_the_child_is_enough(draft, psychologist):
    data = complete_sections(
        child_view="",
        child_heard_on=None,
        hearing_method="",
        child_not_heard_reason="Изслушването би засилило травмата след насилието.",
    )

    completed = complete_assessment(draft, actor=psychologist, data=data)

    assert completed.status == AssessmentStatus.COMPLETED


# The child's view around the tenth birthday (ЗЗД чл. 15, ал. 1)

WITHOUT_VIEW = {"child_view": "", "child_heard_on": None, "hearing_method": ""}


def _assessment_for(centre, manager, psychologist, birth_date):
    child = PersonFactory(centre=centre, birth_date=birth_date)
    case = make_case(
        centre, manager, CaseStatus.ASSESSMENT, person=child, case_manager=psychologist
    )
    return start_assessment(case, actor=manager, team=[psychologist])


def test_a_child_turning_10_tomorrow_may_be_assessed_without_its_view(
    centre, manager, psychologist
):
    draft = _assessment_for(centre, manager, psychologist, born_years_ago(10, plus_days=1))

    completed = complete_assessment(
        draft, actor=psychologist, data=complete_sections(**WITHOUT_VIEW)
    )

    assert completed.status == AssessmentStatus.COMPLETED


def test_a_child_turning_10_today_must_be_heard(centre, manager, psychologist):
    draft = _assessment_for(centre, manager, psychologist, born_years_ago(10))

    with pytest.raises(AssessmentErrors) as refused:
        complete_assessment(draft, actor=psychologist, data=complete_sections(**WITHOUT_VIEW))

    assert refused.value.errors == {
        "child_view": (
            "Детето е на 10 години: запишете мнението му (чл. 15, ал. 1 ЗЗД) или причината, "
            "поради която изслушването би му навредило."
        )
    }


def test_the_age_counts_on_the_assessment_date_not_on_the_day_of_entry(
    centre, manager, psychologist
):
    draft = _assessment_for(centre, manager, psychologist, born_years_ago(10))
    week_ago = timezone.now() - timedelta(days=7)
    Case.objects.filter(pk=draft.case_id).update(registered_at=week_ago)
    assessed_on = timezone.localdate() - timedelta(days=3)  # the child was still 9

    completed = complete_assessment(
        draft,
        actor=psychologist,
        data=complete_sections(**WITHOUT_VIEW, assessed_on=assessed_on),
    )

    assert completed.assessed_on == assessed_on


def test_a_childs_view_under_10_is_kept_when_given(centre, manager, psychologist):
    draft = _assessment_for(centre, manager, psychologist, born_years_ago(6))

    completed = complete_assessment(
        draft, actor=psychologist, data=complete_sections(child_view="Рисува семейството си.")
    )

    assert completed.child_view == "Рисува семейството си."


def test_an_unknown_birth_date_counts_as_old_enough_to_be_heard(centre, manager, psychologist):
    draft = _assessment_for(centre, manager, psychologist, None)

    with pytest.raises(AssessmentErrors) as refused:
        complete_assessment(draft, actor=psychologist, data=complete_sections(**WITHOUT_VIEW))

    assert refused.value.errors["child_view"].startswith("Датата на раждане не е известна")


def test_an_adult_users_own_view_is_required(centre, manager, psychologist):
    draft = _assessment_for(centre, manager, psychologist, born_years_ago(30))

    with pytest.raises(AssessmentErrors) as refused:
        complete_assessment(draft, actor=psychologist, data=complete_sections(**WITHOUT_VIEW))

    assert "чл. 80, ал. 1 ЗСУ" in refused.value.errors["child_view"]
