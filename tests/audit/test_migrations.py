"""Entries written before the hash chain existed are chained by the data migration, in id order."""

from django.core.management import call_command
from django.db import connection

from opora.audit.chain import GENESIS, verify
from opora.audit.domain import record
from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from tests.factories import make_case


def test_the_migration_chains_old_entries_and_finds_their_case(
    transactional_db, centre, manager, psychologist
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    record(actor=psychologist, action="case.view", obj=case)
    call_command("migrate", "audit", "0002", verbosity=0)
    with connection.cursor() as cursor:  # as the rows were before the chain
        cursor.execute("UPDATE audit_auditentry SET hash = '', prev_hash = '', case_id_copy = NULL")

    call_command("migrate", "audit", verbosity=0)

    rows = list(AuditEntry.objects.order_by("id"))
    assert rows[0].prev_hash == GENESIS
    assert verify().broken is None
    assert verify().checked == len(rows)
    about_the_case = [r for r in rows if r.object_type == "cases.case"]
    assert about_the_case and all(r.case_id_copy == case.pk for r in about_the_case)
