"""A case in planning led by the psychologist, and helpers that build plan content."""

from datetime import timedelta

import pytest

from opora.cases.enums import CasePersonRole, CaseStatus
from opora.cases.models import CasePerson
from opora.centres.enums import Service
from opora.plans.domain.checks import today
from opora.plans.domain.plan import (
    ActivityData,
    GoalData,
    PlanData,
    approve_plan,
    save_plan,
    start_plan,
    submit_plan,
)
from opora.plans.enums import DurationClass, Setting
from tests.factories import PersonFactory, make_case


def activity(responsible, **overrides) -> ActivityData:
    values = {
        "service": Service.THERAPY,
        "description": "Индивидуални сесии с психолог",
        "frequency": "веднъж седмично",
        "setting": Setting.CENTRE,
        "responsible": responsible,
    }
    values.update(overrides)
    return ActivityData(**values)


def goal(responsible, **overrides) -> GoalData:
    values = {
        "title": "Подобряване на училищната посещаемост",
        "expected_result": "Детето посещава редовно училище",
        "need": "Отсъствия от училище",
        "indicators": "Под 3 неизвинени отсъствия на месец",
        "activities": (activity(responsible),),
    }
    values.update(overrides)
    return GoalData(**values)


def plan_data(responsible, **overrides) -> PlanData:
    start = today()
    values = {
        "start_on": start,
        "review_on": start + timedelta(days=90),
        "duration_class": DurationClass.SHORT,
        "child_view": "Детето иска да ходи на училище с приятели.",
        "family_participation": "Майката участва в срещите.",
        "goals": (goal(responsible),),
    }
    values.update(overrides)
    return PlanData(**values)


@pytest.fixture
def planning_case(centre, manager, psychologist):
    return make_case(centre, manager, CaseStatus.PLANNING, case_manager=psychologist)


@pytest.fixture
def draft(planning_case, psychologist):
    version = start_plan(planning_case, actor=psychologist)
    return save_plan(version, actor=psychologist, data=plan_data(psychologist))


@pytest.fixture
def submitted(draft, psychologist):
    return submit_plan(draft, actor=psychologist)


@pytest.fixture
def approved(submitted, manager):
    return approve_plan(submitted, actor=manager)


@pytest.fixture
def mother_link(planning_case, centre):
    """The child's mother, an adult on the case who can sign the contract."""
    from datetime import date

    mother = PersonFactory(
        centre=centre, first_name="Деяна", last_name="Маринова", birth_date=date(1988, 4, 2)
    )
    return CasePerson.objects.create(case=planning_case, person=mother, role=CasePersonRole.PARENT)


def child_link(case):
    return CasePerson.objects.get(case=case, person=case.primary_person)
