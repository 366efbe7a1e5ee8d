"""List pages and the case page run a fixed number of queries, whatever the number of rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.cases.domain.case import add_team_member
from opora.cases.domain.intake import place_on_waiting_list
from opora.cases.domain.status import change_status
from opora.cases.enums import CasePersonRole, CaseStatus
from opora.centres.models import Centre
from opora.people.domain.person import add_relation
from opora.tasks.domain import complete_task
from tests.factories import PersonFactory, make_case

GROUPS = ["risk_child", "family_risk", "risk_school"]


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _measure(client, url: str) -> int:
    client.get(url)  # the first request of a client warms caches that are not per row
    return _queries(client, url)


@pytest.fixture
def roomy_centre(centre):
    """Room for as many working cases as the tests open."""
    Centre.objects.filter(pk=centre.pk).update(capacity=40)
    centre.refresh_from_db()
    return centre


def _report(page: str, one: int, many: int, rows: int) -> None:
    print(f"\n[queries] {page}: 1 row -> {one}, {rows} rows -> {many}")


def test_the_case_list_runs_the_same_queries_for_1_and_15_cases(
    roomy_centre, manager, psychologist, social_worker, client_of
):
    client = client_of(manager)
    make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    one = _measure(client, "/c/harmanli/cases/")
    for i in range(14):
        status = [CaseStatus.INTAKE, CaseStatus.WAITLISTED, CaseStatus.ASSESSMENT][i % 3]
        make_case(
            roomy_centre,
            manager,
            status,
            case_manager=[psychologist, social_worker][i % 2],
            target_groups=GROUPS[: 1 + i % 3],
            urgency="crisis" if i == 5 else "",
        )

    many = _queries(client, "/c/harmanli/cases/")

    _report("case list", one, many, 15)
    assert many == one
    assert client.get("/c/harmanli/cases/").content.decode().count('data-label="Номер"') == 15


def _active_case(centre, manager, psychologist, **fields):
    return make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist, **fields)


def test_the_case_page_runs_the_same_queries_for_few_and_many_people_team_and_history(
    roomy_centre, manager, psychologist, social_worker, client_of
):
    client = client_of(manager)
    small = _active_case(roomy_centre, manager, psychologist)
    one = _measure(client, f"/c/harmanli/cases/{small.pk}/")

    child = PersonFactory(centre=roomy_centre, first_name="Дете", last_name="Голямо")
    family = [PersonFactory(centre=roomy_centre, last_name="Голями") for _ in range(5)]
    for relative in [
        *family,
        PersonFactory(centre=roomy_centre),
        PersonFactory(centre=roomy_centre),
    ]:
        add_relation(person=child, relative=relative, kind="other_relative", actor=manager)
    big = _active_case(
        roomy_centre,
        manager,
        psychologist,
        person=child,
        family=[(p, CasePersonRole.RELATIVE) for p in family],
        target_groups=GROUPS,
        chosen_services=["counselling", "therapy", "skills"],
        urgency="violence",
    )
    add_team_member(big, actor=manager, user=social_worker)
    add_team_member(big, actor=manager, user=manager)
    for to_status in [CaseStatus.UNDER_REVIEW, CaseStatus.ACTIVE] * 3:
        change_status(big, to_status=to_status, actor=manager)

    many = _queries(client, f"/c/harmanli/cases/{big.pk}/")

    _report("case page (6 people, 3 team, 11 status rows)", one, many, 6)
    assert big.people.count() == 6
    assert big.status_history.count() == 11
    assert many == one


def test_the_waiting_list_runs_the_same_queries_for_1_and_10_waiting(
    roomy_centre, manager, client_of
):
    client = client_of(manager)
    place_on_waiting_list(make_case(roomy_centre, manager), actor=manager)
    one = _measure(client, "/c/harmanli/cases/waiting-list/")
    for _ in range(9):
        place_on_waiting_list(make_case(roomy_centre, manager), actor=manager)

    many = _queries(client, "/c/harmanli/cases/waiting-list/")

    _report("waiting list", one, many, 10)
    assert many == one


def test_the_task_list_runs_the_same_queries_for_1_and_10_tasks(roomy_centre, manager, client_of):
    client = client_of(manager)
    make_case(roomy_centre, manager, urgency="crisis")
    one = _measure(client, "/c/harmanli/tasks/")
    for i in range(9):
        case = make_case(roomy_centre, manager, urgency="violence")
        if i % 2:
            complete_task(case.tasks.get(), actor=manager, note="Уведомен ОЗД.")

    many = _queries(client, "/c/harmanli/tasks/")

    _report("task list", one, many, 10)
    assert many == one


def test_the_people_search_runs_the_same_queries_for_1_and_10_matches(
    roomy_centre, psychologist, client_of
):
    client = client_of(psychologist)
    PersonFactory(centre=roomy_centre, first_name="Георги", last_name="Първи")
    one = _measure(client, "/c/harmanli/people/?q=georgi")
    for _ in range(9):
        PersonFactory(centre=roomy_centre, first_name="Георги")

    many = _queries(client, "/c/harmanli/people/?q=georgi")

    _report("people search", one, many, 10)
    assert many == one


def test_the_managers_dashboard_runs_the_same_queries_for_1_and_many_rows(
    roomy_centre, manager, client_of
):
    client = client_of(manager)
    make_case(roomy_centre, manager, CaseStatus.ACTIVE, urgency="crisis")
    make_case(roomy_centre, manager)
    place_on_waiting_list(make_case(roomy_centre, manager), actor=manager)
    one = _measure(client, "/c/harmanli/")
    for i in range(8):
        make_case(roomy_centre, manager, CaseStatus.ACTIVE, target_groups=GROUPS[: 1 + i % 3])
        make_case(roomy_centre, manager, urgency="crisis")
        place_on_waiting_list(make_case(roomy_centre, manager), actor=manager)

    many = _queries(client, "/c/harmanli/")

    _report("manager's dashboard", one, many, 9)
    assert many == one
