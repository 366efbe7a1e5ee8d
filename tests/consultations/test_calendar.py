"""The specialists' week calendar and printable day list: ISO weeks from Monday to Sunday, across a
year end; little personal data on the screen; who may look at whose diary."""

from datetime import date, time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.consultations.domain.weeks import Week
from opora.consultations.enums import SessionKind, SessionStatus
from opora.plans.enums import Setting
from tests.consultations.conftest import TODAY, add_session
from tests.factories import put_on_team

BASE = "/c/harmanli"


# ISO weeks


@pytest.mark.parametrize(
    ("code", "monday", "sunday"),
    [
        ("2026-W53", date(2026, 12, 28), date(2027, 1, 3)),
        ("2027-W01", date(2027, 1, 4), date(2027, 1, 10)),
        ("2025-W01", date(2024, 12, 30), date(2025, 1, 5)),
        ("2026-W05", date(2026, 1, 26), date(2026, 2, 1)),
    ],
)
def test_an_iso_week_runs_from_monday_to_sunday(code, monday, sunday):
    week = Week.parse(code)

    assert (week.monday, week.sunday, week.code) == (monday, sunday, code)
    assert [d.weekday() for d in week.days] == list(range(7))


def test_the_days_around_new_year_belong_to_their_iso_week():
    assert Week.containing(date(2027, 1, 1)).code == "2026-W53"
    assert Week.containing(date(2027, 1, 3)).code == "2026-W53"
    assert Week.containing(date(2027, 1, 4)).code == "2027-W01"
    assert Week.containing(date(2024, 12, 31)).code == "2025-W01"
    assert Week.parse("2026-W53").next.code == "2027-W01"
    assert Week.parse("2027-W01").previous.code == "2026-W53"


@pytest.mark.parametrize(
    "text", ["2025-W53", "2026-W00", "2026-W54", "2026-53", "W05", "", "2026-W5"]
)
def test_a_week_that_does_not_exist_is_not_parsed(text):
    assert Week.parse(text) is None


# The week page


def _week_around_new_year(case, lead):
    """Sessions on both edges of 2026-W53 and just outside it."""
    return {
        "sunday_before": add_session(case, lead, day=date(2026, 12, 27), kind=SessionKind.FAMILY),
        "monday": add_session(case, lead, day=date(2026, 12, 28), at=time(9, 30)),
        "new_year": add_session(case, lead, day=date(2027, 1, 1), kind=SessionKind.HOME_VISIT,
                                setting=Setting.HOME),
        "sunday": add_session(case, lead, day=date(2027, 1, 3), at=time(17)),
        "monday_after": add_session(case, lead, day=date(2027, 1, 4), kind=SessionKind.GROUP),
    }  # fmt: skip


def _slots(html: str) -> int:
    return html.count('data-testid="slot"')


def test_the_week_across_the_year_end_shows_monday_to_sunday_only(
    active_case, psychologist, client_of
):
    _week_around_new_year(active_case, psychologist)

    html = client_of(psychologist).get(f"{BASE}/calendar/?week=2026-W53").content.decode()

    assert "28.12.2026 – 03.01.2027" in html
    assert _slots(html) == 3
    assert 'data-date="2026-12-28"' in html and 'data-date="2027-01-03"' in html
    assert 'data-date="2027-01-04"' not in html
    assert "week=2026-W52" in html and "week=2027-W01" in html  # previous and next links


def test_a_date_chooses_its_week(active_case, psychologist, client_of):
    _week_around_new_year(active_case, psychologist)

    html = client_of(psychologist).get(f"{BASE}/calendar/?date=04.01.2027").content.decode()

    assert "04.01.2027 – 10.01.2027" in html
    assert _slots(html) == 1


def test_the_default_is_my_own_current_week(active_case, psychologist, social_worker, client_of):
    add_session(active_case, psychologist, day=TODAY)
    add_session(active_case, social_worker, day=TODAY)
    week = Week.containing(TODAY)

    html = client_of(psychologist).get(f"{BASE}/calendar/").content.decode()

    assert f"{week.monday:%d.%m.%Y} – {week.sunday:%d.%m.%Y}" in html
    assert _slots(html) == 1
    assert "Елена Колева · седмица" in html


def test_a_slot_shows_time_case_first_name_and_initial_kind_and_place(
    active_case, psychologist, client_of
):
    add_session(active_case, psychologist, day=TODAY, at=time(14, 30), duration_minutes=45,
                kind=SessionKind.HOME_VISIT, setting=Setting.HOME)  # fmt: skip
    child = active_case.primary_person
    type(child).objects.filter(pk=child.pk).update(first_name="Калина", last_name="Ябланова")
    child.refresh_from_db()

    html = client_of(psychologist).get(f"{BASE}/calendar/").content.decode()

    assert "14:30" in html and "45 мин" in html
    assert active_case.number in html
    assert f"{child.first_name} {child.last_name[0]}." in html
    assert child.last_name not in html  # the family name stays off a screen others may see
    assert "Посещение в дома" in html and "В дома" in html


def test_only_planned_and_held_sessions_are_on_the_diary(active_case, psychologist, client_of):
    for status in SessionStatus.values:
        add_session(active_case, psychologist, day=TODAY, status=status)

    html = client_of(psychologist).get(f"{BASE}/calendar/").content.decode()

    assert _slots(html) == 2


def test_a_session_joined_as_other_staff_is_on_my_diary(
    active_case, psychologist, social_worker, client_of
):
    session = add_session(active_case, psychologist, day=TODAY)
    session.staff.add(social_worker)
    put_on_team(active_case, social_worker)  # what the session form does when naming her

    html = client_of(social_worker).get(f"{BASE}/calendar/").content.decode()

    assert _slots(html) == 1
    assert "водещ Елена Колева" in html


def test_a_session_of_a_case_off_my_teams_shows_only_as_busy_time(
    active_case, psychologist, social_worker, client_of
):
    session = add_session(active_case, psychologist, day=TODAY)
    url = f"{BASE}/calendar/?staff={psychologist.pk}"

    html = client_of(social_worker).get(url).content.decode()
    day = client_of(social_worker).get(url.replace("calendar/", "calendar/day/")).content.decode()

    for page in (html, day):
        assert "Среща по случай без достъп" in page
        assert active_case.number not in page
        assert f"/sessions/{session.pk}/" not in page


def test_the_manager_and_colleagues_may_open_a_specialists_diary(
    active_case, manager, psychologist, social_worker, client_of
):
    add_session(active_case, psychologist, day=TODAY)
    url = f"{BASE}/calendar/?staff={psychologist.pk}"

    for viewer in (manager, social_worker):
        html = client_of(viewer).get(url).content.decode()
        assert _slots(html) == 1
        assert "Елена Колева · седмица" in html


@pytest.mark.parametrize("who", ["accountant", "outsider_psychologist"])
def test_a_diary_of_someone_who_is_no_specialist_here_is_not_shown(
    who, active_case, psychologist, client_of, request
):
    add_session(active_case, psychologist, day=TODAY)
    stranger = request.getfixturevalue(who)

    response = client_of(psychologist).get(f"{BASE}/calendar/?staff={stranger.pk}")

    assert response.status_code == 200
    html = response.content.decode()
    assert "Изберете специалист от центъра." in html
    assert "Елена Колева · седмица" in html  # the viewer's own diary instead


def test_a_wrong_week_is_explained_and_the_current_week_shown(psychologist, client_of):
    week = Week.containing(TODAY)

    html = client_of(psychologist).get(f"{BASE}/calendar/?week=2025-W53").content.decode()

    assert "Въведете седмица във вида 2026-W05." in html
    assert f"{week.monday:%d.%m.%Y} – {week.sunday:%d.%m.%Y}" in html


def test_the_accountant_is_refused_the_calendar_and_the_day_list(accountant, client_of):
    client = client_of(accountant)

    assert client.get(f"{BASE}/calendar/").status_code == 403
    assert client.get(f"{BASE}/calendar/day/").status_code == 403


def test_an_outsider_gets_404_for_the_centres_calendar(
    active_case, psychologist, outsider_manager, client_of
):
    add_session(active_case, psychologist, day=TODAY)
    client = client_of(outsider_manager)

    assert client.get(f"{BASE}/calendar/?staff={psychologist.pk}").status_code == 404
    assert client.get(f"{BASE}/calendar/day/?staff={psychologist.pk}").status_code == 404
    own = client.get(f"/c/haskovo/calendar/?staff={psychologist.pk}").content.decode()
    assert active_case.number not in own
    assert _slots(own) == 0


# The day list


def test_the_day_list_has_the_home_address_and_room_for_notes(active_case, psychologist, client_of):
    child = active_case.primary_person
    type(child).objects.filter(pk=child.pk).update(address="ул. „Васил Левски“ 12, Харманли")
    visit = add_session(active_case, psychologist, day=TODAY, at=time(11), kind=SessionKind.HOME_VISIT,
                        setting=Setting.HOME)  # fmt: skip
    visit.participants.set(active_case.people.all())
    add_session(active_case, psychologist, day=TODAY, at=time(9), place="Кабинет 2")
    add_session(active_case, psychologist, day=TODAY + timedelta(days=1))

    html = (
        client_of(psychologist).get(f"{BASE}/calendar/day/?date={TODAY:%d.%m.%Y}").content.decode()
    )

    assert html.count("<tr>") == 3  # the head and two sessions of the day
    assert html.index("09:00") < html.index("11:00")
    assert "ул. „Васил Левски“ 12, Харманли" in html
    assert "Кабинет 2" in html
    assert 'class="writein"' in html
    assert f"{child.first_name} {child.last_name[0]}." in html


def test_reading_a_day_list_is_audited(psychologist, client_of):
    from opora.audit.models import AuditEntry

    client_of(psychologist).get(f"{BASE}/calendar/day/?date={TODAY:%d.%m.%Y}")

    entry = AuditEntry.objects.get(action="calendar.day_list.view")
    assert entry.changes == {"staff": psychologist.pk, "date": TODAY.isoformat()}


# Query counts


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_calendar_and_the_day_list_run_the_same_queries_for_one_and_many_sessions(
    roomy_centre, active_case, manager, psychologist, social_worker, client_of
):
    from opora.cases.enums import CaseStatus
    from tests.factories import make_case

    client = client_of(psychologist)
    week_url = f"{BASE}/calendar/?week={Week.containing(TODAY).code}"
    day_url = f"{BASE}/calendar/day/?date={TODAY:%d.%m.%Y}"
    add_session(active_case, psychologist, day=TODAY)
    one = (_queries(client, week_url), _queries(client, day_url))

    monday = Week.containing(TODAY).monday
    for i in range(14):
        case = make_case(roomy_centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
        session = add_session(case, psychologist, day=[TODAY, monday + timedelta(days=i % 7)][i % 2],
                              at=time(8 + i % 9), status=[SessionStatus.PLANNED, SessionStatus.HELD][i % 2])  # fmt: skip
        session.participants.set(case.people.all())
        session.staff.set([social_worker])
    many = (_queries(client, week_url), _queries(client, day_url))

    print(f"\n[queries] calendar week, day list: 1 session -> {one}, 15 sessions -> {many}")
    assert many == one
