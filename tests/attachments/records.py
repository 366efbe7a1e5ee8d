"""Attachments for the web tests' worlds (tests/web/conftest.py): one on a case, one on a person."""

from datetime import timedelta

from django.utils import timezone

from opora.attachments.domain.attachments import AttachmentData, add_attachment
from opora.attachments.enums import AttachmentKind
from tests.attachments.samples import pdf_bytes, png_bytes, upload


def letter(**overrides) -> AttachmentData:
    values = {
        "kind": AttachmentKind.INSTITUTION_LETTER,
        "title": "Писмо от ДСП за справка",
        "document_date": timezone.localdate() - timedelta(days=5),
        "sender": "ДСП Харманли",
    }
    values.update(overrides)
    return AttachmentData(**values)


def add_attachment_records(case, actor) -> dict:
    """The "case": a letter on the case (team level); "person": a photo kept with its child."""
    on_case = add_attachment(case, actor=actor, upload=upload(pdf_bytes()), data=letter())
    on_person = add_attachment(
        case.primary_person,
        actor=actor,
        upload=upload(png_bytes(), "снимка.png", "image/png"),
        data=letter(kind=AttachmentKind.PHOTO, title="Снимка на удостоверение", sender=""),
    )
    return {"case": on_case, "person": on_person}


def upload_fields(**overrides) -> dict:
    """The upload form, with a fresh file each time (a file is read once per request)."""
    values = {
        "file": upload(pdf_bytes(), "сканирано писмо.pdf"),
        "kind": AttachmentKind.SCANNED,
        "title": "Сканирано писмо от училището",
        "document_date": (timezone.localdate() - timedelta(days=1)).strftime("%d.%m.%Y"),
        "sender": "ОУ „Христо Ботев“",
        "sensitivity": "team",
        "note": "",
    }
    values.update(overrides)
    return values


def description_fields(**overrides) -> dict:
    values = upload_fields(kind=AttachmentKind.OTHER, title="Писмо от ДСП – уточнение")
    values.pop("file")
    values.update(overrides)
    return values
