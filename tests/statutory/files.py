"""Reading back the files the statutory pages hand out."""

import io
import re

import msoffcrypto
from openpyxl import load_workbook

PASSWORD = re.compile(r'class="export-password"[^>]*>([a-z0-9-]+)<')
TOKEN = re.compile(r'name="token" value="([^"]+)"')


def download_export(client, ready_page: str) -> tuple[bytes, str]:
    """The file behind the password page, fetched once, and its password."""
    password = PASSWORD.search(ready_page).group(1)
    token = TOKEN.search(ready_page).group(1)
    response = client.post("/c/harmanli/statutory/download/", {"token": token})
    assert response.status_code == 200, response.content[:300]
    return response.content, password


def open_workbook(content: bytes, password: str):
    office = msoffcrypto.OfficeFile(io.BytesIO(content))
    office.load_key(password=password)
    plain = io.BytesIO()
    office.decrypt(plain)
    return load_workbook(plain)
