"""The report's sections as displayable objects, in the report's language.

Each function takes a `ReportContext` and returns HTML (or a plotly figure) for one notebook
cell, so the notebook stays a list of one-line calls. Every figure is formatted by
`dtlib.tables.format_value`, every synthetic figure is marked, and the sources section lists
exactly `ReportContext.cited_source_ids()`.
"""

from __future__ import annotations

import json
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from IPython.display import HTML, display

from dtlib.data.catalog import PILLARS
from dtlib.data.periods import parse_period, quarter_label_vi
from dtlib.drawing import charts, maps
from dtlib.i18n import format_date, t
from dtlib.reporting import analysis_sections, footnotes, map_sections
from dtlib.reporting.context import RANK_INDICATOR, ReportContext
from dtlib.reporting.formats import comparator_of, target_text
from dtlib.reporting.markup import cached
from dtlib.reporting.render import render
from dtlib.tables import format_value


def quarter_text(quarter: str, language: str) -> str:
    """`Quý II/2024` in vi, `2024Q2` in en."""
    return quarter_label_vi(parse_period(quarter)) if language == "vi" else quarter


def period_text(period: str, language: str) -> str:
    """A period label for a reader (`Quý II/2024`, `15/05/2024`, `2023`)."""
    parsed = parse_period(period)
    if parsed.kind == "quarter":
        return quarter_text(parsed.label, language)
    if parsed.kind == "date":
        return format_date(parsed.end, language)
    if parsed.kind == "month" and language == "vi":
        return f"tháng {parsed.end.month}/{parsed.end.year}"
    return parsed.label


def header(ctx: ReportContext) -> HTML:
    """The report's first page (kept under its old name): `dtlib.reporting.brief.brief`."""
    from dtlib.reporting.brief import brief

    return brief(ctx)


def published_by_text(ctx: ReportContext) -> str:
    """The "as published by" date, with how many undated figures the view shows by reference date."""
    lang = ctx.language
    text = format_date(ctx.published_by, lang)
    if ctx.undated_shown:
        text += f" ({t('undated_shown', lang, n=ctx.undated_shown)})"
    return text


def later_knowledge_text(ctx: ReportContext) -> str:
    """The line a `--known-at` view beyond the report's window carries ("" otherwise)."""
    if not ctx.shows_later_knowledge:
        return ""
    return t("published_after_quarter", ctx.language, date=format_date(ctx.published_by, ctx.language))


def reform(ctx: ReportContext) -> HTML:
    """What the 1 July 2025 reform did to the unit (and its districts)."""
    lang = ctx.language
    units = ctx.bundle.units
    if ctx.unit.is_national:  # the country was not reorganised
        return HTML("")
    story = units.reform_story(ctx.unit.id)

    def name(u: Any) -> str:
        return u.label(lang)

    values = {"unit": ctx.unit.full_name_vi if lang == "vi" else ctx.unit.name_ascii,
              "date": format_date(story["reform_date"], lang), "basis": t("reform_basis", lang)}
    if story["status"] == "new_unit":
        text = t("reform_new", lang, others=", ".join(name(u) for u in story["formed_from"]), **values)
    else:
        last = format_date(ctx.unit.valid_to.fromordinal(ctx.unit.valid_to.toordinal() - 1), lang)
        new = ", ".join(name(u) for u in story["became"])
        if story["merged_with"]:
            text = t("reform_merged", lang, last=last, new=new,
                     others=", ".join(name(u) for u in story["merged_with"]), **values)
        else:
            text = t("reform_kept", lang, last=last, new=new, **values)
    children = units.children(ctx.unit.id)
    districts = ""
    if children:
        names = ", ".join(u.full_name_vi if lang == "vi" else u.name_ascii for u in children)
        districts = f"{t('reform_districts', lang, n=len(children), date=values['date'])} {names}."
    return render("reform.html.j2", lang, text=text, districts=districts)


def charted(ctx: ReportContext) -> set[str]:
    """Indicators that get a detail row and a chart: two figures or more, or a target."""
    return set(ctx.trend_indicators) | ({RANK_INDICATOR} if len(ctx.rank_history) else set())


def _row_target(r: Any, lang: str) -> str:
    if r.target_value is None or pd.isna(r.target_value):
        return "–"
    scope = t("scope_national" if r.target_scope == "national" else "scope_unit", lang)
    year = "" if r.target_year is None or pd.isna(r.target_year) else f"{int(r.target_year)}, "
    return f"{target_text(float(r.target_value), comparator_of(r.target_text), r.unit, lang)} ({year}{scope})"


def indicator_table(ctx: ReportContext) -> HTML:
    """Indicators with a chart, grouped by pillar: latest value, target, gap, status, method.

    Single figures without a target are counted here and listed in `appendix`.
    """
    lang = ctx.language
    notes = footnotes.numbers(ctx)
    status = analysis_sections.unit_status(ctx)
    shown = charted(ctx)
    table = ctx.table[ctx.table["indicator"].isin(shown)] if not ctx.table.empty else ctx.table
    pillars = []
    if not table.empty:
        cells = analysis_sections.status_rows(table, status, lang)
        for pillar in [p for p in PILLARS if p in set(cells["pillar"])]:
            rows = []
            for r in cells[cells["pillar"] == pillar].itertuples():
                rows.append({
                    "name": r.name, "value": r.value_text, "synthetic": bool(r.synthetic),
                    "note": notes.get(r.source_id), "period": period_text(r.period, lang),
                    "target": _row_target(r, lang),
                    "target_note": notes.get(r.target_source_id) if r.target_source_id else None,
                    "gap": r.gap_text, "status": r.status_class, "status_label": r.status_text,
                    "reason": r.reason, "method_text": r.method_text,
                    "method": t(f"method_short_{r.method_code}", lang) if r.method_code else ""})
            pillars.append({"name": t(f"pillar_{pillar}", lang), "rows": rows})
    methods = [(m, analysis_sections.method_text(m, lang)) for m in analysis_sections.used_methods(status)]
    single = len(single_rows(ctx))
    return render("detail.html.j2", lang, pillars=pillars, methods=methods, single_count=single)


def single_rows(ctx: ReportContext) -> pd.DataFrame:
    """`ctx.table` rows of indicators with one figure and no target (the appendix table)."""
    if ctx.table.empty:
        return ctx.table
    return ctx.table[~ctx.table["indicator"].isin(charted(ctx))]


def appendix(ctx: ReportContext) -> HTML:
    """Single figures without target, indicators without a forecast (and why), targets due."""
    from dtlib.reporting.brief import due_items

    lang = ctx.language
    notes = footnotes.numbers(ctx)
    single = [{"name": r.name, "pillar": t(f"pillar_{r.pillar}", lang), "value": r.value_text,
               "synthetic": bool(r.synthetic), "note": notes.get(r.source_id),
               "period": period_text(r.period, lang)} for r in single_rows(ctx).itertuples()]
    catalog = ctx.bundle.catalog
    ahead = [{"name": catalog[r.indicator].name(lang),
              "scope": t("target_scope_national" if r.scope == "national" else "target_scope_unit", lang),
              "target": target_text(r.value, r.comparator, catalog[r.indicator].unit, lang), "year": int(r.year),
              "note": notes.get(r.source_id)} for r in ctx.targets_ahead.itertuples() if r.indicator in catalog]
    return render("appendix.html.j2", lang, single=single,
                  gaps=analysis_sections.forecast_gap_rows(ctx), due=due_items(ctx), ahead=ahead)


def heading(key: str, ctx: ReportContext, **values: object) -> HTML:
    return render("heading.html.j2", ctx.language, text=t(key, ctx.language, **values), level=2,
                  section=True, text_after="")


def source_marks(ctx: ReportContext) -> dict[str, str]:
    """Source id → its footnote mark (`[3]`): how a chart of the report names a source (once per report)."""
    return cached(ctx, "source_marks",
                  lambda: {source_id: f"[{n}]" for source_id, n in footnotes.numbers(ctx).items()})


def trend_figures(ctx: ReportContext) -> list[go.Figure]:
    """One trend chart per indicator (DTI rank excluded), with its targets."""
    figures = []
    for code in ctx.trend_indicators:
        indicator = ctx.bundle.catalog[code]
        rows = ctx.actuals[ctx.actuals["indicator"] == code]
        targets = ctx.targets[ctx.targets["indicator"] == code]
        figures.append(charts.trend_chart(rows, indicator, targets, ctx.language, source_marks(ctx)))
    return figures


def rank_figure(ctx: ReportContext) -> go.Figure | None:
    """The unit's DTI rank per year, or None without any rank."""
    if ctx.rank_history.empty:
        return None
    return charts.rank_history_chart(ctx.rank_history, ctx.language, source_names=source_marks(ctx))


PLOTLY_MIME = "application/vnd.plotly.v1+json"


def show(fig: go.Figure | None, ctx: ReportContext) -> None:
    """Display a figure as the plotly mimetype (JupyterLab and the `dtreport` template render it).

    `fig.show()` would import plotly's renderer machinery, which pulls in nbformat and jsonschema
    (about 1–3 s per report kernel) to emit the same bundle.
    """
    if fig is None:
        display(render("caption.html.j2", ctx.language, text=t("no_data", ctx.language), synthetic=False))
        return
    title = fig.layout.title.text or ""
    fig.update_layout(meta={"alt": t("chart_alt", ctx.language, title=title)})
    display({PLOTLY_MIME: json.loads(fig.to_json())}, raw=True)


def dti_map(ctx: ReportContext) -> HTML:
    """The indicator maps of the unit's geography (kept under its old name)."""
    return map_sections.indicator_maps(ctx)


def district_map(ctx: ReportContext) -> HTML:
    """The unit's districts, coloured by district figures where they exist."""
    return map_sections.district_map(ctx)


def sources(ctx: ReportContext) -> HTML:
    """Numbered footnotes of every source cited on the page, then conflicts and unparsed figures."""
    lang = ctx.language
    catalog = ctx.bundle.catalog
    notes = footnotes.numbers(ctx)

    def cite(sid: str) -> str:
        return f"[{notes[sid]}]" if sid in notes else t("source_unnamed", lang)

    conflicts = []
    for c in ctx.conflicts.itertuples():
        ind = catalog[c.indicator]
        conflicts.append(t("conflict_row", lang, indicator=ind.name(lang),
                           a=format_value(c.value_a, ind.unit, lang), pa=period_text(c.period_a, lang),
                           sa=cite(c.source_a), b=format_value(c.value_b, ind.unit, lang),
                           pb=period_text(c.period_b, lang), sb=cite(c.source_b)))
    unparsed = [{"text": t("unparsed_row", lang, indicator=catalog[u.indicator].name(lang),
                           period=period_text(u.period, lang), source=cite(u.source_id)),
                 "raw": u.value_raw} for u in ctx.unparsed.itertuples()]
    return render("sources.html.j2", lang, entries=footnotes.entries(ctx, t("source_unnamed", lang)),
                  attributions=[maps.PROVINCE_ATTRIBUTION, maps.DISTRICT_ATTRIBUTION],
                  conflicts=conflicts, unparsed=unparsed)


def scraps(ctx: ReportContext) -> dict[str, Any]:
    """JSON values glued into the executed notebook for roll-ups across reports."""
    table = ctx.table
    status = analysis_sections.unit_status(ctx)
    status_of = dict(zip(status["indicator"], status["status"], strict=True)) if "status" in status else {}
    return {
        "unit_id": ctx.unit.id, "quarter": ctx.params.quarter, "language": ctx.language,
        "indicators": [
            {"indicator": r.indicator, "value": float(r.value), "period": r.period,
             "source_id": r.source_id, "gap": None if r.gap is None else float(r.gap),
             "synthetic": bool(r.synthetic), "status": status_of.get(r.indicator)}
            for r in table.itertuples()],
        "sources": ctx.cited_source_ids(),
        "synthetic_datasets": ctx.synthetic_datasets,
    }
