"""Reviewing the plan (преглед на ИПП): who starts it, what it records, and the deadlines it keeps."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.centres.domain import settings_for
from opora.closure.enums import ReportKind
from opora.closure.models import ReferrerReport
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.referrals.enums import SourceType
from opora.reviews.domain.review import (
    GoalProgressData,
    ReviewData,
    complete_review,
    default_next_review,
    record_review,
    start_review,
)
from opora.reviews.enums import Progress, ReviewKind, ReviewStatus
from opora.reviews.models import GoalProgress, Review
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task
from tests.factories import make_case
from tests.reviews.casework import working_case


def today() -> date:
    return timezone.localdate()


@pytest.fixture
def case(centre, manager, psychologist):
    return working_case(centre, manager, psychologist)


@pytest.fixture
def review(case, psychologist):
    return start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)


def sheet(review, **overrides) -> ReviewData:
    """A complete review sheet: progress on every goal, the child's view, decisions, next date."""
    values = {
        "held_on": today(),
        "progress": [
            GoalProgressData(goal_id=g.pk, progress=Progress.IN_PROGRESS, comment="Напредва")
            for g in review.plan.goals.all()
        ],
        "needs_change": "Детето вече ходи на училище редовно.",
        "child_view": "Харесва ми да идвам в центъра.",
        "decisions": "Продължаваме по плана.",
        "next_review_on": add_months(today(), 6),
    }
    values.update(overrides)
    return ReviewData(**values)


def _open_review_deadlines(case):
    return list(
        Deadline.objects.filter(
            case=case, kind=DeadlineKind.PLAN_REVIEW, done_at=None, cancelled_at=None
        )
    )


# Starting


def test_a_scheduled_review_puts_the_active_case_under_review_with_the_plan_in_force(
    case, psychologist
):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)

    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW
    assert review.status == ReviewStatus.IN_PROGRESS
    assert review.plan == case.plan_versions.get(status="approved")
    assert review.held_on == today()
    assert AuditEntry.objects.filter(action="review.start", object_id=str(case.pk)).exists()


def test_an_event_review_needs_its_reason_and_saves_nothing_without_it(case, psychologist):
    with pytest.raises(DomainError) as refused:
        start_review(case, actor=psychologist, kind=ReviewKind.NEEDS_CHANGE, reason="  ")

    assert refused.value.message == "Опишете повода за извънредния преглед."
    assert refused.value.field == "reason"
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert not Review.objects.exists()


def test_an_unknown_kind_is_refused(case, psychologist):
    with pytest.raises(DomainError) as refused:
        start_review(case, actor=psychologist, kind="whatever")
    assert refused.value.message == "Изберете вид на прегледа."
    assert not Review.objects.exists()


def test_a_new_risk_on_a_case_referred_by_ozd_raises_the_task_to_notify_ozd(case, psychologist):
    start_review(
        case, actor=psychologist, kind=ReviewKind.NEW_RISK, reason="Синини по ръцете на детето."
    )

    task = Task.objects.get(case=case, kind=TaskKind.OTHER)
    assert task.title.startswith(f"Уведомете ОЗД за нов риск по случай {case.number}")
    assert "Синини" in task.title
    assert task.done_at is None
    hours = settings_for(case.centre).notification_deadline_hours
    assert task.due_at - task.created_at == timedelta(hours=hours)


def test_a_new_risk_on_a_case_the_municipality_referred_raises_no_ozd_task(
    centre, manager, psychologist
):
    case = working_case(centre, manager, psychologist, source_type=SourceType.MUNICIPALITY)

    start_review(case, actor=psychologist, kind=ReviewKind.NEW_RISK, reason="Конфликт у дома.")

    assert not Task.objects.filter(case=case, kind=TaskKind.OTHER).exists()


def test_only_a_case_in_support_can_be_reviewed(centre, manager, psychologist):
    assessing = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)

    with pytest.raises(DomainError) as refused:
        start_review(assessing, actor=psychologist, kind=ReviewKind.SCHEDULED)

    assert refused.value.message == (
        "Преглед на ИПП се прави за случай в изпълнение; случаят е в статус „В оценка“."
    )
    assert not Review.objects.exists()


def test_a_general_access_consultation_has_no_plan_to_review(centre, manager):
    consultation = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    with pytest.raises(DomainError) as refused:
        start_review(consultation, actor=manager, kind=ReviewKind.SCHEDULED)
    assert refused.value.message == "Общодостъпната услуга няма ИПП и не се преглежда."


def test_a_second_review_waits_for_the_first(review, case, psychologist):
    with pytest.raises(DomainError, match="вече има започнат преглед"):
        start_review(case, actor=psychologist, kind=ReviewKind.OTHER, reason="Друго")
    assert Review.objects.count() == 1


def test_a_suspended_case_is_reviewed_without_changing_its_status(case, manager, psychologist):
    change_status(case, to_status=CaseStatus.SUSPENDED, actor=manager, note="Болница")

    review = start_review(case, actor=psychologist, kind=ReviewKind.NEEDS_CHANGE, reason="Болница")
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED

    complete_review(review, actor=psychologist, data=sheet(review))
    case.refresh_from_db()
    assert case.status == CaseStatus.SUSPENDED
    assert review.status == ReviewStatus.COMPLETED


# Completing


def test_completing_returns_the_case_to_active_and_moves_the_review_deadline(
    review, case, psychologist
):
    from_plan = _open_review_deadlines(case)
    assert [d.source for d in from_plan] == [f"plans.planversion:{review.plan_id}"]
    next_on = add_months(today(), 4)

    complete_review(review, actor=psychologist, data=sheet(review, next_review_on=next_on))

    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE
    assert Deadline.objects.get(pk=from_plan[0].pk).done_at is not None
    (following,) = _open_review_deadlines(case)
    assert following.due_on == next_on
    assert following.source == f"reviews.review:{review.pk}"
    assert following.responsible == psychologist
    review.refresh_from_db()
    assert review.status == ReviewStatus.COMPLETED
    assert review.completed_by == psychologist
    assert [p.progress for p in review.progress.all()] == [Progress.IN_PROGRESS] * 2
    assert [p.goal_title for p in review.progress.all()] == [
        "Редовно посещение на училище",
        "Подобрена комуникация в семейството",
    ]


def test_the_next_review_defaults_to_today_plus_the_centres_interval(case, centre):
    centre_settings = settings_for(centre)
    centre_settings.review_interval_months = 3
    centre_settings.save()

    assert default_next_review(case) == add_months(today(), 3)


def test_a_saved_sheet_stays_in_progress_and_can_be_corrected(review, case, psychologist):
    goal = review.plan.goals.first()
    record_review(
        review,
        actor=psychologist,
        data=ReviewData(held_on=today(), progress=[GoalProgressData(goal.pk, Progress.ACHIEVED)]),
    )
    record_review(
        review,
        actor=psychologist,
        data=ReviewData(
            held_on=today(), progress=[GoalProgressData(goal.pk, Progress.PARTLY_ACHIEVED)]
        ),
    )

    case.refresh_from_db()
    assert case.status == CaseStatus.UNDER_REVIEW
    assert [p.progress for p in GoalProgress.objects.filter(review=review)] == [
        Progress.PARTLY_ACHIEVED
    ]


def test_completing_for_a_child_protection_case_keeps_a_progress_report_due(
    review, case, psychologist
):
    complete_review(review, actor=psychologist, data=sheet(review))

    assert ReferrerReport.objects.filter(case=case, kind=ReportKind.PROGRESS).count() == 1


# Refused input: the exact message, nothing saved


def _refused(review, actor, data) -> DomainError:
    before = list(GoalProgress.objects.values_list("pk", flat=True))
    with pytest.raises(DomainError) as refused:
        complete_review(review, actor=actor, data=data)
    review.refresh_from_db()
    review.case.refresh_from_db()
    assert review.status == ReviewStatus.IN_PROGRESS
    assert review.case.status == CaseStatus.UNDER_REVIEW
    assert list(GoalProgress.objects.values_list("pk", flat=True)) == before
    return refused.value


def test_a_review_date_before_the_plan_started_is_refused(review, psychologist):
    error = _refused(review, psychologist, sheet(review, held_on=today() - timedelta(days=1)))

    assert error.message == "Датата на прегледа не може да е преди началото на плана."
    assert error.field == "held_on"


def test_a_review_date_in_the_future_is_refused(review, psychologist):
    error = _refused(review, psychologist, sheet(review, held_on=today() + timedelta(days=1)))

    assert error.message == "Датата на прегледа не може да е в бъдещето."


def test_progress_on_a_goal_that_is_not_in_the_plan_is_refused(
    review, centre, manager, psychologist
):
    other = working_case(centre, manager, psychologist, goals=("Чужда цел",))
    foreign = other.plan_versions.get(status="approved").goals.get()
    data = sheet(review)
    data = sheet(review, progress=[*data.progress, GoalProgressData(foreign.pk, Progress.ACHIEVED)])

    error = _refused(review, psychologist, data)

    assert error.message == "Отбелязан е напредък по цел, която не е от преглеждания ИПП."


def test_every_goal_needs_its_progress(review, psychologist):
    first, second = review.plan.goals.all()
    data = sheet(review, progress=[GoalProgressData(first.pk, Progress.ACHIEVED)])

    error = _refused(review, psychologist, data)

    assert error.message == f"Отбележете напредъка по целта „{second.title}“."
    assert error.field == f"goal_{second.pk}"


def test_a_child_of_ten_or_more_must_be_heard_or_the_reason_recorded(review, psychologist):
    error = _refused(review, psychologist, sheet(review, child_view=""))

    age = review.case.primary_person.age_on(today())
    assert 10 <= age < 18
    assert error.message == (
        f"Детето е на {age} години: запишете мнението му (чл. 15, ал. 1 ЗЗД) или причината, "
        "поради която изслушването би му навредило."
    )
    assert error.field == "child_view"

    complete_review(
        review,
        actor=psychologist,
        data=sheet(review, child_view="", child_not_heard_reason="Изслушването би го травмирало."),
    )
    assert review.status == ReviewStatus.COMPLETED


def test_a_child_under_ten_may_be_reviewed_without_a_recorded_view(centre, manager, psychologist):
    young = working_case(centre, manager, psychologist, birth_date=date(2021, 1, 15))
    review = start_review(young, actor=psychologist, kind=ReviewKind.SCHEDULED)

    complete_review(review, actor=psychologist, data=sheet(review, child_view=""))

    assert review.status == ReviewStatus.COMPLETED


def test_decisions_are_required(review, psychologist):
    error = _refused(review, psychologist, sheet(review, decisions=" "))

    assert error.message == "Опишете решенията от прегледа."


def test_the_next_review_must_come_after_this_one(review, psychologist):
    error = _refused(review, psychologist, sheet(review, next_review_on=today()))

    assert error.message == "Следващият преглед трябва да е след датата на този преглед."
    assert error.field == "next_review_on"


def test_the_next_review_is_at_most_12_months_ahead(review, psychologist):
    too_late = add_months(today(), 12) + timedelta(days=1)

    error = _refused(review, psychologist, sheet(review, next_review_on=too_late))

    assert error.message == "Следващият преглед не може да е по-късно от 12 месеца след този."
    complete_review(review, actor=psychologist, data=sheet(review, next_review_on=add_months(today(), 12)))  # fmt: skip


def test_the_next_review_date_is_required_to_complete(review, psychologist):
    error = _refused(review, psychologist, sheet(review, next_review_on=None))

    assert error.message == "Посочете датата на следващия преглед."


def test_a_completed_review_is_not_changed_again(review, psychologist):
    complete_review(review, actor=psychologist, data=sheet(review))

    with pytest.raises(DomainError, match="Прегледът вече е приключен"):
        record_review(review, actor=psychologist, data=sheet(review))
