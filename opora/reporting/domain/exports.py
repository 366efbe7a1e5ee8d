"""The statistical report as an encrypted file (ExportKind.STATISTICS), through privacy's downloads.

One long sheet a municipal officer can filter: Обхват / Раздел / Показател / Брой, the suppressed
values of a roll-up included exactly as shown („< 5“).
"""

from opora.privacy.domain.downloads import ExportFile, PreparedExport, prepare_export
from opora.privacy.enums import ExportFormat, ExportKind
from opora.privacy.exports import encrypted_csv_zip, encrypted_xlsx
from opora.reporting.domain.statistics import Statistics

HEADERS = ["Обхват", "Раздел", "Показател", "Брой"]


def statistics_rows(figures: dict) -> list[list]:
    """The figures (as stored in a snapshot) as rows: the total first, then each municipality."""
    rows = [["Отчет", "Период", _period_label(figures["period"]), None]]
    for group in [figures["total"], *figures["groups"]]:
        scope = figures["scope"] if group is figures["total"] else group["label"]
        for table in group["tables"]:
            rows += [[scope, table["title"], row["label"], row["count"]] for row in table["rows"]]
            if table["total"] is not None:
                rows.append([scope, table["title"], "Общо", table["total"]])
    return rows


def export_statistics(statistics: Statistics, *, actor, file_format: str, centre) -> PreparedExport:
    """`centre` is None for a roll-up (the log and the audit entry then belong to no centre)."""
    figures = statistics.as_json()
    rows = statistics_rows(figures)
    period = statistics.period
    stem = f"statistika-{period.start:%Y-%m-%d}-{period.end:%Y-%m-%d}"

    def build(password: str) -> ExportFile:
        if file_format == ExportFormat.CSV:
            content, name = encrypted_csv_zip(f"{stem}.csv", HEADERS, rows, password), f"{stem}.zip"
        else:
            content, name = encrypted_xlsx(HEADERS, rows, password), f"{stem}.xlsx"
        return ExportFile(
            kind=ExportKind.STATISTICS, file_format=file_format, file_name=name,
            description=f"Статистически отчет, {statistics.scope.label}, {period.label()}",
            rows=len(rows), content=content,
        )  # fmt: skip

    return prepare_export(
        centre, actor=actor, build=build,
        changes={"report": "statistics", "period": period.label(),
                 "rollup": statistics.scope.rollup, "centres": len(statistics.scope.centre_ids)},
    )  # fmt: skip


def _period_label(period: dict) -> str:
    start, end = period["start"], period["end"]
    return f"{start[8:10]}.{start[5:7]}.{start[:4]} – {end[8:10]}.{end[5:7]}.{end[:4]}"
