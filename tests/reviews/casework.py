"""A case worked under an approved plan and a signed contract, built through the domain functions.

Shared by the reviews and closure tests: the plans app builds the plan and the contract exactly as
the staff would (start → save → submit → approve, draft → sign), so the case reaches „Активен“
with a PLAN_REVIEW deadline from the approved version and a contract in force.
"""

from datetime import date, timedelta

from django.utils import timezone

from opora.cases.domain.case import add_person_to_case
from opora.cases.enums import CasePersonRole, CaseStatus
from opora.centres.enums import Service
from opora.deadlines.calendar import add_months
from opora.plans.domain.contract import ContractData, draft_contract, sign_contract
from opora.plans.domain.plan import (
    ActivityData,
    GoalData,
    PlanData,
    approve_plan,
    save_plan,
    start_plan,
    submit_plan,
)
from opora.plans.enums import DurationClass, Setting, SignatoryCapacity
from opora.plans.models import PlanVersion
from tests.factories import PersonFactory, make_case

GOALS = ("Редовно посещение на училище", "Подобрена комуникация в семейството")


def working_case(
    centre, manager, case_manager, *, goals=GOALS, birth_date=date(2013, 5, 20), **referral
):
    """An active case of a child (12–13 years old by default) referred by ОЗД unless told otherwise."""
    child = PersonFactory(centre=centre, birth_date=birth_date)
    case = make_case(
        centre, manager, CaseStatus.PLANNING, person=child, case_manager=case_manager, **referral
    )
    approve_plan_with(case, manager, case_manager, goals)
    mother = PersonFactory(centre=centre, last_name="Майкова", birth_date=date(1988, 4, 2))
    link = add_person_to_case(case, actor=manager, person=mother, role=CasePersonRole.PARENT)
    today = timezone.localdate()
    contract = draft_contract(
        case,
        actor=manager,
        data=ContractData(
            signatory=link,
            capacity=SignatoryCapacity.PARENT,
            start_on=today,
            end_on=add_months(today, 6) - timedelta(days=1),
        ),
    )
    sign_contract(contract, actor=manager, signed_on=today)
    case.refresh_from_db()
    return case


def approve_plan_with(case, manager, case_manager, goals=GOALS) -> PlanVersion:
    today = timezone.localdate()
    version = start_plan(case, actor=case_manager)
    activity = ActivityData(
        service=Service.THERAPY,
        description="Индивидуални сесии",
        frequency="веднъж седмично",
        setting=Setting.CENTRE,
        responsible=case_manager,
    )
    data = PlanData(
        start_on=today,
        review_on=today + timedelta(days=90),
        duration_class=DurationClass.SHORT,
        goals=tuple(
            GoalData(title=title, expected_result="Очакван резултат", activities=(activity,))
            for title in goals
        ),
    )
    save_plan(version, actor=case_manager, data=data)
    submit_plan(version, actor=case_manager)
    return approve_plan(version, actor=manager)
