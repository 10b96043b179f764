"""Reports: parameter validation, report content, papermill batches, offline HTML, atomic outputs.

Runs on the SYNTHETIC fixture (tests/fixtures/report_data) so that the expected figures are
known; `test_real_data_reports` runs the same notebook on the real data/ folder.
"""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from _report_data import ROOT, make_data_dir

from dtlib import cli
from dtlib.reporting import runner
from dtlib.reporting.context import build_context, view_date
from dtlib.reporting.glue import read_scraps
from dtlib.reporting.html import to_html
from dtlib.reporting.params import ParameterError, ReportParams, validate_params
from dtlib.reporting.runner import ReportJob, run_batch, summarize

REMOTE_SCRIPT = re.compile(r"<script[^>]*src=[\"']?http", re.I)
REMOTE_LINK = re.compile(r"<link[^>]*href=[\"']?http", re.I)



@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """DTLIB_DATA_DIR → fixture data, DTLIB_REPORTS_DIR → a temporary reports folder."""
    base = tmp_path_factory.mktemp("reporting")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(make_data_dir(base)))
        mp.setenv("DTLIB_REPORTS_DIR", str(base / "reports"))
        yield base


LATEST = {"P63-74": date(2024, 6, 30)}


# -- parameters ----------------------------------------------------------------------------

def test_params_resolve_any_spelling_and_latest_quarter(env):
    assert validate_params("Bình Dương", "", "vi", latest_quarter=LATEST) == ReportParams("P63-74", "2024Q2", "vi")
    assert validate_params("BD", "Quý I/2024", "en").quarter == "2024Q1"
    assert validate_params("P63-74", "2024Q2").as_papermill() == {
        "unit": "P63-74", "quarter": "2024Q2", "language": "vi"}


@pytest.mark.parametrize(("unit", "quarter", "language", "message"), [
    ("Binh Duongg", "2024Q2", "vi", "did you mean Bình Dương (74"),
    ("74", "2024Q2", "fr", "language 'fr' is not supported"),
    ("74", "2024", "vi", "is a year, not a quarter"),
    ("74", "Q5/2024", "vi", "is not a quarter; write e.g. 2024Q2"),
    ("74", "2025Q4", "vi", "Bình Dương không còn tồn tại từ 01/07/2025; nay thuộc TP. Hồ Chí Minh (P34-79): "
                           "dtlib report --unit P34-79 --quarter 2025Q4"),
    ("Bình Dương", "2025Q4", "en", "Binh Duong no longer exists from 2025-07-01; it is now part of "
                                   "Ho Chi Minh (P34-79): dtlib report --unit P34-79 --quarter 2025Q4"),
    ("P34-79", "2024Q4", "vi", "chỉ tồn tại từ 01/07/2025; trong 2024Q4 là các đơn vị Bình Dương (P63-74)"),
    ("P34-75", "2024Q4", "vi", "dtlib report --unit P63-70 --unit P63-75 --quarter 2024Q4"),
    ("", "2024Q2", "vi", "unit is empty"),
    ("70", "", "vi", "chưa có số liệu thực tế trong data/"),
    ("70", "", "en", "has no actual figures in data/"),
    (74, "2024Q2", "vi", "unit must be a string, got int"),
    ("74", 2024, "vi", "quarter must be a string"),
])
def test_params_errors_say_what_to_do(env, unit, quarter, language, message):
    with pytest.raises(ParameterError, match=re.escape(message)):
        validate_params(unit, quarter, language, latest_quarter=LATEST)


def test_params_ambiguous_code_picks_the_unit_with_data(env):
    latest = {"P63-48": date(2022, 12, 31)}
    assert validate_params("48", "", latest_quarter=latest).unit_id == "P63-48"
    assert validate_params("48", "2025Q4").unit_id == "P34-48"  # the date decides
    with pytest.raises(ParameterError, match="matches several units"):
        validate_params("48", "", latest_quarter={})


def test_params_code_of_both_generations_with_data(env):
    latest = {"P63-79": date(2022, 12, 31), "P34-79": date(2025, 9, 30)}
    assert validate_params("79", "", latest_quarter=latest).unit_id == "P34-79"  # today's unit
    assert validate_params("79", "", latest_quarter=latest, on=date(2024, 1, 1)).unit_id == "P63-79"
    assert validate_params("79", "2022Q4", latest_quarter=latest).unit_id == "P63-79"  # the quarter decides


def test_params_report_every_problem_at_once(env):
    with pytest.raises(ParameterError) as info:
        validate_params("Binh Duongg", "2024", "fr")
    assert len(info.value.problems) == 3


# -- content (no kernel) -------------------------------------------------------------------

def test_context_selects_the_quarter_and_cites_every_source(env):
    ctx = build_context("74", "", "vi")
    assert ctx.params.quarter == "2024Q2"
    assert set(ctx.table["indicator"]) == {"ho_so_truc_tuyen_ty_le", "doanh_nghiep_cntt", "dti_rank"}
    assert ctx.table.set_index("indicator").loc["ho_so_truc_tuyen_ty_le", "value_text"] == "86,3 %"
    assert set(ctx.cited_source_ids()) == {"fx-news-a", "fx-news-b", "fx-dti", "fx-plan"}
    assert ctx.synthetic_datasets == ["fixture_reports"]
    assert len(ctx.unparsed) == 1 and len(ctx.conflicts) == 2
    earlier = build_context("74", "2023Q4", "vi")
    assert earlier.table.set_index("indicator").loc["ho_so_truc_tuyen_ty_le", "value_text"] == "80,1 %"
    assert earlier.conflicts.empty and earlier.unparsed.empty  # both are dated after 2023Q4


def test_html_template_inlines_plotly_once_and_drops_code_and_stderr(env):
    kernelspec = {"name": "dtlib", "language": "python", "display_name": "dtlib"}
    nb = nbformat.v4.new_notebook(metadata={"kernelspec": kernelspec})
    cell = nbformat.v4.new_code_cell("SECRET_CODE = 1")
    cell.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: noise"),
        nbformat.v4.new_output("display_data", data={
            "application/vnd.plotly.v1+json": {"data": [{"type": "scatter", "y": [1, 2]}], "layout": {}}}),
        nbformat.v4.new_output("display_data", data={
            "application/scrapbook.scrap.json+json": {"name": "x", "data": 1}}),
    ]
    nb.cells = [nbformat.v4.new_markdown_cell("template notes", metadata={"tags": ["remove_cell"]}), cell]
    page = to_html(nb, "Tiêu đề")
    assert "SECRET_CODE" not in page and "noise" not in page and "template notes" not in page
    assert page.count("Plotly.newPlot(") == 1
    assert page.count("plotly.js v") <= 2  # the one inlined bundle (its banner), not per chart
    assert not REMOTE_SCRIPT.search(page) and not REMOTE_LINK.search(page)
    assert "<title>Tiêu đề</title>" in page


def test_cli_exits_non_zero_when_a_report_fails(env, capsys):
    assert cli.main(["report", "--unit", "Binh Duongg", "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert "FAILED" in out and "0 report(s) written, 1 failed" in out


# -- papermill runs (slow) -----------------------------------------------------------------

@pytest.fixture(scope="module")
def batch(env):
    jobs = [ReportJob("74"), ReportJob("Bình Phước"), ReportJob("Binh Duongg"),
            ReportJob("74", "2024Q2", "en"), ReportJob("BD", "Quý II/2024")]  # the last = the first
    return run_batch(jobs, workers=2, progress=False)


def page(result) -> str:
    return (result.folder / "report.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_batch_runs_valid_reports_and_reports_the_invalid_one(batch):
    assert [r.ok for r in batch] == [True, True, False, True]  # the duplicate ran once
    assert "Binh Duongg" in batch[2].error
    text = summarize(batch)
    assert "3 report(s) written, 1 failed" in text


@pytest.mark.slow
def test_reports_are_written_per_unit_and_quarter(batch, env):
    reports = env / "reports"
    assert batch[0].folder == reports / "binh-duong" / "2024Q2"
    assert batch[1].folder == reports / "binh-phuoc" / "2024Q4"
    assert batch[3].folder == reports / "binh-duong" / "2024Q2-en"
    for result in (batch[0], batch[1]):
        assert sorted(p.name for p in result.folder.iterdir()) == ["report.html", "report.ipynb"]
    assert not list(reports.rglob("*.partial"))


@pytest.mark.slow
def test_html_is_offline_without_code_and_shows_vi_figures(batch):
    bd, bp = page(batch[0]), page(batch[1])
    for text in (bd, bp):
        assert not REMOTE_SCRIPT.search(text) and not REMOTE_LINK.search(text)
        assert "from dtlib.reporting import" not in text and "sections.dti_map(ctx)" not in text
        assert 'data-mime-type="application/vnd.jupyter.stderr"' not in text
        assert text.count("Plotly.newPlot(") >= 2
        assert text.count("plotly.js (basic - minified)") == 1  # one partial bundle per page
        assert "CC BY-SA 4.0" in text
        assert "giả lập" in text  # synthetic data visibly marked
    assert "86,3 %" in bd and "1.586" in bd and "Quý II/2024" in bd
    assert "Hồ Chí Minh" in bd  # what the reform did to Bình Dương
    assert "1.3521 trên tổng số 1.886" in bd  # the unparsed figure is listed, not used
    assert bd.index("Chỉ tiêu chính") < bd.index("Chỉ tiêu theo trụ cột") < bd.index("Nguồn số liệu")
    assert "78,9 %" in bp and "Quý IV/2024" in bp and "Đồng Nai" in bp


@pytest.mark.slow
def test_maps_are_static_svg_and_the_page_is_light(batch):
    text = page(batch[0])
    assert "<iframe" not in text and "leaflet" not in text.lower()
    assert text.count('<figure class="dt-map">') >= 2  # the DTI map and the district map
    assert len(text.encode("utf-8")) <= 2 * 1024 * 1024  # ≤ 2 MB, plotly.js included


@pytest.mark.slow
def test_english_report(batch):
    text = page(batch[3])
    assert "86.3 %" in text and "Digital transformation report" in text


@pytest.mark.slow
def test_notebook_keeps_parameters_and_glued_values(batch):
    nb = nbformat.read(batch[0].folder / "report.ipynb", as_version=4)
    assert nb.metadata.papermill.parameters == {"unit": "P63-74", "quarter": "2024Q2", "language": "vi"}
    scraps = read_scraps(batch[0].folder / "report.ipynb")["report"]
    assert scraps["unit_id"] == "P63-74" and "fx-dti" in scraps["sources"]
    status = {i["indicator"]: i["status"] for i in scraps["indicators"]}
    assert status["dti_rank"] is None and status["ho_so_truc_tuyen_ty_le"] in {
        "met", "on_track", "fair", "limited", "deterioration", "insufficient_data"}
    json.dumps(scraps)


@pytest.fixture
def failing_notebook(tmp_path) -> Path:
    """The report notebook with a cell that fails for Bình Phước only."""
    nb = nbformat.read(ROOT / "notebooks" / "report.ipynb", as_version=4)
    nb.cells.insert(4, nbformat.v4.new_code_cell('assert unit != "P63-70", "boom for Bình Phước"'))
    path = tmp_path / "failing.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_a_failing_report_stops_nothing_and_leaves_no_partial_output(env, failing_notebook, tmp_path):
    reports = tmp_path / "reports"
    old = reports / "binh-phuoc" / "2024Q4"
    old.mkdir(parents=True)
    (old / "report.html").write_text("previous report", encoding="utf-8")
    results = run_batch([ReportJob("70"), ReportJob("74")], workers=2, progress=False,
                        notebook=failing_notebook, reports_dir=reports)
    assert [r.ok for r in results] == [False, True]
    assert "AssertionError: boom for Bình Phước" in results[0].error
    assert (old / "report.html").read_text(encoding="utf-8") == "previous report"  # untouched
    assert sorted(p.name for p in old.iterdir()) == ["report.html"]
    assert not [p for p in reports.rglob("*") if p.name.startswith(".")]  # no staging leftovers
    assert (reports / "binh-duong" / "2024Q2" / "report.html").exists()


@pytest.mark.slow
@pytest.mark.skipif(not (ROOT / "data" / "datasets.yaml").exists(), reason="real data not in data/ yet")
def test_real_data_reports(tmp_path, monkeypatch):
    """Both provinces on the real, cited data: DTI 2022 ranks of the reference table."""
    monkeypatch.delenv("DTLIB_DATA_DIR", raising=False)
    results = run_batch([ReportJob("74"), ReportJob("70")], workers=2, progress=False,
                        reports_dir=tmp_path)
    assert all(r.ok for r in results), summarize(results)
    bd, bp = page(results[0]), page(results[1])
    for text in (bd, bp):
        assert not REMOTE_SCRIPT.search(text) and not REMOTE_LINK.search(text)
        assert "CC BY-SA 4.0" in text
        real_part, records_part = text.split("Bộ chỉ số 766 tính từ dữ liệu hồ sơ", 1)
        assert "giả lập" not in real_part            # cited figures are never marked synthetic
        assert "DỮ LIỆU GIẢ LẬP" in records_part     # the records sample always is
    # relations, not pinned values: the table shows the rank with the latest period, with its group
    from dtlib.analysis import load_framework
    from dtlib.data.datasets import load_bundle
    from dtlib.reporting.rank_sections import change_text, complete_components, rank_history_rows
    from dtlib.tables import format_rank

    bundle = load_bundle()
    dti_row = re.compile(r'<th scope="row">Xếp hạng[^<]*\(DTI\)</th><td class="num">([^<]+)<a[^>]*>\[\d+\]</a></td>\s*'
                         r'<td>(\d{4})</td>')
    for text, result in ((bd, results[0]), (bp, results[1])):
        # the report shows what was known when it was due (dtlib.reporting.context.view_date)
        known = bundle.known_at(view_date(result.params)).actuals
        ranks = known[(known["indicator"] == "dti_rank") & (known["ref_date"] <= pd.Timestamp(result.params.as_of))]
        latest = ranks[ranks["unit_id"] == result.params.unit_id].sort_values(["ref_date", "source_id"],
                                                                            ascending=[False, True]).iloc[0]
        assert dti_row.search(text).groups() == (format_rank(latest["value"], latest["group_size"], "vi"),
                                                 str(latest["period"]))
    assert "Hồ Chí Minh" in bd and "Đồng Nai" in bp
    assert runner.page_title(results[0].params).startswith("Bình Dương")
    # the analysis sections (dtlib.reporting.analysis_sections) on Bình Dương's real figures
    for heading in ("Theo trụ cột", "Dự báo", "Xếp hạng", "Chỉ tiêu chưa đủ dữ liệu để dự báo"):
        assert f"<h2>{heading}</h2>" in bd or f"<h3>{heading}</h3>" in bd, heading
    assert '<th scope="col">Đánh giá tiến độ</th>' in bd and '<th scope="col">Phương pháp</th>' in bd
    assert "Không đủ dữ liệu" in bd and re.search(r"Đã đạt mục tiêu|Đúng tiến độ|Tiến bộ hạn chế", bd)
    ctx = build_context("74", results[0].params.quarter, "vi", bundle=bundle)
    year, complete = complete_components(ctx.dti_components, load_framework())
    assert f"Xếp hạng DTI {year} và khoảng hạng" in bd
    if "P63-74" not in set(complete["unit_id"]):
        assert f"Các chỉ số thành phần DTI {year} của Bình Dương không được công bố" in bd
    history = rank_history_rows(ctx.rank_history)
    assert change_text(history["change"].iloc[-1], "vi") in bd  # the latest year's change, as computed


@pytest.mark.slow
@pytest.mark.browser
def test_html_renders_offline_in_chromium(batch):
    """Open the report with every network request blocked: charts and map polygons draw."""
    from dashboard_support import launch_chromium
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []
    errors: list[str] = []

    def route(request_route):
        url = request_route.request.url
        if url.startswith(("file:", "data:", "about:")):
            request_route.continue_()
        else:
            blocked.append(url)
            request_route.abort()

    with sync_playwright() as p:
        browser = launch_chromium(p)
        try:
            tab = browser.new_page()
            tab.on("pageerror", lambda exc: errors.append(str(exc)))
            tab.route("**/*", route)
            tab.goto((batch[0].folder / "report.html").as_uri(), wait_until="load")
            tab.wait_for_selector(".js-plotly-plot .main-svg", timeout=30_000)
            shapes = tab.locator(".dt-map svg path").count()
            plots = tab.locator(".js-plotly-plot").count()
        finally:
            browser.close()
    assert blocked == [] and errors == []
    assert plots >= 3  # two trend charts and the rank history
    assert shapes >= 63 + 9  # 63 provinces (+ highlight) and 9 districts


def test_missing_kernel_says_how_to_register_it(env, tmp_path, monkeypatch):
    monkeypatch.setattr(runner, "KERNEL_NAME", "dtlib-no-such-kernel")
    with pytest.raises(runner.ReportError, match="ipykernel install --sys-prefix --name dtlib-no-such-kernel"):
        runner.run_report(ReportParams("P63-74", "2024Q2", "vi"), reports_dir=tmp_path)
    assert list(tmp_path.rglob("*")) == [tmp_path / "binh-duong"]  # no report, no staging folder


@pytest.mark.slow
@pytest.mark.timeout(600)
def test_a_pool_batch_after_an_in_process_batch_runs(env, tmp_path):
    """A one-worker batch runs on a warm kernel in this process; a later pool must not inherit
    its zmq state (forked workers hung: the pool uses spawn)."""
    first = run_batch([ReportJob("74", "2024Q1")], workers=1, progress=False, reports_dir=tmp_path / "a")
    second = run_batch([ReportJob("74", "2024Q1"), ReportJob("70", "2024Q1")], workers=2, progress=False,
                       reports_dir=tmp_path / "b")
    assert [r.ok for r in first + second] == [True, True, True], summarize(first + second)
