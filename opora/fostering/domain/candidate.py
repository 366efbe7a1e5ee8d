"""Registering a foster-care candidate, its details and the people of its household."""

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.fostering.domain.members import check_new_member, household_name, person_for
from opora.fostering.domain.status import record_start
from opora.fostering.enums import ENDED, CandidateKind, FosterType, MemberRole
from opora.fostering.models import Candidate, CandidateMember
from opora.people.domain.person import PersonData
from opora.people.models import Person


@dataclass(frozen=True)
class CandidateData:
    kind: str
    foster_type: str
    enquiry_on: date
    address: str = ""
    worker: object = None


def create_candidate(
    centre,
    *,
    actor,
    data: CandidateData,
    applicant: Person | PersonData,
    confirmed: bool = False,
) -> Candidate:
    """The enquiry of a family or a person; the applicant becomes its first member."""
    _check(centre, data)
    with transaction.atomic():
        person = person_for(centre, actor=actor, person=applicant, confirmed=confirmed)
        candidate = Candidate.objects.create(
            centre=centre,
            name=person.full_name,
            created_by=actor,
            **_fields(data),
        )
        CandidateMember.objects.create(
            candidate=candidate, person=person, role=MemberRole.APPLICANT
        )
        record(
            actor=actor,
            action="fostering.candidate.create",
            obj=candidate,
            changes={"kind": data.kind, "foster_type": data.foster_type},
        )
        record_start(candidate, actor=actor)
    return candidate


def update_candidate(candidate: Candidate, *, actor, data: CandidateData) -> Candidate:
    _check(candidate.centre, data)
    if candidate.status in ENDED:
        raise DomainError("Работата с тези кандидати е приключена; данните не се променят.")
    if data.kind == CandidateKind.SINGLE and candidate.members.filter(role=MemberRole.SPOUSE):
        raise DomainError(
            "Вписан е съпруг/а: кандидатстват двамата, изберете „Семейство“.", field="kind"
        )
    values = _fields(data)
    changed = {k: v for k, v in values.items() if getattr(candidate, k) != v}
    if not changed:
        return candidate
    with transaction.atomic():
        for name, value in changed.items():
            setattr(candidate, name, value)
        candidate.save()
        record(
            actor=actor,
            action="fostering.candidate.update",
            obj=candidate,
            changes={k: _plain(v) for k, v in changed.items() if k != "address"},
        )
    return candidate


def add_candidate_member(
    candidate: Candidate,
    *,
    actor,
    person: Person | PersonData,
    role: str,
    confirmed: bool = False,
) -> CandidateMember:
    """Add a spouse or another member of the household (a person of the centre)."""
    if candidate.status in ENDED:
        raise DomainError("Работата с тези кандидати е приключена; не се добавят членове.")
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        members = list(locked.members.select_related("person"))
        found = person_for(locked.centre, actor=actor, person=person, confirmed=confirmed)
        check_new_member(locked, members, person=found, role=role)
        member = CandidateMember.objects.create(candidate=locked, person=found, role=role)
        locked.name = household_name([*members, member])
        locked.save(update_fields=["name"])
        record(
            actor=actor,
            action="fostering.candidate.add_member",
            obj=locked,
            changes={"person_id": found.pk, "role": role},
        )
    candidate.refresh_from_db()
    return member


def _check(centre, data: CandidateData) -> None:
    if data.kind not in CandidateKind.values:
        raise DomainError("Изберете кой кандидатства.", field="kind")
    if data.foster_type not in FosterType.values:
        raise DomainError("Изберете вид приемно семейство.", field="foster_type")
    if data.enquiry_on > timezone.localdate():
        raise DomainError("Датата на запитването не може да е в бъдещето.", field="enquiry_on")
    if data.worker is not None and role_in(data.worker, centre.pk) not in Role.case_workers():
        raise DomainError("Водещият трябва да е специалист в центъра.", field="worker")


def _fields(data: CandidateData) -> dict:
    return {
        "kind": data.kind,
        "foster_type": data.foster_type,
        "enquiry_on": data.enquiry_on,
        "address": data.address.strip(),
        "worker": data.worker,
    }


def _plain(value):
    return value.isoformat() if hasattr(value, "isoformat") else getattr(value, "pk", value)
