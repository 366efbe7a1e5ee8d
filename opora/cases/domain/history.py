"""Who held a place when: occupancy re-derived from the status history (for charts and statements).

A case holds one of its centre's places from the status change that moves it into an occupying
status (`OCCUPYING_STATUSES`) until the change that moves it out again. The history, not the
case's current status, is the source, so a past month's figure can always be re-derived.

Days are local calendar days. A case counts on day D ("places used on D") if it held a place at the
end of D; a case counts as a user of a period if it held a place at any moment of it.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Q
from django.utils import timezone

from opora.cases.enums import OCCUPYING_STATUSES
from opora.cases.models import StatusChange

# Only the changes that cross the line between holding a place and not matter (about a third of
# the history); `change_status` writes the status before each change too.
_CROSSING = Q(to_status__in=OCCUPYING_STATUSES) & ~Q(from_status__in=OCCUPYING_STATUSES) | Q(
    from_status__in=OCCUPYING_STATUSES
) & ~Q(to_status__in=OCCUPYING_STATUSES)


@dataclass(frozen=True)
class Stay:
    """One uninterrupted stretch during which a case held a place (`left_on` None: still does)."""

    case_id: int
    centre_id: int
    entered_on: date
    left_on: date | None

    def holds_place_at_end_of(self, day: date) -> bool:
        return self.entered_on <= day and (self.left_on is None or self.left_on > day)

    def overlaps(self, start: date, end: date) -> bool:
        """Held a place at some moment of [start, end] (both days inclusive)."""
        return self.entered_on <= end and (self.left_on is None or self.left_on >= start)


def stays(centre_ids: Iterable[int], *, until: date) -> list[Stay]:
    """Every stay in these centres that began on or before `until`, in one ordered query."""
    until_moment = _end_of(until)
    changes = (
        StatusChange.objects.filter(
            case__centre_id__in=list(centre_ids), changed_at__lt=until_moment
        )
        .filter(_CROSSING)
        .order_by("case_id", "changed_at", "id")
        .values_list("case_id", "case__centre_id", "to_status", "changed_at")
    )
    result: list[Stay] = []
    open_since: dict[int, tuple[int, date]] = {}
    for case_id, centre_id, to_status, changed_at in changes.iterator(chunk_size=5000):
        day = timezone.localdate(changed_at)
        occupying = to_status in OCCUPYING_STATUSES
        if occupying and case_id not in open_since:
            open_since[case_id] = (centre_id, day)
        elif not occupying and case_id in open_since:
            centre_id_then, entered = open_since.pop(case_id)
            result.append(Stay(case_id, centre_id_then, entered, day))
    result.extend(
        Stay(case_id, centre_id, entered, None)
        for case_id, (centre_id, entered) in open_since.items()
    )
    return result


def places_used_by_day(centre_ids: Iterable[int], start: date, end: date) -> dict[int, list[int]]:
    """Per centre, the places held at the end of each day from `start` to `end` (inclusive)."""
    ids = list(centre_ids)
    days = (end - start).days + 1
    counts: dict[int, list[int]] = {centre_id: [0] * days for centre_id in ids}
    for stay in stays(ids, until=end):
        first = max(stay.entered_on, start)
        last = end if stay.left_on is None else min(stay.left_on - timedelta(days=1), end)
        row = counts[stay.centre_id]
        for offset in range((first - start).days, (last - start).days + 1):
            row[offset] += 1
    return counts


def users_in_period(centre_ids: Iterable[int], start: date, end: date) -> dict[int, set[int]]:
    """Per centre, the cases that held a place at some moment of [start, end]."""
    ids = list(centre_ids)
    result: dict[int, set[int]] = defaultdict(set)
    for stay in stays(ids, until=end):
        if stay.overlaps(start, end):
            result[stay.centre_id].add(stay.case_id)
    return {centre_id: result.get(centre_id, set()) for centre_id in ids}


def _end_of(day: date):
    """The first moment after `day` in the installation's time zone."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))
