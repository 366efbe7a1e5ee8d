"""The catalogue of attachment kinds and the file types Opora accepts (detected from the content)."""

from django.db import models


class AttachmentKind(models.TextChoices):
    INSTITUTION_LETTER = "institution_letter", "Писмо от институция"
    SCANNED = "scanned", "Сканиран документ"
    SIGNED = "signed", "Подписан договор/ИПП"
    MEDICAL = "medical", "Медицински документ"
    SCHOOL = "school", "Документ от училище"
    COURT = "court", "Съдебен акт"
    PHOTO = "photo", "Снимка"
    OTHER = "other", "Друго"


class ContentType(models.TextChoices):
    """What the file is, as its bytes say (never the name or the browser's word for it)."""

    PDF = "application/pdf", "PDF"
    JPEG = "image/jpeg", "JPEG"
    PNG = "image/png", "PNG"
    WEBP = "image/webp", "WEBP"
    HEIC = "image/heic", "HEIC"
    DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "DOCX"
    XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    ODT = "application/vnd.oasis.opendocument.text", "ODT"
    TXT = "text/plain", "TXT"


# Shown in the browser (a new tab) rather than saved: PDFs and pictures, never text or office files.
INLINE_TYPES = frozenset(
    {ContentType.PDF, ContentType.JPEG, ContentType.PNG, ContentType.WEBP, ContentType.HEIC}
)
# What the file chooser offers; the check itself is by content (domain/files.py).
ACCEPT = (
    ".pdf,.jpg,.jpeg,.png,.webp,.heic,.heif,.docx,.xlsx,.odt,.txt,"
    "application/pdf,image/jpeg,image/png,image/webp,image/heic"
)
RESTRICTED = "Прикачен файл с ограничен достъп"
