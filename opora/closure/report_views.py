"""Reports to the referrer (доклад до насочващия орган): per case, and the centre's register."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from opora.audit.domain import record
from opora.cases.enums import Track
from opora.closure.domain import reports as report_domain
from opora.closure.domain.queries import (
    REGISTER_STATES,
    RegisterFilters,
    register_counts,
    report_in,
    report_register,
    reports_of_case,
)
from opora.closure.domain.referrer import addressee_of, main_referral
from opora.closure.enums import ReportKind
from opora.closure.forms import (
    AddReportForm,
    CancelReportForm,
    RegisterFilterForm,
    ReportContentForm,
    SendReportForm,
)
from opora.closure.views import case_for
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.text import is_ascii_digits

PERMISSION = "closure.manage_reports"


@centre_view("cases.view_case")
def case_reports(request, case_id: int):
    case = case_for(request, case_id, PERMISSION)
    record(actor=request.user, action="referrer_report.list.view", obj=case)
    return _render_case_reports(request, case, _add_form(request))


def _add_form(request, data=None):
    kind = request.GET.get("kind", "")
    initial = {"kind": kind if kind in ReportKind.values else ""}
    if kind == ReportKind.NEW_RISK:
        initial["due_on"] = timezone.localdate()
    return AddReportForm(data, initial=initial)


def _render_case_reports(request, case, form, status=200):
    context = {
        "case": case,
        "reports": list(reports_of_case(case)),
        "referral": main_referral(case),
        "general": case.track == Track.GENERAL,
        "form": form,
        "today": timezone.localdate(),
        "open_action": "add" if form.is_bound or request.GET.get("kind") else None,
        "nav": "cases",
    }
    return render(request, "closure/case_reports.html", context, status=status)


@centre_view("cases.view_case")
@require_POST
def add_report(request, case_id: int):
    case = case_for(request, case_id, PERMISSION)
    form = AddReportForm(request.POST)
    if form.is_valid():
        try:
            report = report_domain.add_report(case, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"{report.get_kind_display()} е добавен в регистъра със срок {report.due_on:%d.%m.%Y}.")  # fmt: skip
            return redirect(_report_url(request, report))
    return _render_case_reports(request, case, form, status=400)


def _report(request, report_id: int):
    """The report inside the centre (else 404), with its case, if the user may handle it (else 403)."""
    report = report_in(request.centre, report_id)
    report.case = case_for(request, report.case_id, PERMISSION)
    return report, report.case


@centre_view("cases.view_case")
def report_page(request, report_id: int):
    report, case = _report(request, report_id)
    record(actor=request.user, action="referrer_report.view", obj=case, changes={"report": report.pk})  # fmt: skip
    return _render_report(request, case, report)


def _render_report(request, case, report, status=200, **forms):
    content = forms.get("content_form") or ReportContentForm(
        initial=_content_initial(report), kind=report.kind
    )
    context = {
        "case": case,
        "report": report,
        "content_form": content,
        "send_form": forms.get("send_form")
        or SendReportForm(initial={"sent_on": timezone.localdate()}),
        "cancel_form": forms.get("cancel_form") or CancelReportForm(),
        "open_action": next(iter(forms), None),
        "today": timezone.localdate(),
        "nav": "cases",
    }
    return render(request, "closure/report.html", context, status=status)


def _content_initial(report) -> dict:
    names = ReportContentForm.base_fields
    initial = {name: getattr(report, name) for name in names}
    if not report.addressee_institution:
        initial["addressee_institution"], initial["addressee_officer"] = addressee_of(report.case)
    return initial


def _report_action(bind, form_name: str):
    """POST-only action on one report: `bind(data, report)` builds the form, `run` acts."""

    def decorator(run):
        @centre_view("cases.view_case")
        @require_POST
        def view(request, report_id: int):
            report, case = _report(request, report_id)
            form = bind(request.POST, report)
            if form.is_valid():
                try:
                    message = run(request, report, form)
                except DomainError as error:
                    apply_domain_error(form, error)
                else:
                    messages.success(request, message)
                    return redirect(_report_url(request, report))
            return _render_report(request, case, report, status=400, **{form_name: form})

        view.__name__ = run.__name__
        return view

    return decorator


@_report_action(lambda data, report: ReportContentForm(data, kind=report.kind), "content_form")
def edit_report(request, report, form):
    report_domain.update_report(report, actor=request.user, content=form.to_content())
    return "Докладът е записан."


@_report_action(lambda data, report: SendReportForm(data), "send_form")
def send_report(request, report, form):
    report_domain.mark_report_sent(report, actor=request.user, **form.cleaned_data)
    message = f"Докладът е отбелязан като изпратен на {report.sent_on:%d.%m.%Y}."
    following = report_domain.schedule_referrer_reports(report.case, actor=request.user)
    if following is not None and following.pk != report.pk:
        message += f" Следващият доклад за напредъка е със срок {following.due_on:%d.%m.%Y}."
    return message


@_report_action(lambda data, report: CancelReportForm(data), "cancel_form")
def cancel_report(request, report, form):
    report_domain.cancel_report(report, actor=request.user, reason=form.cleaned_data["reason"])
    return "Докладът е отбелязан като отпаднал."


@centre_view("cases.view_case")
def print_report(request, report_id: int):
    report, case = _report(request, report_id)
    record(actor=request.user, action="referrer_report.print", obj=case, changes={"report": report.pk})  # fmt: skip
    context = {"case": case, "report": report, "nav": "cases"}
    return render(request, "closure/report_print.html", context)


@centre_view("closure.view_report_register")
def register(request):
    form = RegisterFilterForm(request.GET or None)
    filters = RegisterFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = RegisterFilters(
            state=data["state"] or "open", kind=data["kind"], query=data["q"],
            sent_from=data["sent_from"], sent_to=data["sent_to"],
        )  # fmt: skip
    today, page, size = timezone.localdate(), _page_number(request), settings.OPORA_PAGE_SIZE
    rows = report_register(
        request.centre, filters, today=today, limit=size + 1, offset=(page - 1) * size
    )
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form, "filters": filters, "reports": rows[:size], "page": page,
        "has_next": len(rows) > size, "query": query.urlencode(), "today": today,
        "counts": register_counts(request.centre, today=today), "states": REGISTER_STATES,
        "nav": "reports",
    }  # fmt: skip
    return render(request, "closure/register.html", context)


def _report_url(request, report) -> str:
    from django.urls import reverse

    return reverse(
        "closure:report",
        kwargs={"centre": request.centre.slug, "report_id": report.pk},
    )


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return max(1, min(int(raw), 10_000)) if is_ascii_digits(raw) and len(raw) < 6 else 1
