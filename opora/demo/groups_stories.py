"""Group programmes in the demo, played through the groups domain at the moments they happened.

Харманли: „Умения за самостоятелен живот“ with five teenagers of its open cases — five weekly
sessions held with attendance and the facilitators' notes, one still to come — and an „Училище за
родители“ that finished two months ago with certificates for those who completed it. Драгоман: an
„Училище за родители“ under way. Participants are the people of the centres' own cases, linked to
them, so their attendance shows on each case's timeline.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from opora.accounts.enums import Role
from opora.cases.enums import OCCUPYING_STATUSES, CasePersonRole
from opora.cases.models import CasePerson
from opora.core.sensitivity import Sensitivity
from opora.demo.clock import played_at
from opora.demo.timeline import working_day_on_or_after, working_day_on_or_before
from opora.groups.domain.certificates import issue_certificates
from opora.groups.domain.participants import add_participant_note, enrol_participant
from opora.groups.domain.programmes import ProgrammeData, create_programme, finish_programme
from opora.groups.domain.sessions import (
    GroupSessionData,
    add_session,
    record_attendance,
    write_session_note,
)
from opora.groups.enums import Presence, ProgrammeKind

LIFE_SKILLS_TOPICS = [
    "Моят бюджет: заплата, сметки, спестявания",
    "Пазаруване и готвене с малко пари",
    "Документи: лична карта, НАП, здравна осигуровка",
    "Търсене на работа и първото интервю",
    "Наем на жилище и договор",
    "Къде да потърся помощ",
]
PARENTING_TOPICS = [
    "Развитие на детето и неговите нужди",
    "Граници без насилие",
    "Похвала, правила и последствия",
    "Училището и родителите",
]
SESSION_NOTES = [
    "Групата работи активно; двама поеха ролята на водещи в играта.",
    "Темата предизвика спор; договорихме правила за разговор в групата.",
    "По-малко участници заради изпити; повторихме накратко миналото занимание.",
    "Практическо упражнение с истински разписки — много добра обратна връзка.",
]


@dataclass(frozen=True)
class Plan:
    kind: str
    title: str
    topics: list[str]
    first_days_ago: int  # the first session, so many days ago
    every_days: int
    held: int  # sessions held so far (the rest are still to come)
    hours: int  # per session
    start_hour: int
    finish: bool = False


def play(scene) -> None:
    for plan, pick in STORIES.get(scene.centre.slug, ()):
        people = pick(scene)
        if people:
            _play(scene, plan, people)


def _teenagers(scene, count: int = 5) -> list[CasePerson]:
    today = timezone.localdate(scene.now)
    links = _open_links(scene).filter(role__in=[CasePersonRole.CHILD, CasePersonRole.SIBLING])
    teens = [link for link in links if 13 <= (link.person.age_on(today) or 0) <= 18]
    return _distinct_people(scene, teens, count)


def _parents(scene, count: int) -> list[CasePerson]:
    links = _open_links(scene).filter(role=CasePersonRole.PARENT)
    return _distinct_people(scene, list(links), count)


def _open_links(scene):
    return (
        CasePerson.objects.filter(case__centre=scene.centre, case__status__in=OCCUPYING_STATUSES)
        .select_related("person", "case")
        .order_by("pk")
    )


def _distinct_people(scene, links: list[CasePerson], count: int) -> list[CasePerson]:
    unique = list({link.person_id: link for link in links}.values())
    return scene.rng.sample(unique, min(count, len(unique)))


def _facilitators(scene) -> list:
    wanted = (Role.PSYCHOLOGIST, Role.SOCIAL_WORKER)
    chosen = [
        next((u for u in scene.specialists if scene.roles.get(u.pk) == r), None) for r in wanted
    ]
    return [u for u in chosen if u is not None] or [scene.manager]


def _play(scene, plan: Plan, links: list[CasePerson]) -> None:
    facilitators = _facilitators(scene)
    lead = facilitators[0]
    days = [_day(scene, plan.first_days_ago - i * plan.every_days) for i in range(len(plan.topics))]
    start = days[0] - timedelta(days=10)
    with played_at(_at(start, 11)):
        programme = create_programme(scene.centre, actor=lead, data=_data(plan, facilitators, days))
        sessions = [
            add_session(programme, actor=lead, data=_session(plan, day, topic))
            for day, topic in zip(days, plan.topics, strict=True)
        ]
        places = [
            enrol_participant(programme, actor=lead, person=link.person, case=link.case)
            for link in links
        ]
    for number, session in enumerate(sessions[: plan.held]):
        with played_at(_at(session.date, plan.start_hour + plan.hours, 20)):
            marks = {place.pk: _presence(scene, place, number) for place in places}
            record_attendance(session, actor=lead, marks=marks)
            if number % 2 == 0:
                note = SESSION_NOTES[(number // 2) % len(SESSION_NOTES)]
                write_session_note(session, actor=lead, text=note)
    _notes(scene, places, lead, facilitators, sessions[0].date)
    if plan.finish:
        _finish(programme, lead, sessions[plan.held - 1].date)


def _presence(scene, place, number: int) -> str:
    """Most come; one participant misses often (she will not complete), a few are excused."""
    roll = scene.rng.random()
    if place.pk % 5 == 0 and number % 2 == 1:
        return Presence.ABSENT
    if roll < 0.08:
        return Presence.EXCUSED
    if roll < 0.13:
        return Presence.ABSENT
    return Presence.PRESENT


def _notes(scene, places, lead, facilitators, first_day: date) -> None:
    psychologist = next(
        (u for u in facilitators if scene.roles.get(u.pk) == Role.PSYCHOLOGIST), lead
    )
    with played_at(_at(first_day + timedelta(days=1), 9)):
        add_participant_note(
            places[0], actor=lead, sensitivity=Sensitivity.TEAM,
            text="Идва навреме, помага на по-малките. Иска да говори за търсене на работа.",
        )  # fmt: skip
        if len(places) > 1:
            add_participant_note(
                places[1], actor=psychologist, sensitivity=Sensitivity.PSYCHOLOGISTS,
                text="В групата е притеснен/а, когато се говори за семейството. Да се обсъди "
                "на индивидуалната консултация.",
            )  # fmt: skip


def _finish(programme, lead, last_day: date) -> None:
    with played_at(_at(last_day + timedelta(days=3), 10)):
        finish_programme(programme, actor=lead)
    with played_at(_at(last_day + timedelta(days=4), 10)):
        issue_certificates(programme, actor=lead)


def _data(plan: Plan, facilitators, days: list[date]) -> ProgrammeData:
    return ProgrammeData(
        kind=plan.kind,
        title=plan.title,
        starts_on=days[0],
        ends_on=days[-1],
        planned_hours=Decimal(plan.hours * len(days)),
        facilitators=tuple(facilitators),
        place="Зала на ЦОП",
        description="Групова програма по ИПП на участниците; занимания веднъж седмично.",
    )


def _session(plan: Plan, day: date, topic: str) -> GroupSessionData:
    return GroupSessionData(
        date=day,
        start_time=time(plan.start_hour),
        end_time=time(plan.start_hour + plan.hours),
        topic=topic,
    )


def _day(scene, days_ago: int) -> date:
    """A working day so many days ago (a negative number: still to come)."""
    day = timezone.localdate(scene.now) - timedelta(days=days_ago)
    return working_day_on_or_before(day) if days_ago > 0 else working_day_on_or_after(day)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(min(hour, 23), minute)))


LIFE_SKILLS = Plan(
    ProgrammeKind.INDEPENDENT_LIVING, "Умения за самостоятелен живот", LIFE_SKILLS_TOPICS,
    first_days_ago=35, every_days=7, held=5, hours=2, start_hour=15,
)  # fmt: skip
PARENTING_DONE = Plan(
    ProgrammeKind.PARENTING, "Училище за родители", PARENTING_TOPICS,
    first_days_ago=95, every_days=7, held=4, hours=3, start_hour=17, finish=True,
)  # fmt: skip
PARENTING_RUNNING = Plan(
    ProgrammeKind.PARENTING, "Училище за родители", PARENTING_TOPICS,
    first_days_ago=16, every_days=7, held=3, hours=3, start_hour=17,
)  # fmt: skip

STORIES = {
    "harmanli": [(LIFE_SKILLS, _teenagers), (PARENTING_DONE, lambda s: _parents(s, 6))],
    "dragoman": [(PARENTING_RUNNING, lambda s: _parents(s, 4))],
}
