"""Drafts of generated cases: everything decided in memory before the bulk insert.

The bulk path skips the domain functions for speed, so it writes by hand what they would have
written: search keys, one StatusChange per status, YYYY-NNNN numbers, waiting-list entries.
"""

from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus, ClosureReason, RefusalGround
from opora.demo.families import FamilyPlan
from opora.demo.paths import PATHS, statuses_of
from opora.demo.patterns import plan_family
from opora.demo.referral_data import pick_source, referral_data
from opora.demo.timeline import plan_times
from opora.referrals.domain import ReferralData

# Final route → (weight, registered between so many days ago)
MIX = {
    "intake": (3, (0, 3)), "waitlisted": (3, (2, 40)), "left_waiting_list": (2, (60, 300)),
    "assessment": (8, (3, 25)), "planning": (6, (15, 45)), "contracting": (4, (25, 60)),
    "active": (26, (45, 300)), "active_from_waitlist": (3, (45, 300)),
    "active_after_review": (4, (200, 365)), "under_review": (4, (180, 365)),
    "suspended": (3, (60, 300)), "closing": (4, (90, 365)), "closed": (12, (120, 365)),
    "closed_early": (4, (30, 365)), "follow_up": (3, (150, 365)), "archived": (3, (250, 365)),
    "reopened": (1, (200, 365)), "refused": (2, (5, 365)),
    "refused_after_assessment": (1, (30, 365)),
    "refused_archived": (1, (200, 365)),
}  # fmt: skip
CLOSURES = [
    r
    for r in ClosureReason.values
    if r not in (ClosureReason.OTHER, ClosureReason.LEFT_WAITING_LIST)
]
ENDED = frozenset(
    {CaseStatus.CLOSED, CaseStatus.REFUSED, CaseStatus.FOLLOW_UP, CaseStatus.ARCHIVED}
)
LONG_PATTERNS = (None, None, None, None, "disability", "teenager", "foster_candidates")


@dataclass
class Draft:
    path: str
    times: list[datetime]
    plan: FamilyPlan
    referral: ReferralData
    lead: object | None
    closure: str
    refusal: str

    @property
    def statuses(self) -> list[str]:
        return statuses_of(self.path)

    @property
    def status(self) -> str:
        return self.statuses[-1]

    @property
    def occupies_place(self) -> bool:
        return self.status in OCCUPYING_STATUSES

    def first_time(self, status: str) -> datetime | None:
        return next(
            (t for s, t in zip(self.statuses, self.times, strict=True) if s == status), None
        )

    def _ending(self) -> tuple[str, datetime] | None:
        """The closure or refusal that ended the work, if the case is still ended (not reopened)."""
        if self.status not in ENDED:
            return None
        pairs = zip(self.statuses, self.times, strict=True)
        return [(s, t) for s, t in pairs if s in (CaseStatus.CLOSED, CaseStatus.REFUSED)][-1]

    def closed_time(self) -> datetime | None:
        ending = self._ending()
        return ending[1] if ending else None

    def ended_by(self) -> str:
        ending = self._ending()
        return ending[0] if ending else ""


def draft_cases(scene, count: int) -> list[Draft]:
    """`count` drafts in order of registration, the oldest first."""
    rng = scene.rng
    routes = rng.choices(list(MIX), weights=[w for w, _ in MIX.values()], k=count)
    ages = [rng.uniform(*MIX[route][1]) for route in routes]
    ordered = sorted(zip(ages, routes, strict=True), key=lambda pair: -pair[0])
    return [_draft(scene, route, days) for days, route in ordered]


def _draft(scene, path: str, days_ago: float) -> Draft:
    rng = scene.rng
    times = plan_times(days_ago, PATHS[path], now=scene.now, rng=rng)
    plan = plan_family(scene.families, rng.choice(LONG_PATTERNS) if days_ago > 60 else None)
    groups = [
        g for g in plan.target_groups if g in scene.centre.target_groups
    ] or plan.target_groups
    referral = referral_data(
        source=pick_source(rng), place=scene.place,
        registered_on=timezone.localtime(times[0]).date(),
        target_groups=groups, offered=scene.centre.services, urgency="", rng=rng,
    )  # fmt: skip
    accepted = CaseStatus.ASSESSMENT in statuses_of(path)
    return Draft(
        path=path, times=times, plan=plan, referral=referral,
        lead=scene.next_case_manager() if accepted else None,
        closure=(
            ClosureReason.LEFT_WAITING_LIST if path == "left_waiting_list" else rng.choice(CLOSURES)
        ),
        refusal=rng.choice(RefusalGround.values),
    )  # fmt: skip
