"""The plan's and the contract's events on the case timeline, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.cases.domain.status import change_status
from opora.cases.enums import CaseStatus
from opora.core.timeline import TimelineEvent, case_timeline
from opora.plans.domain.checks import today
from opora.plans.domain.contract import change_contract, draft_contract, sign_contract
from opora.plans.domain.plan import approve_plan, return_plan, save_plan, start_plan, submit_plan
from opora.plans.timeline import timeline_events
from tests.plans.conftest import plan_data
from tests.plans.test_contract_domain import terms


def test_the_plans_way_and_the_contract_are_on_the_timeline(
    submitted, manager, psychologist, mother_link
):
    return_plan(submitted, actor=manager, comment="Уточнете индикаторите.")
    save_plan(submitted, actor=psychologist, data=plan_data(psychologist))
    approve_plan(submit_plan(submitted, actor=psychologist), actor=manager)
    contract = draft_contract(submitted.case, actor=manager, data=terms(mother_link))
    sign_contract(contract, actor=manager, signed_on=today())
    change_contract(contract, actor=manager, signed_on=today(), changes="Сесиите са в събота.")

    events = timeline_events(submitted.case)

    assert all(isinstance(e, TimelineEvent) for e in events)
    titles = [e.title for e in events]
    assert titles[:5] == [
        "ИПП версия 1: създадена",
        "ИПП версия 1: изпратена за одобрение",
        "ИПП версия 1: върната за корекция",
        "ИПП версия 1: изпратена за одобрение",
        "ИПП версия 1: одобрена и в сила",
    ]
    returned = next(e for e in events if e.kind == "plan.returned")
    assert (returned.detail, returned.actor) == ("Уточнете индикаторите.", "Мария Петрова")
    assert returned.url.endswith(f"/plan-versions/{submitted.pk}/")
    assert f"Подписан договор № {contract.number}" in titles
    assert f"Анекс за промяна към договор № {contract.number}" in titles
    assert any(e.kind == "plan.approved" for e in case_timeline(submitted.case))


def test_the_timeline_runs_a_fixed_number_of_queries(approved, manager, psychologist):
    case = approved.case
    case.centre  # noqa: B018 - loaded, as on the case page
    with CaptureQueriesContext(connection) as one:
        timeline_events(case)
    change_status(case, to_status=CaseStatus.ACTIVE, actor=manager)
    for _ in range(3):
        version = start_plan(case, actor=psychologist)
        save_plan(version, actor=psychologist, data=plan_data(psychologist))
        approve_plan(submit_plan(version, actor=psychologist), actor=manager)

    case.centre  # noqa: B018
    with CaptureQueriesContext(connection) as many:
        events = timeline_events(case)

    assert len(events) > 10
    assert len(many) == len(one) == 3
