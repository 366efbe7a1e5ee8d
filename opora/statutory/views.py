"""Reports to the institutions: the monthly occupancy statement, the ASP data, the annual report."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.text import is_ascii_digits
from opora.privacy.domain.downloads import LINK_USED_OR_EXPIRED, take_download
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.snapshots import differences, take_snapshot
from opora.statutory import documents
from opora.statutory.domain import annual as annual_domain
from opora.statutory.domain import queries
from opora.statutory.domain.asp import asp_data
from opora.statutory.domain.exports import export_asp_data, export_occupancy
from opora.statutory.domain.occupancy import occupancy_statement
from opora.statutory.enums import ASP_DATA, OCCUPANCY, STATUTORY_CODES
from opora.statutory.forms import (
    MONTH_NAMES,
    AnnualReportForm,
    DownloadForm,
    MonthForm,
    PeriodForm,
    SubmitForm,
    YearForm,
    previous_month,
)
from opora.statutory.models import AnnualReport

NAV = "centre"


def _codes_for(request) -> tuple[str, ...]:
    if request.user.has_perm("statutory.prepare_reports", request.centre):
        return STATUTORY_CODES
    return (OCCUPANCY,)


# The hub


@centre_view("statutory.view_statements")
def index(request):
    centre = request.centre
    context = {
        "snapshots": queries.statutory_snapshots(centre, _codes_for(request)),
        "annual_reports": queries.recent_annual_reports(centre),
        "due": queries.annual_due(centre),
        "nav": NAV,
    }
    return render(request, "statutory/index.html", context)


# The monthly occupancy statement


def _month_form(request) -> MonthForm:
    if "year" in request.GET or "month" in request.GET:
        return MonthForm(request.GET)
    year, month = previous_month()
    return MonthForm({"year": year, "month": month})


def _month_label(period: Period) -> str:
    return f"{MONTH_NAMES[period.start.month]} {period.start.year} г."


@centre_view("statutory.view_statements")
def occupancy(request):
    form = _month_form(request)
    if not form.is_valid():
        context = {"form": form, "nav": NAV}
        return render(request, "statutory/occupancy.html", context, status=400)
    statement = occupancy_statement(request.centre, form.period)
    default_to = f"Община {request.centre.municipality}"
    context = {
        "form": form,
        "statement": statement,
        "month_label": _month_label(form.period),
        "query": f"year={form.period.start.year}&month={form.period.start.month}",
        "submit_form": SubmitForm(initial={"submitted_to": default_to}),
        "nav": NAV,
    }
    return render(request, "statutory/occupancy.html", context)


# The statement to sign: the manager signs it for the centre.
@centre_view("statutory.prepare_reports")
def occupancy_pdf(request):
    form = _month_form(request)
    if not form.is_valid():
        raise Http404("Няма такъв месец.")
    statement = occupancy_statement(request.centre, form.period)
    pdf = documents.occupancy_pdf(
        statement, month_label=_month_label(form.period), prepared_by=request.user
    )
    return _file(pdf, f"zaetost-{form.period.start:%Y-%m}.pdf", "application/pdf")


@centre_view("statutory.view_statements")
def occupancy_export(request):
    form = _month_form(request)
    if not form.is_valid():
        raise Http404("Няма такъв месец.")
    if request.method == "POST":
        statement = occupancy_statement(request.centre, form.period)
        return _ready(request, export_occupancy(statement, actor=request.user))
    context = {
        "month_label": _month_label(form.period),
        "query": f"year={form.period.start.year}&month={form.period.start.month}",
        "nav": NAV,
    }
    return render(request, "statutory/occupancy_export.html", context)


@centre_view("statutory.prepare_reports")
@require_POST
def occupancy_submit(request):
    form = _month_form(request)
    if not form.is_valid():
        raise Http404("Няма такъв месец.")
    submit = SubmitForm(request.POST)
    back = f"?year={form.period.start.year}&month={form.period.start.month}"
    if not submit.is_valid():
        for errors in submit.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(_url("statutory:occupancy", request) + back)
    snapshot = _take(request, OCCUPANCY, form.period, submit)
    messages.success(
        request, f"Справката е подадена към {snapshot.submitted_to} и е запазена за сравнение."
    )
    return redirect(_url("statutory:occupancy", request) + back)


# The data for the information system of АСП


def _period_form(request) -> PeriodForm:
    if "start" in request.GET or "end" in request.GET:
        return PeriodForm(request.GET)
    year, month = previous_month()
    period = Period.month(year, month)
    return PeriodForm({"start": f"{period.start:%d.%m.%Y}", "end": f"{period.end:%d.%m.%Y}"})


def _period_query(period: Period) -> str:
    return f"start={period.start:%d.%m.%Y}&end={period.end:%d.%m.%Y}"


@centre_view("statutory.prepare_reports")
def asp(request):
    form = _period_form(request)
    if not form.is_valid():
        return render(request, "statutory/asp.html", {"form": form, "nav": NAV}, status=400)
    data = asp_data(request.centre, form.period)
    context = {
        "form": form,
        "data": data,
        "query": _period_query(form.period),
        "submit_form": SubmitForm(initial={"submitted_to": "ИИС на АСП"}),
        "nav": NAV,
    }
    return render(request, "statutory/asp.html", context)


@centre_view("statutory.prepare_reports")
def asp_export(request):
    form = _period_form(request)
    if not form.is_valid():
        raise Http404("Няма такъв период.")
    if request.method == "POST":
        data = asp_data(request.centre, form.period)
        return _ready(request, export_asp_data(data, actor=request.user))
    context = {"period": form.period, "query": _period_query(form.period), "nav": NAV}
    return render(request, "statutory/asp_export.html", context)


@centre_view("statutory.prepare_reports")
@require_POST
def asp_submit(request):
    form = _period_form(request)
    if not form.is_valid():
        raise Http404("Няма такъв период.")
    submit = SubmitForm(request.POST)
    back = "?" + _period_query(form.period)
    if not submit.is_valid():
        for errors in submit.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(_url("statutory:asp", request) + back)
    _take(request, ASP_DATA, form.period, submit)
    messages.success(request, "Броят на записите е запазен като подаден към ИИС на АСП.")
    return redirect(_url("statutory:asp", request) + back)


# The annual report to АКСУ


def _year_form(request) -> YearForm:
    if "year" in request.GET:
        return YearForm(request.GET)
    due = queries.annual_due(request.centre)
    return YearForm({"year": due.year if due else timezone.localdate().year - 1})


@centre_view("statutory.prepare_reports")
def annual(request):
    if request.method == "POST":
        return _annual_post(request)
    year_form = _year_form(request)
    if not year_form.is_valid():
        return render(request, "statutory/annual.html", {"year_form": year_form}, status=400)
    year = year_form.cleaned_data["year"]
    return _annual_page(request, year)


def _annual_page(request, year: int, *, form=None, status: int = 200):
    reports = queries.annual_reports_of(request.centre, year)
    draft = next((report for report in reports if report.is_draft), None)
    if form is None and draft is not None:
        form = AnnualReportForm(initial={"year": year, **_texts_of(draft)})
    elif form is None and not reports:
        form = AnnualReportForm(initial={"year": year})
    context = {
        "year": year,
        "year_form": YearForm(initial={"year": year}),
        "reports": reports,
        "draft": draft,
        "form": form,
        "due_on": annual_domain.due_date(year),
        "figures": documents.annual_figures_for_page(request.centre, year),
        "nav": NAV,
    }
    return render(request, "statutory/annual.html", context, status=status)


def _texts_of(report) -> dict:
    return {name: getattr(report, name) for name in annual_domain.TEXT_FIELDS}


def _annual_post(request):
    action = request.POST.get("action", "")
    if action == "start":
        year_form = YearForm(request.POST)
        if not year_form.is_valid():
            return render(request, "statutory/annual.html", {"year_form": year_form}, status=400)
        year = year_form.cleaned_data["year"]
        annual_domain.start_annual_report(request.centre, actor=request.user, year=year)
        return redirect(_url("statutory:annual", request) + f"?year={year}")
    form = AnnualReportForm(request.POST)
    if not form.is_valid():
        year_form = YearForm(request.POST)
        if not year_form.is_valid():
            return render(request, "statutory/annual.html", {"year_form": year_form}, status=400)
        return _annual_page(request, year_form.cleaned_data["year"], form=form, status=400)
    year = form.cleaned_data["year"]
    try:
        _save_or_submit(request, year, form)
    except DomainError as error:
        apply_domain_error(form, error)
        return _annual_page(request, year, form=form, status=400)
    return redirect(_url("statutory:annual", request) + f"?year={year}")


def _save_or_submit(request, year: int, form: AnnualReportForm) -> None:
    submit = form.cleaned_data["action"] == "submit"
    annual_domain.write_annual_report(
        request.centre, actor=request.user, year=year, texts=form.texts(), submit=submit
    )
    if submit:
        messages.success(
            request, f"Годишният отчет за {year} г. е подаден; текстовете са заключени."
        )
    else:
        messages.success(request, "Черновата е запазена.")


def _chosen_report(request):
    """?report=<id> of this centre; else the year's (?year=, by default the one due) latest
    report, or a blank one with the year's figures when none is written yet."""
    raw = request.GET.get("report", "")
    if raw:
        if not is_ascii_digits(raw) or len(raw) > 12:
            raise Http404("Няма такъв отчет.")
        report = queries.annual_report(request.centre, int(raw))
        if report is None:
            raise Http404("Няма такъв отчет.")
        return report
    year_form = _year_form(request)
    if not year_form.is_valid():
        raise Http404("Няма такава година.")
    year = year_form.cleaned_data["year"]
    reports = queries.annual_reports_of(request.centre, year)
    return reports[0] if reports else AnnualReport(centre=request.centre, year=year)


@centre_view("statutory.prepare_reports")
def annual_docx(request):
    report = _chosen_report(request)
    content = documents.annual_docx(report)
    return _file(
        content, documents.annual_filename(report, "docx"),
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    )  # fmt: skip


@centre_view("statutory.prepare_reports")
def annual_pdf(request):
    report = _chosen_report(request)
    return _file(
        documents.annual_pdf(report), documents.annual_filename(report, "pdf"), "application/pdf"
    )


# Snapshots: „Провери отново“


@centre_view("statutory.view_statements")
def snapshots(request):
    raw = request.GET.get("snapshot", "")
    if not raw:
        context = {"snapshots": queries.statutory_snapshots(request.centre, _codes_for(request))}
        return render(request, "statutory/snapshots.html", {**context, "nav": NAV})
    if not is_ascii_digits(raw) or len(raw) > 12:
        raise Http404("Няма такъв подаден отчет.")
    found = queries.statutory_snapshot(request.centre, _codes_for(request), int(raw))
    if found is None:
        raise Http404("Няма такъв подаден отчет.")
    context = {"snapshot": found, "differences": differences(found), "nav": NAV}
    return render(request, "statutory/snapshot.html", context)


# Downloads of the encrypted files


def _ready(request, prepared):
    """The only page that shows the password; never cached."""
    context = {"export": prepared.log, "password": prepared.password, "token": prepared.token}
    response = render(request, "statutory/export_ready.html", context)
    add_never_cache_headers(response)
    return response


@centre_view("statutory.view_statements")
def download(request):
    if request.method != "POST":
        return render(request, "statutory/download.html", {"nav": NAV})
    form = DownloadForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(LINK_USED_OR_EXPIRED)
        file = take_download(request.centre, user=request.user, token=form.cleaned_data["token"])
    except DomainError as error:
        context = {"error": error.message, "nav": NAV}
        return render(request, "statutory/download.html", context, status=400)
    return _file(file.content, file.file_name, file.content_type)


# Helpers


def _take(request, code: str, period: Period, submit: SubmitForm):
    return take_snapshot(
        code, actor=request.user, scope=Scope.centre(request.centre), period=period,
        submitted_to=submit.cleaned_data["submitted_to"], note=submit.cleaned_data["note"],
    )  # fmt: skip


def _url(name: str, request) -> str:
    return reverse(name, kwargs={"centre": request.centre.slug})


def _file(content: bytes, file_name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{file_name}"'
    add_never_cache_headers(response)
    return response
