from django.conf import settings
from django.db import models

from opora.cases.enums import (
    OCCUPYING_STATUSES,
    AccessRequestStatus,
    CasePersonRole,
    CaseStatus,
    ClosureReason,
    RefusalGround,
    Track,
    Urgency,
)
from opora.centres.enums import Service, TargetGroup
from opora.centres.models import Centre
from opora.people.models import Person


class Case(models.Model):
    """The case file (досие на случая), from the registered referral to closure."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="cases")
    number = models.CharField("номер", max_length=20)
    track = models.CharField("вид услуга", max_length=20, choices=Track, default=Track.SPECIALISED)
    primary_person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="primary_cases", verbose_name="потребител"
    )
    status = models.CharField(
        "статус", max_length=20, choices=CaseStatus, default=CaseStatus.INTAKE, editable=False
    )
    urgency = models.CharField("спешност", max_length=20, choices=Urgency, blank=True, default="")
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="managed_cases",
        verbose_name="водещ на случая",
    )
    registered_at = models.DateTimeField("регистриран на")
    opened_at = models.DateTimeField("приет на", null=True, blank=True)
    closed_at = models.DateTimeField("приключен на", null=True, blank=True)
    closure_reason = models.CharField(
        "причина за приключване", max_length=30, choices=ClosureReason, blank=True
    )
    refusal_ground = models.CharField(
        "основание за отказ", max_length=20, choices=RefusalGround, blank=True
    )
    outcome_note = models.TextField("мотиви / бележка при приключване", blank=True)
    # Bumped by every edit of the case's own fields (optimistic locking): a form carries the
    # revision it was opened at, and a save against a newer revision is refused.
    revision = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        verbose_name = "случай"
        verbose_name_plural = "случаи"
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "number"], name="case_number_unique_per_centre"
            )
        ]
        indexes = [
            models.Index(fields=["centre", "status"], name="case_centre_status_idx"),
            models.Index(fields=["centre", "case_manager", "status"], name="case_centre_cm_idx"),
            models.Index(fields=["centre", "-registered_at"], name="case_centre_reg_idx"),
        ]

    def __str__(self) -> str:
        return f"Случай {self.number}"

    @property
    def occupies_place(self) -> bool:
        return self.status in OCCUPYING_STATUSES


class CasePerson(models.Model):
    """A person concerned by the case: the child, parents, siblings, carers."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="case_links")
    role = models.CharField("роля в случая", max_length=20, choices=CasePersonRole)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "person"], name="case_person_once")]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class CaseTargetGroup(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="target_groups")
    group = models.CharField("целева група", max_length=30, choices=TargetGroup)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "group"], name="case_group_once")]
        indexes = [models.Index(fields=["group", "case"], name="case_group_idx")]

    def __str__(self) -> str:
        return self.get_group_display()


class CaseService(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="services")
    service = models.CharField("услуга", max_length=30, choices=Service)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["case", "service"], name="case_service_once")
        ]

    def __str__(self) -> str:
        return self.get_service_display()


class CaseTeamMember(models.Model):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_teams"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "user"], name="case_team_once")]

    def __str__(self) -> str:
        return str(self.user)


class StatusChange(models.Model):
    """One row per status change, written by change_status() only."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="status_history")
    from_status = models.CharField(max_length=20, choices=CaseStatus, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_by_name = models.CharField(max_length=200)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        # Statistics and occupancy read the history of a period across centres.
        indexes = [models.Index(fields=["changed_at"], name="statuschange_at_idx")]

    def __str__(self) -> str:
        return f"{self.from_status or '—'} → {self.to_status}"


class WaitingListEntry(models.Model):
    """Списък на чакащите (ЗСУ чл. 79): ordered by entry time; urgent cases go first."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="waiting_list")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="waiting_entries")
    entered_at = models.DateTimeField("вписан на")
    priority = models.BooleanField("спешен (извън реда)", default=False)
    left_at = models.DateTimeField("изписан на", null=True, blank=True)
    left_reason = models.CharField("причина за изписване", max_length=200, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["centre", "left_at", "-priority", "entered_at"], name="waiting_order_idx"
            )
        ]

    def __str__(self) -> str:
        return f"Чакащ: {self.case}"


class CaseAccessRequest(models.Model):
    """A case worker asks to read a case she is not on the team of; the manager decides.

    A granted request is the access grant: it lets its requester read the case until
    `expires_on` (inclusive) or until the manager revokes it.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="access_requests")
    requester = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="case_access_requests"
    )
    reason = models.TextField("защо ви е нужен достъп")
    status = models.CharField(
        "статус", max_length=20, choices=AccessRequestStatus, default=AccessRequestStatus.PENDING
    )
    requested_at = models.DateTimeField("поискан на")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField("решен на", null=True, blank=True)
    decision_note = models.TextField("мотиви", blank=True)
    expires_on = models.DateField("достъп до (включително)", null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField("оттеглен на", null=True, blank=True)

    class Meta:
        verbose_name = "искане за достъп до случай"
        verbose_name_plural = "искания за достъп до случаи"
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "requester"],
                condition=models.Q(status="pending"),
                name="case_access_one_pending",
            )
        ]
        indexes = [
            models.Index(fields=["requester", "status"], name="case_access_requester_idx"),
            models.Index(fields=["case", "status"], name="case_access_case_idx"),
        ]

    def __str__(self) -> str:
        return f"Достъп до {self.case}: {self.requester} ({self.get_status_display()})"
