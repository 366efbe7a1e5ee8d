"""The rows a staff action could change, captured so that a refused request can be shown to change nothing."""

from typing import Any

from opora.accounts.models import Membership, User
from opora.audit.models import AuditEntry
from opora.cases.models import (
    Case,
    CasePerson,
    CaseService,
    CaseTargetGroup,
    CaseTeamMember,
    StatusChange,
    WaitingListEntry,
)
from opora.centres.models import Centre, CentreSettings
from opora.people.models import Person, Relation
from opora.referrals.models import Referral
from opora.tasks.models import Task

_MODELS = (
    AuditEntry,
    Case,
    CasePerson,
    CaseService,
    CaseTargetGroup,
    CaseTeamMember,
    Centre,
    CentreSettings,
    Membership,
    Person,
    Referral,
    Relation,
    StatusChange,
    Task,
    WaitingListEntry,
)
# Signing in a test client updates last_login; nothing else on the user should move.
_USER_FIELDS = ("id", "username", "password", "first_name", "last_name", "email", "is_active")


def database_state() -> dict[str, Any]:
    """Every row of every model the staff UI writes, in primary-key order."""
    state: dict[str, Any] = {
        model._meta.label: list(model.objects.order_by("pk").values()) for model in _MODELS
    }
    state["accounts.User"] = list(User.objects.order_by("pk").values(*_USER_FIELDS))
    return state


def row_counts() -> dict[str, int]:
    return {label: len(rows) for label, rows in database_state().items()}


def changed_tables(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    return sorted(label for label in before if before[label] != after[label])
