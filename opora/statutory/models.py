from django.conf import settings
from django.db import models

from opora.centres.models import Centre
from opora.reporting.models import ReportSnapshot
from opora.statutory.enums import AnnualReportStatus


class AnnualReport(models.Model):
    """Годишен отчет за дейността на услугата (ЗСУ чл. 112, ал. 3–4), one service per centre.

    The manager writes the texts in a draft; the figures come from the statistics of the year when
    the file is made. Submitting freezes the texts and stores a snapshot of the figures; a later
    correction is a new draft that names the report it corrects.
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="annual_reports")
    year = models.PositiveSmallIntegerField("година")
    status = models.CharField(
        "статус", max_length=12, choices=AnnualReportStatus, default=AnnualReportStatus.DRAFT
    )
    results_text = models.TextField("постигнати резултати", blank=True)
    quality_programme_text = models.TextField(
        "резултати от програмата за развитие на качеството", blank=True
    )
    monitoring_text = models.TextField(
        "резултати от годишния вътрешен контрол и мониторинг", blank=True
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name="коригира",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField("подаден на", null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_by_name = models.CharField(max_length=200, blank=True)
    # The figures as submitted, kept by the reporting app (re-run and compared there).
    snapshot = models.ForeignKey(
        ReportSnapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "годишен отчет"
        verbose_name_plural = "годишни отчети"
        ordering = ["-year", "-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year"],
                condition=models.Q(status="draft"),
                name="annual_report_one_draft_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"Годишен отчет за {self.year} г."

    @property
    def is_draft(self) -> bool:
        return self.status == AnnualReportStatus.DRAFT
