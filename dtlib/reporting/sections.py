"""The report's sections as displayable objects, in the report's language.

Each function takes a `ReportContext` and returns HTML (or a plotly figure) for one notebook
cell, so the notebook stays a list of one-line calls. Every figure is formatted by
`dtlib.tables.format_value`, every synthetic figure is marked, and the sources section lists
exactly `ReportContext.cited_source_ids()`.
"""

from __future__ import annotations

import json
from typing import Any

import plotly.graph_objects as go
from IPython.display import HTML, display

from dtlib import charts, maps
from dtlib.i18n import format_date, t
from dtlib.offline import OfflineMap
from dtlib.periods import parse_period, quarter_label_vi
from dtlib.reporting import analysis_sections
from dtlib.reporting.context import DTI_MAP_YEAR, ReportContext
from dtlib.reporting.markup import e, synthetic_mark, wrap
from dtlib.tables import format_value

STYLE = """<style>
.dt-report table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13px; }
.dt-report th, .dt-report td { border-bottom: 1px solid #ddd; padding: 4px 8px;
  text-align: left !important; vertical-align: top; }
.dt-report td.num { text-align: right !important; white-space: nowrap; }
.dt-synthetic { color: #b35806; font-weight: bold; }
.dt-banner { background: #fff3cd; border: 1px solid #e0b000; padding: 8px 12px; margin: 8px 0; }
.dt-caption { font-size: 11px; color: #555; margin: 2px 0 12px; }
</style>"""



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
    """Title, as-of date and, when any figure is synthetic, a warning banner."""
    lang = ctx.language
    title = t("report_title", lang, unit=ctx.unit.full_name_vi if lang == "vi" else ctx.unit.name_ascii,
              quarter=quarter_text(ctx.params.quarter, lang))
    body = f"{STYLE}<h1>{e(title)}</h1><p>{e(t('as_of', lang, date=format_date(ctx.params.as_of, lang)))}</p>"
    if ctx.synthetic_datasets:
        text = t("synthetic_banner", lang, datasets=", ".join(ctx.synthetic_datasets))
        body += f'<div class="dt-banner dt-synthetic">{e(text)}</div>'
    return wrap(body)


def reform(ctx: ReportContext) -> HTML:
    """What the 1 July 2025 reform did to the unit (and its districts)."""
    lang = ctx.language
    units = ctx.bundle.units
    if ctx.unit.is_national:  # the country was not reorganised
        return wrap("")
    story = units.reform_story(ctx.unit.id)

    def name(u: Any) -> str:
        return u.label(lang)

    values = {"unit": ctx.unit.full_name_vi if lang == "vi" else ctx.unit.name_ascii,
              "date": format_date(story["reform_date"], lang), "basis": story["basis"]}
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
    body = f"<h2>{e(t('reform_heading', lang))}</h2><p>{e(text)}</p>"
    children = units.children(ctx.unit.id)
    if children:
        names = ", ".join(u.full_name_vi if lang == "vi" else u.name_ascii for u in children)
        line = t("reform_districts", lang, n=len(children), date=values["date"])
        body += f"<p>{e(line)} {e(names)}.</p>"
    return wrap(body)


def indicator_table(ctx: ReportContext) -> HTML:
    """Latest value, its period, source, target, gap, progress status and method per indicator.

    The status and method come from `analysis_sections.unit_status` (figures up to the quarter end).
    """
    lang = ctx.language
    heads = ["col_indicator", "col_value", "col_date", "col_source", "col_target", "col_gap",
             "col_status", "col_method"]
    body = f"<h2>{e(t('indicator_table', lang))}</h2>"
    if ctx.table.empty:
        return wrap(body + f"<p>{e(t('no_data', lang))}</p>")
    status = analysis_sections.unit_status(ctx)
    rows = []
    for r in analysis_sections.status_cells(ctx.table, status, lang).itertuples():
        value = e(r.value_text) + (synthetic_mark(lang) if r.synthetic else "")
        target = "–" if r.target_value is None or r.target_text == "–" else (
            f"{e(r.target_text)} ({'' if r.target_year is None else int(r.target_year)}, "
            f"{e(t('scope_national' if r.target_scope == 'national' else 'scope_unit', lang))})")
        rows.append(
            f"<tr><td>{e(r.name)}</td><td class='num'>{value}</td>"
            f"<td>{e(period_text(r.period, lang))}</td>"
            f"<td>{e(r.source_label)} [<a href='#src-{e(r.source_id)}'>{e(r.source_id)}</a>]</td>"
            f"<td class='num'>{target}</td><td class='num'>{e(r.gap_text)}</td>"
            f"<td>{r.status_html}</td><td>{r.method_html}</td></tr>")
    head = "".join(f"<th>{e(t(h, lang))}</th>" for h in heads)
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    return wrap(body + table + analysis_sections.methods_footnote(status, lang))


def heading(key: str, ctx: ReportContext, **values: object) -> HTML:
    return wrap(f"<h2>{e(t(key, ctx.language, **values))}</h2>")


def trend_figures(ctx: ReportContext) -> list[go.Figure]:
    """One trend chart per indicator (DTI rank excluded), with its targets."""
    figures = []
    for code in ctx.trend_indicators:
        indicator = ctx.bundle.catalog[code]
        rows = ctx.actuals[ctx.actuals["indicator"] == code]
        targets = ctx.targets[ctx.targets["indicator"] == code]
        figures.append(charts.trend_chart(rows, indicator, targets, ctx.language))
    return figures


def rank_figure(ctx: ReportContext) -> go.Figure | None:
    """The unit's DTI rank per year, or None without any rank."""
    if ctx.rank_history.empty:
        return None
    return charts.rank_history_chart(ctx.rank_history, ctx.language)


PLOTLY_MIME = "application/vnd.plotly.v1+json"


def show(fig: go.Figure | None, ctx: ReportContext) -> None:
    """Display a figure as the plotly mimetype (JupyterLab and the `dtreport` template render it).

    `fig.show()` would import plotly's renderer machinery, which pulls in nbformat and jsonschema
    (about 1–3 s per report kernel) to emit the same bundle.
    """
    if fig is None:
        display(HTML(f"<p>{e(t('no_data', ctx.language))}</p>"))
        return
    display({PLOTLY_MIME: json.loads(fig.to_json())}, raw=True)


def _caption(text: str) -> str:
    return f'<p class="dt-caption">{e(text)}</p>'


def dti_map(ctx: ReportContext) -> HTML:
    """The 63 provinces coloured by DTI rank, the report's unit outlined."""
    lang = ctx.language
    body = f"<h2>{e(t('map_heading', lang, year=DTI_MAP_YEAR))}</h2>"
    if ctx.map_ranks.empty:
        return wrap(body + f"<p>{e(t('no_data', lang))}</p>")
    provinces = maps.load_geo(maps.PROVINCES_2024)
    m = maps.dti_rank_map(provinces, ctx.map_ranks, ctx.map_highlight_codes(), DTI_MAP_YEAR, lang)
    return wrap(body + OfflineMap(m, height=640)._repr_html_() + _caption(maps.PROVINCE_ATTRIBUTION))


def district_map(ctx: ReportContext) -> HTML:
    """The unit's district-level units with the province outline (their union)."""
    lang = ctx.language
    body = f"<h2>{e(t('district_heading', lang))}</h2>"
    m = None
    if ctx.unit.level == "province" and ctx.unit.id.startswith("P63-"):
        m = maps.district_map(maps.load_geo(maps.DISTRICTS), ctx.unit.code, lang)
    if m is None:
        return wrap(body + f"<p>{e(t('district_none', lang))}</p>")
    return wrap(body + OfflineMap(m, height=480)._repr_html_() + _caption(maps.DISTRICT_ATTRIBUTION))


def sources(ctx: ReportContext) -> HTML:
    """Every source cited on the page, then conflicts between sources and unparsed figures."""
    lang = ctx.language
    catalog = ctx.bundle.catalog
    known = ctx.bundle.sources
    items = []
    for sid in ctx.cited_source_ids():
        if sid not in known.index:
            items.append(f"<li id='src-{e(sid)}'><b>{e(sid)}</b></li>")
            continue
        s = known.loc[sid]
        mark = synthetic_mark(lang) if s["kind"] == "synthetic" else ""
        parts = [p for p in (s["outlet"], s["title"], s["published"], s["locator"], s["licence"]) if p]
        items.append(f"<li id='src-{e(sid)}'><b>{e(sid)}</b>: {e(' · '.join(parts))}{mark}</li>")
    body = f"<h2>{e(t('sources_heading', lang))}</h2><ul>{''.join(items)}</ul>"
    body += _caption(maps.PROVINCE_ATTRIBUTION) + _caption(maps.DISTRICT_ATTRIBUTION)
    lines = []
    for c in ctx.conflicts.itertuples():
        ind = catalog[c.indicator]
        lines.append(t("conflict_row", lang, indicator=ind.name(lang),
                       a=format_value(c.value_a, ind.unit, lang), pa=period_text(c.period_a, lang),
                       sa=c.source_a, b=format_value(c.value_b, ind.unit, lang),
                       pb=period_text(c.period_b, lang), sb=c.source_b))
    body += f"<h3>{e(t('conflicts_heading', lang))}</h3>" + _list(lines, lang)
    lines = [t("unparsed_row", lang, indicator=catalog[u.indicator].name(lang),
               period=period_text(u.period, lang), raw=u.value_raw, source=u.source_id)
             for u in ctx.unparsed.itertuples()]
    body += f"<h3>{e(t('unparsed_heading', lang))}</h3>" + _list(lines, lang)
    return wrap(body)


def _list(lines: list[str], language: str) -> str:
    if not lines:
        return f"<p>{e(t('none', language))}</p>"
    return "<ul>" + "".join(f"<li>{e(line)}</li>" for line in lines) + "</ul>"


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
