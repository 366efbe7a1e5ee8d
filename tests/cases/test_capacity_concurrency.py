"""Two managers accepting at once must not both take the last place (PostgreSQL row lock)."""

import pytest

from opora.cases.domain.capacity import capacity_of
from opora.cases.domain.intake import accept_case
from opora.cases.enums import CaseStatus
from opora.cases.models import Case
from opora.core.errors import DomainError
from tests.factories import make_case
from tests.threads import run_together

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("contenders", [2, 5])
def test_only_one_of_simultaneous_admissions_takes_the_last_place(
    centre, manager, psychologist, contenders
):
    for _ in range(centre.capacity - 1):
        make_case(centre, manager, CaseStatus.ACTIVE)
    waiting = [make_case(centre, manager) for _ in range(contenders)]

    outcomes = run_together(
        [
            lambda case=case: accept_case(case, actor=manager, case_manager=psychologist)
            for case in waiting
        ]
    )

    accepted = [o for o in outcomes if isinstance(o, Case)]
    refused = [o for o in outcomes if isinstance(o, DomainError)]
    assert len(accepted) == 1, outcomes
    assert len(refused) == contenders - 1, outcomes
    assert {e.message for e in refused} == {
        "Няма свободно място: заети са 3 от 3 места. Впишете случая в списъка на чакащите."
    }
    assert capacity_of(centre).used == centre.capacity
    statuses = sorted(
        Case.objects.filter(pk__in=[c.pk for c in waiting]).values_list("status", flat=True)
    )
    assert statuses == sorted([CaseStatus.ASSESSMENT] + [CaseStatus.INTAKE] * (contenders - 1))
