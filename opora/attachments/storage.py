"""The private folder of attachment files (OPORA_ATTACHMENT_DIR), outside the web root.

A file is stored under a random key, never under the name it was uploaded with; the folder is
readable by this process only (0700) and so is each file (0600), as the export store does.
"""

import hashlib
import os
import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

_KEY = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class Stored:
    key: str
    size: int
    sha256: str


def save(chunks: Iterable[bytes]) -> Stored:
    """Write the chunks to a new private file; returns its key, size and SHA-256.

    A failure half-way removes what was written, so no partial file stays behind.
    """
    key = secrets.token_hex(16)
    path = _path(key)
    digest, size = hashlib.sha256(), 0
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as file:
            for chunk in chunks:
                file.write(chunk)
                digest.update(chunk)
                size += len(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return Stored(key=key, size=size, sha256=digest.hexdigest())


def path_of(key: str) -> Path | None:
    """The file of a key, if the key is one of ours and the file is there."""
    if not key or not _KEY.match(key):
        return None
    path = _path(key)
    return path if path.is_file() else None


def delete(key: str) -> None:
    if key and _KEY.match(key):
        _path(key).unlink(missing_ok=True)


def folder() -> Path:
    """The folder, created on first use with the owner's rights only."""
    path = Path(settings.OPORA_ATTACHMENT_DIR)
    if not path.is_dir():
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        path.chmod(0o700)
    return path


def _path(key: str) -> Path:
    if not _KEY.match(key):
        raise ValueError("Not an attachment store key.")
    return folder() / f"{key}.bin"
