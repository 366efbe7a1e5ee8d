"""Case numbers YYYY-NNNN that follow the (backdated) registration year, as the register would."""

from collections import Counter
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from opora.cases.models import Case
from opora.tasks.models import Task


def year_sequence(moments: list[datetime]) -> list[str]:
    """Numbers for registrations given in order: 0001 onwards, again from 0001 each year."""
    per_year: Counter[int] = Counter()
    numbers = []
    for moment in moments:
        year = timezone.localtime(moment).year
        per_year[year] += 1
        numbers.append(f"{year}-{per_year[year]:04d}")
    return numbers


def renumber_centre(centre) -> int:
    """Number the centre's cases by their registration dates; returns how many numbers changed."""
    cases = list(
        Case.objects.filter(centre=centre)
        .only("id", "number", "registered_at")
        .order_by("registered_at", "id")
    )
    wanted = dict(
        zip((c.pk for c in cases), year_sequence([c.registered_at for c in cases]), strict=True)
    )
    moved = [c for c in cases if c.number != wanted[c.pk]]
    if not moved:
        return 0
    with transaction.atomic():
        # Two passes: the unique (centre, number) pair must hold after every single UPDATE.
        for case in moved:
            Case.objects.filter(pk=case.pk).update(number=f"tmp-{case.pk}")
        for case in moved:
            Case.objects.filter(pk=case.pk).update(number=wanted[case.pk])
            _rename_in_tasks(case, wanted[case.pk])
    return len(moved)


def _rename_in_tasks(case: Case, number: str) -> None:
    for task in Task.objects.filter(case_id=case.pk):
        task.title = task.title.replace(f"случай {case.number}", f"случай {number}")
        task.save(update_fields=["title"])
