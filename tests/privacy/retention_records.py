"""Cases for the retention tests, closed as long ago as a test needs."""

from datetime import time, timedelta

from django.utils import timezone

from opora.cases.domain.case import add_person_to_case, close_case
from opora.cases.enums import CasePersonRole, ClosureReason
from opora.cases.models import Case
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import record_session
from opora.consultations.enums import SessionKind
from opora.people.enums import IdentifierType, Sex
from opora.people.models import Person
from tests.reviews.casework import working_case

SESSION_NOTE = "Майката разказа за конфликта със съседите."
CLOSING_NOTE = "Семейството се справя само."


def closed_years_ago(case: Case, years: float) -> Case:
    Case.objects.filter(pk=case.pk).update(
        closed_at=timezone.now() - timedelta(days=round(365.25 * years))
    )
    case.refresh_from_db()
    return case


def identified(person: Person, **values) -> Person:
    """The person with an ЕГН, contacts, address and notes, as staff would have recorded them."""
    fields = {
        "identifier_type": IdentifierType.EGN, "identifier": values.pop("egn", "1152034573"),
        "no_identifier_reason": "", "phone": "0888 123 456", "email": "semeistvo@example.org",
        "address": "Харманли, ул. „Искра“ 5", "school": "ОУ „Христо Ботев“",
        "notes": "Живее при баба си.", "sex": Sex.FEMALE, **values,
    }  # fmt: skip
    Person.objects.filter(pk=person.pk).update(**fields)
    person.refresh_from_db()
    return person


def worked_and_closed(centre, manager, case_manager, *, years: float, mother=None) -> Case:
    """A case worked under a plan, with a session and closing notes, closed `years` ago."""
    case = working_case(centre, manager, case_manager)
    if mother is not None:
        add_person_to_case(case, actor=manager, person=mother, role=CasePersonRole.PARENT)
    record_session(
        case,
        actor=case_manager,
        data=SessionData(
            kind=SessionKind.INDIVIDUAL_PSYCH,
            date=timezone.localdate(),
            start_time=time(9),
            duration_minutes=50,
            lead=case_manager,
            notes=SESSION_NOTE,
            place="У дома",
            participants=(case.people.get(person=case.primary_person),),
        ),
    )
    close_case(case, actor=manager, reason=ClosureReason.GOALS_ACHIEVED, note=CLOSING_NOTE)
    return closed_years_ago(case, years)
