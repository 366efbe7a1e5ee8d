"""The ИПП/договор panel on the case page: what each role sees, hidden for general access, few queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.plans.domain.plan import approve_plan, save_plan, start_plan, submit_plan
from tests.factories import make_case
from tests.plans.conftest import plan_data


def _page(client, case) -> str:
    response = client.get(f"/c/{case.centre.slug}/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_manager_sees_a_submitted_plan_with_approve_or_return(
    submitted, manager, psychologist, client_of
):
    manager_page = _page(client_of(manager), submitted.case)
    worker_page = _page(client_of(psychologist), submitted.case)

    assert "ИПП и договор" in manager_page
    assert "Изпратен за одобрение" in manager_page
    assert "Одобри / Върни" in manager_page
    assert "Изпратен за одобрение" in worker_page
    assert "Одобри / Върни" not in worker_page


def test_the_panel_shows_the_plan_in_force_and_its_review(approved, psychologist, client_of):
    html = _page(client_of(psychologist), approved.case)

    assert "Версия 1" in html
    assert f"преглед на {approved.review_on:%d.%m.%Y}" in html


def test_the_panel_is_hidden_for_general_access(centre, manager, client_of):
    case = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    assert "ИПП и договор" not in _page(client_of(manager), case)


def _render_panel(case, user) -> tuple[str, int]:
    """The panel alone, as the case page includes it (other apps' panels are measured by theirs)."""
    from django.template.loader import render_to_string
    from django.test import RequestFactory

    from opora.cases.domain.queries import case_detail

    request = RequestFactory().get("/")
    request.user = user
    case = case_detail(user, case.centre, case.pk)
    with CaptureQueriesContext(connection) as queries:
        html = render_to_string(
            "plans/_case_panel.html",
            {"case": case, "centre": case.centre, "request": request, "user": user},
        )
    return html, len(queries)


def test_the_panel_runs_the_same_queries_for_one_and_many_versions(approved, manager, psychologist):
    _html, one = _render_panel(approved.case, psychologist)
    change_status(approved.case, to_status=CaseStatus.ACTIVE, actor=manager)
    for _ in range(3):
        version = start_plan(approved.case, actor=psychologist)
        save_plan(version, actor=psychologist, data=plan_data(psychologist))
        approve_plan(submit_plan(version, actor=psychologist), actor=manager)
    start_plan(approved.case, actor=psychologist)

    html, many = _render_panel(approved.case, psychologist)

    assert "Версия 4" in html and "Версия 5" in html
    assert many == one <= 3
