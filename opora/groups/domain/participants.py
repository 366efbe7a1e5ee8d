"""Writes on a programme's participants: enrolment, withdrawal and private notes."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.enums import OPEN_STATUSES
from opora.cases.models import Case
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity
from opora.groups.domain.programmes import lock_programme
from opora.groups.models import Participant, ParticipantNote, Programme
from opora.people.models import Person


def enrol_participant(
    programme: Programme,
    *,
    actor,
    person: Person,
    case: Case | None = None,
    enrolled_on: date | None = None,
) -> Participant:
    """Enrol a person of the centre once; `case` defaults to the person's open case, if just one."""
    with transaction.atomic():
        locked = lock_programme(programme)
        if locked.is_finished:
            raise DomainError("Програмата е приключила: не се записват нови участници.")
        if person.centre_id != locked.centre_id:
            raise DomainError("Лицето не е от този център.", field="person")
        existing = Participant.objects.filter(programme=locked, person=person).first()
        if existing is not None:
            raise DomainError(_already_enrolled(existing), field="person")
        enrolled_on = enrolled_on or timezone.localdate()
        if locked.ends_on and enrolled_on > locked.ends_on:
            raise DomainError(
                f"Програмата свършва на {locked.ends_on:%d.%m.%Y}.", field="enrolled_on"
            )
        participant = Participant.objects.create(
            programme=locked, person=person, case=_case_of(person, case),
            enrolled_on=enrolled_on, enrolled_by=actor,
        )  # fmt: skip
        record(
            actor=actor, action="programme.enrol", obj=participant, centre_id=locked.centre_id,
            changes={"programme": locked.pk, "person": person.pk, "case": participant.case_id},
        )  # fmt: skip
    return participant


def withdraw_participant(
    participant: Participant, *, actor, left_on: date, reason: str = ""
) -> Participant:
    """The participant stops attending; past attendance and hours stay on record."""
    with transaction.atomic():
        programme = lock_programme(participant.programme)
        stored = Participant.objects.get(pk=participant.pk, programme=programme)
        if programme.is_finished:
            raise DomainError("Програмата е приключила.")
        if stored.left_on is not None:
            raise DomainError(f"Участникът е напуснал на {stored.left_on:%d.%m.%Y}.")
        if left_on < stored.enrolled_on:
            raise DomainError(
                f"Записан/а е на {stored.enrolled_on:%d.%m.%Y}: датата не може да е преди това.",
                field="left_on",
            )
        if left_on > timezone.localdate():
            raise DomainError("Датата на напускане не може да е в бъдещето.", field="left_on")
        stored.left_on, stored.left_reason = left_on, reason.strip()
        stored.save(update_fields=["left_on", "left_reason"])
        record(
            actor=actor, action="programme.withdraw", obj=stored, centre_id=programme.centre_id,
            changes={"left_on": left_on.isoformat()},
        )  # fmt: skip
    return stored


def add_participant_note(
    participant: Participant, *, actor, text: str, sensitivity: str = Sensitivity.TEAM
) -> ParticipantNote:
    if not text.strip():
        raise DomainError("Напишете бележката.", field="text")
    if sensitivity not in Sensitivity.values:
        raise DomainError("Изберете кой може да чете бележката.", field="sensitivity")
    with transaction.atomic():
        note = ParticipantNote.objects.create(
            participant=participant, text=text.strip(), sensitivity=sensitivity, author=actor,
            author_name=actor.get_full_name() or actor.username, at=timezone.now(),
        )  # fmt: skip
        record(
            actor=actor, action="participant_note.add", obj=note,
            centre_id=participant.programme.centre_id,
            changes={"participant": participant.pk, "sensitivity": sensitivity},
        )  # fmt: skip
    return note


def _already_enrolled(existing: Participant) -> str:
    name = existing.person.full_name
    if existing.left_on:
        return f"{name} вече е бил/а в програмата (напуснал/а на {existing.left_on:%d.%m.%Y})."
    return f"{name} вече е записан/а в програмата."


def _case_of(person: Person, case: Case | None) -> Case | None:
    """The given case if the person is on it in this centre; else the one open case, if exactly one."""
    cases = Case.objects.filter(centre_id=person.centre_id, people__person=person)
    if case is not None:
        if not cases.filter(pk=case.pk).exists():
            raise DomainError("Лицето не участва в избрания случай.", field="case")
        return case
    open_cases = list(cases.filter(status__in=OPEN_STATUSES).distinct()[:2])
    return open_cases[0] if len(open_cases) == 1 else None
