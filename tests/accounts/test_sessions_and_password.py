"""Log out everywhere, the password change and the password policy, in Bulgarian."""

import pytest
from django.test import Client

from opora.accounts.domain.sessions import end_sessions
from opora.audit.models import AuditEntry
from tests.factories import PASSWORD
from tests.signin import code_for

NEW_PASSWORD = "зелена-ябълка-на-перваза"
CHANGE = "/accounts/security/password/"


def _signed_in_elsewhere(client) -> bool:
    return client.get("/c/harmanli/").status_code == 200


def test_log_out_everywhere_ends_the_other_sessions_and_keeps_this_one(manager, client_of):
    here, phone, laptop = client_of(manager), client_of(manager), client_of(manager)

    response = here.post("/accounts/security/log-out-everywhere/")

    assert response.status_code == 302
    assert "Излязохте от всички други устройства" in here.get(response.url).content.decode()
    assert _signed_in_elsewhere(here)
    assert not _signed_in_elsewhere(phone)
    assert not _signed_in_elsewhere(laptop)
    assert (
        AuditEntry.objects.filter(action="account.log_out_everywhere", actor=manager).count() == 1
    )


def test_after_log_out_everywhere_the_user_signs_in_again_as_usual(manager, client_of):
    other = client_of(manager)
    client_of(manager).post("/accounts/security/log-out-everywhere/")
    assert not _signed_in_elsewhere(other)

    other.post("/accounts/login/", {"username": "manager", "password": PASSWORD})
    other.post("/accounts/code/", {"code": code_for(manager)})

    assert _signed_in_elsewhere(other)


def test_log_out_everywhere_touches_only_that_user(manager, psychologist, client_of):
    colleague = client_of(psychologist)

    client_of(manager).post("/accounts/security/log-out-everywhere/")

    assert _signed_in_elsewhere(colleague)


def test_log_out_everywhere_is_a_post(manager, client_of):
    other = client_of(manager)

    assert client_of(manager).get("/accounts/security/log-out-everywhere/").status_code == 405
    assert _signed_in_elsewhere(other)


def test_the_password_change_page_is_in_bulgarian(manager, client_of):
    html = client_of(manager).get(CHANGE).content.decode()

    assert "Смяна на паролата" in html
    assert "Текуща парола" in html
    assert "Нова парола" in html


def test_changing_the_password_keeps_this_session_and_ends_the_others(manager, client_of):
    here, other = client_of(manager), client_of(manager)

    response = here.post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    assert response.status_code == 302
    manager.refresh_from_db()
    assert manager.check_password(NEW_PASSWORD)
    assert _signed_in_elsewhere(here)
    assert not _signed_in_elsewhere(other)
    entry = AuditEntry.objects.get(action="account.change_password")
    assert entry.actor == manager
    assert NEW_PASSWORD not in str(entry.changes)
    fresh = Client()
    fresh.post("/accounts/login/", {"username": "manager", "password": NEW_PASSWORD})
    assert fresh.session["_auth_user_id"] == str(manager.pk)


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("грешна", NEW_PASSWORD, "Текущата парола не е вярна."),
        (PASSWORD, "кратка-7", "Паролата е прекалено къса. Трябва да съдържа поне 12 символа."),
        (PASSWORD, "482093175523", "Тази парола е изцяло от цифри."),
        (PASSWORD, "password1234", "Тази парола е често срещана."),
        (PASSWORD, "petrova-zima-2026", "Паролата не трябва да съдържа името, фамилията"),
        (PASSWORD, "Петрова-зима-2026", "Паролата не трябва да съдържа името, фамилията"),
        (PASSWORD, "manager.2026x", "Паролата е много подобна на"),
    ],
)
def test_a_password_against_the_policy_is_refused_in_bulgarian(
    manager, client_of, old, new, message
):
    """The manager is Мария Петрова, username `manager`."""
    response = client_of(manager).post(
        CHANGE, {"old_password": old, "new_password1": new, "new_password2": new}
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    manager.refresh_from_db()
    assert manager.check_password(PASSWORD)
    assert not AuditEntry.objects.filter(action="account.change_password").exists()


def test_the_two_new_passwords_must_agree(manager, client_of):
    response = client_of(manager).post(
        CHANGE,
        {"old_password": PASSWORD, "new_password1": NEW_PASSWORD, "new_password2": "друга-дълга"},
    )

    assert response.status_code == 400
    assert "Двете нови пароли не съвпадат." in response.content.decode()


def test_the_session_hash_changes_with_the_salt(manager):
    before = manager.get_session_auth_hash()

    end_sessions(manager)

    assert manager.get_session_auth_hash() != before
