"""Signing in: every staff URL sends a stranger to the Bulgarian login page, and back afterwards."""

from urllib.parse import urlencode

from django.test import Client

from tests.factories import PASSWORD
from tests.signin import code_for, verified_client
from tests.web.routes import WRITES, post_data, staff_routes, with_query
from tests.web.state import changed_tables, database_state


def _login_url(next_path: str) -> str:
    return "/accounts/login/?" + urlencode({"next": next_path}, safe="/")


def test_every_staff_url_redirects_an_anonymous_visitor_to_the_login(harmanli):
    client = Client()
    before = database_state()
    problems = []

    for route in staff_routes():
        for url in route.probe_urls(harmanli.centre.slug, harmanli):
            for method, path in (("GET", url), ("POST", with_query(route, url))):
                if method == "GET":
                    response = client.get(path)
                else:
                    response = client.post(path, post_data(route, harmanli))
                if response.status_code != 302 or response.url != _login_url(path):
                    problems.append(f"{method} {path}: {response.status_code}")

    assert problems == []
    assert changed_tables(before, database_state()) == []


def test_an_unknown_centre_also_redirects_an_anonymous_visitor_to_the_login(db):
    response = Client().get("/c/nyama-takav/cases/")

    assert response.status_code == 302
    assert response.url == _login_url("/c/nyama-takav/cases/")


def test_the_login_page_is_in_bulgarian(db):
    response = Client().get("/accounts/login/?next=/c/harmanli/")

    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="bg">' in html
    assert "Вход" in html
    assert "Потребителско име" in html
    assert "Парола" in html


def test_a_wrong_password_shows_the_error_and_signs_nobody_in(manager):
    client = Client()

    response = client.post(
        "/accounts/login/", {"username": "manager", "password": "грешна-парола", "next": "/"}
    )

    assert response.status_code == 200
    assert "Грешно потребителско име или парола" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/c/harmanli/").status_code == 302


def test_the_right_password_and_code_sign_in_and_return_to_the_page_asked_for(manager):
    client = Client()

    response = client.post(
        "/accounts/login/",
        {"username": "manager", "password": PASSWORD, "next": "/c/harmanli/cases/"},
    )

    assert response.status_code == 302
    assert response.url == "/c/harmanli/cases/"
    assert client.session["_auth_user_id"] == str(manager.pk)
    # The password alone opens nothing: the code from the app comes first.
    asked = client.get("/c/harmanli/cases/")
    assert asked.status_code == 302
    assert asked.url == "/accounts/code/?next=%2Fc%2Fharmanli%2Fcases%2F"
    coded = client.post(asked.url, {"code": code_for(manager), "next": "/c/harmanli/cases/"})
    assert coded.status_code == 302
    assert coded.url == "/c/harmanli/cases/"
    assert client.get("/c/harmanli/cases/").status_code == 200


def test_a_login_never_sends_the_user_to_another_site(manager):
    response = Client().post(
        "/accounts/login/",
        {"username": "manager", "password": PASSWORD, "next": "https://evil.example/c/harmanli/"},
    )

    assert response.status_code == 302
    assert response.url == "/"


def test_a_post_without_the_csrf_token_is_refused_and_changes_nothing(harmanli):
    """Every write the centre's manager makes (tests/web/routes.py), sent without the token."""
    client = verified_client(harmanli.staff["manager"], enforce_csrf_checks=True)
    routes = {route.name: route for route in staff_routes()}
    before = database_state()
    answers = {}

    for name, write in sorted(WRITES.items()):
        route = routes[name]
        target = write.target(harmanli) if write.target else {}
        url = with_query(route, route.url(harmanli.centre.slug, **target))
        answers[name] = client.post(url, write.data(harmanli)).status_code

    assert answers == dict.fromkeys(WRITES, 403)
    assert changed_tables(before, database_state()) == []
