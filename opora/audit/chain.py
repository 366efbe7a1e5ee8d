"""The hash chain that makes the audit trail tamper-evident.

Every entry stores `prev_hash` (the `hash` of the entry before it in id order, `GENESIS` for the
first) and `hash`, a SHA-256 over a canonical serialisation of its stored fields and `prev_hash`.
Changing a stored field breaks that entry's hash; deleting or reordering entries breaks the next
entry's link. Rewriting the whole tail from some point on (hashes included) is not detectable from
inside the database: compare the last hash `verify_audit` prints with one kept elsewhere.

The actor's foreign key is not hashed: deleting a user sets it to NULL; the hashed copy of who
acted is `actor_name`, which includes the unique username.
"""

import hashlib
import ipaddress
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection

from opora.audit.models import AuditEntry

GENESIS = "0" * 64
HASHED_FIELDS = (
    "at", "actor_name", "centre_id_copy", "case_id_copy", "action", "object_type", "object_id",
    "object_repr", "changes", "ip_address", "prev_hash",
)  # fmt: skip
# pg_advisory_xact_lock key of the chain ("OPOR"): one writer at a time appends.
CHAIN_LOCK = 0x4F504F52


def plain_changes(changes: Mapping[str, Any] | None) -> dict:
    """`changes` as JSON will store and give back: dates as ISO text, floats as text.

    Floats are kept as text because PostgreSQL's jsonb may print a float back differently
    (1e+20 → 100000000000000000000), which would change the hash.
    """
    text = json.dumps(dict(changes or {}), cls=DjangoJSONEncoder)
    return json.loads(text, parse_float=str)


def canonical(values: Mapping[str, Any]) -> bytes:
    """Sorted-key JSON of the hashed fields; `at` in UTC ISO with microseconds."""
    data = {name: values[name] for name in HASHED_FIELDS}
    data["at"] = _utc(values["at"])
    data["ip_address"] = normal_ip(values["ip_address"])
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def entry_hash(values: Mapping[str, Any]) -> str:
    return hashlib.sha256(canonical(values)).hexdigest()


def hash_of(entry: AuditEntry) -> str:
    return entry_hash({name: getattr(entry, name) for name in HASHED_FIELDS})


def normal_ip(value: str | None) -> str | None:
    """One spelling of an address, whatever the database gives back (PostgreSQL's inet)."""
    if not value:
        return None
    try:
        return str(ipaddress.ip_address(str(value).split("/")[0]))
    except ValueError:
        return None


def _utc(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def last_hash() -> str:
    """The hash of the newest entry: one read of the primary key index."""
    last = AuditEntry.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def lock_chain() -> None:
    """Hold the chain until this transaction ends, so two writers cannot both append to one hash.

    SQLite needs nothing: its transactions start IMMEDIATE (settings), one writer at a time.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK])


def seal(entries: Iterable[AuditEntry], prev_hash: str) -> str:
    """Chain unsaved entries, in the order given, after `prev_hash`; returns the last hash.

    For bulk inserts (the data generator): the caller holds the chain (`lock_chain`) and inserts
    the entries in this order so their ids follow it.
    """
    for entry in entries:
        entry.prev_hash = prev_hash
        entry.hash = prev_hash = hash_of(entry)
    return prev_hash


def append(entry: AuditEntry) -> AuditEntry:
    """Insert one entry at the end of the chain; call inside a transaction."""
    lock_chain()
    seal([entry], last_hash())
    entry.save(force_insert=True)
    return entry


# Verification


@dataclass(frozen=True)
class Break:
    entry_id: int
    at: datetime
    problem: str


@dataclass(frozen=True)
class Verdict:
    checked: int
    last_hash: str
    broken: Break | None = None


VERIFY_CHUNK = 2000


def verify(chunk_size: int = VERIFY_CHUNK) -> Verdict:
    """Walk the chain in id order, streaming, and stop at the first broken link."""
    rows = AuditEntry.objects.order_by("id").values("id", "hash", *HASHED_FIELDS)
    expected_prev, previous_id, checked = GENESIS, None, 0
    for row in rows.iterator(chunk_size=chunk_size):
        problem = _problem(row, expected_prev, previous_id)
        if problem:
            return Verdict(checked, expected_prev, Break(row["id"], row["at"], problem))
        expected_prev, previous_id, checked = row["hash"], row["id"], checked + 1
    return Verdict(checked, expected_prev)


def _problem(row: dict, expected_prev: str, previous_id: int | None) -> str:
    if entry_hash(row) != row["hash"]:
        if row["prev_hash"] != expected_prev:
            return "съдържанието и връзката с предходния запис са променени"
        return "съдържанието на записа е променено (хешът не съвпада)"
    if row["prev_hash"] == expected_prev:
        return ""
    if previous_id is None:
        return "липсват записи преди този: първият запис не е началото на веригата"
    return (
        f"липсва предходният запис: след запис № {previous_id} има изтрити или подменени записи "
        "(или предходният запис е променен заедно с хеша си)"
    )
