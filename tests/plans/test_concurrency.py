"""Simultaneous writes on one plan or contract (PostgreSQL row locks on the case and the centre)."""

import pytest

from opora.accounts.enums import Role
from opora.cases.enums import CaseStatus
from opora.core.errors import DomainError
from opora.plans.domain.contract import draft_contract
from opora.plans.domain.plan import approve_plan, save_plan, start_plan, submit_plan
from opora.plans.enums import PlanStatus
from opora.plans.models import Contract, PlanVersion
from tests.factories import make_case, make_member
from tests.plans.test_contract_domain import _approved_case_with_parent, terms
from tests.threads import run_together

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


def test_two_people_starting_the_plan_at_once_open_one_version(centre, manager, psychologist):
    case = make_case(centre, manager, CaseStatus.PLANNING, case_manager=psychologist)

    outcomes = run_together([lambda: start_plan(case, actor=psychologist)] * 2)

    assert sum(isinstance(o, PlanVersion) for o in outcomes) == 1, outcomes
    assert sum(isinstance(o, DomainError) for o in outcomes) == 1, outcomes
    assert PlanVersion.objects.filter(case=case).count() == 1


def test_two_managers_deciding_at_once_decide_once(centre, manager, psychologist):
    from tests.plans.conftest import plan_data

    second_manager = make_member(centre, Role.MANAGER, username="deputy")
    case = make_case(centre, manager, CaseStatus.PLANNING, case_manager=psychologist)
    version = save_plan(
        start_plan(case, actor=psychologist), actor=psychologist, data=plan_data(psychologist)
    )
    submit_plan(version, actor=psychologist)

    outcomes = run_together(
        [
            lambda: approve_plan(version, actor=manager),
            lambda: approve_plan(version, actor=second_manager),
        ]
    )

    assert sum(isinstance(o, PlanVersion) for o in outcomes) == 1, outcomes
    version.refresh_from_db()
    case.refresh_from_db()
    assert version.status == PlanStatus.APPROVED
    assert case.status == CaseStatus.CONTRACTING
    assert case.status_history.filter(to_status=CaseStatus.CONTRACTING).count() == 1


def test_contracts_drafted_at_once_get_different_numbers(centre, manager, psychologist):
    cases = [_approved_case_with_parent(centre, manager, psychologist) for _ in range(3)]

    outcomes = run_together(
        [
            lambda case=case, link=link: draft_contract(case, actor=manager, data=terms(link))
            for case, link in cases
        ]
    )

    assert all(isinstance(o, Contract) for o in outcomes), outcomes
    assert len({o.number for o in outcomes}) == 3
