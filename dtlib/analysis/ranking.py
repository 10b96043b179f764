"""Ranks of units on an indicator: ties, change between years, 63- vs 34-unit views, profiles.

A rank is only meaningful within one indicator, one period and one set of units, so every
function here takes a long frame (unit_id, indicator, year, value) and ranks within groups.
Profiles place one province in the national distribution of each indicator (COINr
`get_str_weak`, OECD/JRC Handbook 2008 step 10). Pure functions; no files, no drawing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import numpy as np
import pandas as pd

from dtlib.analysis.series import direction_sign

TIE_METHOD = "min"
"""Ties share the best rank and the next rank is skipped (1, 2, 2, 4), as published rankings do."""

STRENGTH_PERCENTILE = 0.75
"""Direction-adjusted percentile at or above which an indicator is a strength of the unit."""

WEAKNESS_PERCENTILE = 0.25
"""Direction-adjusted percentile at or below which an indicator is a weakness of the unit."""


def rank_units(
    frame: pd.DataFrame, directions: dict[str, str], by: tuple[str, ...] = ("indicator", "year"),
    value: str = "value",
) -> pd.DataFrame:
    """Add `rank` (1 = best, ties share the best rank), `n_ranked` and `tied` within each group.

    `directions` maps indicator -> higher_better / lower_better; a missing one is an error.
    A frame with a `geography` column is ranked within each geography as well: old and new
    TP. Hồ Chí Minh are never in one ranking.
    """
    if "geography" in frame.columns and "geography" not in by:
        by = (*by, "geography")
    missing = sorted(set(frame["indicator"]) - set(directions))
    if missing:
        raise ValueError(f"no direction for indicator(s) {missing}")
    signs = frame["indicator"].map(lambda i: direction_sign(directions[i]))
    key = frame[value].astype(float) * signs
    grouped = key.groupby([frame[c] for c in by])
    ranks = grouped.rank(method=TIE_METHOD, ascending=False)
    n = grouped.transform("count")
    counts = pd.concat([frame[list(by)], ranks.rename("r")], axis=1).groupby(
        [*by, "r"], dropna=False)["r"].transform("size")
    return frame.assign(rank=ranks.astype("Int64"), n_ranked=n.astype("Int64"),
                        tied=(counts > 1) & ranks.notna())


def rank_group(ranked: pd.DataFrame) -> pd.Series:
    """The published group size of each row (`group_size`: 63, 34, …), NA where unknown.

    `n_ranked` is not used: a unit missing from one year's computed ranking does not make
    the years incomparable, a different published group (63 → 34 units) does."""
    if "group_size" not in ranked.columns:
        return pd.Series(pd.NA, index=ranked.index, dtype="Float64")
    return pd.to_numeric(ranked["group_size"], errors="coerce").astype("Float64")


def rank_change(ranked: pd.DataFrame, year_from: int, year_to: int) -> pd.DataFrame:
    """Rank in each of two years and the change (positive = moved up, i.e. improved).

    A change is only computed between ranks of the same group (same `group_size` and
    `geography` when the frame has them): 4th of 34 after 7th of 63 is no "rank
    change", so `change` is NA and `comparable` False there."""
    keys = ["unit_id", "indicator"]
    ranked = ranked.assign(_group=rank_group(ranked),
                           _geo=ranked["geography"] if "geography" in ranked.columns else pd.NA)
    cols = [*keys, "rank", "_group", "_geo"]
    a = ranked.loc[ranked["year"].eq(year_from), cols].rename(
        columns={"rank": f"rank_{year_from}", "_group": "group_a", "_geo": "geo_a"})
    b = ranked.loc[ranked["year"].eq(year_to), cols].rename(
        columns={"rank": f"rank_{year_to}", "_group": "group_b", "_geo": "geo_b"})
    out = a.merge(b, on=keys, how="outer")
    same_group = (out["group_a"].isna() & out["group_b"].isna()) | (out["group_a"] == out["group_b"])
    same_geo = (out["geo_a"].isna() & out["geo_b"].isna()) | (out["geo_a"] == out["geo_b"])
    comparable = (same_group.fillna(False) & same_geo.fillna(False)).astype(bool)
    change = (out[f"rank_{year_from}"] - out[f"rank_{year_to}"]).astype("Float64")
    out = out.assign(change=change.where(comparable, pd.NA), comparable=comparable)
    return out.drop(columns=["group_a", "group_b", "geo_a", "geo_b"])


def to_merged_units(frame: pd.DataFrame, mapping: pd.DataFrame, value: str = "value"
                    ) -> pd.DataFrame:
    """Values of the 34 post-2025 units as the arithmetic mean of their former provinces.

    This is how DTI 2024 was published for the 34 units ("trung bình cộng các chỉ số chính của
    DTI các tỉnh trước sáp nhập", dti_methodology.csv, 405/QĐ-BKHCN results). `mapping` has
    old_unit_id, new_unit_id (e.g. from dtlib.data.units.successors or load_merger_mapping). A unit
    with a missing constituent gets no value (never a partial mean) and lists what is missing.
    """
    keys = [c for c in ("indicator", "year") if c in frame.columns]
    merged = frame.merge(mapping, left_on="unit_id", right_on="old_unit_id", how="inner")
    expected = mapping.groupby("new_unit_id")["old_unit_id"].apply(sorted)
    rows = []
    for group_key, grp in merged.groupby([*keys, "new_unit_id"], sort=True):
        new_id = group_key[-1]
        have = grp.loc[grp[value].notna(), "old_unit_id"]
        missing = sorted(set(expected[new_id]) - set(have))
        rows.append({
            **dict(zip(keys, group_key[:-1], strict=True)), "unit_id": new_id,
            value: np.nan if missing else grp[value].astype(float).mean(),
            "n_constituents": len(expected[new_id]), "missing": ", ".join(missing),
            "constituents": ", ".join(expected[new_id]),
        })
    return pd.DataFrame(rows)


def mapping_from_successors(
    unit_ids: list[str], successors: Callable[[str, date], list], on: date,
) -> pd.DataFrame:
    """old_unit_id -> new_unit_id table from a successors function (dtlib.data.units.successors).

    A unit split between several successors maps to each of them.
    """
    rows = [{"old_unit_id": u, "new_unit_id": s.id} for u in unit_ids for s in successors(u, on)]
    return pd.DataFrame(rows, columns=["old_unit_id", "new_unit_id"])


def province_profile(
    frame: pd.DataFrame, unit_id: str, directions: dict[str, str], value: str = "value",
) -> pd.DataFrame:
    """Each indicator of `unit_id` against the distribution of all units in `frame`.

    `frame` is one cross-section (unit_id, indicator, value). Returns the unit's value, the
    national mean, median and standard deviation, a direction-adjusted z-score and percentile
    (share of other units it does at least as well as) and a label strength / weakness / middle.
    """
    ranked = rank_units(frame.assign(year=0), directions, value=value)
    rows = []
    for indicator, grp in ranked.groupby("indicator", sort=True):
        own = grp.loc[grp["unit_id"].eq(unit_id)]
        if own.empty or own[value].isna().all():
            continue
        x = grp[value].astype(float).dropna()
        sign = direction_sign(directions[indicator])
        v = float(own[value].iloc[0])
        sd = float(x.std(ddof=1)) if len(x) > 1 else np.nan
        others = (x.drop(own.index, errors="ignore") * sign)
        pct = float((others <= v * sign).mean()) if len(others) else np.nan
        label = ("strength" if pct >= STRENGTH_PERCENTILE else
                 "weakness" if pct <= WEAKNESS_PERCENTILE else "middle")
        rows.append({
            "unit_id": unit_id, "indicator": indicator, "value": v,
            "national_mean": float(x.mean()), "national_median": float(x.median()),
            "national_sd": sd, "z": sign * (v - float(x.mean())) / sd if sd else np.nan,
            "percentile": pct, "rank": own["rank"].iloc[0], "n_ranked": own["n_ranked"].iloc[0],
            "profile": label,
        })
    return pd.DataFrame(rows)
