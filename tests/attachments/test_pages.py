"""The lists and panels: a fixed number of queries whatever the number of files; the person page."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.attachments.domain.attachments import add_attachment
from opora.attachments.enums import AttachmentKind
from opora.core.sensitivity import Sensitivity
from tests.attachments.records import letter
from tests.attachments.samples import pdf_bytes, png_bytes, upload


def _add(subject, actor, count: int, **overrides) -> None:
    for number in range(count):
        data = letter(title=f"Писмо № {number}", **overrides)
        add_attachment(subject, actor=actor, upload=upload(pdf_bytes()), data=data)


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_case_list_and_page_run_the_same_queries_for_1_and_12_files(
    team_case, psychologist, social_worker, client_of
):
    client = client_of(social_worker)
    pages = [f"/c/harmanli/cases/{team_case.pk}/attachments/", f"/c/harmanli/cases/{team_case.pk}/"]
    _add(team_case, psychologist, 1)
    one = [_queries(client, url) for url in pages]
    # Past the panel's size, with authors and restricted ones among them.
    _add(team_case, social_worker, 6)
    _add(team_case, psychologist, 5, sensitivity=Sensitivity.PSYCHOLOGISTS)
    many = [_queries(client, url) for url in pages]

    assert many[0] == one[0]
    assert many[1] <= one[1] + 1  # the panel counts the files once it is full


def test_the_case_page_panel_links_to_every_file_past_its_size(team_case, psychologist, client_of):
    _add(team_case, psychologist, 10)

    html = client_of(psychologist).get(f"/c/harmanli/cases/{team_case.pk}/").content.decode()

    assert "Всички прикачени файлове (10)" in html
    assert html.count('data-testid="attachment-row"') == 8


def test_the_person_page_shows_the_persons_own_files(team_case, social_worker, client_of):
    child = team_case.primary_person
    add_attachment(
        child,
        actor=social_worker,
        upload=upload(png_bytes(), "акт.png", "image/png"),
        data=letter(kind=AttachmentKind.PHOTO, title="Акт за раждане"),
    )

    html = client_of(social_worker).get(f"/c/harmanli/people/{child.pk}/").content.decode()

    assert 'data-testid="attachments-panel"' in html
    assert "Акт за раждане" in html
    assert f"/c/harmanli/people/{child.pk}/attachments/new/" in html


def test_the_accountants_dashboard_names_no_file(team_case, psychologist, accountant, client_of):
    _add(team_case, psychologist, 1)

    html = client_of(accountant).get("/c/harmanli/").content.decode()

    assert "Писмо № 0" not in html
