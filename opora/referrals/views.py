from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.text import is_ascii_digits
from opora.people.domain.person import check_person_data
from opora.people.domain.queries import people_of, search_people
from opora.people.forms import PersonForm, initial_from_query
from opora.people.models import Relation
from opora.referrals.domain import register_referral, register_referral_for_new_person
from opora.referrals.forms import ReferralForm


@centre_view("referrals.register_referral")
def new_referral(request):
    """Step 1: search for the child (search before create). Step 2: the referral form."""
    person_id = request.GET.get("person", "")
    if is_ascii_digits(person_id):
        if len(person_id) > 18:
            raise Http404("Няма такова лице.")
        return _referral_for_existing(
            request, get_object_or_404(people_of(request.centre), pk=int(person_id))
        )
    if request.GET.get("new") == "1":
        return _referral_for_new(request)
    query = request.GET.get("q", "").strip()
    base = reverse("referrals:new", kwargs={"centre": request.centre.slug})
    context = {
        "query": query,
        "results": search_people(request.centre, query) if query else [],
        "pick_url": f"{base}?person=",
        "new_url": f"{base}?new=1&q=",
        "nav": "referral",
    }
    template = "people/_results.html" if request.htmx else "referrals/find_person.html"
    return render(request, template, context)


def _referral_for_existing(request, person):
    relatives = Relation.objects.filter(person=person).select_related("relative")
    form = ReferralForm(request.POST or None, relatives=relatives)
    if request.method == "POST" and form.is_valid():
        try:
            case = register_referral(
                centre=request.centre, actor=request.user, person=person, data=form.referral_data()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _registered(request, case)
    return render(
        request,
        "referrals/form.html",
        {"form": form, "person": person, "error_forms": [form], "nav": "referral"},
    )


def _referral_for_new(request):
    data = request.POST or None
    person_form = PersonForm(
        data, prefix="person", initial=initial_from_query(request.GET.get("q", ""))
    )
    form = ReferralForm(data)
    if request.method == "POST" and person_form.is_valid() and not form.is_valid():
        _check_person_early(request, person_form)
    elif request.method == "POST" and person_form.is_valid() and form.is_valid():
        try:
            case = register_referral_for_new_person(
                centre=request.centre,
                actor=request.user,
                person_data=person_form.person_data(),
                confirmed=person_form.cleaned_data["confirmed"],
                data=form.referral_data(),
            )
        except DomainError as error:
            apply_domain_error(
                person_form if error.field in person_form.fields or _is_warning(error) else form,
                error,
            )
        else:
            return _registered(request, case)
    return render(
        request,
        "referrals/form.html",
        {
            "form": form,
            "person_form": person_form,
            "error_forms": [person_form, form],
            "nav": "referral",
        },
    )


def _check_person_early(request, person_form) -> None:
    """Report the child's errors (e.g. a bad ЕГН) together with the referral's, not a round later."""
    try:
        check_person_data(request.centre, person_form.person_data())
    except DomainError as error:
        apply_domain_error(person_form, error)


def _is_warning(error) -> bool:
    return hasattr(error, "warnings")


def _registered(request, case):
    messages.success(
        request,
        f"Насочването е регистрирано като случай {case.number}. Предстои решение за приема.",
    )
    if case.tasks.filter(done_at__isnull=True).exists():
        messages.warning(request, "Създадена е задача за незабавно уведомяване — вижте я в случая.")
    return redirect("cases:detail", centre=request.centre.slug, case_id=case.pk)
