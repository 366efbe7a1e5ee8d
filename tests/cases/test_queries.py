"""Named reads of cases: they start from the centre and fail closed."""

import pytest

from opora.cases.domain.queries import (
    CaseFilters,
    case_detail,
    case_list,
    cases_visible_to,
    counts_by_status,
    my_cases,
    new_referrals,
)
from opora.cases.enums import CaseStatus
from opora.centres.enums import TargetGroup
from tests.factories import PersonFactory, make_case, put_on_team

ALL = CaseFilters(status="all")


@pytest.fixture
def cases(centre, manager, psychologist):
    return {
        "intake": make_case(centre, manager),
        "active": make_case(centre, manager, CaseStatus.ACTIVE, case_manager=psychologist),
        "closed": make_case(centre, manager, CaseStatus.CLOSED),
    }


def test_the_manager_reads_every_case_of_the_centre(centre, cases, manager):
    assert set(cases_visible_to(manager, centre)) == set(cases.values())
    assert [c.no_access for c in case_list(manager, centre, ALL, limit=50)] == [False] * 3


@pytest.mark.parametrize("who", ["psychologist", "social_worker"])
def test_a_case_worker_reads_her_teams_cases_and_knows_the_others_exist(
    request, centre, cases, who
):
    user = request.getfixturevalue(who)
    put_on_team(cases["closed"], user)
    readable = {cases["closed"]} | ({cases["active"]} if who == "psychologist" else set())

    assert set(cases_visible_to(user, centre)) == readable
    listed = case_list(user, centre, ALL, limit=50)
    assert {c for c in listed if not c.no_access} == readable
    assert set(listed) == set(cases.values())  # the directory: every case, marked


@pytest.mark.parametrize(
    "who", ["accountant", "outsider_manager", "outsider_psychologist", "sysadmin"]
)
def test_others_see_no_case_of_the_centre(request, centre, cases, who):
    user = request.getfixturevalue(who)

    assert list(cases_visible_to(user, centre)) == []
    assert case_list(user, centre, ALL, limit=50) == []
    assert my_cases(user, centre) == []
    assert new_referrals(user, centre) == []


def test_an_outsider_does_not_see_the_centres_cases_in_their_own_centre(
    centre, other_centre, cases, outsider_manager
):
    own = make_case(other_centre, outsider_manager)

    assert list(cases_visible_to(outsider_manager, other_centre)) == [own]


def test_case_detail_is_a_404_for_an_outsider_and_the_accountant(
    centre, cases, accountant, outsider_manager, manager
):
    from django.http import Http404

    case = cases["active"]
    assert case_detail(manager, centre, case.pk) == case
    for user in (accountant, outsider_manager):
        with pytest.raises(Http404):
            case_detail(user, centre, case.pk)


def test_the_case_list_shows_open_cases_by_default_newest_first(centre, manager, cases):
    listed = case_list(manager, centre, CaseFilters(), limit=50)

    assert listed == [cases["active"], cases["intake"]]


def test_the_case_list_filters(centre, manager, psychologist, cases):
    def numbers(**filters):
        return {c.number for c in case_list(manager, centre, CaseFilters(**filters), limit=50)}

    assert numbers(status=CaseStatus.CLOSED) == {cases["closed"].number}
    assert numbers(status="all", case_manager=psychologist.pk) == {cases["active"].number}
    assert numbers(status="all", target_group=TargetGroup.RISK_CHILD) == {
        c.number for c in cases.values()
    }
    assert numbers(status="all", target_group=TargetGroup.ADOPTER) == set()
    assert numbers(status="all", query=cases["closed"].number) == {cases["closed"].number}


def test_the_case_list_finds_a_child_by_name_in_either_alphabet(centre, manager):
    child = PersonFactory(centre=centre, first_name="Йордан", last_name="Щерев")
    case = make_case(centre, manager, person=child)
    make_case(centre, manager)

    for query in ("йордан", "Yordan Shterev"):
        assert case_list(manager, centre, CaseFilters(query=query), limit=50) == [case]


def test_my_cases_are_those_i_lead_or_work_on(centre, manager, psychologist, social_worker, cases):
    assert my_cases(psychologist, centre) == [cases["active"]]
    assert my_cases(social_worker, centre) == []


def test_counts_by_status_count_only_the_centres_cases(
    centre, other_centre, cases, outsider_manager
):
    make_case(other_centre, outsider_manager, CaseStatus.ACTIVE)

    counts = counts_by_status(centre)

    assert set(counts) == set(CaseStatus.values)
    assert (counts["intake"], counts["active"], counts["closed"], counts["refused"]) == (1, 1, 1, 0)
    assert sum(counts_by_status(other_centre).values()) == 1
