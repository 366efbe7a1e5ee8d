"""What each role of the centre may open and do, and the system administrator who has no centre."""

import pytest
from django.contrib import admin
from django.contrib.auth.models import Permission
from django.db import transaction

from tests.factories import put_on_team
from tests.fostering.web_records import FOSTERING_MANAGER_PAGES, FOSTERING_MANAGER_WRITES
from tests.reporting.web_records import (
    REPORTING_ACCOUNTANT_PAGES,
    REPORTING_MANAGER_PAGES,
    REPORTING_MANAGER_WRITES,
)
from tests.statutory.web_records import (
    STATUTORY_ACCOUNTANT_PAGES,
    STATUTORY_MANAGER_PAGES,
    STATUTORY_MANAGER_WRITES,
)
from tests.web.routes import POST_ONLY, WRITES, post_data, staff_routes, with_query
from tests.web.state import changed_tables, database_state
from tests.web.world import CASE_RECORDS, CHILD_EGN, CHILD_NAME

# The accountant sees counts and the team, never the content of a case.
ACCOUNTANT_PAGES = frozenset(
    {
        "centres:dashboard",
        "centres:profile",
        "centres:indicators",  # trends in counts only (centres.view_capacity_trends)
        "staff:list",
        *STATUTORY_ACCOUNTANT_PAGES,
        *REPORTING_ACCOUNTANT_PAGES,
    }
)
CASE_WORKERS = ["psychologist", "social_worker"]


def _url(world, name: str, case: str = "intake") -> str:
    """The route filled in with one record of each kind; the casework ones (and the person: its
    child) all of the `case`."""
    route = next(r for r in staff_routes() if r.name == name)
    ids = {
        "case_id": world.cases[case].pk,
        "person_id": world.cases[case].primary_person_id,
        "task_id": world.tasks[0].pk,
        "membership_id": world.memberships[0].pk,
        "version_id": world.versions["working"].pk,
        "contract_id": world.contracts["signed"].pk,
        "session_id": world.sessions["held"].pk,
        "review_id": world.reviews["in_progress"].pk,
        "report_id": world.reports["due"].pk,
        "programme_id": world.groups.programmes["running"].pk,
        "group_session_id": world.groups.sessions["today"].pk,
        "participant_id": world.groups.participants["certified"].pk,
        "candidate_id": world.fostering.candidates["approved"].pk,
        "placement_id": world.fostering.placements["long"].pk,
        "adopter_id": world.fostering.adopters["referred"].pk,
        **{kwarg: _case_record(world, kwarg, case) for kwarg in CASE_RECORDS},
        "attachment_id": world.attachments["case"].pk,
    }
    return route.url(world.centre.slug, **{k: ids[k] for k in route.object_kwargs})


def _case_record(world, kwarg: str, case: str) -> int:
    """A document's subject (tests/web/world.py CASE_RECORDS): the case's own, else the world's
    first (e.g. the ИОП, which the worked cases do not have)."""
    model, to_case = CASE_RECORDS[kwarg]
    own = model.objects.filter(**{to_case: world.cases[case]}).values_list("pk", flat=True)
    return own.first() or (world.ids(kwarg) or [0])[0]


def _private_details(world) -> list[str]:
    """What identifies Харманли's clients: names and the child's ЕГН, plain or masked."""
    names = [CHILD_NAME, world.child.last_name, world.mother.full_name, world.stranger.full_name]
    names += [world.cases["waitlisted"].primary_person.full_name]
    return [*names, CHILD_EGN, world.child.masked_identifier]


# The accountant


def test_the_accountant_is_refused_pages_with_case_content(harmanli, client_of):
    client = client_of(harmanli.staff["accountant"])
    pages = [
        "cases:list",
        "cases:detail",
        "people:search",
        "people:detail",
        "referrals:new",
        "tasks:list",
        "cases:waiting_list",
    ]

    answers = {name: client.get(_url(harmanli, name)).status_code for name in pages}

    assert answers == dict.fromkeys(pages, 403)


def test_the_accountant_gets_403_on_every_other_staff_url_and_changes_nothing(harmanli, client_of):
    client = client_of(harmanli.staff["accountant"])
    before = database_state()
    problems = []

    for route in staff_routes():
        if route.name in ACCOUNTANT_PAGES:
            continue
        for url in route.probe_urls(harmanli.centre.slug, harmanli):
            if (got := client.get(url).status_code) != 403:
                problems.append(f"GET {url}: {got}")
            posted = client.post(with_query(route, url), post_data(route, harmanli))
            if posted.status_code != 403:
                problems.append(f"POST {url}: {posted.status_code}")

    assert problems == []
    assert changed_tables(before, database_state()) == []


def test_the_accountants_pages_show_no_client(harmanli, client_of):
    client = client_of(harmanli.staff["accountant"])
    leaks = {}

    for name in sorted(ACCOUNTANT_PAGES):
        response = client.get(_url(harmanli, name))
        assert response.status_code == 200, name
        html = response.content.decode()
        leaks[name] = [detail for detail in _private_details(harmanli) if detail in html]

    assert leaks == {name: [] for name in sorted(ACCOUNTANT_PAGES)}


def test_the_accountants_dashboard_shows_counts_while_the_managers_shows_the_new_referrals(
    harmanli, client_of
):
    url = _url(harmanli, "centres:dashboard")

    for_accountant = client_of(harmanli.staff["accountant"]).get(url).content.decode()
    for_manager = client_of(harmanli.staff["manager"]).get(url).content.decode()

    assert "Случаи по статус" in for_accountant
    assert CHILD_NAME in for_manager
    assert harmanli.cases["urgent"].primary_person.full_name in for_manager


# The psychologist and the social worker


# In Харманли the psychologist leads every case the writes act on; the social worker is on no team.
# What only the manager does: the centre, its staff, intake, the ИОП team, plan and contract
# decisions, closure decisions and reopening.
MANAGER_WRITES = frozenset(
    {
        "centres:edit",
        "staff:add",
        "staff:edit",
        "cases:accept",
        "cases:waitlist",
        "cases:refuse",
        "cases:leave_waiting_list",
        "cases:assign",
        "cases:add_team",
        "assessments:start",
        "assessments:team",
        "plans:approve",
        "plans:return_plan",
        "plans:new_contract",
        "plans:edit_contract",
        "plans:sign",
        "plans:annex",
        "closure:approve",
        "closure:return_closure",
        "closure:reopen",
        "cases:grant_access",
        "cases:refuse_access",
        "cases:revoke_access",
        "staff:reset_two_factor",
        "privacy:policies",
        "privacy:add_hold",
        "privacy:lift_hold",
        "documents:edit_layout",
        # Foster care: the Commission's decision, removal from the register, the centre's values.
        *FOSTERING_MANAGER_WRITES,
        *STATUTORY_MANAGER_WRITES,
        *REPORTING_MANAGER_WRITES,
    }
)
# What every case worker does, on the team of a case or not (the new person, the new referral, a
# consultation for a person on no case).
ANY_CASE_WORKER_WRITES = frozenset(
    {
        "people:new",
        "referrals:new",
        "assessments:general_new",
        # Group programmes are the centre's, not a case's: every case worker runs them.
        *(name for name in WRITES if name.startswith("groups:")),
        # So are foster-care candidates and adopters: they are not cases and have no case team.
        *(
            name
            for name in WRITES
            if name.startswith("fostering:") and name not in FOSTERING_MANAGER_WRITES
        ),
    }
)
# Every other write is on a record of a case, for its team only (need-to-know): the ИОП draft, plan
# drafts, sessions, reviews, the closure proposal, follow-up, the reports to the referrer, and the
# people, tasks and general consultations of a case. In Харманли the psychologist leads the cases
# of those writes but the ones registered by the manager and never accepted:
OFF_THE_PSYCHOLOGISTS_TEAMS = frozenset(
    {
        "people:edit",  # the child of the intake case
        "people:add_relation",
        "cases:add_person",
        "assessments:general_close",  # the general consultation opened by the manager
        "assessments:general_refer",
        "tasks:complete",  # the notification task of a case registered by the manager
    }
)
# The manager's decisions on closure find the case before asking for the role: off the case's team
# that is already a 404.
CASE_FIRST = frozenset({"closure:approve", "closure:return_closure", "closure:reopen"})
MANAGER_PAGES = frozenset(
    {
        "centres:edit",
        "centres:indicators",  # the manager's and the accountant's, not a case worker's
        "staff:list",
        "staff:add",
        "staff:edit",
        "cases:waiting_list",
        "deadlines:overdue",
        "closure:register",
        "assessments:start",
        "assessments:team",
        "plans:new_contract",
        "plans:edit_contract",
        "cases:access_requests",
        "audit:case",
        "audit:staff",
        "audit:unusual",
        "privacy:exports",
        "privacy:person_data",
        "privacy:retention",
        "privacy:add_hold",
        "documents:layouts",
        "documents:edit_layout",
        *FOSTERING_MANAGER_PAGES,
        *STATUTORY_MANAGER_PAGES,
        *REPORTING_MANAGER_PAGES,
    }
)


def _expected_write(role: str, name: str) -> tuple[int, bool]:
    """(status, changed): refused by role 403, off the case's team 404 (need-to-know)."""
    if name in MANAGER_WRITES:
        return (404, False) if role == "social_worker" and name in CASE_FIRST else (403, False)
    if name == "cases:request_access":  # on the worked case, which the psychologist leads
        return (302, True) if role == "social_worker" else (400, False)
    if name in ANY_CASE_WORKER_WRITES:
        return (302, True)
    if role == "psychologist" and name not in OFF_THE_PSYCHOLOGISTS_TEAMS:
        return (302, True)
    return (404, False)


@pytest.mark.parametrize("role", CASE_WORKERS)
def test_what_a_case_worker_may_write_on_and_off_the_case_team(role, harmanli, client_of):
    """Each write of tests/web/routes.py, made by a case worker in a savepoint that is rolled back."""
    client = client_of(harmanli.staff[role])
    routes = {route.name: route for route in staff_routes()}
    outcomes = {}

    for name, write in sorted(WRITES.items()):
        route = routes[name]
        target = write.target(harmanli) if write.target else {}
        url = with_query(route, route.url(harmanli.centre.slug, **target))
        with transaction.atomic():
            before = database_state()
            response = client.post(url, write.data(harmanli))
            outcomes[name] = (response.status_code, bool(changed_tables(before, database_state())))
            transaction.set_rollback(True)

    assert outcomes == {name: _expected_write(role, name) for name in WRITES}


@pytest.mark.parametrize("role", CASE_WORKERS)
def test_which_pages_a_case_worker_opens_on_and_off_the_case_team(role, harmanli, client_of):
    """The psychologist leads the worked case; the social worker is not on its team: she gets the
    403 page that offers „Поискай достъп“ on the case and a 404 on everything of the case."""
    client = client_of(harmanli.staff[role])
    routes = [r for r in staff_routes() if r.name not in POST_ONLY]

    answers = {
        r.name: client.get(_url(harmanli, r.name, case="working")).status_code for r in routes
    }

    def expected(route) -> int:
        if route.name in MANAGER_PAGES or (
            route.name == "cases:detail" and role == "social_worker"
        ):
            return 403
        return 404 if role == "social_worker" and route.is_case_bound else 200

    assert answers == {route.name: expected(route) for route in routes}


@pytest.mark.parametrize("role", CASE_WORKERS)
def test_a_case_worker_cannot_manage_staff_the_centre_or_the_waiting_list(
    role, harmanli, client_of
):
    client = client_of(harmanli.staff[role])
    before = database_state()
    answers = {}

    for name in (
        "staff:list",
        "staff:add",
        "staff:edit",
        "centres:edit",
        "cases:waiting_list",
        "deadlines:overdue",
        "closure:register",
    ):
        route = next(r for r in staff_routes() if r.name == name)
        ids = {"membership_id": harmanli.memberships[0].pk}
        url = route.url(harmanli.centre.slug, **{k: ids[k] for k in route.object_kwargs})
        answers[f"GET {name}"] = client.get(url).status_code
        answers[f"POST {name}"] = client.post(url, post_data(route, harmanli)).status_code

    assert answers == dict.fromkeys(answers, 403)
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("role", CASE_WORKERS)
def test_a_case_worker_works_on_cases_and_people(role, harmanli, client_of):
    client = client_of(harmanli.staff[role])

    put_on_team(harmanli.cases["intake"], harmanli.staff[role])

    for name in ("cases:list", "cases:detail", "people:search", "people:detail", "tasks:list"):
        assert client.get(_url(harmanli, name)).status_code == 200, name
    assert client.get(_url(harmanli, "referrals:new") + "?new=1").status_code == 200


# The system administrator


def test_the_system_administrator_gets_404_on_every_centre_url(
    harmanli, haskovo, sysadmin, client_of
):
    client = client_of(sysadmin)
    before = database_state()
    problems = []

    for world in (harmanli, haskovo):
        for route in staff_routes():
            for url in route.probe_urls(world.centre.slug, world):
                if (got := client.get(url).status_code) != 404:
                    problems.append(f"GET {url}: {got}")
                posted = client.post(with_query(route, url), post_data(route, harmanli))
                if posted.status_code != 404:
                    problems.append(f"POST {url}: {posted.status_code}")

    assert problems == []
    assert changed_tables(before, database_state()) == []


def test_the_system_administrator_chooses_the_system_administration_at_home(sysadmin, client_of):
    response = client_of(sysadmin).get("/")

    assert response.status_code == 200
    assert 'href="/system/"' in response.content.decode()


def test_the_django_admin_shows_centres_and_users_but_no_case_content(
    harmanli, sysadmin, client_of
):
    # Even holding every Django permission, there is no case, person or referral to manage.
    sysadmin.user_permissions.set(Permission.objects.all())

    response = client_of(sysadmin).get("/system/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "/system/centres/centre/" in html
    assert "/system/accounts/user/" in html
    for hidden in ("Случаи", "Лица", "Насочвания", "Задачи", "/system/cases/", "/system/people/"):
        assert hidden not in html
    assert "/system/referrals/" not in html
    assert "/system/tasks/" not in html


def test_no_case_content_model_is_registered_in_the_django_admin():
    registered = sorted(model._meta.label for model in admin.site._registry)

    content = [
        label
        for label in registered
        if label.split(".")[0] in {"cases", "people", "referrals", "tasks"}
    ]
    assert content == []
    assert "centres.Centre" in registered


def test_a_manager_is_not_let_into_the_django_admin(manager, client_of):
    response = client_of(manager).get("/system/")

    assert response.status_code == 302
    assert response.url.startswith("/system/login/")
