"""The manager's journey through the statutory reports in the browser, with screenshots at
1280 and 390 px (artifacts/screenshots/statutory/)."""

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, Shooter
from tests.browser.ui import log_in
from tests.statutory import conftest as statutory

pytestmark = pytest.mark.browser
# The hand-counted March of the statutory tests (a centre of 10 places and its history).
centre = statutory.centre
march = statutory.march
TEXTS = {
    "1. Постигнати резултати": "Подкрепени са 4 деца и семействата им; 2 деца се върнаха в училище.",
    "2. Резултати от изпълнението на програмата за развитие на качеството": (
        "Месечна супервизия на екипа; обучение по работа с травма."
    ),
    "3. Резултати от годишния вътрешен контрол и мониторинг": (
        "Две вътрешни проверки на досиетата; сроковете на ИОП са спазени."
    ),
}


@pytest.fixture
def shoot(browser_page) -> Shooter:
    folder = Path(SCREENSHOTS) / "statutory"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return Shooter(browser_page, folder)


def test_the_manager_prepares_and_submits_the_reports(browser_page, shoot, manager, march):
    page = browser_page
    log_in(page, "manager")
    page.get_by_role("link", name="Центърът").click()
    page.get_by_role("link", name="Отчети към институциите").click()
    expect(page.get_by_role("heading", name="Отчети към институциите")).to_be_visible()
    shoot("01-index", phone=True)

    page.get_by_role("link", name="Месечна справка за заетостта").click()
    page.get_by_label("Година").select_option("2026")
    page.get_by_label("Месец").select_option("3")
    page.get_by_role("button", name="Покажи").click()
    expect(page.get_by_test_id("user-days")).to_have_text("63")
    shoot("02-occupancy", phone=True)
    page.get_by_label("Подава се към").fill("Община Харманли")
    page.get_by_role("button", name="Подай").click()
    expect(page.get_by_text("Справката е подадена към Община Харманли")).to_be_visible()

    page.goto("/c/harmanli/statutory/asp/?start=01.03.2026&end=31.03.2026")
    expect(page.get_by_test_id("asp-counts")).to_contain_text("Потребители")
    shoot("03-asp", phone=True)

    page.goto("/c/harmanli/statutory/annual/?year=2026")
    for label, text in TEXTS.items():
        page.get_by_label(label).fill(text)
    page.get_by_role("button", name="Запази черновата").click()
    expect(page.get_by_text("Черновата е запазена.")).to_be_visible()
    shoot("04-annual-draft", phone=True)
    page.get_by_role("button", name="Подай").click()
    expect(page.get_by_text("Годишният отчет за 2026 г. е подаден")).to_be_visible()
    shoot("05-annual-submitted", phone=True)

    page.goto("/c/harmanli/statutory/")
    page.get_by_role("link", name="Провери отново").first.click()
    expect(page.get_by_test_id("identical")).to_be_visible()
    shoot("06-snapshot", phone=True)
    assert shoot.overflow == {}
