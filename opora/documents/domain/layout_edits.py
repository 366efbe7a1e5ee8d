"""The manager's own layouts: save one (checked first) or go back to the default."""

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.documents.domain.layouts import LayoutError, check_layout
from opora.documents.models import DocumentTemplate


def save_layout(centre, *, actor, kind_code: str, body: str) -> DocumentTemplate:
    try:
        check_layout(body)
    except LayoutError as error:
        raise DomainError(str(error), field="body") from None
    if not body.strip():
        raise DomainError("Шаблонът е празен.", field="body")
    with transaction.atomic():
        layout, created = DocumentTemplate.objects.update_or_create(
            centre=centre, kind_code=kind_code,
            defaults={"body": body, "updated_by": actor, "updated_at": timezone.now()},
        )  # fmt: skip
        record(
            actor=actor, action="document_template.save", obj=layout, centre_id=centre.pk,
            changes={"kind": kind_code, "body": "променено", "new": created},
        )  # fmt: skip
    return layout


def reset_layout(centre, *, actor, kind_code: str) -> bool:
    """Delete the centre's layout of the kind; True if there was one."""
    with transaction.atomic():
        layout = DocumentTemplate.objects.filter(centre=centre, kind_code=kind_code).first()
        if layout is None:
            return False
        record(
            actor=actor, action="document_template.reset", obj=layout, centre_id=centre.pk,
            changes={"kind": kind_code},
        )  # fmt: skip
        layout.delete()
    return True
