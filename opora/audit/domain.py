from typing import Any

from django.db import models

from opora.audit.context import client_ip
from opora.audit.models import AuditEntry


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    centre_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry; call it inside the same transaction as the write it describes."""
    if centre_id is None and obj is not None:
        centre_id = getattr(obj, "centre_id", None)
    return AuditEntry.objects.create(
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name(actor),
        centre_id_copy=centre_id,
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=changes or {},
        ip_address=client_ip.get(),
    )


def _name(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "система"
    return f"{actor.get_full_name() or actor.username} ({actor.username})"
