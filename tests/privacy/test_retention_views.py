"""„Съхранение на данни“: the manager's page of periods, what is due, and legal holds."""

import pytest

from opora.audit.models import AuditEntry
from opora.cases.enums import CaseStatus
from opora.privacy.domain.holds import place_legal_hold
from opora.privacy.enums import RecordType
from opora.privacy.models import LegalHold, RetentionPolicy
from tests.factories import PersonFactory, make_case
from tests.privacy.retention_records import closed_years_ago

PAGE = "/c/harmanli/privacy/retention/"
POLICIES = PAGE + "policies/"
ADD_HOLD = PAGE + "holds/add/"

GOOD_POLICIES = {
    RecordType.CLOSED_CASES: "7",
    RecordType.REFUSED_REFERRALS: "3",
    RecordType.GENERAL_CONSULTATIONS: "2",
    RecordType.AUDIT_ENTRIES: "10",
}


@pytest.fixture
def refused(centre, manager):
    return closed_years_ago(make_case(centre, manager, CaseStatus.REFUSED), 5)


def test_the_page_shows_periods_what_is_due_and_the_holds(refused, manager, client_of):
    other = make_case(refused.centre, manager, CaseStatus.REFUSED)
    place_legal_hold(refused.centre, actor=manager, case=other, reason="Дело № 5/2026")

    html = client_of(manager).get(PAGE).content.decode()

    assert "Съхранение на данни" in html
    assert f">{refused.number}</a>" in html
    assert "Дело № 5/2026" in html
    assert "Подразбиране: 10 г." in html and "[?]" in html
    assert "записите в него не се изтриват" in html


@pytest.mark.parametrize(
    ("who", "expected"),
    [("psychologist", 403), ("social_worker", 403), ("accountant", 403),
     ("outsider_manager", 404)],
)  # fmt: skip
def test_only_the_centres_manager_opens_the_page_and_changes_it(
    who, expected, refused, client_of, request
):
    client = client_of(request.getfixturevalue(who))

    answers = [
        client.get(PAGE).status_code,
        client.post(POLICIES, GOOD_POLICIES).status_code,
        client.post(ADD_HOLD, {"case_number": refused.number, "reason": "Дело № 1"}).status_code,
    ]

    assert answers == [expected] * 3
    assert not RetentionPolicy.objects.exists() and not LegalHold.objects.exists()


def test_the_manager_sets_the_periods(manager, client_of):
    response = client_of(manager).post(POLICIES, GOOD_POLICIES)

    assert response.status_code == 302
    saved = dict(RetentionPolicy.objects.values_list("record_type", "years"))
    assert saved == {t: int(v) for t, v in GOOD_POLICIES.items()}
    entry = AuditEntry.objects.get(action="retention.policies")
    assert entry.changes == {
        RecordType.CLOSED_CASES: [10, 7],
        RecordType.GENERAL_CONSULTATIONS: [3, 2],
    }


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0", "Срокът е поне 1 година."),
        ("101", "Срокът е най-много 100 години."),
        ("десет", "Въведете цяло число години, напр. 10."),
        ("2.5", "Въведете цяло число години, напр. 10."),
        ("", "Въведете срок в години."),
    ],
)
def test_bad_periods_are_refused_in_bulgarian_and_nothing_is_saved(
    value, message, manager, client_of
):
    data = {**GOOD_POLICIES, RecordType.CLOSED_CASES: value}

    response = client_of(manager).post(POLICIES, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not RetentionPolicy.objects.exists()


def test_the_manager_holds_a_case_by_its_number(refused, manager, client_of):
    response = client_of(manager).post(
        ADD_HOLD, {"case_number": f" {refused.number} ", "reason": "Гражданско дело № 311/2025"}
    )

    assert response.status_code == 302
    hold = LegalHold.objects.get()
    assert (hold.case, hold.placed_by, hold.reason) == (
        refused,
        manager,
        "Гражданско дело № 311/2025",
    )
    assert AuditEntry.objects.filter(action="legal_hold.place", object_id=str(refused.pk)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"case_number": "1999-9999", "reason": "Дело № 1/2026"},
            "Няма случай с номер „1999-9999“",
        ),
        ({"case_number": "", "reason": "Дело № 1/2026"}, "Въведете номера на случая."),
        ({"case_number": "CASE", "reason": ""}, "Посочете основанието за задържането."),
        ({"case_number": "CASE", "reason": "  д "}, "Посочете основанието за задържането"),
    ],
)
def test_a_hold_needs_a_case_of_the_centre_and_a_reason(data, message, refused, manager, client_of):
    data = {k: (refused.number if v == "CASE" else v) for k, v in data.items()}

    response = client_of(manager).post(ADD_HOLD, data)

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not LegalHold.objects.exists()


def test_another_centres_case_number_is_not_found(
    refused, manager, other_centre, outsider_manager, client_of
):
    only_here = make_case(refused.centre, manager)
    theirs = make_case(other_centre, outsider_manager, CaseStatus.REFUSED)
    assert only_here.number != theirs.number
    client = client_of(outsider_manager)
    url = "/c/haskovo/privacy/retention/holds/add/"

    foreign = client.post(url, {"case_number": only_here.number, "reason": "Дело № 1"})
    own = client.post(url, {"case_number": theirs.number, "reason": "Дело № 1"})

    assert (foreign.status_code, own.status_code) == (400, 302)
    assert list(LegalHold.objects.values_list("case_id", flat=True)) == [theirs.pk]


def test_a_case_already_held_is_refused(refused, manager, client_of):
    place_legal_hold(refused.centre, actor=manager, case=refused, reason="Дело № 5/2026")

    response = client_of(manager).post(
        ADD_HOLD, {"case_number": refused.number, "reason": "Друго дело"}
    )

    assert response.status_code == 400
    assert "Данните вече са задържани" in response.content.decode()


def test_a_person_is_held_from_their_page(centre, manager, client_of):
    person = PersonFactory(centre=centre, first_name="Деяна", last_name="Маринова")
    url = f"{ADD_HOLD}?person={person.pk}"

    page = client_of(manager).get(url)
    posted = client_of(manager).post(url, {"reason": "Искане на прокуратурата № 7"})

    assert "Задържане на данни: Деяна Маринова" in page.content.decode()
    assert "Номер на случая" not in page.content.decode()
    assert posted.status_code == 302
    assert LegalHold.objects.get().person == person
    person_page = client_of(manager).get(f"/c/harmanli/people/{person.pk}/").content.decode()
    assert url.replace("&", "&amp;") in person_page


def test_another_centres_person_cannot_be_held(manager, other_centre, client_of):
    foreign = PersonFactory(centre=other_centre)

    for raw in (foreign.pk, "abc", "99999999"):
        url = f"{ADD_HOLD}?person={raw}"
        assert client_of(manager).get(url).status_code == 404
        assert client_of(manager).post(url, {"reason": "Дело № 1/2026"}).status_code == 404
    assert not LegalHold.objects.exists()


def test_the_manager_lifts_a_hold_with_a_reason(refused, manager, client_of):
    hold = place_legal_hold(refused.centre, actor=manager, case=refused, reason="Дело № 5/2026")
    url = f"{PAGE}holds/{hold.pk}/lift/"

    refused_lift = client_of(manager).post(url, {"reason": ""})
    lifted = client_of(manager).post(url, {"reason": "Делото приключи с решение."})

    assert refused_lift.status_code == 400
    assert "Посочете защо вдигате задържането." in refused_lift.content.decode()
    assert lifted.status_code == 302
    hold.refresh_from_db()
    assert (hold.lifted_by, hold.lift_reason) == (manager, "Делото приключи с решение.")
    assert client_of(manager).post(url, {"reason": "Отново."}).status_code == 404


def test_another_centres_hold_cannot_be_lifted(
    refused, manager, other_centre, outsider_manager, client_of
):
    hold = place_legal_hold(refused.centre, actor=manager, case=refused, reason="Дело № 5/2026")

    answers = [
        client_of(outsider_manager)
        .post(f"/c/{slug}/privacy/retention/holds/{hold.pk}/lift/", {"reason": "Не е нужно."})
        .status_code
        for slug in ("harmanli", "haskovo")
    ]

    assert answers == [404, 404]
    hold.refresh_from_db()
    assert hold.lifted_at is None


def test_the_export_log_lists_every_export_for_the_manager_only(
    manager, psychologist, accountant, client_of
):
    from opora.cases.domain.queries import CaseFilters
    from opora.privacy.domain.case_export import export_case_list

    export_case_list(
        manager.memberships.get().centre,
        actor=psychologist,
        filters=CaseFilters(),
        file_format="csv",
    )

    html = client_of(manager).get("/c/harmanli/privacy/exports/").content.decode()

    assert "Списък на случаите: отворените случаи" in html
    assert psychologist.get_full_name() in html
    assert client_of(psychologist).get("/c/harmanli/privacy/exports/").status_code == 403
    assert client_of(accountant).get("/c/harmanli/privacy/exports/").status_code == 403
