from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.cases.access_views import no_access_page
from opora.cases.domain import case as case_domain
from opora.cases.domain import intake
from opora.cases.domain.access_requests import grants_in_force, pending_requests
from opora.cases.domain.capacity import capacity_of
from opora.cases.domain.queries import (
    CaseFilters,
    case_detail,
    first_waiting,
    waiting_list,
    waiting_position,
)
from opora.cases.domain.queries import (
    case_list as list_cases,
)
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus
from opora.cases.forms import (
    AcceptForm,
    AssignForm,
    CaseFilterForm,
    CasePersonForm,
    LeaveWaitingListForm,
    RefuseForm,
    TeamMemberForm,
    WaitlistForm,
)
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.locking import StaleEdit
from opora.core.text import is_ascii_digits
from opora.people.models import Relation


@centre_view("cases.view_case")
def case_list(request):
    form = CaseFilterForm(request.GET or None, centre=request.centre)
    filters = CaseFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = CaseFilters(
            status=data["status"],
            target_group=data["target_group"],
            case_manager=data["case_manager"].pk if data["case_manager"] else None,
            query=data["q"],
        )
    page = _page_number(request)
    size = settings.OPORA_PAGE_SIZE
    # One row more than the page tells whether a next page exists, without COUNT(*).
    rows = list_cases(
        request.user, request.centre, filters, limit=size + 1, offset=(page - 1) * size
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "cases": rows[:size],
            "page": page,
            "has_next": len(rows) > size,
            "query": query.urlencode(),
            "nav": "cases",
        },
    )


@centre_view("cases.view_waiting_list")
def waiting_list_page(request):
    return render(
        request,
        "cases/waiting_list.html",
        {
            "rows": waiting_list(request.centre),
            "capacity": capacity_of(request.centre),
            "nav": "waiting",
        },
    )


@centre_view("cases.view_case")
def detail(request, case_id: int):
    try:
        case = case_detail(request.user, request.centre, case_id)
    except Http404:
        # A case of the centre outside the user's need-to-know: a 403 that offers to ask for access.
        return no_access_page(request, case_id)
    record(actor=request.user, action="case.view", obj=case)
    return _render_detail(request, case)


def _render_detail(request, case, status=200, stale=None, **forms):
    centre = request.centre
    context = {
        "case": case,
        "stale": stale,
        "capacity": capacity_of(centre),
        "nav": "cases",
        "occupying": OCCUPYING_STATUSES,
        "accept_form": forms.get("accept_form") or AcceptForm(centre=centre),
        "waitlist_form": forms.get("waitlist_form") or WaitlistForm(),
        "refuse_form": forms.get("refuse_form") or RefuseForm(),
        "leave_form": forms.get("leave_form") or LeaveWaitingListForm(),
        "assign_form": forms.get("assign_form")
        or AssignForm(
            centre=centre,
            initial={"case_manager": case.case_manager_id, "revision": case.revision},
        ),
        "team_form": forms.get("team_form") or TeamMemberForm(centre=centre),
        "person_form": forms.get("person_form")
        or CasePersonForm(candidates=_relatives_not_on_case(case)),
        "open_action": next(iter(forms), None) or _requested_action(request),
    }
    if request.user.has_perm("cases.decide_case_access", centre):
        context["access_grants"] = grants_in_force(centre, case=case)
        context["access_pending"] = [r for r in pending_requests(centre) if r.case_id == case.pk]
    if case.status == CaseStatus.WAITLISTED:
        context["waiting_position"] = waiting_position(case)
    if case.status in (CaseStatus.INTAKE, CaseStatus.WAITLISTED):
        context["groups_not_served"] = _groups_not_served(case)
        first = first_waiting(centre)
        context["first_waiting"] = first
        context["may_accept_now"] = _may_accept_now(case, context["capacity"], first)
    return render(request, "cases/detail.html", context, status=status)


def _requested_action(request) -> str | None:
    """?open=accept_form unfolds that action, e.g. from the waiting list's „Приеми“ link."""
    wanted = request.GET.get("open", "")
    return wanted if wanted in {"accept_form", "waitlist_form"} else None


def _may_accept_now(case, capacity, first) -> bool:
    if capacity.is_full:
        return False
    return (
        first is None
        or first.case_id == case.pk
        or bool(case.urgency)
        or (case.status == CaseStatus.INTAKE and capacity.free > len(waiting_list(case.centre)))
    )


def _groups_not_served(case) -> list[str]:
    """Target groups of the referral that the centre does not declare it serves."""
    served = set(case.centre.target_groups)
    if not served:
        return []
    return [g.get_group_display() for g in case.target_groups.all() if g.group not in served]


def _relatives_not_on_case(case):
    on_case = {link.person_id for link in case.people.all()}
    relatives = Relation.objects.filter(person_id=case.primary_person_id).select_related("relative")
    return [r.relative for r in relatives if r.relative_id not in on_case]


def _case_action(permission: str, form_name: str):
    """POST-only action on a case: bind the form, call one domain function, redirect or re-render."""

    def decorator(build):
        @centre_view(permission)
        @require_POST
        def view(request, case_id: int):
            case = case_detail(request.user, request.centre, case_id)
            form, run = build(request, case)
            stale = None
            if form.is_valid():
                try:
                    message = run(form.cleaned_data)
                except DomainError as error:
                    stale = error if isinstance(error, StaleEdit) else None
                    apply_domain_error(form, error)
                else:
                    messages.success(request, message)
                    return redirect("cases:detail", centre=request.centre.slug, case_id=case.pk)
            status = 409 if stale else 400
            return _render_detail(request, case, status=status, stale=stale, **{form_name: form})

        view.__name__ = build.__name__
        return view

    return decorator


@_case_action("cases.decide_intake", "accept_form")
def accept(request, case):
    form = AcceptForm(request.POST, centre=request.centre)

    def run(data):
        intake.accept_case(case, actor=request.user, case_manager=data["case_manager"])
        return f"Случай {case.number} е приет. Водещ: {data['case_manager']}. Започва оценката на потребностите."

    return form, run


@_case_action("cases.decide_intake", "waitlist_form")
def waitlist(request, case):
    form = WaitlistForm(request.POST)

    def run(data):
        intake.place_on_waiting_list(case, actor=request.user, note=data["note"])
        return (
            f"Случай {case.number} е вписан в списъка на чакащите под № {waiting_position(case)}."
        )

    return form, run


@_case_action("cases.decide_intake", "refuse_form")
def refuse(request, case):
    form = RefuseForm(request.POST)

    def run(data):
        intake.refuse_case(case, actor=request.user, ground=data["ground"], reason=data["reason"])
        return f"Отказът по случай {case.number} е записан."

    return form, run


@_case_action("cases.decide_intake", "leave_form")
def leave_waiting_list(request, case):
    form = LeaveWaitingListForm(request.POST)

    def run(data):
        intake.remove_from_waiting_list(case, actor=request.user, reason=data["reason"])
        return f"Случай {case.number} е изписан от списъка на чакащите."

    return form, run


@_case_action("cases.assign_case_manager", "assign_form")
def assign(request, case):
    form = AssignForm(request.POST, centre=request.centre)

    def run(data):
        case_domain.assign_case_manager(
            case,
            actor=request.user,
            case_manager=data["case_manager"],
            expected_revision=data["revision"],
        )
        return f"Водещ на случая вече е {data['case_manager']}."

    return form, run


@_case_action("cases.assign_case_manager", "team_form")
def add_team(request, case):
    form = TeamMemberForm(request.POST, centre=request.centre)

    def run(data):
        case_domain.add_team_member(case, actor=request.user, user=data["user"])
        return f"{data['user']} е добавен/а в екипа на случая."

    return form, run


@_case_action("cases.change_case", "person_form")
def add_person(request, case):
    form = CasePersonForm(request.POST, candidates=_relatives_not_on_case(case))

    def run(data):
        person = next(p for p in _relatives_not_on_case(case) if p.pk == data["person_id"])
        case_domain.add_person_to_case(case, actor=request.user, person=person, role=data["role"])
        return f"{person.full_name} е включен/а в случая."

    return form, run


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return max(1, min(int(raw), 10_000)) if is_ascii_digits(raw) and len(raw) < 6 else 1
