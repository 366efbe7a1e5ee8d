"""The public side in a real browser: a centre's page, „Потърсете подкрепа“ sent by a parent and by a
child, Bulgarian messages for bad input and floods, and the manager who finds both in intake.

Set-up writes the centre's public texts once (as its manager would on the profile page); the rest
is clicks and typing. The application's clock is moved a minute on after each form is opened, the
way a person takes time to write (a form sent within 3 seconds of opening is refused).
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from opora.cases.models import Case
from opora.centres.domain import update_centre
from opora.public.models import PublicRequest
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task
from tests.browser.ui import log_in, nav

pytestmark = pytest.mark.browser

PARENT = "Родител или близък на дете"
CHILD = "Дете или млад човек – пиша за себе си"


@pytest.fixture
def journey_day(clock):
    """Tomorrow 9:00, before the set-up, so that its rows come first in the journey's time."""
    day = timezone.localdate() + timedelta(days=1)
    clock.set(day, "09:00")
    return day


def test_a_parent_and_a_child_ask_for_support_and_the_manager_finds_both(
    journey_day, clock, harmanli, browser_page, shoot, settings
):
    centre, staff, _working = harmanli
    settings.OPORA_PUBLIC_REQUESTS_PER_ADDRESS_PER_HOUR = 2
    _publish(centre, staff["manager"])
    page = browser_page

    def time_passes() -> None:
        later = timezone.localtime(clock.now()) + timedelta(minutes=1)
        clock.set(later.date(), later.strftime("%H:%M"))

    # 1. From the sign-in page's footer to the list of centres and the centre's public page.
    page.goto("/accounts/login/")
    page.get_by_role("link", name="Публични страници на центровете").click()
    expect(page.get_by_role("heading", name="Центрове за обществена подкрепа")).to_be_visible()
    page.get_by_role("link", name=centre.name).click()
    expect(page.get_by_role("heading", name=centre.name, level=1)).to_be_visible()
    expect(page.get_by_text("Услугите са безплатни и поверителни.")).to_be_visible()
    expect(page.get_by_role("heading", name="Екип")).to_be_visible()
    expect(page.get_by_text("Мария Петрова")).to_have_count(0)
    shoot("01-public-page", phone=True)

    # 2. A parent opens the form and sends it without a way back and without consent.
    page.get_by_role("link", name="Потърсете подкрепа").first.click()
    expect(page.get_by_role("heading", name="Потърсете подкрепа")).to_be_visible()
    shoot("02-form", phone=True)
    page.get_by_role("group", name="Кой пише?").get_by_label(PARENT).check()
    page.get_by_label("Вашето име").fill("Мария")
    page.get_by_label("Възраст на детето").fill("9")
    page.get_by_label("С какво можем да помогнем?").fill(
        "Синът ми не иска да ходи на училище от месец. Какво да правим?"
    )
    page.get_by_label("Електронна поща", exact=True).fill("maria@")
    time_passes()
    _send(page)
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Заявката не е изпратена.")
    expect(alert).to_contain_text("Въведете валиден адрес на електронна поща")
    expect(alert).to_contain_text("отбележете, че сте съгласни с условията")
    shoot("03-form-errors", phone=True)
    assert not PublicRequest.objects.exists()

    # 3. She corrects it: a phone instead of the e-mail, consent ticked. The same thanks as always.
    page.get_by_label("Електронна поща", exact=True).fill("")
    page.get_by_label("Телефон", exact=True).fill("0888 123 456")
    page.get_by_role("group", name="Как предпочитате").get_by_label("По телефона").check()
    page.get_by_label("Кога е удобно да ви потърсим?").fill("след 17 ч.")
    page.get_by_label("Съгласен/съгласна съм с условията по-горе").check()
    _send(page)
    expect(page.get_by_role("heading", name="Благодарим ви!")).to_be_visible()
    shoot("04-sent", phone=True)

    # 4. A child presses „Изпратете“ as soon as the form opens: too fast. Written a minute later,
    # the same form goes through.
    page.get_by_role("link", name="Потърсете подкрепа").first.click()
    _send(page)
    expect(page.get_by_role("alert")).to_contain_text("Формулярът беше изпратен твърде бързо")
    _child_request(page)
    time_passes()
    _send(page)
    expect(page.get_by_role("heading", name="Благодарим ви!")).to_be_visible()

    # 5. A third request from the same address within the hour is refused, nothing is saved.
    page.get_by_role("link", name="Потърсете подкрепа").first.click()
    _child_request(page)
    time_passes()
    _send(page)
    expect(page.get_by_role("alert")).to_contain_text(
        "От вашата връзка вече са изпратени няколко заявки през последния час."
    )
    shoot("05-throttled", phone=True)
    assert PublicRequest.objects.count() == 2

    # 6. The manager finds both among the new referrals, marked „Онлайн заявка“.
    parent_case = Case.objects.get(public_request__writer="parent")
    child_case = Case.objects.get(public_request__writer="child")
    log_in(page, "harmanli.manager")
    new_referrals = page.get_by_role("region", name="Нови насочвания за решение")
    for case in (parent_case, child_case):
        row = new_referrals.get_by_role("row").filter(has_text=case.number)
        expect(row).to_contain_text("Онлайн заявка")
    duties = page.get_by_role("region", name="Неизпълнени задължения")
    expect(duties).to_contain_text("Уведомете незабавно ДСП и родителите/настойника")
    expect(duties).to_contain_text(f"случай {child_case.number}")
    shoot("06-dashboard", phone=True)

    # 7. The child's case: the request with its contacts and text, and the duty to notify.
    new_referrals.get_by_role("link", name=child_case.number).click()
    request = page.get_by_test_id("online-request")
    expect(request).to_contain_text(CHILD)
    expect(request).to_contain_text("iva@abv.bg")
    expect(request).to_contain_text("Страх ме е да се прибера вкъщи.")
    expect(page.get_by_role("alert").first).to_contain_text(
        "Уведомете незабавно ДСП и родителите/настойника"
    )
    shoot("07-child-case", phone=True)
    assert Task.objects.get(case=child_case).kind == TaskKind.NOTIFY_CHILD_SELF_REFERRAL
    assert not Task.objects.filter(case=parent_case).exists()

    # 8. The parent's case: her phone, the text, no duty.
    nav(page, "Начало")
    new_referrals.get_by_role("link", name=parent_case.number).click()
    request = page.get_by_test_id("online-request")
    expect(request).to_contain_text("0888 123 456")
    expect(request).to_contain_text("Синът ми не иска да ходи на училище от месец.")
    shoot("08-parent-case")


def _publish(centre, manager) -> None:
    update_centre(
        centre,
        actor=manager,
        profile={
            "address": "ул. „Одрин“ 16, 6450 гр. Харманли",
            "phone": "0373/9 10 76",
            "email": "cop.harmanli@abv.bg",
            "working_hours": "понеделник – петък, 8:30 – 17:00",
            "location_note": "В западната част на града, в изцяло обновена сграда в парк.",
            "description": (
                "Центърът предлага психологическо и социално консултиране на деца в риск до "
                "18-годишна възраст и техните семейства."
            ),
            "principles": "Сигурна и спокойна среда\nПълна конфиденциалност",
            "how_to_apply": "Насочват ни ОЗД, училища, детски градини; можете и сами.",
            "services": ["general_info", "counselling", "therapy"],
            "target_groups": ["risk_child", "family_risk", "prevention"],
            "services_free_and_confidential": True,
        },
        settings={},
    )


def _child_request(page: Page) -> None:
    page.get_by_role("group", name="Кой пише?").get_by_label(CHILD).check()
    page.get_by_label("Вашето име").fill("Ива")
    page.get_by_label("Възраст на детето").fill("13")
    page.get_by_label("С какво можем да помогнем?").fill("Страх ме е да се прибера вкъщи.")
    page.get_by_label("Електронна поща", exact=True).fill("iva@abv.bg")
    page.get_by_role("group", name="Как предпочитате").get_by_label("По електронна поща").check()
    page.get_by_label("Съгласен/съгласна съм с условията по-горе").check()


def _send(page: Page) -> None:
    page.get_by_role("button", name="Изпратете заявката").click()
