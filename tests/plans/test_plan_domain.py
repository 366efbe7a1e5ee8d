"""The ИПП: drafting, the rules of its content, the manager's decision and the version history."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction

from opora.audit.models import AuditEntry
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months, add_working_days
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.plans.domain.checks import today
from opora.plans.domain.plan import (
    approve_plan,
    return_plan,
    save_plan,
    start_plan,
    submit_plan,
)
from opora.plans.domain.queries import goals_in_force, plan_in_force
from opora.plans.enums import DurationClass, PlanEventKind, PlanStatus
from opora.plans.models import Activity, Goal, PlanVersion
from tests.factories import make_case
from tests.plans.conftest import activity, goal, plan_data


def _open(case, kind):
    return Deadline.objects.filter(case=case, kind=kind, done_at=None, cancelled_at=None)


def _snapshot(version):
    version.refresh_from_db()
    goals = list(Goal.objects.filter(version=version).values_list("title", "expected_result"))
    return (version.start_on, version.review_on, version.child_view, goals)


# Drafting


def test_the_first_draft_is_opened_in_planning_with_the_review_interval(
    planning_case, psychologist
):
    version = start_plan(planning_case, actor=psychologist)

    assert (version.number, version.status) == (1, PlanStatus.DRAFT)
    assert version.start_on == today()
    assert version.review_on == add_months(today(), 6)
    assert version.duration_class == DurationClass.SHORT
    assert list(version.events.values_list("kind", flat=True)) == [PlanEventKind.CREATED]
    assert AuditEntry.objects.filter(action="plan.start", object_id=str(version.pk)).exists()


def test_no_plan_before_the_assessment_is_done(centre, manager, psychologist):
    case = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)

    with pytest.raises(DomainError) as error:
        start_plan(case, actor=psychologist)

    assert "случаят трябва да е в статус „Планиране“" in error.value.message
    assert not PlanVersion.objects.filter(case=case).exists()


def test_general_access_cases_have_no_plan(centre, manager):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    with pytest.raises(DomainError) as error:
        start_plan(case, actor=manager)

    assert error.value.message == (
        "Общодостъпните услуги се предоставят без ИОП, ИПП и договор (чл. 85, ал. 3 ЗСУ)."
    )


def test_only_one_version_is_worked_on_at_a_time(draft, psychologist):
    with pytest.raises(DomainError) as error:
        start_plan(draft.case, actor=psychologist)

    assert error.value.message == (
        "Вече има версия 1 на ИПП в работа („Чернова“); продължете с нея."
    )
    assert PlanVersion.objects.filter(case=draft.case).count() == 1


def test_the_database_refuses_a_second_open_version(draft, psychologist):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.create(
            centre_id=draft.centre_id,
            case=draft.case,
            number=2,
            start_on=today(),
            review_on=today(),
            duration_class=DurationClass.SHORT,
            created_by=psychologist,
        )


def test_saving_a_draft_replaces_its_goals_and_activities(draft, psychologist, social_worker):
    data = plan_data(
        psychologist,
        goals=(
            goal(psychologist, title="Цел А"),
            goal(
                social_worker,
                title="Цел Б",
                activities=(activity(social_worker), activity(psychologist, description="Група")),
            ),
        ),
    )

    save_plan(draft, actor=psychologist, data=data)

    goals = list(draft.goals.order_by("order"))
    assert [(g.order, g.title) for g in goals] == [(1, "Цел А"), (2, "Цел Б")]
    assert [a.responsible for a in goals[1].activities.order_by("id")] == [
        social_worker,
        psychologist,
    ]


# The rules of a plan's content: the exact message, and nothing saved


def test_a_goal_without_an_expected_result_is_refused(draft, psychologist):
    before = _snapshot(draft)
    data = plan_data(
        psychologist,
        child_view="Променено",
        goals=(goal(psychologist, title="Нова"), goal(psychologist, expected_result="  ")),
    )

    with pytest.raises(DomainError) as error:
        save_plan(draft, actor=psychologist, data=data)

    assert error.value.message == "Целта трябва да има очакван резултат."
    assert _snapshot(draft) == before


def test_a_review_date_before_the_start_is_refused(draft, psychologist):
    before = _snapshot(draft)
    data = plan_data(psychologist, review_on=today() - timedelta(days=1))

    with pytest.raises(DomainError) as error:
        save_plan(draft, actor=psychologist, data=data)

    assert error.value.message == "Датата за преглед не може да е преди началото на плана."
    assert error.value.field == "review_on"
    assert _snapshot(draft) == before


@pytest.mark.parametrize(
    ("duration_class", "months", "label"),
    [
        (DurationClass.SHORT, 6, "краткосрочна (до 6 месеца)"),
        (DurationClass.MEDIUM, 12, "средносрочна (до 1 година)"),
        (DurationClass.LONG, 36, "дългосрочна (от 1 до 3 години)"),
    ],
)
def test_the_review_date_must_fall_within_the_duration_class(
    draft, psychologist, duration_class, months, label
):
    last = add_months(today(), months)
    fits = plan_data(psychologist, review_on=last, duration_class=duration_class)
    save_plan(draft, actor=psychologist, data=fits)
    before = _snapshot(draft)

    too_late = plan_data(
        psychologist, review_on=last + timedelta(days=1), duration_class=duration_class
    )
    with pytest.raises(DomainError) as error:
        save_plan(draft, actor=psychologist, data=too_late)

    assert error.value.message == (
        f"Датата за преглед трябва да е в срока на плана: {label}, т.е. най-късно {last:%d.%m.%Y}."
    )
    assert _snapshot(draft) == before


def test_a_responsible_specialist_of_another_centre_is_refused(
    draft, psychologist, outsider_psychologist
):
    before = _snapshot(draft)
    data = plan_data(psychologist, goals=(goal(outsider_psychologist),))

    with pytest.raises(DomainError) as error:
        save_plan(draft, actor=psychologist, data=data)

    assert error.value.message == (
        "Отговорният специалист трябва да е служител на центъра, който работи по случаи."
    )
    assert _snapshot(draft) == before
    assert not Activity.objects.filter(responsible=outsider_psychologist).exists()


def test_the_accountant_cannot_be_responsible_for_an_activity(draft, psychologist, accountant):
    with pytest.raises(DomainError) as error:
        save_plan(
            draft, actor=psychologist, data=plan_data(psychologist, goals=(goal(accountant),))
        )

    assert error.value.field == "responsible"


def test_a_goal_cannot_claim_to_come_from_another_case(draft, psychologist, centre, manager):
    other = make_case(centre, manager, CaseStatus.PLANNING, case_manager=psychologist)
    foreign = save_plan(
        start_plan(other, actor=psychologist), actor=psychologist, data=plan_data(psychologist)
    ).goals.get()

    with pytest.raises(DomainError) as error:
        save_plan(
            draft,
            actor=psychologist,
            data=plan_data(psychologist, goals=(goal(psychologist, copied_from_id=foreign.pk),)),
        )

    assert error.value.message == "Целта не е от предишна версия на този план."


# Submitting


def test_a_plan_needs_a_goal_with_an_activity_to_be_submitted(draft, psychologist):
    save_plan(
        draft,
        actor=psychologist,
        data=plan_data(psychologist, goals=(goal(psychologist, activities=()),)),
    )

    with pytest.raises(DomainError) as error:
        submit_plan(draft, actor=psychologist)

    assert error.value.message == "Планът трябва да има поне една цел с поне една дейност."
    draft.refresh_from_db()
    assert draft.status == PlanStatus.DRAFT
    assert not _open(draft.case, DeadlineKind.PLAN_APPROVAL).exists()


def test_submitting_asks_the_managers_within_three_working_days(draft, psychologist):
    submit_plan(draft, actor=psychologist)

    draft.refresh_from_db()
    assert draft.status == PlanStatus.SUBMITTED
    assert (draft.submitted_by, draft.submitted_at is not None) == (psychologist, True)
    deadline = _open(draft.case, DeadlineKind.PLAN_APPROVAL).get()
    assert deadline.due_on == add_working_days(today(), 3)
    assert deadline.responsible is None
    assert deadline.source == f"plans.planversion:{draft.pk}"


def test_a_submitted_version_cannot_be_edited(submitted, psychologist):
    with pytest.raises(DomainError) as error:
        save_plan(submitted, actor=psychologist, data=plan_data(psychologist))

    assert error.value.message == ("Версия 1 е „Изпратен за одобрение“ и не може да се променя.")


# Returning


def test_returning_needs_a_comment(submitted, manager):
    with pytest.raises(DomainError) as error:
        return_plan(submitted, actor=manager, comment="   ")

    assert error.value.message == "Посочете какво трябва да се коригира."
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED
    assert _open(submitted.case, DeadlineKind.PLAN_APPROVAL).exists()


@pytest.mark.parametrize("who", ["psychologist", "social_worker", "outsider_manager"])
def test_only_the_centres_manager_returns_a_plan(submitted, who, request):
    with pytest.raises(DomainError) as error:
        return_plan(submitted, actor=request.getfixturevalue(who), comment="Корекция")

    assert error.value.message == "Само управителят на центъра одобрява или връща ИПП."
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED


def test_a_returned_plan_is_editable_and_can_be_resubmitted(submitted, manager, psychologist):
    return_plan(submitted, actor=manager, comment="Добавете индикатори.")

    submitted.refresh_from_db()
    assert (submitted.status, submitted.manager_comment) == (
        PlanStatus.RETURNED,
        "Добавете индикатори.",
    )
    assert submitted.decided_by == manager
    assert not _open(submitted.case, DeadlineKind.PLAN_APPROVAL).exists()
    assert Deadline.objects.get(kind=DeadlineKind.PLAN_APPROVAL).done_by == manager

    save_plan(submitted, actor=psychologist, data=plan_data(psychologist))
    submit_plan(submitted, actor=psychologist)

    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED
    assert _open(submitted.case, DeadlineKind.PLAN_APPROVAL).count() == 1
    kinds = list(submitted.events.values_list("kind", "comment"))
    assert kinds == [
        (PlanEventKind.CREATED, ""),
        (PlanEventKind.SUBMITTED, ""),
        (PlanEventKind.RETURNED, "Добавете индикатори."),
        (PlanEventKind.SUBMITTED, ""),
    ]


# Approving


def test_an_unapproved_plan_does_not_take_effect(submitted):
    assert plan_in_force(submitted.case) is None
    assert not goals_in_force(submitted.case).exists()


def test_only_the_manager_approves(submitted, psychologist):
    with pytest.raises(DomainError):
        approve_plan(submitted, actor=psychologist)

    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED
    assert plan_in_force(submitted.case) is None


def test_a_draft_cannot_be_approved_before_it_is_submitted(draft, manager):
    with pytest.raises(DomainError) as error:
        approve_plan(draft, actor=manager)

    assert error.value.message == "Версия 1 не чака одобрение („Чернова“)."


def test_the_first_approval_moves_the_case_to_the_contract_and_keeps_the_deadlines(
    submitted, manager, psychologist
):
    case = submitted.case
    assert _open(case, DeadlineKind.ASSESSMENT).exists()

    approve_plan(submitted, actor=manager, comment="Добре.")

    case.refresh_from_db()
    submitted.refresh_from_db()
    assert case.status == CaseStatus.CONTRACTING
    assert case.status_history.first().from_status == CaseStatus.PLANNING
    assert plan_in_force(case) == submitted
    assert goals_in_force(case).count() == 1
    assert (submitted.decided_by, submitted.manager_comment) == (manager, "Добре.")
    assert not _open(case, DeadlineKind.PLAN_APPROVAL).exists()
    assert not _open(case, DeadlineKind.ASSESSMENT).exists()
    review = _open(case, DeadlineKind.PLAN_REVIEW).get()
    assert (review.due_on, review.responsible) == (submitted.review_on, psychologist)
    assert review.source == f"plans.planversion:{submitted.pk}"


def _active_with_plan(approved, manager):
    change_status(approved.case, to_status=CaseStatus.ACTIVE, actor=manager)
    approved.case.refresh_from_db()
    return approved.case


def test_an_update_is_a_copy_of_the_plan_in_force(approved, manager, psychologist):
    case = _active_with_plan(approved, manager)

    update = start_plan(case, actor=psychologist)

    assert (update.number, update.status) == (2, PlanStatus.DRAFT)
    copied = update.goals.get()
    original = approved.goals.get()
    assert (copied.title, copied.copied_from) == (original.title, original)
    assert [a.description for a in copied.activities.all()] == [
        a.description for a in original.activities.all()
    ]
    assert update.child_view == approved.child_view
    assert update.events.get().comment == "Копие на версия 1"
    # Until approved, the first version stays in force.
    assert plan_in_force(case) == approved


def test_approving_an_update_supersedes_the_previous_and_keeps_every_version(
    approved, manager, psychologist
):
    case = _active_with_plan(approved, manager)
    update = start_plan(case, actor=psychologist)
    data = plan_data(psychologist, review_on=today() + timedelta(days=60))
    save_plan(update, actor=psychologist, data=data)
    submit_plan(update, actor=psychologist)

    approve_plan(update, actor=manager)

    approved.refresh_from_db()
    case.refresh_from_db()
    assert approved.status == PlanStatus.SUPERSEDED
    assert approved.goals.count() == 1  # the old content is kept
    assert plan_in_force(case).pk == update.pk
    assert case.status == CaseStatus.ACTIVE  # only the first approval moves the case
    reviews = Deadline.objects.filter(case=case, kind=DeadlineKind.PLAN_REVIEW)
    assert {(d.source, d.is_open) for d in reviews} == {
        (f"plans.planversion:{approved.pk}", False),
        (f"plans.planversion:{update.pk}", True),
    }
    assert list(
        PlanVersion.objects.filter(case=case).order_by("number").values_list("number", "status")
    ) == [(1, PlanStatus.SUPERSEDED), (2, PlanStatus.APPROVED)]
    assert approved.events.last().kind == PlanEventKind.SUPERSEDED


def test_the_database_allows_one_approved_version_per_case(approved, psychologist):
    with pytest.raises(IntegrityError), transaction.atomic():
        PlanVersion.objects.create(
            centre_id=approved.centre_id,
            case=approved.case,
            number=2,
            status=PlanStatus.APPROVED,
            start_on=today(),
            review_on=today(),
            duration_class=DurationClass.SHORT,
            created_by=psychologist,
        )


def test_no_plan_work_once_the_case_is_closed(submitted, manager):
    from opora.cases.domain.case import close_case

    close_case(submitted.case, actor=manager, reason="withdrawn")

    with pytest.raises(DomainError) as error:
        approve_plan(submitted, actor=manager)

    assert "Приключен" in error.value.message
    submitted.refresh_from_db()
    assert submitted.status == PlanStatus.SUBMITTED


def test_an_approved_update_replaces_a_review_date_set_elsewhere(approved, manager, psychologist):
    from opora.deadlines.domain import set_deadline

    case = _active_with_plan(approved, manager)
    set_deadline(
        case=case,
        kind=DeadlineKind.PLAN_REVIEW,
        title="Следващ преглед",
        due_on=today() + timedelta(days=150),
        actor=manager,
        source=case,
    )
    update = start_plan(case, actor=psychologist)
    save_plan(update, actor=psychologist, data=plan_data(psychologist))
    approve_plan(submit_plan(update, actor=psychologist), actor=manager)

    assert list(_open(case, DeadlineKind.PLAN_REVIEW).values_list("source", "due_on")) == [
        (f"plans.planversion:{update.pk}", update.review_on)
    ]


def test_an_update_keeps_the_next_review_date_already_set(approved, psychologist, manager):
    from opora.deadlines.domain import set_deadline

    case = approved.case
    # A completed review set the next review in about three months.
    next_review = today() + timedelta(days=90)
    set_deadline(
        case=case, kind=DeadlineKind.PLAN_REVIEW, title="Следващ преглед", due_on=next_review,
        actor=manager, source=case,
    )  # fmt: skip

    update = start_plan(case, actor=psychologist)

    assert update.number == 2
    assert update.review_on == next_review
