from django.conf import settings
from django.db import models

from opora.centres.models import Centre


class ReportSnapshot(models.Model):
    """A submitted report, kept as it was: its figures and the definition of the query behind them.

    Append-only: a snapshot is never edited or deleted, so it can be compared with a later re-run
    of the same report (`domain.snapshots.rerun`). `centre` is None for a roll-up over several
    centres; `centre_ids` lists the centres counted either way.
    """

    code = models.CharField("отчет (код)", max_length=40)
    title = models.CharField("отчет", max_length=200)
    version = models.PositiveIntegerField("версия на определението")
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, null=True, blank=True, related_name="report_snapshots"
    )
    centre_ids = models.JSONField("центрове", default=list)
    rollup = models.BooleanField("обобщен (с прикрити малки числа)", default=False)
    scope_label = models.CharField("обхват", max_length=300)
    period_start = models.DateField("период от")
    period_end = models.DateField("период до")
    figures = models.JSONField("числа")
    definition = models.TextField("как се броят")
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    taken_by_name = models.CharField("подаден от", max_length=200)
    taken_at = models.DateTimeField("подаден на")
    submitted_to = models.CharField("подаден към", max_length=200, blank=True)
    note = models.CharField("бележка", max_length=500, blank=True)

    class Meta:
        verbose_name = "подаден отчет"
        verbose_name_plural = "подадени отчети"
        ordering = ["-taken_at", "-id"]
        indexes = [
            models.Index(fields=["centre", "-taken_at"], name="snapshot_centre_idx"),
            models.Index(fields=["rollup", "-taken_at"], name="snapshot_rollup_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} {self.period_start:%d.%m.%Y} – {self.period_end:%d.%m.%Y}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("A report snapshot is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("A report snapshot is append-only.")
