"""The benchmark's table: percentiles, ratios to the floor and to the admin peer."""

from bench.stats import Measure, markdown, percentile, rows

NOT_MEASURED = "не е измерено"


def test_nearest_rank_percentiles():
    values = list(range(1, 101))
    assert percentile(values, 50) == 50
    assert percentile(values, 95) == 95
    assert percentile(values, 99) == 99
    assert percentile([7.0], 99) == 7.0


def test_rows_compare_with_the_floor_and_the_peer():
    floor = Measure("floor", times_ms=[2.0] * 20, queries={0})
    ours = Measure("search", times_ms=[4.0] * 20, queries={5}, peer="admin")
    peer = Measure("admin", times_ms=[400.0] * 20, queries={3})
    report = Measure("report", note=NOT_MEASURED)

    table = rows([floor, ours, peer, report], floor)

    assert table[1] == ("search", "4.0", "4.0", "4.0", "2.0×", "100.0× по-бързо", "5")
    assert table[3][-1] == NOT_MEASURED
    assert markdown(("a", "b"), [("1", "2")]).splitlines()[2] == "| 1 | 2 |"
