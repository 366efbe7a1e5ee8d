"""Wrong input through the views: a Bulgarian message on the page and nothing saved, never a 500."""

from datetime import timedelta

import pytest
from django.utils import timezone

from opora.accounts.enums import Role
from opora.accounts.models import Membership
from opora.cases.enums import CaseStatus, ClosureReason
from opora.people.enums import IdentifierType, Sex
from tests.factories import PersonFactory, make_case, make_member
from tests.web.routes import person_fields, referral_fields
from tests.web.state import changed_tables, database_state

NEW_REFERRAL = "/c/harmanli/referrals/new/?new=1"
EGN = {"identifier_type": IdentifierType.EGN, "no_identifier_reason": ""}
IN_A_MONTH = (timezone.localdate() + timedelta(days=30)).strftime("%d.%m.%Y")


def _referral_data(person: dict, referral: dict) -> dict:
    return {**person_fields("person-", **person), **referral_fields(**referral)}


@pytest.mark.parametrize(
    ("person", "referral", "message"),
    [
        ({**EGN, "identifier": "9005156246"}, {}, "контролната цифра"),
        ({**EGN, "identifier": "9002300003"}, {}, "несъществуваща дата"),
        ({"first_name": ""}, {}, "Това поле е задължително."),
        ({}, {"target_groups": []}, "Изберете поне една целева група."),
        (
            {**EGN, "identifier": "1050011404", "birth_date": "02.10.2010"},
            {},
            "Датата на раждане не съвпада с ЕГН (според ЕГН: 01.10.2010).",
        ),
        ({}, {"document_date": "31.02.2026"}, "Въведете дата във вида дд.мм.гггг"),
        ({}, {"document_date": IN_A_MONTH}, "Датата на документа не може да е в бъдещето."),
        ({}, {"source_type": "nobody"}, "Направете валиден избор."),
    ],
    ids=[
        "egn-check-digit",
        "egn-impossible-date",
        "no-first-name",
        "no-target-group",
        "birth-date-not-the-egns",
        "malformed-document-date",
        "future-document-date",
        "unknown-source",
    ],
)
def test_a_wrong_new_person_referral_is_shown_in_bulgarian_and_saves_nothing(
    person, referral, message, manager, client_of
):
    before = database_state()

    response = client_of(manager).post(NEW_REFERRAL, _referral_data(person, referral))

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Записът не е направен." in html
    assert changed_tables(before, database_state()) == []


def test_an_egn_of_non_ascii_digits_is_refused_in_bulgarian_not_a_server_error(
    manager, safe_client_of
):
    # "²".isdigit() is True in Python, but int("²") fails: the ЕГН check must not crash on it.
    before = database_state()

    response = safe_client_of(manager).post(
        NEW_REFERRAL, _referral_data({**EGN, "identifier": "²" * 10}, {})
    )

    assert response.status_code == 200
    assert "ЕГН" in response.content.decode()
    assert changed_tables(before, database_state()) == []


def test_a_referral_for_a_person_of_another_centre_is_a_404(manager, other_centre, client_of):
    stranger = PersonFactory(centre=other_centre, first_name="Чужд", last_name="Човек")
    url = f"/c/harmanli/referrals/new/?person={stranger.pk}"
    client = client_of(manager)
    before = database_state()

    got = client.get(url)
    posted = client.post(url, referral_fields())

    assert (got.status_code, posted.status_code) == (404, 404)
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize("who", ["outsider_psychologist", "accountant", "not-a-number"])
def test_accepting_with_a_case_manager_who_is_not_a_specialist_here_is_a_form_error(
    who, centre, manager, client_of, request
):
    case = make_case(centre, manager)
    chosen = who if who == "not-a-number" else request.getfixturevalue(who).pk
    before = database_state()

    response = client_of(manager).post(
        f"/c/harmanli/cases/{case.pk}/accept/", {"case_manager": chosen}
    )

    assert response.status_code == 400
    assert "Направете валиден избор." in response.content.decode()
    assert changed_tables(before, database_state()) == []
    case.refresh_from_db()
    assert case.status == CaseStatus.INTAKE


def test_a_refusal_needs_its_legal_ground_and_its_reasons(centre, manager, client_of):
    case = make_case(centre, manager)
    before = database_state()

    response = client_of(manager).post(
        f"/c/harmanli/cases/{case.pk}/refuse/", {"ground": "", "reason": "   "}
    )

    html = response.content.decode()
    assert response.status_code == 400
    assert "Изберете правно основание за отказа (чл. 78, ал. 5 ЗСУ)." in html
    assert "Отказът трябва да е мотивиран: опишете причините." in html
    assert changed_tables(before, database_state()) == []


def test_a_refusal_on_an_unknown_ground_is_a_form_error(centre, manager, client_of):
    case = make_case(centre, manager)
    before = database_state()

    response = client_of(manager).post(
        f"/c/harmanli/cases/{case.pk}/refuse/", {"ground": "dislike", "reason": "Не ни харесва."}
    )

    assert response.status_code == 400
    assert "Направете валиден избор." in response.content.decode()
    assert changed_tables(before, database_state()) == []


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"reason": ""}, "Изберете причина за приключване."),
        ({"reason": ClosureReason.OTHER, "reason_note": "  "}, "При „Друго“ опишете причината."),
        ({"reason": ClosureReason.LEFT_WAITING_LIST}, "Направете валиден избор."),
        (
            {"reason": ClosureReason.GOALS_ACHIEVED, "final_assessment": " "},
            "Опишете заключителната оценка на резултатите.",
        ),
        (
            {"reason": ClosureReason.GOALS_ACHIEVED, "follow_up_on": "31.02.2026"},
            "Въведете дата във вида дд.мм.гггг",
        ),
    ],
    ids=["no-reason", "other-without-note", "waiting-list-reason", "blank-assessment", "bad-date"],
)
def test_proposing_a_closure_needs_a_reason_and_the_final_assessment(
    data, message, centre, manager, psychologist, client_of
):
    case = make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist)
    before = database_state()

    response = client_of(manager).post(
        f"/c/harmanli/cases/{case.pk}/closure/propose/",
        {"final_assessment": "Целите са постигнати.", **data},
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert changed_tables(before, database_state()) == []
    case.refresh_from_db()
    assert case.status == CaseStatus.ACTIVE


@pytest.mark.parametrize("note", ["", "   \n  "])
def test_a_task_is_not_done_without_a_note(note, centre, manager, client_of):
    case = make_case(centre, manager, urgency="crisis")
    task = case.tasks.get()
    before = database_state()

    response = client_of(manager).post(
        f"/c/harmanli/tasks/{task.pk}/done/", {"note": note}, follow=True
    )

    assert response.redirect_chain == [("/c/harmanli/tasks/", 302)]
    assert "Опишете как е изпълнена задачата" in response.content.decode()
    assert changed_tables(before, database_state()) == []
    task.refresh_from_db()
    assert task.done_at is None


def test_a_failed_staff_edit_leaves_the_membership_as_it_was(centre, manager, client_of):
    # Another manager exists, so the role change alone would be allowed; deactivating oneself is
    # not, and the page then says "Записът не е направен." – so the role must not have changed.
    make_member(centre, Role.MANAGER, username="second_manager")
    own = Membership.objects.get(user=manager, centre=centre)
    before = database_state()

    response = client_of(manager).post(f"/c/harmanli/staff/{own.pk}/", {"role": Role.PSYCHOLOGIST})

    assert response.status_code == 200
    assert "Не можете да деактивирате собствения си достъп." in response.content.decode()
    own.refresh_from_db()
    assert (own.role, own.is_active) == (Role.MANAGER, True)
    assert changed_tables(before, database_state()) == []


# Malformed URL parameters: a page, maybe with a message, or a 404 – never a server error.


@pytest.mark.parametrize(
    "query",
    [
        "page=abc",
        "page=-1",
        "page=0",
        "page=99999999999999999999",
        "page=%C2%B2",  # "²": a digit for str.isdigit(), not for int()
        "status=nonsense",
        "target_group=nonsense",
        "case_manager=abc",
        "case_manager=99999999999999999999",
        "q=%00",
    ],
)
def test_the_case_list_survives_malformed_parameters(query, manager, safe_client_of):
    response = safe_client_of(manager).get(f"/c/harmanli/cases/?{query}")

    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/c/harmanli/referrals/new/?person=abc",
        "/c/harmanli/referrals/new/?person=-1",
        "/c/harmanli/referrals/new/?person=%C2%B2",
        "/c/harmanli/referrals/new/?person=99999999999999999999",
        "/c/harmanli/referrals/new/?new=abc",
        "/c/harmanli/people/new/?relate_to=abc",
        "/c/harmanli/people/new/?relate_to=%C2%B2",
        "/c/harmanli/people/new/?relate_to=99999999999999999999",
        "/c/harmanli/people/?q=%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2%C2%B2",
    ],
)
def test_person_parameters_survive_malformed_values(url, manager, safe_client_of):
    response = safe_client_of(manager).get(url)

    # The form or the search page (the parameter ignored), or "no such person" – not a 500.
    assert response.status_code in (200, 404)


def test_an_identifier_already_on_record_is_refused_on_a_new_referral(centre, manager, client_of):
    PersonFactory(
        centre=centre,
        identifier_type=IdentifierType.EGN,
        identifier="1050011404",
        no_identifier_reason="",
        sex=Sex.MALE,
    )
    before = database_state()

    response = client_of(manager).post(
        NEW_REFERRAL, _referral_data({**EGN, "identifier": "1050011404"}, {})
    )

    assert response.status_code == 200
    assert "Лице с този идентификатор вече е регистрирано" in response.content.decode()
    assert changed_tables(before, database_state()) == []
