"""The intake journey in a real browser: referral → acceptance → full centre → waiting list →
a closure frees the place → the first waiting case is accepted.

Set-up writes to the database once (centre, staff, two working cases); everything after that is
clicks and typing by the manager of ЦОП Харманли.
"""

import re

import pytest
from playwright.sync_api import expect

from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from tests.browser.ui import (
    Child,
    Referral,
    accept_with,
    expect_capacity,
    fill_child,
    fill_referral,
    log_in,
    messages,
    nav,
    open_action,
    open_new_person_form,
    search_finds_nobody,
    submit_referral,
)

pytestmark = pytest.mark.browser

RISK_CHILD = "Деца в риск 0–18 г."
THERAPY = "Психологическа терапия (индивидуална, семейна, групова)"
COUNSELLING = "Информиране и консултиране (социално, психологическо, правно)"


def test_referral_acceptance_waiting_list_and_freed_place(harmanli, browser_page, shoot):
    centre, staff, working = harmanli
    page = browser_page
    kalina = Child("Калина", "Петрова", "Стоянова", "1242101019")  # 10.02.2012, момиче
    petar = Child("Петър", "Илиев", "Георгиев", "1050011404")  # 01.10.2010, момче

    # 1. The manager logs in and lands on the centre's dashboard: one place of three is free.
    log_in(page, "harmanli.manager")
    expect(page.get_by_role("heading", name=centre.name, level=1)).to_be_visible()
    expect(page.get_by_test_id("places-used")).to_have_text("2 / 3")
    expect(page.get_by_test_id("places-free")).to_have_text("1")
    expect(page.get_by_text("Мария Петрова · Управител")).to_be_visible()
    shoot("01-dashboard-2-of-3", phone=True)

    # 2. A new referral from the ОЗД: search first, nobody found, then the child and the referral.
    search_finds_nobody(page, kalina.search)
    shoot("02a-search-no-match")
    open_new_person_form(page)
    # What was searched is carried into the form.
    expect(page.get_by_label(re.compile(r"^Име"))).to_have_value("Калина")
    fill_child(page, kalina)
    fill_referral(
        page,
        Referral(
            source="ОЗД при ДСП",
            institution="ДСП Харманли",
            officer_name="Гергана Николова",
            document_number="ЗД/Д-Х-0147",
            document_days_ago=3,
            wish_days_ago=2,
            target_groups=[RISK_CHILD],
            services=[THERAPY],
        ),
    )
    shoot("02b-referral-form-filled", phone=True)
    submit_referral(page)

    # 3. The case page: „Входящ“; the manager accepts it with a psychologist as case manager.
    expect(messages(page)).to_contain_text("Насочването е регистрирано като случай")
    kalina_case = Case.objects.get(primary_person__identifier=kalina.egn)
    expect(messages(page)).to_contain_text(
        f"Насочването е регистрирано като случай {kalina_case.number}."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Случай {kalina_case.number} · {kalina.full_name}"
    )
    expect(page.get_by_test_id("case-status")).to_have_text("Входящ")
    expect(page.get_by_test_id("case-manager")).to_have_text("не е определен")
    expect(page.get_by_text("ОЗД при ДСП — ДСП Харманли")).to_be_visible()
    expect(page.get_by_text("Заети места: 2 от 3")).to_be_visible()
    shoot("03a-case-intake", phone=True)
    accept_with(page, "Елена Колева")
    expect(page.get_by_test_id("case-status")).to_have_text("В оценка")
    expect(page.get_by_test_id("case-manager")).to_have_text("Елена Колева")
    expect(messages(page)).to_contain_text(
        f"Случай {kalina_case.number} е приет. Водещ: Елена Колева."
    )
    expect(page.get_by_role("heading", name="Решение по приема")).to_have_count(0)
    shoot("03b-case-accepted", phone=True)
    expect_capacity(page, 3, 3)
    expect(page.get_by_text("Няма свободни места")).to_be_visible()
    shoot("03c-dashboard-full", phone=True)

    # 4. A second referral, from a school: the centre is full, so the case goes on the waiting list.
    search_finds_nobody(page, petar.search)
    open_new_person_form(page)
    fill_child(page, petar)
    fill_referral(
        page,
        Referral(
            source="Училище",
            institution="СУ „Христо Ботев“ – Харманли",
            officer_name="Стефка Иванова, педагогически съветник",
            document_number="РД-09-212",
            document_days_ago=1,
            target_groups=[RISK_CHILD],
            services=[COUNSELLING],
        ),
    )
    submit_referral(page)
    expect(page.get_by_test_id("case-status")).to_have_text("Входящ")
    petar_case = Case.objects.get(primary_person__identifier=petar.egn)
    expect(page.get_by_text("Няма свободно място")).to_be_visible()
    expect(page.get_by_text("Заети места: 3 от 3")).to_be_visible()
    expect(page.locator("summary", has_text="Приемане (открива случая)")).to_have_count(0)
    shoot("04a-case-centre-full", phone=True)
    panel = open_action(page, "Вписване в списъка на чакащите")
    panel.get_by_role("button", name="Впиши в списъка").click()
    expect(page.get_by_test_id("waiting-position")).to_have_text("№ 1 в списъка на чакащите")
    expect(page.get_by_test_id("case-status")).to_have_text("В списъка на чакащите")
    expect(messages(page)).to_contain_text(
        f"Случай {petar_case.number} е вписан в списъка на чакащите под № 1."
    )
    shoot("04b-case-waitlisted")
    nav(page, "Начало")
    expect(page.get_by_role("heading", name="Списък на чакащите (1)")).to_be_visible()
    row = page.get_by_test_id("waiting-table").locator("tbody tr")
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(0)).to_have_text("1")
    expect(row.locator("td").nth(1)).to_have_text(petar_case.number)
    expect(row.locator("td").nth(2)).to_have_text(petar.full_name)
    expect(row.locator("td").nth(4)).to_have_text("0")
    expect(row.get_by_role("link", name="Отвори")).to_be_visible()  # no place: not "Приеми"
    shoot("04c-dashboard-waiting", phone=True)

    # 5. One of the working cases ends: closing it frees the place, and the message says who is next.
    closing = working[0]
    nav(page, "Случаи")
    expect(page.get_by_role("heading", name="Случаи", level=1)).to_be_visible()
    cases_table = page.get_by_test_id("case-table")
    expect(cases_table.locator("tbody tr")).to_have_count(4)
    shoot("05a-case-list", phone=True)
    cases_table.get_by_role("link", name=closing.number).click()
    expect(page.get_by_test_id("case-status")).to_have_text("Активен")
    # Closure is proposed with the final assessment, then approved by the manager.
    page.get_by_test_id("closure-panel").get_by_role("link", name="Предложи приключване").click()
    expect(
        page.get_by_role("heading", name=f"Приключване · случай {closing.number}")
    ).to_be_visible()
    page.get_by_label(re.compile(r"^Причина за приключване")).select_option(
        label="Реинтеграция в биологичното семейство"
    )
    page.get_by_label(re.compile(r"^Заключителна оценка")).fill(
        "Детето се върна при майка си; целите са постигнати."
    )
    page.get_by_label("Проследяване до").fill("")  # no follow-up: the case ends „Приключен“
    shoot("05b-closure-proposal")
    page.get_by_role("button", name="Предложи приключване").click()
    expect(messages(page)).to_contain_text(f"Случай {closing.number} е предложен за приключване")
    expect(page.get_by_test_id("case-status")).to_have_text("В процес на приключване")
    page.get_by_role("button", name="Одобри приключването").click()
    expect(messages(page)).to_contain_text(
        f"Случай {closing.number} е приключен и мястото е освободено. "
        f"Първи в списъка на чакащите е случай {petar_case.number}."
    )
    expect(page.get_by_test_id("case-status")).to_have_text("Приключен")
    expect(page.get_by_text("Реинтеграция в биологичното семейство").first).to_be_visible()
    shoot("05c-case-closed")
    expect_capacity(page, 2, 3)
    expect(page.get_by_test_id("places-free")).to_have_text("1")

    # 6. The waiting list: the first case is now offered for acceptance.
    nav(page, "Чакащи")
    expect(page.get_by_role("heading", name="Списък на чакащите", level=1)).to_be_visible()
    expect(page.get_by_text("Заети места: 2 от 3")).to_be_visible()
    shoot("06a-waiting-list", phone=True)
    page.get_by_test_id("waiting-table").get_by_role("link", name="Приеми").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Случай {petar_case.number} · {petar.full_name}"
    )
    expect(page.get_by_test_id("waiting-position")).to_have_text("№ 1 в списъка на чакащите")
    expect(page.locator("summary", has_text="Приемане (открива случая)")).to_be_visible()
    shoot("06b-waiting-case-offered")
    accept_with(page, "Десислава Стоянова")
    expect(page.get_by_test_id("case-status")).to_have_text("В оценка")
    expect(page.get_by_test_id("case-manager")).to_have_text("Десислава Стоянова")
    expect(page.get_by_test_id("waiting-position")).to_have_count(0)
    shoot("06c-case-accepted-from-list")
    nav(page, "Чакащи")
    expect(page.get_by_text("Списъкът на чакащите е празен.")).to_be_visible()
    expect(page.get_by_text("Заети места: 3 от 3")).to_be_visible()
    expect_capacity(page, 3, 3)
    expect(page.get_by_role("heading", name="Списък на чакащите (0)")).to_be_visible()
    shoot("06d-dashboard-final", phone=True)

    # The screens must fit a phone: nothing wider than 390 px.
    assert shoot.overflow == {}, f"horizontal overflow at 390 px (step: extra px): {shoot.overflow}"
    # And what the pages said is what the database holds.
    kalina_case.refresh_from_db()
    petar_case.refresh_from_db()
    closing.refresh_from_db()
    assert (kalina_case.status, kalina_case.case_manager) == (CaseStatus.ASSESSMENT, staff["psy1"])
    assert (petar_case.status, petar_case.case_manager) == (CaseStatus.ASSESSMENT, staff["psy2"])
    assert closing.status == CaseStatus.CLOSED
