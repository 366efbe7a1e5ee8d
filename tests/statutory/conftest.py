from datetime import date

import pytest

from opora.cases.enums import CaseStatus
from opora.cases.models import WaitingListEntry
from tests.factories import make_case
from tests.statutory.history import at, rewrite_history

S = CaseStatus
MARCH = (2026, 3)


@pytest.fixture
def centre(centre):
    centre.capacity = 10
    centre.address = "ул. „Въча“ 2"
    centre.save()
    return centre


@pytest.fixture
def march(centre, manager):
    """A March 2026 counted by hand (capacity 10):

    A: place from 20.02, closed on 01.03  -> user of March, no day of March, one departure
    B: place from 10.03, still            -> days 10–31 (22), one admission
    C: place 05.03 – 15.03                -> days 5–14 (10), one admission, one departure
    D: place from 01.01 (active from 01.02) -> all 31 days
    E: place from 01.04                   -> nothing
    G: general-access consultation 03.03 – 20.03; H: one opened 25.02 -> one consultation
    Waiting list at the end of 31.03: W1 (entered 20.03), W3 (entered 31.03 23:00); W2 left 31.03.
    user-days 63, users 4, average 63/31 = 2.03, maximum 3 (10.03–14.03).
    """
    cases = {label: make_case(centre, manager) for label in "ABCDEFW"}
    rewrite_history(cases["A"], (S.INTAKE, date(2026, 2, 18)), (S.ASSESSMENT, date(2026, 2, 20)),
                    (S.CLOSED, date(2026, 3, 1)))  # fmt: skip
    rewrite_history(cases["B"], (S.INTAKE, date(2026, 3, 9)), (S.ASSESSMENT, date(2026, 3, 10)))
    rewrite_history(cases["C"], (S.ASSESSMENT, date(2026, 3, 5)), (S.CLOSED, date(2026, 3, 15)))
    rewrite_history(cases["D"], (S.ASSESSMENT, date(2026, 1, 1)), (S.PLANNING, date(2026, 1, 15)),
                    (S.CONTRACTING, date(2026, 1, 20)), (S.ACTIVE, date(2026, 2, 1)))  # fmt: skip
    rewrite_history(cases["E"], (S.INTAKE, date(2026, 3, 30)), (S.ASSESSMENT, date(2026, 4, 1)))
    rewrite_history(cases["F"], (S.INTAKE, date(2026, 3, 2)))
    general = make_case(centre, manager, S.CONSULTATION_OPEN)
    rewrite_history(general, (S.CONSULTATION_OPEN, date(2026, 3, 3)),
                    (S.CONSULTATION_CLOSED, date(2026, 3, 20)))  # fmt: skip
    earlier = make_case(centre, manager, S.CONSULTATION_OPEN)
    rewrite_history(earlier, (S.CONSULTATION_OPEN, date(2026, 2, 25)))
    waiting = cases["W"]
    WaitingListEntry.objects.filter(centre=centre).delete()
    for entered, left in [
        (at(date(2026, 3, 20)), None),
        (at(date(2026, 2, 1)), at(date(2026, 3, 31))),
        (at(date(2026, 3, 31), 23), None),
    ]:
        WaitingListEntry.objects.create(
            centre=centre, case=waiting, entered_at=entered, left_at=left
        )
    return cases
