"""Percentiles and the result table (plain text, also Markdown)."""

import math
from dataclasses import dataclass, field


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile of a non-empty list."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), math.ceil(p / 100 * len(ordered))))
    return ordered[rank - 1]


@dataclass
class Measure:
    label: str
    times_ms: list[float] = field(default_factory=list)
    queries: set[int] = field(default_factory=set)
    errors: int = 0
    note: str = ""
    peer: str = ""  # label of the peer measure this one is compared with

    @property
    def p50(self) -> float:
        return percentile(self.times_ms, 50)

    @property
    def p95(self) -> float:
        return percentile(self.times_ms, 95)

    @property
    def p99(self) -> float:
        return percentile(self.times_ms, 99)

    @property
    def query_text(self) -> str:
        if not self.queries:
            return "—"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}–{high}"


HEADER = (
    "Страница",
    "p50 ms",
    "p95 ms",
    "p99 ms",
    "× под (p95)",
    "спрямо admin (p95)",
    "SQL заявки",
)


def rows(measures: list[Measure], floor: Measure | None) -> list[tuple[str, ...]]:
    by_label = {m.label: m for m in measures}
    table = []
    for m in measures:
        if m.note and not m.times_ms:
            table.append((m.label, "—", "—", "—", "—", "—", m.note))
            continue
        to_floor = f"{m.p95 / floor.p95:.1f}×" if floor and floor.p95 > 0 else "—"
        peer = by_label.get(m.peer)
        to_peer = "—"
        if peer and peer.times_ms and m.p95 > 0:
            to_peer = f"{peer.p95 / m.p95:.1f}× по-бързо"
        errors = f" ({m.errors} грешки)" if m.errors else ""
        table.append((m.label, f"{m.p50:.1f}", f"{m.p95:.1f}", f"{m.p99:.1f}", to_floor, to_peer,
                      m.query_text + errors))  # fmt: skip
    return table


def markdown(header: tuple[str, ...], body: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in body]
    return "\n".join(lines)


def plain(header: tuple[str, ...], body: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(r[i])) for r in [header, *body]) for i in range(len(header))]
    line = lambda r: "  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True))  # noqa: E731
    return "\n".join([line(header), line(tuple("-" * w for w in widths)), *map(line, body)])
