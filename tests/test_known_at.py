"""Publication dates, `known_at`, and the status flags list_order and range."""

from __future__ import annotations

import re
from datetime import date

import nbformat
import pandas as pd
import pytest
from _report_data import make_data_dir
from conftest import write_csv

from dtlib.datasets import add_delivery, load_bundle
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
               "74,dti_rank,2022,9,actual,src-undated,,,").ok
    bundle = load_bundle(mini_data)
    assert len(bundle.observations) == 4 and bundle.known_at(None) is bundle
    then = bundle.known_at("2024-04-01")
    assert sorted(then.observations["period"]) == ["2023", "2023Q4"]
    assert then.undated_left_out == 1 and then.known_at_date == date(2024, 4, 1)
    assert len(bundle.known_at(date(2023, 12, 31)).observations) == 1
    # the catalog target cites src-a (published 2024-03-20)
    assert bundle.known_at("2024-03-19").targets.empty
    assert not bundle.known_at("2024-03-20").targets.empty


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
    today = build_context("74", "2024Q2", "en")
    assert "Figures up to 2024-06-30" in header_text(today)
    assert f"As published by {date.today().isoformat()}" in header_text(today)
    then = build_context("74", "2024Q2", "vi", known_at="2024-06-15")
    assert "Số liệu đến ngày 30/06/2024" in header_text(then)
    assert "Theo số liệu đã công bố đến ngày 15/06/2024" in header_text(then)
    # fx-news-a was published on 2024-07-01: its figures are in today's view only
    assert "fx-news-a" in set(today.actuals["source_id"])
    assert "fx-news-a" not in set(then.actuals["source_id"])
    assert "fx-news-a" not in then.cited_source_ids()


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
    assert "86,3" not in visible  # the 2024Q2 rate of fx-news-a, published 2024-07-01
    notebook = nbformat.read(result.folder / "report.ipynb", as_version=4)
    injected = [c.source for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]
    assert 'known_at = "2024-06-15"' in injected[0]
