"""The assessment of foster-care candidates: the application starts its term (4 months, extendable
once by up to 2 for objective reasons stated in writing), the meetings and home visits, the referees.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity
from opora.deadlines.calendar import add_months
from opora.deadlines.domain import set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.settings import settings_of
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import (
    ASSESSMENT_CONTACTS,
    ENDED,
    SUPPORT_CONTACTS,
    CandidateStatus,
    ContactKind,
)
from opora.fostering.models import Candidate, CandidateContact, Referee

# The assessment's deadline turns amber this many days before its end.
WARN_DAYS = 21


def register_application(candidate: Candidate, *, actor, applied_on: date) -> Candidate:
    """The written application: the candidates move on and the assessment term starts."""
    today = timezone.localdate()
    if applied_on > today:
        raise DomainError("Датата на заявлението не може да е в бъдещето.", field="applied_on")
    if applied_on < candidate.enquiry_on:
        raise DomainError(
            f"Заявлението не може да е преди запитването ({candidate.enquiry_on:%d.%m.%Y}).",
            field="applied_on",
        )
    months = settings_of(candidate.centre).assessment_months
    with transaction.atomic():
        candidate = change_candidate_status(
            candidate,
            to_status=CandidateStatus.APPLICATION,
            actor=actor,
            note=f"Заявление от {applied_on:%d.%m.%Y}",
            applied_on=applied_on,
            assessment_months=months,
        )
        _set_assessment_deadline(candidate, actor)
    return candidate


def assessment_due_on(candidate: Candidate) -> date | None:
    """The last day of the assessment: the application date plus the term and any extension."""
    if candidate.applied_on is None or candidate.assessment_months is None:
        return None
    return add_months(
        candidate.applied_on, candidate.assessment_months + candidate.extension_months
    )


def extend_assessment(candidate: Candidate, *, actor, months: int, reason: str) -> Candidate:
    """Extend the term once, by up to the centre's limit, for a reason stated in writing."""
    limit = settings_of(candidate.centre).extension_months
    if not reason.strip():
        raise DomainError("Посочете писмено мотивите за удължаването на срока.", field="reason")
    if candidate.status not in (CandidateStatus.APPLICATION, CandidateStatus.ASSESSMENT):
        raise DomainError("Срокът се удължава само докато тече оценката.")
    if candidate.was_extended:
        raise DomainError(
            f"Срокът на оценката вече е удължен веднъж (на {candidate.extended_at:%d.%m.%Y}) "
            "и не може да се удължава отново."
        )
    if not 1 <= months <= limit:
        raise DomainError(f"Срокът може да се удължи с 1 до {limit} месеца.", field="months")
    with transaction.atomic():
        locked = Candidate.objects.select_for_update().get(pk=candidate.pk)
        if locked.was_extended:
            raise DomainError("Срокът на оценката вече е удължен веднъж.")
        locked.extension_months, locked.extension_reason = months, reason.strip()
        locked.extended_at, locked.extended_by = timezone.now(), actor
        locked.save()
        record(
            actor=actor,
            action="fostering.assessment.extend",
            obj=locked,
            changes={"months": months, "reason": "посочени"},
        )
        _set_assessment_deadline(locked, actor)
    candidate.refresh_from_db()
    return candidate


def _set_assessment_deadline(candidate: Candidate, actor) -> None:
    due = assessment_due_on(candidate)
    set_deadline(
        candidate=candidate,
        kind=DeadlineKind.CANDIDATE_ASSESSMENT,
        title=f"Оценка на кандидатите {candidate.name}",
        due_on=due,
        warn_from=due - timedelta(days=WARN_DAYS),
        actor=actor,
    )


@dataclass(frozen=True)
class ContactData:
    kind: str
    held_on: date
    notes: str = ""
    sensitivity: str = Sensitivity.TEAM


def record_contact(candidate: Candidate, *, actor, data: ContactData) -> CandidateContact:
    """A meeting or home visit of the assessment, or a support or monitoring visit afterwards."""
    _check_contact(candidate, data)
    with transaction.atomic():
        contact = CandidateContact.objects.create(
            candidate=candidate,
            kind=data.kind,
            held_on=data.held_on,
            notes=data.notes.strip(),
            sensitivity=data.sensitivity,
            author=actor,
            author_name=(actor.get_full_name() or actor.username)[:200],
            recorded_at=timezone.now(),
        )
        record(
            actor=actor,
            action="fostering.contact.record",
            obj=candidate,
            changes={"kind": data.kind, "held_on": data.held_on.isoformat()},
        )
    return contact


def _check_contact(candidate: Candidate, data: ContactData) -> None:
    if data.kind not in ContactKind.values:
        raise DomainError("Изберете вид на срещата.", field="kind")
    if data.sensitivity not in Sensitivity.values:
        raise DomainError("Изберете кой може да чете бележките.", field="sensitivity")
    if candidate.status in ENDED:
        raise DomainError("Работата с тези кандидати е приключена.")
    approved = candidate.status == CandidateStatus.APPROVED
    if data.kind in SUPPORT_CONTACTS and not approved:
        raise DomainError(
            "Подкрепящи срещи и мониторинг се записват след утвърждаването.", field="kind"
        )
    if data.kind in ASSESSMENT_CONTACTS and approved:
        raise DomainError(
            "Семейството е утвърдено: запишете подкрепяща среща или мониторингово посещение.",
            field="kind",
        )
    if data.held_on > timezone.localdate():
        raise DomainError("Срещата не може да е в бъдещето.", field="held_on")
    if data.held_on < candidate.enquiry_on:
        raise DomainError(
            f"Срещата не може да е преди запитването ({candidate.enquiry_on:%d.%m.%Y}).",
            field="held_on",
        )


def add_referee(
    candidate: Candidate,
    *,
    actor,
    name: str,
    contact: str = "",
    received_on: date | None = None,
    summary: str = "",
) -> Referee:
    """A поръчител named by the candidates; the recommendation may come later."""
    if candidate.status in ENDED or candidate.status == CandidateStatus.APPROVED:
        raise DomainError("Поръчители се вписват по време на оценката.")
    if not name.strip():
        raise DomainError("Въведете името на поръчителя.", field="name")
    _check_received(candidate, received_on)
    with transaction.atomic():
        referee = Referee.objects.create(
            candidate=candidate,
            name=name.strip(),
            contact=contact.strip(),
            received_on=received_on,
            summary=summary.strip(),
            recorded_by=actor,
            recorded_at=timezone.now(),
        )
        record(
            actor=actor,
            action="fostering.referee.add",
            obj=candidate,
            changes={"referee_id": referee.pk, "received": received_on is not None},
        )
    return referee


def record_reference(referee: Referee, *, actor, received_on: date, summary: str) -> Referee:
    """The referee was interviewed: when, and what they said in short."""
    candidate = referee.candidate
    if candidate.status in ENDED:
        raise DomainError("Работата с тези кандидати е приключена.")
    if referee.received_on is not None:
        raise DomainError("Препоръката от този поръчител вече е записана.", field="referee")
    _check_received(candidate, received_on)
    if not summary.strip():
        raise DomainError("Опишете накратко препоръката.", field="summary")
    with transaction.atomic():
        referee.received_on, referee.summary = received_on, summary.strip()
        referee.save(update_fields=["received_on", "summary"])
        record(
            actor=actor,
            action="fostering.referee.reference",
            obj=candidate,
            changes={"referee_id": referee.pk, "received_on": received_on.isoformat()},
        )
    return referee


def _check_received(candidate: Candidate, received_on: date | None) -> None:
    if received_on is None:
        return
    if received_on > timezone.localdate():
        raise DomainError("Датата не може да е в бъдещето.", field="received_on")
    if received_on < candidate.enquiry_on:
        raise DomainError(
            f"Датата не може да е преди запитването ({candidate.enquiry_on:%d.%m.%Y}).",
            field="received_on",
        )
