"""The data subject's access request: a readable PDF of everything held, in an AES zip, for the
manager only; therapy notes she may not read are withheld and the file says so."""

import os
import re
import subprocess
from datetime import time
from pathlib import Path

import pytest
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import record_session
from opora.consultations.enums import SessionKind
from opora.core.sensitivity import Sensitivity
from opora.people.domain.person import add_relation
from opora.people.enums import RelationKind
from opora.privacy.enums import ExportKind
from opora.privacy.models import ExportLog
from tests.factories import PersonFactory
from tests.privacy.conftest import unzip
from tests.reviews.casework import working_case

THERAPY_NOTE = "Детето сподели травматичен спомен от лятото."
TEAM_NOTE = "Разговор за училището и приятелите."


@pytest.fixture
def child_case(centre, manager, psychologist):
    centre.capacity = 10
    centre.save()
    case = working_case(centre, manager, psychologist)
    child = case.primary_person
    mother = PersonFactory(centre=centre, first_name="Деяна", last_name="Маринова")
    add_relation(person=child, relative=mother, kind=RelationKind.MOTHER, actor=manager)
    for start, notes, level in (
        (time(8), TEAM_NOTE, Sensitivity.TEAM),
        (time(10), THERAPY_NOTE, Sensitivity.PSYCHOLOGISTS),
    ):
        record_session(
            case, actor=psychologist, data=_session(case, psychologist, start, notes, level)
        )
    return case


def _session(case, lead, start, notes, level) -> SessionData:
    return SessionData(
        kind=SessionKind.INDIVIDUAL_PSYCH, date=timezone.localdate(), start_time=start,
        duration_minutes=50, lead=lead, notes=notes, sensitivity=level,
        participants=(case.people.get(person=case.primary_person),),
    )  # fmt: skip


def url(person) -> str:
    return f"/c/{person.centre.slug}/privacy/people/{person.pk}/"


def request_file(client, person, reference="Вх. № 94 / 12.03.2026"):
    response = client.post(url(person), {"reference": reference})
    assert response.status_code == 200, response.content.decode()[:400]
    html = response.content.decode()
    password = re.search(r'class="export-password"[^>]*>([^<]+)<', html).group(1)
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    got = client.post(f"/c/{person.centre.slug}/privacy/download/", {"token": token})
    assert got.status_code == 200
    return got, password


def pdf_text(pdf: bytes, tmp_path) -> str:
    path = tmp_path / "spravka.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture
def file_text(child_case, manager, client_of, tmp_path):
    got, password = request_file(client_of(manager), child_case.primary_person)
    [(name, pdf)] = unzip(got.content, password).items()
    assert name.endswith(".pdf") and pdf.startswith(b"%PDF")
    if os.environ.get("OPORA_KEEP_PDF"):  # to look at the layout: pdftoppm -png -r 60
        Path(os.environ["OPORA_KEEP_PDF"]).write_bytes(pdf)
    return pdf_text(pdf, tmp_path)


def test_the_file_holds_the_person_the_relations_and_the_case_with_its_records(
    child_case, file_text
):
    text = " ".join(file_text.split())
    child = child_case.primary_person

    assert "Справка за лични данни" in text
    assert child.full_name in text
    assert "Деяна Маринова е майка на лицето" in text
    assert f"Случай {child_case.number}" in text
    for part in (
        "История на статуса",
        "Насочвания",
        "Планове (ИПП)",
        "Договори",
        "Срещи и консултации",
    ):
        assert part in text
    assert "Редовно посещение на училище" in text  # a goal of the plan
    assert TEAM_NOTE in text


def test_therapy_notes_the_manager_may_not_read_are_withheld_and_said_to_exist(file_text):
    text = " ".join(file_text.split())

    assert THERAPY_NOTE not in text
    assert "Удържани бележки: 1." in text
    assert "професионалната тайна" in text


def test_the_pages_are_numbered(file_text):
    assert re.search(r"\b1\s*/\s*\d+\b", file_text)


def test_the_file_lists_who_opened_the_persons_data(child_case, manager, client_of, tmp_path):
    client = client_of(manager)
    client.get(f"/c/harmanli/people/{child_case.primary_person.pk}/")

    got, password = request_file(client, child_case.primary_person)
    [pdf] = unzip(got.content, password).values()
    text = " ".join(pdf_text(pdf, tmp_path).split())

    assert "Достъп и действия с данните (одит)" in text
    assert "отвори лице" in text


def test_the_request_is_logged_and_audited_on_the_person(child_case, manager, client_of):
    person = child_case.primary_person

    request_file(client_of(manager), person)

    log = ExportLog.objects.get()
    assert (log.kind, log.actor, log.file_format) == (ExportKind.PERSON_DATA, manager, "pdf")
    assert log.rows > 10
    entry = AuditEntry.objects.get(action="export")
    assert (entry.object_type, entry.object_id) == ("people.person", str(person.pk))
    assert entry.changes["withheld_notes"] == 1
    assert entry.changes["reference"] == "Вх. № 94 / 12.03.2026"


def test_a_reference_too_long_is_refused_in_bulgarian(child_case, manager, client_of):
    response = client_of(manager).post(url(child_case.primary_person), {"reference": "№" * 101})

    assert response.status_code == 400
    assert "Номерът на искането е до 100 знака." in response.content.decode()
    assert not ExportLog.objects.exists()


def test_the_person_page_offers_the_request_to_the_manager_only(
    child_case, manager, psychologist, client_of
):
    person_url = f"/c/harmanli/people/{child_case.primary_person.pk}/"

    assert url(child_case.primary_person) in client_of(manager).get(person_url).content.decode()
    assert (
        url(child_case.primary_person)
        not in client_of(psychologist).get(person_url).content.decode()
    )


@pytest.mark.parametrize(
    ("who", "expected"),
    [("psychologist", 403), ("social_worker", 403), ("accountant", 403),
     ("outsider_manager", 404), ("outsider_psychologist", 404)],
)  # fmt: skip
def test_only_the_centres_manager_may_request_the_file(
    who, expected, child_case, client_of, request
):
    client = client_of(request.getfixturevalue(who))
    person = child_case.primary_person

    assert client.get(url(person)).status_code == expected
    assert client.post(url(person), {"reference": ""}).status_code == expected
    assert not ExportLog.objects.exists()


def test_another_centres_person_is_a_404_for_the_manager(manager, other_centre, client_of):
    foreign = PersonFactory(centre=other_centre)

    response = client_of(manager).get(f"/c/harmanli/privacy/people/{foreign.pk}/")

    assert response.status_code == 404


def test_the_file_lists_the_persons_records_in_other_registers(
    child_case, manager, psychologist, client_of, tmp_path
):
    from datetime import date
    from decimal import Decimal

    from opora.groups.domain.participants import enrol_participant
    from opora.groups.domain.programmes import ProgrammeData, create_programme

    programme = create_programme(
        child_case.centre,
        actor=manager,
        data=ProgrammeData(
            kind="parenting",
            title="Училище за родители",
            starts_on=date.today(),
            planned_hours=Decimal("12"),
            facilitators=(psychologist,),
        ),
    )
    enrol_participant(programme, actor=manager, person=child_case.primary_person)

    got, password = request_file(client_of(manager), child_case.primary_person)
    [pdf] = unzip(got.content, password).values()
    text = " ".join(pdf_text(pdf, tmp_path).split())

    assert "Други записи за лицето" in text
    assert "Училище за родители" in text
