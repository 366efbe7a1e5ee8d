from django.db import models


class Sex(models.TextChoices):
    MALE = "male", "мъж / момче"
    FEMALE = "female", "жена / момиче"
    UNKNOWN = "unknown", "неизвестен"


class IdentifierType(models.TextChoices):
    EGN = "egn", "ЕГН"
    LNCH = "lnch", "ЛНЧ"
    NONE = "none", "Без идентификатор"


class NoIdentifierReason(models.TextChoices):
    UNBORN = "unborn", "Неродено дете"
    FOREIGNER = "foreigner", "Чужденец без ЛНЧ"
    UNKNOWN = "unknown", "Неизвестен"
    UNDOCUMENTED = "undocumented", "Без документи"


class RelationKind(models.TextChoices):
    """How the relative stands to the person: „<relative> е <kind> на <person>“."""

    MOTHER = "mother", "майка"
    FATHER = "father", "баща"
    GUARDIAN = "guardian", "настойник"
    CURATOR = "curator", "попечител"
    FOSTER_PARENT = "foster_parent", "приемен родител"
    ADOPTIVE_PARENT = "adoptive_parent", "осиновител"
    STEP_PARENT = "step_parent", "съпруг/а на родител"
    SIBLING = "sibling", "брат / сестра"
    GRANDPARENT = "grandparent", "баба / дядо"
    OTHER_RELATIVE = "other_relative", "друг роднина"
    CHILD = "child", "дете"
    PARTNER = "partner", "съпруг/а, партньор"
    OTHER = "other", "друго"
