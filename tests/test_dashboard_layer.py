"""What `dtlib build` precomputes for the dashboard: verdicts and conflicts (dtlib.layer)."""

from __future__ import annotations

import pandas as pd

from dtlib.data.conflicts import find_conflicts
from dtlib.data.datasets import load_bundle
from dtlib.layer import build_reporting_layer, read_reporting_layer


def test_the_layer_carries_the_conflicts_and_one_verdict_per_unit_and_indicator(tmp_path):
    bundle = load_bundle()
    again = read_reporting_layer(build_reporting_layer(bundle, tmp_path / "_data"))
    expected = find_conflicts(again.observations).reset_index(drop=True)
    pd.testing.assert_frame_equal(again.conflicts().reset_index(drop=True), expected, check_dtype=False)
    assert (tmp_path / "_data" / "conflicts.parquet").exists()
    progress = again.progress
    assert not progress.duplicated(["unit_id", "indicator"]).any()
    # A verdict of "met" from a single point means its latest figure satisfies its target.
    single = progress[progress["method"] == "single_point"]
    assert set(single["status"]) <= {"met"}
    actual_units = set(again.actuals["unit_id"])
    assert set(progress["unit_id"]) <= actual_units
