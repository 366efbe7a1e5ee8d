"""Hand-made status histories for the statutory tests."""

from datetime import date, datetime, time

from django.utils import timezone

from opora.cases.models import StatusChange


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def rewrite_history(case, *steps: tuple[str, date]) -> None:
    """Replace the case's history with these (status, day) steps; the case ends in the last."""
    StatusChange.objects.filter(case=case).delete()
    previous = ""
    for status, day in steps:
        StatusChange.objects.create(
            case=case, from_status=previous, to_status=status, changed_at=at(day),
            changed_by_name="тест",
        )  # fmt: skip
        previous = status
    type(case).objects.filter(pk=case.pk).update(status=previous)
