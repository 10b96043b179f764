"""Publication dates, `known_at`, and the status flags list_order and range."""

from __future__ import annotations

import re
from datetime import date

import nbformat
import pandas as pd
import pytest
from _report_data import make_data_dir
from conftest import write_csv

from dtlib.data.datasets import add_delivery, load_bundle
from dtlib.reporting import runner, sections
from dtlib.reporting.context import build_context
from dtlib.reporting.params import ParameterError, ReportParams, check_known_at
from dtlib.reporting.runner import ReportJob, run_batch

HEADER = "unit,indicator,period,value,kind,source_id,status,published,note"


def add(mini_data, tmp_path, *rows: str, locale: str = "vi", name: str = "d"):
    return add_delivery(write_csv(tmp_path / f"{name}.csv", HEADER, *rows), name=name, locale=locale)


# -- publication dates -----------------------------------------------------------------------------

def test_every_figure_knows_when_it_became_public(mini_data, tmp_path):
    assert add(mini_data, tmp_path,
               "74,ho_so_truc_tuyen_ty_le,2023Q4,50%,actual,src-a,,,",            # src-a: 2024-03-20
               "74,ho_so_truc_tuyen_ty_le,2024Q1,60%,actual,src-a,,2024-05-02,",  # the row's own date
               "74,dti_rank,2023,7,actual,src-b,,,").ok                            # src-b: 2023-10-06
    obs = load_bundle(mini_data).observations.set_index("period")
    assert obs["published"].dtype.kind == "M"
    assert obs.loc["2023Q4", "published"] == pd.Timestamp("2024-03-20")
    assert obs.loc["2024Q1", "published"] == pd.Timestamp("2024-05-02")
    assert obs.loc["2023", "published"] == pd.Timestamp("2023-10-06")


@pytest.mark.parametrize("published", ["20/05/2024", "2024-02-30", "2099-01-01"])
def test_a_bad_row_date_is_refused(mini_data, tmp_path, published):
    result = add(mini_data, tmp_path, f"74,ho_so_truc_tuyen_ty_le,2024Q1,60%,actual,src-a,,{published},")
    assert [(p.row, p.column, p.value) for p in result.problems] == [(2, "published", published)]


def test_known_at_keeps_what_was_public_then(mini_data, tmp_path):
    with (mini_data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("src-undated,Báo C,Tin C,,,https://example.org/c,news,cited,\n")
    assert add(mini_data, tmp_path,
               "74,ho_so_truc_tuyen_ty_le,2023Q4,50%,actual,src-a,,,",
               "74,ho_so_truc_tuyen_ty_le,2024Q1,60%,actual,src-a,,2024-05-02,",
               "74,dti_rank,2023,7,actual,src-b,,,",
               "74,dti_rank,2022,9,actual,src-undated,,,",
               "74,dti_rank,2024,8,actual,src-undated,,,").ok
    bundle = load_bundle(mini_data)
    assert len(bundle.observations) == 5 and bundle.known_at(None) is bundle
    then = bundle.known_at("2024-04-01")
    # dated figures by their publication date; the undated 2022 rank by its reference date
    assert sorted(then.observations["period"]) == ["2022", "2023", "2023Q4"]
    assert then.undated_kept == 1 and then.known_at_date == date(2024, 4, 1)
    assert sorted(bundle.known_at(date(2023, 12, 31)).observations["period"]) == ["2022", "2023"]
    assert sorted(bundle.known_at("2022-12-30").observations["period"]) == []  # the day before its reference date
    everything = bundle.known_at(date.today())
    assert len(everything.observations) == 5 and everything.undated_kept == 2
    # the catalog target cites src-a (published 2024-03-20)
    assert bundle.known_at("2024-03-19").targets.empty
    assert not bundle.known_at("2024-03-20").targets.empty


def test_a_dated_figure_is_placed_by_its_publication_date_not_its_reference_date(mini_data, tmp_path):
    # DTI 2023 (reference date 2023-12-31) published only in 2025: not known at the end of 2024
    assert add(mini_data, tmp_path, "74,dti_rank,2023,7,actual,src-a,,2025-02-07,").ok
    bundle = load_bundle(mini_data)
    assert bundle.known_at("2024-12-31").observations.empty
    assert bundle.known_at("2025-02-07").observations["value"].tolist() == [7.0]
    assert bundle.known_at("2025-02-07").undated_kept == 0


def test_a_catalog_target_is_dated_by_its_own_date_else_its_source(mini_data, tmp_path):
    assert add(mini_data, tmp_path, "74,ho_so_truc_tuyen_ty_le,2023Q4,50%,actual,src-b,,,").ok
    catalog = mini_data / "catalog" / "indicators.yaml"
    text = catalog.read_text(encoding="utf-8")
    with (mini_data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("src-undated,Báo C,Tin C,,,https://example.org/c,news,cited,\n")
    catalog.write_text(text.replace("source_id: src-a}", 'source_id: src-undated, published: "2020-06-03"}'),
                       encoding="utf-8")
    bundle = load_bundle(mini_data)
    assert bundle.targets["published"].tolist() == [pd.Timestamp("2020-06-03")]
    assert bundle.known_at("2020-06-02").targets.empty and not bundle.known_at("2020-06-03").targets.empty
    catalog.write_text(text.replace("source_id: src-a}", "source_id: src-undated}"), encoding="utf-8")
    undated_target = load_bundle(mini_data)
    # no date at all: kept in every view (a target has no reference date) and counted as undated
    assert len(undated_target.known_at("2019-01-01").targets) == 1
    assert undated_target.known_at("2019-01-01").targets["published"].isna().all()


def test_a_bad_target_date_is_refused_naming_the_target(mini_data):
    from dtlib.errors import DtlibError

    catalog = mini_data / "catalog" / "indicators.yaml"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        "source_id: src-a}", 'source_id: src-a, published: "03/06/2020"}'), encoding="utf-8")
    with pytest.raises(DtlibError, match=r"targets\[0\]\.published"):
        load_bundle(mini_data)


# -- status flags ------------------------------------------------------------------------------------

def test_list_order_is_a_rank_whose_position_is_not_stated(mini_data, tmp_path):
    assert add(mini_data, tmp_path, "74,dti_rank,2021,4,actual,src-a,list_order,,position in a top-10 list").ok
    obs = load_bundle(mini_data).observations
    assert obs[["value", "status"]].values.tolist() == [[4.0, "list_order"]]
    result = add(mini_data, tmp_path, "74,ho_so_truc_tuyen_ty_le,2024Q1,4%,actual,src-a,list_order,,", name="e")
    assert [(p.column, p.value) for p in result.problems] == [("status", "list_order")]
    assert "only for rank indicators" in result.problems[0].rule


@pytest.mark.parametrize(("text", "locale", "low", "high"), [
    ("32–34", "vi", 32, 34), ("32 - 34", "en", 32, 34), ("1.586-1.700", "vi", 1586, 1700),
    ("1,586–1,700", "en", 1586, 1700),
])
def test_a_range_keeps_both_ends_and_no_value(mini_data, tmp_path, text, locale, low, high):
    code = "dti_rank" if low < 100 else "doanh_nghiep_so_luong"
    assert add(mini_data, tmp_path, f'74,{code},2023,"{text}",actual,src-a,range,,', locale=locale).ok
    bundle = load_bundle(mini_data)
    assert bundle.observations.empty  # a range is not a single value for analyses
    row = bundle.ranges.iloc[0]
    assert (row["value_low"], row["value_high"]) == (low, high) and pd.isna(row["value"])
    assert row["value_raw"] == text


@pytest.mark.parametrize(("text", "rule"), [
    ("34–32", "starts above its end"), ("32", "is not a range"), ("0–3", "is not a rank"),
    ("32–abc", "not a number"),
])
def test_a_bad_range_is_refused_with_its_rule(mini_data, tmp_path, text, rule):
    result = add(mini_data, tmp_path, f"74,dti_rank,2023,{text},actual,src-a,range,,")
    assert [p.column for p in result.problems] == ["value"] and rule in result.problems[0].rule


@pytest.mark.parametrize(("text", "english", "vietnamese"), [
    ("34–32", "starts above its end", "đầu thấp lớn hơn đầu cao"), ("32", "is not a range", "không phải một khoảng"),
    ("0–3", "is not a rank", "không phải thứ hạng"), ("32–abc", "not a number", "không phải là số"),
])
def test_a_bad_range_is_said_in_the_users_language(mini_data, tmp_path, text, english, vietnamese):
    problem = add(mini_data, tmp_path, f"74,dti_rank,2023,{text},actual,src-a,range,,").problems[0]
    said = problem.render("vi")
    assert vietnamese in said and english not in said, said
    assert english in problem.render("en")


def test_a_list_position_on_another_indicator_is_said_in_the_users_language(mini_data, tmp_path):
    problem = add(mini_data, tmp_path, "74,ho_so_truc_tuyen_ty_le,2023,5,actual,src-a,list_order,,").problems[0]
    assert "chỉ dùng cho chỉ tiêu thứ hạng" in problem.render("vi") and "only for" not in problem.render("vi")


def test_a_rank_only_row_is_a_row_of_the_rank_indicator_and_an_empty_value_says_so(mini_data, tmp_path):
    result = add(mini_data, tmp_path, "74,ho_so_truc_tuyen_ty_le,2023,,actual,src-a,,,printed: rank 5")
    assert [p.column for p in result.problems] == ["value"]
    assert "row of the rank indicator" in result.problems[0].rule


# -- `dtlib report --known-at` ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("known_at")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(make_data_dir(base)))
        mp.setenv("DTLIB_REPORTS_DIR", str(base / "reports"))
        yield base


def header_text(ctx) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<style.*?</style>|<[^>]+>", " ", sections.header(ctx).data))


def test_report_header_states_figures_up_to_and_as_published_by(env):
    default = build_context("74", "2024Q2", "en")  # a past quarter: as known when it was due (Q3's end)
    assert "Figures up to 2024-06-30" in header_text(default)
    assert "As published by 2024-09-30" in header_text(default)
    assert "published after the quarter" not in header_text(default)
    then = build_context("74", "2024Q2", "vi", known_at="2024-06-15")
    assert "Số liệu đến ngày 30/06/2024" in header_text(then)
    assert "Theo số liệu đã công bố đến ngày 15/06/2024" in header_text(then)
    assert "công bố sau khi kết thúc quý" not in header_text(then)
    # the 2024Q2 rate (fx-news-a, published 2024-06-28) is in the quarter-end view, not on 15 June
    assert 86.3 in set(default.actuals["value"]) and 86.3 not in set(then.actuals["value"])
    assert (then.actuals["published"] <= pd.Timestamp("2024-06-15")).all()
    assert default.undated_shown == then.undated_shown == 0  # every fixture figure is dated


def with_late_dti(env, monkeypatch) -> None:
    """The fixture data plus a hand-written DTI 2023 rank of Bình Dương published in 2025."""
    data = make_data_dir(env / "late")
    with (data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("fx-dti-2023,Fixture,Synthetic DTI 2023 ranking,2025-02-07,,tests,synthetic,,SYNTHETIC\n")
    with (data / "observations" / "fixture_reports.csv").open("a", encoding="utf-8") as handle:
        handle.write("74,dti_rank,2023,5,actual,fx-dti-2023,ok,,SYNTHETIC published in 2025\n")
    monkeypatch.setenv("DTLIB_DATA_DIR", str(data))


def test_a_past_quarter_shows_later_figures_only_when_asked_and_says_so(env, monkeypatch):
    with_late_dti(env, monkeypatch)
    default = build_context("74", "2024Q1", "en")
    # written during the next quarter: what was published by 30/06/2024 (reporting_window_end)
    assert default.published_by == date(2024, 6, 30) and not default.shows_later_knowledge
    assert "fx-dti-2023" not in set(default.actuals["source_id"])
    assert 2023 not in set(default.rank_history["ref_date"].dt.year)
    today = build_context("74", "2024Q1", "en", known_at=date.today().isoformat())
    assert "fx-dti-2023" in set(today.rank_history["source_id"]) and today.shows_later_knowledge
    assert (f"Includes figures published after the quarter, up to {date.today().isoformat()}"
            in header_text(today))
    assert "published after the quarter" not in header_text(default)
    vi = build_context("74", "2024Q1", "vi", known_at=date.today().isoformat())
    assert "Có cả số liệu công bố sau khi kết thúc quý" in header_text(vi)


def test_undated_figures_are_shown_by_reference_date_and_counted(env, monkeypatch):
    data = make_data_dir(env / "undated")
    with (data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("fx-undated,Fixture,Synthetic undated article,,,tests,synthetic,,SYNTHETIC no date\n")
    with (data / "observations" / "fixture_reports.csv").open("a", encoding="utf-8") as handle:
        handle.write("74,doanh_nghiep_cntt,2024Q1,1.400,actual,fx-undated,ok,,SYNTHETIC undated\n"
                     "74,doanh_nghiep_cntt,2024Q3,1.700,actual,fx-undated,ok,,SYNTHETIC undated\n")
    monkeypatch.setenv("DTLIB_DATA_DIR", str(data))
    ctx = build_context("74", "2024Q2", "en")
    assert ctx.undated_shown == 1  # 2024Q1 is shown; 2024Q3 is after the quarter
    assert "1 figures without a known publication date are shown by their reference date" in header_text(ctx)
    assert "số liệu không rõ ngày công bố" in header_text(build_context("74", "2024Q2", "vi"))


def test_known_at_parameter_is_checked_and_reaches_papermill(env):
    params = ReportParams("P63-74", "2024Q2", "vi", known_at="2024-06-15")
    assert params.as_papermill()["known_at"] == "2024-06-15"
    assert params.folder_name == "2024Q2-known-at-2024-06-15"
    assert "known_at" not in ReportParams("P63-74", "2024Q2", "vi").as_papermill()
    for bad, message in (("15/06/2024", "is not a date"), ("2999-01-01", "in the future")):
        with pytest.raises(ParameterError, match=message):
            check_known_at(bad)
    (_, planned), = runner.plan([ReportJob("74", "", "vi", "2024-06-15")])
    assert planned.quarter == "2024Q2" and planned.known_at == "2024-06-15"


@pytest.mark.slow
def test_report_rendered_as_known_at_a_past_date(env):
    (result,) = run_batch([ReportJob("74", "2024Q2", "vi", "2024-06-15")], workers=1, progress=False)
    assert result.ok, result.error
    assert result.folder.name == "2024Q2-known-at-2024-06-15"
    page = (result.folder / "report.html").read_text(encoding="utf-8")
    visible = re.sub(r"<script.*?</script>", " ", page, flags=re.S)
    assert "Theo số liệu đã công bố đến ngày 15/06/2024" in visible
    assert "86,3" not in visible  # the 2024Q2 rate of fx-news-a, published 2024-06-28
    notebook = nbformat.read(result.folder / "report.ipynb", as_version=4)
    injected = [c.source for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'known_at = "2024-06-15"' in injected[0]
