"""The kinds of families a ЦОП works with, each as a function that returns a FamilyPlan."""

from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta

from opora.cases.enums import CasePersonRole as CaseRole
from opora.centres.enums import TargetGroup as TG
from opora.demo import names
from opora.demo.families import (
    FamilyContext,
    FamilyPlan,
    Member,
    adult,
    born_aged,
    child,
    parents,
    siblings,
    with_note,
)
from opora.people.domain.person import PersonData
from opora.people.enums import IdentifierType, NoIdentifierReason, RelationKind, Sex

CHILD_NEEDS = (
    [TG.RISK_CHILD, TG.FAMILY_RISK],
    [TG.RISK_VICTIM, TG.FAMILY_RISK],
    [TG.RISK_DEVELOPMENT, TG.FAMILY_RISK],
    [TG.RISK_SCHOOL],
    [TG.PREVENTION],
)


def family_with_children(
    ctx: FamilyContext, *, age: tuple[int, int] = (2, 17), father: bool = True
) -> FamilyPlan:
    """A child with mother, usually the father, and up to two brothers or sisters."""
    father_first = names.first_name(ctx.rng, female=False)
    surname = ctx.rng.choice(names.SURNAMES)
    address = ctx.place.address(ctx.rng)
    main = child(
        ctx, father_first=father_first, surname=surname, born=born_aged(ctx, *age), address=address
    )
    brothers = siblings(ctx, main, ctx.rng.choice((0, 0, 1, 1, 2)), father_first, surname)
    oldest = min([main.birth_date, *(s.birth_date for s in brothers)])
    mother, dad = parents(
        ctx, oldest=oldest, father_first=father_first, surname=surname, address=address
    )
    members = [Member(mother, CaseRole.PARENT, RelationKind.MOTHER)]
    if father:
        members.append(Member(dad, CaseRole.PARENT, RelationKind.FATHER))
    members += [Member(s, CaseRole.SIBLING, RelationKind.SIBLING) for s in brothers]
    return FamilyPlan(
        primary=main, members=members, target_groups=list(ctx.rng.choice(CHILD_NEEDS))
    )


def single_mother(ctx: FamilyContext) -> FamilyPlan:
    return family_with_children(ctx, father=False)


def teenager(ctx: FamilyContext) -> FamilyPlan:
    plan = family_with_children(ctx, age=(13, 17))
    plan.target_groups = (
        [TG.BEHAVIOUR, TG.RISK_SCHOOL] if ctx.rng.random() < 0.5 else [TG.RISK_SCHOOL]
    )
    return plan


def child_with_disability(ctx: FamilyContext) -> FamilyPlan:
    plan = family_with_children(ctx, age=(3, 14))
    plan.primary = replace(
        plan.primary, has_disability=True, notes="Решение на ТЕЛК/НЕЛК за 50% увреждане."
    )
    plan.target_groups = [TG.RISK_DISABILITY, TG.FAMILY_RISK]
    return plan


def raised_by_grandmother(ctx: FamilyContext) -> FamilyPlan:
    """Both parents work abroad; the grandmother is the child's guardian."""
    plan = family_with_children(ctx, age=(6, 15), father=False)
    mother = plan.members[0].data
    grandmother = adult(
        ctx, female=True, surname=ctx.rng.choice(names.SURNAMES), address=mother.address,
        born=mother.birth_date - timedelta(days=ctx.rng.randint(20 * 365, 28 * 365)),
    )  # fmt: skip
    plan.members = [
        Member(
            with_note(grandmother, "Настойник по решение на съда."),
            CaseRole.GUARDIAN,
            RelationKind.GRANDPARENT,
        ),
        Member(with_note(mother, "Работи в чужбина."), CaseRole.PARENT, RelationKind.MOTHER),
    ]
    plan.target_groups = [TG.RISK_CHILD, TG.FAMILY_RISK]
    return plan


def pregnant_woman(ctx: FamilyContext) -> FamilyPlan:
    """An expectant mother at risk of giving up the baby; the unborn child has no identifier yet."""
    mother = adult(ctx, female=True, surname=ctx.rng.choice(names.SURNAMES),
                   born=born_aged(ctx, 18, 24), address=ctx.place.address(ctx.rng))  # fmt: skip
    due = ctx.today + timedelta(days=ctx.rng.randint(40, 120))
    unborn = PersonData(
        first_name="Бебе", last_name=mother.last_name, identifier_type=IdentifierType.NONE,
        no_identifier_reason=NoIdentifierReason.UNBORN, birth_date=due, address=mother.address,
        notes=f"Очаквана дата на раждане: {due:%d.%m.%Y}.",
    )  # fmt: skip
    return FamilyPlan(
        primary=mother,
        members=[Member(unborn, CaseRole.CHILD, RelationKind.CHILD)],
        target_groups=[TG.PREGNANT_PARENT],
    )


def asylum_seekers(ctx: FamilyContext) -> FamilyPlan:
    """A family at the reception centre of the State Agency for Refugees: the mother has an ЛНЧ."""
    rng = ctx.rng
    surname = rng.choice(names.FOREIGN_SURNAMES)
    address = "Регистрационно-приемателен център – Харманли"
    female = rng.random() < 0.5
    kid = PersonData(
        first_name=rng.choice(names.FOREIGN_FEMALE_FIRST if female else names.FOREIGN_MALE_FIRST),
        last_name=surname, identifier_type=IdentifierType.NONE,
        no_identifier_reason=NoIdentifierReason.FOREIGNER, birth_date=born_aged(ctx, 5, 12),
        sex=Sex.FEMALE if female else Sex.MALE, address=address,
        notes="Рожденната дата е по декларация на майката.",
    )  # fmt: skip
    mother = PersonData(
        first_name=rng.choice(names.FOREIGN_FEMALE_FIRST), last_name=surname,
        identifier_type=IdentifierType.LNCH, identifier=ctx.ids.lnch(),
        birth_date=born_aged(ctx, 27, 38), sex=Sex.FEMALE, address=address,
        notes="Разговорите се водят с преводач.",
    )  # fmt: skip
    return FamilyPlan(
        primary=kid,
        members=[Member(mother, CaseRole.PARENT, RelationKind.MOTHER)],
        target_groups=[TG.RISK_CHILD, TG.FAMILY_RISK],
    )


def foster_candidates(ctx: FamilyContext) -> FamilyPlan:
    surname = ctx.rng.choice(names.SURNAMES)
    address = ctx.place.address(ctx.rng)
    wife = adult(ctx, female=True, surname=surname, born=born_aged(ctx, 35, 52), address=address)
    husband = adult(
        ctx, female=False, surname=surname, born=born_aged(ctx, 37, 55), address=address
    )
    return FamilyPlan(
        primary=wife,
        members=[Member(husband, CaseRole.RELATIVE, RelationKind.PARTNER)],
        target_groups=[TG.FOSTER_CANDIDATE],
    )


def adoption_candidates(ctx: FamilyContext) -> FamilyPlan:
    plan = foster_candidates(ctx)
    plan.target_groups = [TG.ADOPTER_CANDIDATE]
    return plan


def foster_child(ctx: FamilyContext) -> FamilyPlan:
    """A child placed with an approved foster family; the foster mother comes to the centre."""
    plan = family_with_children(ctx, age=(1, 12), father=False)
    carer = adult(ctx, female=True, surname=ctx.rng.choice(names.SURNAMES),
                  born=born_aged(ctx, 40, 58), address=ctx.place.address(ctx.rng))  # fmt: skip
    plan.primary = replace(
        plan.primary, address=carer.address, notes="Настанено в приемно семейство."
    )
    plan.members = [Member(carer, CaseRole.FOSTER_PARENT, RelationKind.FOSTER_PARENT)]
    plan.target_groups = [TG.FOSTER_APPROVED, TG.RISK_CHILD]
    return plan


def care_leaver(ctx: FamilyContext) -> FamilyPlan:
    young = adult(ctx, female=ctx.rng.random() < 0.5, surname=ctx.rng.choice(names.SURNAMES),
                  born=born_aged(ctx, 18, 20), address=ctx.place.address(ctx.rng))  # fmt: skip
    young = with_note(young, "Напуснал/а център за настаняване от семеен тип.")
    return FamilyPlan(primary=young, target_groups=[TG.CARE_LEAVER])


PATTERNS: dict[str, Callable[[FamilyContext], FamilyPlan]] = {
    "family": family_with_children,
    "single_mother": single_mother,
    "teenager": teenager,
    "disability": child_with_disability,
    "grandmother": raised_by_grandmother,
    "pregnant": pregnant_woman,
    "asylum": asylum_seekers,
    "foster_candidates": foster_candidates,
    "adoption_candidates": adoption_candidates,
    "foster_child": foster_child,
    "care_leaver": care_leaver,
}

# Ordinary draws when a story names no particular family.
COMMON_PATTERNS = (
    "family",
    "family",
    "family",
    "single_mother",
    "single_mother",
    "teenager",
    "grandmother",
)


def plan_family(ctx: FamilyContext, pattern: str | None) -> FamilyPlan:
    return PATTERNS[pattern or ctx.rng.choice(COMMON_PATTERNS)](ctx)
