"""The ИОП events of a case for its timeline: started, completed, information requested, answered."""

from datetime import date, datetime, time

from django.urls import reverse
from django.utils import timezone

from opora.assessments.models import Assessment, InformationRequest
from opora.core.timeline import TimelineEvent


def timeline_events(case) -> list:
    """Two queries whatever the number of assessments and requests."""
    url = reverse("assessments:detail", kwargs={"centre": case.centre.slug, "case_id": case.pk})
    assessments = Assessment.objects.filter(case=case).select_related("started_by", "completed_by")
    requests = InformationRequest.objects.filter(assessment__case=case).select_related(
        "assessment", "created_by", "reply_recorded_by"
    )
    events = []
    for assessment in assessments:
        events += _assessment_events(assessment, f"{url}?n={assessment.number}")
    for request in requests:
        events += _request_events(request, f"{url}?n={request.assessment.number}")
    return events


def _assessment_events(a: Assessment, url: str) -> list:
    events = [
        TimelineEvent(
            at=a.started_at, kind="assessment.start", title=f"Започната ИОП № {a.number}",
            detail=a.occasion, url=url, actor=_name(a.started_by),
        )
    ]  # fmt: skip
    if a.completed_at:
        events.append(
            TimelineEvent(
                at=a.completed_at, kind="assessment.complete", title=f"Завършена ИОП № {a.number}",
                url=url, actor=_name(a.completed_by),
            )
        )  # fmt: skip
    return events


def _request_events(r: InformationRequest, url: str) -> list:
    events = [
        TimelineEvent(
            at=r.created_at, kind="assessment.info_request",
            title=f"Искане за информация до {r.addressee}",
            detail=f"Срок за отговор {r.due_on:%d.%m.%Y}", url=url, actor=_name(r.created_by),
        )
    ]  # fmt: skip
    if r.replied_on:
        events.append(
            TimelineEvent(
                at=_moment(r.replied_on, r.reply_recorded_at), kind="assessment.info_reply",
                title=f"Получен отговор от {r.addressee}", url=url,
                actor=_name(r.reply_recorded_by),
            )
        )  # fmt: skip
    return events


def _moment(day: date, recorded_at: datetime | None) -> datetime:
    """A reply is dated by the day it arrived; the time is the entry's if entered that same day."""
    if recorded_at and timezone.localtime(recorded_at).date() == day:
        return recorded_at
    return timezone.make_aware(datetime.combine(day, time(12, 0)))


def _name(user) -> str:
    return str(user) if user else ""
