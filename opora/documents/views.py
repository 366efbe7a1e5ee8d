"""Documents: the page of one document of a subject (preview, issue), a reprint, the register,
and the manager's layouts."""

from urllib.parse import quote

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from opora.audit.domain import record_read
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error
from opora.documents.domain import layout_edits
from opora.documents.domain.issue import Issued, issue_document, reprint_document
from opora.documents.domain.layouts import (
    FORBIDDEN_TAGS,
    LayoutError,
    centre_layout,
    default_layout,
    layout_of,
    render_layout,
)
from opora.documents.domain.queries import (
    issued_documents,
    issued_for_subject,
    issued_of_subject,
    register_years,
)
from opora.documents.domain.render import FRAMEWORK_KEYS, document_context, prepare, sample
from opora.documents.forms import IssueForm, LayoutForm, RegisterFilterForm
from opora.documents.kinds.base import REGISTRY, kind_or_404

REGISTER_LIMIT = 200


@centre_view("documents.issue_document")
def document(request, kind_code: str, **ids):
    """GET: the document's preview and earlier issues; POST: issue it and download the file."""
    kind = kind_or_404(kind_code)
    prepared = prepare(
        kind, user=request.user, centre=request.centre, subject_id=ids[kind.url_kwarg]
    )
    if request.method == "GET" and "copy" in request.GET:
        return _reprint(request, prepared)
    form = IssueForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            issued = issue_document(
                prepared, actor=request.user, file_format=form.cleaned_data["file_format"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            return _download(issued)
    record_read(request, prepared.subject, action="document.view", changes={"kind": kind.code})
    status = 400 if form.errors else 200
    return render(request, "documents/document_page.html", _page(prepared, form), status=status)


def _page(prepared, form) -> dict:
    kind = prepared.kind
    context = document_context(prepared)
    try:
        preview, preview_error = (
            render_layout(layout_of(prepared.request.centre, kind.code), context),
            "",
        )
    except LayoutError as error:
        preview, preview_error = "", str(error)
    return {
        "letterhead": context["letterhead"],
        "signatories": context["signatories"],
        "kind": kind,
        "case": prepared.case,
        "subject_label": _subject_label(prepared),
        "unavailable": kind.unavailable(prepared.subject),
        "preview": preview,
        "preview_error": preview_error,
        "form": form,
        "earlier": issued_for_subject(prepared.request.centre, kind.code, prepared.subject.pk),
        "external": kind.audience == "external",
    }


def _subject_label(prepared) -> str:
    """What the document is about, unless that is just the case the page already names."""
    label = prepared.kind.describe(prepared.subject)
    return "" if label == f"Случай {prepared.case.number}" else label


def _download(issued: Issued) -> HttpResponse:
    response = HttpResponse(issued.content, content_type=issued.content_type)
    name = quote(issued.file_name)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{name}"
    response["Cache-Control"] = "no-store"
    return response


def _reprint(request, prepared):
    """„Свали отново“ (?copy=<id>): an issued document of this subject under its own number."""
    try:
        copy_id = int(request.GET["copy"])
    except ValueError:
        raise Http404("Няма такъв документ.") from None
    issued = issued_of_subject(prepared, copy_id)
    try:
        return _download(reprint_document(issued, prepared=prepared, actor=request.user))
    except DomainError as error:
        context = {"issued": issued, "error": error.message}
        return render(request, "documents/reprint_failed.html", context, status=400)


@centre_view("documents.view_register")
def register(request):
    kinds = [(kind.code, kind.title) for kind in REGISTRY.values()]
    form = RegisterFilterForm(
        request.GET or None, kinds=kinds, years=register_years(request.centre)
    )
    filters = form.cleaned_data if form.is_valid() else {}
    documents = issued_documents(
        request.user, request.centre, kind=filters.get("kind") or "", year=filters.get("year")
    )
    rows = list(documents[:REGISTER_LIMIT])
    for row in rows:
        row.copy_url = _copy_url(request.centre.slug, row)
    context = {
        "form": form,
        "documents": rows,
        "limit": REGISTER_LIMIT,
        "nav": "documents",
    }
    return render(request, "documents/register.html", context)


@centre_view("documents.manage_templates")
def layouts(request):
    rows = [
        {"kind": kind, "own": centre_layout(request.centre, kind.code)}
        for kind in sorted(REGISTRY.values(), key=lambda k: k.title)
    ]
    return render(request, "documents/layouts.html", {"rows": rows, "nav": "documents"})


@centre_view("documents.manage_templates")
def edit_layout(request):
    """One kind's layout (?kind=<code>): preview, save or go back to the default."""
    kind = kind_or_404(request.GET.get("kind", ""))
    own = centre_layout(request.centre, kind.code)
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "reset":
        layout_edits.reset_layout(request.centre, actor=request.user, kind_code=kind.code)
        messages.success(request, f"Стандартният шаблон на „{kind.title}“ е върнат.")
        return redirect(_layout_url(request, kind))
    initial = {"body": own.body if own else default_layout(kind.code)}
    form = LayoutForm(request.POST or None, initial=initial)
    example = sample(kind, user=request.user, centre=request.centre)
    context = document_context(example) if example is not None else {}
    preview = ""
    if request.method == "POST" and form.is_valid():
        if action == "save":
            try:
                layout_edits.save_layout(
                    request.centre, actor=request.user, kind_code=kind.code,
                    body=form.cleaned_data["body"],
                )  # fmt: skip
            except DomainError as error:
                apply_domain_error(form, error)
            else:
                messages.success(request, f"Шаблонът на „{kind.title}“ е записан.")
                return redirect(_layout_url(request, kind))
        else:
            preview = _layout_preview(form, context)
    page = {
        "kind": kind, "own": own, "form": form, "preview": preview, "nav": "documents",
        "forbidden": FORBIDDEN_TAGS, "letterhead": context.get("letterhead"),
        "signatories": context.get("signatories"),
        "values": sorted(k for k in context if k not in FRAMEWORK_KEYS),
    }  # fmt: skip
    return render(request, "documents/edit_layout.html", page, status=400 if form.errors else 200)


def _layout_preview(form, context: dict) -> str:
    if not context:
        form.add_error(None, "Няма запис, с който да се покаже преглед на този вид документ.")
        return ""
    try:
        return render_layout(form.cleaned_data["body"], context)
    except LayoutError as error:
        form.add_error("body", str(error))
        return ""


def _layout_url(request, kind) -> str:
    return reverse("documents:edit_layout", args=[request.centre.slug]) + f"?kind={kind.code}"


def document_url(centre_slug: str, kind_code: str, subject_id: int) -> str:
    """The page of a document of a subject (for links from the subjects' pages)."""
    kind = kind_or_404(kind_code)
    return reverse(
        f"documents:{kind.code}", kwargs={"centre": centre_slug, kind.url_kwarg: subject_id}
    )


def _copy_url(centre_slug: str, issued) -> str:
    if issued.kind_code not in REGISTRY:
        return ""
    return f"{document_url(centre_slug, issued.kind_code, issued.subject_id)}?copy={issued.pk}"
