"""A composite index built openly from a framework tree: normalise, weight, aggregate, flag.

Follows the OECD/JRC Handbook on Constructing Composite Indicators (2008; JRC 10-step guide,
steps 5-7) and the COINr pipeline (methods.md 4.2): each step is a pure function on a wide frame
(rows = units, columns = leaf ids), so the whole index can be recomputed under other choices
(see sensitivity.py). Flags on imputed or capped values travel from the leaves to every
aggregate that uses them. The Decision 922/QĐ-BTTTT DTI is the special case identity
normalisation + explicit max-point weights + arithmetic mean.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from dtlib.analysis.config import Framework

NORMALISATIONS: tuple[str, ...] = (
    "identity", "goalposts", "minmax", "zscore", "distance_to_target", "rank",
)
"""identity (already on a common scale, e.g. published DTI sub-indices); goalposts (min-max with
fixed goalposts from the framework, as DESI, comparable over time); minmax (observed min and
max); zscore; distance_to_target (COINr n_dist2targ, capped at 1); rank ((rank - 1)/(n - 1))."""

AGGREGATIONS: tuple[str, ...] = ("arithmetic", "geometric")
"""Weighted arithmetic mean (compensatory) or geometric mean (partially compensatory)."""

GEOMETRIC_FLOOR = 0.01
"""Smallest normalised score entering a geometric mean (1 % of the 0-1 scale): a zero would make
the whole aggregate zero, so zeros are raised to this floor and flagged 'floored'."""


@dataclass(frozen=True)
class CompositeResult:
    """Scores of every node (wide: units x node ids), flags per cell, and effective weights."""

    scores: pd.DataFrame
    flags: pd.DataFrame
    effective_weights: pd.Series

    def long(self, framework: Framework) -> pd.DataFrame:
        """Scores as rows unit_id, node, level, score, rank (1 = best, ties min), flags."""
        out = self.scores.rename_axis("unit_id").reset_index().melt(
            id_vars="unit_id", var_name="node", value_name="score")
        flags = self.flags.rename_axis("unit_id").reset_index().melt(
            id_vars="unit_id", var_name="node", value_name="flags")
        out = out.merge(flags, on=["unit_id", "node"], how="left")
        levels = framework.nodes.set_index("id")["level"]
        out["level"] = out["node"].map(levels)
        out["rank"] = out.groupby("node")["score"].rank(method="min", ascending=False)
        return out.astype({"rank": "Int64"})


def to_wide(data: pd.DataFrame, framework: Framework) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Long rows (unit_id, indicator = leaf id, value[, imputed]) -> values and flags, wide.

    Every leaf becomes a column (missing ones all NaN); unknown indicators are an error.
    """
    unknown = sorted(set(data["indicator"]) - set(framework.leaves))
    if unknown:
        raise ValueError(f"indicators not leaves of {framework.name!r}: {unknown}")
    values = data.pivot_table(index="unit_id", columns="indicator", values="value",
                              aggfunc="first").reindex(columns=framework.leaves)
    if "imputed" in data.columns:
        imp = data.assign(imputed=data["imputed"].fillna(False).astype(bool)).pivot_table(
            index="unit_id", columns="indicator", values="imputed", aggfunc="any")
        imp = imp.reindex(index=values.index, columns=framework.leaves).fillna(False)
    else:
        imp = pd.DataFrame(False, index=values.index, columns=framework.leaves)
    flags = imp.astype(bool).map(lambda b: "imputed" if b else "")
    return values.astype(float), flags


def _leaf_attr(framework: Framework, column: str) -> pd.Series:
    return framework.nodes.set_index("id").loc[framework.leaves, column]


def normalise(values: pd.DataFrame, framework: Framework, method: str = "goalposts",
              cap: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Scores on a common scale where higher is better, and a 'capped' flag frame.

    Direction is applied before scaling (lower_better leaves are mirrored). With `cap`, scores
    outside [0, 1] under goalposts are truncated and flagged (DESI lets them exceed 1; pass
    cap=False for that behaviour).
    """
    sign = _leaf_attr(framework, "direction").map({"higher_better": 1.0, "lower_better": -1.0})
    lo, hi = _leaf_attr(framework, "goalpost_lo"), _leaf_attr(framework, "goalpost_hi")
    x = values[framework.leaves]
    if method == "identity":
        out = x.copy()
    elif method == "goalposts":
        out = (x - lo) / (hi - lo)
        out = out.where(sign > 0, (hi - x) / (hi - lo), axis=1)
    elif method == "minmax":
        mn, mx = x.min(), x.max()
        out = ((x - mn) / (mx - mn)).where(sign > 0, (mx - x) / (mx - mn), axis=1)
    elif method == "zscore":
        out = (x - x.mean()) / x.std(ddof=1) * sign
    elif method == "distance_to_target":
        target = pd.to_numeric(_leaf_attr(framework, "target"), errors="coerce")
        if target.isna().any():
            raise ValueError(f"distance_to_target needs a target on leaves "
                             f"{list(target.index[target.isna()])}")
        mn, mx = x.min(), x.max()
        out = ((x - mn) / (target - mn)).where(sign > 0, (mx - x) / (mx - target), axis=1)
    elif method == "rank":
        r = (x * sign).rank(method="min")
        out = (r - 1) / (r.count() - 1)
    else:
        raise ValueError(f"normalisation must be one of {NORMALISATIONS}, got {method!r}")
    capped = pd.DataFrame(False, index=out.index, columns=out.columns)
    if cap and method in ("goalposts", "distance_to_target"):
        capped = (out < 0) | (out > 1)
        out = out.clip(lower=0 if method == "goalposts" else None, upper=1)
    return out, capped.map(lambda b: "capped" if b else "")


def sibling_weights(framework: Framework, scheme: str = "explicit",
                    overrides: dict[str, float] | None = None) -> pd.Series:
    """Each node's weight as a share of its siblings' total ('explicit' or 'equal')."""
    nodes = framework.nodes.set_index("id")
    if scheme == "explicit":
        raw = nodes["weight"].astype(float)
    elif scheme == "equal":
        raw = pd.Series(1.0, index=nodes.index)
    else:
        raise ValueError(f"weighting scheme must be explicit or equal, got {scheme!r}")
    if overrides:
        raw = raw.copy()
        raw.update(pd.Series(overrides, dtype=float))
    total = raw.groupby(nodes["parent"].fillna("")).transform("sum")
    return raw / total


def effective_weights(framework: Framework, weights: pd.Series) -> pd.Series:
    """Each leaf's share of the index: the product of sibling shares up to the root.

    These are nominal weights; with the geometric mean or correlated indicators the realised
    importance differs (OECD/JRC Handbook 2008, step 6).
    """
    parent = framework.nodes.set_index("id")["parent"]
    out = {}
    for leaf in framework.leaves:
        w, node = 1.0, leaf
        while pd.notna(parent[node]):
            w *= float(weights[node])
            node = parent[node]
        out[leaf] = w
    return pd.Series(out, name="effective_weight")


def aggregate_scores(scores: pd.DataFrame, framework: Framework, weights: pd.Series,
                     method: str = "arithmetic") -> pd.DataFrame:
    """Scores of every node, without flags: the fast path used by the sensitivity analysis.

    Missing children drop out and the weights of the others are renormalised (COINr a_amean);
    in a geometric mean scores below GEOMETRIC_FLOOR are raised to it.
    """
    if method not in AGGREGATIONS:
        raise ValueError(f"aggregation must be one of {AGGREGATIONS}, got {method!r}")
    leaves = framework.leaves
    x = scores[leaves].to_numpy(float)
    if method == "geometric":
        if (x < 0).any():
            raise ValueError("geometric mean needs non-negative scores (not z-scores)")
        x = np.where(np.isnan(x), np.nan, np.maximum(x, GEOMETRIC_FLOOR))
    cols = {c: i for i, c in enumerate(leaves)}
    order = framework.internal_post_order
    arr = np.full((len(x), len(leaves) + len(order)), np.nan)
    arr[:, : len(leaves)] = x
    for node in order:
        kids = [cols[k] for k in framework.children(node)]
        w = weights[framework.children(node)].to_numpy(float)
        sub = arr[:, kids]
        present = ~np.isnan(sub)
        wsum = (present * w).sum(axis=1)
        terms = np.where(present, sub if method == "arithmetic" else np.log(
            np.where(present, sub, 1.0)), 0.0)
        with np.errstate(invalid="ignore", divide="ignore"):
            val = (terms * w).sum(axis=1) / wsum
        if method == "geometric":
            val = np.exp(val)
        cols[node] = len(cols)
        arr[:, cols[node]] = np.where(wsum > 0, val, np.nan)
    return pd.DataFrame(arr, index=scores.index, columns=[*leaves, *order])


def _clean(flag: str) -> str:
    return ";".join(sorted({p for p in flag.split(";") if p}))


def aggregate(scores: pd.DataFrame, framework: Framework, weights: pd.Series,
              method: str = "arithmetic", flags: pd.DataFrame | None = None) -> CompositeResult:
    """Aggregate leaf scores up the tree (see aggregate_scores) and carry the flags.

    A node's flags list every flagged leaf below it as `leaf:flag`, plus `partial` when a
    child was missing, so an imputed or capped value is visible on the index itself.
    """
    out = aggregate_scores(scores, framework, weights, method)
    leaves = scores[framework.leaves]
    fl = (flags if flags is not None else leaves.map(lambda _: "")).copy()
    fl = fl.apply(lambda col: col.map(lambda f, c=col.name: f"{c}:{f}" if f else ""))
    if method == "geometric":
        low = leaves < GEOMETRIC_FLOOR
        floored = pd.DataFrame({c: np.where(low[c], f"{c}:floored", "") for c in low.columns},
                               index=low.index)
        fl = (fl + ";" + floored).map(_clean)
    for node in framework.internal_post_order:
        kids = framework.children(node)
        present = out[kids].notna()
        joined = fl[kids].apply(lambda r: _clean(";".join(r)), axis=1)
        partial = (~present).any(axis=1) & present.any(axis=1)
        fl[node] = joined.where(~partial, (joined + ";partial").map(_clean))
    return CompositeResult(out, fl, effective_weights(framework, weights))


def build_composite(
    data: pd.DataFrame, framework: Framework, normalisation: str = "goalposts",
    weighting: str = "explicit", aggregation: str = "arithmetic", cap: bool = True,
    weight_overrides: dict[str, float] | None = None,
) -> CompositeResult:
    """The whole pipeline on long rows (unit_id, indicator, value[, imputed])."""
    values, imputed = to_wide(data, framework)
    scores, capped = normalise(values, framework, normalisation, cap)
    flags = (imputed + ";" + capped).map(_clean)
    weights = sibling_weights(framework, weighting, weight_overrides)
    return aggregate(scores, framework, weights, aggregation, flags)
