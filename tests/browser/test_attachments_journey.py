"""A scanned letter on a case, from a phone: the social worker who leads the case photographs (here:
picks) the letter from the ОЗД at 390 px, describes it, finds it on the case page and downloads the
same bytes back. The file lies in the private folder under a random name, never in the web root.
"""

import io
from pathlib import Path

import pytest
from playwright.sync_api import expect

from opora.attachments.models import Attachment
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.ui import bg_date, log_in, messages

pytestmark = pytest.mark.browser

SOCIAL_WORKER = "i.dimitrov"
TITLE = "Писмо от ОЗД – искане за информация"
WIDER_THAN_THE_SCREEN = (
    "document.documentElement.scrollWidth - document.documentElement.clientWidth"
)


def _scanned_letter() -> bytes:
    from PIL import Image, ImageDraw

    page = Image.new("L", (300, 420), 255)
    ImageDraw.Draw(page).rectangle((30, 40, 270, 60), fill=40)
    buffer = io.BytesIO()
    page.save(buffer, "PDF")
    return buffer.getvalue()


@pytest.fixture
def attachment_folder(settings, tmp_path):
    settings.OPORA_ATTACHMENT_DIR = tmp_path / "attachments"
    return settings.OPORA_ATTACHMENT_DIR


def test_a_case_worker_uploads_a_scanned_letter_from_her_phone_and_downloads_it(
    browser_page, shoot, harmanli, attachment_folder
):
    page = browser_page
    _centre, _staff, working = harmanli
    case = working[1]  # led by the social worker
    letter = _scanned_letter()
    log_in(page, SOCIAL_WORKER)

    page.set_viewport_size(PHONE)
    page.get_by_text("Меню", exact=True).click()
    page.get_by_role("navigation", name="Основно меню").get_by_role("link", name="Случаи").click()
    page.get_by_test_id("case-table").get_by_role("link", name=case.number).click()
    panel = page.get_by_test_id("attachments-panel")
    expect(panel).to_contain_text("Няма прикачени файлове.")
    panel.get_by_role("link", name="Прикачи файл").click()
    expect(page.get_by_role("heading", name="Прикачване на файл")).to_be_visible()
    shoot("01-upload-form")
    assert page.evaluate(WIDER_THAN_THE_SCREEN) <= 0

    page.get_by_label("Файл", exact=True).set_input_files(
        {"name": "IMG_20261020_0915.pdf", "mimeType": "application/pdf", "buffer": letter}
    )
    page.get_by_label("Вид").select_option(label="Писмо от институция")
    page.get_by_label("Заглавие").fill(TITLE)
    page.get_by_label("Дата на документа").fill(bg_date(2))
    page.get_by_label("От кого (подател / институция)").fill("ОЗД – Харманли")
    page.get_by_role("button", name="Прикачи").click()

    expect(messages(page)).to_contain_text(f"Файлът „{TITLE}“ е прикачен.")
    panel = page.get_by_test_id("attachments-panel")
    expect(panel).to_contain_text(TITLE)
    expect(panel).to_contain_text("Писмо от институция")
    panel.scroll_into_view_if_needed()
    shoot("02-case-page-with-the-letter")
    assert page.evaluate(WIDER_THAN_THE_SCREEN) <= 0

    with page.expect_download() as download:
        panel.get_by_test_id("attachment-download").click()
    assert download.value.suggested_filename == "IMG_20261020_0915.pdf"
    assert Path(download.value.path()).read_bytes() == letter

    stored = Attachment.objects.get(case=case)
    (on_disk,) = list(Path(attachment_folder).iterdir())
    assert on_disk.name == f"{stored.storage_key}.bin" and on_disk.read_bytes() == letter

    page.set_viewport_size(DESKTOP)
    page.get_by_test_id("attachments-panel").get_by_role("link", name="Промени").click()
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    shoot("03-edit-page", phone=True)
    page.get_by_text("Премахни файла").click()
    page.get_by_label("Причина за премахването").fill("Качено по погрешка.")
    page.get_by_role("button", name="Премахни").click()
    expect(messages(page)).to_contain_text("е премахнат")
    expect(page.get_by_test_id("attachment-removed")).to_contain_text("Качено по погрешка.")
    shoot("04-removed", phone=True)
    assert list(Path(attachment_folder).iterdir()) == []  # the file went with the removal
    page.get_by_test_id("attachments-panel").get_by_role("link", name="Прикачи файл").click()
    page.get_by_role("button", name="Прикачи").click()
    expect(page.get_by_role("alert")).to_contain_text("Изберете файл или снимайте документа.")
    shoot("05-upload-refused", phone=True)
    assert shoot.overflow == {}
