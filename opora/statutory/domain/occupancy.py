"""Месечна справка за заетостта: the places used day by day in a month, for the municipality.

Everything is re-derived from the status history (`cases.domain.history`), so the statement of a
past month comes out the same whenever it is made, and a snapshot's re-run compares like with like.
No names: the statement counts cases, it does not list them.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from opora.cases.domain.history import Stay, stays
from opora.cases.enums import CaseStatus
from opora.cases.models import StatusChange, WaitingListEntry
from opora.centres.models import Centre
from opora.reporting.domain.periods import Period


@dataclass(frozen=True)
class DayCount:
    day: date
    used: int
    capacity: int

    @property
    def free(self) -> int:
        return max(self.capacity - self.used, 0)

    @property
    def over(self) -> bool:
        return self.used > self.capacity


@dataclass(frozen=True)
class OccupancyStatement:
    centre: Centre
    period: Period
    capacity: int
    days: list[DayCount]
    users: int
    admissions: int
    departures: int
    consultations: int
    waiting_at_end: int

    @property
    def user_days(self) -> int:
        return sum(day.used for day in self.days)

    @property
    def average(self) -> float:
        return round(self.user_days / len(self.days), 2) if self.days else 0.0

    @property
    def maximum(self) -> int:
        return max((day.used for day in self.days), default=0)

    @property
    def average_percent(self) -> float:
        return round(100 * self.average / self.capacity, 1) if self.capacity else 0.0

    def as_json(self) -> dict:
        """The figures a snapshot keeps (and a re-run compares)."""
        return {
            "capacity": self.capacity,
            "user_days": self.user_days,
            "average": self.average,
            "maximum": self.maximum,
            "users": self.users,
            "admissions": self.admissions,
            "departures": self.departures,
            "consultations": self.consultations,
            "waiting_at_end": self.waiting_at_end,
            "days": {day.day.isoformat(): day.used for day in self.days},
        }


def occupancy_statement(centre: Centre, period: Period) -> OccupancyStatement:
    """The statement for the period (both ends inclusive): one history read and two counts."""
    start, end = period.start, period.end
    periods = [stay for stay in stays([centre.pk], until=end) if stay.overlaps(start, end)]
    return OccupancyStatement(
        centre=centre,
        period=period,
        capacity=centre.capacity,
        days=[
            DayCount(start + timedelta(days=offset), used, centre.capacity)
            for offset, used in enumerate(_places_by_day(periods, period))
        ],
        users=len({stay.case_id for stay in periods}),
        admissions=sum(1 for stay in periods if stay.entered_on >= start),
        departures=sum(1 for stay in periods if stay.left_on and stay.left_on <= end),
        consultations=_consultations_opened(centre, period),
        waiting_at_end=_waiting_at_end_of(centre, end),
    )


def _places_by_day(periods: list[Stay], period: Period) -> list[int]:
    """Places held at the end of each day, as `history.places_used_by_day` counts them (a stay
    holds its first day, not the day it left), in one pass over the stays and one over the days."""
    changes = [0] * (period.days + 1)
    for stay in periods:
        first = max(stay.entered_on, period.start)
        after = (
            period.end + timedelta(days=1)
            if stay.left_on is None
            else min(stay.left_on, period.end + timedelta(days=1))
        )
        if after > first:
            changes[(first - period.start).days] += 1
            changes[(after - period.start).days] -= 1
    counts, running = [], 0
    for change in changes[:-1]:
        running += change
        counts.append(running)
    return counts


def _consultations_opened(centre: Centre, period: Period) -> int:
    """General-access episodes started (or resumed) in the period (ЗСУ чл. 12, ал. 2, т. 1)."""
    return (
        StatusChange.objects.filter(
            case__centre=centre,
            to_status=CaseStatus.CONSULTATION_OPEN,
            changed_at__gte=period.first_moment(),
            changed_at__lt=period.moment_after(),
        )
        .values("case_id")
        .distinct()
        .count()
    )


def _waiting_at_end_of(centre: Centre, day: date) -> int:
    """Entries on the waiting list at the end of `day` (entered by then, not yet left)."""
    after = Period(day, day).moment_after()
    return WaitingListEntry.objects.filter(
        Q(left_at__isnull=True) | Q(left_at__gte=after), centre=centre, entered_at__lt=after
    ).count()
