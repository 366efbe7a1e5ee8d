"""Password-protected export files, for every report that lets personal data leave Opora.

A file that leaves the system is encrypted by default: XLSX with Office's own encryption
(msoffcrypto-tool, opens in Excel/LibreOffice after the password), anything else inside an AES-256
zip (pyzipper; opens in 7-Zip, WinRAR, macOS Archive Utility). The password is generated here and
shown once to the person who exports; it is never stored.
"""

import csv
import io
import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime

import pyzipper
from django.utils import timezone
from msoffcrypto.format.ooxml import OOXMLFile
from openpyxl import Workbook
from openpyxl.styles import Font

# No 0/O/o, 1/l/I/i, so a password read out over the phone is typed right the first time.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
PASSWORD_GROUPS = 4
PASSWORD_GROUP_LENGTH = 4
# A cell starting with one of these is a formula to Excel: an exported name like "=HYPERLINK(…)"
# must stay text (CSV/formula injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | date | datetime | None


def generate_password() -> str:
    """E.g. "k7mp-x3qa-9dfr-w2ne": 16 random characters of 31 (about 79 bits)."""
    groups = (
        "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(PASSWORD_GROUP_LENGTH))
        for _ in range(PASSWORD_GROUPS)
    )
    return "-".join(groups)


def encrypted_xlsx(headers: Sequence[str], rows: Iterable[Sequence[Cell]], password: str) -> bytes:
    """One worksheet with a bold header row, encrypted with `password` (Office encryption)."""
    _require_password(password)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Данни"
    sheet.append(list(headers))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_xlsx_value(value) for value in row])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, datetime):
                cell.number_format = "dd.mm.yyyy hh:mm"
            elif isinstance(cell.value, date):
                cell.number_format = "dd.mm.yyyy"
    sheet.freeze_panes = "A2"
    plain = io.BytesIO()
    workbook.save(plain)
    plain.seek(0)
    encrypted = io.BytesIO()
    OOXMLFile(plain).encrypt(password, encrypted)
    return encrypted.getvalue()


def encrypted_csv_zip(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence[Cell]], password: str
) -> bytes:
    """A CSV (UTF-8 with BOM, so Excel shows Cyrillic; ";" as Excel expects in Bulgaria) in an AES zip."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=";", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_value(value) for value in row])
    return encrypted_zip(filename, text.getvalue().encode("utf-8-sig"), password)


def encrypted_zip(filename: str, content: bytes, password: str) -> bytes:
    """One file inside a zip encrypted with AES-256 (WinZip AES)."""
    _require_password(password)
    out = io.BytesIO()
    with pyzipper.AESZipFile(
        out, "w", compression=pyzipper.ZIP_DEFLATED, encryption=pyzipper.WZ_AES
    ) as archive:
        archive.setpassword(password.encode("utf-8"))
        archive.setencryption(pyzipper.WZ_AES, nbits=256)
        archive.writestr(filename, content)
    return out.getvalue()


def _require_password(password: str) -> None:
    if not password or len(password) < 12:
        raise ValueError("An export password must have at least 12 characters.")


def _xlsx_value(value: Cell) -> Cell:
    if isinstance(value, datetime):
        # Excel has no time zones: write the local wall-clock time.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, str):
        return _defuse(value)
    return value


def _csv_value(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%d.%m.%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d.%m.%Y")
    return _defuse(str(value))


def _defuse(text: str) -> str:
    return "'" + text if text.startswith(_FORMULA_START) else text
