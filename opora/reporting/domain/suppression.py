"""Small counts hidden in roll-ups, so that no child can be picked out of the figures.

Primary: a count from 1 to threshold − 1 shows as „< threshold“ (0 stays 0: nobody to identify).
Secondary: where cells add up to a shown total — the rows of a single-valued table, and the same
cell across the municipalities of a roll-up — one hidden cell could be worked out from the total
and the others, so the next smallest non-zero cell is hidden too. The two rules are applied until
nothing changes. An average (the wait in days) is hidden with the count it is the average of.
Per-centre reports for the centre's own staff are never suppressed.
"""

from django.conf import settings


def label(threshold: int) -> str:
    return f"< {threshold}"


def suppress(groups: list, *, threshold: int | None = None) -> None:
    """Hide small counts in place. `groups[0]` is the total, the rest its parts (municipalities)."""
    threshold = threshold or settings.OPORA_SUPPRESSION_THRESHOLD
    hidden = _primary(groups, threshold)
    while True:
        added = _within_tables(groups, hidden) | _across_groups(groups, hidden)
        if not added - hidden:
            break
        hidden |= added
    _hide_averages(groups, hidden)
    shown = label(threshold)
    for g, t, r in hidden:
        table = groups[g].tables[t]
        if r is None:
            table.total = shown
        else:
            table.rows[r][1] = shown


def _value(groups, cell) -> int:
    g, t, r = cell
    table = groups[g].tables[t]
    return table.total if r is None else table.rows[r][1]


def _cells(groups):
    for g, group in enumerate(groups):
        for t, table in enumerate(group.tables):
            for r in range(len(table.rows)):
                if r not in _averages(table):
                    yield (g, t, r)
            if table.total is not None:
                yield (g, t, None)


def _averages(table) -> dict[int, int]:
    return getattr(table, "averages", {}) or {}


def _primary(groups, threshold: int) -> set:
    return {cell for cell in _cells(groups) if 0 < _value(groups, cell) < threshold}


def _within_tables(groups, hidden: set) -> set:
    """Rows of a single-valued table sum to its total."""
    added = set()
    for g, group in enumerate(groups):
        for t, table in enumerate(group.tables):
            if table.kind != "single" or (g, t, None) in hidden:
                continue
            added |= _complete([(g, t, r) for r in range(len(table.rows))], groups, hidden)
    return added


def _across_groups(groups, hidden: set) -> set:
    """A cell summed over the municipalities gives the cell of the total."""
    parts = range(1, len(groups))
    if len(groups) < 3:
        return set()
    added = set()
    for t, table in enumerate(groups[0].tables):
        rows = [r for r in range(len(table.rows)) if r not in _averages(table)]
        for r in [*rows, None] if table.total is not None else rows:
            if (0, t, r) in hidden:
                continue
            added |= _complete([(g, t, r) for g in parts], groups, hidden)
    return added


def _complete(cells: list, groups, hidden: set) -> set:
    """If exactly one of cells adding up to a shown sum is hidden, hide the next smallest too."""
    if sum(1 for cell in cells if cell in hidden) != 1:
        return set()
    candidates = [c for c in cells if c not in hidden and _value(groups, c) > 0]
    if not candidates:
        return set()
    return {min(candidates, key=lambda cell: _value(groups, cell))}


def _hide_averages(groups, hidden: set) -> None:
    for g, group in enumerate(groups):
        for t, table in enumerate(group.tables):
            for average_row, basis_row in _averages(table).items():
                if (g, t, basis_row) in hidden:
                    hidden.add((g, t, average_row))
