"""Chart and map of the selected indicator, built from dtlib.drawing.charts and dtlib.drawing.maps.

The chart is a plotly figure from `dtlib.drawing.charts` (shown through an `Output` widget: plotly renders
there through its JupyterLab extension). The map is an HTML string (an offline folium map in an iframe) meant for
`ipywidgets.HTML.value`: large HTML inside an `Output` widget hangs Voila 0.5 (voila #1428).
Boundaries are loaded once per kernel (`load_geo`), when the visitor first opens the Map tab.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dtlib.dashboard.figures import outlet_name, series_rows, targets_for
from dtlib.dashboard.selection import Selection
from dtlib.data.datasets import Bundle
from dtlib.drawing import charts
from dtlib.i18n import t

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


# -- map (drawn by `dtlib.dashboard.prerender.map_html`) ------------------------------------------

MIN_MAP_UNITS = 10
"""A choropleth needs figures for at least this many provinces of one year; fewer are said so."""
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
