"""Server-side SVG charts: no JavaScript, no external library, nothing fetched.

Each function turns plain numbers into a chart object whose geometry is computed here and drawn by
its template partial under `core/charts/` (`{% include chart.template with chart=chart %}`). The
SVG scales to the width of its box (viewBox), names itself with `<title>`/`<desc>`, and every chart
carries a table with the same numbers („Покажи като таблица“). Series differ by pattern and label as
well as colour, so a black-and-white print still tells them apart.
"""

import itertools
import math
from dataclasses import dataclass, field
from datetime import date

MONTHS_BG = ("яну", "фев", "мар", "апр", "май", "юни", "юли", "авг", "сеп", "окт", "ное", "дек")
EMPTY_TEXT = "Няма данни за периода"

# The drawing area inside the viewBox: left margin for the value axis, bottom for the labels.
WIDTH, HEIGHT = 520, 240
LEFT, RIGHT, TOP, BOTTOM = 40, 10, 14, 44
# At most this many labels along the time axis, so that they stay legible on a phone.
MAX_X_LABELS = 12
# Each chart on a page gets its own id prefix for its SVG patterns and its title.
_sequence = itertools.count(1)


def month_label(day: date, *, with_year: bool = True) -> str:
    """„яну 26“: the Bulgarian abbreviation of the month, with the two-digit year."""
    name = MONTHS_BG[day.month - 1]
    return f"{name} {day:%y}" if with_year else name


def nice_ceiling(value: float) -> int:
    """The smallest round number (1, 2, 2.5, 5 × 10ⁿ) not below `value`; at least 1."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return math.ceil(step * power)
    return math.ceil(10 * power)


@dataclass(frozen=True)
class Tick:
    y: float
    label: str


@dataclass(frozen=True)
class XLabel:
    x: float
    label: str
    sub: str = ""  # a second line, e.g. the year under January
    minor: bool = False  # left out on a phone, where every other label would overlap
    anchor: str = "middle"


@dataclass
class Chart:
    """What every chart partial needs: names, the box, the value axis and the table."""

    title: str
    description: str
    template: str
    table_head: tuple[str, ...]
    table_rows: list[tuple] = field(default_factory=list)
    empty: bool = False
    uid: str = field(default_factory=lambda: f"chart{next(_sequence)}")
    width: int = WIDTH
    height: int = HEIGHT
    ticks: list[Tick] = field(default_factory=list)
    x_labels: list[XLabel] = field(default_factory=list)
    empty_text: str = EMPTY_TEXT

    @property
    def left(self) -> int:
        return LEFT

    @property
    def right(self) -> int:
        return self.width - RIGHT

    @property
    def baseline(self) -> int:
        return self.height - BOTTOM

    @property
    def label_y(self) -> int:
        return self.height - BOTTOM + 18


def _y_of(value: float, top_value: int, *, height: int = HEIGHT) -> float:
    span = height - TOP - BOTTOM
    return round(height - BOTTOM - span * value / top_value, 1)


def axis(max_value: float) -> tuple[int, int]:
    """The top of the value axis and the step between its ticks: round numbers, at most 5 steps."""
    step = nice_ceiling(max_value / 4) if max_value > 4 else 1
    return max(step, math.ceil(max_value / step) * step), step


def _ticks(top_value: int, step: int, *, height: int = HEIGHT) -> list[Tick]:
    return [
        Tick(_y_of(v, top_value, height=height), _number(v)) for v in range(0, top_value + 1, step)
    ]


def _number(value: float) -> str:
    """Bulgarian number format: a decimal comma, no trailing zero."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value))


def month_axis(months: list[date]) -> list[tuple[str, str]]:
    """Axis labels for months: „яну“, with the year under January (or the first month if the
    period has no January)."""
    return _with_years([(m, True) for m in months])


def week_axis(days: list[date]) -> list[tuple[str, str]]:
    """Axis labels for weekly points: the month at its first point, nothing at the others."""
    seen, points = set(), []
    for day in days:
        points.append((day, (day.year, day.month) not in seen))
        seen.add((day.year, day.month))
    return _with_years(points)


def _with_years(points: list[tuple[date, bool]]) -> list[tuple[str, str]]:
    has_january = any(shown and day.month == 1 for day, shown in points)
    labels, first = [], True
    for day, shown in points:
        if not shown:
            labels.append(("", ""))
            continue
        year = day.month == 1 or (first and not has_january)
        labels.append((month_label(day, with_year=False), str(day.year) if year else ""))
        first = False
    return labels


def _axis_labels(chart: Chart, xs: list[float], labels: list[tuple[str, str]]) -> list[XLabel]:
    shown = [(x, label, sub) for x, (label, sub) in zip(xs, labels, strict=True) if label]
    every = max(1, math.ceil(len(shown) / MAX_X_LABELS))
    kept = [item for i, item in enumerate(shown) if i % every == 0]
    return [
        XLabel(x, label, sub, minor=i % 2 == 1, anchor=_anchor(chart, x))
        for i, (x, label, sub) in enumerate(kept)
    ]


def _anchor(chart: Chart, x: float) -> str:
    if x < chart.left + 12:
        return "start"
    return "end" if x > chart.right - 12 else "middle"


# Line / area over time, with an optional limit (the capacity)


@dataclass
class LineChart(Chart):
    line_points: str = ""
    area_points: str = ""
    dots: list[tuple[float, float, str]] = field(default_factory=list)
    limit_y: float | None = None
    limit_label: str = ""
    over_limit: bool = False


def line_chart(
    *,
    title: str,
    description: str,
    points: list[tuple[str, float]],
    value_label: str,
    limit: float | None = None,
    limit_label: str = "",
    axis_labels: list[tuple[str, str]] | None = None,
) -> LineChart:
    """`points`: (label, value) in time order. `limit` draws a dashed line (e.g. the capacity).

    `axis_labels`: (label, second line) per point for the time axis ("" for none); the point
    labels by default.
    """
    chart = LineChart(
        title=title,
        description=description,
        template="core/charts/line.html",
        table_head=("Период", value_label, *((limit_label,) if limit is not None else ())),
        table_rows=[
            (label, _number(value), *((_number(limit),) if limit is not None else ()))
            for label, value in points
        ],
        empty=not points,
    )
    if chart.empty:
        return chart
    top_value, step = axis(max([v for _, v in points] + [limit or 0]) * 1.05)
    span = chart.right - chart.left
    x_step = span / max(len(points) - 1, 1)
    xs = [round(chart.left + i * x_step, 1) for i in range(len(points))]
    ys = [_y_of(v, top_value) for _, v in points]
    chart.line_points = " ".join(f"{x},{y}" for x, y in zip(xs, ys, strict=True))
    chart.area_points = f"{xs[0]},{chart.baseline} {chart.line_points} {xs[-1]},{chart.baseline}"
    chart.dots = [
        (x, y, f"{label}: {_number(v)}") for x, y, (label, v) in zip(xs, ys, points, strict=True)
    ]
    chart.ticks = _ticks(top_value, step)
    chart.x_labels = _axis_labels(chart, xs, axis_labels or [(label, "") for label, _ in points])
    if limit is not None:
        chart.limit_y = _y_of(limit, top_value)
        chart.limit_label = f"{limit_label}: {_number(limit)}"
        chart.over_limit = any(v > limit for _, v in points)
    return chart


# Grouped bars per period (new vs closed)


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    series: int
    title: str


@dataclass(frozen=True)
class LegendItem:
    series: int
    label: str


@dataclass
class BarChart(Chart):
    bars: list[Bar] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)


def bar_chart(
    *,
    title: str,
    description: str,
    categories: list[str],
    series: list[tuple[str, list[int]]],
    axis_labels: list[tuple[str, str]] | None = None,
) -> BarChart:
    """Side-by-side bars per category, one per series; the second series is hatched."""
    chart = BarChart(
        title=title,
        description=description,
        template="core/charts/bars.html",
        table_head=("Период", *(name for name, _ in series)),
        table_rows=[
            (category, *(_number(values[i]) for _, values in series))
            for i, category in enumerate(categories)
        ],
        empty=not categories,
        legend=[LegendItem(i, name) for i, (name, _) in enumerate(series)],
    )
    if chart.empty:
        return chart
    top_value, step = axis(max(max(values, default=0) for _, values in series))
    slot = (chart.right - chart.left) / len(categories)
    bar_width = round(slot * 0.8 / max(len(series), 1), 1)
    for i, category in enumerate(categories):
        start = chart.left + i * slot + slot * 0.1
        for s, (name, values) in enumerate(series):
            y = _y_of(values[i], top_value)
            chart.bars.append(
                Bar(
                    x=round(start + s * bar_width, 1),
                    y=y,
                    width=bar_width,
                    height=round(chart.baseline - y, 1),
                    series=s,
                    title=f"{category} — {name}: {values[i]}",
                )
            )
    chart.ticks = _ticks(top_value, step)
    centres = [round(chart.left + (i + 0.5) * slot, 1) for i in range(len(categories))]
    chart.x_labels = _axis_labels(chart, centres, axis_labels or [(c, "") for c in categories])
    return chart


# Horizontal bars with a marker (workload against the standard)


@dataclass(frozen=True)
class Row:
    y: float
    width: float
    label: str
    value: str
    over: bool
    value_x: float

    @property
    def bar_y(self) -> float:
        return self.y + 6


@dataclass
class HBarChart(Chart):
    rows: list[Row] = field(default_factory=list)
    marker_x: float = 0
    marker_label: str = ""
    bar_height: int = 16


# Each row: its label on one line, the bar under it.
ROW_STEP = 40
ROW_LABEL = 14


def hbar_chart(
    *,
    title: str,
    description: str,
    rows: list[tuple[str, int]],
    marker: int,
    marker_label: str,
    value_label: str,
) -> HBarChart:
    """One bar per row, its label above it; bars over `marker` are hatched and marked ▲."""
    chart = HBarChart(
        title=title,
        description=description,
        template="core/charts/hbars.html",
        table_head=("", value_label, marker_label),
        table_rows=[
            (label, _number(value), "над стандарта" if value > marker else "в рамките")
            for label, value in rows
        ],
        empty=not rows,
        marker_label=f"{marker_label}: {marker}",
    )
    if chart.empty:
        return chart
    chart.height = TOP + ROW_STEP * len(rows) + BOTTOM
    top_value, _step = axis(max([v for _, v in rows] + [marker]) * 1.15)
    start = H_LEFT
    span = chart.right - start - 36
    for i, (label, value) in enumerate(rows):
        width = round(span * value / top_value, 1)
        chart.rows.append(
            Row(
                y=TOP + i * ROW_STEP + ROW_LABEL,
                width=width,
                label=label,
                value=_number(value),
                over=value > marker,
                value_x=round(start + width + 5, 1),
            )
        )
    chart.marker_x = round(start + span * marker / top_value, 1)
    return chart


H_LEFT = 10
