from django.conf import settings
from django.db import models
from django.db.models import Q

from opora.attachments.enums import INLINE_TYPES, AttachmentKind, ContentType
from opora.cases.models import Case
from opora.centres.models import Centre
from opora.core.sensitivity import Sensitivity
from opora.people.models import Person


class Attachment(models.Model):
    """A file kept with a case or a person: a scan, a letter from an institution, a photo.

    The file lives outside the web root under `storage_key` (random; never the user's file name).
    The title, sender, note and original name are text fields, not char fields: they may say what
    a restricted document is about, and free text is what the access file withholds and what
    retention erases (opora.privacy).
    """

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="attachments"
    )
    kind = models.CharField("вид", max_length=30, choices=AttachmentKind)
    title = models.TextField("заглавие")
    document_date = models.DateField("дата на документа")
    sender = models.TextField("от кого (подател / институция)", blank=True)
    sensitivity = models.CharField(
        "кой вижда файла", max_length=20, choices=Sensitivity, default=Sensitivity.TEAM
    )
    note = models.TextField("бележка", blank=True)
    original_name = models.TextField("име на файла")
    size = models.PositiveBigIntegerField("размер (байта)")
    content_type = models.CharField("вид на съдържанието", max_length=100, choices=ContentType)
    sha256 = models.CharField("SHA-256", max_length=64)
    storage_key = models.CharField("storage key", max_length=32, blank=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name="прикачен от",
    )
    created_at = models.DateTimeField("прикачен на", auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    removed_at = models.DateTimeField("премахнат на", null=True, blank=True)
    removed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="премахнат от",
    )
    removed_reason = models.TextField("причина за премахването", blank=True)

    class Meta:
        verbose_name = "прикачен файл"
        verbose_name_plural = "прикачени файлове"
        ordering = ["-document_date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(case__isnull=False) & Q(person__isnull=True))
                | (Q(case__isnull=True) & Q(person__isnull=False)),
                name="attachment_on_case_or_person",
            )
        ]
        indexes = [
            models.Index(fields=["case", "document_date"], name="attachment_case_date_idx"),
            models.Index(fields=["person", "document_date"], name="attachment_person_date_idx"),
        ]

    def __str__(self) -> str:
        # No title: the audit and the access file name the record without what it is about.
        return f"{self.get_kind_display()} от {self.document_date:%d.%m.%Y}"

    @property
    def is_removed(self) -> bool:
        return self.removed_at is not None

    @property
    def size_label(self) -> str:
        return size_label(self.size)

    @property
    def opens_inline(self) -> bool:
        return self.content_type in INLINE_TYPES


def size_label(size: int) -> str:
    """1 234 567 bytes → „1,2 MB“; small files in KB."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
    return f"{max(1, round(size / 1024))} KB"
