"""What a member of staff does in the browser, step by step, with the labels they read.

Only clicks and typing; the one URL typed by hand is the login page.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from opora.accounts.models import User
from tests.factories import PASSWORD
from tests.signin import code_for


@dataclass
class Child:
    first_name: str
    middle_name: str
    last_name: str
    egn: str

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.middle_name} {self.last_name}"

    @property
    def search(self) -> str:
        return f"{self.first_name} {self.last_name}"


@dataclass
class Referral:
    source: str
    institution: str = ""
    officer_name: str = ""
    document_number: str = ""
    document_days_ago: int | None = None
    wish_days_ago: int | None = None
    target_groups: list[str] = field(default_factory=list)
    services: list[str] = field(default_factory=list)


def bg_date(days_ago: int) -> str:
    return (timezone.localdate() - timedelta(days=days_ago)).strftime("%d.%m.%Y")


def log_in(page: Page, username: str, password: str = PASSWORD) -> None:
    """The password, then the 6-digit code the user's authenticator app shows (tests/signin.py)."""
    page.goto("/accounts/login/")
    expect(page.get_by_role("heading", name="Вход в Опора")).to_be_visible()
    page.get_by_label("Потребителско име").fill(username)
    page.get_by_label("Парола").fill(password)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", name="Потвърждение с код")).to_be_visible()
    page.get_by_label("Код").fill(code_for(User.objects.get(username=username)))
    page.get_by_role("button", name="Потвърди").click()
    expect(page.get_by_role("heading", name="Капацитет")).to_be_visible()


def switch_user(page: Page, username: str) -> None:
    """Whoever is logged in leaves with „Изход“ in the header; then `username` logs in."""
    logout = page.get_by_role("button", name="Изход")
    if logout.count():
        logout.click()
        expect(page.get_by_role("heading", name="Вход в Опора")).to_be_visible()
    log_in(page, username)


def open_case(page: Page, number: str, *, status: str = "") -> None:
    """From the case list („Случаи“) to the case page; a case no longer worked on is found by
    filtering the list by its status."""
    nav(page, "Случаи")
    if status:
        page.get_by_label("Статус").select_option(label=status)
        page.get_by_role("button", name="Филтрирай").click()
    page.get_by_test_id("case-table").get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(f"Случай {number}")


def nav(page: Page, name: str) -> None:
    page.get_by_role("navigation", name="Основно меню").get_by_role(
        "link", name=name, exact=True
    ).click()


def search_finds_nobody(page: Page, query: str) -> None:
    """Step 1 of a referral: search first; the live search says nobody matches."""
    nav(page, "Ново насочване")
    expect(page.get_by_text("Стъпка 1 от 2")).to_be_visible()
    page.get_by_label("Име или ЕГН/ЛНЧ").fill(query)
    # The live (htmx) search answers while typing...
    expect(page.get_by_test_id("no-match")).to_have_text(f"Няма намерено лице за „{query}“.")
    # ...but the "new person" button only comes with the full search: press "Търси".
    page.get_by_role("button", name="Търси").click()
    expect(page.get_by_test_id("no-match")).to_be_visible()


def open_new_person_form(page: Page) -> None:
    page.get_by_role("link", name="Лицето не е в списъка — въведи ново").click()
    expect(page.get_by_text("Стъпка 2 от 2")).to_be_visible()


def fill_child(page: Page, child: Child) -> None:
    person = page.get_by_role("group", name="Потребител")
    person.get_by_label(re.compile(r"^Име")).fill(child.first_name)
    person.get_by_label("Презиме").fill(child.middle_name)
    person.get_by_label(re.compile(r"^Фамилия")).fill(child.last_name)
    expect(person.get_by_label("ЕГН", exact=True)).to_be_checked()
    person.get_by_label("ЕГН / ЛНЧ").fill(child.egn)


def fill_referral(page: Page, referral: Referral) -> None:
    form = page.get_by_role("group", name="Насочване")
    form.get_by_label(re.compile(r"^Кой насочва")).select_option(label=referral.source)
    if referral.institution:
        form.get_by_label("Институция").fill(referral.institution)
    if referral.officer_name:
        form.get_by_label("Служител, който насочва").fill(referral.officer_name)
    if referral.document_number:
        form.get_by_label("Номер на направлението / ПОП").fill(referral.document_number)
    if referral.document_days_ago is not None:
        form.get_by_label("Дата на документа").fill(bg_date(referral.document_days_ago))
    if referral.wish_days_ago is not None:
        form.get_by_label("Дата на заявяване на желанието").fill(bg_date(referral.wish_days_ago))
    for group in referral.target_groups:
        page.get_by_role("group", name="Целеви групи").get_by_label(group, exact=True).check()
    for service in referral.services:
        page.get_by_role("group", name="Услуги, избрани от лицето").get_by_label(
            service, exact=True
        ).check()


def submit_referral(page: Page) -> None:
    page.get_by_role("button", name="Регистрирай насочването").click()


def open_action(page: Page, summary: str):
    """Unfold one of the case page's action panels (<details>) and return it."""
    panel = page.locator("details.action", has=page.locator("summary", has_text=summary))
    if panel.get_attribute("open") is None:  # the waiting list's „Приеми“ arrives unfolded
        panel.locator("summary").click()
    expect(panel.get_by_role("button")).to_be_visible()
    return panel


def accept_with(page: Page, case_manager: str) -> None:
    panel = open_action(page, "Приемане (открива случая)")
    panel.get_by_label(re.compile(r"^Водещ на случая")).select_option(label=case_manager)
    panel.get_by_role("button", name="Приеми").click()


def messages(page: Page):
    return page.locator("ul.messages")


def expect_capacity(page: Page, used: int, total: int) -> None:
    nav(page, "Начало")
    expect(page.get_by_test_id("places-used")).to_have_text(f"{used} / {total}")
