"""The social worker's report on the candidates, which they read and sign before the Commission.

Each round before the Commission has its own report: after a request for more information the
worker writes a new one, and the candidates sign that one.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.fostering.enums import CandidateStatus, DecisionOutcome
from opora.fostering.models import Candidate, CandidateReport


def current_report(candidate: Candidate) -> CandidateReport | None:
    """The report of this round: the latest one written since the Commission last asked for more
    information (the approved or refused family keeps the report the Commission decided on)."""
    reports = candidate.reports.all()
    asked = candidate.decisions.filter(outcome=DecisionOutcome.MORE_INFORMATION)
    last_decision = asked.order_by("-recorded_at").first()
    if last_decision is not None:
        reports = reports.filter(written_at__gt=last_decision.recorded_at)
    return reports.order_by("-written_at", "-id").first()


def write_report(candidate: Candidate, *, actor, text: str) -> CandidateReport:
    """Write or rewrite the report while the candidates have not signed it."""
    if candidate.status != CandidateStatus.REPORT:
        raise DomainError("Докладът се пише на етап „Доклад“, след обучението.")
    if not text.strip():
        raise DomainError("Напишете доклада.", field="text")
    with transaction.atomic():
        Candidate.objects.select_for_update().get(pk=candidate.pk)
        report = current_report(candidate)
        if report is not None and report.is_signed:
            raise DomainError("Кандидатите вече са подписали доклада; той не може да се променя.")
        if report is None:
            report = CandidateReport(candidate=candidate)
        report.text, report.written_by, report.written_at = text.strip(), actor, timezone.now()
        report.save()
        record(
            actor=actor,
            action="fostering.report.write",
            obj=candidate,
            changes={"text": "променено"},
        )
    return report


def sign_report(candidate: Candidate, *, actor, signed_on: date) -> CandidateReport:
    """Record that the candidates read and signed the report on that day."""
    with transaction.atomic():
        Candidate.objects.select_for_update().get(pk=candidate.pk)
        report = current_report(candidate)
        if candidate.status != CandidateStatus.REPORT or report is None:
            raise DomainError("Първо напишете доклада.")
        if report.is_signed:
            raise DomainError("Подписването вече е отбелязано.")
        if signed_on > timezone.localdate():
            raise DomainError("Датата на подписване не може да е в бъдещето.", field="signed_on")
        if signed_on < timezone.localdate(report.written_at):
            raise DomainError(
                "Кандидатите не могат да подпишат доклада преди да е написан "
                f"({timezone.localdate(report.written_at):%d.%m.%Y}).",
                field="signed_on",
            )
        report.signed_on, report.signature_recorded_by = signed_on, actor
        report.save(update_fields=["signed_on", "signature_recorded_by"])
        record(
            actor=actor,
            action="fostering.report.sign",
            obj=candidate,
            changes={"signed_on": signed_on.isoformat()},
        )
    return report
