"""What may go into an entry's `changes`: never free text, never an identifier in clear.

The audit is read by the manager and kept for years; a note about a child copied into it would
escape every access rule the note itself has.
"""

from typing import Any

from django.db import models

CHANGED = "променено"
MASK = "•••"


def text(value: str | None) -> str:
    """A free-text value as the audit keeps it: only that it was written."""
    return CHANGED if str(value or "").strip() else ""


def identifier(value: str | None) -> str:
    """An ЕГН/ЛНЧ as the audit keeps it: masked."""
    return MASK if value else ""


def field_values(model: type[models.Model], values: dict[str, Any]) -> dict[str, Any]:
    """Changed model fields for `changes`: text fields redacted, dates as ISO, records as ids."""
    return {name: _value(model, name, value) for name, value in values.items()}


def _value(model, name: str, value):
    if _is_text(model, name):
        return text(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return getattr(value, "pk", value)


def _is_text(model, name: str) -> bool:
    try:
        return isinstance(model._meta.get_field(name), models.TextField)
    except models.FieldDoesNotExist:
        return False
