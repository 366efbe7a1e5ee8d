"""Name search in both alphabets; runs on SQLite and on PostgreSQL (CI runs the suite twice)."""

import pytest

from opora.people.domain.queries import search_people
from opora.people.enums import IdentifierType
from tests.factories import PersonFactory

PEOPLE = [
    ("Георги", "Петров", "Иванов"),
    ("Георгина", "", "Маринова"),
    ("Йордан", "", "Стоянов"),
    ("Цветан", "", "Колев"),
    ("Христо", "", "Димитров"),
    ("Петър", "", "Щерев"),
]


@pytest.fixture
def people(centre):
    return {
        first: PersonFactory(centre=centre, first_name=first, middle_name=middle, last_name=last)
        for first, middle, last in PEOPLE
    }


def found(centre, query) -> set[str]:
    return {person.first_name for person in search_people(centre, query)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("ГЕОРГИ", {"Георги", "Георгина"}),
        ("георги", {"Георги", "Георгина"}),
        ("Georgi", {"Георги", "Георгина"}),
        ("Iordan", {"Йордан"}),
        ("Yordan", {"Йордан"}),
        ("Jordan", {"Йордан"}),
        ("йОРДАН", {"Йордан"}),
        ("Tsvetan", {"Цветан"}),
        ("Cvetan", {"Цветан"}),
        ("Tzvetan", {"Цветан"}),
        ("Hristo", {"Христо"}),
        ("Khristo", {"Христо"}),
        ("Shterev", {"Петър"}),
        ("щерев", {"Петър"}),
    ],
)
def test_names_match_in_any_case_and_alphabet(centre, people, query, expected):
    assert found(centre, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Гео", {"Георги", "Георгина"}),
        ("Георгин", {"Георгина"}),
        ("Стоя", {"Йордан"}),
        ("Петров", {"Георги"}),  # the middle name counts
        ("орги", set()),  # inside a word is not a match
        ("ванов", set()),
    ],
)
def test_a_query_word_matches_the_start_of_a_name_word(centre, people, query, expected):
    assert found(centre, query) == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("георги иванов", {"Георги"}),
        ("Ivanov Georgi", {"Георги"}),
        ("Гео Мар", {"Георгина"}),
        ("георги стоянов", set()),
    ],
)
def test_every_query_word_must_match(centre, people, query, expected):
    assert found(centre, query) == expected


def test_results_are_ordered_by_last_then_first_name(centre, people):
    assert [p.last_name for p in search_people(centre, "Гео")] == ["Иванов", "Маринова"]


def test_an_egn_finds_exactly_that_person(centre, people):
    owner = PersonFactory(
        centre=centre, identifier_type=IdentifierType.EGN, identifier="9005156245",
        first_name="Стефан", last_name="Попов",
    )  # fmt: skip

    assert search_people(centre, "9005156245") == [owner]
    assert search_people(centre, "900515 6245") == [owner]
    assert search_people(centre, "900515") == []
    assert search_people(centre, "8511304374") == []


def test_another_centres_person_is_never_found(centre, other_centre, people):
    PersonFactory(centre=other_centre, first_name="Георги", last_name="Иванов")
    PersonFactory(
        centre=other_centre, first_name="Дария", last_name="Ненова",
        identifier_type=IdentifierType.EGN, identifier="8511304374",
    )  # fmt: skip

    assert {p.centre_id for p in search_people(centre, "Георги Иванов")} == {centre.pk}
    assert search_people(centre, "Дария") == []
    assert search_people(centre, "8511304374") == []
    assert len(search_people(other_centre, "Георги")) == 1


@pytest.mark.parametrize("query", ["", "   ", "-,.", None])
def test_an_empty_query_finds_nobody(centre, people, query):
    assert search_people(centre, query) == []


def test_the_number_of_results_is_limited(centre):
    for _ in range(4):
        PersonFactory(centre=centre, first_name="Иван", last_name="Иванов")

    assert len(search_people(centre, "иван", limit=3)) == 3
