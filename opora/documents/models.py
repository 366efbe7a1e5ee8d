from django.conf import settings
from django.db import models

from opora.cases.models import Case
from opora.centres.models import Centre


def kind_choices() -> list[tuple[str, str]]:
    """The registered kinds (a callable: kinds register after the models load)."""
    from opora.documents.kinds.base import REGISTRY

    return [(kind.code, kind.title) for kind in REGISTRY.values()]


class FileFormat(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", "DOCX (Word)"


class IssuedDocument(models.Model):
    """The register of issued documents: a number `<sequence>/<year>` per centre and year."""

    centre = models.ForeignKey(Centre, on_delete=models.PROTECT, related_name="+")
    kind_code = models.CharField("вид документ", max_length=40, choices=kind_choices)
    sequence = models.PositiveIntegerField("пореден номер")
    year = models.PositiveSmallIntegerField("година")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="issued_documents")
    subject_id = models.PositiveIntegerField("запис")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    issued_at = models.DateTimeField("издаден на")
    file_format = models.CharField("формат", max_length=5, choices=FileFormat)
    # SHA-256 of the file as first issued (bytes, not text: it says nothing about anyone).
    sha256 = models.BinaryField("SHA-256", max_length=32)

    class Meta:
        verbose_name = "издаден документ"
        verbose_name_plural = "издадени документи"
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "year", "sequence"], name="document_number_unique_per_centre"
            )
        ]
        indexes = [
            models.Index(fields=["case", "kind_code", "subject_id"], name="document_subject_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.title} № {self.number}"

    @property
    def number(self) -> str:
        return f"{self.sequence}/{self.year}"

    @property
    def title(self) -> str:
        return self.get_kind_code_display()

    @property
    def sha256_hex(self) -> str:
        return bytes(self.sha256).hex()


class DocumentTemplate(models.Model):
    """A centre's own layout of one kind, edited by the manager; none = the default layout."""

    centre = models.ForeignKey(Centre, on_delete=models.CASCADE, related_name="+")
    kind_code = models.CharField("вид документ", max_length=40, choices=kind_choices)
    body = models.TextField("шаблон")
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField("последна промяна")

    class Meta:
        verbose_name = "шаблон на документ"
        verbose_name_plural = "шаблони на документи"
        constraints = [
            models.UniqueConstraint(
                fields=["centre", "kind_code"], name="document_template_unique_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"Шаблон: {self.get_kind_code_display()}"
