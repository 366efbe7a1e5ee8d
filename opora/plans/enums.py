from django.db import models


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Чернова"
    SUBMITTED = "submitted", "Изпратен за одобрение"
    RETURNED = "returned", "Върнат за корекция"
    APPROVED = "approved", "Одобрен (в сила)"
    SUPERSEDED = "superseded", "Заменен с нова версия"


class DurationClass(models.TextChoices):
    """ЗСУ чл. 16, ал. 2."""

    SHORT = "short", "Краткосрочна (до 6 месеца)"
    MEDIUM = "medium", "Средносрочна (до 1 година)"
    LONG = "long", "Дългосрочна (от 1 до 3 години)"


class Setting(models.TextChoices):
    """ЗСУ чл. 17."""

    CENTRE = "centre", "В центъра (специализирана среда)"
    HOME = "home", "В домашна среда"
    MOBILE = "mobile", "Мобилно (училище, детска градина, болница…)"


class SignatoryCapacity(models.TextChoices):
    PARENT = "parent", "Родител"
    GUARDIAN = "guardian", "Настойник / попечител"
    FOSTER_PARENT = "foster_parent", "Приемен родител (по заповед)"
    YOUNG_PERSON = "young_person", "Младежът / потребителят лично"
    OTHER = "other", "Друг законен представител"


class ContractStatus(models.TextChoices):
    DRAFT = "draft", "Проект"
    SIGNED = "signed", "Подписан (в сила)"
    TERMINATED = "terminated", "Прекратен"
    EXPIRED = "expired", "Изтекъл"


class AnnexKind(models.TextChoices):
    EXTEND = "extend", "Анекс за продължаване"
    CHANGE = "change", "Анекс за промяна"
    TERMINATE = "terminate", "Анекс за прекратяване"


class PlanEventKind(models.TextChoices):
    """What happened to a plan version, kept for the version history and the case timeline."""

    CREATED = "created", "Създадена версия"
    SUBMITTED = "submitted", "Изпратена за одобрение"
    RETURNED = "returned", "Върната за корекция"
    APPROVED = "approved", "Одобрена"
    SUPERSEDED = "superseded", "Заменена с нова версия"


# ЗСУ чл. 16, ал. 2: the longest term of each duration class, in months.
DURATION_MONTHS: dict[str, int] = {
    DurationClass.SHORT: 6,
    DurationClass.MEDIUM: 12,
    DurationClass.LONG: 36,
}

# A version being worked on: at most one per case (a DB constraint holds it).
OPEN_PLAN_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.SUBMITTED, PlanStatus.RETURNED})
EDITABLE_PLAN_STATUSES = frozenset({PlanStatus.DRAFT, PlanStatus.RETURNED})

# A contract being prepared or in force: at most one per case (a DB constraint holds it).
OPEN_CONTRACT_STATUSES = frozenset({ContractStatus.DRAFT, ContractStatus.SIGNED})
