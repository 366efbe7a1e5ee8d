"""Pages of the individual support plan (ИПП) and the contract. Thin: permission, form, one domain call."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.cases.domain.queries import case_detail
from opora.cases.enums import CaseStatus, Track
from opora.centres.enums import Service
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.locking import StaleEdit
from opora.plans.domain import contract as contract_domain
from opora.plans.domain import plan as plan_domain
from opora.plans.domain.checks import NO_PLAN_FOR_GENERAL, latest_end, today
from opora.plans.domain.compare import compare_versions
from opora.plans.domain.queries import (
    contract_of,
    contracts_of,
    plan_in_force_with_content,
    plan_versions,
    previous_version,
    version_of,
)
from opora.plans.enums import AnnexKind, ContractStatus, PlanStatus
from opora.plans.forms import (
    AnnexForm,
    ApproveForm,
    ContractForm,
    PlanEditor,
    ReturnForm,
    SignForm,
    is_row_action,
)

# The plan


@centre_view("plans.view_plan")
def plan_page(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    record(actor=request.user, action="plan.view", obj=case)
    return _render_plan(request, case)


def _render_plan(request, case, *, status=200, error=""):
    versions = plan_versions(case)
    in_force = plan_in_force_with_content(case)
    contracts = contracts_of(case)
    context = {
        "case": case,
        "nav": "cases",
        "in_force": in_force,
        "versions": versions,
        "open_version": next((v for v in versions if v.status not in _DONE), None),
        "contracts": contracts,
        "may_edit": request.user.has_perm("plans.edit_plan", case),
        "may_start_first": in_force is None and case.status == CaseStatus.PLANNING,
        "may_update": in_force is not None and case.status in plan_domain.PLAN_WORK_STATUSES,
        "needs_contract": in_force is not None
        and case.status in contract_domain.CONTRACT_STATUSES
        and not _has_open_contract(contracts),
        "error": error,
    }
    return render(request, "plans/plan.html", context, status=status)


def _has_open_contract(contracts) -> bool:
    day = today()
    return any(
        c.status == ContractStatus.DRAFT or c.is_in_force_on(day) or c.start_on > day
        for c in contracts
        if c.status in (ContractStatus.DRAFT, ContractStatus.SIGNED)
    )


@centre_view("plans.view_plan")
@require_POST
def start(request, case_id: int):
    case = _case_to_edit(request, case_id)
    try:
        version = plan_domain.start_plan(case, actor=request.user)
    except DomainError as error:
        return _render_plan(request, case, status=400, error=error.message)
    messages.success(request, f"Версия {version.number} на ИПП е създадена като чернова.")
    return redirect("plans:edit", centre=request.centre.slug, version_id=version.pk)


@centre_view("plans.view_plan")
def version_page(request, version_id: int):
    case, version = _version(request, version_id)
    record(actor=request.user, action="plan.view", obj=version)
    return _render_version(request, case, version)


def _render_version(request, case, version, status=200, **forms):
    previous = previous_version(version)
    context = {
        "case": case,
        "nav": "cases",
        "version": version,
        "previous": previous,
        "comparison": compare_versions(previous, version) if previous else None,
        "events": list(version.events.select_related("actor")),
        "may_edit": request.user.has_perm("plans.edit_plan", case),
        "approve_form": forms.get("approve_form") or ApproveForm(prefix="approve"),
        "return_form": forms.get("return_form") or ReturnForm(prefix="return"),
        "open_action": next(iter(forms), None),
    }
    return render(request, "plans/version.html", context, status=status)


@centre_view("plans.view_plan")
def edit(request, version_id: int):
    case, version = _version(request, version_id, to_edit=True)
    if not version.is_editable:
        return _render_editor(request, case, version, None, status=_refused(request))
    if request.method != "POST":
        record(actor=request.user, action="plan.edit.view", obj=version)
        editor = PlanEditor.for_version(version, centre=request.centre)
        return _render_editor(request, case, version, editor)
    editor = PlanEditor.from_post(request.POST, centre=request.centre)
    action = request.POST.get("action", "save")
    if is_row_action(action):
        editor = editor.rearranged(action, centre=request.centre)
        return _render_editor(request, case, version, editor)
    stale = None
    if editor.is_valid():
        try:
            plan_domain.save_plan(
                version,
                actor=request.user,
                data=editor.plan_data(),
                expected_revision=editor.opened_revision(),
            )
        except DomainError as error:
            stale = error if isinstance(error, StaleEdit) else None
            editor.add_domain_error(error)
        else:
            messages.success(request, f"Черновата на ИПП (версия {version.number}) е записана.")
            return _to_version(request, version)
    status = 409 if stale else 400
    return _render_editor(request, case, version, editor, status=status, stale=stale)


def _render_editor(request, case, version, editor, status=200, stale=None):
    context = {
        "case": case,
        "nav": "cases",
        "version": version,
        "editor": editor,
        "stale": stale,
    }
    return render(request, "plans/edit.html", context, status=status)


@centre_view("plans.view_plan")
@require_POST
def submit(request, version_id: int):
    case, version = _version(request, version_id, to_edit=True)
    try:
        plan_domain.submit_plan(version, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return _render_version(request, case, version, status=400)
    messages.success(
        request, f"ИПП (версия {version.number}) е изпратен на управителя за одобрение."
    )
    return _to_version(request, version)


@centre_view("plans.approve_plan")
@require_POST
def approve(request, version_id: int):
    case, version = _version(request, version_id)
    form = ApproveForm(request.POST, prefix="approve")
    if form.is_valid():
        try:
            plan_domain.approve_plan(
                version, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"ИПП (версия {version.number}) е одобрен и е в сила.")
            return _to_version(request, version)
    return _render_version(request, case, version, status=400, approve_form=form)


@centre_view("plans.approve_plan")
@require_POST
def return_plan(request, version_id: int):
    case, version = _version(request, version_id)
    form = ReturnForm(request.POST, prefix="return")
    if form.is_valid():
        try:
            plan_domain.return_plan(
                version, actor=request.user, comment=form.cleaned_data["comment"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"ИПП (версия {version.number}) е върнат за корекция.")
            return _to_version(request, version)
    return _render_version(request, case, version, status=400, return_form=form)


@centre_view("plans.view_plan")
def print_plan(request, version_id: int):
    case, version = _version(request, version_id)
    record(actor=request.user, action="plan.print", obj=version)
    context = {"case": case, "version": version, "nav": "cases", "today": today()}
    return render(request, "plans/print_plan.html", context)


# The contract


@centre_view("plans.view_plan")
def contract_page(request, contract_id: int):
    case, contract = _contract(request, contract_id)
    record(actor=request.user, action="contract.view", obj=contract)
    return _render_contract(request, case, contract)


def _render_contract(request, case, contract, status=200, **forms):
    annex_forms = {
        kind: forms.get(kind) or AnnexForm(kind=kind, initial=_annex_initial(kind, contract))
        for kind in AnnexKind.values
    }
    context = {
        "case": case,
        "nav": "cases",
        "contract": contract,
        "today": today(),
        "sign_form": forms.get("sign_form") or SignForm(initial={"signed_on": today()}),
        "annex_forms": [(AnnexKind(kind), form) for kind, form in annex_forms.items()],
        "open_action": next(iter(forms), None),
    }
    return render(request, "plans/contract.html", context, status=status)


def _annex_initial(kind: str, contract) -> dict:
    initial = {"signed_on": today()}
    if kind == AnnexKind.EXTEND and contract.plan_version_id:
        initial["new_end_on"] = latest_end(contract.start_on, contract.plan_version.duration_class)
    return initial


@centre_view("plans.manage_contract")
def new_contract(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    plan = plan_in_force_with_content(case)
    if plan is None or case.track == Track.GENERAL:
        refusal = NO_PLAN_FOR_GENERAL if case.track == Track.GENERAL else _NO_PLAN
        return _render_contract_form(request, case, plan, None, refusal=refusal)
    if request.method != "POST":
        start_on = today()
        end_on = latest_end(start_on, plan.duration_class) - timedelta(days=1)
        initial = ContractForm.initial_for(case, start_on=start_on, end_on=end_on)
        form = ContractForm(case=case, initial=initial)
        return _render_contract_form(request, case, plan, form)
    form = ContractForm(request.POST, case=case)
    if form.is_valid():
        try:
            contract = contract_domain.draft_contract(
                case, actor=request.user, data=form.contract_data()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Проектът на договор № {contract.number} е изготвен.")
            return _to_contract(request, contract)
    return _render_contract_form(request, case, plan, form, status=400)


@centre_view("plans.manage_contract")
def edit_contract(request, contract_id: int):
    case, contract = _contract(request, contract_id)
    plan = plan_in_force_with_content(case)
    if contract.status != ContractStatus.DRAFT:
        refusal = f"Договорът е „{contract.get_status_display()}“: променя се само с анекс."
        return _render_contract_form(request, case, plan, None, contract=contract, refusal=refusal)
    if request.method != "POST":
        record(actor=request.user, action="contract.edit.view", obj=contract)
        form = ContractForm(case=case, initial=ContractForm.initial_from(case, contract))
        return _render_contract_form(request, case, plan, form, contract=contract)
    form = ContractForm(request.POST, case=case)
    if form.is_valid():
        try:
            contract_domain.update_contract(contract, actor=request.user, data=form.contract_data())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Проектът на договор № {contract.number} е променен.")
            return _to_contract(request, contract)
    return _render_contract_form(request, case, plan, form, contract=contract, status=400)


def _render_contract_form(request, case, plan, form, *, contract=None, status=200, refusal=""):
    """The draft form; with `refusal` the page only explains why no draft can be made or changed."""
    if refusal:
        status = _refused(request)
    services = contract_domain.services_of(plan) if plan else []
    context = {
        "case": case,
        "nav": "cases",
        "plan": plan,
        "form": form,
        "contract": contract,
        "services": [Service(code).label for code in services],
        "refusal": refusal,
    }
    return render(request, "plans/contract_form.html", context, status=status)


@centre_view("plans.manage_contract")
@require_POST
def sign(request, contract_id: int):
    case, contract = _contract(request, contract_id)
    form = SignForm(request.POST)
    if form.is_valid():
        try:
            contract_domain.sign_contract(
                contract, actor=request.user, signed_on=form.cleaned_data["signed_on"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Договор № {contract.number} е подписан и е в сила.")
            return _to_contract(request, contract)
    return _render_contract(request, case, contract, status=400, sign_form=form)


@centre_view("plans.manage_contract")
@require_POST
def annex(request, contract_id: int):
    case, contract = _contract(request, contract_id)
    kind = request.POST.get("kind", "")
    if kind not in AnnexKind.values:
        messages.error(request, "Изберете вида на анекса.")
        return _render_contract(request, case, contract, status=400)
    form = AnnexForm(request.POST, kind=kind)
    if form.is_valid():
        data = form.cleaned_data
        try:
            contract_domain.add_annex(
                contract,
                actor=request.user,
                kind=kind,
                signed_on=data["signed_on"],
                new_end_on=data.get("new_end_on"),
                changes=data["changes"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, f"{AnnexKind(kind).label} към договор № {contract.number} е записан."
            )
            return _to_contract(request, contract)
    return _render_contract(request, case, contract, status=400, **{kind: form})


@centre_view("plans.view_plan")
def print_contract(request, contract_id: int):
    case, contract = _contract(request, contract_id)
    record(actor=request.user, action="contract.print", obj=contract)
    context = {"case": case, "contract": contract, "nav": "cases", "today": today()}
    return render(request, "plans/print_contract.html", context)


# Helpers

_NO_PLAN = "Договорът се изготвя по одобрен ИПП: първо одобрете плана."
_DONE = frozenset({PlanStatus.APPROVED, PlanStatus.SUPERSEDED})


def _version(request, version_id: int, *, to_edit: bool = False):
    """A version of the centre's plans and its case (with the team, for the permission)."""
    version = version_of(request.centre, version_id)
    case = case_detail(request.user, request.centre, version.case_id)
    if to_edit:
        _require_edit(request, case)
    return case, version


def _contract(request, contract_id: int):
    contract = contract_of(request.centre, contract_id)
    return case_detail(request.user, request.centre, contract.case_id), contract


def _case_to_edit(request, case_id: int):
    """The case, if the user may draft its plan: the manager or the case team."""
    case = case_detail(request.user, request.centre, case_id)
    _require_edit(request, case)
    return case


def _require_edit(request, case) -> None:
    if not request.user.has_perm("plans.edit_plan", case):
        raise PermissionDenied("Планът се изготвя от екипа на случая.")


def _refused(request) -> int:
    """A page that only explains a refusal: fine to open (200), a bad request to post to (400)."""
    return 400 if request.method == "POST" else 200


def _to_version(request, version):
    return redirect("plans:version", centre=request.centre.slug, version_id=version.pk)


def _to_contract(request, contract):
    return redirect("plans:contract", centre=request.centre.slug, contract_id=contract.pk)
