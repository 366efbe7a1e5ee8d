"""General-access work (общодостъпна услуга, ЗСУ чл. 12, ал. 2, т. 1 and чл. 85, ал. 3): information,
counselling and training without referral, assessment, plan or contract, for at most 2 months."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.domain.capacity import lock_centre
from opora.cases.domain.status import change_status
from opora.cases.enums import CasePersonRole, CaseStatus, Track
from opora.cases.models import Case, CasePerson, CaseService, CaseTeamMember, StatusChange
from opora.centres.domain import settings_for
from opora.centres.enums import Service
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.domain import set_deadline
from opora.deadlines.enums import DeadlineKind

# How long before the limit the staff are warned.
WARNING_DAYS = 14


def open_consultation(*, centre, actor, person, services: list[str], note: str = "") -> Case:
    """Start a general-access episode: it holds no place and runs out after N months."""
    from opora.referrals.domain import next_case_number

    if person.centre_id != centre.pk:
        raise DomainError("Лицето не е от този център.", field="person")
    if not services or set(services) - Service.general_access():
        raise DomainError("Изберете общодостъпна услуга.", field="services")
    with transaction.atomic():
        now = timezone.now()
        case = Case.objects.create(
            centre=lock_centre(centre), number=next_case_number(centre), track=Track.GENERAL, primary_person=person,
            status=CaseStatus.CONSULTATION_OPEN, case_manager=actor, registered_at=now, opened_at=now,
        )  # fmt: skip
        StatusChange.objects.create(
            case=case, from_status="", to_status=case.status, changed_at=now, changed_by=actor,
            changed_by_name=str(actor), note=note or "Общодостъпна консултация",
        )  # fmt: skip
        role = CasePersonRole.CHILD if person.is_child else CasePersonRole.CLIENT
        CasePerson.objects.create(case=case, person=person, role=role)
        CaseService.objects.bulk_create(CaseService(case=case, service=s) for s in services)
        CaseTeamMember.objects.create(case=case, user=actor)
        record(actor=actor, action="consultation.open", obj=case, changes={"services": services})
        _set_limit(case, actor=actor, started_on=timezone.localdate())
    return case


def close_consultation(case: Case, *, actor, note: str) -> Case:
    if case.track != Track.GENERAL:
        raise DomainError("Това не е общодостъпна консултация.")
    if case.status != CaseStatus.CONSULTATION_OPEN:
        raise DomainError("Консултацията вече е приключена.")
    return change_status(
        case, to_status=CaseStatus.CONSULTATION_CLOSED, actor=actor, note=note.strip() or "Приключена",
        closed_at=timezone.now(), outcome_note=note.strip(),
    )  # fmt: skip


def consultation_ends_on(case: Case):
    months = settings_for(case.centre).general_access_limit_months
    return add_months(timezone.localtime(case.opened_at).date(), months)


def _set_limit(case: Case, *, actor, started_on) -> None:
    months = settings_for(case.centre).general_access_limit_months
    due_on = add_months(started_on, months)
    set_deadline(
        case=case, kind=DeadlineKind.GENERAL_ACCESS_LIMIT, actor=actor, responsible=actor, due_on=due_on,
        warn_from=due_on - timedelta(days=WARNING_DAYS),
        title=f"Общодостъпната консултация {case.number} изтича (до {months} {'месец' if months == 1 else 'месеца'})",
    )  # fmt: skip


def refer_from_consultation(case: Case, *, actor, note: str) -> Case:
    """The person needs a specialised service: end the episode; the referral follows (чл. 77, ал. 2).

    The episode is closed rather than kept open: specialised work runs on its own case (referral →
    intake → ИОП), and an open general-access episode would keep counting towards its 2-month limit
    and show the person twice among the open cases.
    """
    note = note.strip()
    if not note:
        raise DomainError("Опишете накратко защо е нужна специализирана услуга.", field="note")
    if case.track != Track.GENERAL:
        raise DomainError("Това не е общодостъпна консултация.")
    with transaction.atomic():
        closed = close_consultation(
            case, actor=actor, note=f"Насочване към специализирана услуга: {note}"
        )
        record(actor=actor, action="consultation.refer", obj=closed, changes={})
    return closed


@dataclass(frozen=True)
class ConsultationTerm:
    """Where an open episode stands against its limit on a given day."""

    started_on: date
    ends_on: date
    months: int
    today: date

    @property
    def days_left(self) -> int:
        return (self.ends_on - self.today).days

    @property
    def days_over(self) -> int:
        return max(0, -self.days_left)

    @property
    def is_over(self) -> bool:
        return self.today > self.ends_on

    @property
    def is_near(self) -> bool:
        return not self.is_over and self.days_left <= WARNING_DAYS


def consultation_term(case: Case, *, today: date | None = None) -> ConsultationTerm:
    months = settings_for(case.centre).general_access_limit_months
    started_on = timezone.localtime(case.opened_at or case.registered_at).date()
    return ConsultationTerm(
        started_on=started_on,
        ends_on=add_months(started_on, months),
        months=months,
        today=today or timezone.localdate(),
    )
