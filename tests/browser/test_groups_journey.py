"""A group programme in a real browser: „Умения за самостоятелен живот“ in ЦОП Харманли.

The psychologist creates the programme with the social worker as co-facilitator, plans three
weekly sessions and enrols five young people found by name (two of them on the centre's cases).
After each session she records the attendance on her phone — everyone is marked present and she
changes the few who were not. Excused absence does not count towards the hours. At the end she
finishes the programme and issues the certificates: only the three who attended at least 80% of the
planned hours get one, and the PDF carries the centre, the name, the programme and the hours.

The set-up writes to the database once (centre, staff, people); everything after it is clicks and
typing, each step on its own day and hour (see `Clock`).
"""

import re
import subprocess
from datetime import date, timedelta

import pytest
from django.urls import get_resolver
from playwright.sync_api import Page, expect

from opora.cases.enums import CaseStatus
from opora.groups.models import Certificate, Programme
from opora.people.enums import Sex
from tests.browser.ui import log_in, messages, nav
from tests.factories import PersonFactory, make_case

pytestmark = pytest.mark.browser

# Monday 12 October 2026: no public holiday in the three weeks that follow.
DAY_ONE = date(2026, 10, 12)
PSYCHOLOGIST = "e.koleva"
TITLE = "Умения за самостоятелен живот – есен 2026"
TOPICS = ["Моят бюджет", "Документи и институции", "Първото интервю за работа"]
YOUNG = [
    ("Виктор", "Ангелов", "Стоянов"),
    ("Десислава", "Петрова", "Колева"),
    ("Николай", "Емилов", "Тасев"),
    ("Гергана", "Иванова", "Ралева"),
    ("Стефан", "Маринов", "Божков"),
]
# Who is not there: session number → {name: "Отсъства" | "Уважителна причина"}.
NOT_THERE = {
    0: {"Десислава Петрова Колева": "Отсъства"},
    1: {"Николай Емилов Тасев": "Уважителна причина"},
    2: {},
}


def day(n: int) -> date:
    return DAY_ONE + timedelta(days=n)


def bg(d: date) -> str:
    return d.strftime("%d.%m.%Y")


def full(person: tuple[str, str, str]) -> str:
    return " ".join(person)


@pytest.fixture(autouse=True)
def _views_imported():
    """The live server's first request imports every view (WeasyPrint among them): done here,
    outside the pages' 10-second timeout."""
    get_resolver().url_patterns  # noqa: B018


@pytest.fixture
def young_people(clock, harmanli):
    """Five young people of Харманли, born 2008–2010; the first two are on the centre's cases."""
    clock.set(day(0), "08:00")
    centre, staff, _working = harmanli
    people = [
        PersonFactory(centre=centre, first_name=first, middle_name=middle, last_name=last,
                      birth_date=date(2008 + i % 3, 3 + i, 10),
                      sex=Sex.FEMALE if first.endswith("а") else Sex.MALE)
        for i, (first, middle, last) in enumerate(YOUNG)
    ]  # fmt: skip
    cases = [
        make_case(centre, staff["manager"], CaseStatus.ACTIVE, person=people[0],
                  case_manager=staff["psy1"]),
        make_case(centre, staff["manager"], person=people[1]),
    ]  # fmt: skip
    return centre, staff, people, cases


def create_programme(page: Page) -> None:
    nav(page, "Групи")
    expect(page.get_by_role("heading", name="Групови програми")).to_be_visible()
    page.get_by_role("link", name="Нова програма").click()
    page.get_by_label("Вид програма").select_option(label="Умения за самостоятелен живот")
    page.get_by_label("Наименование").fill(TITLE)
    page.get_by_label("Място").fill("Клуб „Младежки дом“")
    page.get_by_label("Начало").fill(bg(day(0)))
    page.get_by_label("Край").fill(bg(day(14)))
    page.get_by_label("Планирани часове").fill("6")
    expect(page.get_by_label("Минимум присъствие за удостоверение (%)")).to_have_value("80")
    facilitators = page.get_by_role("group", name="Водещи")
    expect(facilitators.get_by_label("Елена Колева")).to_be_checked()
    facilitators.get_by_label("Иван Димитров").check()
    page.get_by_role("button", name="Създай програмата").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)


def add_session(page: Page, topic: str, when: date) -> None:
    page.get_by_role("link", name="Добави занимание").click()
    page.get_by_label("Тема").fill(topic)
    page.get_by_label("Дата").fill(bg(when))
    page.get_by_label("Начало").fill("16:00")
    page.get_by_label("Край").fill("18:00")
    page.get_by_role("button", name="Добави заниманието").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(topic)
    page.get_by_role("link", name=TITLE).click()


def enrol(page: Page, person: tuple[str, str, str]) -> None:
    page.get_by_role("link", name="Запиши участник").click()
    page.get_by_label("Търсене по име или ЕГН/ЛНЧ").fill(f"{person[0]} {person[2]}")
    results = page.locator("#results")
    expect(results.get_by_role("cell", name=full(person))).to_be_visible()  # the live search
    results.get_by_role("link", name="Избери").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Записване на {full(person)}")
    page.get_by_role("button", name="Запиши в програмата").click()
    expect(messages(page)).to_contain_text(f"{full(person)} е записан/а в програмата.")


def record_attendance(page: Page, topic: str, absent: dict[str, str], shoot=None) -> None:
    page.get_by_test_id("group-sessions").get_by_role("link", name=topic).click()
    form = page.get_by_test_id("attendance-form")
    expect(form.get_by_test_id("attendee")).to_have_count(5)
    for name, mark in absent.items():
        form.get_by_role("group", name=name).get_by_label(mark, exact=True).check()
    if shoot:
        shoot("c1-attendance-form", phone=True)
    form.get_by_role("button", name="Запиши присъствието").click()
    present = 5 - len(absent)
    expect(messages(page)).to_contain_text(
        f"Присъствието е записано: присъстват {present}, отсъстват {len(absent)}."
    )


def come_back(page: Page) -> None:
    """Hours later the session has timed out: she signs in again and opens the programme."""
    page.context.clear_cookies()
    log_in(page, PSYCHOLOGIST)
    nav(page, "Групи")
    page.get_by_test_id("programmes").get_by_role("link", name=TITLE).click()


def hours_of(page: Page, name: str):
    row = page.get_by_test_id("participant-row").filter(has_text=name)
    return row.get_by_test_id("participant-hours")


def test_a_group_programme_with_attendance_hours_and_certificates(
    young_people, clock, browser_page, shoot, tmp_path
):
    page = browser_page
    centre, _staff, people, cases = young_people

    # Day 0, morning: the programme, its three sessions and its five participants.
    clock.set(day(0), "09:00")
    log_in(page, PSYCHOLOGIST)
    create_programme(page)
    shoot("a1-programme-created")
    for n, topic in enumerate(TOPICS):
        add_session(page, topic, day(7 * n))
    expect(page.get_by_test_id("group-session-row")).to_have_count(3)
    for person in YOUNG:
        enrol(page, person)
    expect(page.get_by_test_id("participant-row")).to_have_count(5)
    expect(page.get_by_test_id("programme-status")).to_have_text("Предстои")
    shoot("a2-programme-ready", phone=True)
    linked = page.get_by_test_id("participant-row").filter(has_text=full(YOUNG[0]))
    expect(linked).to_contain_text(f"случай {cases[0].number}")

    # A session still to come takes no attendance.
    page.get_by_test_id("group-sessions").get_by_role("link", name=TOPICS[1]).click()
    expect(
        page.get_by_text("Присъствие се отбелязва в деня на заниманието или след него.")
    ).to_be_visible()
    page.get_by_role("link", name=TITLE).click()

    # The three sessions, on the evenings they were held.
    for n, topic in enumerate(TOPICS):
        clock.set(day(7 * n), "18:10")
        come_back(page)
        record_attendance(page, topic, NOT_THERE[n], shoot=shoot if n == 1 else None)
    expect(page.get_by_test_id("programme-status")).to_have_text("Тече")
    expect(hours_of(page, full(YOUNG[0]))).to_have_text("6 от 6")
    expect(hours_of(page, full(YOUNG[1]))).to_have_text("4 от 6")
    expect(hours_of(page, full(YOUNG[2]))).to_have_text("4 от 6")  # excused is not attended
    shoot("c2-hours", phone=True)

    # A private note for the psychologists only, on the participant's page.
    page.get_by_role("link", name=full(YOUNG[2])).click()
    expect(page.get_by_test_id("participant-hours")).to_contain_text("4 от 6 ч. (66%)")
    page.get_by_label("Бележка").fill(
        "Говори за тревожност преди интервюто; ще го обсъдим индивидуално."
    )
    page.get_by_label("Само психолозите сред водещите и в екипа по случая").check()
    page.get_by_role("button", name="Запиши бележката").click()
    expect(page.get_by_test_id("participant-note")).to_contain_text("Само психолозите по случая")
    page.get_by_role("link", name=TITLE).click()

    # Day 16: the programme is finished and the certificates issued.
    clock.set(day(16), "10:00")
    come_back(page)
    page.locator("details#finish_form summary").click()
    page.get_by_role("button", name="Приключи програмата").click()
    expect(messages(page)).to_contain_text("Програмата е приключена.")
    expect(page.get_by_test_id("programme-status")).to_have_text("Приключила")
    page.get_by_role("button", name="Издай удостоверенията на завършилите").click()
    expect(messages(page)).to_contain_text("Издадени удостоверения: 3.")
    links = page.get_by_test_id("certificate-link")
    expect(links).to_have_count(3)
    shoot("d1-certificates", phone=True)

    # The certificate of the first participant, as the PDF the browser downloads.
    first = page.get_by_test_id("participant-row").filter(has_text=full(YOUNG[0]))
    href = first.get_by_test_id("certificate-link").get_attribute("href")
    response = page.context.request.get(href)
    assert response.headers["content-type"] == "application/pdf"
    pdf = tmp_path / "certificate.pdf"
    pdf.write_bytes(response.body())
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True
    ).stdout.decode()
    number = Certificate.objects.get(participant__person=people[0]).number
    for expected in [
        "УДОСТОВЕРЕНИЕ", f"№ {number}", centre.name, full(YOUNG[0]), f"„{TITLE}“",
        f"от {bg(day(0))} г. до {bg(day(14))} г.", "6 часа от 6 часа",
    ]:  # fmt: skip
        assert expected in text, expected
    assert re.search(r"Водещ\s+Елена Колева", text) and re.search(r"Водещ\s+Иван Димитров", text)
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "60",
            "-singlefile",
            str(pdf),
            str(shoot.folder / "d2-certificate"),
        ],
        check=True,
    )

    # Who did not complete gets the reason, not a certificate.
    page.get_by_role("link", name=full(YOUNG[2])).click()
    page.get_by_role("link", name="Проверка и издаване").click()
    expect(page.get_by_test_id("why-no-certificate")).to_contain_text(
        "има 4 ч. присъствие; за удостоверение са нужни поне 4,8 ч. (80% от 6 ч.)"
    )

    # The attendance is on the case of the participant who has one.
    page.goto(f"/c/{centre.slug}/cases/{cases[0].pk}/")
    expect(page.get_by_test_id("groups-panel")).to_contain_text(
        f"{TITLE} — {full(YOUNG[0])}: 6 от 6 ч."
    )
    shoot("e1-case-panel")

    programme = Programme.objects.get(title=TITLE)
    assert programme.status == "finished"
    assert sorted(c.participant.person.first_name for c in Certificate.objects.all()) == [
        "Виктор", "Гергана", "Стефан",
    ]  # fmt: skip
    assert shoot.overflow == {}, f"wider than a 390 px phone: {shoot.overflow}"
