"""The closure pages and the referrer-report register through the views: roles, errors, panels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.cases.enums import CaseStatus, ClosureReason
from opora.centres.models import Centre
from opora.closure.domain.proposal import propose_closure
from opora.closure.domain.reports import add_report, schedule_referrer_reports
from opora.closure.enums import Channel, GoalResult, ProposalStatus, ReportKind, ReportStatus
from opora.closure.models import ClosureProposal, ReferrerReport
from opora.deadlines.calendar import add_months
from opora.tasks.models import Task
from tests.closure.test_proposal_domain import propose
from tests.factories import make_case, put_on_team
from tests.reviews.casework import working_case
from tests.web.state import changed_tables, database_state


@pytest.fixture
def case(centre, manager, psychologist):
    return working_case(centre, manager, psychologist)


@pytest.fixture
def closing(case, psychologist):
    propose(case, psychologist)
    case.refresh_from_db()
    return case


def closure_url(case, tail: str = "") -> str:
    return f"/c/harmanli/cases/{case.pk}/closure/{tail}"


def reports_url(case, tail: str = "") -> str:
    return f"/c/harmanli/cases/{case.pk}/referrer-reports/{tail}"


def report_url(report, tail: str = "") -> str:
    return f"/c/harmanli/referrer-reports/{report.pk}/{tail}"


def proposal_post(case, **overrides) -> dict:
    data = {
        "reason": ClosureReason.GOALS_ACHIEVED,
        "final_assessment": "Целите са постигнати.",
        "recommendations": "",
        "follow_up_on": "",
        "follow_up_plan": "",
    }
    for goal in case.plan_versions.get(status="approved").goals.all():
        data[f"goal_{goal.pk}"] = GoalResult.ACHIEVED
    data.update(overrides)
    return data


# Proposing


def test_the_case_manager_proposes_closure_through_the_form(case, psychologist, client_of):
    client = client_of(psychologist)
    assert "Предложи приключване" in client.get(f"/c/harmanli/cases/{case.pk}/").content.decode()
    page = client.get(closure_url(case)).content.decode()
    assert "Резултат: Редовно посещение на училище" in page

    response = client.post(closure_url(case, "propose/"), proposal_post(case))

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSING


def test_a_proposal_without_results_shows_the_messages_and_saves_nothing(
    case, psychologist, client_of
):
    goal = case.plan_versions.get(status="approved").goals.first()
    data = proposal_post(
        case, final_assessment="", reason=ClosureReason.OTHER, **{f"goal_{goal.pk}": ""}
    )
    before = database_state()

    response = client_of(psychologist).post(closure_url(case, "propose/"), data)

    html = response.content.decode()
    assert response.status_code == 400
    assert f"Оценете резултата по целта „{goal.title}“." in html
    assert "Опишете заключителната оценка на резултатите." in html
    assert "При „Друго“ опишете причината." in html
    assert changed_tables(before, database_state()) == []
    assert not ClosureProposal.objects.exists()


def test_a_specialist_who_does_not_lead_the_case_gets_403(case, social_worker, client_of):
    put_on_team(case, social_worker)

    response = client_of(social_worker).post(closure_url(case, "propose/"), proposal_post(case))

    assert response.status_code == 403
    assert not ClosureProposal.objects.exists()


def test_a_specialist_off_the_team_gets_404(case, social_worker, client_of):
    response = client_of(social_worker).post(closure_url(case, "propose/"), proposal_post(case))

    assert response.status_code == 404
    assert not ClosureProposal.objects.exists()


# Deciding: the manager only


def test_the_manager_approves_from_the_case_page(closing, manager, client_of):
    client = client_of(manager)
    page = client.get(f"/c/harmanli/cases/{closing.pk}/").content.decode()
    assert "Одобри приключването" in page

    response = client.post(closure_url(closing, "approve/"), {"comment": ""})

    assert response.status_code == 302
    closing.refresh_from_db()
    assert closing.status == CaseStatus.CLOSED


@pytest.mark.parametrize(
    ("who", "expected"), [("psychologist", 403), ("accountant", 403), ("outsider_manager", 404)]
)
def test_approval_is_the_managers_alone(closing, who, expected, client_of, request):
    client = client_of(request.getfixturevalue(who))
    before = database_state()

    approve = client.post(closure_url(closing, "approve/"), {"comment": ""})
    send_back = client.post(closure_url(closing, "return/"), {"comment": "Не"})

    assert (approve.status_code, send_back.status_code) == (expected, expected)
    assert changed_tables(before, database_state()) == []
    closing.refresh_from_db()
    assert closing.status == CaseStatus.CLOSING


def test_the_psychologist_sees_no_approve_button(closing, psychologist, client_of):
    page = client_of(psychologist).get(f"/c/harmanli/cases/{closing.pk}/").content.decode()

    assert "Предложено приключване" in page
    assert "Одобри приключването" not in page
    assert "Очаква решение на управителя." in page


def test_returning_without_a_comment_is_refused_on_the_page(closing, manager, client_of):
    response = client_of(manager).post(closure_url(closing, "return/"), {"comment": ""})

    assert response.status_code == 400
    assert "Напишете защо връщате предложението и какво да се допълни." in response.content.decode()
    assert ClosureProposal.objects.get().status == ProposalStatus.PENDING


def test_the_withdrawal_task_stays_on_the_case_page_until_done(case, psychologist, manager, client_of):  # fmt: skip
    propose(case, psychologist, reason=ClosureReason.WITHDRAWN)
    client = client_of(manager)

    client.post(closure_url(case, "approve/"), {"comment": ""})

    page = client.get(f"/c/harmanli/cases/{case.pk}/").content.decode()
    assert "Уведомете ОЗД: родителят оттегли съгласието си" in page
    assert Task.objects.filter(case=case, done_at=None).count() == 1


# After closure


def test_reopening_from_the_panel_needs_a_free_place(
    centre, manager, psychologist, social_worker, client_of
):
    closed = make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)
    client = client_of(manager)
    assert "Отвори случая отново" in client.get(f"/c/harmanli/cases/{closed.pk}/").content.decode()
    for _ in range(3):
        make_case(centre, manager, CaseStatus.ACTIVE, case_manager=social_worker)

    response = client.post(closure_url(closed, "reopen/"), {"reason": "Нов сигнал."})

    assert response.status_code == 400
    assert "Няма свободно място" in response.content.decode()
    closed.refresh_from_db()
    assert closed.status == CaseStatus.CLOSED


def test_reopening_is_the_managers(centre, manager, psychologist, client_of):
    closed = make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)

    denied = client_of(psychologist).post(closure_url(closed, "reopen/"), {"reason": "Сигнал"})
    allowed = client_of(manager).post(closure_url(closed, "reopen/"), {"reason": "Сигнал"})

    assert (denied.status_code, allowed.status_code) == (403, 302)
    closed.refresh_from_db()
    assert closed.status == CaseStatus.ASSESSMENT


def test_the_follow_up_flow_through_the_pages(centre, manager, psychologist, client_of):
    closed = make_case(centre, manager, CaseStatus.CLOSED, case_manager=psychologist)
    client = client_of(psychologist)
    later = add_months(timezone.localdate(), 2).strftime("%d.%m.%Y")

    started = client.post(closure_url(closed, "follow-up/"), {"follow_up_on": later})
    assert started.status_code == 302
    refused = client.post(
        closure_url(closed, "follow-up/contact/"),
        {
            "contacted_on": timezone.localdate().strftime("%d.%m.%Y"),
            "note": "",
            "outcome": "closed",
        },
    )
    assert refused.status_code == 400
    assert "Опишете проследяващия контакт." in refused.content.decode()
    recorded = client.post(
        closure_url(closed, "follow-up/contact/"),
        {
            "contacted_on": timezone.localdate().strftime("%d.%m.%Y"),
            "note": "Всичко е наред.",
            "outcome": "closed",
        },
    )

    assert recorded.status_code == 302
    closed.refresh_from_db()
    assert closed.status == CaseStatus.CLOSED
    assert "Всичко е наред." in client.get(closure_url(closed)).content.decode()


# Reports


def test_a_report_on_request_is_added_written_sent_and_printed(case, psychologist, client_of):
    client = client_of(psychologist)
    today = timezone.localdate().strftime("%d.%m.%Y")

    added = client.post(
        reports_url(case, "add/"),
        {"kind": ReportKind.ON_REQUEST, "due_on": today, "request_note": "Справка за съда"},
    )
    report = ReferrerReport.objects.get(kind=ReportKind.ON_REQUEST)
    assert added.status_code == 302
    assert added.url == report_url(report, "")
    edited = client.post(
        report_url(report, "edit/"),
        {
            "addressee_institution": "ОЗД – Харманли",
            "addressee_officer": "А. Иванова",
            "due_on": today,
            "progress": "Детето посещава сесиите.",
        },
    )
    assert edited.status_code == 302
    sent = client.post(
        report_url(report, "send/"),
        {"sent_on": today, "channel": Channel.EMAIL, "reference_number": "77/2026"},
    )

    assert sent.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    printed = client.get(report_url(report, "print/")).content.decode()
    assert "ОЗД – Харманли" in printed
    assert "Изх. № 77/2026" in printed
    assert "Детето посещава сесиите." in printed


def test_sending_an_empty_report_is_refused_on_the_page(case, manager, client_of):
    report = schedule_referrer_reports(case, actor=manager)

    response = client_of(manager).post(
        report_url(report, "send/"),
        {"sent_on": timezone.localdate().strftime("%d.%m.%Y"), "channel": Channel.POST},
    )

    assert response.status_code == 400
    assert "Попълнете съдържанието на доклада" in response.content.decode()
    report.refresh_from_db()
    assert report.status == ReportStatus.DUE


def test_another_centres_report_is_a_404_like_a_report_that_does_not_exist(
    case, manager, outsider_psychologist, other_centre, client_of
):
    report = schedule_referrer_reports(case, actor=manager)
    client = client_of(outsider_psychologist)

    for method in ("get", "post"):
        send = getattr(client, method)
        assert send(f"/c/haskovo/referrer-reports/{report.pk}/").status_code == 404
        assert send("/c/haskovo/referrer-reports/987654/").status_code == 404
    assert (
        client.post(f"/c/haskovo/referrer-reports/{report.pk}/cancel/", {"reason": "x"}).status_code
        == 404
    )
    report.refresh_from_db()
    assert report.status == ReportStatus.DUE


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("manager", 200),
        ("psychologist", 403),
        ("accountant", 403),
        ("outsider_manager", 404),
        ("outsider_psychologist", 404),
    ],
)
def test_the_register_is_the_managers_view(centre, who, expected, client_of, request):
    response = client_of(request.getfixturevalue(who)).get("/c/harmanli/referrer-reports/")

    assert response.status_code == expected


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_register_runs_the_same_queries_for_one_and_many_reports(
    centre, manager, psychologist, social_worker, client_of
):
    Centre.objects.filter(pk=centre.pk).update(capacity=20)
    client = client_of(manager)
    first = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    schedule_referrer_reports(first, actor=manager)
    url = "/c/harmanli/referrer-reports/?state=all"
    one = _queries(client, url)
    for i in range(8):
        other = make_case(
            centre, manager, CaseStatus.ACTIVE, case_manager=[psychologist, social_worker][i % 2]
        )
        schedule_referrer_reports(other, actor=manager)
        add_report(other, actor=manager, kind=ReportKind.NEW_RISK, due_on=timezone.localdate())

    many = _queries(client, url)

    assert many == one
    assert client.get(url).content.decode().count('data-label="Вид"') == 17


def test_the_case_page_runs_the_same_queries_for_one_and_many_reports(case, manager, client_of):
    client = client_of(manager)
    schedule_referrer_reports(case, actor=manager)
    one = _queries(client, f"/c/harmanli/cases/{case.pk}/")
    for _ in range(5):
        add_report(case, actor=manager, kind=ReportKind.NEW_RISK, due_on=timezone.localdate())

    assert _queries(client, f"/c/harmanli/cases/{case.pk}/") == one


def test_the_closure_panel_is_hidden_for_a_general_consultation(centre, manager, client_of):
    consultation = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)

    page = client_of(manager).get(f"/c/harmanli/cases/{consultation.pk}/").content.decode()

    assert 'data-testid="closure-panel"' not in page
    for url in (closure_url(consultation), reports_url(consultation)):
        assert client_of(manager).get(url).status_code == 200
    assert (
        "не се изготвят доклади"
        in client_of(manager).get(reports_url(consultation)).content.decode()
    )


def test_propose_closure_is_usable_without_a_plan(centre, manager, psychologist):
    """A case closed before any plan was approved (e.g. the family withdrew during the ИОП)."""
    assessing = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)

    proposal = propose_closure(
        assessing, actor=psychologist, reason=ClosureReason.WITHDRAWN,
        final_assessment="Семейството оттегли съгласието си по време на оценката.",
        goal_results=[],
    )  # fmt: skip

    assert proposal.plan is None
