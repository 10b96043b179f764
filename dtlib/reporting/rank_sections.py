"""The report's rankings section: DTI rank table with Monte Carlo rank intervals, rank history.

The DTI sub-indices are `ctx.dti_components` (every unit, dated on or before the quarter end),
so a report only uses an edition whose reference date it has reached. `complete_components`,
`rank_interval_table` and `rank_history_rows` hold the logic and are tested on hand-written rows;
`rankings` formats them in the report language.
"""

from __future__ import annotations

import pandas as pd
from IPython.display import HTML

from dtlib.analysis import load_framework, rank_change, rank_uncertainty
from dtlib.analysis.config import Framework
from dtlib.analysis.sensitivity import DEFAULT_SEED
from dtlib.data.numbers import format_number
from dtlib.i18n import format_date, t
from dtlib.reporting.context import RANK_INDICATOR, ReportContext
from dtlib.reporting.markup import cached
from dtlib.reporting.render import render
from dtlib.tables import format_rank

RANK_DRAWS = 200
"""Monte Carlo draws behind each rank interval in a report: enough for stable P5–P95 ranks of a
handful of provinces (the five with published sub-indices), at about 0.3 s per report."""

RANK_SEED = DEFAULT_SEED
"""Seed of the rank-interval draws, so the same data always give the same report."""


def complete_components(components: pd.DataFrame, framework: Framework) -> tuple[int | None, pd.DataFrame]:
    """The latest year in which at least two units have every sub-index, and those rows.

    One value per unit x sub-index (the first by source id when sources repeat a figure).
    """
    if components.empty:
        return None, components
    rows = components[components["indicator"].isin(framework.leaves)]
    rows = rows.assign(year=rows["ref_date"].dt.year).sort_values("source_id").drop_duplicates(
        ["unit_id", "indicator", "year"])
    for year in sorted(rows["year"].unique(), reverse=True):
        in_year = rows[rows["year"] == year]
        counts = in_year.groupby("unit_id")["indicator"].nunique()
        complete = counts.index[counts == len(framework.leaves)]
        if len(complete) >= 2:
            return int(year), in_year[in_year["unit_id"].isin(complete)]
    return None, rows.iloc[:0]


def rank_interval_table(rows: pd.DataFrame, framework: Framework, n_draws: int = RANK_DRAWS,
                        seed: int = RANK_SEED) -> pd.DataFrame:
    """`rank_uncertainty` of the units in `rows` (unit_id, indicator, value), best first."""
    return rank_uncertainty(rows[["unit_id", "indicator", "value"]], framework,
                            n_draws=n_draws, seed=seed)


def rank_history_rows(history: pd.DataFrame) -> pd.DataFrame:
    """One published rank per year and group (first source by id) and `change` from the year before.

    `change` comes from `rank_change`: positive means the unit moved up; NA when the two
    years rank different groups (of 63, of 34), which are never one "rank change".
    """
    cols = ["year", "rank", "group_size", "change", "source_id", "synthetic"]
    if history.empty:
        return pd.DataFrame(columns=cols)
    if "synthetic" not in history:
        history = history.assign(synthetic=False)
    if "group_size" not in history:
        history = history.assign(group_size=pd.NA)
    ranked = (history.assign(year=history["ref_date"].dt.year, rank=history["value"].astype(float))
              .sort_values(["year", "source_id"]).drop_duplicates(["unit_id", "indicator", "year"]))
    years = ranked["year"].tolist()
    changes = [pd.NA]
    for y0, y1 in zip(years, years[1:], strict=False):
        change = rank_change(ranked, y0, y1)["change"]
        changes.append(pd.NA if change.empty else change.iloc[0])
    return ranked.assign(change=changes)[cols].reset_index(drop=True)


def change_text(change: object, language: str) -> str:
    """`tăng 3 bậc` / `giảm 2 bậc` / `giữ nguyên`; a dash for the first year."""
    if change is None or pd.isna(change):
        return "–"
    n = int(change)
    if n == 0:
        return t("rank_same", language)
    return t("rank_up" if n > 0 else "rank_down", language, n=abs(n))


def _unit_name(ctx: ReportContext, unit_id: str) -> str:
    unit = ctx.bundle.units.get(unit_id)
    return unit.name_vi if ctx.language == "vi" else unit.name_ascii


def _rank_intervals(ctx: ReportContext) -> tuple[int | None, pd.DataFrame, pd.DataFrame]:
    def compute() -> tuple[int | None, pd.DataFrame, pd.DataFrame]:
        framework = cached(ctx, "framework", load_framework)
        year, rows = complete_components(ctx.dti_components, framework)
        if year is None:
            return None, rows, pd.DataFrame()
        return year, rows, rank_interval_table(rows, framework)
    return cached(ctx, "rank_intervals", compute)


def _published_ranks(ctx: ReportContext, year: int) -> dict[str, tuple[float, object]]:
    """Unit id → (published rank, its group size) in `year`."""
    obs = ctx.bundle.actuals
    rows = obs[(obs["indicator"] == RANK_INDICATOR) & (obs["ref_date"].dt.year == year)
               & (obs["ref_date"] <= pd.Timestamp(ctx.params.as_of))]
    rows = rows.sort_values("source_id").drop_duplicates("unit_id")
    groups = rows["group_size"] if "group_size" in rows else pd.Series(pd.NA, index=rows.index)
    return dict(zip(rows["unit_id"], zip(rows["value"], groups, strict=True), strict=True))


def rankings(ctx: ReportContext) -> HTML:
    """DTI rank table with Monte Carlo rank intervals, then the unit's rank history and change."""
    from dtlib.reporting import footnotes

    lang = ctx.language
    notes = footnotes.numbers(ctx)
    n_leaves = len(cached(ctx, "framework", load_framework).leaves)
    year, rows, ru = _rank_intervals(ctx)
    own_name = _unit_name(ctx, ctx.unit.id)
    interval = None
    if year is not None:
        published = _published_ranks(ctx, year)
        synthetic = set(rows.loc[rows["synthetic"], "unit_id"]) if "synthetic" in rows else set()
        lines = [{"published": format_rank(*published.get(r.unit_id, (None, None)), lang),
                  "name": _unit_name(ctx, r.unit_id), "own": r.unit_id == ctx.unit.id,
                  "synthetic": r.unit_id in synthetic, "score": format_number(r.score, lang, decimals=4),
                  "rank": int(r.rank), "interval": f"{int(r.rank_low)}–{int(r.rank_high)}",
                  "shift": format_number(r.mean_abs_shift, lang, decimals=2)} for r in ru.itertuples()]
        own = ru[ru["unit_id"] == ctx.unit.id]
        if own.empty:
            own_text = t("rank_unit_missing", lang, year=year, unit=own_name, n=len(ru))
        else:
            o = own.iloc[0]
            own_text = t("rank_unit_in_group", lang, unit=own_name, rank=int(o["rank"]), n=len(ru),
                         low=int(o["rank_low"]), high=int(o["rank_high"]))
        interval = {"year": year, "rows": lines, "own_text": own_text,
                    "note": t("rank_interval_note", lang, k=n_leaves, n=len(ru), draws=RANK_DRAWS,
                              seed=RANK_SEED),
                    "notes": sorted({notes[s] for s in rows["source_id"] if s in notes})}
    history = [{"year": int(h.year), "rank": format_rank(h.rank, h.group_size, lang),
                "synthetic": bool(h.synthetic), "change": change_text(h.change, lang),
                "note": notes.get(h.source_id)} for h in rank_history_rows(ctx.rank_history).itertuples()]
    return render("rankings.html.j2", lang, interval=interval, unit=own_name, history=history,
                  no_components=t("rank_no_components", lang, date=format_date(ctx.params.as_of, lang)))
