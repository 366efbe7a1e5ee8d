"""Reports that can be submitted, and their snapshots: stored, re-run and compared.

A report is registered once (`register_report`) with a code, a title, the version of its
definition and a `compute(scope, period)` that returns JSON-serialisable figures exactly as they are
shown and submitted (a roll-up's compute applies the suppression of small counts itself).
`take_snapshot` stores the figures with the definition that produced them; `rerun` computes the same
report again now and `differences` lists what changed since, so a submitted report can always be
reproduced and compared. The statutory reports register here too.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.centres.models import Centre
from opora.core.errors import DomainError
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.models import ReportSnapshot

Compute = Callable[[Scope, Period], dict]


@dataclass(frozen=True)
class Report:
    code: str
    title: str
    version: int
    definition: str
    compute: Compute


@dataclass(frozen=True)
class Difference:
    """One figure that differs: `path` like „age_band / 3–7“; None where a side lacks it."""

    path: str
    stored: Any
    now: Any


_REPORTS: dict[str, Report] = {}


def register_report(
    code: str, *, title: str, version: int, definition: str, compute: Compute
) -> None:
    """Make a report available to snapshots; registering the same code again replaces it."""
    _REPORTS[code] = Report(code, title, version, definition, compute)


def report(code: str) -> Report:
    try:
        return _REPORTS[code]
    except KeyError:
        raise DomainError(f"Няма отчет с код „{code}“.") from None


def registered_reports() -> list[Report]:
    return sorted(_REPORTS.values(), key=lambda item: item.title)


def take_snapshot(
    code: str, *, actor, scope: Scope, period: Period, note: str = "", submitted_to: str = ""
) -> ReportSnapshot:
    """Compute the report and store it as submitted, with its definition; audited."""
    chosen = report(code)
    figures = chosen.compute(scope, period)
    with transaction.atomic():
        snapshot = ReportSnapshot.objects.create(
            code=chosen.code, title=chosen.title, version=chosen.version,
            centre=_centre_of(scope), centre_ids=list(scope.centre_ids), rollup=scope.rollup,
            scope_label=scope.label[:300], period_start=period.start, period_end=period.end,
            figures=figures, definition=chosen.definition, taken_by=actor,
            taken_by_name=_name(actor), taken_at=timezone.now(),
            submitted_to=submitted_to.strip()[:200], note=note.strip()[:500],
        )  # fmt: skip
        record(
            actor=actor, action="report.snapshot", obj=snapshot, centre_id=snapshot.centre_id,
            changes={"report": code, "version": chosen.version, "rollup": scope.rollup,
                     "centres": len(scope.centre_ids), "period": period.label()},
        )  # fmt: skip
    return snapshot


def scope_of(snapshot: ReportSnapshot) -> Scope:
    return Scope(
        centre_ids=tuple(snapshot.centre_ids), label=snapshot.scope_label, rollup=snapshot.rollup
    )


def period_of(snapshot: ReportSnapshot) -> Period:
    return Period(snapshot.period_start, snapshot.period_end)


def rerun(snapshot: ReportSnapshot) -> dict:
    """The same report over the same centres and period, computed now."""
    return report(snapshot.code).compute(scope_of(snapshot), period_of(snapshot))


def differences(snapshot: ReportSnapshot) -> list[Difference]:
    """What a re-run now gives differently from the stored figures ([] when identical)."""
    return compare(snapshot.figures, rerun(snapshot))


def compare(stored: Any, now: Any, path: str = "") -> list[Difference]:
    if isinstance(stored, dict) and isinstance(now, dict):
        found: list[Difference] = []
        for key in _keys_in_order(stored, now):
            found += compare(stored.get(key), now.get(key), _join(path, key))
        return found
    if isinstance(stored, list) and isinstance(now, list):
        found = []
        for index in range(max(len(stored), len(now))):
            left = stored[index] if index < len(stored) else None
            right = now[index] if index < len(now) else None
            found += compare(left, right, _join(path, _list_key(left, right, index)))
        return found
    return [] if stored == now else [Difference(path or "—", stored, now)]


def _keys_in_order(stored: dict, now: dict) -> list:
    return list(stored) + [key for key in now if key not in stored]


def _list_key(left, right, index: int) -> str:
    """A row or a table is named by its label or title where it has one, else by its position."""
    for item in (left, right):
        for name in ("label", "title"):
            if isinstance(item, dict) and item.get(name):
                return str(item[name])
    return str(index + 1)


# How a path reads on the page: structural keys are left out, the totals are „Общо“.
_SILENT_KEYS = frozenset({"tables", "rows", "count"})
_KEY_NAMES = {"total": "Общо", "groups": "Общини"}


def _join(path: str, key) -> str:
    if key in _SILENT_KEYS:
        return path
    key = _KEY_NAMES.get(key, key)
    return f"{path} / {key}" if path else str(key)


def _centre_of(scope: Scope) -> Centre | None:
    if scope.rollup:
        return None
    return Centre.objects.get(pk=scope.single_centre_id)


def _name(actor) -> str:
    if actor is None or not getattr(actor, "pk", None):
        return "система"
    return f"{actor.get_full_name() or actor.username} ({actor.username})"
