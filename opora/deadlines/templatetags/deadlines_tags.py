from django import template
from django.utils import timezone

from opora.deadlines.calendar import days_label
from opora.deadlines.queries import CaseDeadlines, DeadlineCounts, case_deadlines, dashboard_counts

register = template.Library()


@register.simple_tag(takes_context=True)
def case_deadlines_of(context, case) -> CaseDeadlines | None:
    """{% case_deadlines_of case as dl %}: the case's open and last met deadlines (two queries)."""
    request = context.get("request")
    if request is None or not request.user.has_perm("deadlines.view_case_deadlines", case):
        return None
    return case_deadlines(case, timezone.localdate())


@register.simple_tag(takes_context=True)
def deadline_counts(context) -> DeadlineCounts | None:
    """{% deadline_counts as dc %}: the dashboard's counts; None for roles without case content."""
    request = context.get("request")
    centre = getattr(request, "centre", None)
    if centre is None or not request.user.has_perm("deadlines.view_my_work", centre):
        return None
    return dashboard_counts(request.user, centre, timezone.localdate())


@register.filter
def days_bg(count: int) -> str:
    """{{ n|days_bg }}: 1 ден, 2 дни."""
    return days_label(count)
