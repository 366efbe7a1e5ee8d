"""The manager's audit pages: who opened a case, what a staff member did, unusual access.

Each page only shows entries of the manager's own centre, and each visit is itself recorded.
"""

from django.conf import settings
from django.shortcuts import get_object_or_404, render

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.audit.domain.queries import case_trail, staff_trail, unusual_access
from opora.audit.forms import PeriodForm, StaffMonthForm
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.core.decorators import centre_view

_CURSOR_DIGITS = 18


@centre_view("audit.view_audit")
def case_log(request, case_id: int):
    case = get_object_or_404(
        Case.objects.select_related("primary_person"), pk=case_id, centre=request.centre
    )
    before = _before(request)
    page = case_trail(request.centre, case.pk, before=before, size=settings.OPORA_PAGE_SIZE)
    record(actor=request.user, action="audit.view_case_log", obj=case, changes={"before": before})
    context = {"case": case, "page": page, "managers": _managers(request.centre), "nav": "audit"}
    return render(request, "audit/case_log.html", context)


@centre_view("audit.view_audit")
def staff_log(request):
    memberships = list(
        Membership.objects.filter(centre=request.centre)
        .select_related("user")
        .order_by("-is_active", "user__last_name", "user__first_name", "pk")
    )
    form = StaffMonthForm(request.GET or None, memberships=memberships)
    context = {"form": form, "page": None, "nav": "audit", "tab": "staff"}
    if not form.is_bound:
        return render(request, "audit/staff_log.html", context)
    if not form.is_valid():
        return render(request, "audit/staff_log.html", context, status=400)
    chosen = next(m.user for m in memberships if m.user_id == form.cleaned_data["user"])
    month, before = form.cleaned_data["month"], _before(request)
    page = staff_trail(
        request.centre, chosen, month=month, before=before, size=settings.OPORA_PAGE_SIZE
    )
    record(
        actor=request.user, action="audit.view_staff_log", obj=chosen,
        centre_id=request.centre.pk, changes={"month": month.strftime("%m.%Y"), "before": before},
    )  # fmt: skip
    context.update(
        staff=chosen, month=month, page=page, query=_without_cursor(request),
        managers=_managers(request.centre),
    )  # fmt: skip
    return render(request, "audit/staff_log.html", context)


@centre_view("audit.view_audit")
def unusual(request):
    form = PeriodForm(request.GET)
    thresholds = settings_for(request.centre)
    context = {"form": form, "thresholds": thresholds, "nav": "audit", "tab": "unusual"}
    if not form.is_valid():
        return render(request, "audit/unusual.html", context, status=400)
    start, end = form.cleaned_data["date_from"], form.cleaned_data["date_to"]
    found = unusual_access(
        request.centre, start=start, end=end,
        cases=thresholds.unusual_access_cases, minutes=thresholds.unusual_access_minutes,
        managers=_managers(request.centre),
    )  # fmt: skip
    record(
        actor=request.user, action="audit.view_unusual", centre_id=request.centre.pk,
        changes={"from": start.isoformat(), "to": end.isoformat()},
    )  # fmt: skip
    context.update(found=found, start=start, end=end, numbers=_case_numbers(request.centre, found))
    return render(request, "audit/unusual.html", context)


def _before(request) -> int | None:
    """The keyset cursor of the page; anything but a plain id is the first page."""
    raw = request.GET.get("before", "")
    if raw.isascii() and raw.isdigit() and len(raw) <= _CURSOR_DIGITS:
        return int(raw)
    return None


def _without_cursor(request) -> str:
    query = request.GET.copy()
    query.pop("before", None)
    return query.urlencode()


def _managers(centre) -> set[int]:
    return set(
        Membership.objects.filter(centre=centre, role=Role.MANAGER, is_active=True).values_list(
            "user_id", flat=True
        )
    )


def _case_numbers(centre, found) -> dict[int, str]:
    ids = {read.case_id for read in found.outside_team}
    ids |= {case_id for burst in found.bursts for case_id in burst.case_ids}
    return dict(Case.objects.filter(centre=centre, pk__in=ids).values_list("pk", "number"))
