"""The encrypted files themselves: nothing opens without the password, everything with it."""

import io
import re
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
import pyzipper
from django.utils import timezone

from opora.privacy.exports import (
    PASSWORD_ALPHABET,
    encrypted_csv_zip,
    encrypted_xlsx,
    encrypted_zip,
    generate_password,
)
from tests.privacy.conftest import decrypt_xlsx, unzip

HEADERS = ["Номер", "Потребител", "Регистриран на"]
ROWS = [["2026-001", "Калина Маринова", date(2026, 3, 15)], ["2026-002", "=HYPERLINK(1)", None]]


def test_a_generated_password_is_four_readable_groups_without_ambiguous_characters():
    passwords = {generate_password() for _ in range(200)}

    assert len(passwords) == 200
    for password in passwords:
        assert re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", password)
        assert set(password.replace("-", "")) <= set(PASSWORD_ALPHABET)
        assert not set(password) & set("0o1lI")


def test_the_xlsx_does_not_open_without_the_password():
    content = encrypted_xlsx(HEADERS, ROWS, "abcd-efgh-jkmn-pqrs")

    with pytest.raises(zipfile.BadZipFile):
        openpyxl.load_workbook(io.BytesIO(content))


def test_the_xlsx_opens_with_the_password_and_holds_the_rows_as_typed():
    content = encrypted_xlsx(HEADERS, ROWS, "abcd-efgh-jkmn-pqrs")

    sheet = openpyxl.load_workbook(decrypt_xlsx(content, "abcd-efgh-jkmn-pqrs")).active
    rows = list(sheet.values)

    assert rows[0] == tuple(HEADERS)
    assert rows[1] == ("2026-001", "Калина Маринова", datetime(2026, 3, 15))
    # A value that Excel would run as a formula stays text.
    assert rows[2] == ("2026-002", "'=HYPERLINK(1)", None)
    assert sheet["C2"].number_format == "dd.mm.yyyy"


def test_the_xlsx_does_not_decrypt_with_a_wrong_password():
    content = encrypted_xlsx(HEADERS, ROWS, "abcd-efgh-jkmn-pqrs")

    with pytest.raises(Exception, match=r"(?i)password|key|verif"):
        decrypt_xlsx(content, "wxyz-wxyz-wxyz-wxyz")


def test_the_csv_is_utf8_with_a_bom_inside_an_aes_zip():
    content = encrypted_csv_zip("sluchai.csv", HEADERS, ROWS, "abcd-efgh-jkmn-pqrs")

    with (
        zipfile.ZipFile(io.BytesIO(content)) as plain_zip,
        pytest.raises(RuntimeError, match="encrypted"),
    ):
        plain_zip.read("sluchai.csv")
    with pyzipper.AESZipFile(io.BytesIO(content)) as archive:
        assert archive.getinfo("sluchai.csv").flag_bits & 0x1  # encrypted
        archive.setpassword(b"wxyz-wxyz-wxyz-wxyz")
        with pytest.raises(RuntimeError, match=r"(?i)bad password"):
            archive.read("sluchai.csv")
    text = unzip(content, "abcd-efgh-jkmn-pqrs")["sluchai.csv"]
    assert text.startswith(b"\xef\xbb\xbf")
    assert text.decode("utf-8-sig").splitlines() == [
        "Номер;Потребител;Регистриран на",
        "2026-001;Калина Маринова;15.03.2026",
        "2026-002;'=HYPERLINK(1);",
    ]


def test_times_are_written_in_local_time():
    moment = timezone.make_aware(datetime(2026, 7, 1, 9, 30))
    content = encrypted_csv_zip("x.csv", ["Кога"], [[moment]], "abcd-efgh-jkmn-pqrs")

    assert unzip(content, "abcd-efgh-jkmn-pqrs")["x.csv"].decode("utf-8-sig").splitlines()[1] == (
        "01.07.2026 09:30"
    )


def test_a_short_password_is_refused():
    with pytest.raises(ValueError):
        encrypted_zip("x.txt", b"data", "short")
