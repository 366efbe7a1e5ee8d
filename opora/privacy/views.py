"""Privacy tools: encrypted exports with one-time downloads, the GDPR access file, retention."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_POST

from opora.cases.domain.access import readable_cases, readable_people
from opora.cases.domain.queries import CaseFilters
from opora.cases.forms import CaseFilterForm
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.core.text import is_ascii_digits
from opora.privacy.domain import holds as hold_domain
from opora.privacy.domain.case_export import count_rows, describe_filters, export_case_list
from opora.privacy.domain.downloads import LINK_USED_OR_EXPIRED, take_download
from opora.privacy.domain.person_export import export_person_data
from opora.privacy.domain.queries import (
    active_hold,
    active_holds,
    export_log,
    lifted_holds,
    recent_exports_of,
)
from opora.privacy.domain.retention import policy_years, retention_report, set_retention_policies
from opora.privacy.enums import DEFAULT_YEARS, RecordType
from opora.privacy.forms import (
    CaseExportForm,
    DownloadForm,
    LegalHoldForm,
    LiftHoldForm,
    PersonDataForm,
    RetentionPolicyForm,
)

EXPORT_LOG_LIMIT = 200


# Exports


@centre_view("privacy.export_cases")
def export_cases(request):
    filters = _case_filters(request)
    form = CaseExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prepared = export_case_list(
                request.centre,
                actor=request.user,
                filters=filters,
                file_format=form.cleaned_data["file_format"],
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _ready(request, prepared)
    context = {
        "form": form,
        "rows": count_rows(request.user, request.centre, filters),
        "description": describe_filters(filters),
        "query": request.GET.urlencode(),
        "nav": "cases",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/export_cases.html", context, status=status)


def _case_filters(request) -> CaseFilters:
    """The case list's filters, read from the same query string as the list page."""
    form = CaseFilterForm(request.GET or None, centre=request.centre)
    if not form.is_valid():
        return CaseFilters()
    data = form.cleaned_data
    return CaseFilters(
        status=data["status"],
        target_group=data["target_group"],
        case_manager=data["case_manager"].pk if data["case_manager"] else None,
        query=data["q"],
    )


def _ready(request, prepared):
    """The only page that ever shows the password; never cached."""
    response = render(
        request,
        "privacy/export_ready.html",
        {"export": prepared.log, "password": prepared.password, "token": prepared.token},
    )
    add_never_cache_headers(response)
    return response


@centre_view("privacy.export_cases")
def download(request):
    if request.method != "POST":
        return _downloads_page(request)
    form = DownloadForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError(LINK_USED_OR_EXPIRED)
        file = take_download(request.centre, user=request.user, token=form.cleaned_data["token"])
    except DomainError as error:
        return _downloads_page(request, error=error.message, status=400)
    response = HttpResponse(file.content, content_type=file.content_type)
    response["Content-Disposition"] = f'attachment; filename="{file.file_name}"'
    add_never_cache_headers(response)
    return response


def _downloads_page(request, *, error: str = "", status: int = 200):
    context = {
        "exports": recent_exports_of(request.user, request.centre),
        "error": error,
        "nav": "cases",
    }
    return render(request, "privacy/download.html", context, status=status)


@centre_view("privacy.view_exports")
def exports(request):
    context = {"exports": export_log(request.centre, limit=EXPORT_LOG_LIMIT), "nav": "privacy"}
    return render(request, "privacy/exports.html", context)


# The data subject's access request


@centre_view("privacy.request_person_data")
def person_data(request, person_id: int):
    person = get_object_or_404(readable_people(request.user, request.centre), pk=person_id)
    form = PersonDataForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            prepared = export_person_data(
                person, actor=request.user, reference=form.cleaned_data["reference"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _ready(request, prepared)
    context = {
        "person": person,
        "form": form,
        "case_count": person.case_links.count(),
        "nav": "people",
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/person_data.html", context, status=status)


# Retention and legal holds


@centre_view("privacy.manage_retention")
def retention(request):
    return _render_retention(request)


def _render_retention(request, *, status=200, policy_form=None, lift=None):
    centre = request.centre
    report = retention_report(centre)
    context = {
        "report": report,
        "due_rows": [(RecordType(t).label, report.years[t], due) for t, due in report.due.items()],
        "policy_form": policy_form
        or RetentionPolicyForm(years=report.years, defaults=DEFAULT_YEARS),
        "holds": _with_lift_forms(active_holds(centre), lift),
        "lifted": lifted_holds(centre),
        "hold_form": LegalHoldForm(),
        "nav": "privacy",
    }
    return render(request, "privacy/retention.html", context, status=status)


def _with_lift_forms(holds, lift):
    """Each hold with the form that lifts it; the one just refused keeps its errors, unfolded."""
    for hold in holds:
        refused = lift is not None and lift["hold"] == hold.pk
        hold.lift_open = refused
        hold.lift_form = lift["form"] if refused else LiftHoldForm(auto_id=f"id_lift{hold.pk}_%s")
    return holds


@centre_view("privacy.manage_retention")
@require_POST
def policies(request):
    form = RetentionPolicyForm(
        request.POST, years=policy_years(request.centre), defaults=DEFAULT_YEARS
    )
    if form.is_valid():
        try:
            changed = set_retention_policies(
                request.centre, actor=request.user, years=form.cleaned_data
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(
                request, "Сроковете са записани." if changed else "Сроковете не са променени."
            )
            return redirect("privacy:retention", centre=request.centre.slug)
    return _render_retention(request, status=400, policy_form=form)


@centre_view("privacy.manage_retention")
def add_hold(request):
    person = _person_from_query(request)
    form = LegalHoldForm(request.POST or None, for_person=person is not None)
    if request.method == "POST" and form.is_valid():
        subject = {"person": person} if person else _case_named(request, form)
        if subject is not None:
            try:
                hold_domain.place_legal_hold(
                    request.centre, actor=request.user, reason=form.cleaned_data["reason"],
                    **subject,
                )  # fmt: skip
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, "Данните са задържани: сроковете за съхранение спират.")
                return redirect("privacy:retention", centre=request.centre.slug)
    context = {"form": form, "person": person, "nav": "privacy"}
    status = 400 if request.method == "POST" else 200
    return render(request, "privacy/add_hold.html", context, status=status)


def _person_from_query(request):
    """?person=<id> (from the person's page): a person of this centre, else a 404."""
    raw = request.GET.get("person", "")
    if not raw:
        return None
    if not is_ascii_digits(raw) or len(raw) > 12:
        raise Http404("Няма такова лице.")
    return get_object_or_404(readable_people(request.user, request.centre), pk=int(raw))


def _case_named(request, form) -> dict | None:
    """{"case": …} for the number typed, among this centre's cases; a form error otherwise."""
    number = form.cleaned_data["case_number"].strip()
    case = readable_cases(request.user, request.centre).filter(number=number).first()
    if case is None:
        form.add_error("case_number", f"Няма случай с номер „{number}“ в центъра.")
        return None
    return {"case": case}


@centre_view("privacy.manage_retention")
@require_POST
def lift_hold(request, hold_id: int):
    hold = active_hold(request.centre, hold_id)
    if hold is None:
        raise Http404("Няма такова задържане.")
    form = LiftHoldForm(request.POST)
    if form.is_valid():
        try:
            hold_domain.lift_legal_hold(
                hold, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Задържането е вдигнато.")
            return redirect("privacy:retention", centre=request.centre.slug)
    return _render_retention(request, status=400, lift={"hold": hold.pk, "form": form})
