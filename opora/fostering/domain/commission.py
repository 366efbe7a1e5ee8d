"""The Комисия по приемна грижа decides (ЗЗД чл. 31): approve with a capacity and a child profile,
ask for more information (back to assessment) or refuse; and removal from the register.
"""

from dataclasses import asdict, dataclass, replace
from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.deadlines.domain import set_deadline
from opora.deadlines.enums import DeadlineKind
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import OUTCOME_STATUS, CandidateStatus, ChildSex, DecisionOutcome
from opora.fostering.models import Candidate, CommissionDecision

# A child is up to 18 years old; the profile's ages stay within that.
OLDEST = 18


@dataclass(frozen=True)
class DecisionData:
    decided_on: date
    protocol_number: str
    outcome: str
    capacity: int | None = None
    age_from: int | None = None
    age_to: int | None = None
    child_sex: str = ChildSex.ANY
    child_needs: str = ""
    reasons: str = ""
    information_due_on: date | None = None


def record_commission_decision(
    candidate: Candidate, *, actor, data: DecisionData
) -> CommissionDecision:
    if candidate.status != CandidateStatus.COMMISSION:
        raise DomainError("Решение се записва, когато докладът е внесен в Комисията.")
    data = _checked(data)
    with transaction.atomic():
        decision = CommissionDecision.objects.create(
            candidate=candidate, recorded_by=actor, recorded_at=timezone.now(), **asdict(data)
        )
        approved = data.outcome == DecisionOutcome.APPROVED
        change_candidate_status(
            candidate,
            to_status=OUTCOME_STATUS[data.outcome],
            actor=actor,
            note=f"{DecisionOutcome(data.outcome).label}: протокол № {data.protocol_number} "
            f"от {data.decided_on:%d.%m.%Y}",
            **({"approval": decision} if approved else {}),
        )
        if data.outcome == DecisionOutcome.MORE_INFORMATION and data.information_due_on:
            set_deadline(
                candidate=candidate,
                kind=DeadlineKind.CANDIDATE_ASSESSMENT,
                title=f"Допълнителна информация за Комисията: {candidate.name}",
                due_on=data.information_due_on,
                source=decision,
                actor=actor,
            )
        record(
            actor=actor,
            action="fostering.commission.decide",
            obj=candidate,
            changes={"outcome": data.outcome, "protocol": data.protocol_number},
        )
    return decision


def _checked(data: DecisionData) -> DecisionData:
    today = timezone.localdate()
    if data.outcome not in DecisionOutcome.values:
        raise DomainError("Изберете решението на Комисията.", field="outcome")
    if data.decided_on > today:
        raise DomainError("Датата на решението не може да е в бъдещето.", field="decided_on")
    if not data.protocol_number.strip():
        raise DomainError("Въведете номера на протокола.", field="protocol_number")
    if data.outcome == DecisionOutcome.APPROVED:
        _check_profile(data)
        return replace(
            data,
            protocol_number=data.protocol_number.strip(),
            child_needs=data.child_needs.strip(),
            reasons=data.reasons.strip(),
            information_due_on=None,
        )
    if not data.reasons.strip():
        raise DomainError(
            "Опишете мотивите за отказа."
            if data.outcome == DecisionOutcome.REFUSED
            else "Опишете каква информация иска Комисията.",
            field="reasons",
        )
    if data.information_due_on is not None and data.information_due_on < today:
        raise DomainError("Срокът не може да е в миналото.", field="information_due_on")
    return DecisionData(
        decided_on=data.decided_on,
        protocol_number=data.protocol_number.strip(),
        outcome=data.outcome,
        reasons=data.reasons.strip(),
        information_due_on=data.information_due_on
        if data.outcome == DecisionOutcome.MORE_INFORMATION
        else None,
    )


def _check_profile(data: DecisionData) -> None:
    if not data.capacity or data.capacity < 1:
        raise DomainError("Посочете за колко деца е утвърдено семейството.", field="capacity")
    for name in ("age_from", "age_to"):
        value = getattr(data, name)
        if value is not None and not 0 <= value <= OLDEST:
            raise DomainError(f"Възрастта е от 0 до {OLDEST} години.", field=name)
    if data.age_from is not None and data.age_to is not None and data.age_from > data.age_to:
        raise DomainError("Възрастта „от“ не може да е по-голяма от „до“.", field="age_to")
    if data.child_sex not in ChildSex.values:
        raise DomainError("Изберете пол на детето.", field="child_sex")


def remove_from_register(
    candidate: Candidate, *, actor, removed_on: date, reason: str
) -> Candidate:
    """Take an approved family off the register (заличаване), once no child is placed with it."""
    if candidate.status != CandidateStatus.APPROVED:
        raise DomainError("От регистъра се заличава само утвърдено приемно семейство.")
    if not reason.strip():
        raise DomainError("Посочете основанието за заличаване.", field="reason")
    if removed_on > timezone.localdate():
        raise DomainError("Датата не може да е в бъдещето.", field="removed_on")
    if candidate.approval and removed_on < candidate.approval.decided_on:
        raise DomainError(
            f"Датата не може да е преди утвърждаването ({candidate.approval.decided_on:%d.%m.%Y}).",
            field="removed_on",
        )
    if candidate.placements.filter(ended_on=None).exists():
        raise DomainError("В семейството има настанени деца: първо прекратете настаняванията.")
    return change_candidate_status(
        candidate,
        to_status=CandidateStatus.REMOVED,
        actor=actor,
        note=f"Заличено от регистъра на {removed_on:%d.%m.%Y}",
        removed_on=removed_on,
        removal_reason=reason.strip(),
    )
