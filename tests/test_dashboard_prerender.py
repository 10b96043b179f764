"""The pre-rendered page (`dtlib build` → reports/_data/views) and the light kernel that reads it.

The views are rendered from the real reporting layer once (`ensure_views`, shared with the browser
tests); the checks are relations (every allowed selection has its view, views equal what the view
functions draw), never figures pinned to today's data.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from dtlib import paths
from dtlib.dashboard import prerender, views
from dtlib.dashboard.selection import Selection
from dtlib.dashboard.serve import ensure_reporting_layer
from dtlib.dashboard.store import ViewsMissing, ViewStore
from dtlib.i18n import LANGUAGES
from dtlib.layer import read_reporting_layer

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def store() -> ViewStore:
    ensure_reporting_layer()
    return ViewStore(prerender.views_dir())


def test_every_allowed_selection_has_its_view_in_both_languages(store):
    choices = store.choices
    assert choices.default_unit in choices.units
    for unit_id in choices.units:
        for language in LANGUAGES:
            unit = store.unit(unit_id, language)
            assert unit["unit_id"] == unit_id
            assert [code for _, code in unit["indicators"]] == list(choices.indicators_for(unit_id))
            for code in choices.indicators_for(unit_id) or (None,):
                view = store.view(unit_id, code, language)
                assert view["cards"]
                if code is not None:
                    assert view["chart"].startswith('<div class="dt-plot"') and 'data-figure="{' in view["chart"]
                    assert view["table"] and view["sources"]
                    assert store.map_html(code, language)
    assert [u for _, u in store.unit_options("vi")] == list(choices.units)


def same(html: str) -> str:
    """HTML without its .xlsx download, whose bytes hold the time it was made."""
    return re.sub(r'href="data:application/vnd[^"]*"', 'href="data:…"', html)


def test_the_views_are_what_the_view_functions_draw(store):
    from dtlib.dashboard import figures

    bundle = read_reporting_layer()  # the whole layer: cutting it per unit (`unit_bundle`) changes nothing
    for unit_id in (store.choices.default_unit, "P63-74", "P63-70"):
        code = store.choices.indicators_for(unit_id)[0]
        for language in LANGUAGES:
            view = store.view(unit_id, code, language)
            live = views.kpi_cards(bundle, unit_id, language, as_of=date.fromisoformat(store.built),
                                   selected=code, limit=views.KPI_CARD_LIMIT)
            assert view["cards"] == views.kpi_cards_html(live, code, language)
            assert view["former"] == views.former_cards_html(bundle, unit_id, code, language)
            selection = Selection(unit_id, code, language)
            assert same(view["table"]) == same(figures.table_html(bundle, selection))
            assert same(view["sources"]) == same(figures.sources_html(bundle, selection))


def test_a_chart_travels_as_escaped_plotly_json_for_the_template_to_draw(store):
    import html as html_module

    chart = store.view("P63-74", "dti_rank", "vi")["chart"]
    figure = json.loads(html_module.unescape(re.search(r'data-figure="([^"]*)"', chart).group(1)))
    assert figure["data"] and figure["layout"]["title"]["text"]
    assert figure["config"]["displayModeBar"] is False  # its tooltips are English only
    assert "<script" not in chart


def test_no_internal_id_or_path_in_any_view(store):
    bundle = read_reporting_layer()
    ids = [s for s in bundle.sources.index if len(str(s)) > 4]
    folder = prerender.views_dir()
    for path in [*folder.glob("units/*.json"), *folder.glob("maps/*.html")]:
        text = path.read_text(encoding="utf-8")
        for needle in ("seeds/", "data/observations", "definition_history", "Traceback"):
            assert needle not in text, (path.name, needle)
        leaked = [s for s in ids if f'"{s}"' in text or f">{s}<" in text]
        assert not leaked, (path.name, leaked[:3])


def test_views_are_rebuilt_only_when_the_layer_or_the_rendering_code_changes(tmp_path):
    layer = tmp_path / "_data"
    layer.mkdir()
    (layer / "manifest.json").write_text("{}")
    first = prerender.fingerprint(layer)
    assert prerender.fingerprint(layer) == first
    (layer / "manifest.json").write_text('{"n": 1}')
    assert prerender.fingerprint(layer) != first
    ensure_reporting_layer()
    page = prerender.views_dir() / "page.json"
    before = page.stat().st_mtime_ns
    prerender.ensure_views(paths.processed_dir())
    assert page.stat().st_mtime_ns == before
    assert json.loads(page.read_text())["fingerprint"] == prerender.fingerprint(paths.processed_dir())


def test_views_of_another_format_are_refused_and_the_page_says_so(tmp_path, monkeypatch, capsys):
    views_dir = tmp_path / "_data" / "views"
    views_dir.mkdir(parents=True)
    (views_dir / "page.json").write_text(json.dumps({"format": 0}))
    with pytest.raises(ViewsMissing):
        ViewStore(views_dir)
    from dtlib.dashboard import app

    monkeypatch.setenv("DTLIB_REPORTS_DIR", str(tmp_path))
    page = app.prepare()
    assert page.error == "dash_load_error" and app.show(page) is None
    assert "Traceback" not in capsys.readouterr().out


KERNEL = """
import sys, json
import dtlib.dashboard as dashboard
from dtlib.dashboard import selection as sel
page = dashboard.prepare()
assert page.error is None, page.error
board = dashboard.Dashboard(page, sel.default_selection(page.choices))
for unit_id in [*page.choices.units[:12], page.choices.default_unit]:
    board.unit.value = unit_id
for index in range(4):
    board.tabs.selected_index = index
heavy = sorted(m for m in ("pandas", "numpy", "plotly", "geopandas", "pyarrow", "folium") if m in sys.modules)
print(json.dumps({"heavy": heavy, "cards": board.cards.value[:60]}))
"""


def test_a_visitors_kernel_draws_the_page_without_pandas_plotly_or_geopandas(store):
    env = {**os.environ, "PYTHONPATH": str(paths.PROJECT_ROOT)}
    done = subprocess.run([sys.executable, "-c", KERNEL], capture_output=True, text=True, env=env,
                          cwd=Path(paths.PROJECT_ROOT), timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["heavy"] == []
    assert "dt-card" in result["cards"]
