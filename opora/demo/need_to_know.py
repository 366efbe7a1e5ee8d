"""Need-to-know in the demo: a therapy note only the psychologists on the case read, and a request
for access to a case that waits for the manager of Харманли.

Played after the centre's stories, through the domain functions, at a moment in the recent past.
"""

from datetime import timedelta

from opora.accounts.enums import Role
from opora.cases.domain.access import can_read_case
from opora.cases.domain.access_requests import request_case_access
from opora.cases.domain.case import add_team_member
from opora.cases.enums import OCCUPYING_STATUSES, CaseStatus
from opora.cases.models import Case, CaseTeamMember
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import update_session
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.core.sensitivity import Sensitivity
from opora.demo.clock import played_at

THERAPY_NOTE = (
    "Терапевтична сесия. Детето говори за страха си вечер, когато бащата не се прибира; "
    "рисува къщата без врати. Работихме с техника за безопасно място. Не споделяме подробности "
    "с училището и семейството до следващата среща."
)
ACCESS_REASON = (
    "Поемам груповите занимания по умения за живот, в които е включено детето; "
    "трябва да видя плана и последните срещи."
)


def play(scene) -> None:
    """Only in Харманли: its social worker sees one note restricted and one case without access."""
    if scene.centre.slug != "harmanli":
        return
    worker = _social_worker(scene)
    if worker is None:
        return
    _therapy_note(scene, worker)
    _access_request(scene, worker)


def _social_worker(scene):
    return next((u for u in scene.specialists if scene.roles.get(u.pk) == Role.SOCIAL_WORKER), None)


def _therapy_note(scene, worker) -> None:
    """The last individual session a psychologist held on an active case becomes a therapy note;
    the social worker is on that case's team, so she sees the session but not its text."""
    psychologists = [u for u in scene.specialists if scene.roles.get(u.pk) == Role.PSYCHOLOGIST]
    session = (
        Session.objects.filter(
            centre=scene.centre,
            status=SessionStatus.HELD,
            kind=SessionKind.INDIVIDUAL_PSYCH,
            lead__in=psychologists,
            case__status=CaseStatus.ACTIVE,
        )
        .select_related("case", "lead")
        .order_by("-date", "-start_time", "-id")
        .first()
    )
    if session is None:
        return
    case = session.case
    with played_at(session.starts_at + timedelta(minutes=session.duration_minutes + 10)):
        update_session(session, actor=session.lead, data=_as_therapy(session))
        if not CaseTeamMember.objects.filter(case=case, user=worker).exists():
            add_team_member(case, actor=scene.manager, user=worker)


def _as_therapy(session: Session) -> SessionData:
    return SessionData(
        kind=session.kind,
        date=session.date,
        start_time=session.start_time,
        duration_minutes=session.duration_minutes,
        lead=session.lead,
        setting=session.setting,
        place=session.place,
        staff=tuple(session.staff.all()),
        participants=tuple(session.participants.all()),
        goal=session.goal,
        notes=THERAPY_NOTE,
        next_steps="Следваща среща след седмица; само с детето.",
        sensitivity=Sensitivity.PSYCHOLOGISTS,
    )


def _access_request(scene, worker) -> None:
    """Yesterday the social worker asked to read a case in work that she is not on the team of
    (an active one if there is such a case)."""
    in_work = Case.objects.filter(centre=scene.centre, status__in=OCCUPYING_STATUSES)
    cases = sorted(in_work, key=lambda c: (c.status != CaseStatus.ACTIVE, c.number))
    case = next((c for c in cases if not can_read_case(worker, c)), None)
    if case is None:
        return
    with played_at(scene.now - timedelta(days=1)):
        request_case_access(case, actor=worker, reason=ACCESS_REASON)
