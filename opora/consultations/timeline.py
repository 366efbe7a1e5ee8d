"""The session log on the case timeline: held, no-show and cancelled sessions, and the planned
ones (upcoming, or overdue to be recorded). Two queries whatever the number of sessions."""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone

from opora.cases.models import CasePerson
from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session
from opora.core.timeline import TimelineEvent

_TITLES = {
    SessionStatus.HELD: "{kind}",
    SessionStatus.NO_SHOW: "Неявяване: {kind}",
    SessionStatus.CANCELLED: "Отменена: {kind}",
    SessionStatus.PLANNED: "Планирана: {kind}",
}


def timeline_events(case) -> list[TimelineEvent]:
    sessions = (
        Session.objects.filter(case=case)
        .select_related("lead")
        .prefetch_related(
            Prefetch("participants", queryset=CasePerson.objects.select_related("person"))
        )
    )
    slug, now = case.centre.slug, timezone.localtime()
    return [_event(session, slug, now) for session in sessions]


def _event(session: Session, slug: str, now) -> TimelineEvent:
    title = _TITLES[session.status]
    if session.is_planned and session.date < now.date():
        title = "Неотчетена (планирана): {kind}"
    return TimelineEvent(
        at=session.starts_at,
        kind=f"session.{session.status}",
        title=title.format(kind=session.get_kind_display()),
        detail=_detail(session),
        url=reverse("consultations:detail", kwargs={"centre": slug, "session_id": session.pk}),
        actor=session.lead.get_full_name() or session.lead.username,
        note=_note(session),
        sensitivity=session.sensitivity,
        authors=(session.created_by_id, session.lead_id),
        public_detail=f"{session.duration_minutes} мин",
    )


def _note(session: Session) -> str:
    parts = [session.notes]
    if session.next_steps:
        parts.append(f"Следващи стъпки: {session.next_steps}")
    return "\n".join(p for p in parts if p)


def _detail(session: Session) -> str:
    people = ", ".join(p.person.first_name for p in session.participants.all())
    parts = [f"{session.duration_minutes} мин", session.where]
    if people:
        parts.append(f"участници: {people}")
    if session.goal_title:
        parts.append(f"цел: {session.goal_title}")
    if session.status_note:
        parts.append(session.status_note)
    return " · ".join(parts)
