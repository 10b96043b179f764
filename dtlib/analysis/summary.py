"""Report helpers for the quarterly report: status table, pillar sentences in vi and en.

The report notebook only displays; every sentence with logic in it is built here and tested
(style.md: "a sentence with logic in it belongs in dtlib"). The forecast fan figure lives in
figures.py so this module needs no plotting library.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from dtlib.analysis.config import ProgressConfig, default_progress_config
from dtlib.analysis.progress import METHODS, assess_progress
from dtlib.analysis.series import catalog_meta, usable_actuals
from dtlib.analysis.targets import select_target
from dtlib.analysis.trajectory import check_interim

GOOD: tuple[str, ...] = ("met", "on_track")
"""Statuses counted as "met or on track" in the pillar sentence."""

BAD: tuple[str, ...] = ("limited", "deterioration")
"""Statuses counted as "limited or deteriorating" and named in the pillar sentence."""

MAX_NAMED = 3
"""Most lagging indicators named in a sentence; more are summarised as "and k more"."""


def status_table(
    obs: pd.DataFrame, targets: pd.DataFrame | None, meta: pd.DataFrame,
    config: ProgressConfig | None = None, lang: str = "en", method: str = "auto",
) -> pd.DataFrame:
    """One row per unit x indicator: status code and label, method used, interim check.

    `on_track_this_quarter` compares the latest value with the straight path (logistic for
    percentages) from the first observation to the target; NA when it cannot be answered.
    """
    cfg = config or default_progress_config()
    res = assess_progress(obs, targets, meta, cfg, method)
    if res.empty:
        return res
    meta_idx = catalog_meta(meta)
    actual = usable_actuals(obs)
    interim = []
    for row in res.itertuples():
        grp = actual.loc[actual["unit_id"].eq(row.unit_id) & actual["indicator"].eq(row.indicator)]
        tgt = select_target(targets, row.indicator, row.unit_id, row.latest_date)
        if tgt is None or row.n_obs < 2:
            interim.append(pd.NA)
            continue
        unit = str(meta_idx.loc[row.indicator].get("unit", ""))
        check = check_interim(grp["ref_date"], grp["value"], tgt,
                              str(meta_idx.loc[row.indicator, "direction"]),
                              "logistic" if unit == "percent" else "linear",
                              cfg.percent_ceiling)
        interim.append(pd.NA if check.on_track is None else check.on_track)
    return res.assign(
        status_label=res["status"].map(lambda s: cfg.label(s, lang)),
        method_description=res["method"].map(METHODS),
        on_track_this_quarter=pd.array(interim, dtype="boolean"),
    )[["unit_id", "indicator", "status", "status_label", "method", "method_description",
       "ratio", "score", "reg_status", "reg_ratio_low", "reg_ratio_high",
       "on_track_this_quarter", "latest_date", "latest_value", "target_value", "target_year",
       "n_obs", "note"]]


def _join_names(names: list[str]) -> str:
    """Quoted names, since catalog names may themselves contain commas."""
    shown = [f"“{n}”" for n in names[:MAX_NAMED]]
    rest = len(names) - len(shown)
    return ", ".join(shown) + (f" +{rest}" if rest else "")


def pillar_sentence(pillar_name: str, statuses: list[str], lagging: list[str],
                    lang: str = "en") -> str:
    """One sentence on a pillar from the statuses of its indicators.

    `lagging` names the indicators that are limited or deteriorating, in display form.
    """
    n = len(statuses)
    good = sum(s in GOOD for s in statuses)
    fair = sum(s == "fair" for s in statuses)
    bad = sum(s in BAD for s in statuses)
    none = sum(s == "insufficient_data" for s in statuses)
    if lang == "vi":
        if n == 0 or none == n:
            return f"{pillar_name}: chưa có chỉ tiêu nào đủ dữ liệu để đánh giá."
        if good == n:
            return f"{pillar_name}: cả {n} chỉ tiêu đã đạt hoặc đúng tiến độ."
        parts = [f"{good}/{n} chỉ tiêu đã đạt hoặc đúng tiến độ"]
        if fair:
            parts.append(f"{fair} chỉ tiêu cần tăng tốc")
        if bad:
            parts.append(f"{bad} chỉ tiêu tiến bộ hạn chế hoặc đi xuống ({_join_names(lagging)})")
        if none:
            parts.append(f"{none} chỉ tiêu chưa đủ dữ liệu")
        return f"{pillar_name}: " + "; ".join(parts) + "."
    if lang != "en":
        raise ValueError(f"lang must be 'vi' or 'en', got {lang!r}")
    if n == 0 or none == n:
        return f"{pillar_name}: no indicator has enough data to assess yet."
    if good == n:
        return f"{pillar_name}: all {n} indicators met or on track." if n > 1 else (
            f"{pillar_name}: its one indicator is met or on track.")
    noun = "indicator" if n == 1 else "indicators"
    parts = [f"{good} of {n} {noun} met or on track"]
    if fair:
        parts.append(f"{fair} {'needs' if fair == 1 else 'need'} acceleration")
    if bad:
        parts.append(f"{bad} limited or deteriorating ({_join_names(lagging)})")
    if none:
        parts.append(f"{none} without enough data")
    return f"{pillar_name}: " + "; ".join(parts) + "."


def pillar_summary(
    status: pd.DataFrame, pillar_of: dict[str, str], lang: str = "en",
    names: dict[str, str] | None = None, pillar_names: dict[str, str] | None = None,
    config: ProgressConfig | None = None,
) -> pd.DataFrame:
    """A sentence per pillar (and unit) from a status table.

    `pillar_of` maps indicator -> pillar code (the catalog's `pillar`); `names` maps indicator ->
    display name; `pillar_names` maps pillar code -> display name (default: progress.yaml).
    """
    cfg = config or default_progress_config()
    names = names or {}
    labels = pillar_names or {k: v.get(lang, k) for k, v in cfg.pillars.items()}
    frame = status.assign(pillar=status["indicator"].map(pillar_of))
    rows = []
    for (unit_id, pillar), grp in frame.dropna(subset=["pillar"]).groupby(
            ["unit_id", "pillar"], sort=True):
        lagging = grp.loc[grp["status"].isin(BAD)].sort_values("score")
        sentence = pillar_sentence(labels.get(pillar, pillar), grp["status"].tolist(),
                                   [names.get(i, i) for i in lagging["indicator"]], lang)
        counts = grp["status"].value_counts()
        rows.append({"unit_id": unit_id, "pillar": pillar, "n": len(grp),
                     "n_good": int(counts.reindex(list(GOOD)).fillna(0).sum()),
                     "n_fair": int(counts.get("fair", 0)),
                     "n_bad": int(counts.reindex(list(BAD)).fillna(0).sum()),
                     "n_insufficient": int(counts.get("insufficient_data", 0)),
                     "mean_score": float(np.nanmean(grp["score"])) if grp["score"].notna().any()
                     else np.nan,
                     "sentence": sentence})
    return pd.DataFrame(rows)
