"""Rules shared by the plan and the contract: who may decide, which terms fit, which staff count."""

from datetime import date

from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.accounts.roles import role_in
from opora.cases.enums import Track
from opora.cases.models import Case
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.plans.enums import DURATION_MONTHS, DurationClass

NO_PLAN_FOR_GENERAL = (
    "Общодостъпните услуги се предоставят без ИОП, ИПП и договор (чл. 85, ал. 3 ЗСУ)."
)


def today() -> date:
    return timezone.localdate()


def format_day(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def lock_case(case: Case) -> Case:
    """Serialise the writes on one case's plan or contract (call inside transaction.atomic())."""
    return Case.objects.select_for_update().get(pk=case.pk)


def require_specialised(case: Case) -> None:
    if case.track == Track.GENERAL:
        raise DomainError(NO_PLAN_FOR_GENERAL)


def require_manager(actor, centre_id: int, message: str) -> None:
    """The head of the service decides (ЗСУ чл. 80, ал. 2): only the centre's manager."""
    if role_in(actor, centre_id) != Role.MANAGER:
        raise DomainError(message)


def is_case_worker_of(user, centre_id: int) -> bool:
    return (
        user is not None
        and Membership.objects.filter(
            user=user, centre_id=centre_id, is_active=True, role__in=Role.case_workers()
        ).exists()
    )


def latest_end(start_on: date, duration_class: str) -> date:
    """The last day a term of this class may reach (ЗСУ чл. 16, ал. 2)."""
    return add_months(start_on, DURATION_MONTHS[duration_class])


def duration_label(duration_class: str) -> str:
    return DurationClass(duration_class).label.lower()
