"""The type of a file comes from its bytes: the office formats by their marker file, text without
markup; the name the phone gave it is cleaned before it is kept."""

import io
import zipfile

import pytest

from opora.attachments.domain.files import check_upload, clean_name, detect
from opora.attachments.enums import ContentType
from opora.core.errors import DomainError
from tests.attachments.samples import upload


def _zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


XLSX = _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"})
ODT = _zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b"<x/>"})
DOCM = _zip(
    {
        "[Content_Types].xml": b"<Types/>",
        "word/document.xml": b"<w:document/>",
        "word/vbaProject.bin": b"macro",
    }
)
PLAIN_ZIP = _zip({"readme.txt": b"hello"})


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (XLSX, ContentType.XLSX),
        (ODT, ContentType.ODT),
        (DOCM, None),  # a document with macros
        (PLAIN_ZIP, None),
        ("Уважаема госпожо,\r\nмоля...".encode("cp1251"), ContentType.TXT),
        (b"\x00\x01\x02binary", None),
        (b"  <svg onload=alert(1)>", None),
    ],
)
def test_the_type_is_read_from_the_bytes(content, expected):
    assert detect(upload(content, "файл.bin", "application/pdf")) == expected


def test_a_refusal_names_what_is_accepted():
    with pytest.raises(DomainError) as refused:
        check_upload(upload(PLAIN_ZIP, "архив.zip"))

    assert refused.value.field == "file"
    assert "PDF, снимка (JPEG, PNG, WEBP" in refused.value.message


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("C:\\Users\\Мария\\Desktop\\писмо.pdf", "писмо.pdf"),
        ("../../etc/passwd", "passwd"),
        ("отчет\x00.pdf", "отчет_.pdf"),
        ("...", "файл"),
        ("а" * 300 + ".pdf", "а" * 196 + ".pdf"),
    ],
)
def test_the_uploaded_name_is_cleaned(name, kept):
    assert clean_name(name) == kept
