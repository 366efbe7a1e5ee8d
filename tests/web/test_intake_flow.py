"""The manager's day through the views: register a referral, accept, fill the centre, wait, close."""

from datetime import date

from django.urls import resolve

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.cases.models import Case, CaseTeamMember, StatusChange, WaitingListEntry
from opora.people.enums import IdentifierType, Sex
from opora.people.models import Person
from opora.referrals.models import Referral
from tests.web.routes import person_fields, referral_fields
from tests.web.state import changed_tables, database_state

NEW_REFERRAL = "/c/harmanli/referrals/new/?new=1"


def _register(client, **person) -> Case:
    """Register a referral for a new child through the form; return the case it opened."""
    response = client.post(
        NEW_REFERRAL, {**person_fields("person-", **person), **referral_fields()}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    case = Case.objects.get(pk=resolve(response.url).kwargs["case_id"])
    assert response.url == f"/c/harmanli/cases/{case.pk}/"
    return case


def _accept(client, case: Case, case_manager):
    return client.post(f"/c/harmanli/cases/{case.pk}/accept/", {"case_manager": case_manager.pk})


def _page(client, case: Case) -> str:
    response = client.get(f"/c/harmanli/cases/{case.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_referral_for_a_new_child_with_an_egn_opens_an_intake_case(manager, client_of):
    client = client_of(manager)

    case = _register(
        client,
        first_name="Георги",
        middle_name="Петров",
        last_name="Стоянов",
        identifier_type=IdentifierType.EGN,
        identifier="1050011404",
        no_identifier_reason="",
    )

    child = case.primary_person
    assert case.status == CaseStatus.INTAKE
    assert (child.identifier, child.birth_date, child.sex) == (
        "1050011404",
        date(2010, 10, 1),
        Sex.MALE,
    )
    assert child.centre_id == case.centre_id
    assert Referral.objects.filter(case=case, registered_by=manager).count() == 1
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"person.create", "referral.register"} <= actions
    html = _page(client, case)
    assert "Георги Петров Стоянов" in html
    assert f"Насочването е регистрирано като случай {case.number}" in html
    assert "Входящ" in html


def test_accepting_sets_the_case_manager_and_starts_the_assessment(
    manager, psychologist, client_of
):
    client = client_of(manager)
    case = _register(client, first_name="Ивета", last_name="Ралева")

    response = _accept(client, case, psychologist)

    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT
    assert case.case_manager == psychologist
    assert case.opened_at is not None
    history = StatusChange.objects.filter(case=case).order_by("id")
    assert [(h.from_status, h.to_status) for h in history] == [
        ("", CaseStatus.INTAKE),
        (CaseStatus.INTAKE, CaseStatus.ASSESSMENT),
    ]
    assert CaseTeamMember.objects.filter(case=case, user=psychologist).exists()
    html = _page(client, case)
    assert "В оценка" in html
    assert "Елена Колева" in html


def test_a_full_centre_offers_the_waiting_list_and_a_closure_lets_the_first_waiting_in(
    manager, psychologist, social_worker, client_of
):
    client = client_of(manager)
    children = ["Пламен Чолаков", "Светла Янкова", "Тихомир Вълчев", "Ренета Башева", "Огнян Дуков"]
    cases = [
        _register(client, first_name=name.split()[0], last_name=name.split()[1])
        for name in children
    ]
    for case in cases[:3]:  # capacity 3
        assert _accept(client, case, social_worker).status_code == 302
    fourth, fifth = cases[3], cases[4]

    html = _page(client, fourth)
    assert "Няма свободно място" in html
    assert "Вписване в списъка на чакащите" in html
    assert "Приемане (открива случая)" not in html
    refused = _accept(client, fourth, psychologist)
    assert refused.status_code == 400
    assert "Няма свободно място: заети са 3 от 3 места." in refused.content.decode()

    assert client.post(f"/c/harmanli/cases/{fourth.pk}/waitlist/", {"note": ""}).status_code == 302
    assert client.post(f"/c/harmanli/cases/{fifth.pk}/waitlist/", {"note": ""}).status_code == 302
    assert "№ 1 в списъка на чакащите" in _page(client, fourth)
    assert "№ 2 в списъка на чакащите" in _page(client, fifth)

    # The family moves away during the assessment: the case is proposed for closure and closed.
    closure = f"/c/harmanli/cases/{cases[0].pk}/closure/"
    proposed = client.post(
        f"{closure}propose/", {"reason": "moved", "final_assessment": "Семейството се премести."}
    )
    assert proposed.status_code == 302
    assert "Няма свободно място" in _page(client, fourth)
    closed = client.post(f"{closure}approve/", {"comment": ""}, follow=True)
    assert f"Първи в списъка на чакащите е случай {fourth.number}." in closed.content.decode()
    cases[0].refresh_from_db()
    assert cases[0].status == CaseStatus.CLOSED

    jumped = _accept(client, fifth, psychologist)
    assert jumped.status_code == 400
    assert "приемът следва реда на списъка" in jumped.content.decode()
    assert "Приемане (открива случая)" in _page(client, fourth)
    assert _accept(client, fourth, psychologist).status_code == 302
    fourth.refresh_from_db()
    assert (fourth.status, fourth.case_manager) == (CaseStatus.ASSESSMENT, psychologist)
    assert not WaitingListEntry.objects.filter(case=fourth, left_at__isnull=True).exists()
    assert "№ 1 в списъка на чакащите" in _page(client, fifth)


def test_a_likely_duplicate_is_shown_and_saved_only_when_confirmed(person, manager, client_of):
    client = client_of(manager)
    data = {
        **person_fields("person-", first_name="Никола", last_name="Иванов"),
        **referral_fields(),
    }
    before = database_state()

    warned = client.post(NEW_REFERRAL, data)

    html = warned.content.decode()
    assert warned.status_code == 200
    assert "Възможен дубликат: Никола Иванов, роден/а 01.06.2015." in html
    assert 'name="person-confirmed"' in html
    assert "потвърждавам" in html
    assert changed_tables(before, database_state()) == []

    confirmed = client.post(NEW_REFERRAL, {**data, "person-confirmed": "on"})

    assert confirmed.status_code == 302
    assert Person.objects.filter(first_name="Никола", last_name="Иванов").count() == 2
    case = Case.objects.get(pk=resolve(confirmed.url).kwargs["case_id"])
    assert case.primary_person_id != person.pk
