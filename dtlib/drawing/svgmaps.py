"""Choropleth maps as static SVG, simplified to what a screen (or an A4 page) shows.

The report's maps were folium maps in iframes: Leaflet and the full boundary files inlined twice,
about 3 MB, blank when printed. Here boundaries are projected (equirectangular, scaled by the
cosine of the mid latitude), simplified as a coverage (`shapely.coverage_simplify`, so neighbours
keep a shared border and no slivers open) to `TOLERANCE_PX`, and written with whole-pixel
coordinates. A 63-province map is then about 60 kB, needs no script, prints as vector graphics,
and carries each unit's name and figure as an SVG `<title>` (the report also lists the figures in
a table: the map's text alternative). Functions here take frames and return SVG text.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import geopandas as gpd
import numpy as np
import shapely
from shapely.geometry import MultiPolygon, Polygon

WIDTH_PX = 520
"""Map width in CSS pixels (the height follows the boundaries' aspect ratio)."""
TOLERANCE_PX = 0.7
"""Simplification tolerance: under one screen pixel at `WIDTH_PX`."""
MIN_RING_PX = 1.5
"""Rings (small islands) narrower than this vanish at screen size and are dropped."""
BLUES: tuple[str, ...] = ("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c")
"""Five classes, pale to dark; the darkest is always the best."""
NO_DATA = "#d9d9d9"
HIGHLIGHT = "#d7301f"


@dataclass(frozen=True)
class Bin:
    low: float
    high: float
    colour: str


def classes(values: Sequence[float], better_high: bool, n: int = len(BLUES)) -> list[Bin]:
    """Quantile classes of `values`, coloured so that darker is better (`better_high` or not)."""
    data = np.asarray([v for v in values if v is not None and not math.isnan(v)], dtype=float)
    if data.size == 0:
        return []
    edges = np.unique(np.quantile(data, np.linspace(0, 1, min(n, len(np.unique(data))) + 1)))
    if edges.size == 1:
        edges = np.array([edges[0], edges[0]])
    colours = list(BLUES[-(len(edges) - 1):]) if len(edges) - 1 < len(BLUES) else list(BLUES)
    if not better_high:
        colours = colours[::-1]
    return [Bin(float(edges[i]), float(edges[i + 1]), colours[i]) for i in range(len(edges) - 1)]


def figure_texts(codes: Sequence[str], value_of: dict[str, float], unit: str, language: str,
                 qualifier_of: dict[str, str] | None = None) -> list[str]:
    """Each area's figure as printed, or "no figure": the words of the tooltips and tables of every map."""
    from dtlib.i18n import t
    from dtlib.tables import format_value

    qualifier_of = qualifier_of or {}
    return [format_value(value_of[c], unit, language, qualifier_of.get(c)) if c in value_of
            else t("no_figure", language) for c in codes]


def legend(bins: Sequence[Bin], unit: str, language: str) -> list[dict[str, str]]:
    """`{"colour", "text"}` per class and one for "no figure": the report's and the page's maps read alike."""
    from dtlib.i18n import t
    from dtlib.tables import format_value

    items = [{"colour": b.colour,
              "text": f"{format_value(b.low, unit, language)} – {format_value(b.high, unit, language)}"}
             for b in bins]
    return items + [{"colour": NO_DATA, "text": t("no_figure", language)}]


def colour_of(value: float | None, bins: list[Bin]) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)) or not bins:
        return NO_DATA
    for b in bins:
        if value <= b.high:
            return b.colour
    return bins[-1].colour


def project(frame: gpd.GeoDataFrame, width: float = WIDTH_PX) -> tuple[gpd.GeoSeries, float, float]:
    """Geometries in pixel coordinates (y down), the width and the height."""
    minx, miny, maxx, maxy = frame.total_bounds
    k = math.cos(math.radians((miny + maxy) / 2))
    scale = width / ((maxx - minx) * k)
    height = (maxy - miny) * scale

    def to_px(coords: np.ndarray) -> np.ndarray:
        return np.column_stack([(coords[:, 0] - minx) * k * scale, (maxy - coords[:, 1]) * scale])

    geoms = shapely.transform(frame.geometry.values, to_px)
    return gpd.GeoSeries(geoms, index=frame.index), width, height


def simplify(geoms: gpd.GeoSeries, tolerance: float = TOLERANCE_PX) -> gpd.GeoSeries:
    """Coverage-preserving simplification (shared borders stay shared)."""
    simple = shapely.coverage_simplify(shapely.make_valid(geoms.values), tolerance)
    return gpd.GeoSeries(simple, index=geoms.index)


def _ring(coords: np.ndarray) -> str:
    pts = np.round(coords[:-1]).astype(int)
    keep = np.ones(len(pts), dtype=bool)
    keep[1:] = np.any(pts[1:] != pts[:-1], axis=1)  # drop repeated pixels
    pts = pts[keep]
    if len(pts) < 3:
        return ""
    head = f"M{pts[0, 0]} {pts[0, 1]}"
    steps = np.diff(pts, axis=0)  # relative moves: shorter text
    return head + "l" + " ".join(f"{dx} {dy}" for dx, dy in steps) + "z"


def path_data(geom: object) -> str:
    """SVG path data of a (multi)polygon in pixels, tiny rings dropped."""
    polys = list(geom.geoms) if isinstance(geom, MultiPolygon) else (
        [geom] if isinstance(geom, Polygon) else
        [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)])
    parts = []
    for poly in polys:
        minx, miny, maxx, maxy = poly.bounds
        if max(maxx - minx, maxy - miny) < MIN_RING_PX:
            continue
        for ring in [poly.exterior, *poly.interiors]:
            parts.append(_ring(np.asarray(ring.coords)))
    return "".join(parts)


def choropleth_svg(frame: gpd.GeoDataFrame, labels: Sequence[str], fills: Sequence[str],
                   highlight: Sequence[bool], title: str, description: str,
                   width: float = WIDTH_PX, svg_id: str = "map", codes: Sequence[str] | None = None) -> str:
    """The whole map as one `<svg role="img">` with a `<title>` per unit.

    With `codes`, every unit also gets a hidden outline (`<use class="dt-outline" data-code=…>`)
    that a page shows with one CSS rule: the dashboard sends the map once per indicator and
    outlines the selected unit with a few bytes of style instead of a new map per unit.
    """
    geoms, w, h = project(frame, width)
    geoms = simplify(geoms)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w:.0f} {h:.0f}" width="{w:.0f}" '
           f'height="{h:.0f}" role="img" aria-labelledby="{svg_id}-t {svg_id}-d">'
           f'<title id="{svg_id}-t">{html.escape(title)}</title>'
           f'<desc id="{svg_id}-d">{html.escape(description)}</desc>'
           '<g stroke="#ffffff" stroke-width="0.6" stroke-linejoin="round">']
    outlines = []
    names = codes if codes is not None else [None] * len(labels)
    for geom, label, fill, mark, code in zip(geoms, labels, fills, highlight, names, strict=True):
        d = path_data(geom)
        if not d:
            continue
        if code is None:
            out.append(f'<path d="{d}" fill="{fill}"><title>{html.escape(label)}</title></path>')
        else:  # fill on a wrapper, so that the outline's <use> copy of the path stays unfilled
            ref = html.escape(f"{svg_id}-{code}")
            out.append(f'<g fill="{fill}"><path id="{ref}" data-code="{html.escape(code)}" d="{d}">'
                       f'<title>{html.escape(label)}</title></path></g>')
            outlines.append(f'<use class="dt-outline" data-code="{html.escape(code)}" href="#{ref}"/>')
        if mark:
            outlines.append(f'<path d="{d}" fill="none" stroke="{HIGHLIGHT}" stroke-width="2.5"/>')
    out.append("</g>")
    if codes is not None:
        out.append(f'<g fill="none" stroke="{HIGHLIGHT}" stroke-width="2.5" pointer-events="none">')
        out += outlines
        out.append("</g>")
    else:
        out += outlines
    out.append("</svg>")
    return "".join(out)
