"""Forecasts: model choice by data length, honest degradation, P(target met), back-test coverage.

The back-tests run on synthetic series generated deterministically here: the embedded real
series (press reports, DTI 2020-2022) have at most a handful of points per unit, too few for a
rolling-origin back-test. Run `pytest tests/test_analysis_forecast.py -k backtest -rP` to see
the measured coverage printed.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dtlib.analysis.forecast import (
    MIN_POINTS_STATE_SPACE,
    backtest,
    forecast_all,
    forecast_series,
)
from dtlib.analysis.targets import Target

YEARS = pd.date_range("2019-12-31", periods=6, freq="YE")


def test_two_points_are_insufficient_with_reason():
    fc = forecast_series(YEARS[:2], [40, 50], "higher_better", "percent", Target(80, 2025))
    assert fc.status == "insufficient_data"
    assert "two points" in fc.reason
    assert np.isnan(fc.p_target_met) and fc.path.empty


def test_three_points_give_wide_ols_intervals_on_logit_scale():
    fc = forecast_series(YEARS[:3], [40, 50, 58], "higher_better", "percent", Target(80, 2025))
    assert (fc.status, fc.model) == ("ok", "ols")
    assert "logit" in fc.reason
    last = fc.path.iloc[-1]
    assert last["date"] == pd.Timestamp("2025-12-31")
    # One residual degree of freedom: the 95 % interval spans most of the 0-100 range but never
    # leaves it.
    assert 0 < last["lower_95"] < last["lower_80"] < last["mean"] < last["upper_80"]
    assert last["upper_95"] <= 100
    assert last["upper_95"] - last["lower_95"] > 40
    assert 0 < fc.p_target_met < 1


def test_more_points_narrow_the_fan():
    few = forecast_series(YEARS[:3], [40, 50, 60], "higher_better", "count", Target(100, 2026))
    many = forecast_series(YEARS, [40, 50, 60, 70, 80, 90], "higher_better", "count",
                           Target(100, 2026))
    width = [f.path.iloc[-1]["upper_80"] - f.path.iloc[-1]["lower_80"] for f in (few, many)]
    assert width[1] < width[0]


def test_p_target_met_follows_direction():
    rising = [50, 55, 61, 66, 70]
    up = forecast_series(YEARS[:5], rising, "higher_better", "count", Target(75, 2025))
    assert up.p_target_met > 0.9
    down = forecast_series(YEARS[:5], rising[::-1], "lower_better", "count", Target(45, 2025))
    assert down.p_target_met > 0.9
    hopeless = forecast_series(YEARS[:5], rising, "higher_better", "count", Target(200, 2025))
    assert hopeless.p_target_met < 0.05


def test_regular_long_series_use_local_linear_trend():
    rng = np.random.default_rng(3)
    dates = pd.date_range("2020-03-31", periods=MIN_POINTS_STATE_SPACE + 4, freq="QE")
    values = 30 + 1.5 * np.arange(len(dates)) + rng.normal(0, 1, len(dates))
    fc = forecast_series(dates, values, "higher_better", "points", Target(70, 2025))
    assert fc.model == "local_linear_trend"
    assert fc.path["date"].iloc[-1] == pd.Timestamp("2025-12-31")
    irregular = forecast_series(dates.delete(3), np.delete(values, 3), "higher_better",
                                "points", Target(70, 2025))
    assert irregular.model == "ols"  # a gap breaks the regular spacing


def test_long_horizon_is_flagged():
    fc = forecast_series(YEARS[3:6], [10, 11, 12], "higher_better", "count", Target(30, 2030))
    assert "indicative only" in fc.reason


def test_forecast_all_frame():
    rows = []
    for unit, values in (("P63-74", [40, 50, 58]), ("P63-70", [45, None, None])):
        for date, v in zip(YEARS[:3], values, strict=True):
            rows.append({"unit_id": unit, "indicator": "dossiers_online", "ref_date": date,
                         "value": v, "kind": "actual", "status": "ok" if v else "unparsed"})
    obs = pd.DataFrame(rows)
    targets = pd.DataFrame({"indicator": ["dossiers_online"], "scope": ["national"],
                            "value": [80.0], "year": [2025], "comparator": [None],
                            "source_id": ["t"]})
    meta = pd.DataFrame({"indicator": ["dossiers_online"], "direction": ["higher_better"],
                         "unit": ["percent"]})
    out = forecast_all(obs, targets, meta)
    bd = out.loc[out["unit_id"].eq("P63-74")]
    assert len(bd) == 16 and bd["status"].eq("ok").all()  # quarters of 2022-2025
    bp = out.loc[out["unit_id"].eq("P63-70")]
    assert len(bp) == 1 and bp["status"].iloc[0] == "insufficient_data"


def _coverage(frames: list[pd.DataFrame], label: str, nominal: float) -> float:
    bt = pd.concat(frames, ignore_index=True)
    cov = float(bt["covered"].mean())
    print(f"back-test {label}: {len(bt)} one-step forecasts, {nominal:.0%} interval "
          f"coverage = {cov:.1%}")
    return cov


def test_backtest_coverage_ols_on_short_annual_series():
    """40 synthetic annual series of 10 points (linear trend + N(0, 2) noise), origins 5..9."""
    rng = np.random.default_rng(2024)
    dates = pd.date_range("2013-12-31", periods=10, freq="YE")
    runs = {0.8: [], 0.95: []}
    for _ in range(40):
        values = 30 + rng.uniform(1, 4) * np.arange(10) + rng.normal(0, 2, 10)
        for level, frames in runs.items():
            frames.append(backtest(dates, values, "points", min_train=5, level=level))
    assert {m for f in runs[0.8] for m in f["model"]} == {"ols"}
    assert 0.72 <= _coverage(runs[0.8], "OLS (annual, 5-9 points)", 0.8) <= 0.90
    assert _coverage(runs[0.95], "OLS (annual, 5-9 points)", 0.95) >= 0.90


def test_backtest_coverage_local_linear_trend_on_quarterly_series():
    """8 synthetic quarterly series of 18 points (drifting level and slope + noise)."""
    rng = np.random.default_rng(7)
    dates = pd.date_range("2015-03-31", periods=18, freq="QE")
    frames = []
    for _ in range(8):
        level = 40 + np.cumsum(rng.uniform(0.5, 1.5) + rng.normal(0, 0.5, 18))
        frames.append(backtest(dates, level + rng.normal(0, 1, 18), "points",
                               min_train=MIN_POINTS_STATE_SPACE, level=0.8))
    assert {m for f in frames for m in f["model"]} == {"local_linear_trend"}
    cov = _coverage(frames, "local linear trend (quarterly, 12-17 points)", 0.8)
    assert 0.6 <= cov <= 0.95


def test_backtest_rejects_unknown_level():
    with pytest.raises(ValueError, match="level"):
        backtest(YEARS, [1, 2, 3, 4, 5, 6], level=0.5)
