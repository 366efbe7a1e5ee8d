"""`manage.py demo_code <username>`: the demo's phone, refused in production."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from tests.factories import PASSWORD, UserFactory


def _demo_code(username: str) -> str:
    out = StringIO()
    call_command("demo_code", username, stdout=out)
    return out.getvalue().strip()


def test_the_printed_code_signs_the_demo_user_in(manager):
    code = _demo_code("manager")
    client = Client()
    client.post("/accounts/login/", {"username": "manager", "password": PASSWORD})

    response = client.post("/accounts/code/", {"code": code})

    assert len(code) == 6 and code.isdigit()
    assert response.status_code == 302
    assert client.get("/c/harmanli/").status_code == 200


def test_it_is_refused_in_production(manager):
    with override_settings(PRODUCTION=True), pytest.raises(CommandError, match="production"):
        _demo_code("manager")


def test_an_unknown_user_is_named_in_bulgarian(db):
    with pytest.raises(CommandError, match="Няма потребител „nobody“"):
        _demo_code("nobody")


def test_a_user_without_an_app_is_told_to_set_one_up(db):
    UserFactory(username="novak", two_factor=False)

    with pytest.raises(CommandError, match="още не е настроил/а приложение за кодове"):
        _demo_code("novak")
