"""A placement with an approved family: its 6-monthly reviews and its end."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opora.audit.domain import record_read
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.fostering.domain.placements import end_placement, latest_end, review_placement
from opora.fostering.domain.queries import counter, placement_in, placement_review_due
from opora.fostering.forms import EndPlacementForm, ReviewForm


@centre_view("fostering.view_fostering")
def placement_detail(request, placement_id: int):
    placement = placement_in(request.centre, placement_id)
    record_read(request, placement.candidate, action="fostering.placement.view")
    return _render(request, placement)


def _render(request, placement, status: int = 200, **forms):
    due = placement_review_due(placement)
    context = {
        "placement": placement,
        "candidate": placement.candidate,
        "reviews": list(placement.reviews.select_related("recorded_by")),
        "counter": counter(due, timezone.localdate(), "до прегледа"),
        "latest_end": latest_end(placement),
        "review_form": forms.get("review_form") or ReviewForm(),
        "end_form": forms.get("end_form") or EndPlacementForm(),
        "open_action": next(iter(forms), None),
        "nav": "fostering",
    }
    return render(request, "fostering/placement.html", context, status=status)


@centre_view("fostering.work_with_candidates")
@require_POST
def review(request, placement_id: int):
    placement = placement_in(request.centre, placement_id)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            done = review_placement(placement, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request,
                f"Прегледът е записан; следващият е до {done.next_review_on:%d.%m.%Y}.",
            )
            return redirect(
                "fostering:placement", centre=request.centre.slug, placement_id=placement.pk
            )
    return _render(request, placement, status=400, review_form=form)


@centre_view("fostering.work_with_candidates")
@require_POST
def end(request, placement_id: int):
    placement = placement_in(request.centre, placement_id)
    form = EndPlacementForm(request.POST)
    if form.is_valid():
        try:
            end_placement(placement, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Настаняването на {placement.child.full_name} е прекратено.")
            return redirect(
                "fostering:placement", centre=request.centre.slug, placement_id=placement.pk
            )
    return _render(request, placement, status=400, end_form=form)
