"""Two people editing the same record: read the revision a page was opened at, compare rows."""

import re

from tests.web.state import changed_tables, database_state

_REVISION = re.compile(r'name="(?:[\w-]+-)?revision" value="(\d+)"')


def opened_revision(response) -> str:
    """The revision the edit form of `response` carries (the hidden field)."""
    found = _REVISION.search(response.content.decode())
    assert found, "the edit form carries no revision"
    return found.group(1)


def changes_of(action) -> list[str]:
    """The tables `action()` changed, apart from the audit trail (reads are audited)."""
    before = database_state()
    action()
    return [t for t in changed_tables(before, database_state()) if t != "audit.AuditEntry"]
