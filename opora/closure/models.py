from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.cases.enums import ClosureReason
from opora.cases.models import Case
from opora.centres.models import Centre
from opora.closure.enums import (
    Channel,
    FollowUpOutcome,
    GoalResult,
    ProposalStatus,
    ReportKind,
    ReportStatus,
)
from opora.plans.models import Goal, PlanVersion


class ClosureProposal(models.Model):
    """Предложение за приключване: the final assessment of results against the ИПП, for the manager."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="closure_proposals")
    plan = models.ForeignKey(
        PlanVersion, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name="ИПП в сила",
    )  # fmt: skip
    status = models.CharField(
        "статус", max_length=20, choices=ProposalStatus, default=ProposalStatus.PENDING
    )
    reason = models.CharField("причина за приключване", max_length=30, choices=ClosureReason)
    reason_note = models.TextField("описание на причината", blank=True)
    final_assessment = models.TextField("заключителна оценка на резултатите")
    recommendations = models.TextField("препоръки", blank=True)
    follow_up_on = models.DateField("проследяване на", null=True, blank=True)
    follow_up_plan = models.TextField("план за проследяване", blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField("предложено на")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField("решено на", null=True, blank=True)
    manager_comment = models.TextField("коментар на управителя", blank=True)

    class Meta:
        verbose_name = "предложение за приключване"
        verbose_name_plural = "предложения за приключване"
        ordering = ["case", "-proposed_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="pending"),
                name="closure_one_pending_per_case",
            )
        ]

    def __str__(self) -> str:
        return f"Предложение за приключване на {self.case} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == ProposalStatus.PENDING


class GoalOutcome(models.Model):
    """The result reached on one goal of the plan in force; the title is copied for the record."""

    proposal = models.ForeignKey(ClosureProposal, on_delete=models.CASCADE, related_name="goals")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    goal_title = models.CharField("цел", max_length=300)
    result = models.CharField("резултат", max_length=20, choices=GoalResult)
    comment = models.TextField("коментар", blank=True)

    class Meta:
        ordering = ["proposal", "goal__order", "goal_id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "goal"], name="closure_goal_once")
        ]

    def __str__(self) -> str:
        return f"{self.goal_title}: {self.get_result_display()}"


class FollowUpContact(models.Model):
    """Проследяване след приключване: one contact with the family after the case closed."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="follow_up_contacts")
    contacted_on = models.DateField("дата на контакта")
    note = models.TextField("как е семейството / бележка")
    outcome = models.CharField("решение", max_length=20, choices=FollowUpOutcome)
    next_contact_on = models.DateField("следващ контакт", null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField("записано на", auto_now_add=True)

    class Meta:
        verbose_name = "проследяващ контакт"
        verbose_name_plural = "проследяващи контакти"
        ordering = ["case", "-contacted_on", "-id"]

    def __str__(self) -> str:
        return f"Проследяване на {self.case} от {self.contacted_on:%d.%m.%Y}"


class ReferrerReport(models.Model):
    """Доклад до насочващия орган (ОЗД): periodic, on request, on a new risk, or at closure."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="referrer_reports")
    kind = models.CharField("вид", max_length=20, choices=ReportKind)
    status = models.CharField(
        "статус", max_length=20, choices=ReportStatus, default=ReportStatus.DUE
    )
    period_from = models.DateField("период от", null=True, blank=True)
    period_to = models.DateField("период до", null=True, blank=True)
    due_on = models.DateField("срок")
    request_note = models.TextField("искане (какво е поискано)", blank=True)
    progress = models.TextField("напредък и резултати", blank=True)
    risks = models.TextField("рискове", blank=True)
    recommendations = models.TextField("препоръки", blank=True)
    addressee_institution = models.CharField("до (институция)", max_length=200, blank=True)
    addressee_officer = models.CharField("на вниманието на", max_length=150, blank=True)
    closure = models.ForeignKey(
        ClosureProposal, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports",
        verbose_name="по приключване",
    )  # fmt: skip
    sent_on = models.DateField("изпратен на", null=True, blank=True)
    channel = models.CharField("начин на изпращане", max_length=20, choices=Channel, blank=True)
    reference_number = models.CharField("изходящ номер", max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField("създаден на", auto_now_add=True)
    sent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_reason = models.CharField("защо отпада", max_length=200, blank=True)

    class Meta:
        verbose_name = "доклад до насочващия орган"
        verbose_name_plural = "доклади до насочващия орган"
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["centre", "status", "due_on"], name="report_register_idx"),
            models.Index(fields=["case", "status"], name="report_case_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} по {self.case} (срок {self.due_on:%d.%m.%Y})"

    @property
    def is_due(self) -> bool:
        return self.status == ReportStatus.DUE

    @property
    def has_content(self) -> bool:
        return bool(self.progress.strip() or self.risks.strip() or self.recommendations.strip())
