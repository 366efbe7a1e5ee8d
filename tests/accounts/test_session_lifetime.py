"""Idle timeout (per centre, the strictest of the user's centres) and the absolute session lifetime."""

import pytest

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.centres.models import CentreSettings
from tests.factories import make_member

IDLE = "Сесията изтече поради неактивност"


def _set_idle(centre, minutes: int) -> None:
    CentreSettings.objects.filter(centre=centre).update(idle_timeout_minutes=minutes)


def _logged_out_with(client, message: str) -> bool:
    response = client.get("/c/harmanli/")
    if response.status_code != 302 or not response.url.startswith("/accounts/login/"):
        return False
    return message in client.get(response.url).content.decode()


def test_thirty_idle_minutes_log_the_user_out(manager, client_of, clock):
    client = client_of(manager)
    assert client.get("/c/harmanli/").status_code == 200

    clock.advance(minutes=31)

    assert _logged_out_with(client, IDLE)
    assert "_auth_user_id" not in client.session
    assert client.get("/c/harmanli/").status_code == 302


def test_work_keeps_the_session_open(manager, client_of, clock):
    client = client_of(manager)

    answers = []
    for _ in range(6):
        answers.append(client.get("/c/harmanli/").status_code)
        clock.advance(minutes=25)

    assert answers == [200] * 6


def test_the_login_page_after_an_expired_session_returns_to_the_page(manager, client_of, clock):
    client = client_of(manager)
    client.get("/c/harmanli/cases/")
    clock.advance(minutes=31)

    response = client.get("/c/harmanli/cases/")

    assert response.url == "/accounts/login/?next=%2Fc%2Fharmanli%2Fcases%2F"


def test_htmx_requests_count_as_activity(manager, client_of, clock):
    client = client_of(manager)
    client.get("/c/harmanli/")
    clock.advance(minutes=20)
    client.get("/c/harmanli/people/?q=ив", headers={"HX-Request": "true"})
    clock.advance(minutes=20)

    assert client.get("/c/harmanli/").status_code == 200


def test_an_expired_htmx_request_sends_the_whole_page_to_the_login(manager, client_of, clock):
    client = client_of(manager)
    client.get("/c/harmanli/")
    clock.advance(minutes=31)

    response = client.get("/c/harmanli/people/?q=ив", headers={"HX-Request": "true"})

    assert response.headers["HX-Redirect"] == "/accounts/login/"


def test_the_centres_own_idle_timeout_applies(centre, manager, client_of, clock):
    _set_idle(centre, 10)
    client = client_of(manager)
    client.get("/c/harmanli/")

    clock.advance(minutes=9)
    assert client.get("/c/harmanli/").status_code == 200
    clock.advance(minutes=11)

    assert _logged_out_with(client, IDLE)


def test_the_strictest_timeout_of_the_users_centres_applies(centre, other_centre, client_of, clock):
    shared = make_member(centre, Role.PSYCHOLOGIST, username="shared")
    Membership.objects.create(user=shared, centre=other_centre, role=Role.SOCIAL_WORKER)
    _set_idle(centre, 60)
    _set_idle(other_centre, 15)
    client = client_of(shared)
    client.get("/c/harmanli/")

    clock.advance(minutes=16)

    assert _logged_out_with(client, IDLE)


def test_a_user_with_no_centre_gets_the_default_timeout(sysadmin, client_of, clock):
    client = client_of(sysadmin)
    assert client.get("/system/").status_code == 200

    clock.advance(minutes=29)
    assert client.get("/system/").status_code == 200
    clock.advance(minutes=31)

    response = client.get("/system/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_after_twelve_hours_the_session_ends_however_active(manager, client_of, clock):
    client = client_of(manager)
    client.get("/c/harmanli/")
    for _ in range(28):  # 11 h 40 min of work
        clock.advance(minutes=25)
        assert client.get("/c/harmanli/").status_code == 200

    clock.advance(minutes=25)

    assert _logged_out_with(client, "Сесията изтече: след 12 часа в системата се влиза отново.")


@pytest.mark.parametrize(
    ("minutes", "refusal"),
    [
        ("4", "по-голяма или равна на 5"),
        ("5", ""),
        ("240", ""),
        ("241", "по-малка или равна на 240"),
    ],
)
def test_the_manager_sets_the_idle_timeout_between_5_and_240_minutes(
    centre, manager, client_of, minutes, refusal
):
    from tests.web.routes import CENTRE_PROFILE

    data = {**CENTRE_PROFILE, "name": centre.name, "settings-idle_timeout_minutes": minutes}

    response = client_of(manager).post("/c/harmanli/profile/edit/", data)

    saved = CentreSettings.objects.get(centre=centre).idle_timeout_minutes
    if refusal:
        assert refusal in response.content.decode()
        assert saved == 30
    else:
        assert response.status_code == 302
        assert saved == int(minutes)
