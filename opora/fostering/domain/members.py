"""The people of a candidate's or adopters' household: persons of the centre, with a role.

Both foster candidates and adopters are households of `people.Person` records of the centre, so
that they can be enrolled in a group programme and their attendance counted.
"""

from opora.core.errors import DomainError
from opora.fostering.enums import CandidateKind, MemberRole
from opora.people.domain.person import PersonData, create_person
from opora.people.models import Person


def person_for(centre, *, actor, person: Person | PersonData, confirmed: bool) -> Person:
    """An existing person of the centre, or a new one created from the data."""
    if isinstance(person, PersonData):
        return create_person(centre=centre, actor=actor, data=person, confirmed=confirmed)
    if person.centre_id != centre.pk:
        raise DomainError("Лицето не е от този център.", field="person")
    return person


_ONLY_ONE = {
    MemberRole.APPLICANT: "Заявителят вече е вписан.",
    MemberRole.SPOUSE: "Съпругът/съпругата вече е вписан/а.",
}


def check_new_member(household, members, *, person: Person, role: str) -> None:
    """One applicant, one spouse (a family only), and nobody twice."""
    if role not in MemberRole.values:
        raise DomainError("Изберете роля в семейството.", field="role")
    if any(m.person_id == person.pk for m in members):
        raise DomainError(f"{person.full_name} вече е член на семейството.", field="person")
    if role == MemberRole.SPOUSE and getattr(household, "kind", "") == CandidateKind.SINGLE:
        raise DomainError(
            "Кандидатства едно лице: съпруг/а не се вписва. Променете „Кандидатства“ на "
            "„Семейство“, ако кандидатстват двамата.",
            field="role",
        )
    if role in _ONLY_ONE and any(m.role == role for m in members):
        raise DomainError(_ONLY_ONE[role], field="role")


def household_name(members) -> str:
    """„Мария Петрова и Иван Петров“: the applicant, then the spouse."""
    by_role = {m.role: m.person for m in members}
    applicant, spouse = by_role.get(MemberRole.APPLICANT), by_role.get(MemberRole.SPOUSE)
    names = [applicant.full_name] if applicant else []
    if spouse is not None:
        names.append(f"{spouse.first_name} {spouse.last_name}")
    return " и ".join(names)[:250]
