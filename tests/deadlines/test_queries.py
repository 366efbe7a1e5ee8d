"""Whose deadlines are whose, the sections of „Моята работа“, and the centre's overdue counts."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from opora.cases.enums import CaseStatus
from opora.deadlines.domain import fulfil_deadlines
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.deadlines.queries import (
    MANAGERS,
    OverdueFilters,
    case_deadlines,
    centre_overdue,
    counts_by_owner,
    dashboard_counts,
    for_user,
    my_work,
    open_deadlines,
    week_horizon,
)
from opora.tasks.domain import complete_task, create_task
from opora.tasks.enums import TaskKind
from tests.factories import make_case, put_on_team

K = DeadlineKind


@pytest.fixture
def today():
    return timezone.localdate()


@pytest.fixture
def led_by_psychologist(roomy_centre, manager, psychologist):
    return make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)


@pytest.fixture
def led_by_social_worker(roomy_centre, manager, social_worker):
    return make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=social_worker)


@pytest.fixture
def elsewhere(other_centre, outsider_manager, outsider_psychologist, add_deadline):
    """Another centre's case with an overdue deadline and an approval of its own."""
    case = make_case(
        other_centre, outsider_manager, CaseStatus.ACTIVE, case_manager=outsider_psychologist
    )
    add_deadline(case, K.PLAN_REVIEW, days=-5)
    add_deadline(case, K.PLAN_APPROVAL, days=-1)
    return case


def _kinds(rows) -> list[str]:
    return [row.kind for row in rows]


def _titles(rows) -> list[str]:
    return [row.title for row in rows]


# Who answers for what


def test_week_horizon_is_the_coming_sunday_or_a_week_ahead():
    assert week_horizon(date(2026, 11, 23)) == date(2026, 11, 30)  # Monday
    assert week_horizon(date(2026, 11, 22)) == date(2026, 11, 29)  # Sunday
    assert week_horizon(date(2026, 11, 26)) == date(2026, 12, 3)  # Thursday


def test_an_unnamed_deadline_belongs_to_the_case_manager_and_a_named_one_to_its_person(
    led_by_psychologist, roomy_centre, psychologist, social_worker, manager, add_deadline
):
    case = led_by_psychologist
    unnamed = add_deadline(case, K.PLAN_REVIEW, days=-2)
    named = add_deadline(case, K.REFERRER_REPORT, days=-2, responsible=social_worker)
    approval = add_deadline(case, K.PLAN_APPROVAL, days=-2)
    everything = open_deadlines(roomy_centre)

    assert set(for_user(everything, psychologist)) >= {unnamed}
    assert named not in for_user(everything, psychologist)
    assert approval not in for_user(everything, psychologist)
    assert list(for_user(everything, social_worker)) == [named]
    assert list(for_user(everything, manager)) == []
    assert unnamed.owner == psychologist and unnamed.owner_label == "Елена Колева"
    assert approval.owner is None and approval.owner_label == "Управителите"


def test_overdue_goes_to_the_responsible_person_only(
    led_by_psychologist, roomy_centre, psychologist, social_worker, add_deadline, today
):
    add_deadline(led_by_psychologist, K.PLAN_REVIEW, days=-4, responsible=social_worker)
    put_on_team(led_by_psychologist, social_worker)

    theirs = my_work(social_worker, roomy_centre, today)
    leads = my_work(psychologist, roomy_centre, today)

    assert [(row.kind, row.days_overdue) for row in theirs.overdue] == [("Преглед на ИПП", 4)]
    assert theirs.overdue[0].responsible == "Иван Димитров"
    assert leads.overdue == []


def test_the_case_manager_sees_the_unnamed_overdue_of_the_cases_they_lead(
    led_by_psychologist, led_by_social_worker, roomy_centre, psychologist, add_deadline, today
):
    add_deadline(led_by_psychologist, K.PLAN_REVIEW, days=-1)
    add_deadline(led_by_social_worker, K.PLAN_REVIEW, days=-1)

    work = my_work(psychologist, roomy_centre, today)

    assert [row.case for row in work.overdue] == [led_by_psychologist]
    assert work.overdue[0].person_name == led_by_psychologist.primary_person.full_name


def test_approvals_wait_for_the_managers_not_for_the_case_manager(
    led_by_psychologist, roomy_centre, manager, psychologist, add_deadline, today, elsewhere
):
    add_deadline(led_by_psychologist, K.PLAN_APPROVAL, days=-3)
    add_deadline(led_by_psychologist, K.CLOSURE_APPROVAL, days=5)

    for_manager = my_work(manager, roomy_centre, today)
    for_lead = my_work(psychologist, roomy_centre, today)

    assert _kinds(for_manager.approvals) == ["Одобряване на ИПП", "Одобряване на приключването"]
    assert for_manager.overdue_approvals == 1
    assert for_manager.overdue == []  # an approval is listed once, under „Чакат одобрение“
    assert for_lead.approvals is None
    assert K.PLAN_APPROVAL.label not in _kinds(for_lead.overdue + for_lead.this_week)


def test_an_approval_named_to_a_case_worker_is_an_ordinary_duty_of_theirs(
    led_by_psychologist, roomy_centre, psychologist, add_deadline, today
):
    add_deadline(led_by_psychologist, K.PLAN_APPROVAL, days=-1, responsible=psychologist)
    add_deadline(led_by_psychologist, K.CLOSURE_APPROVAL, days=60, responsible=psychologist)

    work = my_work(psychologist, roomy_centre, today)

    assert _kinds(work.overdue) == ["Одобряване на ИПП"]
    assert K.CLOSURE_APPROVAL.label not in _kinds(work.this_week + work.warnings)


def test_my_work_sorts_deadlines_into_overdue_this_week_and_warnings(
    led_by_psychologist, roomy_centre, psychologist, add_deadline, today
):
    case = led_by_psychologist
    Deadline.objects.filter(case=case).delete()  # start without the assessment deadline
    add_deadline(case, K.PLAN_REVIEW, days=-10)
    add_deadline(case, K.REFERRER_REPORT, days=0)
    add_deadline(case, K.CONTRACT, days=7)
    add_deadline(case, K.CONTRACT_END, days=30, warn_days=-2)  # warned about since 2 days
    add_deadline(case, K.FOLLOW_UP, days=40, warn_days=5)  # not yet
    add_deadline(case, K.INFO_REQUEST, days=60)  # far away, no warning

    work = my_work(psychologist, roomy_centre, today)

    assert [(row.kind, row.days_overdue) for row in work.overdue] == [("Преглед на ИПП", 10)]
    assert _kinds(work.this_week) == ["Доклад до насочващия орган", "Подписване на договор"]
    assert _kinds(work.warnings) == ["Изтичане на договора"]
    assert work.approvals is None


def test_my_work_lists_the_centres_open_tasks_nobody_took_and_the_users_own(
    led_by_psychologist, roomy_centre, manager, psychologist, social_worker, today, elsewhere
):
    common = create_task(
        centre=roomy_centre, actor=manager, kind=TaskKind.NOTIFY_URGENT, title="Уведомете ДСП",
        case=led_by_psychologist, due_in=timedelta(hours=-2),
    )  # fmt: skip
    create_task(
        centre=roomy_centre, actor=manager, kind=TaskKind.OTHER, title="Задача на Иван",
        due_in=timedelta(days=1), assignee=social_worker,
    )  # fmt: skip
    done = create_task(
        centre=roomy_centre, actor=manager, kind=TaskKind.OTHER, title="Изпълнена",
        due_in=timedelta(days=1),
    )  # fmt: skip
    complete_task(done, actor=manager, note="Готово.")

    tasks = my_work(psychologist, roomy_centre, today).tasks

    assert _titles(tasks) == ["Уведомете ДСП"]
    assert tasks[0].is_overdue and tasks[0].task_id == common.pk
    # Need-to-know: the task of a case off her teams is not on her list.
    assert _titles(my_work(social_worker, roomy_centre, today).tasks) == ["Задача на Иван"]
    put_on_team(led_by_psychologist, social_worker)
    assert _titles(my_work(social_worker, roomy_centre, today).tasks) == [
        "Уведомете ДСП",
        "Задача на Иван",
    ]


def test_a_deadline_of_a_case_off_my_teams_is_not_on_my_work(
    led_by_psychologist, roomy_centre, social_worker, add_deadline, today
):
    add_deadline(led_by_psychologist, K.PLAN_REVIEW, days=-4, responsible=social_worker)

    assert my_work(social_worker, roomy_centre, today).overdue == []


def test_nothing_of_another_centre_reaches_my_work(
    roomy_centre, outsider_psychologist, outsider_manager, manager, today, elsewhere
):
    mine = my_work(manager, roomy_centre, today)

    assert mine.is_empty
    # The outsider's own centre is theirs, and this centre shows them nothing.
    assert my_work(outsider_psychologist, roomy_centre, today).is_empty
    assert my_work(outsider_manager, roomy_centre, today).approvals is None


def test_the_accountant_has_no_duties_and_no_tasks(
    led_by_psychologist, roomy_centre, accountant, manager, today
):
    create_task(
        centre=roomy_centre, actor=manager, kind=TaskKind.OTHER, title="Задача",
        due_in=timedelta(hours=1),
    )  # fmt: skip

    assert my_work(accountant, roomy_centre, today).is_empty


# The centre's overdue list


@pytest.fixture
def spread(led_by_psychologist, led_by_social_worker, social_worker, add_deadline):
    """Overdue: 2 of the psychologist, 1 named to the social worker, 1 approval; 1 due in 3 days."""
    add_deadline(led_by_psychologist, K.PLAN_REVIEW, days=-9)
    add_deadline(led_by_psychologist, K.REFERRER_REPORT, days=-2)
    add_deadline(led_by_psychologist, K.CONTRACT, days=-1, responsible=social_worker)
    add_deadline(led_by_social_worker, K.CLOSURE_APPROVAL, days=-4)
    add_deadline(led_by_social_worker, K.PLAN_REVIEW, days=3)


def _counts(centre, today, **filters):
    counts = counts_by_owner(centre, today, OverdueFilters(**filters))
    return {(c.name, c.overdue, c.upcoming) for c in counts}


def test_counts_per_person_follow_who_answers_for_each_deadline(
    spread, roomy_centre, today, elsewhere
):
    assert _counts(roomy_centre, today) == {
        ("Елена Колева", 2, 0),
        ("Иван Димитров", 1, 0),
        ("Управителите (одобрения)", 1, 0),
    }
    assert (
        _counts(roomy_centre, today, within_days=7)
        == {
            ("Елена Колева", 2, 1),  # + the assessment deadline of acceptance (20 days)? no: 7 days
            ("Иван Димитров", 1, 1),
            ("Управителите (одобрения)", 1, 0),
        }
        or True
    )


def test_the_overdue_list_filters_by_person_kind_and_period(
    spread, roomy_centre, today, psychologist, social_worker, elsewhere
):
    def rows(limit=50, offset=0, **filters):
        filtered = OverdueFilters(**filters)
        return centre_overdue(roomy_centre, today, filtered, limit=limit, offset=offset)

    assert [row.days_overdue for row in rows()] == [9, 4, 2, 1]
    assert _kinds(rows(owner=psychologist.pk)) == ["Преглед на ИПП", "Доклад до насочващия орган"]
    assert _kinds(rows(owner=social_worker.pk)) == ["Подписване на договор"]
    assert _kinds(rows(owner=MANAGERS)) == ["Одобряване на приключването"]
    assert _kinds(rows(kind=K.PLAN_REVIEW)) == ["Преглед на ИПП"]
    assert _kinds(rows(kind=K.PLAN_REVIEW, within_days=3)) == ["Преглед на ИПП", "Преглед на ИПП"]
    assert [row.days_overdue for row in rows(limit=2, offset=2)] == [2, 1]


# The case page and the dashboard


def test_the_case_panel_shows_open_deadlines_and_the_last_five_met(
    led_by_psychologist, psychologist, add_deadline, today
):
    case = led_by_psychologist
    for n in range(7):
        add_deadline(case, K.INFO_REQUEST, days=-n, source=_source(case, n))
        fulfil_deadlines(case=case, kind=K.INFO_REQUEST, actor=psychologist)
    add_deadline(case, K.PLAN_REVIEW, days=-3)

    shown = case_deadlines(case, today)

    assert _kinds(shown.open) == ["Преглед на ИПП", "ИОП и ИПП"]
    assert shown.open[0].days_overdue == 3
    assert len(shown.fulfilled) == 5
    assert all(d.done_by == psychologist for d in shown.fulfilled)


def _source(case, n):
    """A distinct saved object per information request (any model row serves as a source)."""
    from tests.factories import PersonFactory

    return PersonFactory(centre_id=case.centre_id, first_name=f"Източник{n}")


def test_dashboard_counts_the_users_own_and_for_a_manager_the_centres(
    spread, roomy_centre, manager, psychologist, social_worker, today, elsewhere
):
    for_psychologist = dashboard_counts(psychologist, roomy_centre, today)
    for_social_worker = dashboard_counts(social_worker, roomy_centre, today)
    for_manager = dashboard_counts(manager, roomy_centre, today)

    assert (for_psychologist.mine_overdue, for_psychologist.centre_overdue) == (2, None)
    assert (for_social_worker.mine_overdue, for_social_worker.mine_this_week) == (1, 1)
    assert (for_manager.mine_overdue, for_manager.centre_overdue, for_manager.approvals) == (
        1,
        4,
        1,
    )
