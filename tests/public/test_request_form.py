"""„Потърсете подкрепа“: a request lands in intake as a self-referral; robots, floods and bad input
get a Bulgarian message and leave every table as it was; the answer never tells who is known."""

import pytest
from django.test import Client, override_settings

from opora.audit.models import AuditEntry
from opora.cases.enums import CasePersonRole, CaseStatus
from opora.cases.models import Case
from opora.people.enums import IdentifierType, NoIdentifierReason
from opora.people.models import Person
from opora.public.domain.requests import ONLINE_ACTOR_USERNAME
from opora.public.models import PublicRequest
from opora.referrals.enums import SourceType
from opora.tasks.enums import TaskKind
from opora.tasks.models import Task
from tests.factories import PersonFactory
from tests.public.conftest import (
    VISITOR_ADDRESS,
    opened_token,
    post_request,
    request_fields,
    table_counts,
)

SENT = "/centres/harmanli/request/sent/"


def errors_of(response) -> str:
    assert response.status_code in (400, 429), response.status_code
    return response.content.decode()


def test_a_parents_request_opens_a_case_in_intake_as_a_self_referral(public_centre, visitor):
    response = post_request(visitor, public_centre)

    assert response.status_code == 302
    assert response["Location"] == SENT
    case = Case.objects.get(centre=public_centre)
    assert case.status == CaseStatus.INTAKE
    referral = case.referrals.get()
    assert referral.source_type == SourceType.SELF_ADULT
    assert referral.institution == "Онлайн заявка „Потърсете подкрепа“"
    assert referral.needs_summary == (
        "Синът ми не иска да ходи на училище от месец. Какво да правим?"
    )
    assert referral.wish_declared_on is not None
    assert not Task.objects.exists()
    person = case.primary_person
    assert (person.first_name, person.last_name, person.phone) == (
        "Мария", "Неизвестно", "0888 123 456",
    )  # fmt: skip
    assert (person.identifier_type, person.identifier, person.no_identifier_reason) == (
        IdentifierType.NONE, "", NoIdentifierReason.UNKNOWN,
    )  # fmt: skip
    assert "Заявка от сайта – без ЕГН" in person.notes
    assert case.people.get().role == CasePersonRole.CLIENT


def test_the_request_is_kept_as_written_with_the_address_only_hashed(public_centre, visitor):
    post_request(visitor, public_centre, email="maria@abv.bg", contact_way="any")

    kept = PublicRequest.objects.get()
    assert kept.case == Case.objects.get()
    assert (kept.writer, kept.first_name, kept.age, kept.phone, kept.email) == (
        "parent", "Мария", 9, "0888 123 456", "maria@abv.bg",
    )  # fmt: skip
    assert (kept.contact_way, kept.contact_time) == ("any", "след 17 ч.")
    assert kept.consent_text.startswith("Съгласен/съгласна съм ЦОП „Надежда“ – Харманли")
    assert VISITOR_ADDRESS not in kept.client_hash
    assert len(kept.client_hash) == 64
    assert not AuditEntry.objects.filter(ip_address=VISITOR_ADDRESS).exists()


def test_every_write_is_audited_as_the_online_request_account(public_centre, visitor):
    post_request(visitor, public_centre)

    entries = AuditEntry.objects.exclude(action__startswith="centre.")
    assert {e.action for e in entries} >= {
        "person.create", "referral.register", "public_request.receive",
    }  # fmt: skip
    assert {e.actor_name for e in entries} == {f"Онлайн заявка ({ONLINE_ACTOR_USERNAME})"}
    received = entries.get(action="public_request.receive")
    assert set(received.changes) == {"writer", "case", "client"}
    account = entries.first().actor
    assert (account.is_active, account.has_usable_password()) == (False, False)
    assert not account.memberships.exists()
    change = Case.objects.get().status_history.get()
    assert change.changed_by_name == "Онлайн заявка"


def test_a_childs_request_raises_the_duty_to_notify_dsp_and_the_parents(public_centre, visitor):
    post_request(visitor, public_centre, writer="child", first_name="Ива", age="13")

    case = Case.objects.get()
    assert case.referrals.get().source_type == SourceType.SELF_CHILD
    task = Task.objects.get()
    assert (task.case, task.kind, task.done_at) == (
        case, TaskKind.NOTIFY_CHILD_SELF_REFERRAL, None,
    )  # fmt: skip
    assert task.title.startswith("Уведомете незабавно ДСП и родителите/настойника")
    assert case.primary_person.first_name == "Ива"
    assert case.people.get().role == CasePersonRole.CHILD


def test_a_child_who_gives_no_age_is_taken_for_a_child(public_centre, visitor):
    post_request(visitor, public_centre, writer="child", first_name="", age="")

    assert Task.objects.get().kind == TaskKind.NOTIFY_CHILD_SELF_REFERRAL
    assert Case.objects.get().primary_person.first_name == "Неизвестно"


def test_a_young_person_of_eighteen_is_not_a_child_under_the_law(public_centre, visitor):
    post_request(visitor, public_centre, writer="child", age="19")

    case = Case.objects.get()
    assert case.referrals.get().source_type == SourceType.SELF_ADULT
    assert not Task.objects.exists()
    assert case.people.get().role == CasePersonRole.CLIENT


def test_a_professional_writes_about_a_child_not_known_yet(public_centre, visitor):
    post_request(
        visitor, public_centre, writer="professional", first_name="Гергана",
        email="g.ivanova@school.bg", contact_way="email",
    )  # fmt: skip

    case = Case.objects.get()
    referral = case.referrals.get()
    assert referral.source_type == SourceType.OTHER
    assert (referral.officer_name, referral.officer_phone, referral.officer_email) == (
        "Гергана", "0888 123 456", "g.ivanova@school.bg",
    )  # fmt: skip
    assert referral.wish_declared_on is None
    child = case.primary_person
    assert (child.first_name, child.phone, child.email) == ("Неизвестно", "", "")
    assert case.people.get().role == CasePersonRole.CHILD
    assert not Task.objects.exists()


def test_a_request_lands_only_in_the_centre_it_was_sent_to(
    public_centre, other_public_centre, visitor
):
    post_request(visitor, other_public_centre)

    assert not Case.objects.filter(centre=public_centre).exists()
    case = Case.objects.get(centre=other_public_centre)
    assert case.primary_person.centre == other_public_centre
    assert PublicRequest.objects.get().centre == other_public_centre


def test_a_known_name_gets_the_same_answer_and_a_new_person(public_centre, visitor):
    known = PersonFactory(centre=public_centre, first_name="Мария", last_name="Неизвестно")
    unknown = post_request(Client(REMOTE_ADDR="198.51.100.1"), public_centre, first_name="Зорница")
    people = Person.objects.count()

    same = post_request(visitor, public_centre, first_name="Мария")

    assert (same.status_code, same["Location"]) == (unknown.status_code, unknown["Location"])
    sent = Client().get(SENT)
    assert "Мария" not in sent.content.decode()
    assert Person.objects.count() == people + 1
    assert Case.objects.latest("id").primary_person != known


def test_the_confirmation_page_says_nothing_about_the_request(public_centre):
    page = Client().get(SENT).content.decode()

    assert "Благодарим ви!" in page
    assert "Заявката е изпратена до ЦОП „Надежда“ – Харманли." in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"website": "http://spam.example"}, "Заявката не може да бъде приета."),
        ({"token": "SECONDS"}, "Формулярът беше изпратен твърде бързо"),
        ({"token": "HOURS"}, "Страницата с формуляра е отворена преди повече от 4 часа."),
        ({"token": "forged"}, "Формулярът не можа да бъде проверен."),
        ({"token": "OTHER_CENTRE"}, "Формулярът не можа да бъде проверен."),
        (
            {"phone": "", "email": ""},
            "Посочете телефон или електронна поща, за да се свържем с вас.",
        ),
        ({"phone": "обадете се", "email": ""}, "Въведете телефон с цифри, напр. 0888 123 456."),
        ({"email": "maria@", "contact_way": "email"}, "Въведете валиден адрес на електронна поща"),
        ({"phone": "", "email": "m@abv.bg"}, "Посочете телефон, щом предпочитате да ви се обадим."),
        ({"consent": None}, "отбележете, че сте съгласни с условията"),
        ({"message": "   "}, "Опишете накратко с какво можем да помогнем."),
        ({"message": "х" * 1001}, "Текстът е по-дълъг от 1000 знака."),
        ({"message": "ЕГН на детето: 0541015620"}, "Моля, не пишете ЕГН."),
        ({"first_name": "Мария 0541015620"}, "Напишете само име с букви"),
        ({"writer": "robot"}, "Изберете кой пише."),
        ({"age": "40"}, "Въведете възраст между 0 и 25 години."),
    ],
)
def test_bad_or_automated_input_gets_a_bulgarian_message_and_saves_nothing(
    public_centre, other_public_centre, visitor, overrides, message
):
    tokens = {
        "SECONDS": opened_token(public_centre, seconds_ago=1),
        "HOURS": opened_token(public_centre, seconds_ago=5 * 3600),
        "OTHER_CENTRE": opened_token(other_public_centre, seconds_ago=60),
    }
    if overrides.get("token") in tokens:
        overrides = {**overrides, "token": tokens[overrides["token"]]}
    before = table_counts()

    response = post_request(visitor, public_centre, **overrides)

    assert message in errors_of(response)
    assert "Заявката не е изпратена." in response.content.decode()
    assert table_counts() == before


def test_a_too_fast_submission_keeps_its_form_and_goes_through_a_moment_later(
    public_centre, visitor, clock
):
    url = "/centres/harmanli/request/"
    page = visitor.get(url)
    data = request_fields(public_centre, token=page.context["token"])
    data["csrfmiddlewaretoken"] = str(page.context["csrf_token"])

    refused = visitor.post(url, data)
    clock.advance(seconds=4)
    accepted = visitor.post(url, {**data, "token": refused.context["token"]})

    assert refused.status_code == 400
    assert refused.context["form"]["message"].value() == data["message"]
    assert accepted.status_code == 302


def test_a_stale_form_is_given_a_fresh_token(public_centre, visitor):
    stale = opened_token(public_centre, seconds_ago=5 * 3600)

    response = post_request(visitor, public_centre, token=stale)

    assert response.context["token"] != stale


def test_repeated_requests_from_one_address_are_throttled(public_centre, visitor, clock):
    for _ in range(3):
        assert post_request(visitor, public_centre).status_code == 302
    before = table_counts()

    throttled = post_request(visitor, public_centre)

    assert throttled.status_code == 429
    assert "От вашата връзка вече са изпратени няколко заявки през последния час." in (
        throttled.content.decode()
    )
    assert "или се обадете на центъра на телефон 0373/9 10 76" in throttled.content.decode()
    assert table_counts() == before
    assert post_request(Client(REMOTE_ADDR="198.51.100.9"), public_centre).status_code == 302
    clock.advance(minutes=61)
    assert post_request(visitor, public_centre).status_code == 302


def test_addresses_of_one_ipv6_household_share_their_limit(public_centre):
    for n in range(3):
        client = Client(REMOTE_ADDR=f"2001:db8:1:2::{n + 1}")
        assert post_request(client, public_centre).status_code == 302

    neighbour = Client(REMOTE_ADDR="2001:db8:1:2:ffff::1")
    assert post_request(neighbour, public_centre).status_code == 429
    elsewhere = Client(REMOTE_ADDR="2001:db8:1:3::1")
    assert post_request(elsewhere, public_centre).status_code == 302


@override_settings(OPORA_PUBLIC_REQUESTS_PER_CENTRE_PER_DAY=2)
def test_a_centre_takes_a_limited_number_of_requests_a_day(
    public_centre, other_public_centre, clock
):
    for n in range(2):
        assert post_request(Client(REMOTE_ADDR=f"198.51.100.{n}"), public_centre).status_code == 302

    full = post_request(Client(REMOTE_ADDR="198.51.100.50"), public_centre)

    assert full.status_code == 429
    assert "Днес центърът е получил много онлайн заявки." in full.content.decode()
    other = post_request(Client(REMOTE_ADDR="198.51.100.51"), other_public_centre)
    assert other.status_code == 302
    clock.advance(hours=25)
    assert post_request(Client(REMOTE_ADDR="198.51.100.52"), public_centre).status_code == 302


def test_the_form_needs_its_csrf_token(public_centre, visitor):
    visitor.get("/centres/harmanli/request/")
    before = table_counts()

    response = visitor.post("/centres/harmanli/request/", request_fields(public_centre))

    assert response.status_code == 403
    assert table_counts() == before


def test_error_messages_never_show_stored_data(public_centre, visitor):
    PersonFactory(centre=public_centre, first_name="Мария", last_name="Стоянова", phone="0899 1")
    post_request(Client(REMOTE_ADDR="198.51.100.3"), public_centre, email="stored@abv.bg")

    response = post_request(visitor, public_centre, phone="", email="")

    page = errors_of(response)
    for stored in ("Стоянова", "0899 1", "stored@abv.bg", "2026-", "Неизвестно"):
        assert stored not in page, stored
