"""Foster care in a real browser: a family from the application to the Commission's approval, then a child.

Over ten weeks of ЦОП Харманли, the social worker Иван Димитров registers the enquiry of Силвия and
Пламен Тодорови, their application (the 4-month term of the assessment starts and its counter shows on
the page), four meetings, two home visits and two referees. The base training runs as a group
programme whose attendance the groups app records (set up through its domain functions here); the hours
appear on the candidate page. He writes the report, the family signs it, it goes to the Commission; the
manager records the approval for two children; a child is placed with the family and the register shows it.

The set-up writes to the database once (the centre, its staff, the child to be placed); the training's
attendance is the only other direct write. Everything else is clicks and typing.
"""

import re
from datetime import date, time, timedelta
from decimal import Decimal
from random import Random

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from opora.deadlines.calendar import add_months
from opora.deadlines.enums import DeadlineKind
from opora.demo.identifiers import make_egn
from opora.fostering.enums import CandidateStatus, ContactKind, PlacementKind
from opora.fostering.models import Candidate
from opora.groups.domain.participants import enrol_participant
from opora.groups.domain.programmes import ProgrammeData, create_programme
from opora.groups.domain.sessions import GroupSessionData, add_session, record_attendance
from opora.groups.enums import Presence, ProgrammeKind
from opora.people.enums import Sex
from tests.browser.ui import messages, nav, open_action, switch_user
from tests.factories import PersonFactory

pytestmark = pytest.mark.browser

# Monday 7 September 2026.
DAY_ONE = date(2026, 9, 7)
SOCIAL, MANAGER = "i.dimitrov", "harmanli.manager"
FAMILY = "Силвия Ангелова Тодорова и Пламен Тодоров"
WIFE_EGN = make_egn(date(1986, 4, 12), Sex.FEMALE, Random(1))
HUSBAND_EGN = make_egn(date(1983, 11, 2), Sex.MALE, Random(2))


def day(n: int) -> date:
    return DAY_ONE + timedelta(days=n)


def bg(d: date) -> str:
    return d.strftime("%d.%m.%Y")


@pytest.fixture
def journey(clock, harmanli):
    """The centre's staff, and the 4-year-old girl the ДСП will place with a foster family."""
    clock.set(day(0), "08:00")
    # The live server runs in this process: loading the URLs (every view and its imports) here
    # keeps the first page from taking longer than the browser waits on a busy machine.
    reverse("accounts:login")
    centre, staff, _working = harmanli
    child = PersonFactory(
        centre=centre, first_name="Ана", middle_name="Петрова", last_name="Симеонова",
        birth_date=date(2022, 5, 3), sex=Sex.FEMALE,
    )  # fmt: skip
    return centre, staff, child


def test_a_foster_family_from_application_to_approval_and_a_placement(
    journey, clock, browser_page, shoot
):
    centre, staff, child = journey
    page = browser_page

    enquiry(page, clock, shoot)
    application(page, clock, shoot)
    assessment(page, clock, shoot)
    training(page, clock, centre, staff, shoot)
    report_and_commission(page, clock, shoot)
    approval(page, clock, shoot)
    placement(page, clock, child, shoot)

    assert shoot.overflow == {}, f"horizontal overflow at 390 px (step: extra px): {shoot.overflow}"
    family = Candidate.objects.get(centre=centre)
    assert family.status == CandidateStatus.APPROVED
    assert family.approval.capacity == 2
    kinds = sorted(family.contacts.values_list("kind", flat=True))
    assert kinds == sorted([ContactKind.MEETING] * 4 + [ContactKind.HOME_VISIT] * 2)
    assert family.referees.exclude(received_on=None).count() == 2
    assert family.placements.get().child == child
    deadlines = {d.kind: d for d in family.deadlines.all()}
    assert deadlines[DeadlineKind.CANDIDATE_ASSESSMENT].done_at is not None
    assert deadlines[DeadlineKind.PLACEMENT_REVIEW].due_on == add_months(day(74), 6)


def open_family(page: Page) -> None:
    nav(page, "Приемна грижа и осиновяване")
    expect(page.get_by_role("heading", level=1)).to_have_text("Кандидати за приемни семейства")
    page.get_by_role("link", name=FAMILY).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FAMILY)


def fill_adult(scope, first: str, middle: str, last: str, egn: str) -> None:
    scope.get_by_label(re.compile(r"^Име")).fill(first)
    scope.get_by_label("Презиме").fill(middle)
    scope.get_by_label(re.compile(r"^Фамилия")).fill(last)
    scope.get_by_label("ЕГН / ЛНЧ").fill(egn)


def status_is(page: Page, text: str) -> None:
    expect(page.get_by_test_id("candidate-status")).to_have_text(text)


def counter_says(page: Page, text: str) -> None:
    expect(page.get_by_test_id("deadline-counter")).to_have_text(text)


def step_to(page: Page, label: str) -> None:
    panel = open_action(page, "Смяна на етапа")
    panel.get_by_label("Премини към").select_option(label=label)
    panel.get_by_role("button", name="Премини").click()


# 1. The enquiry and the application


def enquiry(page: Page, clock, shoot) -> None:
    clock.set(day(0), "09:00")
    switch_user(page, SOCIAL)
    nav(page, "Приемна грижа и осиновяване")
    expect(page.get_by_text("Все още няма кандидати за приемни семейства.")).to_be_visible()
    page.get_by_role("link", name="Ново запитване").click()
    page.get_by_label("Семейство (съпрузи)").check()
    page.get_by_label("Доброволно приемно семейство").check()
    expect(page.get_by_label("Дата на запитването")).to_have_value(bg(day(0)))
    page.get_by_label("Адрес на семейството").fill("гр. Харманли, ул. „Одрин“ 7")
    page.get_by_label("Водещ социален работник").select_option(label="Иван Димитров")
    fill_adult(
        page.get_by_role("group", name="Заявител"), "Силвия", "Ангелова", "Тодорова", WIFE_EGN
    )
    shoot("01-enquiry", phone=True)
    page.get_by_role("button", name="Запиши запитването").click()
    expect(messages(page)).to_contain_text("Запитването от Силвия Ангелова Тодорова е записано.")
    status_is(page, "Запитване")

    page.get_by_role("link", name="Добави член на семейството").click()
    page.get_by_label("Роля в семейството").select_option(label="съпруг/а на кандидата")
    fill_adult(page, "Пламен", "Георгиев", "Тодоров", HUSBAND_EGN)
    page.get_by_role("button", name="Впиши в семейството").click()
    expect(messages(page)).to_contain_text("Пламен Георгиев Тодоров е вписан/а в семейството.")
    expect(page.get_by_role("heading", level=1)).to_have_text(FAMILY)


def application(page: Page, clock, shoot) -> None:
    clock.set(day(1), "10:00")
    switch_user(page, SOCIAL)
    open_family(page)
    panel = open_action(page, "Подадено заявление")
    panel.get_by_label("Дата на заявлението").fill(bg(day(1)))
    panel.get_by_role("button", name="Запиши заявлението").click()
    expect(messages(page)).to_contain_text("започва срокът на оценката")
    status_is(page, "Подадено заявление")
    left = (add_months(day(1), 4) - day(1)).days
    counter_says(page, f"остават {left} дни до края на оценката")
    step_to(page, "Започва оценката")
    status_is(page, "Оценка")
    expect(page.get_by_test_id("progress-summary")).to_have_text(
        "Срещи 0/4, посещения в дома 0/2, препоръки 0/2, обучение 0/12 ч."
    )
    shoot("02-assessment-starts", phone=True)


# 2. The assessment: meetings, home visits, referees


def record_contact(page: Page, kind: str, held_on: date, notes: str) -> None:
    panel = open_action(page, "Запиши среща или посещение")
    panel.get_by_label(re.compile(r"^Вид")).select_option(label=kind)
    panel.get_by_label(re.compile(r"^Дата")).fill(bg(held_on))
    panel.get_by_label("Бележки", exact=True).fill(notes)
    panel.get_by_role("button", name="Запиши").click()
    expect(messages(page)).to_contain_text(f"{kind} на {bg(held_on)} е записана.")


MEETING, HOME_VISIT = "Среща с кандидатите", "Посещение в дома"
# (day, kind, notes): four meetings and two home visits over four weeks.
CONTACTS = [
    (7, MEETING, "Мотивация: децата им са пораснали, искат да помогнат на дете в нужда."),
    (14, MEETING, "Детството на кандидатите; как се справят с конфликти."),
    (15, HOME_VISIT, "Самостоятелна стая за детето, двор."),
    (21, MEETING, "Разговор с пълнолетната дъщеря, която живее с тях."),
    (28, MEETING, "Нагласи към контактите на детето с биологичното му семейство."),
    (29, HOME_VISIT, "Вечер у дома: спокойна атмосфера."),
]


def assessment(page: Page, clock, shoot) -> None:
    for n, kind, notes in CONTACTS:
        clock.set(day(n), "15:00")
        switch_user(page, SOCIAL)
        open_family(page)
        record_contact(page, kind, day(n), notes)

    clock.set(day(30), "11:00")
    switch_user(page, SOCIAL)
    open_family(page)
    for name, received in (("Веселина Пеева", day(30)), ("Тодор Станев", None)):
        panel = open_action(page, "Нов поръчител")
        panel.get_by_label("Име на поръчителя").fill(name)
        panel.get_by_label("Телефон / адрес").fill("0888 555 010")
        if received:
            panel.get_by_label("Препоръката е получена на").fill(bg(received))
            panel.get_by_label("Накратко").fill("Съседка от 15 години; препоръчва ги.")
        panel.get_by_role("button", name="Впиши поръчителя").click()
        expect(messages(page)).to_contain_text(f"Поръчителят {name} е вписан.")
    expect(page.get_by_test_id("progress-summary")).to_have_text(
        "Срещи 4/4, посещения в дома 2/2, препоръки 1/2, обучение 0/12 ч."
    )
    step_to(page, "Оценката е завършена — към обучението")
    expect(page.get_by_role("alert")).to_contain_text("Оценката не е завършена: Препоръки 1/2.")

    clock.set(day(31), "10:00")
    switch_user(page, SOCIAL)
    open_family(page)
    panel = open_action(page, "Получена препоръка")
    panel.get_by_label("Поръчител").select_option(label="Тодор Станев")
    panel.get_by_label("Препоръката е получена на").fill(bg(day(31)))
    panel.get_by_label("Накратко").fill("Колега на Пламен; семейството е отговорно.")
    panel.get_by_role("button", name="Запиши препоръката").click()
    expect(messages(page)).to_contain_text("Препоръката от Тодор Станев е записана.")
    shoot("03-assessment-complete", phone=True)
    step_to(page, "Оценката е завършена — към обучението")
    status_is(page, "Обучение")
    counter_says(page, f"остават {(add_months(day(1), 4) - day(31)).days} дни до края на оценката")


# 3. The base training, as a group programme (its attendance recorded through the groups app)


def training(page: Page, clock, centre, staff, shoot) -> None:
    clock.set(day(35), "16:00")
    family = Candidate.objects.get(centre=centre)
    carers = [m.person for m in family.members.all()]
    programme = create_programme(
        centre,
        actor=staff["psy1"],
        data=ProgrammeData(
            kind=ProgrammeKind.FOSTER_BASE, title="Приемна грижа – базово обучение (есен)",
            starts_on=day(35), planned_hours=Decimal(12), facilitators=(staff["psy1"],),
        ),
    )  # fmt: skip
    places = [enrol_participant(programme, actor=staff["psy1"], person=p) for p in carers]
    for n in (35, 42, 49, 56):
        clock.set(day(n), "20:05")
        session = add_session(
            programme,
            actor=staff["psy1"],
            data=GroupSessionData(
                date=day(n), start_time=time(17), end_time=time(20), topic=f"Модул {n}"
            ),
        )
        record_attendance(
            session, actor=staff["psy1"], marks={p.pk: Presence.PRESENT for p in places}
        )

    clock.set(day(57), "09:30")
    switch_user(page, SOCIAL)
    open_family(page)
    expect(page.get_by_test_id("progress-summary")).to_have_text(
        "Срещи 4/4, посещения в дома 2/2, препоръки 2/2, обучение 12/12 ч."
    )
    members = page.get_by_test_id("members")
    expect(members.get_by_role("row", name=re.compile("Силвия"))).to_contain_text("12")
    expect(members.get_by_role("row", name=re.compile("Пламен"))).to_contain_text("12")
    shoot("04-training-hours", phone=True)


# 4. The report, signed by the family, to the Commission; the manager records its decision


def report_and_commission(page: Page, clock, shoot) -> None:
    step_to(page, "Обучението е завършено — към доклада")
    status_is(page, "Доклад")
    panel = open_action(page, "Доклад на социалния работник")
    panel.get_by_label("Доклад на социалния работник").fill(
        "Семейство Тодорови е мотивирано, стабилно и подготвено. Предлагаме утвърждаване като "
        "доброволно приемно семейство за до две деца на възраст от 0 до 10 години."
    )
    panel.get_by_role("button", name="Запиши доклада").click()
    expect(messages(page)).to_contain_text("Докладът е записан.")
    expect(page.get_by_test_id("report")).to_contain_text("Семейство Тодорови е мотивирано")
    step_to(page, "Докладът е внесен в Комисията по приемна грижа")
    expect(page.get_by_role("alert")).to_contain_text("трябва да е прочетен и подписан")

    clock.set(day(59), "11:00")
    switch_user(page, SOCIAL)
    open_family(page)
    panel = open_action(page, "Кандидатите прочетоха и подписаха доклада")
    panel.get_by_label("Прочетен и подписан от кандидатите на").fill(bg(day(59)))
    panel.get_by_role("button", name="Отбележи подписването").click()
    expect(
        page.get_by_text(f"Прочетен и подписан от кандидатите на {bg(day(59))}.")
    ).to_be_visible()
    step_to(page, "Докладът е внесен в Комисията по приемна грижа")
    status_is(page, "В Комисията по приемна грижа")
    expect(page.get_by_test_id("deadline-counter")).to_have_count(0)  # the assessment's term is met
    expect(
        page.get_by_text("Решението на Комисията по приемна грижа се записва от управителя.")
    ).to_be_visible()
    shoot("05-before-the-commission")


def approval(page: Page, clock, shoot) -> None:
    clock.set(day(70), "10:00")
    switch_user(page, MANAGER)
    open_family(page)
    form = page.locator("details#decision_form")
    form.get_by_label("Дата на решението").fill(bg(day(68)))
    form.get_by_label("Протокол №").fill("РДСП-ХС-31")
    form.get_by_label("Утвърждава и вписва в регистъра").check()
    form.get_by_label("Брой деца").fill("2")
    form.get_by_label("Възраст от (години)").fill("0")
    form.get_by_label("Възраст до (години)").fill("10")
    shoot("06-commission-decision", phone=True)
    form.get_by_role("button", name="Запиши решението").click()
    expect(messages(page)).to_contain_text("Семейството е утвърдено и вписано в регистъра.")
    status_is(page, "Утвърдено приемно семейство")
    expect(page.get_by_test_id("approval-profile")).to_have_text("до 2 деца, 0–10 г.")


# 5. A child is placed with the family


def placement(page: Page, clock, child, shoot) -> None:
    clock.set(day(75), "09:00")
    switch_user(page, SOCIAL)
    open_family(page)
    panel = open_action(page, "Настаняване на дете")
    panel.get_by_label(re.compile(r"^Дете")).select_option(
        label=f"{child.full_name}, р. {bg(child.birth_date)}"
    )
    panel.get_by_label("Вид настаняване").select_option(label="Дългосрочно")
    panel.get_by_label("Настанено на").fill(bg(day(74)))
    panel.get_by_label("Заповед на ДСП №").fill("ЗД/Д-ХС-412")
    panel.get_by_role("button", name="Запиши настаняването").click()
    expect(messages(page)).to_contain_text(
        f"{child.full_name} е настанен/а при {FAMILY} от {bg(day(74))}."
    )
    expect(page.get_by_test_id("placements")).to_contain_text(child.full_name)
    shoot("07-approved-family", phone=True)

    page.get_by_test_id("placements").get_by_role("link", name=child.full_name).click()
    left = (add_months(day(74), 6) - day(75)).days
    counter_says(page, f"остават {left} дни до прегледа")
    expect(page.get_by_text(PlacementKind.LONG_TERM.label, exact=True)).to_be_visible()

    nav(page, "Приемна грижа и осиновяване")
    page.get_by_role("navigation", name="Приемна грижа и осиновяване").get_by_role(
        "link", name="Утвърдени семейства"
    ).click()
    register = page.get_by_test_id("register")
    expect(register).to_contain_text(FAMILY)
    expect(register).to_contain_text(child.full_name)
    shoot("08-register", phone=True)
    nav(page, "Приемна грижа и осиновяване")
    expect(page.get_by_test_id("candidates-approved")).to_contain_text(FAMILY)
    shoot("09-candidates", phone=True)
