"""The served page in a real browser, and what a visitor cannot do through it.

One Voila server (the repo's `voila.json`, pre-heated kernels) on a free localhost port serves
every test here. Expected figures come from `data/` (the raw CSV for DTI ranks, the reporting
layer for the rest). No test asserts a duration: timings are in `benchmarks/bench_voila.py`.
"""

from __future__ import annotations

import csv
import json
import re
import urllib.request

import pytest
from dashboard_support import (
    ARTIFACTS,
    KernelSocket,
    fetch_page,
    fetch_session,
    kernel_id_of,
    wait_until_interactive,
)

from dtlib import paths
from dtlib.dashboard.serve import LocalServer

pytestmark = pytest.mark.slow
UI_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    with LocalServer(ARTIFACTS / "voila_e2e.log") as srv:
        yield srv


def get(url: str) -> tuple[int, str]:
    return fetch_page(url)


def latest_dti_rank(code: str) -> str:
    """The latest stated DTI rank of a pre-2025 province straight from data/ (not through dtlib).

    Read over every registered file, so a delivery of a newer DTI edition moves the expectation
    with it; rows filed on the 34-unit geography are another unit and are skipped.
    """
    import yaml

    registry = yaml.safe_load((paths.data_dir() / "datasets.yaml").read_text(encoding="utf-8"))
    ranks: dict[str, str] = {}
    for entry in registry["observations"]:
        default = str(entry.get("geography", "63"))
        with (paths.data_dir() / entry["path"]).open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                if (row["unit"] == code and row["indicator"] == "dti_rank"
                        and row.get("status", "ok") in ("", "ok")
                        and (row.get("geography") or default) == "63"):
                    ranks[row["period"]] = row["value"]
    if not ranks:
        raise AssertionError(f"no DTI rank for {code} in data/")
    return ranks[max(ranks)]


def rank_text(code: str) -> re.Pattern[str]:
    """The card shows the rank, with its group where known and a word before it ('hạng 7/63').

    Playwright runs the pattern as a JavaScript regex, where \\w is ASCII-only: hence \\S+ for 'hạng'.
    """
    return re.compile(rf"^\s*(\S+\s+)?{re.escape(latest_dti_rank(code))}(/\d+)?\s*$")


@pytest.fixture(scope="module")
def expected():
    from dtlib.dashboard import views
    from dtlib.layer import read_reporting_layer

    bundle = read_reporting_layer()

    def card(unit_id: str, indicator: str, language: str) -> str:
        return next(c.value_text for c in views.kpi_cards(bundle, unit_id, language) if c.indicator == indicator)

    return {"bundle": bundle, "card": card, "choices": views.build_choices(bundle)}


# -- in the browser -------------------------------------------------------------------------------
@pytest.mark.browser
def test_switching_unit_indicator_and_language_shows_the_figures_from_data(server, chromium, expected):
    from playwright.sync_api import expect

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page = chromium.new_page(viewport={"width": 1300, "height": 1000})
    page.goto(server.url + "?unit=74", wait_until="domcontentloaded")
    wait_until_interactive(page, UI_TIMEOUT_MS)
    selected = page.locator(".dt-card.dt-selected .dt-card-value")
    expect(selected).to_have_text(rank_text("74"), timeout=UI_TIMEOUT_MS)
    expect(page.locator(".dt-chart .js-plotly-plot").first).to_be_attached(timeout=UI_TIMEOUT_MS)
    expect(page.locator(".dt-notice")).to_contain_text("Bình Dương")

    page.locator(".dt-unit select").select_option(index=expected["choices"].units.index("P63-70"))
    expect(selected).to_have_text(rank_text("70"), timeout=UI_TIMEOUT_MS)
    expect(page.locator(".dt-notice")).to_contain_text("Bình Phước")

    indicator = "ho_so_truc_tuyen_ty_le"
    name_vi = expected["bundle"].catalog[indicator].name("vi")
    page.locator(".dt-indicator select").select_option(label=name_vi)
    vi_value = expected["card"]("P63-70", indicator, "vi")
    expect(selected).to_have_text(vi_value, timeout=UI_TIMEOUT_MS)

    page.locator(".dt-lang button", has_text="English").click()
    en_value = expected["card"]("P63-70", indicator, "en")
    expect(selected).to_have_text(en_value, timeout=UI_TIMEOUT_MS)
    assert vi_value != en_value  # 57,6 % vs 57.6 %: the language switch reformats the figure
    expect(page.locator(".dt-title")).to_have_text("Digital transformation: leadership dashboard")
    page.screenshot(path=str(ARTIFACTS / "dashboard_switched.png"), full_page=True)

    page.locator(".dt-tabs .lm-TabBar-tab").nth(1).click()
    expect(page.locator(".dt-map .dt-map-heading, .dt-map .dt-no-map").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    if page.locator(".dt-map svg").count():  # the SVG map, Bình Phước (70) outlined by the page's style
        outline = page.locator('.dt-map .dt-outline[data-code="70"]')
        assert outline.evaluate("e => getComputedStyle(e).display") != "none"
    page.locator(".dt-tabs .lm-TabBar-tab").nth(3).click()
    expect(page.locator(".dt-sources .dt-citations li").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    page.screenshot(path=str(ARTIFACTS / "dashboard_sources.png"), full_page=True)
    page.close()


@pytest.mark.browser
def test_a_deep_link_opens_that_view(server, chromium, expected):
    from playwright.sync_api import expect

    page = chromium.new_page()
    page.goto(server.url + "?unit=70&indicator=ho_so_truc_tuyen_ty_le&lang=en", wait_until="domcontentloaded")
    wait_until_interactive(page, UI_TIMEOUT_MS)
    selected = page.locator(".dt-card.dt-selected .dt-card-value")
    expect(selected).to_have_text(expected["card"]("P63-70", "ho_so_truc_tuyen_ty_le", "en"),
                                  timeout=UI_TIMEOUT_MS)
    expect(page.locator(".dt-title")).to_have_text("Digital transformation: leadership dashboard")
    expect(page.locator(".dt-notice")).to_contain_text("Binh Phuoc")
    assert page.evaluate("window.dtDashboardComplete") is True  # the template's reload watchdog is off
    page.goto(server.url + "?unit=../../etc/passwd&lang=en", wait_until="domcontentloaded")
    wait_until_interactive(page, UI_TIMEOUT_MS)
    expect(page.locator(".dt-notice")).to_contain_text("invalid parameters (unit)", timeout=UI_TIMEOUT_MS)
    page.close()


# -- the HTML -------------------------------------------------------------------------------------
CODE_MARKERS = ("import dtlib", "dashboard.prepare", "request_query", "dashboard.show", "Traceback",
                "site-packages", "/work/", ".ipynb_checkpoints")


def test_the_page_has_no_code_and_no_traceback(server):
    status, html = get(server.url + "?unit=74&indicator=<script>alert(1)</script>")
    assert status == 200 and "jupyter-config-data" in html
    for marker in CODE_MARKERS:
        assert marker not in html, marker
    assert "cdn.jsdelivr.net" not in html  # the dtlib template drops the lab template's CDN links
    assert "<script>alert(1)</script>" not in html


def test_no_file_template_or_api_is_reachable(server):
    for path in ("voila/files/notebooks/dashboard.ipynb", "voila/files/notebooks/dashboard.py",
                 "voila/files/voila.json", "voila/files/data/sources.csv", "api/contents", "api/sessions",
                 "voila/render/notebooks/dashboard.ipynb", "tree"):
        status, body = get(server.url + path)
        assert status in (403, 404, 302, 405), (path, status)
        assert "import dtlib" not in body
    status, html = get(server.url + "?template=reveal&theme=dark")
    assert status == 200 and "reveal.js" not in html and "theme-dark" not in html
    with urllib.request.urlopen(server.url, timeout=120) as response:
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert "frame-ancestors" in response.headers["Content-Security-Policy"]


# -- the kernel websocket -------------------------------------------------------------------------
@pytest.fixture
def kernel(server):
    status, html, cookie = fetch_session(server.url)  # the page's own session (others are refused)
    assert status == 200
    sock = KernelSocket(server.url, kernel_id_of(html), cookie=cookie)
    yield sock
    sock.close()


def test_execute_request_with_arbitrary_code_does_not_run(kernel, tmp_path):
    target = tmp_path / "pwned"
    kernel.send("shell", "execute_request", {
        "code": f"open({str(target)!r}, 'w').write('visitor ran code')", "silent": False,
        "store_history": False, "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    replies = kernel.sync()
    assert not target.exists()
    types = {m.get("msg_type") for m in replies}
    assert not types & {"execute_reply", "execute_input", "execute_result", "error"}


def _widget_states(kernel: KernelSocket) -> dict[str, dict]:
    comm_id = "probe-control"
    kernel.send("shell", "comm_open", {"comm_id": comm_id, "target_name": "jupyter.widget.control",
                                       "data": {}}, metadata={"version": "1.0.0"})
    kernel.send("shell", "comm_msg", {"comm_id": comm_id, "data": {"method": "request_states"}},
                metadata={"version": "1.0.0"})
    for msg in kernel.sync():
        data = msg.get("content", {}).get("data", {})
        if msg.get("msg_type") == "comm_msg" and data.get("method") == "update_states":
            return data["states"]
    raise AssertionError("no widget states received")


def _model(states: dict, css_class: str) -> str:
    return next(mid for mid, s in states.items() if css_class in s["state"].get("_dom_classes", []))


def _forge(kernel: KernelSocket, model_id: str, state: dict) -> list[dict]:
    kernel.send("shell", "comm_msg", {"comm_id": model_id,
                                      "data": {"method": "update", "state": state, "buffer_paths": []}})
    return kernel.sync()


LEAK_MARKERS = ("Traceback", "TraitError", "RejectedValue", 'File "', "site-packages", "/work/")


def test_forged_widget_state_runs_only_validated_callbacks_and_leaks_no_traceback(kernel):
    states = _widget_states(kernel)
    unit, language = _model(states, "dt-unit"), _model(states, "dt-lang")
    notice = _model(states, "dt-notice")
    traffic = _forge(kernel, unit, {"index": 999}) + _forge(kernel, language, {"index": -5})
    traffic += _forge(kernel, _model(states, "dt-tabs"), {"selected_index": 42})
    text = json.dumps(traffic, ensure_ascii=False)
    for marker in LEAK_MARKERS:
        assert marker not in text, f"{marker!r} reached the browser"
    # A forged but allowed value is just a selection: the callback runs and the page follows it.
    from dtlib.dashboard import views
    from dtlib.layer import read_reporting_layer

    binh_phuoc = views.build_choices(read_reporting_layer()).units.index("P63-70")
    traffic = _forge(kernel, unit, {"index": binh_phuoc})
    updates = [m["content"]["data"]["state"] for m in traffic if m.get("msg_type") == "comm_msg"
               and m["content"]["comm_id"] == notice and m["content"]["data"].get("method") == "update"]
    assert any("Bình Phước" in s.get("value", "") for s in updates)


# -- the reload watchdog of the dtlib template ----------------------------------------------------
STUCK_NOTEBOOK = """\
# %%
print("first cell")

# %%
import time
time.sleep(120)  # stands in for a page Voila never finishes sending (voila #1428)
"""


@pytest.mark.browser
def test_a_page_that_never_finishes_reloads_itself(chromium, tmp_path):
    import jupytext
    from playwright.sync_api import expect

    notebook = jupytext.reads(STUCK_NOTEBOOK, fmt="py:percent")
    notebook.metadata["kernelspec"] = {"name": "dtlib", "language": "python", "display_name": "dtlib"}
    path = tmp_path / "stuck.ipynb"
    jupytext.write(notebook, path)
    extra = ["--VoilaConfiguration.preheat_kernel=False"]
    with LocalServer(ARTIFACTS / "voila_watchdog.log", extra=extra, notebook=path) as server:
        page = chromium.new_page()
        documents = []
        page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else None)
        page.goto(server.url, wait_until="commit")
        # While it waits, Voila's spinner shows without its English text ("Running dashboard...").
        expect(page.locator("#loading")).to_be_visible(timeout=UI_TIMEOUT_MS)
        expect(page.locator("#loading_text")).to_be_hidden()
        page.wait_for_function("sessionStorage.getItem('dtlib-dashboard-reloads') === '1'", timeout=UI_TIMEOUT_MS)
        page.close()
    assert len(documents) >= 2
