"""Issuing a document: the next number of the centre's year, the register row and the audit entry,
in one transaction; a reprint renders the same subject again under the number it was issued with."""

import hashlib
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.documents.domain.layouts import LayoutError
from opora.documents.domain.render import Prepared, document_html
from opora.documents.models import FileFormat, IssuedDocument
from opora.documents.output.docx import render_docx
from opora.documents.output.pdf import render_pdf

# pg_advisory_xact_lock(key, centre id) of a centre's document numbering ("DOCS").
NUMBERING_LOCK = 0x444F4353

CONTENT_TYPES = {
    FileFormat.PDF: "application/pdf",
    FileFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


@dataclass(frozen=True)
class Issued:
    content: bytes
    content_type: str
    file_name: str
    record: IssuedDocument


def issue_document(prepared: Prepared, *, actor, file_format: str) -> Issued:
    """Give the document the next number of the centre's year and make its file."""
    if file_format not in FileFormat.values:
        raise DomainError("Изберете формат: PDF или DOCX.", field="file_format")
    if why := prepared.kind.unavailable(prepared.subject):
        raise DomainError(why)
    centre, now = prepared.request.centre, timezone.now()
    with transaction.atomic():
        # One numbering per centre at a time: two documents never get the same number (the unique
        # constraint is the backstop). Not the centre row: admissions must not wait for a PDF.
        _lock_numbering(centre)
        year = timezone.localdate(now).year
        issued = IssuedDocument(
            centre=centre, kind_code=prepared.kind.code, year=year,
            sequence=_next_sequence(centre, year), case=prepared.case,
            subject_id=prepared.subject.pk, issued_by=actor, issued_at=now,
            file_format=file_format,
        )  # fmt: skip
        content = _file(prepared, issued)
        issued.sha256 = hashlib.sha256(content).digest()
        issued.save()
        record(
            actor=actor, action="document.issue", obj=issued, case_id=prepared.case.pk,
            changes={"kind": prepared.kind.code, "number": issued.number, "format": file_format},
        )  # fmt: skip
    return _issued(issued, content)


def reprint_document(issued: IssuedDocument, *, prepared: Prepared, actor) -> Issued:
    """The issued document rendered again (today's data, as the reader may see it) under its
    own number and date of issue."""
    if (prepared.kind.code, prepared.subject.pk) != (issued.kind_code, issued.subject_id):
        raise DomainError("Документът не е за този запис.")
    content = _file(prepared, issued)
    record(
        actor=actor, action="document.print", obj=issued, case_id=issued.case_id,
        changes={"kind": issued.kind_code, "number": issued.number},
    )  # fmt: skip
    return _issued(issued, content)


def _file(prepared: Prepared, issued: IssuedDocument) -> bytes:
    issued_on = timezone.localdate(issued.issued_at)
    try:
        html = document_html(prepared, number=issued.number, issued_on=issued_on)
    except LayoutError as error:
        raise DomainError(f"Документът не може да бъде създаден: {error}") from None
    if issued.file_format == FileFormat.DOCX:
        return render_docx(html)
    return render_pdf(html)


def _issued(issued: IssuedDocument, content: bytes) -> Issued:
    return Issued(
        content=content,
        content_type=CONTENT_TYPES[issued.file_format],
        file_name=f"{issued.kind_code}-{issued.sequence}-{issued.year}.{issued.file_format}",
        record=issued,
    )


def _next_sequence(centre, year: int) -> int:
    last = IssuedDocument.objects.filter(centre=centre, year=year).aggregate(last=Max("sequence"))
    return (last["last"] or 0) + 1


def _lock_numbering(centre) -> None:
    """PostgreSQL: a transaction-scoped advisory lock per centre. SQLite: writers are already
    serialised (transactions start IMMEDIATE)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [NUMBERING_LOCK, centre.pk])
