"""Forecasts of one indicator to its target year, with prediction intervals and P(target met).

Model choice by data length (sparse press-report series of 2-5 points at irregular dates are
the norm):

* fewer than MIN_POINTS_REGRESSION dates -> "insufficient data" with the reason: two points fit
  a line exactly, leave no residual to estimate the noise from, and any interval would be made up;
* irregular dates or fewer than MIN_POINTS_STATE_SPACE -> OLS on time (statsmodels) on a
  transformed scale: logit(value/100) for percentages (the forecast cannot leave 0-100 % and
  flattens near the ceiling, as in the Digital Decade S-curves), log for positive counts
  (constant growth, as CAGR assumes), identity otherwise. Prediction intervals are Student-t with
  n - 2 degrees of freedom, so 3 points give very wide fans: that is the honest answer;
* 12 or more regularly spaced points (monthly, quarterly or annual) -> a local linear trend
  model (statsmodels UnobservedComponents), which lets level and slope drift instead of
  assuming one straight line for the whole history.

P(target met) is the predictive probability that the value at the end of the target year is on
the good side of the target, read from the same distribution as the intervals. A rolling-origin
back-test (`backtest`) reports interval coverage. Pure functions; no files, no drawing.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from dtlib.analysis.series import (
    LOGIT_EPS,
    NOT_ASSESSED_UNITS,
    catalog_meta,
    clean_series,
    decimal_year,
    direction_sign,
    expit,
    logit,
    usable_actuals,
)
from dtlib.analysis.targets import Target, met_side, select_target
from dtlib.data.methodology import latest_version_only

MIN_POINTS_REGRESSION = 3
"""Fewest distinct dates for any forecast (two points leave no residual degrees of freedom)."""

MIN_POINTS_STATE_SPACE = 12
"""Fewest regularly spaced points for the local linear trend: it estimates three variances
(level, slope, noise) by maximum likelihood, which is unstable on shorter series."""

LEVELS: tuple[float, ...] = (0.8, 0.95)
"""Central prediction-interval levels of the fan (columns lower_80/upper_80, lower_95/...)."""

LONG_HORIZON_FACTOR = 2.0
"""Horizon beyond this multiple of the observed time span is flagged as indicative only."""

LOG_UNITS: tuple[str, ...] = ("count", "people", "vnd")
"""Catalog units forecast on the log scale (positive quantities that grow multiplicatively)."""

REGULAR_STEPS_MONTHS: dict[int, str] = {1: "ME", 3: "QE", 12: "YE"}
"""Spacing in months that counts as a regular series, with the pandas frequency of its dates."""


@dataclass(frozen=True)
class Forecast:
    """A forecast path (one row per future date) and its summary."""

    status: str
    model: str
    reason: str
    n_obs: int
    p_target_met: float
    path: pd.DataFrame


def _transform(unit: str, values: np.ndarray, ceiling: float) -> tuple[str, object, object]:
    if unit == "percent":
        return ("logit", lambda v: logit(np.asarray(v, float) / ceiling, LOGIT_EPS),
                lambda z: ceiling * expit(z))
    if unit in LOG_UNITS and np.all(values > 0):
        return "log", np.log, np.exp
    return "identity", lambda v: np.asarray(v, float), lambda z: np.asarray(z, float)


def _regular_freq(dates: pd.DatetimeIndex) -> str | None:
    months = dates.year * 12 + dates.month
    steps = set(np.diff(months.to_numpy()))
    if len(steps) == 1:
        return REGULAR_STEPS_MONTHS.get(int(steps.pop()))
    return None


def _empty(status: str, model: str, reason: str, n: int) -> Forecast:
    return Forecast(status, model, reason, n, np.nan, pd.DataFrame(
        columns=["date", "t", "mean", *[f"{s}_{round(lv * 100)}" for lv in LEVELS
                                        for s in ("lower", "upper")]]))


def _ols(t: np.ndarray, z: np.ndarray, t_new: np.ndarray) -> tuple[np.ndarray, np.ndarray, float]:
    """Mean, predictive standard error and degrees of freedom of an OLS line at t_new."""
    import statsmodels.api as sm  # lazy: ~1 s of imports a report only pays when forecasting
    centre = t.mean()
    fit = sm.OLS(z, sm.add_constant(t - centre)).fit()
    pred = fit.get_prediction(sm.add_constant(t_new - centre, has_constant="add"))
    se_obs = np.sqrt(pred.se_mean**2 + fit.scale)
    return pred.predicted_mean, se_obs, float(fit.df_resid)


def _local_linear_trend(z: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray, float]:
    """Mean and predictive standard error of a local linear trend, `steps` ahead; df = inf."""
    import statsmodels.api as sm  # lazy: ~1 s of imports a report only pays when forecasting
    model = sm.tsa.UnobservedComponents(z, level="local linear trend")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = model.fit(disp=False, maxiter=200)
    fc = fit.get_forecast(steps)
    return np.asarray(fc.predicted_mean), np.sqrt(np.asarray(fc.var_pred_mean)), np.inf


def forecast_series(
    dates: pd.Series | list,
    values: pd.Series | list,
    direction: str,
    unit: str = "",
    target: Target | None = None,
    horizon_year: int | None = None,
    ceiling: float = 100.0,
    model: str = "auto",
) -> Forecast:
    """Forecast one series to the end of the target year (`horizon_year` if no target).

    `model` is 'auto' (by data length, see the module docstring), 'ols' or 'local_linear_trend'.
    A target at the ceiling (100 %) counts as met from ceiling - LOGIT_EPS (99.9 %).
    """
    direction_sign(direction)  # validate before any work: no default direction
    s = clean_series(dates, values)
    end_year = target.year if target is not None else horizon_year
    if end_year is None:
        raise ValueError("give a target or a horizon_year")
    if s.n < MIN_POINTS_REGRESSION:
        return _empty("insufficient_data", "none",
                      f"{s.n} observation date(s); a forecast needs at least "
                      f"{MIN_POINTS_REGRESSION} (two points fit a line exactly and leave "
                      "nothing to estimate the uncertainty from)", s.n)
    end = pd.Timestamp(end_year, 12, 31)
    if end <= s.dates[-1]:
        return _empty("insufficient_data", "none", f"horizon {end_year} is not after the "
                      f"latest observation ({s.dates[-1].date()})", s.n)
    name, fwd, back = _transform(unit, s.values, ceiling)
    z = fwd(s.values)
    freq = _regular_freq(s.dates)
    chosen = model
    if model == "auto":
        use_ssm = freq is not None and s.n >= MIN_POINTS_STATE_SPACE
        chosen = "local_linear_trend" if use_ssm else "ols"
    if chosen == "local_linear_trend":
        if freq is None:
            raise ValueError("local_linear_trend needs regularly spaced dates")
        new_dates = pd.date_range(s.dates[-1], end, freq=freq)[1:]
        mean, se, df = _local_linear_trend(z, len(new_dates))
    elif chosen == "ols":
        new_dates = pd.date_range(s.dates[-1], end, freq="QE")
        new_dates = new_dates[new_dates > s.dates[-1]]
        mean, se, df = _ols(s.t, z, decimal_year(new_dates))
    else:
        raise ValueError(f"model must be auto, ols or local_linear_trend, got {model!r}")
    dist = stats.t(df) if np.isfinite(df) else stats.norm()
    path = {"date": new_dates, "t": decimal_year(new_dates), "mean": back(mean)}
    for lv in LEVELS:
        q = dist.ppf(0.5 + lv / 2)
        path[f"lower_{round(lv * 100)}"] = back(mean - q * se)
        path[f"upper_{round(lv * 100)}"] = back(mean + q * se)
    p_met = np.nan
    if target is not None:
        zt = float(fwd(np.array([target.value]))[0])
        side = met_side(target, direction)
        prob_above = 1 - dist.cdf((zt - mean[-1]) / se[-1])
        p_met = float(prob_above if side > 0 else 1 - prob_above)
    span = s.t[-1] - s.t[0]
    reason = f"{chosen} on {name} scale, {s.n} points"
    if path["t"][-1] - s.t[-1] > LONG_HORIZON_FACTOR * span:
        reason += (f"; horizon {path['t'][-1] - s.t[-1]:.1f} y is more than "
                   f"{LONG_HORIZON_FACTOR:g}x the observed span ({span:.1f} y): indicative only")
    return Forecast("ok", chosen, reason, s.n, p_met, pd.DataFrame(path))


def forecast_all(
    obs: pd.DataFrame, targets: pd.DataFrame | None, meta: pd.DataFrame,
    horizon_year: int | None = None, model: str = "auto",
    skip_units: tuple[str, ...] = NOT_ASSESSED_UNITS,
) -> pd.DataFrame:
    """Forecast every unit x indicator of `obs` to its target year (the fan-chart frame);
    series without a target go to `horizon_year` if given.

    One row per forecast date; series that cannot be forecast get one row with status
    'insufficient_data' and the reason. Columns: unit_id, indicator, date, t, mean,
    lower_80, upper_80, lower_95, upper_95, model, status, reason, n_obs, p_target_met,
    target_value, target_year, direction.
    """
    meta_idx = catalog_meta(meta)
    skipped = set(meta_idx.index[meta_idx["unit"].isin(skip_units)])
    actual = usable_actuals(obs)
    frames = []
    for (unit_id, indicator), grp in actual.loc[~actual["indicator"].isin(skipped)].groupby(
            ["unit_id", "indicator"]):
        if indicator not in meta_idx.index:
            raise ValueError(f"indicator {indicator!r} has no catalog entry (direction, unit)")
        info = meta_idx.loc[indicator]
        grp, _ = latest_version_only(grp)  # a change of methodology is not a trend
        latest = pd.to_datetime(grp["ref_date"]).max()
        tgt = select_target(targets, indicator, unit_id, latest)
        if tgt is None and horizon_year is None:
            fc = _empty("insufficient_data", "none", "no target and no horizon year",
                        grp["ref_date"].nunique())
        else:
            fc = forecast_series(grp["ref_date"], grp["value"], str(info["direction"]),
                                 str(info.get("unit", "")), tgt, horizon_year, model=model)
        path = fc.path if not fc.path.empty else pd.DataFrame({"date": [pd.NaT]})
        frames.append(path.assign(
            unit_id=unit_id, indicator=indicator, model=fc.model, status=fc.status,
            reason=fc.reason, n_obs=fc.n_obs, p_target_met=fc.p_target_met,
            target_value=tgt.value if tgt else np.nan, target_year=tgt.year if tgt else np.nan,
            direction=str(info["direction"])))
    cols = ["unit_id", "indicator", "date", "t", "mean",
            *[f"{s}_{round(lv * 100)}" for lv in LEVELS for s in ("lower", "upper")],
            "model", "status", "reason", "n_obs", "p_target_met", "target_value",
            "target_year", "direction"]
    return pd.concat(frames, ignore_index=True).reindex(columns=cols) if frames else (
        pd.DataFrame(columns=cols))


def backtest(
    dates: pd.Series | list, values: pd.Series | list, unit: str = "", min_train: int = 5,
    horizon: int = 1, level: float = 0.8, model: str = "auto",
) -> pd.DataFrame:
    """Rolling-origin back-test: fit on the first k points, predict point k + horizon.

    Returns one row per origin with the actual value, the interval at `level` and `covered`;
    the mean of `covered` is the empirical coverage to compare with `level`.
    """
    s = clean_series(dates, values)
    if level not in LEVELS:
        raise ValueError(f"level must be one of {LEVELS}")
    lo, hi = f"lower_{round(level * 100)}", f"upper_{round(level * 100)}"
    rows = []
    for k in range(min_train, s.n - horizon + 1):
        when = s.dates[k + horizon - 1]
        fc = forecast_series(s.dates[:k], s.values[:k], "higher_better", unit,
                             horizon_year=when.year, model=model)
        if fc.status != "ok":
            continue
        at = fc.path.loc[fc.path["date"].eq(when)]
        if at.empty:
            continue
        actual = float(s.values[k + horizon - 1])
        rows.append({"origin": s.dates[k - 1], "date": when, "actual": actual,
                     "mean": float(at["mean"].iloc[0]), "lower": float(at[lo].iloc[0]),
                     "upper": float(at[hi].iloc[0]), "model": fc.model})
    out = pd.DataFrame(rows, columns=["origin", "date", "actual", "mean", "lower", "upper",
                                      "model"])
    return out.assign(covered=out["actual"].between(out["lower"], out["upper"]))
