"""Monte Carlo rank uncertainty: deterministic with a seed, sensible intervals."""

from __future__ import annotations

import pandas as pd
import pytest

from dtlib.analysis.config import load_framework
from dtlib.analysis.sensitivity import rank_uncertainty

LEAVES = [f"dti_idx_{name}" for name in (
    "nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang",
    "hoat_dong_chinh_quyen_so", "hoat_dong_kinh_te_so", "hoat_dong_xa_hoi_so",
)]
# DTI 2022 sub-indices of the top five (dti.gov.vn/xep-hang-2022), plus a made-up unit
# "dominated" that is worse than everyone on every sub-index.
UNITS = {
    "P63-48": [1.0000, 0.9000, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197],
    "P63-79": [0.8917, 0.9000, 0.8258, 0.6267, 0.5580, 0.8406, 0.7611, 0.3590],
    "P63-22": [0.9581, 0.9000, 0.7648, 0.6250, 0.5382, 0.8385, 0.5904, 0.4505],
    "P63-46": [0.9500, 0.9000, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001],
    "P63-92": [0.9000, 0.8000, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947],
    "dominated": [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.2],
}


def rows() -> pd.DataFrame:
    return pd.DataFrame([{"unit_id": u, "indicator": i, "value": v}
                         for u, vals in UNITS.items() for i, v in zip(LEAVES, vals, strict=True)])


def test_same_seed_same_answer_and_intervals_contain_nominal():
    fw = load_framework()
    a = rank_uncertainty(rows(), fw, n_draws=200, seed=1)
    b = rank_uncertainty(rows(), fw, n_draws=200, seed=1)
    pd.testing.assert_frame_equal(a, b)
    assert (a["rank_low"] <= a["rank_median"]).all() and (a["rank_median"] <= a["rank_high"]).all()
    assert a.set_index("unit_id").loc["P63-48", "rank"] == 1
    # Da Nang is best or tied-best on seven of eight sub-indices: first in (almost) every draw.
    assert a.set_index("unit_id").loc["P63-48", "rank_high"] <= 2
    # A unit dominated on every leaf is last under every monotone normalisation and weighting.
    dom = a.set_index("unit_id").loc["dominated"]
    assert dom["rank_min"] == dom["rank_max"] == 6


def test_no_noise_and_one_choice_reproduce_the_nominal_ranks():
    out = rank_uncertainty(rows(), load_framework(), n_draws=20, weight_noise=0.0,
                           normalisations=("identity",), aggregations=("arithmetic",),
                           nominal=("identity", "arithmetic"))
    assert (out["rank_min"] == out["rank"]).all() and (out["rank_max"] == out["rank"]).all()
    assert (out["mean_abs_shift"] == 0).all()
    assert out["unit_id"].tolist()[:5] == ["P63-48", "P63-79", "P63-22", "P63-46", "P63-92"]


def test_close_units_get_wider_intervals():
    out = rank_uncertainty(rows(), load_framework(), n_draws=300).set_index("unit_id")
    # Huế, Quảng Ninh and Cần Thơ are within 0.01 of each other: their ranks overlap.
    assert out.loc["P63-46", "rank_high"] - out.loc["P63-46", "rank_low"] >= 1
    assert out["n_draws"].iloc[0] == 300


def test_zscore_draws_never_use_the_geometric_mean():
    out = rank_uncertainty(rows(), load_framework(), n_draws=50,
                           normalisations=("zscore",), aggregations=("geometric",))
    assert out["n_draws_arithmetic_forced"].iloc[0] == 50
    with pytest.raises(ValueError, match="n_draws"):
        rank_uncertainty(rows(), load_framework(), n_draws=0)
