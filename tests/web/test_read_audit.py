"""Reads of case content leave an audit entry (a decision taken in style.md); denied reads do not."""

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from tests.factories import make_case


def test_opening_a_case_and_a_person_is_recorded_with_who_and_what(
    centre, manager, psychologist, outsider_manager, client_of
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)

    client_of(psychologist).get(f"/c/harmanli/cases/{case.pk}/")
    client_of(psychologist).get(f"/c/harmanli/people/{case.primary_person_id}/")
    client_of(outsider_manager).get(f"/c/harmanli/cases/{case.pk}/")

    reads = AuditEntry.objects.filter(action__in=["case.view", "person.view"]).order_by("id")
    assert [(e.action, e.actor, e.object_id, e.centre_id_copy) for e in reads] == [
        ("case.view", psychologist, str(case.pk), centre.pk),
        ("person.view", psychologist, str(case.primary_person_id), centre.pk),
    ]
    assert reads[0].ip_address == "127.0.0.1"
