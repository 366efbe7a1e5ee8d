"""From the steps of a story (opora.demo.paths) to the dated writes that make them up.

Each step expands into events: accepting a case names the ИОП team, sends a request for
information and meets the family; approving the plan is preceded by its drafting and submission;
signing the contract opens the months of sessions that follow.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial

from django.utils import timezone

from opora.cases.domain.case import add_team_member, reopen_case
from opora.cases.domain.intake import accept_case
from opora.cases.enums import CaseStatus as S
from opora.cases.models import CaseTeamMember
from opora.deadlines.enums import DeadlineKind as DK
from opora.demo import assessing, endings, meetings, planning
from opora.demo.diary import CaseDiary, Event, one_event
from opora.demo.intake import INTAKE_EVENTS
from opora.demo.paths import Step
from opora.demo.timeline import (
    at_work,
    local_day,
    workday_after,
    workday_between,
    working_day_on_or_after,
    working_day_on_or_before,
)

WORKING = frozenset({S.ACTIVE, S.UNDER_REVIEW, S.SUSPENDED, S.CLOSING})
STOPS_SESSIONS = frozenset({"suspend", "propose", "close"})
# Sessions under the contract, besides the two meetings of the assessment and those planned ahead.
MOST_SESSIONS = 7
NO_SHOWS = 0.08


def story_events(diary: CaseDiary, steps: tuple[Step, ...], times: list[datetime]) -> list[Event]:
    events = []
    for index, step in enumerate(steps):
        before = times[index]
        at = times[index + 1]
        after = times[index + 2] if index + 2 < len(times) else diary.now
        last = index == len(steps) - 1
        events += STEP_EVENTS[step.action](diary, step, before, at, after, last)
        if step.action == "sign":
            events += _session_events(diary, steps, times, index)
    return events


def _accept(diary, step, before, at, after, last) -> list[Event]:
    return [Event(at, _accept_case), *_assessment_phase(diary, at, after, last)]


def _accept_case(diary: CaseDiary) -> None:
    scene, story, lead = diary.scene, diary.story, diary.chosen_lead
    accept_case(diary.case, actor=scene.manager, case_manager=lead)
    others = [u for u in scene.specialists if u != lead]
    if others and scene.rng.random() < 0.5:
        add_team_member(diary.case, actor=scene.manager, user=scene.rng.choice(others))
    on_team = CaseTeamMember.objects.filter(case=diary.case, user=scene.manager).exists()
    if story.urgency and not on_team:
        add_team_member(diary.case, actor=scene.manager, user=scene.manager)
    diary.refresh()


def _assessment_phase(diary, at, after, last, occasion: str = "") -> list[Event]:
    """The ИОП team is named, the school or doctor is asked, the family is met, a draft saved."""
    rng = diary.rng
    started = at + min(timedelta(minutes=40), (after - at) / 4)
    events = [Event(started, lambda d: assessing.start(d, occasion))]
    asked = workday_after(at, rng.randint(1, 2), rng)
    # The answer is wanted before the ИОП is finished.
    term = 10 if last else max(3, min(10, (after - asked).days - 1))
    if asked < after:
        events.append(Event(asked, lambda d: assessing.ask(d, days=term)))
    for days, home in (((2, 4), True), ((5, 8), False)):
        day = working_day_on_or_after(local_day(at) + timedelta(days=rng.randint(*days)))
        if meetings.moment(day) < after - timedelta(hours=1):
            meet = partial(meetings.meet_for_assessment, day=day, at_home=home)
            events.append(Event(meetings.moment(day), meet))
    drafted = max(workday_between(at, after, 0.6, rng), started + timedelta(minutes=20))
    if drafted < after - timedelta(minutes=5):
        events.append(Event(drafted, assessing.save_first_draft))
    if last:
        second = at_work(_working_days_ago(diary, rng.randint(2, 4)), rng)
        if second > asked:
            days = rng.randint(7, 10)
            events.append(Event(second, lambda d: assessing.ask(d, days=days, which=1)))
    return events


def _assess(diary, step, before, at, after, last) -> list[Event]:
    events = [Event(at, assessing.complete)]
    if not last:
        return events
    # Still planning: the ИПП is being drafted (or already waits for the manager).
    rng = diary.rng
    drafted = workday_after(at, 1, rng)
    if drafted >= diary.now:
        return events
    events.append(Event(drafted, planning.start))
    if diary.story.plan == "submitted":
        events.append(Event(drafted + timedelta(hours=1), planning.save))
        submitted = max(workday_after(drafted, 1, rng), at_work(_working_days_ago(diary, 1), rng))
        events.append(Event(submitted, planning.submit))
    else:
        aims = diary.theme.aims[:2]
        events.append(Event(drafted + timedelta(hours=1), lambda d: planning.save(d, aims=aims)))
    return events


def _approve_plan(diary, step, before, at, after, last) -> list[Event]:
    late = DK.PLAN_REVIEW in diary.story.late

    def save(d: CaseDiary) -> None:
        planning.save(d, review_on=planning.late_review_day(d) if late else None)

    shares = [(0.15, planning.start), (0.35, save)]
    if diary.story.plan == "returned":
        shares += [(0.5, planning.submit), (0.6, planning.send_back), (0.7, save)]
    shares.append((0.85, planning.submit))
    moments = _in_order(
        [workday_between(before, at, share, diary.rng) for share, _ in shares], before=at
    )
    events = [Event(moment, run) for moment, (_, run) in zip(moments, shares, strict=True)]
    events.append(Event(at, planning.approve))
    if last:
        drafted = workday_after(at, diary.rng.randint(1, 3), diary.rng)
        starts = local_day(diary.now) + timedelta(days=diary.rng.randint(3, 7))
        if drafted < diary.now:
            events.append(Event(drafted, lambda d: planning.draft(d, start_on=starts)))
    return events


def _sign(diary, step, before, at, after, last) -> list[Event]:
    starts = local_day(at)
    drafted = workday_between(before, at, 0.4, diary.rng)
    return [
        Event(drafted, lambda d: planning.draft(d, start_on=starts), keeps=frozenset()),
        Event(at, planning.sign),
    ]


def _review(diary, step, before, at, after, last) -> list[Event]:
    if last:
        reach = local_day(diary.now) + timedelta(days=21)
        events = [
            Event(at, lambda d: endings.begin_review(d, scheduled=False), reviews_until=reach)
        ]
        noted = workday_after(at, 1, diary.rng)
        if noted < diary.now:
            events.append(Event(noted, endings.note_review))
        return events
    return [Event(at, _begin_due_review, keeps=frozenset({DK.PLAN_REVIEW}))]


def _begin_due_review(diary: CaseDiary) -> None:
    due = diary.case.deadlines.filter(
        kind=DK.PLAN_REVIEW, done_at=None, cancelled_at=None,
        due_on__lte=timezone.localdate() + timedelta(days=30),
    ).exists()  # fmt: skip
    endings.begin_review(diary, scheduled=due)


def _resume(diary, step, before, at, after, last) -> list[Event]:
    """The review ends with an updated plan: one goal reached, the others carried on."""
    keep = frozenset({DK.PLAN_REVIEW})
    events = [Event(at, lambda d: endings.finish_review(d, update_plan=True), keeps=keep)]
    moments = _in_order(
        [
            at + timedelta(minutes=50),
            at + timedelta(hours=2),
            workday_after(at, 1, diary.rng),
            workday_after(at, 2, diary.rng),
        ]
    )
    runs = (planning.start, _save_update, planning.submit, planning.approve)
    if moments[-1] < after:
        events += [Event(m, run, keeps=keep) for m, run in zip(moments, runs, strict=True)]
    return events


def _save_update(diary: CaseDiary) -> None:
    aims = diary.theme.aims[1:] if len(diary.theme.aims) > 2 else diary.theme.aims
    planning.save(diary, aims=aims, review_on=diary.review.next_review_on)


def _propose(diary, step, before, at, after, last) -> list[Event]:
    reach = local_day(diary.now) + timedelta(days=21) if last else None
    keeps = frozenset({DK.CONTRACT_END})
    return [Event(at, endings.propose, keeps=keeps, reviews_until=reach)]


def _close(diary, step, before, at, after, last) -> list[Event]:
    """Proposed a day or so before the manager approves it."""
    keeps = frozenset({DK.CONTRACT_END})
    proposed = workday_between(max(before, at - timedelta(days=2)), at, 0.5, diary.rng)
    return [Event(proposed, endings.propose, keeps=keeps), Event(at, endings.approve, keeps=keeps)]


def _session_events(diary, steps, times, index) -> list[Event]:
    """Sessions from the signing of the contract until the work stops (or today)."""
    rng = diary.rng
    start = times[index + 1]
    stop = next(
        (times[i + 1] for i in range(index + 1, len(steps)) if steps[i].action in STOPS_SESSIONS),
        diary.now,
    )
    days = (stop - start).days
    if steps[-1].to_status in WORKING:
        count = max(4, min(MOST_SESSIONS, days // 7))
    else:
        count = max(2, min(7, days // 16))
    dates = meetings.spread_days(start, stop, count, rng)
    if stop == diary.now and days > 7:
        dates = sorted({*dates, _working_days_ago(diary, rng.randint(1, 4))})
    events, missed = [], False
    for day in dates:
        roll = rng.random()
        missed = roll < NO_SHOWS and not missed
        if missed:
            when, run = meetings.moment(day, meetings.MORNING), partial(meetings.miss, day=day)
        else:
            when, run = meetings.moment(day), partial(meetings.hold, day=day, phone=roll > 0.88)
        events.append(Event(when, run, quiet=True))
    return events


def _in_order(moments: list[datetime], *, before: datetime | None = None) -> list[datetime]:
    """The same moments, earliest first, a minute apart at least (the writes depend on each
    other), and all before `before` if given."""
    ordered = sorted(moments)
    for i in range(1, len(ordered)):
        ordered[i] = max(ordered[i], ordered[i - 1] + timedelta(minutes=1))
    if before is not None and ordered and ordered[-1] >= before:
        step = (before - ordered[0]) / (len(ordered) + 1)
        ordered = [ordered[0] + step * i for i in range(len(ordered))]
    return ordered


def _working_days_ago(diary: CaseDiary, days: int) -> date:
    """The working day `days` working days before today."""
    day = local_day(diary.now)
    for _ in range(days):
        day = working_day_on_or_before(day - timedelta(days=1))
    return day


def _reopen(diary, step, before, at, after, last) -> list[Event]:
    """A new referral for a closed case: it goes back to assessment with a new ИОП."""

    def reopen(d: CaseDiary) -> None:
        reopen_case(d.refresh(), actor=d.manager, reason=step.note)

    occasion = "Повторно отваряне на случая: ново насочване от ОЗД."
    return [Event(at, reopen), *_assessment_phase(diary, at, after, last, occasion)]


STEP_EVENTS: dict[str, Callable] = {
    "accept": _accept,
    "assess": _assess,
    "approve_plan": _approve_plan,
    "sign": _sign,
    "review": _review,
    "resume": _resume,
    "suspend": one_event(lambda d, step: endings.suspend(d, step.note)),
    "propose": _propose,
    "approve_closure": one_event(lambda d, step: endings.approve(d)),
    "close": _close,
    "follow_up": one_event(lambda d, step: endings.follow_up(d)),
    "archive": one_event(lambda d, step: endings.archive(d, step.note)),
    "reopen": _reopen,
    **INTAKE_EVENTS,
}
