"""Optimistic locking for records that several people edit (case, ИПП version, ИОП).

The edit form carries the revision it was opened at (`RevisionField`, hidden). The domain write
locks the row, calls `require_revision(locked, expected)` — a save against a newer revision is
refused with `StaleEdit`, naming who changed what since — then `bump_revision(locked)` in the same
transaction and records `revision_changes(locked, fields)` in its audit entry, so that the next
stale save can tell which fields changed. `expected=None` (a form without the field) is not checked.
"""

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from django import forms
from django.apps import apps
from django.db.models import F, Model
from django.utils import timezone

from opora.core.errors import DomainError

REVISION_ERROR = (
    "Формата е повредена или остаряла. Презаредете страницата и въведете промените отново."
)
# How many of the record's latest audit entries are read to find the changes since the revision.
_ENTRIES_READ = 50


@dataclass(frozen=True)
class Changed:
    """One field changed by someone else: its name for people and its value as it is now."""

    name: str
    label: str
    now: str


class StaleEdit(DomainError):
    """The record changed after the form was opened: the save is refused, nothing is written."""

    def __init__(self, *, by: str, at, changed: list[Changed], revision: int):
        self.by, self.at, self.changed, self.revision = by, at, changed, revision
        names = ", ".join(c.label for c in changed) if changed else "записа"
        super().__init__(
            f"Докато редактирахте, {by} промени записа{_when(at)}: {names}. "
            "Вашите промени не са записани — прегледайте текущите стойности и опитайте отново.",
            field="revision",
        )


class RevisionField(forms.IntegerField):
    """The hidden revision the form was opened at; a forged value is a form error, not a 500."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.HiddenInput)
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**31 - 1)
        messages = {key: REVISION_ERROR for key in ("invalid", "min_value", "max_value")}
        kwargs["error_messages"] = {**messages, **kwargs.get("error_messages", {})}
        super().__init__(**kwargs)


class LockedForm(forms.Form):
    """A form with `revision`: its error is shown at the top (a hidden field has no place)."""

    revision = RevisionField()

    def _post_clean(self):
        super()._post_clean()
        if "revision" in self._errors:
            for message in self._errors.pop("revision"):
                self.add_error(None, message)


def require_revision(
    locked: Model,
    expected: int | None,
    *,
    labels: Mapping[str, str] | None = None,
    shown: Callable[[Model, str], str] | None = None,
) -> None:
    """Refuse with `StaleEdit` if `locked` (a row locked for update) moved past `expected`.

    `labels` names fields that are not model fields (e.g. a plan's goals); `shown` gives their
    current value as text. Model fields are named by their verbose name and shown as displayed.
    """
    if expected is None or expected == locked.revision:
        return
    entries = _entries_since(locked, expected)
    fields = sorted({name for entry in entries for name in entry.changes.get("fields", [])})
    latest = entries[0] if entries else None
    raise StaleEdit(
        by=_who(locked, latest),
        at=latest.at if latest else getattr(locked, "updated_at", None),
        changed=[_changed(locked, name, labels or {}, shown) for name in fields],
        revision=locked.revision,
    )


def bump_revision(locked: Model) -> int:
    """The next revision, written with F() + 1 in the caller's transaction, under its row lock."""
    type(locked).objects.filter(pk=locked.pk).update(revision=F("revision") + 1)
    locked.revision = type(locked).objects.values_list("revision", flat=True).get(pk=locked.pk)
    return locked.revision


def revision_changes(locked: Model, fields: Iterable[str]) -> dict:
    """What the audit entry of a write keeps for the next stale save: names, never content."""
    return {"revision": locked.revision, "fields": sorted(set(fields))}


def refresh_revision(form: forms.Form, revision: int) -> None:
    """After a refused save the form shows the user's input with the current revision, so that
    a second save, made knowingly after reading the current values, goes through."""
    form.data = form.data.copy()
    form.data[form.add_prefix("revision")] = str(revision)


def _entries_since(locked: Model, expected: int) -> list:
    # `core` imports no other app: the audit trail is looked up by name, at run time.
    entries = apps.get_model("audit", "AuditEntry").objects.filter(
        object_type=locked._meta.label_lower, object_id=str(locked.pk)
    )
    entries = entries.select_related("actor").order_by("-at", "-pk")[:_ENTRIES_READ]
    return [e for e in entries if _revision_of(e) > expected]


def _revision_of(entry) -> int:
    value = entry.changes.get("revision") if isinstance(entry.changes, dict) else None
    return value if isinstance(value, int) else -1


def _who(locked: Model, entry) -> str:
    if entry is not None and entry.actor is not None:
        return str(entry.actor)
    updated_by = getattr(locked, "updated_by", None)
    return str(updated_by) if updated_by else "друг служител"


def _when(at) -> str:
    if at is None:
        return ""
    local = timezone.localtime(at)
    if local.date() == timezone.localdate():
        return f" в {local:%H:%M}"
    return f" на {local:%d.%m.%Y} в {local:%H:%M}"


def _changed(locked: Model, name: str, labels: Mapping[str, str], shown) -> Changed:
    if name in labels:
        now = shown(locked, name) if shown else ""
        return Changed(name, labels[name], now)
    field = locked._meta.get_field(name)
    display = getattr(locked, f"get_{name}_display", None)
    value = display() if display else getattr(locked, name)
    return Changed(name, str(field.verbose_name).capitalize(), _text(value))


def _text(value) -> str:
    if value is None or value == "":
        return "(празно)"
    if hasattr(value, "strftime"):
        return value.strftime("%d.%m.%Y")
    return str(value)
