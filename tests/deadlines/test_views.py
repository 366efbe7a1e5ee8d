"""„Моята работа“, the centre's overdue list and the two panels, through the views and as each role."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.cases.enums import CaseStatus
from opora.deadlines.domain import fulfil_deadlines
from opora.deadlines.enums import DeadlineKind
from opora.tasks.domain import create_task
from opora.tasks.enums import TaskKind
from tests.factories import make_case, make_member, put_on_team

K = DeadlineKind
MY_WORK = "/c/harmanli/my-work/"
OVERDUE = "/c/harmanli/deadlines/overdue/"


@pytest.fixture
def second_psychologist(centre):
    return make_member(
        centre, Role.PSYCHOLOGIST, username="psychologist2", first_name="Вера", last_name="Ганева"
    )


@pytest.fixture
def case(roomy_centre, manager, psychologist):
    return make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)


@pytest.fixture
def late_review(case, add_deadline):
    """Overdue by 6 days, owned by the case manager (the psychologist)."""
    return add_deadline(case, K.PLAN_REVIEW, days=-6)


def _html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


# „Моята работа“: who sees what


def test_my_work_shows_the_responsible_psychologist_the_overdue_deadline(
    late_review, case, psychologist, client_of
):
    html = _html(client_of(psychologist).get(MY_WORK))

    assert "Моята работа" in html
    assert late_review.title in html
    assert "просрочен с 6 дни" in html
    assert late_review.due_on.strftime("%d.%m.%Y") in html
    assert f'href="/c/harmanli/cases/{case.pk}/">{case.number}</a>' in html
    assert case.primary_person.full_name in html


def test_another_psychologist_of_the_centre_does_not_see_it(
    late_review, second_psychologist, client_of
):
    html = _html(client_of(second_psychologist).get(MY_WORK))

    assert late_review.title not in html
    assert "Нямате просрочени срокове." in html


@pytest.mark.parametrize("outsider", ["outsider_manager", "outsider_psychologist"])
def test_an_outsider_gets_404_on_both_pages(outsider, late_review, client_of, request):
    client = client_of(request.getfixturevalue(outsider))

    assert client.get(MY_WORK).status_code == 404
    assert client.get(OVERDUE).status_code == 404
    assert client.post(OVERDUE).status_code == 404


def test_the_system_administrator_gets_404_on_both_pages(late_review, sysadmin, client_of):
    client = client_of(sysadmin)

    assert client.get(MY_WORK).status_code == 404
    assert client.get(OVERDUE).status_code == 404


def test_the_accountant_gets_403_on_both_pages(late_review, accountant, client_of):
    client = client_of(accountant)

    assert client.get(MY_WORK).status_code == 403
    assert client.get(OVERDUE).status_code == 403
    assert client.post(MY_WORK).status_code == 403


def test_a_case_worker_may_not_open_the_centres_overdue_list(
    late_review, psychologist, social_worker, client_of
):
    assert client_of(psychologist).get(OVERDUE).status_code == 403
    assert client_of(social_worker).get(OVERDUE).status_code == 403


def test_signed_out_visitors_are_sent_to_the_login_page(client):
    response = client.get(MY_WORK)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_pages_only_read(late_review, manager, client_of):
    client = client_of(manager)

    assert client.post(MY_WORK).status_code == 405
    assert client.post(OVERDUE).status_code == 405


def test_the_manager_sees_the_approvals_and_the_case_manager_does_not(
    case, add_deadline, manager, psychologist, client_of
):
    approval = add_deadline(case, K.CLOSURE_APPROVAL, days=-2)

    for_manager = _html(client_of(manager).get(MY_WORK))
    for_lead = _html(client_of(psychologist).get(MY_WORK))

    assert "Чакат одобрение" in for_manager and approval.title in for_manager
    assert "Управителите" in for_manager
    assert "Още 1 просрочено одобрение" in for_manager
    assert "Чакат одобрение" not in for_lead and approval.title not in for_lead


def test_my_work_lists_open_tasks_with_a_link_to_record_them(
    case, manager, social_worker, client_of
):
    task = create_task(
        centre=case.centre, actor=manager, kind=TaskKind.NOTIFY_URGENT, case=case,
        title=f"Уведомете незабавно ДСП (случай {case.number})", due_in=timedelta(hours=3),
    )  # fmt: skip
    put_on_team(case, social_worker)

    html = _html(client_of(social_worker).get(MY_WORK))

    assert task.title in html
    assert f'href="/c/harmanli/tasks/#task-{task.pk}"' in html


# The centre's overdue list


def test_the_overdue_list_shows_every_overdue_deadline_with_counts_per_person(
    late_review, case, add_deadline, social_worker, manager, client_of
):
    add_deadline(case, K.REFERRER_REPORT, days=-1, responsible=social_worker)

    html = _html(client_of(manager).get(OVERDUE))

    assert "Просрочени срокове в центъра" in html
    assert late_review.title in html and f"{K.REFERRER_REPORT} по случай" in html
    assert "Елена Колева" in html and "Иван Димитров" in html
    assert f'?owner={social_worker.pk}"' in html


def test_the_overdue_list_filters_by_person_kind_and_period(
    late_review, case, add_deadline, social_worker, manager, client_of
):
    report = add_deadline(case, K.REFERRER_REPORT, days=-1, responsible=social_worker)
    soon = add_deadline(case, K.CONTRACT, days=2)
    client = client_of(manager)

    by_person = _html(client.get(OVERDUE, {"owner": social_worker.pk}))
    by_kind = _html(client.get(OVERDUE, {"kind": K.PLAN_REVIEW}))
    with_soon = _html(client.get(OVERDUE, {"within": 3}))

    assert report.title in by_person and late_review.title not in by_person
    assert late_review.title in by_kind and report.title not in by_kind
    assert soon.title not in by_person and soon.title in with_soon
    assert "наближава" in with_soon


def test_bad_filter_values_get_a_bulgarian_message_and_the_whole_list(
    late_review, manager, outsider_psychologist, client_of
):
    response = client_of(manager).get(
        OVERDUE, {"owner": outsider_psychologist.pk, "kind": "nonsense", "within": "999"}
    )

    html = _html(response)
    assert "Изберете служител от списъка." in html
    assert "Изберете вид срок от списъка." in html
    assert "Изберете период от списъка." in html
    assert late_review.title in html
    assert f'value="{outsider_psychologist.pk}">Десислава Атанасова<' not in html  # never offered


def test_the_overdue_list_offers_only_this_centres_people(
    late_review, manager, psychologist, outsider_psychologist, client_of
):
    html = _html(client_of(manager).get(OVERDUE))

    assert f'<option value="{psychologist.pk}">Елена Колева</option>' in html
    assert f'value="{outsider_psychologist.pk}">Десислава Атанасова<' not in html


# The case panel


def _render(template: str, user, centre, **context) -> str:
    request = RequestFactory().get("/")
    request.user, request.centre, request.role = user, centre, role_in(user, centre.pk)
    return render_to_string(template, {"request": request, "centre": centre, **context})


def test_the_case_panel_marks_overdue_red_and_approaching_amber_and_lists_the_met(
    case, late_review, add_deadline, psychologist
):
    add_deadline(case, K.CONTRACT_END, days=40, warn_days=-1)
    add_deadline(case, K.REFERRER_REPORT, days=-20)
    fulfil_deadlines(case=case, kind=K.REFERRER_REPORT, actor=psychologist)

    html = _render("deadlines/_case_panel.html", psychologist, case.centre, case=case)

    assert 'class="late"' in html and "просрочен с 6 дни" in html
    assert 'class="warn"' in html and "наближава" in html
    assert "Последно изпълнени" in html and "от Елена Колева" in html
    assert "отговаря: Елена Колева" in html
    assert "Просрочени в центъра" not in html  # the link is the manager's


def test_the_case_panel_is_empty_for_a_case_without_deadlines(centre, manager, psychologist):
    case = make_case(centre, manager)

    assert _render("deadlines/_case_panel.html", psychologist, centre, case=case).strip() == ""


def test_the_case_page_includes_the_deadlines_panel(late_review, case, psychologist, client_of):
    html = _html(client_of(psychologist).get(f"/c/harmanli/cases/{case.pk}/"))

    assert 'data-testid="case-deadlines"' in html
    assert late_review.title in html


# The dashboard panel


def test_the_managers_dashboard_counts_the_centres_overdue_and_links_to_the_list(
    late_review, manager, client_of
):
    html = _html(client_of(manager).get("/c/harmanli/"))

    assert 'data-testid="deadline-counts"' in html
    assert 'data-testid="centre-overdue">1<' in html
    assert f'href="{OVERDUE}"' in html and f'href="{MY_WORK}"' in html


def test_a_psychologists_dashboard_counts_their_own_only(
    late_review, add_deadline, case, psychologist, second_psychologist, client_of
):
    add_deadline(case, K.CONTRACT, days=1)

    mine = _html(client_of(psychologist).get("/c/harmanli/"))
    colleague = _html(client_of(second_psychologist).get("/c/harmanli/"))

    assert 'data-testid="mine-overdue">1<' in mine and 'data-testid="mine-week">1<' in mine
    assert 'data-testid="centre-overdue"' not in mine and OVERDUE not in mine
    assert 'data-testid="mine-overdue">0<' in colleague


def test_the_accountants_dashboard_shows_no_deadlines(late_review, accountant, client_of):
    html = _html(client_of(accountant).get("/c/harmanli/"))

    assert 'data-testid="deadline-counts"' not in html
    assert late_review.title not in html
    assert _render("deadlines/_dashboard_panel.html", accountant, late_review.centre).strip() == ""


# Query counts: one row or many, the same number of queries


def _queries(client, url: str) -> int:
    client.get(url)  # warm per-client caches (session, roles)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def _many_deadlines(centre, manager, psychologist, social_worker, add_deadline):
    """Nine more cases with overdue, coming, warned and approval deadlines, and open tasks."""
    for i in range(9):
        lead = [psychologist, social_worker][i % 2]
        other = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=lead, urgency="crisis")
        add_deadline(other, K.PLAN_REVIEW, days=-1 - i)
        add_deadline(other, K.REFERRER_REPORT, days=i % 5, responsible=psychologist)
        add_deadline(other, K.CONTRACT_END, days=30, warn_days=-1)
        add_deadline(other, K.PLAN_APPROVAL, days=-i)


@pytest.mark.parametrize(
    ("who", "url"),
    [
        ("psychologist", MY_WORK),
        ("manager", MY_WORK),
        ("manager", OVERDUE),
        ("manager", OVERDUE + "?within=30"),
    ],
)
def test_the_pages_run_the_same_queries_for_one_and_many_deadlines(
    who, url, late_review, roomy_centre, manager, psychologist, social_worker, add_deadline,
    client_of, request,
):  # fmt: skip
    client = client_of(request.getfixturevalue(who))
    one = _queries(client, url)

    _many_deadlines(roomy_centre, manager, psychologist, social_worker, add_deadline)
    many = _queries(client, url)

    print(f"\n[queries] {who} {url}: 1 deadline -> {one}, 37 deadlines -> {many}")
    assert many == one


@pytest.mark.parametrize(
    ("template", "who"),
    [
        ("deadlines/_case_panel.html", "psychologist"),
        ("deadlines/_dashboard_panel.html", "manager"),
        ("deadlines/_dashboard_panel.html", "psychologist"),
    ],
)
def test_the_panels_run_a_fixed_number_of_queries(
    template, who, late_review, case, roomy_centre, manager, psychologist, social_worker,
    add_deadline, request,
):  # fmt: skip
    user = request.getfixturevalue(who)

    def count() -> int:
        _render(template, user, roomy_centre, case=case)  # roles cached on the user
        with CaptureQueriesContext(connection) as context:
            _render(template, user, roomy_centre, case=case)
        return len(context.captured_queries)

    one = count()
    _many_deadlines(roomy_centre, manager, psychologist, social_worker, add_deadline)
    for n in range(6):
        add_deadline(case, K.INFO_REQUEST, days=-n, source=social_worker if n % 2 else manager)
        fulfil_deadlines(case=case, kind=K.INFO_REQUEST, actor=psychologist)

    assert count() == one <= 2
