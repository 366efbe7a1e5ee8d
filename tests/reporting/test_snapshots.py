"""Submitted reports: stored with their definition, re-run identically, later changes shown."""

from datetime import date

import pytest

from opora.audit.models import AuditEntry
from opora.reporting.domain.periods import Period
from opora.reporting.domain.scope import Scope
from opora.reporting.domain.snapshots import compare, differences, rerun, take_snapshot
from opora.reporting.models import ReportSnapshot
from tests.reporting.world import APRIL, S, build_world, history

pytestmark = pytest.mark.django_db


def test_a_snapshot_stores_figures_definition_and_scope_and_is_audited():
    world = build_world()
    snapshot = take_snapshot("statistics", actor=world.manager, scope=Scope.centre(world.centre),
                             period=APRIL, submitted_to="Община Харманли")  # fmt: skip
    assert snapshot.centre == world.centre and snapshot.centre_ids == [world.centre.pk]
    assert snapshot.figures["total"]["tables"][0]["total"] == 7
    assert "Потребители през периода" in snapshot.definition
    assert (snapshot.period_start, snapshot.period_end) == (APRIL.start, APRIL.end)
    entry = AuditEntry.objects.filter(action="report.snapshot").get()
    assert entry.centre_id_copy == world.centre.pk and entry.object_id == str(snapshot.pk)


def test_a_rerun_gives_identical_numbers_and_a_later_change_shows_as_a_difference():
    world = build_world()
    snapshot = take_snapshot("statistics", actor=world.manager, scope=Scope.centre(world.centre),
                             period=APRIL)  # fmt: skip
    assert rerun(snapshot) == snapshot.figures
    assert differences(snapshot) == []
    # A status recorded late, dated inside April: E now held a place on 01.04.
    history(world.cases["e"], (S.INTAKE, date(2025, 12, 20)), (S.ASSESSMENT, date(2026, 1, 1)),
            (S.CLOSED, date(2026, 4, 2)))  # fmt: skip
    found = {d.path: (d.stored, d.now) for d in differences(snapshot)}
    assert found["Общо / Потребители по вид услуга / Специализирана услуга"] == (6, 7)
    assert found["Общо / Потребители по вид услуга / Общо"] == (7, 8)


def test_snapshots_are_append_only():
    world = build_world()
    snapshot = take_snapshot("statistics", actor=world.manager, scope=Scope.centre(world.centre),
                             period=Period.month(2026, 4))  # fmt: skip
    with pytest.raises(ValueError):
        snapshot.save()
    with pytest.raises(ValueError):
        snapshot.delete()
    assert ReportSnapshot.objects.count() == 1


def test_compare_names_the_path_of_each_difference():
    stored = {"a": {"rows": [{"label": "x", "count": 1}, {"label": "y", "count": 2}]}}
    now = {"a": {"rows": [{"label": "x", "count": 1}, {"label": "y", "count": 3}]}, "b": 1}
    found = [(d.path, d.stored, d.now) for d in compare(stored, now)]
    assert found == [("a / y", 2, 3), ("b", None, 1)]
