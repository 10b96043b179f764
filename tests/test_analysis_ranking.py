"""Rankings: ties, rank change, the 34-unit view of old-province values, province profiles."""

from __future__ import annotations

import pandas as pd
import pytest

from dtlib.analysis.config import load_merger_mapping
from dtlib.analysis.ranking import province_profile, rank_change, rank_units, to_merged_units
from dtlib.paths import data_dir

DIRS = {"dti": "higher_better", "days": "lower_better"}


def frame(rows: list[tuple]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["unit_id", "indicator", "year", "value"])


def test_ties_share_the_best_rank():
    out = rank_units(frame([("a", "dti", 2022, 0.9), ("b", "dti", 2022, 0.8),
                            ("c", "dti", 2022, 0.8), ("d", "dti", 2022, 0.7),
                            ("e", "dti", 2022, None)]), DIRS)
    assert out["rank"].tolist()[:4] == [1, 2, 2, 4]
    assert out["tied"].tolist() == [False, True, True, False, False]
    assert pd.isna(out["rank"].iloc[4]) and out["n_ranked"].iloc[0] == 4


def test_lower_is_better_and_groups_are_separate():
    out = rank_units(frame([("a", "days", 2022, 3), ("b", "days", 2022, 5),
                            ("a", "days", 2023, 6), ("b", "days", 2023, 2)]), DIRS)
    assert out["rank"].tolist() == [1, 2, 2, 1]
    with pytest.raises(ValueError, match="no direction"):
        rank_units(frame([("a", "x", 2022, 1)]), DIRS)


def test_rank_change_positive_means_improved():
    ranked = rank_units(frame([("a", "dti", 2021, 0.5), ("b", "dti", 2021, 0.6),
                               ("a", "dti", 2022, 0.7), ("b", "dti", 2022, 0.6)]), DIRS)
    ch = rank_change(ranked, 2021, 2022).set_index("unit_id")
    assert ch.loc["a", "change"] == 1 and ch.loc["b", "change"] == -1


def test_rank_of_34_after_rank_of_63_is_no_change():
    ranked = pd.DataFrame({"unit_id": ["x", "x", "y", "y"], "indicator": "dti", "year": [2023, 2024] * 2,
                           "rank": [7, 4, 20, 15], "group_size": [63, 34, 63, 63]})
    ch = rank_change(ranked, 2023, 2024).set_index("unit_id")
    assert pd.isna(ch.loc["x", "change"]) and not ch.loc["x", "comparable"]
    assert ch.loc["y", "change"] == 5 and ch.loc["y", "comparable"]


def test_geographies_are_ranked_apart():
    rows = frame([("P63-79", "dti", 2024, 0.70), ("P63-74", "dti", 2024, 0.60),
                  ("P34-79", "dti", 2024, 0.77), ("P34-75", "dti", 2024, 0.71)])
    out = rank_units(rows.assign(geography=["63", "63", "34", "34"]), DIRS).set_index("unit_id")
    assert out.loc["P63-79", "rank"] == 1 and out.loc["P34-79", "rank"] == 1
    assert set(out["n_ranked"]) == {2}


MAPPING = pd.DataFrame({"old_unit_id": ["P63-74", "P63-75", "P63-70", "P63-79"],
                        "new_unit_id": ["P34-79", "P34-75", "P34-75", "P34-79"]})


def test_34_unit_view_is_the_mean_of_former_provinces():
    # DTI 2024 published merged units as the arithmetic mean of the former provinces.
    out = to_merged_units(frame([("P63-75", "dti", 2024, 0.6), ("P63-70", "dti", 2024, 0.5),
                                 ("P63-74", "dti", 2024, 0.7)]), MAPPING).set_index("unit_id")
    assert out.loc["P34-75", "value"] == pytest.approx(0.55)
    assert out.loc["P34-75", "n_constituents"] == 2
    assert pd.isna(out.loc["P34-79", "value"])  # TP.HCM's old value missing: no partial mean
    assert out.loc["P34-79", "missing"] == "P63-79"


def test_merger_mapping_reads_the_reference_csv():
    path = data_dir() / "units" / "province_merger_2025_63_to_34.csv"
    if not path.exists():
        pytest.skip("data/units not present")
    m = load_merger_mapping(path)
    assert len(m) == 63 and m["new_unit_id"].nunique() == 34
    assert m.set_index("old_unit_id").loc["P63-74", "new_unit_id"] == "P34-79"


def test_province_profile_strengths_and_weaknesses():
    rows = [(u, "dti", 2022, v) for u, v in zip("abcde", [0.9, 0.7, 0.6, 0.5, 0.4],
                                                 strict=True)]
    rows += [(u, "days", 2022, v) for u, v in zip("abcde", [9, 3, 4, 5, 6], strict=True)]
    prof = province_profile(frame(rows), "a", DIRS).set_index("indicator")
    assert prof.loc["dti", "profile"] == "strength" and prof.loc["dti", "percentile"] == 1.0
    assert prof.loc["days", "profile"] == "weakness" and prof.loc["days", "z"] < 0
    assert prof.loc["dti", "national_mean"] == pytest.approx(0.62)
    assert prof.loc["dti", "rank"] == 1
