"""Need-to-know in the browser: a social worker asks for access to a case she is not on the team
of, the manager grants it, she reads the case; a therapy note stays hidden from her."""

from datetime import time

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.core.sensitivity import Sensitivity
from tests.browser.ui import log_in, nav, switch_user
from tests.factories import put_on_team

pytestmark = pytest.mark.browser
THERAPY = "Детето разказа за кошмарите си."


def test_asking_for_access_to_a_case_and_the_managers_decision(browser_page, shoot, harmanli):
    page = browser_page
    _centre, _staff, working = harmanli
    case = working[0]  # led by the psychologist Елена Колева

    log_in(page, "i.dimitrov")
    nav(page, "Случаи")
    row = page.get_by_test_id("no-access-row").filter(has_text=case.number)
    expect(row).to_contain_text("Без достъп")
    shoot("01-case-list", phone=True)
    row.get_by_role("link", name="Поискай достъп").click()
    expect(page.get_by_test_id("no-access")).to_be_visible()
    page.get_by_label("Защо ви е нужен достъп").fill("Замествам колежката по време на отпуската.")
    page.get_by_role("button", name="Поискай достъп").click()
    expect(page.get_by_test_id("access-pending")).to_be_visible()
    shoot("02-request-sent", phone=True)

    switch_user(page, "harmanli.manager")
    expect(page.get_by_test_id("access-requests-panel")).to_contain_text("Иван Димитров")
    page.get_by_role("link", name="Реши исканията").click()
    request = page.get_by_test_id("access-request").filter(has_text=case.number)
    expect(request).to_contain_text("Замествам колежката")
    shoot("03-requests", phone=True)
    request.get_by_role("button", name="Разреши").click()
    expect(page.get_by_test_id("no-pending")).to_be_visible()

    switch_user(page, "i.dimitrov")
    nav(page, "Случаи")
    page.get_by_test_id("case-table").get_by_role("link", name=case.number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Случай {case.number}")
    shoot("04-case-open")

    assert shoot.overflow == {}


def test_a_therapy_note_shows_only_that_the_session_took_place(browser_page, shoot, harmanli):
    page = browser_page
    _centre, staff, working = harmanli
    case = put_on_team(working[0], staff["social"])
    session = Session.objects.create(
        centre=case.centre, case=case, kind=SessionKind.INDIVIDUAL_PSYCH,
        status=SessionStatus.HELD, date=timezone.localdate(), start_time=time(8),
        duration_minutes=50, lead=staff["psy1"], created_by=staff["psy1"], notes=THERAPY,
        sensitivity=Sensitivity.PSYCHOLOGISTS,
    )  # fmt: skip

    log_in(page, "i.dimitrov")
    page.goto(f"/c/harmanli/sessions/{session.pk}/")
    expect(page.get_by_test_id("session-restricted")).to_contain_text(
        "Бележката е с ограничен достъп"
    )
    expect(page.get_by_text(THERAPY)).to_have_count(0)
    shoot("01-restricted-session", phone=True)

    switch_user(page, "e.koleva")
    page.goto(f"/c/harmanli/sessions/{session.pk}/")
    expect(page.get_by_test_id("session-notes")).to_have_text(THERAPY)
    page.goto(f"/c/harmanli/cases/{case.pk}/timeline/")
    page.get_by_label("Търсене в бележките и събитията").fill("кошмари")
    page.get_by_role("button", name="Търси").click()
    expect(page.get_by_test_id("timeline-found")).to_contain_text("1")
    shoot("02-timeline-search", phone=True)

    assert shoot.overflow == {}
