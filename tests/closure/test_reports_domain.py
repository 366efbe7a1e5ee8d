"""Reports to the referrer: the periodic schedule, reports on request, sending, and the register."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.centres.domain import settings_for
from opora.closure.domain.queries import RegisterFilters, register_counts, report_register
from opora.closure.domain.reports import (
    ReportContent,
    add_report,
    cancel_report,
    mark_report_sent,
    schedule_referrer_reports,
    update_report,
)
from opora.closure.enums import Channel, ReportKind, ReportStatus
from opora.closure.models import ReferrerReport
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from opora.referrals.enums import SourceType
from tests.factories import make_case


def today():
    return timezone.localdate()


@pytest.fixture
def case(centre, manager, psychologist):
    """Active, referred by ОЗД Харманли (officer Иванова)."""
    return make_case(
        centre, manager, CaseStatus.ACTIVE, case_manager=psychologist,
        institution="ОЗД – Харманли", officer_name="Анна Иванова",
    )  # fmt: skip


def _deadline(report):
    return Deadline.objects.get(
        case=report.case,
        kind=DeadlineKind.REFERRER_REPORT,
        source=f"closure.referrerreport:{report.pk}",
    )


def written(report, actor):
    content = ReportContent(
        due_on=report.due_on, period_from=report.period_from, period_to=report.period_to,
        progress="Детето посещава училище.", risks="Няма нови рискове.",
        recommendations="Продължаване на услугата.",
        addressee_institution=report.addressee_institution, addressee_officer=report.addressee_officer,
    )  # fmt: skip
    return update_report(report, actor=actor, content=content)


# The periodic schedule


def test_the_progress_report_is_due_after_the_centres_interval(case, centre, manager):
    centre_settings = settings_for(centre)
    centre_settings.referrer_report_interval_months = 2
    centre_settings.save()

    report = schedule_referrer_reports(case, actor=manager)

    assert report.kind == ReportKind.PROGRESS
    assert report.due_on == add_months(today(), 2)
    assert report.period_from == timezone.localtime(case.opened_at).date()
    assert report.period_to == report.due_on
    assert (report.addressee_institution, report.addressee_officer) == (
        "ОЗД – Харманли",
        "Анна Иванова",
    )
    deadline = _deadline(report)
    assert (deadline.due_on, deadline.responsible) == (report.due_on, case.case_manager)


def test_scheduling_twice_keeps_one_report_due(case, manager):
    first = schedule_referrer_reports(case, actor=manager)

    assert schedule_referrer_reports(case, actor=manager) == first
    assert ReferrerReport.objects.count() == 1


@pytest.mark.parametrize(
    "source", [SourceType.MUNICIPALITY, SourceType.SCHOOL, SourceType.SELF_ADULT]
)
def test_only_ozd_and_dsp_cases_get_periodic_reports(centre, manager, psychologist, source):
    case = make_case(
        centre, manager, CaseStatus.ACTIVE, case_manager=psychologist, source_type=source
    )

    assert schedule_referrer_reports(case, actor=manager) is None
    assert not ReferrerReport.objects.exists()


def test_a_dsp_case_gets_periodic_reports(centre, manager, psychologist):
    case = make_case(
        centre, manager, CaseStatus.ACTIVE, case_manager=psychologist,
        source_type=SourceType.DSP_OTHER,
    )  # fmt: skip

    assert schedule_referrer_reports(case, actor=manager) is not None


def test_no_periodic_report_before_the_support_starts_or_after_it_ends(
    centre, manager, psychologist
):
    assessing = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)
    closed = make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)

    assert schedule_referrer_reports(assessing, actor=manager) is None
    assert schedule_referrer_reports(closed, actor=manager) is None


def test_sending_meets_the_deadline_and_schedules_the_next_period(case, centre, manager):
    interval = settings_for(centre).referrer_report_interval_months
    report = written(schedule_referrer_reports(case, actor=manager), manager)

    mark_report_sent(
        report, actor=manager, sent_on=today(), channel=Channel.EMAIL, reference_number="123/2026"
    )

    report.refresh_from_db()
    assert (report.status, report.sent_on, report.reference_number) == (
        ReportStatus.SENT,
        today(),
        "123/2026",
    )
    assert report.sent_recorded_by == manager
    assert _deadline(report).done_at is not None
    following = ReferrerReport.objects.get(kind=ReportKind.PROGRESS, status=ReportStatus.DUE)
    assert following.period_from == report.period_to + timedelta(days=1)
    assert following.due_on == add_months(report.period_to, interval)
    assert _deadline(following).done_at is None


def test_sending_on_a_closed_case_schedules_nothing_more(case, manager):
    report = add_report(
        case, actor=manager, kind=ReportKind.ON_REQUEST, due_on=today(), request_note="Справка"
    )
    written(report, manager)
    change_status(case, to_status=CaseStatus.CLOSED, actor=manager, closure_reason="moved")

    mark_report_sent(report, actor=manager, sent_on=today(), channel=Channel.POST)

    assert ReferrerReport.objects.count() == 1


# Reports the staff add


def test_a_report_on_request_of_ozd_is_due_when_ozd_asked(case, manager):
    due_on = today() + timedelta(days=10)

    report = add_report(
        case, actor=manager, kind=ReportKind.ON_REQUEST, due_on=due_on,
        request_note="Писмо № 45 от ОЗД: информация преди съдебно заседание.",
    )  # fmt: skip

    assert (report.kind, report.due_on, report.status) == (
        ReportKind.ON_REQUEST,
        due_on,
        ReportStatus.DUE,
    )
    assert _deadline(report).due_on == due_on


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"due_on": None}, "Посочете срока на доклада."),
        ({"due_on": "yesterday"}, "Срокът на доклада не може да е в миналото."),
        ({"request_note": ""}, "Опишете какво е поискал ОЗД."),
        ({"kind": ReportKind.CLOSING}, "Изберете вид на доклада."),
        (
            {"period_from": "tomorrow", "period_to": "today"},
            "Началото на периода трябва да е преди края му.",
        ),
    ],
)
def test_a_bad_report_is_refused_and_nothing_is_saved(case, manager, changes, message):
    days = {"yesterday": today() - timedelta(days=1), "today": today(), "tomorrow": today() + timedelta(days=1)}  # fmt: skip
    values = {"kind": ReportKind.ON_REQUEST, "due_on": today(), "request_note": "Справка"}
    values.update({k: days.get(v, v) if isinstance(v, str) else v for k, v in changes.items()})

    with pytest.raises(DomainError) as refused:
        add_report(case, actor=manager, **values)

    assert refused.value.message == message
    assert not ReferrerReport.objects.exists()
    assert not Deadline.objects.filter(kind=DeadlineKind.REFERRER_REPORT).exists()


def test_a_case_not_yet_accepted_has_no_reports(centre, manager):
    intake = make_case(centre, manager)

    with pytest.raises(DomainError, match="започват след приемането на случая"):
        add_report(intake, actor=manager, kind=ReportKind.NEW_RISK, due_on=today())


def test_a_general_consultation_has_no_reports(centre, manager):
    consultation = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    with pytest.raises(DomainError, match="не се изготвят доклади до насочващ орган"):
        add_report(consultation, actor=manager, kind=ReportKind.NEW_RISK, due_on=today())


# Sending


def test_an_empty_report_is_not_sent(case, manager):
    report = schedule_referrer_reports(case, actor=manager)

    with pytest.raises(DomainError) as refused:
        mark_report_sent(report, actor=manager, sent_on=today(), channel=Channel.EMAIL)

    assert refused.value.message == (
        "Попълнете съдържанието на доклада, преди да го отбележите като изпратен."
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DUE
    assert _deadline(report).done_at is None


@pytest.mark.parametrize(
    ("sent_on", "channel", "message"),
    [
        (None, Channel.EMAIL, "Посочете датата на изпращане."),
        ("tomorrow", Channel.EMAIL, "Датата на изпращане не може да е в бъдещето."),
        ("today", "", "Изберете начина на изпращане."),
    ],
)
def test_bad_sending_details_are_refused(case, manager, sent_on, channel, message):
    report = written(schedule_referrer_reports(case, actor=manager), manager)
    day = {"today": today(), "tomorrow": today() + timedelta(days=1)}.get(sent_on)

    with pytest.raises(DomainError) as refused:
        mark_report_sent(report, actor=manager, sent_on=day, channel=channel)

    assert refused.value.message == message
    report.refresh_from_db()
    assert report.status == ReportStatus.DUE


def test_a_sent_report_is_not_changed(case, manager):
    report = written(schedule_referrer_reports(case, actor=manager), manager)
    mark_report_sent(report, actor=manager, sent_on=today(), channel=Channel.BY_HAND)

    with pytest.raises(DomainError, match="Докладът вече е изпратен"):
        written(report, manager)


def test_moving_the_due_date_moves_the_deadline(case, manager):
    report = schedule_referrer_reports(case, actor=manager)
    later = report.due_on + timedelta(days=7)

    update_report(report, actor=manager, content=ReportContent(due_on=later, progress="Текст"))

    assert _deadline(report).due_on == later


def test_a_cancelled_report_drops_its_deadline(case, manager):
    report = schedule_referrer_reports(case, actor=manager)

    cancel_report(report, actor=manager, reason="ОЗД прекрати мярката.")

    report.refresh_from_db()
    assert report.status == ReportStatus.CANCELLED
    assert _deadline(report).cancelled_at is not None


# The register


def test_the_register_lists_the_centres_reports_by_state(case, centre, other_centre, manager, outsider_manager):  # fmt: skip
    due = schedule_referrer_reports(case, actor=manager)
    overdue = add_report(case, actor=manager, kind=ReportKind.NEW_RISK, due_on=today())
    ReferrerReport.objects.filter(pk=overdue.pk).update(due_on=today() - timedelta(days=3))
    sent = written(
        add_report(case, actor=manager, kind=ReportKind.ON_REQUEST, due_on=today(), request_note="Справка"),
        manager,
    )  # fmt: skip
    mark_report_sent(sent, actor=manager, sent_on=today(), channel=Channel.POST)
    foreign = make_case(other_centre, outsider_manager, CaseStatus.ACTIVE)
    schedule_referrer_reports(foreign, actor=outsider_manager)

    def listed(state, **filters):
        rows = report_register(
            centre, RegisterFilters(state=state, **filters), today=today(), limit=50
        )
        return [r.pk for r in rows]

    assert listed("open") == [overdue.pk, due.pk]
    assert listed("overdue") == [overdue.pk]
    assert listed("upcoming") == [due.pk]
    assert listed("sent") == [sent.pk]
    assert listed("all", kind=ReportKind.NEW_RISK) == [overdue.pk]
    assert set(listed("all", query=case.number)) == {overdue.pk, due.pk, sent.pk}
    assert set(listed("all", query=case.primary_person.last_name)) == {overdue.pk, due.pk, sent.pk}
    assert listed("all", query="Несъществуващ") == []
    assert register_counts(centre, today=today()) == {"overdue": 1, "upcoming": 1, "sent": 1}
