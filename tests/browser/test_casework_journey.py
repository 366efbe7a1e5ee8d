"""Casework in a real browser, from the needs assessment to closure, over five weeks of ЦОП Харманли.

The case of a 12-year-old girl referred by the ОЗД at ДСП Харманли has just been accepted („В
оценка“). The manager names the assessment team; the psychologist (case manager) writes the ИОП with
the child's view and the ИПП with two goals, which the manager returns once and then approves; the
manager signs the contract with the mother; the psychologist logs three sessions, holds a review that
leads to a new plan version, and proposes closure, which the manager approves. The case timeline then
tells the whole story in order.

The set-up writes to the database once (centre, staff, the accepted case); everything after it is
clicks and typing. The steps are spread over working days and hours (see `Clock`), as in a centre.
"""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from opora.cases.enums import CasePersonRole, CaseStatus
from opora.cases.models import Case
from opora.centres.enums import Service
from opora.closure.models import ClosureProposal
from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session
from opora.people.domain.person import add_relation
from opora.people.enums import IdentifierType, RelationKind, Sex
from opora.plans.enums import ContractStatus, PlanStatus
from opora.plans.models import PlanVersion
from opora.reviews.models import Review
from tests.browser.ui import expect_capacity, messages, open_action, open_case, switch_user
from tests.factories import PersonFactory, make_case

pytestmark = pytest.mark.browser

# Monday 5 October 2026: no public holiday in the five weeks that follow.
DAY_ONE = date(2026, 10, 5)

MANAGER, PSYCHOLOGIST = "harmanli.manager", "e.koleva"
CHILD = "Виктория Георгиева Маринова"
MOTHER = "Радостина Иванова Маринова"
THERAPY = "Психологическа терапия (индивидуална, семейна, групова)"
COUNSELLING = "Информиране и консултиране (социално, психологическо, правно)"
INDIVIDUAL = "Индивидуална психологическа консултация"
HOME_VISIT = "Посещение в дома"

GOAL_SCHOOL = "Справяне с тревожността в училище"
GOAL_MOTHER = "Подкрепа на майката в грижата и общуването с Виктория"


def day(n: int) -> date:
    """The n-th calendar day of the journey (day 0 is the Monday it starts)."""
    return DAY_ONE + timedelta(days=n)


def bg(d: date) -> str:
    return d.strftime("%d.%m.%Y")


@pytest.fixture
def journey_clock(clock):
    """The journey starts on Monday morning, before the centre's set-up is written."""
    clock.set(day(0), "08:00")
    return clock


@pytest.fixture
def accepted_case(journey_clock, harmanli):
    """The set-up, on the journey's first morning: Виктория's case, accepted with Елена Колева as
    case manager; her mother is on the case. The centre's three places are now all taken."""
    journey_clock.set(day(0), "08:30")
    centre, staff, _working = harmanli
    child = PersonFactory(
        centre=centre,
        first_name="Виктория",
        middle_name="Георгиева",
        last_name="Маринова",
        identifier_type=IdentifierType.EGN,
        identifier="1443150458",
        no_identifier_reason="",
        birth_date=date(2014, 3, 15),
        sex=Sex.FEMALE,
        address="гр. Харманли, ул. „Васил Левски“ 12",
        school="СУ „Неофит Рилски“ – Харманли, 6. клас",
    )
    mother = PersonFactory(
        centre=centre,
        first_name="Радостина",
        middle_name="Иванова",
        last_name="Маринова",
        identifier_type=IdentifierType.EGN,
        identifier="8811204550",
        no_identifier_reason="",
        birth_date=date(1988, 11, 20),
        sex=Sex.FEMALE,
        phone="0888 123 456",
    )
    add_relation(person=child, relative=mother, kind=RelationKind.MOTHER, actor=staff["manager"])
    case = make_case(
        centre,
        staff["manager"],
        CaseStatus.ASSESSMENT,
        person=child,
        case_manager=staff["psy1"],
        institution="ДСП Харманли",
        officer_name="Гергана Николова",
        document_number="ЗД/Д-Х-0212",
        wish_declared_on=day(0),
        needs_summary="Тревожност и отсъствия от училище след раздялата на родителите.",
        chosen_services=[Service.THERAPY, Service.COUNSELLING],
        family=[(mother, CasePersonRole.PARENT)],
    )
    return case, staff


def test_casework_from_assessment_to_closure(accepted_case, clock, browser_page, shoot):
    case, staff = accepted_case
    page = browser_page

    assessment(page, case, clock, shoot)
    support_plan(page, case, clock, shoot)
    contract(page, case, clock, shoot)
    sessions(page, case, clock, shoot)
    review(page, case, clock, shoot)
    closure(page, case, clock, shoot)
    timeline(page, case, shoot)

    assert shoot.overflow == {}, f"horizontal overflow at 390 px (step: extra px): {shoot.overflow}"
    # What the pages said is what the database holds.
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED
    versions = PlanVersion.objects.filter(case=case).order_by("number")
    assert [v.status for v in versions] == [PlanStatus.SUPERSEDED, PlanStatus.APPROVED]
    assert case.contracts.get().status == ContractStatus.TERMINATED
    held = Session.objects.filter(case=case).values_list("kind", "status", "setting")
    assert sorted(held) == sorted(
        [
            ("individual_psych", SessionStatus.HELD, "centre"),
            ("home_visit", SessionStatus.HELD, "home"),
            ("individual_psych", SessionStatus.NO_SHOW, "centre"),
        ]
    )
    assert Review.objects.get(case=case).progress.count() == 2
    assert ClosureProposal.objects.get(case=case).decided_by == staff["manager"]


# a. The needs assessment (ИОП)


def assessment(page: Page, case: Case, clock, shoot) -> None:
    # The head of the service names the team (ЗСУ чл. 80, ал. 2).
    clock.set(day(0), "09:00")
    switch_user(page, MANAGER)
    open_case(page, case.number)
    expect(page.get_by_test_id("case-status")).to_have_text("В оценка")
    shoot("a1-case-in-assessment")
    panel = page.get_by_test_id("assessment-panel")
    expect(panel).to_contain_text("Няма започната ИОП.")
    panel.get_by_role("link", name="Започни ИОП").click()
    team = page.get_by_role("group", name=re.compile(r"^Екип за оценката"))
    expect(team.get_by_label("Елена Колева — психолог")).to_be_checked()  # the case manager
    team.get_by_label("Иван Димитров — социален работник").check()
    page.get_by_label("Повод").fill("Първоначална оценка")
    shoot("a2-assessment-team")
    page.get_by_role("button", name="Започни ИОП").click()
    expect(messages(page)).to_contain_text("ИОП № 1 е започната.")
    expect(page.get_by_role("heading", level=1)).to_have_text("ИОП № 1 · чернова")

    # The next day the psychologist writes the first sections and saves a draft.
    clock.set(day(1), "10:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("assessment-panel").get_by_role("link", name="Продължи ИОП").click()
    expect(page.get_by_test_id("hearing-rule")).to_contain_text("Детето е на 12 г.")
    page.get_by_label("Желания и чувства на детето").fill(
        "Иска да живее с майка си и да ходи на училище „без да я боли коремът“."
    )
    page.get_by_label("Потребности: физически, психологически и емоционални").fill(
        "Тревожност, избягване на училище (6 отсъствия за месец), нарушен сън."
    )
    page.get_by_label("Възраст, пол, история и други характеристики").fill(
        "12 г., 6. клас. Родителите са разделени от година; бащата работи в чужбина."
    )
    page.get_by_label("Рискове", exact=True).fill(
        "Отпадане от училище; изолация от връстниците. Няма данни за насилие."
    )
    shoot("a3-assessment-draft", phone=True)
    page.get_by_role("button", name="Запази чернова").click()
    expect(messages(page)).to_contain_text("Черновата на ИОП № 1 е записана.")

    # Two days later she resumes the draft: what she wrote is there; the child must be heard.
    clock.set(day(3), "14:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    panel = page.get_by_test_id("assessment-panel")
    expect(panel).to_contain_text("Чернова")
    panel.get_by_role("link", name="Продължи ИОП").click()
    expect(page.get_by_label("Рискове", exact=True)).to_have_value(
        "Отпадане от училище; изолация от връстниците. Няма данни за насилие."
    )
    page.get_by_label("Семейство и среда").fill(
        "Живее с майка си под наем; майката работи на смени; бабата помага."
    )
    page.get_by_label("Силни страни и ресурси").fill(
        "Добри оценки, обича да рисува, близка с баба си."
    )
    page.get_by_label("Мнение на родителя / законния представител").fill(
        "Майката иска помощ да „не се карат всяка сутрин“ за училището."
    )
    page.get_by_label("Източници на информация").fill(
        "Три срещи с Виктория, среща с майката, разговор с класния ръководител."
    )
    page.get_by_label("Изводи", exact=True).fill(
        "Тревожността е свързана с раздялата на родителите и с конфликти сутрин."
    )
    page.get_by_label("Препоръки (услуги)").fill(
        "Индивидуална психологическа подкрепа; консултиране на майката в дома."
    )
    page.get_by_role("button", name="Завърши ИОП").click()
    alert = page.get_by_role("alert")
    expect(alert).to_contain_text("Записът не е направен.")
    expect(alert).to_contain_text("Детето е на 12 години: запишете мнението му")
    shoot("a4-assessment-child-view-missing")
    page.get_by_label("Мнение на детето", exact=True).fill(
        "„Страх ме е, че ако изляза от вкъщи, мама ще си тръгне като татко.“ "
        "Иска да идва при психолога, но без майка си в стаята."
    )
    page.get_by_label("Дата на изслушването").fill(bg(day(2)))
    page.get_by_label("Как е изслушано").select_option(label="Индивидуален разговор със специалист")
    shoot("a5-assessment-complete-form", phone=True)
    page.get_by_role("button", name="Завърши ИОП").click()
    expect(messages(page)).to_contain_text("ИОП № 1 е завършена. Случаят е в статус „Планиране“.")
    expect(page.get_by_test_id("assessment-status")).to_have_text("Завършена")
    expect(page.get_by_test_id("child-view")).to_contain_text("Страх ме е")
    shoot("a6-assessment-completed")
    page.get_by_role("link", name=f"← Случай {case.number}").click()
    expect(page.get_by_test_id("case-status")).to_have_text("Планиране")


# b. The individual support plan (ИПП): two goals, returned once, approved


def support_plan(page: Page, case: Case, clock, shoot) -> None:
    clock.set(day(4), "11:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_role("link", name="Започни ИПП").click()
    page.get_by_role("button", name="Започни ИПП").click()
    expect(messages(page)).to_contain_text("Версия 1 на ИПП е създадена като чернова.")
    header = page.get_by_role("group", name="Срок и участие")
    header.get_by_label(re.compile(r"^Начало на плана")).fill(bg(day(4)))
    header.get_by_label(re.compile(r"^Преглед на")).fill(bg(day(21)))
    header.get_by_label(re.compile(r"^Продължителност")).select_option(
        label="Краткосрочна (до 6 месеца)"
    )
    header.get_by_label("Мнението на детето за плана").fill(
        "Виктория избра сама първата цел: „да не ме е страх сутрин“."
    )
    header.get_by_label("Участие на семейството").fill(
        "Майката участва в изготвянето и ще идва на срещите в дома."
    )
    fill_goal(
        page,
        1,
        need="Тревожност и избягване на училище",
        title=GOAL_SCHOOL,
        expected="Виктория ходи на училище всеки ден и назовава два начина да се успокои.",
        indicators="Отсъствия без уважителна причина: 0 за месец; тревожност под 4 от 10.",
        activity=(
            "Индивидуални консултации с психолог",
            THERAPY,
            "веднъж седмично",
            "Елена Колева",
        ),
    )
    page.get_by_role("button", name="+ Нова цел").click()
    fill_goal(
        page,
        2,
        need="Конфликти между майката и детето сутрин",
        title=GOAL_MOTHER,
        expected="Майката прилага спокойна сутрешна рутина и говори с Виктория всеки ден.",
        indicators="Срещи с майката в дома.",
        activity=("Консултиране на майката в дома", COUNSELLING, "на две седмици", "Иван Димитров"),
        setting="В домашна среда",
    )
    shoot("b1-plan-editor", phone=True)
    page.get_by_role("button", name="Запиши черновата").click()
    expect(messages(page)).to_contain_text("Черновата на ИПП (версия 1) е записана.")
    expect(page.get_by_role("heading", name=f"Цел 1. {GOAL_SCHOOL}")).to_be_visible()
    expect(page.get_by_role("heading", name=f"Цел 2. {GOAL_MOTHER}")).to_be_visible()
    page.get_by_role("button", name="Изпрати за одобрение").click()
    expect(messages(page)).to_contain_text("ИПП (версия 1) е изпратен на управителя за одобрение.")
    expect(page.get_by_test_id("plan-status")).to_have_text("Изпратен за одобрение")
    shoot("b2-plan-submitted")

    # The manager returns it once, with a comment on the second goal.
    clock.set(day(7), "09:30")
    switch_user(page, MANAGER)
    open_case(page, case.number)
    page.get_by_test_id("plan-pending").get_by_role("link", name="Одобри / Върни").click()
    decide = page.locator("#decide")
    decide.get_by_label(re.compile(r"^Какво трябва да се коригира")).fill(
        "Цел 2: индикаторът е общ — посочете колко срещи и до кога."
    )
    shoot("b3-plan-return")
    decide.get_by_role("button", name="Върни за корекция").click()
    expect(messages(page)).to_contain_text("ИПП (версия 1) е върнат за корекция.")
    expect(page.get_by_test_id("plan-status")).to_have_text("Върнат за корекция")

    # The psychologist sees the comment, makes the indicator measurable and resubmits.
    clock.set(day(7), "15:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("plan-pending").get_by_role("link", name="Редактирай").click()
    expect(page.locator(".notice")).to_contain_text(
        "Коментар на управителя: Цел 2: индикаторът е общ — посочете колко срещи и до кога."
    )
    page.get_by_role("group", name="Цел 2", exact=True).get_by_label(
        "Индикатори (как ще измерим резултата)"
    ).fill("6 срещи с майката в дома до 31.12.2026; майката описва 3 нови подхода.")
    shoot("b4-plan-corrected")
    page.get_by_role("button", name="Запиши черновата").click()
    expect(page.get_by_text("6 срещи с майката в дома до 31.12.2026")).to_be_visible()
    page.get_by_role("button", name="Изпрати за одобрение").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Изпратен за одобрение")

    # The manager approves: the plan is in force and the case awaits the contract.
    clock.set(day(8), "09:00")
    switch_user(page, MANAGER)
    open_case(page, case.number)
    page.get_by_test_id("plan-pending").get_by_role("link", name="Одобри / Върни").click()
    page.locator("#decide").get_by_role("button", name="Одобри", exact=True).click()
    expect(messages(page)).to_contain_text("ИПП (версия 1) е одобрен и е в сила.")
    expect(page.get_by_test_id("plan-status")).to_have_text("Одобрен (в сила)")
    shoot("b5-plan-approved")
    page.get_by_role("link", name=f"← Случай {case.number}").click()
    expect(page.get_by_test_id("case-status")).to_have_text("За договор")
    expect(page.get_by_test_id("plan-in-force")).to_contain_text("Версия 1")


def fill_goal(page: Page, number: int, *, need, title, expected, indicators, activity, setting=""):
    goal = page.get_by_role("group", name=f"Цел {number}", exact=True)
    goal.get_by_label("Потребност").fill(need)
    goal.get_by_label(re.compile(r"^Цел")).fill(title)
    goal.get_by_label(re.compile(r"^Очакван резултат")).fill(expected)
    goal.get_by_label("Индикатори (как ще измерим резултата)").fill(indicators)
    description, service, frequency, responsible = activity
    goal.get_by_label(re.compile(r"^Услуга")).select_option(label=service)
    goal.get_by_label(re.compile(r"^Дейност")).fill(description)
    goal.get_by_label(re.compile(r"^Честота")).fill(frequency)
    if setting:
        goal.get_by_label(re.compile(r"^Място")).select_option(label=setting)
    goal.get_by_label(re.compile(r"^Отговорен специалист")).select_option(label=responsible)


# c. The contract, signed by the mother; no service is logged before it


def contract(page: Page, case: Case, clock, shoot) -> None:
    clock.set(day(8), "10:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("sessions-panel").get_by_role("link", name="Запиши проведена среща").click()
    expect(page.get_by_test_id("contract-notice")).to_contain_text(
        "Няма подписан договор в сила днес."
    )
    page.get_by_label(re.compile(r"^Вид")).select_option(label=INDIVIDUAL)
    page.get_by_label("Бележки от срещата").fill("Запознаване; Виктория рисува семейството си.")
    page.get_by_role("button", name="Запиши срещата").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Специализирана услуга не може да се отчете като предоставена преди подписан договор"
    )
    shoot("c1-session-refused-no-contract", phone=True)
    assert not Session.objects.filter(case=case).exists()

    clock.set(day(9), "10:00")
    switch_user(page, MANAGER)
    open_case(page, case.number)
    page.get_by_role("link", name="Изготви договор").click()
    expect(page.get_by_label(re.compile(r"^Подписва"))).to_have_value(re.compile(r"\d+"))
    page.get_by_label(re.compile(r"^Подписва")).select_option(label=f"{MOTHER} — родител")
    page.get_by_label(re.compile(r"^В качеството на")).select_option(label="Родител")
    page.get_by_label("Такса / освобождаване от такса").fill(
        "Услугата е безплатна (държавно делегирана дейност)."
    )
    shoot("c2-contract-draft")
    page.get_by_role("button", name="Изготви проекта").click()
    expect(page.get_by_test_id("contract-status")).to_have_text("Проект")
    expect(page.get_by_text(f"{MOTHER} — родител")).to_be_visible()
    expect(page.get_by_label(re.compile(r"^Подписан на"))).to_have_value(bg(day(9)))
    page.get_by_role("button", name="Отбележи като подписан").click()
    expect(messages(page)).to_contain_text("е подписан и е в сила.")
    expect(page.get_by_test_id("contract-status")).to_have_text("Подписан (в сила)")
    shoot("c3-contract-signed")
    page.get_by_role("link", name=f"← Случай {case.number}").click()
    expect(page.get_by_test_id("case-status")).to_have_text("Активен")


# d. Three sessions: a consultation, a home visit, and a planned one the family missed


def sessions(page: Page, case: Case, clock, shoot) -> None:
    clock.set(day(10), "16:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("sessions-panel").get_by_role("link", name="Запиши проведена среща").click()
    expect(page.get_by_test_id("contract-notice")).to_have_count(0)
    log_session(
        page,
        kind=INDIVIDUAL,
        on=day(10),
        at="14:00",
        goal=f"1. {GOAL_SCHOOL}",
        notes="Дихателни упражнения; Виктория описа сутрешния страх по скала: 7 от 10.",
        next_steps="Дневник на тревожността до следващата среща.",
    )
    shoot("d1-session-log-form", phone=True)
    page.get_by_role("button", name="Запиши срещата").click()
    expect(messages(page)).to_contain_text(f"Срещата от {bg(day(10))} е записана като проведена.")

    clock.set(day(14), "18:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("sessions-panel").get_by_role("link", name="Запиши проведена среща").click()
    log_session(
        page,
        kind=HOME_VISIT,
        on=day(14),
        at="16:00",
        goal=f"2. {GOAL_MOTHER}",
        notes="Сутрешна рутина с майката: часовник, приготвена вечер раница.",
        next_steps="Майката записва как минава сутринта.",
        mother=True,
    )
    page.get_by_role("button", name="Запиши срещата").click()
    expect(messages(page)).to_contain_text(f"Срещата от {bg(day(14))} е записана като проведена.")

    # A session planned for Thursday; the family does not come.
    clock.set(day(16), "09:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("sessions-panel").get_by_role("link", name="Планирай среща").click()
    page.get_by_label(re.compile(r"^Вид")).select_option(label=INDIVIDUAL)
    page.get_by_label(re.compile(r"^Дата")).fill(bg(day(17)))
    page.get_by_label(re.compile(r"^Начален час")).fill("15:00")
    page.get_by_role("button", name="Планирай").click()
    expect(messages(page)).to_contain_text(f"Срещата е планирана за {bg(day(17))} от 15:00 ч.")

    clock.set(day(17), "16:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("sessions-panel").get_by_role("link", name="Всички срещи").click()
    planned = page.get_by_test_id("session-row").filter(has_text="Планирана")
    planned.get_by_role("link", name="Неявяване").click()
    panel = open_action(page, "Неявяване")
    panel.get_by_label("Бележка (потърсени ли са, какво е обяснението)").fill(
        "Майката не вдигна телефона; по-късно писа, че Виктория е болна."
    )
    panel.get_by_role("button", name="Отбележи неявяване").click()
    expect(messages(page)).to_contain_text(f"Отбелязано е неявяване на {bg(day(17))}.")
    rows = page.get_by_test_id("session-row")
    expect(rows).to_have_count(3)
    expect(rows.filter(has_text="Неявяване")).to_have_count(1)
    expect(rows.filter(has_text="Проведена")).to_have_count(2)
    shoot("d2-session-list", phone=True)


def log_session(page: Page, *, kind, on, at, goal, notes, next_steps, mother=False) -> None:
    page.get_by_label(re.compile(r"^Вид")).select_option(label=kind)
    page.get_by_label(re.compile(r"^Дата")).fill(bg(on))
    page.get_by_label(re.compile(r"^Начален час")).fill(at)
    expect(page.get_by_label(f"{CHILD} — дете (основен потребител)")).to_be_checked()
    if mother:
        page.get_by_label(f"{MOTHER} — родител").check()
    page.get_by_label("Цел от ИПП").select_option(label=goal)
    page.get_by_label("Бележки от срещата").fill(notes)
    page.get_by_label("Следващи стъпки").fill(next_steps)


# e. The review: progress per goal, the child's view, and a new plan version it asks for


def review(page: Page, case: Case, clock, shoot) -> None:
    clock.set(day(21), "10:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    reviews = page.get_by_test_id("reviews-panel")
    expect(reviews.get_by_test_id("next-review")).to_have_text(bg(day(21)))
    reviews.get_by_role("button", name="Започни планов преглед").click()
    expect(messages(page)).to_contain_text(f"Прегледът на ИПП по случай {case.number} започна.")
    goal_row(page, GOAL_SCHOOL).get_by_label(f"Напредък: {GOAL_SCHOOL}").select_option(
        label="Частично постигната"
    )
    goal_row(page, GOAL_SCHOOL).get_by_label("Коментар").fill(
        "Отсъствията паднаха от 6 на 2 за месеца; тревожност 5 от 10."
    )
    goal_row(page, GOAL_MOTHER).get_by_label(f"Напредък: {GOAL_MOTHER}").select_option(
        label="В процес"
    )
    page.get_by_label("Мнение на детето").fill(
        "„Сутрин вече е по-лесно, но не искам да говоря пред класа.“"
    )
    page.get_by_label("Решения от прегледа").fill(
        "Продължават консултациите; цел 1 се уточнява с участие в час (нова версия на ИПП)."
    )
    page.get_by_label("Нужна е нова версия на ИПП").check()
    page.get_by_label("Следващ преглед").fill(bg(day(21 + 91)))
    shoot("e1-review-form", phone=True)
    page.get_by_role("button", name="Приключи прегледа").click()
    expect(messages(page)).to_contain_text(
        f"Прегледът е приключен. Случай {case.number} отново е активен; "
        f"следващ преглед: {bg(day(21 + 91))}."
    )
    expect(page.get_by_test_id("review-status")).to_contain_text("Приключен")
    progress = page.get_by_role("table").filter(has_text="Напредък")
    expect(progress.get_by_role("row", name=re.compile(GOAL_SCHOOL))).to_contain_text(
        "Частично постигната"
    )
    expect(progress.get_by_role("row", name=re.compile(GOAL_MOTHER))).to_contain_text("В процес")
    shoot("e2-review-done", phone=True)

    # The review asked for a new plan version: the first goal now includes taking part in class.
    page.get_by_role("link", name="Нова версия на ИПП").click()
    page.get_by_role("button", name="Актуализирай плана (нова версия)").click()
    expect(messages(page)).to_contain_text("Версия 2 на ИПП е създадена като чернова.")
    # The new version is reviewed when the review said (its default is the centre's interval).
    page.get_by_role("group", name="Срок и участие").get_by_label(re.compile(r"^Преглед на")).fill(
        bg(day(21 + 91))
    )
    page.get_by_role("group", name="Цел 1", exact=True).get_by_label(
        re.compile(r"^Очакван резултат")
    ).fill("Виктория ходи на училище всеки ден и поне веднъж седмично отговаря устно в час.")
    page.get_by_role("button", name="Запиши черновата").click()
    expect(page.get_by_role("heading", name="Промени спрямо версия 1")).to_be_visible()
    page.get_by_role("button", name="Изпрати за одобрение").click()
    expect(page.get_by_test_id("plan-status")).to_have_text("Изпратен за одобрение")

    clock.set(day(22), "09:00")
    switch_user(page, MANAGER)
    open_case(page, case.number)
    page.get_by_test_id("plan-pending").get_by_role("link", name="Одобри / Върни").click()
    expect(page.locator(".compare")).to_contain_text("Променена цел")
    shoot("e3-plan-v2-changes")
    page.locator("#decide").get_by_role("button", name="Одобри", exact=True).click()
    expect(messages(page)).to_contain_text("ИПП (версия 2) е одобрен и е в сила.")
    page.get_by_role("link", name=f"← Случай {case.number}").click()
    expect(page.get_by_test_id("case-status")).to_have_text("Активен")
    expect(page.get_by_test_id("plan-in-force")).to_contain_text("Версия 2")
    expect(page.get_by_test_id("next-review")).to_have_text(bg(day(21 + 91)))


def goal_row(page: Page, title: str):
    return page.locator(".goal-row", has_text=title)


# f. Closure: proposed by the case manager, approved by the manager; the place is freed


def closure(page: Page, case: Case, clock, shoot) -> None:
    clock.set(day(28), "10:00")
    switch_user(page, PSYCHOLOGIST)
    open_case(page, case.number)
    page.get_by_test_id("closure-panel").get_by_role("link", name="Предложи приключване").click()
    page.get_by_label(re.compile(r"^Причина за приключване")).select_option(
        label="Реинтеграция в биологичното семейство"
    )
    goal_row(page, GOAL_SCHOOL).get_by_label(re.compile(f"^Резултат: {GOAL_SCHOOL}")).select_option(
        label="Постигната"
    )
    goal_row(page, GOAL_MOTHER).get_by_label(re.compile(f"^Резултат: {GOAL_MOTHER}")).select_option(
        label="Частично постигната"
    )
    goal_row(page, GOAL_MOTHER).get_by_label("Коментар").fill(
        "Рутината работи; майката ще продължи в група за родители."
    )
    page.get_by_label(re.compile(r"^Заключителна оценка")).fill(
        "Виктория живее при майка си, ходи редовно на училище и се справя с тревожността."
    )
    page.get_by_label("Препоръки (към семейството, ОЗД, други услуги)").fill(
        "Група за родители към ЦОП; класният ръководител следи отсъствията."
    )
    page.get_by_label("Проследяване до").fill("")  # no follow-up: the case ends „Приключен“
    shoot("f1-closure-proposal", phone=True)
    page.get_by_role("button", name="Предложи приключване").click()
    expect(messages(page)).to_contain_text(f"Случай {case.number} е предложен за приключване")
    expect(page.get_by_test_id("case-status")).to_have_text("В процес на приключване")

    clock.set(day(29), "09:00")
    switch_user(page, MANAGER)
    expect(page.get_by_test_id("places-used")).to_have_text("3 / 3")
    open_case(page, case.number)
    panel = page.get_by_test_id("closure-panel")
    expect(panel).to_contain_text("Реинтеграция в биологичното семейство")
    shoot("f2-closure-pending")
    panel.get_by_role("button", name="Одобри приключването").click()
    expect(messages(page)).to_contain_text(
        f"Случай {case.number} е приключен и мястото е освободено."
    )
    expect(page.get_by_test_id("case-status")).to_have_text("Приключен")
    shoot("f3-closure-approved", phone=True)
    expect_capacity(page, 2, 3)
    expect(page.get_by_test_id("places-free")).to_have_text("1")


# g. The timeline tells the story, newest first


def timeline(page: Page, case: Case, shoot) -> None:
    open_case(page, case.number, status="Приключен")
    page.get_by_test_id("sessions-panel").get_by_role("link", name="Хронология на случая").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Хронология на случай {case.number}")
    titles = page.get_by_test_id("timeline").locator(".title").all_inner_texts()
    story = [
        "Одобрено приключване",
        "Предложено приключване: Реинтеграция в биологичното семейство",
        "ИПП версия 2: одобрена и в сила",
        "Приключен преглед на ИПП",
        "Започнат преглед на ИПП: Планов преглед (по график)",
        f"Неявяване: {INDIVIDUAL}",
        HOME_VISIT,
        INDIVIDUAL,
        f"Подписан договор № {case.contracts.get().number}",
        "ИПП версия 1: одобрена и в сила",
        "ИПП версия 1: изпратена за одобрение",
        "ИПП версия 1: върната за корекция",
        "ИПП версия 1: изпратена за одобрение",
        "Завършена ИОП № 1",
        "Започната ИОП № 1",
    ]
    assert in_order(titles, story), f"the timeline is out of order:\n{titles}"
    shoot("g1-timeline", phone=True)


def in_order(titles: list[str], story: list[str]) -> bool:
    """Each title of `story` appears in `titles` after the one before it."""
    remaining = iter(titles)
    return all(any(title == wanted for title in remaining) for wanted in story)
