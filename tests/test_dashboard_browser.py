"""The leadership page as a director sees it: today's unit first, status at a glance, no internals.

One hardened Voila server (repo `voila.json`) and Debian chromium. Expected texts come from the
reporting layer through the view-model or from `dtlib.i18n`, never pinned figures of the real data.
"""

from __future__ import annotations

import re

import pytest
from dashboard_support import ARTIFACTS, wait_until_interactive

from dtlib.dashboard.serve import LocalServer
from dtlib.i18n import LABELS, t

pytestmark = [pytest.mark.slow, pytest.mark.browser]
UI_TIMEOUT_MS = 120_000

INTERNALS = (r"\bseed-\d{3}\b", r"seeds/", r"definition_history", r"\.txt\b", r"mirror", r"\bP(63|34)-\d\d\b",
             r"\bD-\d{3}\b", r"source_id", r"\bsrc-", r"/work/", r"Traceback", r"dti-portal-\d{4}")
"""What must never be on a page: source ids, seed file paths, catalog field names, mirror notes, unit ids."""


@pytest.fixture(scope="module")
def server():
    with LocalServer(ARTIFACTS / "voila_browser.log") as srv:
        yield srv


@pytest.fixture(scope="module")
def layer():
    from dtlib.dashboard import views
    from dtlib.layer import read_reporting_layer

    bundle = read_reporting_layer()
    return bundle, views.build_choices(bundle)


def option_label(layer, unit_id: str, language: str = "vi") -> str:
    from dtlib.dashboard import views

    bundle, choices = layer
    return dict((u, label) for label, u in views.unit_options(bundle, choices, language))[unit_id]


def open_page(chromium, url: str, **context):
    from playwright.sync_api import expect

    page = chromium.new_context(viewport={"width": 1300, "height": 1000}, **context).new_page()
    page.goto(url, wait_until="commit", timeout=UI_TIMEOUT_MS)
    wait_until_interactive(page, UI_TIMEOUT_MS)
    expect(page.locator(".dt-title")).to_be_visible(timeout=UI_TIMEOUT_MS)
    return page


def test_the_page_opens_on_a_34_unit_unit_and_switches_to_a_former_area_and_back(server, chromium, layer):
    from playwright.sync_api import expect

    from dtlib.dashboard import views

    bundle, choices = layer
    page = open_page(chromium, server.url)
    unit = page.locator(".dt-unit select")
    expect(page.locator(".dt-former")).to_contain_text("Bình Dương", timeout=UI_TIMEOUT_MS)
    checked = unit.evaluate("s => s.options[s.selectedIndex].textContent").replace("\xa0", " ")
    assert checked == option_label(layer, "P34-79")
    # Grouped: the 34 units, each with its former areas indented beneath it.
    # ipywidgets writes option labels with no-break spaces.
    labels = [x.replace("\xa0", " ") for x in unit.evaluate("s => [...s.options].map(o => o.textContent)")]
    hcm = labels.index(option_label(layer, "P34-79"))
    assert labels[hcm + 1] == option_label(layer, "P63-74") and labels[hcm + 1].strip().startswith("└")
    assert sum(1 for label in labels if not label.startswith("\u2003")) >= 34
    # TP. Hồ Chí Minh shows its former areas' figures side by side.
    former = views.former_cards(bundle, "P34-79", choices.indicators_for("P34-79")[0], "vi")
    expect(page.locator(".dt-former .dt-card-value").first).to_have_text(former[0].value_text)
    page.screenshot(path=str(ARTIFACTS / "dashboard_default.png"), full_page=True)

    unit.select_option(index=choices.units.index("P63-74"))
    selected = page.locator(".dt-card.dt-selected .dt-card-value")
    card = next(c for c in views.kpi_cards(bundle, "P63-74", "vi") if c.indicator == former[0].indicator)
    expect(selected).to_have_text(card.value_text, timeout=UI_TIMEOUT_MS)
    expect(page.locator(".dt-notice")).to_contain_text("TP. Hồ Chí Minh")  # now part of …
    expect(page.locator(".dt-former .dt-card")).to_have_count(0)

    unit.select_option(index=choices.units.index("P34-79"))
    expect(page.locator(".dt-former")).to_contain_text("Bình Dương", timeout=UI_TIMEOUT_MS)
    page.close()


def test_status_has_colour_and_words_and_the_keyboard_drives_selectors_and_tabs(server, chromium, layer):
    from playwright.sync_api import expect

    from dtlib.dashboard import views

    bundle, _ = layer
    page = open_page(chromium, server.url + "?unit=74&indicator=ho_so_truc_tuyen_ty_le")
    code, label = views.verdicts(bundle, "P63-74", "vi")["ho_so_truc_tuyen_ty_le"]
    badge = page.locator(f".dt-card.dt-selected .dt-status[data-status='{code}']")
    expect(badge).to_contain_text(label, timeout=UI_TIMEOUT_MS)
    colour = badge.evaluate("e => getComputedStyle(e).backgroundColor")
    grey = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert colour not in (grey, "rgba(0, 0, 0, 0)"), colour
    # Keyboard: the unit list and the tabs.
    before = page.locator(".dt-card.dt-selected").get_attribute("data-unit")
    page.locator(".dt-unit select").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator(".dt-card.dt-selected, .dt-kpis .dt-empty").first).not_to_have_attribute(
        "data-unit", before, timeout=UI_TIMEOUT_MS)
    page.locator(".dt-tabs .lm-TabBar-tab").first.focus()
    page.keyboard.press("ArrowRight")
    page.keyboard.press("Enter")
    expect(page.locator(".dt-tabs .lm-TabBar-tab").nth(1)).to_have_class(re.compile("lm-mod-current"),
                                                                       timeout=UI_TIMEOUT_MS)
    page.close()


def test_the_map_tab_shows_the_selected_non_dti_indicator(server, chromium, layer):
    from playwright.sync_api import expect

    bundle, _ = layer
    name = bundle.catalog["ho_so_truc_tuyen_ty_le"].name("vi")
    page = open_page(chromium, server.url + "?unit=74&indicator=ho_so_truc_tuyen_ty_le")
    page.locator(".dt-tabs .lm-TabBar-tab").nth(1).click()
    heading = page.locator(".dt-map .dt-map-heading, .dt-map .dt-no-map").first
    expect(heading).to_be_visible(timeout=UI_TIMEOUT_MS)
    text = heading.inner_text()
    assert "DTI" not in text and (name in text or t("dash_map_none", "vi", n=0).split(":")[0] in text)
    if name in text:  # an SVG choropleth, the selected unit (Bình Dương, 74) outlined by the page's style
        expect(page.locator(".dt-map svg path[data-code]").first).to_be_attached(timeout=UI_TIMEOUT_MS)
        outline = page.locator('.dt-map .dt-outline[data-code="74"]')
        assert outline.evaluate("e => getComputedStyle(e).display") != "none"
        other = page.locator('.dt-map .dt-outline[data-code="70"]')
        assert other.evaluate("e => getComputedStyle(e).display") == "none"
    page.screenshot(path=str(ARTIFACTS / "dashboard_map_indicator.png"), full_page=True)
    page.close()


WITHOUT_CITATIONS = """() => { const copy = document.body.cloneNode(true);
  copy.querySelectorAll('.dt-citations').forEach(e => e.remove()); return copy.textContent; }"""


def _page_text_of_every_tab(page) -> tuple[str, str]:
    """(all text, text without the citations) of the page with its Table and Sources tabs opened."""
    from playwright.sync_api import expect

    expect(page.locator(".dt-card, .dt-former").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    texts, prose = [page.locator("body").inner_text()], []
    for index in (2, 3):
        page.locator(".dt-tabs .lm-TabBar-tab").nth(index).click()
        expect(page.locator(".dt-table-w, .dt-sources").nth(index - 2)).not_to_be_empty(timeout=UI_TIMEOUT_MS)
        texts.append(page.locator("body").inner_text())
        prose.append(page.evaluate(WITHOUT_CITATIONS))
    return "\n".join(texts), "\n".join(prose).replace("\xa0", " ")


def _foreign_phrases(language: str) -> set[str]:
    other = "en" if language == "vi" else "vi"
    return {v[other] for k, v in LABELS.items() if set(v) == {"vi", "en"} and v["vi"] != v["en"]
            and len(v[other].split()) >= 2 and "{" not in v[other] and k.startswith(("dash_", "reform"))}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_other_language_and_no_internal_ids_or_paths_on_the_page(server, chromium, language):
    body = prose = ""
    for link in ("", "?unit=74&indicator=ho_so_truc_tuyen_ty_le", "?unit=70"):
        sep = "&" if link else "?"
        page = open_page(chromium, server.url + link + f"{sep}lang={language}")
        text, words = _page_text_of_every_tab(page)
        body, prose = body + text, prose + words
        page.close()
    for pattern in INTERNALS:
        assert not re.search(pattern, body), pattern
    leaked = sorted(p for p in _foreign_phrases(language) if p in prose)  # citations may be in either language
    assert not leaked, leaked
    if language == "vi":  # English words that were on the vi page before (definitions, notes, badges)
        for word in ("Rank of the province", "Definition", "Source:", "Progress", "sample data", "via a"):
            assert word not in body, word
    dates = re.findall(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{2}/\d{2}/\d{4}\b", body)
    wrong = [body[max(0, m.start() - 60):m.end()] for m in re.finditer(
        r"\b\d{4}-\d{2}-\d{2}\b" if language == "vi" else r"\b\d{2}/\d{2}/\d{4}\b", body)]
    assert dates and not wrong, wrong  # one date format per language


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_default_view_has_no_serious_or_critical_accessibility_violations(server, chromium, language):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    page = open_page(chromium, server.url + f"?lang={language}")
    expect(page.locator(".dt-kpis, .dt-former").first).to_be_visible(timeout=UI_TIMEOUT_MS)
    results = Axe().run(page, context={"include": [[".dt-root"]]})
    bad = [(v["id"], v["impact"], len(v["nodes"])) for v in results.response["violations"]
           if v["impact"] in ("serious", "critical")]
    (ARTIFACTS / f"axe_{language}.txt").write_text(results.generate_report(), encoding="utf-8")
    page.close()
    assert not bad, bad


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_figures_are_readable_before_the_pages_javascript_has_loaded(server, chromium, layer, language):
    """The first paint (dtlib template + `Dashboard.first_paint_html`) needs no widget JavaScript."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import expect

    from dtlib.dashboard import views

    bundle, _ = layer
    card = views.kpi_cards(bundle, "P63-74", language, selected="ho_so_truc_tuyen_ty_le", limit=1)[0]
    context = chromium.new_context(viewport={"width": 1300, "height": 1000})
    context.route("**/voila.js*", lambda route: route.abort())  # Voila's front end never arrives
    page = context.new_page()
    page.goto(server.url + f"?unit=74&indicator=ho_so_truc_tuyen_ty_le&lang={language}", wait_until="commit")
    first = page.locator("#dt-first-paint")
    expect(first.locator(".dt-card.dt-selected .dt-card-value")).to_have_text(card.value_text,
                                                                              timeout=UI_TIMEOUT_MS)
    expect(first.locator(".dt-chart .js-plotly-plot")).to_be_attached(timeout=UI_TIMEOUT_MS)
    expect(first.locator("[role=status]")).to_have_text(t("dash_loading_controls", language))
    assert page.locator("#loading").count() == 0  # Voila's spinner ("Executing 1 of 2") is gone
    assert page.locator(".dt-root").count() == 0 and page.locator("body.dt-interactive").count() == 0
    text = first.inner_text()
    assert bundle.catalog["ho_so_truc_tuyen_ty_le"].name(language) in text
    for pattern in INTERNALS:
        assert not re.search(pattern, text), pattern
    assert not sorted(p for p in _foreign_phrases(language) if p in text)
    results = Axe().run(page, context={"include": [["#dt-first-paint"]]})
    bad = [(v["id"], v["impact"]) for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    page.screenshot(path=str(ARTIFACTS / f"dashboard_first_paint_{language}.png"), full_page=True)
    context.close()
    assert not bad, bad


def test_the_widgets_replace_the_first_paint_so_each_figure_is_on_the_page_once(server, chromium):
    page = open_page(chromium, server.url + "?unit=74")
    assert page.locator("#dt-first-paint").count() == 0
    assert page.locator(".dt-card.dt-selected").count() == 1
    assert page.locator(".dt-root .dt-chart .js-plotly-plot").count() >= 1
    page.close()
