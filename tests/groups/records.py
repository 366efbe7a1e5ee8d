"""Group programme records in every state a staff action starts from, built through the domain.

- `running`: three sessions (two weeks ago, a week ago, today), three participants, attendance
  recorded on the past two; one participant may still be withdrawn, one person still enrolled.
- `finished`: two sessions, three participants: one who completed and already has certificate
  № 1, one who completed and has none yet, one who missed a session and cannot have one.
- `planned`: no session has attendance yet, one future session.
"""

from dataclasses import dataclass, field
from datetime import time, timedelta
from decimal import Decimal

from django.utils import timezone

from opora.groups.domain.certificates import issue_certificate
from opora.groups.domain.participants import enrol_participant
from opora.groups.domain.programmes import ProgrammeData, create_programme, finish_programme
from opora.groups.domain.sessions import GroupSessionData, add_session, record_attendance
from opora.groups.enums import Presence, ProgrammeKind
from opora.groups.models import GroupSession, Participant, Programme
from tests.factories import PersonFactory

P, A, E = Presence.PRESENT, Presence.ABSENT, Presence.EXCUSED


@dataclass
class GroupRecords:
    programmes: dict[str, Programme] = field(default_factory=dict)
    sessions: dict[str, GroupSession] = field(default_factory=dict)
    participants: dict[str, Participant] = field(default_factory=dict)

    def all_sessions(self) -> list[GroupSession]:
        return list(GroupSession.objects.filter(programme__in=self.programmes.values()))

    def all_participants(self) -> list[Participant]:
        return list(Participant.objects.filter(programme__in=self.programmes.values()))


def days_ago(days: int):
    return timezone.localdate() - timedelta(days=days)


def programme_data(facilitators, **overrides) -> ProgrammeData:
    values = {
        "kind": ProgrammeKind.INDEPENDENT_LIVING,
        "title": "Умения за самостоятелен живот",
        "starts_on": days_ago(30),
        "ends_on": timezone.localdate() + timedelta(days=30),
        "planned_hours": Decimal("6"),
        "facilitators": tuple(facilitators),
        "completion_percent": 80,
        "place": "Зала 1",
    }
    values.update(overrides)
    return ProgrammeData(**values)


def session_data(day, topic: str = "Бюджет и пазаруване", **overrides) -> GroupSessionData:
    values = {"date": day, "start_time": time(16), "end_time": time(18), "topic": topic}
    values.update(overrides)
    return GroupSessionData(**values)


def add_group_records(centre, manager, facilitators, people=None) -> GroupRecords:
    """The three programmes above; `people` (at least 3) are enrolled, else new ones are made."""
    people = list(people or [PersonFactory(centre=centre) for _ in range(3)])
    spare = PersonFactory(centre=centre, first_name="Слави", last_name="Груев")
    records = GroupRecords()
    _running(records, centre, manager, facilitators, people)
    _finished(records, centre, manager, facilitators, [*people[:2], spare])
    _planned(records, centre, manager, facilitators)
    return records


def _running(records, centre, manager, facilitators, people) -> None:
    programme = create_programme(centre, actor=manager, data=programme_data(facilitators))
    sessions = [
        add_session(programme, actor=manager, data=session_data(days_ago(14), "Бюджет")),
        add_session(programme, actor=manager, data=session_data(days_ago(7), "Готвене")),
        add_session(programme, actor=manager, data=session_data(timezone.localdate(), "Документи")),
    ]
    places = [enrol_participant(programme, actor=manager, person=p, enrolled_on=days_ago(20))
              for p in people[:3]]  # fmt: skip
    record_attendance(sessions[0], actor=manager, marks={p.pk: P for p in places})
    record_attendance(sessions[1], actor=manager, marks={places[0].pk: P, places[1].pk: A,
                                                         places[2].pk: E})  # fmt: skip
    programme.refresh_from_db()
    records.programmes["running"] = programme
    records.sessions.update(past=sessions[0], recent=sessions[1], today=sessions[2])
    records.participants.update(regular=places[0], absent=places[1], excused=places[2])


def _finished(records, centre, manager, facilitators, people) -> None:
    data = programme_data(
        facilitators, kind=ProgrammeKind.PARENTING, title="Училище за родители",
        starts_on=days_ago(60), ends_on=days_ago(20), planned_hours=Decimal("4"),
    )  # fmt: skip
    programme = create_programme(centre, actor=manager, data=data)
    first = add_session(programme, actor=manager, data=session_data(days_ago(50), "Граници"))
    second = add_session(programme, actor=manager, data=session_data(days_ago(40), "Похвала"))
    places = [enrol_participant(programme, actor=manager, person=p, enrolled_on=days_ago(55))
              for p in people]  # fmt: skip
    record_attendance(first, actor=manager, marks={p.pk: P for p in places})
    record_attendance(second, actor=manager, marks={places[0].pk: P, places[1].pk: P,
                                                    places[2].pk: A})  # fmt: skip
    finish_programme(programme, actor=manager)
    programme.refresh_from_db()
    issue_certificate(places[0], actor=manager)
    records.programmes["finished"] = programme
    records.sessions["finished"] = first
    records.participants.update(certified=places[0], completed=places[1], incomplete=places[2])


def _planned(records, centre, manager, facilitators) -> None:
    data = programme_data(
        facilitators, kind=ProgrammeKind.FOSTER_BASE, title="Приемна грижа – базово обучение",
        starts_on=timezone.localdate(), ends_on=None, planned_hours=Decimal("12"),
    )  # fmt: skip
    programme = create_programme(centre, actor=manager, data=data)
    future = timezone.localdate() + timedelta(days=7)
    records.sessions["future"] = add_session(
        programme, actor=manager, data=session_data(future, "Какво е приемна грижа")
    )
    records.programmes["planned"] = programme
