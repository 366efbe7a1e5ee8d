"""Cases with a plan and a contract for the session log, built as rows: the plan and contract
workflows belong to the plans app and have their own tests."""

from datetime import date, time, timedelta

import pytest
from django.utils import timezone

from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from opora.centres.models import Centre
from opora.consultations.domain.checks import SessionData
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.plans.enums import ContractStatus, DurationClass, PlanStatus, SignatoryCapacity
from opora.plans.models import Contract, Goal, PlanVersion
from tests.factories import make_case

TODAY = timezone.localdate()
YESTERDAY = TODAY - timedelta(days=1)
TOMORROW = TODAY + timedelta(days=1)


def registered_days_ago(case: Case, days: int = 120) -> Case:
    """Move the registration back, so that sessions in the past fall inside the case's life."""
    Case.objects.filter(pk=case.pk).update(registered_at=timezone.now() - timedelta(days=days))
    case.refresh_from_db()
    return case


@pytest.fixture
def roomy_centre(centre):
    Centre.objects.filter(pk=centre.pk).update(capacity=40)
    centre.refresh_from_db()
    return centre


@pytest.fixture
def active_case(roomy_centre, manager, psychologist):
    """A specialised, active case led by the psychologist, registered four months ago."""
    case = make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    return registered_days_ago(case)


def sign_contract(case: Case, actor, *, start_on=None, end_on=None, number="Д-1") -> Contract:
    return Contract.objects.create(
        centre=case.centre,
        case=case,
        number=number,
        status=ContractStatus.SIGNED,
        signatory_name="Деяна Маринова",
        signatory_capacity=SignatoryCapacity.PARENT,
        services=["counselling"],
        start_on=start_on or TODAY - timedelta(days=30),
        end_on=end_on or TODAY + timedelta(days=150),
        signed_on=start_on or TODAY - timedelta(days=30),
        created_by=actor,
    )


def plan_with_goal(
    case: Case, actor, *, status=PlanStatus.APPROVED, title="Редовно посещава училище"
):
    version = PlanVersion.objects.create(
        centre=case.centre,
        case=case,
        number=PlanVersion.objects.filter(case=case).count() + 1,
        status=status,
        start_on=TODAY - timedelta(days=40),
        review_on=TODAY + timedelta(days=140),
        duration_class=DurationClass.SHORT,
        created_by=actor,
    )
    return Goal.objects.create(
        version=version, order=1, title=title, expected_result="Без отсъствия"
    )


def child_of(case: Case):
    return case.people.get(person=case.primary_person)


def session_data(case: Case, lead, **overrides) -> SessionData:
    values = {
        "kind": SessionKind.INDIVIDUAL_PSYCH,
        "date": YESTERDAY,
        "start_time": time(10, 0),
        "duration_minutes": 50,
        "lead": lead,
        "participants": (child_of(case),),
        "notes": "Разговор за училището.",
    }
    values.update(overrides)
    return SessionData(**values)


def add_session(
    case: Case, lead, *, day: date, at=time(10), status=SessionStatus.PLANNED, **fields
):
    """A row for reading tests (calendar, timeline, counts); the rules are tested on the domain."""
    return Session.objects.create(
        centre=case.centre,
        case=case,
        kind=fields.pop("kind", SessionKind.INDIVIDUAL_PSYCH),
        status=status,
        date=day,
        start_time=at,
        duration_minutes=fields.pop("duration_minutes", 50),
        lead=lead,
        created_by=lead,
        **fields,
    )
