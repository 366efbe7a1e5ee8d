from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.centres.models import Centre
from opora.core.sensitivity import Sensitivity
from opora.fostering.enums import AdopterContactKind, AdopterStatus, MemberRole
from opora.fostering.models.candidate import initials_of
from opora.people.models import Person

_USER = settings.AUTH_USER_MODEL


class AdopterFamily(models.Model):
    """Prospective adopters referred by the ДСП for training and support (СК чл. 83, ал. 7)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="adopter_families")
    name = models.CharField("кандидат-осиновители", max_length=250, editable=False)
    status = models.CharField(
        "етап",
        max_length=10,
        choices=AdopterStatus,
        default=AdopterStatus.REFERRED,
        editable=False,
    )
    referred_by = models.CharField("насочени от", max_length=200)
    referred_on = models.DateField("дата на насочването")
    letter_number = models.CharField("писмо №", max_length=80, blank=True)
    address = models.CharField("настоящ адрес", max_length=250, blank=True)
    worker = models.ForeignKey(
        _USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="adopter_families",
        verbose_name="водещ специалист",
    )
    adopted_on = models.DateField("осиновяване на", null=True, blank=True, editable=False)
    closed_on = models.DateField("приключено на", null=True, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "кандидат-осиновители"
        verbose_name_plural = "кандидат-осиновители"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["centre", "status"], name="adopter_centre_status_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return initials_of(self.name)


class AdopterMember(models.Model):
    adopter = models.ForeignKey(AdopterFamily, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="adopter_memberships", verbose_name="лице"
    )
    role = models.CharField("роля", max_length=10, choices=MemberRole)

    class Meta:
        verbose_name = "член на семейството на осиновителите"
        verbose_name_plural = "членове на семействата на осиновителите"
        ordering = ["adopter", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["adopter", "person"], name="adopter_member_once"),
            models.UniqueConstraint(
                fields=["adopter", "role"],
                condition=Q(role__in=[MemberRole.APPLICANT, MemberRole.SPOUSE]),
                name="adopter_one_applicant_one_spouse",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class AdopterStatusChange(models.Model):
    adopter = models.ForeignKey(AdopterFamily, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=10, choices=AdopterStatus, blank=True)
    to_status = models.CharField(max_length=10, choices=AdopterStatus)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_by_name = models.CharField(max_length=200)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "промяна на етапа на осиновители"
        verbose_name_plural = "промени на етапа на осиновители"
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.adopter}: {self.from_status or '—'} → {self.to_status}"


class AdopterContact(models.Model):
    """An individual consultation, or a support contact after the adoption."""

    adopter = models.ForeignKey(AdopterFamily, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField("вид", max_length=15, choices=AdopterContactKind)
    held_on = models.DateField("дата")
    duration_minutes = models.PositiveSmallIntegerField("продължителност (минути)")
    notes = models.TextField("бележки", blank=True)
    sensitivity = models.CharField(
        "кой може да чете бележките",
        max_length=15,
        choices=Sensitivity,
        default=Sensitivity.TEAM,
    )
    next_contact_on = models.DateField("следващ контакт до", null=True, blank=True)
    author = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "консултация с осиновители"
        verbose_name_plural = "консултации с осиновители"
        ordering = ["-held_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gte=5) & Q(duration_minutes__lte=480),
                name="adopter_contact_duration_range",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} на {self.held_on:%d.%m.%Y}"
