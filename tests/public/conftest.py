"""The public side's cast: two centres with their own public texts, a visitor's browser, a clock."""

from datetime import timedelta

import pytest
from django.core import signing
from django.test import Client
from django.utils import timezone

from opora.accounts.models import User
from opora.audit.models import AuditEntry
from opora.cases.models import Case, StatusChange
from opora.centres.domain import update_centre
from opora.people.models import Person
from opora.public.domain.spam import TOKEN_SALT
from opora.public.models import PublicRequest
from opora.referrals.models import Referral
from opora.tasks.models import Task

VISITOR_ADDRESS = "203.0.113.7"
# Every table a submission writes to: a refused one must leave all of them as they were.
WRITTEN_TABLES = (Case, Person, Referral, Task, StatusChange, PublicRequest, AuditEntry, User)


class Clock:
    """`timezone.now` plus an offset that only grows: `clock.advance(minutes=61)`."""

    def __init__(self, real_now):
        self._real_now = real_now
        self._offset = timedelta(0)

    def now(self):
        return self._real_now() + self._offset

    def advance(self, **delta) -> None:
        self._offset += timedelta(**delta)


@pytest.fixture
def clock(monkeypatch) -> Clock:
    moving = Clock(timezone.now)
    monkeypatch.setattr(timezone, "now", moving.now)
    return moving


@pytest.fixture
def public_centre(centre, manager):
    """ЦОП Харманли with the texts of its public page, edited by its manager."""
    update_centre(
        centre,
        actor=manager,
        profile={
            "address": "ул. „Одрин“ 16, 6450 гр. Харманли",
            "phone": "0373/9 10 76",
            "email": "cop.harmanli@abv.bg",
            "working_hours": "понеделник – петък, 8:30 – 17:00",
            "location_note": "В западната част на града, в парк.",
            "description": "Изцяло обновената сграда е разположена в живописен парк.",
            "goals": "Равен старт за всяко дете от Харманли.",
            "principles": "Сигурна и спокойна среда\nПълна конфиденциалност",
            "how_to_apply": "Насочват ни ОЗД, училища и детски градини.",
            "services": ["counselling", "therapy"],
            "target_groups": ["risk_child", "family_risk"],
        },
        settings={},
    )
    return centre


@pytest.fixture
def other_public_centre(other_centre, outsider_manager):
    update_centre(
        other_centre,
        actor=outsider_manager,
        profile={
            "address": "бул. „България“ 1, Хасково",
            "phone": "038/66 55 44",
            "email": "cop.haskovo@example.bg",
            "working_hours": "всеки делничен ден, 9 – 18 ч.",
            "description": "Хасковският център работи с приемни семейства.",
            "goals": "Всяко дете в семейна среда в Хасково.",
            "principles": "Доброволност",
            "how_to_apply": "Обадете се в Хасково.",
            "services": ["foster_care"],
            "target_groups": ["foster_candidate"],
        },
        settings={},
    )
    return other_centre


@pytest.fixture
def visitor() -> Client:
    """A browser with no sign-in, CSRF checks on, from one address on the internet."""
    return Client(enforce_csrf_checks=True, REMOTE_ADDR=VISITOR_ADDRESS)


def opened_token(centre, *, seconds_ago: float) -> str:
    """The form's signed „opened at“ as if the page had been loaded `seconds_ago`."""
    opened = timezone.now().timestamp() - seconds_ago
    return signing.dumps({"c": centre.pk, "t": opened}, salt=TOKEN_SALT)


def request_fields(centre, **overrides) -> dict:
    """A parent's valid request, opened a minute ago."""
    fields = {
        "writer": "parent",
        "first_name": "Мария",
        "age": "9",
        "message": "Синът ми не иска да ходи на училище от месец. Какво да правим?",
        "phone": "0888 123 456",
        "email": "",
        "contact_way": "phone",
        "contact_time": "след 17 ч.",
        "consent": "on",
        "website": "",
        "token": opened_token(centre, seconds_ago=60),
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


def table_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in WRITTEN_TABLES}


def post_request(client: Client, centre, **overrides):
    """GET the form (for the CSRF cookie), then POST it the way the browser does."""
    url = f"/centres/{centre.slug}/request/"
    page = client.get(url)
    assert page.status_code == 200
    data = request_fields(centre, **overrides)
    data["csrfmiddlewaretoken"] = page.context["csrf_token"]
    return client.post(url, data)
