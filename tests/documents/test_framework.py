"""The framework: numbering per centre and year, the reprint under the same number, the register,
the centre's own layouts (checked, previewed, reset), and the DOCX converter."""

import io

import docx
import pytest
from django.utils import timezone

from opora.accounts.enums import Role
from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.documents.models import DocumentTemplate, IssuedDocument
from opora.documents.output.docx import render_docx
from tests.documents.helpers import document_url, issue, text_of
from tests.factories import PersonFactory, make_case, make_member

YEAR = timezone.localdate().year

pytestmark = pytest.mark.usefixtures("provider")


@pytest.fixture
def refused(centre, manager):
    return [
        make_case(
            centre,
            manager,
            CaseStatus.REFUSED,
            person=PersonFactory(centre=centre, first_name=name),
        )
        for name in ("Ана", "Борис", "Вела")
    ]


def test_numbers_are_consecutive_per_centre_and_year(
    centre, other_centre, manager, outsider_manager, client_of, refused
):
    client = client_of(manager)
    for case in refused:
        issue(client, centre, "refusal", case.pk)
    elsewhere = make_case(other_centre, outsider_manager, CaseStatus.REFUSED)
    issue(client_of(outsider_manager), other_centre, "refusal", elsewhere.pk)

    ours = IssuedDocument.objects.filter(centre=centre).order_by("issued_at")
    assert [d.number for d in ours] == [f"1/{YEAR}", f"2/{YEAR}", f"3/{YEAR}"]
    assert IssuedDocument.objects.get(centre=other_centre).number == f"1/{YEAR}"


def test_a_second_issue_of_the_same_subject_gets_the_next_number(
    centre, manager, client_of, refused
):
    client = client_of(manager)

    first = issue(client, centre, "refusal", refused[0].pk)
    second = issue(client, centre, "refusal", refused[0].pk, "docx")

    assert f"№ 1/{YEAR}" in text_of(first)
    assert f"№ 2/{YEAR}" in text_of(second)


def test_downloading_again_keeps_the_number_and_is_audited_as_a_print(
    centre, manager, client_of, refused
):
    client = client_of(manager)
    issue(client, centre, "refusal", refused[0].pk)
    issue(client, centre, "refusal", refused[1].pk)
    first = IssuedDocument.objects.get(subject_id=refused[0].pk)

    again = client.get(f"{document_url(centre, 'refusal', refused[0].pk)}?copy={first.pk}")

    assert again.status_code == 200
    assert f"№ 1/{YEAR}" in text_of(again)
    assert IssuedDocument.objects.count() == 2
    entry = AuditEntry.objects.filter(action="document.print").get()
    assert (entry.case_id_copy, entry.changes["number"]) == (refused[0].pk, f"1/{YEAR}")


def test_a_copy_of_another_subjects_document_is_404(centre, manager, client_of, refused):
    client = client_of(manager)
    issue(client, centre, "refusal", refused[1].pk)
    other = IssuedDocument.objects.get()

    url = document_url(centre, "refusal", refused[0].pk)
    answers = [
        client.get(f"{url}?copy={other.pk}").status_code,
        client.get(f"{url}?copy=x").status_code,
    ]

    assert answers == [404, 404]


def test_the_preview_page_shows_the_document_and_records_a_read(
    centre, manager, client_of, refused
):
    response = client_of(manager).get(document_url(centre, "refusal", refused[0].pk))

    html = response.content.decode()
    assert response.status_code == 200
    assert "Документ: Отказ за предоставяне на социална услуга" in html
    assert refused[0].number in html and "Община Харманли" in html
    entry = AuditEntry.objects.get(action="document.view")
    assert entry.case_id_copy == refused[0].pk and entry.changes["on_team"] is False


# The register


def test_the_register_shows_the_manager_everything_and_a_worker_her_cases_only(
    centre, manager, psychologist, client_of
):
    mine = make_case(centre, manager, CaseStatus.REFUSED, case_manager=psychologist)
    from opora.cases.domain.access import forget_access
    from tests.factories import put_on_team

    put_on_team(mine, psychologist)
    forget_access(mine)
    hidden = make_case(
        centre,
        manager,
        CaseStatus.REFUSED,
        person=PersonFactory(centre=centre, first_name="Скрита"),
    )
    client = client_of(manager)
    issue(client, centre, "refusal", mine.pk)
    issue(client, centre, "refusal", hidden.pk)

    for_manager = client.get("/c/harmanli/documents/").content.decode()
    for_psychologist = client_of(psychologist).get("/c/harmanli/documents/").content.decode()

    assert mine.number in for_manager and hidden.number in for_manager
    assert mine.number in for_psychologist
    assert hidden.number not in for_psychologist and "Скрита" not in for_psychologist


def test_the_register_filters_by_kind_and_year(centre, manager, client_of, refused):
    client = client_of(manager)
    issue(client, centre, "refusal", refused[0].pk)
    issue(client, centre, "acknowledgement", refused[1].referrals.get().pk)

    by_kind = client.get("/c/harmanli/documents/?kind=acknowledgement").content.decode()
    other_year = client.get(f"/c/harmanli/documents/?year={YEAR - 1}")
    bad = client.get("/c/harmanli/documents/?year=abc&kind=zzz")

    assert refused[1].number in by_kind and refused[0].number not in by_kind
    assert other_year.status_code == 200
    assert bad.status_code == 200


def test_the_accountant_has_no_register(accountant, client_of):
    assert client_of(accountant).get("/c/harmanli/documents/").status_code == 403


# The centre's own layouts

LAYOUT_URL = "/c/harmanli/documents/layouts/edit/?kind=refusal"


def test_the_manager_saves_a_layout_and_the_documents_use_it(centre, manager, client_of, refused):
    client = client_of(manager)
    body = "<h1>{{ title }}</h1><p>Наш текст за {{ person_name }}, случай {{ case_number }}.</p>"

    saved = client.post(LAYOUT_URL, {"action": "save", "body": body})
    response = issue(client, centre, "refusal", refused[0].pk, "docx")

    assert saved.status_code == 302
    assert DocumentTemplate.objects.get(centre=centre, kind_code="refusal").body == body
    text = text_of(response)
    assert (
        f"Наш текст за {refused[0].primary_person.full_name}, случай {refused[0].number}." in text
    )
    assert "Община Харманли" in text  # the letterhead stays
    assert AuditEntry.objects.filter(action="document_template.save").exists()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("{% load static %}<p>x</p>", "Тагът {% load %} не е разрешен"),
        ('{% include "base.html" %}', "Тагът {% include %} не е разрешен"),
        ('{% extends "base.html" %}', "Тагът {% extends %} не е разрешен"),
        ("{% debug %}", "Тагът {% debug %} не е разрешен"),
        ("<p>{% if person_name %}без край</p>", "синтактична грешка"),
        ("<p>{{ person_name|no_such_filter }}</p>", "синтактична грешка"),
        ("<p>{% block x %}{% endblock %}</p>", "синтактична грешка"),
        ("   ", "Шаблонът е празен."),
    ],
)
def test_a_bad_layout_is_a_bulgarian_error_and_nothing_is_saved(body, message, manager, client_of):
    response = client_of(manager).post(LAYOUT_URL, {"action": "save", "body": body})

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not DocumentTemplate.objects.exists()
    assert not AuditEntry.objects.filter(action="document_template.save").exists()


def test_the_preview_shows_the_layout_with_a_real_subject_without_saving(
    manager, client_of, refused
):
    response = client_of(manager).post(
        LAYOUT_URL, {"action": "preview", "body": "<p>Преглед: {{ case_number }}</p>"}
    )

    assert response.status_code == 200
    assert any(case.number in response.content.decode() for case in refused)
    assert not DocumentTemplate.objects.exists()


def test_back_to_the_default_layout(centre, manager, client_of, refused):
    client = client_of(manager)
    client.post(LAYOUT_URL, {"action": "save", "body": "<p>Свой {{ case_number }}</p>"})

    reset = client.post(LAYOUT_URL, {"action": "reset"})
    page = client.get(LAYOUT_URL).content.decode()

    assert reset.status_code == 302
    assert not DocumentTemplate.objects.exists()
    assert "Използва се стандартният шаблон" in page
    assert "чл. 78, ал. 5" in text_of(issue(client, centre, "refusal", refused[0].pk))


def test_a_layout_reaches_no_model(centre, manager, client_of, refused):
    """The layout sees plain values only: no way back to the case or the database."""
    client = client_of(manager)
    body = "<p>[{{ case }}][{{ request }}][{{ subject.case.primary_person.identifier }}][{{ person_name }}]</p>"
    client.post(LAYOUT_URL, {"action": "save", "body": body})

    text = text_of(issue(client, centre, "refusal", refused[0].pk, "docx"))

    assert f"[][][][{refused[0].primary_person.full_name}]" in text


def test_only_the_manager_edits_layouts(centre, psychologist, client_of):
    client = client_of(psychologist)

    answers = [
        client.get("/c/harmanli/documents/layouts/").status_code,
        client.post(LAYOUT_URL, {"action": "save", "body": "<p>x</p>"}).status_code,
    ]

    assert answers == [403, 403]
    assert not DocumentTemplate.objects.exists()


def test_an_unknown_kind_of_layout_is_404(manager, client_of):
    client = client_of(manager)

    assert client.get("/c/harmanli/documents/layouts/edit/?kind=nope").status_code == 404
    assert client.get("/c/harmanli/documents/layouts/edit/").status_code == 404


def test_another_centres_manager_cannot_reach_the_layouts(outsider_manager, client_of):
    client = client_of(outsider_manager)

    assert client.get("/c/harmanli/documents/layouts/").status_code == 404
    assert client.post(LAYOUT_URL, {"action": "save", "body": "<p>x</p>"}).status_code == 404
    assert not DocumentTemplate.objects.exists()


# The DOCX converter


def test_the_docx_converter_keeps_headings_lists_tables_and_emphasis():
    html = (
        '<header class="letterhead"><p class="provider">Община Х</p><p class="centre-name">ЦОП</p></header>'
        "<main><h1>Заглавие</h1><h2>Раздел</h2><p>Текст с <strong>удебелено</strong> и <em>курсив</em>"
        "<br>нов ред</p><ul><li>първо</li><li>второ</li></ul><ol><li>едно</li></ol>"
        "<table><tr><th>Етикет</th><td>Стойност</td></tr></table>свободен текст</main>"
        '<div class="signatures"><table><tr><td>Ръководител:</td><td>……</td><td>/Име/</td></tr></table></div>'
    )

    document = docx.Document(io.BytesIO(render_docx(html)))

    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert ("Heading 1", "Заглавие") in paragraphs and ("Heading 2", "Раздел") in paragraphs
    assert ("Normal", "Текст с удебелено и курсив\nнов ред") in paragraphs
    assert ("List Bullet", "първо") in paragraphs and ("List Number", "едно") in paragraphs
    assert ("Normal", "свободен текст") in paragraphs
    assert any("Ръководител:" in text and "/Име/" in text for _style, text in paragraphs)
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "удебелено" in bold
    assert [c.text for c in document.tables[0].rows[0].cells] == ["Етикет", "Стойност"]
    assert [p.text for p in document.sections[0].header.paragraphs] == ["Община Х", "ЦОП"]


def test_a_colleague_without_the_case_sees_no_document_of_it_in_the_register(
    centre, manager, client_of, refused
):
    issue(client_of(manager), centre, "refusal", refused[0].pk)
    colleague = make_member(centre, Role.PEDAGOGUE)

    html = client_of(colleague).get("/c/harmanli/documents/").content.decode()

    assert refused[0].number not in html
    assert "Няма издадени документи" in html


def test_the_register_reads_in_the_same_number_of_queries_for_one_row_or_many(
    centre, manager, client_of, refused
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_of(manager)
    issue(client, centre, "refusal", refused[0].pk)
    with CaptureQueriesContext(connection) as one:
        client.get("/c/harmanli/documents/")
    for case in refused:
        issue(client, centre, "refusal", case.pk, "docx")
    with CaptureQueriesContext(connection) as many:
        client.get("/c/harmanli/documents/")

    assert len(many.captured_queries) == len(one.captured_queries)
