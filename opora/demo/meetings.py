"""Sessions of a demo case (opora.consultations.domain.sessions): held, missed and planned.

Each session works on an activity of the plan in force and is led by the specialist the plan makes
responsible for it; a specialist is never booked twice at the same time.
"""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from opora.consultations.domain.checks import SessionData
from opora.consultations.domain.sessions import mark_no_show, plan_session, record_session
from opora.consultations.enums import SessionKind as K
from opora.demo.diary import CaseDiary
from opora.demo.themes import NEXT_STEPS, PHONE_NOTES
from opora.demo.timeline import working_day_on_or_after, working_day_on_or_before
from opora.plans.domain.queries import goals_in_force
from opora.plans.enums import Setting

STARTS = tuple(
    time(h, m) for h, m in ((9, 0), (10, 0), (11, 0), (13, 0), (14, 0), (15, 0), (16, 0))
)
MINUTES = {
    K.INDIVIDUAL_PSYCH: 50, K.SOCIAL: 45, K.FAMILY: 75, K.GROUP: 90, K.HOME_VISIT: 60,
    K.INSTITUTION_VISIT: 45, K.PHONE: 15, K.ASSESSMENT: 60, K.MOBILE: 60,
}  # fmt: skip
WITH_THE_CHILD = frozenset({K.INDIVIDUAL_PSYCH, K.GROUP})
WITH_THE_FAMILY = frozenset({K.FAMILY, K.HOME_VISIT, K.ASSESSMENT})
NO_SHOW_NOTE = (
    "Семейството не се яви и не се обади; потърсени по телефона, ще дойдат следващия път."
)
ASSESSMENT_NOTES = (
    "Първа среща в дома: запознаване със семейството, условия на живот, разговор с {carer}.",
    "Среща в центъра по оценката: разговор с детето и с {carer}; уточнени са потребностите.",
)
END_OF_DAY = time(17, 45)
MORNING = time(8, 15)


def spread_days(start: datetime, end: datetime, count: int, rng) -> list[date]:
    """About `count` working days evenly between two moments (neither day itself)."""
    first = timezone.localtime(start).date() + timedelta(days=1)
    last = timezone.localtime(end).date() - timedelta(days=1)
    span = (last - first).days
    if span < 0 or count < 1:
        return []
    days = set()
    for k in range(count):
        offset = (k + 0.5) * span / count + rng.uniform(-1.5, 1.5)
        day = working_day_on_or_before(first + timedelta(days=round(offset)))
        if first <= day <= last:
            days.add(day)
    return sorted(days)


def moment(day: date, at: time = END_OF_DAY) -> datetime:
    return timezone.make_aware(datetime.combine(day, at))


def hold(diary: CaseDiary, day: date, *, phone: bool = False) -> None:
    """A session that took place on `day`, recorded at the end of that day."""
    data = _session(diary, day, phone=phone)
    if data is not None:
        record_session(diary.case, actor=data.lead, data=data)
        diary.sessions_held += 1


def miss(diary: CaseDiary, day: date) -> None:
    """Booked in the morning, nobody came: marked as a no-show at the end of the day."""
    data = _session(diary, day)
    if data is None:
        return
    session = plan_session(diary.case, actor=data.lead, data=data)
    with diary.at(moment(day)):
        mark_no_show(session, actor=data.lead, note=NO_SHOW_NOTE)


def plan_ahead(diary: CaseDiary, count: int) -> None:
    """Appointments in the coming two weeks, made after the last meeting."""
    today = timezone.localdate(diary.now)
    for k in range(count):
        day = working_day_on_or_after(today + timedelta(days=1 + k * 5 + diary.rng.randint(0, 4)))
        data = _session(diary, day)
        if data is not None:
            plan_session(diary.case, actor=data.lead, data=data)


def meet_for_assessment(diary: CaseDiary, day: date, *, at_home: bool) -> None:
    """A meeting of the ИОП (no contract needed yet, ЗСУ чл. 85, ал. 2)."""
    lead = diary.lead
    start = diary.scene.book(lead, day, MINUTES[K.ASSESSMENT], diary.rng)
    if start is None:
        return
    people = [diary.primary_link(), *diary.adults_around()]
    data = SessionData(
        kind=K.ASSESSMENT, date=day, start_time=start, duration_minutes=MINUTES[K.ASSESSMENT],
        lead=lead, setting=Setting.HOME if at_home else Setting.CENTRE,
        place=diary.case.primary_person.address if at_home else "",
        participants=tuple(people), notes=diary.text(ASSESSMENT_NOTES[0 if at_home else 1]),
    )  # fmt: skip
    record_session(diary.case, actor=lead, data=data)


def _session(diary: CaseDiary, day: date, *, phone: bool = False) -> SessionData | None:
    goal, aim, work = _next_work(diary)
    kind = K.PHONE if phone or work is None else work.kind
    lead = diary.lead if kind == K.PHONE else diary.staff(work.role)
    minutes = MINUTES.get(kind, 60)
    start = diary.scene.book(lead, day, minutes, diary.rng)
    if start is None:
        return None
    notes = PHONE_NOTES if kind == K.PHONE or aim is None else aim.notes
    return SessionData(
        kind=kind, date=day, start_time=start, duration_minutes=minutes, lead=lead,
        setting=work.setting if work and kind != K.PHONE else Setting.CENTRE,
        place=_place(diary, kind), participants=_participants(diary, kind),
        goal=None if kind == K.PHONE else goal,
        notes=diary.text(notes[diary.sessions_held % len(notes)]),
        next_steps=NEXT_STEPS[diary.sessions_held % len(NEXT_STEPS)],
    )  # fmt: skip


def _next_work(diary: CaseDiary):
    """The next activity of the plan in force, in turn; (None, None, None) without a plan."""
    goals = {g.title: g for g in goals_in_force(diary.case)}
    works = [(aim, work) for aim, work in diary.works if aim.title in goals]
    if not works:
        return None, None, None
    aim, work = works[diary.sessions_held % len(works)]
    return goals[aim.title], aim, work


def _participants(diary: CaseDiary, kind: str) -> tuple:
    primary, adults = diary.primary_link(), diary.adults_around()
    if kind in WITH_THE_CHILD:
        return (primary,)
    if kind in WITH_THE_FAMILY:
        return (primary, *adults)
    if kind == K.INSTITUTION_VISIT:
        return ()
    return tuple(adults[:1]) or (primary,)


def _place(diary: CaseDiary, kind: str) -> str:
    person = diary.case.primary_person
    if kind == K.HOME_VISIT:
        return person.address
    if kind == K.INSTITUTION_VISIT:
        return person.school or "училището"
    return ""
