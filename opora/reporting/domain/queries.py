"""Reads of submitted statistical reports: a centre's own, or the roll-ups an official may see."""

from opora.oversight.domain.scope import overseen_centres
from opora.reporting.domain.scope import Scope
from opora.reporting.models import ReportSnapshot

STATISTICS = "statistics"
LIST_LIMIT = 100


def centre_snapshots(centre) -> list[ReportSnapshot]:
    return list(
        ReportSnapshot.objects.filter(centre=centre, code=STATISTICS).defer("figures")[:LIST_LIMIT]
    )


def centre_snapshot(centre, pk: int) -> ReportSnapshot | None:
    return ReportSnapshot.objects.filter(centre=centre, code=STATISTICS, pk=pk).first()


def oversight_scope(user) -> Scope:
    """The roll-up an official sees: her municipality's centres, or every centre."""
    access = getattr(user, "oversight", None)
    municipality = access.municipality if access is not None else ""
    label = f"Община {municipality}" if municipality else "Всички центрове"
    return Scope.rollup_of(overseen_centres(user), label)


def rollup_snapshots(user) -> list[ReportSnapshot]:
    """Roll-ups over centres that are all among those `user` oversees (none for other staff)."""
    seen = set(overseen_centres(user).values_list("pk", flat=True))
    if not seen:
        return []
    candidates = ReportSnapshot.objects.filter(centre=None, rollup=True, code=STATISTICS)
    return [s for s in candidates.defer("figures")[: LIST_LIMIT * 5] if set(s.centre_ids) <= seen][
        :LIST_LIMIT
    ]


def rollup_snapshot(user, pk: int) -> ReportSnapshot | None:
    found = ReportSnapshot.objects.filter(centre=None, rollup=True, code=STATISTICS, pk=pk).first()
    seen = set(overseen_centres(user).values_list("pk", flat=True))
    if found is None or not seen or not set(found.centre_ids) <= seen:
        return None
    return found
