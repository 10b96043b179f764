"""The page: widgets that show pre-rendered views, every browser value checked against the allow-lists.

A visitor's kernel imports no pandas, plotly or geopandas: `dtlib build` rendered every fragment
the page can show (`dtlib.dashboard.prerender`), and the kernel reads them (`dtlib.dashboard.store`).
`prepare()` does the work that does not depend on the visitor (open the views, warm the default
view) and never raises: a failure becomes a message on the page. `show()` builds the widgets for
one selection. Callbacks validate `change.new` with `dtlib.dashboard.selection` (a visitor can
forge widget state), run under `guarded` (errors are logged server-side and shown as one
sentence), and only the visible tab is drawn.
"""

from __future__ import annotations

import html
import logging
from dataclasses import dataclass

import ipywidgets as w
from IPython.display import display

from dtlib import i18n
from dtlib.dashboard import selection as sel
from dtlib.dashboard.guard import guarded, route_logs_to_server
from dtlib.dashboard.store import VIEWS_DIR, ViewStore
from dtlib.i18n import t

log = logging.getLogger("dtlib.dashboard")

FIRST_PAINT_MIME = "application/vnd.dtlib.first-paint+html"
"""Output type the `dtlib` Voila template writes into the page as plain HTML (`Dashboard.first_paint_html`).

Voila's front end renders every other output only after its JavaScript (about 5 MB) has loaded and
the widgets have fetched their state; this one is readable as soon as the kernel has sent it.
"""

TABS: tuple[str, ...] = ("dash_tab_chart", "dash_tab_map", "dash_tab_table", "dash_tab_sources")
CHART, MAP, TABLE, SOURCES = range(4)

CSS = """<style>
.dt-title{font-size:1.5em;font-weight:600;margin:4px 0 8px}
.dt-cards{display:flex;flex-wrap:wrap;gap:8px;margin:6px 0}
.dt-card{border:1px solid #ccc;border-radius:6px;padding:8px 10px;min-width:180px;max-width:260px;background:#fafafa}
.dt-card.dt-selected{border:2px solid #08306b;background:#eef3fb}
.dt-card-name{font-size:.85em;color:#333}.dt-card-value{font-size:1.6em;font-weight:600}
.dt-card-meta,.dt-card-source{font-size:.78em;color:#404040;line-height:1.35}
.dt-card-name{line-height:1.3}
.dt-status{display:inline-block;border-radius:3px;padding:1px 6px;font-size:.82em;font-weight:600;border:1px solid}
.dt-status-met{background:#e6f4ea;color:#14532d;border-color:#14532d}
.dt-status-on_track{background:#e8f5e9;color:#1b5e20;border-color:#1b5e20}
.dt-status-fair{background:#fff4e0;color:#6d4200;border-color:#6d4200}
.dt-status-limited{background:#fff0e6;color:#8a2e00;border-color:#8a2e00}
.dt-status-deterioration{background:#fdecea;color:#8b0000;border-color:#8b0000}
.dt-status-insufficient_data{background:#f0f0f0;color:#3a3a3a;border-color:#767676}
.dt-former-heading{font-size:1em;margin:10px 0 2px;color:#333}
.dt-tabs .lm-TabBar-tab,.dt-tabs .lm-TabBar-tabLabel{color:#262626 !important}
.dt-downloads a{margin-right:12px;color:#08306b;text-decoration:underline}
.dt-tabs .lm-TabBar-tab:focus-visible,.dt-root select:focus-visible,
.dt-root button:focus-visible{outline:3px solid #f0a500}
.dt-synthetic{display:inline-block;background:#fde0dd;color:#8b0000;border:1px solid #8b0000;
 border-radius:3px;padding:0 4px;font-size:.75em;font-weight:600;text-transform:uppercase}
.dt-synthetic-banner{background:#fde0dd;color:#8b0000;border:1px solid #8b0000;padding:6px 10px;
 margin:6px 0;font-weight:600}
.dt-note{background:#fff8e1;border-left:4px solid #f0a500;padding:6px 10px;margin:6px 0}
.dt-error{background:#fdecea;border-left:4px solid #c62828;padding:6px 10px;margin:6px 0}
.dt-table{border-collapse:collapse}.dt-table td,.dt-table th{border-bottom:1px solid #ddd;padding:3px 8px}
.dt-sources a{color:#08306b;text-decoration:underline}
.dt-outline{display:none}.dt-svgmap svg{max-width:100%;height:auto}
.dt-legend{list-style:none;padding:0;margin:4px 0;display:flex;flex-wrap:wrap;gap:4px 14px;font-size:.85em}
.dt-swatch{display:inline-block;width:14px;height:14px;border:1px solid #767676;margin-right:4px;vertical-align:-2px}
.dt-num{text-align:right}.dt-empty{color:#595959;font-style:italic;padding:8px}
.dt-first-paint{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:14px;padding:10px}
.dt-first-paint-selection{margin:4px 0 8px;color:#262626}
.dt-first-paint-wait{color:#595959;font-style:italic;margin-left:8px}
body.dt-expired .dt-first-paint,body.dt-expired .dt-root{opacity:.3;filter:grayscale(1);pointer-events:none;
 user-select:none}
.dt-expired-box{position:fixed;top:12px;left:50%;transform:translateX(-50%);z-index:1000;background:#fff;
 border:2px solid #c62828;border-radius:6px;padding:12px 16px;box-shadow:0 2px 12px rgba(0,0,0,.25);max-width:90vw}
.dt-expired-box[hidden]{display:none}
.dt-reload{background:#08306b;color:#fff;border:0;border-radius:4px;padding:6px 14px;font-size:1em;cursor:pointer}
.dt-reload:focus{outline:3px solid #f0a500;outline-offset:2px}
</style>"""


def esc(value: str) -> str:
    return html.escape(value, quote=True)


def chrome_html(language: str) -> str:
    """The page's style and its (hidden) expired-session box, in the page language.

    The template's session watch unhides the box when the kernel's websocket is gone for good.
    """
    return (CSS + f'<div class="dt-expired-box" role="alert" hidden><p><b>{esc(t("dash_expired", language))}'
            f'</b><br>{esc(t("dash_expired_detail", language))}</p>'
            f'<button type="button" class="dt-reload">{esc(t("dash_reload", language))}</button></div>')


@dataclass
class PageData:
    """What every visit shares: the pre-rendered views and their allow-lists."""

    store: ViewStore | None = None
    error: str | None = None

    @property
    def choices(self) -> sel.Choices | None:
        return self.store.choices if self.store is not None else None


def prepare() -> PageData:
    """Open the pre-rendered views and warm the default view; never raise (the page shows the error)."""
    route_logs_to_server()
    try:
        from dtlib.paths import processed_dir

        store = ViewStore(processed_dir() / VIEWS_DIR)
    except Exception:
        log.exception("dashboard: the pre-rendered views could not be read (run `dtlib build`)")
        return PageData(error="dash_load_error")
    page = PageData(store=store)
    warm_up(page)
    return page


def warm_up(page: PageData) -> None:
    """Read the default view before the visitor's request (preheated kernels); never raises."""
    try:
        start = sel.default_selection(page.choices)
        page.store.view(start.unit_id, start.indicator, start.language)
    except Exception:
        log.exception("dashboard: warm-up failed (the page still works, only slower)")


def request_query() -> str:
    """The page's query string; with preheated kernels, wait for the visitor's request first."""
    import os

    try:
        from voila.utils import wait_for_request

        log.info("waiting for the visitor's request")
        wait_for_request()
        log.info("request received")
    except Exception:
        log.exception("dashboard: could not read the request; using the default view")
        return ""
    return os.environ.get("QUERY_STRING", "")


def error_html(key: str, language: str = "vi") -> str:
    """A plain message in both languages when the language is not known yet."""
    other = "en" if language == "vi" else "vi"
    return (f'<div class="dt-error" role="alert">{esc(t(key, language))}'
            f'<br><small>{esc(t(key, other))}</small></div>')


class Dashboard:
    """The widgets of one page view and the current (always valid) selection."""

    def __init__(self, page: PageData, start: sel.Selection, notices: list[str] | None = None) -> None:
        self.page = page
        self.store: ViewStore = page.store
        self.choices: sel.Choices = page.choices
        self.selection = start
        self._link_notices = list(notices or [])
        self._quiet = False
        self._stale: set[int] = set(range(len(TABS)))
        self.title = w.HTML().add_class("dt-title-w")
        self.unit = w.Dropdown(layout=w.Layout(width="420px")).add_class("dt-unit")
        self.indicator = w.Dropdown(layout=w.Layout(width="420px")).add_class("dt-indicator")
        self.language = w.ToggleButtons(options=[(i18n.LANGUAGE_LABELS[x], x) for x in i18n.LANGUAGES],
                                        value=start.language).add_class("dt-lang")
        self.notice = w.HTML().add_class("dt-notice")
        self.cards = w.HTML().add_class("dt-kpis")
        self.former = w.HTML().add_class("dt-former-w")
        self.ahead = w.HTML().add_class("dt-ahead-w")
        self.chart = w.HTML().add_class("dt-chart")
        self.map = w.HTML().add_class("dt-map")
        self.outline = w.HTML().add_class("dt-outline-style")  # CSS: the unit's outline on the map
        self.table = w.HTML().add_class("dt-table-w")
        self.sources = w.HTML().add_class("dt-sources")
        self.tabs = w.Tab(children=[self.chart, self.map, self.table, self.sources]).add_class("dt-tabs")
        self.chrome = w.HTML().add_class("dt-chrome")
        self.root = w.VBox([self.chrome, self.title,
                            w.HBox([self.unit, self.indicator, self.language]),
                            self.notice, self.cards, self.former, self.ahead, self.outline,
                            self.tabs]).add_class("dt-root")
        safe = guarded(self._show_error)
        self.on_unit = safe(self._on_unit)
        self.on_indicator = safe(self._on_indicator)
        self.on_language = safe(self._on_language)
        self.on_tab = safe(self._on_tab)
        self.unit.observe(self.on_unit, names="value")
        self.indicator.observe(self.on_indicator, names="value")
        self.language.observe(self.on_language, names="value")
        self.tabs.observe(self.on_tab, names="selected_index")
        self.render()

    # -- callbacks: every value is checked before use -------------------------------------
    def _on_unit(self, change: dict) -> None:
        if not self._quiet:
            self._link_notices = []
            self.selection = sel.with_unit(self.selection, change["new"], self.choices)
            self.render()

    def _on_indicator(self, change: dict) -> None:
        if not self._quiet and change["new"] is not None:
            self.selection = sel.with_indicator(self.selection, change["new"], self.choices)
            self.render()

    def _on_language(self, change: dict) -> None:
        if not self._quiet:
            self.selection = sel.with_language(self.selection, change["new"])
            self.render()

    def _on_tab(self, change: dict) -> None:
        index = change["new"]
        if isinstance(index, int) and index in self._stale:
            self._draw_tab(index)

    def _show_error(self) -> None:
        self.notice.value = error_html("dash_error", self.selection.language)

    # -- drawing ----------------------------------------------------------------------------
    def render(self) -> None:
        """Draw controls, notices, cards and the visible tab for the current selection."""
        s = self.selection
        self._quiet = True
        try:
            unit = self.store.unit(s.unit_id, s.language)
            self.unit.options = self.store.unit_options(s.language)
            self.unit.value = s.unit_id
            self.unit.description = t("dash_unit", s.language)
            self.indicator.options = [(name, code) for name, code in unit["indicators"]]
            self.indicator.value = s.indicator
            self.indicator.description = t("dash_indicator", s.language)
            if self.language.value != s.language:
                self.language.value = s.language
            for i, key in enumerate(TABS):
                self.tabs.set_title(i, t(key, s.language))
        finally:
            self._quiet = False
        self.chrome.value = chrome_html(s.language)
        self.title.value = f'<div class="dt-title">{esc(t("dash_title", s.language))}</div>'
        notes = [f'<div class="dt-note">{esc(n)}</div>' for n in self._link_notices]
        reform = unit["reform"]
        if reform:
            notes.append(f'<div class="dt-note dt-reform">{esc(reform)}</div>')
        self.notice.value = "".join(notes)
        view = self.store.view(s.unit_id, s.indicator, s.language)
        self.cards.value = view["cards"]
        self.former.value = view["former"]
        self.ahead.value = unit["ahead"]
        self.outline.value = self.store.outline_css(s.unit_id)
        self._stale = set(range(len(TABS)))
        current = self.tabs.selected_index
        self._draw_tab(current if isinstance(current, int) else CHART)

    def first_paint_html(self) -> str:
        """The current view without widgets: what the visitor reads while the page's JavaScript loads.

        It is put together from the widgets' own values, so it shows exactly what the widgets will;
        the template removes it once the widgets are on the page.
        """
        s = self.selection
        unit = self.store.unit(s.unit_id, s.language)
        label = dict((u, name) for name, u in self.store.unit_options(s.language))[s.unit_id]
        indicator = dict((code, name) for name, code in unit["indicators"]).get(s.indicator, "")
        name = label.lstrip(" \u2003\u00a0└·")  # the grouped list indents former areas
        picked = [f'{esc(t("dash_unit", s.language))}: <b>{esc(name)}</b>']
        if indicator:
            picked.append(f'{esc(t("dash_indicator", s.language))}: <b>{esc(indicator)}</b>')
        return (f'<div class="dt-first-paint" lang="{esc(s.language)}">'
                f'{self.chrome.value}{self.title.value}'
                f'<p class="dt-first-paint-selection">{" · ".join(picked)}'
                f'<span class="dt-first-paint-wait" role="status">{esc(t("dash_loading_controls", s.language))}'
                f'</span></p>{self.notice.value}<div class="dt-kpis">{self.cards.value}</div>'
                f'{self.former.value}{self.ahead.value}<div class="dt-chart">{self.chart.value}</div></div>')

    def _view(self) -> dict:
        s = self.selection
        return self.store.view(s.unit_id, s.indicator, s.language)

    def _draw_tab(self, index: int) -> None:
        s = self.selection
        self._stale.discard(index)
        empty = f'<div class="dt-empty">{esc(t("dash_no_indicator", s.language))}</div>'
        if index == CHART:
            if s.indicator is None:
                self.chart.value = empty
            else:
                self.chart.value = self._view()["chart"]  # drawn by the template's plotly.js
        elif index == MAP:
            self.map.value = self.store.map_html(s.indicator, s.language) if s.indicator else empty
        elif index == TABLE:
            self.table.value = self._view()["table"] if s.indicator else empty
        elif index == SOURCES:
            self.sources.value = self._view()["sources"] if s.indicator else empty


def show(page: PageData, query: str = "") -> Dashboard | None:
    """Display the page for the selection in `query` (a deep link), or the error message."""
    if page.error or page.store is None:
        display(w.HTML(CSS + error_html(page.error or "dash_load_error")))
        return None
    try:
        parsed = sel.parse_query(query, page.choices)
        notices = []
        if parsed.rejected:
            notices.append(t("dash_bad_link", parsed.selection.language).format(
                names=", ".join(parsed.rejected)))
        dashboard = Dashboard(page, parsed.selection, notices)
    except Exception:
        log.exception("dashboard: the page could not be built")
        display(w.HTML(CSS + error_html("dash_error")))
        return None
    display({FIRST_PAINT_MIME: dashboard.first_paint_html(), "text/plain": ""}, raw=True)
    display(dashboard.root)
    log.info("page shown for %s", parsed.selection)
    return dashboard
