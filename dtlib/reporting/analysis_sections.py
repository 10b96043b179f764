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
from dtlib.i18n import format_date, t
from dtlib.numbers import format_number
from dtlib.reporting.context import ReportContext
from dtlib.reporting.markup import cached, e, synthetic_mark, wrap
from dtlib.tables import format_value

MIN_STATUS_DATES = 2
"""Observation dates a progress status needs (progress.yaml `min_observations`), for the reason."""

COMPARATOR_TEXT: dict[str, str] = {">=": "≥ ", "<=": "≤ ", ">": "> ", "<": "< ", "==": ""}
"""How a target's comparator is printed before its value."""



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


def status_cells(table: pd.DataFrame, status: pd.DataFrame, language: str) -> pd.DataFrame:
    """`table` (`latest_table` rows) with `status_html` and `method_html` cells merged on indicator.

    Indicators the status table leaves out (ranks are ordinal and never assessed) get a dash.
    Insufficient data carries its reason as a tooltip; the method its full description.
    """
    cols = ["indicator", "status", "status_label", "method", "n_obs"]
    merged = table.merge(status.reindex(columns=cols), on="indicator", how="left")
    status_html, method_html = [], []
    for r in merged.itertuples():
        if pd.isna(r.status):
            status_html.append("–")
            method_html.append("–")
            continue
        label = e(str(r.status_label))
        if r.status == "insufficient_data":
            reason = t("status_too_few", language, n=int(r.n_obs), need=MIN_STATUS_DATES)
            label = f"<span title='{e(reason)}'>{label}</span> <small>({e(reason)})</small>"
        status_html.append(label)
        method_html.append("–" if r.method == "none" else
                           f"<abbr title='{e(method_text(r.method, language))}'>{e(r.method)}</abbr>")
    return merged.assign(status_html=status_html, method_html=method_html)


def methods_footnote(status: pd.DataFrame, language: str) -> str:
    """HTML footnote naming each method used in the table with its description."""
    used = [m for m in METHODS if m != "none" and m in set(status.get("method", []))]
    if not used:
        return ""
    items = "; ".join(f"<b>{e(m)}</b>: {e(method_text(m, language))}" for m in used)
    return f'<p class="dt-caption">{e(t("methods_note", language))}: {items}.</p>'


# -- pillar sentences --------------------------------------------------------------------------

def pillar_sentences(ctx: ReportContext) -> list[str]:
    """One sentence per pillar (`pillar_summary`) for the report's unit and language."""
    status = unit_status(ctx)
    if status.empty:
        return []
    meta = _meta(ctx)
    summary = pillar_summary(status, dict(zip(meta["code"], meta["pillar"], strict=True)),
                             ctx.language,
                             names=dict(zip(meta["code"], meta[f"name_{ctx.language}"], strict=True)))
    return summary["sentence"].tolist()


def pillar_summaries(ctx: ReportContext) -> HTML:
    """The "summary by pillar" block near the top of the report."""
    lang = ctx.language
    sentences = pillar_sentences(ctx)
    items = "".join(f"<li>{e(s)}</li>" for s in sentences)
    body = f"<h2>{e(t('summary_heading', lang))}</h2>"
    body += f"<ul>{items}</ul>" if items else f"<p>{e(t('no_data', lang))}</p>"
    return wrap(body)


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
    return str(row.reason)


def _is_synthetic(ctx: ReportContext, indicator: str) -> bool:
    rows = ctx.actuals[ctx.actuals["indicator"] == indicator]
    return bool(rows["synthetic"].any()) if "synthetic" in rows else False


def _target_text(ctx: ReportContext, row: Any) -> str:
    unit = ctx.bundle.catalog[row.indicator].unit
    rows = ctx.targets[(ctx.targets["indicator"] == row.indicator)
                       & (ctx.targets["value"] == row.target_value)]
    comparator = COMPARATOR_TEXT.get(str(rows["comparator"].iloc[0]), "") if not rows.empty else ""
    return comparator + format_value(float(row.target_value), unit, ctx.language)


def _target_scope(ctx: ReportContext, row: Any) -> str:
    rows = ctx.targets[(ctx.targets["indicator"] == row.indicator)
                       & (ctx.targets["value"] == row.target_value)
                       & (ctx.targets["scope"] == ctx.unit.id)]
    return t("scope_unit" if not rows.empty else "scope_national", ctx.language)


def forecast_heading(ctx: ReportContext) -> HTML:
    """Heading and a line on what the forecasts use."""
    lang = ctx.language
    intro = t("forecast_intro", lang, date=format_date(ctx.params.as_of, lang),
              need=MIN_POINTS_REGRESSION)
    return wrap(f"<h2>{e(t('forecast_heading', lang))}</h2><p>{e(intro)}</p>")


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
                    scope=_target_scope(ctx, row), p=p, model=row.model, n=int(row.n_obs))
        if "indicative only" in str(row.reason):
            caption += " " + t("forecast_indicative", lang)
        mark = synthetic_mark(lang) if _is_synthetic(ctx, row.indicator) else ""
        out.append((fig, wrap(f'<p class="dt-caption">{e(caption)}{mark}</p>')))
    return out


def forecast_gaps(ctx: ReportContext) -> HTML:
    """The indicators without a forecast, and why (for sparse press series, the honest answer)."""
    lang = ctx.language
    fc = unit_forecasts(ctx)
    heads = fc.drop_duplicates("indicator") if not fc.empty else fc
    body = ""
    if heads.empty or not (heads["status"] == "ok").any():
        body += f"<p>{e(t('forecast_none', lang))}</p>"
    rest = heads[heads["status"] != "ok"] if not heads.empty else heads
    if rest.empty:
        return wrap(body)
    rest = rest.assign(has_target=rest["target_value"].notna()).sort_values(
        ["has_target", "indicator"], ascending=[False, True])
    rows = []
    for row in rest.itertuples():
        name = ctx.bundle.catalog[row.indicator].name(lang)
        target = f"{_target_text(ctx, row)} ({int(row.target_year)})" if row.has_target else "–"
        rows.append(f"<tr><td>{e(name)}</td><td class='num'>{int(row.n_obs)}</td>"
                    f"<td class='num'>{e(target)}</td><td>{e(forecast_reason(row, lang))}</td></tr>")
    head = "".join(f"<th>{e(t(k, lang))}</th>"
                   for k in ("col_indicator", "col_dates", "col_target", "col_reason"))
    body += (f"<h3>{e(t('insufficient_heading', lang))}</h3>"
             f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
    return wrap(body)
