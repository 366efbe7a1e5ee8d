"""Foster-care candidates and prospective adopters: statuses, their transitions, catalogues.

The foster-care procedure follows the Наредба за условията и реда за кандидатстване, подбор и
утвърждаване на приемни семейства (domain-bg.md §6.1); the adopters' pathway follows СК чл. 83–104
as far as the ЦОП takes part in it: training, support and support after the adoption (§6.2).
"""

from django.db import models


class CandidateKind(models.TextChoices):
    FAMILY = "family", "Семейство (съпрузи)"
    SINGLE = "single", "Едно лице"


class FosterType(models.TextChoices):
    """ЗЗД чл. 31: a professional foster family needs the additional training module."""

    PROFESSIONAL = "professional", "Професионално приемно семейство"
    VOLUNTEER = "volunteer", "Доброволно приемно семейство"


class MemberRole(models.TextChoices):
    APPLICANT = "applicant", "кандидат (заявител)"
    SPOUSE = "spouse", "съпруг/а на кандидата"
    HOUSEHOLD = "household", "друг член на домакинството"


# The members who will care for the child and must complete the training.
CARERS = frozenset({MemberRole.APPLICANT, MemberRole.SPOUSE})


class CandidateStatus(models.TextChoices):
    ENQUIRY = "enquiry", "Запитване"
    APPLICATION = "application", "Подадено заявление"
    ASSESSMENT = "assessment", "Оценка"
    TRAINING = "training", "Обучение"
    REPORT = "report", "Доклад"
    COMMISSION = "commission", "В Комисията по приемна грижа"
    APPROVED = "approved", "Утвърдено приемно семейство"
    REFUSED = "refused", "Отказ на Комисията"
    WITHDRAWN = "withdrawn", "Оттеглена кандидатура"
    REMOVED = "removed", "Заличено от регистъра"


_C = CandidateStatus
CANDIDATE_TRANSITIONS: dict[str, frozenset[str]] = {
    _C.ENQUIRY: frozenset({_C.APPLICATION, _C.WITHDRAWN}),
    _C.APPLICATION: frozenset({_C.ASSESSMENT, _C.WITHDRAWN}),
    _C.ASSESSMENT: frozenset({_C.TRAINING, _C.WITHDRAWN}),
    _C.TRAINING: frozenset({_C.REPORT, _C.WITHDRAWN}),
    _C.REPORT: frozenset({_C.COMMISSION, _C.WITHDRAWN}),
    # The Commission approves, asks for more information (back to assessment) or refuses.
    _C.COMMISSION: frozenset({_C.APPROVED, _C.ASSESSMENT, _C.REFUSED}),
    _C.APPROVED: frozenset({_C.REMOVED}),
    _C.REFUSED: frozenset(),
    _C.WITHDRAWN: frozenset(),
    _C.REMOVED: frozenset(),
}

# The pipeline as the candidate page draws it, in order.
PIPELINE = (
    _C.ENQUIRY,
    _C.APPLICATION,
    _C.ASSESSMENT,
    _C.TRAINING,
    _C.REPORT,
    _C.COMMISSION,
    _C.APPROVED,
)
# Still on the way to the Commission: the assessment term runs.
IN_PROCEDURE = frozenset({_C.APPLICATION, _C.ASSESSMENT, _C.TRAINING, _C.REPORT})
# Ended without approval, or taken off the register: nothing more is recorded.
ENDED = frozenset({_C.REFUSED, _C.WITHDRAWN, _C.REMOVED})
# Transitions only the Commission's decision or the manager makes (never the step button).
DECIDED_BY_MANAGER = frozenset({_C.APPROVED, _C.REFUSED, _C.REMOVED})


class ContactKind(models.TextChoices):
    MEETING = "meeting", "Среща с кандидатите"
    HOME_VISIT = "home_visit", "Посещение в дома"
    SUPPORT = "support", "Подкрепяща среща"
    MONITORING = "monitoring", "Мониторингово посещение"


# Contacts that count towards the assessment's required meetings and home visits.
ASSESSMENT_CONTACTS = frozenset({ContactKind.MEETING, ContactKind.HOME_VISIT})
# Contacts with an approved family: support and monitoring of the placements.
SUPPORT_CONTACTS = frozenset({ContactKind.SUPPORT, ContactKind.MONITORING})


class DecisionOutcome(models.TextChoices):
    APPROVED = "approved", "Утвърждава и вписва в регистъра"
    MORE_INFORMATION = "more_information", "Изисква допълнителна информация"
    REFUSED = "refused", "Отказва утвърждаване"


OUTCOME_STATUS = {
    DecisionOutcome.APPROVED: CandidateStatus.APPROVED,
    DecisionOutcome.MORE_INFORMATION: CandidateStatus.ASSESSMENT,
    DecisionOutcome.REFUSED: CandidateStatus.REFUSED,
}


class ChildSex(models.TextChoices):
    ANY = "", "без значение"
    MALE = "male", "момче"
    FEMALE = "female", "момиче"


class PlacementKind(models.TextChoices):
    """Types of placement (foster-care Наредба as amended 2024, domain-bg.md §6.1)."""

    LONG_TERM = "long_term", "Дългосрочно"
    SHORT_TERM = "short_term", "Краткосрочно"
    EMERGENCY = "emergency", "Спешно"
    RESPITE = "respite", "Заместваща грижа"


# Long-term placements last at most 2 years and are reviewed every 6 months; short-term ones up
# to 1 year (§11 rows 10–11). Shown as the latest end date; the law, not the software, ends them.
LONGEST_MONTHS = {PlacementKind.LONG_TERM: 24, PlacementKind.SHORT_TERM: 12}


class AdopterStatus(models.TextChoices):
    REFERRED = "referred", "Насочени от ДСП"
    TRAINING = "training", "Обучение"
    TRAINED = "trained", "Завършили обучението"
    WAITING = "waiting", "Очакват дете"
    ADOPTED = "adopted", "Осиновили (подкрепа след осиновяването)"
    CLOSED = "closed", "Приключена работа"


_A = AdopterStatus
ADOPTER_TRANSITIONS: dict[str, frozenset[str]] = {
    _A.REFERRED: frozenset({_A.TRAINING, _A.CLOSED}),
    _A.TRAINING: frozenset({_A.TRAINED, _A.CLOSED}),
    _A.TRAINED: frozenset({_A.WAITING, _A.ADOPTED, _A.CLOSED}),
    _A.WAITING: frozenset({_A.ADOPTED, _A.CLOSED}),
    _A.ADOPTED: frozenset({_A.CLOSED}),
    _A.CLOSED: frozenset(),
}
ADOPTER_PIPELINE = (_A.REFERRED, _A.TRAINING, _A.TRAINED, _A.WAITING, _A.ADOPTED, _A.CLOSED)


class AdopterContactKind(models.TextChoices):
    CONSULTATION = "consultation", "Индивидуална консултация"
    FOLLOW_UP = "follow_up", "Подкрепа след осиновяването"
