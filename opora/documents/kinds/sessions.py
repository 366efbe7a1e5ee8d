"""The record of a session (протокол от среща): who, when, where, what was done and next.

An INTERNAL document of the case file: the notes and next steps appear only if the reader may
read the session's level (a psychologist-only note stays out of a manager's printout)."""

from django.http import Http404
from django.utils import timezone

from opora.consultations.enums import SessionStatus
from opora.consultations.models import Session
from opora.documents.kinds.base import (
    Audience,
    DocumentKind,
    DocumentRequest,
    Signatory,
    case_facts,
    person_name,
    readable_case_or_404,
    register,
    user_name,
)

RESTRICTED = "Бележката е с ограничен достъп и не се включва в документа."


def _load(request: DocumentRequest) -> Session:
    session = Session.objects.filter(centre=request.centre, pk=request.subject_id).first()
    if session is None:
        raise Http404("Няма такава среща.")
    session.case = readable_case_or_404(request, session.case_id)
    return session


def _unavailable(session: Session) -> str:
    if session.status != SessionStatus.HELD:
        return f"Протокол се издава за проведена среща; тази е „{session.get_status_display().lower()}“."
    return ""


def _build(session: Session, request: DocumentRequest) -> dict:
    readable = request.may_read(session)
    participants = session.participants.select_related("person").order_by("pk")
    return {
        **case_facts(session.case),
        "kind": session.get_kind_display(),
        "status": session.get_status_display(),
        "date": session.date,
        "start_time": session.start_time.strftime("%H:%M"),
        "end_time": timezone.localtime(session.ends_at).strftime("%H:%M"),
        "duration_minutes": session.duration_minutes,
        "setting": session.get_setting_display(),
        "session_place": session.place,
        "lead": user_name(session.lead),
        "staff": [user_name(u) for u in session.staff.order_by("last_name", "first_name")],
        "participants": [
            {"name": person_name(p.person), "role": p.get_role_display()} for p in participants
        ],
        "goal": session.goal_title,
        "notes_restricted": not readable,
        "restricted_text": RESTRICTED,
        "notes": session.notes if readable else "",
        "next_steps": session.next_steps if readable else "",
    }


def _signatories(session: Session, request: DocumentRequest) -> list[Signatory]:
    people = [Signatory(name=user_name(session.lead), role="Водещ специалист")]
    people += [Signatory(name=user_name(u), role="Специалист") for u in session.staff.all()]
    return people


register(
    DocumentKind(
        code="session",
        title="Протокол от среща",
        subject="consultations.Session",
        audience=Audience.INTERNAL,
        permission="documents.issue_document",
        load=_load,
        build=_build,
        case_of=lambda session: session.case,
        signatories=_signatories,
        url_kwarg="session_id",
        unavailable=_unavailable,
        describe=lambda session: f"{session.get_kind_display()}, {session.date:%d.%m.%Y}",
    )
)
