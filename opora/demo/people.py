"""Save a planned family through the people domain functions, with its family relations."""

from dataclasses import dataclass

from opora.cases.enums import CasePersonRole
from opora.demo.families import FamilyPlan, Member, relation_pairs
from opora.people.domain.person import add_relation, create_person
from opora.people.models import Person


@dataclass(frozen=True)
class SavedFamily:
    primary: Person
    members: list[tuple[Person, Member]]

    @property
    def everyone(self) -> list[Person]:
        return [self.primary, *(person for person, _ in self.members)]

    def on_referral(self) -> list[tuple[Person, str]]:
        """Parents, guardians and carers come with the referral; siblings are added later."""
        return [(p, m.case_role) for p, m in self.members if m.case_role != CasePersonRole.SIBLING]

    def siblings(self) -> list[Person]:
        return [p for p, m in self.members if m.case_role == CasePersonRole.SIBLING]


def save_family(plan: FamilyPlan, *, centre, actor) -> SavedFamily:
    """Duplicate warnings are expected for common names, so creation is confirmed."""
    everyone = [
        create_person(centre=centre, actor=actor, data=data, confirmed=True)
        for data in (plan.primary, *(m.data for m in plan.members))
    ]
    for person, relative, kind in relation_pairs(plan):
        add_relation(person=everyone[person], relative=everyone[relative], kind=kind, actor=actor)
    return SavedFamily(
        primary=everyone[0], members=list(zip(everyone[1:], plan.members, strict=True))
    )
