"""Interim trajectories from a baseline to a target, and the "on track this quarter?" check.

A trajectory is the path an indicator must follow to reach its target on time: a straight line,
or for percentages a logistic (S-curve) path toward the 100 % ceiling, as in the EU Digital
Decade trajectories (JRC; methods.md 3.2: r* = [logit(y_T/K) - logit(y_b/K)] / (T - t_b)).
Comparing each new observation with the path answers "are we on track this quarter?" without
waiting for enough points for a growth rate. Pure functions; no file reading, no drawing.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dtlib.analysis.series import (
    LOGIT_EPS,
    clean_series,
    decimal_year,
    direction_sign,
    expit,
    logit,
    target_time,
)
from dtlib.analysis.targets import Target

PATHS: tuple[str, ...] = ("linear", "logistic")
"""Trajectory shapes: 'linear' for any indicator, 'logistic' for a share with a ceiling."""


def trajectory_value(
    t: np.ndarray | float, t0: float, x0: float, t_target: float, x_target: float,
    path: str = "linear", ceiling: float = 100.0,
) -> np.ndarray:
    """Value on the path through (t0, x0) and (t_target, x_target) at decimal-year times `t`.

    The logistic path is straight in logit(x / ceiling), so it rises fastest mid-way and
    flattens near the ceiling (values at 0 or the ceiling are clipped by LOGIT_EPS).
    """
    t = np.asarray(t, float)
    frac = (t - t0) / (t_target - t0)
    if path == "linear":
        return x0 + frac * (x_target - x0)
    if path == "logistic":
        z0, z1 = logit(np.array([x0, x_target]) / ceiling, LOGIT_EPS)
        return ceiling * expit(z0 + frac * (z1 - z0))
    raise ValueError(f"path must be one of {PATHS}, got {path!r}")


def trajectory_frame(
    base_date: pd.Timestamp, base_value: float, target: Target, path: str = "linear",
    ceiling: float = 100.0, freq: str = "QE",
) -> pd.DataFrame:
    """The path at every period end (quarterly by default) from the baseline to the target."""
    dates = pd.date_range(pd.Timestamp(base_date), pd.Timestamp(target.year, 12, 31), freq=freq)
    t0 = float(decimal_year([base_date])[0])
    values = trajectory_value(decimal_year(dates), t0, base_value, target_time(target.year),
                              target.value, path, ceiling)
    return pd.DataFrame({"date": dates, "expected": values, "path": path})


@dataclass(frozen=True)
class InterimCheck:
    """Latest observation against the trajectory value at its date."""

    on_track: bool | None
    path: str
    date: pd.Timestamp | None
    observed: float
    expected: float
    gap: float
    note: str = ""


def check_interim(
    dates: pd.Series | list,
    values: pd.Series | list,
    target: Target,
    direction: str,
    path: str = "linear",
    ceiling: float = 100.0,
    base_date: pd.Timestamp | None = None,
    base_value: float | None = None,
) -> InterimCheck:
    """Is the latest observation on or beyond the path from the baseline to the target?

    The baseline is the first observation unless `base_date`/`base_value` give one (e.g. the
    value in the plan's base year), so a single new observation can be checked. `gap` is
    observed minus expected, signed so that positive is better.
    """
    sign = direction_sign(direction)
    s = clean_series(dates, values)
    if base_date is not None and base_value is not None:
        t0, x0 = float(decimal_year([base_date])[0]), float(base_value)
        later = s.t > t0
        s_t, s_x, s_d = s.t[later], s.values[later], s.dates[later]
    else:
        if s.n < 2:
            return InterimCheck(None, path, s.dates[-1] if s.n else None,
                                float(s.values[-1]) if s.n else np.nan, np.nan, np.nan,
                                "one observation and no baseline given: nothing to compare")
        t0, x0 = s.t[0], s.values[0]
        s_t, s_x, s_d = s.t[1:], s.values[1:], s.dates[1:]
    if len(s_t) == 0:
        return InterimCheck(None, path, None, np.nan, np.nan, np.nan,
                            "no observation after the baseline")
    expected = float(trajectory_value(s_t[-1], t0, x0, target_time(target.year), target.value,
                                      path, ceiling))
    gap = sign * (float(s_x[-1]) - expected)
    return InterimCheck(bool(gap >= 0), path, s_d[-1], float(s_x[-1]), expected, gap)
