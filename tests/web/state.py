"""The rows a staff action could change, captured so that a refused request can be shown to change nothing.

Every table of Opora's own apps is captured, many-to-many tables included (an ИОП team, the people
at a session), so a model added later is covered without being listed here.
"""

from typing import Any

from django.apps import apps

from opora.accounts.models import User
from opora.audit.models import AuditEntry

# Signing in a test client updates last_login; nothing else on the user should move.
_USER_FIELDS = ("id", "username", "password", "first_name", "last_name", "email", "is_active")


def captured_models() -> list:
    """Every model of an `opora.*` app but the user, whose sign-in stamp is left out below."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model.__module__.startswith("opora.") and model is not User
    ]


def database_state() -> dict[str, Any]:
    """Every row of every model the staff UI writes, in primary-key order."""
    state: dict[str, Any] = {
        model._meta.label: list(_rows(model).order_by("pk").values()) for model in captured_models()
    }
    state["accounts.User"] = list(User.objects.order_by("pk").values(*_USER_FIELDS))
    return state


def _rows(model):
    """Signing in a test client is audited; that entry is not a change the request made."""
    if model is AuditEntry:
        return model.objects.exclude(action="auth.login")
    return model.objects


def row_counts() -> dict[str, int]:
    return {label: len(rows) for label, rows in database_state().items()}


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])
