"""The files of the statutory reports: the occupancy statement as PDF, the annual report as DOCX
and PDF. A submitted annual report prints the figures of its snapshot, a draft today's."""

from django.utils import timezone

from opora.reporting.domain.periods import Period
from opora.statutory.docx_file import annual_report_docx
from opora.statutory.domain.annual import annual_figures_of
from opora.statutory.domain.occupancy import OccupancyStatement
from opora.statutory.domain.signer import head_of
from opora.statutory.figures import FigureTable, figure_tables
from opora.statutory.pdf import render_pdf


def occupancy_pdf(statement: OccupancyStatement, *, month_label: str, prepared_by) -> bytes:
    half = (len(statement.days) + 1) // 2
    left, right = statement.days[:half], statement.days[half:]
    pairs = [(day, right[index] if index < len(right) else None) for index, day in enumerate(left)]
    context = {
        "centre": statement.centre,
        "statement": statement,
        "month_label": month_label,
        "day_pairs": pairs,
        "made_at": timezone.localtime(),
        "prepared_by": prepared_by.get_full_name() or prepared_by.username,
        "head": head_of(statement.centre),
    }
    return render_pdf("statutory/pdf/occupancy.html", context)


def annual_figures(report) -> dict:
    if report.snapshot_id:
        return report.snapshot.figures
    return annual_figures_of(report.centre, Period.year(report.year))


def annual_figures_for_page(centre, year: int) -> list[FigureTable]:
    return figure_tables(annual_figures_of(centre, Period.year(year)))


def annual_docx(report) -> bytes:
    return annual_report_docx(
        report=report, centre=report.centre, tables=figure_tables(annual_figures(report)),
        head=head_of(report.centre), made_on=_made_on(report),
    )  # fmt: skip


def annual_pdf(report) -> bytes:
    context = {
        "report": report,
        "centre": report.centre,
        "tables": figure_tables(annual_figures(report)),
        "head": head_of(report.centre),
        "made_on": _made_on(report),
    }
    return render_pdf("statutory/pdf/annual.html", context)


def annual_filename(report, extension: str) -> str:
    suffix = "" if not report.corrects_id else f"-korekcia-{report.pk}"
    return f"godishen-otchet-{report.year}{suffix}.{extension}"


def _made_on(report):
    return timezone.localdate(report.submitted_at) if report.submitted_at else timezone.localdate()
