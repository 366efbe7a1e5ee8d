"""Files kept with cases and people: the lists, upload, description, removal and the file itself."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from opora.attachments import storage
from opora.attachments.domain import attachments as domain
from opora.attachments.domain.files import accepted_types, max_bytes
from opora.attachments.domain.queries import (
    attachments_of_case,
    attachments_of_person,
    person_in,
    visible_attachment_in,
)
from opora.attachments.enums import ContentType
from opora.attachments.forms import AttachmentForm, RemoveForm, UploadForm
from opora.audit.domain import record
from opora.cases.domain.queries import case_detail
from opora.core.decorators import centre_view
from opora.core.errors import DomainError
from opora.core.forms import apply_domain_error

VIEW = "attachments.view_attachments"
CHANGE = "attachments.change_attachments"
# The file answers: never cached, never sniffed, never a page that runs anything.
_FILE_HEADERS = {
    "Cache-Control": "no-store, private, max-age=0",
    "Pragma": "no-cache",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Referrer-Policy": "no-referrer",
}
# Nothing in a file may run script. A sandboxed answer would also stop the browser's PDF viewer
# (Chromium refuses to show a PDF in a sandbox), so a PDF opened in the browser gets the same
# policy without it; pictures and every download are sandboxed.
_NO_SCRIPT = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'none'"
_SANDBOXED = f"{_NO_SCRIPT}; sandbox"
_PDF_VIEWER = f"{_NO_SCRIPT}; object-src 'self'"


# The lists


@centre_view(VIEW)
def case_list(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    record(actor=request.user, action="attachment.list.view", obj=case)
    context = {
        "subject": case,
        "case": case,
        "attachments": attachments_of_case(request.user, case),
        "may_change": request.user.has_perm(CHANGE, case),
        "nav": "cases",
    }
    return render(request, "attachments/list.html", context)


@centre_view(VIEW)
def person_list(request, person_id: int):
    person = person_in(request.user, request.centre, person_id)
    record(actor=request.user, action="attachment.list.view", obj=person)
    context = {
        "subject": person,
        "person": person,
        "attachments": attachments_of_person(request.user, person),
        "may_change": request.user.has_perm(CHANGE, person),
        "nav": "people",
    }
    return render(request, "attachments/list.html", context)


# Upload


@centre_view(VIEW)
def add_to_case(request, case_id: int):
    case = case_detail(request.user, request.centre, case_id)
    return _upload(request, case, back=_case_url(request, case.pk))


@centre_view(VIEW)
def add_to_person(request, person_id: int):
    person = person_in(request.user, request.centre, person_id)
    return _upload(request, person, back=_person_url(request, person.pk))


def _upload(request, subject, *, back: str):
    if not request.user.has_perm(CHANGE, subject):
        raise PermissionDenied("Само екипът по случая прикачва файлове към него.")
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            attachment = domain.add_attachment(
                subject, actor=request.user, upload=form.upload, data=form.data_object()
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Файлът „{attachment.title}“ е прикачен.")
            return redirect(back)
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "subject": subject,
        "back": back,
        "max_mb": max_bytes() // 2**20,
        "accepted": accepted_types(),
    }
    return render(request, "attachments/upload.html", context, status=status)


# One file


@centre_view(VIEW)
def download(request, attachment_id: int):
    attachment = visible_attachment_in(request.user, request.centre, attachment_id)
    path = storage.path_of(attachment.storage_key)
    if path is None:
        raise Http404("Файлът липсва.")
    inline = request.GET.get("inline") == "1" and attachment.opens_inline
    record(
        actor=request.user,
        action="attachment.view",
        obj=attachment,
        changes={"inline": inline},
    )
    response = FileResponse(
        path.open("rb"),
        as_attachment=not inline,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    for header, value in _FILE_HEADERS.items():
        response[header] = value
    pdf_in_browser = inline and attachment.content_type == ContentType.PDF
    response["Content-Security-Policy"] = _PDF_VIEWER if pdf_in_browser else _SANDBOXED
    return response


@centre_view(VIEW)
def edit(request, attachment_id: int):
    attachment = visible_attachment_in(request.user, request.centre, attachment_id)
    _require_change(request, attachment)
    form = AttachmentForm(request.POST or None, initial=_initial(attachment))
    if request.method == "GET":
        record(actor=request.user, action="attachment.edit.view", obj=attachment)
    elif form.is_valid():
        try:
            domain.update_attachment(attachment, actor=request.user, data=form.data_object())
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, "Промените по файла са записани.")
            return redirect(_back(request, attachment))
    return _edit_page(request, attachment, form=form, remove_form=RemoveForm())


@centre_view(VIEW)
@require_POST
def remove(request, attachment_id: int):
    attachment = visible_attachment_in(request.user, request.centre, attachment_id)
    _require_change(request, attachment)
    form = RemoveForm(request.POST)
    if form.is_valid():
        try:
            domain.remove_attachment(
                attachment, actor=request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            apply_domain_error(form, error)
        else:
            messages.success(request, f"Файлът „{attachment.title}“ е премахнат.")
            return redirect(_back(request, attachment))
    edit_form = AttachmentForm(initial=_initial(attachment))
    return _edit_page(request, attachment, form=edit_form, remove_form=form, open_remove=True)


def _edit_page(request, attachment, *, form, remove_form, open_remove: bool = False):
    status = 400 if request.method == "POST" else 200
    context = {
        "attachment": attachment,
        "subject": attachment.case or attachment.person,
        "form": form,
        "remove_form": remove_form,
        "open_remove": open_remove,
        "back": _back(request, attachment),
    }
    return render(request, "attachments/edit.html", context, status=status)


def _require_change(request, attachment) -> None:
    if not request.user.has_perm(CHANGE, attachment.case or attachment.person):
        raise PermissionDenied("Само екипът по случая променя файловете му.")


def _initial(attachment) -> dict:
    return {
        "kind": attachment.kind,
        "title": attachment.title,
        "document_date": attachment.document_date,
        "sender": attachment.sender,
        "sensitivity": attachment.sensitivity,
        "note": attachment.note,
    }


def _back(request, attachment) -> str:
    if attachment.case_id:
        return _case_url(request, attachment.case_id)
    return _person_url(request, attachment.person_id)


def _case_url(request, case_id: int) -> str:
    return reverse("cases:detail", kwargs={"centre": request.centre.slug, "case_id": case_id})


def _person_url(request, person_id: int) -> str:
    return reverse("people:detail", kwargs={"centre": request.centre.slug, "person_id": person_id})
