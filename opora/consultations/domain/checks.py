"""The rules a session must meet before it is saved. Each raises DomainError with a Bulgarian message."""

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.cases.enums import CaseStatus, Track
from opora.cases.models import Case, CasePerson
from opora.consultations.enums import (
    CONTRACT_FREE_KINDS,
    KINDS_WITHOUT_PARTICIPANTS,
    MAX_DURATION_MINUTES,
    SETTING_OF_KIND,
    SessionKind,
    SessionStatus,
)
from opora.core.errors import DomainError
from opora.core.sensitivity import Sensitivity
from opora.people.models import Person
from opora.plans.domain.queries import goals_in_force, has_signed_contract
from opora.plans.enums import Setting

# No session of any kind is written on a case that has ended.
ENDED_STATUSES = frozenset(
    {
        CaseStatus.CLOSED,
        CaseStatus.REFUSED,
        CaseStatus.ARCHIVED,
        CaseStatus.CONSULTATION_CLOSED,
    }
)
# A case not yet accepted has no one to plan work with; a held first contact is still recorded.
NOT_YET_ACCEPTED = frozenset({CaseStatus.INTAKE, CaseStatus.WAITLISTED})

CONTRACT_REQUIRED = (
    "Специализирана услуга не може да се отчете като предоставена преди подписан договор "
    "(чл. 85 ЗСУ). Подпишете договора или отбележете срещата като планирана."
)
NOT_ON_CASE = "Лицето не участва в случая."
GOAL_NOT_IN_FORCE = "Целта не е от плана в сила за случая."
PLANNED_IN_PAST = (
    "Планирана среща не може да е в миналото. Ако срещата се е състояла, запишете я като проведена."
)
HELD_IN_FUTURE = "Проведена среща не може да е в бъдещето. Планирайте я."
PLAN_HORIZON_DAYS = 366


@dataclass(frozen=True)
class SessionData:
    """What a session form or any other caller gives: the facts of one meeting."""

    kind: str
    date: date
    start_time: time
    duration_minutes: int
    lead: object
    setting: str = Setting.CENTRE
    place: str = ""
    staff: tuple = ()
    participants: tuple = ()  # CasePerson rows of the case (a Person of the case is accepted too)
    goal: object = None
    notes: str = ""
    next_steps: str = ""
    sensitivity: str = Sensitivity.TEAM


def validated(
    case: Case, data: SessionData, *, status: str, keep_date=None
) -> tuple[SessionData, list[CasePerson]]:
    """Check every rule for a session of `status` on `case`; return the data ready to save and
    the case's people who took part.

    `keep_date` is the date a planned session already has: editing its other details is allowed
    even once that day has passed.
    """
    check_case_open(case, status=status)
    check_kind(case, data.kind)
    check_times(case, data, status=status, keep_date=keep_date)
    check_staff(case, data)
    participants = resolve_participants(case, data.participants)
    if (
        status == SessionStatus.HELD
        and not participants
        and data.kind not in KINDS_WITHOUT_PARTICIPANTS
    ):
        raise DomainError(
            "Отбележете кои лица от случая са участвали в срещата.", field="participants"
        )
    check_goal(case, data.goal)
    if data.sensitivity not in Sensitivity.values:
        raise DomainError("Изберете кой може да чете бележките.", field="sensitivity")
    if status == SessionStatus.HELD:
        check_contract(case, kind=data.kind, on=data.date)
    clean = replace(
        data,
        setting=SETTING_OF_KIND.get(data.kind, data.setting),
        place=data.place.strip(),
        staff=tuple(u for u in dict.fromkeys(data.staff) if u.pk != data.lead.pk),
        notes=data.notes.strip(),
        next_steps=data.next_steps.strip(),
    )
    return clean, participants


def check_case_open(case: Case, *, status: str) -> None:
    reason = why_no_session(case, status=status)
    if reason:
        raise DomainError(reason)


def why_no_session(case: Case, *, status: str) -> str | None:
    """Why no session of `status` can be written on the case now; None if it can."""
    if case.status in ENDED_STATUSES:
        return f"Случаят е „{case.get_status_display()}“: по него не се записват срещи."
    if status == SessionStatus.PLANNED and case.status in NOT_YET_ACCEPTED:
        return (
            "Случаят още не е приет: срещи се планират след приемането му. "
            "Проведена първа среща може да се запише."
        )
    return None


def check_kind(case: Case, kind: str) -> None:
    if kind not in SessionKind.values:
        raise DomainError("Изберете вид на срещата.", field="kind")
    if kind == SessionKind.FOLLOW_UP and case.status != CaseStatus.FOLLOW_UP:
        raise DomainError(
            "Контакт за проследяване се записва само по случай в проследяване.", field="kind"
        )


def check_times(case: Case, data: SessionData, *, status: str, keep_date=None) -> None:
    if not 0 < data.duration_minutes <= MAX_DURATION_MINUTES:
        raise DomainError(
            f"Продължителността трябва да е между 1 и {MAX_DURATION_MINUTES} минути.",
            field="duration_minutes",
        )
    start = datetime.combine(data.date, data.start_time)
    if start + timedelta(minutes=data.duration_minutes) > datetime.combine(
        data.date + timedelta(days=1), time.min
    ):
        raise DomainError(
            "Срещата трябва да приключи до полунощ на същия ден.", field="duration_minutes"
        )
    today = timezone.localdate()
    if status == SessionStatus.PLANNED:
        if data.date < today and data.date != keep_date:
            raise DomainError(PLANNED_IN_PAST, field="date")
        if data.date > today + timedelta(days=PLAN_HORIZON_DAYS):
            raise DomainError("Срещата може да се планира най-много година напред.", field="date")
    elif status == SessionStatus.HELD and data.date > today:
        raise DomainError(HELD_IN_FUTURE, field="date")
    registered_on = timezone.localtime(case.registered_at).date()
    if data.date < registered_on:
        raise DomainError(
            f"Датата е преди регистрирането на случая ({registered_on:%d.%m.%Y}).", field="date"
        )


def check_staff(case: Case, data: SessionData) -> None:
    workers = case_workers_of(case.centre_id, [data.lead, *data.staff])
    if data.lead is None or data.lead.pk not in workers:
        raise DomainError(
            "Водещият специалист трябва да е служител на центъра, който работи по случаи.",
            field="lead",
        )
    if any(user.pk not in workers for user in data.staff):
        raise DomainError(
            "Другите служители трябва да са от центъра и да работят по случаи.", field="staff"
        )


def case_workers_of(centre_id: int, users) -> set[int]:
    ids = [u.pk for u in users if u is not None and getattr(u, "pk", None)]
    return set(
        Membership.objects.filter(
            centre_id=centre_id, user_id__in=ids, is_active=True, role__in=Role.case_workers()
        ).values_list("user_id", flat=True)
    )


def resolve_participants(case: Case, given) -> list[CasePerson]:
    """The case's people for the given CasePerson rows (or Persons); anyone else is refused."""
    links = list(CasePerson.objects.filter(case=case).select_related("person"))
    by_id = {link.pk: link for link in links}
    by_person = {link.person_id: link for link in links}
    resolved = []
    for item in given:
        if isinstance(item, CasePerson) and item.case_id == case.pk:
            link = by_id.get(item.pk)
        elif isinstance(item, Person):
            link = by_person.get(item.pk)
        else:
            link = None
        if link is None:
            raise DomainError(NOT_ON_CASE, field="participants")
        resolved.append(link)
    return list(dict.fromkeys(resolved))


def check_goal(case: Case, goal) -> None:
    if goal is not None and not goals_in_force(case).filter(pk=goal.pk).exists():
        raise DomainError(GOAL_NOT_IN_FORCE, field="goal")


def check_contract(case: Case, *, kind: str, on: date) -> None:
    """ЗСУ чл. 85: a specialised service is delivered under a signed contract. General-access work
    needs none (чл. 85, ал. 3), and the assessment precedes the contract (чл. 85, ал. 2)."""
    if case.track != Track.SPECIALISED or kind in CONTRACT_FREE_KINDS:
        return
    if not has_signed_contract(case, on=on):
        raise DomainError(CONTRACT_REQUIRED)


def needs_contract_notice(case: Case) -> bool:
    """Whether the log form must warn that only contract-free kinds can be recorded today."""
    return case.track == Track.SPECIALISED and not has_signed_contract(case)
