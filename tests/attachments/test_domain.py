"""The writes: a file on disk only with its row, the description changed, removal erasing the file."""

import pytest
from django.db import DatabaseError

from opora.attachments import storage
from opora.attachments.domain import attachments as domain
from opora.attachments.domain.attachments import add_attachment, remove_attachment
from opora.attachments.models import Attachment
from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from tests.attachments.conftest import files_in
from tests.attachments.records import description_fields, letter
from tests.attachments.samples import pdf_bytes, upload


@pytest.fixture
def scan(team_case, psychologist):
    return add_attachment(team_case, actor=psychologist, upload=upload(pdf_bytes()), data=letter())


def test_when_the_audit_entry_fails_the_file_already_written_is_removed(
    team_case, psychologist, folder, monkeypatch
):
    def broken(**kwargs):
        raise DatabaseError("the audit table is locked")

    monkeypatch.setattr(domain, "record", broken)

    with pytest.raises(DatabaseError):
        add_attachment(team_case, actor=psychologist, upload=upload(pdf_bytes()), data=letter())

    assert not Attachment.objects.exists()
    assert files_in(folder) == []


def test_when_the_row_cannot_be_written_no_file_stays(team_case, psychologist, folder, monkeypatch):
    def refused(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Attachment, "save", refused)

    with pytest.raises(DatabaseError):
        add_attachment(team_case, actor=psychologist, upload=upload(pdf_bytes()), data=letter())

    assert files_in(folder) == []


def test_a_file_that_fails_half_way_to_disk_leaves_nothing(folder):
    def chunks():
        yield b"%PDF-1.4 first part"
        raise OSError("no space left on device")

    with pytest.raises(OSError):
        storage.save(chunks())

    assert files_in(folder) == []


def test_removal_keeps_the_row_and_erases_the_file_after_the_commit(
    scan, psychologist, folder, django_capture_on_commit_callbacks
):
    (stored,) = files_in(folder)

    with django_capture_on_commit_callbacks(execute=True):
        remove_attachment(scan, actor=psychologist, reason="Грешен случай.")

    scan.refresh_from_db()
    assert scan.removed_by == psychologist and scan.removed_at
    assert scan.removed_reason == "Грешен случай."
    assert scan.storage_key == ""
    assert not stored.exists()
    entry = AuditEntry.objects.get(action="attachment.remove")
    assert entry.changes == {"reason": "променено"}


def test_a_removal_that_rolls_back_keeps_the_file(scan, psychologist, folder, monkeypatch):
    def broken(**kwargs):
        raise DatabaseError("the audit table is locked")

    monkeypatch.setattr(domain, "record", broken)

    with pytest.raises(DatabaseError):
        remove_attachment(scan, actor=psychologist, reason="Грешен случай.")

    scan.refresh_from_db()
    assert scan.removed_at is None
    assert len(files_in(folder)) == 1


def test_a_removal_needs_a_reason_and_happens_once(scan, psychologist):
    with pytest.raises(DomainError, match="Напишете защо"):
        remove_attachment(scan, actor=psychologist, reason="  ")
    remove_attachment(scan, actor=psychologist, reason="Дубликат.")

    with pytest.raises(DomainError, match="вече е премахнат"):
        remove_attachment(scan, actor=psychologist, reason="Дубликат.")


def test_removing_through_the_page_shows_the_row_as_removed(
    scan, social_worker, client_of, folder, django_capture_on_commit_callbacks
):
    client = client_of(social_worker)
    url = f"/c/harmanli/attachments/{scan.pk}/remove/"

    empty = client.post(url, {"reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url, {"reason": "Сканирано на грешен случай."})
    page = client.get(f"/c/harmanli/cases/{scan.case_id}/").content.decode()

    assert empty.status_code == 400
    assert "Напишете защо файлът се премахва." in empty.content.decode()
    assert done.status_code == 302
    assert "Премахнат" in page and "Сканирано на грешен случай." in page
    assert files_in(folder) == []
    assert client.get(f"/c/harmanli/attachments/{scan.pk}/file/").status_code == 404


def test_editing_the_description_is_audited_without_the_text(scan, social_worker, client_of):
    response = client_of(social_worker).post(
        f"/c/harmanli/attachments/{scan.pk}/edit/",
        description_fields(sensitivity="manager", note="Лична бележка"),
    )

    assert response.status_code == 302
    scan.refresh_from_db()
    assert (scan.title, scan.sensitivity) == ("Писмо от ДСП – уточнение", "manager")
    changes = AuditEntry.objects.get(action="attachment.update").changes
    assert changes["title"] == "променено" and changes["note"] == "променено"
    assert changes["sensitivity"] == "manager"
    assert "Лична бележка" not in str(changes)


def test_an_edit_with_a_bad_date_changes_nothing(scan, social_worker, client_of):
    response = client_of(social_worker).post(
        f"/c/harmanli/attachments/{scan.pk}/edit/", description_fields(document_date="32.13.2026")
    )

    assert response.status_code == 400
    assert "Въведете дата във вида дд.мм.гггг" in response.content.decode()
    scan.refresh_from_db()
    assert scan.title == "Писмо от ДСП за справка"
    assert not AuditEntry.objects.filter(action="attachment.update").exists()


def test_opening_the_lists_and_the_edit_page_is_audited(scan, psychologist, client_of):
    client = client_of(psychologist)

    client.get(f"/c/harmanli/cases/{scan.case_id}/attachments/")
    client.get(f"/c/harmanli/attachments/{scan.pk}/edit/")

    actions = list(
        AuditEntry.objects.filter(action__startswith="attachment.")
        .exclude(action="attachment.add")
        .order_by("id")
        .values_list("action", "case_id_copy")
    )
    assert actions == [
        ("attachment.list.view", scan.case_id),
        ("attachment.edit.view", scan.case_id),
    ]
