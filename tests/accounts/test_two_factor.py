"""Two-factor sign-in: the password alone opens nothing; a code from the app (or a recovery code,
once) does; a new member of staff sets the app up with a QR code and gets ten recovery codes."""

import re

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from opora.accounts.domain import two_factor
from opora.accounts.enums import Role
from opora.audit.models import AuditEntry
from tests.factories import PASSWORD, make_member
from tests.signin import code_for

VERIFY = "/accounts/code/"
SETUP = "/accounts/two-factor/setup/"


def password_only(user, **client_options) -> Client:
    """A client that has given the right password and nothing more."""
    client = Client(**client_options)
    response = client.post("/accounts/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def recovery_codes_of(user) -> list[str]:
    return list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


@pytest.fixture
def newcomer(centre):
    """A social worker added by the manager who has not set up an app yet."""
    return make_member(
        centre, Role.SOCIAL_WORKER, username="newcomer", first_name="Нина", two_factor=False
    )


# The password alone


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/c/harmanli/",
        "/c/harmanli/cases/",
        "/c/harmanli/staff/",
        "/accounts/security/",
        "/accounts/security/password/",
        "/system/",
    ],
)
def test_the_password_alone_reaches_no_page(manager, path):
    client = password_only(manager)

    response = client.get(path)

    assert response.status_code == 302
    assert response.url.startswith(f"{VERIFY}?next=")


def test_the_password_alone_cannot_post_either(manager):
    client = password_only(manager)

    response = client.post("/c/harmanli/people/new/", {"first_name": "Петър"})

    assert response.status_code == 302
    assert response.url == VERIFY


def test_the_system_administrator_needs_the_code_too(sysadmin):
    client = password_only(sysadmin)

    assert client.get("/system/").url.startswith(VERIFY)
    client.post(VERIFY, {"code": code_for(sysadmin)})
    assert client.get("/system/").status_code == 200


def test_the_sign_in_pages_and_static_files_stay_open_before_the_code(manager):
    client = password_only(manager)

    assert client.get(VERIFY).status_code == 200
    assert client.get("/static/opora/app.css").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_an_htmx_request_before_the_code_gets_a_full_page_redirect(manager):
    client = password_only(manager)

    response = client.get("/c/harmanli/people/", headers={"HX-Request": "true"})

    assert response.headers["HX-Redirect"] == VERIFY


# The code


def test_the_code_page_is_in_bulgarian(manager):
    html = password_only(manager).get(VERIFY).content.decode()

    assert "Потвърждение с код" in html
    assert "кодовете за възстановяване" in html
    assert 'autocomplete="one-time-code"' in html


def test_the_right_code_signs_in_and_goes_to_the_page_asked_for(manager):
    client = password_only(manager)

    response = client.post(VERIFY, {"code": code_for(manager), "next": "/c/harmanli/cases/"})

    assert response.status_code == 302
    assert response.url == "/c/harmanli/cases/"
    assert client.get("/c/harmanli/cases/").status_code == 200


def test_a_code_typed_with_spaces_is_accepted(manager):
    client = password_only(manager)
    code = code_for(manager)

    client.post(VERIFY, {"code": f" {code[:3]} {code[3:]} "})

    assert client.get("/c/harmanli/").status_code == 200


def test_a_wrong_code_is_refused_in_bulgarian(manager):
    client = password_only(manager)
    wrong = f"{(int(code_for(manager)) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY, {"code": wrong})

    assert response.status_code == 400
    assert "Кодът не е верен" in response.content.decode()
    assert client.get("/c/harmanli/").status_code == 302


def test_after_a_wrong_code_the_next_try_waits_a_moment(manager, clock):
    client = password_only(manager)
    client.post(VERIFY, {"code": "000000"})

    hurried = client.post(VERIFY, {"code": code_for(manager)})
    clock.advance(seconds=2)
    patient = client.post(VERIFY, {"code": code_for(manager)})

    assert hurried.status_code == 400
    assert "Изчакайте" in hurried.content.decode()
    assert patient.status_code == 302
    assert client.get("/c/harmanli/").status_code == 200


def test_a_code_is_accepted_only_once(manager):
    code = code_for(manager)
    first, second = password_only(manager), password_only(manager)

    first.post(VERIFY, {"code": code})
    replayed = second.post(VERIFY, {"code": code})

    assert first.get("/c/harmanli/").status_code == 200
    assert replayed.status_code == 400


def test_five_wrong_codes_end_the_session_and_are_recorded(manager, clock):
    client = password_only(manager)

    for _ in range(4):
        assert client.post(VERIFY, {"code": "000000"}).status_code == 400
        clock.advance(seconds=20)
    fifth = client.post(VERIFY, {"code": "000000"})

    assert fifth.status_code == 302
    assert fifth.url == "/accounts/login/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/login/").content.decode()
    assert "5 грешни кода подред" in page
    entry = AuditEntry.objects.get(action="two_factor.too_many_codes")
    assert (entry.actor, entry.changes) == (manager, {"failures": 5})
    # The lockout counts it as one failed sign-in for this username and address.
    attempt = AccessAttempt.objects.get(username="manager")
    assert (attempt.failures_since_start, attempt.ip_address) == (1, "127.0.0.1")


# Recovery codes


def test_a_recovery_code_works_instead_of_the_app_once(manager, clock):
    codes = two_factor.regenerate_recovery_codes(manager, actor=manager)
    code = f"{codes[0][:4]}-{codes[0][4:]}".upper()
    first = password_only(manager)

    response = first.post(VERIFY, {"code": code})

    assert response.status_code == 302
    assert first.get("/c/harmanli/").status_code == 200
    assert two_factor.recovery_codes_left(manager) == 9
    clock.advance(seconds=5)
    again = password_only(manager).post(VERIFY, {"code": code})
    assert again.status_code == 400


def test_signing_in_with_a_recovery_code_warns_how_many_are_left(manager):
    codes = two_factor.regenerate_recovery_codes(manager, actor=manager)
    client = password_only(manager)

    client.post(VERIFY, {"code": codes[3]})

    assert "остават 9" in client.get("/c/harmanli/").content.decode()


# Setting up the app


def test_a_new_member_is_sent_to_set_up_the_app(newcomer):
    client = password_only(newcomer)

    response = client.get("/c/harmanli/")

    assert response.status_code == 302
    assert response.url.startswith(f"{SETUP}?next=")
    assert client.get(VERIFY).url.startswith(SETUP)


def test_the_setup_page_shows_a_qr_code_and_the_key_in_groups_of_four(newcomer):
    client = password_only(newcomer)

    html = client.get(SETUP).content.decode()

    assert "Настройка на двуфакторен вход" in html
    svg = re.search(r"<svg[^>]*class=\"qr\".*?</svg>", html, re.S)
    assert svg and "style=" not in svg.group(0)
    assert "data:" not in html
    groups = re.findall(r"<span>([A-Z2-7]{4})</span>", html)
    assert len(groups) == 8
    assert "".join(groups) == _pending_key_base32(client)


def test_the_key_stays_the_same_when_the_page_is_opened_again(newcomer):
    client = password_only(newcomer)

    client.get(SETUP)
    first = client.session["opora_totp_pending_key"]
    client.get(SETUP)

    assert client.session["opora_totp_pending_key"] == first


def test_a_wrong_first_code_sets_nothing_up(newcomer):
    client = password_only(newcomer)
    client.get(SETUP)

    response = client.post(SETUP, {"code": "123456"})

    assert response.status_code == 400
    assert "Кодът не е верен" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=newcomer).exists()


def test_the_first_code_confirms_the_app_and_shows_ten_recovery_codes_once(newcomer):
    client = password_only(newcomer)
    client.get(SETUP)

    response = client.post(SETUP, {"code": _code_for_pending_key(client), "next": "/c/harmanli/"})

    assert response.status_code == 302
    page = client.get(response.url)
    html = page.content.decode()
    assert "Запазете ги на сигурно място" in html
    shown = re.findall(r"<code>([a-z2-7]{4})-([a-z2-7]{4})</code>", html)
    assert sorted(a + b for a, b in shown) == sorted(recovery_codes_of(newcomer))
    assert len(shown) == 10
    assert page.headers["Cache-Control"].startswith("max-age=0")
    assert 'href="/c/harmanli/"' in html
    assert TOTPDevice.objects.get(user=newcomer).confirmed
    assert AuditEntry.objects.filter(action="two_factor.enrol", actor=newcomer).count() == 1
    # Signed in, and the codes are not shown a second time.
    assert client.get("/c/harmanli/").status_code == 200
    assert client.get(response.url).url == "/accounts/security/"


def test_a_member_with_an_app_cannot_set_up_another_before_the_code(manager):
    client = password_only(manager)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response.url.startswith(VERIFY)


# „Сигурност на профила“


def test_the_security_page_shows_the_app_and_the_codes_left(manager, client_of):
    two_factor.regenerate_recovery_codes(manager, actor=manager)

    html = client_of(manager).get("/accounts/security/").content.decode()

    assert "Сигурност на профила" in html
    assert 'data-testid="codes-left">10<' in html


def test_new_recovery_codes_replace_the_old_ones(manager, client_of):
    old = two_factor.regenerate_recovery_codes(manager, actor=manager)
    client = client_of(manager)

    response = client.post("/accounts/security/recovery-codes/")

    assert response.status_code == 302
    html = client.get(response.url).content.decode()
    new = recovery_codes_of(manager)
    assert len(new) == 10
    assert not set(old) & set(new)
    assert all(f"{c[:4]}-{c[4:]}" in html for c in new)
    assert AuditEntry.objects.filter(action="two_factor.recovery_codes").count() == 2
    assert password_only(manager).post(VERIFY, {"code": old[0]}).status_code == 400


def test_replacing_the_app_needs_a_current_code(manager, client_of):
    client = client_of(manager)

    refused = client.post("/accounts/security/authenticator/", {"reset-code": "000000"})

    assert refused.status_code == 400
    assert "Кодът не е верен" in refused.content.decode()
    assert TOTPDevice.objects.filter(user=manager).exists()


def test_replacing_the_app_removes_it_and_sends_the_user_to_set_up_the_new_one(manager, client_of):
    client = client_of(manager)

    response = client.post("/accounts/security/authenticator/", {"reset-code": code_for(manager)})

    assert response.status_code == 302
    assert response.url == SETUP
    assert not TOTPDevice.objects.filter(user=manager).exists()
    assert not StaticDevice.objects.filter(user=manager).exists()
    assert client.get("/c/harmanli/").url.startswith(SETUP)
    assert client.get(SETUP).status_code == 200
    assert AuditEntry.objects.filter(action="two_factor.reset_own", actor=manager).exists()


def _pending_key_base32(client) -> str:
    from base64 import b32encode

    return b32encode(bytes.fromhex(client.session["opora_totp_pending_key"])).decode()


def _code_for_pending_key(client) -> str:
    from django_otp.oath import totp

    return f"{totp(bytes.fromhex(client.session['opora_totp_pending_key'])):06d}"


def test_an_empty_code_is_asked_for_in_bulgarian(manager):
    response = password_only(manager).post(VERIFY, {"code": ""})

    assert response.status_code == 400
    assert "Въведете кода." in response.content.decode()
