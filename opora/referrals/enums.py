from django.db import models


class SourceType(models.TextChoices):
    """Who referred (domain-bg.md §8.2)."""

    OZD = "ozd", "ОЗД при ДСП"
    DSP_OTHER = "dsp_other", "ДСП (друг отдел)"
    MUNICIPALITY = "municipality", "Община"
    MKBPPMN = "mkbppmn", "МКБППМН"
    DPS = "dps", "Детска педагогическа стая (МВР)"
    POLICE_OTHER = "police_other", "МВР (друго)"
    SCHOOL = "school", "Училище"
    KINDERGARTEN = "kindergarten", "Детска градина"
    NURSERY = "nursery", "Детска ясла"
    HOSPITAL = "hospital", "Лечебно заведение / родилно отделение"
    GP = "gp", "Личен лекар"
    COURT = "court", "Съд"
    PROSECUTOR = "prosecutor", "Прокуратура"
    OTHER_PROVIDER = "other_provider", "Друг доставчик на социални услуги"
    RESIDENTIAL = "residential", "Услуга за резидентна грижа"
    HOTLINE = "hotline", "Национална телефонна линия за деца 116 111"
    NGO = "ngo", "Неправителствена организация"
    SELF_ADULT = "self_adult", "Самонасочил се – родител / лице"
    SELF_CHILD = "self_child", "Самонасочило се дете"
    OTHER = "other", "Друго"
