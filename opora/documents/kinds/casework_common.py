"""Pieces the casework documents share: the case, need-to-know loading, signatures, counts."""

from collections import Counter
from datetime import date

from django.http import Http404

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session
from opora.documents.kinds.base import (
    DocumentRequest,
    Signatory,
    plain_date,
    readable_case_or_404,
    user_name,
)
from opora.plans.enums import ContractStatus, SignatoryCapacity
from opora.plans.models import Contract
from opora.reviews.models import GoalProgress

PROVIDER_HEAD = "Ръководител на услугата"
CASE_MANAGER = "Водещ на случая"
LEGAL_REPRESENTATIVE = "Родител / законен представител"


def case_data(case) -> dict:
    child = case.primary_person
    return {
        "number": case.number,
        "child_name": child.full_name,
        "child_birth_date": child.birth_date,
        "case_manager": user_name(case.case_manager),
        "opened_on": plain_date(case.opened_at),
        "closed_on": plain_date(case.closed_at),
    }


def of_centre(model, request: DocumentRequest, **lookup):
    """A record of the requester's centre whose case the requester reads; Http404 otherwise."""
    subject = model.objects.filter(**lookup).first()
    if subject is None:
        raise Http404("Няма такъв документ.")
    subject.case = readable_case_or_404(request, subject.case_id)
    return subject


def centre_head(centre) -> str:
    """The manager's name when the centre has exactly one, else a line to fill in by hand."""
    managers = Membership.objects.filter(centre=centre, role=Role.MANAGER, is_active=True)
    names = [user_name(m.user) for m in managers.select_related("user")[:2]]
    return names[0] if len(names) == 1 else ""


def manager_signature(case, decided_by=None) -> Signatory:
    name = user_name(decided_by) if decided_by is not None else centre_head(case.centre)
    return Signatory(name, PROVIDER_HEAD)


def sessions_between(case, first: date | None, last: date | None):
    sessions = Session.objects.filter(case=case).select_related("lead")
    if first is not None:
        sessions = sessions.filter(date__gte=first)
    if last is not None:
        sessions = sessions.filter(date__lte=last)
    return list(sessions.order_by("date", "start_time", "id"))


def session_counts(sessions) -> dict:
    held = [s for s in sessions if s.status == SessionStatus.HELD]
    by_kind = Counter(s.get_kind_display() for s in held)
    return {
        "held": len(held),
        "no_show": sum(s.status == SessionStatus.NO_SHOW for s in sessions),
        "by_kind": [{"kind": kind, "count": count} for kind, count in sorted(by_kind.items())],
    }


def contract_data(contract: Contract) -> dict:
    plan = contract.plan_version
    return {
        "number": contract.number,
        "status": contract.get_status_display(),
        "draft": contract.status == ContractStatus.DRAFT,
        "terminated_on": contract.terminated_on,
        "signed_on": contract.signed_on,
        "start_on": contract.start_on,
        "end_on": contract.end_on,
        "services": contract.service_labels,
        "fee_note": contract.fee_note,
        "plan_version": plan.number if plan else None,
        "duration": plan.get_duration_class_display() if plan else "",
        "signatory_name": contract.signatory_name,
        "signatory_capacity": contract.get_signatory_capacity_display(),
        "signs_personally": contract.signatory_capacity == SignatoryCapacity.YOUNG_PERSON,
    }


def progress_row(row: GoalProgress) -> dict:
    return {
        "goal": row.goal_title,
        "expected_result": row.goal.expected_result,
        "progress": row.get_progress_display(),
        "comment": row.comment,
    }
