"""Writes on an open case: its team, the people concerned, closure."""

from django.db import transaction
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.audit.domain import record
from opora.cases.domain.intake import set_assessment_deadline
from opora.cases.domain.status import change_status
from opora.cases.enums import OCCUPYING_STATUSES, CasePersonRole, CaseStatus, ClosureReason
from opora.cases.models import Case, CasePerson, CaseTeamMember
from opora.core.errors import DomainError
from opora.core.locking import bump_revision, require_revision, revision_changes


def assign_case_manager(
    case: Case, *, actor, case_manager, expected_revision: int | None = None
) -> Case:
    """Change the case manager; refused (`StaleEdit`) if the case changed since the form opened."""
    _require_member(
        case,
        case_manager,
        Role.specialists(),
        "Водещият на случая трябва да е специалист от този център.",
    )
    with transaction.atomic():
        locked = Case.objects.select_for_update(of=("self",)).select_related("case_manager")
        locked = locked.get(pk=case.pk)
        require_revision(locked, expected_revision)
        previous = locked.case_manager
        case.case_manager = case_manager
        case.save(update_fields=["case_manager"])
        changed = ["case_manager"] if previous != case_manager else []
        if changed:
            case.revision = bump_revision(locked)
        CaseTeamMember.objects.get_or_create(case=case, user=case_manager)
        record(
            actor=actor,
            action="case.assign_case_manager",
            obj=case,
            changes={
                "from": getattr(previous, "pk", None),
                "to": case_manager.pk,
                **revision_changes(case, changed),
            },
        )
    return case


def add_team_member(case: Case, *, actor, user) -> CaseTeamMember:
    _require_member(
        case,
        user,
        Role.case_workers(),
        "В екипа може да влиза само служител на центъра, който работи по случаи.",
    )
    if CaseTeamMember.objects.filter(case=case, user=user).exists():
        raise DomainError("Служителят вече е в екипа на случая.", field="user")
    with transaction.atomic():
        member = CaseTeamMember.objects.create(case=case, user=user)
        record(actor=actor, action="case.add_team_member", obj=case, changes={"user": user.pk})
    return member


def remove_team_member(case: Case, *, actor, user) -> None:
    if case.case_manager_id == user.pk:
        raise DomainError(
            "Водещият на случая не може да бъде премахнат от екипа; първо сменете водещия."
        )
    with transaction.atomic():
        deleted, _ = CaseTeamMember.objects.filter(case=case, user=user).delete()
        if deleted:
            record(
                actor=actor, action="case.remove_team_member", obj=case, changes={"user": user.pk}
            )


def add_person_to_case(case: Case, *, actor, person, role: str) -> CasePerson:
    if person.centre_id != case.centre_id:
        raise DomainError("Лицето не е от този център.", field="person")
    if role not in CasePersonRole.values:
        raise DomainError("Изберете ролята на лицето в случая.", field="role")
    if CasePerson.objects.filter(case=case, person=person).exists():
        raise DomainError("Лицето вече е включено в случая.", field="person")
    with transaction.atomic():
        link = CasePerson.objects.create(case=case, person=person, role=role)
        record(
            actor=actor,
            action="case.add_person",
            obj=case,
            changes={"person": person.pk, "role": role},
        )
    return link


def close_case(case: Case, *, actor, reason: str, note: str = "") -> Case:
    """Close an open case with its reason; the place it held becomes free."""
    if reason not in ClosureReason.values or reason == ClosureReason.LEFT_WAITING_LIST:
        raise DomainError("Изберете причина за приключване.", field="reason")
    if reason == ClosureReason.OTHER and not note.strip():
        raise DomainError("При „Друго“ опишете причината.", field="note")
    if case.status not in OCCUPYING_STATUSES:
        raise DomainError(
            f"Случай в статус „{case.get_status_display()}“ не може да бъде приключен оттук."
        )
    return change_status(
        case,
        to_status=CaseStatus.CLOSED,
        actor=actor,
        note=note.strip() or ClosureReason(reason).label,
        closure_reason=reason,
        outcome_note=note.strip(),
        closed_at=timezone.now(),
    )


def _require_member(case: Case, user, roles, message: str) -> None:
    if (
        user is None
        or not Membership.objects.filter(
            user=user, centre_id=case.centre_id, is_active=True, role__in=roles
        ).exists()
    ):
        raise DomainError(message, field="user")


def reopen_case(case: Case, *, actor, reason: str) -> Case:
    """A closed case comes back into work: it needs a free place and goes to a new assessment."""
    if not reason.strip():
        raise DomainError("Посочете защо случаят се отваря отново.", field="reason")
    with transaction.atomic():
        change_status(
            case,
            to_status=CaseStatus.ASSESSMENT,
            actor=actor,
            note=f"Повторно отваряне: {reason.strip()}",
            closed_at=None,
            closure_reason="",
            outcome_note="",
        )
        set_assessment_deadline(
            case, actor=actor, responsible=case.case_manager, start=timezone.localdate()
        )
    return case
