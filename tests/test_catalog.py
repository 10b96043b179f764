from pathlib import Path

import pytest

from dtlib.data.catalog import load_catalog
from dtlib.errors import CatalogError


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "indicators.yaml"
    path.write_text(body, encoding="utf-8")
    return path


ENTRY = """\
indicators:
  - code: x_rate
    name_vi: "X"
    name_en: "X"
    pillar: chinh_quyen_so
    unit: percent
    direction: {direction}
    aggregation: ratio
    definition: "d"
    targets:
      - {{value: {value}, year: {year}, scope: national, comparator: ">=", source_id: s}}
"""


def test_valid_catalog_loads(tmp_path):
    catalog = load_catalog(write(tmp_path, ENTRY.format(direction="higher_better", value=50, year=2025)))
    assert catalog["x_rate"].targets[0].value == 50
    assert not catalog["x_rate"].additive
    assert list(catalog.targets_frame()["year"]) == [2025]


def test_direction_has_no_default(tmp_path):
    body = ENTRY.format(direction="higher_better", value=50, year=2025).replace(
        "    direction: higher_better\n", "")
    with pytest.raises(CatalogError, match=r"x_rate.direction.*is required"):
        load_catalog(write(tmp_path, body))


def test_every_problem_reported_at_once(tmp_path):
    body = ENTRY.format(direction="up", value="'fifty'", year=1800)
    with pytest.raises(CatalogError) as info:
        load_catalog(write(tmp_path, body))
    message = str(info.value)
    assert "direction" in message and "must be a number" in message and "must be a year" in message


def test_rank_must_be_lower_better(tmp_path):
    body = ENTRY.format(direction="higher_better", value=1, year=2025).replace("unit: percent", "unit: rank")
    with pytest.raises(CatalogError, match="rank 1 is best"):
        load_catalog(write(tmp_path, body))


def test_unknown_field_rejected(tmp_path):
    body = ENTRY.format(direction="higher_better", value=1, year=2025).replace(
        "    definition:", "    weigth: 3\n    definition:")
    with pytest.raises(CatalogError, match="weigth.*not a catalog field"):
        load_catalog(write(tmp_path, body))


def test_missing_top_level_key(tmp_path):
    with pytest.raises(CatalogError, match="top-level key 'indicators'"):
        load_catalog(write(tmp_path, "- code: x\n"))


def test_real_catalog_is_valid():
    root = Path(__file__).resolve().parent.parent
    catalog = load_catalog(root / "data" / "catalog" / "indicators.yaml")
    assert len(catalog) >= 20
    assert catalog["dti_rank"].direction == "lower_better"
