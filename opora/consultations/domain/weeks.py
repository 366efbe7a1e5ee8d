"""ISO weeks (Monday first), as the calendar's ?week=2026-W05 names them."""

import re
from dataclasses import dataclass
from datetime import date, timedelta

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
DAY_NAMES = ("понеделник", "вторник", "сряда", "четвъртък", "петък", "събота", "неделя")
DAY_ABBREVIATIONS = ("Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Нд")


@dataclass(frozen=True)
class Week:
    monday: date

    @classmethod
    def containing(cls, day: date) -> "Week":
        return cls(day - timedelta(days=day.weekday()))

    @classmethod
    def parse(cls, text: str) -> "Week | None":
        """'2026-W53' → that ISO week; None for anything else (W53 only in years that have it)."""
        match = _WEEK.match(text.strip())
        if not match:
            return None
        try:
            return cls(date.fromisocalendar(int(match[1]), int(match[2]), 1))
        except ValueError:
            return None

    @property
    def sunday(self) -> date:
        return self.monday + timedelta(days=6)

    @property
    def days(self) -> list[date]:
        return [self.monday + timedelta(days=i) for i in range(7)]

    @property
    def year(self) -> int:
        return self.monday.isocalendar().year

    @property
    def number(self) -> int:
        return self.monday.isocalendar().week

    @property
    def code(self) -> str:
        return f"{self.year}-W{self.number:02d}"

    @property
    def previous(self) -> "Week":
        return Week(self.monday - timedelta(days=7))

    @property
    def next(self) -> "Week":
        return Week(self.monday + timedelta(days=7))

    def __contains__(self, day: date) -> bool:
        return self.monday <= day <= self.sunday
