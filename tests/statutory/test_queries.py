"""The figures run a fixed number of grouped queries, however many cases the centre has."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from opora.cases.enums import CaseStatus
from opora.reporting.domain.periods import Period
from opora.statutory.domain.annual import annual_figures_of
from opora.statutory.domain.asp import asp_data
from opora.statutory.domain.occupancy import occupancy_statement
from tests.factories import make_case
from tests.statutory.history import rewrite_history

pytestmark = pytest.mark.django_db


def _count(function) -> int:
    with CaptureQueriesContext(connection) as queries:
        function()
    return len(queries)


def _more_cases(centre, manager, n: int) -> None:
    for index in range(n):
        case = make_case(centre, manager)
        rewrite_history(case, (CaseStatus.ASSESSMENT, date(2026, 3, 1 + index)))


@pytest.mark.parametrize(
    "compute",
    [
        lambda c: occupancy_statement(c, Period.month(2026, 3)),
        lambda c: annual_figures_of(c, Period.year(2026)),
        lambda c: asp_data(c, Period.month(2026, 3)),
    ],
    ids=["occupancy", "annual", "asp"],
)
def test_the_same_queries_for_few_and_many_cases(compute, centre, manager, march):
    few = _count(lambda: compute(centre))
    _more_cases(centre, manager, 6)

    assert _count(lambda: compute(centre)) == few
