"""Time series preparation shared by the progress, trajectory and forecast methods.

Turns observation rows (docs/architecture.md) into one clean series per unit x indicator on a
decimal-year time axis, so quarterly, monthly and irregular press-report dates all become
"years" and every pace is annual without a separate quarterly formula.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

DIRECTIONS: dict[str, int] = {"higher_better": 1, "lower_better": -1}
"""Sign of improvement per catalog direction; no default, since Open SDG's default of
'negative' is wrong for almost every digital-transformation KPI (methods.md 1.2, weakness 1)."""

LOGIT_EPS = 0.001
"""Share of the ceiling at which logits are clipped (0.1 percentage point of 100 %), so values
or targets at exactly 0 % or 100 % do not give infinite logistic paces."""

NOT_ASSESSED_UNITS: tuple[str, ...] = ("rank",)
"""Catalog units left out of progress and forecasts: a rank is ordinal and bounded by the number
of units, so growth rates and trend lines on it mean nothing (use ranking.rank_change)."""

COMPARATORS: dict[str, int] = {
    ">=": 1, "ge": 1, "gte": 1, "at_least": 1, "min": 1, ">": 1,
    "<=": -1, "le": -1, "lte": -1, "at_most": -1, "max": -1, "<": -1,
}
"""Target comparators and the side of the target that counts as met (+1: at or above)."""


def direction_sign(direction: str) -> int:
    """+1 for higher_better, -1 for lower_better; anything else is an error, never a default."""
    try:
        return DIRECTIONS[direction]
    except KeyError:
        raise ValueError(
            f"direction must be one of {sorted(DIRECTIONS)}, got {direction!r}"
        ) from None


def decimal_year(dates: pd.Series | pd.DatetimeIndex | list) -> np.ndarray:
    """Dates as decimal years, with a period's last day at the end of its year fraction.

    31 Dec 2024 -> 2025.0 and 31 Mar 2024 -> ~2024.25, so the end of year T (a target "by T")
    is T + 1 and the distance between two annual observations is exactly their year gap.
    """
    idx = pd.DatetimeIndex(pd.to_datetime(dates))
    days = np.where(idx.is_leap_year, 366.0, 365.0)
    return idx.year.to_numpy(float) + idx.day_of_year.to_numpy(float) / days


def target_time(year: int) -> float:
    """Decimal-year time of a target due by the end of `year`."""
    return float(decimal_year([pd.Timestamp(year, 12, 31)])[0])


@dataclass(frozen=True)
class Series:
    """One unit x indicator series: distinct dates in order, values, and what cleaning did."""

    dates: pd.DatetimeIndex
    t: np.ndarray
    values: np.ndarray
    notes: tuple[str, ...] = ()

    @property
    def n(self) -> int:
        """Number of distinct observation dates."""
        return len(self.values)


def clean_series(dates: pd.Series | list, values: pd.Series | list) -> Series:
    """Sort by date, drop missing values and average values that share a date (with a note)."""
    frame = pd.DataFrame({"date": pd.to_datetime(pd.Series(list(dates))),
                          "value": pd.to_numeric(pd.Series(list(values)), errors="coerce")})
    frame = frame.dropna()
    notes: list[str] = []
    dup = int(frame["date"].duplicated().sum())
    if dup:
        notes.append(f"{dup} observation(s) on an already-used date averaged")
    frame = frame.groupby("date", as_index=False)["value"].mean().sort_values("date")
    dates_idx = pd.DatetimeIndex(frame["date"])
    return Series(dates_idx, decimal_year(dates_idx), frame["value"].to_numpy(float), tuple(notes))


def usable_actuals(obs: pd.DataFrame) -> pd.DataFrame:
    """Rows that carry a measured value: kind 'actual', status 'ok' and a numeric value."""
    keep = obs["kind"].eq("actual") & obs["status"].fillna("ok").eq("ok")
    out = obs.loc[keep].copy()
    out["value"] = pd.to_numeric(out["value"], errors="coerce")
    return out.loc[out["value"].notna()]


def logit(p: np.ndarray | float, eps: float) -> np.ndarray:
    """log(p / (1 - p)) after clipping p to [eps, 1 - eps] (p is a share of the ceiling)."""
    q = np.clip(np.asarray(p, float), eps, 1 - eps)
    return np.log(q / (1 - q))


def expit(z: np.ndarray | float) -> np.ndarray:
    """Inverse of logit."""
    return 1.0 / (1.0 + np.exp(-np.asarray(z, float)))


def catalog_meta(meta: pd.DataFrame) -> pd.DataFrame:
    """Catalog metadata indexed by indicator, with direction and unit.

    Accepts the catalog table with an `indicator` or a `code` column (dtlib.Catalog.frame()).
    """
    frame = meta if "indicator" in meta.columns else meta.rename(columns={"code": "indicator"})
    missing = {"indicator", "direction"} - set(frame.columns)
    if missing:
        raise ValueError(f"indicator metadata lacks column(s) {sorted(missing)}")
    if "unit" not in frame.columns:
        frame = frame.assign(unit="")
    return frame.set_index("indicator")[["direction", "unit"]]
