from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from opora.centres.models import Centre


def _between(low: int, high: int) -> list:
    return [MinValueValidator(low), MaxValueValidator(high)]


class FosteringSettings(models.Model):
    """The foster-care values a centre may set ([M] in domain-bg.md §6.1 and §11).

    A centre that never saved its own has no row: `settings_of(centre)` then answers the defaults.
    """

    centre = models.OneToOneField(
        Centre, on_delete=models.CASCADE, related_name="fostering_settings"
    )
    assessment_months = models.PositiveSmallIntegerField(
        "срок на оценката (месеца от заявлението)",
        default=4,
        validators=_between(1, 12),
        help_text="Наредбата за приемната грижа: 4 месеца [M].",
    )
    extension_months = models.PositiveSmallIntegerField(
        "най-дълго удължаване (месеца)",
        default=2,
        validators=_between(0, 6),
        help_text="Удължава се еднократно, по обективни причини и с писмени мотиви [M].",
    )
    required_meetings = models.PositiveSmallIntegerField(
        "срещи с кандидатите (най-малко)", default=4, validators=_between(0, 20)
    )
    required_home_visits = models.PositiveSmallIntegerField(
        "посещения в дома (най-малко)", default=2, validators=_between(0, 20)
    )
    required_referees = models.PositiveSmallIntegerField(
        "препоръки от поръчители (най-малко)", default=2, validators=_between(0, 10)
    )
    base_training_hours = models.PositiveSmallIntegerField(
        "базово обучение (часа)",
        default=12,
        validators=_between(1, 200),
        help_text="4 занимания × 3 часа [M].",
    )
    professional_training_hours = models.PositiveSmallIntegerField(
        "допълнително обучение за професионално приемно семейство (часа)",
        default=24,
        validators=_between(0, 200),
        help_text="8 занимания × 3 часа [M].",
    )
    placement_review_months = models.PositiveSmallIntegerField(
        "преглед на дългосрочно настаняване на всеки (месеца)",
        default=6,
        validators=_between(1, 12),
        help_text="Наредбата за приемната грижа (изм. 2024): на всеки 6 месеца [H].",
    )

    class Meta:
        verbose_name = "настройки за приемна грижа"
        verbose_name_plural = "настройки за приемна грижа"

    def __str__(self) -> str:
        return f"Приемна грижа: {self.centre}"


# The values the manager edits, in the order the form shows them.
EDITABLE_SETTINGS = (
    "assessment_months",
    "extension_months",
    "required_meetings",
    "required_home_visits",
    "required_referees",
    "base_training_hours",
    "professional_training_hours",
    "placement_review_months",
)
