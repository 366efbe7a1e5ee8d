"""Every consultations URL over the populated centres of tests/web: the manager opens each page for
each record, the accountant gets 403, outsiders and the system administrator 404, and an anonymous
visitor is sent to the login. (The lead adds these routes to tests/web/routes.py as well.)"""

from datetime import time

import pytest

from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import plan_session
from opora.consultations.enums import SessionKind
from tests.web.conftest import harmanli, haskovo  # noqa: F401  (the populated centres)
from tests.web.routes import staff_routes
from tests.web.state import changed_tables, database_state

POST_ONLY = {"consultations:cancel", "consultations:no_show"}


@pytest.fixture
def world(harmanli):  # noqa: F811
    """Харманли with a planned session for today on its active case."""
    from django.utils import timezone

    case = harmanli.cases["active"]
    lead = harmanli.staff["psychologist"]
    data = SessionData(
        kind=SessionKind.INDIVIDUAL_PSYCH, date=timezone.localdate(), start_time=time(9),
        duration_minutes=50, lead=lead, participants=tuple(case.people.all()),
    )  # fmt: skip
    harmanli.session = plan_session(case, actor=harmanli.staff["manager"], data=data)
    return harmanli


def _urls(world, slug=None) -> list[tuple[str, str]]:
    """(route name, URL) for every consultations route and every case of the world."""
    slug = slug or world.centre.slug
    found = []
    for route in staff_routes():
        if not route.name.startswith("consultations:"):
            continue
        ids = {"case_id": [c.pk for c in world.cases.values()], "session_id": [world.session.pk]}
        names = route.object_kwargs
        if not names:
            found.append((route.name, route.url(slug)))
        for name in names:
            found += [(route.name, route.url(slug, **{name: value})) for value in ids[name]]
    return found


def test_the_consultations_routes_are_the_expected_ones():
    names = {r.name for r in staff_routes() if r.name.startswith("consultations:")}

    assert names == {
        "consultations:list", "consultations:log", "consultations:plan", "consultations:timeline",
        "consultations:detail", "consultations:edit", "consultations:hold", "consultations:cancel",
        "consultations:no_show", "consultations:calendar", "consultations:day",
    }  # fmt: skip


def test_the_manager_opens_every_page_for_every_record(world, client_of):
    client = client_of(world.staff["manager"])

    answers = {url: client.get(url).status_code for _name, url in _urls(world)}

    expected = {url: 405 if name in POST_ONLY else 200 for name, url in _urls(world)}
    assert answers == expected


def test_the_accountant_gets_403_everywhere_and_changes_nothing(world, client_of):
    client = client_of(world.staff["accountant"])
    before = database_state()

    answers = {
        url: (client.get(url).status_code, client.post(url, {"reason": "x"}).status_code)
        for _name, url in _urls(world)
    }

    assert answers == dict.fromkeys(answers, (403, 403))
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("who", ["outsider_manager", "outsider_psychologist", "sysadmin"])
def test_outsiders_get_404_everywhere_and_change_nothing(who, world, haskovo, client_of, request):  # noqa: F811
    client = client_of(request.getfixturevalue(who))
    before = database_state()

    answers = {
        url: (client.get(url).status_code, client.post(url, {"reason": "x"}).status_code)
        for _name, url in _urls(world)
    }

    assert answers == dict.fromkeys(answers, (404, 404))
    assert changed_tables(before, database_state()) == []


def test_an_anonymous_visitor_is_sent_to_the_login(world, client):
    answers = {url: client.get(url) for _name, url in _urls(world)}

    for url, response in answers.items():
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), url
