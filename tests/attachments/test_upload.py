"""Uploading through the page: what is accepted, what is refused (with the Bulgarian message), and
that a refused upload leaves neither a row nor a file."""

import stat

import pytest

from opora.attachments.enums import ContentType
from opora.attachments.models import Attachment
from opora.audit.models import AuditEntry
from tests.attachments.conftest import files_in
from tests.attachments.records import upload_fields
from tests.attachments.samples import (
    EXE,
    HTML,
    SVG,
    TEXT,
    docx_bytes,
    jpeg_bytes,
    pdf_bytes,
    png_bytes,
    upload,
    webp_bytes,
)


def _url(case) -> str:
    return f"/c/{case.centre.slug}/cases/{case.pk}/attachments/new/"


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (pdf_bytes(), "писмо.pdf", ContentType.PDF),
        (png_bytes(), "снимка.png", ContentType.PNG),
        (jpeg_bytes(), "IMG_0001.JPG", ContentType.JPEG),
        (webp_bytes(), "снимка.webp", ContentType.WEBP),
        (docx_bytes(), "доклад.docx", ContentType.DOCX),
        (TEXT, "бележка.txt", ContentType.TXT),
    ],
)
def test_a_team_member_uploads_a_file_kept_under_a_random_name(
    content, name, expected, team_case, social_worker, client_of, folder
):
    response = client_of(social_worker).post(
        _url(team_case), upload_fields(file=upload(content, name, "application/octet-stream"))
    )

    assert response.status_code == 302
    attachment = Attachment.objects.get(case=team_case)
    assert attachment.content_type == expected
    assert attachment.original_name == name
    assert attachment.size == len(content)
    assert attachment.created_by == social_worker
    (stored,) = files_in(folder)
    assert stored.read_bytes() == content
    assert name not in stored.name and stored.name == f"{attachment.storage_key}.bin"
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    entry = AuditEntry.objects.get(action="attachment.add")
    assert entry.case_id_copy == team_case.pk
    assert attachment.title not in str(entry.changes) and attachment.title not in entry.object_repr


def test_a_photo_from_the_camera_field_is_accepted(team_case, psychologist, client_of, folder):
    fields = upload_fields(photo=upload(jpeg_bytes(), "image.jpg", "image/jpeg"))
    del fields["file"]

    response = client_of(psychologist).post(_url(team_case), fields)

    assert response.status_code == 302
    assert Attachment.objects.get(case=team_case).content_type == ContentType.JPEG


def test_the_upload_page_offers_the_camera_on_a_phone(team_case, psychologist, client_of):
    html = client_of(psychologist).get(_url(team_case)).content.decode()

    assert 'capture="environment"' in html
    assert 'accept="image/*"' in html
    assert 'enctype="multipart/form-data"' in html


REFUSED = "Този вид файл не се приема"


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (EXE, "писмо.pdf", REFUSED),  # a program renamed .pdf
        (HTML, "писмо.html", REFUSED),
        (HTML, "писмо.txt", REFUSED),  # a page called text
        (SVG, "лого.svg", REFUSED),  # can carry script
        (SVG, "лого.png", REFUSED),
        (b"PK\x03\x04" + b"\x00" * 40, "документ.docx", REFUSED),  # not a real office file
        (b"", "празен.pdf", "Файлът е празен"),
    ],
)
def test_a_refused_file_leaves_no_row_and_no_file(
    content, name, message, team_case, psychologist, client_of, folder
):
    response = client_of(psychologist).post(
        _url(team_case), upload_fields(file=upload(content, name, "application/pdf"))
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Attachment.objects.exists()
    assert files_in(folder) == []
    assert not AuditEntry.objects.filter(action="attachment.add").exists()


def test_a_file_over_the_limit_is_refused_with_the_limit_in_mb(
    team_case, psychologist, client_of, folder, settings
):
    settings.OPORA_ATTACHMENT_MAX_MB = 1
    big = pdf_bytes() + b" " * (1024 * 1024)

    response = client_of(psychologist).post(_url(team_case), upload_fields(file=upload(big)))

    assert response.status_code == 400
    html = response.content.decode()
    assert "Файлът е твърде голям (1,0 MB). Най-големият разрешен размер е 1 MB." in html
    assert not Attachment.objects.exists()
    assert files_in(folder) == []


def test_no_file_at_all_is_a_message(team_case, psychologist, client_of, folder):
    fields = upload_fields()
    del fields["file"]

    response = client_of(psychologist).post(_url(team_case), fields)

    assert response.status_code == 400
    assert "Изберете файл или снимайте документа." in response.content.decode()
    assert not Attachment.objects.exists()


def test_a_description_without_title_or_with_a_future_date_stores_nothing(
    team_case, psychologist, client_of, folder
):
    client = client_of(psychologist)

    no_title = client.post(_url(team_case), upload_fields(title=""))
    future = client.post(_url(team_case), upload_fields(document_date="01.01.2999"))

    assert (no_title.status_code, future.status_code) == (400, 400)
    assert "Датата на документа не може да е в бъдещето." in future.content.decode()
    assert not Attachment.objects.exists()
    assert files_in(folder) == []


def test_a_hostile_file_name_is_kept_sanitised(team_case, psychologist, client_of):
    name = '..\\..//etc/<script>"писмо".pdf'

    client_of(psychologist).post(_url(team_case), upload_fields(file=upload(pdf_bytes(), name)))

    stored = Attachment.objects.get(case=team_case).original_name
    assert "/" not in stored and "\\" not in stored and "<" not in stored and '"' not in stored
    assert stored.endswith("писмо_.pdf")
