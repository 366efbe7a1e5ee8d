"""Reports to the referrer (доклад до насочващия орган, domain-bg.md §4.3, §10).

No norm says when a ЦОП reports back to ОЗД [?]; the practice is a progress report every N months
(CentreSettings.referrer_report_interval_months), a report when ОЗД asks, an immediate one on a
new risk, and a closing report. Each report owed is a row with its own REFERRER_REPORT deadline
(source = the report); recording it as sent meets the deadline and keeps the periodic rhythm.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.audit import redact
from opora.audit.domain import record
from opora.cases.enums import CaseStatus, Track
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.closure.domain.referrer import addressee_of, has_referrer, is_child_protection_case
from opora.closure.enums import MANUAL_REPORT_KINDS, Channel, ReportKind, ReportStatus
from opora.closure.models import ClosureProposal, ReferrerReport
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months, add_working_days
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind

# Statuses in which support is delivered, so progress is reported periodically.
REPORTING_STATUSES = frozenset({CaseStatus.ACTIVE, CaseStatus.UNDER_REVIEW, CaseStatus.SUSPENDED})
# The closing report goes out within this many working days of the approved closure.
CLOSING_REPORT_WORKING_DAYS = 5
WARNING_DAYS = 7


@dataclass(frozen=True)
class ReportContent:
    due_on: date
    period_from: date | None = None
    period_to: date | None = None
    request_note: str = ""
    progress: str = ""
    risks: str = ""
    recommendations: str = ""
    addressee_institution: str = ""
    addressee_officer: str = ""


def schedule_referrer_reports(case: Case, *, actor) -> ReferrerReport | None:
    """Keep the next periodic progress report due for a case ОЗД/ДСП referred, while it is worked on.

    Idempotent: with a progress report already due, that one is returned and nothing is written.
    """
    if case.track != Track.SPECIALISED or case.status not in REPORTING_STATUSES:
        return None
    if not is_child_protection_case(case):
        return None
    due = _due_progress(case)
    if due is not None:
        return due
    period_from, due_on = _next_period(case)
    with transaction.atomic():
        report = _create(case, actor=actor, kind=ReportKind.PROGRESS, due_on=due_on,
                         period_from=period_from, period_to=due_on)  # fmt: skip
    return report


def add_report(
    case: Case, *, actor, kind: str, due_on: date | None, period_from: date | None = None,
    period_to: date | None = None, request_note: str = "",
) -> ReferrerReport:  # fmt: skip
    """A report the staff add: on request of ОЗД (with the due date ОЗД set), on a new risk, …"""
    if case.track == Track.GENERAL:
        raise DomainError("За общодостъпна консултация не се изготвят доклади до насочващ орган.")
    if case.opened_at is None:
        raise DomainError("Докладите до насочващия орган започват след приемането на случая.")
    if kind not in MANUAL_REPORT_KINDS:
        raise DomainError("Изберете вид на доклада.", field="kind")
    _check_due(due_on)
    _check_period(period_from, period_to)
    if kind == ReportKind.ON_REQUEST and not request_note.strip():
        raise DomainError("Опишете какво е поискал ОЗД.", field="request_note")
    with transaction.atomic():
        return _create(case, actor=actor, kind=kind, due_on=due_on, period_from=period_from,
                       period_to=period_to, request_note=request_note.strip())  # fmt: skip


def update_report(report: ReferrerReport, *, actor, content: ReportContent) -> ReferrerReport:
    """Write or correct the report before it is sent; a new due date moves its deadline."""
    with transaction.atomic():
        _lock_due(report)
        if content.due_on != report.due_on:
            _check_due(content.due_on)
        _check_period(content.period_from, content.period_to)
        moved = content.due_on != report.due_on
        for name in ReportContent.__dataclass_fields__:
            value = getattr(content, name)
            setattr(report, name, value.strip() if isinstance(value, str) else value)
        report.save()
        if moved:
            _set_report_deadline(report, actor=actor)
        record(actor=actor, action="referrer_report.update", obj=report.case,
               changes={"report": report.pk, "due_on": report.due_on.isoformat()})  # fmt: skip
    return report


def mark_report_sent(
    report: ReferrerReport, *, actor, sent_on: date | None, channel: str, reference_number: str = ""
) -> ReferrerReport:
    """The report went out: its deadline is met and the next periodic one is set while the case runs."""
    with transaction.atomic():
        _lock_due(report)
        _check_sending(report, sent_on, channel)
        report.status, report.sent_on, report.channel = ReportStatus.SENT, sent_on, channel
        report.reference_number, report.sent_recorded_by = reference_number.strip(), actor
        report.save(update_fields=["status", "sent_on", "channel", "reference_number", "sent_recorded_by"])  # fmt: skip
        fulfil_deadlines(case=report.case, kind=DeadlineKind.REFERRER_REPORT, actor=actor, source=report)  # fmt: skip
        record(actor=actor, action="referrer_report.send", obj=report.case, changes=_sent(report))
        schedule_referrer_reports(report.case, actor=actor)
    return report


def cancel_report(report: ReferrerReport, *, actor, reason: str) -> ReferrerReport:
    """A report no longer owed (ОЗД withdrew the request, the measure ended …)."""
    with transaction.atomic():
        _lock_due(report)
        if not reason.strip():
            raise DomainError("Посочете защо докладът отпада.", field="reason")
        _cancel(report, actor=actor, reason=reason.strip())
    return report


def cancel_due_progress_reports(case: Case, *, actor) -> int:
    """At closure the periodic reports stop; the closing report takes their place."""
    due = list(case.referrer_reports.filter(kind=ReportKind.PROGRESS, status=ReportStatus.DUE))
    for report in due:
        _cancel(report, actor=actor, reason="Случаят е приключен; изпраща се заключителен доклад.")
    return len(due)


def create_closing_report(proposal: ClosureProposal, *, actor) -> ReferrerReport | None:
    """Заключителен доклад: results against the ИПП, the reason, recommendations, the follow-up."""
    case = proposal.case
    if not has_referrer(case):
        return None
    today = timezone.localdate()
    opened = timezone.localtime(case.opened_at).date() if case.opened_at else None
    return _create(
        case, actor=actor, kind=ReportKind.CLOSING, closure=proposal, period_from=opened,
        period_to=today, due_on=add_working_days(today, CLOSING_REPORT_WORKING_DAYS),
        progress=closing_progress_text(proposal), recommendations=closing_recommendations_text(proposal),
    )  # fmt: skip


def restore_report_deadlines(case: Case, *, actor) -> None:
    """Reports still owed keep their deadlines after a status change that dropped them all."""
    for report in case.referrer_reports.filter(status=ReportStatus.DUE):
        _set_report_deadline(report, actor=actor)


def closing_progress_text(proposal: ClosureProposal) -> str:
    lines = [f"Причина за приключване: {proposal.get_reason_display()}."]
    if proposal.reason_note:
        lines.append(proposal.reason_note)
    lines += ["", "Заключителна оценка на резултатите:", proposal.final_assessment]
    outcomes = list(proposal.goals.all())
    if outcomes:
        lines += ["", "Резултати по целите на ИПП:"]
        lines += [_goal_line(o) for o in outcomes]
    return "\n".join(lines).strip()


def closing_recommendations_text(proposal: ClosureProposal) -> str:
    parts = [proposal.recommendations]
    if proposal.follow_up_on or proposal.follow_up_plan:
        when = f" (контакт до {proposal.follow_up_on:%d.%m.%Y})" if proposal.follow_up_on else ""
        parts.append(
            f"План за проследяване{when}: {proposal.follow_up_plan or 'контакт със семейството.'}"
        )
    return "\n\n".join(p for p in parts if p)


# Helpers


def _goal_line(outcome) -> str:
    comment = f" — {outcome.comment}" if outcome.comment else ""
    return f"• {outcome.goal_title}: {outcome.get_result_display().lower()}{comment}"


def _due_progress(case: Case) -> ReferrerReport | None:
    return (
        case.referrer_reports.filter(kind=ReportKind.PROGRESS, status=ReportStatus.DUE)
        .order_by("due_on", "id")
        .first()
    )


def _next_period(case: Case) -> tuple[date, date]:
    """The period after the last progress report, due N months on (from today if that is past)."""
    months = settings_for(case.centre).referrer_report_interval_months
    today = timezone.localdate()
    last = (
        case.referrer_reports.filter(kind=ReportKind.PROGRESS, period_to__isnull=False)
        .exclude(status=ReportStatus.CANCELLED)
        .order_by("-period_to", "-id")
        .first()
    )
    if last is not None:
        period_from = last.period_to + timedelta(days=1)
        due_on = add_months(last.period_to, months)
        return period_from, due_on if due_on > today else add_months(today, months)
    opened = timezone.localtime(case.opened_at).date() if case.opened_at else today
    return opened, add_months(today, months)


def _create(case: Case, *, actor, kind: str, due_on: date, **fields) -> ReferrerReport:
    institution, officer = addressee_of(case)
    report = ReferrerReport.objects.create(
        centre_id=case.centre_id, case=case, kind=kind, due_on=due_on, created_by=actor,
        addressee_institution=institution, addressee_officer=officer, **fields,
    )  # fmt: skip
    _set_report_deadline(report, actor=actor)
    record(actor=actor, action="referrer_report.add", obj=case,
           changes={"report": report.pk, "kind": kind, "due_on": due_on.isoformat()})  # fmt: skip
    return report


def _set_report_deadline(report: ReferrerReport, *, actor) -> None:
    case = report.case
    set_deadline(
        case=case, kind=DeadlineKind.REFERRER_REPORT, actor=actor, responsible=case.case_manager,
        due_on=report.due_on, source=report, warn_from=report.due_on - timedelta(days=WARNING_DAYS),
        title=f"{report.get_kind_display()} по случай {case.number}"
        + (f" (до {report.addressee_institution})" if report.addressee_institution else ""),
    )  # fmt: skip


def _cancel(report: ReferrerReport, *, actor, reason: str) -> None:
    report.status, report.cancelled_reason = ReportStatus.CANCELLED, reason[:200]
    report.save(update_fields=["status", "cancelled_reason"])
    cancel_deadlines(
        case=report.case, actor=actor, kind=DeadlineKind.REFERRER_REPORT, source=report
    )
    record(actor=actor, action="referrer_report.cancel", obj=report.case,
           changes={"report": report.pk, "reason": redact.text(reason)})  # fmt: skip


def _lock_due(report: ReferrerReport) -> None:
    """Lock the report row and check it is still owed (a double click sends it once)."""
    report.status = ReferrerReport.objects.select_for_update().get(pk=report.pk).status
    _require_due(report)


def _require_due(report: ReferrerReport) -> None:
    if report.status == ReportStatus.SENT:
        raise DomainError("Докладът вече е изпратен и не може да се променя.")
    if report.status == ReportStatus.CANCELLED:
        raise DomainError("Докладът е отпаднал.")


def _check_due(due_on: date | None) -> None:
    if due_on is None:
        raise DomainError("Посочете срока на доклада.", field="due_on")
    if due_on < timezone.localdate():
        raise DomainError("Срокът на доклада не може да е в миналото.", field="due_on")


def _check_period(period_from: date | None, period_to: date | None) -> None:
    if period_from and period_to and period_from > period_to:
        raise DomainError("Началото на периода трябва да е преди края му.", field="period_to")


def _check_sending(report: ReferrerReport, sent_on: date | None, channel: str) -> None:
    if not report.has_content:
        raise DomainError(
            "Попълнете съдържанието на доклада, преди да го отбележите като изпратен."
        )
    if not report.addressee_institution.strip():
        raise DomainError("Посочете до кого е адресиран докладът.")
    if sent_on is None:
        raise DomainError("Посочете датата на изпращане.", field="sent_on")
    if sent_on > timezone.localdate():
        raise DomainError("Датата на изпращане не може да е в бъдещето.", field="sent_on")
    if channel not in Channel.values:
        raise DomainError("Изберете начина на изпращане.", field="channel")


def _sent(report: ReferrerReport) -> dict:
    return {
        "report": report.pk,
        "sent_on": report.sent_on.isoformat(),
        "channel": report.channel,
        "reference_number": report.reference_number,
    }
