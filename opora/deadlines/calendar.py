"""Counting deadlines in calendar days or in Bulgarian working days.

Working days skip Saturdays, Sundays and the official holidays of the `holidays` package (Orthodox
Easter, 24–26 December, and the Monday that replaces a holiday falling on a weekend).
"""

import calendar
from datetime import date, timedelta
from functools import lru_cache

import holidays

from opora.centres.enums import DayCount


@lru_cache(maxsize=64)
def _bulgarian_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("BG", years=year).keys())


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bulgarian_holidays(day.year)


def add_working_days(start: date, days: int) -> date:
    """The date `days` working days after `start` (start itself does not count)."""
    current = start
    remaining = days
    while remaining > 0:
        current += timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def add_days(start: date, days: int, count: str = DayCount.CALENDAR) -> date:
    if count == DayCount.WORKING:
        return add_working_days(start, days)
    return start + timedelta(days=days)


def add_months(start: date, months: int) -> date:
    """Same day of the month `months` later; the 31st becomes the month's last day."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative if `end` is earlier)."""
    if end < start:
        return -working_days_between(end, start)
    return sum(
        1 for n in range(1, (end - start).days + 1) if is_working_day(start + timedelta(days=n))
    )


def days_label(count: int) -> str:
    """1 ден, 5 дни: a count of days in Bulgarian."""
    return f"{count} ден" if abs(count) == 1 else f"{count} дни"
