"""A private folder for export files waiting to be downloaded (outside the web root).

The files are already encrypted with the export's password; each waits a few minutes for its
one-time download and is deleted then, or by the next export or retention run once expired.
"""

import os
import re
import secrets
from pathlib import Path

from django.conf import settings

_KEY = re.compile(r"^[0-9a-f]{32}$")


def save(content: bytes) -> str:
    """Write the bytes to a new file readable by this process only; return its key."""
    key = secrets.token_hex(16)
    descriptor = os.open(_path(key), os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
    return key


def read(key: str) -> bytes | None:
    try:
        return _path(key).read_bytes()
    except FileNotFoundError:
        return None


def delete(key: str) -> None:
    if key:
        _path(key).unlink(missing_ok=True)


def _path(key: str) -> Path:
    if not _KEY.match(key):
        raise ValueError("Not an export store key.")
    folder = Path(settings.OPORA_EXPORT_DIR)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    return folder / f"{key}.bin"
