from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.people.models import Person
from opora.privacy.enums import ExportFormat, ExportKind, RecordType


class ExportLog(models.Model):
    """One export of personal data: who, when, what, how many rows; never the password.

    While the file waits to be downloaded it lies encrypted in the private export store
    (`stored_as`), reachable only with a one-time token whose hash is kept here.
    """

    # None: a roll-up over several centres, exported by a municipal or national official.
    centre = models.ForeignKey(
        Centre, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_name = models.CharField("служител", max_length=200)
    at = models.DateTimeField("кога")
    kind = models.CharField("какво", max_length=20, choices=ExportKind)
    file_format = models.CharField("формат", max_length=10, choices=ExportFormat)
    description = models.CharField("описание", max_length=300)
    rows = models.PositiveIntegerField("редове / записи")
    file_name = models.CharField("име на файла", max_length=120)
    token_hash = models.CharField(max_length=64, blank=True, db_index=True)
    stored_as = models.CharField(max_length=64, blank=True)
    expires_at = models.DateTimeField("връзката важи до")
    downloaded_at = models.DateTimeField("изтеглен на", null=True, blank=True)

    class Meta:
        verbose_name = "експорт"
        verbose_name_plural = "експорти"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["centre", "-at"], name="export_centre_at_idx")]

    def __str__(self) -> str:
        return f"Експорт № {self.pk}: {self.get_kind_display()}"


class RetentionPolicy(models.Model):
    """How many years after closure a centre keeps one type of record (its file plan)."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="retention_policies")
    record_type = models.CharField("вид записи", max_length=30, choices=RecordType)
    years = models.PositiveSmallIntegerField("срок (години след приключване)")
    updated_at = models.DateTimeField("променен на")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = "срок за съхранение"
        verbose_name_plural = "срокове за съхранение"
        constraints = [
            models.UniqueConstraint(fields=["centre", "record_type"], name="retention_policy_once")
        ]

    def __str__(self) -> str:
        return f"{self.get_record_type_display()}: {self.years} г."


class LegalHold(models.Model):
    """Data that must be kept whatever its retention period (a court case, an inspection…)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="legal_holds"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="legal_holds"
    )
    reason = models.TextField("основание за задържането")
    placed_at = models.DateTimeField("поставено на")
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    placed_by_name = models.CharField("поставено от", max_length=200)
    lifted_at = models.DateTimeField("вдигнато на", null=True, blank=True)
    lifted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lifted_by_name = models.CharField("вдигнато от", max_length=200, blank=True)
    lift_reason = models.TextField("защо е вдигнато", blank=True)

    class Meta:
        verbose_name = "задържане на данни"
        verbose_name_plural = "задържания на данни"
        ordering = ["-placed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(case__isnull=False, person__isnull=True)
                | Q(case__isnull=True, person__isnull=False),
                name="legal_hold_one_subject",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=Q(lifted_at__isnull=True), name="legal_hold_case_once"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(lifted_at__isnull=True),
                name="legal_hold_person_once",
            ),
        ]

    def __str__(self) -> str:
        subject = f"случай {self.case.number}" if self.case_id else f"лице № {self.person_id}"
        return f"Задържане: {subject}"

    @property
    def is_active(self) -> bool:
        return self.lifted_at is None


class Erasure(models.Model):
    """A case whose content the retention run erased: when, under which period."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.OneToOneField(Case, on_delete=models.CASCADE, related_name="erasure")
    record_type = models.CharField("вид записи", max_length=30, choices=RecordType)
    years = models.PositiveSmallIntegerField("срок (години)")
    erased_at = models.DateTimeField("заличено на")

    class Meta:
        verbose_name = "заличено съдържание на случай"
        verbose_name_plural = "заличено съдържание на случаи"

    def __str__(self) -> str:
        return f"Заличено: случай {self.case_id}"


class Anonymisation(models.Model):
    """A person whose identifying data the retention run removed (kept for statistics only)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    person = models.OneToOneField(Person, on_delete=models.CASCADE, related_name="anonymisation")
    anonymised_at = models.DateTimeField("анонимизирано на")

    class Meta:
        verbose_name = "анонимизирано лице"
        verbose_name_plural = "анонимизирани лица"

    def __str__(self) -> str:
        return f"Анонимизирано лице № {self.person_id}"
