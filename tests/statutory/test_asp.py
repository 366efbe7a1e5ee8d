"""The ASP data: the activities and contracts sheets counted from sessions and contracts."""

from datetime import date, time

import pytest

from opora.cases.models import CaseService
from opora.consultations.enums import SessionKind, SessionStatus
from opora.consultations.models import Session
from opora.plans.enums import AnnexKind, ContractStatus, SignatoryCapacity
from opora.plans.models import Annex, Contract
from opora.reporting.domain.periods import Period
from opora.statutory.domain.asp import asp_data

pytestmark = pytest.mark.django_db
MARCH = Period.month(2026, 3)


def _session(case, lead, day: date, kind: str, status: str) -> Session:
    return Session.objects.create(
        centre=case.centre, case=case, kind=kind, status=status, date=day,
        start_time=time(10), duration_minutes=50, lead=lead, created_by=lead,
    )  # fmt: skip


def _contract(case, actor, number: str, signed_on: date, end_on: date, **fields) -> Contract:
    return Contract.objects.create(
        centre=case.centre, case=case, number=number, status=fields.pop("status", "signed"),
        signatory_name="Родител", signatory_capacity=SignatoryCapacity.PARENT,
        start_on=signed_on, end_on=end_on, signed_on=signed_on, created_by=actor, **fields,
    )  # fmt: skip


def test_the_activities_sheet_counts_users_by_service_and_sessions_by_kind(centre, manager, march):
    CaseService.objects.filter(case__in=[march["B"], march["C"]]).delete()
    CaseService.objects.create(case=march["B"], service="therapy")
    CaseService.objects.create(case=march["C"], service="therapy")
    S, K = SessionStatus, SessionKind
    _session(march["B"], manager, date(2026, 3, 12), K.INDIVIDUAL_PSYCH, S.HELD)
    _session(march["B"], manager, date(2026, 3, 19), K.INDIVIDUAL_PSYCH, S.HELD)
    _session(march["C"], manager, date(2026, 3, 6), K.INDIVIDUAL_PSYCH, S.HELD)
    _session(march["C"], manager, date(2026, 3, 13), K.HOME_VISIT, S.NO_SHOW)
    _session(march["B"], manager, date(2026, 4, 2), K.INDIVIDUAL_PSYCH, S.HELD)  # April
    _session(march["D"], manager, date(2026, 3, 31), K.FAMILY, S.CANCELLED)

    data = asp_data(centre, MARCH)

    rows = {(row[0], row[1]): row[2:] for row in data.sheet("activities").rows}
    assert rows[("Услуга", "Психологическа терапия (индивидуална, семейна, групова)")][0] == 2
    assert rows[("Дейност", "Индивидуална психологическа консултация")] == [2, 3, 0]
    assert rows[("Дейност", "Посещение в дома")] == [0, 0, 1]
    assert data.summary["sessions_by_kind"]["individual_psych"] == 3
    assert data.summary["no_shows"] == 1


def test_the_contracts_sheet_holds_the_contracts_in_force_in_the_period(centre, manager, march):
    in_force = _contract(march["D"], manager, "5/2026", date(2026, 1, 20), date(2026, 7, 20))
    Annex.objects.create(
        contract=in_force, kind=AnnexKind.CHANGE, signed_on=date(2026, 3, 2),
        changes="Добавена услуга", created_by=manager,
    )  # fmt: skip
    _contract(march["A"], manager, "1/2025", date(2025, 3, 1), date(2026, 2, 28))  # ended
    _contract(march["B"], manager, "9/2026", date(2026, 4, 3), date(2026, 9, 3))  # later
    _contract(
        march["C"], manager, "7/2026", date(2026, 3, 6), date(2026, 9, 6),
        status=ContractStatus.TERMINATED, terminated_on=date(2026, 3, 15),
    )  # fmt: skip

    rows = asp_data(centre, MARCH).sheet("contracts").rows

    assert [row[0] for row in rows] == ["5/2026", "7/2026"]
    assert rows[0][5] == "Анекс за промяна от 02.03.2026"
    assert rows[1][6] == "Прекратен"
