from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.cases.models import Case
from opora.centres.models import Centre
from opora.fostering.enums import PlacementKind
from opora.fostering.models.candidate import Candidate
from opora.people.models import Person

_USER = settings.AUTH_USER_MODEL


class Placement(models.Model):
    """A child placed with an approved foster family (by order of the ДСП director)."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(
        Candidate, on_delete=models.PROTECT, related_name="placements", verbose_name="семейство"
    )
    child = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="foster_placements", verbose_name="дете"
    )
    case = models.ForeignKey(
        Case,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="foster_placements",
        verbose_name="случай на детето",
    )
    kind = models.CharField("вид настаняване", max_length=15, choices=PlacementKind)
    placed_on = models.DateField("настанено на")
    order_reference = models.CharField("заповед на ДСП №", max_length=80, blank=True)
    ended_on = models.DateField("прекратено на", null=True, blank=True)
    end_reason = models.TextField("причина за прекратяване", blank=True)
    created_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "настаняване"
        verbose_name_plural = "настанявания"
        ordering = ["-placed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("placed_on")),
                name="placement_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.child} при {self.candidate}"

    @property
    def is_current(self) -> bool:
        return self.ended_on is None

    @property
    def is_long_term(self) -> bool:
        return self.kind == PlacementKind.LONG_TERM


class PlacementReview(models.Model):
    """The 6-monthly review of a long-term placement."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="reviews")
    held_on = models.DateField("преглед на")
    summary = models.TextField("изводи")
    next_review_on = models.DateField("следващ преглед до", null=True, blank=True)
    recorded_by = models.ForeignKey(
        _USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = "преглед на настаняване"
        verbose_name_plural = "прегледи на настанявания"
        ordering = ["-held_on", "-id"]

    def __str__(self) -> str:
        return f"Преглед на {self.held_on:%d.%m.%Y}"
