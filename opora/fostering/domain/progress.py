"""How far a candidate is: meetings, home visits, referees and training hours against the centre's
requirements, e.g. „Срещи 3/4, посещения в дома 1/2, препоръки 2/2, обучение 8/12 ч.“.

Training hours come from the attendance of group programmes (opora.groups): only sessions the
person attended count. Every carer (the applicant and the spouse) must complete the training, so
the family's hours are those of the carer with the fewest.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q
from django.utils import timezone

from opora.fostering.domain.settings import settings_of
from opora.fostering.enums import CARERS, ContactKind
from opora.groups.domain.queries import attended_hours
from opora.groups.enums import ProgrammeKind

BASE_KINDS = (ProgrammeKind.FOSTER_BASE,)
PROFESSIONAL_KINDS = (ProgrammeKind.FOSTER_PROFESSIONAL,)
ADOPTER_KINDS = (ProgrammeKind.ADOPTERS,)


@dataclass(frozen=True)
class Requirement:
    label: str
    done: Decimal | int
    required: int
    unit: str = ""

    @property
    def met(self) -> bool:
        return self.done >= self.required

    @property
    def text(self) -> str:
        return f"{self.label} {_number(self.done)}/{self.required}{self.unit}"


@dataclass(frozen=True)
class MemberHours:
    member: object  # CandidateMember or AdopterMember
    base: Decimal
    professional: Decimal = Decimal(0)


@dataclass(frozen=True)
class Progress:
    meetings: Requirement
    home_visits: Requirement
    referees: Requirement
    training: tuple[Requirement, ...]
    hours: tuple[MemberHours, ...]

    @property
    def assessment(self) -> tuple[Requirement, ...]:
        return (self.meetings, self.home_visits, self.referees)

    @property
    def assessment_met(self) -> bool:
        return all(r.met for r in self.assessment)

    @property
    def training_met(self) -> bool:
        return all(r.met for r in self.training)

    @property
    def summary(self) -> str:
        parts = [r.text for r in (*self.assessment, *self.training)]
        return with_full_stop(", ".join([parts[0], *(p[0].lower() + p[1:] for p in parts[1:])]))

    def missing(self, requirements) -> list[str]:
        return [r.text for r in requirements if not r.met]


def candidate_progress(candidate, *, members=None, today=None) -> Progress:
    """The candidate's progress in four to six queries (two per carer for the hours)."""
    rules = settings_of(candidate.centre)
    counts = candidate.contacts.aggregate(
        meetings=Count("id", filter=Q(kind=ContactKind.MEETING)),
        visits=Count("id", filter=Q(kind=ContactKind.HOME_VISIT)),
    )
    received = candidate.referees.exclude(received_on=None).count()
    members = list(members if members is not None else candidate.members.select_related("person"))
    hours = tuple(_member_hours(m, candidate.is_professional, today) for m in members)
    carers = [h for h in hours if h.member.role in CARERS]
    training = [Requirement("Обучение", _least(carers, "base"), rules.base_training_hours, " ч.")]
    if candidate.is_professional:
        training.append(
            Requirement(
                "Допълнително обучение",
                _least(carers, "professional"),
                rules.professional_training_hours,
                " ч.",
            )
        )
    return Progress(
        meetings=Requirement("Срещи", counts["meetings"], rules.required_meetings),
        home_visits=Requirement("Посещения в дома", counts["visits"], rules.required_home_visits),
        referees=Requirement("Препоръки", received, rules.required_referees),
        training=tuple(training),
        hours=hours,
    )


def adopter_hours(members, *, today=None) -> tuple[MemberHours, ...]:
    """Hours each member attended in the adopters' training programmes."""
    until = today or timezone.localdate()
    return tuple(
        MemberHours(m, attended_hours([m.person_id], kinds=ADOPTER_KINDS, until=until))
        for m in members
    )


def _member_hours(member, professional: bool, today) -> MemberHours:
    until = today or timezone.localdate()
    base = attended_hours([member.person_id], kinds=BASE_KINDS, until=until)
    if not professional or member.role not in CARERS:
        return MemberHours(member, base)
    extra = attended_hours([member.person_id], kinds=PROFESSIONAL_KINDS, until=until)
    return MemberHours(member, base, extra)


def _least(carers: list[MemberHours], module: str) -> Decimal:
    return min((getattr(h, module) for h in carers), default=Decimal(0))


def with_full_stop(text: str) -> str:
    return text if text.endswith(".") else f"{text}."


def _number(value) -> str:
    """8 → "8", 7.50 → "7,5": hours as Bulgarians write them."""
    return f"{Decimal(value).normalize():f}".replace(".", ",")
