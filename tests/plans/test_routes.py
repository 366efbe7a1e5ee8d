"""Every plan route, filled with real ids: outsiders get 404, the accountant 403, the manager gets in.

The same checks the web tests make over all staff routes, here for the plan routes alone, on
records in every state (tests/plans/records.py).
"""

import pytest
from django.db import transaction

from opora.audit.models import AuditEntry
from opora.cases.models import Case, StatusChange
from opora.deadlines.models import Deadline
from opora.plans.models import Activity, Annex, Contract, Goal, PlanEvent, PlanVersion
from tests.plans.records import PLAN_PAGES, PLAN_WRITES, add_plan_records
from tests.web.routes import staff_routes

_MODELS = (AuditEntry, Case, StatusChange, Deadline, PlanVersion, PlanEvent, Goal, Activity)
_MODELS += (Contract, Annex)


def _state() -> dict:
    return {m.__name__: sorted(m.objects.values_list()) for m in _MODELS}


def _changed(before: dict, after: dict) -> list[str]:
    return [name for name in before if before[name] != after[name]]


def _plan_routes():
    return [r for r in staff_routes() if r.name.startswith("plans:")]


def _urls(route, slug, records):
    import itertools

    names = route.object_kwargs
    for values in itertools.product(*(records.ids(name) for name in names)):
        yield route.url(slug, **dict(zip(names, values, strict=True)))


@pytest.fixture
def records(centre, manager, psychologist):
    return add_plan_records(centre, manager, psychologist)


def _data(route, records) -> dict:
    write = PLAN_WRITES.get(route.name)
    return write.data(records) if write else {}


def test_every_plan_route_is_a_page_or_a_known_write():
    names = {r.name for r in _plan_routes()}

    assert names == PLAN_PAGES | set(PLAN_WRITES)
    assert all(name in PLAN_PAGES or name in PLAN_WRITES for name in names)


def test_each_write_succeeds_for_the_centres_manager(records, manager, client_of):
    client = client_of(manager)
    routes = {r.name: r for r in _plan_routes()}
    outcomes = {}

    for name, write in sorted(PLAN_WRITES.items()):
        url = routes[name].url(records.cases["update"].centre.slug, **write.target(records))
        with transaction.atomic():
            before = _state()
            response = client.post(url, write.data(records))
            outcomes[name] = (response.status_code, bool(_changed(before, _state())))
            transaction.set_rollback(True)

    assert outcomes == dict.fromkeys(PLAN_WRITES, (302, True))


def test_the_manager_opens_every_plan_page_for_every_record(records, manager, client_of):
    client = client_of(manager)
    slug = records.cases["update"].centre.slug
    problems = []

    for route in _plan_routes():
        expected = 200 if route.name in PLAN_PAGES else 405
        for url in _urls(route, slug, records):
            if (got := client.get(url).status_code) != expected:
                problems.append(f"GET {url}: {got}, expected {expected}")

    assert problems == []


@pytest.mark.parametrize("outsider", ["outsider_manager", "outsider_psychologist"])
def test_outsiders_get_404_on_every_plan_url_and_change_nothing(
    outsider, records, client_of, request
):
    client = client_of(request.getfixturevalue(outsider))
    slug = records.cases["update"].centre.slug
    before = _state()
    problems = []

    for route in _plan_routes():
        for url in _urls(route, slug, records):
            for method, answer in (
                ("GET", client.get(url)),
                ("POST", client.post(url, _data(route, records))),
            ):
                if answer.status_code != 404:
                    problems.append(f"{method} {url}: {answer.status_code}")

    assert problems == []
    assert _changed(before, _state()) == []


@pytest.mark.parametrize("outsider", ["outsider_manager", "outsider_psychologist"])
def test_in_their_own_centre_our_ids_answer_like_ids_that_do_not_exist(
    outsider, records, other_centre, client_of, request
):
    client = client_of(request.getfixturevalue(outsider))
    before = _state()
    problems = []

    for route in _plan_routes():
        data = _data(route, records)
        missing = route.url(other_centre.slug, **dict.fromkeys(route.object_kwargs, 987654))
        for method in ("GET", "POST"):
            call = client.get if method == "GET" else lambda u, d=data: client.post(u, d)
            expected = call(missing).status_code
            for url in _urls(route, other_centre.slug, records):
                if (got := call(url).status_code) != expected or got not in (403, 404, 405):
                    problems.append(f"{method} {url}: {got}, nonexistent: {expected}")

    assert problems == []
    assert _changed(before, _state()) == []


def test_the_accountant_gets_403_on_every_plan_url(records, accountant, client_of):
    client = client_of(accountant)
    slug = records.cases["update"].centre.slug
    before = _state()
    problems = []

    for route in _plan_routes():
        for url in _urls(route, slug, records):
            for method, answer in (
                ("GET", client.get(url)),
                ("POST", client.post(url, _data(route, records))),
            ):
                if answer.status_code != 403:
                    problems.append(f"{method} {url}: {answer.status_code}")

    assert problems == []
    assert _changed(before, _state()) == []


def test_a_worker_outside_the_case_team_is_refused_every_write(records, social_worker, client_of):
    client = client_of(social_worker)
    routes = {r.name: r for r in _plan_routes()}
    before = _state()

    answers = {
        name: client.post(
            routes[name].url(records.cases["update"].centre.slug, **write.target(records)),
            write.data(records),
        ).status_code
        for name, write in PLAN_WRITES.items()
    }

    # The manager's decisions are refused by role (403); every other write is the case team's and,
    # off the team, the plan is not there at all (need-to-know: 404).
    managers = {"plans:approve", "plans:return_plan", "plans:new_contract", "plans:edit_contract",
                "plans:sign", "plans:annex"}  # fmt: skip
    assert answers == {name: 403 if name in managers else 404 for name in PLAN_WRITES}
    assert _changed(before, _state()) == []
