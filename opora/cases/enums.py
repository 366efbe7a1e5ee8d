from django.db import models


class CaseStatus(models.TextChoices):
    """Case statuses (domain-bg.md §9)."""

    INTAKE = "intake", "Входящ"
    WAITLISTED = "waitlisted", "В списъка на чакащите"
    ASSESSMENT = "assessment", "В оценка"
    PLANNING = "planning", "Планиране"
    CONTRACTING = "contracting", "За договор"
    ACTIVE = "active", "Активен"
    UNDER_REVIEW = "under_review", "В преглед"
    SUSPENDED = "suspended", "Временно преустановен"
    CLOSING = "closing", "В процес на приключване"
    CLOSED = "closed", "Приключен"
    REFUSED = "refused", "Отказан"
    FOLLOW_UP = "follow_up", "Проследяване"
    ARCHIVED = "archived", "Архивиран"
    CONSULTATION_OPEN = "consultation_open", "Общодостъпна консултация"
    CONSULTATION_CLOSED = "consultation_closed", "Приключена консултация"


# The statuses that hold one of the centre's places (its capacity of "работещи случая").
OCCUPYING_STATUSES = frozenset(
    {
        CaseStatus.ASSESSMENT,
        CaseStatus.PLANNING,
        CaseStatus.CONTRACTING,
        CaseStatus.ACTIVE,
        CaseStatus.UNDER_REVIEW,
        CaseStatus.SUSPENDED,
        CaseStatus.CLOSING,
    }
)

# Statuses shown by default in the case list: everything still being worked on.
OPEN_STATUSES = OCCUPYING_STATUSES | {
    CaseStatus.INTAKE,
    CaseStatus.WAITLISTED,
    CaseStatus.CONSULTATION_OPEN,
}

_S = CaseStatus
TRANSITIONS: dict[str, frozenset[str]] = {
    _S.INTAKE: frozenset({_S.ASSESSMENT, _S.WAITLISTED, _S.REFUSED}),
    _S.WAITLISTED: frozenset({_S.ASSESSMENT, _S.REFUSED, _S.CLOSED}),
    _S.ASSESSMENT: frozenset({_S.PLANNING, _S.REFUSED, _S.SUSPENDED, _S.CLOSING, _S.CLOSED}),
    # After the ИОП the provider may still refuse: its services cannot meet the needs (чл. 78(5) т. 2).
    _S.PLANNING: frozenset(
        {_S.CONTRACTING, _S.ASSESSMENT, _S.REFUSED, _S.SUSPENDED, _S.CLOSING, _S.CLOSED}
    ),
    _S.CONTRACTING: frozenset({_S.ACTIVE, _S.PLANNING, _S.SUSPENDED, _S.CLOSING, _S.CLOSED}),
    _S.ACTIVE: frozenset({_S.UNDER_REVIEW, _S.SUSPENDED, _S.CLOSING, _S.CLOSED}),
    _S.UNDER_REVIEW: frozenset({_S.ACTIVE, _S.SUSPENDED, _S.CLOSING, _S.CLOSED}),
    _S.SUSPENDED: frozenset({_S.ACTIVE, _S.ASSESSMENT, _S.CLOSING, _S.CLOSED}),
    _S.CLOSING: frozenset({_S.CLOSED, _S.ACTIVE}),
    _S.CLOSED: frozenset({_S.FOLLOW_UP, _S.ARCHIVED, _S.ASSESSMENT}),
    _S.FOLLOW_UP: frozenset({_S.ARCHIVED, _S.CLOSED}),
    _S.REFUSED: frozenset({_S.ARCHIVED}),
    _S.ARCHIVED: frozenset(),
    # General-access work (ЗСУ чл. 12, ал. 2, т. 1): no place, no contract, at most 2 months.
    _S.CONSULTATION_OPEN: frozenset({_S.CONSULTATION_CLOSED}),
    _S.CONSULTATION_CLOSED: frozenset({_S.CONSULTATION_OPEN, _S.ARCHIVED}),
}

# Transitions that end the work on a case and so need a closure reason.
ENDING_STATUSES = frozenset({CaseStatus.CLOSED, CaseStatus.REFUSED})


class Track(models.TextChoices):
    SPECIALISED = "specialised", "Специализирана услуга"
    GENERAL = "general", "Общодостъпна услуга"


class Urgency(models.TextChoices):
    """Urgent cases go ahead of the waiting-list order (ЗСУ чл. 79, чл. 77(3))."""

    NONE = "", "Обичаен"
    CRISIS = "crisis", "Кризисна ситуация"
    VIOLENCE = "violence", "Домашно насилие / насилие над дете"
    TRAFFICKING = "trafficking", "Жертва на трафик"


class CasePersonRole(models.TextChoices):
    CHILD = "child", "дете (основен потребител)"
    CLIENT = "client", "потребител (пълнолетен)"
    PARENT = "parent", "родител"
    GUARDIAN = "guardian", "настойник / попечител"
    FOSTER_PARENT = "foster_parent", "приемен родител"
    SIBLING = "sibling", "брат / сестра"
    RELATIVE = "relative", "роднина"
    OTHER = "other", "друго лице"


class RefusalGround(models.TextChoices):
    """ЗСУ чл. 78, ал. 5: the only grounds on which a state-funded provider may refuse."""

    NOT_OFFERED = (
        "not_offered",
        "Доставчикът не предоставя исканата услуга (чл. 78, ал. 5, т. 1 ЗСУ)",
    )
    NEEDS_NOT_MET = (
        "needs_not_met",
        "След ИОП услугите не могат да отговорят на потребностите (чл. 78, ал. 5, т. 2 ЗСУ)",
    )


class ClosureReason(models.TextChoices):
    """Closure reasons (domain-bg.md §9)."""

    GOALS_ACHIEVED = "goals_achieved", "Постигнати цели по ИПП"
    CONTRACT_EXPIRED = "contract_expired", "Изтичане на срока на договора"
    WITHDRAWN = "withdrawn", "Отказ / оттегляне от потребителя (родителя)"
    PROVIDER_TERMINATED = "provider_terminated", "Прекратяване по инициатива на доставчика"
    REINTEGRATION = "reintegration", "Реинтеграция в биологичното семейство"
    KINSHIP = "kinship", "Настаняване в семейство на роднини или близки"
    FOSTER = "foster", "Настаняване в приемно семейство"
    ADOPTION = "adoption", "Осиновяване"
    RESIDENTIAL = "residential", "Настаняване в услуга за резидентна грижа"
    REFERRED_ON = "referred_on", "Пренасочване към друга услуга / друг доставчик"
    MOVED = "moved", "Преместване / смяна на настоящия адрес"
    TURNED_18 = "turned_18", "Навършване на 18 години"
    MEASURE_ENDED = "measure_ended", "Прекратяване на мярката за закрила от ДСП"
    LOST_CONTACT = "lost_contact", "Невъзможност за контакт / неявяване"
    DEATH = "death", "Смърт"
    SERVICE_CLOSED = "service_closed", "Закриване / промяна на услугата"
    OTHER = "other", "Друго (с описание)"
    LEFT_WAITING_LIST = "left_waiting_list", "Отпадане от списъка на чакащите"


class AccessRequestStatus(models.TextChoices):
    """A case worker's request to read a case she is not on the team of (need-to-know)."""

    PENDING = "pending", "Чака решение"
    GRANTED = "granted", "Разрешен"
    REFUSED = "refused", "Отказан"
    REVOKED = "revoked", "Оттеглен"


# While a case is still being registered, the person who registered its referral may read it.
INTAKE_STATUSES = frozenset({CaseStatus.INTAKE, CaseStatus.WAITLISTED})
