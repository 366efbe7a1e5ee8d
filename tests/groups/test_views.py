"""The group pages: list, programme, attendance on a phone, enrolment, notes, certificates, case."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.groups.domain.participants import enrol_participant
from opora.groups.domain.programmes import create_programme
from opora.groups.domain.queries import progress_of_participant
from opora.groups.domain.sessions import add_session, record_attendance
from opora.groups.enums import Presence
from opora.groups.models import Attendance, Certificate, GroupSession, Participant, Programme
from tests.factories import PersonFactory, make_case
from tests.groups.records import days_ago, programme_data, session_data

BASE = "/c/harmanli/groups"


def _queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


def test_the_list_shows_running_programmes_first(groups, client_of, manager):
    html = client_of(manager).get(f"{BASE}/").content.decode()

    running, finished = (
        html.index("Умения за самостоятелен живот"),
        html.index("Училище за родители"),
    )
    planned = html.index("Приемна грижа – базово обучение")
    assert running < planned < finished


def test_the_list_and_the_programme_page_run_the_same_queries_for_few_and_many_rows(
    centre, manager, psychologist, client_of
):
    client = client_of(manager)
    programme = create_programme(centre, actor=manager, data=programme_data([psychologist]))
    session = add_session(programme, actor=manager, data=session_data(days_ago(1)))
    place = enrol_participant(programme, actor=manager, person=PersonFactory(centre=centre))
    record_attendance(session, actor=manager, marks={place.pk: Presence.PRESENT})
    one_list, one_page = _queries(client, f"{BASE}/"), _queries(client, f"{BASE}/{programme.pk}/")
    for day in (2, 3, 4):
        create_programme(centre, actor=manager, data=programme_data([psychologist, manager]))
        extra = add_session(programme, actor=manager, data=session_data(days_ago(day)))
        person = make_case(centre, manager).primary_person
        other = enrol_participant(programme, actor=manager, person=person)
        record_attendance(extra, actor=manager, marks={place.pk: "present", other.pk: "absent"})

    assert _queries(client, f"{BASE}/") == one_list
    assert _queries(client, f"{BASE}/{programme.pk}/") == one_page


def test_a_programme_is_created_from_the_form(centre, manager, psychologist, client_of):
    response = client_of(manager).post(f"{BASE}/new/", {
        "kind": "parenting", "title": "Училище за родители", "facilitators": [psychologist.pk],
        "starts_on": "01.03.2026", "ends_on": "", "planned_hours": "7,5",
        "completion_percent": "75", "place": "",
    })  # fmt: skip

    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{BASE}/{programme.pk}/"
    assert (str(programme.planned_hours), programme.completion_percent) == ("7.5", 75)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("planned_hours", "много", "Въведете часовете като число, напр. 12 или 7,5."),
        ("planned_hours", "0", "Планираните часове трябва да са между 0,5 и 999."),
        ("starts_on", "31.02.2026", "Въведете дата във вида дд.мм.гггг"),
        ("ends_on", "01.01.2026", "Краят на програмата не може да е преди началото."),
        ("completion_percent", "120", "Минималното присъствие е процент между 1 и 100."),
        ("facilitators", "999999", "Изберете водещи от специалистите на центъра."),
        ("kind", "knitting", "Изберете вид на програмата от списъка."),
    ],
)
def test_a_wrong_programme_form_is_answered_in_bulgarian_and_saves_nothing(
    centre, manager, psychologist, client_of, field, value, message
):
    data = {
        "kind": "parenting", "title": "Училище за родители", "facilitators": [psychologist.pk],
        "starts_on": "01.03.2026", "ends_on": "", "planned_hours": "12",
        "completion_percent": "80", field: value,
    }  # fmt: skip

    response = client_of(manager).post(f"{BASE}/new/", data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Programme.objects.exists()


def test_the_outsiders_facilitator_is_not_offered_nor_accepted(
    centre, manager, outsider_psychologist, client_of
):
    client = client_of(manager)

    assert f'value="{outsider_psychologist.pk}"' not in client.get(f"{BASE}/new/").content.decode()
    response = client.post(f"{BASE}/new/", {
        "kind": "parenting", "title": "X", "facilitators": [outsider_psychologist.pk],
        "starts_on": "01.03.2026", "planned_hours": "12", "completion_percent": "80",
    })  # fmt: skip
    assert response.status_code == 400
    assert not Programme.objects.exists()


def test_the_attendance_form_lists_everyone_present_by_default_and_saves_each_mark(
    groups, psychologist, client_of
):
    session = groups.sessions["today"]
    regular, absent, excused = (groups.participants[k] for k in ("regular", "absent", "excused"))
    client = client_of(psychologist)
    page = client.get(f"{BASE}/sessions/{session.pk}/").content.decode()
    assert page.count('data-testid="attendee"') == 3
    checked = re.findall(r'<input type="radio"[^>]*value="(\w+)"[^>]*checked', page)
    assert checked == ["present", "present", "present"]

    response = client.post(f"{BASE}/sessions/{session.pk}/", {
        f"p{regular.pk}": "present", f"p{absent.pk}": "absent", f"p{excused.pk}": "excused",
    })  # fmt: skip

    assert response.status_code == 302
    marks = dict(Attendance.objects.filter(session=session).values_list("participant", "presence"))
    assert marks == {regular.pk: "present", absent.pk: "absent", excused.pk: "excused"}
    assert progress_of_participant(regular).hours == 6
    assert progress_of_participant(absent).hours == 2


@pytest.mark.parametrize("value", ["", "late", "присъства"])
def test_a_missing_or_unknown_mark_is_a_bulgarian_error_and_saves_nothing(
    groups, manager, client_of, value
):
    session = groups.sessions["today"]
    data = {f"p{p.pk}": "present" for p in groups.all_participants()}
    data[f"p{groups.participants['regular'].pk}"] = value

    response = client_of(manager).post(f"{BASE}/sessions/{session.pk}/", data)

    assert response.status_code == 400
    html = response.content.decode()
    assert "Отбележете" in html or "Изберете „присъства“" in html
    assert not Attendance.objects.filter(session=session).exists()


def test_a_future_session_shows_no_attendance_form(groups, centre, manager, client_of):
    programme = groups.programmes["planned"]
    enrol_participant(programme, actor=manager, person=PersonFactory(centre=centre))

    html = client_of(manager).get(f"{BASE}/sessions/{groups.sessions['future'].pk}/").content
    assert "в деня на заниманието или след него" in html.decode()
    assert b'data-testid="attendance-form"' not in html


def test_the_facilitator_note_is_for_the_facilitators_and_the_manager(
    centre, groups, manager, psychologist, social_worker, client_of
):
    session = groups.sessions["today"]
    url = f"{BASE}/sessions/{session.pk}/"
    assert (
        client_of(psychologist).post(f"{url}note/", {"facilitator_note": "Тиха група."}).status_code
        == 302
    )

    assert "Тиха група." in client_of(manager).get(url).content.decode()
    assert "Тиха група." not in client_of(social_worker).get(url).content.decode()
    refused = client_of(social_worker).post(f"{url}note/", {"facilitator_note": "Друго"})
    assert refused.status_code == 403
    session.refresh_from_db()
    assert session.facilitator_note == "Тиха група."


def test_enrolment_finds_the_person_and_links_her_open_case(groups, centre, manager, client_of):
    client = client_of(manager)
    programme = groups.programmes["running"]
    case = make_case(centre, manager, CaseStatus.ASSESSMENT, person=PersonFactory(
        centre=centre, first_name="Йоана", last_name="Стефанова"))  # fmt: skip
    person = case.primary_person

    found = client.get(f"{BASE}/{programme.pk}/enrol/?q=yoana")
    assert f"?person={person.pk}" in found.content.decode()
    confirm = client.get(f"{BASE}/{programme.pk}/enrol/?person={person.pk}")
    assert case.number in confirm.content.decode()
    response = client.post(f"{BASE}/{programme.pk}/enrol/", {"person": person.pk, "case": case.pk})

    assert response.status_code == 302
    assert Participant.objects.get(programme=programme, person=person).case == case
    again = client.post(f"{BASE}/{programme.pk}/enrol/", {"person": person.pk})
    assert again.status_code == 400
    assert "вече е записан/а в програмата" in again.content.decode()


@pytest.mark.parametrize("person", ["abc", "987654", "foreign"])
def test_enrolling_an_unknown_or_foreign_person_is_a_404(
    groups, manager, client_of, other_centre, person
):
    if person == "foreign":
        person = PersonFactory(centre=other_centre).pk
    programme = groups.programmes["running"]
    before = Participant.objects.count()

    client = client_of(manager)
    assert client.get(f"{BASE}/{programme.pk}/enrol/?person={person}").status_code == 404
    assert client.post(f"{BASE}/{programme.pk}/enrol/", {"person": person}).status_code == 404
    assert Participant.objects.count() == before


def test_finishing_and_issuing_all_certificates_from_the_programme_page(groups, manager, client_of):
    client = client_of(manager)
    programme = groups.programmes["running"]
    regular = groups.participants["regular"]
    record_attendance(groups.sessions["today"], actor=manager, marks={regular.pk: "present"})

    assert client.post(f"{BASE}/{programme.pk}/finish/").status_code == 302
    response = client.post(f"{BASE}/{programme.pk}/certificates/")

    assert response.status_code == 302
    assert list(Certificate.objects.filter(participant__programme=programme).values_list(
        "participant", flat=True)) == [groups.participants["regular"].pk]  # fmt: skip
    nothing_left = client.post(f"{BASE}/{programme.pk}/certificates/")
    assert nothing_left.status_code == 400
    assert "Няма завършили участници без удостоверение." in nothing_left.content.decode()


def test_the_certificate_is_downloaded_as_a_pdf_and_the_print_is_audited(
    groups, social_worker, client_of
):
    participant = groups.participants["certified"]

    response = client_of(social_worker).get(f"{BASE}/participants/{participant.pk}/certificate/")

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    entry = AuditEntry.objects.get(action="certificate.print")
    assert (entry.actor, entry.object_id) == (social_worker, str(participant.certificate.pk))


def test_the_certificate_page_says_why_there_is_none(groups, manager, client_of):
    participant = groups.participants["incomplete"]
    url = f"{BASE}/participants/{participant.pk}/certificate/"

    page = client_of(manager).get(url)
    refused = client_of(manager).post(url)

    assert page.status_code == 200
    assert "има 2 ч. присъствие; за удостоверение са нужни поне 3,2 ч." in page.content.decode()
    assert refused.status_code == 400
    assert not Certificate.objects.filter(participant=participant).exists()


def test_opening_a_programme_a_session_and_a_participant_is_audited(
    groups, psychologist, client_of
):
    client = client_of(psychologist)
    programme, session = groups.programmes["running"], groups.sessions["recent"]
    participant = groups.participants["regular"]

    client.get(f"{BASE}/{programme.pk}/")
    client.get(f"{BASE}/sessions/{session.pk}/")
    client.get(f"{BASE}/participants/{participant.pk}/")

    reads = AuditEntry.objects.filter(actor=psychologist, action__endswith=".view").order_by("id")
    assert [(e.action, e.object_id) for e in reads] == [
        ("programme.view", str(programme.pk)),
        ("group_session.view", str(session.pk)),
        ("participant.view", str(participant.pk)),
    ]


def test_the_case_page_and_timeline_show_the_participants_attendance(
    centre, manager, psychologist, client_of
):
    case = make_case(centre, manager, CaseStatus.ASSESSMENT, case_manager=psychologist)
    programme = create_programme(centre, actor=manager, data=programme_data([psychologist]))
    session = add_session(programme, actor=manager, data=session_data(days_ago(3), "Пари"))
    place = enrol_participant(programme, actor=manager, person=case.primary_person)
    record_attendance(session, actor=manager, marks={place.pk: Presence.PRESENT})
    client = client_of(psychologist)

    page = client.get(f"/c/harmanli/cases/{case.pk}/").content.decode()
    timeline = client.get(f"/c/harmanli/cases/{case.pk}/timeline/").content.decode()

    assert 'data-testid="groups-panel"' in page
    assert "2 от 6 ч." in page
    assert "Групово занимание: Умения за самостоятелен живот" in timeline


def test_an_unknown_session_or_participant_is_a_404(groups, manager, client_of):
    client = client_of(manager)
    missing = GroupSession.objects.order_by("-pk").first().pk + 100

    assert client.get(f"{BASE}/sessions/{missing}/").status_code == 404
    assert client.get(f"{BASE}/participants/{missing}/").status_code == 404
