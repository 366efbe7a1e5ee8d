"""Closure of a case: the proposal with the final assessment, the manager's decision, follow-up, reopening."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.cases.domain.capacity import capacity_of
from opora.cases.domain.case import reopen_case
from opora.cases.domain.queries import case_detail, first_waiting
from opora.cases.domain.status import can_transition
from opora.cases.enums import CaseStatus, Track
from opora.closure.domain import follow_up, proposal
from opora.closure.domain.queries import follow_up_contacts, proposals_of
from opora.closure.enums import ProposalStatus
from opora.closure.forms import (
    ApproveClosureForm,
    FollowUpContactForm,
    ProposeClosureForm,
    ReopenForm,
    ReturnClosureForm,
    StartFollowUpForm,
)
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.plans.domain.queries import plan_in_force


def case_for(request, case_id: int, permission: str):
    """The case inside the centre (else 404) that the user may act on this way (else 403)."""
    case = case_detail(request.user, request.centre, case_id)
    if not request.user.has_perm(permission, case):
        raise PermissionDenied("Нямате права за това действие по случая.")
    return case


@centre_view("cases.view_case")
def closure_page(request, case_id: int):
    case = case_for(request, case_id, "closure.manage_reports")
    record(actor=request.user, action="closure.view", obj=case)
    return _render(request, case)


def _render(request, case, status=200, **forms):
    proposals = list(proposals_of(case))
    pending = next((p for p in proposals if p.status == ProposalStatus.PENDING), None)
    plan = plan_in_force(case)
    goals = list(plan.goals.order_by("order", "id")) if plan else []
    context = {
        "case": case,
        "proposals": proposals,
        "pending": pending,
        "approved": next((p for p in proposals if p.status == ProposalStatus.APPROVED), None),
        "plan": plan,
        "proposable": pending is None
        and case.track != Track.GENERAL
        and can_transition(case, CaseStatus.CLOSING),
        "general": case.track == Track.GENERAL,
        "open_review": case.reviews.filter(status="in_progress").exists(),
        "contacts": list(follow_up_contacts(case)),
        "capacity": capacity_of(request.centre),
        "propose_form": forms.get("propose_form") or _propose_form(case, goals),
        "approve_form": forms.get("approve_form") or ApproveClosureForm(),
        "return_form": forms.get("return_form") or ReturnClosureForm(),
        "follow_up_form": forms.get("follow_up_form")
        or StartFollowUpForm(initial={"follow_up_on": proposal.default_follow_up(case)}),
        "contact_form": forms.get("contact_form")
        or FollowUpContactForm(initial={"contacted_on": timezone.localdate()}),
        "reopen_form": forms.get("reopen_form") or ReopenForm(),
        "open_action": next(iter(forms), None),
        "nav": "cases",
    }
    return render(request, "closure/closure.html", context, status=status)


def _propose_form(case, goals, data=None):
    initial = {"follow_up_on": proposal.default_follow_up(case)}
    return ProposeClosureForm(data, goals=goals, initial=initial)


def _closure_action(permission: str, form_name: str):
    """POST-only action on the case's closure: bind, call one domain function, redirect or re-render."""

    def decorator(build):
        @centre_view("cases.view_case")
        @require_POST
        def view(request, case_id: int):
            case = case_for(request, case_id, permission)
            form, run = build(request, case)
            if form.is_valid():
                try:
                    message, target = run(form.cleaned_data)
                except DomainError as error:
                    apply_domain_error(form, error)
                else:
                    messages.success(request, message)
                    return redirect(target, centre=request.centre.slug, case_id=case.pk)
            return _render(request, case, status=400, **{form_name: form})

        view.__name__ = build.__name__
        return view

    return decorator


@_closure_action("closure.propose_closure", "propose_form")
def propose(request, case):
    plan = plan_in_force(case)
    goals = list(plan.goals.order_by("order", "id")) if plan else []
    form = _propose_form(case, goals, data=request.POST)

    def run(data):
        proposal.propose_closure(case, actor=request.user, **form.to_kwargs())
        return (
            f"Случай {case.number} е предложен за приключване; управителят ще реши до 3 работни дни.",
            "closure:page",
        )

    return form, run


@_closure_action("closure.approve_closure", "approve_form")
def approve(request, case):
    form = ApproveClosureForm(request.POST)

    def run(data):
        proposal.approve_closure(_pending(case), actor=request.user, comment=data["comment"])
        first = first_waiting(request.centre)
        tail = f" Първи в списъка на чакащите е случай {first.case.number}." if first else ""
        return f"Случай {case.number} е приключен и мястото е освободено.{tail}", "closure:page"

    return form, run


@_closure_action("closure.approve_closure", "return_form")
def return_closure(request, case):
    form = ReturnClosureForm(request.POST)

    def run(data):
        proposal.return_closure(_pending(case), actor=request.user, comment=data["comment"])
        return f"Предложението е върнато; случай {case.number} отново е активен.", "cases:detail"

    return form, run


@_closure_action("closure.record_follow_up", "follow_up_form")
def start_follow_up(request, case):
    form = StartFollowUpForm(request.POST)

    def run(data):
        follow_up.start_follow_up(case, actor=request.user, follow_up_on=data["follow_up_on"])
        return f"Случай {case.number} е в проследяване до {data['follow_up_on']:%d.%m.%Y}.", "closure:page"  # fmt: skip

    return form, run


@_closure_action("closure.record_follow_up", "contact_form")
def record_follow_up(request, case):
    form = FollowUpContactForm(request.POST)

    def run(data):
        contact = follow_up.record_follow_up(
            case, actor=request.user, contacted_on=data["contacted_on"], note=data["note"],
            outcome=data["outcome"], next_contact_on=data["next_contact_on"],
        )  # fmt: skip
        return f"Проследяващият контакт от {contact.contacted_on:%d.%m.%Y} е записан.", "closure:page"  # fmt: skip

    return form, run


@_closure_action("closure.reopen_case", "reopen_form")
def reopen(request, case):
    form = ReopenForm(request.POST)

    def run(data):
        reopen_case(case, actor=request.user, reason=data["reason"])
        return (
            f"Случай {case.number} е отворен отново и е в оценка на потребностите.",
            "cases:detail",
        )

    return form, run


def _pending(case):
    found = case.closure_proposals.filter(status=ProposalStatus.PENDING).first()
    if found is None:
        raise DomainError("По случая няма предложение за приключване, което чака решение.")
    found.case = case
    return found
