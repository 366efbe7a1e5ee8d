"""Counting deadlines in calendar and in Bulgarian working days (weekends, holidays, observed Mondays)."""

from datetime import date, timedelta

import pytest

from opora.centres.enums import DayCount
from opora.deadlines.calendar import (
    add_days,
    add_months,
    add_working_days,
    days_label,
    is_working_day,
    working_days_between,
)

# Holidays

ORTHODOX_EASTER_2026 = [date(2026, 4, 10), date(2026, 4, 11), date(2026, 4, 12), date(2026, 4, 13)]
ORTHODOX_EASTER_2027 = [date(2027, 4, 30), date(2027, 5, 1), date(2027, 5, 2), date(2027, 5, 3)]


@pytest.mark.parametrize("day", ORTHODOX_EASTER_2026 + ORTHODOX_EASTER_2027)
def test_good_friday_to_easter_monday_are_not_working_days(day):
    assert not is_working_day(day)


def test_easter_2026_lies_between_two_working_thursdays_and_tuesdays():
    assert is_working_day(date(2026, 4, 9))  # Thursday before Good Friday
    assert is_working_day(date(2026, 4, 14))  # Tuesday after Easter Monday


def test_labour_day_on_holy_saturday_2027_is_observed_on_tuesday_4_may():
    assert not is_working_day(date(2027, 5, 4))
    assert is_working_day(date(2027, 5, 5))


@pytest.mark.parametrize(
    "day",
    [date(2026, 12, 24), date(2026, 12, 25), date(2026, 12, 26), date(2026, 12, 28)],
    ids=["24.12 Thu", "25.12 Fri", "26.12 Sat", "observed Mon 28.12"],
)
def test_christmas_2026_and_its_observed_monday_are_not_working_days(day):
    assert not is_working_day(day)


def test_the_days_around_christmas_2026_are_working_days():
    assert is_working_day(date(2026, 12, 23))
    assert is_working_day(date(2026, 12, 29))


@pytest.mark.parametrize(
    "day",
    [
        date(2026, 1, 1),
        date(2026, 3, 3),
        date(2026, 5, 1),
        date(2026, 5, 6),
        date(2026, 5, 25),  # 24 May 2026 is a Sunday: observed on Monday
        date(2026, 9, 7),  # 6 September 2026 is a Sunday: observed on Monday
        date(2026, 9, 22),
        date(2027, 3, 3),
    ],
)
def test_national_holidays_are_not_working_days(day):
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 11, 21), date(2026, 11, 22), date(2027, 1, 2)])
def test_saturdays_and_sundays_are_not_working_days(day):
    assert day.weekday() >= 5
    assert not is_working_day(day)


@pytest.mark.parametrize("day", [date(2026, 11, 23), date(2026, 3, 4), date(2026, 5, 26)])
def test_ordinary_weekdays_are_working_days(day):
    assert is_working_day(day)


# Adding working days


@pytest.mark.parametrize(
    ("start", "days", "expected"),
    [
        (date(2026, 11, 20), 1, date(2026, 11, 23)),  # Friday + 1 = Monday
        (date(2026, 11, 23), 5, date(2026, 11, 30)),  # a full week
        (date(2026, 4, 9), 1, date(2026, 4, 14)),  # over Orthodox Easter 2026
        (date(2026, 4, 10), 1, date(2026, 4, 14)),  # starting on Good Friday
        (date(2027, 4, 29), 1, date(2027, 5, 5)),  # over Easter 2027 and the observed 4 May
        (date(2026, 12, 23), 1, date(2026, 12, 29)),  # over Christmas and the observed Monday
        (date(2026, 3, 2), 1, date(2026, 3, 4)),  # over 3 March
        (date(2026, 5, 5), 1, date(2026, 5, 7)),  # over 6 May
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # over 24 May observed on 25 May
        (date(2026, 12, 31), 1, date(2027, 1, 4)),  # into the new year
        (date(2026, 11, 23), 0, date(2026, 11, 23)),
    ],
)
def test_add_working_days_skips_weekends_and_holidays(start, days, expected):
    assert add_working_days(start, days) == expected


def test_twenty_working_days_from_8_april_2026_cross_easter_labour_day_and_6_may():
    # 9.04 (1) · Easter 10–13.04 · 14.04–30.04 (2–14) · 1.05 · 4–5.05 (15–16) · 6.05 · 7.05–12.05 (17–20)
    assert add_working_days(date(2026, 4, 8), 20) == date(2026, 5, 12)


def test_add_days_counts_calendar_or_working_days():
    start = date(2026, 4, 9)

    assert add_days(start, 1, DayCount.CALENDAR) == date(2026, 4, 10)
    assert add_days(start, 1, DayCount.WORKING) == date(2026, 4, 14)
    assert add_days(start, 20) == date(2026, 4, 29)  # calendar by default
    assert add_days(start, 20, "working") == add_working_days(start, 20)


def test_a_calendar_deadline_may_fall_on_a_holiday_while_a_working_one_never_does():
    start = date(2026, 12, 14)

    assert add_days(start, 10, DayCount.CALENDAR) == date(2026, 12, 24)
    assert is_working_day(add_days(start, 10, DayCount.WORKING))


# Months


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (date(2026, 1, 31), 1, date(2026, 2, 28)),
        (date(2028, 1, 31), 1, date(2028, 2, 29)),  # leap year
        (date(2026, 8, 31), 1, date(2026, 9, 30)),
        (date(2026, 3, 31), 2, date(2026, 5, 31)),
        (date(2026, 11, 30), 3, date(2027, 2, 28)),
        (date(2026, 12, 15), 1, date(2027, 1, 15)),
        (date(2026, 12, 31), 2, date(2027, 2, 28)),
        (date(2026, 5, 20), 6, date(2026, 11, 20)),
        (date(2026, 5, 20), 12, date(2027, 5, 20)),
        (date(2026, 3, 31), -1, date(2026, 2, 28)),
        (date(2026, 1, 15), -2, date(2025, 11, 15)),
    ],
)
def test_add_months_keeps_the_day_or_takes_the_last_day_of_a_shorter_month(start, months, expected):
    assert add_months(start, months) == expected


# Counting working days between dates


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (date(2026, 4, 9), date(2026, 4, 14), 1),
        (date(2026, 11, 23), date(2026, 11, 23), 0),
        (date(2026, 11, 20), date(2026, 11, 23), 1),
        (date(2026, 12, 23), date(2027, 1, 4), 4),  # 29, 30, 31 December and 4 January
        (date(2027, 4, 29), date(2027, 5, 5), 1),
    ],
)
def test_working_days_between_counts_after_start_up_to_and_including_end(start, end, expected):
    assert working_days_between(start, end) == expected
    assert working_days_between(end, start) == -expected


def test_working_days_between_undoes_add_working_days_through_two_years():
    start = date(2026, 1, 1)
    for offset in range(0, 730, 17):
        day = start + timedelta(days=offset)
        for days in (1, 3, 20):
            assert working_days_between(day, add_working_days(day, days)) == days


def test_2026_has_the_expected_number_of_working_days():
    # 261 weekdays minus 13 holidays and observed days on weekdays: 1–2.01, 3.03, 10.04, 13.04,
    # 1.05, 6.05, 25.05, 7.09, 22.09, 24.12, 25.12, 28.12
    assert working_days_between(date(2025, 12, 31), date(2026, 12, 31)) == 248


def test_days_label_speaks_bulgarian():
    assert days_label(1) == "1 ден"
    assert days_label(2) == "2 дни"
    assert days_label(21) == "21 дни"
