"""The case list as an encrypted file: only the cases the user reads, one password shown once,
one download, logged and audited."""

import io
import re
import zipfile
from datetime import timedelta

import openpyxl
import pytest
from django.utils import timezone

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.centres.enums import TargetGroup
from opora.privacy.enums import ExportKind
from opora.privacy.models import ExportLog
from tests.factories import PersonFactory, make_case
from tests.privacy.conftest import decrypt_xlsx, unzip

EXPORT = "/c/harmanli/privacy/export/cases/"
DOWNLOAD = "/c/harmanli/privacy/download/"


@pytest.fixture
def roomy(centre):
    centre.capacity = 20
    centre.save()
    return centre


@pytest.fixture
def cases(roomy, manager, psychologist, social_worker):
    """The psychologist leads one case; the social worker leads another she may not read."""
    own = make_case(
        roomy, manager, CaseStatus.ACTIVE, case_manager=psychologist,
        person=PersonFactory(centre=roomy, first_name="Калина", last_name="Маринова"),
    )  # fmt: skip
    other = make_case(
        roomy, manager, CaseStatus.ASSESSMENT, case_manager=social_worker,
        person=PersonFactory(centre=roomy, first_name="Борис", last_name="Янев"),
    )  # fmt: skip
    closed = make_case(
        roomy, manager, CaseStatus.CLOSED, case_manager=psychologist,
        person=PersonFactory(centre=roomy, first_name="Цвета", last_name="Игнатова"),
    )  # fmt: skip
    return {"own": own, "other": other, "closed": closed}


def ready_page(client, query="", file_format="xlsx"):
    response = client.post(f"{EXPORT}?{query}", {"file_format": file_format})
    assert response.status_code == 200, response.content.decode()[:500]
    html = response.content.decode()
    password = re.search(r'class="export-password"[^>]*>([^<]+)<', html).group(1)
    token = re.search(r'name="token" value="([^"]+)"', html).group(1)
    return response, password, token


def download(client, token):
    return client.post(DOWNLOAD, {"token": token})


def sheet_rows(content: bytes, password: str) -> list[tuple]:
    return list(openpyxl.load_workbook(decrypt_xlsx(content, password)).active.values)


def test_the_psychologists_file_holds_exactly_the_cases_she_reads(cases, psychologist, client_of):
    client = client_of(psychologist)

    _response, password, token = ready_page(client, "status=all")
    got = download(client, token)

    assert got.status_code == 200
    assert got["Content-Disposition"].startswith('attachment; filename="sluchai-')
    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(io.BytesIO(got.content))
    rows = sheet_rows(got.content, password)
    assert rows[0][:2] == ("Номер", "Потребител")
    assert sorted(row[0] for row in rows[1:]) == sorted(
        [cases["own"].number, cases["closed"].number]
    )
    assert not any("Борис Янев" in str(cell) for row in rows for cell in row)


def test_a_row_has_the_columns_of_the_list_and_no_notes(cases, psychologist, client_of):
    client = client_of(psychologist)
    case = cases["own"]

    _response, password, token = ready_page(client)
    rows = sheet_rows(download(client, token).content, password)

    assert len(rows) == 2  # the header and the one open case she reads
    number, name, age, status, manager, registered, opened, closed, groups = rows[1]
    assert (number, name, status) == (case.number, "Калина Маринова", "Активен")
    assert manager == psychologist.get_full_name()
    assert age == case.primary_person.age
    assert registered.date() == timezone.localtime(case.registered_at).date()
    assert opened is not None and closed is None
    assert groups == TargetGroup.RISK_CHILD.label


def test_the_managers_file_holds_every_case_of_the_centre_and_none_of_another(
    cases, manager, other_centre, outsider_manager, client_of
):
    foreign = make_case(other_centre, outsider_manager)

    _response, password, token = ready_page(client_of(manager), "status=all")
    rows = sheet_rows(download(client_of(manager), token).content, password)

    numbers = {row[0] for row in rows[1:]}
    assert numbers == {c.number for c in cases.values()}
    assert foreign.primary_person.full_name not in str(rows)


def test_the_list_filters_apply_to_the_file(cases, manager, client_of):
    client = client_of(manager)

    _response, password, token = ready_page(client, f"status={CaseStatus.CLOSED}")
    rows = sheet_rows(download(client, token).content, password)

    assert [row[0] for row in rows[1:]] == [cases["closed"].number]


def test_the_csv_comes_as_an_aes_zip_with_excels_bom(cases, psychologist, client_of):
    client = client_of(psychologist)

    _response, password, token = ready_page(client, file_format="csv")
    got = download(client, token)

    assert got["Content-Type"] == "application/zip"
    files = unzip(got.content, password)
    [text] = files.values()
    lines = text.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Номер;Потребител;Възраст;Статус")
    assert len(lines) == 2 and "Калина Маринова" in lines[1]


def test_the_password_is_shown_once_and_stored_nowhere(cases, psychologist, client_of):
    client = client_of(psychologist)

    response, password, token = ready_page(client)

    assert "Съобщете паролата по друг канал" in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    log = ExportLog.objects.get()
    stored = [str(value) for value in ExportLog.objects.values().get().values()]
    stored += [str(entry.changes) for entry in AuditEntry.objects.all()]
    assert not any(password in value or token in value for value in stored)
    assert client.get(DOWNLOAD).content.decode().count(password) == 0
    assert log.token_hash and log.token_hash != token


def test_the_export_is_logged_and_audited_with_what_how_many_and_the_format(
    cases, psychologist, client_of
):
    client = client_of(psychologist)

    ready_page(client, "status=all")

    log = ExportLog.objects.get()
    assert (log.actor, log.kind, log.rows, log.file_format) == (
        psychologist, ExportKind.CASE_LIST, 2, "xlsx",
    )  # fmt: skip
    assert log.description == "Списък на случаите: всички статуси"
    entry = AuditEntry.objects.get(action="export")
    assert entry.actor == psychologist
    assert entry.changes["rows"] == 2 and entry.changes["format"] == "xlsx"
    assert entry.changes["what"] == "case_list"


def test_a_download_link_works_once(
    cases, psychologist, client_of, export_dir, django_capture_on_commit_callbacks
):
    client = client_of(psychologist)
    _response, _password, token = ready_page(client)

    with django_capture_on_commit_callbacks(execute=True):
        first, second = download(client, token), download(client, token)

    assert first.status_code == 200
    assert second.status_code == 400
    assert "Връзката за изтегляне е изтекла или вече е използвана" in second.content.decode()
    assert list(export_dir.iterdir()) == []
    assert ExportLog.objects.get().downloaded_at is not None
    assert AuditEntry.objects.filter(action="export.download").count() == 1


def test_an_expired_link_gives_nothing(cases, psychologist, client_of):
    client = client_of(psychologist)
    _response, _password, token = ready_page(client)
    ExportLog.objects.update(expires_at=timezone.now() - timedelta(seconds=1))

    got = download(client, token)

    assert got.status_code == 400
    assert "изтекла" in got.content.decode()


def test_another_member_of_staff_cannot_use_someone_elses_link(
    cases, psychologist, manager, client_of
):
    _response, _password, token = ready_page(client_of(psychologist))

    got = download(client_of(manager), token)

    assert got.status_code == 400
    assert ExportLog.objects.get().downloaded_at is None


def test_an_outsider_cannot_use_a_link_of_this_centre(
    cases, psychologist, outsider_manager, client_of
):
    _response, _password, token = ready_page(client_of(psychologist))

    assert download(client_of(outsider_manager), token).status_code == 404
    assert (
        client_of(outsider_manager)
        .post("/c/haskovo/privacy/download/", {"token": token})
        .status_code
        == 400
    )


def test_a_format_that_is_not_offered_is_refused_in_bulgarian(cases, psychologist, client_of):
    response = client_of(psychologist).post(EXPORT, {"file_format": "pdf"})

    assert response.status_code == 400
    assert "Изберете XLSX или CSV." in response.content.decode()
    assert not ExportLog.objects.exists()


def test_the_page_says_how_many_rows_the_file_will_have(cases, psychologist, client_of):
    html = client_of(psychologist).get(f"{EXPORT}?status=all").content.decode()

    assert "2 случая" in html
    assert "Списък на случаите: всички статуси" in html


@pytest.mark.parametrize("who", ["accountant", "outsider_manager", "outsider_psychologist"])
def test_who_may_not_export(who, cases, client_of, request):
    client = client_of(request.getfixturevalue(who))
    expected = 403 if who == "accountant" else 404

    assert client.get(EXPORT).status_code == expected
    assert client.post(EXPORT, {"file_format": "xlsx"}).status_code == expected
    assert client.get(DOWNLOAD).status_code == expected
    assert not ExportLog.objects.exists()


def test_the_case_list_offers_the_export_to_case_workers_only(
    cases, psychologist, manager, client_of
):
    for user in (psychologist, manager):
        html = client_of(user).get("/c/harmanli/cases/?status=all").content.decode()
        assert f"{EXPORT}?status=all" in html
