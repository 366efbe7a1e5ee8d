from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.centres.models import Centre
from opora.core.sensitivity import Sensitivity
from opora.fostering.enums import (
    CandidateKind,
    CandidateStatus,
    ChildSex,
    ContactKind,
    DecisionOutcome,
    FosterType,
    MemberRole,
)
from opora.people.models import Person

_USER = settings.AUTH_USER_MODEL


def initials_of(name: str) -> str:
    """„М. П. и И. П.“ from a household name, for e-mails that must not carry names."""
    people = [part.split() for part in name.split(" и ")]
    return " и ".join(f"{words[0][0]}. {words[-1][0]}." for words in people if words)


class Candidate(models.Model):
    """A foster-care candidate: a family (two spouses) or one person, from enquiry to the register."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="foster_candidates")
    name = models.CharField("кандидати", max_length=250, editable=False)
    kind = models.CharField("кандидатства", max_length=10, choices=CandidateKind)
    foster_type = models.CharField("вид приемно семейство", max_length=15, choices=FosterType)
    status = models.CharField(
        "етап",
        max_length=15,
        choices=CandidateStatus,
        default=CandidateStatus.ENQUIRY,
        editable=False,
    )
    address = models.CharField("настоящ адрес", max_length=250, blank=True)
    worker = models.ForeignKey(
        _USER,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="foster_candidates",
        verbose_name="водещ социален работник",
    )
    enquiry_on = models.DateField("запитване на")
    applied_on = models.DateField("заявление от", null=True, blank=True)
    # The term in force when the application came: a later change of the settings moves nothing.
    assessment_months = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)
    extension_months = models.PositiveSmallIntegerField(default=0, editable=False)
    extension_reason = models.TextField("мотиви за удължаването", blank=True, editable=False)
    extended_at = models.DateTimeField(null=True, blank=True, editable=False)
    extended_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    approval = models.ForeignKey(
        "fostering.CommissionDecision",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
        verbose_name="решение за утвърждаване",
    )
    removed_on = models.DateField("заличено на", null=True, blank=True, editable=False)
    removal_reason = models.TextField("основание за заличаване", blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "кандидат за приемно семейство"
        verbose_name_plural = "кандидати за приемни семейства"
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["centre", "status"], name="candidate_centre_status_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return initials_of(self.name)

    @property
    def is_professional(self) -> bool:
        return self.foster_type == FosterType.PROFESSIONAL

    @property
    def was_extended(self) -> bool:
        return self.extended_at is not None


class CandidateMember(models.Model):
    """A person of the centre in the candidate's household (so that they can join a programme)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="foster_memberships", verbose_name="лице"
    )
    role = models.CharField("роля", max_length=10, choices=MemberRole)

    class Meta:
        verbose_name = "член на кандидатстващото семейство"
        verbose_name_plural = "членове на кандидатстващите семейства"
        ordering = ["candidate", "role", "id"]
        constraints = [
            models.UniqueConstraint(fields=["candidate", "person"], name="candidate_member_once"),
            models.UniqueConstraint(
                fields=["candidate", "role"],
                condition=Q(role__in=[MemberRole.APPLICANT, MemberRole.SPOUSE]),
                name="candidate_one_applicant_one_spouse",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()})"


class CandidateStatusChange(models.Model):
    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=15, choices=CandidateStatus, blank=True)
    to_status = models.CharField(max_length=15, choices=CandidateStatus)
    changed_at = models.DateTimeField()
    changed_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_by_name = models.CharField(max_length=200)
    note = models.TextField(blank=True)

    class Meta:
        verbose_name = "промяна на етапа на кандидат"
        verbose_name_plural = "промени на етапа на кандидати"
        ordering = ["changed_at", "id"]

    def __str__(self) -> str:
        return f"{self.candidate}: {self.from_status or '—'} → {self.to_status}"


class CandidateContact(models.Model):
    """A dated meeting, home visit, support meeting or monitoring visit, with its notes."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="contacts")
    kind = models.CharField("вид", max_length=15, choices=ContactKind)
    held_on = models.DateField("дата")
    notes = models.TextField("бележки", blank=True)
    sensitivity = models.CharField(
        "кой може да чете бележките",
        max_length=15,
        choices=Sensitivity,
        default=Sensitivity.TEAM,
    )
    author = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    author_name = models.CharField(max_length=200)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "среща или посещение"
        verbose_name_plural = "срещи и посещения"
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["candidate", "kind"], name="candidate_contact_kind_idx")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} на {self.held_on:%d.%m.%Y}"


class Referee(models.Model):
    """A поръчител: someone who knows the candidates and is interviewed during the assessment."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="referees")
    name = models.CharField("име", max_length=200)
    contact = models.CharField("телефон / адрес", max_length=250, blank=True)
    received_on = models.DateField("препоръката е получена на", null=True, blank=True)
    summary = models.TextField("накратко", blank=True)
    recorded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "поръчител"
        verbose_name_plural = "поръчители"
        ordering = ["id"]

    def __str__(self) -> str:
        return self.name


class CandidateReport(models.Model):
    """The social worker's report to the Commission; the candidates read and sign it."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="reports")
    text = models.TextField("доклад")
    written_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    written_at = models.DateTimeField()
    signed_on = models.DateField("прочетен и подписан от кандидатите на", null=True, blank=True)
    signature_recorded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "доклад на социалния работник"
        verbose_name_plural = "доклади на социалния работник"
        ordering = ["-written_at", "-id"]

    def __str__(self) -> str:
        return f"Доклад за {self.candidate}"

    @property
    def is_signed(self) -> bool:
        return self.signed_on is not None


class CommissionDecision(models.Model):
    """A decision of the Комисия по приемна грижа at the РДСП (ЗЗД чл. 31)."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="decisions")
    decided_on = models.DateField("дата на решението")
    protocol_number = models.CharField("протокол №", max_length=60)
    outcome = models.CharField("решение", max_length=20, choices=DecisionOutcome)
    capacity = models.PositiveSmallIntegerField("брой деца", null=True, blank=True)
    age_from = models.PositiveSmallIntegerField("възраст от", null=True, blank=True)
    age_to = models.PositiveSmallIntegerField("възраст до", null=True, blank=True)
    child_sex = models.CharField(
        "пол на детето", max_length=10, choices=ChildSex, blank=True, default=ChildSex.ANY
    )
    child_needs = models.TextField("потребности на децата, за които е подходящо", blank=True)
    reasons = models.TextField("мотиви / искана информация", blank=True)
    information_due_on = models.DateField(
        "срок за допълнителната информация", null=True, blank=True
    )
    recorded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "решение на Комисията по приемна грижа"
        verbose_name_plural = "решения на Комисията по приемна грижа"
        ordering = ["-decided_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.APPROVED) | Q(capacity__gte=1),
                name="decision_approval_has_capacity",
            ),
            models.CheckConstraint(
                condition=Q(age_from__isnull=True)
                | Q(age_to__isnull=True)
                | Q(age_from__lte=models.F("age_to")),
                name="decision_age_range_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"Протокол № {self.protocol_number} от {self.decided_on:%d.%m.%Y}"

    @property
    def profile(self) -> str:
        """„до 2 деца, 3–10 г., момиче; …“ as the register shows it."""
        parts = [f"до {self.capacity} {'дете' if self.capacity == 1 else 'деца'}"]
        if self.age_from is not None or self.age_to is not None:
            parts.append(
                f"{self.age_from or 0}–{self.age_to if self.age_to is not None else 18} г."
            )
        if self.child_sex:
            parts.append(self.get_child_sex_display())
        return ", ".join(parts)
