"""What the work with a demo family is about: the wording of its ИОП, plan, sessions and reports.

A theme is chosen from the family's pattern and target groups (opora.demo.diary.theme_for). The
texts may name the main person ({name}), the adult who cares for them ({carer}: „майката“,
„бабата“ …), the school ({school}) and the town ({town}); they avoid forms that depend on the
person's sex.
"""

from dataclasses import dataclass

from opora.centres.enums import Service
from opora.consultations.enums import SessionKind
from opora.plans.enums import Setting

PSYCH = "psych"
SOCIAL = "social"


@dataclass(frozen=True)
class Work:
    """One activity of a plan goal and the kind of session in which it is delivered."""

    role: str  # PSYCH or SOCIAL: who is responsible for it
    service: str
    description: str
    frequency: str
    setting: str
    kind: str  # SessionKind


@dataclass(frozen=True)
class Aim:
    """A goal of the plan, with what a session on it typically records."""

    need: str
    title: str
    result: str
    indicators: str
    works: tuple[Work, ...]
    notes: tuple[str, ...]


@dataclass(frozen=True)
class Ask:
    """A request for information during the ИОП and the answer that came back."""

    addressee_kind: str
    addressee: str
    question: str
    reply: str


@dataclass(frozen=True)
class Theme:
    key: str
    assessment: dict[str, str]  # ИОП section → text (opora.assessments.sections)
    child_view: str
    aims: tuple[Aim, ...]
    asks: tuple[Ask, ...]
    plan_view: str
    family_part: str
    review_news: str
    review_decisions: str
    closing: str
    advice: str
    follow_up: str = "Семейството се справя добре; няма нови рискове. Контактът продължава."


def psych(description: str, frequency: str = "веднъж седмично", kind=SessionKind.INDIVIDUAL_PSYCH):
    return Work(PSYCH, Service.THERAPY, description, frequency, Setting.CENTRE, kind)


def family_sessions(description: str, frequency: str = "веднъж на две седмици"):
    return Work(PSYCH, Service.THERAPY, description, frequency, Setting.CENTRE, SessionKind.FAMILY)


def home_visits(description: str, frequency: str = "веднъж на две седмици"):
    return Work(
        SOCIAL, Service.COUNSELLING, description, frequency, Setting.HOME, SessionKind.HOME_VISIT
    )


def social(description: str, frequency: str = "веднъж на две седмици", service=Service.COUNSELLING):
    return Work(SOCIAL, service, description, frequency, Setting.CENTRE, SessionKind.SOCIAL)


def school_visits(description: str, frequency: str = "веднъж месечно"):
    return Work(
        SOCIAL,
        Service.ADVOCACY,
        description,
        frequency,
        Setting.MOBILE,
        SessionKind.INSTITUTION_VISIT,
    )


def skills(description: str, frequency: str = "веднъж седмично"):
    return Work(SOCIAL, Service.SKILLS, description, frequency, Setting.CENTRE, SessionKind.SOCIAL)


# Sections most ИОП share, unless the theme says otherwise.
COMMON_ASSESSMENT = {
    "changed_circumstances": (
        "Извеждане от семейството не е необходимо и би навредило на детето: привързаността "
        "към {carer} е силна. Подкрепата се предоставя в семейната среда."
    ),
    "sources": (
        "Срещи в центъра и посещение в дома; документи от насочването; разговори с "
        "училището/детската градина и с личния лекар; отговорите на исканията за информация."
    ),
}

PHONE_NOTES = (
    "Телефонен разговор с {carer}: потвърдена е следващата среща; няма нови тревоги.",
    "{Carer} се обади да каже, че седмицата е минала спокойно; уговорен е час за следващата среща.",
    "Проследяващ разговор: договореното се спазва; обсъдени са трудностите през почивните дни.",
)
NEXT_STEPS = (
    "Следваща среща по график.",
    "Да се проследи договореното до следващата среща.",
    "Домашна задача за седмицата; обратна връзка на следващата среща.",
    "Разговор с класния ръководител преди следващата среща.",
    "",
)
