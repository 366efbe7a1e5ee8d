"""What the audit records: sign-ins, permission changes, reads with the team at that moment, and
only redacted values."""

import json

import pytest
from django.test import Client

from opora.accounts.domain import add_staff_member, change_role, set_active
from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record, record_read
from opora.audit.models import AuditEntry
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.people.enums import IdentifierType
from tests.factories import PASSWORD, PersonFactory, make_case, put_on_team


def last(action: str) -> AuditEntry:
    return AuditEntry.objects.filter(action=action).order_by("-id").first()


# Sign-in


def test_a_sign_in_is_recorded_with_who_and_the_address(manager):
    Client().post("/accounts/login/", {"username": "manager", "password": PASSWORD})

    entry = last("auth.login")
    assert (entry.actor, entry.ip_address, entry.centre_id_copy) == (manager, "127.0.0.1", None)


def test_a_failed_sign_in_keeps_the_username_tried_never_the_password(manager):
    Client().post("/accounts/login/", {"username": "manager", "password": "Грешна-парола-42"})

    entry = last("auth.login_failed")
    assert entry.actor is None
    assert entry.ip_address == "127.0.0.1"
    assert entry.changes == {"username": "manager"}
    assert (entry.object_type, entry.object_id) == ("accounts.user", str(manager.pk))
    stored = json.dumps(list(AuditEntry.objects.values()), default=str, ensure_ascii=False)
    assert "Грешна-парола-42" not in stored


def test_a_failed_sign_in_as_nobody_keeps_only_the_name_tried(db):
    Client().post("/accounts/login/", {"username": "nobody", "password": "x"})

    entry = last("auth.login_failed")
    assert (entry.changes, entry.object_type) == ({"username": "nobody"}, "")


def test_a_sign_out_is_recorded(manager, client_of):
    client = client_of(manager)

    client.post("/accounts/logout/")

    assert last("auth.logout").actor == manager


# Permission changes


def test_staff_added_given_another_role_and_deactivated_are_recorded(centre, manager):
    membership = add_staff_member(
        centre=centre, actor=manager, username="nova", first_name="Нова", last_name="Колежка",
        email="", role=Role.SOCIAL_WORKER, password="Dylga-Parola-2026!",
    )  # fmt: skip
    change_role(membership, actor=manager, role=Role.PSYCHOLOGIST)
    set_active(Membership.objects.get(pk=membership.pk), actor=manager, active=False)

    entries = AuditEntry.objects.filter(action__startswith="staff.").order_by("id")
    assert [(e.action, e.changes, e.centre_id_copy) for e in entries] == [
        ("staff.add", {"user": "nova", "role": "social_worker"}, centre.pk),
        ("staff.change_role", {"from": "social_worker", "to": "psychologist"}, centre.pk),
        ("staff.deactivate", {}, centre.pk),
    ]
    assert all(e.actor == manager for e in entries)


# Reads


def test_a_read_notes_whether_the_reader_was_on_the_case_team(
    centre, manager, psychologist, social_worker
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)

    record(actor=psychologist, action="case.view", obj=case)
    record(actor=social_worker, action="case.view", obj=case)
    put_on_team(case, social_worker)
    record(actor=social_worker, action="case.view", obj=case)

    reads = AuditEntry.objects.filter(action="case.view").order_by("id")
    assert [(e.actor, e.changes["on_team"], e.case_id_copy) for e in reads] == [
        (psychologist, True, case.pk),
        (social_worker, False, case.pk),
        (social_worker, True, case.pk),
    ]


def test_record_read_takes_the_reader_and_centre_from_the_request(
    centre, manager, psychologist, rf
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    request = rf.get("/")
    request.user, request.centre = psychologist, centre

    entry = record_read(request, case, action="case.view")

    assert (entry.actor, entry.centre_id_copy, entry.changes) == (
        psychologist,
        centre.pk,
        {"on_team": True},
    )
    with pytest.raises(ValueError):
        record_read(request, case, action="case.change_status")


def test_a_write_carries_no_team_marker(centre, manager):
    case = make_case(centre, manager, CaseStatus.ACTIVE)

    assert "on_team" not in last("case.change_status").changes
    assert last("case.change_status").case_id_copy == case.pk


# Redaction


def test_a_note_given_with_a_status_change_is_never_copied(centre, manager):
    case = make_case(centre, manager, CaseStatus.ACTIVE)

    change_status(
        case, to_status=CaseStatus.CLOSED, actor=manager, closure_reason="moved",
        outcome_note="Бащата е в затвора.",
    )  # fmt: skip

    assert last("case.change_status").changes["outcome_note"] == "променено"
    assert not AuditEntry.objects.filter(changes__icontains="затвора").exists()


def test_leaving_the_waiting_list_keeps_no_reason_text(centre, manager):
    from opora.cases.domain.intake import remove_from_waiting_list

    case = make_case(centre, manager, CaseStatus.WAITLISTED)

    remove_from_waiting_list(case, actor=manager, reason="Майката почина.")

    assert last("waiting_list.leave").changes == {"reason": "променено"}


def test_an_identifier_is_masked_in_a_person_entry(centre, manager):
    from opora.people.domain.person import update_person
    from tests.web.routes import person_fields
    from tests.web.world import CHILD_EGN

    person = PersonFactory(centre=centre)
    data = _person_data(person_fields(identifier_type=IdentifierType.EGN, identifier=CHILD_EGN))

    update_person(person, actor=manager, data=data, confirmed=True)

    changes = last("person.update").changes
    assert changes["identifier"] == "•••"
    assert CHILD_EGN not in json.dumps(list(AuditEntry.objects.values("changes", "object_repr")))


def _person_data(fields: dict):
    from opora.people.forms import PersonForm

    form = PersonForm({**fields, "no_identifier_reason": ""})
    assert form.is_valid(), form.errors
    return form.person_data()
