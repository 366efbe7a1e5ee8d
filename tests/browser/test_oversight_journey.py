"""An official of the municipality signs in and sees her centres in aggregate; the manager's charts.

The history is back-dated by writing status changes (as tests/cases/test_history.py does), so the
charts have a year to draw.
"""

from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from opora.accounts.enums import Role
from opora.cases.enums import CaseStatus
from opora.cases.models import Case, StatusChange, WaitingListEntry
from opora.oversight.domain.access import grant_oversight
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.ui import log_in
from tests.factories import (
    PASSWORD,
    CentreFactory,
    PersonFactory,
    UserFactory,
    make_case,
    make_member,
)
from tests.signin import code_for

pytestmark = pytest.mark.browser
S = CaseStatus


def _at(day: date):
    return timezone.make_aware(datetime.combine(day, time(10)))


def _back_dated(centre, manager, lead, *, entered_days_ago: int, left_days_ago: int | None):
    """A case of `centre` that held a place from then (until then), led by `lead`."""
    person = PersonFactory(centre=centre, first_name="Калина", last_name="Димчева")
    case = make_case(centre, manager, person=person)
    StatusChange.objects.filter(case=case).delete()
    today = timezone.localdate()
    steps = [(S.INTAKE, entered_days_ago + 5), (S.ASSESSMENT, entered_days_ago)]
    if left_days_ago is not None:
        steps.append((S.CLOSED, left_days_ago))
    previous = ""
    for status, days_ago in steps:
        StatusChange.objects.create(
            case=case, from_status=previous, to_status=status,
            changed_at=_at(today - timedelta(days=days_ago)), changed_by_name="тест",
        )  # fmt: skip
        previous = status
    last = steps[-1][0]
    Case.objects.filter(pk=case.pk).update(status=last, case_manager=lead)
    return case


def _a_year_of_work(centre, staff):
    manager, lead = staff["manager"], staff["psy1"]
    for entered, left in ((330, 200), (300, 120), (250, None), (180, 60), (150, 40), (90, None)):
        _back_dated(centre, manager, lead, entered_days_ago=entered, left_days_ago=left)
    waiting = make_case(centre, manager, S.WAITLISTED, person=PersonFactory(centre=centre))
    WaitingListEntry.objects.filter(case=waiting).update(
        entered_at=timezone.now() - timedelta(days=45)
    )


@pytest.fixture
def official(harmanli, sysadmin):
    user = UserFactory(username="obshtina.harmanli", first_name="Валентина", last_name="Колева")
    grant_oversight(user, actor=sysadmin, municipality="Харманли")
    return user


def test_an_official_sees_her_centres_in_aggregate(browser_page, shoot, harmanli, official):
    page = browser_page
    centre, staff, working = harmanli
    _a_year_of_work(centre, staff)
    elsewhere = CentreFactory(slug="dragoman", name="ЦОП Драгоман", municipality="Драгоман")
    make_member(elsewhere, Role.MANAGER, username="dragoman.manager")
    child = working[0].primary_person.full_name

    page.goto("/accounts/login/")
    page.get_by_label("Потребителско име").fill("obshtina.harmanli")
    page.get_by_label("Парола").fill(PASSWORD)
    page.get_by_role("button", name="Вход").click()
    expect(page.get_by_role("heading", name="Потвърждение с код")).to_be_visible()
    page.get_by_label("Код").fill(code_for(official))
    page.get_by_role("button", name="Потвърди").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Преглед на центровете — община Харманли"
    )
    table = page.get_by_test_id("oversight-centres")
    expect(table.get_by_role("link", name=centre.name)).to_be_visible()
    expect(page.get_by_text("ЦОП Драгоман")).to_have_count(0)
    shoot("01-overview", phone=True)

    table.get_by_role("link", name=centre.name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(centre.name)
    capacity = page.locator("figure[data-chart=line]").first
    expect(capacity.locator("svg")).to_be_visible()
    capacity.get_by_text("Покажи като таблица").click()
    expect(capacity.get_by_role("columnheader", name="заети места")).to_be_visible()
    expect(page.locator("figure[data-chart=hbars] svg")).to_contain_text("специалист 1")
    shoot("02-centre", phone=True)
    html = page.content()
    for name in (child, "Калина Димчева", "Мария Петрова", "Елена Колева", working[0].number):
        assert name not in html

    page.get_by_role("navigation", name="Основно меню").get_by_role(
        "link", name="Графики общо"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Общо за община Харманли")
    shoot("03-total", phone=True)

    # On a phone the menu folds under „Меню“ and opens without JavaScript.
    page.set_viewport_size(PHONE)
    menu = page.get_by_role("navigation", name="Основно меню")
    expect(menu.get_by_role("link", name="Центрове")).to_be_hidden()
    menu.get_by_text("Меню").click()
    expect(menu.get_by_role("link", name="Центрове")).to_be_visible()
    page.set_viewport_size(DESKTOP)
    assert shoot.overflow == {}, f"wider than a 390 px phone: {shoot.overflow}"


def test_the_manager_reads_the_indicators_and_prints_them(browser_page, shoot, harmanli):
    page = browser_page
    centre, staff, _working = harmanli
    _a_year_of_work(centre, staff)

    log_in(page, "harmanli.manager")
    page.get_by_role("link", name="Показатели").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Показатели на центъра")
    expect(page.get_by_text("Заети места във времето").first).to_be_visible()
    load = page.locator("figure[data-chart=hbars]")
    expect(load.locator("svg")).to_contain_text("Елена Колева")
    shoot("01-indicators", phone=True)

    page.get_by_label("Период").select_option(label=f"{timezone.localdate().year} г.")
    page.get_by_role("button", name="Покажи").click()
    expect(page.get_by_text(f"01.01.{timezone.localdate().year} –")).to_be_visible()

    # The phone menu keeps every link of the manager, behind „Меню“.
    page.set_viewport_size(PHONE)
    menu = page.get_by_role("navigation", name="Основно меню")
    expect(menu.get_by_role("link", name="Одит")).to_be_hidden()
    menu.get_by_text("Меню").click()
    for name in ("Начало", "Случаи", "Чакащи", "Екип", "Одит", "Центърът"):
        expect(menu.get_by_role("link", name=name, exact=True)).to_be_visible()
    shoot("02-phone-menu")
    page.set_viewport_size(DESKTOP)

    page.emulate_media(media="print")
    page.pdf(path=str(shoot.folder / "indicators.pdf"), format="A4", print_background=True)
    assert (shoot.folder / "indicators.pdf").stat().st_size > 10_000
    assert shoot.overflow == {}, f"wider than a 390 px phone: {shoot.overflow}"
