"""Follow-up after closure (проследяване, domain-bg.md §9): a dated contact, then closed or archived."""

from datetime import date

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from opora.closure.enums import FollowUpOutcome
from opora.closure.models import FollowUpContact
from opora.core.errors import DomainError
from opora.deadlines.calendar import add_months
from opora.deadlines.domain import fulfil_deadlines, set_deadline
from opora.deadlines.enums import DeadlineKind

MAX_FOLLOW_UP_MONTHS = 24


def start_follow_up(case: Case, *, actor, follow_up_on: date) -> Case:
    """A closed case is followed up: a contact with the family is due on `follow_up_on`."""
    if case.status != CaseStatus.CLOSED:
        raise DomainError("Проследяване се започва за приключен случай.")
    check_next_contact(follow_up_on, field="follow_up_on")
    with transaction.atomic():
        change_status(
            case, to_status=CaseStatus.FOLLOW_UP, actor=actor,
            note=f"Проследяване: контакт до {follow_up_on:%d.%m.%Y}",
        )  # fmt: skip
        _set_follow_up_deadline(case, actor=actor, due_on=follow_up_on)
    return case


def record_follow_up(
    case: Case, *, actor, contacted_on: date, note: str, outcome: str,
    next_contact_on: date | None = None,
) -> FollowUpContact:  # fmt: skip
    """Record the contact; the follow-up then ends (closed / archived) or a next contact is due."""
    _check_contact(case, contacted_on, note, outcome, next_contact_on)
    with transaction.atomic():
        contact = FollowUpContact.objects.create(
            centre_id=case.centre_id, case=case, contacted_on=contacted_on, note=note.strip(),
            outcome=outcome, next_contact_on=next_contact_on, recorded_by=actor,
        )  # fmt: skip
        fulfil_deadlines(case=case, kind=DeadlineKind.FOLLOW_UP, actor=actor)
        _after_contact(case, contact, actor=actor)
        record(actor=actor, action="follow_up.record", obj=case, changes=_changes(contact))
    return contact


def check_next_contact(day: date | None, *, field: str) -> None:
    today = timezone.localdate()
    if day is None:
        raise DomainError("Посочете датата на следващия контакт.", field=field)
    if day < today:
        raise DomainError("Датата за проследяване не може да е в миналото.", field=field)
    if day > add_months(today, MAX_FOLLOW_UP_MONTHS):
        raise DomainError(
            "Проследяването не може да е по-късно от 24 месеца след днешната дата.", field=field
        )


def _check_contact(case, contacted_on, note: str, outcome: str, next_contact_on) -> None:
    if case.status != CaseStatus.FOLLOW_UP:
        raise DomainError("Случаят не е в проследяване.")
    if contacted_on is None:
        raise DomainError("Посочете датата на контакта.", field="contacted_on")
    if contacted_on > timezone.localdate():
        raise DomainError("Датата на контакта не може да е в бъдещето.", field="contacted_on")
    if case.closed_at and contacted_on < timezone.localtime(case.closed_at).date():
        raise DomainError(
            "Датата на контакта не може да е преди приключването на случая.", field="contacted_on"
        )
    if not note.strip():
        raise DomainError("Опишете проследяващия контакт.", field="note")
    if outcome not in FollowUpOutcome.values:
        raise DomainError("Изберете какво следва след контакта.", field="outcome")
    if outcome == FollowUpOutcome.CONTINUE:
        check_next_contact(next_contact_on, field="next_contact_on")


def _after_contact(case: Case, contact: FollowUpContact, *, actor) -> None:
    from opora.closure.domain.reports import restore_report_deadlines

    if contact.outcome == FollowUpOutcome.CONTINUE:
        _set_follow_up_deadline(case, actor=actor, due_on=contact.next_contact_on)
        return
    to_status = (
        CaseStatus.CLOSED if contact.outcome == FollowUpOutcome.CLOSED else CaseStatus.ARCHIVED
    )
    change_status(case, to_status=to_status, actor=actor, note="Проследяването приключи.")
    # Ending the follow-up drops the case's deadlines; a report still owed to ОЗД keeps its own.
    restore_report_deadlines(case, actor=actor)


def _set_follow_up_deadline(case: Case, *, actor, due_on: date) -> None:
    set_deadline(
        case=case, kind=DeadlineKind.FOLLOW_UP, actor=actor, responsible=case.case_manager,
        due_on=due_on, title=f"Проследяване след приключването на случай {case.number}",
    )  # fmt: skip


def _changes(contact: FollowUpContact) -> dict:
    following = contact.next_contact_on.isoformat() if contact.next_contact_on else None
    return {
        "contacted_on": contact.contacted_on.isoformat(),
        "outcome": contact.outcome,
        "next_contact_on": following,
    }
