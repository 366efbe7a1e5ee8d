"""Plans of demo families: who they are and how they are related, before anything is saved.

A plan is plain data so that both the demo seed (through the domain functions) and the bulk
generator can turn it into rows.
"""

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from random import Random

from opora.cases.enums import CasePersonRole as CaseRole
from opora.demo import names
from opora.demo.identifiers import IdentifierPool
from opora.demo.places import Place
from opora.people.domain.person import PersonData
from opora.people.enums import IdentifierType, RelationKind, Sex

PARENT_KINDS = frozenset({RelationKind.MOTHER, RelationKind.FATHER})


@dataclass(frozen=True)
class Member:
    data: PersonData
    case_role: str
    kind: str  # how this member stands to the primary person (RelationKind)


@dataclass
class FamilyPlan:
    primary: PersonData
    members: list[Member] = field(default_factory=list)
    target_groups: list[str] = field(default_factory=list)


def relation_pairs(plan: FamilyPlan) -> list[tuple[int, int, str]]:
    """(person, relative, kind) as indexes into [primary, *members]: „relative е kind на person“.

    Everyone is related to the primary person; brothers and sisters also to the primary's parents.
    """
    pairs = [(0, i, m.kind) for i, m in enumerate(plan.members, start=1)]
    parents = [(i, m.kind) for i, m in enumerate(plan.members, start=1) if m.kind in PARENT_KINDS]
    for i, member in enumerate(plan.members, start=1):
        if member.case_role == CaseRole.SIBLING:
            pairs.append((i, 0, RelationKind.SIBLING))
            pairs += [(i, parent, kind) for parent, kind in parents]
    return pairs


@dataclass(frozen=True)
class FamilyContext:
    rng: Random
    place: Place
    ids: IdentifierPool
    today: date


def born_aged(ctx: FamilyContext, low: int, high: int) -> date:
    """A birth date for someone between `low` and `high` full years old today."""
    days = ctx.rng.randint(low * 365 + 10, high * 365 + 350)
    return ctx.today - timedelta(days=days)


def age_of(ctx: FamilyContext, born: date) -> int:
    return (ctx.today - born).days // 365


def bulgarian(
    ctx: FamilyContext, first: str, middle: str, last: str, born: date, sex: str, **extra
) -> PersonData:
    return PersonData(
        first_name=first, middle_name=middle, last_name=last,
        identifier_type=IdentifierType.EGN, identifier=ctx.ids.egn(born, sex),
        birth_date=born, sex=sex, **extra,
    )  # fmt: skip


def child(
    ctx: FamilyContext, *, father_first: str, surname: str, born: date, address: str
) -> PersonData:
    female = ctx.rng.random() < 0.5
    return bulgarian(
        ctx,
        names.first_name(ctx.rng, female=female),
        names.patronymic(father_first, female=female),
        names.surname_form(surname, female=female),
        born,
        Sex.FEMALE if female else Sex.MALE,
        address=address,
        school=ctx.place.school_for(age_of(ctx, born), ctx.rng),
    )


def adult(
    ctx: FamilyContext, *, female: bool, surname: str, born: date, address: str, first: str = ""
) -> PersonData:
    father_first = names.first_name(ctx.rng, female=False)
    return bulgarian(
        ctx,
        first or names.first_name(ctx.rng, female=female),
        names.patronymic(father_first, female=female),
        names.surname_form(surname, female=female),
        born,
        Sex.FEMALE if female else Sex.MALE,
        address=address,
        phone=names.mobile_phone(ctx.rng),
    )


def siblings(
    ctx: FamilyContext, first: PersonData, count: int, father_first: str, surname: str
) -> list[PersonData]:
    """Younger or older brothers and sisters, at least a year apart from each other."""
    taken = {first.birth_date.year}
    result = []
    for _ in range(count):
        born = born_aged(ctx, 0, 17)
        if born.year in taken:
            continue
        taken.add(born.year)
        result.append(
            child(ctx, father_first=father_first, surname=surname, born=born, address=first.address)
        )
    return result


def parents(
    ctx: FamilyContext, *, oldest: date, father_first: str, surname: str, address: str
) -> tuple[PersonData, PersonData]:
    mother_born = oldest - timedelta(days=ctx.rng.randint(19 * 365, 33 * 365))
    father_born = mother_born - timedelta(days=ctx.rng.randint(-2 * 365, 6 * 365))
    mother = adult(ctx, female=True, surname=surname, born=mother_born, address=address)
    father = adult(
        ctx, female=False, surname=surname, born=father_born, address=address, first=father_first
    )
    return mother, father


def with_note(data: PersonData, note: str) -> PersonData:
    return replace(data, notes=note)
