"""The manager's intake decision: accept, place on the waiting list, or refuse (ЗСУ чл. 78–79)."""

from django.db import transaction
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.cases.domain.capacity import capacity_of, lock_centre
from opora.cases.domain.queries import first_waiting
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus, ClosureReason, RefusalGround
from opora.cases.models import Case, CaseTeamMember, WaitingListEntry
from opora.centres.domain import settings_for
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_days
from opora.deadlines.domain import set_deadline
from opora.deadlines.enums import DeadlineKind


def accept_case(case: Case, *, actor, case_manager) -> Case:
    """Open the case: it takes a place, gets a case manager and moves to assessment (ИОП)."""
    _require_case_manager(case, case_manager)
    with transaction.atomic():
        lock_centre(case.centre)
        _respect_waiting_order(case)
        now = timezone.now()
        change_status(
            case,
            to_status=CaseStatus.ASSESSMENT,
            actor=actor,
            note=f"Приет. Водещ на случая: {case_manager}.",
            case_manager=case_manager,
            opened_at=now,
        )
        CaseTeamMember.objects.get_or_create(case=case, user=case_manager)
        set_assessment_deadline(
            case, actor=actor, responsible=case_manager, start=_wish_or(case, timezone.localdate())
        )
    return case


def place_on_waiting_list(case: Case, *, actor, note: str = "") -> WaitingListEntry:
    with transaction.atomic():
        change_status(case, to_status=CaseStatus.WAITLISTED, actor=actor, note=note)
        entry = WaitingListEntry.objects.create(
            centre=case.centre, case=case, entered_at=timezone.now(), priority=bool(case.urgency)
        )
        record(
            actor=actor, action="waiting_list.enter", obj=case, changes={"priority": entry.priority}
        )
    return entry


def refuse_case(case: Case, *, actor, ground: str, reason: str) -> Case:
    if ground not in RefusalGround.values:
        raise DomainError(
            "Изберете правно основание за отказа (чл. 78, ал. 5 ЗСУ).", field="ground"
        )
    if not reason.strip():
        raise DomainError("Отказът трябва да е мотивиран: опишете причините.", field="reason")
    with transaction.atomic():
        change_status(
            case,
            to_status=CaseStatus.REFUSED,
            actor=actor,
            note=reason.strip(),
            refusal_ground=ground,
            outcome_note=reason.strip(),
            closed_at=timezone.now(),
        )
    return case


def remove_from_waiting_list(case: Case, *, actor, reason: str) -> Case:
    """The family no longer waits (moved, found another provider, withdrew)."""
    if case.status != CaseStatus.WAITLISTED:
        raise DomainError("Случаят не е в списъка на чакащите.")
    if not reason.strip():
        raise DomainError("Посочете причината за изписване от списъка.", field="reason")
    with transaction.atomic():
        change_status(
            case,
            to_status=CaseStatus.CLOSED,
            actor=actor,
            note=reason.strip(),
            closure_reason=ClosureReason.LEFT_WAITING_LIST,
            outcome_note=reason.strip(),
            closed_at=timezone.now(),
        )
    return case


def _require_case_manager(case: Case, case_manager) -> None:
    if case_manager is None:
        raise DomainError("Изберете водещ на случая.", field="case_manager")
    is_specialist = Membership.objects.filter(
        user=case_manager, centre=case.centre, is_active=True, role__in=Role.specialists()
    ).exists()
    if not is_specialist:
        raise DomainError(
            "Водещият на случая трябва да е специалист от този център.", field="case_manager"
        )


def _respect_waiting_order(case: Case) -> None:
    """Admission follows the order of the waiting list; urgent cases go first (ЗСУ чл. 79)."""
    first = first_waiting(case.centre)
    if first is None or first.case_id == case.pk or case.urgency:
        return
    capacity = capacity_of(case.centre)
    if case.status == CaseStatus.WAITLISTED or capacity.free <= _waiting_count(case.centre):
        raise DomainError(
            f"Първи в списъка на чакащите е случай {first.case.number}; "
            "приемът следва реда на списъка (чл. 79 ЗСУ)."
        )


def _waiting_count(centre) -> int:
    return WaitingListEntry.objects.filter(centre=centre, left_at__isnull=True).count()


def _wish_or(case: Case, default):
    """The day the person declared the wish to use the service, else `default` (the count starts there)."""
    referral = case.referrals.order_by("received_at").first()
    return (referral.wish_declared_on if referral else None) or default


def set_assessment_deadline(case: Case, *, actor, responsible, start) -> None:
    """ИОП and ИПП within N days of `start` (ППЗСУ; N and the way of counting per centre)."""
    centre_settings = settings_for(case.centre)
    due_on = add_days(
        start, centre_settings.assessment_deadline, centre_settings.assessment_deadline_count
    )
    set_deadline(
        case=case,
        kind=DeadlineKind.ASSESSMENT,
        actor=actor,
        responsible=responsible,
        due_on=due_on,
        title=f"ИОП и ИПП по случай {case.number}",
    )
