"""The officials' pages: the centres they oversee, in aggregate. Anyone else gets a 404."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from opora.centres.forms import IndicatorPeriodForm
from opora.centres.indicator_charts import trends, workload_chart
from opora.centres.indicators import cases_open_this_month, workload
from opora.oversight.domain.figures import by_municipality, figures_of, total_of
from opora.oversight.domain.scope import overseen_centres


def oversight_view(view):
    """Signed in (two factors, as everywhere) and overseeing at least one centre."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        centres = list(overseen_centres(request.user))
        if not centres:
            raise Http404("Няма такава страница.")
        request.overseen = centres
        return view(request, *args, **kwargs)

    return wrapped


@oversight_view
def overview(request):
    figures = figures_of(request.overseen, today=timezone.localdate(), now=timezone.now())
    context = {
        "municipalities": by_municipality(figures),
        "total": total_of(figures),
        "scope": _scope_label(request.user),
        "oversight_nav": "overview",
    }
    return render(request, "oversight/overview.html", context)


@oversight_view
def total_charts(request):
    centres = request.overseen
    return _charts_page(
        request,
        centres,
        heading=f"Общо за {_scope_label(request.user)}",
        capacity=sum(c.capacity for c in centres),
        nav="charts",
    )


@oversight_view
def centre_detail(request, slug: str):
    centre = get_object_or_404(overseen_centres(request.user), slug=slug)
    today = timezone.localdate()
    figures = figures_of([centre], today=today, now=timezone.now())[0]
    return _charts_page(
        request,
        [centre],
        heading=centre.name,
        capacity=centre.capacity,
        nav="overview",
        standard=figures.standard,
        extra={"figures": figures, "overseen_centre": centre},
    )


def _charts_page(request, centres, *, heading, capacity, nav, standard=None, extra=None):
    today = timezone.localdate()
    form = IndicatorPeriodForm(request.GET or None, today=today)
    ids = [c.pk for c in centres]
    charts = trends(ids, capacity_total=capacity, period=form.chosen_period(), now=timezone.now())
    context = {
        "heading": heading,
        "form": form,
        "charts": charts,
        "oversight_nav": nav,
        "scope": _scope_label(request.user),
        **(extra or {}),
    }
    if standard is not None:  # one centre: its specialists, numbered, against its standard
        first = today.replace(day=1)
        counts = workload(ids, cases_open_this_month(ids, today))[ids[0]]
        context["standard"] = standard
        context["workload"] = workload_chart(counts, standard=standard, names=None, month=first)
    return render(request, "oversight/charts.html", context)


def _scope_label(user) -> str:
    access = getattr(user, "oversight", None)
    if access is not None and access.municipality:
        return f"община {access.municipality}"
    return "всички центрове"
