"""Export files wait in a private folder of each test, never in the project's var/."""

import io

import msoffcrypto
import pytest
import pyzipper


@pytest.fixture(autouse=True)
def export_dir(settings, tmp_path):
    settings.OPORA_EXPORT_DIR = tmp_path / "exports"
    return settings.OPORA_EXPORT_DIR


def decrypt_xlsx(content: bytes, password: str) -> io.BytesIO:
    office = msoffcrypto.OfficeFile(io.BytesIO(content))
    office.load_key(password=password)
    plain = io.BytesIO()
    office.decrypt(plain)
    plain.seek(0)
    return plain


def unzip(content: bytes, password: str) -> dict[str, bytes]:
    with pyzipper.AESZipFile(io.BytesIO(content)) as archive:
        archive.setpassword(password.encode())
        return {name: archive.read(name) for name in archive.namelist()}
