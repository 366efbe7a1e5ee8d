"""The annual report to АКСУ: a resumable draft, the figures of the year, DOCX and PDF, submission
that freezes the texts and keeps a snapshot, a correction as a new draft."""

import io
from datetime import date

import pytest
from docx import Document

from opora.audit.models import AuditEntry
from opora.core.errors import DomainError
from opora.reporting.domain.snapshots import differences
from opora.reporting.models import ReportSnapshot
from opora.statutory.domain.annual import (
    AnnualTexts,
    save_annual_report,
    start_annual_report,
    submit_annual_report,
)
from opora.statutory.domain.queries import annual_due
from opora.statutory.enums import AnnualReportStatus
from opora.statutory.models import AnnualReport

pytestmark = pytest.mark.django_db
BASE = "/c/harmanli/statutory/annual/"
TEXTS = {
    "results_text": "Подкрепени деца и семейства; 12 деца върнати в училище.",
    "quality_programme_text": "Супервизия всеки месец; обучение по травма.",
    "monitoring_text": "Две вътрешни проверки на досиетата.",
}


def _post(client, action: str, year: int = 2026, **texts):
    return client.post(BASE, {"year": str(year), "action": action, **TEXTS, **texts})


def test_the_draft_is_saved_and_resumed(centre, manager, client_of):
    client = client_of(manager)

    first = _post(client, "save", results_text="Първи вариант")
    again = _post(client, "save", results_text="Втори вариант")
    page = client.get(f"{BASE}?year=2026").content.decode()

    assert (first.status_code, again.status_code) == (302, 302)
    report = AnnualReport.objects.get()
    assert (report.status, report.results_text) == (AnnualReportStatus.DRAFT, "Втори вариант")
    assert "Втори вариант" in page
    actions = list(AuditEntry.objects.filter(action__startswith="annual_report.").values_list(
        "action", flat=True
    ).order_by("id"))  # fmt: skip
    assert actions == ["annual_report.start", "annual_report.save", "annual_report.save"]


def test_submission_freezes_the_texts_and_keeps_the_figures(centre, manager, march, client_of):
    client = client_of(manager)

    response = _post(client, "submit")

    assert response.status_code == 302
    report = AnnualReport.objects.get()
    assert report.status == AnnualReportStatus.SUBMITTED
    assert report.snapshot.code == "annual_report"
    assert report.snapshot.figures["occupancy"]["users"] == 5  # A, B, C, D and E (from April)
    assert differences(report.snapshot) == []
    with pytest.raises(DomainError, match="подаден"):
        save_annual_report(report, actor=manager, texts=AnnualTexts("x", "y", "z"))
    report.refresh_from_db()
    assert report.results_text == TEXTS["results_text"]


def test_after_submission_a_correction_is_a_new_draft_with_the_same_texts(
    centre, manager, client_of
):
    client = client_of(manager)
    _post(client, "submit")

    started = client.post(BASE, {"year": "2026", "action": "start"})

    submitted, correction = AnnualReport.objects.order_by("pk")
    assert started.status_code == 302
    assert correction.corrects == submitted
    assert correction.is_draft
    assert correction.results_text == submitted.results_text


def test_a_report_with_an_empty_part_is_not_submitted(centre, manager, client_of):
    response = _post(client_of(manager), "submit", monitoring_text="  ")

    assert response.status_code == 400
    assert "Попълнете и трите части на отчета" in response.content.decode()
    assert AnnualReport.objects.get().is_draft
    assert not ReportSnapshot.objects.exists()


@pytest.mark.parametrize("year", ["abc", "1850", "2999", ""])
def test_a_bad_year_is_a_bulgarian_message(year, centre, manager, client_of):
    client = client_of(manager)

    page = client.get(f"{BASE}?year={year}")
    posted = client.post(BASE, {"year": year, "action": "save", **TEXTS})
    docx = client.get(f"{BASE}docx/?year={year}")

    assert (page.status_code, posted.status_code, docx.status_code) == (400, 400, 404)
    assert "Изберете година" in page.content.decode()
    assert not AnnualReport.objects.exists()


def test_another_centres_report_is_a_404(centre, manager, outsider_manager, client_of):
    report = start_annual_report(centre, actor=manager, year=2025)
    client = client_of(outsider_manager)

    answers = [
        client.get(f"/c/haskovo/statutory/annual/docx/?report={report.pk}").status_code,
        client.get(f"/c/haskovo/statutory/annual/pdf/?report={report.pk}").status_code,
        client.get(f"/c/harmanli/statutory/annual/docx/?report={report.pk}").status_code,
    ]

    assert answers == [404, 404, 404]


def test_the_docx_opens_and_holds_the_texts_the_figures_and_page_numbers(
    centre, manager, march, client_of
):
    report = start_annual_report(centre, actor=manager, year=2026)
    report = save_annual_report(report, actor=manager, texts=AnnualTexts(**TEXTS))
    submit_annual_report(report, actor=manager)

    response = client_of(manager).get(f"{BASE}docx/?report={report.pk}")
    document = Document(io.BytesIO(response.content))

    assert response.status_code == 200
    assert "wordprocessingml" in response["Content-Type"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Годишен отчет за дейността на услугата" in text
    for value in TEXTS.values():
        assert value in text
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "1. Постигнати резултати" in headings
    assert "Потребители по възраст" in headings
    tables = {t.rows[0].cells[0].text: t for t in document.tables}
    main = {row.cells[0].text: row.cells[1].text for row in document.tables[0].rows}
    assert main["Потребители, заемали място"] == "5"
    assert main["Капацитет (брой места)"] == "10"
    assert tables  # every figure table has its header row
    footer = document.sections[0].footer._element.xml
    assert "PAGE" in footer and "NUMPAGES" in footer and "стр. " in footer
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert centre.name in header and "Харманли" in header
    assert "Мария Петрова" in text


def test_the_pdf_of_the_draft_is_a_pdf(centre, manager, client_of):
    report = start_annual_report(centre, actor=manager, year=2025)

    response = client_of(manager).get(f"{BASE}pdf/?report={report.pk}")

    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "today, shown",
    [
        (date(2026, 1, 2), "Годишният отчет за 2025 г. е за подаване до 31.03.2026"),
        (date(2026, 3, 31), "Годишният отчет за 2025 г. е за подаване до 31.03.2026"),
        (date(2026, 4, 1), None),
    ],
)
def test_the_due_date_is_shown_from_january_to_the_31st_of_march(today, shown, centre):
    due = annual_due(centre, today=today)

    assert (due.message if due else None) == shown
