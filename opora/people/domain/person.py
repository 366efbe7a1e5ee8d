from dataclasses import asdict, dataclass, replace
from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError, NeedsConfirmation
from opora.people.domain.queries import likely_duplicates
from opora.people.enums import IdentifierType, RelationKind, Sex
from opora.people.identifiers import check_identifier
from opora.people.models import Person, Relation

# Values never copied into the audit trail in clear.
_REDACTED = {"identifier", "phone", "email", "address", "notes"}


@dataclass(frozen=True)
class PersonData:
    first_name: str
    last_name: str
    middle_name: str = ""
    identifier_type: str = IdentifierType.NONE
    identifier: str = ""
    no_identifier_reason: str = ""
    birth_date: date | None = None
    sex: str = Sex.UNKNOWN
    phone: str = ""
    email: str = ""
    address: str = ""
    school: str = ""
    has_disability: bool = False
    notes: str = ""


def check_person_data(
    centre, data: PersonData, *, person: Person | None = None
) -> tuple[PersonData, list[str]]:
    """Validate and complete the data (birth date and sex from the ЕГН); return it with warnings."""
    first, middle, last = (s.strip() for s in (data.first_name, data.middle_name, data.last_name))
    if not first:
        raise DomainError("Въведете име.", field="first_name")
    if not last:
        raise DomainError("Въведете фамилия.", field="last_name")
    today = timezone.localdate()
    facts = check_identifier(data.identifier_type, data.identifier, today=today)
    data = replace(
        data, first_name=first, middle_name=middle, last_name=last, identifier=facts.identifier
    )
    if data.identifier_type == IdentifierType.NONE and not data.no_identifier_reason:
        raise DomainError("Посочете защо лицето няма ЕГН или ЛНЧ.", field="no_identifier_reason")
    if data.identifier_type != IdentifierType.NONE:
        data = replace(data, no_identifier_reason="")
    data = _cross_check_egn(data, facts)
    _refuse_taken_identifier(centre, data.identifier, person)
    warnings = []
    if data.birth_date and data.birth_date > today:
        warnings.append(f"Датата на раждане {data.birth_date:%d.%m.%Y} е в бъдещето.")
    if person is None:
        warnings += [
            f"Възможен дубликат: {p.full_name}, роден/а {p.birth_date:%d.%m.%Y}."
            if p.birth_date
            else f"Възможен дубликат: {p.full_name}."
            for p in likely_duplicates(centre, data.first_name, data.last_name, data.birth_date)
        ]
    return data, warnings


def _cross_check_egn(data: PersonData, facts) -> PersonData:
    if facts.birth_date is None:
        return data
    if data.birth_date and data.birth_date != facts.birth_date:
        raise DomainError(
            f"Датата на раждане не съвпада с ЕГН (според ЕГН: {facts.birth_date:%d.%m.%Y}).",
            field="birth_date",
        )
    if data.sex not in ("", Sex.UNKNOWN) and data.sex != facts.sex:
        raise DomainError("Полът не съвпада с ЕГН (деветата цифра).", field="sex")
    return replace(data, birth_date=facts.birth_date, sex=facts.sex)


def _refuse_taken_identifier(centre, identifier: str, person: Person | None) -> None:
    if not identifier:
        return
    taken = Person.objects.filter(centre=centre, identifier=identifier)
    if person is not None:
        taken = taken.exclude(pk=person.pk)
    existing = taken.first()
    if existing is not None:
        raise DomainError(
            f"Лице с този идентификатор вече е регистрирано: {existing.full_name}.",
            field="identifier",
        )


def create_person(*, centre, actor, data: PersonData, confirmed: bool = False) -> Person:
    data, warnings = check_person_data(centre, data)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    with transaction.atomic():
        person = Person(centre=centre, created_by=actor, **asdict(data))
        person.refresh_search_name()
        person.save()
        record(actor=actor, action="person.create", obj=person, changes=_audit_view(asdict(data)))
    return person


def update_person(person: Person, *, actor, data: PersonData, confirmed: bool = False) -> Person:
    data, warnings = check_person_data(person.centre, data, person=person)
    if warnings and not confirmed:
        raise NeedsConfirmation(warnings)
    new_values = asdict(data)
    changed = {k: v for k, v in new_values.items() if getattr(person, k) != v}
    if not changed:
        return person
    with transaction.atomic():
        for field, value in changed.items():
            setattr(person, field, value)
        person.refresh_search_name()
        person.save()
        record(actor=actor, action="person.update", obj=person, changes=_audit_view(changed))
    return person


def add_relation(*, person: Person, relative: Person, kind: str, actor) -> Relation:
    if relative.centre_id != person.centre_id:
        raise DomainError("Лицето не е от този център.", field="relative")
    if relative.pk == person.pk:
        raise DomainError("Лицето не може да е свързано със себе си.", field="relative")
    if kind not in RelationKind.values:
        raise DomainError("Изберете вид на връзката.", field="kind")
    if Relation.objects.filter(person=person, relative=relative).exists():
        raise DomainError("Тази връзка вече е записана.", field="relative")
    with transaction.atomic():
        relation = Relation.objects.create(
            centre_id=person.centre_id, person=person, relative=relative, kind=kind
        )
        record(
            actor=actor,
            action="person.add_relation",
            obj=person,
            changes={"relative_id": relative.pk, "kind": kind},
        )
    return relation


def _audit_view(values: dict) -> dict:
    return {
        k: ("•••" if k in _REDACTED and v else (v.isoformat() if isinstance(v, date) else v))
        for k, v in values.items()
    }


def create_relative(
    *, person: Person, actor, data: PersonData, kind: str, confirmed: bool = False
) -> Person:
    """Register a new person and record how they are related to `person`, all or nothing."""
    if kind not in RelationKind.values:
        raise DomainError("Изберете вид на връзката.", field="kind")
    with transaction.atomic():
        relative = create_person(centre=person.centre, actor=actor, data=data, confirmed=confirmed)
        add_relation(person=person, relative=relative, kind=kind, actor=actor)
    return relative
