"""A populated `centre` (Харманли) and `other_centre` (Хасково) for the tests that go through the views.

`harmanli` holds cases in every status a staff action starts from: intake, waiting, refused, in
assessment with and without a started ИОП (the draft has an unanswered information request),
plans and contracts in each state (tests/plans/records.py), active cases worked under a signed
contract, one under review, one proposed for closure, closed ones with and without follow-up, a
general-access consultation; sessions planned and held, a referrer report being written, a child
with an ЕГН, her mother (a relative not yet on her case), open tasks, the four staff memberships, and
the social worker's requests for access to cases outside her teams (one waiting, one granted),
a legal hold on a closed case, and foster-care candidates at every stage with a placement and
adopter families (tests/fostering/records.py).
`haskovo` holds one record of every kind, so the ids of each centre can be tried in the other.
"""

from datetime import time, timedelta

import pytest
from django.test import Client
from django.utils import timezone

from opora.accounts.models import Membership
from opora.assessments.domain.assessment import start_assessment
from opora.assessments.domain.requests import add_information_request
from opora.assessments.enums import AddresseeKind
from opora.cases.domain.access_requests import grant_case_access, request_case_access
from opora.cases.enums import CaseStatus, ClosureReason
from opora.centres.models import Centre
from opora.closure.domain.follow_up import start_follow_up
from opora.closure.domain.proposal import GoalResultData, propose_closure
from opora.closure.domain.reports import ReportContent, schedule_referrer_reports, update_report
from opora.closure.enums import GoalResult
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import plan_session, record_session
from opora.consultations.enums import SessionKind
from opora.people.domain.person import add_relation
from opora.people.enums import IdentifierType, RelationKind, Sex
from opora.people.models import Person
from opora.plans.domain.contract import change_contract
from opora.plans.models import PlanVersion
from opora.privacy.domain.holds import place_legal_hold
from opora.reviews.domain.review import start_review
from opora.reviews.enums import ReviewKind
from opora.tasks.models import Task
from tests.attachments.records import add_attachment_records
from tests.factories import PersonFactory, make_case
from tests.fostering.web_records import add_fostering_records
from tests.groups.records import add_group_records
from tests.plans.records import add_plan_records
from tests.reviews.casework import working_case
from tests.signin import verified_client
from tests.web.world import CHILD_EGN, World

# Places for every case that holds one, and for the accept and reopen writes on top of them.
HARMANLI_CAPACITY = 20


@pytest.fixture
def harmanli(centre, manager, psychologist, social_worker, accountant, person) -> World:
    Centre.objects.filter(pk=centre.pk).update(capacity=HARMANLI_CAPACITY)
    centre.refresh_from_db()
    child = PersonFactory(
        centre=centre,
        first_name="Калина",
        middle_name="Деянова",
        last_name="Маринова",
        identifier_type=IdentifierType.EGN,
        identifier=CHILD_EGN,
        no_identifier_reason="",
        birth_date=None,
        sex=Sex.FEMALE,
    )
    mother = PersonFactory(centre=centre, first_name="Деяна", last_name="Маринова")
    add_relation(person=child, relative=mother, kind=RelationKind.MOTHER, actor=manager)
    cm = psychologist
    world = World(
        centre=centre,
        cases={},
        child=child,
        mother=mother,
        stranger=PersonFactory(centre=centre, first_name="Борис", last_name="Янев"),
        people=[],
        tasks=[],
        memberships=[],
        staff={
            "manager": manager,
            "psychologist": psychologist,
            "social_worker": social_worker,
            "accountant": accountant,
        },
    )
    cases = world.cases
    cases["closed"] = make_case(centre, manager, CaseStatus.CLOSED, case_manager=cm)
    cases["following"] = make_case(centre, manager, CaseStatus.CLOSED, case_manager=cm)
    start_follow_up(cases["following"], actor=manager, follow_up_on=_in_days(20))
    cases["assessment"] = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=cm)
    _start_assessment(world, cases["assessment"])
    cases["accepted"] = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=cm)
    cases["active"] = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=cm)
    _add_plan_records(world)
    _add_worked_cases(world)
    cases["consultation"] = make_case(centre, manager, CaseStatus.CONSULTATION_OPEN)
    # The waiting case comes after every accepted one, which would otherwise wait behind it.
    cases["refused"] = make_case(centre, manager, CaseStatus.REFUSED)
    cases["intake"] = make_case(centre, manager, person=child)
    cases["urgent"] = make_case(centre, manager, urgency="crisis")
    cases["waitlisted"] = make_case(centre, manager, CaseStatus.WAITLISTED, person=person)
    _add_access_requests(world, social_worker)
    _add_legal_hold(world, "closed")
    world.groups = add_group_records(centre, manager, [psychologist, social_worker])
    world.fostering = add_fostering_records(centre, manager, social_worker)
    world.attachments = add_attachment_records(cases["working"], cm)
    return _with_centre_lists(world)


def _add_access_requests(world: World, requester, pending_on: str = "active") -> None:
    """A request waiting for the manager, and a grant in force (on a case no write acts on)."""
    manager, cases = world.staff["manager"], world.cases
    world.access_requests["pending"] = request_case_access(
        cases[pending_on], actor=requester, reason="Ще водя групата, в която е детето."
    )
    if "refused" in cases:
        asked = request_case_access(cases["refused"], actor=requester, reason="Нов сигнал.")
        world.access_requests["granted"] = grant_case_access(asked, actor=manager)


def _add_legal_hold(world: World, case_label: str) -> None:
    """A legal hold in force (privacy), on a case no other write depends on being unheld."""
    world.holds["active"] = place_legal_hold(
        world.centre, actor=world.staff["manager"], case=world.cases[case_label],
        reason="Гражданско дело № 311/2025",
    )  # fmt: skip


def _in_days(days: int):
    return timezone.localdate() + timedelta(days=days)


def _start_assessment(world: World, case) -> None:
    draft = start_assessment(case, actor=world.staff["manager"], team=[case.case_manager])
    world.information_requests["open"] = add_information_request(
        draft,
        actor=case.case_manager,
        addressee="ОУ „Христо Ботев“",
        addressee_kind=AddresseeKind.SCHOOL,
        question="Посещава ли редовно училище?",
        due_on=_in_days(14),
    )


def _add_plan_records(world: World) -> None:
    """Plans and contracts in every state; the records add their own four places."""
    records = add_plan_records(world.centre, world.staff["manager"], world.staff["psychologist"])
    world.plans = records
    world.cases.update({f"plan_{label}": case for label, case in records.cases.items()})
    world.versions.update(records.versions)
    world.contracts.update(records.contracts)


def _add_worked_cases(world: World) -> None:
    """Cases under an approved plan and a signed contract: worked, under review, closing."""
    centre, manager, cm = world.centre, world.staff["manager"], world.staff["psychologist"]
    for label in ("working", "under_review", "closing"):
        world.cases[label] = working_case(centre, manager, cm)
        world.versions[label] = PlanVersion.objects.get(case=world.cases[label], status="approved")
    working = world.cases["working"]
    world.sessions["planned"] = plan_session(working, actor=manager, data=_session(working, cm))
    held = _session(working, cm, start_time=time(8), notes="Първа среща по плана.")
    world.sessions["held"] = record_session(working, actor=cm, data=held)
    world.reports["due"] = _report_in_writing(working, manager)
    world.reviews["in_progress"] = start_review(
        world.cases["under_review"], actor=cm, kind=ReviewKind.SCHEDULED
    )
    _propose_closure(world.cases["closing"], cm)
    # An annex (documents: the annex's own page names it), on a case no write depends on.
    change_contract(
        world.cases["closing"].contracts.get(), actor=manager,
        signed_on=timezone.localdate(), changes="Срещите се местят в четвъртък.",
    )  # fmt: skip


def _session(case, lead, **overrides) -> SessionData:
    values = {
        "kind": SessionKind.INDIVIDUAL_PSYCH,
        "date": timezone.localdate(),
        "start_time": time(15),
        "duration_minutes": 50,
        "lead": lead,
        "participants": (case.people.get(person=case.primary_person),),
    }
    values.update(overrides)
    return SessionData(**values)


def _report_in_writing(case, actor):
    report = schedule_referrer_reports(case, actor=actor)
    content = ReportContent(
        due_on=report.due_on,
        progress="Детето посещава училище.",
        addressee_institution=f"ОЗД – {case.centre.municipality}",
    )
    return update_report(report, actor=actor, content=content)


def _propose_closure(case, actor) -> None:
    goals = PlanVersion.objects.get(case=case, status="approved").goals.all()
    propose_closure(
        case,
        actor=actor,
        reason=ClosureReason.GOALS_ACHIEVED,
        final_assessment="Целите на плана са постигнати.",
        goal_results=[GoalResultData(goal_id=g.pk, result=GoalResult.ACHIEVED) for g in goals],
    )


def _with_centre_lists(world: World) -> World:
    centre = world.centre
    world.people = list(Person.objects.filter(centre=centre).order_by("pk"))
    world.tasks = list(Task.objects.filter(centre=centre).order_by("pk"))
    world.memberships = list(Membership.objects.filter(centre=centre).order_by("pk"))
    return world


@pytest.fixture
def haskovo(other_centre, outsider_manager, outsider_psychologist) -> World:
    """One record of every kind, so that each of its ids can be tried in Харманли."""
    georgi = PersonFactory(
        centre=other_centre, first_name="Георги", middle_name="Хасковски", last_name="Стоянов"
    )
    intake = make_case(other_centre, outsider_manager, person=georgi, urgency="violence")
    worked = working_case(other_centre, outsider_manager, outsider_psychologist)
    accepted = make_case(
        other_centre, outsider_manager, CaseStatus.ASSESSMENT, case_manager=outsider_psychologist
    )
    world = World(
        centre=other_centre,
        cases={"intake": intake, "under_review": worked, "accepted": accepted},
        child=georgi,
        mother=georgi,
        stranger=georgi,
        people=[],
        tasks=[],
        memberships=[],
        staff={"manager": outsider_manager, "psychologist": outsider_psychologist},
        versions={"approved": PlanVersion.objects.get(case=worked, status="approved")},
        contracts={"signed": worked.contracts.get()},
    )
    world.sessions["planned"] = plan_session(
        worked, actor=outsider_manager, data=_session(worked, outsider_psychologist)
    )
    world.reports["due"] = _report_in_writing(worked, outsider_manager)
    world.reviews["in_progress"] = start_review(
        worked, actor=outsider_psychologist, kind=ReviewKind.SCHEDULED
    )
    world.groups = add_group_records(other_centre, outsider_manager, [outsider_psychologist])
    world.fostering = add_fostering_records(
        other_centre, outsider_manager, outsider_psychologist, every_stage=False
    )
    _add_access_requests(world, outsider_psychologist, pending_on="intake")
    _add_legal_hold(world, "accepted")
    world.attachments = add_attachment_records(worked, outsider_psychologist)
    return _with_centre_lists(world)


@pytest.fixture
def safe_client_of(db):
    """Like `client_of`, but a server error comes back as a 500 response instead of raising."""

    def signed_in(user) -> Client:
        return verified_client(user, raise_request_exception=False)

    return signed_in
