"""Reads of the audit trail for the centre's manager. Every one starts from the centre.

Lists are keyset-paginated on the id (newest first): `before` is the id the previous page ended
at, so no page ever counts the table.
"""

from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Q, QuerySet
from django.utils import timezone

from opora.audit.domain.entries import READ_ACTIONS
from opora.audit.models import AuditEntry

# The most read entries the unusual-access check looks at in one period.
UNUSUAL_SCAN_LIMIT = 50_000


@dataclass(frozen=True)
class Page:
    entries: list[AuditEntry]
    next_before: int | None  # pass as `before` for the next (older) page


def case_trail(centre, case_id: int, *, before: int | None, size: int) -> Page:
    """Reads and writes of the case and of every record that belongs to it."""
    entries = AuditEntry.objects.filter(centre_id_copy=centre.pk, case_id_copy=case_id)
    return _page(entries, before=before, size=size)


def staff_trail(centre, user, *, month: date, before: int | None, size: int) -> Page:
    """What one staff member did in the centre in a month, with her sign-ins and account events.

    Sign-ins belong to no centre; they are shown to the manager of every centre the person works
    in. Failed sign-ins point at the account that was tried.
    """
    start, end = month_bounds(month)
    own = Q(actor=user) & (
        Q(centre_id_copy=centre.pk)
        | Q(centre_id_copy__isnull=True, object_type__in=["", "accounts.user"])
    )
    tried = Q(action="auth.login_failed", object_type="accounts.user", object_id=str(user.pk))
    entries = AuditEntry.objects.filter(own | tried, at__gte=start, at__lt=end)
    return _page(entries, before=before, size=size)


def month_bounds(month: date) -> tuple[datetime, datetime]:
    first = month.replace(day=1)
    following = (first + timedelta(days=32)).replace(day=1)
    return _midnight(first), _midnight(following)


def _midnight(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time()))


def _page(entries: QuerySet, *, before: int | None, size: int) -> Page:
    """Newest first by time (the demo writes entries dated in the past), then by id."""
    if before is not None:
        cursor = AuditEntry.objects.filter(pk=before).values_list("at", flat=True).first()
        if cursor is None:
            entries = entries.filter(id__lt=before)
        else:
            entries = entries.filter(Q(at__lt=cursor) | Q(at=cursor, id__lt=before))
    rows = list(entries.order_by("-at", "-id")[: size + 1])
    more = len(rows) > size
    return Page(rows[:size], rows[size - 1].id if more else None)


# Unusual access


@dataclass
class Burst:
    """One person opened `len(case_ids)` different cases between `start` and `end`."""

    actor_name: str
    start: datetime
    end: datetime
    case_ids: set[int] = field(default_factory=set)

    @property
    def sorted_cases(self) -> list[int]:
        return sorted(self.case_ids)


@dataclass
class OutsideReads:
    """Reads of one case by one person who was not on its team at the time."""

    actor_name: str
    case_id: int
    count: int
    first: datetime
    last: datetime


@dataclass(frozen=True)
class UnusualAccess:
    bursts: list[Burst]
    outside_team: list[OutsideReads]
    scanned: int
    truncated: bool


def unusual_access(
    centre, *, start: date, end: date, cases: int, minutes: int, managers: set[int]
) -> UnusualAccess:
    """Many cases opened in a short time, and cases read from outside their team.

    `managers` are the ids of the centre's managers: they read every case by their role, so their
    reads are not "outside the team".
    """
    reads = _case_reads(centre, _midnight(start), _midnight(end + timedelta(days=1)))
    truncated = len(reads) > UNUSUAL_SCAN_LIMIT
    reads = reads[:UNUSUAL_SCAN_LIMIT]
    by_actor: dict[tuple, list] = {}
    for read in reads:
        by_actor.setdefault((read["actor_id"], read["actor_name"]), []).append(read)
    bursts = [
        burst
        for (_, name), rows in by_actor.items()
        for burst in find_bursts(rows, name=name, cases=cases, minutes=minutes)
    ]
    bursts.sort(key=lambda b: b.start, reverse=True)
    outside = _outside_team(reads, managers)
    return UnusualAccess(bursts, outside, len(reads), truncated)


def _case_reads(centre, start: datetime, end: datetime) -> list[dict]:
    is_read = Q()
    for suffix in READ_ACTIONS:
        is_read |= Q(action__endswith=suffix)
    rows = (
        AuditEntry.objects.filter(
            is_read, centre_id_copy=centre.pk, case_id_copy__isnull=False, at__gte=start, at__lt=end
        )
        .order_by("at", "id")
        .values("actor_id", "actor_name", "case_id_copy", "at", "changes")
    )
    return list(rows[: UNUSUAL_SCAN_LIMIT + 1])


def find_bursts(reads: list[dict], *, name: str, cases: int, minutes: int) -> list[Burst]:
    """Sliding window over one person's reads in time order; overlapping windows make one burst."""
    span = timedelta(minutes=minutes)
    window: deque = deque()
    open_cases: Counter = Counter()
    found: list[Burst] = []
    for read in reads:
        window.append(read)
        open_cases[read["case_id_copy"]] += 1
        while window[0]["at"] < read["at"] - span:
            _forget(open_cases, window.popleft()["case_id_copy"])
        if len(open_cases) < cases:
            continue
        start = window[0]["at"]
        if found and start <= found[-1].end:
            found[-1].end = read["at"]
            found[-1].case_ids |= set(open_cases)
        else:
            found.append(Burst(name, start, read["at"], set(open_cases)))
    return found


def _forget(counter: Counter, key) -> None:
    counter[key] -= 1
    if not counter[key]:
        del counter[key]


def _outside_team(reads: list[dict], managers: set[int]) -> list[OutsideReads]:
    found: dict[tuple, OutsideReads] = {}
    for read in reads:
        if read["changes"].get("on_team") is not False or read["actor_id"] in managers:
            continue
        key = (read["actor_id"], read["actor_name"], read["case_id_copy"])
        seen = found.get(key)
        if seen is None:
            found[key] = OutsideReads(key[1], key[2], 1, read["at"], read["at"])
        else:
            seen.count, seen.last = seen.count + 1, read["at"]
    return sorted(found.values(), key=lambda r: r.last, reverse=True)
