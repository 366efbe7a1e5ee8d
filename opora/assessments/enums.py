from django.db import models


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", "Чернова"
    COMPLETED = "completed", "Завършена"


class HearingMethod(models.TextChoices):
    """How the child was heard (ЗЗД чл. 15): in a way that suits its age and maturity."""

    INDIVIDUAL = "individual", "Индивидуален разговор със специалист"
    WITH_TRUSTED = "with_trusted", "Разговор в присъствието на близък човек"
    PLAY = "play", "Чрез игра, рисунка или друг метод, подходящ за възрастта"
    OTHER = "other", "Друг начин (описан в мнението)"


class AddresseeKind(models.TextChoices):
    """Whom the provider may ask for information and opinions (ЗСУ чл. 81, ал. 1)."""

    DSP = "dsp", "ДСП / Отдел „Закрила на детето“"
    MUNICIPALITY = "municipality", "Община"
    HEALTH = "health", "Личен лекар / лечебно заведение"
    SCHOOL = "school", "Училище / детска градина"
    POLICE = "police", "МВР / Детска педагогическа стая"
    PROVIDER = "provider", "Друг доставчик на социални услуги"
    FAMILY = "family", "Семейство / близки"
    OTHER = "other", "Друг"
