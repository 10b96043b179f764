"""The report's indicator table and the reporting layer, on hand-written rows."""

from __future__ import annotations

from datetime import date

import pytest
import yaml
from conftest import write_csv

from dtlib.data.datasets import load_bundle
from dtlib.layer import build_reporting_layer, read_reporting_layer
from dtlib.tables import format_value, gap_to_target, latest_quarter_ends, latest_table

HEADER = "unit,indicator,period,value,numerator,denominator,kind,source_id,status,note"


@pytest.fixture
def bundle(mini_data):
    write_csv(mini_data / "observations" / "o.csv", HEADER,
              "74,ho_so_truc_tuyen_ty_le,2023-10-06,\"62,5%\",,,actual,src-b,,",
              "74,ho_so_truc_tuyen_ty_le,2024-03-20,76%,,,actual,src-a,,",
              "74,ho_so_truc_tuyen_ty_le,2024-08-01,80%,,,actual,src-a,,",
              "74,doanh_nghiep_so_luong,2024-03-20,khoảng 65.000,,,actual,src-a,,",
              "74,dti_rank,2022,19,,,actual,src-a,,")
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump(
        {"observations": [{"name": "o", "path": "observations/o.csv", "locale": "vi"}]}))
    return load_bundle(mini_data)


def test_latest_value_as_of_quarter_end_ignores_later_figures(bundle):
    table = latest_table(bundle, "P63-74", date(2024, 3, 31), "vi").set_index("indicator")
    row = table.loc["ho_so_truc_tuyen_ty_le"]
    assert row["value"] == 76.0 and row["value_text"] == "76 %"
    assert row["source_label"] == "Báo A, 20/03/2024"  # one date format per language (vi)
    assert (row["target_value"], row["target_year"], row["gap"]) == (50.0, 2025, -26.0)
    assert table.loc["doanh_nghiep_so_luong", "value_text"] == "khoảng 65.000"
    assert table.loc["dti_rank", "value_text"] == "19/63"  # a province rank says out of how many
    assert row["gap_text"] == "đã đạt"


def test_gap_text_in_percentage_points():
    from dtlib.tables import format_gap

    assert format_gap(5.0, "percent", "vi") == "còn 5 điểm %"
    assert format_gap(6.3, "percent", "en") == "6.3 pp to go"
    assert format_gap(1500, "count", "vi") == "còn 1.500"
    assert format_gap(None, "count", "vi") == "–"


def test_english_formatting(bundle):
    table = latest_table(bundle, "P63-74", date(2024, 12, 31), "en").set_index("indicator")
    assert table.loc["doanh_nghiep_so_luong", "value_text"] == "about 65,000"
    assert table.loc["ho_so_truc_tuyen_ty_le", "name"] == "Online dossier rate"


def test_default_quarter_is_that_of_the_latest_figure(bundle):
    assert latest_quarter_ends(bundle).get("P63-74") == date(2024, 9, 30)
    assert latest_quarter_ends(bundle).get("P63-70") is None


def test_gap_respects_direction():
    assert gap_to_target(40, 50, "higher_better") == 10
    assert gap_to_target(12, 10, "lower_better") == 2
    assert format_value(86.3, "percent", "vi") == "86,3 %"


def test_reporting_layer_round_trip(bundle, tmp_path):
    folder = build_reporting_layer(bundle, tmp_path / "_data")
    again = read_reporting_layer(folder)
    assert len(again.observations) == len(bundle.observations)
    assert list(again.sources.index) == list(bundle.sources.index)
    progress = again.progress.set_index(["unit_id", "indicator"])
    assert progress.loc[("P63-74", "ho_so_truc_tuyen_ty_le"), "status_label_en"] == "Target met"
    assert progress.loc[("P63-74", "ho_so_truc_tuyen_ty_le"), "status_label_vi"] == "Đã đạt mục tiêu"
    assert not list(tmp_path.glob(".*partial"))


def test_reading_a_missing_layer_names_the_command(tmp_path):
    with pytest.raises(FileNotFoundError, match="dtlib build"):
        read_reporting_layer(tmp_path / "nothing")


def test_strict_target_is_not_met_at_equality():
    from dtlib.data.catalog import meets
    from dtlib.tables import format_gap

    assert not meets(75.0, 75.0, ">") and meets(75.0, 75.0, ">=")
    assert format_gap(0.0, "percent", "vi", met=False) == "bằng mức mục tiêu, chưa vượt"


def test_target_choice_is_relative_to_the_figure_date():
    import pandas as pd

    from dtlib.data.catalog import pick_target

    targets = pd.DataFrame({"indicator": ["x"] * 3, "scope": ["national"] * 3, "value": [75, 80, 95],
                            "year": [2023, 2025, 2030], "comparator": [">"] + [">="] * 2, "source_id": "s"})
    assert pick_target(targets, "x", "P63-74", 2024)["year"] == 2025
    assert pick_target(targets, "x", "P63-74", 2026)["year"] == 2030
    assert pick_target(targets.iloc[:2], "x", "P63-74", 2027)["year"] == 2025   # most recent past


def test_ranks_say_out_of_how_many():
    from dtlib.tables import format_rank, format_value

    assert format_rank(4, 34, "vi") == "4/34"
    assert format_rank(4, 34, "vi", word=True) == "hạng 4/34"
    assert format_rank(4, 34, "en", word=True) == "rank 4/34"
    assert format_value(19, "rank", "vi", group_size=63) == "19/63"
    assert format_value(19, "rank", "vi") == "19"
