"""The privacy pages run a fixed number of queries, whatever the number of rows."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.cases.domain.queries import CaseFilters
from opora.cases.enums import CaseStatus
from opora.privacy.domain.case_export import export_case_list
from opora.privacy.domain.holds import lift_legal_hold, place_legal_hold
from tests.factories import PersonFactory, make_case
from tests.privacy.retention_records import closed_years_ago


def _queries(client, url: str) -> int:
    client.get(url)  # the first request warms what is not per row (sessions, roles)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _add_retention_rows(centre, manager, count: int) -> None:
    for i in range(count):
        closed_years_ago(make_case(centre, manager, CaseStatus.REFUSED), 5)
        held = make_case(centre, manager, CaseStatus.REFUSED)
        closed_years_ago(held, 5)
        hold = place_legal_hold(centre, actor=manager, case=held, reason=f"Дело № {i}/2026")
        if i % 2:
            lift_legal_hold(hold, actor=manager, reason="Делото приключи.")
        person = PersonFactory(centre=centre)
        place_legal_hold(centre, actor=manager, person=person, reason=f"Проверка № {i}")


def test_the_retention_page_runs_the_same_queries_for_1_and_6_rows(centre, manager, client_of):
    centre.capacity = 30
    centre.save()
    client = client_of(manager)
    _add_retention_rows(centre, manager, 1)
    one = _queries(client, "/c/harmanli/privacy/retention/")

    _add_retention_rows(centre, manager, 5)
    many = _queries(client, "/c/harmanli/privacy/retention/")

    assert many == one


def test_the_export_log_runs_the_same_queries_for_1_and_8_exports(
    centre, manager, psychologist, client_of
):
    client = client_of(manager)
    export_case_list(centre, actor=psychologist, filters=CaseFilters(), file_format="csv")
    one = _queries(client, "/c/harmanli/privacy/exports/")

    for _ in range(7):
        export_case_list(centre, actor=manager, filters=CaseFilters(), file_format="xlsx")
    many = _queries(client, "/c/harmanli/privacy/exports/")

    assert many == one
