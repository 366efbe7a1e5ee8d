"""Who gets a file: the team of the case (at the file's sensitivity), never a colleague off the
team, the accountant or another centre; every answer with the file is audited and never cached."""

import pytest

from opora.attachments.domain.attachments import add_attachment
from opora.audit.models import AuditEntry
from opora.cases.domain.access_requests import grant_case_access, request_case_access
from opora.core.sensitivity import Sensitivity
from tests.attachments.records import letter, upload_fields
from tests.attachments.samples import pdf_bytes, png_bytes, upload


@pytest.fixture
def scan(team_case, psychologist):
    return add_attachment(team_case, actor=psychologist, upload=upload(pdf_bytes()), data=letter())


@pytest.fixture
def therapy_note(team_case, psychologist):
    """A psychologists-only file on the team case."""
    return add_attachment(
        team_case,
        actor=psychologist,
        upload=upload(png_bytes(), "рисунка.png", "image/png"),
        data=letter(title="Рисунка от терапията", sensitivity=Sensitivity.PSYCHOLOGISTS),
    )


def _file(attachment, slug: str = "harmanli") -> str:
    return f"/c/{slug}/attachments/{attachment.pk}/file/"


def test_a_team_member_downloads_the_same_bytes_as_an_attachment(scan, social_worker, client_of):
    response = client_of(social_worker).get(_file(scan))

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == pdf_bytes()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    entry = AuditEntry.objects.filter(action="attachment.view").get()
    assert entry.actor == social_worker
    assert entry.case_id_copy == scan.case_id
    assert entry.changes == {"inline": False, "on_team": True}


def test_a_pdf_opens_inline_when_asked(scan, psychologist, client_of):
    response = client_of(psychologist).get(_file(scan) + "?inline=1")

    assert response["Content-Disposition"].startswith("inline;")
    assert "script-src" not in response["Content-Security-Policy"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert AuditEntry.objects.get(action="attachment.view").changes["inline"] is True


def test_a_text_file_is_never_shown_inline(team_case, psychologist, client_of):
    text = add_attachment(
        team_case,
        actor=psychologist,
        upload=upload(b"plain words", "a.txt", "text/plain"),
        data=letter(),
    )

    response = client_of(psychologist).get(_file(text) + "?inline=1")

    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("who", ["outsider_manager", "outsider_psychologist"])
def test_another_centre_gets_404_and_nothing_is_recorded(who, scan, client_of, request):
    client = client_of(request.getfixturevalue(who))

    answers = [
        client.get(_file(scan)).status_code,
        client.get(_file(scan, "haskovo")).status_code,
        client.get(f"/c/harmanli/attachments/{scan.pk}/edit/").status_code,
        client.get(f"/c/haskovo/cases/{scan.case_id}/attachments/").status_code,
    ]

    assert answers == [404, 404, 404, 404]
    assert not AuditEntry.objects.filter(action__startswith="attachment.view").exists()


def test_a_colleague_off_the_team_gets_404(scan, bystander, client_of):
    client = client_of(bystander)

    answers = [
        client.get(_file(scan)).status_code,
        client.get(f"/c/harmanli/attachments/{scan.pk}/edit/").status_code,
        client.post(f"/c/harmanli/attachments/{scan.pk}/remove/", {"reason": "х"}).status_code,
        client.get(f"/c/harmanli/cases/{scan.case_id}/attachments/").status_code,
    ]

    assert answers == [404, 404, 404, 404]
    scan.refresh_from_db()
    assert scan.removed_at is None


def test_the_accountant_is_refused_every_file_page(scan, accountant, client_of):
    client = client_of(accountant)

    answers = [
        client.get(_file(scan)).status_code,
        client.get(f"/c/harmanli/cases/{scan.case_id}/attachments/").status_code,
        client.get(f"/c/harmanli/cases/{scan.case_id}/attachments/new/").status_code,
    ]

    assert answers == [403, 403, 403]


def test_a_restricted_file_is_listed_without_its_title_to_a_team_member_without_the_level(
    scan, therapy_note, team_case, social_worker, client_of
):
    client = client_of(social_worker)

    page = client.get(f"/c/harmanli/cases/{team_case.pk}/").content.decode()
    listing = client.get(f"/c/harmanli/cases/{team_case.pk}/attachments/").content.decode()

    for html in (page, listing):
        assert "Прикачен файл с ограничен достъп" in html
        assert "Рисунка от терапията" not in html
        assert f"/attachments/{therapy_note.pk}/file/" not in html
        assert scan.title in html
    assert client.get(_file(therapy_note)).status_code == 404
    assert client.get(f"/c/harmanli/attachments/{therapy_note.pk}/edit/").status_code == 404


def test_the_psychologist_on_the_team_reads_the_restricted_file(
    therapy_note, team_case, psychologist, manager, client_of
):
    html = client_of(psychologist).get(f"/c/harmanli/cases/{team_case.pk}/").content.decode()

    assert "Рисунка от терапията" in html
    assert client_of(psychologist).get(_file(therapy_note)).status_code == 200
    # The manager reads the team's and her own level, not the therapists' (core.sensitivity).
    assert client_of(manager).get(_file(therapy_note)).status_code == 404


def test_the_timeline_shows_a_restricted_file_only_as_a_fact(
    therapy_note, team_case, social_worker, psychologist, client_of
):
    url = f"/c/harmanli/cases/{team_case.pk}/timeline/"

    for_worker = client_of(social_worker).get(url).content.decode()
    for_psychologist = client_of(psychologist).get(url).content.decode()

    assert "Прикачен файл: Писмо от институция" in for_worker
    assert "Рисунка от терапията" not in for_worker
    assert "Рисунка от терапията" in for_psychologist


def test_a_grant_holder_reads_the_files_but_does_not_change_them(
    scan, team_case, bystander, manager, client_of
):
    asked = request_case_access(team_case, actor=bystander, reason="Замествам колегата.")
    grant_case_access(asked, actor=manager)
    client = client_of(bystander)

    assert client.get(_file(scan)).status_code == 200
    assert client.get(f"/c/harmanli/cases/{team_case.pk}/attachments/new/").status_code == 403
    assert client.get(f"/c/harmanli/attachments/{scan.pk}/edit/").status_code == 403


def test_a_persons_files_follow_the_person(team_case, social_worker, bystander, client_of):
    child = team_case.primary_person
    url = f"/c/harmanli/people/{child.pk}/attachments/new/"

    posted = client_of(social_worker).post(url, _fields())
    listing = f"/c/harmanli/people/{child.pk}/attachments/"

    assert posted.status_code == 302
    (attachment,) = child.attachments.all()
    assert attachment.case_id is None
    assert "Удостоверение" in client_of(social_worker).get(listing).content.decode()
    assert client_of(social_worker).get(_file(attachment)).status_code == 200
    # The child is on a case the bystander does not work on: she does not open the child.
    assert client_of(bystander).get(_file(attachment)).status_code == 404
    assert client_of(bystander).get(listing).status_code == 404


def _fields() -> dict:
    return upload_fields(title="Удостоверение за раждане")
