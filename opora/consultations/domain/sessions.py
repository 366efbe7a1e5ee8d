"""Writes on the session log. Each runs in one transaction with its audit entry."""

from django.db import transaction
from django.utils import timezone

from opora.audit.domain import record
from opora.cases.models import Case, CaseTeamMember
from opora.consultations.domain.checks import SessionData, check_case_open, validated
from opora.consultations.enums import SESSION_TRANSITIONS, SessionStatus
from opora.consultations.models import Session
from opora.core.errors import DomainError

# Fields an edit may change; compared to tell the audit what changed (never their content).
EDITABLE = (
    "kind", "date", "start_time", "duration_minutes", "setting", "place", "lead_id", "goal_id",
    "notes", "next_steps", "sensitivity",
)  # fmt: skip


def plan_session(case: Case, *, actor, data: SessionData) -> Session:
    """An appointment for today or later; it becomes held, a no-show or cancelled afterwards."""
    with transaction.atomic():
        locked = _lock_case(case)
        clean, participants = validated(locked, data, status=SessionStatus.PLANNED)
        session = _create(locked, clean, participants, status=SessionStatus.PLANNED, actor=actor)
        record(actor=actor, action="session.plan", obj=session, changes=_facts(session))
    return session


def record_session(
    case: Case, *, actor, data: SessionData, planned: Session | None = None
) -> Session:
    """Log a session that took place (today or earlier); `planned` is the appointment it fulfils.

    On a specialised case only under a contract signed and in force on that day (ЗСУ чл. 85).
    """
    with transaction.atomic():
        locked = _lock_case(case)
        clean, participants = validated(locked, data, status=SessionStatus.HELD)
        if planned is None:
            session = _create(locked, clean, participants, status=SessionStatus.HELD, actor=actor)
        else:
            session = _move(planned, locked, to_status=SessionStatus.HELD, actor=actor)
            _apply(session, clean, participants)
            _join_team(locked, [clean.lead, *clean.staff], actor=actor)
        record(actor=actor, action="session.record", obj=session, changes=_facts(session))
    return session


def mark_no_show(session: Session, *, actor, note: str = "") -> Session:
    """The people did not come: kept on the record (repeated no-shows are a closure ground)."""
    with transaction.atomic():
        case = _lock_case(session.case)
        if session.date > timezone.localdate():
            raise DomainError("Неявяване се отбелязва в деня на срещата или след него.")
        check_case_open(case, status=SessionStatus.HELD)
        session = _move(session, case, to_status=SessionStatus.NO_SHOW, actor=actor, note=note)
        record(actor=actor, action="session.no_show", obj=session, changes=_facts(session))
    return session


def cancel_session(session: Session, *, actor, reason: str) -> Session:
    """Call off a planned session; also allowed after the case has ended, to tidy the calendar."""
    if not reason.strip():
        raise DomainError("Посочете причината за отмяната.", field="reason")
    with transaction.atomic():
        case = _lock_case(session.case)
        session = _move(session, case, to_status=SessionStatus.CANCELLED, actor=actor, note=reason)
        record(actor=actor, action="session.cancel", obj=session, changes=_facts(session))
    return session


def cancel_planned_sessions(case: Case, *, actor, reason: str) -> int:
    """Cancel every planned session of a case, e.g. when the case is closed."""
    with transaction.atomic():
        cancelled = 0
        for session in Session.objects.filter(case=case, status=SessionStatus.PLANNED):
            cancel_session(session, actor=actor, reason=reason)
            cancelled += 1
    return cancelled


def update_session(session: Session, *, actor, data: SessionData) -> Session:
    """Correct a planned or held session; the rules of its status apply to the new details."""
    with transaction.atomic():
        case = _lock_case(session.case)
        stored = Session.objects.select_for_update().get(pk=session.pk, case=case)
        if stored.status not in (SessionStatus.PLANNED, SessionStatus.HELD):
            raise DomainError(f"Среща със статус „{stored.get_status_display()}“ не се редактира.")
        clean, participants = validated(case, data, status=stored.status, keep_date=stored.date)
        before = {name: getattr(stored, name) for name in EDITABLE}
        people_before = set(stored.participants.values_list("pk", flat=True))
        staff_before = set(stored.staff.values_list("pk", flat=True))
        _apply(stored, clean, participants)
        _join_team(case, [clean.lead, *clean.staff], actor=actor)
        changed = [
            name.removesuffix("_id") for name in EDITABLE if getattr(stored, name) != before[name]
        ]
        if {p.pk for p in participants} != people_before:
            changed.append("participants")
        if {u.pk for u in clean.staff} != staff_before:
            changed.append("staff")
        record(actor=actor, action="session.update", obj=stored, changes={"fields": changed})
    return stored


_STATUS_FIELDS = ("status", "status_note", "status_changed_at", "status_changed_by")


def _lock_case(case: Case) -> Case:
    """The case row, locked: a session is never written while the case changes status."""
    return Case.objects.select_for_update().select_related("centre").get(pk=case.pk)


def _create(case: Case, data: SessionData, participants, *, status: str, actor) -> Session:
    session = Session(centre_id=case.centre_id, case=case, status=status, created_by=actor)
    if status != SessionStatus.PLANNED:
        session.status_changed_at, session.status_changed_by = timezone.now(), actor
    _apply(session, data, participants)
    _join_team(case, [data.lead, *data.staff], actor=actor)
    return session


def _join_team(case: Case, users, *, actor) -> None:
    """Who leads or joins a session works on the case: she joins its team (need-to-know)."""
    on_team = set(CaseTeamMember.objects.filter(case=case).values_list("user_id", flat=True))
    for user in dict.fromkeys(users):
        if user is None or user.pk in on_team or user.pk == case.case_manager_id:
            continue
        CaseTeamMember.objects.create(case=case, user=user)
        on_team.add(user.pk)
        record(
            actor=actor,
            action="case.add_team_member",
            obj=case,
            changes={"user": user.pk, "because": "session"},
        )


def _apply(session: Session, data: SessionData, participants) -> None:
    session.kind, session.date, session.start_time = data.kind, data.date, data.start_time
    session.duration_minutes = data.duration_minutes
    session.setting, session.place, session.lead = data.setting, data.place, data.lead
    session.goal = data.goal
    session.goal_title = data.goal.title if data.goal is not None else ""
    session.notes, session.next_steps = data.notes, data.next_steps
    session.sensitivity = data.sensitivity
    session.save()
    session.participants.set(participants)
    session.staff.set(data.staff)


def _move(session: Session, case: Case, *, to_status: str, actor, note: str = "") -> Session:
    """Change a session's status along SESSION_TRANSITIONS, on the locked row."""
    stored = Session.objects.select_for_update().filter(pk=session.pk, case=case).first()
    if stored is None:
        raise DomainError("Срещата не е по този случай.")
    if to_status not in SESSION_TRANSITIONS[stored.status]:
        raise DomainError(
            f"Срещата вече е „{stored.get_status_display()}“; "
            f"не може да стане „{SessionStatus(to_status).label}“."
        )
    stored.status = to_status
    stored.status_note = note.strip()
    stored.status_changed_at, stored.status_changed_by = timezone.now(), actor
    stored.save(update_fields=[*_STATUS_FIELDS, "updated_at"])
    stored.case = case
    return stored


def _facts(session: Session) -> dict:
    return {
        "case": session.case_id,
        "kind": session.kind,
        "status": session.status,
        "date": session.date.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "duration_minutes": session.duration_minutes,
        "lead": session.lead_id,
        "sensitivity": session.sensitivity,
    }
