"""Writes on a programme's sessions: the session itself, its attendance and the facilitator's note."""

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from opora.audit.domain import record
from opora.core.errors import DomainError
from opora.groups.domain.programmes import change_programme_status, lock_programme
from opora.groups.enums import Presence, ProgrammeStatus
from opora.groups.models import Attendance, GroupSession, Participant, Programme

MIN_SESSION_HOURS = Decimal("0.25")
MAX_SESSION_HOURS = Decimal("12")


@dataclass(frozen=True)
class GroupSessionData:
    date: date
    start_time: time
    end_time: time
    topic: str
    place: str = ""
    hours: Decimal | None = None  # None: derived from the start and end times


def hours_between(start: time, end: time) -> Decimal:
    """Whole and part hours from start to end, to two decimals (1:30 → 1.50)."""
    minutes = (datetime.combine(date.min, end) - datetime.combine(date.min, start)).seconds // 60
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def add_session(programme: Programme, *, actor, data: GroupSessionData) -> GroupSession:
    with transaction.atomic():
        locked = _open_programme(programme)
        session = GroupSession(programme=locked, created_by=actor)
        _apply(session, _checked(locked, data))
        record(
            actor=actor, action="group_session.add", obj=session, centre_id=locked.centre_id,
            changes=_facts(session),
        )  # fmt: skip
    return session


def update_session(session: GroupSession, *, actor, data: GroupSessionData) -> GroupSession:
    with transaction.atomic():
        locked = _open_programme(session.programme)
        stored = GroupSession.objects.get(pk=session.pk, programme=locked)
        clean = _checked(locked, data)
        if stored.attendance_recorded_at and clean.date > timezone.localdate():
            raise DomainError(
                "Присъствието вече е отбелязано: заниманието не може да се премести в бъдещето.",
                field="date",
            )
        before = _facts(stored)
        _apply(stored, clean)
        after = _facts(stored)
        record(
            actor=actor, action="group_session.update", obj=stored, centre_id=locked.centre_id,
            changes={"fields": sorted(k for k in after if after[k] != before[k])},
        )  # fmt: skip
    return stored


def record_attendance(session: GroupSession, *, actor, marks: Mapping[int, str]) -> dict[str, int]:
    """Mark each listed participant present, absent or excused; a second call corrects the marks.

    `marks` maps participant ids to a Presence value. The first attendance starts the programme.
    """
    with transaction.atomic():
        locked = _open_programme(session.programme)
        stored = GroupSession.objects.get(pk=session.pk, programme=locked)
        if stored.date > timezone.localdate():
            raise DomainError("Присъствие се отбелязва в деня на заниманието или след него.")
        if not marks:
            raise DomainError("Няма отбелязани участници.")
        eligible = {p.pk for p in participants_for(stored)}
        for participant_id, presence in marks.items():
            if participant_id not in eligible:
                raise DomainError("Участникът не е записан в програмата за тази дата.")
            if presence not in Presence.values:
                raise DomainError("Изберете „присъства“, „отсъства“ или „уважителна причина“.")
        _save_marks(stored, marks)
        stored.attendance_recorded_at, stored.attendance_recorded_by = timezone.now(), actor
        stored.save(update_fields=["attendance_recorded_at", "attendance_recorded_by"])
        if locked.status == ProgrammeStatus.PLANNED:
            change_programme_status(locked, ProgrammeStatus.RUNNING, actor=actor)
        counts = dict(Counter(marks.values()))
        record(
            actor=actor, action="group_session.attendance", obj=stored,
            centre_id=locked.centre_id, changes={"marks": counts},
        )  # fmt: skip
    return counts


def write_session_note(session: GroupSession, *, actor, text: str) -> GroupSession:
    """The facilitator's note on how the session went (read by the programme's team)."""
    with transaction.atomic():
        programme = lock_programme(session.programme)
        stored = GroupSession.objects.get(pk=session.pk, programme=programme)
        stored.facilitator_note, stored.note_by = text.strip(), actor
        stored.save(update_fields=["facilitator_note", "note_by"])
        record(
            actor=actor, action="group_session.note", obj=stored, centre_id=programme.centre_id,
            changes={"length": len(stored.facilitator_note)},
        )  # fmt: skip
    return stored


def participants_for(session: GroupSession):
    """Who is on the attendance list: everyone enrolled who had not left before the session."""
    return (
        Participant.objects.filter(programme_id=session.programme_id)
        .filter(Q(left_on__isnull=True) | Q(left_on__gte=session.date))
        .select_related("person")
        .order_by("person__last_name", "person__first_name", "pk")
    )


def _save_marks(session: GroupSession, marks: Mapping[int, str]) -> None:
    existing = {a.participant_id: a for a in Attendance.objects.filter(session=session)}
    for participant_id, presence in marks.items():
        mark = existing.get(participant_id)
        if mark is None:
            Attendance.objects.create(
                session=session, participant_id=participant_id, presence=presence
            )
        elif mark.presence != presence:
            mark.presence = presence
            mark.save(update_fields=["presence"])


def _open_programme(programme: Programme) -> Programme:
    locked = lock_programme(programme)
    if locked.is_finished:
        raise DomainError("Програмата е приключила: заниманията и присъствието не се променят.")
    return locked


def _checked(programme: Programme, data: GroupSessionData) -> GroupSessionData:
    if not data.topic.strip():
        raise DomainError("Въведете тема на заниманието.", field="topic")
    if data.end_time <= data.start_time:
        raise DomainError("Краят трябва да е след началото.", field="end_time")
    if data.date < programme.starts_on:
        raise DomainError(
            f"Програмата започва на {programme.starts_on:%d.%m.%Y}: заниманието не може да е преди това.",
            field="date",
        )
    if programme.ends_on and data.date > programme.ends_on:
        raise DomainError(
            f"Програмата свършва на {programme.ends_on:%d.%m.%Y}: заниманието не може да е след това.",
            field="date",
        )
    hours = data.hours if data.hours is not None else hours_between(data.start_time, data.end_time)
    if not MIN_SESSION_HOURS <= hours <= MAX_SESSION_HOURS:
        raise DomainError("Часовете на заниманието трябва да са между 0,25 и 12.", field="hours")
    return GroupSessionData(
        date=data.date, start_time=data.start_time, end_time=data.end_time,
        topic=data.topic.strip(), place=data.place.strip() or programme.place, hours=hours,
    )  # fmt: skip


def _apply(session: GroupSession, data: GroupSessionData) -> None:
    session.date, session.start_time, session.end_time = data.date, data.start_time, data.end_time
    session.topic, session.place, session.hours = data.topic, data.place, data.hours
    session.save()


def _facts(session: GroupSession) -> dict:
    return {
        "programme": session.programme_id,
        "date": session.date.isoformat(),
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": session.end_time.strftime("%H:%M"),
        "hours": f"{Decimal(session.hours):.2f}",
        "topic": session.topic,
    }
