"""When the steps of a demo case happen: spread over the past months, in working hours.

The stories are then played at those moments (opora.demo.clock), so everything the domain writes
carries the time the step happened rather than the time the demo was created.
"""

from datetime import date, datetime, time, timedelta
from random import Random

from django.utils import timezone

from opora.deadlines.calendar import is_working_day
from opora.demo.paths import Step


def plan_times(
    days_ago: float, steps: tuple[Step, ...], *, now: datetime, rng: Random
) -> list[datetime]:
    """Registration time, then one time per step, in working hours and never in the future."""
    if days_ago < 1:
        return [_earlier_today(now, rng)] + [now - timedelta(minutes=5)] * len(steps)
    today = timezone.localtime(now).date()
    start_day = today - timedelta(days=round(days_ago))
    gaps = [rng.uniform(*step.gap) for step in steps]
    scale = min(1.0, (round(days_ago) - 1) / sum(gaps)) if gaps else 1.0
    times, offset = [at_work(_workday(start_day, today), rng)], 0.0
    for gap in gaps:
        offset += gap * scale
        day = _workday(start_day + timedelta(days=round(offset)), today)
        if day <= timezone.localtime(times[-1]).date():
            times.append(times[-1] + timedelta(minutes=rng.randint(20, 90)))
        else:
            times.append(at_work(day, rng))
    if steps and steps[-1].lands is not None and len(times) > 1:
        times[-1] = _landed(steps[-1].lands, after=times[-2], now=now, rng=rng)
    return [min(t, now - timedelta(minutes=1)) for t in times]


def registered_after(
    times: list[datetime], earlier: datetime | None, *, now: datetime
) -> list[datetime]:
    """The same steps, registered after the case before them: cases are numbered, and admitted
    from the waiting list, in the order they came."""
    if earlier is None or times[0] > earlier:
        return times
    moved = [earlier + timedelta(minutes=7)]
    for moment in times[1:]:
        moved.append(max(moment, moved[-1] + timedelta(minutes=20)))
    return [min(moment, now - timedelta(seconds=30)) for moment in moved]


def _workday(day: date, today: date) -> date:
    """The working day on or after `day`, unless that is still to come: then the one before."""
    after = working_day_on_or_after(day)
    return after if after <= today else working_day_on_or_before(day)


def _landed(lands: tuple[float, float], *, after: datetime, now: datetime, rng: Random) -> datetime:
    """A moment so many days before today, but after the step before it."""
    day = timezone.localtime(now - timedelta(days=rng.uniform(*lands))).date()
    moment = at_work(working_day_on_or_before(day), rng)
    return max(moment, after + timedelta(hours=rng.randint(2, 6)))


def _earlier_today(now: datetime, rng: Random) -> datetime:
    """This morning in working hours (a referral rarely arrives at night), never in the future."""
    moment = at_work(timezone.localtime(now).date(), rng) - timedelta(hours=1)
    return min(moment, now - timedelta(minutes=30))


def at_work(day: date, rng: Random, *, first: int = 9, last: int = 16) -> datetime:
    """A moment between `first` and `last` o'clock of `day`, or of the next working day."""
    day = working_day_on_or_after(day)
    moment = datetime.combine(day, time(first)) + timedelta(
        minutes=rng.randint(0, (last - first) * 60)
    )
    return timezone.make_aware(moment)


def workday_between(start: datetime, end: datetime, share: float, rng: Random) -> datetime:
    """In working hours of the working day nearest to `share` of the way, strictly between."""
    wanted = local_day(start + (end - start) * share)
    first, last = local_day(start), local_day(end)
    days = [first + timedelta(days=n) for n in range((last - first).days + 1)]
    days = [d for d in days if is_working_day(d)]
    if not days:
        return start + (end - start) * share
    day = min(days, key=lambda d: abs((d - wanted).days))
    low, high = start + timedelta(minutes=5), end - timedelta(minutes=5)
    return min(max(at_work(day, rng), low), high)


def workday_after(moment: datetime, days: int, rng: Random) -> datetime:
    """In working hours, `days` working days or so after `moment`."""
    return at_work(local_day(moment) + timedelta(days=days), rng)


def working_day_on_or_before(day: date) -> date:
    while not is_working_day(day):
        day -= timedelta(days=1)
    return day


def working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def local_day(moment: datetime) -> date:
    return timezone.localtime(moment).date()
