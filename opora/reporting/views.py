"""„Статистика“: a centre's statistical report, its files and its submitted snapshots.

The same pages serve the roll-ups of `/oversight/reports/` (oversight_views.py): `Place` says
whose figures they are and where the links go.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.text import is_ascii_digits
from opora.privacy.domain.downloads import LINK_USED_OR_EXPIRED, take_download
from opora.privacy.forms import DownloadForm
from opora.reporting.definitions import STATISTICS_DEFINITION
from opora.reporting.domain import queries
from opora.reporting.domain.exports import export_statistics
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.snapshots import differences, take_snapshot
from opora.reporting.domain.statistics import centre_statistics
from opora.reporting.forms import ExportForm, PeriodForm, SnapshotForm, quick_period

NAV = "statistics"
PERMISSION = "reporting.view_statistics"


@dataclass(frozen=True)
class Place:
    """Whose figures a page shows: one centre (its staff) or a roll-up (an official)."""

    centre: object | None
    scope: Scope
    namespace: str  # "reporting" or "rollups"

    def url(self, name: str) -> str:
        kwargs = {"centre": self.centre.slug} if self.centre is not None else {}
        return reverse(f"{self.namespace}:{name}", kwargs=kwargs)

    def snapshot(self, request, pk: int):
        if self.centre is not None:
            return queries.centre_snapshot(self.centre, pk)
        return queries.rollup_snapshot(request.user, pk)

    def snapshots(self, request):
        if self.centre is not None:
            return queries.centre_snapshots(self.centre)
        return queries.rollup_snapshots(request.user)


def _centre_place(request) -> Place:
    return Place(request.centre, Scope.centre(request.centre), "reporting")


def _context(request, place: Place, **extra) -> dict:
    links = {name: place.url(name) for name in ("statistics", "export", "snapshots", "take")}
    # Officials submit their roll-ups; in a centre the manager submits its report.
    may_submit = place.centre is None or request.user.has_perm(
        "reporting.submit_statistics", place.centre
    )
    threshold = settings.OPORA_SUPPRESSION_THRESHOLD
    return {"place": place, "links": links, "nav": NAV, "definition": STATISTICS_DEFINITION,
            "threshold": threshold, "threshold_below": threshold - 1, "may_submit": may_submit,
            **extra}  # fmt: skip


# The report page


def statistics_page(request, place: Place):
    form = PeriodForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(
            request, "reporting/statistics.html", _context(request, place, form=form), status=400
        )
    period = form.period if request.GET else quick_period("this_year", timezone.localdate())
    statistics = centre_statistics(place.scope, period)
    bound = {"start": period.start, "end": period.end}
    context = _context(
        request, place, form=PeriodForm(initial=bound), statistics=statistics,
        figures=statistics.as_json(), export_form=ExportForm(initial=bound),
        snapshot_form=SnapshotForm(initial=bound),
    )  # fmt: skip
    return render(request, "reporting/statistics.html", context)


def export_page(request, place: Place):
    """GET: the export form for a period (from the query); POST: the file and its password."""
    if request.method != "POST":
        form = ExportForm(request.GET or None)
        period = form.period if request.GET and form.is_valid() else None
        initial = {"start": period.start, "end": period.end} if period else {}
        context = _context(
            request, place, form=ExportForm(initial={**initial, "file_format": "xlsx"})
        )
        return render(request, "reporting/export.html", context)
    form = ExportForm(request.POST)
    if not form.is_valid():
        return render(
            request, "reporting/export.html", _context(request, place, form=form), status=400
        )
    prepared = export_statistics(
        centre_statistics(place.scope, form.period), actor=request.user,
        file_format=form.cleaned_data["file_format"], centre=place.centre,
    )  # fmt: skip
    context = _context(request, place, export=prepared.log, password=prepared.password,
                       token=prepared.token, download=place.url("download"))  # fmt: skip
    response = render(request, "reporting/export_ready.html", context)
    add_never_cache_headers(response)
    return response


def download_page(request, place: Place):
    if request.method != "POST":
        return render(request, "reporting/download.html", _context(request, place))
    form = DownloadForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(LINK_USED_OR_EXPIRED)
        file = take_download(place.centre, user=request.user, token=form.cleaned_data["token"])
    except DomainError as error:
        context = _context(request, place, error=error.message)
        return render(request, "reporting/download.html", context, status=400)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.file_name}"'
    add_never_cache_headers(response)
    return response


def take_page(request, place: Place):
    form = SnapshotForm(request.POST)
    if not form.is_valid():
        return render(
            request, "reporting/statistics.html", _context(request, place, form=form), status=400
        )
    snapshot = take_snapshot(
        "statistics", actor=request.user, scope=place.scope, period=form.period,
        submitted_to=form.cleaned_data["submitted_to"], note=form.cleaned_data["note"],
    )  # fmt: skip
    messages.success(request, "Отчетът е запазен като подаден: може да бъде проверен отново.")
    return redirect(f"{place.url('snapshots')}?snapshot={snapshot.pk}")


def snapshots_page(request, place: Place):
    raw = request.GET.get("snapshot", "")
    if not raw:
        context = _context(request, place, snapshots=place.snapshots(request))
        return render(request, "reporting/snapshots.html", context)
    if not is_ascii_digits(raw) or len(raw) > 12:
        raise Http404("Няма такъв подаден отчет.")
    found = place.snapshot(request, int(raw))
    if found is None:
        raise Http404("Няма такъв подаден отчет.")
    checked = request.GET.get("check") == "1"
    context = _context(
        request, place, snapshot=found, figures=found.figures, checked=checked,
        differences=differences(found) if checked else None,
    )  # fmt: skip
    return render(request, "reporting/snapshot.html", context)


# The centre's pages


@centre_view(PERMISSION)
def statistics(request):
    return statistics_page(request, _centre_place(request))


@centre_view(PERMISSION)
def export(request):
    return export_page(request, _centre_place(request))


@centre_view(PERMISSION)
def download(request):
    return download_page(request, _centre_place(request))


@centre_view("reporting.submit_statistics")
@require_POST
def take(request):
    return take_page(request, _centre_place(request))


@centre_view(PERMISSION)
def snapshots(request):
    return snapshots_page(request, _centre_place(request))
