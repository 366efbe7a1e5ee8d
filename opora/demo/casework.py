"""Play one demo story through the domain functions, so history, tasks and audit are all real."""

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from itertools import cycle
from random import Random

from django.utils import timezone

from opora.cases.domain.case import add_person_to_case, add_team_member, close_case, reopen_case
from opora.cases.domain.intake import (
    accept_case,
    place_on_waiting_list,
    refuse_case,
    remove_from_waiting_list,
)
from opora.cases.domain.status import change_status
from opora.cases.enums import CasePersonRole
from opora.cases.models import Case, CaseTeamMember
from opora.centres.enums import TargetGroup
from opora.demo.families import FamilyContext
from opora.demo.paths import PATHS, Step
from opora.demo.patterns import plan_family
from opora.demo.people import SavedFamily, save_family
from opora.demo.places import Place
from opora.demo.referral_data import pick_source, referral_data
from opora.demo.stories import Story
from opora.demo.timeline import backdate_case, plan_times
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
    _leads: object = field(init=False, repr=False)

    def __post_init__(self):
        self._leads = cycle(self.specialists)

    def next_case_manager(self):
        return next(self._leads)


def run_story(scene: CentreScene, story: Story) -> Case:
    steps = PATHS[story.path]
    times = plan_times(story.days_ago, steps, now=scene.now, rng=scene.rng)
    plan = plan_family(scene.families, story.pattern)
    family = save_family(plan, centre=scene.centre, actor=scene.manager)
    groups = [g for g in plan.target_groups if g in scene.centre.target_groups]
    case = _register(
        scene, story, family, groups=groups or [TargetGroup.RISK_CHILD], registered=times[0]
    )
    lead = scene.next_case_manager()
    for step in steps:
        STEP_ACTIONS[step.action](scene, case, step, story, lead)
    backdate_case(case, times, people=family.everyone)
    return case


def _register(
    scene: CentreScene,
    story: Story,
    family: SavedFamily,
    *,
    groups: list[str],
    registered: datetime,
) -> Case:
    data = referral_data(
        source=story.source or pick_source(scene.rng), place=scene.place,
        registered_on=timezone.localtime(registered).date(),
        target_groups=groups, offered=scene.centre.services,
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


def _accept(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    accept_case(case, actor=scene.manager, case_manager=lead)
    others = [u for u in scene.specialists if u != lead]
    if others and scene.rng.random() < 0.5:
        add_team_member(case, actor=scene.manager, user=scene.rng.choice(others))
    if story.urgency and not CaseTeamMember.objects.filter(case=case, user=scene.manager).exists():
        add_team_member(case, actor=scene.manager, user=scene.manager)


def _change(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    change_status(
        case, to_status=step.to_status, actor=case.case_manager or scene.manager, note=step.note
    )


def _close(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    close_case(
        case,
        actor=case.case_manager or scene.manager,
        reason=story.closure,
        note=story.closure_note,
    )


def _waitlist(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    place_on_waiting_list(case, actor=scene.manager, note=step.note)


def _leave_list(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    remove_from_waiting_list(case, actor=scene.manager, reason=step.note)


def _refuse(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    ground, reason = story.refusal
    refuse_case(case, actor=scene.manager, ground=ground, reason=reason)


def _reopen(scene: CentreScene, case: Case, step: Step, story: Story, lead) -> None:
    reopen_case(case, actor=scene.manager, reason=step.note)


STEP_ACTIONS: dict[str, Callable] = {
    "accept": _accept,
    "status": _change,
    "close": _close,
    "waitlist": _waitlist,
    "remove": _leave_list,
    "refuse": _refuse,
    "reopen": _reopen,
}
