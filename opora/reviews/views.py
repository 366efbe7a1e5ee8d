from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.cases.domain.queries import case_detail
from opora.cases.enums import Track
from opora.closure.domain.referrer import is_child_protection_case
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.reviews.domain import review as review_domain
from opora.reviews.domain.queries import review_in, reviews_of
from opora.reviews.enums import ReviewKind
from opora.reviews.forms import ReviewForm, StartReviewForm, initial_for
from opora.reviews.links import update_links


def _case(request, case_id: int, permission: str):
    """The case inside the centre (else 404) that the user may work on (else 403)."""
    case = case_detail(request.user, request.centre, case_id)
    if not request.user.has_perm(permission, case):
        raise PermissionDenied("Нямате права за прегледите по този случай.")
    return case


def _review(request, review_id: int, permission: str):
    """The review inside the centre (else 404), with its case, if the user may see it (else 403)."""
    review = review_in(request.centre, review_id)
    review.case = _case(request, review.case_id, permission)
    return review, review.case


@centre_view("cases.view_case")
def review_list(request, case_id: int):
    case = _case(request, case_id, "reviews.view_review")
    record(actor=request.user, action="review.list.view", obj=case)
    return _render_list(request, case, StartReviewForm())


def _render_list(request, case, form, status=200):
    reviews = list(reviews_of(case))
    context = {
        "case": case,
        "reviews": reviews,
        "open_review": next((r for r in reviews if r.in_progress), None),
        "form": form,
        "reviewable": case.status in review_domain.REVIEWABLE_STATUSES,
        "general": case.track == Track.GENERAL,
        "nav": "cases",
    }
    return render(request, "reviews/list.html", context, status=status)


@centre_view("cases.view_case")
@require_POST
def start(request, case_id: int):
    case = _case(request, case_id, "reviews.conduct_review")
    form = StartReviewForm(request.POST)
    if form.is_valid():
        try:
            review = review_domain.start_review(
                case, actor=request.user, kind=form.cleaned_data["kind"],
                reason=form.cleaned_data["reason"],
            )  # fmt: skip
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, _started_message(review))
            return redirect(_detail_url(request, review))
    return _render_list(request, case, form, status=400)


def _started_message(review) -> str:
    message = f"Прегледът на ИПП по случай {review.case.number} започна."
    if review.kind == ReviewKind.NEW_RISK and is_child_protection_case(review.case):
        message += " Създадена е задача за уведомяване на ОЗД за новия риск (чл. 36г ЗЗД)."
    return message


@centre_view("cases.view_case")
def detail(request, review_id: int):
    review, case = _review(request, review_id, "reviews.view_review")
    record(actor=request.user, action="review.view", obj=case, changes={"review": review.pk})
    form = None
    if review.in_progress and request.user.has_perm("reviews.conduct_review", case):
        form = _sheet(review, initial=initial_for(review, next_review_on=_default_next(case)))
    return _render_detail(request, case, review, form)


def _render_detail(request, case, review, form, status=200):
    context = {
        "case": case,
        "review": review,
        "form": form,
        "child_must_be_heard": review_domain.child_must_be_heard(case, review.held_on),
        "links": update_links(request.centre, case, review),
        "nav": "cases",
    }
    return render(request, "reviews/detail.html", context, status=status)


def _sheet(review, *, data=None, initial=None, completing=False) -> ReviewForm:
    goals = review.plan.goals.order_by("order", "id") if review.plan_id else []
    return ReviewForm(data, initial=initial, review=review, goals=goals, completing=completing)


def _default_next(case):
    return review_domain.default_next_review(case)


def _sheet_action(completing: bool):
    def view(request, review_id: int):
        review, case = _review(request, review_id, "reviews.conduct_review")
        form = _sheet(review, data=request.POST, completing=completing)
        if form.is_valid():
            write = review_domain.complete_review if completing else review_domain.record_review
            try:
                write(review, actor=request.user, data=form.to_data())
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                return _after_sheet(request, case, review, completing)
        return _render_detail(request, case, review, form, status=400)

    return centre_view("cases.view_case")(require_POST(view))


def _after_sheet(request, case, review, completing: bool):
    if not completing:
        messages.success(request, "Прегледът е записан; можете да го допълните и приключите.")
        return redirect(_detail_url(request, review))
    next_on = f"{review.next_review_on:%d.%m.%Y}"
    messages.success(
        request, f"Прегледът е приключен. Случай {case.number} отново е активен; следващ преглед: {next_on}."
    )  # fmt: skip
    return redirect(_detail_url(request, review))


record_sheet = _sheet_action(completing=False)
complete = _sheet_action(completing=True)


def _detail_url(request, review) -> str:
    from django.urls import reverse

    return reverse(
        "reviews:detail",
        kwargs={"centre": request.centre.slug, "review_id": review.pk},
    )
