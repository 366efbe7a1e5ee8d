"""A populated `centre` (Харманли) and `other_centre` (Хасково) for the tests that go through the views.

`harmanli` holds cases in the intake, waiting, working, closed and refused statuses, a child with
an ЕГН, her mother (a relative not yet on her case), an open task and the four staff memberships;
`haskovo` holds its own child with an urgent case and its task, so the outsider has records too.
"""

import pytest
from django.test import Client

from opora.accounts.models import Membership
from opora.cases.enums import CaseStatus
from opora.people.domain.person import add_relation
from opora.people.enums import IdentifierType, RelationKind, Sex
from opora.people.models import Person
from opora.tasks.models import Task
from tests.factories import PersonFactory, make_case
from tests.web.world import CHILD_EGN, World


@pytest.fixture
def harmanli(centre, manager, psychologist, social_worker, accountant, person) -> World:
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
    # Capacity 3: the closed case passes through the working statuses before the others take places,
    # and the waiting case comes last so that the accepts before it do not wait behind it.
    cases = {"closed": make_case(centre, manager, CaseStatus.CLOSED, case_manager=cm)}
    cases["assessment"] = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=cm)
    cases["active"] = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=cm)
    cases["refused"] = make_case(centre, manager, CaseStatus.REFUSED)
    cases["intake"] = make_case(centre, manager, person=child)
    cases["urgent"] = make_case(centre, manager, urgency="crisis")
    cases["waitlisted"] = make_case(centre, manager, CaseStatus.WAITLISTED, person=person)
    stranger = PersonFactory(centre=centre, first_name="Борис", last_name="Янев")
    return World(
        centre=centre,
        cases=cases,
        child=child,
        mother=mother,
        stranger=stranger,
        people=list(Person.objects.filter(centre=centre).order_by("pk")),
        tasks=list(Task.objects.filter(centre=centre)),
        memberships=list(Membership.objects.filter(centre=centre).order_by("pk")),
        staff={
            "manager": manager,
            "psychologist": psychologist,
            "social_worker": social_worker,
            "accountant": accountant,
        },
    )


@pytest.fixture
def haskovo(other_centre, outsider_manager, outsider_psychologist) -> World:
    georgi = PersonFactory(
        centre=other_centre, first_name="Георги", middle_name="Хасковски", last_name="Стоянов"
    )
    intake = make_case(other_centre, outsider_manager, person=georgi, urgency="violence")
    return World(
        centre=other_centre,
        cases={"intake": intake},
        child=georgi,
        mother=georgi,
        stranger=georgi,
        people=[georgi],
        tasks=list(Task.objects.filter(centre=other_centre)),
        memberships=list(Membership.objects.filter(centre=other_centre).order_by("pk")),
        staff={"manager": outsider_manager, "psychologist": outsider_psychologist},
    )


@pytest.fixture
def safe_client_of(db):
    """Like `client_of`, but a server error comes back as a 500 response instead of raising."""

    def signed_in(user) -> Client:
        client = Client(raise_request_exception=False)
        client.force_login(user)
        return client

    return signed_in
