"""Retention erases a case's files with its text; the access file lists a person's files."""

import io

from django.core.management import call_command

from opora.attachments.domain.attachments import add_attachment
from opora.attachments.enums import AttachmentKind
from opora.attachments.models import Attachment
from opora.core.sensitivity import Sensitivity
from opora.privacy.domain.erasure import ERASED
from opora.privacy.domain.person_data import gather_person_data
from opora.privacy.models import Anonymisation
from tests.attachments.conftest import files_in
from tests.attachments.records import letter
from tests.attachments.samples import pdf_bytes, png_bytes, upload
from tests.privacy.retention_records import worked_and_closed


def _roomy(centre):
    centre.capacity = 20
    centre.save()
    return centre


def test_retention_erases_the_files_and_text_of_a_due_case_and_of_its_anonymised_child(
    centre, manager, psychologist, folder, django_capture_on_commit_callbacks
):
    due = worked_and_closed(_roomy(centre), manager, psychologist, years=11)
    on_case = add_attachment(due, actor=psychologist, upload=upload(pdf_bytes()), data=letter())
    on_child = add_attachment(
        due.primary_person,
        actor=psychologist,
        upload=upload(png_bytes(), "акт.png", "image/png"),
        data=letter(kind=AttachmentKind.PHOTO, title="Акт за раждане"),
    )
    assert len(files_in(folder)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", "--centre", "harmanli", stdout=io.StringIO())

    assert files_in(folder) == []
    assert Anonymisation.objects.filter(person=due.primary_person).exists()
    for attachment in (on_case, on_child):
        attachment.refresh_from_db()
        assert attachment.title == ERASED and attachment.original_name == ERASED
        assert attachment.storage_key == "" and attachment.removed_at is not None
        assert attachment.kind and attachment.document_date  # the fact stays for statistics
    assert "Акт за раждане" not in str(list(Attachment.objects.values()))


def test_the_access_file_lists_the_files_and_withholds_the_restricted_ones(
    team_case, psychologist, manager
):
    child = team_case.primary_person
    add_attachment(team_case, actor=psychologist, upload=upload(pdf_bytes()), data=letter())
    add_attachment(
        team_case,
        actor=psychologist,
        upload=upload(png_bytes(), "рисунка.png", "image/png"),
        data=letter(title="Рисунка от терапията", sensitivity=Sensitivity.PSYCHOLOGISTS),
    )
    add_attachment(
        child,
        actor=psychologist,
        upload=upload(png_bytes(), "акт.png", "image/png"),
        data=letter(kind=AttachmentKind.PHOTO, title="Акт за раждане"),
    )

    data = gather_person_data(child, reader=manager)

    (case_file,) = data.cases
    part = next(p for p in case_file.parts if p.title == "Прикачени файлове")
    texts = [str(entry.facts) for entry in part.entries]
    assert any("Писмо от ДСП за справка" in text for text in texts)
    assert not any("Рисунка от терапията" in text for text in texts)
    assert [entry.withheld for entry in part.entries] == [False, True]
    assert data.withheld_notes >= 1
    other = [entry for entry in data.other if entry.title.startswith("Прикачен файл")]
    assert len(other) == 1 and "Акт за раждане" in str(other[0].facts)
