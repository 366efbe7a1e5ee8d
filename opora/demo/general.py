"""General-access consultations (ЗСУ чл. 12, ал. 2, т. 1): no referral, ИОП, plan or contract,
for at most two months — through opora.cases.domain.general."""

from dataclasses import replace
from datetime import datetime, timedelta

from opora.cases.domain.general import close_consultation, open_consultation
from opora.cases.models import Case, CasePerson
from opora.centres.enums import Service
from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import plan_session, record_session
from opora.consultations.enums import SessionKind
from opora.demo.clock import played_at
from opora.demo.meetings import moment, spread_days
from opora.demo.patterns import plan_family
from opora.demo.timeline import local_day, working_day_on_or_after
from opora.people.domain.person import create_person

TOPICS = {
    "teenager": (
        "Консултация по желание на детето: напрежение преди изпитите и спорове с родителите.",
        (
            "Разговор за стреса преди изпитите; упражнения за дишане и план за учене по дни.",
            "Обсъден е спорът с родителите за телефона; детето предлага договорка за вечерите.",
            "Напрежението е по-малко; графикът за учене се спазва.",
        ),
    ),
    "parent": (
        "Консултиране на майката за режима и изблиците на гняв на малкото дете.",
        (
            "Разговор за режима на сън и хранене; майката ще води дневник една седмица.",
            "Обсъдено е как да се реагира при изблик спокойно, без викове и наказания.",
            "Майката отчита по-спокойни вечери; обсъдена е подготовката за детската градина.",
        ),
    ),
}
CLOSED_AFTER_DAYS = 40
CLOSING_NOTE = (
    "Темите на консултирането са изчерпани; майката знае, че може да потърси центъра отново."
)


def run_general(scene, story, registered: datetime) -> Case:
    """One episode: opened on `registered`, a few meetings, closed or still open today."""
    rng = scene.rng
    plan = plan_family(replace(scene.families, today=local_day(registered)), story.pattern)
    teenager = story.pattern == "teenager"
    data = plan.primary if teenager else plan.members[0].data
    topic, notes = TOPICS["teenager" if teenager else "parent"]
    counsellor = scene.next_case_manager()
    with played_at(registered):
        person = create_person(centre=scene.centre, actor=counsellor, data=data, confirmed=True)
        case = open_consultation(
            centre=scene.centre, actor=counsellor, person=person,
            services=[Service.GENERAL_INFO], note=topic,
        )  # fmt: skip
    closing = story.path == "general_closed"
    end = registered + timedelta(days=CLOSED_AFTER_DAYS) if closing else scene.now
    link = CasePerson.objects.get(case=case, person=person)
    for number, day in enumerate(spread_days(registered, end, rng.randint(2, 4), rng)):
        meeting = _meeting(scene, counsellor, day, link, notes[number % len(notes)])
        if meeting is not None:
            with played_at(moment(day)):
                record_session(case, actor=counsellor, data=meeting)
    if closing:
        with played_at(end):
            close_consultation(case, actor=counsellor, note=CLOSING_NOTE)
        return case
    day = working_day_on_or_after(local_day(scene.now) + timedelta(days=rng.randint(1, 9)))
    meeting = _meeting(scene, counsellor, day, link, "")
    if meeting is not None:
        with played_at(scene.now - timedelta(minutes=30)):
            plan_session(case, actor=counsellor, data=meeting)
    return case


def _meeting(scene, counsellor, day, link, note: str) -> SessionData | None:
    start = scene.book(counsellor, day, 50, scene.rng)
    if start is None:
        return None
    kind = SessionKind.INDIVIDUAL_PSYCH if link.person.is_child else SessionKind.SOCIAL
    return SessionData(
        kind=kind, date=day, start_time=start, duration_minutes=50, lead=counsellor,
        participants=(link,), notes=note,
    )  # fmt: skip
