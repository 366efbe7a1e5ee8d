"""The referral form in a real browser: Bulgarian error messages and nothing saved on bad input;
a self-referred child raises the duty to notify at once, shown until it is marked done.
"""

import pytest
from playwright.sync_api import expect

from opora.cases.models import Case
from opora.people.models import Person
from opora.tasks.models import Task
from tests.browser.ui import (
    Child,
    Referral,
    fill_child,
    fill_referral,
    log_in,
    messages,
    nav,
    open_new_person_form,
    search_finds_nobody,
    submit_referral,
)

pytestmark = pytest.mark.browser

RISK_CHILD = "Деца в риск 0–18 г."


def test_referral_errors_then_self_referred_child_raises_a_task(harmanli, browser_page, shoot):
    centre, _staff, _working = harmanli
    page = browser_page
    martin = Child("Мартин", "Василев", "Колев", "1143050524")  # 05.03.2011, момче
    cases_before, people_before = Case.objects.count(), Person.objects.count()

    log_in(page, "harmanli.manager")
    search_finds_nobody(page, martin.search)
    open_new_person_form(page)
    # A mistyped ЕГН and no target group ticked.
    fill_child(page, Child(martin.first_name, martin.middle_name, martin.last_name, "9005156246"))
    fill_referral(page, Referral(source="Самонасочило се дете", wish_days_ago=0))
    submit_referral(page)

    # Both mistakes are reported at once, in one summary with links to the fields.
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Записът не е направен.")
    expect(alert).to_contain_text("ЕГН е невалидно: контролната цифра не съвпада.")
    expect(alert).to_contain_text("Изберете поне една целева група.")
    target_groups = page.get_by_role("group", name="Целеви групи")
    expect(target_groups).to_contain_text("Изберете поне една целева група.")
    shoot("01-errors", phone=True)
    assert (Case.objects.count(), Person.objects.count()) == (cases_before, people_before)

    # The worker ticks the target group but keeps the wrong ЕГН: still refused, still nothing saved.
    target_groups.get_by_label(RISK_CHILD, exact=True).check()
    submit_referral(page)
    expect(page.get_by_role("alert")).to_contain_text(
        "ЕГН е невалидно: контролната цифра не съвпада."
    )
    shoot("02-egn-error", phone=True)
    assert (Case.objects.count(), Person.objects.count()) == (cases_before, people_before)

    # Corrected: the self-referred child is registered and the duty to notify is raised.
    page.get_by_label("ЕГН / ЛНЧ").fill(martin.egn)
    submit_referral(page)
    expect(page.get_by_test_id("case-status")).to_have_text("Входящ")
    case = Case.objects.get(primary_person__identifier=martin.egn)
    expect(messages(page)).to_contain_text(
        "Създадена е задача за незабавно уведомяване — вижте я в случая."
    )
    notice = page.get_by_role("alert").filter(has_text="Уведомете незабавно ДСП и родителите")
    expect(notice).to_contain_text(f"дете потърси помощ (случай {case.number})")
    shoot("03-case-with-notice", phone=True)

    nav(page, "Начало")
    duties = page.locator("section", has=page.get_by_role("heading", name="Неизпълнени задължения"))
    expect(duties).to_contain_text("Уведомете незабавно ДСП и родителите")
    shoot("04-dashboard-with-task", phone=True)

    # Marking it done on „Задачи“: a note is required, then it leaves the dashboard.
    duties.get_by_role("link", name="Всички задачи").click()
    expect(page.get_by_role("heading", name="Задачи", level=1)).to_be_visible()
    page.get_by_role("button", name="Отбележи като изпълнена").click()
    expect(messages(page)).to_contain_text("Опишете как е изпълнена задачата")
    page.get_by_label("Как е изпълнена").fill(
        "Уведомен ОЗД Харманли по телефона, г-жа Николова, 10:15; майката уведомена лично."
    )
    shoot("05-task-note", phone=True)
    page.get_by_role("button", name="Отбележи като изпълнена").click()
    expect(messages(page)).to_contain_text("Задачата е отбелязана като изпълнена.")
    expect(page.get_by_text("Няма неизпълнени задачи.")).to_be_visible()
    nav(page, "Начало")
    expect(duties).to_have_count(0)  # the panel shows only while a duty is open
    expect(page.get_by_text("Уведомете незабавно ДСП и родителите")).to_have_count(0)
    shoot("06-dashboard-task-done")

    assert shoot.overflow == {}, f"horizontal overflow at 390 px (step: extra px): {shoot.overflow}"
    task = Task.objects.get(case=case)
    assert task.done_at is not None
    assert task.done_by.username == "harmanli.manager"
    assert centre.pk == case.centre_id
