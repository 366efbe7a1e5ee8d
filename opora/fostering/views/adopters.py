"""Prospective adopters referred by the ДСП: list, registration, page, members, stages, contacts."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opora.audit.domain import record_read
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.fostering.domain import adopters as domain
from opora.fostering.domain.adopters import (
    change_adopter_status,
    record_adopter_contact,
    register_adopters,
    update_adopters,
)
from opora.fostering.domain.queries import adopter_groups, adopter_in, adopter_page, adults_of
from opora.fostering.enums import (
    ADOPTER_PIPELINE,
    ADOPTER_TRANSITIONS,
    AdopterContactKind,
    AdopterStatus,
    MemberRole,
)
from opora.fostering.forms import (
    AdopterContactForm,
    AdopterForm,
    AdopterStepForm,
    HouseholdPersonForm,
)
from opora.fostering.views.candidate_page import household_form_kwargs

S = AdopterStatus
_WORK = "fostering.work_with_adopters"
STEP_LABELS = {
    S.TRAINING: "Започват обучението",
    S.TRAINED: "Завършиха обучението",
    S.WAITING: "Очакват дете (вписани в регистъра)",
    S.ADOPTED: "Осиновиха дете",
    S.CLOSED: "Приключване на работата със семейството",
}


@centre_view("fostering.view_fostering")
def adopter_list(request):
    wanted = request.GET.get("status", "")
    status = wanted if wanted in S.values else ""
    context = {
        "groups": adopter_groups(request.centre, status=status),
        "status": status,
        "statuses": S.choices,
        "nav": "fostering",
    }
    return render(request, "fostering/adopter_list.html", context)


@centre_view(_WORK)
def new_adopter(request):
    centre = request.centre
    form = AdopterForm(request.POST or None, centre=centre)
    person_form = HouseholdPersonForm(
        request.POST or None,
        prefix="applicant",
        people=adults_of(centre, timezone.localdate()).order_by("last_name", "first_name"),
        roles=[MemberRole.APPLICANT],
    )
    if request.method == "POST" and form.is_valid() and person_form.is_valid():
        try:
            adopter = register_adopters(
                centre,
                actor=request.user,
                data=form.adopter_data(),
                applicant=person_form.person(),
                confirmed=person_form.cleaned_data["confirmed"],
            )
        except DomainError as error:
            target = form if error.field in form.fields else person_form
            apply_domain_error(target, error)
        else:
            messages.success(request, f"{adopter.name}: насочването е записано.")
            return redirect("fostering:adopter", centre=centre.slug, adopter_id=adopter.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "person_form": person_form, "nav": "fostering"}
    return render(request, "fostering/adopter_new.html", context, status=status)


def _steps(adopter) -> list[tuple[str, str]]:
    allowed = ADOPTER_TRANSITIONS[adopter.status]
    return [(s, STEP_LABELS[s]) for s in STEP_LABELS if s in allowed]


def _kinds(adopter) -> list[str]:
    if adopter.status == S.CLOSED:
        return []
    if adopter.status == S.ADOPTED:
        return [AdopterContactKind.FOLLOW_UP, AdopterContactKind.CONSULTATION]
    return [AdopterContactKind.CONSULTATION]


def _render(request, adopter, status: int = 200, **forms):
    page = adopter_page(adopter, request.user, timezone.localdate())
    context = {
        "page": page,
        "adopter": adopter,
        "pipeline": [(s, S(s).label) for s in ADOPTER_PIPELINE],
        "reached": {h.to_status for h in page.history},
        "step_form": forms.get("step_form") or AdopterStepForm(steps=_steps(adopter)),
        "contact_form": forms.get("contact_form") or AdopterContactForm(kinds=_kinds(adopter)),
        "open_action": next(iter(forms), None),
        "nav": "fostering",
    }
    return render(request, "fostering/adopter.html", context, status=status)


@centre_view("fostering.view_fostering")
def adopter_detail(request, adopter_id: int):
    adopter = adopter_in(request.centre, adopter_id)
    record_read(request, adopter, action="fostering.adopters.view")
    return _render(request, adopter)


@centre_view(_WORK)
def edit_adopter(request, adopter_id: int):
    adopter = adopter_in(request.centre, adopter_id)
    initial = {name: getattr(adopter, name) for name in AdopterForm.base_fields}
    form = AdopterForm(request.POST or None, centre=request.centre, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_adopters(adopter, actor=request.user, data=form.adopter_data())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Данните на семейството са записани.")
            return redirect("fostering:adopter", centre=request.centre.slug, adopter_id=adopter.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "adopter": adopter, "nav": "fostering"}
    return render(request, "fostering/adopter_edit.html", context, status=status)


@centre_view(_WORK)
def add_adopter_member(request, adopter_id: int):
    adopter = adopter_in(request.centre, adopter_id)
    roles = [MemberRole.SPOUSE, MemberRole.HOUSEHOLD]
    form = HouseholdPersonForm(
        request.POST or None, **household_form_kwargs(request, adopter, roles)
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = domain.add_adopter_member(
                adopter,
                actor=request.user,
                person=form.person(),
                role=form.cleaned_data["role"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"{member.person.full_name} е вписан/а в семейството.")
            return redirect("fostering:adopter", centre=request.centre.slug, adopter_id=adopter.pk)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "household": adopter,
        "back": "fostering:adopter",
        "back_id": adopter.pk,
        "nav": "fostering",
    }
    return render(request, "fostering/member_add.html", context, status=status)


@centre_view(_WORK)
@require_POST
def change_status(request, adopter_id: int):
    adopter = adopter_in(request.centre, adopter_id)
    form = AdopterStepForm(request.POST, steps=_steps(adopter))
    if form.is_valid():
        try:
            changed = change_adopter_status(adopter, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Етап: {changed.get_status_display()}.")
            return redirect("fostering:adopter", centre=request.centre.slug, adopter_id=adopter.pk)
    return _render(request, adopter, status=400, step_form=form)


@centre_view(_WORK)
@require_POST
def add_contact(request, adopter_id: int):
    adopter = adopter_in(request.centre, adopter_id)
    form = AdopterContactForm(request.POST, kinds=_kinds(adopter))
    if form.is_valid():
        try:
            contact = record_adopter_contact(adopter, actor=request.user, data=form.contact_data())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, f"{contact.get_kind_display()} на {contact.held_on:%d.%m.%Y} е записана."
            )
            return redirect("fostering:adopter", centre=request.centre.slug, adopter_id=adopter.pk)
    return _render(request, adopter, status=400, contact_form=form)
