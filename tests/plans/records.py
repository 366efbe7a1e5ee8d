"""Plan and contract records in every state a plan route acts on, and a write each route accepts.

`add_plan_records(centre, manager, specialist)` gives the centre four more places and four cases:
- "update":    active, version 1 approved, version 2 a saved draft, no contract;
- "submitted": planning, version 1 awaiting the manager's decision;
- "draft":     awaiting contract, version 1 approved, a draft contract;
- "signed":    active, version 1 approved, a signed contract in force.
`PLAN_WRITES` holds, per URL name, a POST the centre's manager makes successfully on those records;
the web tests (tests/web) can use both to cover the plan routes like every other staff route.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import F

from opora.cases.domain.status import change_status
from opora.cases.enums import CasePersonRole, CaseStatus
from opora.cases.models import Case, CasePerson
from opora.centres.models import Centre
from opora.plans.domain.checks import today
from opora.plans.domain.contract import ContractData, draft_contract, sign_contract
from opora.plans.domain.plan import approve_plan, save_plan, start_plan, submit_plan
from opora.plans.enums import SignatoryCapacity
from opora.plans.models import Contract, PlanVersion
from tests.factories import PersonFactory, make_case
from tests.plans.conftest import plan_data


@dataclass
class PlanRecords:
    cases: dict[str, Case]
    versions: dict[str, PlanVersion]
    contracts: dict[str, Contract]
    parents: dict[str, CasePerson]

    def ids(self, kwarg: str) -> list[int]:
        objects = {
            "case_id": list(self.cases.values()),
            "version_id": list(self.versions.values()),
            "contract_id": list(self.contracts.values()),
        }[kwarg]
        return [obj.pk for obj in objects]


def add_plan_records(centre, manager, specialist) -> PlanRecords:
    Centre.objects.filter(pk=centre.pk).update(capacity=F("capacity") + 4)
    centre.refresh_from_db()
    records = PlanRecords({}, {}, {}, {})
    for label in ("update", "submitted", "draft", "signed"):
        case = make_case(centre, manager, CaseStatus.PLANNING, case_manager=specialist)
        records.cases[label] = case
        records.parents[label] = _parent(case)
        version = save_plan(
            start_plan(case, actor=specialist), actor=specialist, data=plan_data(specialist)
        )
        submit_plan(version, actor=specialist)
        records.versions[f"{label}-1"] = version
        if label != "submitted":
            approve_plan(version, actor=manager)
    _update(records, manager, specialist)
    _contracts(records, manager)
    return records


def _parent(case: Case) -> CasePerson:
    parent = PersonFactory(centre=case.centre, birth_date=date(1986, 3, 14))
    return CasePerson.objects.create(case=case, person=parent, role=CasePersonRole.PARENT)


def _update(records: PlanRecords, manager, specialist) -> None:
    case = records.cases["update"]
    change_status(case, to_status=CaseStatus.ACTIVE, actor=manager)
    version = save_plan(
        start_plan(case, actor=specialist), actor=specialist, data=plan_data(specialist)
    )
    records.versions["update-2"] = version


def _contracts(records: PlanRecords, manager) -> None:
    for label in ("draft", "signed"):
        contract = draft_contract(
            records.cases[label], actor=manager, data=contract_terms(records.parents[label])
        )
        if label == "signed":
            sign_contract(contract, actor=manager, signed_on=today())
        records.contracts[label] = contract


def contract_terms(link: CasePerson) -> ContractData:
    return ContractData(
        signatory=link,
        capacity=SignatoryCapacity.PARENT,
        start_on=today(),
        end_on=today() + timedelta(days=150),
        fee_note="",
    )


def _d(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def editor_fields(responsible_id: int, **overrides) -> dict:
    """The draft editor's POST: one goal with one activity."""
    values = {
        "action": "save",
        "plan-start_on": _d(today()),
        "plan-review_on": _d(today() + timedelta(days=90)),
        "plan-duration_class": "short",
        "plan-child_view": "Иска да ходи на училище.",
        "plan-family_participation": "Майката участва.",
        "goals": "1",
        "g0-title": "Училищна посещаемост",
        "g0-need": "Отсъствия",
        "g0-expected_result": "Редовно в училище",
        "g0-indicators": "",
        "g0-source": "",
        "g0-activities": "1",
        "g0a0-service": "therapy",
        "g0a0-description": "Сесии с психолог",
        "g0a0-frequency": "веднъж седмично",
        "g0a0-setting": "centre",
        "g0a0-responsible": str(responsible_id),
    }
    values.update(overrides)
    return values


def contract_fields(link: CasePerson) -> dict:
    return {
        "signatory": str(link.pk),
        "capacity": "parent",
        "start_on": _d(today()),
        "end_on": _d(today() + timedelta(days=120)),
        "fee_note": "Без такса",
    }


@dataclass(frozen=True)
class PlanWrite:
    data: Callable[[PlanRecords], dict]
    target: Callable[[PlanRecords], dict[str, int]]


PLAN_WRITES: dict[str, PlanWrite] = {
    "plans:start": PlanWrite(lambda r: {}, lambda r: {"case_id": r.cases["signed"].pk}),
    "plans:edit": PlanWrite(
        lambda r: editor_fields(r.cases["update"].case_manager_id),
        lambda r: {"version_id": r.versions["update-2"].pk},
    ),
    "plans:submit": PlanWrite(lambda r: {}, lambda r: {"version_id": r.versions["update-2"].pk}),
    "plans:approve": PlanWrite(
        lambda r: {"approve-comment": ""}, lambda r: {"version_id": r.versions["submitted-1"].pk}
    ),
    "plans:return_plan": PlanWrite(
        lambda r: {"return-comment": "Уточнете индикаторите."},
        lambda r: {"version_id": r.versions["submitted-1"].pk},
    ),
    "plans:new_contract": PlanWrite(
        lambda r: contract_fields(r.parents["update"]),
        lambda r: {"case_id": r.cases["update"].pk},
    ),
    "plans:edit_contract": PlanWrite(
        lambda r: contract_fields(r.parents["draft"]),
        lambda r: {"contract_id": r.contracts["draft"].pk},
    ),
    "plans:sign": PlanWrite(
        lambda r: {"signed_on": _d(today())}, lambda r: {"contract_id": r.contracts["draft"].pk}
    ),
    "plans:annex": PlanWrite(
        lambda r: {
            "kind": "change",
            "change-signed_on": _d(today()),
            "change-changes": "Сесиите се местят в четвъртък.",
        },
        lambda r: {"contract_id": r.contracts["signed"].pk},
    ),
}
# GET pages (a GET on the others is 405); the rest of the plan routes are POST-only writes.
PLAN_PAGES = frozenset(
    {
        "plans:plan",
        "plans:version",
        "plans:print_plan",
        "plans:edit",
        "plans:new_contract",
        "plans:contract",
        "plans:edit_contract",
        "plans:print_contract",
    }
)
