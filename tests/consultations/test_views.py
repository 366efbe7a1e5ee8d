"""The session pages through the views: what each role may open and write, Bulgarian errors, and
nothing saved on a refusal."""

from datetime import time, timedelta

import pytest

from opora.cases.enums import CaseStatus
from opora.consultations.domain.sessions import plan_session
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.plans.enums import Setting
from tests.consultations.conftest import (
    TODAY,
    TOMORROW,
    YESTERDAY,
    add_session,
    child_of,
    plan_with_goal,
    registered_days_ago,
    session_data,
    sign_contract,
)
from tests.factories import PersonFactory, make_case
from tests.web.state import changed_tables, database_state

BASE = "/c/harmanli"


def form(case, lead, **overrides) -> dict:
    values = {
        "kind": SessionKind.INDIVIDUAL_PSYCH,
        "date": YESTERDAY.strftime("%d.%m.%Y"),
        "start_time": "10:00",
        "duration_minutes": "50",
        "setting": Setting.CENTRE,
        "place": "Кабинет 2",
        "lead": lead.pk,
        "participants": [child_of(case).pk],
        "notes": "Разговор за училището.",
        "next_steps": "Среща с учителката.",
    }
    values.update(overrides)
    return values


def sessions_and_audit():
    """Sessions and audited writes; reads and the test client's sign-in are no writes."""
    from opora.audit.models import AuditEntry

    writes = AuditEntry.objects.exclude(action__endswith="view").exclude(action="auth.login")
    return Session.objects.count(), writes.count()


# Logging and planning


def test_the_log_form_warns_before_filling_in_when_there_is_no_contract(
    active_case, psychologist, client_of
):
    html = (
        client_of(psychologist).get(f"{BASE}/cases/{active_case.pk}/sessions/log/").content.decode()
    )

    assert 'data-testid="contract-notice"' in html
    assert "чл. 85 ЗСУ" in html
    assert f"{BASE}/cases/{active_case.pk}/sessions/plan/" in html
    assert f'formaction="{BASE}/cases/{active_case.pk}/sessions/plan/"' in html


def test_no_contract_notice_once_the_contract_is_signed(active_case, psychologist, client_of):
    sign_contract(active_case, psychologist)

    html = (
        client_of(psychologist).get(f"{BASE}/cases/{active_case.pk}/sessions/log/").content.decode()
    )

    assert 'data-testid="contract-notice"' not in html


def test_no_contract_notice_for_general_access_work(roomy_centre, social_worker, client_of):
    case = make_case(roomy_centre, social_worker, CaseStatus.CONSULTATION_OPEN)

    html = client_of(social_worker).get(f"{BASE}/cases/{case.pk}/sessions/log/").content.decode()

    assert 'data-testid="contract-notice"' not in html


def test_a_held_session_without_a_contract_shows_the_law_and_saves_nothing(
    active_case, psychologist, client_of
):
    before = sessions_and_audit()

    response = client_of(psychologist).post(
        f"{BASE}/cases/{active_case.pk}/sessions/log/", form(active_case, psychologist)
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert (
        "Специализирана услуга не може да се отчете като предоставена преди подписан договор"
        in html
    )
    assert "Записът не е направен." in html
    assert sessions_and_audit() == before


def test_the_case_manager_logs_a_session_under_the_contract(active_case, psychologist, client_of):
    sign_contract(active_case, psychologist)
    goal = plan_with_goal(active_case, psychologist)
    client = client_of(psychologist)

    response = client.post(
        f"{BASE}/cases/{active_case.pk}/sessions/log/",
        form(active_case, psychologist, goal=goal.pk),
    )

    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/cases/{active_case.pk}/sessions/"
    session = Session.objects.get()
    assert (session.status, session.goal, session.place) == (SessionStatus.HELD, goal, "Кабинет 2")
    page = client.get(response["Location"]).content.decode()
    assert "е записана като проведена" in page


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"date": "31.02.2026"}, "Въведете дата във вида дд.мм.гггг"),
        ({"start_time": "25:00"}, "Въведете час във вида чч:мм, напр. 14:30."),
        ({"duration_minutes": "0"}, "Продължителността трябва да е между 1 и 480 минути."),
        ({"duration_minutes": "много"}, "Въведете продължителността като цяло число минути."),
        ({"kind": ""}, "Изберете вид на срещата."),
        ({"date": TOMORROW.strftime("%d.%m.%Y")}, "Проведена среща не може да е в бъдещето."),
    ],
    ids=["impossible-date", "impossible-time", "zero-minutes", "words", "no-kind", "future"],
)
def test_wrong_input_is_explained_in_bulgarian(
    change, message, active_case, psychologist, client_of
):
    sign_contract(active_case, psychologist)
    before = sessions_and_audit()

    response = client_of(psychologist).post(
        f"{BASE}/cases/{active_case.pk}/sessions/log/", form(active_case, psychologist, **change)
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert sessions_and_audit() == before


def test_a_person_not_on_the_case_is_refused_by_the_form_too(
    active_case, roomy_centre, psychologist, client_of
):
    sign_contract(active_case, psychologist)
    stranger = PersonFactory(centre=roomy_centre)

    response = client_of(psychologist).post(
        f"{BASE}/cases/{active_case.pk}/sessions/log/",
        form(active_case, psychologist, participants=[child_of(active_case).pk, stranger.pk]),
    )

    assert response.status_code == 400
    assert "Лицето не участва в случая." in response.content.decode()
    assert Session.objects.count() == 0


def test_a_goal_of_a_draft_plan_is_not_offered_nor_accepted(active_case, psychologist, client_of):
    from opora.plans.enums import PlanStatus

    draft_goal = plan_with_goal(active_case, psychologist, status=PlanStatus.DRAFT, title="Чернова")
    client = client_of(psychologist)

    page = client.get(f"{BASE}/cases/{active_case.pk}/sessions/plan/").content.decode()
    response = client.post(
        f"{BASE}/cases/{active_case.pk}/sessions/plan/",
        form(active_case, psychologist, date=TOMORROW.strftime("%d.%m.%Y"), goal=draft_goal.pk),
    )

    assert "Чернова" not in page
    assert response.status_code == 400
    assert "Целта не е от плана в сила за случая." in response.content.decode()


def test_a_session_is_planned_then_logged_as_held(active_case, psychologist, client_of):
    client = client_of(psychologist)
    planned = client.post(
        f"{BASE}/cases/{active_case.pk}/sessions/plan/",
        form(active_case, psychologist, date=TODAY.strftime("%d.%m.%Y"), start_time="09:30"),
    )
    session = Session.objects.get()
    sign_contract(active_case, psychologist)

    page = client.get(f"{BASE}/sessions/{session.pk}/held/")
    held = client.post(
        f"{BASE}/sessions/{session.pk}/held/",
        form(active_case, psychologist, date=TODAY.strftime("%d.%m.%Y"), start_time="09:30"),
    )

    assert planned.status_code == 302
    assert 'value="09:30"' in page.content.decode()
    assert held.status_code == 302
    session.refresh_from_db()
    assert session.status == SessionStatus.HELD


def test_no_show_and_cancel_from_the_session_page(active_case, psychologist, client_of):
    client = client_of(psychologist)
    today = add_session(active_case, psychologist, day=TODAY)
    later = add_session(active_case, psychologist, day=TOMORROW)

    missing_reason = client.post(f"{BASE}/sessions/{later.pk}/cancel/", {"reason": ""})
    no_show = client.post(f"{BASE}/sessions/{today.pk}/no-show/", {"note": "Не дойдоха."})
    cancel = client.post(f"{BASE}/sessions/{later.pk}/cancel/", {"reason": "Болест"})

    assert missing_reason.status_code == 400
    assert "Посочете причината за отмяната." in missing_reason.content.decode()
    assert (no_show.status_code, cancel.status_code) == (302, 302)
    today.refresh_from_db()
    later.refresh_from_db()
    assert (today.status, later.status) == (SessionStatus.NO_SHOW, SessionStatus.CANCELLED)


def test_a_no_show_before_the_day_is_refused_on_the_page(active_case, psychologist, client_of):
    later = add_session(active_case, psychologist, day=TOMORROW)

    response = client_of(psychologist).post(f"{BASE}/sessions/{later.pk}/no-show/", {"note": ""})

    assert response.status_code == 400
    assert "Неявяване се отбелязва в деня на срещата или след него." in response.content.decode()


def test_the_list_marks_no_shows_and_shows_the_newest_first(active_case, psychologist, client_of):
    add_session(
        active_case,
        psychologist,
        day=TODAY - timedelta(days=9),
        status=SessionStatus.HELD,
        notes="",
    )
    add_session(
        active_case, psychologist, day=TODAY - timedelta(days=2), status=SessionStatus.NO_SHOW
    )

    html = client_of(psychologist).get(f"{BASE}/cases/{active_case.pk}/sessions/").content.decode()

    assert html.index("is-no_show") < html.index("is-held")
    assert 'Неявявания: <strong class="overdue">1</strong>' in html


def test_the_case_page_panel_shows_last_next_and_counts(active_case, psychologist, client_of):
    add_session(active_case, psychologist, day=TODAY - timedelta(days=3), status=SessionStatus.HELD)
    add_session(
        active_case, psychologist, day=TODAY - timedelta(days=1), status=SessionStatus.NO_SHOW
    )
    add_session(active_case, psychologist, day=TOMORROW, at=time(15, 30))

    html = client_of(psychologist).get(f"{BASE}/cases/{active_case.pk}/").content.decode()

    assert 'data-testid="sessions-panel"' in html
    assert f"{(TODAY - timedelta(days=3)):%d.%m.%Y}</a>" in html
    assert f"{TOMORROW:%d.%m.%Y} от 15:30 ч." in html
    assert '<span data-testid="sessions-held">1</span>' in html
    assert 'data-testid="sessions-no-show">1</strong>' in html


# Who may


def test_a_case_worker_off_the_team_neither_sees_the_log_nor_writes_it(
    active_case, social_worker, client_of
):
    """Need-to-know: the log of a case is its team's; anyone else gets a 404 (like no such case)."""
    client = client_of(social_worker)
    before = database_state()

    pages = [client.get(f"{BASE}/cases/{active_case.pk}/sessions/").status_code]
    writes = [
        client.get(f"{BASE}/cases/{active_case.pk}/sessions/log/").status_code,
        client.post(
            f"{BASE}/cases/{active_case.pk}/sessions/log/", form(active_case, social_worker)
        ).status_code,
    ]

    assert pages == [404]
    assert writes == [404, 404]
    assert Session.objects.count() == 0
    assert changed_tables(before, database_state()) == []


def test_the_manager_writes_on_any_case_of_the_centre(active_case, manager, client_of):
    page = client_of(manager).get(f"{BASE}/cases/{active_case.pk}/sessions/plan/")

    assert page.status_code == 200


def test_the_accountant_is_refused_every_session_page(
    active_case, psychologist, accountant, client_of
):
    session = add_session(active_case, psychologist, day=TODAY)
    client = client_of(accountant)
    urls = [
        f"{BASE}/cases/{active_case.pk}/sessions/",
        f"{BASE}/cases/{active_case.pk}/sessions/log/",
        f"{BASE}/cases/{active_case.pk}/sessions/plan/",
        f"{BASE}/cases/{active_case.pk}/timeline/",
        f"{BASE}/sessions/{session.pk}/",
        f"{BASE}/sessions/{session.pk}/edit/",
        f"{BASE}/sessions/{session.pk}/held/",
        f"{BASE}/sessions/{session.pk}/cancel/",
        f"{BASE}/sessions/{session.pk}/no-show/",
        f"{BASE}/calendar/",
        f"{BASE}/calendar/day/",
    ]

    answers = {
        url: (client.get(url).status_code, client.post(url, {"reason": "x"}).status_code)
        for url in urls
    }

    assert answers == dict.fromkeys(urls, (403, 403))
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


@pytest.mark.parametrize("outsider", ["outsider_manager", "outsider_psychologist"])
def test_an_outsider_gets_404_for_the_centres_sessions_even_under_their_own_centre(
    outsider, active_case, psychologist, client_of, request
):
    session = add_session(active_case, psychologist, day=TODAY)
    client = client_of(request.getfixturevalue(outsider))
    before = database_state()
    urls = [
        f"/c/{own}{path}"
        for own in ("harmanli", "haskovo")
        for path in (
            f"/cases/{active_case.pk}/sessions/",
            f"/cases/{active_case.pk}/sessions/log/",
            f"/cases/{active_case.pk}/timeline/",
            f"/sessions/{session.pk}/",
            f"/sessions/{session.pk}/edit/",
            f"/sessions/{session.pk}/cancel/",
            f"/sessions/{session.pk}/no-show/",
        )
    ]

    answers = {
        url: (client.get(url).status_code, client.post(url, {"reason": "x"}).status_code)
        for url in urls
    }

    # Under their own centre a POST-only action answers GET with 405 before it looks for the id,
    # exactly as it does for an id that exists nowhere.
    post_only = ("cancel/", "no-show/")
    expected = {
        url: (405 if url.startswith("/c/haskovo") and url.endswith(post_only) else 404, 404)
        for url in urls
    }
    assert answers == expected
    assert changed_tables(before, database_state()) == []
    session.refresh_from_db()
    assert session.status == SessionStatus.PLANNED


def test_pages_on_an_ended_case_explain_instead_of_offering_the_form(
    roomy_centre, manager, psychologist, client_of
):
    case = make_case(roomy_centre, manager, CaseStatus.CLOSED, case_manager=psychologist)

    response = client_of(manager).get(f"{BASE}/cases/{case.pk}/sessions/log/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "по него не се записват срещи" in html
    assert 'name="kind"' not in html


def test_a_cancelled_sessions_edit_page_explains_and_a_post_saves_nothing(
    active_case, psychologist, client_of
):
    planned = plan_session(
        active_case, actor=psychologist, data=session_data(active_case, psychologist, date=TOMORROW)
    )
    Session.objects.filter(pk=planned.pk).update(status=SessionStatus.CANCELLED)
    client = client_of(psychologist)
    before = sessions_and_audit()

    page = client.get(f"{BASE}/sessions/{planned.pk}/edit/")
    posted = client.post(
        f"{BASE}/sessions/{planned.pk}/edit/",
        form(active_case, psychologist, date=TOMORROW.strftime("%d.%m.%Y")),
    )

    assert page.status_code == 200
    assert "не се редактира" in page.content.decode()
    assert posted.status_code == 400
    assert "Среща със статус „Отменена“ не се редактира." in posted.content.decode()
    assert sessions_and_audit() == before


def test_reading_a_session_is_audited(active_case, psychologist, client_of):
    from opora.audit.models import AuditEntry

    session = add_session(active_case, psychologist, day=TODAY)

    client_of(psychologist).get(f"{BASE}/sessions/{session.pk}/")

    assert AuditEntry.objects.filter(action="session.view", object_id=str(session.pk)).count() == 1


def test_a_session_of_an_intake_case_is_logged_as_an_assessment_meeting(
    roomy_centre, manager, psychologist, client_of
):
    case = registered_days_ago(make_case(roomy_centre, manager))

    plan_page = client_of(manager).get(f"{BASE}/cases/{case.pk}/sessions/plan/").content.decode()
    response = client_of(manager).post(
        f"{BASE}/cases/{case.pk}/sessions/log/",
        form(case, psychologist, kind=SessionKind.ASSESSMENT),
    )

    assert "Случаят още не е приет" in plan_page
    assert response.status_code == 302


def test_planned_sessions_whose_day_has_passed_are_called_to_be_recorded(
    active_case, psychologist, client_of
):
    add_session(active_case, psychologist, day=TODAY - timedelta(days=2))
    add_session(active_case, psychologist, day=TODAY - timedelta(days=1))
    client = client_of(psychologist)

    panel = client.get(f"{BASE}/cases/{active_case.pk}/").content.decode()
    listing = client.get(f"{BASE}/cases/{active_case.pk}/sessions/").content.decode()

    assert "2 планирани срещи не са отчетени" in panel
    assert listing.count("неотчетена</strong>") == 2
