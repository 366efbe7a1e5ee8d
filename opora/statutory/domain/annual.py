"""The annual report of the service to АКСУ (ЗСУ чл. 112, ал. 3–4): texts by the manager, figures
from the year's statistics, frozen on submission with a snapshot of the figures."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.centres.models import Centre
from opora.core.errors import DomainError
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.snapshots import take_snapshot
from opora.statutory.domain.occupancy import occupancy_statement
from opora.statutory.enums import (
    ANNUAL_DUE_DAY,
    ANNUAL_DUE_MONTH,
    ANNUAL_REPORT,
    FIRST_YEAR,
    AnnualReportStatus,
)
from opora.statutory.models import AnnualReport

TEXT_FIELDS = ("results_text", "quality_programme_text", "monitoring_text")
MAX_TEXT = 20000
AKSU = "Агенция за качеството в социалните услуги (АКСУ)"


@dataclass(frozen=True)
class AnnualTexts:
    results_text: str
    quality_programme_text: str
    monitoring_text: str


def due_date(year: int) -> date:
    return date(year + 1, ANNUAL_DUE_MONTH, ANNUAL_DUE_DAY)


def check_year(year: int, *, today: date | None = None) -> int:
    today = today or timezone.localdate()
    if not FIRST_YEAR <= year <= today.year:
        raise DomainError(f"Изберете година между {FIRST_YEAR} и {today.year}.", field="year")
    return year


def start_annual_report(centre: Centre, *, actor, year: int) -> AnnualReport:
    """The draft of the year (resumed if it exists); after a submission, a correction of it."""
    check_year(year)
    with transaction.atomic():
        Centre.objects.select_for_update().get(pk=centre.pk)
        draft = AnnualReport.objects.filter(
            centre=centre, year=year, status=AnnualReportStatus.DRAFT
        ).first()
        if draft is not None:
            return draft
        last = (
            AnnualReport.objects.filter(centre=centre, year=year)
            .order_by("-submitted_at", "-pk")
            .first()
        )
        texts = {name: getattr(last, name) for name in TEXT_FIELDS} if last else {}
        report = AnnualReport.objects.create(
            centre=centre, year=year, created_by=actor, corrects=last, **texts
        )
        record(
            actor=actor, action="annual_report.start", obj=report,
            changes={"year": year, "corrects": last.pk if last else None},
        )  # fmt: skip
    return report


def save_annual_report(report: AnnualReport, *, actor, texts: AnnualTexts) -> AnnualReport:
    with transaction.atomic():
        locked = _locked_draft(report)
        changed = [name for name in TEXT_FIELDS if getattr(locked, name) != getattr(texts, name)]
        for name in TEXT_FIELDS:
            value = getattr(texts, name).strip()
            if len(value) > MAX_TEXT:
                raise DomainError(f"Текстът е до {MAX_TEXT} знака.", field=name)
            setattr(locked, name, value)
        if changed:
            locked.save()
            record(
                actor=actor, action="annual_report.save", obj=locked,
                changes={name: "променено" for name in changed},
            )  # fmt: skip
    return locked


def submit_annual_report(report: AnnualReport, *, actor, submitted_to: str = AKSU) -> AnnualReport:
    """Freeze the texts and keep the figures as submitted (the snapshot)."""
    with transaction.atomic():
        locked = _locked_draft(report)
        missing = [name for name in TEXT_FIELDS if not getattr(locked, name).strip()]
        if missing:
            raise DomainError(
                "Попълнете и трите части на отчета: постигнати резултати, програмата за "
                "развитие на качеството и вътрешния контрол и мониторинг.",
                field=missing[0],
            )
        snapshot = take_snapshot(
            ANNUAL_REPORT, actor=actor, scope=Scope.centre(locked.centre),
            period=Period.year(locked.year), submitted_to=submitted_to or AKSU,
            note=f"Годишен отчет за {locked.year} г.",
        )  # fmt: skip
        locked.status = AnnualReportStatus.SUBMITTED
        locked.submitted_at = timezone.now()
        locked.submitted_by = actor
        locked.submitted_by_name = actor.get_full_name() or actor.username
        locked.snapshot = snapshot
        locked.save()
        record(
            actor=actor, action="annual_report.submit", obj=locked,
            changes={"year": locked.year, "snapshot": snapshot.pk},
        )  # fmt: skip
    return locked


def write_annual_report(
    centre: Centre, *, actor, year: int, texts: AnnualTexts, submit: bool = False
) -> AnnualReport:
    """The form's „Запази“ / „Подай“: the year's draft (begun if need be) gets the texts, then is
    submitted if asked. The texts stay saved even when the submission is refused."""
    report = start_annual_report(centre, actor=actor, year=year)
    report = save_annual_report(report, actor=actor, texts=texts)
    return submit_annual_report(report, actor=actor) if submit else report


def _locked_draft(report: AnnualReport) -> AnnualReport:
    locked = AnnualReport.objects.select_for_update().get(pk=report.pk)
    if not locked.is_draft:
        raise DomainError(
            "Отчетът е подаден и не може да се променя. Започнете корекция: нова чернова."
        )
    return locked


def annual_figures_of(centre: Centre, period: Period) -> dict:
    """The figures of the report: the year's statistics and the average daily occupancy."""
    from opora.reporting.domain.statistics import centre_statistics

    occupancy = occupancy_statement(centre, period)
    return {
        "statistics": centre_statistics(Scope.centre(centre), period).as_json()["total"],
        "occupancy": {
            "capacity": occupancy.capacity,
            "average": occupancy.average,
            "maximum": occupancy.maximum,
            "user_days": occupancy.user_days,
            "users": occupancy.users,
        },
    }
