"""A hand-counted world for the statistics of April 2026 (01.04.2026 – 30.04.2026, both included).

Every case is walked to its final status through the domain and then given a backdated status
history (like tests/cases/test_history.py); the dated records (ИОП, ИПП versions, contracts,
annexes, reviews, sessions, waiting-list entries) are written with explicit dates. The expected
figures, counted by hand, are in EXPECTED; the comments say why each case counts or not.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from opora.accounts.enums import Role
from opora.assessments.enums import AssessmentStatus
from opora.assessments.models import Assessment
from opora.cases.enums import CaseStatus, ClosureReason
from opora.cases.models import Case, CaseTargetGroup, StatusChange, WaitingListEntry
from opora.centres.enums import TargetGroup
from opora.centres.models import Centre
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.people.enums import Sex
from opora.plans.enums import AnnexKind, ContractStatus, DurationClass, PlanStatus
from opora.plans.models import Annex, Contract, PlanVersion
from opora.referrals.enums import SourceType
from opora.reporting.domain.periods import Period
from opora.reviews.enums import ReviewKind, ReviewStatus
from opora.reviews.models import Review
from tests.factories import CentreFactory, PersonFactory, make_case, make_member

APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
S = CaseStatus


def at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def history(case, *steps: tuple[str, date]) -> None:
    """Replace the case's history with these (status, day) steps; the case ends in the last."""
    StatusChange.objects.filter(case=case).delete()
    previous = ""
    for status, day in steps:
        StatusChange.objects.create(
            case=case, from_status=previous, to_status=status, changed_at=at(day),
            changed_by_name="тест",
        )  # fmt: skip
        previous = status
    Case.objects.filter(pk=case.pk).update(status=previous)


@dataclass
class World:
    centre: object
    manager: object
    cases: dict[str, Case] = field(default_factory=dict)


def build_world(centre=None, manager=None) -> World:
    centre = centre or CentreFactory(slug="harmanli", municipality="Харманли", capacity=10)
    manager = manager or make_member(centre, Role.MANAGER, username="manager")
    Centre.objects.filter(pk=centre.pk).update(capacity=10)
    centre.refresh_from_db()
    world = World(centre, manager)
    _cases(world)
    _records(world)
    _waiting(world)
    return world


def _case(world, label, status, *, born, sex, registered, **referral) -> Case:
    person = PersonFactory(centre=world.centre, birth_date=born, sex=sex)
    case = make_case(world.centre, world.manager, status, person=person, **referral)
    Case.objects.filter(pk=case.pk).update(registered_at=at(registered, 9))
    world.cases[label] = case
    return case


def _closed(case, day: date, reason: str = "") -> None:
    Case.objects.filter(pk=case.pk).update(closed_at=at(day), closure_reason=reason)


def _cases(world) -> None:
    # A: in a place since January, still active: a user. Born 01.05.2020: 5 on 30.04 → 3–7.
    a = _case(world, "a", S.ACTIVE, born=date(2020, 5, 1), sex=Sex.FEMALE,
              registered=date(2026, 1, 5),
              target_groups=[TargetGroup.RISK_CHILD, TargetGroup.FAMILY_RISK])  # fmt: skip
    history(a, (S.INTAKE, date(2026, 1, 5)), (S.ASSESSMENT, date(2026, 1, 10)),
            (S.PLANNING, date(2026, 1, 25)), (S.CONTRACTING, date(2026, 2, 1)),
            (S.ACTIVE, date(2026, 2, 3)))  # fmt: skip
    # B: closed on 15.04 (goals achieved); 17 on that day (18 only on 20.04) → 14–18.
    b = _case(world, "b", S.CLOSED, born=date(2008, 4, 20), sex=Sex.MALE,
              registered=date(2026, 1, 20), source_type=SourceType.SCHOOL,
              target_groups=[TargetGroup.RISK_SCHOOL])  # fmt: skip
    history(b, (S.INTAKE, date(2026, 1, 20)), (S.ASSESSMENT, date(2026, 2, 1)),
            (S.ACTIVE, date(2026, 3, 1)), (S.CLOSED, date(2026, 4, 15)))  # fmt: skip
    _closed(b, date(2026, 4, 15), ClosureReason.GOALS_ACHIEVED)
    # C: left its place on the first day of the period (01.04): still a user. 2 years → 0–3.
    c = _case(world, "c", S.CLOSED, born=date(2023, 6, 1), sex=Sex.FEMALE,
              registered=date(2026, 1, 2))  # fmt: skip
    history(c, (S.INTAKE, date(2026, 1, 2)), (S.ASSESSMENT, date(2026, 1, 5)),
            (S.CLOSED, date(2026, 4, 1)))  # fmt: skip
    _closed(c, date(2026, 4, 1), ClosureReason.MOVED)
    # D: admitted on the last day (30.04): a user, a new case of April. 16 → 14–18.
    d = _case(world, "d", S.ASSESSMENT, born=date(2010, 1, 1), sex=Sex.MALE,
              registered=date(2026, 4, 28), source_type=SourceType.HOSPITAL)  # fmt: skip
    history(d, (S.INTAKE, date(2026, 4, 28)), (S.ASSESSMENT, date(2026, 4, 30)))
    # E: left its place the day before (31.03): not a user of April.
    e = _case(world, "e", S.CLOSED, born=date(2015, 1, 1), sex=Sex.MALE,
              registered=date(2025, 12, 20))  # fmt: skip
    history(e, (S.INTAKE, date(2025, 12, 20)), (S.ASSESSMENT, date(2026, 1, 1)),
            (S.CLOSED, date(2026, 3, 31)))  # fmt: skip
    _closed(e, date(2026, 3, 31), ClosureReason.GOALS_ACHIEVED)
    # F: registered in April but admitted on 01.05 (the day after): a new case, not a user.
    f = _case(world, "f", S.ASSESSMENT, born=date(2015, 2, 2), sex=Sex.FEMALE,
              registered=date(2026, 4, 20))  # fmt: skip
    history(f, (S.INTAKE, date(2026, 4, 20)), (S.ASSESSMENT, date(2026, 5, 1)))
    # G: closed, reopened and closed again inside April: one user, one closure. No birth date.
    g = _case(world, "g", S.CLOSED, born=None, sex=Sex.UNKNOWN, registered=date(2026, 2, 20))
    history(g, (S.INTAKE, date(2026, 2, 20)), (S.ASSESSMENT, date(2026, 3, 1)),
            (S.CLOSED, date(2026, 4, 5)), (S.ASSESSMENT, date(2026, 4, 10)),
            (S.CLOSED, date(2026, 4, 20)))  # fmt: skip
    _closed(g, date(2026, 4, 20), ClosureReason.OTHER)
    # H: a general-access consultation open 10.04–25.04: a user without referral; 18+.
    h = _case(world, "h", S.CONSULTATION_CLOSED, born=date(1990, 3, 3), sex=Sex.FEMALE,
              registered=date(2026, 4, 10))  # fmt: skip
    history(h, (S.CONSULTATION_OPEN, date(2026, 4, 10)), (S.CONSULTATION_CLOSED, date(2026, 4, 25)))
    _closed(h, date(2026, 4, 25))
    # W: waiting since March, still waiting: not a user. W3: entered the list in April.
    for label, entered in (("w", date(2026, 3, 2)), ("w3", date(2026, 4, 5))):
        waiting = _case(world, label, S.WAITLISTED, born=date(2014, 5, 5), sex=Sex.MALE,
                        registered=entered)  # fmt: skip
        history(waiting, (S.INTAKE, entered), (S.WAITLISTED, entered))
    # W2: admitted from the list on 10.04 after 31 days; 7 on 30.04 (its birthday) → 7–14.
    w2 = _case(world, "w2", S.ASSESSMENT, born=date(2019, 4, 30), sex=Sex.UNKNOWN,
               registered=date(2026, 3, 10))  # fmt: skip
    history(w2, (S.INTAKE, date(2026, 3, 10)), (S.WAITLISTED, date(2026, 3, 10)),
            (S.ASSESSMENT, date(2026, 4, 10)))  # fmt: skip
    CaseTargetGroup.objects.filter(case=h).delete()


def _records(world) -> None:
    manager, cases = world.manager, world.cases
    a, b, d, w2 = cases["a"], cases["b"], cases["d"], cases["w2"]
    for case, number, completed in (
        (a, 1, date(2026, 1, 20)),
        (a, 2, date(2026, 4, 1)),
        (d, 1, date(2026, 4, 30)),
        (b, 1, date(2026, 3, 31)),
    ):
        Assessment.objects.create(
            centre=world.centre, case=case, number=number, status=AssessmentStatus.COMPLETED,
            started_at=at(completed, 8), started_by=manager, updated_at=at(completed),
            completed_at=at(completed, 16),
        )  # fmt: skip
    plans = {}
    for label, case, number, status, decided, duration in (
        ("a1", a, 1, PlanStatus.SUPERSEDED, date(2026, 2, 1), DurationClass.SHORT),
        ("a2", a, 2, PlanStatus.APPROVED, date(2026, 4, 1), DurationClass.MEDIUM),
        ("b1", b, 1, PlanStatus.APPROVED, date(2026, 4, 30), DurationClass.LONG),
        ("w21", w2, 1, PlanStatus.APPROVED, date(2026, 5, 1), DurationClass.SHORT),
    ):
        plans[label] = PlanVersion.objects.create(
            centre=world.centre, case=case, number=number, status=status, start_on=decided,
            review_on=date(2026, 10, 1), duration_class=duration, created_by=manager,
            decided_at=at(decided, 12),
        )  # fmt: skip
    contracts = {}
    for case, signed, plan in (
        (a, date(2026, 4, 1), plans["a2"]),
        (b, date(2026, 3, 31), plans["b1"]),
        (d, date(2026, 4, 30), None),
    ):
        contracts[case.pk] = Contract.objects.create(
            centre=world.centre, case=case, number=f"Д-{case.pk}", status=ContractStatus.SIGNED,
            signatory_name="Родител", signatory_capacity="parent", plan_version=plan,
            services=["counselling"], start_on=signed, end_on=date(2026, 12, 31),
            signed_on=signed, created_by=manager,
        )  # fmt: skip
    Annex.objects.create(contract=contracts[a.pk], kind=AnnexKind.CHANGE,
                         signed_on=date(2026, 4, 15), changes="Нова услуга.", created_by=manager)  # fmt: skip
    for status, held in (
        (ReviewStatus.COMPLETED, date(2026, 4, 30)),
        (ReviewStatus.IN_PROGRESS, date(2026, 4, 10)),
    ):
        Review.objects.create(
            centre=world.centre, case=a, plan=plans["a2"], kind=ReviewKind.values[0],
            status=status, held_on=held, started_by=manager, started_at=at(held),
        )  # fmt: skip
    for kind, status, day in (
        (SessionKind.INDIVIDUAL_PSYCH, SessionStatus.HELD, date(2026, 4, 1)),
        (SessionKind.SOCIAL, SessionStatus.HELD, date(2026, 4, 30)),
        (SessionKind.FAMILY, SessionStatus.CANCELLED, date(2026, 4, 15)),
        (SessionKind.FAMILY, SessionStatus.HELD, date(2026, 3, 31)),
        (SessionKind.FAMILY, SessionStatus.HELD, date(2026, 5, 1)),
    ):
        Session.objects.create(
            centre=world.centre, case=a, kind=kind, status=status, date=day,
            start_time=time(10), duration_minutes=50, lead=manager, created_by=manager,
        )  # fmt: skip


def _waiting(world) -> None:
    WaitingListEntry.objects.filter(centre=world.centre).delete()
    for label, entered, left in (
        ("w", date(2026, 3, 2), None),
        ("w3", date(2026, 4, 5), None),
        ("w2", date(2026, 3, 10), date(2026, 4, 10)),
    ):
        WaitingListEntry.objects.create(
            centre=world.centre, case=world.cases[label], entered_at=at(entered, 9),
            left_at=at(left) if left else None, left_reason="Приет в услугата" if left else "",
        )  # fmt: skip


# Counted by hand: users of April are A, B, C, D, G, H, W2.
EXPECTED = {
    "users": 7,
    "track": {"Специализирана услуга": 6, "Общодостъпна услуга": 1},
    "age_band": {
        "0–3 г.": 1,
        "3–7 г.": 1,
        "7–14 г.": 1,
        "14–18 г.": 2,
        "18+ г.": 1,
        "неизвестна възраст": 1,
    },
    "sex": {"мъж / момче": 2, "жена / момиче": 3, "неизвестен": 2},
    "referral_source": {
        "ОЗД при ДСП": 4,
        "Училище": 1,
        "Лечебно заведение / родилно отделение": 1,
        "без насочване": 1,
    },
    "duration_class": {
        "Средносрочна (до 1 година)": 1,
        "Дългосрочна (от 1 до 3 години)": 1,
        "без одобрен ИПП": 5,
    },
    "closure_reason": {
        "Постигнати цели по ИПП": 1,
        "Преместване / смяна на настоящия адрес": 1,
        "Друго (с описание)": 1,
        "приключена общодостъпна консултация": 1,
        "не е приключен": 3,
    },
    "activity": {
        "Нови случаи (регистрирани преписки)": 4,  # D, F, H, W3
        "– от тях за специализирана услуга": 3,
        "– от тях общодостъпни консултации": 1,
        "Приети в услугата (започната оценка)": 3,  # D, G again, W2
        "Приключени случаи и консултации": 4,  # B, C, G once, H
        "ИОП – първоначални": 1,  # D (B's on 31.03 is outside)
        "ИОП – актуализирани": 1,  # A's second
        "ИПП – първи одобрени": 1,  # B on 30.04 (W2's on 01.05 is outside)
        "ИПП – актуализирани (нова версия)": 1,  # A's second version on 01.04
        "Подписани договори": 2,  # A on 01.04, D on 30.04 (B's on 31.03 is outside)
        "Подписани анекси към договори": 1,
        "Проведени прегледи на ИПП": 1,  # the completed one on 30.04
    },
    "sessions": {"Индивидуална психологическа консултация": 1, "Социална консултация": 1},
    "waiting_list": {
        "Вписани в списъка през периода": 1,  # W3
        "Приети от списъка през периода": 1,  # W2
        "Чакащи в края на периода": 2,  # W, W3
        "Средно чакане на приетите (дни)": 31,
    },
}
