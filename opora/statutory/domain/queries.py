"""Reads of the statutory reports, starting from the centre."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from opora.reporting.models import ReportSnapshot
from opora.statutory.domain.annual import due_date
from opora.statutory.enums import AnnualReportStatus
from opora.statutory.models import AnnualReport

SNAPSHOT_LIMIT = 50


def statutory_snapshots(centre, codes) -> list[ReportSnapshot]:
    return list(
        ReportSnapshot.objects.filter(centre=centre, code__in=list(codes)).order_by(
            "-taken_at", "-pk"
        )[:SNAPSHOT_LIMIT]
    )


def statutory_snapshot(centre, codes, snapshot_id: int) -> ReportSnapshot | None:
    return ReportSnapshot.objects.filter(
        centre=centre, code__in=list(codes), pk=snapshot_id
    ).first()


def annual_reports_of(centre, year: int) -> list[AnnualReport]:
    """The year's reports, the draft first, then the submitted ones, newest first."""
    reports = AnnualReport.objects.filter(centre=centre, year=year).select_related("snapshot")
    return sorted(
        reports, key=lambda r: (not r.is_draft, -(r.submitted_at or r.created_at).timestamp())
    )


def annual_report(centre, report_id: int) -> AnnualReport | None:
    return AnnualReport.objects.filter(centre=centre, pk=report_id).first()


def recent_annual_reports(centre, limit: int = 10) -> list[AnnualReport]:
    return list(AnnualReport.objects.filter(centre=centre).order_by("-year", "-pk")[:limit])


@dataclass(frozen=True)
class AnnualDue:
    year: int
    due_on: date
    submitted: bool

    @property
    def message(self) -> str:
        return f"Годишният отчет за {self.year} г. е за подаване до {self.due_on:%d.%m.%Y}"


def annual_due(centre, *, today: date | None = None) -> AnnualDue | None:
    """From 1 January to 31 March the report of the year before is due (ЗСУ чл. 112, ал. 4)."""
    today = today or timezone.localdate()
    year = today.year - 1
    due_on = due_date(year)
    if today > due_on:
        return None
    submitted = AnnualReport.objects.filter(
        centre=centre, year=year, status=AnnualReportStatus.SUBMITTED
    ).exists()
    return AnnualDue(year=year, due_on=due_on, submitted=submitted)
