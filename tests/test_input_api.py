"""Public API traps: unit arguments in any spelling, one target mechanism, errors that are DtlibErrors."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from conftest import write_csv

from dtlib import cli
from dtlib.data.datasets import load_bundle
from dtlib.errors import AmbiguousUnitError, DtlibError, UnknownUnitError
from dtlib.tables import latest_table

HEADER = "unit,indicator,period,value,kind,source_id"


@pytest.fixture
def bundle(mini_data):
    write_csv(mini_data / "observations" / "a.csv", HEADER,
              "74,ho_so_truc_tuyen_ty_le,2024,76%,actual,src-a",
              "74,dti_rank,2024,15,actual,src-a",
              "74,dti_rank,2025,10,target,src-a",
              "70,doanh_nghiep_so_luong,2024,6.500,actual,src-a")
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump(
        {"observations": [{"name": "a", "path": "observations/a.csv", "locale": "vi"}]}), encoding="utf-8")
    return load_bundle(mini_data)


@pytest.mark.parametrize("spelling", ["74", 74, "P63-74", "Bình Dương", "binh duong", "74.0"])
def test_for_unit_accepts_any_spelling(bundle, spelling):
    rows = bundle.for_unit(spelling)
    assert set(rows["unit_id"]) == {"P63-74"}
    assert len(rows) == len(bundle.observations[bundle.observations["unit_id"] == "P63-74"])


def test_latest_table_accepts_any_spelling(bundle):
    by_id = latest_table(bundle, "P63-74", date(2024, 12, 31), "en")
    by_code = latest_table(bundle, "74", date(2024, 12, 31), "en")
    assert not by_id.empty and by_id.equals(by_code)


def test_unknown_and_ambiguous_units_raise_instead_of_returning_nothing(bundle):
    with pytest.raises(UnknownUnitError, match="did you mean"):
        bundle.for_unit("Binh Duongg")
    with pytest.raises(AmbiguousUnitError):
        latest_table(bundle, "79", date(2024, 12, 31))


def test_target_rows_follow_the_indicator_direction(bundle):
    targets = bundle.targets
    rank_target = targets[(targets["indicator"] == "dti_rank") & (targets["scope"] == "P63-74")]
    assert rank_target["comparator"].tolist() == ["<="]
    table = latest_table(bundle, "74", date(2024, 12, 31), "en").set_index("indicator")
    assert not bool(table.loc["dti_rank", "target_met"])
    assert table.loc["dti_rank", "gap"] == 5


def test_target_met_agrees_with_the_analysis(bundle):
    from dtlib.analysis.targets import Target, is_target_met

    table = latest_table(bundle, "74", date(2024, 12, 31), "en").set_index("indicator")
    row = table.loc["dti_rank"]
    assert bool(row["target_met"]) == is_target_met(row["value"], Target(10.0, 2025), "lower_better")


def test_broken_progress_config_is_a_dtlib_error(mini_data):
    from dtlib.analysis.config import ConfigError, load_progress_config

    path = mini_data / "config" / "progress.yaml"
    path.write_text("with_target: [on_track: 1\n", encoding="utf-8")
    with pytest.raises(DtlibError, match="is not valid YAML"):
        load_progress_config(path)
    path.write_text("labels: [1, 2]\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        load_progress_config(path)


@pytest.mark.parametrize(("name", "content", "fragment"), [
    ("broken.xlsx", b"PK\x03\x04garbage", "không phải sổ tính .xlsx đọc được"),
    ("broken.parquet", b"garbage", "không phải tệp Parquet đọc được"),
    ("legacy.csv", "unit,indicator\nBình Dương,x\n".encode("utf-16-le")[:-1] + b"\xff\xfe\xfe", "UTF-8"),
])
def test_cli_validate_never_shows_a_traceback(mini_data, tmp_path, capsys, name, content, fragment):
    path = tmp_path / name
    path.write_bytes(content)
    assert cli.main(["validate", str(path), "--locale", "vi"]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    assert fragment in captured.out


def test_cli_validate_names_the_header_row_and_reads_a_named_sheet(mini_data, tmp_path, capsys):
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Ghi chú"
    book.active.append(["Báo cáo quý"])
    for name, year in (("2024", "2024"), ("2023", "2023")):
        ws = book.create_sheet(name)
        ws.append(["BÁO CÁO SỐ LIỆU"])
        ws.append(HEADER.split(","))
        ws.append(["74", "ho_so_truc_tuyen_ty_le", year, 0.76, "actual", "src-a"])
        ws["D3"].number_format = "0%"
    path = tmp_path / "d.xlsx"
    book.save(path)
    assert cli.main(["validate", str(path), "--locale", "vi"]) == 1
    assert "sheet:" in capsys.readouterr().out
    assert cli.main(["validate", str(path), "--locale", "vi", "--sheet", "2023", "--language", "en"]) == 0
    out = capsys.readouterr().out
    assert f"{path}: header taken from row 2 of sheet 2023" in out
    assert "OK, 1 observation(s) valid" in out


@pytest.mark.parametrize("text", ["observations: [name: a\n", "- just a list\n", "observations: 5\n"])
def test_broken_registry_is_a_dtlib_error(mini_data, text):
    from dtlib.data.datasets import read_registry

    (mini_data / "datasets.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(DtlibError, match="datasets.yaml"):
        read_registry(mini_data)
