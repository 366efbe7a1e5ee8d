from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from opora.cases.domain.access_requests import pending_requests
from opora.core.decorators import centre_view
from opora.core.text import is_ascii_digits
from opora.deadlines.forms import OverdueFilterForm
from opora.deadlines.queries import (
    centre_overdue,
    counts_by_owner,
    my_work,
    overdue_tasks_count,
)


@centre_view("deadlines.view_my_work")
@require_safe
def my_work_page(request):
    work = my_work(request.user, request.centre, timezone.localdate())
    context = {"work": work, "nav": "my_work"}
    if request.user.has_perm("cases.decide_case_access", request.centre):
        context["access_requests"] = pending_requests(request.centre)
    return render(request, "deadlines/my_work.html", context)


@centre_view("deadlines.view_centre_overdue")
@require_safe
def overdue_page(request):
    centre, today = request.centre, timezone.localdate()
    form = OverdueFilterForm(request.GET or None, centre=centre)
    filters = form.filters()
    page, size = _page_number(request), settings.OPORA_PAGE_SIZE
    # One row more than the page tells whether a next page exists, without COUNT(*).
    rows = centre_overdue(centre, today, filters, limit=size + 1, offset=(page - 1) * size)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "filters": filters,
        "rows": rows[:size],
        "counts": counts_by_owner(centre, today, filters),
        "late_tasks": overdue_tasks_count(centre, timezone.now()),
        "today": today,
        "page": page,
        "has_next": len(rows) > size,
        "query": query.urlencode(),
        "nav": "overdue",
    }
    return render(request, "deadlines/overdue.html", context)


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return max(int(raw), 1) if is_ascii_digits(raw) and len(raw) < 6 else 1
