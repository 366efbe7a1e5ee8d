"""Reads other apps rely on: the plan in force and whether a contract is signed."""

from django.db.models import Q
from django.utils import timezone

from opora.plans.enums import ContractStatus, PlanStatus
from opora.plans.models import Contract, Goal, PlanVersion


def plan_in_force(case) -> PlanVersion | None:
    return PlanVersion.objects.filter(case=case, status=PlanStatus.APPROVED).first()


def goals_in_force(case):
    return Goal.objects.filter(version__case=case, version__status=PlanStatus.APPROVED)


def signed_contract(case, on=None) -> Contract | None:
    """The contract in force on the given day (today by default)."""
    day = on or timezone.localdate()
    return (
        Contract.objects.filter(case=case, status=ContractStatus.SIGNED, start_on__lte=day)
        .filter(Q(end_on__gte=day))
        .order_by("-signed_on")
        .first()
    )


def has_signed_contract(case, on=None) -> bool:
    """Specialised work may be logged as delivered only under a signed contract (ЗСУ чл. 85)."""
    return signed_contract(case, on) is not None
