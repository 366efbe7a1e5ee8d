"""A reporting period: two calendar days, both inclusive.

An event dated on `start` or on `end` belongs to the period; the day before `start` and the day
after `end` do not. Moments (datetimes) are compared in the installation's time zone, so a session
held at 23:30 local time on the last day still counts.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from opora.core.errors import DomainError


@dataclass(frozen=True)
class Period:
    start: date
    end: date

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise DomainError("Началото на периода е след края му.")

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        last = calendar.monthrange(year, month)[1]
        return cls(date(year, month, 1), date(year, month, last))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if quarter not in (1, 2, 3, 4):
            raise DomainError("Тримесечието е от 1 до 4.")
        first_month = 3 * (quarter - 1) + 1
        return cls(cls.month(year, first_month).start, cls.month(year, first_month + 2).end)

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31))

    def label(self) -> str:
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def first_moment(self) -> datetime:
        """The period's first moment in the installation's time zone."""
        return timezone.make_aware(datetime.combine(self.start, time.min))

    def moment_after(self) -> datetime:
        """The first moment after the period (exclusive upper bound for datetimes)."""
        return timezone.make_aware(datetime.combine(self.end + timedelta(days=1), time.min))

    def as_json(self) -> dict[str, str]:
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}
