"""Find places where sources disagree about the same figure.

Both figures are always kept (which one is right is a judgement for the data team); this module
only points at them. Two actual observations conflict when they are about the same unit and
indicator, come from different sources, refer to dates close enough that the true value cannot
have moved much, and differ by more than a tolerance. A source that gives two different values
for the same unit, indicator, period and kind (possible only when two registered files repeat a
figure: `dtlib add` refuses such a delivery, naming both rows) is reported as a
`same_source_repeat`.
"""

from __future__ import annotations

import pandas as pd

CONFLICT_WINDOW_DAYS = 183
"""Observations whose reference dates are at most this far apart describe 'the same moment'."""

CONFLICT_RELATIVE_TOLERANCE = 0.10
"""Relative difference (to the larger value) above which two figures are said to disagree."""

CONFLICT_COLUMNS: tuple[str, ...] = (
    "unit_id", "indicator", "period_a", "value_a", "source_a", "period_b", "value_b", "source_b",
    "relative_difference", "days_apart", "reason",
)
REPEAT_KEY: tuple[str, ...] = ("unit_id", "indicator", "period", "kind", "source_id")


def find_conflicts(observations: pd.DataFrame, window_days: int = CONFLICT_WINDOW_DAYS,
                   rel_tol: float = CONFLICT_RELATIVE_TOLERANCE) -> pd.DataFrame:
    """Pairs of actual figures from different sources that disagree (see module docstring)."""
    actual = observations[(observations["kind"] == "actual") & (observations["status"] == "ok")]
    pairs = actual.merge(actual, on=["unit_id", "indicator"], suffixes=("_a", "_b"))
    pairs = pairs[(pairs["source_id_a"] < pairs["source_id_b"])]
    days = (pairs["ref_date_a"] - pairs["ref_date_b"]).abs().dt.days
    larger = pairs[["value_a", "value_b"]].abs().max(axis=1)
    relative = (pairs["value_a"] - pairs["value_b"]).abs() / larger.where(larger > 0)
    pairs = pairs.assign(days_apart=days, relative_difference=relative.fillna(0.0), reason="sources_disagree")
    found = pairs[(pairs["days_apart"] <= window_days) & (pairs["relative_difference"] > rel_tol)]
    found = found.rename(columns={"source_id_a": "source_a", "source_id_b": "source_b"})
    found = pd.concat([found[list(CONFLICT_COLUMNS)], find_repeats(observations)], ignore_index=True)
    return found.sort_values(["unit_id", "indicator"]).reset_index(drop=True)


def find_repeats(observations: pd.DataFrame) -> pd.DataFrame:
    """Pairs of figures from one source with the same key and different values."""
    rows = observations[observations["status"] == "ok"]
    pairs = rows.merge(rows, on=list(REPEAT_KEY), suffixes=("_a", "_b"))
    pairs = pairs[pairs["value_a"] < pairs["value_b"]]
    larger = pairs[["value_a", "value_b"]].abs().max(axis=1)
    relative = (pairs["value_a"] - pairs["value_b"]).abs() / larger.where(larger > 0)
    out = pairs.assign(period_a=pairs["period"], period_b=pairs["period"], source_a=pairs["source_id"],
                       source_b=pairs["source_id"], relative_difference=relative.fillna(0.0),
                       days_apart=0, reason="same_source_repeat")
    return out[list(CONFLICT_COLUMNS)]
