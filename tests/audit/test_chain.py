"""The hash chain: each entry is sealed over its own content and the hash before it."""

from datetime import UTC, date, datetime

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from opora.audit.chain import GENESIS, entry_hash, hash_of, verify
from opora.audit.domain import record
from opora.audit.models import AuditEntry
from opora.demo.clock import played_at


def chain() -> list[AuditEntry]:
    return list(AuditEntry.objects.order_by("id"))


def verify_audit() -> tuple[str, CommandError | None]:
    """The command's output and its error (exit code 1), if it raised one."""
    from io import StringIO

    out = StringIO()
    try:
        call_command("verify_audit", stdout=out)
    except CommandError as error:
        return out.getvalue(), error
    return out.getvalue(), None


def raw(sql: str, params: list) -> None:
    """Change the table behind the application's back, as someone with database access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A superuser can switch the refusing trigger off for the rest of the transaction.
            cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


@pytest.fixture
def entries(centre, manager):
    """Five entries after whatever the fixtures wrote."""
    return [
        record(actor=manager, action="case.note", centre_id=centre.pk, changes={"n": n})
        for n in range(5)
    ]


def test_each_entry_links_to_the_one_before_and_the_first_to_the_genesis(entries):
    rows = chain()

    assert rows[0].prev_hash == GENESIS
    assert [row.prev_hash for row in rows[1:]] == [row.hash for row in rows[:-1]]
    assert all(row.hash == hash_of(row) for row in rows)


def test_the_hash_is_over_the_stored_fields_as_read_back(entries):
    stored = AuditEntry.objects.get(pk=entries[2].pk)

    assert stored.hash == entries[2].hash == hash_of(stored)
    assert len({row.hash for row in chain()}) == len(chain())


@pytest.mark.parametrize(
    "field, value",
    [
        ("action", "case.other"),
        ("actor_name", "Някой друг (someone)"),
        ("centre_id_copy", 999),
        ("case_id_copy", 7),
        ("object_id", "8"),
        ("changes", {"n": 3}),
        ("ip_address", "10.0.0.9"),
        ("at", datetime(2026, 1, 1, tzinfo=UTC)),
        ("prev_hash", "f" * 64),
    ],
)
def test_changing_any_hashed_field_changes_the_hash(entries, field, value):
    entry = AuditEntry.objects.get(pk=entries[2].pk)
    before = hash_of(entry)

    setattr(entry, field, value)

    assert hash_of(entry) != before


def test_values_are_stored_as_json_gives_them_back(centre, manager):
    entry = record(
        actor=manager,
        action="case.note",
        centre_id=centre.pk,
        changes={"on": date(2026, 3, 15), "share": 0.5, "ids": (1, 2)},
    )

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.changes == {"on": "2026-03-15", "share": "0.5", "ids": [1, 2]}
    assert stored.hash == hash_of(stored)


def test_an_entry_written_on_the_demo_clock_keeps_that_time_and_its_hash(centre, manager):
    moment = datetime(2025, 5, 4, 9, 30, 15, 123456, tzinfo=UTC)

    with played_at(moment):
        entry = record(actor=manager, action="case.note", centre_id=centre.pk)

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert stored.at == moment
    assert stored.hash == entry_hash({**stored.__dict__})


def test_an_entry_outside_a_transaction_is_chained_too(transactional_db, centre, manager):
    record(actor=manager, action="case.note", centre_id=centre.pk)
    record(actor=manager, action="case.note", centre_id=centre.pk)

    assert verify().broken is None


# manage.py verify_audit


def test_an_intact_chain_is_reported_with_its_length(entries):
    output, error = verify_audit()

    assert error is None
    assert f"Веригата е цяла: {AuditEntry.objects.count()} записа." in output


def test_an_edited_entry_is_reported_by_its_id(entries):
    edited = entries[2]
    raw("UPDATE audit_auditentry SET action = %s WHERE id = %s", ["case.nothing", edited.pk])

    output, error = verify_audit()

    assert error is not None and error.returncode == 1
    assert f"Веригата е прекъсната при запис № {edited.pk} " in output
    assert "съдържанието на записа е променено" in output


def test_an_edit_that_also_rewrites_the_hash_breaks_the_next_link(entries):
    edited = AuditEntry.objects.get(pk=entries[2].pk)
    edited.changes = {"n": 99}
    raw(
        "UPDATE audit_auditentry SET changes = %s, hash = %s WHERE id = %s",
        ['{"n": 99}', hash_of(edited), edited.pk],
    )

    output, error = verify_audit()

    assert error is not None
    assert f"при запис № {entries[3].pk} " in output
    assert f"след запис № {edited.pk} има изтрити или подменени записи" in output


def test_a_deleted_entry_is_reported_at_the_entry_after_the_gap(entries):
    raw("DELETE FROM audit_auditentry WHERE id = %s", [entries[2].pk])

    output, error = verify_audit()

    assert error is not None
    assert f"Веригата е прекъсната при запис № {entries[3].pk} " in output
    assert f"липсва предходният запис: след запис № {entries[1].pk}" in output


def test_deleting_the_first_entries_is_reported_too(entries):
    first = chain()[0]
    raw("DELETE FROM audit_auditentry WHERE id = %s", [first.pk])

    output, error = verify_audit()

    assert error is not None
    assert "първият запис не е началото на веригата" in output


def test_the_walk_streams_in_chunks_and_finds_the_same_break(entries):
    raw("UPDATE audit_auditentry SET object_repr = %s WHERE id = %s", ["x", entries[4].pk])

    assert verify(chunk_size=2).broken.entry_id == entries[4].pk
    assert verify(chunk_size=1000).broken.entry_id == entries[4].pk
