"""The geography rule: every figure is filed on the 63-unit or the 34-unit geography, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write_csv

from dtlib.data.datasets import load_bundle, load_reference, read_registry
from dtlib.data.geography import GeographyError, default_group_size, place
from dtlib.data.loaders import load_observation_file
from dtlib.data.periods import parse_period
from dtlib.data.units import get, registry, resolve
from dtlib.errors import ValidationError

HEADER = "unit,indicator,period,value,kind,source_id,geography,group_size"


def load(path: Path, geography: str | None = None):
    catalog, sources, units = load_reference()
    return load_observation_file(path, locale="vi", catalog=catalog, source_ids=set(sources.index),
                                 units=units, geography=geography)


def test_shared_code_without_geography_is_refused(mini_data, tmp_path):
    path = write_csv(tmp_path / "d.csv", HEADER, "79,dti_rank,2024,4,actual,src-a,,",
                     "Đồng Nai,dti_rank,2022,20,actual,src-a,,")
    result = load(path)
    assert {p.row for p in result.problems} == {2, 3}
    assert all(p.column == "unit" and "state geography 63 or 34" in p.rule for p in result.problems)
    assert result.observations.empty


def test_dti_2024_on_both_geographies(mini_data, tmp_path):
    path = write_csv(tmp_path / "d.csv", HEADER,
                     "79,dti_rank,2024,4,actual,src-a,34,",
                     "79,dti_rank,2024,7,actual,src-a,63,",
                     "P34-75,dti_rank,2024,15,actual,src-a,,",
                     "74,dti_rank,2024,8,actual,src-a,,63")
    result = load(path)
    assert result.ok, result.problems
    obs = result.observations.set_index("row")
    assert (obs.loc[2, "unit_id"], obs.loc[2, "geography"], obs.loc[2, "group_size"]) == ("P34-79", "34", 34)
    assert (obs.loc[3, "unit_id"], obs.loc[3, "geography"], obs.loc[3, "group_size"]) == ("P63-79", "63", 63)
    assert (obs.loc[4, "unit_id"], obs.loc[4, "geography"]) == ("P34-75", "34")
    assert (obs.loc[5, "unit_id"], obs.loc[5, "geography"]) == ("P63-74", "63")
    assert obs.loc[2, "period"] == "2024" and obs.loc[2, "ref_date"].year == 2024


def test_file_default_and_row_override(mini_data, tmp_path):
    path = write_csv(tmp_path / "d.csv", HEADER, "79,dti_rank,2024,4,actual,src-a,,",
                     "79,dti_rank,2024,7,actual,src-a,63,")
    obs = load(path, geography="34").observations.set_index("row")
    assert list(obs["unit_id"]) == ["P34-79", "P63-79"]


@pytest.mark.parametrize(("row", "column", "fragment"), [
    ("74,dti_rank,2026,3,actual,src-a,63,", "period", "P34-79"),
    ("74,dti_rank,2024,3,actual,src-a,34,", "unit", "not a unit of the 34-unit geography"),
    ("P34-79,dti_rank,2024,3,actual,src-a,63,", "unit", "not a unit of the 63-unit geography"),
    ("79,dti_rank,2024,3,actual,src-a,35,", "geography", "must be 63"),
    ("79,dti_rank,2024,40,actual,src-a,34,34", "value", "beyond its group of 34"),
    ("79,doanh_nghiep_so_luong,2024,40,actual,src-a,34,34", "group_size", "only for ranks"),
    ("79,dti_rank,2024,4,actual,src-a,34,x", "group_size", "not a group size"),
])
def test_geography_problems_name_column_and_rule(mini_data, tmp_path, row, column, fragment):
    result = load(write_csv(tmp_path / "d.csv", HEADER, row))
    assert any(p.column == column and fragment in p.rule for p in result.problems), result.problems


def test_national_unit_exists_on_both_geographies():
    for text in ("Việt Nam", "cả nước", "VN", "toàn quốc"):
        assert resolve(text).id == "VN"
    assert place("VN", None, parse_period("2024")).geography == "63"
    assert place("VN", None, parse_period("2025Q4")).geography == "34"
    assert place("cả nước", "34", parse_period("2024")).geography == "34"
    assert default_group_size(get("VN"), "34") is None


def test_district_rank_group_is_the_province_districts():
    district = resolve("Thủ Dầu Một")
    assert default_group_size(district, "63") == len(registry().children(district.parent_id)) > 1


def test_place_refuses_unknown_generation_cleanly():
    with pytest.raises(GeographyError, match="state geography 63 or 34"):
        place("TP.HCM", None, parse_period("2022"))


def test_registry_rejects_a_bad_geography(mini_data):
    (mini_data / "datasets.yaml").write_text(
        "observations:\n  - {name: a, path: observations/a.csv, locale: vi, geography: 64}\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="geography"):
        read_registry(mini_data)


def test_registered_file_default_reaches_rows(mini_data):
    write_csv(mini_data / "observations" / "a.csv", HEADER, "79,dti_rank,2024,4,actual,src-a,,")
    (mini_data / "datasets.yaml").write_text(
        "observations:\n  - {name: a, path: observations/a.csv, locale: vi, geography: '34'}\n",
        encoding="utf-8")
    bundle = load_bundle(mini_data)
    assert list(bundle.observations["unit_id"]) == ["P34-79"]
    assert list(bundle.observations["group_size"]) == [34]


def test_cli_resolve_national_and_geography(capsys):
    from dtlib import cli

    assert cli.main(["resolve", "cả nước"]) == 0
    assert capsys.readouterr().out.startswith("VN\t")
    assert cli.main(["resolve", "79", "--geography", "34"]) == 0
    assert capsys.readouterr().out.startswith("P34-79\t")
    assert cli.main(["resolve", "79"]) == 1  # both generations and no date: refused, no traceback
    assert "P63-79" in capsys.readouterr().err


def test_cli_validate_with_file_geography(mini_data, tmp_path, capsys):
    from dtlib import cli

    path = write_csv(tmp_path / "d.csv", HEADER, "79,dti_rank,2024,4,actual,src-a,,")
    assert cli.main(["validate", str(path), "--locale", "vi", "--language", "en"]) == 1
    assert "state geography 63 or 34" in capsys.readouterr().out
    assert cli.main(["validate", str(path), "--locale", "vi"]) == 1  # the default language is vi
    assert "hãy ghi geography 63 hoặc 34" in capsys.readouterr().out
    assert cli.main(["validate", str(path), "--locale", "vi", "--geography", "34"]) == 0


def test_default_group_bounds_a_province_rank(mini_data, tmp_path):
    result = load(write_csv(tmp_path / "d.csv", HEADER, "P34-79,dti_rank,2024,40,actual,src-a,,"))
    assert any(p.column == "value" and "beyond the 34 units" in p.rule for p in result.problems)
