"""Pages of general-access consultations: open one for a person, close it, or refer onward."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from opora.cases.domain.access import readable_people
from opora.cases.domain.general import (
    close_consultation,
    open_consultation,
    refer_from_consultation,
)
from opora.cases.domain.queries import case_detail
from opora.cases.enums import CaseStatus, Track
from opora.cases.general_forms import (
    CloseConsultationForm,
    OpenConsultationForm,
    ReferConsultationForm,
)
from opora.cases.models import Case
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error


@centre_view("cases.open_consultation")
def open_for_person(request, person_id: int):
    person = get_object_or_404(readable_people(request.user, request.centre), pk=person_id)
    form = OpenConsultationForm(_posted(request), centre=request.centre)
    if request.method == "POST" and form.is_valid():
        try:
            case = open_consultation(
                centre=request.centre,
                actor=request.user,
                person=person,
                services=form.cleaned_data["services"],
                note=form.cleaned_data["note"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Общодостъпната консултация {case.number} за {person.full_name} е открита.",
            )
            return redirect("cases:detail", centre=request.centre.slug, case_id=case.pk)
    open_ones = Case.objects.filter(
        centre=request.centre, primary_person=person, status=CaseStatus.CONSULTATION_OPEN
    ).order_by("-registered_at")
    context = {"person": person, "form": form, "open_ones": list(open_ones), "nav": "people"}
    status = 400 if request.method == "POST" else 200
    return render(request, "cases/general/new.html", context, status=status)


@centre_view("cases.close_consultation")
def close(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    form = CloseConsultationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            close_consultation(case, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Консултацията {case.number} е приключена.")
            return redirect("cases:detail", centre=request.centre.slug, case_id=case.pk)
    return _page(request, case, form, "cases/general/close.html")


@centre_view("cases.close_consultation")
def refer(request, case_id: int):
    """Close the episode with the reason, then open the referral form for the same person."""
    case = case_detail(request.user, request.centre, case_id)
    form = ReferConsultationForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            refer_from_consultation(case, actor=request.user, note=form.cleaned_data["note"])
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Консултацията {case.number} е приключена. Попълнете насочването към "
                "специализирана услуга.",
            )
            url = reverse("referrals:new", kwargs={"centre": request.centre.slug})
            return redirect(f"{url}?person={case.primary_person_id}")
    return _page(request, case, form, "cases/general/refer.html")


def _page(request, case, form, template: str):
    context = {
        "case": case,
        "form": form,
        "is_open": case.track == Track.GENERAL and case.status == CaseStatus.CONSULTATION_OPEN,
        "nav": "cases",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, template, context, status=status)


def _posted(request):
    """The POSTed data, even when empty (an empty POST must still be validated, not ignored)."""
    return request.POST if request.method == "POST" else None
