from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from opora.audit.domain import record
from opora.cases.domain.access import mark_people_access, readable_case_ids, readable_people
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.text import is_ascii_digits
from opora.people.domain import person as person_domain
from opora.people.domain.queries import people_of, search_people
from opora.people.enums import RelationKind
from opora.people.forms import PersonForm, RelationForm, initial_from_query
from opora.people.models import Person, Relation


def _person_or_404(request, person_id: int) -> Person:
    """A person whose record the user may open (need-to-know); 404 for anyone else."""
    return get_object_or_404(readable_people(request.user, request.centre), pk=person_id)


@centre_view("people.view_person")
def search(request):
    query = request.GET.get("q", "").strip()
    results = search_people(request.centre, query) if query else []
    mark_people_access(request.user, request.centre, results)
    new_url = reverse("people:new", kwargs={"centre": request.centre.slug}) + "?q="
    if not request.user.has_perm("people.add_person", request.centre):
        new_url = None
    context = {
        "query": query,
        "results": results,
        "nav": "people",
        "pick_url": None,
        "new_url": new_url,
    }
    if request.htmx:
        return render(request, "people/_results.html", context)
    return render(request, "people/search.html", context)


@centre_view("people.add_person")
def create(request):
    relate_to = _relate_to(request)
    initial = initial_from_query(request.GET.get("q", ""))
    form = PersonForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if relate_to is None:
                person = person_domain.create_person(
                    centre=request.centre,
                    actor=request.user,
                    data=form.person_data(),
                    confirmed=form.cleaned_data["confirmed"],
                )
            else:
                person = person_domain.create_relative(
                    person=relate_to,
                    actor=request.user,
                    data=form.person_data(),
                    kind=request.GET.get("kind", ""),
                    confirmed=form.cleaned_data["confirmed"],
                )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"{person.full_name} е записан/а.")
            target = relate_to or person
            return redirect("people:detail", centre=request.centre.slug, person_id=target.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "nav": "people", "relate_to": relate_to, "title": "Ново лице"},
    )


@centre_view("people.view_person")
def detail(request, person_id: int):
    person = _person_or_404(request, person_id)
    record(actor=request.user, action="person.view", obj=person)
    relations = Relation.objects.filter(person=person).select_related("relative")
    relatives_of = Relation.objects.filter(relative=person).select_related("person")
    cases = list(
        person.case_links.select_related("case", "case__case_manager").order_by(
            "-case__registered_at"
        )
    )
    readable = readable_case_ids(request.user, request.centre, [link.case for link in cases])
    for link in cases:
        link.no_access = link.case_id not in readable
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "relations": relations,
            "relatives_of": relatives_of,
            "case_links": cases,
            "nav": "people",
        },
    )


@centre_view("people.change_person")
def edit(request, person_id: int):
    person = _person_or_404(request, person_id)
    if request.method == "GET":
        record(actor=request.user, action="person.edit.view", obj=person)
    form = PersonForm(request.POST or None, initial=PersonForm.initial_from(person))
    if request.method == "POST" and form.is_valid():
        try:
            person_domain.update_person(
                person,
                actor=request.user,
                data=form.person_data(),
                confirmed=form.cleaned_data["confirmed"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Промените са записани.")
            return redirect("people:detail", centre=request.centre.slug, person_id=person.pk)
    return render(
        request,
        "people/form.html",
        {"form": form, "person": person, "nav": "people", "title": "Редакция"},
    )


@centre_view("people.change_person")
def add_relative(request, person_id: int):
    person = _person_or_404(request, person_id)
    query = request.GET.get("q", "").strip()
    form = RelationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        relative = get_object_or_404(people_of(request.centre), pk=form.cleaned_data["relative_id"])
        try:
            person_domain.add_relation(
                person=person, relative=relative, kind=form.cleaned_data["kind"], actor=request.user
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, f"Връзката с {relative.full_name} е записана.")
            return redirect("people:detail", centre=request.centre.slug, person_id=person.pk)
    results = (
        [p for p in search_people(request.centre, query) if p.pk != person.pk] if query else []
    )
    return render(
        request,
        "people/add_relation.html",
        {
            "person": person,
            "query": query,
            "results": results,
            "kinds": RelationKind.choices,
            "nav": "people",
        },
    )


def _relate_to(request) -> Person | None:
    raw = request.GET.get("relate_to", "")
    return _person_or_404(request, int(raw)) if is_ascii_digits(raw) and len(raw) < 19 else None
