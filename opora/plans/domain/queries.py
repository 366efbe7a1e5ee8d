"""Reads other apps rely on: the plan in force and whether a contract is signed."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Prefetch, Q
from django.utils import timezone

from opora.plans.enums import OPEN_PLAN_STATUSES, ContractStatus, PlanStatus
from opora.plans.models import Activity, Contract, Goal, PlanVersion


def plan_in_force(case) -> PlanVersion | None:
    return PlanVersion.objects.filter(case=case, status=PlanStatus.APPROVED).first()


def goals_in_force(case):
    return Goal.objects.filter(version__case=case, version__status=PlanStatus.APPROVED)


def signed_contract(case, on=None) -> Contract | None:
    """The contract in force on the given day (today by default)."""
    day = on or timezone.localdate()
    # A contract since terminated or expired still covered the days of its term up to its end, so a
    # session held then may be logged late.
    return (
        Contract.objects.filter(
            case=case,
            status__in=[ContractStatus.SIGNED, ContractStatus.TERMINATED, ContractStatus.EXPIRED],
            signed_on__isnull=False,
            start_on__lte=day,
            end_on__gte=day,
        )
        .filter(Q(terminated_on__isnull=True) | Q(terminated_on__gt=day))
        .order_by("-signed_on")
        .first()
    )


def has_signed_contract(case, on=None) -> bool:
    """Specialised work may be logged as delivered only under a signed contract (ЗСУ чл. 85)."""
    return signed_contract(case, on) is not None


# Pages of the plan and the contract. Each starts from a case already found inside the centre.


def plan_versions(case) -> list[PlanVersion]:
    """Every version of the case's plan, newest first, with who did what and the history."""
    return list(
        PlanVersion.objects.filter(case=case)
        .select_related("created_by", "submitted_by", "decided_by")
        .prefetch_related("events")
        .order_by("-number")
    )


def version_of(centre, version_id: int) -> PlanVersion:
    """One version of the centre's plans with its goals and activities; 404 for any other id."""
    from django.shortcuts import get_object_or_404

    queryset = PlanVersion.objects.filter(centre=centre).select_related(
        "created_by", "submitted_by", "decided_by"
    )
    return get_object_or_404(_with_content(queryset), pk=version_id)


def previous_version(version: PlanVersion) -> PlanVersion | None:
    """The version before this one (the one it was copied from, in practice)."""
    queryset = PlanVersion.objects.filter(case_id=version.case_id, number__lt=version.number)
    return _with_content(queryset).order_by("-number").first()


def open_version(case) -> PlanVersion | None:
    """The version being drafted, awaiting approval or returned: at most one per case."""
    return PlanVersion.objects.filter(case=case, status__in=OPEN_PLAN_STATUSES).first()


def plan_in_force_with_content(case) -> PlanVersion | None:
    return _with_content(PlanVersion.objects.filter(case=case, status=PlanStatus.APPROVED)).first()


def contracts_of(case) -> list[Contract]:
    return list(
        Contract.objects.filter(case=case)
        .select_related("plan_version", "signatory", "created_by")
        .prefetch_related("annexes__created_by")
        .order_by("-created_at", "-id")
    )


def contract_of(centre, contract_id: int) -> Contract:
    """One of the centre's contracts with its annexes; 404 for any other id."""
    from django.shortcuts import get_object_or_404

    queryset = Contract.objects.filter(centre=centre).select_related(
        "plan_version", "signatory", "created_by", "case__primary_person", "case__case_manager"
    )
    return get_object_or_404(queryset.prefetch_related("annexes__created_by"), pk=contract_id)


@dataclass(frozen=True)
class PlanSummary:
    """What the case page shows about the plan and the contract, read in two queries."""

    in_force: PlanVersion | None
    pending: PlanVersion | None
    contract: Contract | None
    today: date

    @property
    def contract_in_force(self) -> bool:
        return self.contract is not None and self.contract.is_in_force_on(self.today)


def plan_summary(case) -> PlanSummary:
    versions = list(
        PlanVersion.objects.filter(
            case=case, status__in=[PlanStatus.APPROVED, *OPEN_PLAN_STATUSES]
        ).select_related("submitted_by")
    )
    contract = Contract.objects.filter(case=case).order_by("-created_at", "-id").first()
    return PlanSummary(
        in_force=next((v for v in versions if v.status == PlanStatus.APPROVED), None),
        pending=next((v for v in versions if v.status in OPEN_PLAN_STATUSES), None),
        contract=contract,
        today=timezone.localdate(),
    )


def _with_content(queryset):
    activities = Activity.objects.select_related("responsible").order_by("id")
    goals = Goal.objects.prefetch_related(Prefetch("activities", queryset=activities)).order_by(
        "order", "id"
    )
    return queryset.prefetch_related(Prefetch("goals", queryset=goals))
