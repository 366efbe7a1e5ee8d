"""The casework documents (ИПП, contract, annex, review report, report to ОЗД, closing report):
the PDF and the DOCX carry the case's data, the letterhead and the number; a restricted session
note never reaches a document that leaves the centre, nor an internal one whose reader lacks its
level; another centre and a colleague off the case get a 404."""

import io
import re
import subprocess
from dataclasses import dataclass
from datetime import time, timedelta

import docx
import pytest
from django.urls import reverse
from django.utils import timezone

from opora.cases.enums import ClosureReason
from opora.closure.domain.proposal import GoalResultData, approve_closure, propose_closure
from opora.closure.domain.reports import (
    ReportContent,
    mark_report_sent,
    schedule_referrer_reports,
    update_report,
)
from opora.closure.enums import Channel, GoalResult, ReportKind, ReportStatus
from opora.closure.models import ReferrerReport
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import record_session
from opora.consultations.enums import SessionKind
from opora.core.sensitivity import Sensitivity
from opora.documents.domain.issue import issue_document
from opora.documents.domain.render import prepare
from opora.documents.kinds.base import REGISTRY
from opora.plans.domain.contract import change_contract
from opora.plans.models import PlanVersion
from opora.reviews.domain.review import (
    GoalProgressData,
    ReviewData,
    complete_review,
    start_review,
)
from opora.reviews.enums import Progress, ReviewKind
from tests.factories import make_case
from tests.reviews.casework import working_case

TEAM_NOTE = "Детето разказа за новата си приятелка Ива."
PSYCHOLOGIST_NOTE = "Терапевтична бележка: страх от тъмното и кошмари."
MANAGER_NOTE = "Само за ръководителя: сигнал от съседката."
RESTRICTED = (PSYCHOLOGIST_NOTE, MANAGER_NOTE)
GOALS = ("Редовно посещение на училище", "Спокойна сутрешна рутина")


@dataclass
class Story:
    """One child's case from the plan to the approved closure, with every casework record."""

    case: object
    plan: object
    contract: object
    annex: object
    review: object
    progress_report: object
    closing_report: object


def _session(case, lead, *, start: int, notes: str, sensitivity: str, kind=SessionKind.SOCIAL):
    child = case.people.get(person=case.primary_person)
    data = SessionData(
        kind=kind, date=timezone.localdate(), start_time=time(start), duration_minutes=50,
        lead=lead, participants=(child,), notes=notes, sensitivity=sensitivity,
    )  # fmt: skip
    return record_session(case, actor=lead, data=data)


def _review(case, psychologist, plan):
    review = start_review(case, actor=psychologist, kind=ReviewKind.SCHEDULED)
    progress = [
        GoalProgressData(goal_id=goal.pk, progress=Progress.ACHIEVED, comment=f"Напредък: {goal.title}")
        for goal in plan.goals.all()
    ]  # fmt: skip
    data = ReviewData(
        held_on=timezone.localdate(), progress=progress,
        needs_change="Майката започна работа на смени.",
        child_view="Иска срещите да продължат.", decisions="Срещите стават веднъж на две седмици.",
        next_review_on=timezone.localdate() + timedelta(days=90),
    )  # fmt: skip
    return complete_review(review, actor=psychologist, data=data)


def _progress_report(case, manager):
    report = schedule_referrer_reports(case, actor=manager)
    content = ReportContent(
        due_on=report.due_on, period_from=report.period_from, period_to=report.period_to,
        progress="Детето посещава училище всеки ден.",
        risks="Конфликт между родителите.", recommendations="Продължаване на подкрепата.",
        addressee_institution="ОЗД – Харманли", addressee_officer="Галя Славова",
    )  # fmt: skip
    update_report(report, actor=manager, content=content)
    return mark_report_sent(
        report, actor=manager, sent_on=timezone.localdate(), channel=Channel.EMAIL,
        reference_number="ИЗХ-314",
    )  # fmt: skip


def _close(case, psychologist, manager, plan):
    proposal = propose_closure(
        case, actor=psychologist, reason=ClosureReason.GOALS_ACHIEVED,
        final_assessment="Целите на плана са постигнати; семейството се справя само.",
        recommendations="Училищният психолог да наблюдава адаптацията.",
        follow_up_plan="Телефонен разговор с майката.",
        goal_results=[
            GoalResultData(goal_id=g.pk, result=GoalResult.ACHIEVED, comment="Без отсъствия")
            for g in plan.goals.all()
        ],
    )  # fmt: skip
    approve_closure(proposal, actor=manager)
    return ReferrerReport.objects.get(case=case, kind=ReportKind.CLOSING)


@pytest.fixture
def story(centre, manager, psychologist) -> Story:
    case = working_case(centre, manager, psychologist, goals=GOALS)
    plan = PlanVersion.objects.get(case=case, status="approved")
    contract = case.contracts.get()
    _session(case, psychologist, start=9, notes=TEAM_NOTE, sensitivity=Sensitivity.TEAM)
    _session(
        case, psychologist, start=11, notes=PSYCHOLOGIST_NOTE,
        sensitivity=Sensitivity.PSYCHOLOGISTS, kind=SessionKind.INDIVIDUAL_PSYCH,
    )  # fmt: skip
    _session(case, manager, start=13, notes=MANAGER_NOTE, sensitivity=Sensitivity.MANAGER)
    annex = change_contract(
        contract, actor=manager, signed_on=timezone.localdate(),
        changes="Срещите се местят в четвъртък следобед.",
    )  # fmt: skip
    review = _review(case, psychologist, plan)
    progress_report = _progress_report(case, manager)
    closing_report = _close(case, psychologist, manager, plan)
    case.refresh_from_db()
    return Story(case, plan, contract, annex, review, progress_report, closing_report)


# What each kind is issued for, and the words its document must carry.

SUBJECTS = {
    "plan": lambda s: s.plan.pk,
    "contract": lambda s: s.contract.pk,
    "annex": lambda s: s.annex.pk,
    "review": lambda s: s.review.pk,
    "referrer_report": lambda s: s.progress_report.pk,
    "closing": lambda s: s.case.pk,
}


def _key_data(code: str, s: Story) -> list[str]:
    return {
        "plan": [
            "Индивидуален план за подкрепа", *GOALS, "Индивидуални сесии", "веднъж седмично",
            f"версия {s.plan.number}", s.plan.start_on.strftime("%d.%m.%Y"),
        ],
        "contract": [
            f"№ {s.contract.number}", "Майкова", s.contract.start_on.strftime("%d.%m.%Y"),
            s.contract.end_on.strftime("%d.%m.%Y"), "Психологическа терапия",
            "Анекс за промяна", "Срещите се местят в четвъртък следобед.",
        ],
        "annex": [
            "Анекс за промяна", f"договор за ползване на социална услуга № {s.contract.number}",
            "Срещите се местят в четвъртък следобед.", "Майкова",
        ],
        "review": [
            "Доклад от преглед", *GOALS, "Постигната", f"Напредък: {GOALS[0]}",
            "Майката започна работа на смени.", "Срещите стават веднъж на две седмици.",
            "Иска срещите да продължат.",
        ],
        "referrer_report": [
            "Доклад за напредъка", "ОЗД – Харманли", "Галя Славова",
            "Детето посещава училище всеки ден.", "Конфликт между родителите.",
            "Продължаване на подкрепата.", "изх. № ИЗХ-314", "Проведени срещи в периода Общо 3.",
        ],
        "closing": [
            "Заключителна оценка", *GOALS, "Постигната", "Без отсъствия",
            "Целите на плана са постигнати; семейството се справя само.",
            ClosureReason.GOALS_ACHIEVED.label, "Училищният психолог да наблюдава адаптацията.",
            "Телефонен разговор с майката.", "ОЗД",
        ],
    }[code]  # fmt: skip


def _issue(code: str, story: Story, user, file_format: str):
    kind = REGISTRY[code]
    prepared = prepare(kind, user=user, centre=story.case.centre, subject_id=SUBJECTS[code](story))
    return issue_document(prepared, actor=user, file_format=file_format)


def pdf_text(content: bytes) -> str:
    out = subprocess.run(["pdftotext", "-", "-"], input=content, capture_output=True, check=True)
    return " ".join(out.stdout.decode("utf-8").split())


def docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    for section in document.sections:
        parts += [p.text for p in section.header.paragraphs]
    return " ".join(" ".join(parts).split())


@pytest.mark.parametrize("code", list(SUBJECTS))
def test_pdf_and_docx_carry_the_case_the_letterhead_the_number_and_the_content(
    code, story, manager
):
    child = story.case.primary_person
    for file_format, text_of in (("pdf", pdf_text), ("docx", docx_text)):
        issued = _issue(code, story, manager, file_format)
        text = text_of(issued.content)
        expected = [
            story.case.number, child.full_name, story.case.centre.name, issued.record.number,
            *_key_data(code, story),
        ]  # fmt: skip
        # Headings print in capitals (the stylesheet), so the words are compared caseless.
        missing = [word for word in expected if word.casefold() not in text.casefold()]
        assert not missing, f"{code} {file_format} lacks {missing}"
        # The manager reads manager-only notes in the case file, never the psychologists' ones.
        forbidden = (PSYCHOLOGIST_NOTE,) if code == "review" else RESTRICTED
        assert not [note for note in forbidden if note in text], f"{code} {file_format}"


def test_the_pdf_has_page_numbers_and_the_signature_lines(story, manager, psychologist):
    text = pdf_text(_issue("plan", story, manager, "pdf").content)
    assert "стр. 1 от" in text
    assert re.search(r"/[^/]+ Майкова/", text)  # the mother signs the plan for the child
    assert "Родител:" in text and "Водещ на случая:" in text and "Ръководител на услугата:" in text
    assert f"/{psychologist.get_full_name()}/" in text
    assert f"/{manager.get_full_name()}/" in text  # the manager approved the plan


@pytest.mark.parametrize("code", ["plan", "contract", "annex", "referrer_report", "closing"])
def test_a_document_leaving_the_centre_quotes_no_session_note_even_by_the_manager(
    code, story, manager, psychologist
):
    for user in (manager, psychologist):
        text = pdf_text(_issue(code, story, user, "pdf").content)
        assert not [note for note in (TEAM_NOTE, *RESTRICTED) if note in text]


def test_the_review_report_shows_each_reader_only_the_notes_of_her_levels(
    story, manager, psychologist
):
    by_manager = pdf_text(_issue("review", story, manager, "pdf").content)
    assert TEAM_NOTE in by_manager and MANAGER_NOTE in by_manager
    assert PSYCHOLOGIST_NOTE not in by_manager
    assert "Бележката е с ограничен достъп." in by_manager

    by_psychologist = docx_text(_issue("review", story, psychologist, "docx").content)
    assert TEAM_NOTE in by_psychologist and PSYCHOLOGIST_NOTE in by_psychologist
    assert MANAGER_NOTE not in by_psychologist


def test_the_closing_report_of_a_pending_closure_is_a_draft(centre, manager, psychologist):
    case = working_case(centre, manager, psychologist, goals=GOALS)
    plan = PlanVersion.objects.get(case=case, status="approved")
    propose_closure(
        case, actor=psychologist, reason=ClosureReason.WITHDRAWN, reason_note="Майката се мести.",
        final_assessment="Частичен напредък.",
        goal_results=[GoalResultData(goal_id=g.pk, result=GoalResult.PARTLY_ACHIEVED) for g in plan.goals.all()],
    )  # fmt: skip
    prepared = prepare(REGISTRY["closing"], user=manager, centre=centre, subject_id=case.pk)
    text = pdf_text(issue_document(prepared, actor=manager, file_format="pdf").content)
    assert "Проект: предложението за приключване чака одобрение" in text
    assert "Майката се мести." in text and "Частично постигната" in text
    assert "се изготвя след одобрението на приключването" in text


def test_a_case_without_a_closure_has_no_closing_report_and_nothing_is_issued(
    centre, manager, client_of
):
    case = make_case(centre, manager)
    url = reverse("documents:closing", kwargs={"centre": centre.slug, "case_id": case.pk})
    client = client_of(manager)
    page = client.get(url)
    assert page.status_code == 200
    assert "Няма предложение за приключване" in page.content.decode()
    refused = client.post(url, {"file_format": "pdf"})
    assert refused.status_code == 400
    assert not case.issued_documents.exists()


def test_a_report_no_longer_owed_is_not_issued(story, manager, client_of):
    # Sending the report set the next one due; the approved closure cancelled it.
    cancelled = ReferrerReport.objects.get(
        case=story.case, kind=ReportKind.PROGRESS, status=ReportStatus.CANCELLED
    )
    url = reverse(
        "documents:referrer_report",
        kwargs={"centre": story.case.centre.slug, "report_id": cancelled.pk},
    )
    client = client_of(manager)
    assert "Докладът е отпаднал" in client.get(url).content.decode()
    refused = client.post(url, {"file_format": "pdf"})
    assert refused.status_code == 400
    assert "Докладът е отпаднал" in refused.content.decode()
    assert not story.case.issued_documents.exists()


def _url(code: str, story: Story, slug: str) -> str:
    kind = REGISTRY[code]
    return reverse(
        f"documents:{code}", kwargs={"centre": slug, kind.url_kwarg: SUBJECTS[code](story)}
    )


@pytest.mark.parametrize("code", list(SUBJECTS))
def test_another_centre_and_a_colleague_off_the_case_get_404(
    code, story, manager, social_worker, outsider_manager, client_of
):
    own = _url(code, story, story.case.centre.slug)
    assert client_of(manager).get(own).status_code == 200
    assert client_of(social_worker).get(own).status_code == 404
    assert client_of(social_worker).post(own, {"file_format": "pdf"}).status_code == 404
    outsider = client_of(outsider_manager)
    assert outsider.get(own).status_code == 404
    assert outsider.get(_url(code, story, "haskovo")).status_code == 404
    assert outsider.post(_url(code, story, "haskovo"), {"file_format": "pdf"}).status_code == 404
    assert not story.case.issued_documents.exists()


@pytest.mark.parametrize("code", list(SUBJECTS))
def test_an_unknown_subject_is_a_404(code, centre, manager, client_of):
    kind = REGISTRY[code]
    url = reverse(f"documents:{code}", kwargs={"centre": centre.slug, kind.url_kwarg: 987654})
    assert client_of(manager).get(url).status_code == 404


def test_issuing_is_audited_with_the_case(story, manager):
    from opora.audit.models import AuditEntry

    issued = _issue("closing", story, manager, "docx")
    entry = AuditEntry.objects.filter(action="document.issue").latest("id")
    assert entry.case_id_copy == story.case.pk
    assert entry.changes["number"] == issued.record.number
