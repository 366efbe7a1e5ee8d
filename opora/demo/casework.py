"""Play one demo story through the domain functions, so history, deadlines and audit are all real.

A story's steps (opora.demo.paths) become dated events: the ИОП and its requests, the plan and its
approval, the contract, sessions, reviews, the closure. They are played in order of time, each at
its moment (opora.demo.clock); before each one the team keeps the duties that fell due
(opora.demo.duties).
"""

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from itertools import cycle
from random import Random

from opora.cases.domain.case import add_person_to_case
from opora.cases.enums import CasePersonRole
from opora.cases.enums import CaseStatus as S
from opora.cases.models import Case
from opora.centres.domain import settings_for
from opora.centres.enums import TargetGroup
from opora.deadlines.calendar import add_days
from opora.deadlines.enums import DeadlineKind as DK
from opora.demo import meetings
from opora.demo.clock import played_at
from opora.demo.diary import CaseDiary, theme_for
from opora.demo.duties import catch_up
from opora.demo.families import FamilyContext
from opora.demo.general import run_general
from opora.demo.paths import PATHS, Step
from opora.demo.patterns import plan_family
from opora.demo.people import SavedFamily, save_family
from opora.demo.places import Place
from opora.demo.referral_data import pick_source, referral_data
from opora.demo.steps import story_events
from opora.demo.stories import Story
from opora.demo.timeline import (
    at_work,
    local_day,
    working_day_on_or_before,
)
from opora.referrals.domain import register_referral
from opora.tasks.domain import complete_task
from opora.tasks.enums import TaskKind


@dataclass
class CentreScene:
    """One centre being filled: its people, its team, and the shared random generator."""

    centre: object
    manager: object
    specialists: list
    place: Place
    rng: Random
    now: datetime
    families: FamilyContext
    roles: dict = field(default_factory=dict)  # user id → role in the centre
    booked: dict = field(default_factory=dict)  # (user id, day) → [(from, to) in minutes]
    _leads: object = field(init=False, repr=False)

    def __post_init__(self):
        self._leads = cycle(self.specialists)

    def next_case_manager(self):
        return next(self._leads)

    def book(self, user, day: date, minutes: int, rng: Random) -> time | None:
        """A free start time in the user's diary that day, or None when the day is full."""
        taken = self.booked.setdefault((user.pk, day), [])
        free = [
            start
            for start in meetings.STARTS
            if not any(a < _minute(start) + minutes and _minute(start) < b for a, b in taken)
            and _minute(start) + minutes <= 18 * 60
        ]
        if not free:
            return None
        start = rng.choice(free)
        taken.append((_minute(start), _minute(start) + minutes))
        return start


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def run_story(scene: CentreScene, story: Story, times: list[datetime]) -> Case:
    if story.path.startswith("general"):
        return run_general(scene, story, times[0])
    steps = PATHS[story.path]
    plan = plan_family(replace(scene.families, today=local_day(times[0])), story.pattern)
    groups = [g for g in plan.target_groups if g in scene.centre.target_groups]
    groups = groups or [TargetGroup.RISK_CHILD]
    with played_at(times[0]):
        family = save_family(plan, centre=scene.centre, actor=scene.manager)
        case = _register(scene, story, family, groups=groups, registered=times[0])
    lead = scene.next_case_manager()
    if DK.ASSESSMENT not in story.late:
        times = _within_term(case, steps, times, scene.rng)
    diary = CaseDiary(
        scene=scene, story=story, case=case, theme=theme_for(story.pattern, groups, story.urgency),
        times=times, last=times[0], chosen_lead=lead,
    )  # fmt: skip
    _play(diary, story_events(diary, steps, times))
    catch_up(diary, until=scene.now, final=True)
    _book_ahead(diary)
    return case


def _play(diary: CaseDiary, events: list) -> None:
    """Each write at its moment, in order of time; before it, the duties that fell due are kept
    (a session sets no deadline, so while nothing is due the check is skipped)."""
    for event in sorted(events, key=lambda e: e.moment):
        quiet = event.quiet and diary.quiet_until and event.moment < diary.quiet_until
        if not quiet:
            catch_up(
                diary, until=event.moment, keeps=event.keeps, reviews_until=event.reviews_until
            )
        with diary.at(event.moment):
            event.run(diary)
        if not event.quiet:
            diary.quiet_until = None


def _within_term(case: Case, steps: tuple[Step, ...], times: list, rng) -> list:
    """The team approves the ИПП before the 20-day term of the ИОП and ИПП runs out."""
    actions = [step.action for step in steps]
    if "approve_plan" not in actions:
        return times
    assess, approve = actions.index("assess") + 1, actions.index("approve_plan") + 1
    due = assessment_due(case)
    if local_day(times[approve]) < due:
        return times
    approved = at_work(working_day_on_or_before(due - timedelta(days=1)), rng)
    two_days_before = working_day_on_or_before(local_day(approved) - timedelta(days=2))
    assessed = min(times[assess], at_work(two_days_before, rng))
    if assessed <= times[assess - 1] + timedelta(days=3):
        return times
    return [
        *times[:assess],
        assessed,
        *times[assess + 1 : approve],
        approved,
        *times[approve + 1 :],
    ]


def assessment_due(case: Case) -> date:
    """As opora.cases.domain.intake counts it: N days from the declared wish to use the service."""
    centre_settings = settings_for(case.centre)
    referral = case.referrals.order_by("received_at").first()
    start = (referral.wish_declared_on if referral else None) or local_day(case.registered_at)
    return add_days(
        start, centre_settings.assessment_deadline, centre_settings.assessment_deadline_count
    )


def _register(
    scene: CentreScene, story: Story, family: SavedFamily, *, groups: list[str], registered
) -> Case:
    data = referral_data(
        source=story.source or pick_source(scene.rng), place=scene.place,
        registered_on=local_day(registered), target_groups=groups, offered=scene.centre.services,
        urgency=story.urgency, rng=scene.rng,
    )  # fmt: skip
    data = replace(data, family=family.on_referral())
    case = register_referral(
        centre=scene.centre, actor=scene.manager, person=family.primary, data=data
    )
    for sibling in family.siblings():
        add_person_to_case(case, actor=scene.manager, person=sibling, role=CasePersonRole.SIBLING)
    _report_urgent_case(scene, case)
    return case


def _report_urgent_case(scene: CentreScene, case: Case) -> None:
    """The manager informs ДСП at once; a child's own call for help waits for the reader."""
    for task in case.tasks.filter(kind=TaskKind.NOTIFY_URGENT, done_at__isnull=True):
        complete_task(
            task, actor=scene.manager,
            note=f"ОЗД – {scene.place.town} е уведомен по телефона и с писмо в същия ден.",
        )  # fmt: skip


def _book_ahead(diary: CaseDiary) -> None:
    """A case being worked on has its next meetings in the diary."""
    if diary.refresh().status not in (S.ACTIVE, S.UNDER_REVIEW):
        return
    with diary.at(diary.last):
        meetings.plan_ahead(diary, diary.rng.choice((1, 2, 2)))
