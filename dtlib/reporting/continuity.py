"""The report's continuity section: former areas of a post-reform unit, forward link of an old one.

A report of new TP. Hồ Chí Minh shows, besides its own figures, the DTI rank and score history
of Bình Dương, Bà Rịa - Vũng Tàu and old TP. Hồ Chí Minh side by side (ranks with their group,
`31/63`), the series dtlib can re-compute on today's boundaries (marked so) and why the others
cannot be. A report of Bình Dương says it is now part of TP. Hồ Chí Minh, links to that report
(relative link, works offline in `reports/`), and says that its data end at the merger.
`section_data` builds the template's values (tested directly); `continuity_section` renders
`dtlib/templates/continuity/section.html.j2` with autoescape.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
from IPython.display import HTML
from jinja2 import Environment, FileSystemLoader, select_autoescape

from dtlib.data import continuity as cont
from dtlib.data.numbers import format_number
from dtlib.data.units import REFORM_DATE, AdminUnit
from dtlib.i18n import format_date, t
from dtlib.reporting.context import ReportContext
from dtlib.reporting.params import ReportParams
from dtlib.tables import format_rank, format_value

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "continuity"


@lru_cache(maxsize=1)
def environment() -> Environment:
    """Jinja2 environment of the continuity templates (HTML autoescaped)."""
    return Environment(loader=FileSystemLoader(str(TEMPLATES)),
                       autoescape=select_autoescape(["html", "j2"], default=True),
                       trim_blocks=True, lstrip_blocks=True)


def unit_name(unit: AdminUnit, language: str) -> str:
    return unit.name_vi if language == "vi" else unit.name_ascii


def report_href(from_params: ReportParams, unit_id: str, quarter: str | None) -> str:
    """Relative link from one report (`reports/<slug>/<quarter>/`) to another, or to the index."""
    if not quarter:
        return "../../index.html"
    target = ReportParams(unit_id=unit_id, quarter=quarter, language=from_params.language)
    return f"../../{target.slug}/{target.folder_name}/report.html"


def _forward(ctx: ReportContext, data: cont.Continuity) -> dict[str, Any] | None:
    lang = ctx.language
    if not data.now_part_of:
        return None
    new = ", ".join(s.label(lang) for s in data.now_part_of)
    text = t("now_part_of", lang, unit=unit_name(ctx.unit, lang), date=format_date(REFORM_DATE, lang), new=new)
    links = [{"text": t("now_part_of_link", lang, new=unit_name(s, lang)),
              "href": report_href(ctx.params, s.id, data.successor_quarter.get(s.id))}
             for s in data.now_part_of]
    ends = None
    if data.data_ends_at_reform:
        last = t("last_figure", lang, date=format_date(data.last_figure, lang)) if data.last_figure else "–"
        ends = t("data_ends_at_reform", lang, unit=unit_name(ctx.unit, lang), last=last, new=new)
    return {"text": text, "links": links, "ends": ends}


def _history_rows(ctx: ReportContext, data: cont.Continuity) -> tuple[list[str], list[dict], list[str]]:
    """Column heads (one per area, then the unit itself if it has 34-unit figures), rows, sources."""
    lang = ctx.language
    own = cont.history_side_by_side(ctx.actuals, [ctx.unit.id])
    history = pd.concat([data.history, own], ignore_index=True) if not own.empty else data.history
    areas = [u for u in data.former_areas]
    heads = [u.label(lang) for u in areas]
    ids = [u.id for u in areas]
    if not own.empty:
        heads.append(t("former_own_column", lang, unit=unit_name(ctx.unit, lang)))
        ids.append(ctx.unit.id)
    rows = []
    for year in sorted(history["year"].unique()):
        cells = []
        for uid in ids:
            part = history[(history["unit_id"] == uid) & (history["year"] == year)].set_index("indicator")
            rank = part.loc["dti_rank"] if "dti_rank" in part.index else None
            score = part.loc["dti_score"] if "dti_score" in part.index else None
            cells.append("–" if rank is None else format_rank(rank["value"], rank["group_size"], lang))
            cells.append("–" if score is None else format_value(score["value"], "index_0_1", lang))
        rows.append({"year": int(year), "cells": cells})
    return heads, rows, sorted(set(history["source_id"]))


def section_data(ctx: ReportContext) -> dict[str, Any]:
    """Values of the continuity template for the report's unit (empty dict: nothing to show)."""
    lang = ctx.language
    data = cont.continuity(ctx.bundle, ctx.unit.id, ctx.params.as_of)
    catalog = ctx.bundle.catalog
    out: dict[str, Any] = {"heading": t("former_heading", lang), "forward": _forward(ctx, data), "former": None,
                           "continuity": data}
    if not data.former_areas:
        return {**out, "heading": t("successor_heading", lang)} if out["forward"] else {}
    heads, rows, sources = _history_rows(ctx, data)
    values = data.reaggregated.values
    reagg = [{"indicator": catalog[r.indicator].name(lang), "period": str(r.period),
              "value": format_value(r.value, catalog[r.indicator].unit, lang),
              "from_units": ", ".join(unit_name(ctx.bundle.units.get(u), lang) for u in r.from_units)}
             for r in values.itertuples()]
    reasons = []
    for code, part in data.reaggregated.reasons.groupby("reason", sort=True):
        names = [catalog[c].name(lang) for c in part["indicator"]]
        missing = sorted({m for ms in part["missing"] for m in ms})
        reasons.append({"summary": t(f"reason_{code}", lang, n=format_number(len(names), lang), missing=", ".join(
            ctx.bundle.units.get(m).label(lang) for m in missing)), "names": names})
    out["former"] = {
        "intro": t("former_intro", lang, unit=unit_name(ctx.unit, lang), date=format_date(REFORM_DATE, lang),
                   n=format_number(len(data.former_areas), lang),
                   others=", ".join(u.label(lang) for u in data.former_areas)),
        "history_heading": t("former_history_heading", lang), "areas": heads, "rows": rows,
        "year_label": t("year", lang), "rank_label": t("dti_rank", lang),
        "score_label": catalog["dti_score"].name(lang) if "dti_score" in catalog else "DTI",
        "history_none": t("former_history_none", lang), "sources": sources,
        "reagg_heading": t("reagg_heading", lang), "reagg": reagg, "reagg_mark": t("reagg_mark", lang),
        "reagg_note": t("reagg_note", lang), "reagg_none": t("reagg_none", lang),
        "reagg_head": [t("col_indicator", lang), t("col_date", lang), t("col_value", lang),
                       t("col_from_units", lang)],
        "reasons_heading": t("reagg_reasons_heading", lang), "reasons": reasons,
    }
    return out


def continuity_section(ctx: ReportContext) -> HTML:
    """The continuity section (an empty string for a unit untouched by the reform)."""
    values = section_data(ctx)
    if not values:
        return HTML("")
    ctx.extra_source_ids.extend(s for s in (values["former"] or {}).get("sources", [])
                                if s not in ctx.extra_source_ids)
    if values["former"]:  # sources as the report's numbered footnotes, never their ids
        from dtlib.reporting.footnotes import numbers

        notes = numbers(ctx)
        values["former"]["notes"] = sorted({notes[s] for s in values["former"].get("sources", []) if s in notes})
        values["former"]["note_label"] = t("footnote_ref", ctx.language, n="{n}")
    return HTML(environment().get_template("section.html.j2").render(**values))
