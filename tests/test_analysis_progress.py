"""Progress to target: hand-computed cases of every formula, and property tests."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dtlib.analysis.config import (
    ConfigError,
    ProgressConfig,
    ScoreScale,
    Thresholds,
    load_progress_config,
    parse_progress_config,
)
from dtlib.analysis.progress import (
    assess_progress,
    assess_series,
    cagr,
    classify,
    score,
    status_order,
)
from dtlib.analysis.targets import Target, select_target, targets_from_observations

CFG = ProgressConfig()
YEAR_ENDS = ["2020-12-31", "2021-12-31", "2022-12-31", "2023-12-31", "2024-12-31"]


def obs_rows(rows: list[tuple]) -> pd.DataFrame:
    """Observation frame (docs/architecture.md) from (unit, indicator, date, value[, status])."""
    out = []
    for r in rows:
        unit, ind, date, value = r[:4]
        status = r[4] if len(r) > 4 else "ok"
        ref = pd.Timestamp(date)
        out.append({
            "unit_id": unit, "indicator": ind, "period": str(ref.date()), "period_kind": "day",
            "period_start": ref, "period_end": ref, "ref_date": ref,
            "value": value if status == "ok" else np.nan, "numerator": np.nan,
            "denominator": np.nan, "qualifier": "eq", "kind": "actual", "source_id": "test",
            "status": status, "note": "",
        })
    return pd.DataFrame(out)


META = pd.DataFrame({
    "indicator": ["dossiers_online", "processing_days", "enterprises"],
    "direction": ["higher_better", "lower_better", "higher_better"],
    "unit": ["percent", "count", "count"],
})


def test_cagr_by_hand():
    assert cagr(50, 60, 2021, 2023) == pytest.approx(math.sqrt(1.2) - 1)
    assert math.isnan(cagr(0, 60, 2021, 2023))
    assert math.isnan(cagr(50, -1, 2021, 2023))


def test_unsd_ratio_on_track_by_hand():
    # 50 -> 60 over 2 years, target 80 by 2025 (5 years from the baseline).
    r = assess_series(YEAR_ENDS[:3:2], [50, 60], "higher_better", "count", Target(80, 2025),
                      config=CFG)
    obs, req = math.sqrt(1.2) - 1, 1.6 ** 0.2 - 1
    assert r.method == "cagr_ratio"
    assert r.observed_pace == pytest.approx(obs)
    assert r.required_pace == pytest.approx(req)
    assert r.ratio == pytest.approx(obs / req)  # 0.9684
    assert r.status == "on_track"
    assert r.years_left == pytest.approx(3.0)
    assert "two points" in r.note


def test_decreasing_is_better_by_hand():
    # Processing time 10 -> 8 days over 2 years, target 5 days by 2025.
    r = assess_series(YEAR_ENDS[:3:2], [10, 8], "lower_better", "count", Target(5, 2025),
                      config=CFG)
    ratio = -(0.8 ** 0.5 - 1) / abs(0.5 ** 0.2 - 1)
    assert r.ratio == pytest.approx(ratio)  # 0.8156
    assert r.status == "fair"
    assert r.score == pytest.approx((ratio - 0.5) / 0.45 * 2.5)
    worse = assess_series(YEAR_ENDS[:3:2], [10, 12], "lower_better", "count", Target(5, 2025),
                          config=CFG)
    assert worse.ratio == pytest.approx(-(1.2 ** 0.5 - 1) / abs(0.5 ** 0.2 - 1))
    assert worse.status == "deterioration"


def test_target_already_met_respects_direction():
    up = assess_series(YEAR_ENDS[:2], [70, 85], "higher_better", "count", Target(80, 2025),
                       config=CFG)
    down = assess_series(YEAR_ENDS[:2], [8, 4], "lower_better", "count", Target(5, 2025),
                         config=CFG)
    not_yet = assess_series(YEAR_ENDS[:2], [8, 6], "lower_better", "count", Target(5, 2025),
                            config=CFG)
    assert (up.status, up.score) == ("met", CFG.score.max)
    assert down.status == "met"
    assert not_yet.status != "met"
    # An explicit comparator wins over the direction.
    capped = assess_series(YEAR_ENDS[:2], [12, 9], "higher_better", "count",
                           Target(10, 2025, comparator="<="), config=CFG)
    assert capped.status == "met"


def test_percent_ceiling_uses_absolute_pace_by_hand():
    # 90 % -> 94 % in two years, 100 % due by 2025: 2 pp/yr observed vs 6 pp/yr required.
    r = assess_series(YEAR_ENDS[2:5:2], [90, 94], "higher_better", "percent",
                      Target(100, 2025), config=CFG)
    assert r.method == "absolute_pace"
    assert r.observed_pace == pytest.approx(2.0)
    assert r.required_pace == pytest.approx(6.0)
    assert r.ratio == pytest.approx(1 / 3)
    assert r.status == "limited"
    # The UNSD CAGR ratio would have called it fair: CAGR hides the ceiling.
    unsd = assess_series(YEAR_ENDS[2:5:2], [90, 94], "higher_better", "percent",
                         Target(100, 2025), method="cagr_ratio", config=CFG)
    assert unsd.ratio == pytest.approx(((94 / 90) ** 0.5 - 1) / ((100 / 90) ** (1 / 3) - 1))
    assert unsd.status == "fair"


def test_logistic_pace_is_available_and_named():
    r = assess_series(YEAR_ENDS[2:5:2], [90, 94], "higher_better", "percent",
                      Target(99, 2025), method="logit_pace", config=CFG)
    lg = np.log
    z = [lg(p / (1 - p)) for p in (0.90, 0.94, 0.99)]
    assert r.method == "logit_pace"
    assert r.observed_pace == pytest.approx((z[1] - z[0]) / 2)
    assert r.required_pace == pytest.approx(z[2] - z[1])


def test_quarterly_data_are_annualised():
    q = ["2024-03-31", "2024-06-30", "2024-09-30", "2024-12-31"]
    r = assess_series(q, [60, 63, 65, 70], "higher_better", "percent", Target(90, 2025),
                      config=CFG)
    span = 275 / 366  # 31 March to 31 December 2024 in years
    assert r.observed_pace == pytest.approx(10 / span)
    assert r.required_pace == pytest.approx(20.0)  # 20 pp in the one year left
    assert r.ratio == pytest.approx(10 / span / 20)
    assert r.status == "fair"
    counts = assess_series(q[::3], [100, 110], "higher_better", "count", Target(200, 2026),
                           config=CFG)
    # Same as the quarterly formula (x_t/x_0)^(4/(q_t - q_0)) - 1 up to day counting.
    assert counts.observed_pace == pytest.approx(1.1 ** (4 / 3) - 1, abs=1e-3)
    assert counts.observed_pace == pytest.approx(1.1 ** (1 / span) - 1)


def test_irregular_dates_and_duplicates():
    r = assess_series(["2021-05-20", "2021-05-20", "2023-11-02"], [40, 44, 60],
                      "higher_better", "count", Target(100, 2027), config=CFG)
    assert r.baseline_value == 42  # two values on one date averaged
    assert "averaged" in r.note
    assert r.n_obs == 2


def test_single_observation_is_insufficient_with_reason():
    r = assess_series(["2024-06-30"], [55], "higher_better", "percent", Target(90, 2025),
                      config=CFG)
    assert r.status == "insufficient_data"
    assert r.method == "none"
    assert "only 1 observation" in r.note and "2024-06-30" in r.note
    empty = assess_series([], [], "higher_better", "percent", Target(90, 2025), config=CFG)
    assert empty.status == "insufficient_data" and "no usable" in empty.note


def test_no_target_trend_class():
    r = assess_series(YEAR_ENDS[:2], [100, 102], "higher_better", "count", None, config=CFG)
    assert (r.method, r.status) == ("cagr_trend", "on_track")
    assert r.ratio == pytest.approx(0.02)
    flat = assess_series(YEAR_ENDS[:2], [100, 100.3], "higher_better", "count", config=CFG)
    assert flat.status == "limited"
    down = assess_series(YEAR_ENDS[:2], [10, 9], "lower_better", "count", config=CFG)
    assert down.status == "on_track"  # fewer days is better
    forced = assess_series(YEAR_ENDS[:2], [100, 102], "higher_better", "count",
                           Target(500, 2025), method="cagr_trend", config=CFG)
    assert (forced.status, forced.ratio) == ("on_track", pytest.approx(0.02))
    zero = assess_series(YEAR_ENDS[:2], [0, 3], "higher_better", "count", config=CFG)
    assert zero.status == "insufficient_data" and "undefined" in zero.note


def test_regression_pace_uses_every_point_by_hand():
    # t = 0..3, y = 60, 62, 65, 67: slope 12/5 = 2.4, SSE 0.2, s^2 0.1, se = sqrt(0.1/5).
    r = assess_series(YEAR_ENDS[1:], [60, 62, 65, 67], "higher_better", "percent",
                      Target(90, 2030), config=CFG)
    half = 2.919986 * math.sqrt(0.1 / 5)  # t(0.95, df=2)
    assert r.reg_pace == pytest.approx(2.4)
    assert r.reg_pace_low == pytest.approx(2.4 - half, rel=1e-5)
    assert r.reg_pace_high == pytest.approx(2.4 + half, rel=1e-5)
    req = (90 - 67) / 6
    assert r.required_pace == pytest.approx(req)
    assert r.reg_ratio == pytest.approx(2.4 / req)
    assert r.reg_status == "fair"


def test_passed_target_year_falls_back_to_baseline_pace():
    r = assess_series(YEAR_ENDS[:5:4], [50, 60], "higher_better", "percent", Target(80, 2023),
                      config=CFG)
    assert r.years_left < 0
    assert r.required_pace == pytest.approx(30 / 3)  # baseline end-2020 to end-2023
    assert "has passed" in r.note


def test_direction_is_required():
    with pytest.raises(ValueError, match="direction"):
        assess_series(YEAR_ENDS[:2], [1, 2], "positive", "count", Target(3, 2025), config=CFG)
    with pytest.raises(ValueError, match="unknown method"):
        assess_series(YEAR_ENDS[:2], [1, 2], "higher_better", "count", Target(3, 2025),
                      method="magic", config=CFG)


def test_assess_progress_frame_and_target_selection():
    obs = obs_rows([
        ("P63-74", "dossiers_online", "2022-12-31", 40.0),
        ("P63-74", "dossiers_online", "2024-12-31", 70.0),
        ("P63-74", "dossiers_online", "2024-06-30", None, "unparsed"),
        ("P63-70", "dossiers_online", "2024-12-31", 55.0),
        ("P63-70", "processing_days", "2023-12-31", None, "unparsed"),
    ])
    targets = pd.DataFrame({
        "indicator": ["dossiers_online"] * 3,
        "scope": ["national", "national", "P63-74"],
        "value": [80.0, 100.0, 90.0], "year": [2025, 2030, 2025],
        "comparator": [None, None, ">="], "source_id": ["t1", "t2", "t3"],
    })
    out = assess_progress(obs, targets, META, CFG).set_index(["unit_id", "indicator"])
    bd = out.loc[("P63-74", "dossiers_online")]
    assert bd["target_value"] == 90.0  # the province's own target beats the national one
    assert bd["ratio"] == pytest.approx(15 / 20)  # 15 pp/yr observed, 20 pp/yr required
    assert "unparsed" in bd["note"]
    assert out.loc[("P63-70", "dossiers_online"), "status"] == "insufficient_data"
    nodata = out.loc[("P63-70", "processing_days")]
    assert nodata["status"] == "insufficient_data" and "no usable" in nodata["note"]
    assert select_target(targets, "dossiers_online", "P63-70",
                         pd.Timestamp("2026-03-31")).year == 2030
    assert select_target(targets, "dossiers_online", "P63-70", None, year=2030).value == 100
    with pytest.raises(ValueError, match="catalog"):
        assess_progress(obs, targets, META.iloc[1:], CFG)


def test_targets_from_observations():
    obs = obs_rows([("P63-74", "dossiers_online", "2025-12-31", 95.0)]).assign(kind="target")
    t = targets_from_observations(obs)
    assert t.loc[0, ["scope", "value", "year"]].tolist() == ["P63-74", 95.0, 2025]


def test_config_file_loads_and_validates(tmp_path: Path):
    cfg = load_progress_config()
    assert cfg.with_target == Thresholds(0.95, 0.5, -0.1)
    assert cfg.label("met", "vi") == "Đã đạt mục tiêu"
    with pytest.raises(ConfigError, match="labels.met lacks vi"):
        parse_progress_config({"with_target": {"on_track": 1, "fair": 0.5, "limited": 0},
                               "no_target": {"on_track": 1, "fair": 0.5, "limited": 0},
                               "labels": {s: {"vi": s, "en": s} for s in
                                          ("on_track", "fair", "limited", "deterioration",
                                           "insufficient_data")} | {"met": {"en": "x"}}})
    with pytest.raises(ConfigError, match="decrease"):
        Thresholds(0.5, 0.95, -0.1)
    bad = tmp_path / "p.yaml"
    bad.write_text("with_target: 3\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_progress_config(bad)


def test_custom_thresholds_move_status_and_score_together():
    # Open SDG's score ignores custom thresholds; ours is derived from them.
    strict = Thresholds(1.2, 0.9, 0.0)
    assert classify(1.0, strict) == "fair"
    assert 0 <= score(1.0, strict, ScoreScale()) < 2.5
    assert score(1.2, strict, ScoreScale()) == pytest.approx(2.5)


thresholds = st.tuples(st.floats(-2, 2), st.floats(0.01, 1), st.floats(0.01, 1)).map(
    lambda t: Thresholds(t[0] + t[1] + t[2], t[0] + t[1], t[0]))


@settings(max_examples=200, deadline=None)
@given(thresholds, st.floats(-10, 10, allow_nan=False))
def test_status_read_from_score_equals_status_read_from_ratio(th, ratio):
    s = score(ratio, th, ScoreScale())
    from_score = ("on_track" if s >= 2.5 else "fair" if s >= 0 else
                  "limited" if s >= -2.5 else "deterioration")
    if abs(s) not in (2.5, 0.0):  # exact ties are decided by the ratio
        assert from_score == classify(ratio, th)


@settings(max_examples=200, deadline=None)
@given(
    base=st.floats(1, 100), gain_a=st.floats(-0.9, 3), extra=st.floats(0, 3),
    target_gain=st.floats(0.05, 5), direction=st.sampled_from(["higher_better", "lower_better"]),
    unit=st.sampled_from(["count", "percent"]),
)
def test_status_is_monotone_in_observed_pace(base, gain_a, extra, target_gain, direction, unit):
    """A faster improvement never gets a worse status (any method, either direction)."""
    if unit == "percent":
        base = min(base, 90.0)
    sign = 1 if direction == "higher_better" else -1
    factor = (1 + target_gain) if sign > 0 else 1 / (1 + target_gain)
    target = Target(min(base * factor, 100.0) if unit == "percent" else base * factor, 2030)
    latest_a = base * (1 + gain_a) ** sign
    latest_b = base * (1 + gain_a + extra) ** sign
    if unit == "percent":
        latest_a, latest_b = min(latest_a, 100.0), min(latest_b, 100.0)
    a = assess_series(YEAR_ENDS[:3:2], [base, latest_a], direction, unit, target, config=CFG)
    b = assess_series(YEAR_ENDS[:3:2], [base, latest_b], direction, unit, target, config=CFG)
    assert status_order(b.status) >= status_order(a.status)
    if not np.isnan(a.score) and not np.isnan(b.score):
        assert b.score >= a.score - 1e-9


def test_strict_target_is_not_met_at_equality_same_as_the_report_table():
    from dtlib.analysis.targets import is_target_met

    assert not is_target_met(75.0, Target(75.0, 2025, ">"), "higher_better")
    assert is_target_met(75.0, Target(75.0, 2025, ">="), "higher_better")
    assert is_target_met(75.0, Target(75.0, 2025, None), "higher_better")     # no comparator: direction
    assert not is_target_met(10.0, Target(10.0, 2025, "<"), "lower_better")
