"""Per-centre figures for the officials: counts only, never a name, a case number or a person.

Everything is computed for all the overseen centres at once with grouped queries (see
opora.centres.indicators), so a national overview costs the same handful of queries as one centre.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from django.db.models import Count

from opora.cases.enums import OCCUPYING_STATUSES
from opora.cases.models import Case
from opora.centres import indicators as ind
from opora.centres.models import Centre, CentreSettings


@dataclass(frozen=True)
class CentreFigures:
    centre: Centre
    capacity: int
    places_used: int
    waiting: int
    average_wait_days: float | None
    new_this_month: int
    closed_this_month: int
    overdue: int
    standard: int
    specialists: int
    over_standard: int

    @property
    def percent_used(self) -> int:
        return round(100 * self.places_used / self.capacity) if self.capacity else 0

    @property
    def is_full(self) -> bool:
        return self.places_used >= self.capacity


@dataclass(frozen=True)
class Municipality:
    name: str
    centres: list[CentreFigures]


def figures_of(centres: list[Centre], *, today: date, now: datetime) -> list[CentreFigures]:
    ids = [centre.pk for centre in centres]
    if not ids:
        return []
    month = ind.Period(today.replace(day=1), today, "текущия месец")
    used = _places_used(ids)
    entries = ind.waiting_entries(ids, month)
    flows = ind.flows(ids, month)
    overdue = ind.overdue_by_centre(ids, today)
    load = ind.workload(ids, ind.cases_open_this_month(ids, today))
    standards = _standards(ids)
    result = []
    for centre in centres:
        waiting = ind.waiting_now(entries[centre.pk], now)
        flow = flows[centre.pk].get(month.start, ind.MonthFlow(month.start, 0, 0))
        counts: Counter = load[centre.pk]
        standard = standards.get(
            centre.pk, CentreSettings._meta.get_field("workload_standard").default
        )
        result.append(
            CentreFigures(
                centre=centre,
                capacity=centre.capacity,
                places_used=used.get(centre.pk, 0),
                waiting=waiting.count,
                average_wait_days=waiting.average_days,
                new_this_month=flow.new,
                closed_this_month=flow.closed,
                overdue=overdue[centre.pk],
                standard=standard,
                specialists=len(counts),
                over_standard=sum(1 for n in counts.values() if n > standard),
            )
        )
    return result


def by_municipality(figures: list[CentreFigures]) -> list[Municipality]:
    ordered = sorted(figures, key=lambda f: (f.centre.municipality, f.centre.name))
    return [
        Municipality(name, list(rows))
        for name, rows in groupby(ordered, key=lambda f: f.centre.municipality)
    ]


def total_of(figures: list[CentreFigures]) -> dict:
    capacity = sum(f.capacity for f in figures)
    used = sum(f.places_used for f in figures)
    return {
        "centres": len(figures),
        "capacity": capacity,
        "places_used": used,
        "percent_used": round(100 * used / capacity) if capacity else 0,
        "waiting": sum(f.waiting for f in figures),
        "new_this_month": sum(f.new_this_month for f in figures),
        "closed_this_month": sum(f.closed_this_month for f in figures),
        "overdue": sum(f.overdue for f in figures),
        "over_standard": sum(f.over_standard for f in figures),
    }


def _places_used(ids: list[int]) -> dict[int, int]:
    rows = (
        Case.objects.filter(centre_id__in=ids, status__in=OCCUPYING_STATUSES)
        .values("centre_id")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {row["centre_id"]: row["n"] for row in rows}


def _standards(ids: list[int]) -> dict[int, int]:
    rows = CentreSettings.objects.filter(centre_id__in=ids).values_list(
        "centre_id", "workload_standard"
    )
    return dict(rows)
