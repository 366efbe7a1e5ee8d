"""Foster-care candidates: the list by stage, registering an enquiry, the page, details, members;
the register of approved families and the centre's foster-care values."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from opora.audit.domain import record_read
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.fostering.domain.candidate import (
    add_candidate_member,
    create_candidate,
    update_candidate,
)
from opora.fostering.domain.queries import (
    adults_of,
    candidate_groups,
    candidate_in,
    register_of,
)
from opora.fostering.domain.settings import settings_of, update_fostering_settings
from opora.fostering.enums import CandidateStatus, MemberRole
from opora.fostering.forms import CandidateForm, HouseholdPersonForm, SettingsForm
from opora.fostering.views.candidate_page import household_form_kwargs, render_candidate


@centre_view("fostering.view_fostering")
def candidate_list(request):
    wanted = request.GET.get("status", "")
    status = wanted if wanted in CandidateStatus.values else ""
    groups = candidate_groups(request.centre, timezone.localdate(), status=status)
    context = {
        "groups": groups,
        "status": status,
        "statuses": CandidateStatus.choices,
        "nav": "fostering",
    }
    return render(request, "fostering/candidate_list.html", context)


@centre_view("fostering.work_with_candidates")
def new_candidate(request):
    centre = request.centre
    form = CandidateForm(request.POST or None, centre=centre)
    person_form = HouseholdPersonForm(
        request.POST or None,
        prefix="applicant",
        people=adults_of(centre, timezone.localdate()).order_by("last_name", "first_name"),
        roles=[MemberRole.APPLICANT],
    )
    if request.method == "POST" and form.is_valid() and person_form.is_valid():
        try:
            candidate = create_candidate(
                centre,
                actor=request.user,
                data=form.candidate_data(),
                applicant=person_form.person(),
                confirmed=person_form.cleaned_data["confirmed"],
            )
        except DomainError as error:
            _show(error, form, person_form)
        else:
            messages.success(request, f"Запитването от {candidate.name} е записано.")
            return redirect("fostering:candidate", centre=centre.slug, candidate_id=candidate.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "person_form": person_form, "nav": "fostering"}
    return render(request, "fostering/candidate_new.html", context, status=status)


def _show(error: DomainError, form, person_form) -> None:
    """A refusal about the household form's fields goes there, everything else on the main form."""
    if error.field in form.fields and error.field not in person_form.fields:
        apply_domain_error(form, error)
    else:
        apply_domain_error(person_form, error)


@centre_view("fostering.view_fostering")
def candidate_detail(request, candidate_id: int):
    candidate = candidate_in(request.centre, candidate_id)
    record_read(request, candidate, action="fostering.candidate.view")
    return render_candidate(request, candidate)


@centre_view("fostering.work_with_candidates")
def edit_candidate(request, candidate_id: int):
    candidate = candidate_in(request.centre, candidate_id)
    initial = {name: getattr(candidate, name) for name in CandidateForm.base_fields}
    form = CandidateForm(request.POST or None, centre=request.centre, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_candidate(candidate, actor=request.user, data=form.candidate_data())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Данните на кандидатите са записани.")
            return redirect(
                "fostering:candidate", centre=request.centre.slug, candidate_id=candidate.pk
            )
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "candidate": candidate, "nav": "fostering"}
    return render(request, "fostering/candidate_edit.html", context, status=status)


@centre_view("fostering.work_with_candidates")
def add_member(request, candidate_id: int):
    candidate = candidate_in(request.centre, candidate_id)
    roles = [MemberRole.SPOUSE, MemberRole.HOUSEHOLD]
    form = HouseholdPersonForm(
        request.POST or None, **household_form_kwargs(request, candidate, roles)
    )
    if request.method == "POST" and form.is_valid():
        try:
            member = add_candidate_member(
                candidate,
                actor=request.user,
                person=form.person(),
                role=form.cleaned_data["role"],
                confirmed=form.cleaned_data["confirmed"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"{member.person.full_name} е вписан/а в семейството.")
            return redirect(
                "fostering:candidate", centre=request.centre.slug, candidate_id=candidate.pk
            )
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "household": candidate,
        "back": "fostering:candidate",
        "back_id": candidate.pk,
        "nav": "fostering",
    }
    return render(request, "fostering/member_add.html", context, status=status)


@centre_view("fostering.view_fostering")
def register(request):
    rows = register_of(request.centre, timezone.localdate())
    return render(request, "fostering/register.html", {"rows": rows, "nav": "fostering"})


@centre_view("fostering.edit_fostering_settings")
def fostering_settings(request):
    current = settings_of(request.centre)
    form = SettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in SettingsForm.Meta.fields}
        try:
            update_fostering_settings(request.centre, actor=request.user, values=values)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Настройките за приемна грижа са записани.")
            return redirect("fostering:candidates", centre=request.centre.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "fostering/settings.html", {"form": form, "nav": "fostering"}, status=status
    )
