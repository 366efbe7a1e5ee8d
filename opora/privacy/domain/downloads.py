"""An export from making the file to its one-time download, logged and audited.

The password is generated here and returned once to the caller, which shows it on the page; the
log and the audit keep who, when, what, how many rows and the format, never the password.
"""

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.privacy import store
from opora.privacy.exports import generate_password
from opora.privacy.models import ExportLog

CONTENT_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}
LINK_USED_OR_EXPIRED = (
    "Връзката за изтегляне е изтекла или вече е използвана. Направете експорта отново: "
    "ще получите нова парола."
)


@dataclass(frozen=True)
class ExportFile:
    """What an export produces: the file, how it is named and what it holds."""

    kind: str
    file_format: str
    file_name: str
    description: str
    rows: int
    content: bytes


@dataclass(frozen=True)
class PreparedExport:
    """The log row, and what the page shows once: the password and the download token."""

    log: ExportLog
    password: str
    token: str


@dataclass(frozen=True)
class Download:
    file_name: str
    content_type: str
    content: bytes


def prepare_export(
    centre, *, actor, build: Callable[[str], ExportFile], audit_obj=None, changes=None
) -> PreparedExport:
    """Encrypt the file `build(password)` makes, keep it for its download link, log and audit it."""
    purge_expired_exports()
    password = generate_password()
    made = build(password)
    token = secrets.token_urlsafe(32)
    key = store.save(made.content)
    try:
        with transaction.atomic():
            log = _log(centre, actor=actor, made=made, key=key, token=token)
            record(
                actor=actor, action="export", obj=audit_obj or log,
                centre_id=centre.pk if centre is not None else None,
                changes={"export": log.pk, "what": made.kind, "rows": made.rows,
                         "format": made.file_format, **(changes or {})},
            )  # fmt: skip
    except BaseException:
        store.delete(key)
        raise
    return PreparedExport(log=log, password=password, token=token)


def _log(centre, *, actor, made: ExportFile, key: str, token: str) -> ExportLog:
    now = timezone.now()
    return ExportLog.objects.create(
        centre=centre, actor=actor, actor_name=_name(actor), at=now, kind=made.kind,
        file_format=made.file_format, description=made.description[:300], rows=made.rows,
        file_name=made.file_name, token_hash=_digest(token), stored_as=key,
        expires_at=now + timedelta(minutes=settings.OPORA_EXPORT_LINK_MINUTES),
    )  # fmt: skip


def take_download(centre, *, user, token: str) -> Download:
    """The file behind a valid token of this user in this centre, once; then it is gone."""
    if not token or len(token) > 100:
        raise DomainError(LINK_USED_OR_EXPIRED)
    with transaction.atomic():
        log = (
            ExportLog.objects.select_for_update()
            .filter(centre=centre, actor=user, token_hash=_digest(token), downloaded_at=None)
            .first()
        )
        content = store.read(log.stored_as) if log and log.stored_as else None
        if log is None or log.expires_at <= timezone.now() or content is None:
            raise DomainError(LINK_USED_OR_EXPIRED)
        key = log.stored_as
        log.downloaded_at = timezone.now()
        log.token_hash = log.stored_as = ""
        log.save(update_fields=["downloaded_at", "token_hash", "stored_as"])
        record(actor=user, action="export.download", obj=log, changes={"export": log.pk})
        transaction.on_commit(lambda: store.delete(key))
    suffix = log.file_name[log.file_name.rfind(".") :]
    return Download(log.file_name, CONTENT_TYPES.get(suffix, "application/octet-stream"), content)


def purge_expired_exports(*, now=None) -> int:
    """Delete the files whose link has expired; their log rows stay."""
    now = now or timezone.now()
    expired = list(
        ExportLog.objects.filter(expires_at__lte=now)
        .exclude(stored_as="")
        .values_list("pk", "stored_as")
    )
    for _pk, key in expired:
        store.delete(key)
    ExportLog.objects.filter(pk__in=[pk for pk, _key in expired]).update(
        stored_as="", token_hash=""
    )
    return len(expired)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _name(actor) -> str:
    if actor is None:
        return "система"
    return f"{actor.get_full_name() or actor.username} ({actor.username})"
