"""The report's analysis sections: progress status, pillar sentences and forecasts.

Runs `dtlib.analysis` on the report's own rows, which `ReportContext` has already cut at the
quarter's last day (`ctx.actuals`, `ctx.targets`), so a 2024Q1 report never uses a later
figure. Each result is computed once per report and kept in `ctx.cache` (`cached`). The
functions that take frames (`status_cells`, `forecast_reason`) hold the logic and are tested on
hand-written rows; the functions that take a `ReportContext` only select and format, in the
report's language. Rankings are in `rank_sections`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML

from dtlib.analysis import (
    forecast_all,
    forecast_fan,
    pillar_summary,
    status_table,
)
from dtlib.analysis.forecast import MIN_POINTS_REGRESSION
from dtlib.analysis.progress import METHODS
from dtlib.data.numbers import format_number
from dtlib.i18n import format_date, t
from dtlib.reporting.context import ReportContext
from dtlib.reporting.formats import target_text
from dtlib.reporting.markup import cached
from dtlib.reporting.render import render

MIN_STATUS_DATES = 2
"""Observation dates a progress status needs (progress.yaml `min_observations`), for the reason."""




def _meta(ctx: ReportContext) -> pd.DataFrame:
    return cached(ctx, "meta", ctx.bundle.catalog.frame)


def percent_text(p: float, language: str) -> str:
    """A probability as a whole percentage in the report language (`73 %`)."""
    return format_number(round(100 * float(p)), language, decimals=0, percent=True)


# -- progress status -------------------------------------------------------------------------

def unit_status(ctx: ReportContext) -> pd.DataFrame:
    """`status_table` of the unit's figures up to the quarter end (one row per indicator)."""
    return cached(ctx, "status", lambda: status_table(
        ctx.actuals, ctx.targets, _meta(ctx), lang=ctx.language))


def method_text(method: str, language: str) -> str:
    """The full description of a progress method in the report language."""
    if method not in METHODS:
        raise KeyError(f"unknown progress method {method!r}")
    return t(f"method_{method}", language)


def status_rows(table: pd.DataFrame, status: pd.DataFrame, language: str) -> pd.DataFrame:
    """`table` (`latest_table` rows) with the status merged on indicator, ready for a template.

    Adds `status_class` (colour), `status_text` (label, never colour alone), `reason` (why there
    is no status), `method_code` and `method_text`. Indicators the status table leaves out
    (ranks are ordinal and never assessed) get "not assessed".
    """
    cols = ["indicator", "status", "status_label", "method", "n_obs"]
    merged = table.merge(status.reindex(columns=cols), on="indicator", how="left")
    classes, texts, reasons, codes, descriptions = [], [], [], [], []
    for r in merged.itertuples():
        if pd.isna(r.status):
            classes.append("none")
            texts.append(t("status_none", language))
            reasons.append("")
        else:
            classes.append(STATUS_CLASS.get(str(r.status), "none"))
            texts.append(str(r.status_label))
            reasons.append(t("status_too_few", language, n=int(r.n_obs), need=MIN_STATUS_DATES)
                           if r.status == "insufficient_data" else "")
        method = "" if pd.isna(r.method) or r.method == "none" else str(r.method)
        codes.append(method)
        descriptions.append(method_text(method, language) if method else "")
    return merged.assign(status_class=classes, status_text=texts, reason=reasons,
                         method_code=codes, method_text=descriptions)


def used_methods(status: pd.DataFrame) -> list[str]:
    """The progress methods the status table used, in `METHODS` order (for the footnote)."""
    return [m for m in METHODS if m != "none" and m in set(status.get("method", []))]


STATUS_CLASS: dict[str, str] = {
    "met": "good", "on_track": "good", "fair": "fair", "limited": "bad", "deterioration": "bad",
    "insufficient_data": "none",
}
"""CSS class (colour) of a progress status; its text label is always printed beside it."""


# -- pillar sentences --------------------------------------------------------------------------

def pillar_sentences(ctx: ReportContext) -> list[str]:
    """One sentence per pillar (`pillar_summary`) for the report's unit and language."""
    status = unit_status(ctx)
    if status.empty:
        return []
    meta = _meta(ctx)
    summary = pillar_summary(status, dict(zip(meta["code"], meta["pillar"], strict=True)),
                             ctx.language,
                             names=dict(zip(meta["code"], meta[f"name_{ctx.language}"], strict=True)),
                             pillar_names={p: t(f"pillar_{p}", ctx.language) for p in set(meta["pillar"])})
    return summary["sentence"].tolist()


def pillar_summaries(ctx: ReportContext) -> HTML:
    """The "summary by pillar" block (the brief carries the same sentences)."""
    sentences = pillar_sentences(ctx)
    return render("heading.html.j2", ctx.language, text=t("summary_heading", ctx.language), level=2,
                  section=False, text_after=" ".join(sentences) or t("no_data", ctx.language))


# -- forecasts ---------------------------------------------------------------------------------

def unit_forecasts(ctx: ReportContext) -> pd.DataFrame:
    """`forecast_all` of the unit's figures up to the quarter end, to each target year."""
    return cached(ctx, "forecasts", lambda: forecast_all(ctx.actuals, ctx.targets, _meta(ctx)))


def forecast_reason(row: Any, language: str) -> str:
    """Why a series has no forecast, in the report language (`row`: one `forecast_all` row)."""
    if pd.isna(row.target_value):
        return t("reason_no_target", language)
    if int(row.n_obs) < MIN_POINTS_REGRESSION:
        return t("reason_too_few", language, n=int(row.n_obs), need=MIN_POINTS_REGRESSION)
    if "not after the latest" in str(row.reason):
        return t("reason_horizon", language, year=int(row.target_year))
    return t("reason_other", language)


def _is_synthetic(ctx: ReportContext, indicator: str) -> bool:
    rows = ctx.actuals[ctx.actuals["indicator"] == indicator]
    return bool(rows["synthetic"].any()) if "synthetic" in rows else False


def _target_text(ctx: ReportContext, row: Any) -> str:
    unit = ctx.bundle.catalog[row.indicator].unit
    rows = ctx.targets[(ctx.targets["indicator"] == row.indicator)
                       & (ctx.targets["value"] == row.target_value)]
    comparator = str(rows["comparator"].iloc[0]) if not rows.empty else ""
    return target_text(float(row.target_value), comparator, unit, ctx.language)


def _target_scope(ctx: ReportContext, row: Any) -> str:
    rows = ctx.targets[(ctx.targets["indicator"] == row.indicator)
                       & (ctx.targets["value"] == row.target_value)
                       & (ctx.targets["scope"] == ctx.unit.id)]
    return t("scope_unit" if not rows.empty else "scope_national", ctx.language)


def forecast_summary(ctx: ReportContext) -> str:
    """One sentence: how many indicators have a forecast and why the others do not."""
    lang = ctx.language
    fc = unit_forecasts(ctx)
    heads = fc.drop_duplicates("indicator") if not fc.empty else fc
    if heads.empty:
        return t("forecast_none", lang)
    ok = heads[(heads["status"] == "ok") & heads["target_value"].notna()]
    rest = heads[~heads["indicator"].isin(ok["indicator"])]
    no_target = int(rest["target_value"].isna().sum())
    too_few = int((rest["target_value"].notna() & (rest["n_obs"] < MIN_POINTS_REGRESSION)).sum())
    lead = t("forecast_count", lang, n=len(ok)) if len(ok) else t("forecast_none", lang)
    if rest.empty:
        return lead
    return lead + " " + t("forecast_summary", lang, n=len(rest), no_target=no_target, too_few=too_few,
                          other=len(rest) - no_target - too_few, need=MIN_POINTS_REGRESSION)


def forecast_heading(ctx: ReportContext) -> HTML:
    """Heading, what the forecasts use, and the one-sentence summary of the gaps."""
    lang = ctx.language
    intro = t("forecast_intro", lang, date=format_date(ctx.params.as_of, lang),
              need=MIN_POINTS_REGRESSION)
    return render("forecast.html.j2", lang, intro=intro, summary=forecast_summary(ctx))


def forecast_figures(ctx: ReportContext) -> list[tuple[go.Figure, HTML]]:
    """A fan chart and its caption (target, P(target met), model) per forecastable indicator."""
    lang = ctx.language
    fc = unit_forecasts(ctx)
    if fc.empty:
        return []
    heads = fc.drop_duplicates("indicator")
    heads = heads[(heads["status"] == "ok") & heads["target_value"].notna()]
    out = []
    for row in heads.itertuples():
        indicator = ctx.bundle.catalog[row.indicator]
        target = _target_text(ctx, row)
        p = percent_text(row.p_target_met, lang) if pd.notna(row.p_target_met) else "–"
        fig = forecast_fan(fc, ctx.unit.id, row.indicator, ctx.actuals, lang=lang,
                           title=indicator.name(lang))
        fig.update_traces(mode="lines", selector={"fill": "toself"})  # bands: no point markers
        for note in fig.layout.annotations:  # the figure's own labels, in the report's format
            if note.yref == "paper":
                note.text = t("forecast_p", lang, year=int(row.target_year), p=p)
            else:
                note.text = f"{t('col_target', lang)} {int(row.target_year)}: {target}"
        caption = t("forecast_caption", lang, target=target, year=int(row.target_year),
                    scope=_target_scope(ctx, row), p=p, model=t(f"model_{row.model}", lang), n=int(row.n_obs))
        if "indicative only" in str(row.reason):
            caption += " " + t("forecast_indicative", lang)
        out.append((fig, render("caption.html.j2", lang, text=caption,
                                synthetic=_is_synthetic(ctx, row.indicator))))
    return out


def forecast_gap_rows(ctx: ReportContext) -> list[dict[str, object]]:
    """The indicators without a forecast and why, for the appendix (with a target first)."""
    lang = ctx.language
    fc = unit_forecasts(ctx)
    if fc.empty:
        return []
    heads = fc.drop_duplicates("indicator")
    rest = heads[heads["status"] != "ok"]
    rest = rest.assign(has_target=rest["target_value"].notna()).sort_values(
        ["has_target", "indicator"], ascending=[False, True])
    return [{"name": ctx.bundle.catalog[r.indicator].name(lang), "n": int(r.n_obs),
             "target": f"{_target_text(ctx, r)} ({int(r.target_year)})" if r.has_target else "–",
             "reason": forecast_reason(r, lang)} for r in rest.itertuples()]
