"""Small counts are hidden in roll-ups, and the hidden ones cannot be worked out from the totals."""

import pytest

from opora.reporting.domain.scope import Scope
from opora.reporting.domain.statistics import Group, Table, centre_statistics
from opora.reporting.domain.suppression import suppress
from tests.factories import CentreFactory
from tests.reporting.world import APRIL, build_world

HIDDEN = "< 5"


def _single(rows, total=None) -> Table:
    rows = [[label, n] for label, n in rows]
    return Table("t", "T", "single", rows, total if total is not None else sum(n for _l, n in rows))


def _suppressed(*tables, parts=()) -> list[Group]:
    groups = [Group("Общо", 1, list(tables)), *parts]
    suppress(groups, threshold=5)
    return groups


def test_counts_from_one_to_four_show_as_less_than_five_and_zero_stays():
    table = _single([("a", 0), ("b", 1), ("c", 4), ("d", 5), ("e", 12)])
    _suppressed(table)
    assert [n for _l, n in table.rows] == [0, HIDDEN, HIDDEN, 5, 12]
    assert table.total == 22


def test_a_lone_hidden_cell_takes_the_next_smallest_with_it():
    table = _single([("a", 3), ("b", 9), ("c", 7), ("d", 0)])
    _suppressed(table)
    # „a“ alone could be derived as 19 − 9 − 7; „c“ (7, the next smallest non-zero) goes too.
    assert [n for _l, n in table.rows] == [HIDDEN, 9, HIDDEN, 0]


def test_a_small_total_is_hidden_with_its_cells():
    table = _single([("a", 3), ("b", 0)])
    _suppressed(table)
    assert table.rows[0][1] == HIDDEN and table.total == HIDDEN


def test_multi_valued_and_list_tables_only_hide_small_counts():
    multi = Table("m", "M", "multi", [["a", 3], ["b", 8]], 9)
    listed = Table("l", "L", "list", [["a", 2], ["b", 30], ["avg", 12]], None, averages={2: 0})
    _suppressed(multi, listed)
    assert multi.rows == [["a", HIDDEN], ["b", 8]]
    # The average wait of two admitted children is hidden with their count.
    assert listed.rows == [["a", HIDDEN], ["b", 30], ["avg", HIDDEN]]


def test_across_municipalities_a_lone_hidden_cell_takes_the_next_smallest():
    total = Table("l", "L", "list", [["x", 27]], None)
    parts = [Group(name, 1, [Table("l", "L", "list", [["x", n]], None)])
             for name, n in (("А", 2), ("Б", 10), ("В", 15))]  # fmt: skip
    _suppressed(total, parts=parts)
    assert [part.tables[0].rows[0][1] for part in parts] == [HIDDEN, HIDDEN, 15]
    assert total.rows[0][1] == 27


@pytest.mark.django_db
def test_a_rollup_hides_small_counts_and_a_centre_report_does_not(other_centre):
    world = build_world()
    CentreFactory(slug="topolovgrad", municipality="Тополовград", capacity=3)
    own = centre_statistics(Scope.centre(world.centre), APRIL)
    rolled = centre_statistics(Scope.rollup_of([world.centre, other_centre], "Хасково"), APRIL)
    own_ages = dict(own.total.tables[1].rows)
    rolled_ages = dict(rolled.total.tables[1].rows)
    assert own_ages["14–18 г."] == 2
    assert rolled_ages["14–18 г."] == HIDDEN
    assert rolled.total.tables[0].total == 7  # 7 users: shown
    assert [group.label for group in rolled.groups] == ["Община Харманли", "Община Хасково"]
    # The export and the snapshot carry the same suppressed values.
    assert rolled.as_json()["total"]["tables"][1]["rows"][3]["count"] == HIDDEN
