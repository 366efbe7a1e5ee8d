"""„Показатели“: exact series from a small hand-built history, and who may see which figure."""

from datetime import date, datetime, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from opora.cases.domain.history import stays
from opora.cases.enums import CaseStatus
from opora.cases.models import Case, StatusChange, WaitingListEntry
from opora.centres import indicators as ind
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.deadlines.enums import DeadlineKind
from opora.deadlines.models import Deadline
from tests.factories import make_case, put_on_team

pytestmark = pytest.mark.django_db
S = CaseStatus
YEAR = ind.Period(date(2026, 1, 1), date(2026, 4, 30), "тест")


def _at(day: date, hour: int = 10):
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _history(case, *steps: tuple[str, date]):
    """Replace the case's history with these (status, day) steps (as tests/cases/test_history.py)."""
    StatusChange.objects.filter(case=case).delete()
    previous = ""
    for status, day in steps:
        StatusChange.objects.create(
            case=case, from_status=previous, to_status=status, changed_at=_at(day),
            changed_by_name="тест",
        )  # fmt: skip
        previous = status


def _case(centre, actor, *steps, case_manager=None):
    """A case whose history is `steps` and whose status is the last of them."""
    case = make_case(centre, actor)
    _history(case, *steps)
    Case.objects.filter(pk=case.pk).update(
        status=steps[-1][0], case_manager=case_manager or case.case_manager
    )
    return case


# The series


def test_new_and_closed_cases_per_month(centre, manager):
    _case(centre, manager, (S.INTAKE, date(2026, 1, 5)), (S.ASSESSMENT, date(2026, 1, 10)),
          (S.CLOSED, date(2026, 3, 15)))  # fmt: skip
    _case(centre, manager, (S.INTAKE, date(2026, 2, 2)))
    _case(centre, manager, (S.CONSULTATION_OPEN, date(2026, 3, 1)),
          (S.CONSULTATION_CLOSED, date(2026, 3, 20)))  # fmt: skip
    # Registered before the period; closed in February; back from follow-up to closed in April:
    # that is no second end of the work.
    _case(centre, manager, (S.INTAKE, date(2025, 12, 1)), (S.ASSESSMENT, date(2025, 12, 3)),
          (S.CLOSED, date(2026, 2, 10)), (S.FOLLOW_UP, date(2026, 3, 1)),
          (S.CLOSED, date(2026, 4, 1)))  # fmt: skip
    series = ind.flow_series(ind.flows([centre.pk], YEAR)[centre.pk], YEAR)
    assert [(f.month.month, f.new, f.closed) for f in series] == [
        (1, 1, 0),
        (2, 1, 1),
        (3, 1, 2),
        (4, 0, 0),
    ]


def test_places_used_are_sampled_weekly_from_the_end_of_the_period(centre, manager):
    _case(centre, manager, (S.ASSESSMENT, date(2026, 4, 2)), (S.CLOSED, date(2026, 4, 20)))
    _case(centre, manager, (S.ASSESSMENT, date(2026, 4, 16)))
    period = ind.Period(date(2026, 4, 1), date(2026, 4, 30), "април")
    days = ind.sample_days(period)
    assert days == [date(2026, 4, 2), date(2026, 4, 9), date(2026, 4, 16), date(2026, 4, 23),
                    date(2026, 4, 30)]  # fmt: skip
    history = ind.stays_by_centre([centre.pk], period)[centre.pk]
    assert ind.places_at(history, days) == [1, 1, 2, 1, 1]


def test_the_stays_are_those_of_the_case_history_module(centre, manager):
    _case(centre, manager, (S.INTAKE, date(2026, 1, 5)), (S.ASSESSMENT, date(2026, 1, 10)),
          (S.PLANNING, date(2026, 2, 1)), (S.SUSPENDED, date(2026, 2, 9)),
          (S.CLOSED, date(2026, 3, 15)), (S.ASSESSMENT, date(2026, 5, 1)))  # fmt: skip
    _case(centre, manager, (S.INTAKE, date(2026, 1, 5)), (S.WAITLISTED, date(2026, 1, 6)),
          (S.ASSESSMENT, date(2026, 4, 1)), (S.CLOSING, date(2026, 4, 2)),
          (S.ACTIVE, date(2026, 4, 3)), (S.CLOSED, date(2026, 4, 30)))  # fmt: skip
    period = ind.Period(date(2026, 1, 1), date(2026, 12, 31), "2026")
    mine = ind.stays_by_centre([centre.pk], period)[centre.pk]
    theirs = stays([centre.pk], until=period.end)
    key = lambda stay: (stay.case_id, stay.entered_on)  # noqa: E731
    assert sorted(mine, key=key) == sorted(theirs, key=key)
    assert len(mine) == 3


def test_waiting_list_size_at_month_end_and_the_average_wait(centre, manager):
    def entry(entered: date, left: date | None):
        case = make_case(centre, manager)
        return WaitingListEntry.objects.create(
            centre=centre, case=case, entered_at=_at(entered),
            left_at=_at(left) if left else None,
        )  # fmt: skip

    entry(date(2025, 12, 20), date(2026, 1, 9))  # waited 20 days, left in January
    entry(date(2026, 1, 10), date(2026, 2, 19))  # 40 days, left in February
    entry(date(2026, 1, 25), date(2026, 2, 4))  # 10 days, left in February
    entry(date(2026, 2, 1), None)  # still waiting
    entries = ind.waiting_entries([centre.pk], YEAR)[centre.pk]
    months = ind.waiting_by_month(entries, YEAR)
    assert [(m.waiting_at_end, m.left, m.average_days) for m in months] == [
        (2, 1, 20.0),  # end of January: the 10 and 25 January entries
        (1, 2, 25.0),  # end of February: only the one still waiting
        (1, 0, None),
        (1, 0, None),
    ]
    now = ind.waiting_now(entries, _at(date(2026, 3, 3)))
    assert (now.count, now.average_days) == (1, 30.0)


def test_the_last_twelve_months_and_a_calendar_year():
    twelve = ind.last_twelve_months(date(2026, 11, 22))
    assert (twelve.start, twelve.end, len(twelve.months)) == (
        date(2025, 12, 1),
        date(2026, 11, 22),
        12,
    )
    year = ind.calendar_year(2026, date(2026, 11, 22))
    assert (year.start, year.end, len(year.months)) == (date(2026, 1, 1), date(2026, 11, 22), 11)


def test_overdue_deadlines_by_kind_and_by_centre(centre, other_centre, manager, outsider_manager):
    today = date(2026, 4, 15)

    def deadline(c, actor, kind, due: date, **fields):
        case = make_case(c, actor)
        return Deadline.objects.create(
            centre=c, case=case, kind=kind, title="срок", due_on=due, **fields
        )

    Deadline.objects.all().delete()
    deadline(centre, manager, DeadlineKind.ASSESSMENT, date(2026, 4, 1))
    deadline(centre, manager, DeadlineKind.ASSESSMENT, date(2026, 4, 14))
    deadline(centre, manager, DeadlineKind.CONTRACT, date(2026, 3, 1))
    deadline(centre, manager, DeadlineKind.CONTRACT, date(2026, 4, 15))  # due today: not late
    deadline(centre, manager, DeadlineKind.CONTRACT, date(2026, 3, 1), done_at=_at(today))
    deadline(other_centre, outsider_manager, DeadlineKind.CONTRACT, date(2026, 3, 1))
    assert ind.overdue_by_kind([centre.pk], today) == [
        ("ИОП и ИПП", 2),
        ("Подписване на договор", 1),
    ]
    assert ind.overdue_by_centre([centre.pk, other_centre.pk], today) == {
        centre.pk: 3,
        other_centre.pk: 1,
    }


# Workload: the cases one leads or is on the team of, open at some moment of the month


def test_workload_counts_cases_open_this_month(centre, manager, psychologist, social_worker):
    today = timezone.localdate()
    before_the_first = today.replace(day=1) - timedelta(days=3)
    led = make_case(centre, manager, S.ASSESSMENT, case_manager=psychologist)
    closed_now = make_case(centre, manager, S.CLOSED, case_manager=social_worker)
    put_on_team(closed_now, psychologist)
    closed_before = make_case(centre, manager, S.CLOSED, case_manager=psychologist)
    StatusChange.objects.filter(case=closed_before).update(changed_at=_at(before_the_first))
    put_on_team(closed_before, social_worker)
    # Holding no place, a case counts through a session dated this month...
    in_intake = make_case(centre, manager)
    put_on_team(in_intake, social_worker)
    _session(in_intake, social_worker, today)
    # ...but not through a cancelled one.
    other = make_case(centre, manager)
    put_on_team(other, psychologist)
    _session(other, psychologist, today, status=SessionStatus.CANCELLED)
    general = make_case(centre, manager, S.CONSULTATION_OPEN)
    put_on_team(general, social_worker)

    open_cases = ind.cases_open_this_month([centre.pk], today)
    assert set(open_cases.values_list("pk", flat=True)) == {
        led.pk,
        closed_now.pk,
        in_intake.pk,
        general.pk,
    }
    counts = ind.workload([centre.pk], open_cases)[centre.pk]
    # The psychologist leads one and is on the team of one; the social worker leads the case
    # closed today and works on the intake case and the open consultation. The manager
    # registered every case; she leads only the consultation she opened.
    assert counts[psychologist.pk] == 2
    assert counts[social_worker.pk] == 3
    assert counts[manager.pk] == 1


def _session(case, lead, day: date, status=SessionStatus.PLANNED):
    return Session.objects.create(
        centre=case.centre, case=case, kind=SessionKind.INDIVIDUAL_PSYCH, date=day,
        start_time=time(10), duration_minutes=50, lead=lead, created_by=lead, status=status,
    )  # fmt: skip


# The page and who sees what


def _april_world(centre, manager, psychologist):
    today = timezone.localdate()
    first = today.replace(day=1)
    for _ in range(2):
        _case(
            centre, manager, (S.ASSESSMENT, first - timedelta(days=40)), case_manager=psychologist
        )
    return today


def test_the_manager_sees_every_indicator_with_names(centre, manager, psychologist, client_of):
    from opora.centres.domain import settings_for

    settings = settings_for(centre)
    settings.workload_standard = 1
    settings.save()
    _april_world(centre, manager, psychologist)
    response = client_of(manager).get(f"/c/{centre.slug}/indicators/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Заети места във времето" in html and "Нови и приключени случаи по месеци" in html
    assert "Натовареност спрямо стандарта" in html
    assert psychologist.get_full_name() in html
    assert "Над стандарта: 1" in html  # two cases against a standard of one
    assert "Покажи като таблица" in html and "style=" not in html


def test_the_accountant_sees_trends_without_names(
    centre, manager, psychologist, accountant, client_of
):
    _april_world(centre, manager, psychologist)
    response = client_of(accountant).get(f"/c/{centre.slug}/indicators/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Заети места във времето" in html and "Чакащи в края на месеца" in html
    assert "Натовареност" not in html and "Просрочени срокове" not in html
    assert psychologist.get_full_name() not in html


def test_case_workers_and_other_centres_are_refused(
    centre, psychologist, social_worker, outsider_manager, client_of
):
    url = f"/c/{centre.slug}/indicators/"
    assert client_of(psychologist).get(url).status_code == 403
    assert client_of(social_worker).get(url).status_code == 403
    assert client_of(outsider_manager).get(url).status_code == 404


def test_a_year_can_be_chosen_and_a_bad_period_falls_back(centre, manager, client_of):
    client = client_of(manager)
    year = timezone.localdate().year - 1
    chosen = client.get(f"/c/{centre.slug}/indicators/", {"period": str(year)})
    assert f"01.01.{year} – 31.12.{year}" in chosen.content.decode()
    bad = client.get(f"/c/{centre.slug}/indicators/", {"period": "1999"})
    html = bad.content.decode()
    assert bad.status_code == 200
    assert "Няма такъв период. Показани са последните 12 месеца." in html
    assert "последните 12 месеца" in html


def test_the_dashboard_links_to_the_indicators(centre, manager, social_worker, client_of):
    assert "Показатели" in client_of(manager).get(f"/c/{centre.slug}/").content.decode()
    assert "Показатели" not in client_of(social_worker).get(f"/c/{centre.slug}/").content.decode()


def test_the_page_costs_the_same_queries_for_one_case_and_many(
    centre, manager, psychologist, client_of
):
    client, url = client_of(manager), f"/c/{centre.slug}/indicators/"
    _case(centre, manager, (S.ASSESSMENT, date(2026, 1, 1)), case_manager=psychologist)
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        client.get(url)
    for _ in range(6):
        case = _case(centre, manager, (S.ASSESSMENT, date(2026, 1, 1)), case_manager=psychologist)
        WaitingListEntry.objects.create(centre=centre, case=case, entered_at=_at(date(2026, 1, 2)))
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(one) <= 20
