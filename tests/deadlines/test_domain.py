"""Setting, fulfilling and cancelling deadlines, and the deadlines the case's own steps keep."""

from datetime import date, timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.cases.domain.case import close_case, reopen_case
from opora.cases.domain.general import close_consultation
from opora.cases.domain.intake import accept_case
from opora.cases.enums import CaseStatus, ClosureReason
from opora.centres.domain import settings_for
from opora.centres.enums import DayCount
from opora.deadlines.calendar import add_days
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.factories import PersonFactory, make_case

WISH = date(2026, 4, 8)  # a Wednesday two days before Good Friday 2026


def _assessment_deadline(case) -> Deadline:
    return Deadline.objects.get(case=case, kind=DeadlineKind.ASSESSMENT, done_at=None)


# The assessment deadline set on acceptance


def test_accepting_a_case_sets_the_assessment_deadline_in_calendar_days(
    centre, manager, psychologist
):
    case = make_case(centre, manager, wish_declared_on=WISH)

    accept_case(case, actor=manager, case_manager=psychologist)

    deadline = _assessment_deadline(case)
    assert deadline.due_on == date(2026, 4, 28)
    assert deadline.responsible == psychologist
    assert deadline.centre == centre
    assert deadline.is_open


def test_with_working_days_the_assessment_deadline_skips_easter_labour_day_and_6_may(
    centre, manager, psychologist
):
    centre_settings = settings_for(centre)
    centre_settings.assessment_deadline_count = DayCount.WORKING
    centre_settings.save()
    case = make_case(centre, manager, wish_declared_on=WISH)

    accept_case(case, actor=manager, case_manager=psychologist)

    assert _assessment_deadline(case).due_on == date(2026, 5, 12)


def test_the_centre_chooses_the_number_of_days(centre, manager, psychologist):
    centre_settings = settings_for(centre)
    centre_settings.assessment_deadline = 10
    centre_settings.assessment_deadline_count = DayCount.WORKING
    centre_settings.save()
    case = make_case(centre, manager, wish_declared_on=date(2025, 12, 18))

    accept_case(case, actor=manager, case_manager=psychologist)

    # 19, 22, 23.12 (3) · Christmas 24–26.12 · 29–30.12 (5) · 31.12.2025–2.01.2026 declared
    # non-working · 5–9.01 (10)
    assert _assessment_deadline(case).due_on == date(2026, 1, 9)


def test_without_a_declared_wish_the_deadline_counts_from_acceptance(centre, manager, psychologist):
    case = make_case(centre, manager)

    accept_case(case, actor=manager, case_manager=psychologist)

    assert _assessment_deadline(case).due_on == add_days(timezone.localdate(), 20)


def test_another_centres_settings_do_not_change_this_centres_deadline(
    centre, other_centre, manager, psychologist
):
    elsewhere = settings_for(other_centre)
    elsewhere.assessment_deadline_count = DayCount.WORKING
    elsewhere.assessment_deadline = 5
    elsewhere.save()
    case = make_case(centre, manager, wish_declared_on=WISH)

    accept_case(case, actor=manager, case_manager=psychologist)

    assert _assessment_deadline(case).due_on == date(2026, 4, 28)


# set / fulfil / cancel


@pytest.fixture
def case(centre, manager, psychologist):
    return make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)


def _set(case, actor, kind=DeadlineKind.PLAN_REVIEW, due_on=date(2026, 12, 1), **extra):
    return set_deadline(case=case, kind=kind, title="Преглед", due_on=due_on, actor=actor, **extra)


def _open(case, kind=None):
    found = Deadline.objects.filter(case=case, done_at=None, cancelled_at=None)
    return found.filter(kind=kind) if kind else found


def test_setting_the_same_deadline_again_moves_it_instead_of_adding_one(case, manager):
    first = _set(case, manager)
    moved = set_deadline(
        case=case,
        kind=DeadlineKind.PLAN_REVIEW,
        title="Преглед на ИПП (отложен)",
        due_on=date(2026, 12, 15),
        actor=manager,
        warn_from=date(2026, 12, 1),
    )

    assert moved.pk == first.pk
    assert list(_open(case, DeadlineKind.PLAN_REVIEW).values_list("due_on", "title")) == [
        (date(2026, 12, 15), "Преглед на ИПП (отложен)")
    ]
    assert AuditEntry.objects.filter(action="deadline.set", object_id=str(case.pk)).count() >= 2


def test_each_source_keeps_its_own_open_deadline(case, manager, centre):
    first_request, second_request = PersonFactory(centre=centre), PersonFactory(centre=centre)

    _set(case, manager, DeadlineKind.INFO_REQUEST, source=first_request)
    _set(case, manager, DeadlineKind.INFO_REQUEST, source=second_request)

    sources = set(_open(case, DeadlineKind.INFO_REQUEST).values_list("source", flat=True))
    assert sources == {f"people.person:{first_request.pk}", f"people.person:{second_request.pk}"}


def test_fulfilling_closes_the_open_deadline_and_a_new_one_can_be_set(case, manager, psychologist):
    _set(case, manager)

    assert fulfil_deadlines(case=case, kind=DeadlineKind.PLAN_REVIEW, actor=psychologist) == 1
    done = Deadline.objects.get(case=case, kind=DeadlineKind.PLAN_REVIEW)
    assert done.done_at is not None and done.done_by == psychologist and not done.is_open
    assert not _open(case, DeadlineKind.PLAN_REVIEW).exists()

    again = _set(case, manager, due_on=date(2027, 6, 1))

    assert again.pk != done.pk
    assert list(_open(case, DeadlineKind.PLAN_REVIEW)) == [again]
    assert Deadline.objects.filter(case=case, kind=DeadlineKind.PLAN_REVIEW).count() == 2


def test_fulfilling_by_source_leaves_the_other_sources_open(case, manager, centre):
    first_request, second_request = PersonFactory(centre=centre), PersonFactory(centre=centre)
    _set(case, manager, DeadlineKind.INFO_REQUEST, source=first_request)
    _set(case, manager, DeadlineKind.INFO_REQUEST, source=second_request)

    fulfil_deadlines(case=case, kind=DeadlineKind.INFO_REQUEST, actor=manager, source=first_request)

    assert list(_open(case, DeadlineKind.INFO_REQUEST).values_list("source", flat=True)) == [
        f"people.person:{second_request.pk}"
    ]


def test_fulfilling_nothing_writes_no_audit_entry(case, manager):
    before = AuditEntry.objects.count()

    assert fulfil_deadlines(case=case, kind=DeadlineKind.FOLLOW_UP, actor=manager) == 0
    assert AuditEntry.objects.count() == before


def test_a_deadline_met_by_the_system_has_no_user(case):
    _set(case, None)

    fulfil_deadlines(case=case, kind=DeadlineKind.PLAN_REVIEW, actor=None)

    assert Deadline.objects.get(case=case, kind=DeadlineKind.PLAN_REVIEW).done_by is None


def test_cancelling_without_a_kind_drops_every_open_deadline_of_the_case(case, manager):
    _set(case, manager)
    _set(case, manager, DeadlineKind.REFERRER_REPORT)
    fulfil_deadlines(case=case, kind=DeadlineKind.REFERRER_REPORT, actor=manager)

    cancelled = cancel_deadlines(case=case, actor=manager)

    assert cancelled == 2  # the assessment deadline from acceptance and the review
    assert not _open(case).exists()
    met = Deadline.objects.get(case=case, kind=DeadlineKind.REFERRER_REPORT)
    assert met.cancelled_at is None and met.done_at is not None  # a met deadline stays met
    assert AuditEntry.objects.filter(action="deadline.cancel", object_id=str(case.pk)).exists()


def test_cancelling_one_kind_leaves_the_others(case, manager):
    _set(case, manager)

    cancel_deadlines(case=case, actor=manager, kind=DeadlineKind.PLAN_REVIEW)

    assert list(_open(case).values_list("kind", flat=True)) == [DeadlineKind.ASSESSMENT]


def test_the_database_refuses_a_second_open_deadline_of_the_same_kind_and_source(case, manager):
    first = _set(case, manager)

    with pytest.raises(IntegrityError), transaction.atomic():
        Deadline.objects.create(
            centre=first.centre,
            case=case,
            kind=first.kind,
            source="",
            title="x",
            due_on=first.due_on,
        )


def test_another_centres_case_keeps_its_deadlines_when_this_one_is_cancelled(
    case, manager, other_centre, outsider_manager
):
    theirs = make_case(other_centre, outsider_manager, CaseStatus.ASSESSMENT)

    cancel_deadlines(case=case, actor=manager)

    assert _open(theirs, DeadlineKind.ASSESSMENT).count() == 1
    assert _open(theirs).get().centre == other_centre


# The case's own steps


def test_closing_a_case_cancels_its_open_deadlines(case, manager):
    _set(case, manager)
    _set(case, manager, DeadlineKind.CONTRACT_END, warn_from=date(2026, 11, 1))

    close_case(case, actor=manager, reason=ClosureReason.GOALS_ACHIEVED)

    assert not _open(case).exists()
    assert Deadline.objects.filter(case=case, cancelled_at__isnull=False).count() == 3


def test_a_reopened_case_does_not_revive_the_cancelled_deadlines(case, manager):
    _set(case, manager)
    close_case(case, actor=manager, reason=ClosureReason.WITHDRAWN)
    cancelled = set(Deadline.objects.filter(case=case).values_list("pk", flat=True))

    reopen_case(case, actor=manager, reason="Семейството потърси отново помощ.")

    still_cancelled = Deadline.objects.filter(pk__in=cancelled, cancelled_at__isnull=False)
    assert still_cancelled.count() == len(cancelled) == 2


def test_closing_a_general_access_consultation_cancels_its_two_month_limit(centre, psychologist):
    consultation = make_case(centre, psychologist, CaseStatus.CONSULTATION_OPEN)
    limit = _open(consultation, DeadlineKind.GENERAL_ACCESS_LIMIT).get()
    assert limit.warn_from == limit.due_on - timedelta(days=14)

    close_consultation(consultation, actor=psychologist, note="Получи информацията.")

    assert not _open(consultation).exists()
