"""The annual report's figures as titled two-column tables, the same on the page, in the DOCX and
in the PDF: the service's occupancy first, then the tables of the year's statistics."""

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureTable:
    title: str
    rows: list[tuple[str, object]]
    label_header: str = "Показател"
    value_header: str = "Брой"
    note: str = ""


def figure_tables(figures: dict) -> list[FigureTable]:
    occupancy = figures.get("occupancy", {})
    statistics = figures.get("statistics", {})
    tables = [_main_table(occupancy, statistics)]
    for table in statistics.get("tables", []):
        rows = [(row["label"], row["count"]) for row in table.get("rows", [])]
        if table.get("kind") == "single" and table.get("total") is not None:
            rows.append(("Общо", table["total"]))
        tables.append(FigureTable(title=table["title"], rows=rows, note=table.get("note", "")))
    return tables


def _main_table(occupancy: dict, statistics: dict) -> FigureTable:
    users = next(
        (t.get("total") for t in statistics.get("tables", []) if t.get("key") == "track"), None
    )
    rows = [
        ("Капацитет (брой места)", occupancy.get("capacity", "—")),
        ("Потребители през годината (специализирани и общодостъпни)",
         users if users is not None else "—"),
        ("Потребители, заемали място", occupancy.get("users", "—")),
        ("Средна дневна заетост (места)", _decimal(occupancy.get("average"))),
        ("Максимална дневна заетост (места)", occupancy.get("maximum", "—")),
        ("Потребителодни", occupancy.get("user_days", "—")),
    ]  # fmt: skip
    return FigureTable(title="Основни показатели", rows=rows, value_header="Стойност")


def _decimal(value) -> str:
    if value is None:
        return "—"
    return f"{value:.2f}".replace(".", ",")
