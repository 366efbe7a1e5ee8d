"""Foster-care candidates at every stage and adopter families, built through the domain functions.

`make_candidate(centre, actor, status)` walks a new family from the enquiry to `status`, recording
what each stage needs: the application (100 days ago, so its 4-month term ends in about 3 weeks),
4 meetings, 2 home visits, 2 referees, the training hours (a group programme whose sessions the
carers attended), the report signed by the candidates, the Commission's approval for 2 children.
The records of the web tests are in tests/fostering/web_records.py.
"""

from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from opora.fostering.domain.adopters import (
    AdopterData,
    add_adopter_member,
    change_adopter_status,
    register_adopters,
)
from opora.fostering.domain.assessment import (
    ContactData,
    add_referee,
    record_contact,
    register_application,
)
from opora.fostering.domain.candidate import CandidateData, add_candidate_member, create_candidate
from opora.fostering.domain.commission import (
    DecisionData,
    record_commission_decision,
    remove_from_register,
)
from opora.fostering.domain.placements import PlacementData, place_child
from opora.fostering.domain.reports import sign_report, write_report
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import (
    AdopterStatus,
    CandidateKind,
    CandidateStatus,
    ContactKind,
    DecisionOutcome,
    FosterType,
    MemberRole,
    PlacementKind,
)
from opora.fostering.models import Candidate
from opora.groups.domain.participants import enrol_participant
from opora.groups.domain.programmes import ProgrammeData, create_programme
from opora.groups.domain.sessions import GroupSessionData, add_session, record_attendance
from opora.groups.enums import Presence, ProgrammeKind
from tests.factories import PersonFactory

S = CandidateStatus
ENQUIRY_DAYS_AGO = 120
APPLICATION_DAYS_AGO = 100
APPROVAL_DAYS_AGO = 30
# The stages in the order a candidate goes through them, each with the step that reaches it.
_ORDER = [S.ENQUIRY, S.APPLICATION, S.ASSESSMENT, S.TRAINING, S.REPORT, S.COMMISSION, S.APPROVED]


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def make_candidate(
    centre,
    actor,
    status: str = S.ENQUIRY,
    *,
    foster_type: str = FosterType.VOLUNTEER,
    worker=None,
    surname: str = "Петрови",
    first_names: tuple[str, str] = ("Мария", "Иван"),
) -> Candidate:
    """A family (applicant and spouse) walked from the enquiry to `status`."""
    wife, husband = first_names
    applicant = PersonFactory(
        centre=centre, first_name=wife, last_name=surname[:-1] + "а", birth_date=None
    )
    spouse = PersonFactory(
        centre=centre, first_name=husband, last_name=surname[:-1], birth_date=None
    )
    data = CandidateData(
        kind=CandidateKind.FAMILY,
        foster_type=foster_type,
        enquiry_on=days_ago(ENQUIRY_DAYS_AGO),
        address="гр. Харманли, ул. „Липа“ 4",
        worker=worker or actor,
    )
    candidate = create_candidate(centre, actor=actor, data=data, applicant=applicant)
    add_candidate_member(candidate, actor=actor, person=spouse, role=MemberRole.SPOUSE)
    if status in (S.WITHDRAWN, S.REFUSED, S.REMOVED):
        return _ended(candidate, actor, status)
    for stage in _ORDER[1 : _ORDER.index(status) + 1]:
        candidate = _reach(candidate, stage, actor)
    return candidate


def _reach(candidate: Candidate, stage: str, actor) -> Candidate:
    if stage == S.APPLICATION:
        return register_application(
            candidate, actor=actor, applied_on=days_ago(APPLICATION_DAYS_AGO)
        )
    if stage == S.TRAINING:
        complete_assessment(candidate, actor)
    if stage == S.REPORT:
        complete_training(candidate, actor)
    if stage == S.COMMISSION:
        write_report(candidate, actor=actor, text="Семейството е подходящо за приемна грижа.")
        sign_report(candidate, actor=actor, signed_on=timezone.localdate())
    if stage == S.APPROVED:
        approve(candidate, actor)
        candidate.refresh_from_db()
        return candidate
    return change_candidate_status(candidate, to_status=stage, actor=actor)


def _ended(candidate: Candidate, actor, status: str) -> Candidate:
    if status == S.WITHDRAWN:
        return change_candidate_status(
            candidate, to_status=S.WITHDRAWN, actor=actor, note="Семейството се премести."
        )
    candidate = make_candidate_from(candidate, actor, S.COMMISSION)
    if status == S.REFUSED:
        record_commission_decision(candidate, actor=actor, data=decision(DecisionOutcome.REFUSED))
        candidate.refresh_from_db()
        return candidate
    approve(candidate, actor)
    candidate.refresh_from_db()
    return remove_from_register(
        candidate, actor=actor, removed_on=timezone.localdate(), reason="По желание на семейството."
    )


def make_candidate_from(candidate: Candidate, actor, status: str) -> Candidate:
    start = _ORDER.index(candidate.status) + 1
    for stage in _ORDER[start : _ORDER.index(status) + 1]:
        candidate = _reach(candidate, stage, actor)
    return candidate


def complete_assessment(candidate: Candidate, actor) -> None:
    """4 meetings, 2 home visits and 2 referees' recommendations."""
    kinds = [ContactKind.MEETING] * 4 + [ContactKind.HOME_VISIT] * 2
    for n, kind in enumerate(kinds):
        record_contact(
            candidate,
            actor=actor,
            data=ContactData(kind=kind, held_on=days_ago(90 - 7 * n), notes=f"Среща {n + 1}."),
        )
    for name in ("Петя Илиева", "Стефан Колев"):
        add_referee(
            candidate,
            actor=actor,
            name=name,
            contact="0888 000 000",
            received_on=days_ago(50),
            summary="Познава семейството от 10 години; препоръчва го.",
        )


def complete_training(candidate: Candidate, actor) -> None:
    people = [m.person for m in candidate.members.all()]
    train(candidate.centre, actor, people, sessions=4, kind=ProgrammeKind.FOSTER_BASE)
    if candidate.foster_type == FosterType.PROFESSIONAL:
        train(candidate.centre, actor, people, sessions=8, kind=ProgrammeKind.FOSTER_PROFESSIONAL)


def train(centre, actor, people, *, sessions: int, kind: str, present: bool = True, start=70):
    """A programme of `sessions` 3-hour sessions that `people` attended (or missed)."""
    programme = create_programme(
        centre,
        actor=actor,
        data=ProgrammeData(
            kind=kind,
            title=ProgrammeKind(kind).label,
            starts_on=days_ago(start),
            planned_hours=Decimal(3 * sessions),
            facilitators=(actor,),
        ),
    )
    participants = [
        enrol_participant(programme, actor=actor, person=p, enrolled_on=days_ago(start))
        for p in people
    ]
    mark = Presence.PRESENT if present else Presence.ABSENT
    for n in range(sessions):
        session = add_session(
            programme,
            actor=actor,
            data=GroupSessionData(
                date=days_ago(start - 2 * n),
                start_time=time(17),
                end_time=time(20),
                topic=f"Тема {n + 1}",
            ),
        )
        record_attendance(session, actor=actor, marks={p.pk: mark for p in participants})
    return programme


def decision(outcome: str, **overrides) -> DecisionData:
    values = {
        "decided_on": days_ago(APPROVAL_DAYS_AGO),
        "protocol_number": "12",
        "outcome": outcome,
        "capacity": 2 if outcome == DecisionOutcome.APPROVED else None,
        "age_from": 3 if outcome == DecisionOutcome.APPROVED else None,
        "age_to": 12 if outcome == DecisionOutcome.APPROVED else None,
        "reasons": ""
        if outcome == DecisionOutcome.APPROVED
        else "Липсва медицинско удостоверение.",
    }
    values.update(overrides)
    return DecisionData(**values)


def approve(candidate: Candidate, actor) -> None:
    record_commission_decision(candidate, actor=actor, data=decision(DecisionOutcome.APPROVED))


def place(candidate: Candidate, actor, *, kind=PlacementKind.LONG_TERM, days: int = 20, child=None):
    child = child or PersonFactory(
        centre=candidate.centre, first_name="Дани", last_name="Стоев", birth_date=days_ago(6 * 365)
    )
    return place_child(
        candidate,
        actor=actor,
        data=PlacementData(
            child=child, kind=kind, placed_on=days_ago(days), order_reference="З-17"
        ),
    )


def make_adopters(centre, actor, status: str = AdopterStatus.REFERRED, *, surname="Георгиеви"):
    applicant = PersonFactory(
        centre=centre, first_name="Росица", last_name=surname[:-1] + "а", birth_date=None
    )
    spouse = PersonFactory(
        centre=centre, first_name="Тодор", last_name=surname[:-1], birth_date=None
    )
    adopter = register_adopters(
        centre,
        actor=actor,
        data=AdopterData(
            referred_by=f"ДСП {centre.municipality}",
            referred_on=days_ago(200),
            letter_number="ЗД-44",
            worker=actor,
        ),
        applicant=applicant,
    )
    add_adopter_member(adopter, actor=actor, person=spouse, role=MemberRole.SPOUSE)
    path = [
        AdopterStatus.TRAINING,
        AdopterStatus.TRAINED,
        AdopterStatus.WAITING,
        AdopterStatus.ADOPTED,
    ]
    for stage in path[: path.index(status) + 1] if status in path else []:
        extra = {"adopted_on": days_ago(20)} if stage == AdopterStatus.ADOPTED else {}
        adopter = change_adopter_status(adopter, to_status=stage, actor=actor, **extra)
    return adopter
