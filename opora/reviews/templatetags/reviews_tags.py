from django import template
from django.utils import timezone

from opora.cases.enums import CaseStatus, Track
from opora.reviews.domain.queries import review_state
from opora.reviews.domain.review import REVIEWABLE_STATUSES
from opora.reviews.enums import ReviewKind

register = template.Library()

# From the support under a plan onwards: the statuses whose case page shows the reviews.
_SHOWN_FROM = REVIEWABLE_STATUSES | {
    CaseStatus.CLOSING,
    CaseStatus.CLOSED,
    CaseStatus.FOLLOW_UP,
    CaseStatus.ARCHIVED,
}


@register.filter
def shows_reviews(case) -> bool:
    return case.track != Track.GENERAL and case.status in _SHOWN_FROM


@register.inclusion_tag("reviews/_panel_body.html", takes_context=True)
def review_panel(context, case):
    """The reviews block of the case page: three queries, whatever the number of reviews."""
    request = context["request"]
    return {
        "case": case,
        "centre": context["centre"],
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "today": timezone.localdate(),
        "state": review_state(case),
        "may_conduct": request.user.has_perm("reviews.conduct_review", case),
        "event_kinds": [
            (k, ReviewKind(k).label) for k in ReviewKind.values if k in ReviewKind.events()
        ],
        "reviewable": case.status in REVIEWABLE_STATUSES,
    }
