"""Loader validation: every malformed input gets an error naming file, row, column, value, rule."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from conftest import write_csv

from dtlib.data.datasets import load_reference
from dtlib.data.loaders import load_observation_file

HEADER = "unit,indicator,period,value,numerator,denominator,kind,source_id,status,note"
GOOD = "74,ho_so_truc_tuyen_ty_le,2024-03-20,76%,,,actual,src-a,,"


def load(path: Path, locale: str = "vi"):
    catalog, sources, units = load_reference()
    return load_observation_file(path, locale=locale, catalog=catalog, source_ids=set(sources.index),
                                 units=units)


def test_good_rows_load_with_locale(mini_data, tmp_path):
    path = write_csv(tmp_path / "ok.csv", HEADER, GOOD,
                     "74,ho_so_truc_tuyen_ty_le,Quý I/2024,\"1.586/1.887\",,,actual,src-b,,",
                     "70,doanh_nghiep_so_luong,2024,hơn 6.500,,,actual,src-a,,",
                     "74,doanh_nghiep_so_luong,2023-10-06,1.3521/1.886,,,actual,src-b,unparsed,malformed in source")
    result = load(path)
    assert result.ok, result.problems
    obs = result.observations.set_index("row")
    assert obs.loc[2, "value"] == 76.0 and obs.loc[2, "unit_id"] == "P63-74"
    assert obs.loc[3, "value"] == pytest.approx(100 * 1586 / 1887)
    assert (obs.loc[3, "numerator"], obs.loc[3, "denominator"]) == (1586.0, 1887.0)
    assert obs.loc[3, "period"] == "2024Q1"
    assert (obs.loc[4, "value"], obs.loc[4, "qualifier"]) == (6500.0, "gt")
    assert obs.loc[5, "status"] == "unparsed" and pd.isna(obs.loc[5, "value"])
    assert obs.loc[5, "value_raw"] == "1.3521/1.886"


MALFORMED = [
    # (row, column, expected rule fragment)
    ("74,ho_so_truc_tuyen_ty_le,2024,\"1.3521/1.886\",,,actual,src-a,,", "value", "exactly 3 digits"),
    ("74,ho_so_truc_tuyen_ty_le,2024,86.3%,,,actual,src-a,,", "value", "exactly 3 digits"),
    ("74,ho_so_truc_tuyen_ty_le,2024,,,,actual,src-a,,", "value", "is required"),
    ("74,ho_so_truc_tuyen_ty_le,2024,abc,,,actual,src-a,,", "value", "is not a number"),
    ("74,ho_so_truc_tuyen_ty_le,2024,120%,,,actual,src-a,,", "value", "outside 0–100"),
    ("74,doanh_nghiep_so_luong,2024,-5,,,actual,src-a,,", "value", "negative"),
    ("74,doanh_nghiep_so_luong,2024,86%,,,actual,src-a,,", "value", "has a % sign"),
    ("74,doanh_nghiep_so_luong,2024,1/2,,,actual,src-a,,", "value", "is a ratio"),
    ("74,dti_rank,2022,0,,,actual,src-a,,", "value", "is not a rank"),
    ("74,dti_rank,2022,\"19,5\",,,actual,src-a,,", "value", "is not a rank"),
    ("Binh Duongg,ho_so_truc_tuyen_ty_le,2024,76%,,,actual,src-a,,", "unit", "did you mean Bình Dương"),
    (",ho_so_truc_tuyen_ty_le,2024,76%,,,actual,src-a,,", "unit", "is required"),
    ("74,ho_so_online,2024,76%,,,actual,src-a,,", "indicator", "not in the indicator catalog"),
    ("74,ho_so_truc_tuyen_ty_le,2024Q5,76%,,,actual,src-a,,", "period", "is not a period"),
    ("74,ho_so_truc_tuyen_ty_le,2026,76%,,,actual,src-a,,", "period", "outside the existence"),
    ("74,ho_so_truc_tuyen_ty_le,2024,76%,,,forecast,src-a,,", "kind", "must be one of"),
    ("74,ho_so_truc_tuyen_ty_le,2024,76%,,,actual,src-zz,,", "source_id", "not in data/sources.csv"),
    ("74,ho_so_truc_tuyen_ty_le,2024,76%,,,actual,src-a,maybe,", "status", "must be one of"),
    ("74,ho_so_truc_tuyen_ty_le,2024,,,,actual,src-a,unparsed,", "value", "must keep the source's raw text"),
    ("74,ho_so_truc_tuyen_ty_le,2024,76%,1.586,,actual,src-a,,", "denominator", "give numerator and denominator"),
    ("74,ho_so_truc_tuyen_ty_le,2024,50%,1.586,1.887,actual,src-a,,", "value", "disagrees with numerator"),
    ("74,ho_so_truc_tuyen_ty_le,2024,,5,0,actual,src-a,,", "denominator", "must be positive"),
    ("74,ho_so_truc_tuyen_ty_le,2024,,x,10,actual,src-a,,", "numerator", "is not a number"),
    ("74,ho_so_truc_tuyen_ty_le,2024,\"86,3,1%\",,,actual,src-a,,", "value", "more than one decimal mark"),
    ("Thành phố,ho_so_truc_tuyen_ty_le,2024,76%,,,actual,src-a,,", "unit", "unknown administrative unit"),
]


@pytest.mark.parametrize(("row", "column", "rule"), MALFORMED, ids=[f"case{i}" for i in range(len(MALFORMED))])
def test_malformed_row_is_rejected_with_rule(mini_data, tmp_path, row, column, rule):
    path = write_csv(tmp_path / "bad.csv", HEADER, GOOD, row)
    result = load(path)
    assert not result.ok
    problems = [p for p in result.problems if p.row == 3]
    assert problems, result.problems
    assert any(p.column == column and rule in p.rule for p in problems), problems
    assert all(p.file == str(path) for p in problems)
    assert list(result.rejects["row"]) == [3]
    assert list(result.observations["row"]) == [2]


def test_distinct_malformed_cases_count():
    assert len({(c, r) for _, c, r in MALFORMED}) >= 20


def test_every_problem_reported_at_once(mini_data, tmp_path):
    path = write_csv(tmp_path / "bad.csv", HEADER,
                     "Binh Duongg,ho_so_online,2024Q5,abc,,,forecast,src-zz,,")
    result = load(path)
    columns = {p.column for p in result.problems}
    assert {"unit", "indicator", "period", "value", "kind", "source_id"} <= columns


def test_duplicate_rows_point_to_each_other(mini_data, tmp_path):
    path = write_csv(tmp_path / "dup.csv", HEADER, GOOD, GOOD)
    result = load(path)
    assert any("duplicates row 2" in p.rule and p.row == 3 for p in result.problems)


def test_missing_and_unknown_columns(mini_data, tmp_path):
    path = write_csv(tmp_path / "cols.csv", "unit,indicator,period,valeur,kind,source_id", "74,x,2024,1,actual,src-a")
    result = load(path)
    rules = {(p.column, p.rule.split(":")[0].split(" (")[0]) for p in result.problems}
    assert ("value", "column is missing") in rules
    assert ("valeur", "is not an observation column") in rules
    assert len(result.rejects) == 1


def test_en_locale_reads_decimal_points(mini_data, tmp_path):
    path = write_csv(tmp_path / "en.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024,86.3,,,actual,src-a,,",
                     "74,doanh_nghiep_so_luong,2024,\"6,500\",,,actual,src-a,,")
    result = load(path, locale="en")
    assert result.ok, result.problems
    assert sorted(result.observations["value"]) == [86.3, 6500.0]


def test_excel_and_parquet_deliveries(mini_data, tmp_path):
    frame = pd.DataFrame([
        {"unit": "74", "indicator": "ho_so_truc_tuyen_ty_le", "period": "2024Q1", "value": "76%",
         "kind": "actual", "source_id": "src-a"},
        {"unit": "70", "indicator": "doanh_nghiep_so_luong", "period": "2024", "value": 6500,
         "kind": "actual", "source_id": "src-a"},
    ])
    frame.to_excel(tmp_path / "d.xlsx", index=False)
    result = load(tmp_path / "d.xlsx")
    assert result.ok, result.problems
    assert list(result.observations["row"]) == [2, 3]
    frame.assign(value=frame["value"].astype(str)).to_parquet(tmp_path / "d.parquet")
    result = load(tmp_path / "d.parquet")
    assert result.ok and list(result.observations["row"]) == [1, 2]


def test_unsupported_and_missing_files(mini_data, tmp_path):
    (tmp_path / "x.json").write_text("{}")
    assert "not a supported file type" in load(tmp_path / "x.json").problems[0].rule
    assert "does not exist" in load(tmp_path / "nope.csv").problems[0].rule


def test_problem_message_names_everything(mini_data, tmp_path):
    path = write_csv(tmp_path / "obs.csv", HEADER, GOOD, "74,ho_so_truc_tuyen_ty_le,2024,\"1.3521\",,,actual,src-a,,")
    text = str(load(path).problems[0])
    assert text.startswith(f"{path} row 3, column value: '1.3521' is not a number in the vi locale")
