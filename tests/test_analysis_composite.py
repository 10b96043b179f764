"""Composite index: DTI 2022 reproduction, normalisation, weights, aggregation and flags."""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from dtlib.analysis.composite import (
    GEOMETRIC_FLOOR,
    aggregate,
    build_composite,
    effective_weights,
    normalise,
    sibling_weights,
    to_wide,
)
from dtlib.analysis.config import ConfigError, load_framework, parse_framework

SUB_INDICES = [f"dti_idx_{name}" for name in (
    "nhan_thuc_so", "the_che_so", "ha_tang_so", "nhan_luc_so", "an_toan_thong_tin_mang",
    "hoat_dong_chinh_quyen_so", "hoat_dong_kinh_te_so", "hoat_dong_xa_hoi_so",
)]
# DTI 2022, top five (https://dti.gov.vn/xep-hang-2022 source dti-portal-2022): eight
# sub-indices on the 0-1 scale and the published total.
DTI_2022 = {
    "P63-48": ([1.0000, 0.9000, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197], 0.8002),
    "P63-79": ([0.8917, 0.9000, 0.8258, 0.6267, 0.5580, 0.8406, 0.7611, 0.3590], 0.7163),
    "P63-22": ([0.9581, 0.9000, 0.7648, 0.6250, 0.5382, 0.8385, 0.5904, 0.4505], 0.7024),
    "P63-46": ([0.9500, 0.9000, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001], 0.6975),
    "P63-92": ([0.9000, 0.8000, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947], 0.6924),
}
REFERENCE_CSV = Path("/work/shared/reference/dti/dti_2022_provincial_full_ranking.csv")

SMALL = parse_framework({
    "name": "small", "levels": ["indicator", "pillar", "index"],
    "nodes": [
        {"id": "idx", "parent": None, "weight": 1},
        {"id": "p1", "parent": "idx", "weight": 3},
        {"id": "p2", "parent": "idx", "weight": 1},
        {"id": "a", "parent": "p1", "weight": 1, "goalposts": [0, 100], "target": 80},
        {"id": "b", "parent": "p1", "weight": 1, "goalposts": [0, 10],
         "direction": "lower_better", "target": 2},
        {"id": "c", "parent": "p2", "weight": 1, "goalposts": [0, 1], "target": 1},
    ],
})


def long_rows(table: dict[str, list[float]], columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame([
        {"unit_id": u, "indicator": c, "value": v}
        for u, values in table.items() for c, v in zip(columns, values, strict=True)
    ])


def dti_rows() -> pd.DataFrame:
    return long_rows({u: v for u, (v, _) in DTI_2022.items()}, SUB_INDICES)


def test_dti_2022_top5_reproduced_with_922_weights():
    fw = load_framework()
    assert fw.leaves == SUB_INDICES and fw.source_id == "ref-dti-methodology"
    result = build_composite(dti_rows(), fw, normalisation="identity")
    for unit, (_, published) in DTI_2022.items():
        assert result.scores.loc[unit, "dti_score"] == pytest.approx(published, abs=0.0005)
    weights = result.effective_weights
    assert weights.sum() == pytest.approx(1.0)
    assert weights["dti_idx_hoat_dong_chinh_quyen_so"] == pytest.approx(0.2)
    assert weights["dti_idx_nhan_thuc_so"] == pytest.approx(0.1)
    ranks = result.long(fw).query("node == 'dti_score'").set_index("unit_id")["rank"]
    assert ranks.to_dict() == {"P63-48": 1, "P63-79": 2, "P63-22": 3, "P63-46": 4, "P63-92": 5}


@pytest.mark.skipif(not REFERENCE_CSV.exists(), reason="shared reference not mounted")
def test_dti_2022_reproduced_from_reference_file():
    ref = pd.read_csv(REFERENCE_CSV, dtype={"gso_code": str}).dropna(subset=["dti_total"])
    rows = ref.melt(id_vars=["gso_code"], value_vars=[c.removeprefix("dti_") for c in SUB_INDICES],
                    var_name="indicator").assign(indicator=lambda f: "dti_" + f["indicator"])
    result = build_composite(rows.rename(columns={"gso_code": "unit_id"}), load_framework(),
                             normalisation="identity")
    got = result.scores["dti_score"].reindex(ref["gso_code"]).to_numpy()
    assert abs(got - ref["dti_total"].to_numpy()).max() <= 0.0005


def small_rows() -> pd.DataFrame:
    return long_rows({"u1": [50, 4, 0.5], "u2": [100, 1, 0.2], "u3": [120, 8, 0.8]},
                     ["a", "b", "c"])


def test_goalposts_mirror_direction_and_cap_with_flag():
    values, _ = to_wide(small_rows(), SMALL)
    scores, capped = normalise(values, SMALL, "goalposts")
    assert scores.loc["u1", "a"] == pytest.approx(0.5)
    assert scores.loc["u1", "b"] == pytest.approx(0.6)  # (10 - 4) / 10, lower is better
    assert scores.loc["u3", "a"] == 1.0 and capped.loc["u3", "a"] == "capped"
    uncapped, flags = normalise(values, SMALL, "goalposts", cap=False)
    assert uncapped.loc["u3", "a"] == pytest.approx(1.2) and flags.loc["u3", "a"] == ""


def test_other_normalisations_by_hand():
    values, _ = to_wide(small_rows(), SMALL)
    mm, _ = normalise(values, SMALL, "minmax")
    assert mm.loc["u2", "a"] == pytest.approx(50 / 70)
    assert mm.loc["u2", "b"] == pytest.approx(1.0) and mm.loc["u3", "b"] == pytest.approx(0.0)
    z, _ = normalise(values, SMALL, "zscore")
    sd = pd.Series([4, 1, 8]).std()
    assert z.loc["u1", "b"] == pytest.approx(-(4 - 13 / 3) / sd)
    d2t, capped = normalise(values, SMALL, "distance_to_target")
    assert d2t.loc["u1", "a"] == pytest.approx(0.0)  # (50 - 50) / (80 - 50)
    assert d2t.loc["u2", "a"] == 1.0 and capped.loc["u2", "a"] == "capped"
    assert d2t.loc["u2", "b"] == pytest.approx(1.0)  # (8 - 1) / (8 - 2) capped at 1
    rk, _ = normalise(values, SMALL, "rank")
    assert rk["a"].tolist() == [0.0, 0.5, 1.0] and rk["b"].tolist() == [0.5, 1.0, 0.0]
    no_target = parse_framework({"nodes": [{"id": "i", "parent": None, "weight": 1},
                                           {"id": "a", "parent": "i", "weight": 1}]})
    with pytest.raises(ValueError, match="distance_to_target needs a target"):
        normalise(values[["a"]], no_target, "distance_to_target")
    with pytest.raises(ValueError, match="normalisation"):
        normalise(values, SMALL, "softmax")


def test_weights_explicit_equal_and_effective():
    explicit = sibling_weights(SMALL, "explicit")
    assert explicit["p1"] == pytest.approx(0.75)
    eff = effective_weights(SMALL, explicit)
    assert eff.to_dict() == pytest.approx({"a": 0.375, "b": 0.375, "c": 0.25})
    equal = effective_weights(SMALL, sibling_weights(SMALL, "equal"))
    assert equal.to_dict() == pytest.approx({"a": 0.25, "b": 0.25, "c": 0.5})
    over = effective_weights(SMALL, sibling_weights(SMALL, "explicit", {"a": 3}))
    assert over["a"] == pytest.approx(0.75 * 0.75)


def test_arithmetic_and_geometric_by_hand():
    scores = pd.DataFrame({"a": [0.5], "b": [0.6], "c": [0.0]}, index=["u1"])
    w = sibling_weights(SMALL)
    arith = aggregate(scores, SMALL, w, "arithmetic").scores.loc["u1"]
    assert arith["p1"] == pytest.approx(0.55)
    assert arith["idx"] == pytest.approx(0.75 * 0.55)
    geo = aggregate(scores, SMALL, w, "geometric")
    p1 = math.sqrt(0.5 * 0.6)
    assert geo.scores.loc["u1", "p1"] == pytest.approx(p1)
    assert geo.scores.loc["u1", "idx"] == pytest.approx(p1 ** 0.75 * GEOMETRIC_FLOOR ** 0.25)
    assert "c:floored" in geo.flags.loc["u1", "idx"]
    with pytest.raises(ValueError, match="non-negative"):
        aggregate(scores - 1, SMALL, w, "geometric")


def test_flags_and_missing_values_reach_the_index():
    rows = small_rows()
    rows["imputed"] = rows["unit_id"].eq("u2") & rows["indicator"].eq("c")
    rows = rows.loc[~(rows["unit_id"].eq("u1") & rows["indicator"].eq("b"))]
    result = build_composite(rows, SMALL)
    flags = result.flags
    assert flags.loc["u2", "idx"] == "c:imputed"
    assert flags.loc["u2", "p1"] == ""
    assert flags.loc["u3", "idx"] == "a:capped"
    assert "partial" in flags.loc["u1", "p1"]
    # u1's pillar is the mean of what it has (weights renormalised), as COINr's a_amean.
    assert result.scores.loc["u1", "p1"] == pytest.approx(0.5)
    long = result.long(SMALL)
    assert set(long.columns) >= {"unit_id", "node", "level", "score", "rank", "flags"}


def test_framework_validation():
    with pytest.raises(ConfigError, match="one root"):
        parse_framework({"nodes": [{"id": "a", "parent": None, "weight": 1},
                                   {"id": "b", "parent": None, "weight": 1}]})
    with pytest.raises(ConfigError, match="parents not defined"):
        parse_framework({"nodes": [{"id": "a", "parent": None, "weight": 1},
                                   {"id": "b", "parent": "zz", "weight": 1}]})
    with pytest.raises(ValueError, match="not leaves"):
        to_wide(pd.DataFrame({"unit_id": ["u"], "indicator": ["zz"], "value": [1.0]}), SMALL)
