"""Which target applies to a unit x indicator, and whether a value meets it.

Targets come from the catalog (`targets[]`, scope national or a unit id) or from observation
rows of kind 'target'. Any object with `value`, `year` and `comparator` (such as dtlib.Target
from the catalog) can be passed where a Target is expected.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from dtlib.analysis.series import COMPARATORS, direction_sign
from dtlib.data.catalog import meets, pick_target


@dataclass(frozen=True)
class Target:
    """A target value due by the end of `year`; comparator '>=' / '<=' or None (use direction)."""

    value: float
    year: int
    comparator: str | None = None
    source_id: str = ""


def met_side(target: Target, direction: str) -> int:
    """+1 if the target is met at or above its value, -1 if at or below (comparator first,
    else the indicator's direction)."""
    return COMPARATORS.get(str(target.comparator).strip().lower(), direction_sign(direction))


def is_target_met(latest: float, target: Target, direction: str) -> bool:
    """Whether `latest` is on the good side of the target (a strict '>' is not met at equality)."""
    comparator = str(target.comparator).strip()
    if comparator in (">=", ">", "<=", "<"):
        return meets(latest, target.value, comparator)
    side = met_side(target, direction)
    return bool(latest >= target.value) if side > 0 else bool(latest <= target.value)


def select_target(
    targets: pd.DataFrame | None, indicator: str, unit_id: str, after: pd.Timestamp | None,
    year: int | None = None,
) -> Target | None:
    """The target that applies: the unit's own before the national one; the first due at or
    after the latest observation (else the last), or exactly `year` when given."""
    if targets is None or targets.empty:
        return None
    if year is not None:
        targets = targets.loc[pd.to_numeric(targets["year"], errors="coerce").eq(year)]
    r = pick_target(targets, indicator, unit_id, None if after is None or year is not None else after.year,
                    dated_only=True)
    if r is None:
        return None
    comparator = r.get("comparator")
    return Target(float(r["value"]), int(r["year"]),
                  None if pd.isna(comparator) else str(comparator), str(r.get("source_id", "")))


def targets_from_observations(obs: pd.DataFrame) -> pd.DataFrame:
    """Observation rows of kind 'target' as a targets frame scoped to their unit."""
    rows = obs.loc[obs["kind"].eq("target") & obs["status"].fillna("ok").eq("ok")]
    return pd.DataFrame({
        "indicator": rows["indicator"],
        "scope": rows["unit_id"],
        "value": pd.to_numeric(rows["value"], errors="coerce"),
        "year": pd.to_datetime(rows["ref_date"]).dt.year,
        "comparator": None,
        "source_id": rows["source_id"],
    }).reset_index(drop=True)
