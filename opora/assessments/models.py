from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone

from opora.assessments.enums import AddresseeKind, AssessmentStatus, HearingMethod
from opora.cases.models import Case
from opora.centres.models import Centre


def _text(label: str) -> models.TextField:
    return models.TextField(label, blank=True, default="")


class Assessment(models.Model):
    """Индивидуална оценка на потребностите (ИОП, ЗСУ чл. 6, 80–81), numbered per case.

    An update after a review is a new number; the earlier ones stay as they were. Only one draft
    per case exists at a time.
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="assessments")
    number = models.PositiveSmallIntegerField("номер")
    status = models.CharField(
        "статус", max_length=20, choices=AssessmentStatus, default=AssessmentStatus.DRAFT
    )
    occasion = models.CharField("повод", max_length=250, blank=True)
    team = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="assessment_teams", verbose_name="екип"
    )
    assessed_on = models.DateField("дата на оценката", null=True, blank=True)

    child_wishes = _text("желания и чувства на детето")
    needs = _text("потребности")
    characteristics = _text("възраст, пол, история и други характеристики")
    harm = _text("опасност или вреда")
    risks = _text("рискове")
    parenting_capacity = _text("способност на родителите да полагат грижи")
    family_environment = _text("семейство и среда")
    changed_circumstances = _text("последици от промяна в обстоятелствата")
    strengths = _text("силни страни и ресурси")
    child_view = _text("мнение на детето")
    child_heard_on = models.DateField("дата на изслушването", null=True, blank=True)
    hearing_method = models.CharField(
        "начин на изслушване", max_length=20, choices=HearingMethod, blank=True
    )
    child_not_heard_reason = _text("причина детето да не бъде изслушано")
    parent_view = _text("мнение на родителя / законния представител")
    sources = _text("източници на информация")
    conclusions = _text("изводи")
    recommendations = _text("препоръки")

    # Bumped by every write, so that two team members editing the same draft do not overwrite
    # each other unknowingly.
    revision = models.PositiveIntegerField(default=0)
    started_at = models.DateTimeField("започната на")
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField("последна промяна")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    completed_at = models.DateTimeField("завършена на", null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "ИОП"
        verbose_name_plural = "ИОП"
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["case", "number"], name="assessment_number_once"),
            models.UniqueConstraint(
                fields=["case"],
                condition=Q(status="draft"),
                name="assessment_one_draft_per_case",
            ),
        ]

    def __str__(self) -> str:
        return f"ИОП № {self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == AssessmentStatus.DRAFT


class InformationRequest(models.Model):
    """Искане за информация / становище (ЗСУ чл. 81, ал. 1): answered within the provider's deadline."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="info_requests"
    )
    addressee_kind = models.CharField(
        "вид адресат", max_length=20, choices=AddresseeKind, default=AddresseeKind.OTHER
    )
    addressee = models.CharField("адресат", max_length=150)
    question = models.TextField("искана информация")
    sent_on = models.DateField("изпратено на")
    due_on = models.DateField("срок за отговор")
    reply = models.TextField("отговор", blank=True)
    replied_on = models.DateField("отговор получен на", null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reply_recorded_at = models.DateTimeField(null=True, blank=True)
    reply_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = "искане за информация"
        verbose_name_plural = "искания за информация"
        ordering = ["sent_on", "id"]

    def __str__(self) -> str:
        return f"Искане до {self.addressee}"

    @property
    def is_answered(self) -> bool:
        return self.replied_on is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_answered and self.due_on < timezone.localdate()
