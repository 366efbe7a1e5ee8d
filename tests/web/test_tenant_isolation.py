"""Another centre's records are a 404 for every staff URL, whatever the outsider's role or URL.

The URLs come from the resolver (tests/web/routes.py) and are filled in with the real ids of the
other centre's records — cases, people, tasks, memberships, plan versions, contracts, sessions,
reviews, referrer reports — a few of each kind, always including the one the manager's write
succeeds on; Haskovo's staff probe Харманли and Харманли's staff probe Haskovo. The centre's own
manager opens every page for every record, so the refusals are not broken pages.
"""

import pytest
from django.db import transaction

from opora.accounts.models import Membership
from opora.centres.models import Centre
from tests.web.routes import (
    POST_ONLY,
    WRITES,
    check_known,
    day,
    post_data,
    staff_routes,
    with_query,
)
from tests.web.state import captured_models, changed_tables, database_state

OUTSIDERS = ["outsider_manager", "outsider_psychologist"]
# Haskovo's staff probe Харманли's records, and Харманли's staff probe Haskovo's.
PROBERS = [*OUTSIDERS, "manager", "psychologist"]


def _sides(who: str, harmanli, haskovo):
    """The prober's own world and the other centre's."""
    return (haskovo, harmanli) if who in OUTSIDERS else (harmanli, haskovo)


def _routes_by_name():
    return {route.name: route for route in staff_routes()}


def _not_404(client, route, url, world) -> list[str]:
    """GET and POST the URL; describe every answer that is not a 404."""
    problems = []
    got = client.get(url)
    if got.status_code != 404:
        problems.append(f"GET {url} ({route.name}) -> {got.status_code}")
    posted = client.post(with_query(route, url), post_data(route, world))
    if posted.status_code != 404:
        problems.append(f"POST {with_query(route, url)} ({route.name}) -> {posted.status_code}")
    return problems


def _status(client, method: str, url: str, data: dict) -> int:
    return (client.get(url) if method == "GET" else client.post(url, data)).status_code


def test_every_staff_route_is_known_to_these_tests():
    routes = staff_routes()

    assert len(routes) >= 25, [r.name for r in routes]
    assert check_known(routes) == []


def test_the_database_state_covers_every_table_the_casework_writes():
    labels = {model._meta.label for model in captured_models()}

    assert labels >= {
        "deadlines.Deadline",
        "deadlines.ReminderLog",
        "assessments.Assessment",
        "assessments.Assessment_team",
        "assessments.InformationRequest",
        "plans.PlanVersion",
        "plans.PlanEvent",
        "plans.Goal",
        "plans.Activity",
        "plans.Contract",
        "plans.Annex",
        "consultations.Session",
        "consultations.Session_participants",
        "consultations.Session_staff",
        "reviews.Review",
        "reviews.GoalProgress",
        "closure.ClosureProposal",
        "closure.GoalOutcome",
        "closure.FollowUpContact",
        "closure.ReferrerReport",
    }


def test_each_write_used_below_succeeds_for_the_centres_own_manager(harmanli, client_of):
    """The POSTs below would change data if they got through: proven on the centre's own manager
    (or on whoever `Write.by` names, for asking access to a case, which the manager never needs).

    Each write runs in a savepoint that is rolled back, so every one starts from the same world.
    """
    clients = {who: client_of(harmanli.staff[who]) for who in {w.by for w in WRITES.values()}}
    routes = _routes_by_name()
    outcomes = {}

    for name, write in sorted(WRITES.items()):
        route = routes[name]
        target = write.target(harmanli) if write.target else {}
        url = with_query(route, route.url(harmanli.centre.slug, **target))
        with transaction.atomic():
            before = database_state()
            response = clients[write.by].post(url, write.data(harmanli))
            outcomes[name] = (response.status_code, bool(changed_tables(before, database_state())))
            transaction.set_rollback(True)

    assert outcomes == dict.fromkeys(WRITES, (302, True))


@pytest.mark.parametrize("who", PROBERS)
def test_staff_get_404_on_every_staff_url_of_another_centre(
    who, harmanli, haskovo, client_of, request
):
    client = client_of(request.getfixturevalue(who))
    _own, foreign = _sides(who, harmanli, haskovo)
    before = database_state()
    problems, tried = [], 0

    for route in staff_routes():
        for url in route.probe_urls(foreign.centre.slug, foreign):
            problems += _not_404(client, route, url, harmanli)
            tried += 1

    assert tried >= 100
    assert problems == []
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("who", PROBERS)
def test_under_their_own_centre_another_centres_ids_answer_as_ids_that_do_not_exist(
    who, harmanli, haskovo, client_of, request
):
    """Another centre's id must answer exactly like an id that exists nowhere.

    For a manager that is a 404 everywhere. A psychologist gets a 403 on the manager's actions in
    their own centre whatever the id, so the 403 tells nothing either.
    """
    client = client_of(request.getfixturevalue(who))
    own_world, foreign = _sides(who, harmanli, haskovo)
    own = own_world.centre.slug
    before = database_state()
    problems, tried = [], 0

    for route in staff_routes():
        if not route.object_kwargs:
            continue
        data = post_data(route, harmanli)
        missing = with_query(route, route.url(own, **dict.fromkeys(route.object_kwargs, 987654)))
        for method in ("GET", "POST"):
            expected = _status(client, method, missing, data)
            if who.endswith("manager") and method == "POST" and expected != 404:
                problems.append(f"POST {missing}: {expected}, expected 404")
            for url in route.probe_urls(own, foreign):
                got = _status(client, method, with_query(route, url), data)
                tried += 1
                if got != expected or got not in (403, 404, 405):
                    problems.append(f"{method} {url}: {got}, nonexistent id: {expected}")

    assert tried >= 150
    assert problems == []
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_an_outsider_cannot_pass_another_centres_person_in_a_parameter(
    outsider, harmanli, haskovo, client_of, request
):
    client = client_of(request.getfixturevalue(outsider))
    own = haskovo.centre.slug
    own_person = haskovo.child.pk
    before = database_state()
    problems = []

    for person_id in harmanli.ids("person_id"):
        for url, data in [
            (f"/c/{own}/referrals/new/?person={person_id}", {"source_type": "ozd"}),
            (f"/c/{own}/people/new/?relate_to={person_id}&kind=mother", {"first_name": "Х"}),
            (f"/c/{own}/people/{own_person}/relations/add/", {"relative_id": person_id}),
        ]:
            if "relations" not in url and client.get(url).status_code != 404:
                problems.append(f"GET {url}")
            data = {**data, "kind": "mother", "last_name": "Х", "target_groups": "risk_child"}
            if client.post(url, data).status_code != 404:
                problems.append(f"POST {url}")

    assert problems == []
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_the_outsider_still_opens_their_own_centres_records(
    outsider, harmanli, haskovo, client_of, request
):
    client = client_of(request.getfixturevalue(outsider))
    own = haskovo.centre.slug
    worked = haskovo.cases["under_review"]  # led by Haskovo's psychologist

    assert client.get(f"/c/{own}/cases/{worked.pk}/").status_code == 200
    assert client.get(f"/c/{own}/people/{worked.primary_person_id}/").status_code == 200
    assert client.get(f"/c/{own}/referrals/new/?person={haskovo.child.pk}").status_code == 200


def test_a_deactivated_member_gets_404_like_an_outsider(harmanli, client_of):
    psychologist = harmanli.staff["psychologist"]
    Membership.objects.filter(user=psychologist, centre=harmanli.centre).update(is_active=False)
    client = client_of(psychologist)
    case = harmanli.cases["active"].pk

    answers = [
        client.get(url).status_code for url in ("/c/harmanli/", f"/c/harmanli/cases/{case}/")
    ]

    assert answers == [404, 404]


def test_a_closed_centre_is_a_404_even_for_its_manager(harmanli, client_of):
    Centre.objects.filter(pk=harmanli.centre.pk).update(is_active=False)

    response = client_of(harmanli.staff["manager"]).get("/c/harmanli/")

    assert response.status_code == 404


@pytest.mark.parametrize("who", ["manager", "outsider_manager"])
def test_the_centres_manager_opens_every_page_for_every_record(
    who, harmanli, haskovo, safe_client_of, request
):
    """The 404s above are refusals, not broken pages: the same URLs open for the centre's manager."""
    client = safe_client_of(request.getfixturevalue(who))
    world, _foreign = _sides(who, harmanli, haskovo)
    problems = []

    for route in staff_routes():
        expected = 405 if route.name in POST_ONLY else 200
        for url in route.urls(world.centre.slug, world):
            if (got := client.get(with_query(route, url)).status_code) != expected:
                problems.append(f"GET {url}: {got}, expected {expected}")

    assert problems == []


# Another centre's records named in a form field: each form below succeeds with Haskovo's own
# records (the control, rolled back) and is refused with Харманли's in their place.


def _session_form(haskovo, **overrides) -> dict:
    case = haskovo.cases["under_review"]
    values = {
        "kind": "individual_psych",
        "date": day(1),
        "start_time": "10:00",
        "duration_minutes": "50",
        "setting": "centre",
        "lead": haskovo.staff["psychologist"].pk,
        "participants": [case.people.get(person=case.primary_person).pk],
        "goal": haskovo.versions["approved"].goals.first().pk,
    }
    return {**values, **overrides}


def _harmanli_child_link(harmanli) -> int:
    case = harmanli.cases["working"]
    return case.people.get(person=case.primary_person).pk


FOREIGN_FIELDS = {
    "consultations:plan": (
        "under_review",
        _session_form,
        {
            "lead": lambda h: {"lead": h.staff["psychologist"].pk},
            "staff": lambda h: {"staff": [h.staff["social_worker"].pk]},
            "participants": lambda h: {"participants": [_harmanli_child_link(h)]},
            "goal": lambda h: {"goal": h.versions["working"].goals.first().pk},
        },
    ),
    "assessments:start": (
        "accepted",
        lambda k: {"team": [k.staff["psychologist"].pk], "occasion": ""},
        {"team": lambda h: {"team": [h.staff["psychologist"].pk]}},
    ),
    "cases:add_team": (
        "under_review",
        lambda k: {"user": k.staff["manager"].pk},
        {"user": lambda h: {"user": h.staff["social_worker"].pk}},
    ),
}


@pytest.mark.parametrize("name", sorted(FOREIGN_FIELDS))
def test_a_manager_cannot_name_another_centres_records_in_a_form(
    name, harmanli, haskovo, client_of
):
    client = client_of(haskovo.staff["manager"])
    route = next(r for r in staff_routes() if r.name == name)
    case_label, own_data, foreign_values = FOREIGN_FIELDS[name]
    url = route.url(haskovo.centre.slug, case_id=haskovo.cases[case_label].pk)
    with transaction.atomic():
        control = client.post(url, own_data(haskovo)).status_code
        transaction.set_rollback(True)
    before = database_state()

    answers = {
        field: client.post(url, {**own_data(haskovo), **value(harmanli)}).status_code
        for field, value in foreign_values.items()
    }

    assert control == 302
    assert answers == dict.fromkeys(foreign_values, 400)
    assert changed_tables(before, database_state()) == []
