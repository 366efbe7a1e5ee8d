from typing import Any

from django.db import models, transaction
from django.utils import timezone

from opora.audit.chain import append, normal_ip, plain_changes
from opora.audit.context import client_ip
from opora.audit.models import AuditEntry

# How a read is named: "<thing>.view" for a page, "<thing>.print" for a printout.
READ_ACTIONS = (".view", ".print")


def record(
    *,
    actor,
    action: str,
    obj: models.Model | None = None,
    centre_id: int | None = None,
    case_id: int | None = None,
    changes: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one audit entry; call it inside the same transaction as the write it describes.

    Only redacted values go into `changes`: ЕГН/ЛНЧ masked, free text never (say "променено").
    A read of case content (`<thing>.view`, `<thing>.print`) also notes whether the reader was on
    the case team at that moment (`on_team`): the team changes later, the entry must not.
    """
    if centre_id is None and obj is not None:
        centre_id = getattr(obj, "centre_id", None)
    if is_read(action):
        changes = _with_team(actor, obj, changes)
    entry = AuditEntry(
        at=timezone.now(),
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=_name(actor)[:200],
        centre_id_copy=centre_id,
        case_id_copy=case_id if case_id is not None else _case_id(obj),
        action=action[:60],
        object_type=obj._meta.label_lower[:60] if obj is not None else "",
        object_id=str(obj.pk)[:40] if obj is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        changes=plain_changes(changes),
        ip_address=normal_ip(client_ip.get()),
    )
    # Its own transaction when called outside one (a page view): the chain lock, the read of the
    # last hash and the insert must be one unit.
    with transaction.atomic(savepoint=False):
        return append(entry)


def record_read(request, obj: models.Model, *, action: str, changes: dict | None = None):
    """A staff member opened (or printed) `obj` in a page of the centre."""
    if not is_read(action):
        raise ValueError(f"a read is named <thing>.view or <thing>.print, not {action!r}")
    centre = getattr(request, "centre", None)
    return record(
        actor=request.user,
        action=action,
        obj=obj,
        centre_id=centre.pk if centre is not None else None,
        changes=changes,
    )


def is_read(action: str) -> bool:
    return action.endswith(READ_ACTIONS)


def _with_team(actor, obj, changes: dict | None) -> dict | None:
    case = _case_of(obj)
    if case is None or not getattr(actor, "pk", None):
        return changes
    return {**(changes or {}), "on_team": _on_team(actor, case)}


def _is_case(obj) -> bool:
    return obj is not None and obj._meta.label_lower == "cases.case"


def _case_id(obj) -> int | None:
    if obj is None:
        return None
    return obj.pk if _is_case(obj) else getattr(obj, "case_id", None)


def _case_of(obj):
    if _is_case(obj):
        return obj
    return getattr(obj, "case", None) if getattr(obj, "case_id", None) else None


def _on_team(user, case) -> bool:
    """The case manager or a member of the case team (the team prefetched by the page, if it was)."""
    if case.case_manager_id == user.pk:
        return True
    if "team" in getattr(case, "_prefetched_objects_cache", {}):
        return any(member.user_id == user.pk for member in case.team.all())
    return case.team.filter(user_id=user.pk).exists()


def _name(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "система"
    return f"{actor.get_full_name() or actor.username} ({actor.username})"
