from django import template

from opora.audit.domain import is_read
from opora.audit.labels import action_label, object_label

register = template.Library()

register.filter("action_label", action_label)
register.filter("object_label", object_label)


@register.filter
def outside_team(entry, managers=()) -> bool:
    """A read of case content by someone who was not on the case team at the time.

    The centre's managers (`managers`: their user ids) read every case by their role.
    """
    if entry.actor_id in (managers or ()):
        return False
    return is_read(entry.action) and entry.changes.get("on_team") is False


@register.filter
def details(entry) -> str:
    """The redacted `changes`, one `key: value` per item, without the read markers."""
    shown = {k: v for k, v in entry.changes.items() if k not in {"on_team", "before"}}
    return "; ".join(f"{key}: {_plain(value)}" for key, value in sorted(shown.items()))


def _plain(value) -> str:
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "—" if value in (None, "") else str(value)


@register.filter
def case_number(numbers: dict, case_id: int) -> str:
    """The case's number, or its id when the case is no longer there."""
    return numbers.get(case_id) or f"№ {case_id} (изтрит)"
