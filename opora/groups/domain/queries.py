"""Named reads of group programmes; each starts from the centre or from a row already found in it."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db.models import Case, Count, DecimalField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from opora.accounts.enums import Role
from opora.accounts.roles import role_in
from opora.cases.models import Case as CaseModel
from opora.core.sensitivity import levels_for
from opora.groups.enums import COUNTED_PRESENCE, ProgrammeStatus
from opora.groups.models import Attendance, GroupSession, Participant, ParticipantNote, Programme

ZERO_HOURS = Decimal("0")


def attended_hours(
    person_ids: Iterable[int], *, kinds: Iterable[str] | None = None, until: date | None = None
) -> Decimal:
    """Hours of sessions actually attended by any of these persons, in programmes of these kinds.

    Only „присъства“ counts; absent and excused never do. `until` includes sessions held on that day.
    Used by foster-care and adoption training, whose hours come from group attendance.
    """
    ids = list(person_ids)
    if not ids:
        return ZERO_HOURS
    attended = Attendance.objects.filter(participant__person_id__in=ids, presence=COUNTED_PRESENCE)
    if kinds is not None:
        attended = attended.filter(session__programme__kind__in=list(kinds))
    if until is not None:
        attended = attended.filter(session__date__lte=until)
    total = attended.aggregate(
        hours=Coalesce(
            Sum("session__hours"),
            Value(ZERO_HOURS),
            output_field=DecimalField(max_digits=8, decimal_places=2),
        )
    )["hours"]
    return Decimal(total)


# Programmes, sessions and participants of one centre


def programmes_of(centre) -> QuerySet[Programme]:
    """The centre's programmes: running first, then planned, then finished; newest first within."""
    order = Case(
        When(status=ProgrammeStatus.RUNNING, then=Value(0)),
        When(status=ProgrammeStatus.PLANNED, then=Value(1)),
        default=Value(2),
    )
    return (
        Programme.objects.filter(centre=centre)
        .annotate(
            status_order=order,
            session_count=Count("sessions", distinct=True),
            participant_count=Count(
                "participants", filter=Q(participants__left_on__isnull=True), distinct=True
            ),
        )
        .prefetch_related("facilitators")
        .order_by("status_order", "-starts_on", "-id")
    )


def programme_in(centre, programme_id: int) -> Programme:
    """One programme of this centre; 404 for another centre's."""
    programmes = Programme.objects.filter(centre=centre).select_related("centre", "created_by")
    return get_object_or_404(programmes.prefetch_related("facilitators"), pk=programme_id)


def session_in(centre, session_id: int) -> GroupSession:
    sessions = GroupSession.objects.filter(programme__centre=centre).select_related(
        "programme__centre", "note_by", "attendance_recorded_by"
    )
    return get_object_or_404(sessions, pk=session_id)


def participant_in(centre, participant_id: int) -> Participant:
    participants = Participant.objects.filter(programme__centre=centre).select_related(
        "programme__centre", "person", "case", "enrolled_by"
    )
    return get_object_or_404(participants, pk=participant_id)


def sessions_of(programme: Programme) -> list[GroupSession]:
    """The programme's sessions in date order, each with its counts of present participants."""
    return list(
        GroupSession.objects.filter(programme=programme)
        .annotate(
            present=Count("attendance", filter=Q(attendance__presence=COUNTED_PRESENCE)),
            marked=Count("attendance"),
        )
        .order_by("date", "start_time", "id")
    )


def _hours_expression():
    return Coalesce(
        Sum("attendance__session__hours", filter=Q(attendance__presence=COUNTED_PRESENCE)),
        Value(ZERO_HOURS),
        output_field=DecimalField(max_digits=8, decimal_places=2),
    )


@dataclass(frozen=True)
class Progress:
    """A participant's attended hours against the programme's plan."""

    participant: Participant
    hours: Decimal
    planned: Decimal
    required: Decimal

    @property
    def percent(self) -> int:
        if not self.planned:
            return 0
        return min(100, int(self.hours * 100 / self.planned))

    @property
    def completed(self) -> bool:
        return self.hours >= self.required


def progress_of(programme: Programme) -> list[Progress]:
    """Every participant (those who left too) with attended hours, in one query."""
    participants = (
        Participant.objects.filter(programme=programme)
        .annotate(hours=_hours_expression())
        .select_related("person", "case", "certificate")
        .order_by("left_on", "person__last_name", "person__first_name", "pk")
    )
    return [_progress(programme, participant) for participant in participants]


def progress_of_participant(participant: Participant) -> Progress:
    hours = (
        Participant.objects.filter(pk=participant.pk)
        .annotate(hours=_hours_expression())
        .values_list("hours", flat=True)
        .get()
    )
    participant.hours = hours
    return _progress(participant.programme, participant)


def _progress(programme: Programme, participant: Participant) -> Progress:
    return Progress(
        participant=participant,
        hours=Decimal(participant.hours),
        planned=programme.planned_hours,
        required=programme.required_hours,
    )


def attendance_of(participant: Participant) -> list[tuple[GroupSession, str | None]]:
    """Each session of the programme with this participant's mark (None: not marked)."""
    marks = dict(
        Attendance.objects.filter(participant=participant).values_list("session_id", "presence")
    )
    sessions = GroupSession.objects.filter(programme_id=participant.programme_id).order_by(
        "date", "start_time", "id"
    )
    return [(session, marks.get(session.pk)) for session in sessions]


def marks_of(session: GroupSession) -> dict[int, str]:
    """participant id → presence, for one session."""
    return dict(
        Attendance.objects.filter(session=session).values_list("participant_id", "presence")
    )


def programmes_of_case(case) -> list[Participant]:
    """The case's places in group programmes, with attended hours (for the case page)."""
    return list(
        Participant.objects.filter(case=case)
        .annotate(hours=_hours_expression())
        .select_related("programme", "person")
        .order_by("-programme__starts_on", "pk")
    )


def is_facilitator(user, programme: Programme) -> bool:
    return programme.facilitators.filter(pk=getattr(user, "pk", None)).exists()


# Who reads which note


def readable_note_levels(user, participant: Participant) -> frozenset[str]:
    """The sensitivity levels of this participant's notes the user may read.

    TEAM: the programme's facilitators, the centre's manager and the team of the participant's
    case; PSYCHOLOGISTS: the psychologists among the facilitators and on that case team; MANAGER:
    the manager. A user without an active case-work role in the centre reads nothing. The author
    of a note always reads it: `notes_readable_by` adds that.
    """
    role = role_in(user, participant.programme.centre_id)
    if role not in Role.case_workers():
        return frozenset()
    on_team = is_facilitator(user, participant.programme) or _on_case_team(
        user, participant.case_id
    )
    return levels_for(
        on_team=on_team,
        is_psychologist=role == Role.PSYCHOLOGIST,
        is_manager=role == Role.MANAGER,
    )


def notes_readable_by(user, participant: Participant) -> list[ParticipantNote]:
    if role_in(user, participant.programme.centre_id) not in Role.case_workers():
        return []
    levels = readable_note_levels(user, participant)
    return list(
        ParticipantNote.objects.filter(participant=participant)
        .filter(Q(sensitivity__in=levels) | Q(author=user))
        .order_by("-at", "-id")
    )


def may_read_session_note(user, session: GroupSession) -> bool:
    """The facilitator's note is TEAM-level for the programme: facilitators, manager, its author."""
    role = role_in(user, session.programme.centre_id)
    if role not in Role.case_workers():
        return False
    if role == Role.MANAGER or session.note_by_id == user.pk:
        return True
    return is_facilitator(user, session.programme)


def _on_case_team(user, case_id: int | None) -> bool:
    if case_id is None:
        return False
    return (
        CaseModel.objects.filter(pk=case_id)
        .filter(Q(case_manager=user) | Q(team__user=user))
        .exists()
    )


def facilitator_choices(centre) -> QuerySet:
    """Staff who may lead a programme: the centre's active case workers."""
    return (
        get_user_model()
        .objects.filter(
            memberships__centre=centre,
            memberships__is_active=True,
            memberships__role__in=Role.case_workers(),
        )
        .order_by("last_name", "first_name", "pk")
        .distinct()
    )


def cases_of_person(person) -> QuerySet[CaseModel]:
    """The cases of the person's centre she is on, newest first (to link a participant)."""
    return CaseModel.objects.filter(centre_id=person.centre_id, people__person=person).order_by(
        "-registered_at"
    )
