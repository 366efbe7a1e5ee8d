from django.db import models


class ReviewKind(models.TextChoices):
    """Why the plan is reviewed: on schedule, or because something happened (domain-bg.md §3.2, §9)."""

    SCHEDULED = "scheduled", "Планов преглед (по график)"
    NEW_RISK = "new_risk", "Нов риск / насилие"
    REFERRER_REQUEST = "referrer_request", "Искане от ОЗД / насочващия орган"
    NEEDS_CHANGE = "needs_change", "Промяна в потребностите"
    OTHER = "other", "Друго събитие"

    @classmethod
    def events(cls) -> frozenset[str]:
        return frozenset(set(cls.values) - {cls.SCHEDULED})


class ReviewStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "В ход"
    COMPLETED = "completed", "Приключен"


class Progress(models.TextChoices):
    """Progress towards one goal of the ИПП at the review."""

    NOT_STARTED = "not_started", "Не е започната"
    IN_PROGRESS = "in_progress", "В процес"
    ACHIEVED = "achieved", "Постигната"
    PARTLY_ACHIEVED = "partly_achieved", "Частично постигната"
    NOT_ACHIEVED = "not_achieved", "Не е постигната"
