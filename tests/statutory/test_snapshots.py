"""„Подай“ stores the figures with their definition; „Провери отново“ re-runs and compares."""

from datetime import date

import pytest

from opora.cases.enums import CaseStatus
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.snapshots import differences, rerun, take_snapshot
from opora.reporting.models import ReportSnapshot
from opora.statutory.enums import ASP_DATA, OCCUPANCY
from tests.factories import make_case
from tests.statutory.history import rewrite_history

pytestmark = pytest.mark.django_db
MARCH = Period.month(2026, 3)


def test_a_submitted_statement_reruns_identically(centre, manager, march):
    snapshot = take_snapshot(
        OCCUPANCY, actor=manager, scope=Scope.centre(centre), period=MARCH,
        submitted_to="Община Харманли",
    )  # fmt: skip

    assert snapshot.figures["user_days"] == 63
    assert snapshot.figures["days"]["2026-03-10"] == 3
    assert "потребителодни" in snapshot.definition
    assert rerun(snapshot) == snapshot.figures
    assert differences(snapshot) == []


def test_a_later_change_of_the_history_shows_as_a_difference(centre, manager, march):
    snapshot = take_snapshot(OCCUPANCY, actor=manager, scope=Scope.centre(centre), period=MARCH)
    late = make_case(centre, manager)
    rewrite_history(late, (CaseStatus.ASSESSMENT, date(2026, 3, 30)))

    found = {d.path: (d.stored, d.now) for d in differences(snapshot)}

    assert found["users"] == (4, 5)
    assert found["user_days"] == (63, 65)
    assert found["days / 2026-03-30"] == (2, 3)
    assert "days / 2026-03-29" not in found


def test_the_asp_snapshot_keeps_counts_and_no_names(centre, manager, march):
    snapshot = take_snapshot(ASP_DATA, actor=manager, scope=Scope.centre(centre), period=MARCH)

    assert snapshot.figures["counts"]["users"] == 6  # A, B, C, D and two open consultations
    assert snapshot.figures["counts"]["waiting"] == 3
    names = [case.primary_person.last_name for case in march.values()]
    assert not [name for name in names if name in str(snapshot.figures)]
    assert differences(snapshot) == []


def test_the_snapshot_page_says_identical_then_shows_the_difference(
    centre, manager, march, client_of
):
    client = client_of(manager)
    response = client.post(
        "/c/harmanli/statutory/occupancy/submit/?year=2026&month=3",
        {"submitted_to": "Община Харманли", "note": "изх. № 12"},
    )
    snapshot = ReportSnapshot.objects.get(centre=centre, code=OCCUPANCY)
    url = f"/c/harmanli/statutory/snapshots/?snapshot={snapshot.pk}"

    assert response.status_code == 302
    assert snapshot.submitted_to == "Община Харманли"
    assert (snapshot.period_start, snapshot.period_end) == (MARCH.start, MARCH.end)
    assert "същите числа" in client.get(url).content.decode()

    rewrite_history(make_case(centre, manager), (CaseStatus.ASSESSMENT, date(2026, 3, 30)))
    page = client.get(url).content.decode()

    assert "се различава от подадения" in page
    assert "days / 2026-03-30" in page


def test_a_submission_without_an_addressee_is_refused_in_bulgarian(centre, manager, client_of):
    response = client_of(manager).post(
        "/c/harmanli/statutory/occupancy/submit/?year=2026&month=3", {"submitted_to": ""},
        follow=True,
    )  # fmt: skip

    assert "Напишете към кого се подава." in response.content.decode()
    assert not ReportSnapshot.objects.exists()
