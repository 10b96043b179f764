"""The one-page brief at the top of a report: where the unit stands, what changed, what is due.

Everything here is data for the `brief.html.j2` template, computed from the report's own rows
(`ReportContext.actuals`, already cut at the quarter's last day), so a brief never shows a figure
the report body does not. `headline_rows` and `new_rows` (and `dtlib.tables.due_rows`) take frames and are tested on
hand-written rows; `brief` renders them in the report's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
from IPython.display import HTML

from dtlib.data.catalog import Catalog
from dtlib.data.numbers import format_number
from dtlib.data.periods import parse_period
from dtlib.i18n import format_date, t
from dtlib.reporting import analysis_sections, footnotes
from dtlib.reporting.config import load_report_config
from dtlib.reporting.context import ReportContext
from dtlib.reporting.formats import comparator_of, target_text
from dtlib.reporting.markup import cached
from dtlib.reporting.render import render
from dtlib.tables import due_rows, format_value, value_on

STATUS_CLASS: dict[str, str] = {**analysis_sections.STATUS_CLASS, "not_met": "bad", "no_evidence": "none",
                                 "off_track": "bad"}
"""CSS class (colour) of a progress status or a due target's verdict; its text is always beside it."""
OFF_TRACK = ("limited", "deterioration")
MAX_DUE_IN_BRIEF = 5
MAX_NEW_IN_BRIEF = 5


def change_text(now: float, before: float | None, unit: str, language: str) -> str:
    """`+3 điểm %`, `tăng 2 bậc`, `+1.200`; a dash when there is nothing to compare."""
    if before is None or pd.isna(before):
        return "–"
    diff = float(now) - float(before)
    if diff == 0:
        return t("change_same", language)
    if unit == "rank":
        return t("change_rank_up" if diff < 0 else "change_rank_down", language, n=int(abs(diff)))
    sign = "+" if diff > 0 else "−"
    if unit == "percent":
        n = format_number(abs(diff), language, decimals=None if abs(diff).is_integer() else 1)
        return t("change_pp", language, sign=sign, n=n)
    return sign + format_value(abs(diff), unit, language)


@dataclass(frozen=True)
class HeadlineRow:
    pillar: str
    name: str
    value: str
    date: str
    change_quarter: str
    change_year: str
    target: str
    status: str
    status_label: str
    note: int | None
    synthetic: bool


def _previous_quarter_end(quarter_start: date) -> date:
    return date.fromordinal(quarter_start.toordinal() - 1)


def headline_rows(actuals: pd.DataFrame, table: pd.DataFrame, status: pd.DataFrame,
                  codes: list[tuple[str, str]], catalog: Catalog, quarter: str, language: str,
                  note_of: dict[str, int] | None = None) -> list[HeadlineRow]:
    """One row per configured headline indicator, with or without a figure."""
    period = parse_period(quarter)
    prev_end = _previous_quarter_end(period.start)
    year_ago = date(period.end.year - 1, period.end.month, 28 if period.end.month == 2 else period.end.day)
    latest = table.set_index("indicator") if not table.empty else table
    state = status.set_index("indicator") if not status.empty else status
    out = []
    for pillar, code in codes:
        ind = catalog[code]
        rows = actuals[actuals["indicator"] == code]
        if code not in getattr(latest, "index", []) or rows.empty:
            out.append(HeadlineRow(pillar, ind.name(language), t("no_figure", language), "–", "–", "–",
                                   "–", "none", t("no_figure", language), None, False))
            continue
        r = latest.loc[code]
        last_date = pd.Timestamp(r["ref_date"]).date()
        before_q = value_on(rows, prev_end) if last_date > prev_end else None
        before_y = value_on(rows, year_ago) if last_date > year_ago else None
        target = "–" if r["target_value"] is None or pd.isna(r["target_value"]) else (
            target_text(float(r["target_value"]), comparator_of(r["target_text"]), ind.unit, language)
            + (f" ({int(r['target_year'])})" if pd.notna(r["target_year"]) else ""))
        code_status = str(state.loc[code, "status"]) if code in getattr(state, "index", []) else "none"
        label = (str(state.loc[code, "status_label"]) if code_status != "none"
                 else t("status_none", language))
        out.append(HeadlineRow(
            pillar, ind.name(language), str(r["value_text"]), format_date(last_date, language),
            change_text(r["value"], before_q, ind.unit, language),
            change_text(r["value"], before_y, ind.unit, language), target,
            STATUS_CLASS.get(code_status, "none"), label,
            (note_of or {}).get(str(r["source_id"])), bool(r["synthetic"])))
    return out


def new_rows(actuals: pd.DataFrame, sources: pd.DataFrame, quarter: str) -> pd.DataFrame:
    """Figures dated in the quarter or whose source was published in it (latest per indicator)."""
    period = parse_period(quarter)
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    published = pd.to_datetime(actuals["source_id"].map(sources["published"]) if not sources.empty
                               else pd.Series(index=actuals.index, dtype=object), errors="coerce")
    dated_in = (actuals["ref_date"] >= start) & (actuals["ref_date"] <= end)
    published_in = (published >= start) & (published <= end)
    rows = actuals[dated_in | published_in.fillna(False)]
    return (rows.sort_values(["indicator", "ref_date", "source_id"], ascending=[True, False, True])
                .drop_duplicates("indicator"))


def unit_due(ctx: ReportContext) -> pd.DataFrame:
    first = ctx.unit.valid_from.year if ctx.unit.valid_from else None
    return cached(ctx, "due", lambda: due_rows(ctx.actuals, ctx.bundle.targets, ctx.unit.id,
                                                 ctx.params.as_of.year, first))


def due_items(ctx: ReportContext) -> list[dict[str, str]]:
    """Off-track indicators, then due targets, as text with a status class (brief and appendix)."""
    lang = ctx.language
    catalog = ctx.bundle.catalog
    items = []
    status = analysis_sections.unit_status(ctx)
    for r in status[status["status"].isin(OFF_TRACK)].itertuples() if not status.empty else []:
        items.append({"text": t("offtrack_row", lang, indicator=catalog[r.indicator].name(lang),
                                status=r.status_label),
                      "class": "bad", "label": t("due_off_track", lang)})
    for r in unit_due(ctx).itertuples():
        ind = catalog[r.indicator]
        items.append({"text": t("due_row", lang, indicator=ind.name(lang), year=r.year,
                                target=target_text(r.target, r.comparator, ind.unit, lang),
                                verdict=t(f"due_{r.verdict}", lang)),
                      "class": STATUS_CLASS[r.verdict], "label": t(f"due_{r.verdict}", lang)})
    return items


def geography(ctx: ReportContext) -> tuple[str, list[str]]:
    """The unit's geography (63- or 34-unit era) and the names of its former areas."""
    lang = ctx.language
    units = ctx.bundle.units
    era = ("brief_geography_national" if ctx.unit.is_national else
           "brief_geography_34" if ctx.unit.id.startswith("P34-") else "brief_geography_63")
    former = [u.name_vi if lang == "vi" else u.name_ascii for u in units.predecessors(ctx.unit.id)]
    return t(era, lang), former


def unit_name(ctx: ReportContext) -> str:
    return ctx.unit.full_name_vi if ctx.language == "vi" else ctx.unit.name_ascii


def brief(ctx: ReportContext) -> HTML:
    """The first page: title, where/when, headline indicators, what is new, what is due, pillars."""
    from dtlib.reporting.sections import later_knowledge_text, period_text, published_by_text, quarter_text

    lang = ctx.language
    config = cached(ctx, "report_config", lambda: load_report_config(ctx.bundle.catalog))
    notes = footnotes.numbers(ctx)
    status = analysis_sections.unit_status(ctx)
    rows = headline_rows(ctx.actuals, ctx.table, status, list(config.headline), ctx.bundle.catalog,
                         ctx.params.quarter, lang, notes)
    fresh = new_rows(ctx.actuals, ctx.bundle.sources, ctx.params.quarter)
    first = {code: i for i, code in enumerate(config.headline_codes)}
    fresh = fresh.assign(order=fresh["indicator"].map(first).fillna(len(first))).sort_values(
        ["order", "indicator"])
    new = [{"text": t("brief_new_row", lang, indicator=ctx.bundle.catalog[r.indicator].name(lang),
                      value=format_value(r.value, ctx.bundle.catalog[r.indicator].unit, lang, r.qualifier),
                      date=period_text(r.period, lang)),
            "note": notes.get(r.source_id), "synthetic": bool(r.synthetic)}
           for r in fresh.itertuples()]
    due = due_items(ctx)
    era, former = geography(ctx)
    return render("brief.html.j2", lang, title=t("report_title", lang, unit=unit_name(ctx),
                                                  quarter=quarter_text(ctx.params.quarter, lang)),
                  unit=unit_name(ctx), era=era, former=former,
                  quarter=quarter_text(ctx.params.quarter, lang),
                  figures_up_to=format_date(ctx.params.as_of, lang),
                  published_by=published_by_text(ctx), later=later_knowledge_text(ctx),
                  synthetic_n=len(ctx.synthetic_datasets), rows=rows,
                  pillar_names={p: t(f"pillar_{p}", lang) for p, _ in config.headline},
                  new=new[:MAX_NEW_IN_BRIEF], new_more=max(0, len(new) - MAX_NEW_IN_BRIEF),
                  due=due[:MAX_DUE_IN_BRIEF], due_more=max(0, len(due) - MAX_DUE_IN_BRIEF),
                  sentences=analysis_sections.pillar_sentences(ctx))
