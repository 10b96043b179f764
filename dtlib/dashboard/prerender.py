"""Every fragment the leadership page can show, rendered once by `dtlib build` (`reports/_data/views/`).

A visitor's kernel used to read the reporting layer with pandas, draw plotly figures and folium
maps per click, and so cost about 270 MB; 30 directors at once did not fit. Everything a page can
show depends only on the reporting layer and a selection from a finite allow-list (unit ×
indicator × language), so it is rendered here, ahead of time, by the same view functions
(`dtlib.dashboard.views`, `figures`, `visuals`, `targets`), and the kernel (`dtlib.dashboard.store`)
only reads JSON and sets widget values: no pandas, plotly or geopandas in a kernel.

Layout of `views/` (replaced as a whole, atomically):

* `page.json` — allow-lists, unit-list labels, map outlines per unit, the build date;
* `units/<n>.<lang>.json` — for the n-th unit of the list: reform note, targets lists, indicator
  names and, per indicator, the cards, former-area cards, chart, table and sources;
* `maps/<n>.<lang>.html` — the Map tab of the n-th indicator (an SVG choropleth whose
  outlines the page switches on per unit with CSS, or the sentence saying no map exists).
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from datetime import date
from pathlib import Path

from dtlib import atomic, paths
from dtlib.dashboard import figures, views, visuals
from dtlib.dashboard.selection import Choices, Selection
from dtlib.dashboard.store import FORMAT, VIEWS_DIR
from dtlib.dashboard.targets import targets_html
from dtlib.data.datasets import Bundle
from dtlib.data.units import NATIONAL_ID
from dtlib.i18n import LANGUAGES, t

log = logging.getLogger(__name__)



def views_dir(layer_dir: Path | None = None) -> Path:
    return (layer_dir or paths.processed_dir()) / VIEWS_DIR


def chart_html(fig) -> str:
    """A figure as a `<div class="dt-plot">` that the page's template draws with plotly.js.

    The figure travels as JSON in an attribute of an HTML widget: no `Output` widget, nothing
    captured while Voila runs the notebook (voila #1428), and no JupyterLab plotly extension
    (4.8 MB of JavaScript that every new visitor had to load before the first card showed); the
    template loads plotly-basic (1.2 MB) deferred and draws every `.dt-plot` that appears.
    """
    import html

    import plotly.io as pio

    figure = json.loads(pio.to_json(fig, validate=False))
    figure["config"] = {"displaylogo": False, "displayModeBar": False, "responsive": True}  # English tooltips
    title = (figure.get("layout", {}).get("title") or {}).get("text", "")
    data = html.escape(json.dumps(figure, ensure_ascii=False, separators=(",", ":")), quote=True)
    return f'<div class="dt-plot" role="img" aria-label="{html.escape(title, quote=True)}" data-figure="{data}"></div>'


def choices_json(choices: Choices) -> dict:
    """The allow-lists as `page.json` holds them (read back by `dtlib.dashboard.store.ViewStore`)."""
    return {"units": list(choices.units), "indicators": {u: list(c) for u, c in choices.indicators.items()},
            "codes": choices.codes, "default_unit": choices.default_unit, "levels": choices.levels}


# -- one unit ------------------------------------------------------------------------------------
class UnitRenderer:
    """Renders every view of units of one bundle, reusing the cards of former areas."""

    def __init__(self, bundle: Bundle, choices: Choices, today: date) -> None:
        self.bundle, self.choices, self.today = bundle, choices, today
        self._cards: dict[tuple[str, str], list[views.KpiCard]] = {}

    def all_cards(self, unit_id: str, language: str) -> list[views.KpiCard]:
        key = (unit_id, language)
        if key not in self._cards:
            self._cards[key] = views.kpi_cards(self.bundle, unit_id, language, as_of=self.today)
        return self._cards[key]

    def cards_html(self, unit_id: str, indicator: str | None, language: str) -> str:
        """The KPI strip as `views.kpi_cards(..., selected=, limit=)` orders it, from the cached cards."""
        cards = views.card_order(self.all_cards(unit_id, language), indicator, views.KPI_CARD_LIMIT)
        return views.kpi_cards_html(cards, indicator, language)

    def former_html(self, unit_id: str, indicator: str | None, language: str) -> str:
        return views.former_cards_html(self.bundle, unit_id, indicator, language,
                                       cards_of=lambda former: self.all_cards(former, language))

    def unit_bundle(self, unit_id: str) -> Bundle:
        """The bundle cut to what a unit's views read: its figures, its former areas', the nation's
        and every target (the same views, without filtering all figures for each of them)."""
        shown = {*figures.shown_units(self.bundle, unit_id), NATIONAL_ID}
        obs, bad = self.bundle.observations, self.bundle.unparsed
        keep = obs["unit_id"].isin(shown) | (obs["kind"] == "target")
        return replace(self.bundle, observations=obs[keep],
                       unparsed=bad[bad["unit_id"].isin(shown)] if not bad.empty else bad)

    def indicator_view(self, bundle: Bundle, unit_id: str, indicator: str, language: str) -> dict:
        selection = Selection(unit_id, indicator, language)
        downloads = figures.download_links_html(bundle, figures.figures_frame(bundle, selection), selection)
        return {"cards": self.cards_html(unit_id, indicator, language),
                "former": self.former_html(unit_id, indicator, language),
                "chart": chart_html(visuals.chart_figure(bundle, selection)),
                "table": figures.table_html(bundle, selection, downloads),
                "sources": figures.sources_html(bundle, selection, downloads)}

    def unit_view(self, unit_id: str, language: str) -> dict:
        bundle = self.bundle
        indicators = self.choices.indicators_for(unit_id)
        own = self.unit_bundle(unit_id)
        by_code = {code: self.indicator_view(own, unit_id, code, language) for code in indicators}
        if not indicators:  # a unit with no indicator of the catalog still shows its (empty) strip
            by_code[""] = {"cards": self.cards_html(unit_id, None, language), "former": ""}
        return {"format": FORMAT, "unit_id": unit_id,
                "reform": views.reform_note(bundle.units, unit_id, language),
                "ahead": targets_html(bundle, unit_id, language, today=self.today),
                "indicators": views.indicator_options(bundle, self.choices, unit_id, language),
                "views": by_code}


# -- maps ----------------------------------------------------------------------------------------
def province_boundaries():
    """The 63 provinces' boundaries, or None when `data/geo` is missing (the Map tab then says so)."""
    try:
        from dtlib.drawing import maps

        return maps.load_geo(maps.PROVINCES_2024)
    except Exception:  # a missing or broken boundary file must not stop the build of the rest
        log.exception("dashboard views: boundaries could not be loaded; the Map tab will say so")
        return None


def map_html(bundle: Bundle, indicator_code: str, language: str, provinces) -> str:
    """The Map tab of one indicator on the 63 provinces, outlines hidden (the page shows the unit's)."""
    from dtlib.drawing import svgmaps

    esc = views.esc
    if provinces is None:
        return f'<div class="dt-empty">{esc(t("dash_map_unavailable", language))}</div>'
    indicator = bundle.catalog[indicator_code]
    year, rows, most = visuals.map_figures(bundle, indicator_code)
    if year is None:
        return f'<div class="dt-empty dt-no-map">{esc(t("dash_map_none", language, n=most))}</div>'
    value_of = dict(zip(rows["code"], rows["value"], strict=True))
    qualifier_of = dict(zip(rows["code"], rows["qualifier"], strict=True))
    bins = svgmaps.classes(list(value_of.values()), indicator.direction != "lower_better")  # as the report's
    codes = [str(c) for c in provinces["gso_code"]]
    names = [str(n) for n in provinces["name_vi" if language == "vi" else "name_ascii"]]
    texts = svgmaps.figure_texts(codes, value_of, indicator.unit, language, qualifier_of)
    heading = t("dash_map_heading", language, indicator=indicator.name(language), period=year,
                geography=t("dash_geo_63", language))
    svg = svgmaps.choropleth_svg(
        provinces, [f"{n}: {x}" for n, x in zip(names, texts, strict=True)],
        [svgmaps.colour_of(value_of.get(c), bins) for c in codes], [False] * len(codes), heading,
        t("dash_map_alt", language, n=len(value_of), indicator=indicator.name(language), year=year),
        svg_id="dtmap", codes=codes)
    legend = "".join(f'<li><span class="dt-swatch" style="background:{esc(item["colour"])}"></span>'
                     f'{esc(item["text"])}</li>' for item in svgmaps.legend(bins, indicator.unit, language))
    banner = (f'<div class="dt-synthetic-banner">⚠ {esc(t("dash_synthetic", language))}</div>'
              if figures.has_synthetic(rows) else "")
    cited = "; ".join(f"{figures.outlet_name(bundle, source, language)} "
                      f"({figures.published_text(bundle, source, language)})"
                      for source in sorted(set(rows["source_id"])))
    return (f'<div class="dt-maps">{banner}<h4 class="dt-map-heading">{esc(heading)}</h4>'
            f'<div class="dt-svgmap">{svg}</div><ul class="dt-legend">{legend}</ul>'
            f'<p class="dt-map-sources">{esc(t("dash_source", language))}: {esc(cited)}</p></div>')


# -- the whole page -------------------------------------------------------------------------------
_WORK: dict = {}
"""The bundle and choices handed to worker processes (inherited through fork, never pickled)."""


def _render_units(job: tuple[list[int], str]) -> int:
    numbers, stage = job
    renderer = UnitRenderer(_WORK["bundle"], _WORK["choices"], _WORK["today"])
    for number in numbers:
        unit_id = _WORK["choices"].units[number]
        for language in LANGUAGES:
            data = renderer.unit_view(unit_id, language)
            (Path(stage) / "units" / f"{number}.{language}.json").write_text(
                json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return len(numbers)


RENDERERS: tuple[str, ...] = ("dashboard/views.py", "dashboard/figures.py", "dashboard/visuals.py",
                              "dashboard/targets.py", "dashboard/prerender.py", "dashboard/store.py",
                              "i18n.py", "drawing/charts.py", "drawing/svgmaps.py", "tables.py")
"""Sources (under `dtlib/`) whose change changes the views: part of their fingerprint."""


def fingerprint(layer_dir: Path) -> str:
    """What the views were rendered from: the reporting layer's files and the rendering code."""
    import hashlib

    digest = hashlib.sha256(str(FORMAT).encode())
    package = Path(__file__).resolve().parent.parent
    for path in [*sorted(p for p in layer_dir.iterdir() if p.is_file()), *(package / r for r in RENDERERS)]:
        digest.update(path.name.encode())
        digest.update(path.read_bytes() if path.exists() else b"")
    return digest.hexdigest()[:16]


def ensure_views(layer_dir: Path | None = None) -> Path:
    """Render the views unless those on disk come from the same layer and code (`fingerprint`)."""
    layer_dir = layer_dir or paths.processed_dir()
    target = views_dir(layer_dir)
    try:
        current = json.loads((target / "page.json").read_text(encoding="utf-8")).get("fingerprint")
    except (OSError, ValueError):
        current = None
    if current == fingerprint(layer_dir):
        return target
    from dtlib.layer import read_reporting_layer

    print(f"rendering the dashboard views into {target}", flush=True)
    return build_views(read_reporting_layer(layer_dir), layer_dir)


def workers() -> int:
    return max(1, min(4, os.cpu_count() or 1))


def build_views(bundle: Bundle, layer_dir: Path | None = None, today: date | None = None,
                processes: int | None = None) -> Path:
    """Render every view of the page into `<layer>/views/` (atomically) and return that folder.

    `bundle` is the reporting layer read back (`dtlib.layer.read_reporting_layer(layer_dir)`).
    Cards and target lists are as of `today` (the build date, which the page states).
    """
    today = today or date.today()
    choices = views.build_choices(bundle)
    indicators = sorted({c for u in choices.units for c in choices.indicators_for(u)})
    target = views_dir(layer_dir)
    provinces = province_boundaries()
    with atomic.staged_dir(target) as stage:
        (stage / "units").mkdir()
        (stage / "maps").mkdir()
        page = {"format": FORMAT, "built": today.isoformat(), "fingerprint": fingerprint(target.parent),
                "choices": choices_json(choices),
                "labels": {lang: views.unit_options(bundle, choices, lang) for lang in LANGUAGES},
                "outlines": {u: visuals.highlight_codes(bundle, u) for u in choices.units},
                "maps": {code: n for n, code in enumerate(indicators)}}
        for number, code in enumerate(indicators):
            for language in LANGUAGES:
                (stage / "maps" / f"{number}.{language}.html").write_text(
                    map_html(bundle, code, language, provinces), encoding="utf-8")
        _WORK.update(bundle=bundle, choices=choices, today=today)
        try:
            processes = processes or workers()
            # interleaved shares: the few big units (today's HCMC, Đồng Nai) land on different workers
            jobs = [(list(range(i, len(choices.units), processes)), str(stage)) for i in range(processes)]
            if processes == 1:
                done = sum(_render_units(job) for job in jobs)
            else:
                with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
                    done = sum(pool.map(_render_units, jobs))
        finally:
            _WORK.clear()
        if done != len(choices.units):  # a worker that died would leave units without views
            raise RuntimeError(f"dashboard views: {done} of {len(choices.units)} units rendered")
        (stage / "page.json").write_text(json.dumps(page, ensure_ascii=False, separators=(",", ":")),
                                         encoding="utf-8")
    log.info("dashboard views: %d units, %d indicators", len(choices.units), len(indicators))
    return target
