"""Which uploads are accepted: the size limit and the type, read from the file's own bytes.

The name and the browser's content type are the sender's claims; an .exe renamed .pdf, an HTML
page or an SVG (which can carry script) is refused whatever it is called. Accepted: PDF, JPEG,
PNG, WEBP/HEIC when Pillow recognises them, DOCX/XLSX/ODT (a zip with the marker file of its
kind, without macros) and plain text.
"""

import re
import unicodedata
import zipfile
from dataclasses import dataclass

from django.conf import settings

from opora.attachments.enums import ContentType
from opora.core.errors import DomainError

REFUSED_TYPE = "Този вид файл не се приема. Прикачете {accepted}."
EMPTY = "Файлът е празен – изберете файл със съдържание."
MISSING = "Изберете файл или снимайте документа."
_HEAD = 4096
_IMAGE_FORMATS = {
    "JPEG": ContentType.JPEG,
    "PNG": ContentType.PNG,
    "WEBP": ContentType.WEBP,
    "HEIF": ContentType.HEIC,
}
_ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
# Text that a browser would treat as a page or a picture with script, whatever it is called.
_MARKUP = re.compile(rb"<\s*(?:!doctype|html|head|body|script|svg|iframe|\?xml)", re.IGNORECASE)
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_UNSAFE_NAME = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
NAME_LENGTH = 200


@dataclass(frozen=True)
class CheckedUpload:
    content_type: str
    original_name: str


def max_bytes() -> int:
    return settings.OPORA_ATTACHMENT_MAX_MB * 1024 * 1024


def check_upload(upload) -> CheckedUpload:
    """Refuse (DomainError on the field „file“) a missing, empty, too big or unknown file."""
    if upload is None:
        raise DomainError(MISSING, field="file")
    size = upload.size or 0
    if size == 0:
        raise DomainError(EMPTY, field="file")
    if size > max_bytes():
        raise DomainError(
            f"Файлът е твърде голям ({_mb(size)} MB). Най-големият разрешен размер е "
            f"{settings.OPORA_ATTACHMENT_MAX_MB} MB.",
            field="file",
        )
    content_type = detect(upload)
    if content_type is None:
        raise DomainError(REFUSED_TYPE.format(accepted=accepted_types()), field="file")
    return CheckedUpload(content_type=content_type, original_name=clean_name(upload.name))


def accepted_types() -> str:
    """What staff may attach, in words; HEIC only where Pillow has a HEIF plugin installed."""
    from PIL import Image

    Image.init()
    pictures = "JPEG, PNG, WEBP" + (", HEIC" if "HEIF" in Image.OPEN else "")
    return f"PDF, снимка ({pictures}), документ DOCX, XLSX или ODT, или текстов файл (TXT)"


def detect(upload) -> str | None:
    """The content type the bytes prove, or None."""
    upload.seek(0)
    head = upload.read(_HEAD)
    upload.seek(0)
    try:
        if head.startswith(b"%PDF-"):
            return ContentType.PDF
        if head.startswith(b"PK\x03\x04"):
            return _office_type(upload)
        found = _image_type(upload)
        if found:
            return found
        upload.seek(0)  # Pillow may have read on before giving up
        return ContentType.TXT if _is_plain_text(upload) else None
    finally:
        upload.seek(0)


def _image_type(upload) -> str | None:
    from PIL import Image  # Pillow comes with WeasyPrint; loaded only for an upload

    try:
        with Image.open(upload) as image:
            found = _IMAGE_FORMATS.get(image.format or "")
            if found:
                image.verify()
            return found
    except Exception:  # anything Pillow cannot read is simply not a picture
        return None


def _office_type(upload) -> str | None:
    try:
        with zipfile.ZipFile(upload) as archive:
            names = set(archive.namelist())
            if any(name.lower().endswith("vbaproject.bin") for name in names):
                return None  # macros
            if "[Content_Types].xml" in names and "word/document.xml" in names:
                return ContentType.DOCX
            if "[Content_Types].xml" in names and "xl/workbook.xml" in names:
                return ContentType.XLSX
            if "mimetype" in names and archive.read("mimetype").strip() == _ODT_MIMETYPE:
                return ContentType.ODT
    except (zipfile.BadZipFile, OSError, KeyError, ValueError, NotImplementedError):
        return None
    return None


def _is_plain_text(upload) -> bool:
    """UTF-8 (or Windows-1251, as old Bulgarian text files are) without binary bytes or markup."""
    data = upload.read(max_bytes() + 1)
    if _CONTROL.search(data) or _MARKUP.search(data):
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        try:
            data.decode("cp1251")
        except UnicodeDecodeError:
            return False
    return True


def clean_name(name: str | None) -> str:
    """The uploaded name as it may be shown and offered back: no folders, no control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = unicodedata.normalize("NFC", base)
    base = _UNSAFE_NAME.sub("_", base).strip(" ._")
    if len(base) > NAME_LENGTH:
        stem, dot, extension = base.rpartition(".")
        keep = NAME_LENGTH - len(extension) - 1 if dot and len(extension) <= 10 else NAME_LENGTH
        base = f"{stem[:keep]}.{extension}" if dot and len(extension) <= 10 else base[:keep]
    return base or "файл"


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}".replace(".", ",")
