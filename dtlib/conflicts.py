"""Find places where sources disagree about the same figure.

Both figures are always kept (which one is right is a judgement for the data team); this module
only points at them. Two actual observations conflict when they are about the same unit and
indicator, come from different sources, refer to dates close enough that the true value cannot
have moved much, and differ by more than a tolerance.
"""

from __future__ import annotations

import pandas as pd

CONFLICT_WINDOW_DAYS = 183
"""Observations whose reference dates are at most this far apart describe 'the same moment'."""

CONFLICT_RELATIVE_TOLERANCE = 0.10
"""Relative difference (to the larger value) above which two figures are said to disagree."""

CONFLICT_COLUMNS: tuple[str, ...] = (
    "unit_id", "indicator", "period_a", "value_a", "source_a", "period_b", "value_b", "source_b",
    "relative_difference", "days_apart",
)


def find_conflicts(observations: pd.DataFrame, window_days: int = CONFLICT_WINDOW_DAYS,
                   rel_tol: float = CONFLICT_RELATIVE_TOLERANCE) -> pd.DataFrame:
    """Pairs of actual figures from different sources that disagree (see module docstring)."""
    actual = observations[(observations["kind"] == "actual") & (observations["status"] == "ok")]
    pairs = actual.merge(actual, on=["unit_id", "indicator"], suffixes=("_a", "_b"))
    pairs = pairs[(pairs["source_id_a"] < pairs["source_id_b"])]
    days = (pairs["ref_date_a"] - pairs["ref_date_b"]).abs().dt.days
    larger = pairs[["value_a", "value_b"]].abs().max(axis=1)
    relative = (pairs["value_a"] - pairs["value_b"]).abs() / larger.where(larger > 0)
    pairs = pairs.assign(days_apart=days, relative_difference=relative.fillna(0.0))
    found = pairs[(pairs["days_apart"] <= window_days) & (pairs["relative_difference"] > rel_tol)]
    found = found.rename(columns={"source_id_a": "source_a", "source_id_b": "source_b"})
    return found[list(CONFLICT_COLUMNS)].sort_values(["unit_id", "indicator"]).reset_index(drop=True)
