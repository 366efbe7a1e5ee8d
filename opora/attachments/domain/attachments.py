"""Writes: attach a file to a case or a person, change what it says, remove it.

The file is written first, then the row and its audit entry in one transaction; if anything after
the write fails, the file goes too, so no file lies on disk without its row. A removal keeps the
row („Премахнат“, by whom, when, why) and erases the file once the removal has committed.
"""

from dataclasses import dataclass, fields
from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.attachments import storage
from opora.attachments.domain.files import check_upload
from opora.attachments.enums import AttachmentKind
from opora.attachments.models import Attachment
from opora.audit.domain import record
from opora.audit.redact import field_values
from opora.cases.models import Case
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity


@dataclass(frozen=True)
class AttachmentData:
    kind: str
    title: str
    document_date: date
    sender: str = ""
    sensitivity: str = Sensitivity.TEAM
    note: str = ""


def add_attachment(subject, *, actor, upload, data: AttachmentData) -> Attachment:
    """Keep `upload` with `subject` (a case or a person of the centre); refused uploads store nothing."""
    checked = check_upload(upload)
    _check_data(data)
    stored = storage.save(upload.chunks())
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                centre_id=subject.centre_id,
                **_subject(subject),
                **_values(data),
                original_name=checked.original_name,
                content_type=checked.content_type,
                size=stored.size,
                sha256=stored.sha256,
                storage_key=stored.key,
                created_by=actor,
            )
            record(
                actor=actor,
                action="attachment.add",
                obj=attachment,
                changes={
                    "kind": data.kind,
                    "sensitivity": data.sensitivity,
                    "content_type": checked.content_type,
                    "size": stored.size,
                    "person_id": attachment.person_id,
                },
            )
    except BaseException:
        storage.delete(stored.key)
        raise
    return attachment


def update_attachment(attachment: Attachment, *, actor, data: AttachmentData) -> dict:
    """Change the description of a file (not the file); returns the changed fields, redacted."""
    _check_data(data)
    with transaction.atomic():
        locked = _locked(attachment)
        values = _values(data)
        changed = {name: v for name, v in values.items() if getattr(locked, name) != v}
        if changed:
            for name, value in changed.items():
                setattr(locked, name, value)
            locked.save(update_fields=[*changed, "updated_at"])
            redacted = field_values(Attachment, changed)
            record(actor=actor, action="attachment.update", obj=locked, changes=redacted)
    _copy(locked, attachment)
    return changed


def remove_attachment(attachment: Attachment, *, actor, reason: str) -> Attachment:
    """Mark the file removed (who, when, why) and erase it from disk after the commit."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("Напишете защо файлът се премахва.", field="reason")
    with transaction.atomic():
        locked = _locked(attachment)
        key = locked.storage_key
        locked.removed_at = timezone.now()
        locked.removed_by = actor
        locked.removed_reason = reason
        locked.storage_key = ""
        locked.save(
            update_fields=[
                "removed_at",
                "removed_by",
                "removed_reason",
                "storage_key",
                "updated_at",
            ]
        )
        record(actor=actor, action="attachment.remove", obj=locked, changes={"reason": "променено"})
        transaction.on_commit(lambda: storage.delete(key))
    _copy(locked, attachment)
    return attachment


def _locked(attachment: Attachment) -> Attachment:
    locked = Attachment.objects.select_for_update().get(pk=attachment.pk)
    if locked.is_removed:
        raise DomainError("Файлът вече е премахнат.")
    return locked


def _copy(source: Attachment, target: Attachment) -> None:
    for model_field in Attachment._meta.concrete_fields:
        setattr(target, model_field.attname, getattr(source, model_field.attname))


def _subject(subject) -> dict:
    if isinstance(subject, Case):
        return {"case": subject}
    return {"person": subject}


def _values(data: AttachmentData) -> dict:
    values = {f.name: getattr(data, f.name) for f in fields(data)}
    for name in ("title", "sender", "note"):
        values[name] = (values[name] or "").strip()
    return values


def _check_data(data: AttachmentData) -> None:
    if not (data.title or "").strip():
        raise DomainError("Напишете заглавие на документа.", field="title")
    if data.document_date > timezone.localdate():
        raise DomainError("Датата на документа не може да е в бъдещето.", field="document_date")
    if data.kind not in AttachmentKind.values:
        raise DomainError("Изберете вид на документа.", field="kind")
    if data.sensitivity not in Sensitivity.values:
        raise DomainError("Изберете кой вижда файла.", field="sensitivity")
