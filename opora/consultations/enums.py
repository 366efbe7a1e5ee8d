from django.db import models

from opora.plans.enums import Setting


class SessionKind(models.TextChoices):
    """Kinds of contact recorded in the session log (domain-bg.md §10 „Протокол / запис от сесия“)."""

    INDIVIDUAL_PSYCH = "individual_psych", "Индивидуална психологическа консултация"
    SOCIAL = "social", "Социална консултация"
    FAMILY = "family", "Семейна консултация"
    GROUP = "group", "Групова сесия"
    HOME_VISIT = "home_visit", "Посещение в дома"
    INSTITUTION_VISIT = "institution_visit", "Посещение в училище / институция"
    PHONE = "phone", "Телефонна консултация"
    MOBILE = "mobile", "Мобилна / друга дейност"
    ASSESSMENT = "assessment", "Среща по оценката (ИОП)"
    FOLLOW_UP = "follow_up", "Контакт за проследяване"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", "Планирана"
    HELD = "held", "Проведена"
    NO_SHOW = "no_show", "Неявяване"
    CANCELLED = "cancelled", "Отменена"


# A planned session ends in exactly one of these; the others are final.
SESSION_TRANSITIONS: dict[str, frozenset[str]] = {
    SessionStatus.PLANNED: frozenset(
        {SessionStatus.HELD, SessionStatus.NO_SHOW, SessionStatus.CANCELLED}
    ),
    SessionStatus.HELD: frozenset(),
    SessionStatus.NO_SHOW: frozenset(),
    SessionStatus.CANCELLED: frozenset(),
}

# Kinds that are not the delivery of the specialised service and so need no contract (ЗСУ чл. 85):
# the ИОП comes before the contract by law (чл. 85, ал. 2), and a follow-up contact comes after it.
CONTRACT_FREE_KINDS = frozenset({SessionKind.ASSESSMENT, SessionKind.FOLLOW_UP})

# Kinds whose place is fixed by their nature.
SETTING_OF_KIND: dict[str, str] = {
    SessionKind.HOME_VISIT: Setting.HOME,
    SessionKind.INSTITUTION_VISIT: Setting.MOBILE,
}

# Short names of the settings for the calendar and lists (the full ones are long, ЗСУ чл. 17).
SETTING_SHORT: dict[str, str] = {
    Setting.CENTRE: "в центъра",
    Setting.HOME: "в дома",
    Setting.MOBILE: "мобилно",
}

# Kinds recorded about a visit to an institution, where no person of the case need be present.
KINDS_WITHOUT_PARTICIPANTS = frozenset({SessionKind.INSTITUTION_VISIT, SessionKind.MOBILE})

# The longest session that makes sense in one sitting (a whole working day), in minutes.
MAX_DURATION_MINUTES = 480
