"""Files in the demo: scans of letters from institutions, a school note, a child's drawing (for the
psychologists only) and a birth certificate kept with a child. Made with Pillow at seed time,
small and fast; no binary file lives in the repository."""

import io
from datetime import timedelta
from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from opora.accounts.enums import Role
from opora.attachments.domain.attachments import AttachmentData, add_attachment
from opora.attachments.enums import AttachmentKind
from opora.cases.enums import OPEN_STATUSES
from opora.cases.models import Case
from opora.core.sensitivity import Sensitivity

_FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
PAGE = (620, 877)  # A4 at about 75 dpi: enough to read, a few kilobytes


def play(scene) -> None:
    cases = list(
        Case.objects.filter(
            centre=scene.centre, status__in=OPEN_STATUSES, case_manager__isnull=False
        )
        .select_related("primary_person", "case_manager")
        .order_by("registered_at", "id")[:3]
    )
    if not cases:
        return
    today = timezone.localdate(scene.now)
    first = cases[0]
    _letter(first, today - timedelta(days=12), scene)
    _school_note(cases[min(1, len(cases) - 1)], today - timedelta(days=5))
    _birth_certificate(first, today - timedelta(days=400))
    led_by_psychologist = [
        c for c in cases if scene.roles.get(c.case_manager_id) == Role.PSYCHOLOGIST
    ]
    if led_by_psychologist:
        _drawing(led_by_psychologist[0], today - timedelta(days=3))


def _letter(case, day, scene) -> None:
    town = scene.centre.municipality
    lines = [
        f"Дирекция „Социално подпомагане“ – {town}",
        "Отдел „Закрила на детето“",
        "",
        f"Изх. № ЗД/Д-{day:%m}-{case.pk:03d} / {day:%d.%m.%Y}",
        "",
        "ДО РЪКОВОДИТЕЛЯ НА ЦОП",
        "",
        "Относно: информация за хода на подкрепата",
        "",
        "Моля, в 14-дневен срок да ни предоставите",
        "информация за изпълнението на плана за",
        "подкрепа на детето и семейството.",
        "",
        "Социален работник: ………………",
    ]
    _attach(
        case,
        _pdf(lines),
        "писмо_ОЗД.pdf",
        AttachmentData(
            kind=AttachmentKind.INSTITUTION_LETTER,
            title="Искане за информация за хода на подкрепата",
            document_date=day,
            sender=f"ОЗД – {town}",
        ),
    )


def _school_note(case, day) -> None:
    lines = [
        "Основно училище „Христо Ботев“",
        "",
        "Бележка от класния ръководител",
        "",
        "Детето посещава редовно учебни занятия.",
        "През последния месец има подобрение",
        "в оценките по български език.",
    ]
    _attach(
        case,
        _png(lines),
        "бележка_училище.png",
        AttachmentData(
            kind=AttachmentKind.SCHOOL,
            title="Бележка от класния ръководител",
            document_date=day,
            sender="ОУ „Христо Ботев“",
        ),
    )


def _birth_certificate(case, day) -> None:
    lines = ["УДОСТОВЕРЕНИЕ ЗА РАЖДАНЕ", "(дубликат)", "", case.primary_person.full_name]
    _attach(
        case.primary_person,
        _pdf(lines),
        "удостоверение.pdf",
        AttachmentData(
            kind=AttachmentKind.SCANNED,
            title="Удостоверение за раждане (копие)",
            document_date=day,
            sender="Община",
        ),
        actor=case.case_manager,
    )


def _drawing(case, day) -> None:
    _attach(
        case,
        _png(["(рисунка на детето от сесията)"], background=(255, 250, 235)),
        "рисунка.png",
        AttachmentData(
            kind=AttachmentKind.PHOTO,
            title="Рисунка „Моето семейство“ от терапевтична сесия",
            document_date=day,
            sensitivity=Sensitivity.PSYCHOLOGISTS,
        ),
    )


def _attach(subject, content: bytes, name: str, data: AttachmentData, *, actor=None) -> None:
    actor = actor or subject.case_manager
    upload = SimpleUploadedFile(name, content)
    add_attachment(subject, actor=actor, upload=upload, data=data)


def _page(lines: list[str], background=(255, 255, 255)) -> Image.Image:
    image = Image.new("RGB", PAGE, background)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(_FONT), 17) if _FONT.exists() else ImageFont.load_default()
    for number, line in enumerate(lines):
        draw.text((48, 60 + number * 28), line, fill=(30, 30, 40), font=font)
    return image


def _pdf(lines: list[str]) -> bytes:
    buffer = io.BytesIO()
    _page(lines).save(buffer, "PDF", resolution=75)
    return buffer.getvalue()


def _png(lines: list[str], background=(255, 255, 255)) -> bytes:
    buffer = io.BytesIO()
    _page(lines, background).convert("L").save(buffer, "PNG", optimize=True)
    return buffer.getvalue()
