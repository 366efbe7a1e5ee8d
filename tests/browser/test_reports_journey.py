"""The manager opens „Статистика“ from the dashboard, chooses April 2026, exports the report as a
protected XLSX, downloads it once and reads the figures of the hand-counted world; then she saves
the report as submitted and checks it again — at 1280 px and on a 390 px phone."""

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, Shooter
from tests.browser.ui import log_in, nav
from tests.factories import PASSWORD
from tests.privacy.conftest import decrypt_xlsx
from tests.reporting.world import build_world

pytestmark = pytest.mark.browser


def test_the_manager_exports_the_statistics_of_a_period(browser_page, centre, manager):
    page = browser_page
    world = build_world(centre, manager)
    folder = SCREENSHOTS / "reporting"
    folder.mkdir(parents=True, exist_ok=True)
    shoot = Shooter(page, folder)
    log_in(page, manager.username)

    nav(page, "Статистика")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Статистика")
    page.get_by_label("От (включително)").fill("01.04.2026")
    page.get_by_label("До (включително)").fill("30.04.2026")
    page.get_by_role("button", name="Покажи").click()
    expect(page.get_by_test_id("total-track")).to_have_text("7")
    expect(page.get_by_test_id("table-age_band")).to_contain_text("14–18 г.")
    shoot("01-statistics", phone=True)

    page.get_by_label("Формат").select_option(label="Excel (XLSX)")
    page.get_by_role("button", name="Експорт").click()
    expect(page.get_by_role("heading", name="Файлът е готов")).to_be_visible()
    password = page.get_by_test_id("export-password").inner_text().strip()
    shoot("02-password-once", phone=True)
    with page.expect_download() as download:
        page.get_by_role("button", name="Изтегли").click()
    content = Path(download.value.path()).read_bytes()
    rows = [
        list(row) for row in openpyxl.load_workbook(decrypt_xlsx(content, password)).active.values
    ]
    assert rows[0] == ["Обхват", "Раздел", "Показател", "Брой"]
    assert [world.centre.name, "Потребители по вид услуга", "Общо", 7] in rows
    ages = {row[2]: row[3] for row in rows if row[1] == "Потребители по възраст"}
    assert ages == {"0–3 г.": 1, "3–7 г.": 1, "7–14 г.": 1, "14–18 г.": 2, "18+ г.": 1,
                    "неизвестна възраст": 1, "Общо": 7}  # fmt: skip

    page.get_by_role("link", name="Обратно към статистиката").click()
    page.get_by_label("От (включително)").fill("01.04.2026")
    page.get_by_label("До (включително)").fill("30.04.2026")
    page.get_by_role("button", name="Покажи").click()
    page.get_by_label("Подаден към").fill("Община Харманли")
    page.get_by_role("button", name="Запази като подаден отчет").click()
    expect(page.get_by_text("Отчетът е запазен като подаден")).to_be_visible()
    page.get_by_role("link", name="Провери отново").click()
    expect(page.get_by_test_id("identical")).to_be_visible()
    shoot("03-snapshot-checked", phone=True)
    assert shoot.overflow == {}


def test_a_municipal_official_sees_the_rollup_with_small_counts_hidden(
    browser_page, centre, manager, sysadmin
):
    from opora.accounts.models import User
    from opora.oversight.domain.access import grant_oversight
    from tests.factories import UserFactory
    from tests.signin import code_for

    page = browser_page
    build_world(centre, manager)
    official = UserFactory(username="obshtina.harmanli", first_name="Ваня", last_name="Колева")
    grant_oversight(official, actor=sysadmin, municipality="Харманли")
    folder = SCREENSHOTS / "reporting"
    folder.mkdir(parents=True, exist_ok=True)
    shoot = Shooter(page, folder)
    page.goto("/accounts/login/")
    page.get_by_label("Потребителско име").fill(official.username)
    page.get_by_label("Парола").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    page.get_by_label("Код").fill(code_for(User.objects.get(username=official.username)))
    page.get_by_role("button", name="Потвърди").click()
    page.goto("/oversight/reports/?start=01.04.2026&end=30.04.2026")
    expect(page.get_by_test_id("total-track")).to_have_text("7")
    expect(page.get_by_test_id("table-age_band")).to_contain_text("< 5")
    shoot("04-oversight-rollup", phone=True)
    assert shoot.overflow == {}
