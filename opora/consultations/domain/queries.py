"""Named reads of the session log; each starts from the centre or from a case already found in it."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from opora.accounts.enums import Role
from opora.cases.domain.access import levels_by_case, may_read_note, readable_levels
from opora.cases.domain.queries import cases_visible_to
from opora.cases.models import CasePerson
from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session

# What the calendar and the day list show: the work that is or was on a specialist's diary.
ON_THE_DIARY = (SessionStatus.PLANNED, SessionStatus.HELD)


def _with_people(sessions: QuerySet[Session]) -> QuerySet[Session]:
    return sessions.prefetch_related(
        Prefetch("participants", queryset=CasePerson.objects.select_related("person")),
        "staff",
    )


def sessions_of(case) -> list[Session]:
    """A case's sessions, newest first (planned ones ahead of today come first)."""
    sessions = Session.objects.filter(case=case).select_related("lead", "goal")
    return list(_with_people(sessions))


def session_in(user, centre, session_id: int) -> Session:
    """One session of a case the user may see in this centre; 404 for anything else."""
    sessions = Session.objects.filter(
        centre=centre, case__in=cases_visible_to(user, centre)
    ).select_related("case__primary_person", "case__centre", "lead", "goal", "created_by")
    return get_object_or_404(_with_people(sessions), pk=session_id)


# The people who wrote a session's notes: who recorded it and the specialist who led it.
NOTE_AUTHORS = ("created_by_id", "lead_id")
RESTRICTED = "Бележката е с ограничен достъп"


def may_read_notes(user, session: Session, levels=None) -> bool:
    """May the user read the session's notes, next steps and status note (its sensitivity)?"""
    if levels is None:
        levels = readable_levels(user, session.case)
    return may_read_note(user, levels, session, authors=NOTE_AUTHORS)


def with_note_access(user, case, sessions):
    """Mark each session of one case with `notes_visible` for the user; returns the sessions."""
    levels = readable_levels(user, case)
    for session in sessions:
        session.notes_visible = may_read_notes(user, session, levels)
    return sessions


def with_diary_access(user, centre, sessions):
    """Sessions across cases (a calendar, a day list): mark each with `case_readable` and
    `notes_visible`. A session of a case the user may not read shows only its time."""
    levels = levels_by_case(user, centre, list({s.case_id: s.case for s in sessions}.values()))
    for session in sessions:
        session.case_readable = session.case_id in levels
        session.notes_visible = session.case_readable and may_read_note(
            user, levels[session.case_id], session, authors=NOTE_AUTHORS
        )
    return sessions


@dataclass(frozen=True)
class SessionSummary:
    held: int
    no_show: int
    planned: int
    overdue: int  # planned for a day that has passed and not yet recorded
    last_held: Session | None
    next_planned: Session | None


def session_summary(case) -> SessionSummary:
    """Counts, the last held and the next planned session, in three queries whatever the log's size."""
    sessions = Session.objects.filter(case=case)
    today = timezone.localdate()
    counts = sessions.aggregate(
        held=Count("id", filter=Q(status=SessionStatus.HELD)),
        no_show=Count("id", filter=Q(status=SessionStatus.NO_SHOW)),
        planned=Count("id", filter=Q(status=SessionStatus.PLANNED)),
        overdue=Count("id", filter=Q(status=SessionStatus.PLANNED, date__lt=today)),
    )
    last = sessions.filter(status=SessionStatus.HELD).select_related("lead").first()
    upcoming = (
        sessions.filter(status=SessionStatus.PLANNED, date__gte=today)
        .select_related("lead")
        .order_by("date", "start_time", "id")
        .first()
    )
    return SessionSummary(**counts, last_held=last, next_planned=upcoming)


def specialists_of(centre) -> QuerySet:
    """Staff whose diaries the calendar shows: the centre's active case workers."""
    return (
        get_user_model()
        .objects.filter(
            memberships__centre=centre,
            memberships__is_active=True,
            memberships__role__in=Role.case_workers(),
        )
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


def diary(centre, user, first: date, last: date) -> list[Session]:
    """Planned and held sessions where `user` is the lead or one of the staff, first to last day."""
    return list(_diary(centre, user, first, last))


def day_list(centre, user, day: date) -> list[Session]:
    """One day of a specialist's diary with the people and addresses the visits need."""
    return list(_with_people(_diary(centre, user, day, day).select_related("goal")))


def _diary(centre, user, first: date, last: date) -> QuerySet[Session]:
    joined = Session.staff.through.objects.filter(user=user).values("session_id")
    return (
        Session.objects.filter(centre=centre, date__gte=first, date__lte=last)
        .filter(status__in=ON_THE_DIARY)
        .filter(Q(lead=user) | Q(pk__in=joined))
        .select_related("case__primary_person", "lead")
        .order_by("date", "start_time", "id")
    )
