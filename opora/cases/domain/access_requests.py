"""Access requests: a case worker asks to read a case she is not on the team of; the manager
grants (optionally until a date), refuses with a reason, or later revokes the grant.

Each step is one transaction with its audit entry. Who may read a case is decided in
`opora.cases.domain.access`; a granted, unexpired request is one of its conditions.
"""

from datetime import date

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.audit.domain import record
from opora.cases.domain.access import can_read_case, forget_access
from opora.cases.enums import AccessRequestStatus
from opora.cases.models import Case, CaseAccessRequest
from opora.core.errors import DomainError

REASON_REQUIRED = "Напишете защо ви е нужен достъп до случая."
REFUSAL_REASON_REQUIRED = "Напишете защо отказвате достъпа."


def request_case_access(case: Case, *, actor, reason: str) -> CaseAccessRequest:
    role = role_in(actor, case.centre_id)
    if role not in Role.case_workers():
        raise DomainError("Само служители, които работят по случаи, могат да искат достъп.")
    if can_read_case(actor, case):
        raise DomainError("Вече имате достъп до този случай.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(REASON_REQUIRED, field="reason")
    with transaction.atomic():
        if pending_request_of(actor, case) is not None:
            raise DomainError("Вече сте поискали достъп до този случай; искането чака решение.")
        access_request = CaseAccessRequest.objects.create(
            case=case, requester=actor, reason=reason, requested_at=timezone.now()
        )
        record(
            actor=actor,
            action="case.access.request",
            obj=case,
            changes={"request": access_request.pk},
        )
    return access_request


def grant_case_access(
    access_request: CaseAccessRequest, *, actor, expires_on: date | None = None
) -> CaseAccessRequest:
    case = access_request.case
    _require_manager(actor, case)
    if expires_on is not None and expires_on < timezone.localdate():
        raise DomainError("Крайната дата на достъпа не може да е в миналото.", field="expires_on")
    with transaction.atomic():
        locked = _locked(access_request)
        if locked.status != AccessRequestStatus.PENDING:
            raise DomainError(f"Искането вече е „{locked.get_status_display()}“.")
        locked.status = AccessRequestStatus.GRANTED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.expires_on = expires_on
        locked.save(update_fields=["status", "decided_by", "decided_at", "expires_on"])
        record(
            actor=actor,
            action="case.access.grant",
            obj=case,
            changes={
                "request": locked.pk,
                "user": locked.requester_id,
                "expires_on": expires_on.isoformat() if expires_on else None,
            },
        )
    forget_access(case)
    return locked


def refuse_case_access(
    access_request: CaseAccessRequest, *, actor, reason: str
) -> CaseAccessRequest:
    case = access_request.case
    _require_manager(actor, case)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(REFUSAL_REASON_REQUIRED, field="reason")
    with transaction.atomic():
        locked = _locked(access_request)
        if locked.status != AccessRequestStatus.PENDING:
            raise DomainError(f"Искането вече е „{locked.get_status_display()}“.")
        locked.status = AccessRequestStatus.REFUSED
        locked.decided_by = actor
        locked.decided_at = timezone.now()
        locked.decision_note = reason
        locked.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        record(
            actor=actor,
            action="case.access.refuse",
            obj=case,
            changes={"request": locked.pk, "user": locked.requester_id},
        )
    return locked


def revoke_case_access(access_request: CaseAccessRequest, *, actor) -> CaseAccessRequest:
    case = access_request.case
    _require_manager(actor, case)
    with transaction.atomic():
        locked = _locked(access_request)
        if locked.status != AccessRequestStatus.GRANTED:
            raise DomainError("Оттегля се само разрешен достъп.")
        locked.status = AccessRequestStatus.REVOKED
        locked.revoked_by = actor
        locked.revoked_at = timezone.now()
        locked.save(update_fields=["status", "revoked_by", "revoked_at"])
        record(
            actor=actor,
            action="case.access.revoke",
            obj=case,
            changes={"request": locked.pk, "user": locked.requester_id},
        )
    forget_access(case)
    return locked


def _require_manager(actor, case: Case) -> None:
    if role_in(actor, case.centre_id) != Role.MANAGER:
        raise DomainError("Достъп до случай разрешава само ръководителят на центъра.")


def _locked(access_request: CaseAccessRequest) -> CaseAccessRequest:
    return CaseAccessRequest.objects.select_for_update().get(pk=access_request.pk)


# Reads


def pending_request_of(user, case: Case) -> CaseAccessRequest | None:
    return CaseAccessRequest.objects.filter(
        case=case, requester=user, status=AccessRequestStatus.PENDING
    ).first()


def last_request_of(user, case: Case) -> CaseAccessRequest | None:
    """The user's latest request for this case, whatever its status (for the „no access“ page)."""
    return (
        CaseAccessRequest.objects.filter(case=case, requester=user)
        .select_related("decided_by")
        .order_by("-requested_at", "-id")
        .first()
    )


def requests_of(centre) -> QuerySet[CaseAccessRequest]:
    return CaseAccessRequest.objects.filter(case__centre=centre).select_related(
        "case__primary_person", "case__case_manager", "requester", "decided_by", "revoked_by"
    )


def access_request_in(centre, access_request_id: int) -> CaseAccessRequest:
    """One request of the centre's cases; 404 for another centre's or an unknown id."""
    from django.shortcuts import get_object_or_404

    return get_object_or_404(requests_of(centre), pk=access_request_id)


def pending_requests(centre) -> list[CaseAccessRequest]:
    return list(
        requests_of(centre)
        .filter(status=AccessRequestStatus.PENDING)
        .order_by("requested_at", "id")
    )


def grants_in_force(centre, *, case: Case | None = None) -> list[CaseAccessRequest]:
    today = timezone.localdate()
    grants = requests_of(centre).filter(status=AccessRequestStatus.GRANTED)
    if case is not None:
        grants = grants.filter(case=case)
    in_force = grants.filter(Q(expires_on__isnull=True) | Q(expires_on__gte=today))
    return list(in_force.order_by("-decided_at", "-id"))


def recent_decisions(centre, *, limit: int = 30) -> list[CaseAccessRequest]:
    decided = requests_of(centre).exclude(status=AccessRequestStatus.PENDING)
    return list(decided.order_by("-requested_at", "-id")[:limit])
