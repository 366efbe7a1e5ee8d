"""The session log of one centre: a budget of sessions shared among its cases by time in service."""

from datetime import UTC, datetime, time, timedelta
from random import Random

from opora.consultations.enums import KINDS_WITHOUT_PARTICIPANTS, SETTING_OF_KIND, SessionKind
from opora.consultations.enums import SessionStatus as St
from opora.demo.scale.casefile import SessionPlan
from opora.plans.enums import Setting

K = SessionKind
KINDS = {
    "assessment": (K.ASSESSMENT,),
    "contract": (K.INDIVIDUAL_PSYCH,) * 4
    + (K.SOCIAL,) * 3
    + (K.FAMILY,) * 2
    + (K.HOME_VISIT, K.GROUP, K.PHONE, K.INSTITUTION_VISIT),
    "general": (K.SOCIAL, K.SOCIAL, K.PHONE, K.MOBILE),
    "follow_up": (K.FOLLOW_UP,),
}
STARTS = tuple(time(h, m) for h in range(8, 18) for m in (0, 30))
DURATIONS = (30, 45, 60, 60, 60, 90)
PAST_STATUSES = (St.HELD,) * 86 + (St.NO_SHOW,) * 7 + (St.CANCELLED,) * 7


def shares(plans: list[SessionPlan], budget: int, rng: Random) -> list[int]:
    """How many sessions each case gets: proportional to its weight, summing to the budget."""
    total = sum(p.weight for p in plans)
    if not plans or total <= 0 or budget <= 0:
        return [0] * len(plans)
    exact = [budget * p.weight / total for p in plans]
    counts = [int(x) for x in exact]
    missing = budget - sum(counts)
    if missing > 0:
        remainders = [x - int(x) for x in exact]
        for index in rng.choices(range(len(plans)), weights=remainders or None, k=missing):
            counts[index] += 1
    return counts


def write_sessions(ctx, plans: list[SessionPlan], budget: int) -> int:
    rng, today, written = ctx.rng, ctx.today, 0
    for plan, count in zip(plans, shares(plans, budget, rng), strict=True):
        if count == 0:
            continue
        lengths = [(b - a).days + 1 for a, b, _phase in plan.windows]
        picks = range(len(lengths))
        for _ in range(count):
            index = 0 if len(lengths) == 1 else rng.choices(picks, weights=lengths)[0]
            start, _end, phase = plan.windows[index]
            day = start + timedelta(days=rng.randrange(lengths[index]))
            kind = rng.choice(KINDS[phase])
            status = St.PLANNED if day > today else rng.choice(PAST_STATUSES)
            starts = rng.choice(STARTS)
            moment = datetime.combine(day, starts, tzinfo=UTC)
            created = moment - timedelta(days=rng.randint(1, 10))
            goal_id, goal_title = (None, "")
            if phase == "contract" and plan.goals and rng.random() < 0.7:
                goal_id, goal_title = rng.choice(plan.goals)
            lead = plan.leads[0] if len(plan.leads) == 1 else rng.choice(plan.leads)
            changed = None if status == St.PLANNED else moment + timedelta(hours=1)
            session_id = ctx.ids.take("session")
            ctx.emit("session", (
                session_id, ctx.centre_id, plan.case_id, kind, status, day, starts,
                rng.choice(DURATIONS), SETTING_OF_KIND.get(kind, Setting.CENTRE), lead, goal_id,
                goal_title, changed, lead if changed else None, lead, created, changed or created,
            ))  # fmt: skip
            if kind not in KINDS_WITHOUT_PARTICIPANTS:
                ctx.emit("participant", (session_id, plan.primary_link))
            written += 1
    return written
