from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.cases.domain.access_requests import pending_requests
from opora.cases.domain.capacity import capacity_of
from opora.cases.domain.queries import counts_by_status, my_cases, new_referrals, waiting_list
from opora.cases.enums import CaseStatus
from opora.centres import indicators
from opora.centres.domain import settings_for, update_centre
from opora.centres.enums import Service, TargetGroup
from opora.centres.forms import CentreProfileForm, CentreSettingsForm, IndicatorPeriodForm
from opora.centres.indicator_charts import names_of, over_standard, trends, workload_chart
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.deadlines.queries import OverdueFilters, counts_by_owner
from opora.tasks.domain import open_tasks_of


@centre_view("centres.open_centre")
def dashboard(request):
    centre, user = request.centre, request.user
    context = {"nav": "home", "capacity": capacity_of(centre)}
    if user.has_perm("cases.view_case", centre):
        context["my_cases"] = my_cases(user, centre, limit=30)
        context["tasks"] = list(open_tasks_of(user, centre)[:20])
    if user.has_perm("cases.decide_case_access", centre):
        context["access_requests"] = pending_requests(centre)
    if user.has_perm("cases.view_waiting_list", centre):
        context["waiting"] = waiting_list(centre)
        context["new_referrals"] = new_referrals(user, centre)
    if request.role == Role.ACCOUNTANT:
        counts = counts_by_status(centre)
        context["status_counts"] = [(CaseStatus(s).label, n) for s, n in counts.items() if n]
        context["staff_count"] = Membership.objects.filter(centre=centre, is_active=True).count()
    return render(request, "centres/dashboard.html", context)


@centre_view("centres.view_capacity_trends")
def indicators_page(request):
    """„Показатели“: trends for the manager and the accountant; names only for the manager."""
    centre, today = request.centre, timezone.localdate()
    form = IndicatorPeriodForm(request.GET or None, today=today)
    period = form.chosen_period()
    charts = trends([centre.pk], capacity_total=centre.capacity, period=period, now=timezone.now())
    context = {"nav": "home", "form": form, "charts": charts}
    if request.user.has_perm("centres.view_indicators", centre):
        context.update(_named_indicators(centre, today))
    return render(request, "centres/indicators.html", context)


def _named_indicators(centre, today) -> dict:
    first = today.replace(day=1)
    open_cases = indicators.cases_open_this_month([centre.pk], today)
    counts = indicators.workload([centre.pk], open_cases)[centre.pk]
    standard = settings_for(centre).workload_standard
    return {
        "standard": standard,
        "workload": workload_chart(counts, standard=standard, names=names_of(counts), month=first),
        "over_standard": over_standard(counts, standard),
        "overdue_kinds": indicators.overdue_by_kind([centre.pk], today),
        "overdue_owners": [
            row for row in counts_by_owner(centre, today, OverdueFilters()) if row.overdue
        ],
    }


@centre_view("centres.open_centre")
def profile(request):
    centre = request.centre
    context = {
        "nav": "centre",
        "capacity": capacity_of(centre),
        "settings_obj": settings_for(centre),
        "services": [Service(s).label for s in centre.services if s in Service.values],
        "target_groups": [
            TargetGroup(g).label for g in centre.target_groups if g in TargetGroup.values
        ],
    }
    return render(request, "centres/profile.html", context)


@centre_view("centres.edit_centre_profile")
def edit_profile(request):
    centre = request.centre
    data = request.POST or None
    form = CentreProfileForm(data, instance=_copy(centre))
    settings_form = CentreSettingsForm(data, instance=_copy(settings_for(centre)))
    if request.method == "POST" and form.is_valid() and settings_form.is_valid():
        try:
            with transaction.atomic():
                update_centre(
                    centre,
                    actor=request.user,
                    profile=form.cleaned_data,
                    settings=settings_form.cleaned_data,
                )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Профилът и настройките на центъра са записани.")
            return redirect("centres:profile", centre=centre.slug)
    return render(
        request,
        "centres/edit.html",
        {"form": form, "settings_form": settings_form, "nav": "centre"},
    )


def _copy(instance):
    """ModelForm validation mutates its instance; the domain function must see the saved values."""
    from copy import copy

    return copy(instance)
