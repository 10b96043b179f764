import pandas as pd

from dtlib.data.conflicts import find_conflicts


def frame(rows):
    return pd.DataFrame(rows, columns=["unit_id", "indicator", "value", "source_id", "ref_date"]).assign(
        kind="actual", status="ok", period=lambda f: f["ref_date"],
        ref_date=lambda f: pd.to_datetime(f["ref_date"]))


def test_disagreeing_sources_close_in_time_are_reported():
    found = find_conflicts(frame([
        ("P63-74", "doanh_nghiep_cntt", 13000, "seed-003", "2023-10-06"),
        ("P63-74", "doanh_nghiep_cntt", 6500, "seed-002", "2024-03-20"),
    ]))
    assert len(found) == 1
    assert found.iloc[0]["relative_difference"] == 0.5
    assert found.iloc[0]["days_apart"] == 166


def test_agreeing_or_distant_figures_are_not_conflicts():
    found = find_conflicts(frame([
        ("P63-74", "doanh_nghiep", 65000, "seed-003", "2023-10-06"),
        ("P63-74", "doanh_nghiep", 65000, "seed-002", "2024-03-20"),
        ("P63-74", "x", 10, "a", "2020-01-01"),
        ("P63-74", "x", 50, "b", "2024-01-01"),
        ("P63-74", "y", 10, "a", "2024-01-01"),
        ("P63-74", "y", 50, "a", "2024-02-01"),
    ]))
    assert found.empty
