"""Boundaries from `data/geo/` and the two report maps: DTI rank of the 63 provinces, districts.

Maps are folium maps without base tiles (`tiles=None`), meant to be shown through
`dtlib.drawing.offline.OfflineMap` so that they render with no network. Every map carries the attribution
of the boundaries it draws (the province files are CC BY-SA 4.0). Functions here take frames and
return maps; reading files happens only in the `load_*` functions.
"""

from __future__ import annotations

import html
from pathlib import Path

import folium
import geopandas as gpd
import pandas as pd
from branca.colormap import LinearColormap
from branca.element import MacroElement
from jinja2 import Template

from dtlib import paths
from dtlib.i18n import t

PROVINCES_2024 = "vn_provinces_2024.geojson"
PROVINCES_2025 = "vn_provinces_2025.geojson"
DISTRICTS = "binhduong_binhphuoc_districts.geojson"

PROVINCE_ATTRIBUTION = (
    "Province boundaries: © Open Development Mekong / Open Development Vietnam ('Địa phận tỉnh', "
    "source: Department of Survey and Mapping), CC BY-SA 4.0; simplified and re-coded."
)
"""Required on every map drawing `vn_provinces_2024/2025.geojson` (data/geo/NOTICE)."""

PROVINCES_2025_ATTRIBUTION = PROVINCE_ATTRIBUTION.removesuffix(".") + "; merged per Resolution 202/2025/QH15."
"""Required on every map drawing `vn_provinces_2025.geojson`."""

DISTRICT_ATTRIBUTION = (
    "District boundaries: Government administrative map portal (gis.chinhphu.vn), as republished "
    "in daohoangson/dvhcvn (GPL-3.0, 2019); reuse terms of the original not confirmed."
)

RANK_COLOURS: tuple[str, str] = ("#08306b", "#deebf7")
"""Dark blue for rank 1 to pale blue for the last rank."""
HIGHLIGHT_COLOUR = "#d7301f"
NO_DATA_COLOUR = "#bdbdbd"
DISTRICT_COLOURS: tuple[str, ...] = (
    "#8dd3c7", "#ffffb3", "#bebada", "#fb8072", "#80b1d3", "#fdb462", "#b3de69", "#fccde5",
    "#9ecae1", "#bc80bd", "#ccebc5",
)


def load_geo(name: str, data_dir: Path | None = None) -> gpd.GeoDataFrame:
    """Read one boundary file from `data/geo/` (codes kept as text: `'01'` is not `1`)."""
    path = (data_dir or paths.data_dir()) / "geo" / name
    frame = gpd.read_file(path)
    for column in ("gso_code", "province_gso_code", "merged_from_gso_codes"):
        if column in frame.columns:
            frame[column] = frame[column].astype(str)
    return frame


def provinces_2025_by_code(frame: gpd.GeoDataFrame) -> pd.DataFrame:
    """One row per (old GSO code, new province name): the join key of the 2025 file."""
    rows = [(code.strip(), name) for name, codes in zip(frame["name_vi"], frame["merged_from_gso_codes"],
                                                         strict=True)
            for code in codes.split(",")]
    return pd.DataFrame(rows, columns=["gso_code", "province_2025_vi"])


def dti_ranks(observations: pd.DataFrame, year: int) -> pd.DataFrame:
    """DTI ranks of provinces for `year`: unit_id, code, rank, source_id, synthetic (one per unit)."""
    rows = observations[(observations["indicator"] == "dti_rank") & (observations["kind"] == "actual")
                        & (observations["period_kind"] == "year")
                        & (observations["period_end"].dt.year == year)
                        & observations["unit_id"].str.startswith("P63-")]
    rows = rows.sort_values(["unit_id", "source_id"]).drop_duplicates("unit_id")
    return pd.DataFrame({
        "unit_id": rows["unit_id"], "code": rows["unit_id"].str.removeprefix("P63-"),
        "rank": rows["value"].astype(int), "source_id": rows["source_id"],
        "synthetic": rows["synthetic"].astype(bool) if "synthetic" in rows else False,
    }).reset_index(drop=True)


class _Attribution(MacroElement):
    """Adds a text to the map's attribution control (drawn even without tiles)."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "{{ this._parent.get_name() }}.attributionControl.addAttribution({{ this.text|tojson }});"
        "{% endmacro %}"
    )

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Attribution"
        self.text = html.escape(text)


def _attribute(m: folium.Map, text: str) -> None:
    _Attribution(text).add_to(m)


def _legend(m: folium.Map, title: str, low: str, high: str, colours: tuple[str, str]) -> None:
    box = (
        '<div style="position:absolute;top:10px;right:10px;z-index:1000;background:#fff;'
        'padding:6px 8px;font:12px sans-serif;border:1px solid #999">'
        f"<div>{html.escape(title)}</div>"
        f'<div style="width:160px;height:10px;background:linear-gradient(to right,{colours[0]},'
        f'{colours[1]})"></div><div style="display:flex;justify-content:space-between">'
        f"<span>{html.escape(low)}</span><span>{html.escape(high)}</span></div></div>"
    )
    m.get_root().html.add_child(folium.Element(box))


ZOOM_SNAP = 0.25
"""Fractional zoom so that fit_bounds can frame a province instead of rounding the zoom up and
cutting its edges off (Leaflet's default snap is a whole zoom level)."""
FIT_TOP_LEFT = (12, 12)
FIT_BOTTOM_RIGHT = (12, 64)
"""Pixels kept free around the fitted shapes; the bottom holds the two-line licence attribution."""


def _bounds(frame: gpd.GeoDataFrame) -> list[list[float]]:
    minx, miny, maxx, maxy = frame.total_bounds
    return [[float(miny), float(minx)], [float(maxy), float(maxx)]]


def dti_rank_map(provinces: gpd.GeoDataFrame, ranks: pd.DataFrame, highlight_codes: list[str],
                 year: int, language: str = "vi") -> folium.Map:
    """Choropleth of the 63 provinces by DTI rank, the provinces in `highlight_codes` outlined."""
    frame = provinces.merge(ranks[["code", "rank", "synthetic"]], how="left",
                            left_on="gso_code", right_on="code")
    top = int(ranks["rank"].max()) if not ranks.empty else 63
    colours = LinearColormap(list(RANK_COLOURS), vmin=1, vmax=max(top, 2))
    no_rank = t("map_no_rank", language)
    frame = frame.assign(
        rank_text=[no_rank if pd.isna(r) else str(int(r)) for r in frame["rank"]],
        fill=[NO_DATA_COLOUR if pd.isna(r) else colours(float(r)) for r in frame["rank"]],
    )
    frame = frame[["gso_code", "name_vi", "rank_text", "fill", "geometry"]]
    m = folium.Map(tiles=None, control_scale=True, zoom_control=True, prefer_canvas=False,
                   zoom_snap=ZOOM_SNAP)
    tooltip = folium.GeoJsonTooltip(
        fields=["name_vi", "rank_text"],
        aliases=["", t("map_rank_tooltip", language, year=year)],
    )
    _filled_layer(m, frame, "dti", tooltip)
    _outline(m, frame, "gso_code", highlight_codes)
    synthetic = bool(ranks["synthetic"].any()) if not ranks.empty else False
    title = t("map_legend", language, year=year)
    if synthetic:
        title += f" ({t('synthetic_mark', language)})"
    _legend(m, title, "1", str(top), RANK_COLOURS)
    _attribute(m, PROVINCE_ATTRIBUTION)
    m.fit_bounds(_bounds(frame), padding_top_left=FIT_TOP_LEFT, padding_bottom_right=FIT_BOTTOM_RIGHT)
    return m


def _filled_layer(m: folium.Map, frame: gpd.GeoDataFrame, name: str, tooltip: folium.GeoJsonTooltip) -> None:
    """The choropleth layer: each shape filled with its `fill` colour, thin white borders."""
    folium.GeoJson(
        frame.to_json(ensure_ascii=False), name=name,
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#ffffff",
                                  "weight": 0.6, "fillOpacity": 0.9},
        tooltip=tooltip,
    ).add_to(m)


def _outline(m: folium.Map, frame: gpd.GeoDataFrame, key: str, chosen: tuple[str, ...] | list[str]) -> None:
    """The highlighted units drawn as a thick outline over the choropleth (nothing if none)."""
    picked = frame[frame[key].isin(chosen)]
    if not picked.empty:
        folium.GeoJson(
            picked[[key, "name_vi", "geometry"]].to_json(ensure_ascii=False), name="highlight",
            style_function=lambda f: {"fill": False, "color": HIGHLIGHT_COLOUR, "weight": 3.5},
        ).add_to(m)


def province_outline(districts: gpd.GeoDataFrame) -> gpd.GeoSeries:
    """The province drawn as the union of its districts (district and province files differ)."""
    return gpd.GeoSeries([districts.geometry.union_all()], crs=districts.crs)


def district_map(districts: gpd.GeoDataFrame, province_code: str,
                 language: str = "vi") -> folium.Map | None:
    """The district-level units of one pre-2025 province; None if the file has none for it."""
    own = districts[districts["province_gso_code"] == province_code].sort_values("gso_code")
    if own.empty:
        return None
    own = own.assign(fill=[DISTRICT_COLOURS[i % len(DISTRICT_COLOURS)] for i in range(len(own))])
    label_column = "name_vi_full" if language == "vi" else "name_ascii"
    m = folium.Map(tiles=None, control_scale=True, zoom_snap=ZOOM_SNAP)
    folium.GeoJson(
        own[["gso_code", label_column, "fill", "geometry"]].to_json(ensure_ascii=False), name="districts",
        style_function=lambda f: {"fillColor": f["properties"]["fill"], "color": "#555555",
                                  "weight": 1, "fillOpacity": 0.75},
        tooltip=folium.GeoJsonTooltip(fields=[label_column, "gso_code"], aliases=["", "GSO"]),
    ).add_to(m)
    folium.GeoJson(
        province_outline(own).to_json(ensure_ascii=False), name="province",
        style_function=lambda f: {"fill": False, "color": HIGHLIGHT_COLOUR, "weight": 3},
    ).add_to(m)
    _attribute(m, DISTRICT_ATTRIBUTION)
    m.fit_bounds(_bounds(own), padding_top_left=FIT_TOP_LEFT, padding_bottom_right=FIT_BOTTOM_RIGHT)
    return m


def value_map(shapes: gpd.GeoDataFrame, values: pd.DataFrame, title: str, *, better_low: bool = False,
              attribution: str = PROVINCE_ATTRIBUTION, no_data: str = "–",
              highlight_keys: tuple[str, ...] = ()) -> folium.Map:
    """Choropleth of any indicator: `shapes` (key, name_vi, geometry) coloured by `values`.

    `values`: key, value, text (the formatted value for the tooltip). Darker is better: for an
    indicator where lower is better (a rank), the scale runs the other way. Shapes without a
    value are grey and say `no_data`.
    """
    frame = shapes.merge(values[["key", "value", "text"]], how="left", on="key")
    known = frame["value"].dropna()
    low, high = (float(known.min()), float(known.max())) if not known.empty else (0.0, 1.0)
    dark, pale = RANK_COLOURS
    ends = [dark, pale] if better_low else [pale, dark]
    colours = LinearColormap(ends, vmin=low, vmax=high if high > low else low + 1)
    frame = frame.assign(
        text=[no_data if pd.isna(v) else s for v, s in zip(frame["value"], frame["text"], strict=True)],
        fill=[NO_DATA_COLOUR if pd.isna(v) else colours(float(v)) for v in frame["value"]],
    )[["key", "name_vi", "text", "fill", "geometry"]]
    m = folium.Map(tiles=None, control_scale=True, zoom_control=True, zoom_snap=ZOOM_SNAP)
    _filled_layer(m, frame, "values", folium.GeoJsonTooltip(fields=["name_vi", "text"], aliases=["", title]))
    _outline(m, frame, "key", highlight_keys)
    low_text, high_text = (values.loc[values["value"].idxmin(), "text"], values.loc[values["value"].idxmax(), "text"]) \
        if not values.empty else ("", "")
    _legend(m, title, low_text, high_text, RANK_COLOURS if better_low else (pale, dark))
    _attribute(m, attribution)
    m.fit_bounds(_bounds(frame), padding_top_left=FIT_TOP_LEFT, padding_bottom_right=FIT_BOTTOM_RIGHT)
    return m
