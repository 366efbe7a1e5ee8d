"""Foster care and adoption in the demo: candidate families at every stage, an approved family with a
child placed, and two families of prospective adopters in Харманли; one candidate family in Драгоман.

Each story is a list of dated steps played through the fostering and groups domain functions at
the moment they happened (opora.demo.clock), so history, deadlines, hours and audit are all real.
Every deadline left open lies in the future, and every one met was met in time.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.utils import timezone

from opora.accounts.enums import Role
from opora.demo import names
from opora.demo.clock import played_at
from opora.demo.timeline import working_day_on_or_before
from opora.fostering.domain import adopters as adopting
from opora.fostering.domain import assessment, candidate, commission, placements, reports
from opora.fostering.domain.status import change_candidate_status
from opora.fostering.enums import (
    AdopterContactKind,
    AdopterStatus,
    CandidateKind,
    CandidateStatus,
    ContactKind,
    DecisionOutcome,
    FosterType,
    MemberRole,
    PlacementKind,
)
from opora.groups.domain.participants import enrol_participant
from opora.groups.domain.programmes import ProgrammeData, create_programme
from opora.groups.domain.sessions import GroupSessionData, add_session, record_attendance
from opora.groups.enums import Presence, ProgrammeKind
from opora.people.domain.person import PersonData, create_person
from opora.people.enums import IdentifierType, Sex

S = CandidateStatus


@dataclass
class Household:
    """A demo household being played: who leads it and its adults."""

    scene: object
    worker: object
    people: list = field(default_factory=list)
    record: object = None  # the Candidate or AdopterFamily


def play(scene) -> None:
    """Play the centre's foster-care and adoption stories (Харманли and Драгоман)."""
    for story in STORIES.get(scene.centre.slug, ()):
        story(scene)


# Helpers: dates, people, training


def _moment(scene, days_ago: int, hour: int = 10) -> datetime:
    day = working_day_on_or_before(timezone.localdate(scene.now) - timedelta(days=days_ago))
    minute = scene.rng.randint(0, 50)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def _day(scene, days_ago: int) -> date:
    return timezone.localdate(_moment(scene, days_ago))


def _worker(scene):
    social = [u for u in scene.specialists if scene.roles.get(u.pk) == Role.SOCIAL_WORKER]
    return (social or scene.specialists)[0]


def _adult(scene, *, female: bool, surname: str, father: str, actor) -> object:
    ctx = scene.families
    born = ctx.today - timedelta(days=scene.rng.randint(30 * 365, 48 * 365))
    sex = Sex.FEMALE if female else Sex.MALE
    data = PersonData(
        first_name=names.first_name(scene.rng, female=female),
        middle_name=names.patronymic(father, female=female),
        last_name=names.surname_form(surname, female=female),
        identifier_type=IdentifierType.EGN,
        identifier=ctx.ids.egn(born, sex),
        birth_date=born,
        sex=sex,
        phone=names.mobile_phone(scene.rng),
        address=ctx.place.address(scene.rng),
    )
    return create_person(centre=scene.centre, actor=actor, data=data, confirmed=True)


def _couple(scene, actor, *, single: bool = False) -> list:
    surname = scene.rng.choice(names.SURNAMES)
    fathers = [names.first_name(scene.rng, female=False) for _ in range(2)]
    wife = _adult(scene, female=True, surname=surname, father=fathers[0], actor=actor)
    if single:
        return [wife]
    return [wife, _adult(scene, female=False, surname=surname, father=fathers[1], actor=actor)]


def _programme(scene, kind: str, title: str, session_days: list[int], actor):
    with played_at(_moment(scene, session_days[0] + 7, 9)):
        return create_programme(
            scene.centre,
            actor=actor,
            data=ProgrammeData(
                kind=kind,
                title=title,
                starts_on=_day(scene, session_days[0]),
                planned_hours=Decimal(3 * len(session_days)),
                facilitators=(actor,),
                place="Зала на ЦОП",
            ),
        )


def _attend(scene, programme, people, session_days: list[int], actor, *, missed=()) -> None:
    """Enrol `people` and hold the sessions on those days; `missed` sessions they were absent."""
    with played_at(_moment(scene, session_days[0] + 5, 9)):
        places = [enrol_participant(programme, actor=actor, person=p) for p in people]
    for n, days_ago in enumerate(session_days):
        with played_at(_moment(scene, days_ago, 17)):
            session = add_session(
                programme,
                actor=actor,
                data=GroupSessionData(
                    date=_day(scene, days_ago),
                    start_time=time(17),
                    end_time=time(20),
                    topic=TOPICS.get(programme.kind, ("Занимание",))[n % 4],
                ),
            )
        with played_at(_moment(scene, days_ago, 20)):
            mark = Presence.ABSENT if n in missed else Presence.PRESENT
            record_attendance(session, actor=actor, marks={p.pk: mark for p in places})


TOPICS = {
    ProgrammeKind.FOSTER_BASE: (
        "Приемната грижа: права и задължения",
        "Привързаност и раздяла",
        "Поведението на детето в ново семейство",
        "Работа с биологичното семейство",
    ),
    ProgrammeKind.FOSTER_PROFESSIONAL: (
        "Деца с увреждания",
        "Травма и устойчивост",
        "Спешно настаняване",
        "Екипна работа с ДСП и доставчиците",
    ),
    ProgrammeKind.ADOPTERS: (
        "Мотивация за осиновяване",
        "Разказът за произхода",
        "Първите месеци в семейството",
        "Тайната на осиновяването",
    ),
}


# Candidates


def _candidate(
    scene, days_ago: int, *, foster_type=FosterType.VOLUNTEER, single=False
) -> Household:
    home = Household(scene, _worker(scene))
    with played_at(_moment(scene, days_ago)):
        home.people = _couple(scene, home.worker, single=single)
        data = candidate.CandidateData(
            kind=CandidateKind.SINGLE if single else CandidateKind.FAMILY,
            foster_type=foster_type,
            enquiry_on=_day(scene, days_ago),
            address=home.people[0].address,
            worker=home.worker,
        )
        home.record = candidate.create_candidate(
            scene.centre, actor=home.worker, data=data, applicant=home.people[0]
        )
        for spouse in home.people[1:]:
            candidate.add_candidate_member(
                home.record, actor=home.worker, person=spouse, role=MemberRole.SPOUSE
            )
    return home


def _at(home: Household, days_ago: int, step: Callable, hour: int = 10):
    with played_at(_moment(home.scene, days_ago, hour)):
        home.record.refresh_from_db()
        return step(home.record, home.worker)


def _apply(home: Household, days_ago: int) -> None:
    applied_on = _day(home.scene, days_ago)
    _at(
        home,
        days_ago,
        lambda c, w: assessment.register_application(c, actor=w, applied_on=applied_on),
    )


def _stage(home: Household, days_ago: int, to_status: str, note: str = "") -> None:
    _at(
        home,
        days_ago,
        lambda c, w: change_candidate_status(c, to_status=to_status, actor=w, note=note),
    )


def _contact(home: Household, days_ago: int, kind: str, notes: str) -> None:
    data = assessment.ContactData(kind=kind, held_on=_day(home.scene, days_ago), notes=notes)
    _at(home, days_ago, lambda c, w: assessment.record_contact(c, actor=w, data=data), hour=15)


def _referee(home: Household, days_ago: int, received_ago: int | None) -> None:
    scene = home.scene
    female = scene.rng.random() < 0.5
    name = names.staff_name(scene.rng, female=female)
    received = _day(scene, received_ago) if received_ago is not None else None
    _at(
        home,
        days_ago if received_ago is None else received_ago,
        lambda c, w: assessment.add_referee(
            c,
            actor=w,
            name=name,
            contact=names.mobile_phone(scene.rng),
            received_on=received,
            summary="Познава семейството от години; препоръчва го без резерви." if received else "",
        ),
    )


MEETING_NOTES = (
    "Запознаване с процедурата; мотивация на кандидатите.",
    "Разговор за детството на кандидатите и семейните ценности.",
    "Нагласи към биологичното семейство на детето.",
    "Среща с пълнолетния син на семейството, който живее с тях.",
)
VISIT_NOTES = (
    "Жилището е просторно; обособена стая за детето.",
    "Второ посещение: наблюдение на семейния ритъм вечер.",
)


def _assess(home: Household, start: int) -> None:
    """4 meetings, 2 home visits and 2 referees between `start` and 40 days later."""
    for n, note in enumerate(MEETING_NOTES):
        _contact(home, start - 7 * n, ContactKind.MEETING, note)
    for n, note in enumerate(VISIT_NOTES):
        _contact(home, start - 10 - 14 * n, ContactKind.HOME_VISIT, note)
    _referee(home, start - 5, start - 20)
    _referee(home, start - 5, start - 25)


def _report(home: Household, written: int, signed: int) -> None:
    text = (
        "Семейството е мотивирано и стабилно. Кандидатите преминаха обучението, жилищните условия "
        "са добри, поръчителите ги препоръчват. Предлагаме утвърждаване за до две деца на възраст "
        "от 0 до 10 години."
    )
    _at(home, written, lambda c, w: reports.write_report(c, actor=w, text=text))
    signed_on = _day(home.scene, signed)
    _at(home, signed, lambda c, w: reports.sign_report(c, actor=w, signed_on=signed_on))


def _enquiry(scene) -> None:
    _candidate(scene, 6, single=True)


def _in_assessment(scene) -> None:
    home = _candidate(scene, 55)
    _apply(home, 45)
    _stage(home, 44, S.ASSESSMENT)
    _contact(home, 38, ContactKind.MEETING, MEETING_NOTES[0])
    _contact(home, 30, ContactKind.MEETING, MEETING_NOTES[1])
    _contact(home, 24, ContactKind.HOME_VISIT, VISIT_NOTES[0])
    _referee(home, 30, 20)
    _referee(home, 30, None)


def _in_training(scene, base) -> None:
    """A professional family, its term extended once; the additional module is under way."""
    home = _candidate(scene, 130, foster_type=FosterType.PROFESSIONAL)
    _apply(home, 110)
    _stage(home, 108, S.ASSESSMENT)
    _at(
        home,
        90,
        lambda c, w: assessment.extend_assessment(
            c,
            actor=w,
            months=1,
            reason="Съпругът беше в болница шест седмици; срещите се отложиха.",
        ),
    )
    _assess(home, 95)
    _stage(home, 52, S.TRAINING)
    base.append(home)


def _before_commission(scene, base) -> None:
    home = _candidate(scene, 150)
    _apply(home, 130)
    _stage(home, 128, S.ASSESSMENT)
    _assess(home, 120)
    _stage(home, 52, S.TRAINING)
    base.append(home)


def _base_training(scene, base: list[Household]) -> None:
    """The autumn base module of both families in training, then each goes on."""
    days = [50, 43, 36, 29]
    actor = base[0].worker
    programme = _programme(
        scene, ProgrammeKind.FOSTER_BASE, "Приемна грижа – базово обучение", days, actor
    )
    _attend(scene, programme, [p for home in base for p in home.people], days, actor)
    professional, waiting = base
    extra = [20, 13, 6]
    module = _programme(
        scene, ProgrammeKind.FOSTER_PROFESSIONAL, "Допълнително обучение за професионални приемни семейства",
        [*extra, -1, -8, -15, -22, -29], actor,
    )  # fmt: skip
    _attend(scene, module, professional.people, extra, actor)
    _stage(waiting, 27, S.REPORT)
    _report(waiting, 25, 22)
    _stage(waiting, 20, S.COMMISSION, "Докладът е изпратен до РДСП – Хасково.")


def _approved_with_a_child(scene) -> None:
    home = _candidate(scene, 330)
    _apply(home, 310)
    _stage(home, 308, S.ASSESSMENT)
    _assess(home, 300)
    _stage(home, 255, S.TRAINING)
    days = [250, 243, 236, 229]
    programme = _programme(
        scene,
        ProgrammeKind.FOSTER_BASE,
        "Приемна грижа – базово обучение (пролет)",
        days,
        home.worker,
    )
    _attend(scene, programme, home.people, days, home.worker)
    _stage(home, 226, S.REPORT)
    _report(home, 222, 218)
    _stage(home, 215, S.COMMISSION)
    data = commission.DecisionData(
        decided_on=_day(scene, 200), protocol_number="РДСП-ХС-14", outcome=DecisionOutcome.APPROVED,
        capacity=2, age_from=0, age_to=10, child_needs="Деца без тежки увреждания.",
    )  # fmt: skip
    _at(home, 198, lambda c, w: commission.record_commission_decision(c, actor=w, data=data))
    _place_child(home, 130)
    for days_ago, kind, note in (
        (100, ContactKind.MONITORING, "Детето се е адаптирало; посещава детска градина."),
        (40, ContactKind.SUPPORT, "Разговор за контактите с биологичната майка."),
    ):
        _contact(home, days_ago, kind, note)


def _place_child(home: Household, days_ago: int) -> None:
    scene = home.scene
    with played_at(_moment(scene, days_ago, 9)):
        born = scene.families.today - timedelta(days=scene.rng.randint(4 * 365, 7 * 365))
        female = scene.rng.random() < 0.5
        child = create_person(
            centre=scene.centre,
            actor=home.worker,
            confirmed=True,
            data=PersonData(
                first_name=names.first_name(scene.rng, female=female),
                middle_name=names.patronymic(
                    names.first_name(scene.rng, female=False), female=female
                ),
                last_name=names.surname_form(scene.rng.choice(names.SURNAMES), female=female),
                identifier_type=IdentifierType.EGN,
                identifier=scene.families.ids.egn(born, Sex.FEMALE if female else Sex.MALE),
                birth_date=born,
                sex=Sex.FEMALE if female else Sex.MALE,
            ),
        )
    data = placements.PlacementData(
        child=child, kind=PlacementKind.LONG_TERM, placed_on=_day(scene, days_ago),
        order_reference=f"ЗД/Д-{scene.families.place.district_code}-{scene.rng.randint(100, 999)}",
    )  # fmt: skip
    _at(home, days_ago, lambda c, w: placements.place_child(c, actor=w, data=data), hour=14)


def _withdrawn(scene) -> None:
    home = _candidate(scene, 90, single=True)
    _apply(home, 80)
    _stage(home, 79, S.ASSESSMENT)
    _contact(home, 72, ContactKind.MEETING, MEETING_NOTES[0])
    _stage(home, 60, S.WITHDRAWN, "Кандидатката се премести в Хасково.")


def _candidates_of_harmanli(scene) -> None:
    _enquiry(scene)
    _in_assessment(scene)
    base: list[Household] = []
    _in_training(scene, base)
    _before_commission(scene, base)
    _base_training(scene, base)
    _approved_with_a_child(scene)
    _withdrawn(scene)


# Adopters


def _adopters(scene, days_ago: int) -> Household:
    home = Household(scene, _worker(scene))
    with played_at(_moment(scene, days_ago)):
        home.people = _couple(scene, home.worker)
        data = adopting.AdopterData(
            referred_by=f"ДСП {scene.centre.municipality}",
            referred_on=_day(scene, days_ago),
            letter_number=f"ЗД-{scene.rng.randint(1000, 1999)}",
            address=home.people[0].address,
            worker=home.worker,
        )
        home.record = adopting.register_adopters(
            scene.centre, actor=home.worker, data=data, applicant=home.people[0]
        )
        adopting.add_adopter_member(
            home.record, actor=home.worker, person=home.people[1], role=MemberRole.SPOUSE
        )
    return home


def _adopter_step(home: Household, days_ago: int, to_status: str, **extra) -> None:
    _at(
        home,
        days_ago,
        lambda a, w: adopting.change_adopter_status(a, to_status=to_status, actor=w, **extra),
    )


def _adopter_contact(home: Household, days_ago: int, kind: str, notes: str, next_ago=None) -> None:
    data = adopting.AdopterContactData(
        kind=kind, held_on=_day(home.scene, days_ago), duration_minutes=60, notes=notes,
        next_contact_on=None if next_ago is None else _day(home.scene, next_ago),
    )  # fmt: skip
    _at(
        home, days_ago, lambda a, w: adopting.record_adopter_contact(a, actor=w, data=data), hour=14
    )


def _adopters_of_harmanli(scene) -> None:
    training = _adopters(scene, 40)
    _adopter_step(training, 35, AdopterStatus.TRAINING)
    days = [28, 21, 14, 7]
    programme = _programme(
        scene, ProgrammeKind.ADOPTERS, "Обучение на кандидат-осиновители", days, training.worker
    )
    _attend(scene, programme, training.people, days, training.worker, missed=(2,))
    _adopter_contact(
        training,
        10,
        AdopterContactKind.CONSULTATION,
        "Страхове и очаквания за първата среща с детето.",
    )
    adopted = _adopters(scene, 300)
    _adopter_step(adopted, 290, AdopterStatus.TRAINING)
    _adopter_step(adopted, 240, AdopterStatus.TRAINED)
    _adopter_step(adopted, 235, AdopterStatus.WAITING)
    follow_up = _day(scene, 30)
    _adopter_step(
        adopted, 60, AdopterStatus.ADOPTED, adopted_on=_day(scene, 61), follow_up_on=follow_up
    )
    _adopter_contact(
        adopted, 32, AdopterContactKind.FOLLOW_UP, "Момчето спи спокойно; тръгна на детска градина.",
        next_ago=-30,
    )  # fmt: skip


def _harmanli(scene) -> None:
    _candidates_of_harmanli(scene)
    _adopters_of_harmanli(scene)


def _dragoman(scene) -> None:
    home = _candidate(scene, 30)
    _apply(home, 20)
    _stage(home, 19, S.ASSESSMENT)
    _contact(home, 10, ContactKind.MEETING, MEETING_NOTES[0])


STORIES = {"harmanli": (_harmanli,), "dragoman": (_dragoman,)}
