"""Two-factor sign-in in a real browser: a new social worker sets up the app from the QR page (the
key typed by hand), keeps her recovery codes, signs in again with a code; she loses her phone and
the manager resets her second factor; a wrong password five times locks the account.
"""

import re
from base64 import b32decode

import pytest
from django_otp.oath import totp
from playwright.sync_api import expect

from tests.browser.ui import log_in, messages, nav

pytestmark = pytest.mark.browser

NEW_PASSWORD = "слънчева-поляна-2026"


def _code_from_the_typed_key(page) -> str:
    """What the phone shows after the key on the page is typed into it."""
    key = re.sub(r"\s", "", page.get_by_test_id("otp-key").inner_text())
    return f"{totp(b32decode(key)):06d}"


def _password_step(page, username: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Потребителско име").fill(username)
    page.get_by_label("Парола").fill(password)
    page.get_by_role("button", name="Вход").click()


def _log_out(page) -> None:
    page.get_by_role("button", name="Изход").first.click()
    expect(page.get_by_role("heading", name="Вход в Опора")).to_be_visible()


def test_a_new_member_sets_up_the_app_and_the_manager_resets_it(harmanli, browser_page, shoot):
    page = browser_page

    # 1. The manager adds a social worker with a starting password.
    log_in(page, "harmanli.manager")
    nav(page, "Екип")
    page.get_by_role("link", name="Добави служител").click()
    page.get_by_label("Потребителско име").fill("n.neneva")
    page.get_by_label("Име", exact=True).fill("Нина")
    page.get_by_label("Фамилия").fill("Ненева")
    page.get_by_label("Роля в центъра").select_option(label="Социален работник")
    page.get_by_label("Начална парола").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Добави").click()
    expect(messages(page)).to_contain_text("Нина Ненева е добавен/а")
    _log_out(page)

    # 2. Her first sign-in: after the password, the set-up page with a QR code and the key.
    _password_step(page, "n.neneva", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Настройка на двуфакторен вход")).to_be_visible()
    expect(page.get_by_test_id("qr").locator("svg")).to_be_visible()
    expect(page.get_by_test_id("otp-key")).to_have_text(
        re.compile(r"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}")
    )
    shoot("01-setup", phone=True)
    page.get_by_label("Код").fill("000000")
    page.get_by_role("button", name="Потвърди и завърши").click()
    expect(page.get_by_text("Кодът не е верен").first).to_be_visible()
    page.get_by_label("Код").fill(_code_from_the_typed_key(page))
    page.get_by_role("button", name="Потвърди и завърши").click()

    # 3. Ten recovery codes, once, printable; then the centre.
    expect(page.get_by_role("heading", name="Кодове за възстановяване")).to_be_visible()
    expect(page.get_by_text("Запазете ги на сигурно място.")).to_be_visible()
    expect(page.get_by_test_id("recovery-codes").locator("li")).to_have_count(10)
    recovery = page.get_by_test_id("recovery-codes").locator("code").first.inner_text()
    shoot("02-recovery-codes", phone=True)
    page.emulate_media(media="print")
    shoot("03-recovery-codes-print")
    page.emulate_media(media="screen")
    page.get_by_role("link", name="Запазих ги, продължи").click()
    expect(page.get_by_role("heading", name="Капацитет")).to_be_visible()

    # 4. Her page „Сигурност на профила“.
    page.get_by_role("link", name="Сигурност на профила").click()
    expect(page.get_by_test_id("codes-left")).to_have_text("10")
    shoot("04-security", phone=True)
    _log_out(page)

    # 5. The phone is at home: she signs in with a recovery code instead.
    _password_step(page, "n.neneva", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Потвърждение с код")).to_be_visible()
    shoot("05-code", phone=True)
    page.get_by_label("Код").fill(recovery)
    page.get_by_role("button", name="Потвърди").click()
    expect(messages(page)).to_contain_text("Влязохте с код за възстановяване; остават 9.")
    _log_out(page)

    # 6. She lost the phone: the manager resets her second factor from „Екип“.
    log_in(page, "harmanli.manager")
    nav(page, "Екип")
    page.get_by_role("row", name=re.compile("Нина Ненева")).get_by_role(
        "link", name="Промени"
    ).click()
    shoot("06-staff-reset")
    page.get_by_role("button", name="Нулирай двуфакторния вход").click()
    expect(messages(page)).to_contain_text("Двуфакторният вход на Нина Ненева е нулиран.")
    _log_out(page)

    # 7. Her next sign-in sets up the app on the new phone.
    _password_step(page, "n.neneva", NEW_PASSWORD)
    expect(page.get_by_role("heading", name="Настройка на двуфакторен вход")).to_be_visible()


def test_five_wrong_passwords_show_the_lockout_page(harmanli, browser_page, shoot):
    page = browser_page

    for _ in range(5):
        _password_step(page, "harmanli.manager", "грешна-парола")
    expect(page.get_by_role("heading", name="Входът е временно спрян")).to_be_visible()
    expect(page.get_by_test_id("try-again")).to_have_text(
        re.compile(r"^Опитайте отново след \d\d:\d\d ч\.$")
    )
    shoot("01-locked-out", phone=True)
