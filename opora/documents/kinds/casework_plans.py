"""The documents signed with the family: the ИПП, the contract and its annexes (EXTERNAL)."""

from django.http import Http404

from opora.cases.enums import CasePersonRole
from opora.documents.kinds.base import Signatory, plain_date, readable_case_or_404, user_name
from opora.documents.kinds.casework_common import (
    CASE_MANAGER,
    LEGAL_REPRESENTATIVE,
    case_data,
    centre_head,
    contract_data,
    manager_signature,
    of_centre,
)
from opora.plans.enums import PlanStatus, SignatoryCapacity
from opora.plans.models import Annex, Contract, Goal, PlanVersion

# Who signs for the child, from the person's role on the case (as the contract form proposes).
_CAPACITY_OF_ROLE = {
    CasePersonRole.PARENT: SignatoryCapacity.PARENT,
    CasePersonRole.GUARDIAN: SignatoryCapacity.GUARDIAN,
    CasePersonRole.FOSTER_PARENT: SignatoryCapacity.FOSTER_PARENT,
}


def _legal_representative(case) -> Signatory:
    """Who signs for the user: the signatory of the case's newest contract, else a parent,
    guardian or foster parent on the case, else the adult user herself, else a blank line."""
    contract = Contract.objects.filter(case=case).exclude(signatory_name="")
    contract = contract.order_by("-created_at", "-id").first()
    if contract is not None:
        return Signatory(contract.signatory_name, contract.get_signatory_capacity_display())
    links = case.people.select_related("person").order_by("id")
    link = next((p for p in links if p.role in _CAPACITY_OF_ROLE), None)
    if link is not None:
        return Signatory(link.person.full_name, _CAPACITY_OF_ROLE[link.role].label)
    if not case.primary_person.is_child:
        return Signatory(case.primary_person.full_name, "Потребител")
    return Signatory("", LEGAL_REPRESENTATIVE)


def _goal_rows(version: PlanVersion | None) -> list[dict]:
    if version is None:
        return []
    goals = Goal.objects.filter(version=version).prefetch_related("activities__responsible")
    return [_goal(n, goal) for n, goal in enumerate(goals.order_by("order", "id"), start=1)]


def _goal(n: int, goal: Goal) -> dict:
    return {
        "n": n,
        "title": goal.title,
        "need": goal.need,
        "expected_result": goal.expected_result,
        "indicators": goal.indicators,
        "activities": [
            {
                "description": a.description,
                "service": a.get_service_display(),
                "frequency": a.frequency,
                "setting": a.get_setting_display(),
                "responsible": user_name(a.responsible),
            }
            for a in goal.activities.all()
        ],
    }


# ИПП


def load_plan(request):
    return of_centre(PlanVersion, request, centre=request.centre, pk=request.subject_id)


def build_plan(version: PlanVersion, request) -> dict:
    approved = version.status in {PlanStatus.APPROVED, PlanStatus.SUPERSEDED}
    return {
        "case": case_data(version.case),
        "plan": {
            "version": version.number,
            "status": version.get_status_display(),
            "in_force": version.status == PlanStatus.APPROVED,
            "superseded": version.status == PlanStatus.SUPERSEDED,
            "approved_on": plain_date(version.decided_at) if approved else None,
            "start_on": version.start_on,
            "review_on": version.review_on,
            "duration": version.get_duration_class_display(),
            "child_view": version.child_view,
            "family_participation": version.family_participation,
        },
        "goals": _goal_rows(version),
    }


def plan_signatories(version: PlanVersion, request) -> list[Signatory]:
    case = version.case
    approved = version.status in {PlanStatus.APPROVED, PlanStatus.SUPERSEDED}
    signatories = [_legal_representative(case)]
    child = case.primary_person
    if child.is_child and signatories[0].name != child.full_name:
        signatories.append(Signatory(child.full_name, "Детето (по възможност)"))
    signatories.append(Signatory(user_name(case.case_manager), CASE_MANAGER))
    signatories.append(manager_signature(case, version.decided_by if approved else None))
    return signatories


def plan_unavailable(version: PlanVersion) -> str:
    if not version.goals.exists():
        return "Планът още няма цели: добавете поне една цел, преди да издадете документа."
    return ""


# The contract and its annexes


def load_contract(request):
    return of_centre(Contract, request, centre=request.centre, pk=request.subject_id)


def _provider(case) -> dict:
    centre = case.centre
    return {
        "name": centre.name,
        "address": centre.address,
        "municipality": centre.municipality,
        "head": centre_head(centre),
    }


def _annex_data(annex: Annex, n: int) -> dict:
    return {
        "n": n,
        "kind": annex.get_kind_display(),
        "signed_on": annex.signed_on,
        "new_end_on": annex.new_end_on,
        "changes": annex.changes,
    }


def build_contract(contract: Contract, request) -> dict:
    annexes = contract.annexes.order_by("signed_on", "id")
    return {
        "case": case_data(contract.case),
        "provider": _provider(contract.case),
        "contract": contract_data(contract),
        "annexes": [_annex_data(a, n) for n, a in enumerate(annexes, start=1)],
    }


def contract_signatories(contract: Contract, request) -> list[Signatory]:
    return [
        Signatory(centre_head(contract.case.centre), "За доставчика"),
        Signatory(contract.signatory_name, "За потребителя"),
    ]


def load_annex(request):
    annex = Annex.objects.filter(contract__centre=request.centre, pk=request.subject_id)
    annex = annex.select_related("contract__plan_version").first()
    if annex is None:
        raise Http404("Няма такъв анекс.")
    annex.contract.case = readable_case_or_404(request, annex.contract.case_id)
    return annex


def build_annex(annex: Annex, request) -> dict:
    contract = annex.contract
    ids = list(contract.annexes.order_by("signed_on", "id").values_list("id", flat=True))
    return {
        "case": case_data(contract.case),
        "provider": _provider(contract.case),
        "contract": contract_data(contract),
        "annex": _annex_data(annex, ids.index(annex.pk) + 1),
    }


def annex_signatories(annex: Annex, request) -> list[Signatory]:
    return contract_signatories(annex.contract, request)
