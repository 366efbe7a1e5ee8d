"""A name typed with one slip still finds the person, on SQLite and on PostgreSQL (pg_trgm)."""

import pytest

from opora.people.domain.queries import search_people
from tests.factories import PersonFactory

PEOPLE = [
    ("Георги", "Петров", "Иванов"),
    ("Йордан", "", "Стоянов"),
    ("Цветелина", "", "Колева"),
    ("Мария", "", "Димитрова"),
]


@pytest.fixture
def people(centre):
    return {
        first: PersonFactory(centre=centre, first_name=first, middle_name=middle, last_name=last)
        for first, middle, last in PEOPLE
    }


def found(centre, query) -> list[str]:
    return [person.first_name for person in search_people(centre, query)]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Gorgi Ivanov", "Георги"),  # a missing letter
        ("Georgi Ivanv", "Георги"),
        ("Yordan Stoyanv", "Йордан"),
        ("Tsvetelna Koleva", "Цветелина"),
        ("Maria Dimitorva", "Мария"),  # two letters swapped
        ("Георги Иваноф", "Георги"),  # in Cyrillic too
    ],
)
def test_one_slip_still_finds_the_person_first(centre, people, query, expected):
    assert found(centre, query)[:1] == [expected]


def test_near_names_are_not_added_when_the_spelling_matches(centre, people):
    PersonFactory(centre=centre, first_name="Георги", last_name="Иванев")
    assert [p.last_name for p in search_people(centre, "Georgi Ivanov")] == ["Иванов"]


def test_unrelated_names_and_other_centres_stay_out(centre, other_centre, people):
    PersonFactory(centre=other_centre, first_name="Георги", last_name="Иванов")
    assert found(centre, "Dariya Nenova") == []
    assert {p.centre_id for p in search_people(centre, "Gorgi Ivanov")} == {centre.pk}
    assert search_people(other_centre, "Stoyanv") == []
