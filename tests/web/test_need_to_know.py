"""Need-to-know inside a centre: the isolation matrix of every staff route that names a case record.

A case worker of the centre who is not on a case's team and holds no grant gets a 403 on the case
page (which offers „Поискай достъп“ and shows nothing but the directory entry) and a 403 or 404 on
every other URL naming one of the case's records, and changes nothing; once on the team she gets
what the case manager gets. The routes come from the resolver (tests/web/routes.py): a new route
naming a record is covered at once, and a new kind of record in a URL must be classified below.
"""

import itertools

import pytest

from opora.accounts.enums import Role
from opora.accounts.models import User
from opora.cases.models import Case, CasePerson
from tests.factories import make_member, put_on_team
from tests.web.routes import (
    CASE_BOUND_KWARGS,
    OBJECT_KWARGS,
    POST_ONLY,
    post_data,
    staff_routes,
    with_query,
)
from tests.web.state import changed_tables, database_state

# The records of a case: a URL naming one of them shows (or changes) the case's content. A person
# counts when she is on a case; a person on no case is open to every case worker.
CASE_BOUND = CASE_BOUND_KWARGS
# The centre's own records: staff, access requests, group programmes (the groups app's rules).
NOT_CASE_BOUND = frozenset(
    {"membership_id", "access_request_id", "programme_id", "group_session_id", "participant_id"}
    # Foster-care candidates, their placements and adopters: the fostering app's rules.
    | {"candidate_id", "placement_id", "adopter_id"}
    # Legal holds: the manager's retention tool (the privacy app's rules).
    | {"hold_id"}
)
# The one write meant for a case worker off the team.
OPEN_TO_ALL = frozenset({"cases:request_access"})
# Pages that list what a case worker may know exists (the directory): names, never content. The
# fostering forms choose the person among the centre's people, as the person search does.
DIRECTORY_PAGES = frozenset(
    {
        "cases:list",
        "people:search",
        "referrals:new",
        "fostering:new_candidate",
        "fostering:new_adopter",
    }
)
PROBES = 3


@pytest.fixture
def colleague(centre):
    """A pedagogue of Харманли: on no case team, with no access grant."""
    return make_member(centre, Role.PEDAGOGUE, first_name="Вяра", last_name="Колегова")


def _cases_of(kwarg: str, obj) -> set[int]:
    if kwarg == "case_id":
        return {obj.pk}
    if kwarg == "person_id":
        return set(CasePerson.objects.filter(person=obj).values_list("case_id", flat=True))
    return {obj.case_id} if getattr(obj, "case_id", None) else set()


def _urls(route, world, wanted) -> list[str]:
    """The route with up to PROBES records of each kind whose cases satisfy `wanted(case_ids)`."""
    choices = []
    for kwarg in route.object_kwargs:
        if kwarg not in CASE_BOUND:
            return []
        found = [o.pk for o in world.objects(kwarg) if wanted(_cases_of(kwarg, o))]
        choices.append(found[:PROBES])
    return [
        route.url(world.centre.slug, **dict(zip(route.object_kwargs, ids, strict=True)))
        for ids in itertools.product(*choices)
    ]


def _client_names(world) -> list[str]:
    """The children's names of the centre's cases (not those that are also a staff name: the
    factories draw both from the same few names)."""
    cases = Case.objects.filter(centre=world.centre).select_related("primary_person")
    staff = {user.get_full_name() for user in User.objects.all()}
    return sorted({c.primary_person.full_name for c in cases} - staff)


def _content(world) -> list[str]:
    """Texts written in Харманли's cases (session notes, the report, the ИОП, the closure)."""
    return [
        world.sessions["held"].notes,
        "Детето посещава училище.",
        world.information_requests["open"].question,
        "Целите на плана са постигнати.",
    ]


def _case_bound_routes():
    return [r for r in staff_routes() if r.object_kwargs and set(r.object_kwargs) <= CASE_BOUND]


def test_every_kind_of_record_in_a_staff_url_is_classified():
    """A new kind of record in a URL must be declared case-bound (and so tested below) or not."""
    in_urls = {kwarg for route in staff_routes() for kwarg in route.object_kwargs}

    assert not CASE_BOUND & NOT_CASE_BOUND
    assert in_urls | OBJECT_KWARGS <= CASE_BOUND | NOT_CASE_BOUND
    assert len(_case_bound_routes()) >= 50


def test_a_colleague_off_the_team_gets_403_or_404_on_every_case_record_and_changes_nothing(
    harmanli, colleague, client_of
):
    client = client_of(colleague)
    names, content = _client_names(harmanli), _content(harmanli)
    before = database_state()
    problems, tried = [], 0

    for route in _case_bound_routes():
        for url in _urls(route, harmanli, wanted=bool):
            tried += 1
            got = client.get(with_query(route, url))
            if route.name == "cases:detail":
                html = got.content.decode()
                if got.status_code != 403 or "Поискай достъп" not in html:
                    problems.append(f"GET {url}: {got.status_code}, expected the 403 page")
                problems += [f"GET {url} shows {text!r}" for text in content if text in html]
            else:
                if got.status_code not in (403, 404, 405):
                    problems.append(f"GET {url} ({route.name}): {got.status_code}")
                html = got.content.decode()
                problems += [f"GET {url} shows {name!r}" for name in names if name in html]
            if route.name in OPEN_TO_ALL:
                continue
            posted = client.post(with_query(route, url), post_data(route, harmanli))
            if posted.status_code not in (403, 404):
                problems.append(f"POST {url} ({route.name}): {posted.status_code}")

    assert tried >= 100
    assert problems == []
    changed = [t for t in changed_tables(before, database_state()) if t != "audit.AuditEntry"]
    assert changed == []


def test_on_the_team_the_colleague_opens_what_the_case_manager_opens(
    harmanli, colleague, client_of
):
    working = harmanli.cases["working"]
    put_on_team(working, colleague)
    mine, lead = client_of(colleague), client_of(harmanli.staff["psychologist"])
    answers, opened = {}, 0

    for route in _case_bound_routes():
        if route.name in POST_ONLY:
            continue
        for url in _urls(route, harmanli, wanted=lambda ids: working.pk in ids):
            url = with_query(route, url)
            got, expected = mine.get(url).status_code, lead.get(url).status_code
            opened += got == 200
            if got != expected:
                answers[url] = (got, expected)

    assert answers == {}
    assert opened >= 20


def test_pages_without_a_record_show_no_content_of_cases_off_the_team(
    harmanli, colleague, client_of
):
    client = client_of(colleague)
    names, content = _client_names(harmanli), _content(harmanli)
    psychologist = harmanli.staff["psychologist"].pk
    leaks = []

    for route in staff_routes():
        if route.object_kwargs or route.name in POST_ONLY:
            continue
        url = with_query(route, route.url(harmanli.centre.slug))
        for query in ("", f"?staff={psychologist}", "?q=Калина"):
            response = client.get(url + query if "?" not in url else url)
            html = response.content.decode()
            leaks += [f"{url}{query}: {text!r}" for text in content if text in html]
            if route.name not in DIRECTORY_PAGES:
                leaks += [f"{url}{query}: {name!r}" for name in names if name in html]

    assert leaks == []


def test_the_calendar_of_a_colleague_shows_her_sessions_off_the_team_only_as_busy(
    harmanli, colleague, client_of
):
    client = client_of(colleague)
    psychologist = harmanli.staff["psychologist"].pk
    held = harmanli.sessions["held"]

    week = client.get(f"/c/harmanli/calendar/?staff={psychologist}").content.decode()
    day = client.get(f"/c/harmanli/calendar/day/?staff={psychologist}").content.decode()

    for html in (week, day):
        assert "Среща по случай без достъп" in html
        assert harmanli.cases["working"].number not in html
        assert f"/sessions/{held.pk}/" not in html


def test_the_case_list_shows_cases_off_the_team_as_directory_entries(
    harmanli, colleague, client_of
):
    working = harmanli.cases["working"]
    put_on_team(working, colleague)

    html = client_of(colleague).get("/c/harmanli/cases/?status=all").content.decode()

    assert f'href="/c/harmanli/cases/{working.pk}/">{working.number}</a>' in html
    active = harmanli.cases["active"]
    assert active.primary_person.full_name in html
    assert f'href="/c/harmanli/cases/{active.pk}/">{active.number}</a>' not in html
    others = Case.objects.filter(centre=harmanli.centre).exclude(pk=working.pk).count()
    assert html.count('data-testid="no-access-row"') == others
    assert "Поискай достъп" in html


def test_the_person_search_marks_people_on_cases_off_the_team(harmanli, colleague, client_of):
    html = client_of(colleague).get("/c/harmanli/people/?q=Калина").content.decode()

    assert "Калина Деянова Маринова" in html
    assert 'data-testid="person-no-access"' in html
    assert f"/c/harmanli/people/{harmanli.child.pk}/" not in html
    assert f"/c/harmanli/cases/{harmanli.cases['intake'].pk}/" in html  # to ask for access


def test_a_person_on_no_case_is_open_to_every_case_worker(harmanli, colleague, client_of):
    response = client_of(colleague).get(f"/c/harmanli/people/{harmanli.stranger.pk}/")

    assert response.status_code == 200
