"""Who holds the plan and contract permissions, per role, per case team, per centre."""

import pytest

from opora.cases.domain.case import add_team_member
from opora.cases.enums import CaseStatus
from tests.factories import make_case


@pytest.fixture
def case(centre, manager, psychologist):
    return make_case(centre, manager, CaseStatus.PLANNING, case_manager=psychologist)


def test_case_workers_view_the_plan_the_accountant_and_outsiders_do_not(
    case, manager, psychologist, social_worker, accountant, outsider_manager
):
    allowed = {
        user.username: user.has_perm("plans.view_plan", case)
        for user in (manager, psychologist, social_worker, accountant, outsider_manager)
    }

    assert allowed == {
        "manager": True,
        "psychologist": True,
        "social_worker": True,
        "accountant": False,
        "outsider_manager": False,
    }


def test_the_plan_is_edited_by_the_manager_and_the_case_team(
    case, manager, psychologist, social_worker, outsider_manager
):
    assert manager.has_perm("plans.edit_plan", case)
    assert psychologist.has_perm("plans.edit_plan", case)  # the case manager
    assert not social_worker.has_perm("plans.edit_plan", case)
    assert not outsider_manager.has_perm("plans.edit_plan", case)

    add_team_member(case, actor=manager, user=social_worker)
    case.refresh_from_db()

    assert social_worker.has_perm("plans.edit_plan", case)


def test_edit_plan_on_the_centre_alone_is_only_for_the_manager(centre, manager, psychologist):
    assert manager.has_perm("plans.edit_plan", centre)
    assert not psychologist.has_perm("plans.edit_plan", centre)


def test_approving_and_contracts_are_for_the_manager(
    case, manager, psychologist, accountant, outsider_manager
):
    for perm in ("plans.approve_plan", "plans.manage_contract"):
        assert manager.has_perm(perm, case)
        assert not psychologist.has_perm(perm, case)
        assert not accountant.has_perm(perm, case)
        assert not outsider_manager.has_perm(perm, case)
