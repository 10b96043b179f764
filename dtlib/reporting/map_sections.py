"""The report's maps: a choropleth of each configured indicator with figures for enough units of
the unit's geography, and the unit's districts coloured by their figures where they exist.

Which map is drawn follows the data: for a 63-province unit the 2024 boundaries and the latest
year (up to the quarter end) in which at least `map_min_units` provinces have a figure; for a
34-province unit the 2025 boundaries. Maps are static SVG (`dtlib.drawing.svgmaps`): no script, no
request, printable; every map has a text alternative and the table of its figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import geopandas as gpd
import pandas as pd
from IPython.display import HTML

from dtlib.drawing import maps, svgmaps
from dtlib.i18n import t
from dtlib.reporting import footnotes
from dtlib.reporting.config import load_report_config
from dtlib.reporting.context import ReportContext
from dtlib.reporting.markup import cached
from dtlib.reporting.render import render

MAX_MAPS = 2
"""Indicator maps per report (each about 30 kB)."""


@dataclass(frozen=True)
class MapChoice:
    indicator: str
    year: int
    rows: pd.DataFrame
    """unit_id, code, value, source_id, synthetic: one figure per unit of the geography."""


def era_prefix(unit_id: str) -> str:
    return "P34-" if unit_id.startswith("P34-") else "P63-"


def map_choices(actuals: pd.DataFrame, indicators: list[str], prefix: str, min_units: int,
                as_of: pd.Timestamp, limit: int = MAX_MAPS) -> list[MapChoice]:
    """Per indicator (in order), the latest year with figures for ≥ `min_units` units of `prefix`."""
    rows = actuals[actuals["unit_id"].str.startswith(prefix) & (actuals["ref_date"] <= as_of)
                   & actuals["indicator"].isin(indicators)]
    rows = rows.assign(year=rows["period_end"].dt.year)
    out = []
    for code in indicators:
        own = rows[rows["indicator"] == code]
        counts = own.groupby("year")["unit_id"].nunique()
        years = sorted(counts.index[counts >= min_units], reverse=True)
        if not years:
            continue
        year = int(years[0])
        chosen = (own[own["year"] == year].sort_values(["unit_id", "ref_date", "source_id"],
                                                        ascending=[True, False, True])
                  .drop_duplicates("unit_id"))
        chosen = chosen.assign(code=chosen["unit_id"].str.removeprefix(prefix))
        out.append(MapChoice(code, year, chosen[["unit_id", "code", "value", "source_id", "synthetic"]]))
        if len(out) == limit:
            break
    return out


def _geo(prefix: str) -> gpd.GeoDataFrame:
    if prefix == "P63-":
        return maps.load_geo(maps.PROVINCES_2024)
    frame = maps.load_geo(maps.PROVINCES_2025)
    # one code per new province: the merged province keeps the code of its first predecessor
    return frame.assign(gso_code=frame["merged_from_gso_codes"].str.split(",").str[0].str.strip())


def _highlight(ctx: ReportContext, prefix: str) -> set[str]:
    unit = ctx.unit
    if unit.level == "district" and unit.parent_id:
        unit = ctx.bundle.units.get(unit.parent_id)
    return {unit.code} if unit.id.startswith(prefix) else set()


def _name(frame_row: pd.Series, lang: str) -> str:
    return str(frame_row["name_vi"] if lang == "vi" else frame_row["name_ascii"])


def indicator_maps(ctx: ReportContext) -> HTML:
    """One choropleth per indicator that has figures for enough units of the unit's geography."""
    lang = ctx.language
    config = cached(ctx, "report_config", lambda: load_report_config(ctx.bundle.catalog))
    prefix = era_prefix(ctx.unit.id)
    observations = ctx.bundle.actuals
    choices = map_choices(observations, list(config.map_indicators), prefix, config.map_min_units,
                          pd.Timestamp(ctx.params.as_of))
    for choice in choices:
        ctx.extra_source_ids.extend(s for s in choice.rows["source_id"] if s not in ctx.extra_source_ids)
    notes = footnotes.numbers(ctx)
    frame = _geo(prefix)
    highlight = _highlight(ctx, prefix)
    own_name = ctx.unit.name_vi if lang == "vi" else ctx.unit.name_ascii
    blocks = []
    for number, choice in enumerate(choices):
        ind = ctx.bundle.catalog[choice.indicator]
        value_of = dict(zip(choice.rows["code"], choice.rows["value"], strict=True))
        bins = svgmaps.classes(list(value_of.values()), ind.direction != "lower_better")
        names = [_name(r, lang) for _, r in frame.iterrows()]
        texts = svgmaps.figure_texts(list(frame["gso_code"]), value_of, ind.unit, lang)
        fills = [svgmaps.colour_of(value_of.get(c), bins) for c in frame["gso_code"]]
        own_value = next((x for c, x in zip(frame["gso_code"], texts, strict=True) if c in highlight),
                         t("no_figure", lang))
        heading = t("map_indicator_heading", lang, indicator=ind.name(lang), year=choice.year,
                    n=len(value_of))
        alt = t("map_alt", lang, n=len(frame), indicator=ind.name(lang), year=choice.year,
                unit=own_name, value=own_value)
        svg = svgmaps.choropleth_svg(frame, [f"{n}: {x}" for n, x in zip(names, texts, strict=True)],
                                     fills, [c in highlight for c in frame["gso_code"]], heading, alt,
                                     svg_id=f"map-{number}")
        order = sorted(range(len(frame)), key=lambda i: (value_of.get(frame["gso_code"].iloc[i]) is None,
                                                          value_of.get(frame["gso_code"].iloc[i]) or 0))
        if ind.direction == "higher_better":
            order = sorted(order, key=lambda i: (value_of.get(frame["gso_code"].iloc[i]) is None,
                                                 -(value_of.get(frame["gso_code"].iloc[i]) or 0)))
        table = [(names[i], texts[i]) for i in order if frame["gso_code"].iloc[i] in value_of]
        sources = sorted({notes[s] for s in choice.rows["source_id"] if s in notes})
        blocks.append({"heading": heading, "svg": svg, "legend": svgmaps.legend(bins, ind.unit, lang),
                       "highlight": t("map_highlight", lang, unit=own_name) if highlight else "",
                       "table": table, "notes": sources,
                       "synthetic": bool(choice.rows["synthetic"].any())})
    attribution = maps.PROVINCE_ATTRIBUTION if prefix == "P63-" else maps.PROVINCES_2025_ATTRIBUTION
    return render("maps.html.j2", lang, blocks=blocks, attribution=attribution,
                  none=t("map_none", lang, n=config.map_min_units))


DISTRICT_INDICATOR = "i766_diem"
"""The district figure the district map is coloured by (Decision 766 scores of district units)."""


def district_map(ctx: ReportContext) -> HTML:
    """The unit's district-level units (pre-2025), coloured by their latest 766 score if any."""
    lang = ctx.language
    unit = ctx.unit
    if unit.level != "province" or not unit.id.startswith("P63-"):
        return render("district.html.j2", lang, block=None)
    districts = maps.load_geo(maps.DISTRICTS)
    own = districts[districts["province_gso_code"] == unit.code].sort_values("gso_code")
    if own.empty:
        return render("district.html.j2", lang, block=None)
    ids = {f"D-{c}": c for c in own["gso_code"]}
    obs = ctx.bundle.actuals
    rows = obs[(obs["indicator"] == DISTRICT_INDICATOR) & obs["unit_id"].isin(ids)
               & (obs["ref_date"] <= pd.Timestamp(ctx.params.as_of))]
    ind = None
    if DISTRICT_INDICATOR in ctx.bundle.catalog:  # Catalog has no .get: [] raises CatalogError
        ind = ctx.bundle.catalog[DISTRICT_INDICATOR]
    value_of: dict[str, float] = {}
    year = None
    if not rows.empty and ind is not None:
        rows = rows.assign(year=rows["period_end"].dt.year)
        counts = rows.groupby("year")["unit_id"].nunique()
        year = int(max(counts.index, key=lambda y: (counts[y], y)))  # most districts, then latest
        latest = (rows[rows["year"] == year].sort_values(["unit_id", "ref_date", "source_id"],
                                                         ascending=[True, False, True])
                  .drop_duplicates("unit_id"))
        value_of = {ids[u]: float(v) for u, v in zip(latest["unit_id"], latest["value"], strict=True)}
        ctx.extra_source_ids.extend(s for s in latest["source_id"] if s not in ctx.extra_source_ids)
    label_col = "name_vi_full" if lang == "vi" else "name_ascii"
    names = own[label_col].tolist()
    unit_name = unit.full_name_vi if lang == "vi" else unit.name_ascii
    if value_of:
        bins = svgmaps.classes(list(value_of.values()), True)
        fills = [svgmaps.colour_of(value_of.get(c), bins) for c in own["gso_code"]]
        texts = svgmaps.figure_texts(list(own["gso_code"]), value_of, ind.unit, lang)
        heading = t("district_score_heading", lang, indicator=ind.name(lang), year=year)
        detail = t("district_alt_values", lang, indicator=ind.name(lang))
        legend = svgmaps.legend(bins, ind.unit, lang)
    else:
        fills = [maps.DISTRICT_COLOURS[i % len(maps.DISTRICT_COLOURS)] for i in range(len(own))]
        texts = ["" for _ in names]
        heading = t("district_heading", lang)
        detail = t("district_alt_plain", lang)
        legend = []
    alt = t("district_alt", lang, n=len(own), unit=unit_name, detail=detail)
    svg = svgmaps.choropleth_svg(own, [f"{n}: {x}" if x else n for n, x in zip(names, texts, strict=True)],
                                 fills, [False] * len(own), heading, alt, width=420, svg_id="districts")
    notes = footnotes.numbers(ctx)
    table = sorted(((n, x) for n, x, c in zip(names, texts, own["gso_code"], strict=True) if c in value_of),
                   key=lambda p: -value_of[own.loc[own[label_col] == p[0], "gso_code"].iloc[0]])
    block = {"heading": heading, "svg": svg, "legend": legend, "table": table,
             "notes": sorted({notes[s] for s in rows.get("source_id", []) if s in notes}),
             "attribution": maps.DISTRICT_ATTRIBUTION}
    return render("district.html.j2", lang, block=block)
