"""On PostgreSQL the database itself refuses to change or delete an audit entry, and concurrent
writers cannot fork the chain."""

import time

import pytest
from django.db import DatabaseError, connection, transaction

from opora.accounts.models import User
from opora.audit import chain
from opora.audit.chain import verify
from opora.audit.domain import record
from opora.audit.models import AuditEntry
from tests.factories import UserFactory
from tests.threads import run_together

pytestmark = pytest.mark.postgres_only


def refused(sql: str, params: list) -> str:
    with pytest.raises(DatabaseError) as error, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
    return str(error.value)


def test_an_update_of_an_entry_is_refused_by_the_database(centre, manager):
    entry = record(actor=manager, action="case.note", centre_id=centre.pk)

    message = refused("UPDATE audit_auditentry SET action = 'x' WHERE id = %s", [entry.pk])

    assert "append-only" in message
    assert AuditEntry.objects.get(pk=entry.pk).action == "case.note"


def test_a_delete_of_an_entry_is_refused_by_the_database(centre, manager):
    entry = record(actor=manager, action="case.note", centre_id=centre.pk)

    message = refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk])

    assert "append-only" in message
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_clearing_the_actor_together_with_anything_else_is_refused(centre, manager):
    entry = record(actor=manager, action="case.note", centre_id=centre.pk)

    refused(
        "UPDATE audit_auditentry SET actor_id = NULL, actor_name = 'x' WHERE id = %s", [entry.pk]
    )


def test_deleting_a_user_keeps_the_entries_with_the_name_and_the_chain_intact(centre):
    leaver = UserFactory(username="leaver", first_name="Ана", last_name="Пенева")
    entry = record(actor=leaver, action="case.note", centre_id=centre.pk)

    User.objects.filter(pk=leaver.pk).delete()

    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor_id, stored.actor_name) == (None, "Ана Пенева (leaver)")
    assert verify().broken is None


def test_writers_at_the_same_moment_append_one_after_another(
    transactional_db, centre, manager, monkeypatch
):
    """Each thread takes the chain lock in its own transaction; none reads a stale last hash.

    Reading the last hash is slowed down so that, without the lock, the writers would all read the
    same one (this test fails then). The flush at the end empties the table with TRUNCATE, which
    the trigger allows.
    """
    read_last_hash = chain.last_hash

    def slow_last_hash():
        found = read_last_hash()
        time.sleep(0.1)
        return found

    monkeypatch.setattr(chain, "last_hash", slow_last_hash)

    def write(n: int):
        def call():
            with transaction.atomic():
                record(actor=manager, action="case.note", centre_id=centre.pk, changes={"n": n})

        return call

    outcomes = run_together([write(n) for n in range(6)])

    assert outcomes == [None] * 6
    assert AuditEntry.objects.filter(action="case.note").count() == 6
    assert verify().broken is None
