"""Ordinary spreadsheets from a provincial office, malformed or tricky: each has one expected outcome.

Every case writes one file and states what must come out: the exact values, or the error naming
file, row (or sheet!cell), column, value and rule. Across all of them: no traceback, no silently
wrong value, no dropped row, no pandas artefact (`Unnamed: 10`, `value.1`) and no literal `None`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import Workbook

from dtlib.data.datasets import load_reference
from dtlib.data.loaders import load_observation_file
from dtlib.data.reading import visible

HEADER = "unit,indicator,period,value,numerator,denominator,kind,source_id,status,note"
COLUMNS = HEADER.split(",")
PCT, COUNT, RANK = "ho_so_truc_tuyen_ty_le", "doanh_nghiep_so_luong", "dti_rank"


def row(unit="74", indicator=PCT, period="2024", value="76%", numerator="", denominator="", kind="actual",
        source="src-a", status="", note="", sep=","):
    return sep.join([unit, indicator, period, value, numerator, denominator, kind, source, status, note])


@dataclass
class Case:
    build: Callable[[Path], Path]
    values: dict[int, float] = field(default_factory=dict)
    """Expected value per accepted row number (all other rows must be rejected)."""
    problem: tuple[int | None, str | None, str] | None = None
    """(row, column, rule fragment) of a problem that must be reported."""
    cell: str | None = None
    units: dict[int, str] = field(default_factory=dict)
    periods: dict[int, str] = field(default_factory=dict)
    sheet: str | None = None
    locale: str = "vi"


def text_file(name: str, text: str, encoding: str = "utf-8", newline: str = "\n") -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        text_ = text.replace("\n", newline)
        path.write_bytes(cp1258(text_) if encoding == "cp1258" else text_.encode(encoding))
        return path
    return build


TONES = "\u0300\u0301\u0303\u0309\u0323"


def cp1258(text: str) -> bytes:
    """Windows-1258 as Vietnamese Windows writes it: base letters precomposed, tone marks combining."""
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONES))
            out += (base + "".join(c for c in parts if c in TONES)).encode("cp1258")
    return out


def lines(*rows: str) -> str:
    return "\n".join(rows) + "\n"


def workbook(name: str, fill: Callable[[Workbook], None]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        book = Workbook()
        fill(book)
        path = folder / name
        book.save(path)
        return path
    return build


def sheet_rows(*rows: list[object], title: str = "Sheet1", formats: dict[str, str] | None = None,
               merge: tuple[str, ...] = (), extra: dict[str, list[list[object]]] | None = None):
    def fill(book: Workbook) -> None:
        ws = book.active
        ws.title = title
        for cells in rows:
            ws.append(cells)
        for ref, fmt in (formats or {}).items():
            ws[ref].number_format = fmt
        for ref in merge:
            ws.merge_cells(ref)
        for name, more in (extra or {}).items():
            other = book.create_sheet(name)
            for cells in more:
                other.append(cells)
    return fill


XL = ["unit", "indicator", "period", "value", "kind", "source_id"]


def parquet(name: str, frame: Callable[[], pd.DataFrame]) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        frame().to_parquet(path)
        return path
    return build


def raw_bytes(name: str, data: bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(data)
        return path
    return build


def _with_chartsheet(book: Workbook) -> None:
    from openpyxl.chart import BarChart, Reference

    ws = book.active
    ws.append(XL)
    ws.append(["74", PCT, "2024", 76, "actual", "src-a"])
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=4, min_row=1, max_row=2), titles_from_data=True)
    book.create_chartsheet("Biểu đồ", 0).add_chart(chart)


VI_NOTE = "Số liệu Quý I/2024 của Sở Thông tin và Truyền thông"
NFD = unicodedata.normalize("NFD", "Quý I/2024")

CASES: dict[str, Case] = {
    # --- encodings -------------------------------------------------------------------------
    "utf8": Case(text_file("a.csv", lines(HEADER, row(note=VI_NOTE))), values={2: 76.0}),
    "utf8_bom": Case(text_file("a.csv", "\ufeff" + lines(HEADER, row(note=VI_NOTE))), values={2: 76.0}),
    "utf16_le_bom_tab": Case(text_file("a.csv", lines(HEADER.replace(",", "\t"), row(sep="\t", note=VI_NOTE)),
                                       "utf-16"), values={2: 76.0}),
    "utf16_be_bom": Case(text_file("a.csv", "\ufeff" + lines(HEADER, row(note=VI_NOTE)), "utf-16-be"),
                         values={2: 76.0}),
    "utf16_le_no_bom": Case(text_file("a.csv", lines(HEADER, row(note=VI_NOTE)), "utf-16-le"), values={2: 76.0}),
    "windows1258": Case(text_file("a.csv", lines(HEADER, row(period="2024", note="Số liệu của tỉnh Bình Dương")),
                                  "cp1258"), problem=(None, None, "CSV UTF-8")),
    "tcvn3_bytes": Case(raw_bytes("a.csv", (HEADER + "\n").encode() + b"74,x,2024,1,,,actual,src-a,,S\xe8 li\xd6u "
                                  b"c\xf1a t\xdanh B\xd7nh D\xad\xebng\n"), problem=(None, None, "not UTF-8")),
    "crlf": Case(text_file("a.csv", lines(HEADER, row(), row(period="2023")), newline="\r\n"),
                 values={2: 76.0, 3: 76.0}),
    "xlsx_named_csv": Case(lambda folder: _xlsx_as(folder, "a.csv"), problem=(None, None, "rename it to .xlsx")),
    "empty_file": Case(text_file("a.csv", ""), problem=(None, None, "has no header row")),
    "header_only": Case(text_file("a.csv", lines(HEADER)), values={}),
    # --- delimiters ------------------------------------------------------------------------
    "semicolon_decimal_comma": Case(text_file("a.csv", lines(HEADER.replace(",", ";"), row(value="86,3%", sep=";"))),
                                    values={2: 86.3}),
    "tab": Case(text_file("a.csv", lines(HEADER.replace(",", "\t"), row(value="86,3%", sep="\t"))), values={2: 86.3}),
    "unquoted_decimal_comma": Case(text_file("a.csv", lines(HEADER, row(), row(period="2023", value="86,3%"))),
                                   values={2: 76.0}, problem=(3, None, "decimal comma must be quoted")),
    # --- header rows -----------------------------------------------------------------------
    "title_line": Case(text_file("a.csv", lines("BÁO CÁO SỐ LIỆU CHUYỂN ĐỔI SỐ QUÝ I/2024,,,,,,,,,", "", HEADER,
                                                 row(), row(period="2023", value="abc"))),
                       values={4: 76.0}, problem=(5, "value", "is not a number")),
    "blank_line_between_rows": Case(text_file("a.csv", lines(HEADER, row(), "", row(period="2023", value="x"))),
                                    values={2: 76.0}, problem=(4, "value", "is not a number")),
    "multiline_quoted_note": Case(text_file("a.csv", lines(HEADER, row(note='"dòng một\ndòng hai"'),
                                                           row(period="2023", value="x"))),
                                  values={2: 76.0}, problem=(4, "value", "is not a number")),
    "trailing_empty_columns": Case(text_file("a.csv", lines(HEADER + ",,,", row() + ",,,")), values={2: 76.0}),
    "duplicate_header": Case(text_file("a.csv", lines(HEADER + ",value", row() + ",77%")),
                             problem=(1, "value", "appears twice in the header row 1 (columns 4 and 11)")),
    "data_under_empty_header": Case(text_file("a.csv", lines(HEADER + ",", row() + ",lạc")),
                                    problem=(1, "#11", "has data but no header")),
    "nbsp_in_header": Case(text_file("a.csv", lines(HEADER.replace("source_id", "source\u00a0id"), row())),
                           problem=(1, "source\u00a0id", "is not an observation column")),
    "zero_width_around_header": Case(text_file("a.csv", lines(HEADER.replace("unit", "\u200bunit\u200b"), row())),
                                     values={2: 76.0}),
    "missing_column": Case(text_file("a.csv", lines(HEADER.replace("source_id", "nguon"), row())),
                           problem=(1, "source_id", "column is missing: the header (row 1) has unit")),
    # --- text normalisation ----------------------------------------------------------------
    "nfd_vietnamese": Case(text_file("a.csv", lines(HEADER, row(period=NFD, value=unicodedata.normalize(
        "NFD", "trên 92%")))), values={2: 92.0}, periods={2: "2024Q1"}),
    "nbsp_thousands": Case(text_file("a.csv", lines(HEADER, row(indicator=COUNT, value="1\u00a0586"),
                                                    row(indicator=COUNT, period="2023", value="2\u202f500"))),
                           values={2: 1586.0, 3: 2500.0}),
    "zero_width_in_value": Case(text_file("a.csv", lines(HEADER, row(value="76\u200b%"))), values={2: 76.0}),
    # --- codes and values ------------------------------------------------------------------
    "float_unit_codes": Case(text_file("a.csv", lines(HEADER, row(unit="72.0"), row(unit="2.0"))),
                             values={2: 76.0, 3: 76.0}, units={2: "P63-72", 3: "P63-02"}),
    "en_style_count_in_vi": Case(text_file("a.csv", lines(HEADER, row(indicator=COUNT, value='"1,586"'))),
                                 problem=(2, "value", "is not a whole number for a count indicator")),
    "leading_zero_group": Case(text_file("a.csv", lines(HEADER, row(indicator=COUNT, value="0.586"))),
                               problem=(2, "value", "starts with a zero group")),
    "inf_value": Case(text_file("a.csv", lines(HEADER, row(indicator=COUNT, value="inf"))),
                      problem=(2, "value", "is not a number")),
    "huge_value": Case(text_file("a.csv", lines(HEADER, row(indicator=COUNT, value="9" * 400))),
                       problem=(2, "value", "too large")),
    "ratio_precision_fails": Case(text_file("a.csv", lines(HEADER, row(value='"86,3%"', numerator="1.586",
                                                                       denominator="1.887"))),
                                  problem=(2, "value", "rounds to 84.0 at the 1 decimal(s) printed")),
    "ratio_precision_near_miss": Case(text_file("a.csv", lines(HEADER, row(value='"84,8%"', numerator="1.586",
                                                                           denominator="1.887"))),
                                      problem=(2, "value", "disagrees with numerator/denominator")),
    "ratio_precision_passes": Case(text_file("a.csv", lines(HEADER, row(value='"84,1%"', numerator="1.586",
                                                                        denominator="1.887"),
                                                            row(period="2023", value="84%", numerator="1.586",
                                                                denominator="1.887"))),
                                   values={2: 84.1, 3: 84.0}),
    "denominator_contradicts_ratio": Case(text_file("a.csv", lines(HEADER, row(value="1.586/1.887",
                                                                               denominator="1.900"))),
                                          problem=(2, "denominator", "disagrees with the ratio written in value")),
    "indicator_near_miss": Case(text_file("a.csv", lines(HEADER, row(indicator="ho_so_truc_tuyen_tyle"))),
                                problem=(2, "indicator", f"did you mean {PCT}")),
    # --- Excel -----------------------------------------------------------------------------
    "xlsx_percent_format": Case(workbook("a.xlsx", sheet_rows(XL, ["74", PCT, "2024", 0.863, "actual", "src-a"],
                                                              formats={"D2": "0.0%"})), values={2: 86.3}),
    "xlsx_numbers_not_reparsed": Case(workbook("a.xlsx", sheet_rows(XL, [74, COUNT, 2024, 1.586, "actual", "src-a"],
                                                                    [74, COUNT, 2023, 1586, "actual", "src-a"])),
                                      values={3: 1586.0}, problem=(2, "value", "is not a whole number"),
                                      cell="Sheet1!D2"),
    "xlsx_date_cells": Case(workbook("a.xlsx", sheet_rows(XL, ["74", PCT, dt.datetime(2024, 3, 20), "76%", "actual",
                                                               "src-a"])), values={2: 76.0},
                            periods={2: "2024-03-20"}),
    "xlsx_datetime_with_time": Case(workbook("a.xlsx", sheet_rows(XL, ["74", PCT, dt.datetime(2024, 3, 20, 9, 30),
                                                                       "76%", "actual", "src-a"])),
                                    problem=(2, "period", "time of day"), cell="Sheet1!C2"),
    "xlsx_float_unit_code": Case(workbook("a.xlsx", sheet_rows(XL, [72.0, PCT, 2024, 76, "actual", "src-a"])),
                                 values={2: 76.0}, units={2: "P63-72"}),
    "xlsx_title_rows_cell_ref": Case(workbook("a.xlsx", sheet_rows(
        ["BÁO CÁO CHUYỂN ĐỔI SỐ"], [], XL, ["74", PCT, "2024", "76%", "actual", "src-a"],
        ["74", PCT, "2023", "abc", "actual", "src-a"], merge=("A1:F1",))),
        values={4: 76.0}, problem=(5, "value", "is not a number"), cell="Sheet1!D5"),
    "xlsx_two_level_merged_header": Case(workbook("a.xlsx", sheet_rows(
        ["Đơn vị và chỉ tiêu", None, None, "Số liệu", None, None], XL,
        ["74", PCT, "2024", "76%", "actual", "src-a"], merge=("A1:C1", "D1:F1"))), values={3: 76.0}),
    "xlsx_vertically_merged_header": Case(workbook("a.xlsx", sheet_rows(
        ["unit", "Chỉ tiêu", None, None, None, None], [None, "indicator", "period", "value", "kind", "source_id"],
        ["74", PCT, "2024", "76%", "actual", "src-a"], merge=("A1:A2", "B1:F1"))), values={3: 76.0}),
    "xlsx_merged_value_header": Case(workbook("a.xlsx", sheet_rows(
        ["unit", "indicator", "period", "value", None, "kind", "source_id"],
        ["74", PCT, "2024", "76%", "ghi chú", "actual", "src-a"], merge=("D1:E1",))),
        problem=(1, "E", "has data but no header"), cell="Sheet1!E1"),
    "xlsx_notes_sheet_ignored": Case(workbook("a.xlsx", sheet_rows(XL, ["74", PCT, "2024", "76%", "actual", "src-a"],
                                                                   title="Số liệu",
                                                                   extra={"Ghi chú": [["Nguồn: Sở TT&TT"]]})),
                                     values={2: 76.0}),
    "xlsx_two_data_sheets": Case(workbook("a.xlsx", sheet_rows(XL, ["74", PCT, "2024", "76%", "actual", "src-a"],
                                                               extra={"2023": [XL, ["74", PCT, "2023", "70%",
                                                                                    "actual", "src-a"]]})),
                                 problem=(None, None, "has observation columns on several sheets (Sheet1, 2023")),
    "xlsx_sheet_named": Case(workbook("a.xlsx", sheet_rows(XL, ["74", PCT, "2024", "76%", "actual", "src-a"],
                                                           extra={"2023": [XL, ["74", PCT, "2023", "70%",
                                                                                "actual", "src-a"]]})),
                             values={2: 70.0}, sheet="2023", periods={2: "2023"}),
    "xlsx_sheet_missing": Case(workbook("a.xlsx", sheet_rows(XL)), sheet="Q1",
                               problem=(None, None, "has no sheet 'Q1' (sheets: Sheet1)")),
    "xlsx_percent_on_count": Case(workbook("a.xlsx", sheet_rows(XL, ["74", COUNT, "2024", 0.5, "actual", "src-a"],
                                                                formats={"D2": "0%"})),
                                  problem=(2, "value", "has a % sign"), cell="Sheet1!D2"),
    "xlsx_corrupt": Case(raw_bytes("a.xlsx", b"PK\x03\x04 this is not really a workbook"),
                         problem=(None, None, "is not a readable .xlsx workbook")),
    "xlsx_renamed_csv": Case(text_file("a.xlsx", lines(HEADER, row())), problem=(None, None, "renamed to .xlsx")),
    "xlsx_vertically_merged_last_column": Case(workbook("a.xlsx", sheet_rows(
        ["Đơn vị", None, None, None, None, "source_id"], ["unit", "indicator", "period", "value", "kind"],
        ["74", PCT, "2024", "76%", "actual", "src-a"], merge=("F1:F2",))), values={3: 76.0}),
    "xlsx_chart_sheet_ignored": Case(workbook("a.xlsx", _with_chartsheet), values={2: 76.0}),
    "xlsx_whole_column_formatting": Case(workbook("a.xlsx", sheet_rows(
        XL, ["74", PCT, "2024", "76%", "actual", "src-a"], formats={"Z1": "0.0", "Z2": "0.0", "AA3": "@"})),
        values={2: 76.0}),
    # --- Parquet ---------------------------------------------------------------------------
    "parquet_nested_column": Case(parquet("a.parquet", lambda: pd.DataFrame({
        "unit": ["74"], "indicator": [PCT], "period": ["2024"], "value": [[76.0, 77.0]], "kind": ["actual"],
        "source_id": ["src-a"]})), problem=(1, "value", "is not a number")),
    "parquet_decimals": Case(parquet("a.parquet", lambda: pd.DataFrame({
        "unit": ["74"], "indicator": [PCT], "period": ["2024"], "value": [Decimal("86.30")], "kind": ["actual"],
        "source_id": ["src-a"]})), values={1: 86.3}),
    "parquet_dates_and_float_codes": Case(parquet("a.parquet", lambda: pd.DataFrame({
        "unit": [72.0, None], "indicator": [PCT, PCT], "period": pd.to_datetime(["2024-03-20", "2024-03-21"]),
        "value": [76.0, 77.0], "kind": ["actual"] * 2, "source_id": ["src-a"] * 2})),
        values={1: 76.0}, units={1: "P63-72"}, periods={1: "2024-03-20"}, problem=(2, "unit", "is required")),
    "parquet_int_values_and_year_ints": Case(parquet("a.parquet", lambda: pd.DataFrame({
        "unit": ["74"], "indicator": [COUNT], "period": [2024], "value": [1586], "kind": ["actual"],
        "source_id": ["src-a"]})), values={1: 1586.0}, periods={1: "2024"}),
    "parquet_corrupt": Case(raw_bytes("a.parquet", b"PAR1 not really parquet PAR1"),
                            problem=(None, None, "is not a readable Parquet file")),
    "unsupported_suffix": Case(text_file("a.json", "{}"), problem=(None, None, "is not a supported file type")),
}


def _xlsx_as(folder: Path, name: str) -> Path:
    book = Workbook()
    book.active.append(XL)
    path = folder / name
    book.save(path)
    return path


def load(path: Path, locale: str = "vi", sheet: str | None = None):
    catalog, sources, units = load_reference()
    return load_observation_file(path, locale=locale, catalog=catalog, source_ids=set(sources.index),
                                 units=units, sheet=sheet)


def test_there_are_at_least_forty_distinct_files():
    assert len(CASES) >= 40


@pytest.mark.parametrize("name", list(CASES))
def test_tricky_file(mini_data, tmp_path, name):
    case = CASES[name]
    path = case.build(tmp_path)
    result = load(path, case.locale, case.sheet)
    obs = result.observations.set_index("row")
    assert obs["value"].to_dict() == pytest.approx(case.values), result.problems
    for number, unit_id in case.units.items():
        assert obs.loc[number, "unit_id"] == unit_id
    for number, label in case.periods.items():
        assert obs.loc[number, "period"] == label
    if case.problem is None:
        assert result.ok, [str(p) for p in result.problems]
    else:
        number, column, rule = case.problem
        matching = [p for p in result.problems if p.row == number and p.column == column and rule in p.rule]
        assert matching, [str(p) for p in result.problems]
        if case.cell:
            assert matching[0].cell == case.cell
            assert str(matching[0]).startswith(f"{path} {case.cell}")
    for problem in result.problems:
        text = str(problem)
        assert problem.file == str(path)
        assert "None" not in text and "Unnamed" not in text and "value.1" not in text, text
        assert "Traceback" not in text
        assert problem.render("vi"), problem
    if len(result.rejects) and "row" in result.rejects and result.rejects["problems"].ne("file-level problem").all():
        accepted, rejected = set(obs.index), set(result.rejects["row"])
        assert not accepted & rejected
        assert accepted | rejected == accepted | {p.row for p in result.problems if p.row is not None}


def test_invisible_characters_are_removed_or_shown(mini_data, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(lines(HEADER.replace("unit", "un\u200bit").replace("kind", "\u200ekind"), row()),
                    encoding="utf-8")
    assert load(path).ok
    path.write_text(lines(HEADER.replace("unit", "un\u3000it"), row()), encoding="utf-8")
    text = "\n".join(str(p) for p in load(path).problems)
    assert "column un\\u3000it: is not an observation column" in text
    assert visible("unit\u200b") == "'unit\\u200b'"


def test_a_long_cell_is_shortened_in_messages(mini_data, tmp_path):
    path = tmp_path / "a.csv"
    path.write_text(lines(HEADER, row(value="x" * 5000)), encoding="utf-8")
    text = str(load(path).problems[0])
    assert len(text) < 400 and "…" in text


def test_header_row_is_reported(mini_data, tmp_path):
    path = CASES["title_line"].build(tmp_path)
    result = load(path)
    assert result.header_row == 3


def test_problems_are_rendered_in_vietnamese(mini_data, tmp_path):
    path = CASES["xlsx_title_rows_cell_ref"].build(tmp_path)
    problem = next(p for p in load(path).problems if p.column == "value")
    assert problem.render("vi") == f"{path} Sheet1!D5, cột value: 'abc' không phải số theo cách viết vi"
    path = CASES["windows1258"].build(tmp_path)
    text = load(path).problems[0].render("vi")
    assert "không phải văn bản UTF-8" in text and "CSV UTF-8" in text


def test_sheet_key_in_the_registry_is_used(mini_data):
    import yaml

    from dtlib.data.datasets import load_bundle
    CASES["xlsx_sheet_named"].build(mini_data / "observations")
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump({"observations": [
        {"name": "a", "path": "observations/a.xlsx", "locale": "vi", "sheet": "2023"}]}), encoding="utf-8")
    bundle = load_bundle(mini_data)
    assert bundle.observations["period"].tolist() == ["2023"]
    assert bundle.datasets[0].sheet == "2023"
