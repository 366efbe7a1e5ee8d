from django.conf import settings
from django.db import models

from opora.cases.models import Case
from opora.centres.enums import Service
from opora.centres.models import Centre
from opora.people.models import Person
from opora.plans.enums import (
    EDITABLE_PLAN_STATUSES,
    AnnexKind,
    ContractStatus,
    DurationClass,
    PlanEventKind,
    PlanStatus,
    Setting,
    SignatoryCapacity,
)

_OPEN_PLAN = models.Q(status__in=["draft", "submitted", "returned"])
_OPEN_CONTRACT = models.Q(status__in=["draft", "signed"])


class PlanVersion(models.Model):
    """One version of the case's individual support plan (ИПП). Every update is a new version;
    only an approved version takes effect, and approving one supersedes the previous."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="plan_versions")
    number = models.PositiveSmallIntegerField("версия")
    status = models.CharField("статус", max_length=20, choices=PlanStatus, default=PlanStatus.DRAFT)
    start_on = models.DateField("начало")
    review_on = models.DateField("преглед на")
    duration_class = models.CharField("продължителност", max_length=10, choices=DurationClass)
    child_view = models.TextField("мнение на детето за плана", blank=True)
    family_participation = models.TextField("участие на семейството", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    manager_comment = models.TextField("коментар на управителя", blank=True)
    # Bumped by every edit of the version, its goals or activities (optimistic locking).
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = "ИПП (версия)"
        verbose_name_plural = "ИПП (версии)"
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="plan_version_number_once"),
            models.UniqueConstraint(
                fields=["case"],
                condition=models.Q(status="approved"),
                name="plan_one_approved_per_case",
            ),
            models.UniqueConstraint(
                fields=["case"], condition=_OPEN_PLAN, name="plan_one_open_version_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"ИПП v{self.number} ({self.get_status_display()})"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_PLAN_STATUSES


class Goal(models.Model):
    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="goals")
    order = models.PositiveSmallIntegerField(default=1)
    need = models.TextField("потребност", blank=True)
    title = models.CharField("цел", max_length=300)
    expected_result = models.TextField("очакван резултат")
    indicators = models.TextField("индикатори", blank=True)
    # The goal of the previous version this one was copied from: how versions are compared.
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["version", "order", "id"]

    def __str__(self) -> str:
        return self.title


class PlanEvent(models.Model):
    """One step of a version's way (created, submitted, returned with the manager's comment,
    approved, superseded). Rows are only added, so the history of every version is kept."""

    version = models.ForeignKey(PlanVersion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField("събитие", max_length=20, choices=PlanEventKind)
    at = models.DateTimeField("кога")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField("от", max_length=200)
    comment = models.TextField("коментар", blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.version}"


class Activity(models.Model):
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="activities")
    service = models.CharField("услуга", max_length=30, choices=Service)
    description = models.CharField("дейност", max_length=300)
    frequency = models.CharField("честота", max_length=100)
    setting = models.CharField("място", max_length=10, choices=Setting, default=Setting.CENTRE)
    responsible = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="отговорен специалист",
    )

    class Meta:
        ordering = ["goal", "id"]

    def __str__(self) -> str:
        return self.description


class Contract(models.Model):
    """Договор за ползване на социална услуга (ЗСУ чл. 85): signed after the ИОП."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="contracts")
    number = models.CharField("номер", max_length=30)
    status = models.CharField(
        "статус", max_length=12, choices=ContractStatus, default=ContractStatus.DRAFT
    )
    signatory = models.ForeignKey(
        Person,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
        verbose_name="подписал",
    )
    signatory_name = models.CharField("име на подписалия", max_length=200)
    signatory_capacity = models.CharField(
        "в качеството на", max_length=20, choices=SignatoryCapacity
    )
    plan_version = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contracts",
        verbose_name="по ИПП",
    )
    services = models.JSONField("услуги", default=list)
    start_on = models.DateField("начало")
    end_on = models.DateField("край")
    signed_on = models.DateField("подписан на", null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="отбелязан като подписан от",
    )
    terminated_on = models.DateField("прекратен на", null=True, blank=True)
    fee_note = models.CharField("такса / освобождаване", max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "договор"
        verbose_name_plural = "договори"
        ordering = ["case", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "number"], name="contract_number_unique_per_centre"
            ),
            models.UniqueConstraint(
                fields=["case"], condition=_OPEN_CONTRACT, name="contract_one_open_per_case"
            ),
        ]

    def __str__(self) -> str:
        return f"Договор № {self.number}"

    @property
    def service_labels(self) -> list[str]:
        return [Service(code).label if code in Service.values else code for code in self.services]

    def is_in_force_on(self, day) -> bool:
        return self.status == ContractStatus.SIGNED and self.start_on <= day <= self.end_on


class Annex(models.Model):
    contract = models.ForeignKey(Contract, on_delete=models.CASCADE, related_name="annexes")
    kind = models.CharField("вид", max_length=10, choices=AnnexKind)
    signed_on = models.DateField("подписан на")
    new_end_on = models.DateField("нов край", null=True, blank=True)
    changes = models.TextField("промени / основание")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["contract", "signed_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} към {self.contract}"
