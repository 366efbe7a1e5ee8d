from django.db import models


class ProgrammeKind(models.TextChoices):
    """Kinds of group programme a centre runs (domain-bg.md §6, §8)."""

    INDEPENDENT_LIVING = "independent_living", "Умения за самостоятелен живот"
    PARENTING = "parenting", "Училище за родители"
    FOSTER_BASE = "foster_base", "Приемна грижа – базово обучение"
    FOSTER_PROFESSIONAL = (
        "foster_professional",
        "Приемна грижа – допълнително обучение за професионални приемни семейства",
    )
    ADOPTERS = "adopters", "Обучение на осиновители"
    CHILDREN_GROUP = "children_group", "Група за деца"
    OTHER = "other", "Друга групова програма"


class ProgrammeStatus(models.TextChoices):
    PLANNED = "planned", "Предстои"
    RUNNING = "running", "Тече"
    FINISHED = "finished", "Приключила"


# A programme is planned, runs from its first recorded attendance, and is finished once.
PROGRAMME_TRANSITIONS: dict[str, frozenset[str]] = {
    ProgrammeStatus.PLANNED: frozenset({ProgrammeStatus.RUNNING}),
    ProgrammeStatus.RUNNING: frozenset({ProgrammeStatus.FINISHED}),
    ProgrammeStatus.FINISHED: frozenset(),
}


class Presence(models.TextChoices):
    PRESENT = "present", "Присъства"
    ABSENT = "absent", "Отсъства"
    EXCUSED = "excused", "Отсъства по уважителна причина"


# Only this mark counts towards a participant's hours; absent and excused never do.
COUNTED_PRESENCE = Presence.PRESENT

# The default share of the planned hours a participant must attend to receive a certificate.
DEFAULT_COMPLETION_PERCENT = 80
