"""The manager exports the case list as a protected file, holds a case's data and asks for a
person's GDPR file — on a phone as well."""

from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.ui import log_in, nav
from tests.privacy.conftest import decrypt_xlsx

pytestmark = pytest.mark.browser


def test_the_manager_exports_the_case_list_and_downloads_it_once(browser_page, shoot, harmanli):
    page = browser_page
    _centre, _staff, working = harmanli
    log_in(page, "harmanli.manager")

    nav(page, "Случаи")
    page.get_by_role("link", name="Експорт (XLSX / CSV, с парола)").click()
    expect(page.get_by_role("heading", name="Експорт на списъка със случаи")).to_be_visible()
    page.get_by_label("Excel (XLSX), защитен с парола").check()
    shoot("01-export-form", phone=True)
    page.get_by_role("button", name="Създай защитения файл").click()
    expect(page.get_by_role("heading", name="Файлът е готов")).to_be_visible()
    password = page.locator(".export-password").inner_text().strip()
    shoot("02-password-once", phone=True)

    with page.expect_download() as download:
        page.get_by_role("button", name="Изтегли").click()
    content = Path(download.value.path()).read_bytes()
    rows = list(openpyxl.load_workbook(decrypt_xlsx(content, password)).active.values)
    assert sorted(row[0] for row in rows[1:]) == sorted(case.number for case in working)

    page.get_by_role("button", name="Изтегли").click()  # the same link a second time
    expect(page.get_by_role("alert")).to_contain_text("вече е използвана")
    assert shoot.overflow == {}


def test_the_manager_holds_a_case_and_lifts_the_hold(browser_page, shoot, harmanli):
    page = browser_page
    _centre, _staff, working = harmanli
    number = working[0].number
    log_in(page, "harmanli.manager")

    nav(page, "Лични данни")
    expect(page.get_by_role("heading", name="Съхранение на данни")).to_be_visible()
    page.locator("summary", has_text="Задръж случай").click()
    page.get_by_label("Номер на случая").fill(number)
    page.get_by_label("Основание").fill("Гражданско дело № 311/2025, Районен съд Харманли")
    page.get_by_role("button", name="Задръж данните").click()
    expect(page.get_by_text("Данните са задържани")).to_be_visible()
    expect(
        page.get_by_role("cell", name="Гражданско дело № 311/2025, Районен съд Харманли")
    ).to_be_visible()
    shoot("01-retention", phone=True)

    page.locator("summary", has_text="Вдигни").click()
    page.get_by_role("button", name="Вдигни задържането").click()
    expect(page.get_by_text("Посочете защо вдигате задържането.").first).to_be_visible()
    page.get_by_label("Защо задържането вече не е нужно").fill("Делото приключи с решение.")
    page.get_by_role("button", name="Вдигни задържането").click()
    expect(page.get_by_text("Задържането е вдигнато.")).to_be_visible()
    assert shoot.overflow == {}


def test_the_manager_prepares_a_persons_gdpr_file(browser_page, shoot, harmanli):
    page = browser_page
    _centre, _staff, working = harmanli
    person = working[0].primary_person
    log_in(page, "harmanli.manager")

    page.goto(f"/c/harmanli/people/{person.pk}/")
    page.get_by_role("link", name="Справка за лични данни (GDPR)").click()
    page.get_by_label("Номер и дата на искането (по желание)").fill("Вх. № 94 / 12.03.2026")
    shoot("01-gdpr-request", phone=True)
    page.get_by_role("button", name="Създай справката").click()
    expect(page.get_by_role("heading", name="Файлът е готов")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Изтегли").click()
    assert download.value.suggested_filename.endswith(".zip")
    shoot("02-gdpr-ready", phone=True)
    assert shoot.overflow == {}
