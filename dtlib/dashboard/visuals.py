"""Chart and map of the selected indicator, built from dtlib.charts and dtlib.maps.

The chart is a plotly figure from `dtlib.charts` (shown through an `Output` widget: plotly renders
there through its JupyterLab extension). The map is an HTML string (an offline folium map in an iframe) meant for
`ipywidgets.HTML.value`: large HTML inside an `Output` widget hangs Voila 0.5 (voila #1428).
Boundaries are loaded once per kernel (`load_geo`), before the page waits for its request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from dtlib import charts
from dtlib.dashboard.i18n import text
from dtlib.dashboard.selection import Selection
from dtlib.dashboard.views import esc, series_rows, targets_for
from dtlib.datasets import Bundle

log = logging.getLogger(__name__)

MAP_HEIGHT_PX = 480
DISTRICT_PROVINCES: tuple[str, ...] = ("74", "70")
"""Provinces whose district-level units are drawn (the reference file has only these two)."""


# -- chart ---------------------------------------------------------------------------------------
SINGLE_POINT_PAD = pd.Timedelta(days=365)
"""With one date only, plotly zooms to milliseconds; the x axis is padded by a year each side."""


def chart_figure(bundle: Bundle, selection: Selection) -> go.Figure:
    """Trend with target lines (`dtlib.charts.trend_chart`); ranks as a rank history, 1 on top.

    Synthetic points are hollow and the title says so (dtlib.charts).
    """
    indicator = bundle.catalog[selection.indicator]
    rows = series_rows(bundle, selection)
    actual = rows[rows["kind"] == "actual"]
    yearly = not actual.empty and bool((actual["period_kind"] == "year").all())
    if indicator.unit == "rank" and yearly:
        fig = charts.rank_history_chart(actual, selection.language, title=indicator.name(selection.language))
    else:
        fig = charts.trend_chart(actual, indicator, targets_for(bundle, selection), selection.language)
        dates = pd.concat([actual["ref_date"], pd.Series(fig_dates(fig))]).dropna()
        if dates.nunique() == 1:
            day = pd.Timestamp(dates.iloc[0])
            fig.update_xaxes(range=[day - SINGLE_POINT_PAD, day + SINGLE_POINT_PAD])
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


def load_geo() -> Geo:
    """Read the province and district boundaries once per kernel; never raise (maps are optional)."""
    try:
        from dtlib import maps

        return Geo(provinces=maps.load_geo(maps.PROVINCES_2024), districts=maps.load_geo(maps.DISTRICTS))
    except Exception:  # a missing or broken boundary file must not take the page down
        log.exception("dashboard: boundaries could not be loaded; the map tab will say so")
        return Geo()


def highlight_codes(bundle: Bundle, unit_id: str) -> list[str]:
    """Pre-2025 province codes to outline for a unit (itself, its parent, or what it merged from)."""
    unit = bundle.units.get(unit_id)
    if unit.level == "district":
        return [bundle.units.get(unit.parent_id).code]
    if unit_id.startswith("P63-"):
        return [unit.code]
    return [u.code for u in bundle.units.predecessors(unit_id)]


def latest_dti_year(bundle: Bundle) -> int | None:
    """Latest year with DTI ranks of pre-2025 provinces, if any."""
    obs = bundle.actuals
    rows = obs[(obs["indicator"] == "dti_rank") & obs["unit_id"].str.startswith("P63-")]
    return None if rows.empty else int(rows["period_end"].dt.year.max())


def _iframe(m) -> str:
    from dtlib.offline import OfflineMap

    return OfflineMap(m, height=MAP_HEIGHT_PX)._repr_html_()


def map_html(bundle: Bundle, selection: Selection, geo: Geo) -> str:
    """Province choropleth of DTI ranks (unit outlined) and, for the seed provinces, their districts."""
    language = selection.language
    if geo.provinces is None:
        return f'<div class="dt-empty">{esc(text("dash_map_unavailable", language))}</div>'
    from dtlib import maps
    from dtlib.i18n import t

    codes = tuple(highlight_codes(bundle, selection.unit_id))
    year = latest_dti_year(bundle)
    key = (year, codes, language)
    if key not in geo.cache:
        parts = []
        if year is not None:
            ranks = maps.dti_ranks(bundle.observations, year)
            if bool(ranks["synthetic"].any()) if not ranks.empty else False:
                parts.append(f'<div class="dt-synthetic-banner">⚠ {esc(text("dash_synthetic", language))}</div>')
            parts.append(f'<h4>{esc(t("map_heading", language, year=year))}</h4>')
            parts.append(_iframe(maps.dti_rank_map(geo.provinces, ranks, list(codes), year, language)))
        for code in codes:
            if code in DISTRICT_PROVINCES and geo.districts is not None:
                district = maps.district_map(geo.districts, code, language)
                if district is not None:
                    parts.append(f'<h4>{esc(t("district_heading", language))}</h4>')
                    parts.append(_iframe(district))
        if not parts:
            parts.append(f'<div class="dt-empty">{esc(text("dash_map_unavailable", language))}</div>')
        geo.cache[key] = '<div class="dt-maps">' + "".join(parts) + "</div>"
    return geo.cache[key]
