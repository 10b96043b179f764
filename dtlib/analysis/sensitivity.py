"""Uncertainty of composite-index ranks under other reasonable choices (Monte Carlo).

OECD/JRC Handbook on Constructing Composite Indicators (2008), step 8, and COINr
`get_sensitivity(SA_type = "UA")` (methods.md 4.2): draw the uncertain choices (sibling weights
perturbed by up to +/- `weight_noise`, a normalisation and an aggregation from the given lists),
recompute the index, and report each unit's rank interval and mean absolute rank shift against
the nominal index. Deterministic for a seed (numpy Generator); no prompts, no files.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dtlib.analysis.composite import aggregate_scores, normalise, sibling_weights, to_wide
from dtlib.analysis.config import Framework

DEFAULT_SEED = 20220520
"""Seed of the default draw (the date of Decision 922/QĐ-BTTTT), so reports are reproducible."""

WEIGHT_NOISE = 0.25
"""Each sibling weight is multiplied by U(1 - noise, 1 + noise) per draw (COINr
get_noisy_weights); 25 % is a moderate disagreement among experts about the weights."""

RANK_QUANTILES = (0.05, 0.95)
"""Quantiles of the simulated ranks reported as the rank interval (COINr UA: Q5-Q95)."""

GEOMETRIC_INCOMPATIBLE = ("zscore",)
"""Normalisations whose negative scores cannot enter a geometric mean; such draws use the
arithmetic mean instead (and are counted in the output's `n_draws_arithmetic_forced`)."""


def rank_uncertainty(
    data: pd.DataFrame,
    framework: Framework,
    n_draws: int = 500,
    seed: int = DEFAULT_SEED,
    weight_noise: float = WEIGHT_NOISE,
    normalisations: tuple[str, ...] = ("goalposts", "minmax", "rank"),
    aggregations: tuple[str, ...] = ("arithmetic", "geometric"),
    nominal: tuple[str, str] = ("goalposts", "arithmetic"),
    node: str | None = None,
) -> pd.DataFrame:
    """Per unit: nominal score and rank, simulated rank median and Q5-Q95 interval.

    `data` is long (unit_id, indicator, value[, imputed]); `node` defaults to the index root.
    Columns: unit_id, score, rank, rank_median, rank_low, rank_high, rank_min, rank_max,
    mean_abs_shift, n_draws.
    """
    if n_draws < 1:
        raise ValueError("n_draws must be at least 1")
    node = node or framework.root
    rng = np.random.default_rng(seed)
    values, _ = to_wide(data, framework)
    base_w = sibling_weights(framework, "explicit")
    nominal_scores, _ = normalise(values, framework, nominal[0])
    nominal_idx = aggregate_scores(nominal_scores, framework, base_w, nominal[1])[node]
    nominal_rank = nominal_idx.rank(method="min", ascending=False)
    normalised = {m: normalise(values, framework, m)[0] for m in normalisations}
    parents = framework.nodes.set_index("id")["parent"].fillna("")
    ranks = np.empty((n_draws, len(values)))
    forced = 0
    for d in range(n_draws):
        noise = rng.uniform(1 - weight_noise, 1 + weight_noise, size=len(base_w))
        w = base_w * noise
        w = w / w.groupby(parents.reindex(w.index)).transform("sum")
        norm = normalisations[rng.integers(len(normalisations))]
        agg = aggregations[rng.integers(len(aggregations))]
        if agg == "geometric" and norm in GEOMETRIC_INCOMPATIBLE:
            agg, forced = "arithmetic", forced + 1
        idx = aggregate_scores(normalised[norm], framework, w, agg)[node]
        ranks[d] = idx.rank(method="min", ascending=False).to_numpy()
    q_lo, q_hi = np.quantile(ranks, RANK_QUANTILES, axis=0, method="nearest")
    out = pd.DataFrame({
        "unit_id": values.index,
        "score": nominal_idx.to_numpy(),
        "rank": nominal_rank.to_numpy(),
        "rank_median": np.median(ranks, axis=0),
        "rank_low": q_lo,
        "rank_high": q_hi,
        "rank_min": ranks.min(axis=0),
        "rank_max": ranks.max(axis=0),
        "mean_abs_shift": np.abs(ranks - nominal_rank.to_numpy()).mean(axis=0),
        "n_draws": n_draws,
        "n_draws_arithmetic_forced": forced,
    })
    return out.sort_values(["rank", "unit_id"]).reset_index(drop=True)
