"""Which way each generated case went through the status table, and when.

A path is one of the demo's routes (opora.demo.paths.PATHS) or a general-access episode. Cases
that ended are spread over the whole period; a case still open entered its status recently, so
that open work looks like open work (an „Активен“ case from five years ago would not).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from random import Random

from opora.cases.enums import CaseStatus as S
from opora.demo.paths import PATHS, Step

# Share of each route among all cases over the period (general access as "consultation_…").
WEIGHTS = {
    "closed": 26, "archived": 22, "closed_early": 6, "follow_up": 2, "reopened": 0.5,
    "refused": 3, "refused_after_assessment": 1.5, "refused_archived": 2, "left_waiting_list": 2,
    "active": 6, "active_from_waitlist": 1, "active_after_review": 2.5, "under_review": 0.5,
    "suspended": 0.5, "closing": 0.5, "intake": 0.7, "waitlisted": 0.8, "assessment": 1,
    "planning": 0.6, "contracting": 0.4,
    "consultation_open": 1.5, "consultation_closed": 10, "consultation_archived": 3,
}  # fmt: skip
# How long a case may already sit in its last status (days), for cases still open.
DWELL = {
    S.INTAKE: 6, S.WAITLISTED: 60, S.ASSESSMENT: 10, S.PLANNING: 8, S.CONTRACTING: 5,
    S.ACTIVE: 150, S.UNDER_REVIEW: 7, S.SUSPENDED: 40, S.CLOSING: 3, S.FOLLOW_UP: 80,
    S.CONSULTATION_OPEN: 55,
}  # fmt: skip
ENDED = frozenset({S.CLOSED, S.REFUSED, S.ARCHIVED, S.CONSULTATION_CLOSED})
CONSULTATION_PATHS = {
    "consultation_open": (Step("open", S.CONSULTATION_OPEN, (0, 0)),),
    "consultation_closed": (
        Step("open", S.CONSULTATION_OPEN, (0, 0)),
        Step("finish", S.CONSULTATION_CLOSED, (7, 58)),
    ),
    "consultation_archived": (
        Step("open", S.CONSULTATION_OPEN, (0, 0)),
        Step("finish", S.CONSULTATION_CLOSED, (7, 58)),
        Step("archive", S.ARCHIVED, (60, 120), "Досието е предадено в архива на центъра."),
    ),
}
ROUTES = {**PATHS, **CONSULTATION_PATHS}
NAMES = tuple(WEIGHTS)
CUMULATIVE = tuple(WEIGHTS.values())


@dataclass
class Story:
    path: str
    statuses: list[str]  # entered in order; the general-access ones start without „Входящ“
    times: list[datetime]  # when each status was entered
    notes: list[str]

    @property
    def status(self) -> str:
        return self.statuses[-1]

    @property
    def general(self) -> bool:
        return self.path.startswith("consultation")

    def entered(self, status: str) -> datetime | None:
        """When the case first entered the status (None if it never did)."""
        for s, t in zip(self.statuses, self.times, strict=True):
            if s == status:
                return t
        return None

    def left(self, index: int) -> datetime | None:
        return self.times[index + 1] if index + 1 < len(self.times) else None


def draw_story(rng: Random, *, now: datetime, years: float) -> Story:
    path = rng.choices(NAMES, weights=CUMULATIVE)[0]
    steps = ROUTES[path]
    general = path in CONSULTATION_PATHS
    gaps = [timedelta(days=rng.uniform(*s.gap), hours=rng.uniform(-3, 3)) for s in steps]
    if general:
        gaps[0] = timedelta(0)
    total = sum(gaps, timedelta(0))
    final = steps[-1].to_status if steps else S.INTAKE
    span = timedelta(days=365 * years)
    if final in DWELL:
        start = now - total - timedelta(days=rng.uniform(0.05, DWELL[final]))
    else:
        earliest = now - span
        latest = now - total - timedelta(days=1)
        start = earliest + (latest - earliest) * rng.random() if latest > earliest else latest
    start = start.replace(microsecond=0)
    statuses = [] if general else [S.INTAKE]
    times = [] if general else [start]
    notes = [] if general else ["Регистрирано насочване"]
    moment = start
    for step, gap in zip(steps, gaps, strict=True):
        moment = max(moment + gap, moment + timedelta(minutes=5))
        statuses.append(step.to_status)
        times.append(min(moment, now - timedelta(minutes=1)))
        notes.append(step.note)
    return Story(path, statuses, times, notes)
