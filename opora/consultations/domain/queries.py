"""Named reads of the session log; each starts from the centre or from a case already found in it."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone

from opora.accounts.enums import Role
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
