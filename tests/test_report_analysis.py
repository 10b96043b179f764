"""The report's analysis sections (dtlib.reporting.analysis_sections and rank_sections).

Pure helpers on hand-written rows, then the sections on the SYNTHETIC report fixture
(tests/fixtures/report_data): Bình Dương's online-dossier rate has 3 figures (2023Q2, 2023Q4,
2024Q2) and its own 90 % target for 2025, so a 2024Q2 report has one forecast fan and a 2023Q4
report (two figures) has none.
"""

from __future__ import annotations

import dataclasses
import re
from types import SimpleNamespace

import pandas as pd
import pytest
from _report_data import make_data_dir

from dtlib.analysis import load_framework, status_table
from dtlib.analysis.progress import METHODS
from dtlib.reporting import analysis_sections as A
from dtlib.reporting import rank_sections as R
from dtlib.reporting import sections
from dtlib.reporting.context import build_context

META = pd.DataFrame({
    "code": ["rate", "firms", "rank"],
    "unit": ["percent", "count", "rank"],
    "direction": ["higher_better", "higher_better", "lower_better"],
})
OBS = pd.DataFrame({
    "unit_id": "U",
    "indicator": ["rate", "rate", "firms", "rank"],
    "ref_date": pd.to_datetime(["2022-12-31", "2023-12-31", "2023-06-30", "2023-12-31"]),
    "value": [60.0, 85.0, 100.0, 4.0],
    "kind": "actual", "status": "ok",
})
TARGETS = pd.DataFrame({"indicator": ["rate"], "value": [80.0], "year": [2025], "scope": ["national"],
                        "comparator": [">="], "source_id": ["plan"], "note": [""]})
TABLE = pd.DataFrame({"indicator": ["rate", "firms", "rank"], "name": ["Rate", "Firms", "Rank"]})

LEAVES = load_framework().leaves
TOP5 = {  # DTI 2022 sub-indices of the top five (dti.gov.vn/xep-hang-2022)
    "P63-48": [1.0000, 0.9000, 0.8253, 0.8487, 0.7578, 0.8575, 0.7836, 0.5197],
    "P63-79": [0.8917, 0.9000, 0.8258, 0.6267, 0.5580, 0.8406, 0.7611, 0.3590],
    "P63-22": [0.9581, 0.9000, 0.7648, 0.6250, 0.5382, 0.8385, 0.5904, 0.4505],
    "P63-46": [0.9500, 0.9000, 0.6823, 0.6794, 0.6423, 0.8262, 0.6787, 0.3001],
    "P63-92": [0.9000, 0.8000, 0.7233, 0.7376, 0.7226, 0.7325, 0.7556, 0.2947],
}


def components(units: dict[str, list[float]], year: int = 2022) -> pd.DataFrame:
    return pd.DataFrame([
        {"unit_id": u, "indicator": i, "value": v, "ref_date": pd.Timestamp(year, 12, 31),
         "source_id": "dti", "synthetic": False, "kind": "actual", "dataset": "d"}
        for u, values in units.items() for i, v in zip(LEAVES, values, strict=True)])



def text(html_obj) -> str:
    """Visible text of an HTML section (tags removed, entities kept)."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html_obj.data))


# -- pure helpers ------------------------------------------------------------------------------

@pytest.mark.parametrize(("lang", "met", "none"), [("vi", "Đã đạt mục tiêu", "Không đủ dữ liệu"),
                                                   ("en", "Target met", "Insufficient data")])
def test_status_merged_into_the_table_with_the_label_of_the_language(lang, met, none):
    status = status_table(OBS, TARGETS, META, lang=lang)
    cells = A.status_rows(TABLE, status, lang).set_index("indicator")
    assert cells.loc["rate", "status_text"] == met and cells.loc["rate", "status_class"] == "good"
    assert cells.loc["rate", "method_code"] == "absolute_pace"
    assert cells.loc["rate", "method_text"] == A.method_text("absolute_pace", lang)  # tooltip
    assert cells.loc["firms", "status_text"] == none and cells.loc["firms", "status_class"] == "none"
    reason = "chỉ có 1 ngày có số liệu, cần ít nhất 2" if lang == "vi" else "only 1 observation date(s)"
    assert reason in cells.loc["firms", "reason"]
    assert cells.loc["rank", "status_text"] == ("không đánh giá" if lang == "vi" else "not assessed")
    assert cells.loc["rank", "method_code"] == ""  # ranks are ordinal: never assessed
    assert "absolute_pace" in A.used_methods(status)


def test_every_method_has_a_description_in_both_languages():
    for method in METHODS:
        assert A.method_text(method, "vi") and A.method_text(method, "en")


@pytest.mark.parametrize(("p", "lang", "expected"), [(0.734, "vi", "73 %"), (0.734, "en", "73 %"),
                                                     (1.0, "vi", "100 %"), (0.0049, "en", "0 %")])
def test_probability_is_a_whole_percentage(p, lang, expected):
    assert A.percent_text(p, lang) == expected


def test_forecast_reason_in_the_report_language():
    row = SimpleNamespace(target_value=80.0, target_year=2025, n_obs=2, reason="2 observation date(s)")
    assert A.forecast_reason(row, "vi").startswith("chỉ có 2 ngày có số liệu, dự báo cần ít nhất 3")
    assert A.forecast_reason(row, "en").startswith("only 2 observation date(s), a forecast needs at least 3")
    no_target = SimpleNamespace(target_value=float("nan"), target_year=float("nan"), n_obs=5, reason="")
    assert A.forecast_reason(no_target, "vi") == "không có mục tiêu để dự báo tới"
    late = SimpleNamespace(target_value=80.0, target_year=2023, n_obs=4,
                           reason="horizon 2023 is not after the latest observation (2024-03-31)")
    assert A.forecast_reason(late, "en") == "the target year 2023 is not after the latest figure"
    odd = SimpleNamespace(target_value=80.0, target_year=2026, n_obs=4, reason="singular matrix")
    assert A.forecast_reason(odd, "vi") == "mô hình không ước lượng được"  # never English in vi


def test_complete_components_keeps_units_with_every_sub_index_of_the_latest_year():
    rows = pd.concat([components(TOP5),
                      components({"P63-74": [0.5] * 8}).iloc[:5],  # partial: left out
                      components({"P63-48": [0.4] * 8, "P63-79": [0.3] * 8}, year=2021)])
    year, kept = R.complete_components(rows, load_framework())
    assert year == 2022 and set(kept["unit_id"]) == set(TOP5)
    assert R.complete_components(rows.iloc[:0], load_framework())[0] is None


def test_rank_interval_table_is_deterministic_and_contains_the_nominal_rank():
    fw = load_framework()
    a = R.rank_interval_table(components(TOP5), fw, n_draws=100)
    b = R.rank_interval_table(components(TOP5), fw, n_draws=100)
    pd.testing.assert_frame_equal(a, b)
    assert a["unit_id"].tolist() == ["P63-48", "P63-79", "P63-22", "P63-46", "P63-92"]
    assert ((a["rank_low"] <= a["rank"]) & (a["rank"] <= a["rank_high"])).all()


def test_rank_history_one_rank_per_year_with_the_change():
    history = pd.DataFrame({
        "unit_id": "U", "indicator": "dti_rank",
        "ref_date": pd.to_datetime(["2020-12-31", "2021-12-31", "2022-12-31", "2022-12-31"]),
        "value": [31.0, 22.0, 19.0, 19.0], "source_id": ["a", "a", "b", "a"]})
    rows = R.rank_history_rows(history)
    assert rows["year"].tolist() == [2020, 2021, 2022]
    assert rows["source_id"].tolist() == ["a", "a", "a"]
    assert [R.change_text(c, "vi") for c in rows["change"]] == ["–", "tăng 9 bậc", "tăng 3 bậc"]
    assert R.change_text(-2, "en") == "down 2" and R.change_text(0, "vi") == "giữ nguyên"


# -- sections on the synthetic report fixture -----------------------------------------------

@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("report_analysis")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(make_data_dir(base)))
        yield base


def test_indicator_table_shows_status_and_method(env):
    vi = text(sections.indicator_table(build_context("74", "2024Q2", "vi")))
    assert "Đánh giá tiến độ" in vi and "Phương pháp" in vi
    assert "Chính quyền số" in vi and "Kinh tế số" in vi  # grouped by pillar
    assert "Đúng tiến độ" in vi or "Có tiến bộ" in vi or "Tiến bộ hạn chế" in vi
    en = text(sections.indicator_table(build_context("74", "2024Q2", "en")))
    assert "Progress status" in en and "Assessment methods" in en


def test_forecast_fan_with_target_and_probability(env):
    ctx = build_context("74", "2024Q2", "vi")
    figures = A.forecast_figures(ctx)
    assert len(figures) == 1
    fig, caption = figures[0]
    caption = text(caption)
    assert re.search(r"Xác suất đạt mục tiêu: \d+ %", caption)
    assert "≥ 90 %" in caption and "năm 2025" in caption and "giả lập" in caption
    notes = [a.text for a in fig.layout.annotations]
    assert any(re.fullmatch(r"Xác suất đạt mục tiêu năm 2025: \d+ %", n) for n in notes)
    assert any(s.type == "line" and s.y0 == 90 for s in fig.layout.shapes)  # the target line
    assert {tr.mode for tr in fig.data if tr.fill == "toself"} == {"lines"}  # two bands, no markers
    observed = [tr for tr in fig.data if tr.name == "Số liệu thực tế"][0]
    assert len(observed.x) == 3  # nothing after the quarter end


def test_insufficient_data_reason_and_as_of_filtering(env):
    ctx = build_context("74", "2023Q4", "vi")  # two figures of the rate so far
    assert A.forecast_figures(ctx) == []
    summary = text(A.forecast_heading(ctx))
    assert "Chưa chỉ tiêu nào đủ dữ liệu để dự báo." in summary
    assert re.search(r"(\d+) chỉ tiêu chưa dự báo được: 1 chưa có mục tiêu, 1 có ít hơn 3 ngày", summary)
    gaps = {r["name"]: r for r in A.forecast_gap_rows(ctx)}
    rate = gaps["Tỷ lệ hồ sơ trực tuyến"]
    assert (rate["n"], rate["target"]) == (2, "≥ 90 % (2025)")
    assert rate["reason"].startswith("chỉ có 2 ngày có số liệu, dự báo cần ít nhất 3")
    assert gaps["Số doanh nghiệp công nghệ số"]["reason"] == "không có mục tiêu để dự báo tới"
    assert "Chỉ tiêu chưa đủ dữ liệu để dự báo" in text(sections.appendix(ctx))
    status = A.unit_status(ctx).set_index("indicator")
    assert status.loc["ho_so_truc_tuyen_ty_le", "n_obs"] == 2
    assert status["latest_date"].max() <= pd.Timestamp("2023-12-31")
    later = A.unit_status(build_context("74", "2024Q2", "vi")).set_index("indicator")
    assert later.loc["ho_so_truc_tuyen_ty_le", "n_obs"] == 3


def test_pillar_sentences_near_the_top(env):
    vi = text(A.pillar_summaries(build_context("74", "2024Q2", "vi")))
    assert "Tóm tắt theo trụ cột" in vi
    assert "Chính quyền số:" in vi and "Kinh tế số:" in vi
    en = A.pillar_sentences(build_context("74", "2024Q2", "en"))
    assert len(en) == 2 and all(s.endswith(".") for s in en)


def test_rankings_without_sub_indices_say_so_and_show_the_rank_history(env):
    ctx = build_context("74", "2024Q2", "vi")
    page = text(R.rankings(ctx))
    assert "Xếp hạng" in page and "không tính được khoảng hạng" in page
    assert "2021 9" in page and "tăng 3 bậc" in page  # synthetic fixture: 12 → 9


def test_rank_table_with_intervals_and_the_unit_outside_the_group(env):
    ctx = dataclasses.replace(build_context("74", "2024Q2", "vi"), dti_components=components(TOP5),
                              cache={})
    page = text(R.rankings(ctx))
    assert "Xếp hạng DTI 2022 và khoảng hạng" in page
    assert "Đà Nẵng" in page and "0,8002" in page and "1–1" in page
    assert "Các chỉ số thành phần DTI 2022 của Bình Dương không được công bố" in page
    inside = dataclasses.replace(ctx, dti_components=components({**TOP5, "P63-74": [0.99] * 8}),
                                 cache={})
    assert "Bình Dương đứng thứ 1 trong nhóm 6 tỉnh; khoảng hạng 1–1." in text(R.rankings(inside))


def test_rank_table_waits_for_the_year_of_the_sub_indices(env):
    ctx = dataclasses.replace(build_context("74", "2024Q2", "en"), cache={},
                              dti_components=components(TOP5, year=2025))
    ctx = dataclasses.replace(ctx, dti_components=ctx.dti_components[
        ctx.dti_components["ref_date"] <= pd.Timestamp(ctx.params.as_of)])
    assert "No DTI edition up to 2024-06-30" in text(R.rankings(ctx))
