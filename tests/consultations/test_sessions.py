"""The session log's rules: the contract guard (ЗСУ чл. 85), who takes part, the plan's goals, time."""

from datetime import time, timedelta

import pytest

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.consultations.domain.checks import CONTRACT_REQUIRED
from opora.consultations.domain.sessions import (
    cancel_planned_sessions,
    cancel_session,
    mark_no_show,
    plan_session,
    record_session,
    update_session,
)
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.core.errors import DomainError
from opora.plans.enums import PlanStatus, Setting
from tests.consultations.conftest import (
    TODAY,
    TOMORROW,
    YESTERDAY,
    child_of,
    plan_with_goal,
    registered_days_ago,
    session_data,
    sign_contract,
)
from tests.factories import PersonFactory, make_case, make_member

EXACT_CONTRACT_MESSAGE = (
    "Специализирана услуга не може да се отчете като предоставена преди подписан договор "
    "(чл. 85 ЗСУ). Подпишете договора или отбележете срещата като планирана."
)


def written() -> tuple[int, int]:
    """Sessions and audit entries: a refused write must leave both as they were."""
    return Session.objects.count(), AuditEntry.objects.count()


def refused(call, *args, **kwargs) -> DomainError:
    before = written()
    with pytest.raises(DomainError) as error:
        call(*args, **kwargs)
    assert written() == before
    return error.value


# The contract guard


def test_a_held_session_on_a_specialised_case_without_a_contract_is_refused_with_the_law(
    active_case, psychologist
):
    error = refused(
        record_session,
        active_case,
        actor=psychologist,
        data=session_data(active_case, psychologist),
    )

    assert error.message == EXACT_CONTRACT_MESSAGE == CONTRACT_REQUIRED


def test_under_a_signed_contract_the_held_session_is_recorded_and_audited(
    active_case, psychologist
):
    sign_contract(active_case, psychologist)

    session = record_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist)
    )

    session.refresh_from_db()
    assert session.status == SessionStatus.HELD
    assert session.centre_id == active_case.centre_id
    assert list(session.participants.all()) == [child_of(active_case)]
    assert session.created_by == psychologist
    entry = AuditEntry.objects.get(action="session.record")
    assert entry.object_id == str(session.pk)
    assert entry.changes["kind"] == SessionKind.INDIVIDUAL_PSYCH
    assert "Разговор" not in str(entry.changes)  # the notes stay out of the audit log


def test_the_contract_must_be_in_force_on_the_sessions_day_not_only_today(
    active_case, psychologist
):
    sign_contract(active_case, psychologist, start_on=TODAY - timedelta(days=5))
    before_contract = session_data(active_case, psychologist, date=TODAY - timedelta(days=10))

    error = refused(record_session, active_case, actor=psychologist, data=before_contract)

    assert error.message == EXACT_CONTRACT_MESSAGE


def test_an_assessment_meeting_is_recorded_before_the_contract(active_case, psychologist):
    """The ИОП precedes the contract by law (ЗСУ чл. 85, ал. 2)."""
    data = session_data(active_case, psychologist, kind=SessionKind.ASSESSMENT)

    session = record_session(active_case, actor=psychologist, data=data)

    assert session.status == SessionStatus.HELD


def test_a_planned_session_needs_no_contract(active_case, psychologist):
    session = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TOMORROW)
    )

    assert session.status == SessionStatus.PLANNED
    assert AuditEntry.objects.filter(action="session.plan", object_id=str(session.pk)).exists()


def test_general_access_consultations_are_recorded_without_a_contract(roomy_centre, social_worker):
    case = make_case(roomy_centre, social_worker, CaseStatus.CONSULTATION_OPEN)
    data = session_data(case, social_worker, kind=SessionKind.SOCIAL, date=TODAY)

    session = record_session(case, actor=social_worker, data=data)

    assert session.status == SessionStatus.HELD


def test_logging_a_planned_session_as_held_follows_the_same_contract_rule(
    active_case, psychologist
):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TODAY)
    )

    error = refused(
        record_session,
        active_case,
        actor=psychologist,
        data=session_data(active_case, psychologist, date=TODAY),
        planned=planned,
    )

    assert error.message == EXACT_CONTRACT_MESSAGE
    planned.refresh_from_db()
    assert planned.status == SessionStatus.PLANNED


def test_a_planned_session_becomes_held_with_what_happened(
    active_case, psychologist, social_worker
):
    sign_contract(active_case, psychologist)
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TODAY)
    )
    data = session_data(
        active_case, psychologist, date=TODAY, duration_minutes=70, staff=(social_worker,),
        next_steps="Среща с класния ръководител.",
    )  # fmt: skip

    held = record_session(active_case, actor=psychologist, data=data, planned=planned)

    held.refresh_from_db()
    assert held.pk == planned.pk
    assert (held.status, held.duration_minutes) == (SessionStatus.HELD, 70)
    assert list(held.staff.all()) == [social_worker]
    assert held.status_changed_by == psychologist
    assert Session.objects.count() == 1


def test_a_planned_session_of_another_case_cannot_be_logged_here(
    active_case, roomy_centre, manager, psychologist
):
    other = registered_days_ago(make_case(roomy_centre, manager, CaseStatus.ACTIVE))
    planned = plan_session(other, actor=manager, data=session_data(other, psychologist, date=TODAY))
    data = session_data(active_case, psychologist, date=TODAY, kind=SessionKind.ASSESSMENT)

    error = refused(record_session, active_case, actor=psychologist, data=data, planned=planned)

    assert error.message == "Срещата не е по този случай."


# Who takes part


def test_a_person_not_on_the_case_cannot_take_part(active_case, roomy_centre, psychologist):
    sign_contract(active_case, psychologist)
    stranger = PersonFactory(centre=roomy_centre, first_name="Борис", last_name="Янев")
    data = session_data(active_case, psychologist, participants=(stranger,))

    error = refused(record_session, active_case, actor=psychologist, data=data)

    assert (error.message, error.field) == ("Лицето не участва в случая.", "participants")


def test_the_person_of_another_case_cannot_take_part_through_that_cases_link(
    active_case, roomy_centre, manager, psychologist
):
    other = make_case(roomy_centre, manager, CaseStatus.ACTIVE)
    data = session_data(active_case, psychologist, date=TOMORROW, participants=(child_of(other),))

    error = refused(plan_session, active_case, actor=psychologist, data=data)

    assert error.message == "Лицето не участва в случая."


def test_a_person_of_the_case_may_be_given_as_a_person(active_case, psychologist):
    data = session_data(
        active_case, psychologist, date=TOMORROW, participants=(active_case.primary_person,)
    )

    session = plan_session(active_case, actor=psychologist, data=data)

    assert list(session.participants.all()) == [child_of(active_case)]


def test_a_held_consultation_names_who_took_part(active_case, psychologist):
    sign_contract(active_case, psychologist)

    error = refused(
        record_session, active_case, actor=psychologist,
        data=session_data(active_case, psychologist, participants=()),
    )  # fmt: skip

    assert error.message == "Отбележете кои лица от случая са участвали в срещата."


def test_a_school_visit_may_have_no_participant_of_the_case(active_case, psychologist):
    sign_contract(active_case, psychologist)
    data = session_data(
        active_case, psychologist, kind=SessionKind.INSTITUTION_VISIT, participants=(),
        setting=Setting.CENTRE,
    )  # fmt: skip

    session = record_session(active_case, actor=psychologist, data=data)

    assert (
        session.setting == Setting.MOBILE
    )  # a visit to a school is mobile work, whatever was picked


@pytest.mark.parametrize("who", ["accountant", "outsider_psychologist"])
def test_the_lead_is_a_case_worker_of_the_centre(who, active_case, psychologist, request):
    data = session_data(active_case, request.getfixturevalue(who), date=TOMORROW)

    error = refused(plan_session, active_case, actor=psychologist, data=data)

    assert error.field == "lead"
    assert error.message == (
        "Водещият специалист трябва да е служител на центъра, който работи по случаи."
    )


def test_other_staff_are_case_workers_of_the_centre(
    active_case, psychologist, outsider_psychologist
):
    data = session_data(active_case, psychologist, date=TOMORROW, staff=(outsider_psychologist,))

    error = refused(plan_session, active_case, actor=psychologist, data=data)

    assert error.field == "staff"


def test_a_deactivated_specialist_cannot_lead(active_case, roomy_centre, psychologist):
    from opora.accounts.enums import Role
    from opora.accounts.models import Membership

    gone = make_member(roomy_centre, Role.PEDAGOGUE, username="gone")
    Membership.objects.filter(user=gone).update(is_active=False)

    error = refused(
        plan_session, active_case, actor=psychologist,
        data=session_data(active_case, gone, date=TOMORROW),
    )  # fmt: skip

    assert error.field == "lead"


def test_the_lead_is_not_repeated_among_the_other_staff(active_case, psychologist, social_worker):
    data = session_data(
        active_case, psychologist, date=TOMORROW, staff=(psychologist, social_worker, social_worker)
    )

    session = plan_session(active_case, actor=psychologist, data=data)

    assert list(session.staff.all()) == [social_worker]


# The plan's goals


def test_a_goal_of_the_plan_in_force_is_linked_and_its_wording_kept(active_case, psychologist):
    goal = plan_with_goal(active_case, psychologist)

    session = plan_session(
        active_case, actor=psychologist,
        data=session_data(active_case, psychologist, date=TOMORROW, goal=goal),
    )  # fmt: skip

    assert (session.goal, session.goal_title) == (goal, "Редовно посещава училище")


@pytest.mark.parametrize("status", [PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.SUPERSEDED])
def test_a_goal_of_a_plan_not_in_force_is_refused(status, active_case, psychologist):
    goal = plan_with_goal(active_case, psychologist, status=status)
    data = session_data(active_case, psychologist, date=TOMORROW, goal=goal)

    error = refused(plan_session, active_case, actor=psychologist, data=data)

    assert (error.message, error.field) == ("Целта не е от плана в сила за случая.", "goal")


def test_a_goal_of_another_cases_plan_is_refused(active_case, roomy_centre, manager, psychologist):
    other = make_case(roomy_centre, manager, CaseStatus.ACTIVE)
    goal = plan_with_goal(other, manager)
    plan_with_goal(active_case, psychologist)
    data = session_data(active_case, psychologist, date=TOMORROW, goal=goal)

    error = refused(plan_session, active_case, actor=psychologist, data=data)

    assert error.message == "Целта не е от плана в сила за случая."


# Time


def test_a_planned_session_cannot_be_in_the_past(active_case, psychologist):
    error = refused(
        plan_session, active_case, actor=psychologist,
        data=session_data(active_case, psychologist, date=YESTERDAY),
    )  # fmt: skip

    assert error.field == "date"
    assert error.message.startswith("Планирана среща не може да е в миналото.")


def test_a_session_can_be_planned_for_today(active_case, psychologist):
    session = plan_session(
        active_case, actor=psychologist,
        data=session_data(active_case, psychologist, date=TODAY, start_time=time(0, 0)),
    )  # fmt: skip

    assert session.date == TODAY


def test_a_held_session_cannot_be_in_the_future(active_case, psychologist):
    sign_contract(active_case, psychologist)

    error = refused(
        record_session, active_case, actor=psychologist,
        data=session_data(active_case, psychologist, date=TOMORROW),
    )  # fmt: skip

    assert (error.message, error.field) == (
        "Проведена среща не може да е в бъдещето. Планирайте я.",
        "date",
    )


def test_a_session_cannot_be_before_the_case_was_registered(roomy_centre, manager, psychologist):
    case = make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    data = session_data(
        case, psychologist, kind=SessionKind.ASSESSMENT, date=TODAY - timedelta(days=3)
    )

    error = refused(record_session, case, actor=psychologist, data=data)

    assert error.message == f"Датата е преди регистрирането на случая ({TODAY:%d.%m.%Y})."


@pytest.mark.parametrize(
    ("minutes", "start", "message"),
    [
        (0, time(10), "Продължителността трябва да е между 1 и 480 минути."),
        (481, time(8), "Продължителността трябва да е между 1 и 480 минути."),
        (90, time(23, 0), "Срещата трябва да приключи до полунощ на същия ден."),
    ],
    ids=["zero", "over-a-working-day", "past-midnight"],
)
def test_a_session_ends_after_it_starts_on_the_same_day(
    minutes, start, message, active_case, psychologist
):
    data = session_data(
        active_case, psychologist, date=TOMORROW, duration_minutes=minutes, start_time=start
    )

    error = refused(plan_session, active_case, actor=psychologist, data=data)

    assert error.message == message


def test_a_session_may_end_exactly_at_midnight(active_case, psychologist):
    data = session_data(
        active_case, psychologist, date=TOMORROW, start_time=time(23), duration_minutes=60
    )

    assert plan_session(active_case, actor=psychologist, data=data).duration_minutes == 60


# The case's status


@pytest.mark.parametrize(
    "status",
    [CaseStatus.CLOSED, CaseStatus.REFUSED, CaseStatus.ARCHIVED, CaseStatus.CONSULTATION_CLOSED],
)
def test_no_session_is_written_on_an_ended_case(status, roomy_centre, manager, psychologist):
    case = registered_days_ago(make_case(roomy_centre, manager, status, case_manager=psychologist))
    data = session_data(case, psychologist, kind=SessionKind.ASSESSMENT)

    for call, day in ((record_session, YESTERDAY), (plan_session, TOMORROW)):
        error = refused(call, case, actor=manager, data=session_data(case, psychologist, date=day))
        assert "по него не се записват срещи" in error.message
    assert (
        "по него не се записват срещи"
        in refused(record_session, case, actor=manager, data=data).message
    )


@pytest.mark.parametrize("status", [CaseStatus.INTAKE, CaseStatus.WAITLISTED])
def test_a_case_not_yet_accepted_has_no_planned_sessions_but_a_first_contact_is_recorded(
    status, roomy_centre, manager, psychologist
):
    case = registered_days_ago(make_case(roomy_centre, manager, status))

    error = refused(
        plan_session, case, actor=manager, data=session_data(case, psychologist, date=TOMORROW)
    )
    held = record_session(
        case, actor=manager, data=session_data(case, psychologist, kind=SessionKind.ASSESSMENT)
    )

    assert error.message.startswith("Случаят още не е приет")
    assert held.status == SessionStatus.HELD


def test_a_follow_up_contact_belongs_to_a_case_in_follow_up(roomy_centre, manager, psychologist):
    active = registered_days_ago(
        make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    )
    following = registered_days_ago(
        make_case(roomy_centre, manager, CaseStatus.FOLLOW_UP, case_manager=psychologist)
    )

    error = refused(
        record_session, active, actor=psychologist,
        data=session_data(active, psychologist, kind=SessionKind.FOLLOW_UP),
    )  # fmt: skip
    contact = record_session(
        following, actor=psychologist,
        data=session_data(following, psychologist, kind=SessionKind.FOLLOW_UP),
    )  # fmt: skip

    assert error.field == "kind"
    assert (
        contact.status == SessionStatus.HELD
    )  # no contract after closure: not a delivered service


# No-show and cancellation


def test_a_no_show_is_kept_on_the_record(active_case, psychologist):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TODAY)
    )

    marked = mark_no_show(planned, actor=psychologist, note="Не вдигат телефона.")

    marked.refresh_from_db()
    assert (marked.status, marked.status_note) == (SessionStatus.NO_SHOW, "Не вдигат телефона.")
    assert AuditEntry.objects.filter(action="session.no_show", object_id=str(marked.pk)).exists()


def test_a_no_show_cannot_be_marked_before_the_day(active_case, psychologist):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TOMORROW)
    )

    error = refused(mark_no_show, planned, actor=psychologist)

    assert error.message == "Неявяване се отбелязва в деня на срещата или след него."


def test_a_held_session_is_neither_a_no_show_nor_cancelled(active_case, psychologist):
    sign_contract(active_case, psychologist)
    held = record_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist)
    )

    no_show = refused(mark_no_show, held, actor=psychologist)
    cancel = refused(cancel_session, held, actor=psychologist, reason="Грешка")

    assert no_show.message == "Срещата вече е „Проведена“; не може да стане „Неявяване“."
    assert cancel.message == "Срещата вече е „Проведена“; не може да стане „Отменена“."


def test_a_cancellation_gives_its_reason(active_case, psychologist):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TOMORROW)
    )

    error = refused(cancel_session, planned, actor=psychologist, reason="  ")
    cancelled = cancel_session(planned, actor=psychologist, reason="Детето е болно.")

    assert (error.message, error.field) == ("Посочете причината за отмяната.", "reason")
    assert (cancelled.status, cancelled.status_note) == (SessionStatus.CANCELLED, "Детето е болно.")


def test_closing_leaves_no_planned_session_behind(active_case, manager, psychologist):
    for day in (TODAY, TOMORROW):
        plan_session(
            active_case, actor=psychologist, data=session_data(active_case, psychologist, date=day)
        )

    count = cancel_planned_sessions(active_case, actor=manager, reason="Случаят е приключен.")

    assert count == 2
    assert set(Session.objects.values_list("status", flat=True)) == {SessionStatus.CANCELLED}


# Corrections


def test_an_edit_applies_the_rules_of_the_sessions_status(active_case, psychologist):
    sign_contract(active_case, psychologist)
    held = record_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist)
    )

    error = refused(
        update_session, held, actor=psychologist,
        data=session_data(active_case, psychologist, date=TOMORROW),
    )  # fmt: skip

    assert error.message == "Проведена среща не може да е в бъдещето. Планирайте я."


def test_an_edit_moves_a_held_session_out_of_the_contract_only_with_the_law(
    active_case, psychologist
):
    sign_contract(active_case, psychologist, start_on=TODAY - timedelta(days=5))
    held = record_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist)
    )

    error = refused(
        update_session, held, actor=psychologist,
        data=session_data(active_case, psychologist, date=TODAY - timedelta(days=20)),
    )  # fmt: skip

    assert error.message == EXACT_CONTRACT_MESSAGE


def test_an_edit_is_audited_by_field_name_only(active_case, psychologist):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TOMORROW)
    )

    update_session(
        planned, actor=psychologist,
        data=session_data(active_case, psychologist, date=TOMORROW, start_time=time(14), notes="Друго."),
    )  # fmt: skip

    entry = AuditEntry.objects.get(action="session.update")
    assert entry.changes == {"fields": ["start_time", "notes"]}
    planned.refresh_from_db()
    assert planned.start_time == time(14)


def test_an_overdue_planned_session_keeps_its_day_while_its_details_are_corrected(
    active_case, psychologist
):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TODAY)
    )
    type(planned).objects.filter(pk=planned.pk).update(date=YESTERDAY)
    planned.refresh_from_db()

    update_session(
        planned, actor=psychologist,
        data=session_data(active_case, psychologist, date=YESTERDAY, duration_minutes=30),
    )  # fmt: skip
    moved_back = refused(
        update_session, planned, actor=psychologist,
        data=session_data(active_case, psychologist, date=YESTERDAY - timedelta(days=1)),
    )  # fmt: skip

    assert moved_back.field == "date"


def test_a_cancelled_session_is_not_edited(active_case, psychologist):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TOMORROW)
    )
    cancel_session(planned, actor=psychologist, reason="Болест")

    error = refused(
        update_session, planned, actor=psychologist,
        data=session_data(active_case, psychologist, date=TOMORROW),
    )  # fmt: skip

    assert error.message == "Среща със статус „Отменена“ не се редактира."
