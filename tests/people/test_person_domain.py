from datetime import date

import pytest

from opora.audit.models import AuditEntry
from opora.core.errors import DomainError, NeedsConfirmation
from opora.people.domain.person import PersonData, add_relation, create_person, update_person
from opora.people.enums import IdentifierType, NoIdentifierReason, RelationKind, Sex
from opora.people.models import Person, Relation
from tests.factories import PersonFactory
from tests.people.test_identifiers import INVALID_EGN, VALID_EGN


def egn_person(egn: str, **fields) -> PersonData:
    values = {"first_name": "Георги", "last_name": "Иванов", "identifier_type": IdentifierType.EGN}
    return PersonData(identifier=egn, **{**values, **fields})


def rows() -> tuple[int, int]:
    return Person.objects.count(), AuditEntry.objects.count()


@pytest.mark.parametrize(("egn", "born", "sex"), VALID_EGN)
def test_create_person_takes_birth_date_and_sex_from_the_egn(centre, manager, egn, born, sex):
    person = create_person(centre=centre, actor=manager, data=egn_person(egn))

    person.refresh_from_db()
    assert (person.identifier, person.birth_date, person.sex) == (egn, born, sex)
    assert person.centre == centre
    assert person.created_by == manager
    assert person.search_name == " georgi ivanov "


def test_create_person_audits_without_copying_the_identifier(centre, manager):
    person = create_person(
        centre=centre, actor=manager, data=egn_person("9005156245", phone="0888123456")
    )

    entry = AuditEntry.objects.get(action="person.create")
    assert entry.object_id == str(person.pk)
    assert entry.centre_id_copy == centre.pk
    assert entry.changes["identifier"] == "•••"
    assert entry.changes["phone"] == "•••"
    assert entry.changes["birth_date"] == "1990-05-15"
    assert "9005156245" not in str(entry.changes)


def test_an_egn_born_in_the_future_needs_confirmation(centre, manager):
    before = rows()

    with pytest.raises(NeedsConfirmation) as asked:
        create_person(centre=centre, actor=manager, data=egn_person("7542011030"))

    assert asked.value.warnings == ["Датата на раждане 01.02.2075 е в бъдещето."]
    assert rows() == before


def test_an_egn_born_in_the_future_is_saved_once_confirmed(centre, manager):
    person = create_person(
        centre=centre, actor=manager, data=egn_person("7542011030"), confirmed=True
    )

    person.refresh_from_db()
    assert person.birth_date == date(2075, 2, 1)
    assert person.sex == Sex.FEMALE


@pytest.mark.parametrize(("egn", "message"), INVALID_EGN)
def test_an_invalid_egn_saves_nothing(centre, manager, egn, message):
    before = rows()

    with pytest.raises(DomainError) as refused:
        create_person(centre=centre, actor=manager, data=egn_person(egn), confirmed=True)

    assert (refused.value.message, refused.value.field) == (message, "identifier")
    assert rows() == before


def test_a_birth_date_contradicting_the_egn_is_refused(centre, manager):
    before = rows()

    with pytest.raises(DomainError) as refused:
        create_person(
            centre=centre,
            actor=manager,
            data=egn_person("9005156245", birth_date=date(1990, 5, 16)),
        )

    assert refused.value.message == "Датата на раждане не съвпада с ЕГН (според ЕГН: 15.05.1990)."
    assert refused.value.field == "birth_date"
    assert rows() == before


def test_a_sex_contradicting_the_egn_is_refused(centre, manager):
    before = rows()

    with pytest.raises(DomainError) as refused:
        create_person(centre=centre, actor=manager, data=egn_person("9005156245", sex=Sex.FEMALE))

    assert refused.value.message == "Полът не съвпада с ЕГН (деветата цифра)."
    assert refused.value.field == "sex"
    assert rows() == before


def test_birth_date_and_sex_agreeing_with_the_egn_are_accepted(centre, manager):
    data = egn_person("8511304374", birth_date=date(1985, 11, 30), sex=Sex.FEMALE)

    person = create_person(centre=centre, actor=manager, data=data)

    assert (person.birth_date, person.sex) == (date(1985, 11, 30), Sex.FEMALE)


@pytest.mark.parametrize(
    ("names", "message", "field"),
    [
        ({"first_name": "  ", "last_name": "Иванов"}, "Въведете име.", "first_name"),
        ({"first_name": "Георги", "last_name": ""}, "Въведете фамилия.", "last_name"),
    ],
)
def test_first_and_last_name_are_required(centre, manager, names, message, field):
    before = rows()

    with pytest.raises(DomainError) as refused:
        create_person(
            centre=centre,
            actor=manager,
            data=PersonData(**names, no_identifier_reason=NoIdentifierReason.UNKNOWN),
        )

    assert (refused.value.message, refused.value.field) == (message, field)
    assert rows() == before


def test_names_are_trimmed(centre, manager):
    data = PersonData(
        first_name="  Ана ",
        middle_name=" Петрова",
        last_name="Колева  ",
        no_identifier_reason=NoIdentifierReason.UNBORN,
    )

    person = create_person(centre=centre, actor=manager, data=data)

    assert person.full_name == "Ана Петрова Колева"


def test_a_person_without_identifier_needs_a_reason(centre, manager):
    before = rows()

    with pytest.raises(DomainError) as refused:
        create_person(
            centre=centre, actor=manager, data=PersonData(first_name="Ана", last_name="Колева")
        )

    assert refused.value.message == "Посочете защо лицето няма ЕГН или ЛНЧ."
    assert refused.value.field == "no_identifier_reason"
    assert rows() == before


def test_a_person_without_identifier_is_saved_with_the_reason(centre, manager):
    data = PersonData(
        first_name="Ана", last_name="Колева", no_identifier_reason=NoIdentifierReason.UNBORN
    )

    person = create_person(centre=centre, actor=manager, data=data)

    person.refresh_from_db()
    assert person.identifier_type == IdentifierType.NONE
    assert person.identifier == ""
    assert person.no_identifier_reason == NoIdentifierReason.UNBORN


def test_a_reason_for_no_identifier_is_dropped_when_an_identifier_is_given(centre, manager):
    data = egn_person("9005156245", no_identifier_reason=NoIdentifierReason.UNKNOWN)

    person = create_person(centre=centre, actor=manager, data=data)

    assert person.no_identifier_reason == ""


def test_a_person_with_an_lnch_is_saved_without_birth_date(centre, manager):
    data = PersonData(
        first_name="Ахмед", last_name="Хасан", identifier_type=IdentifierType.LNCH,
        identifier="1234567893",
    )  # fmt: skip

    person = create_person(centre=centre, actor=manager, data=data)

    person.refresh_from_db()
    assert (person.identifier_type, person.identifier) == (IdentifierType.LNCH, "1234567893")
    assert person.birth_date is None


def test_an_identifier_already_taken_in_the_centre_is_refused(centre, manager):
    PersonFactory(
        centre=centre, first_name="Петър", last_name="Стоянов",
        identifier_type=IdentifierType.EGN, identifier="9005156245",
    )  # fmt: skip
    before = rows()

    with pytest.raises(DomainError) as refused:
        create_person(centre=centre, actor=manager, data=egn_person("9005156245"))

    assert refused.value.message == "Лице с този идентификатор вече е регистрирано: Петър Стоянов."
    assert refused.value.field == "identifier"
    assert rows() == before


def test_the_same_identifier_is_allowed_in_another_centre(centre, other_centre, outsider_manager):
    PersonFactory(
        centre=centre, identifier_type=IdentifierType.EGN, identifier="9005156245",
        first_name="Петър", last_name="Стоянов",
    )  # fmt: skip

    person = create_person(
        centre=other_centre, actor=outsider_manager, data=egn_person("9005156245")
    )

    assert person.centre == other_centre
    assert Person.objects.filter(identifier="9005156245").count() == 2


def test_a_namesake_asks_for_confirmation(centre, manager):
    PersonFactory(centre=centre, first_name="Георги", last_name="Иванов", birth_date=None)
    before = rows()

    with pytest.raises(NeedsConfirmation) as asked:
        create_person(
            centre=centre,
            actor=manager,
            data=PersonData(
                first_name="Георги", last_name="Иванов", no_identifier_reason="unknown"
            ),
        )

    assert asked.value.warnings == ["Възможен дубликат: Георги Иванов."]
    assert rows() == before


def test_a_namesake_spelt_in_latin_with_the_same_birth_date_asks_for_confirmation(centre, manager):
    PersonFactory(
        centre=centre, first_name="Георги", last_name="Иванов", birth_date=date(1990, 5, 15)
    )

    with pytest.raises(NeedsConfirmation) as asked:
        create_person(
            centre=centre,
            actor=manager,
            data=egn_person("9005156245", first_name="GEORGI", last_name="Ivanov"),
        )

    assert asked.value.warnings == ["Възможен дубликат: Георги Иванов, роден/а 15.05.1990."]


def test_a_namesake_is_saved_once_confirmed(centre, manager):
    PersonFactory(centre=centre, first_name="Георги", last_name="Иванов")
    data = PersonData(first_name="Георги", last_name="Иванов", no_identifier_reason="unknown")

    create_person(centre=centre, actor=manager, data=data, confirmed=True)

    assert Person.objects.filter(centre=centre, last_name="Иванов").count() == 2


def test_namesakes_with_other_birth_dates_or_in_another_centre_are_not_duplicates(
    centre, other_centre, manager
):
    PersonFactory(
        centre=centre, first_name="Георги", last_name="Иванов", birth_date=date(2001, 1, 1)
    )
    PersonFactory(centre=other_centre, first_name="Георги", last_name="Иванов", birth_date=None)

    person = create_person(centre=centre, actor=manager, data=egn_person("9005156245"))

    assert person.pk is not None


def test_update_person_keeps_its_own_identifier_and_audits_only_the_change(centre, manager):
    person = create_person(centre=centre, actor=manager, data=egn_person("9005156245"))

    update_person(person, actor=manager, data=egn_person("9005156245", school="СУ „Христо Ботев“"))

    person.refresh_from_db()
    assert person.school == "СУ „Христо Ботев“"
    entry = AuditEntry.objects.get(action="person.update")
    assert entry.changes == {"school": "СУ „Христо Ботев“"}


def test_update_person_refuses_an_identifier_of_someone_else(centre, manager):
    PersonFactory(
        centre=centre, identifier_type=IdentifierType.EGN, identifier="8511304374",
        first_name="Радка", last_name="Колева",
    )  # fmt: skip
    person = create_person(centre=centre, actor=manager, data=egn_person("9005156245"))
    before = rows()

    with pytest.raises(DomainError) as refused:
        update_person(person, actor=manager, data=egn_person("8511304374"))

    assert refused.value.message == "Лице с този идентификатор вече е регистрирано: Радка Колева."
    person.refresh_from_db()
    assert person.identifier == "9005156245"
    assert rows() == before


def test_update_person_refreshes_the_search_key(centre, manager, person):
    data = PersonData(
        first_name="Цветан", last_name="Щерев", no_identifier_reason=NoIdentifierReason.UNKNOWN
    )

    update_person(person, actor=manager, data=data)

    person.refresh_from_db()
    assert person.search_name == " tsvetan shterev "


def test_add_relation_links_two_people_of_the_centre(centre, manager, person):
    mother = PersonFactory(centre=centre, first_name="Радка", last_name="Иванова", birth_date=None)

    relation = add_relation(person=person, relative=mother, kind=RelationKind.MOTHER, actor=manager)

    assert str(relation) == "Радка Иванова е майка на Никола Иванов"
    assert AuditEntry.objects.filter(action="person.add_relation").count() == 1


def test_add_relation_refuses_a_person_of_another_centre(centre, other_centre, manager, person):
    stranger = PersonFactory(centre=other_centre)

    with pytest.raises(DomainError) as refused:
        add_relation(person=person, relative=stranger, kind=RelationKind.MOTHER, actor=manager)

    assert (refused.value.message, refused.value.field) == (
        "Лицето не е от този център.",
        "relative",
    )
    assert Relation.objects.count() == 0


def test_add_relation_refuses_self_unknown_kind_and_a_repeat(centre, manager, person):
    mother = PersonFactory(centre=centre)
    add_relation(person=person, relative=mother, kind=RelationKind.MOTHER, actor=manager)

    messages = []
    for relative, kind in [(person, RelationKind.SIBLING), (mother, "aunt"), (mother, "mother")]:
        with pytest.raises(DomainError) as refused:
            add_relation(person=person, relative=relative, kind=kind, actor=manager)
        messages.append(refused.value.message)

    assert messages == [
        "Лицето не може да е свързано със себе си.",
        "Изберете вид на връзката.",
        "Тази връзка вече е записана.",
    ]
    assert Relation.objects.count() == 1
