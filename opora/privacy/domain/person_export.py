"""The data subject's access request: a readable PDF of everything held, in an AES zip."""

from django.utils import timezone

from opora.core.errors import DomainError
from opora.privacy.domain.downloads import ExportFile, PreparedExport, prepare_export
from opora.privacy.domain.person_data import gather_person_data
from opora.privacy.enums import ExportFormat, ExportKind
from opora.privacy.exports import encrypted_zip
from opora.privacy.pdf.render import render_pdf

MAX_REFERENCE = 100


def export_person_data(person, *, actor, reference: str = "") -> PreparedExport:
    """The file for the request; `reference` is the request's registry number, if any."""
    reference = (reference or "").strip()
    if len(reference) > MAX_REFERENCE:
        raise DomainError(f"Номерът на искането е до {MAX_REFERENCE} знака.", field="reference")
    if getattr(person, "anonymisation", None) is not None:
        raise DomainError("Лицето е анонимизирано: центърът вече не пази негови лични данни.")
    data = gather_person_data(person, reader=actor)
    pdf = render_pdf(
        "privacy/pdf/person_data.html",
        {"data": data, "centre": person.centre, "requester": actor, "reference": reference},
        stylesheet="person_data.css",
    )
    stamp = timezone.localdate().strftime("%Y-%m-%d")

    def build(password: str) -> ExportFile:
        return ExportFile(
            kind=ExportKind.PERSON_DATA, file_format=ExportFormat.PDF,
            file_name=f"spravka-lichni-danni-{person.pk}-{stamp}.zip",
            description=f"Справка за лични данни (GDPR), лице № {person.pk}",
            rows=data.record_count,
            content=encrypted_zip(f"spravka-lichni-danni-{person.pk}.pdf", pdf, password),
        )  # fmt: skip

    changes = {"person": person.pk, "withheld_notes": data.withheld_notes}
    if reference:
        changes["reference"] = reference
    return prepare_export(
        person.centre, actor=actor, build=build, audit_obj=person, changes=changes
    )
