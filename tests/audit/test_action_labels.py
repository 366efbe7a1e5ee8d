"""Every action the code records has a plain Bulgarian label in the manager's audit views."""

import re
from pathlib import Path

from opora.audit.labels import ACTIONS

ROOT = Path(__file__).resolve().parents[2] / "opora"
# `record(..., action="case.view")` and `action="..."` keyword arguments passed along to it.
LITERAL = re.compile(r'\baction\s*=\s*"([a-z_]+(?:\.[a-z_]+)+)"')


def recorded_actions() -> dict[str, str]:
    found = {}
    for path in ROOT.rglob("*.py"):
        if "migrations" in path.parts:
            continue
        for match in LITERAL.finditer(path.read_text(encoding="utf-8")):
            found.setdefault(match.group(1), str(path.relative_to(ROOT)))
    return found


def test_every_recorded_action_has_a_bulgarian_label():
    found = recorded_actions()
    assert len(found) > 50  # the scan really finds the callers
    missing = {action: where for action, where in found.items() if action not in ACTIONS}
    assert missing == {}
