from datetime import date, timedelta

from django.db.models import Q, QuerySet

from opora.deadlines.models import Deadline


def open_deadlines(centre) -> QuerySet[Deadline]:
    return Deadline.objects.filter(centre=centre, done_at=None, cancelled_at=None).select_related(
        "case__primary_person", "responsible"
    )


def overdue(centre, today: date) -> QuerySet[Deadline]:
    return open_deadlines(centre).filter(due_on__lt=today).order_by("due_on", "id")


def due_within(centre, today: date, days: int) -> QuerySet[Deadline]:
    return open_deadlines(centre).filter(
        due_on__gte=today, due_on__lte=today + timedelta(days=days)
    )


def for_user(queryset: QuerySet[Deadline], user) -> QuerySet[Deadline]:
    """A user's deadlines: those they are responsible for, and those of cases they lead."""
    return queryset.filter(
        Q(responsible=user) | Q(responsible__isnull=True, case__case_manager=user)
    )
