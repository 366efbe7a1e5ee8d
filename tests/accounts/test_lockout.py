"""Lockout (django-axes): five failed sign-ins lock that username from that address for 15 minutes."""

from datetime import timedelta

from axes.models import AccessAttempt
from django.test import Client
from django.utils import timezone

from opora.audit.models import AuditEntry
from tests.factories import PASSWORD

LOGIN = "/accounts/login/"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


def _try(client: Client, password: str, username: str = "manager"):
    return client.post(LOGIN, {"username": username, "password": password})


def _fail_five_times(client: Client, username: str = "manager") -> list[int]:
    return [_try(client, "грешна-парола", username).status_code for _ in range(5)]


def test_five_failures_lock_the_user_and_the_right_password_is_refused(manager):
    client = Client(REMOTE_ADDR=ATTACKER)

    answers = _fail_five_times(client)
    refused = _try(client, PASSWORD)

    assert answers == [200, 200, 200, 200, 429]
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session
    html = refused.content.decode()
    assert "Входът е временно спрян" in html
    assert "Опитайте отново след" in html
    assert "управителя" in html


def test_the_lockout_page_says_when_to_try_again(manager):
    client = Client(REMOTE_ADDR=ATTACKER)
    _fail_five_times(client)
    last = AccessAttempt.objects.get(username="manager").attempt_time

    html = _try(client, PASSWORD).content.decode()

    until = timezone.localtime(last + timedelta(minutes=15))
    assert f"Опитайте отново след {until:%H:%M} ч." in html


def test_the_lockout_is_recorded_once_in_the_audit(manager):
    client = Client(REMOTE_ADDR=ATTACKER)

    _fail_five_times(client)
    _try(client, PASSWORD)
    _try(client, "още-една-грешна")

    entry = AuditEntry.objects.get(action="auth.lockout")
    assert entry.object_id == str(manager.pk)
    assert entry.changes["username"] == "manager"
    assert entry.changes["address"] == ATTACKER
    assert entry.ip_address == ATTACKER


def test_the_lockout_sees_the_address_the_audit_records(manager):
    _try(Client(REMOTE_ADDR=ATTACKER), "грешна-парола")

    failed = AuditEntry.objects.get(action="auth.login_failed")
    assert AccessAttempt.objects.get().ip_address == failed.ip_address == ATTACKER


def test_an_attacker_cannot_lock_the_user_out_of_her_own_computer(manager):
    _fail_five_times(Client(REMOTE_ADDR=ATTACKER))
    colleague = Client(REMOTE_ADDR=COLLEAGUE)

    response = _try(colleague, PASSWORD)

    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(manager.pk)


def test_the_lock_is_for_the_username_not_for_everyone_at_that_address(manager, psychologist):
    client = Client(REMOTE_ADDR=ATTACKER)
    _fail_five_times(client)

    response = _try(client, PASSWORD, username="psychologist")

    assert response.status_code == 302


def test_after_15_minutes_the_right_password_works_again(manager, clock):
    client = Client(REMOTE_ADDR=ATTACKER)
    _fail_five_times(client)

    clock.advance(minutes=14)
    still_locked = _try(client, PASSWORD)
    clock.advance(minutes=2)
    open_again = _try(client, PASSWORD)

    assert still_locked.status_code == 429
    assert open_again.status_code == 302


def test_four_failures_and_a_success_start_the_count_again(manager):
    client = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(4):
        _try(client, "грешна-парола")
    _try(client, PASSWORD)
    client.post("/accounts/logout/")

    answers = [_try(client, "грешна-парола").status_code for _ in range(4)]

    assert answers == [200, 200, 200, 200]
