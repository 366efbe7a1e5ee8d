"""Retention (opora.privacy) erases the files of a case or a person together with their text.

No transaction or audit here: the retention run holds both. The files go from disk only once the
erasure has committed, so a run that fails half-way leaves every file in place.
"""

from django.db import transaction
from django.utils import timezone

from opora.attachments import storage


def erase_files(rows) -> int:
    """The files of these attachment rows: marked removed, keys blanked, deleted after commit."""
    keys = list(rows.exclude(storage_key="").values_list("storage_key", flat=True))
    rows.filter(removed_at__isnull=True).update(removed_at=timezone.now())
    rows.update(storage_key="")
    if keys:
        transaction.on_commit(lambda: _delete(keys))
    return len(keys)


def _delete(keys: list[str]) -> None:
    for key in keys:
        storage.delete(key)
