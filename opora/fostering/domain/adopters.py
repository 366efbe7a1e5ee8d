"""Prospective adopters referred by the ДСП: training and support, and support after the adoption.

The ДСП does the social study and the Adoption Council matches (СК чл. 86–90); the ЦОП trains and
supports the family (СК чл. 83, ал. 7, т. 3) and, after the adoption, supports it further (чл. 104).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity
from opora.deadlines.domain import cancel_deadlines, fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.members import check_new_member, household_name, person_for
from opora.fostering.enums import (
    ADOPTER_TRANSITIONS,
    AdopterContactKind,
    AdopterStatus,
    MemberRole,
)
from opora.fostering.models import AdopterContact, AdopterFamily, AdopterMember, AdopterStatusChange
from opora.people.domain.person import PersonData
from opora.people.models import Person

S = AdopterStatus


@dataclass(frozen=True)
class AdopterData:
    referred_by: str
    referred_on: date
    letter_number: str = ""
    address: str = ""
    worker: object = None


def register_adopters(
    centre, *, actor, data: AdopterData, applicant: Person | PersonData, confirmed: bool = False
) -> AdopterFamily:
    """A family referred by the ДСП; the applicant becomes its first member."""
    _check(centre, data)
    with transaction.atomic():
        person = person_for(centre, actor=actor, person=applicant, confirmed=confirmed)
        adopter = AdopterFamily.objects.create(
            centre=centre, name=person.full_name, created_by=actor, **_fields(data)
        )
        AdopterMember.objects.create(adopter=adopter, person=person, role=MemberRole.APPLICANT)
        _history(adopter, "", adopter.status, actor, f"Насочени от {adopter.referred_by}")
        record(actor=actor, action="fostering.adopters.create", obj=adopter)
    return adopter


def update_adopters(adopter: AdopterFamily, *, actor, data: AdopterData) -> AdopterFamily:
    _check(adopter.centre, data)
    if adopter.status == S.CLOSED:
        raise DomainError("Работата с това семейство е приключена; данните не се променят.")
    changed = {k: v for k, v in _fields(data).items() if getattr(adopter, k) != v}
    if changed:
        with transaction.atomic():
            for name, value in changed.items():
                setattr(adopter, name, value)
            adopter.save()
            record(
                actor=actor,
                action="fostering.adopters.update",
                obj=adopter,
                changes={"fields": sorted(changed)},
            )
    return adopter


def add_adopter_member(
    adopter: AdopterFamily,
    *,
    actor,
    person: Person | PersonData,
    role: str,
    confirmed: bool = False,
) -> AdopterMember:
    if adopter.status == S.CLOSED:
        raise DomainError("Работата с това семейство е приключена; не се добавят членове.")
    with transaction.atomic():
        locked = AdopterFamily.objects.select_for_update().get(pk=adopter.pk)
        members = list(locked.members.select_related("person"))
        found = person_for(locked.centre, actor=actor, person=person, confirmed=confirmed)
        check_new_member(locked, members, person=found, role=role)
        member = AdopterMember.objects.create(adopter=locked, person=found, role=role)
        locked.name = household_name([*members, member])
        locked.save(update_fields=["name"])
        record(
            actor=actor,
            action="fostering.adopters.add_member",
            obj=locked,
            changes={"person_id": found.pk, "role": role},
        )
    adopter.refresh_from_db()
    return member


def change_adopter_status(
    adopter: AdopterFamily,
    *,
    to_status: str,
    actor,
    note: str = "",
    adopted_on: date | None = None,
    follow_up_on: date | None = None,
) -> AdopterFamily:
    """The one place where adopters change stage; the adoption may start the support after it."""
    with transaction.atomic():
        locked = AdopterFamily.objects.select_for_update().get(pk=adopter.pk)
        if to_status not in ADOPTER_TRANSITIONS.get(locked.status, frozenset()):
            label = S(to_status).label if to_status in S.values else to_status
            raise DomainError(
                f"Семейството не може да премине от „{locked.get_status_display()}“ в „{label}“."
            )
        _require(locked, to_status, note, adopted_on, follow_up_on)
        from_status, locked.status = locked.status, to_status
        if to_status == S.ADOPTED:
            locked.adopted_on = adopted_on
        if to_status == S.CLOSED:
            locked.closed_on = timezone.localdate()
            cancel_deadlines(adopter=locked, actor=actor)
        locked.save()
        if follow_up_on is not None:
            _set_follow_up(locked, follow_up_on, actor)
        _history(locked, from_status, to_status, actor, note)
        record(
            actor=actor,
            action="fostering.adopters.change_status",
            obj=locked,
            changes={"from": from_status, "to": to_status},
        )
    adopter.refresh_from_db()
    return adopter


def _require(adopter, to_status, note, adopted_on, follow_up_on) -> None:
    today = timezone.localdate()
    if to_status == S.CLOSED and not note.strip():
        raise DomainError("Посочете защо работата със семейството приключва.", field="note")
    if to_status == S.ADOPTED:
        if adopted_on is None:
            raise DomainError("Въведете датата на осиновяването.", field="adopted_on")
        if adopted_on > today or adopted_on < adopter.referred_on:
            raise DomainError(
                f"Датата на осиновяването е между {adopter.referred_on:%d.%m.%Y} и днес.",
                field="adopted_on",
            )
    if follow_up_on is not None:
        if to_status != S.ADOPTED:
            raise DomainError(
                "Срок за подкрепа се поставя при осиновяването.", field="follow_up_on"
            )
        if follow_up_on < today:
            raise DomainError("Срокът не може да е в миналото.", field="follow_up_on")


@dataclass(frozen=True)
class AdopterContactData:
    kind: str
    held_on: date
    duration_minutes: int
    notes: str = ""
    sensitivity: str = Sensitivity.TEAM
    next_contact_on: date | None = None


def record_adopter_contact(
    adopter: AdopterFamily, *, actor, data: AdopterContactData
) -> AdopterContact:
    """A consultation; after the adoption a support contact, which meets the support deadline."""
    _check_contact(adopter, data)
    with transaction.atomic():
        contact = AdopterContact.objects.create(
            adopter=adopter,
            kind=data.kind,
            held_on=data.held_on,
            duration_minutes=data.duration_minutes,
            notes=data.notes.strip(),
            sensitivity=data.sensitivity,
            next_contact_on=data.next_contact_on,
            author=actor,
            author_name=(actor.get_full_name() or actor.username)[:200],
            recorded_at=timezone.now(),
        )
        if data.kind == AdopterContactKind.FOLLOW_UP:
            fulfil_deadlines(adopter=adopter, kind=DeadlineKind.ADOPTER_FOLLOW_UP, actor=actor)
        if data.next_contact_on is not None:
            _set_follow_up(adopter, data.next_contact_on, actor)
        record(
            actor=actor,
            action="fostering.adopters.contact",
            obj=adopter,
            changes={"kind": data.kind, "held_on": data.held_on.isoformat()},
        )
    return contact


def _check_contact(adopter: AdopterFamily, data: AdopterContactData) -> None:
    if data.kind not in AdopterContactKind.values:
        raise DomainError("Изберете вид на срещата.", field="kind")
    if data.sensitivity not in Sensitivity.values:
        raise DomainError("Изберете кой може да чете бележките.", field="sensitivity")
    if adopter.status == S.CLOSED:
        raise DomainError("Работата с това семейство е приключена.")
    after = adopter.status == S.ADOPTED
    if data.kind == AdopterContactKind.FOLLOW_UP and not after:
        raise DomainError("Подкрепа след осиновяване се записва след осиновяването.", field="kind")
    if data.held_on > timezone.localdate() or data.held_on < adopter.referred_on:
        raise DomainError(f"Датата е между {adopter.referred_on:%d.%m.%Y} и днес.", field="held_on")
    if not 5 <= data.duration_minutes <= 480:
        raise DomainError("Продължителността е от 5 до 480 минути.", field="duration_minutes")
    if data.next_contact_on is not None:
        if not after:
            raise DomainError(
                "Следващ контакт се планира при подкрепа след осиновяването.",
                field="next_contact_on",
            )
        if data.next_contact_on <= data.held_on:
            raise DomainError("Следващият контакт е след този.", field="next_contact_on")


def _set_follow_up(adopter: AdopterFamily, due_on: date, actor) -> None:
    set_deadline(
        adopter=adopter,
        kind=DeadlineKind.ADOPTER_FOLLOW_UP,
        title=f"Подкрепа след осиновяването: {adopter.name}",
        due_on=due_on,
        actor=actor,
    )


def _check(centre, data: AdopterData) -> None:
    if not data.referred_by.strip():
        raise DomainError("Посочете кой насочва семейството.", field="referred_by")
    if data.referred_on > timezone.localdate():
        raise DomainError("Датата на насочването не може да е в бъдещето.", field="referred_on")
    if data.worker is not None and role_in(data.worker, centre.pk) not in Role.case_workers():
        raise DomainError("Водещият трябва да е специалист в центъра.", field="worker")


def _fields(data: AdopterData) -> dict:
    return {
        "referred_by": data.referred_by.strip(),
        "referred_on": data.referred_on,
        "letter_number": data.letter_number.strip(),
        "address": data.address.strip(),
        "worker": data.worker,
    }


def _history(adopter, from_status: str, to_status: str, actor, note: str) -> None:
    AdopterStatusChange.objects.create(
        adopter=adopter,
        from_status=from_status,
        to_status=to_status,
        changed_at=timezone.now(),
        changed_by=actor if getattr(actor, "pk", None) else None,
        changed_by_name=(actor.get_full_name() or actor.username)[:200]
        if getattr(actor, "pk", None)
        else "система",
        note=note.strip(),
    )
