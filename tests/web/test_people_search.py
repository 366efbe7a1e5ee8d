"""Searching the centre's people from the staff UI: any case or alphabet, never another centre's."""

import pytest

from tests.factories import PersonFactory


@pytest.fixture
def georgis(centre, other_centre):
    """A Георги in each centre, with the same first and last name."""
    ours = PersonFactory(
        centre=centre, first_name="Георги", middle_name="Харманлийски", last_name="Стоянов"
    )
    theirs = PersonFactory(
        centre=other_centre, first_name="Георги", middle_name="Хасковски", last_name="Стоянов"
    )
    return ours, theirs


@pytest.mark.parametrize("query", ["georgi", "ГЕОРГИ", "Георги", "georgi stoyanov", "geo"])
def test_the_search_finds_the_centres_georgi_and_never_the_other_centres(
    query, georgis, psychologist, client_of
):
    ours, theirs = georgis

    response = client_of(psychologist).get("/c/harmanli/people/", {"q": query})

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" in html
    assert ours.full_name in html
    assert f"/c/harmanli/people/{ours.pk}/" in html
    assert "Хасковски" not in html
    assert f"/people/{theirs.pk}/" not in html
    assert "Намерени: 1" in html


def test_with_htmx_the_search_returns_only_the_results(georgis, psychologist, client_of):
    ours, _theirs = georgis

    response = client_of(psychologist).get(
        "/c/harmanli/people/", {"q": "georgi"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="results"' in html
    assert ours.full_name in html
    assert "Хасковски" not in html


def test_the_other_centre_finds_only_its_own_georgi(georgis, outsider_psychologist, client_of):
    _ours, theirs = georgis

    response = client_of(outsider_psychologist).get("/c/haskovo/people/", {"q": "георги"})

    html = response.content.decode()
    assert theirs.full_name in html
    assert "Харманлийски" not in html


def test_the_referral_search_picks_only_the_centres_people(georgis, manager, client_of):
    ours, theirs = georgis

    response = client_of(manager).get(
        "/c/harmanli/referrals/new/", {"q": "GEORGI"}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert "<html" not in html
    assert f"?person={ours.pk}" in html
    assert f"?person={theirs.pk}" not in html


def test_an_egn_search_never_finds_another_centres_person(centre, other_centre, manager, client_of):
    PersonFactory(
        centre=other_centre,
        first_name="Чужд",
        last_name="Хасковец",
        identifier_type="egn",
        identifier="1050011404",
        no_identifier_reason="",
    )

    response = client_of(manager).get("/c/harmanli/people/", {"q": "1050011404"})

    html = response.content.decode()
    assert "Хасковец" not in html
    assert 'data-testid="no-match"' in html
