"""The indicator figures drawn as charts (opora.core.charts), for one centre or a sum of centres."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from django.contrib.auth import get_user_model

from opora.centres import indicators as ind
from opora.core.charts import (
    Chart,
    bar_chart,
    hbar_chart,
    line_chart,
    month_axis,
    month_label,
    week_axis,
)


@dataclass
class Trends:
    """What the manager's accountant and an official may see: counts, no names."""

    period: ind.Period
    capacity: Chart
    waiting: Chart
    wait_days: Chart
    flows: Chart
    waiting_now: ind.WaitingNow
    places_now: int
    capacity_total: int


def trends(centre_ids: list[int], *, capacity_total: int, period: ind.Period, now: datetime):
    """The four trend charts summed over `centre_ids`."""
    history = ind.stays_by_centre(centre_ids, period)
    every_stay = [stay for centre_stays in history.values() for stay in centre_stays]
    days = ind.sample_days(period)
    places = ind.places_at(every_stay, days)
    entries = [e for rows in ind.waiting_entries(centre_ids, period).values() for e in rows]
    months = ind.waiting_by_month(entries, period)
    per_month = _summed_flows(ind.flows(centre_ids, period), period)
    result = Trends(
        period=period,
        capacity=_capacity_chart(days, places, capacity_total, period),
        waiting=_waiting_chart(months, period),
        wait_days=_wait_days_chart(months, period),
        flows=_flow_chart(per_month, period),
        waiting_now=ind.waiting_now(entries, now),
        places_now=places[-1] if places else 0,
        capacity_total=capacity_total,
    )
    return result


def _capacity_chart(days: list[date], places: list[int], total: int, period: ind.Period):
    return line_chart(
        title="Заети места във времето",
        description=(
            f"Заетите места в края на всяка седмица за {period.label}, "
            f"спрямо капацитета от {total} места."
        ),
        points=[(f"{day:%d.%m.%y}", value) for day, value in zip(days, places, strict=True)],
        value_label="заети места",
        limit=total,
        limit_label="капацитет",
        axis_labels=week_axis(days),
    )


def _waiting_chart(months: list[ind.WaitingMonth], period: ind.Period):
    return line_chart(
        title="Чакащи в края на месеца",
        description=f"Брой лица в списъка на чакащите в края на всеки месец за {period.label}.",
        points=[(month_label(m.month), m.waiting_at_end) for m in months],
        value_label="чакащи",
        axis_labels=month_axis([m.month for m in months]),
    )


def _wait_days_chart(months: list[ind.WaitingMonth], period: ind.Period):
    waited = [m for m in months if m.average_days is not None]
    return bar_chart(
        title="Средно чакане на изписаните от списъка (дни)",
        description=(
            f"За всеки месец от {period.label}: колко дни средно са чакали лицата, "
            "изписани от списъка на чакащите през месеца (приети или отпаднали)."
        ),
        categories=[month_label(m.month) for m in waited],
        series=[
            ("средно дни", [round(m.average_days) for m in waited]),
            ("изписани", [m.left for m in waited]),
        ],
        axis_labels=month_axis([m.month for m in waited]),
    )


def _summed_flows(per_centre: dict, period: ind.Period) -> list[ind.MonthFlow]:
    totals = {first: [0, 0] for first in period.months}
    for months in per_centre.values():
        for first, flow in months.items():
            if first in totals:
                totals[first][0] += flow.new
                totals[first][1] += flow.closed
    return [ind.MonthFlow(first, new, closed) for first, (new, closed) in totals.items()]


def _flow_chart(per_month: list[ind.MonthFlow], period: ind.Period):
    return bar_chart(
        title="Нови и приключени случаи по месеци",
        description=(
            f"За всеки месец от {period.label}: регистрирани случаи (плътни стълбове) и "
            "приключени случаи и общодостъпни консултации (щриховани стълбове)."
        ),
        categories=[month_label(f.month) for f in per_month],
        series=[
            ("нови", [f.new for f in per_month]),
            ("приключени", [f.closed for f in per_month]),
        ],
        axis_labels=month_axis([f.month for f in per_month]),
    )


# Workload


def workload_chart(counts: Counter, *, standard: int, names: dict[int, str] | None, month: date):
    """Per person (by name for the manager; „специалист 1, 2…“ for anyone else), most cases first."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], (names or {}).get(item[0], "")))
    rows = [
        ((names or {}).get(user_id) or f"специалист {index}", count)
        for index, (user_id, count) in enumerate(ordered, start=1)
    ]
    return hbar_chart(
        title=f"Натовареност на специалистите през {month_label(month)}",
        description=(
            "Случаите, по които всеки специалист е водещ или член на екипа и които са били "
            f"отворени през месеца, спрямо стандарта от {standard} случая."
        ),
        rows=rows,
        marker=standard,
        marker_label="стандарт",
        value_label="случаи",
    )


def names_of(user_ids) -> dict[int, str]:
    users = (
        get_user_model()
        .objects.filter(pk__in=list(user_ids))
        .only("first_name", "last_name", "username")
    )
    return {user.pk: user.get_full_name() or user.username for user in users}


def over_standard(counts: Counter, standard: int) -> int:
    return sum(1 for count in counts.values() if count > standard)
