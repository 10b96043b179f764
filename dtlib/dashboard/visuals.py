"""Chart and map of the selected indicator, built from dtlib.drawing.charts and dtlib.drawing.maps.

The chart is a plotly figure from `dtlib.drawing.charts` (shown through an `Output` widget: plotly renders
there through its JupyterLab extension). The map is an HTML string (an offline folium map in an iframe) meant for
`ipywidgets.HTML.value`: large HTML inside an `Output` widget hangs Voila 0.5 (voila #1428).
Boundaries are loaded once per kernel (`load_geo`), when the visitor first opens the Map tab.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dtlib.dashboard.figures import has_synthetic, outlet_name, series_rows, targets_for
from dtlib.dashboard.selection import Selection
from dtlib.dashboard.views import esc
from dtlib.data.datasets import Bundle
from dtlib.drawing import charts
from dtlib.i18n import t

log = logging.getLogger(__name__)

MAP_HEIGHT_PX = 480


# -- chart ---------------------------------------------------------------------------------------
SINGLE_POINT_PAD = pd.Timedelta(days=365)
"""With one date only, plotly zooms to milliseconds; the x axis is padded by a year each side."""


def chart_figure(bundle: Bundle, selection: Selection) -> go.Figure:
    """Trend with target lines (`dtlib.drawing.charts.trend_chart`); ranks as a rank history, 1 on top.

    For a 34-unit unit whose figures are those of its former areas, one line per former area
    (never one line through several units). Synthetic points are hollow and the title says so.
    """
    indicator = bundle.catalog[selection.indicator]
    rows = series_rows(bundle, selection)
    actual = rows[rows["kind"] == "actual"]
    if actual["unit_id"].nunique() > 1:
        return areas_chart(bundle, actual, indicator, selection.language)
    yearly = not actual.empty and bool((actual["period_kind"] == "year").all())
    if indicator.unit == "rank" and yearly:
        fig = charts.rank_history_chart(actual, selection.language, title=indicator.name(selection.language),
                                        source_names=outlet_names(bundle, actual, selection.language))
    else:
        fig = charts.trend_chart(actual, indicator, targets_for(bundle, selection), selection.language,
                                 outlet_names(bundle, actual, selection.language))
        dates = pd.concat([actual["ref_date"], pd.Series(fig_dates(fig))]).dropna()
        if dates.nunique() == 1:
            day = pd.Timestamp(dates.iloc[0])
            fig.update_xaxes(range=[day - SINGLE_POINT_PAD, day + SINGLE_POINT_PAD])
    return fig


def outlet_names(bundle: Bundle, rows: pd.DataFrame, language: str) -> dict[str, str]:
    """Source id → outlet name, how the page's charts name a source (never the id)."""
    return {source_id: outlet_name(bundle, source_id, language) for source_id in set(rows["source_id"])}


def areas_chart(bundle: Bundle, actual: pd.DataFrame, indicator, language: str) -> go.Figure:
    """One line per unit (the former areas side by side) and methodology (`dtlib.data.methodology`);
    ranks with 1 on top."""
    from dtlib.data.methodology import COLUMN, segments
    from dtlib.tables import format_value

    fig = go.Figure()
    for unit_id, unit_rows in actual.groupby("unit_id", sort=True):
        unit = bundle.units.get(unit_id)
        name = unit.name_vi if language == "vi" else unit.name_ascii
        for number, rows in enumerate(segments(unit_rows.sort_values("ref_date"))):
            method = rows[COLUMN].iloc[0] if number and COLUMN in rows else ""
            fig.add_trace(go.Scatter(
                x=rows["ref_date"], y=rows["value"], mode="lines+markers", legendgroup=name,
                name=f"{name} ({t('method_version', language, version=method)})" if method else name,
                text=[format_value(v, indicator.unit, language) for v in rows["value"]],
                hovertemplate="%{text}<extra>%{fullData.name}</extra>"))
    fig.update_layout(title=indicator.name(language), template="plotly_white", height=420,
                      legend={"orientation": "h", "y": -0.15}, margin={"t": 60, "l": 50, "r": 20, "b": 40})
    if indicator.unit == "rank":
        fig.update_yaxes(autorange="reversed")
    return fig


def fig_dates(fig: go.Figure) -> list:
    """Every x value of the figure's traces (to see whether it spans more than one date)."""
    return [x for trace in fig.data for x in (trace.x if trace.x is not None else ())]


# -- map ---------------------------------------------------------------------------------------
@dataclass
class Geo:
    """Boundaries for the map tab (None when `data/geo` is missing: the tab then says so)."""

    provinces: object | None = None
    districts: object | None = None
    cache: dict = field(default_factory=dict)
    loaded: bool = False
    """Whether `load_geo` has run (boundaries are read on the first use of the Map tab)."""


def load_geo() -> Geo:
    """Read the province and district boundaries once per kernel; never raise (maps are optional)."""
    try:
        from dtlib.drawing import maps

        return Geo(provinces=maps.load_geo(maps.PROVINCES_2024), districts=maps.load_geo(maps.DISTRICTS),
                   loaded=True)
    except Exception:  # a missing or broken boundary file must not take the page down
        log.exception("dashboard: boundaries could not be loaded; the map tab will say so")
        return Geo(loaded=True)


MIN_MAP_UNITS = 10
"""A choropleth needs figures for at least this many provinces of one year; fewer are said so."""
MAP_CACHE_SIZE = 24
"""Maps kept per kernel (each ~0,5–1,5 MB of HTML); the oldest is dropped first."""
VALUE_COLOURS = ("#deebf7", "#08306b")


def highlight_codes(bundle: Bundle, unit_id: str) -> list[str]:
    """Pre-2025 province codes to outline for a unit (itself, its parent, or what it merged from)."""
    unit = bundle.units.get(unit_id)
    if unit.level == "district":
        return [bundle.units.get(unit.parent_id).code]
    if unit_id.startswith("P63-"):
        return [unit.code]
    return [u.code for u in bundle.units.predecessors(unit_id)]


def map_figures(bundle: Bundle, indicator: str) -> tuple[int | None, pd.DataFrame, int]:
    """(year, one figure per 63-unit province for that year, most provinces any year has) of `indicator`.

    The year is the latest one with at least `MIN_MAP_UNITS` provinces; None when no year has.
    """
    obs = bundle.actuals
    rows = obs[(obs["indicator"] == indicator) & obs["unit_id"].str.startswith("P63-")]
    if rows.empty:
        return None, rows, 0
    rows = rows.assign(year=rows["period_end"].dt.year)
    counts = rows.groupby("year")["unit_id"].nunique()
    usable = counts[counts >= MIN_MAP_UNITS]
    if usable.empty:
        return None, rows.iloc[0:0], int(counts.max())
    year = int(usable.index.max())
    chosen = (rows[rows["year"] == year]
              .sort_values(["unit_id", "ref_date", "source_id"], ascending=[True, False, True])
              .drop_duplicates("unit_id"))
    return year, chosen.assign(code=chosen["unit_id"].str.removeprefix("P63-")), int(counts.max())


def _iframe(m) -> str:
    from dtlib.drawing.offline import OfflineMap

    return OfflineMap(m, height=MAP_HEIGHT_PX)._repr_html_()


def value_map(provinces, figures: pd.DataFrame, indicator, highlight: list[str], year: int, language: str):
    """Choropleth of the 63 provinces by the indicator's value (darker = better), `highlight` outlined."""
    import folium
    from branca.colormap import LinearColormap

    from dtlib.drawing import maps
    from dtlib.tables import format_value

    frame = provinces.merge(figures[["code", "value", "qualifier"]], how="left", left_on="gso_code", right_on="code")
    values = frame["value"].dropna()
    low, high = float(values.min()), float(values.max())
    colours = VALUE_COLOURS if indicator.direction != "lower_better" else VALUE_COLOURS[::-1]
    scale = LinearColormap(list(colours), vmin=low, vmax=high if high > low else low + 1)
    none = t("dash_no_data_short", language)
    frame = frame.assign(
        value_text=[none if pd.isna(v) else format_value(v, indicator.unit, language, q)
                    for v, q in zip(frame["value"], frame["qualifier"], strict=True)],
        fill=[maps.NO_DATA_COLOUR if pd.isna(v) else scale(float(v)) for v in frame["value"]])
    m = folium.Map(tiles=None, control_scale=True, zoom_snap=maps.ZOOM_SNAP)
    folium.GeoJson(
        frame[["gso_code", "name_vi", "value_text", "fill", "geometry"]].to_json(ensure_ascii=False),
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#ffffff", "weight": 0.6,
                                  "fillOpacity": 0.9},
        tooltip=folium.GeoJsonTooltip(fields=["name_vi", "value_text"], aliases=["", str(year)]),
    ).add_to(m)
    chosen = frame[frame["gso_code"].isin(highlight)]
    if not chosen.empty:
        folium.GeoJson(chosen[["gso_code", "geometry"]].to_json(ensure_ascii=False),
                       style_function=lambda f: {"fill": False, "color": maps.HIGHLIGHT_COLOUR, "weight": 3.5},
                       ).add_to(m)
    maps._legend(m, f"{indicator.name(language)} ({year})", format_value(low, indicator.unit, language),
                 format_value(high, indicator.unit, language), colours)
    maps._attribute(m, maps.PROVINCE_ATTRIBUTION)
    m.fit_bounds(maps._bounds(frame), padding_top_left=maps.FIT_TOP_LEFT, padding_bottom_right=maps.FIT_BOTTOM_RIGHT)
    return m


def map_html(bundle: Bundle, selection: Selection, geo: Geo) -> str:
    """The selected indicator on the 63 provinces (unit outlined), or a sentence saying no map exists.

    Rank indicators use the rank map of dtlib.drawing.maps; values a blue scale. Cached per kernel (bounded).
    """
    language = selection.language
    if geo.provinces is None or selection.indicator is None:
        return f'<div class="dt-empty">{esc(t("dash_map_unavailable", language))}</div>'
    from dtlib.drawing import maps

    indicator = bundle.catalog[selection.indicator]
    codes = tuple(highlight_codes(bundle, selection.unit_id))
    key = (selection.indicator, codes, language)
    if key in geo.cache:
        geo.cache[key] = geo.cache.pop(key)  # most recently used last
        return geo.cache[key]
    year, figures, most = map_figures(bundle, selection.indicator)
    if year is None:
        body = f'<div class="dt-empty dt-no-map">{esc(t("dash_map_none", language, n=most))}</div>'
    else:
        parts = []
        if has_synthetic(figures):
            parts.append(f'<div class="dt-synthetic-banner">⚠ {esc(t("dash_synthetic", language))}</div>')
        heading = t("dash_map_heading", language, indicator=indicator.name(language), period=year,
                       geography=t("dash_geo_63", language))
        parts.append(f'<h4 class="dt-map-heading">{esc(heading)}</h4>')
        if indicator.unit == "rank":
            ranks = pd.DataFrame({"code": figures["code"], "rank": figures["value"].astype(int),
                                  "synthetic": figures["synthetic"].fillna(False).astype(bool)})
            parts.append(_iframe(maps.dti_rank_map(geo.provinces, ranks, list(codes), year, language)))
        else:
            parts.append(_iframe(value_map(geo.provinces, figures, indicator, list(codes), year, language)))
        body = '<div class="dt-maps">' + "".join(parts) + "</div>"
    geo.cache[key] = body
    while len(geo.cache) > MAP_CACHE_SIZE:
        geo.cache.pop(next(iter(geo.cache)))
    return body
