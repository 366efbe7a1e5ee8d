"""Need-to-know pages: the „no access“ page of a case with its request form, and the manager's
list of access requests with grant, refuse and revoke."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.cases.domain import access_requests as domain
from opora.cases.domain.access import directory_cases
from opora.cases.forms import (
    AccessRequestForm,
    GrantAccessForm,
    RefuseAccessForm,
    RevokeAccessForm,
)
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error


def _directory_case(request, case_id: int):
    """The directory entry of a case of the centre (404 outside it, and for the accountant)."""
    cases = directory_cases(request.user, request.centre).select_related(
        "primary_person", "case_manager"
    )
    return get_object_or_404(cases, pk=case_id)


def no_access_page(request, case_id: int, *, form=None, status: int = 403):
    """What a case worker outside the case's team sees: who leads it, and „Поискай достъп“."""
    case = _directory_case(request, case_id)
    if form is None:
        record(actor=request.user, action="case.view_refused", obj=case)
    context = {
        "case": case,
        "form": form or AccessRequestForm(),
        "last_request": domain.last_request_of(request.user, case),
        "may_request": request.user.has_perm("cases.request_case_access", request.centre),
        "nav": "cases",
    }
    return render(request, "cases/no_access.html", context, status=status)


@centre_view("cases.request_case_access")
@require_POST
def request_access(request, case_id: int):
    case = _directory_case(request, case_id)
    form = AccessRequestForm(request.POST)
    if form.is_valid():
        try:
            domain.request_case_access(case, actor=request.user, reason=form.cleaned_data["reason"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Искането за достъп до случай {case.number} е изпратено на ръководителя.",
            )
            return redirect("cases:detail", centre=request.centre.slug, case_id=case.pk)
    return no_access_page(request, case.pk, form=form, status=400)


@centre_view("cases.decide_case_access")
def access_requests_page(request):
    return _render_list(request)


def _render_list(request, status: int = 200, *, form=None):
    """The list; `form` is a decision that came back with an error."""
    centre = request.centre
    context = {
        "pending": domain.pending_requests(centre),
        "grants": domain.grants_in_force(centre),
        "decided": domain.recent_decisions(centre),
        "failed_form": form,
        "nav": "home",
    }
    return render(request, "cases/access_requests.html", context, status=status)


def _decision(form_class, message):
    """POST-only decision on one access request: bind, call the domain, back to the list."""

    def decorator(run):
        @centre_view("cases.decide_case_access")
        @require_POST
        def view(request, access_request_id: int):
            access_request = domain.access_request_in(request.centre, access_request_id)
            form = form_class(request.POST)
            if form.is_valid():
                try:
                    run(request, access_request, form.cleaned_data)
                except DomainError as error:
                    apply_domain_error(form, error)
                else:
                    messages.success(request, message(access_request))
                    return redirect(_back(request, access_request))
            return _render_list(request, status=400, form=form)

        view.__name__ = run.__name__
        return view

    return decorator


def _back(request, access_request) -> str:
    """Back to the case page when the decision was taken there, else to the list."""
    if request.POST.get("back") == "case":
        return reverse(
            "cases:detail",
            kwargs={"centre": request.centre.slug, "case_id": access_request.case_id},
        )
    return reverse("cases:access_requests", kwargs={"centre": request.centre.slug})


def _who(access_request) -> str:
    requester = access_request.requester
    return requester.get_full_name() or requester.username


@_decision(GrantAccessForm, lambda r: f"{_who(r)} вече има достъп до случай {r.case.number}.")
def grant_access(request, access_request, data):
    domain.grant_case_access(access_request, actor=request.user, expires_on=data["expires_on"])


@_decision(RefuseAccessForm, lambda r: f"Искането на {_who(r)} е отказано.")
def refuse_access(request, access_request, data):
    domain.refuse_case_access(access_request, actor=request.user, reason=data["reason"])


@_decision(
    RevokeAccessForm, lambda r: f"Достъпът на {_who(r)} до случай {r.case.number} е оттеглен."
)
def revoke_access(request, access_request, data):
    domain.revoke_case_access(access_request, actor=request.user)
