"""The intake documents: acknowledgement of a referral, written refusal (ЗСУ чл. 78(5)),
notification of ДСП and the parents (ЗСУ чл. 87). Each carries the case's data, the letterhead
and its number, in PDF and DOCX; another centre, a colleague off the case and bad ids get a 404."""

from datetime import date

import pytest

from opora.accounts.enums import Role
from opora.audit.models import AuditEntry
from opora.cases.domain.case import add_person_to_case
from opora.cases.enums import CasePersonRole, CaseStatus
from opora.documents.models import IssuedDocument
from opora.referrals.enums import SourceType
from tests.documents.helpers import document_url, footer_fields, issue, text_of
from tests.factories import PersonFactory, make_case, make_member

LETTERHEAD = ("ЦОП „Надежда“ – Харманли", "Община Харманли", "0373 8 22 33")

pytestmark = pytest.mark.usefixtures("provider")


@pytest.fixture
def referred(centre, manager):
    child = PersonFactory(centre=centre, first_name="Никола", last_name="Тошев")
    return make_case(
        centre, manager, person=child, institution="ОЗД – Харманли", officer_name="Ана Илиева",
        document_number="ЗД-118/2026", document_date=date(2026, 3, 2),
    )  # fmt: skip


@pytest.fixture
def refused(centre, manager):
    child = PersonFactory(centre=centre, first_name="Рая", last_name="Петкова")
    return make_case(
        centre, manager, CaseStatus.REFUSED, person=child, institution="ОЗД – Харманли"
    )


@pytest.fixture
def self_referred(centre, manager):
    child = PersonFactory(centre=centre, first_name="Данаил", last_name="Ганев")
    case = make_case(centre, manager, person=child, source_type=SourceType.SELF_CHILD)
    mother = PersonFactory(centre=centre, first_name="Станка", last_name="Ганева")
    add_person_to_case(case, actor=manager, person=mother, role=CasePersonRole.PARENT)
    return case


def _subject(code, referred, refused, self_referred) -> tuple:
    return {
        "acknowledgement": (referred, referred.referrals.get().pk, ("ЗД-118/2026", "Ана Илиева")),
        "refusal": (refused, refused.pk, ("чл. 78, ал. 5, т. 1", "Услугата не се предлага.")),
        "notification": (self_referred, self_referred.pk, ("чл. 87", "Станка Ганева")),
    }[code]


@pytest.mark.parametrize("file_format", ["pdf", "docx"])
@pytest.mark.parametrize("code", ["acknowledgement", "refusal", "notification"])
def test_the_document_carries_the_case_the_letterhead_and_its_number(
    code, file_format, centre, manager, client_of, referred, refused, self_referred
):
    case, subject_id, details = _subject(code, referred, refused, self_referred)

    response = issue(client_of(manager), centre, code, subject_id, file_format)

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    issued = IssuedDocument.objects.get()
    text = text_of(response)
    for expected in (case.number, case.primary_person.full_name, *LETTERHEAD, *details):
        assert expected in text, expected
    assert f"№ {issued.number}" in text
    assert (issued.kind_code, issued.case, issued.subject_id, issued.file_format) == (
        code, case, subject_id, file_format,
    )  # fmt: skip


def test_the_pdf_numbers_its_pages_and_the_docx_has_page_fields(
    centre, manager, client_of, referred
):
    subject = referred.referrals.get().pk
    client = client_of(manager)

    pdf = issue(client, centre, "acknowledgement", subject, "pdf")
    word = issue(client, centre, "acknowledgement", subject, "docx")

    assert "стр. 1 от 1" in text_of(pdf)
    assert footer_fields(word.content).split() == ["PAGE", "NUMPAGES"]
    assert "стр." in text_of(word)


def test_issuing_is_audited_with_the_case_and_no_text(centre, manager, client_of, refused):
    issue(client_of(manager), centre, "refusal", refused.pk)

    entry = AuditEntry.objects.get(action="document.issue")
    assert entry.case_id_copy == refused.pk
    assert entry.changes == {"kind": "refusal", "number": f"1/{date.today().year}", "format": "pdf"}


def test_a_refusal_is_not_issued_for_a_case_that_was_not_refused(
    centre, manager, client_of, referred
):
    client = client_of(manager)

    page = client.get(document_url(centre, "refusal", referred.pk))
    posted = issue(client, centre, "refusal", referred.pk)

    assert page.status_code == 200
    assert "само за случай със статус „Отказан“" in page.content.decode()
    assert posted.status_code == 400
    assert IssuedDocument.objects.count() == 0


def test_a_notification_needs_the_duty_to_notify(centre, manager, client_of, referred):
    response = issue(client_of(manager), centre, "notification", referred.pk)

    assert response.status_code == 400
    assert "няма задача за уведомяване" in response.content.decode()
    assert IssuedDocument.objects.count() == 0


@pytest.mark.parametrize("code", ["acknowledgement", "refusal", "notification"])
def test_another_centre_and_a_colleague_off_the_case_get_404_and_change_nothing(
    code, centre, manager, outsider_manager, client_of, referred, refused, self_referred
):
    _case, subject_id, _details = _subject(code, referred, refused, self_referred)
    colleague = make_member(centre, Role.PEDAGOGUE)
    url = document_url(centre, code, subject_id)
    answers = []

    for user in (outsider_manager, colleague):
        client = client_of(user)
        answers += [
            client.get(url).status_code,
            client.post(url, {"file_format": "pdf"}).status_code,
        ]
        answers.append(client.get(f"{url}?copy=1").status_code)

    assert answers == [404] * 6
    assert IssuedDocument.objects.count() == 0
    assert not AuditEntry.objects.filter(action__startswith="document.").exists()


def test_the_accountant_gets_403(centre, accountant, client_of, refused):
    assert client_of(accountant).get(document_url(centre, "refusal", refused.pk)).status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/c/harmanli/documents/refusal/987654/",
        "/c/harmanli/documents/acknowledgement/987654/",
        "/c/harmanli/documents/no-such-kind/1/",
        "/c/harmanli/documents/refusal/abc/",
    ],
)
def test_unknown_kinds_and_ids_are_404_not_500(url, manager, client_of, refused):
    client = client_of(manager)

    assert client.get(url).status_code == 404
    assert client.post(url, {"file_format": "pdf"}).status_code == 404


def test_a_bad_format_is_a_bulgarian_error_and_nothing_is_issued(
    centre, manager, client_of, refused
):
    response = issue(client_of(manager), centre, "refusal", refused.pk, "exe")

    assert response.status_code == 400
    assert "Изберете формат: PDF или DOCX." in response.content.decode()
    assert IssuedDocument.objects.count() == 0


def test_the_registering_worker_issues_the_acknowledgement_during_intake(
    centre, manager, social_worker, client_of
):
    case = make_case(centre, social_worker, institution="ДСП Харманли")

    response = issue(client_of(social_worker), centre, "acknowledgement", case.referrals.get().pk)

    assert response.status_code == 200
    assert case.number in text_of(response)
