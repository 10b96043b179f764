"""Rendered reports as a reader gets them: language, ids, PDF text, accessibility, first screen.

Runs the report notebook (papermill) on the SYNTHETIC fixture in vi and en, prints the vi report
to PDF, and (browser tests) runs axe-core in Debian chromium. Screenshots of the first screen go to
`test-artifacts/` (or $DTLIB_TEST_ARTIFACTS).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from _report_data import ROOT, make_data_dir
from report_language import foreign_words, visible_text

from dtlib.reporting.pdf import ChromiumMissingError, find_chromium, print_pdf
from dtlib.reporting.runner import ReportJob, run_batch, summarize

ARTIFACTS = Path(os.environ.get("DTLIB_TEST_ARTIFACTS", ROOT / "test-artifacts"))
ID_OR_PATH = re.compile(r"\b(?:seed-\d{3}|fx-[a-z-]+|P63-\d\d|P34-\d\d|D-\d{3})\b|"
                        r"(?:tests|data|seeds)/[\w./-]+|\.(?:csv|txt|yaml)\b")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    base = tmp_path_factory.mktemp("report_pages")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(make_data_dir(base)))
        mp.setenv("DTLIB_REPORTS_DIR", str(base / "reports"))
        results = run_batch([ReportJob("74", "2024Q2", "vi", pdf=True), ReportJob("74", "2024Q2", "en")],
                            workers=2, progress=False)
        assert all(r.ok for r in results), summarize(results)
        yield {r.params.language: r.folder for r in results}


def html(folder: Path) -> str:
    return (folder / "report.html").read_text(encoding="utf-8")


def names(language: str) -> set[str]:
    """Proper names a report may print in either language (units)."""
    from dtlib.data.units import registry

    units = registry().units.values()
    return {u.name_vi for u in units} | {u.full_name_vi for u in units} | {u.name_ascii for u in units}


@pytest.mark.slow
@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_word_of_the_other_language_outside_names_and_citations(rendered, language):
    page = html(rendered[language])
    assert foreign_words(page, language, names(language)) == []
    # the check can fail: the other report is full of hits
    other = html(rendered["en" if language == "vi" else "vi"])
    assert len(foreign_words(other, language, names(language))) > 20


@pytest.mark.slow
@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_internal_ids_or_file_paths_on_the_page(rendered, language):
    text = visible_text(html(rendered[language]))
    assert ID_OR_PATH.findall(text) == []


@pytest.mark.slow
def test_pdf_beside_the_html_with_the_brief_on_page_one(rendered):
    pdf = rendered["vi"] / "report.pdf"
    assert pdf.exists() and pdf.read_bytes()[:5] == b"%PDF-"
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", str(pdf), "-"],
                           capture_output=True, text=True, check=True).stdout
    for words in ("Báo cáo chuyển đổi số: Tỉnh Bình Dương, Quý II/2024", "Chỉ tiêu chính",
                  "Mới trong quý", "Chậm tiến độ hoặc đến hạn", "Theo trụ cột", "86,3 %"):
        assert words in re.sub(r"[ \t]+", " ", first), words
    rest = subprocess.run(["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    assert "Chỉ tiêu chính" not in rest  # the brief ends on page 1 (page break after it)


def test_chromium_lookup_order_and_a_clear_error(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\nexit 0\n")
    fake.chmod(0o755)
    monkeypatch.setenv("CHROMIUM", str(fake))
    assert find_chromium() == fake
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "missing"))
    with pytest.raises(ChromiumMissingError, match="CHROMIUM=.*is not an executable file"):
        find_chromium()
    monkeypatch.setenv("CHROMIUM", str(fake))  # a chromium that prints nothing
    page = tmp_path / "report.html"
    page.write_text("<p>x</p>", encoding="utf-8")
    with pytest.raises(Exception, match="chromium wrote no PDF for report.html"):
        print_pdf(page)
    assert not (tmp_path / "report.pdf").exists()


def test_cli_pdf_without_chromium_says_how_to_get_it(monkeypatch, capsys, tmp_path):
    from dtlib import cli

    monkeypatch.setenv("CHROMIUM", str(tmp_path / "nowhere"))
    assert cli.main(["report", "--unit", "74", "--pdf", "--no-progress"]) == 1
    assert "CHROMIUM=" in capsys.readouterr().err


@pytest.mark.slow
@pytest.mark.browser
@pytest.mark.parametrize("language", ["vi", "en"])
def test_axe_finds_no_serious_violation_and_first_screen_is_saved(rendered, language):
    from axe_playwright_python.sync_playwright import Axe
    from dashboard_support import launch_chromium
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            tab = browser.new_page(viewport={"width": 1280, "height": 900})
            tab.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:"))
                      else r.abort())
            tab.goto((rendered[language] / "report.html").as_uri(), wait_until="load")
            tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            tab.screenshot(path=str(ARTIFACTS / f"report_first_screen_{language}.png"))
            results = Axe().run(tab, context={"include": [[".dt-report"]]})
            headings = tab.eval_on_selector_all(".dt-report h1, .dt-report h2, .dt-report h3, .dt-report h4",
                                                "els => els.map(e => Number(e.tagName[1]))")
        finally:
            browser.close()
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert bad == [], [(v["id"], v["help"], [n["target"] for n in v["nodes"]]) for v in bad]
    assert headings[0] == 1 and all(b - a <= 1 for a, b in zip(headings, headings[1:], strict=False))


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / "data" / "datasets.yaml").exists(), reason="real data not in data/ yet")
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) missing")
def test_real_reports_print_the_brief_first(tmp_path, monkeypatch):
    """TP. Hồ Chí Minh (34-unit era) and Bình Dương on the real data: page 1 is the brief, ≤ 2 MB."""
    monkeypatch.delenv("DTLIB_DATA_DIR", raising=False)
    results = run_batch([ReportJob("74", "2024Q1", "vi", pdf=True), ReportJob("P34-79", "2025Q3", "vi", pdf=True)],
                        workers=2, progress=False, reports_dir=tmp_path)
    assert all(r.ok for r in results), summarize(results)
    for result, unit in zip(results, ("Tỉnh Bình Dương", "Thành phố Hồ Chí Minh"), strict=True):
        assert (result.folder / "report.html").stat().st_size <= 2 * 1024 * 1024
        first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", str(result.folder / "report.pdf"), "-"],
                               capture_output=True, text=True, check=True).stdout
        first = re.sub(r"\s+", " ", first)
        assert f"Báo cáo chuyển đổi số: {unit}" in first
        assert "Chỉ tiêu chính" in first and "Theo trụ cột" in first
