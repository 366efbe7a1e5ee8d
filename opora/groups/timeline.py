"""Group attendance on the case timeline: each marked session of a participant linked to the case.

One query whatever the number of sessions and participants.
"""

from datetime import datetime

from django.urls import reverse
from django.utils import timezone

from opora.core.timeline import TimelineEvent
from opora.groups.enums import Presence
from opora.groups.models import Attendance
from opora.groups.text import format_hours

_TITLES = {
    Presence.PRESENT: "Групово занимание: {programme}",
    Presence.ABSENT: "Отсъствие от групово занимание: {programme}",
    Presence.EXCUSED: "Отсъствие по уважителна причина: {programme}",
}


def timeline_events(case) -> list[TimelineEvent]:
    marks = Attendance.objects.filter(participant__case=case).select_related(
        "session__programme", "participant__person"
    )
    slug = case.centre.slug
    return [_event(mark, slug) for mark in marks]


def _event(mark: Attendance, slug: str) -> TimelineEvent:
    session = mark.session
    at = timezone.make_aware(datetime.combine(session.date, session.start_time))
    return TimelineEvent(
        at=at,
        kind=f"group.{mark.presence}",
        title=_TITLES[mark.presence].format(programme=session.programme.title),
        detail=f"{mark.participant.person.first_name} · {session.topic} · {format_hours(session.hours)} ч.",
        url=reverse("groups:session", kwargs={"centre": slug, "group_session_id": session.pk}),
    )
