"""The manager checks who opened a case, what a colleague did this month, and unusual access."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.ui import log_in, nav, open_case, switch_user

pytestmark = pytest.mark.browser


def test_the_manager_sees_who_opened_a_case_on_a_phone(browser_page, shoot, harmanli):
    page = browser_page
    _centre, _staff, working = harmanli
    number = working[0].number

    log_in(page, "e.koleva")
    open_case(page, number)
    switch_user(page, "harmanli.manager")
    open_case(page, number)

    page.get_by_role("link", name="Кой е отварял случая").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Кой е отварял случай {number}")
    reads = page.locator("table.audit-entries tr", has_text="Елена Колева (e.koleva)")
    expect(reads.filter(has_text="отвори случая").first).to_be_visible()
    shoot("01-case-log", phone=True)

    nav(page, "Одит")
    page.get_by_label("Служител").select_option(label="Елена Колева (психолог)")
    page.get_by_label("Месец").fill(timezone.localdate().strftime("%m.%Y"))
    page.get_by_role("button", name="Покажи").click()
    expect(page.get_by_role("cell", name="вход в системата").first).to_be_visible()
    shoot("02-staff-month", phone=True)

    page.get_by_role("link", name="Необичаен достъп").click()
    expect(page.get_by_role("heading", name="Много случаи за кратко време")).to_be_visible()
    shoot("03-unusual", phone=True)

    assert shoot.overflow == {}
