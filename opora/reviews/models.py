from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.plans.models import Goal, PlanVersion
from opora.reviews.enums import Progress, ReviewKind, ReviewStatus


class Review(models.Model):
    """Преглед / актуализация на ИПП: progress per goal, changed needs, decisions, next date."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reviews")
    plan = models.ForeignKey(
        PlanVersion,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
        verbose_name="преглеждан ИПП",
    )
    kind = models.CharField("вид", max_length=20, choices=ReviewKind)
    reason = models.TextField("повод", blank=True)
    status = models.CharField(
        "статус", max_length=20, choices=ReviewStatus, default=ReviewStatus.IN_PROGRESS
    )
    held_on = models.DateField("дата на прегледа")
    needs_change = models.TextField("промени в потребностите", blank=True)
    child_view = models.TextField("мнение на детето", blank=True)
    child_not_heard_reason = models.TextField("причина детето да не е изслушано", blank=True)
    decisions = models.TextField("решения", blank=True)
    update_assessment = models.BooleanField("нужна е актуализация на ИОП", default=False)
    update_plan = models.BooleanField("нужна е нова версия на ИПП", default=False)
    next_review_on = models.DateField("следващ преглед", null=True, blank=True)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    started_at = models.DateTimeField("започнат на")
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    completed_at = models.DateTimeField("приключен на", null=True, blank=True)

    class Meta:
        verbose_name = "преглед на ИПП"
        verbose_name_plural = "прегледи на ИПП"
        ordering = ["case", "-started_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="in_progress"),
                name="review_one_in_progress_per_case",
            )
        ]
        indexes = [models.Index(fields=["case", "status"], name="review_case_status_idx")]

    def __str__(self) -> str:
        return f"Преглед на ИПП от {self.held_on:%d.%m.%Y} ({self.get_kind_display()})"

    @property
    def is_event(self) -> bool:
        return self.kind != ReviewKind.SCHEDULED

    @property
    def in_progress(self) -> bool:
        return self.status == ReviewStatus.IN_PROGRESS


class GoalProgress(models.Model):
    """Напредък по една цел на ИПП при прегледа; the goal's title is copied for the record."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="progress")
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="+")
    goal_title = models.CharField("цел", max_length=300)
    progress = models.CharField("напредък", max_length=20, choices=Progress)
    comment = models.TextField("коментар", blank=True)

    class Meta:
        ordering = ["review", "goal__order", "goal_id"]
        constraints = [models.UniqueConstraint(fields=["review", "goal"], name="review_goal_once")]

    def __str__(self) -> str:
        return f"{self.goal_title}: {self.get_progress_display()}"
