"""„Статистика“ pages: the period form, the tables, the encrypted export, snapshots, roll-ups."""

import io
import re

import msoffcrypto
import openpyxl
import pytest

from opora.accounts.enums import Role
from opora.oversight.domain.access import grant_oversight
from opora.privacy.models import ExportLog
from opora.reporting.models import ReportSnapshot
from tests.factories import CentreFactory, UserFactory, make_member
from tests.reporting.world import build_world

pytestmark = pytest.mark.django_db
APRIL = {"start": "01.04.2026", "end": "30.04.2026"}
URL = "/c/harmanli/reports/"


@pytest.fixture
def world(centre, manager):
    return build_world(centre, manager)


def _decrypt(content: bytes, password: str):
    office = msoffcrypto.OfficeFile(io.BytesIO(content))
    office.load_key(password=password)
    plain = io.BytesIO()
    office.decrypt(plain)
    return openpyxl.load_workbook(plain).active


def test_the_manager_sees_the_tables_with_their_totals(world, client_of, manager):
    response = client_of(manager).get(URL, APRIL)
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="total-track">7<' in page
    assert "Как се броят" in page and "01.04.2026 – 30.04.2026" in page


def test_a_quick_choice_and_no_query_pick_a_period(world, client_of, manager):
    client = client_of(manager)
    assert client.get(URL).status_code == 200
    response = client.get(URL, {"quick": "last_month"})
    assert response.status_code == 200 and "Миналия месец" in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ({"start": "31.04.2026", "end": "30.04.2026"}, "Въведете дата във вида дд.мм.гггг"),
        ({"start": "30.04.2026", "end": "01.04.2026"}, "Началото на периода е след края му."),
        ({"start": "01.04.2026"}, "Въведете начална и крайна дата на периода."),
        ({"start": "01.01.1990", "end": "01.01.2026"}, "Периодът е твърде дълъг"),
        ({"quick": "forever"}, "Бърз избор:"),
    ],
)
def test_bad_periods_get_a_bulgarian_message_not_a_500(world, client_of, manager, query, message):
    response = client_of(manager).get(URL, query)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_accountant_sees_figures_case_workers_are_refused_other_centres_get_404(
    world, client_of, accountant, psychologist, social_worker, outsider_manager
):
    seen = client_of(accountant).get(URL, APRIL)
    assert seen.status_code == 200 and "Запази като подаден отчет" not in seen.content.decode()
    assert client_of(accountant).post(f"{URL}snapshots/take/", APRIL).status_code == 403
    assert client_of(psychologist).get(URL, APRIL).status_code == 403
    assert client_of(social_worker).get(f"{URL}snapshots/").status_code == 403
    assert client_of(outsider_manager).get(URL, APRIL).status_code == 404
    assert client_of(outsider_manager).post(f"{URL}snapshots/take/", APRIL).status_code == 404
    assert not ReportSnapshot.objects.exists()


def test_the_export_is_encrypted_downloaded_once_and_holds_the_rows(world, client_of, manager):
    client = client_of(manager)
    ready = client.post(f"{URL}export/", {**APRIL, "file_format": "xlsx"})
    page = ready.content.decode()
    password = re.search(r'data-testid="export-password">([^<]+)<', page).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    download = client.post(f"{URL}download/", {"token": token})
    assert download.status_code == 200
    rows = [list(row) for row in _decrypt(download.content, password).iter_rows(values_only=True)]
    assert rows[0] == ["Обхват", "Раздел", "Показател", "Брой"]
    assert [world.centre.name, "Потребители по вид услуга", "Общо", 7] in rows
    assert [world.centre.name, "Потребители по възраст", "14–18 г.", 2] in rows
    assert ExportLog.objects.get().kind == "statistics"
    again = client.post(f"{URL}download/", {"token": token})
    assert again.status_code == 400 and "вече е използвана" in again.content.decode()


def test_a_csv_export_is_a_zip(world, client_of, accountant):
    ready = client_of(accountant).post(f"{URL}export/", {**APRIL, "file_format": "csv"})
    assert ready.status_code == 200
    assert ExportLog.objects.get().file_name == "statistika-2026-04-01-2026-04-30.zip"


def test_a_saved_report_is_listed_and_rechecked(world, client_of, manager):
    client = client_of(manager)
    saved = client.post(f"{URL}snapshots/take/", {**APRIL, "submitted_to": "Община Харманли"})
    snapshot = ReportSnapshot.objects.get()
    assert saved.status_code == 302 and saved.url.endswith(f"?snapshot={snapshot.pk}")
    assert "Община Харманли" in client.get(f"{URL}snapshots/").content.decode()
    detail = client.get(f"{URL}snapshots/", {"snapshot": snapshot.pk, "check": "1"})
    assert 'data-testid="identical"' in detail.content.decode()
    assert client.get(f"{URL}snapshots/", {"snapshot": "9x"}).status_code == 404


def test_another_centres_snapshot_is_a_404(
    world, client_of, manager, other_centre, outsider_manager
):
    client_of(outsider_manager).post("/c/haskovo/reports/snapshots/take/", APRIL)
    theirs = ReportSnapshot.objects.get(centre=other_centre)
    assert client_of(manager).get(f"{URL}snapshots/", {"snapshot": theirs.pk}).status_code == 404


# Roll-ups for officials


@pytest.fixture
def officials(sysadmin):
    harmanli = UserFactory(username="obshtina.harmanli")
    grant_oversight(harmanli, actor=sysadmin, municipality="Харманли")
    dragoman = UserFactory(username="obshtina.dragoman")
    grant_oversight(dragoman, actor=sysadmin, municipality="Драгоман")
    return {"harmanli": harmanli, "dragoman": dragoman}


def test_an_official_sees_her_municipality_suppressed_and_never_another(
    world, officials, client_of
):
    dragoman = CentreFactory(slug="dragoman", name="ЦОП Драгоман", municipality="Драгоман")
    make_member(dragoman, Role.MANAGER, username="dragoman.manager")
    page = client_of(officials["harmanli"]).get("/oversight/reports/", APRIL).content.decode()
    assert "Община Харманли" in page and "Драгоман" not in page
    assert 'data-testid="total-track">7<' in page
    assert "&lt; 5" in page  # e.g. the two children of 14–18
    other = client_of(officials["dragoman"]).get("/oversight/reports/", APRIL).content.decode()
    assert 'data-testid="total-track">0<' in other and "Харманли" not in other


def test_staff_get_404_on_the_rollups(world, client_of, manager, accountant):
    assert client_of(manager).get("/oversight/reports/").status_code == 404
    assert (
        client_of(accountant).post("/oversight/reports/snapshots/take/", APRIL).status_code == 404
    )


def test_an_official_exports_and_saves_a_rollup(world, officials, client_of):
    client = client_of(officials["harmanli"])
    ready = client.post("/oversight/reports/export/", {**APRIL, "file_format": "xlsx"})
    page = ready.content.decode()
    password = re.search(r'data-testid="export-password">([^<]+)<', page).group(1)
    token = re.search(r'name="token" value="([^"]+)"', page).group(1)
    sheet = _decrypt(
        client.post("/oversight/reports/download/", {"token": token}).content, password
    )
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert ["Община Харманли", "Потребители по възраст", "14–18 г.", "< 5"] in rows
    assert ExportLog.objects.get().centre is None
    saved = client.post("/oversight/reports/snapshots/take/", {**APRIL, "submitted_to": "МТСП"})
    snapshot = ReportSnapshot.objects.get()
    assert saved.status_code == 302 and snapshot.centre is None and snapshot.rollup
    assert (
        client_of(officials["dragoman"])
        .get("/oversight/reports/snapshots/", {"snapshot": snapshot.pk})
        .status_code
        == 404
    )
