from django import template
from django.utils import timezone

from opora.cases.domain.status import can_transition
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus, Track
from opora.closure.domain.queries import closure_state

register = template.Library()

_SHOWN_IN = OCCUPYING_STATUSES | {CaseStatus.CLOSED, CaseStatus.FOLLOW_UP, CaseStatus.ARCHIVED}


@register.filter
def shows_closure(case) -> bool:
    return case.track != Track.GENERAL and case.status in _SHOWN_IN


@register.inclusion_tag("closure/_panel_body.html", takes_context=True)
def closure_panel(context, case):
    """Closure, follow-up and reports to the referrer on the case page, in a fixed number of queries."""
    request = context["request"]
    user = request.user
    return {
        "case": case,
        "centre": context["centre"],
        "csrf_token": context.get("csrf_token"),
        "today": timezone.localdate(),
        "state": closure_state(case),
        "proposable": can_transition(case, CaseStatus.CLOSING),
        "may_propose": user.has_perm("closure.propose_closure", case),
        "may_approve": user.has_perm("closure.approve_closure", case),
        "may_reopen": user.has_perm("closure.reopen_case", case),
        "may_follow_up": user.has_perm("closure.record_follow_up", case),
    }
