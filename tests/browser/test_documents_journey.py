"""Documents in a real browser: the manager of ЦОП Харманли issues the written refusal of a
case from its page (preview, DOCX, then PDF), finds both in the register with their numbers,
downloads one again under the same number, and adapts the layout of the refusal: a forbidden
tag is refused with a Bulgarian message, the preview shows the new text, „Върни стандартния“
goes back. Screenshots (1280 and 390 px) in artifacts/screenshots/documents-core/."""

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from opora.cases.enums import CaseStatus
from opora.centres.models import Centre
from opora.documents.models import DocumentTemplate, IssuedDocument
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.ui import log_in, messages, nav, open_case
from tests.factories import PersonFactory, make_case

pytestmark = pytest.mark.browser

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots" / "documents-core"


def _shoot(page: Page, name: str) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(OUT / f"{name}.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.wait_for_timeout(100)
    page.screenshot(path=str(OUT / f"{name}-phone.png"), full_page=True)
    overflow = page.evaluate(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    page.set_viewport_size(DESKTOP)
    assert overflow <= 0, f"{name}: {overflow}px wider than a phone"


def _download(page: Page, file_format: str):
    page.get_by_label("DOCX (Word)" if file_format == "docx" else "PDF", exact=True).check()
    with page.expect_download() as info:
        page.get_by_test_id("issue-document").click()
    return info.value


def test_the_manager_issues_a_refusal_and_adapts_its_layout(browser_page: Page, harmanli):
    centre, staff, _working = harmanli
    Centre.objects.filter(pk=centre.pk).update(
        provider_name="Община Харманли", address="ул. „Одрин“ 16, 6450 гр. Харманли"
    )
    child = PersonFactory(
        centre=centre, first_name="Рая", middle_name="Иванова", last_name="Петкова"
    )
    case = make_case(
        centre, staff["manager"], CaseStatus.REFUSED, person=child, institution="ОЗД – Харманли"
    )
    page = browser_page
    log_in(page, "harmanli.manager")

    open_case(page, case.number, status="Отказан")
    panel = page.get_by_test_id("documents-panel")
    panel.get_by_role(
        "link", name="Издай документ: Отказ за предоставяне на социална услуга"
    ).click()
    expect(
        page.get_by_role("heading", name="Документ: Отказ за предоставяне на социална услуга")
    ).to_be_visible()
    preview = page.get_by_test_id("document-preview")
    expect(preview).to_contain_text("Рая Иванова Петкова")
    expect(preview).to_contain_text("Община Харманли")
    expect(preview).to_contain_text("чл. 78, ал. 5, т. 1")
    _shoot(page, "01-refusal-page")

    word = _download(page, "docx")
    assert word.suggested_filename.endswith(".docx")
    pdf = _download(page, "pdf")
    pdf.save_as(OUT / "journey-refusal.pdf")
    first, second = IssuedDocument.objects.order_by("sequence")
    assert (first.file_format, second.file_format) == ("docx", "pdf")
    text = subprocess.run(
        ["pdftotext", str(OUT / "journey-refusal.pdf"), "-"], capture_output=True, check=True
    ).stdout.decode()
    assert f"№ {second.number}" in text and "Рая Иванова Петкова" in text

    nav(page, "Документи")
    register = page.get_by_test_id("register")
    expect(register).to_contain_text(first.number)
    expect(register).to_contain_text(second.number)
    _shoot(page, "02-register")

    page.get_by_role("link", name="Шаблони на документите").click()
    page.get_by_role("row", name="Отказ за предоставяне на социална услуга").get_by_role(
        "link", name="Промени"
    ).click()
    body = page.get_by_label("Шаблон (HTML и етикети на Django)")
    body.fill('{% include "base.html" %}')
    page.get_by_test_id("save-layout").click()
    expect(page.get_by_text("Тагът {% include %} не е разрешен")).to_be_visible()
    assert not DocumentTemplate.objects.exists()
    body.fill("<h1>{{ title }}</h1><p>Уважаеми/а {{ person_name }}, съжаляваме.</p>")
    page.get_by_test_id("preview-layout").click()
    expect(page.get_by_test_id("layout-preview")).to_contain_text("Уважаеми/а")
    _shoot(page, "03-layout-editor")
    page.get_by_test_id("save-layout").click()
    expect(messages(page)).to_contain_text(
        "Шаблонът на „Отказ за предоставяне на социална услуга“ е записан."
    )
    page.get_by_test_id("reset-layout").click()
    expect(messages(page)).to_contain_text("Стандартният шаблон")
    assert not DocumentTemplate.objects.exists()
