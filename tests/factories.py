"""Factories for the test suite, and `make_case`, which reaches a status through the domain functions.

Rows are built the way the application builds them: a centre gets its CentreSettings row, a person
gets its search key, and a case is registered and then moved only through domain transitions.
"""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from opora.accounts.enums import Role
from opora.accounts.models import Membership, User
from opora.cases.domain.case import close_case
from opora.cases.domain.general import close_consultation, open_consultation
from opora.cases.domain.intake import accept_case, place_on_waiting_list, refuse_case
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus, ClosureReason, RefusalGround
from opora.cases.models import Case
from opora.centres.domain import create_centre
from opora.centres.enums import Service, TargetGroup
from opora.centres.models import Centre
from opora.people.enums import IdentifierType, NoIdentifierReason, Sex
from opora.people.models import Person
from opora.referrals.domain import ReferralData, register_referral
from opora.referrals.enums import SourceType
from tests.signin import app_of

PASSWORD = "opora-test-pass-2026"

_FIRST_NAMES = ["Мария", "Иван", "Елена", "Георги", "Десислава", "Николай", "Радка", "Стоян"]
_LAST_NAMES = [
    "Петрова",
    "Димитров",
    "Колева",
    "Стоянов",
    "Атанасова",
    "Илиев",
    "Тодорова",
    "Ненов",
]


class CentreFactory(DjangoModelFactory):
    """A centre created by `create_centre`, so it has its CentreSettings row (and an audit row)."""

    class Meta:
        model = Centre

    slug = factory.Sequence(lambda n: f"cop-{n}")
    name = factory.Sequence(lambda n: f"ЦОП Тестов център {n}")
    municipality = "Харманли"
    capacity = 3

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        return create_centre(actor=None, **kwargs)


class UserFactory(DjangoModelFactory):
    """A user with the shared test password (`PASSWORD`), set through set_password, and an
    authenticator app (tests/signin.py gives its codes); `two_factor=False` for a user who has not
    set one up yet."""

    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Iterator(_FIRST_NAMES)
    last_name = factory.Iterator(_LAST_NAMES)
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = PASSWORD

    @classmethod
    def _create(cls, model_class, *args, password=PASSWORD, two_factor=True, **kwargs):
        user = model_class(*args, **kwargs)
        user.set_password(password)
        user.save()
        if two_factor:
            app_of(user)
        return user


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    centre = factory.SubFactory(CentreFactory)
    role = Role.SOCIAL_WORKER
    is_active = True


def make_member(centre: Centre, role: str, **user_fields) -> User:
    """A user holding `role` in `centre`."""
    return MembershipFactory(centre=centre, role=role, user=UserFactory(**user_fields)).user


class PersonFactory(DjangoModelFactory):
    """A child with no identifier (reason „Неизвестен“); pass identifier_type/identifier for ЕГН/ЛНЧ."""

    class Meta:
        model = Person

    centre = factory.SubFactory(CentreFactory)
    first_name = factory.Iterator(_FIRST_NAMES)
    last_name = factory.Iterator(_LAST_NAMES)
    identifier_type = IdentifierType.NONE
    identifier = ""
    no_identifier_reason = NoIdentifierReason.UNKNOWN
    birth_date = date(2015, 6, 1)
    sex = Sex.UNKNOWN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        person = model_class(*args, **kwargs)
        person.refresh_search_name()
        person.save()
        return person


def referral_data(**overrides) -> ReferralData:
    """A plain referral from the ОЗД for a child at risk."""
    values = {"source_type": SourceType.OZD, "target_groups": [TargetGroup.RISK_CHILD]}
    values.update(overrides)
    return ReferralData(**values)


# How each status is reached from „Входящ“, one domain transition at a time.
_TO_ACTIVE = [CaseStatus.ASSESSMENT, CaseStatus.PLANNING, CaseStatus.CONTRACTING, CaseStatus.ACTIVE]
_TO_CLOSED = [*_TO_ACTIVE, CaseStatus.CLOSED]
PATHS: dict[str, list[str]] = {
    CaseStatus.INTAKE: [],
    CaseStatus.WAITLISTED: [CaseStatus.WAITLISTED],
    CaseStatus.REFUSED: [CaseStatus.REFUSED],
    CaseStatus.ASSESSMENT: [CaseStatus.ASSESSMENT],
    CaseStatus.PLANNING: _TO_ACTIVE[:2],
    CaseStatus.CONTRACTING: _TO_ACTIVE[:3],
    CaseStatus.ACTIVE: _TO_ACTIVE,
    CaseStatus.UNDER_REVIEW: [*_TO_ACTIVE, CaseStatus.UNDER_REVIEW],
    CaseStatus.SUSPENDED: [CaseStatus.ASSESSMENT, CaseStatus.SUSPENDED],
    CaseStatus.CLOSING: [*_TO_ACTIVE, CaseStatus.CLOSING],
    CaseStatus.CLOSED: _TO_CLOSED,
    CaseStatus.FOLLOW_UP: [*_TO_CLOSED, CaseStatus.FOLLOW_UP],
    CaseStatus.ARCHIVED: [*_TO_CLOSED, CaseStatus.ARCHIVED],
    CaseStatus.CONSULTATION_OPEN: [],
    CaseStatus.CONSULTATION_CLOSED: [CaseStatus.CONSULTATION_CLOSED],
}
GENERAL_STATUSES = {CaseStatus.CONSULTATION_OPEN, CaseStatus.CONSULTATION_CLOSED}


def make_case(
    centre: Centre,
    actor: User,
    status: str = CaseStatus.INTAKE,
    *,
    person: Person | None = None,
    case_manager: User | None = None,
    **referral_fields,
) -> Case:
    """Register a referral for `person` (a new child by default) and walk the case to `status`.

    Statuses that hold a place need a free place in the centre; `case_manager` defaults to
    `actor`, who must then be a specialist of the centre.
    """
    person = person or PersonFactory(centre=centre)
    if status in GENERAL_STATUSES:
        case = open_consultation(
            centre=centre, actor=actor, person=person, services=[Service.GENERAL_INFO]
        )
    else:
        case = register_referral(
            centre=centre, actor=actor, person=person, data=referral_data(**referral_fields)
        )
    for step in PATHS[status]:
        case = _step(case, step, actor=actor, case_manager=case_manager or actor)
    return case


def _step(case: Case, to_status: str, *, actor: User, case_manager: User) -> Case:
    if to_status == CaseStatus.WAITLISTED:
        place_on_waiting_list(case, actor=actor)
    elif to_status == CaseStatus.REFUSED:
        refuse_case(
            case, actor=actor, ground=RefusalGround.NOT_OFFERED, reason="Услугата не се предлага."
        )
    elif to_status == CaseStatus.ASSESSMENT and case.status in {
        CaseStatus.INTAKE,
        CaseStatus.WAITLISTED,
    }:
        accept_case(case, actor=actor, case_manager=case_manager)
    elif to_status == CaseStatus.CONSULTATION_CLOSED:
        close_consultation(case, actor=actor, note="Получи нужната информация.")
    elif to_status == CaseStatus.CLOSED:
        close_case(case, actor=actor, reason=ClosureReason.GOALS_ACHIEVED)
    else:
        change_status(case, to_status=to_status, actor=actor)
    case.refresh_from_db()
    return case


def put_on_team(case: Case, *users: User) -> Case:
    """Put case workers on the case's team (need-to-know: only the team and the manager read a
    case). Written directly: the tests that need it are about something else than the team."""
    from opora.cases.domain.access import forget_access
    from opora.cases.models import CaseTeamMember

    for user in users:
        CaseTeamMember.objects.get_or_create(case=case, user=user)
    forget_access(case)
    return case
