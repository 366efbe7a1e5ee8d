"""Server-side SVG charts: geometry, the table with the same numbers, Bulgarian months, empty data."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from opora.core.charts import (
    EMPTY_TEXT,
    axis,
    bar_chart,
    hbar_chart,
    line_chart,
    month_axis,
    month_label,
    nice_ceiling,
    week_axis,
)


def _html(chart) -> str:
    return render_to_string(chart.template, {"chart": chart})


def test_the_time_axis_names_months_and_the_year_once():
    months = [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    assert month_axis(months) == [("ное", ""), ("дек", ""), ("яну", "2026"), ("фев", "")]
    assert month_axis(months[:2]) == [("ное", "2025"), ("дек", "")]  # no January: on the first
    days = [
        date(2025, 12, 24),
        date(2025, 12, 31),
        date(2026, 1, 7),
        date(2026, 1, 14),
        date(2026, 2, 4),
    ]
    assert week_axis(days) == [("дек", ""), ("", ""), ("яну", "2026"), ("", ""), ("фев", "")]


def test_on_a_phone_every_other_axis_label_steps_aside():
    chart = bar_chart(
        title="t",
        description="d",
        categories=["a", "b", "c", "d"],
        series=[("нови", [1, 2, 3, 4])],
        axis_labels=[("яну", "2026"), ("фев", ""), ("мар", ""), ("апр", "")],
    )
    assert [(label.label, label.minor) for label in chart.x_labels] == [
        ("яну", False),
        ("фев", True),
        ("мар", False),
        ("апр", True),
    ]
    html = _html(chart)
    assert 'class="chart-xlabel minor"' in html and ">2026</tspan>" in html


def test_months_are_bulgarian_abbreviations():
    assert month_label(date(2026, 1, 5)) == "яну 26"
    assert month_label(date(2025, 12, 1)) == "дек 25"
    assert month_label(date(2026, 6, 30), with_year=False) == "юни"


@pytest.mark.parametrize(
    ("value", "ceiling"),
    [(0, 1), (1, 1), (3, 5), (7, 10), (12, 20), (24, 25), (31.5, 50), (101, 200)],
)
def test_round_numbers(value, ceiling):
    assert nice_ceiling(value) == ceiling


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [(0, 1, 1), (3, 3, 1), (5, 6, 2), (21, 30, 10), (33, 40, 10), (380, 400, 100)],
)
def test_the_value_axis_ends_on_a_tick(value, top, step):
    assert axis(value) == (top, step)


def test_a_line_chart_scales_its_points_and_draws_the_limit():
    chart = line_chart(
        title="Заети места",
        description="Заети места по седмици",
        points=[("01.01", 0), ("08.01", 10), ("15.01", 20)],
        value_label="заети места",
        limit=20,
        limit_label="капацитет",
    )
    # 20 × 1.05 → axis to 30 in steps of 10; the drawing area is 240 − 14 − 44 = 182 high,
    # from y = 196 up, and 520 − 40 − 10 = 470 wide.
    assert chart.line_points == "40.0,196.0 275.0,135.3 510.0,74.7"
    assert chart.limit_y == 74.7
    assert chart.limit_label == "капацитет: 20"
    assert not chart.over_limit
    assert [t.label for t in chart.ticks] == ["0", "10", "20", "30"]


def test_every_number_of_a_chart_is_in_its_table():
    chart = line_chart(
        title="Чакащи",
        description="Чакащи в края на месеца",
        points=[("яну 26", 4), ("фев 26", 7)],
        value_label="чакащи",
        limit=9,
        limit_label="капацитет",
    )
    html = _html(chart)
    assert "<title" in html and "<desc" in html and "Покажи като таблица" in html
    assert chart.table_head == ("Период", "чакащи", "капацитет")
    assert chart.table_rows == [("яну 26", "4", "9"), ("фев 26", "7", "9")]
    assert '<th scope="row">яну 26</th><td>4</td><td>9</td>' in html
    assert "style=" not in html  # strict CSP: presentation attributes and classes only


def test_grouped_bars_share_a_slot_and_the_second_series_is_hatched():
    chart = bar_chart(
        title="Нови и приключени",
        description="По месеци",
        categories=["яну 26", "фев 26"],
        series=[("нови", [4, 0]), ("приключени", [2, 5])],
    )
    first, second, third, fourth = chart.bars
    assert (first.series, second.series) == (0, 1)
    assert second.x == pytest.approx(first.x + first.width)
    assert third.height == 0  # no new cases in February
    assert fourth.height == pytest.approx(182.0 * 5 / 6, abs=0.1)  # axis 0–6 in steps of 2
    html = _html(chart)
    assert f'fill="url(#{chart.uid}-hatch)"' in html
    assert chart.table_rows == [("яну 26", "4", "2"), ("фев 26", "0", "5")]
    assert "нови" in html and "приключени" in html  # the legend names the series


def test_horizontal_bars_mark_who_is_over_the_standard():
    chart = hbar_chart(
        title="Натовареност",
        description="Случаи на специалист",
        rows=[("Мария Петрова", 14), ("Иван Димов", 3)],
        marker=12,
        marker_label="стандарт",
        value_label="случаи",
    )
    over, within = chart.rows
    assert over.over and not within.over
    assert over.width > within.width
    # 14 × 1.15 = 16.1 → axis to 20 (steps of 5); bars start at 10, at most 520 − 10 − 10 − 36 long.
    assert chart.marker_x == pytest.approx(10 + 464 * 12 / 20, abs=0.1)
    assert over.width == pytest.approx(464 * 14 / 20, abs=0.1)
    assert chart.table_rows == [
        ("Мария Петрова", "14", "над стандарта"),
        ("Иван Димов", "3", "в рамките"),
    ]
    html = _html(chart)
    assert "14 ▲" in html and "стандарт: 12" in html


@pytest.mark.parametrize(
    "chart",
    [
        line_chart(title="t", description="d", points=[], value_label="v"),
        bar_chart(title="t", description="d", categories=[], series=[("нови", [])]),
        hbar_chart(
            title="t", description="d", rows=[], marker=12, marker_label="m", value_label="v"
        ),
    ],
)
def test_empty_data_says_so_instead_of_drawing(chart):
    html = _html(chart)
    assert chart.empty
    assert EMPTY_TEXT == "Няма данни за периода"
    assert EMPTY_TEXT in html
    assert "<svg" not in html


def test_each_chart_has_its_own_pattern_ids():
    one = bar_chart(title="a", description="d", categories=["x"], series=[("n", [1]), ("c", [1])])
    two = bar_chart(title="b", description="d", categories=["x"], series=[("n", [1]), ("c", [1])])
    assert one.uid != two.uid
