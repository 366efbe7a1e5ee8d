"""The support plan (ИПП) and the contract of a demo case, through opora.plans.domain."""

from datetime import date, timedelta

from django.utils import timezone

from opora.cases.enums import CasePersonRole
from opora.centres.domain import settings_for
from opora.deadlines.calendar import add_months
from opora.demo.diary import CaseDiary
from opora.demo.themes import Aim
from opora.people.enums import Sex
from opora.plans.domain.checks import latest_end
from opora.plans.domain.contract import ContractData, draft_contract, sign_contract
from opora.plans.domain.plan import (
    ActivityData,
    GoalData,
    PlanData,
    approve_plan,
    return_plan,
    save_plan,
    start_plan,
    submit_plan,
)
from opora.plans.enums import DurationClass, SignatoryCapacity
from opora.plans.models import Goal

# Most plans are for up to a year; the first contract runs six months and is extended by annex.
DURATION = DurationClass.MEDIUM
FIRST_CONTRACT_MONTHS = 6
FREE_OF_CHARGE = "Услугата се предоставя безплатно (делегирана от държавата дейност)."
RETURN_COMMENT = (
    "Моля, конкретизирайте очаквания резултат по втората цел и посочете как ще се измерва "
    "напредъкът (индикатори)."
)
CAPACITY_OF_ROLE = {
    CasePersonRole.GUARDIAN: SignatoryCapacity.GUARDIAN,
    CasePersonRole.FOSTER_PARENT: SignatoryCapacity.FOSTER_PARENT,
}


def start(diary: CaseDiary) -> None:
    diary.version = start_plan(diary.case, actor=diary.lead)


def save(diary: CaseDiary, *, aims: tuple[Aim, ...] | None = None, review_on: date | None = None):
    """Write the plan's content; the first version starts today and is reviewed in six months."""
    aims = diary.theme.aims if aims is None else aims
    start_on = timezone.localdate()
    months = settings_for(diary.case.centre).review_interval_months
    review = review_on or add_months(start_on, months)
    review = max(start_on, min(review, latest_end(start_on, DURATION)))
    data = PlanData(
        start_on=start_on,
        review_on=review,
        duration_class=DURATION,
        child_view=diary.text(diary.theme.plan_view),
        family_participation=diary.text(diary.theme.family_part),
        goals=tuple(_goal(diary, aim, _copied(diary, aim)) for aim in aims),
    )
    diary.version = save_plan(diary.version, actor=diary.lead, data=data)
    diary.planned_works = [(aim, work) for aim in aims for work in aim.works]


def submit(diary: CaseDiary) -> None:
    diary.version = submit_plan(diary.version, actor=diary.lead)


def send_back(diary: CaseDiary) -> None:
    diary.version = return_plan(diary.version, actor=diary.manager, comment=RETURN_COMMENT)


def approve(diary: CaseDiary) -> None:
    diary.version = approve_plan(diary.version, actor=diary.manager)
    diary.works = list(diary.planned_works)


def late_review_day(diary: CaseDiary) -> date:
    """For a case whose review the team lets slip: due a few days before today."""
    return timezone.localdate(diary.now) - timedelta(days=diary.rng.randint(3, 6))


def _goal(diary: CaseDiary, aim: Aim, copied_from_id: int | None) -> GoalData:
    return GoalData(
        title=aim.title,
        expected_result=diary.text(aim.result),
        need=diary.text(aim.need),
        indicators=diary.text(aim.indicators),
        copied_from_id=copied_from_id,
        activities=tuple(
            ActivityData(
                service=diary.service(work.service),
                description=diary.text(work.description),
                frequency=work.frequency,
                setting=work.setting,
                responsible=diary.staff(work.role),
            )
            for work in aim.works
        ),
    )


def _copied(diary: CaseDiary, aim: Aim) -> int | None:
    """The goal of the previous version with the same title, when the plan is updated."""
    if diary.version is None or diary.version.number == 1:
        return None
    earlier = Goal.objects.filter(
        version__case=diary.case, version__number__lt=diary.version.number, title=aim.title
    )
    return earlier.order_by("-version__number").values_list("pk", flat=True).first()


# The contract


def draft(diary: CaseDiary, *, start_on: date) -> None:
    signatory, capacity = _signatory(diary)
    data = ContractData(
        signatory=signatory,
        capacity=capacity,
        start_on=start_on,
        end_on=add_months(start_on, FIRST_CONTRACT_MONTHS) - timedelta(days=1),
        fee_note=FREE_OF_CHARGE,
    )
    diary.contract = draft_contract(diary.case, actor=diary.manager, data=data)


def sign(diary: CaseDiary) -> None:
    diary.contract = sign_contract(
        diary.contract, actor=diary.manager, signed_on=timezone.localdate()
    )


def _signatory(diary: CaseDiary):
    """A parent for a child (the mother first), a guardian or carer, or the adult client."""
    people = diary.people()
    for link in people:
        if link.role in CAPACITY_OF_ROLE:
            return link, CAPACITY_OF_ROLE[link.role]
    primary = diary.primary_link()
    parents = [p for p in people if p.role == CasePersonRole.PARENT]
    parents.sort(key=lambda p: p.person.sex != Sex.FEMALE)
    if parents and primary.role == CasePersonRole.CHILD:
        return parents[0], SignatoryCapacity.PARENT
    return primary, SignatoryCapacity.YOUNG_PERSON
