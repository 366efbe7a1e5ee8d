"""Spread a demo case's history over the past months.

The domain functions stamp everything with the current time. Afterwards the demo moves those
timestamps back so that waiting days, deadlines and reports look like a centre in operation.
Audit entries keep their real time: they record when the demo data was written.
"""

from datetime import date, datetime, time, timedelta
from random import Random

from django.db.models import F
from django.utils import timezone

from opora.cases.enums import CaseStatus
from opora.cases.models import Case, CaseTeamMember, StatusChange, WaitingListEntry
from opora.demo.paths import Step
from opora.people.models import Person, Relation
from opora.referrals.models import Referral
from opora.tasks.models import Task


def plan_times(
    days_ago: float, steps: tuple[Step, ...], *, now: datetime, rng: Random
) -> list[datetime]:
    """Registration time, then one time per step, in working hours and never in the future."""
    if days_ago < 1:
        return [_earlier_today(now, rng)] + [now - timedelta(minutes=5)] * len(steps)
    start_day = timezone.localtime(now).date() - timedelta(days=round(days_ago))
    gaps = [rng.uniform(*step.gap) for step in steps]
    scale = min(1.0, (round(days_ago) - 1) / sum(gaps)) if gaps else 1.0
    times, offset = [_at_work(start_day, rng)], 0.0
    for gap in gaps:
        offset += gap * scale
        day = start_day + timedelta(days=round(offset))
        if day <= timezone.localtime(times[-1]).date():
            times.append(times[-1] + timedelta(minutes=rng.randint(20, 90)))
        else:
            times.append(_at_work(day, rng))
    return [min(t, now - timedelta(minutes=1)) for t in times]


def _earlier_today(now: datetime, rng: Random) -> datetime:
    """This morning in working hours (a referral rarely arrives at night), never in the future."""
    moment = _at_work(timezone.localtime(now).date(), rng) - timedelta(hours=1)
    return min(moment, now - timedelta(minutes=30))


def _at_work(day: date, rng: Random) -> datetime:
    moment = datetime.combine(day, time(9)) + timedelta(minutes=rng.randint(0, 6 * 60))
    return timezone.make_aware(moment)


def backdate_case(case: Case, times: list[datetime], *, people: list[Person]) -> None:
    changes = list(StatusChange.objects.filter(case=case).order_by("id"))
    if len(changes) != len(times):
        raise RuntimeError(f"{case}: {len(changes)} status changes, {len(times)} planned times")
    for row, moment in zip(changes, times, strict=True):
        row.changed_at = moment
    StatusChange.objects.bulk_update(changes, ["changed_at"])
    registered = times[0]
    opened = _first_time(changes, {CaseStatus.ASSESSMENT})
    closed = _last_time(changes, {CaseStatus.CLOSED, CaseStatus.REFUSED})
    Case.objects.filter(pk=case.pk, opened_at__isnull=False).update(opened_at=opened)
    Case.objects.filter(pk=case.pk, closed_at__isnull=False).update(closed_at=closed)
    Case.objects.filter(pk=case.pk).update(registered_at=registered)
    Referral.objects.filter(case=case).update(received_at=registered)
    CaseTeamMember.objects.filter(case=case).update(added_at=opened or registered)
    Person.objects.filter(pk__in=[p.pk for p in people]).update(created_at=registered)
    Relation.objects.filter(person__in=people).update(created_at=registered)
    _backdate_waiting(case, changes)
    _backdate_tasks(case, registered)


def _first_time(changes: list[StatusChange], statuses: set[str]) -> datetime | None:
    return next((c.changed_at for c in changes if c.to_status in statuses), None)


def _last_time(changes: list[StatusChange], statuses: set[str]) -> datetime | None:
    return _first_time(list(reversed(changes)), statuses)


def _backdate_waiting(case: Case, changes: list[StatusChange]) -> None:
    for index, change in enumerate(changes):
        if change.to_status != CaseStatus.WAITLISTED:
            continue
        left = changes[index + 1].changed_at if index + 1 < len(changes) else None
        entries = WaitingListEntry.objects.filter(case=case)
        entries.update(entered_at=change.changed_at)
        entries.filter(left_at__isnull=False).update(left_at=left)


def _backdate_tasks(case: Case, registered: datetime) -> None:
    tasks = Task.objects.filter(case=case)
    shift = registered - case.registered_at
    tasks.update(created_at=F("created_at") + shift, due_at=F("due_at") + shift)
    done = min(registered + timedelta(hours=2), timezone.now())
    tasks.filter(done_at__isnull=False).update(done_at=done)
