"""The case timeline's entries for closure, follow-up and reports to the referrer (three queries)."""

from datetime import datetime, time

from django.urls import reverse
from django.utils import timezone

from opora.closure.enums import ProposalStatus, ReportStatus


def timeline_events(case) -> list:
    from opora.closure.domain.queries import follow_up_contacts, reports_of_case
    from opora.closure.models import ClosureProposal
    from opora.core.timeline import TimelineEvent

    slug = case.centre.slug
    closure_url = reverse("closure:page", kwargs={"centre": slug, "case_id": case.pk})
    events = []
    proposals = ClosureProposal.objects.filter(case=case).select_related(
        "proposed_by", "decided_by"
    )
    for p in proposals:
        events.append(TimelineEvent(
            at=p.proposed_at, kind="closure.proposed", title=f"Предложено приключване: {p.get_reason_display()}",
            detail=p.final_assessment[:300], url=closure_url, actor=_name(p.proposed_by),
        ))  # fmt: skip
        if p.decided_at:
            verb = "Одобрено приключване" if p.status == ProposalStatus.APPROVED else "Върнато предложение за приключване"  # fmt: skip
            events.append(TimelineEvent(
                at=p.decided_at, kind=f"closure.{p.status}", title=verb, detail=p.manager_comment,
                url=closure_url, actor=_name(p.decided_by),
            ))  # fmt: skip
    for c in follow_up_contacts(case):
        events.append(TimelineEvent(
            at=_at(c.contacted_on), kind="follow_up.contact", title="Проследяващ контакт",
            detail=c.note[:300], url=closure_url, actor=_name(c.recorded_by),
        ))  # fmt: skip
    for r in reports_of_case(case).filter(status=ReportStatus.SENT):
        url = reverse("closure:report", kwargs={"centre": slug, "report_id": r.pk})
        events.append(TimelineEvent(
            at=_at(r.sent_on), kind="referrer_report.sent",
            title=f"Изпратен {r.get_kind_display().lower()} до {r.addressee_institution or 'насочващия орган'}",
            detail=f"изх. № {r.reference_number}" if r.reference_number else "", url=url,
            actor=_name(r.sent_recorded_by),
        ))  # fmt: skip
    return events


def _at(day) -> datetime:
    """A dated event (no time recorded) sits at noon of its day in the centre's time zone."""
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _name(user) -> str:
    return (user.get_full_name() or user.username) if user else ""
