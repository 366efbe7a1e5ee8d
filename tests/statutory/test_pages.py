"""The statutory pages: who opens them, the files they give, bad input."""

from datetime import date, datetime

import pytest

from opora.accounts.models import Membership
from opora.privacy.models import ExportLog
from opora.reporting.models import ReportSnapshot
from tests.factories import make_member
from tests.statutory.files import download_export, open_workbook
from tests.statutory.history import at

pytestmark = pytest.mark.django_db
BASE = "/c/harmanli/statutory/"
MARCH = "?year=2026&month=3"


def test_the_manager_sees_the_march_statement(manager, march, client_of):
    page = client_of(manager).get(f"{BASE}occupancy/{MARCH}").content.decode()

    assert "март 2026 г." in page
    assert 'data-testid="user-days">63<' in page
    assert 'data-testid="users">4<' in page
    assert "2,03" in page or "2.03" in page


@pytest.mark.parametrize(
    "who, expected",
    [
        ("manager", {"occupancy": 200, "pdf": 200, "asp": 200, "annual": 200, "index": 200}),
        ("accountant", {"occupancy": 200, "pdf": 403, "asp": 403, "annual": 403, "index": 200}),
        ("psychologist", {"occupancy": 403, "pdf": 403, "asp": 403, "annual": 403, "index": 403}),
        ("social_worker", {"occupancy": 403, "pdf": 403, "asp": 403, "annual": 403, "index": 403}),
        (
            "outsider_manager",
            {"occupancy": 404, "pdf": 404, "asp": 404, "annual": 404, "index": 404},
        ),
    ],
)
def test_who_opens_which_statement(who, expected, client_of, request, centre):
    client = client_of(request.getfixturevalue(who))
    urls = {
        "occupancy": f"{BASE}occupancy/{MARCH}",
        "pdf": f"{BASE}occupancy/pdf/{MARCH}",
        "asp": f"{BASE}asp/",
        "annual": f"{BASE}annual/",
        "index": BASE,
    }

    assert {name: client.get(url).status_code for name, url in urls.items()} == expected


@pytest.mark.parametrize("who", ["accountant", "outsider_manager", "psychologist"])
def test_only_the_manager_submits(who, client_of, request, centre, manager):
    client = client_of(request.getfixturevalue(who))

    answers = [
        client.post(f"{BASE}occupancy/submit/{MARCH}", {"submitted_to": "Община"}).status_code,
        client.post(f"{BASE}asp/submit/", {"submitted_to": "АСП"}).status_code,
    ]

    assert answers == [404, 404] if who.startswith("outsider") else [403, 403]
    assert not ReportSnapshot.objects.exists()


@pytest.mark.parametrize(
    "query",
    ["?year=abc&month=3", "?year=2026&month=13", "?year=1850&month=1", "?year=2026",
     "?year=2999&month=1", "?year=2026&month=%00"],
)  # fmt: skip
def test_a_bad_month_is_a_bulgarian_message_or_a_404(query, manager, client_of):
    client = client_of(manager)

    page = client.get(f"{BASE}occupancy/{query}")
    pdf = client.get(f"{BASE}occupancy/pdf/{query}")
    submit = client.post(f"{BASE}occupancy/submit/{query}", {"submitted_to": "Община"})

    assert page.status_code == 400
    assert "Проверете периода" in page.content.decode()
    assert (pdf.status_code, submit.status_code) == (404, 404)
    assert not ReportSnapshot.objects.exists()


def test_a_month_not_yet_begun_is_refused(manager, client_of):
    page = client_of(manager).get(f"{BASE}occupancy/?year=2026&month=12")

    assert "Месецът още не е започнал." in page.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ("?start=31.03.2026&end=01.03.2026", "Началото на периода е след края му."),
        ("?start=01.01.2024&end=31.03.2026", "Периодът е най-много една година."),
        ("?start=32.01.2026&end=31.03.2026", "Въведете дата във вида дд.мм.гггг"),
        ("?start=&end=", "Въведете началото на периода."),
    ],
)
def test_a_bad_asp_period_is_a_bulgarian_message(query, message, manager, client_of):
    page = client_of(manager).get(f"{BASE}asp/{query}")

    assert page.status_code == 400
    assert message in page.content.decode()


def test_the_occupancy_pdf_is_a_pdf_with_the_letterhead(manager, march, client_of):
    response = client_of(manager).get(f"{BASE}occupancy/pdf/{MARCH}")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_accountant_exports_the_statement_encrypted_and_downloads_it_once(
    accountant, march, client_of
):
    client = client_of(accountant)
    ready = client.post(f"{BASE}occupancy/export/{MARCH}").content.decode()

    content, password = download_export(client, ready)
    sheet = open_workbook(content, password).active
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0] == ("Дата", "Заети места", "Капацитет", "Свободни")
    assert [row[1] for row in rows[1:32]][9] == 3  # 10.03
    assert ("Потребителодни", 63, None, None) in rows
    log = ExportLog.objects.get()
    assert (log.kind, log.actor) == ("statutory", accountant)
    again = client.post(f"{BASE}download/", {"token": "x" * 20})
    assert again.status_code == 400
    assert "изтекла или вече е използвана" in again.content.decode()


def test_the_asp_workbook_decrypts_and_has_the_five_sheets(manager, psychologist, march, client_of):
    Membership.objects.filter(user=psychologist).update(created_at=at(date(2026, 1, 5)))
    Membership.objects.filter(user=manager).update(created_at=at(date(2025, 6, 1)))
    make_member(march["A"].centre, "social_worker")  # joined after March: not on the sheet
    client = client_of(manager)
    ready = client.post(f"{BASE}asp/export/?start=01.03.2026&end=31.03.2026").content.decode()

    content, password = download_export(client, ready)
    book = open_workbook(content, password)

    assert book.sheetnames == [
        "Дейности",
        "Персонал",
        "Потребители",
        "Договори",
        "Списък на чакащите",
    ]
    users = list(book["Потребители"].iter_rows(values_only=True))
    numbers = {row[0] for row in users[1:]}
    assert numbers == {march[label].number for label in "ABCD"} | _consultation_numbers(march)
    first = march["A"].primary_person
    row_a = next(row for row in users if row[0] == march["A"].number)
    assert row_a[1] == first.full_name
    staff = list(book["Персонал"].iter_rows(values_only=True))
    assert [(row[0], row[1], row[2]) for row in staff[1:]] == [
        ("Мария Петрова", "Управител", datetime(2025, 6, 1)),
        ("Елена Колева", "Психолог", datetime(2026, 1, 5)),
    ]
    waiting = list(book["Списък на чакащите"].iter_rows(values_only=True))
    assert len(waiting) == 1 + 3
    assert book["Договори"].max_row == 1  # headers only: no contract in March


def _consultation_numbers(march) -> set[str]:
    from opora.cases.enums import Track
    from opora.cases.models import Case

    centre_id = march["A"].centre_id
    return set(
        Case.objects.filter(centre_id=centre_id, track=Track.GENERAL).values_list(
            "number", flat=True
        )
    )
