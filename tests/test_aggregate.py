from datetime import date

import pandas as pd
import pytest

from dtlib.data.aggregate import reaggregate
from dtlib.data.catalog import load_catalog
from dtlib.data.units import registry
from dtlib.errors import AggregationError

AFTER = date(2025, 7, 1)


def obs(rows):
    frame = pd.DataFrame(rows, columns=["unit_id", "indicator", "period", "value", "numerator", "denominator"])
    return frame.assign(kind="actual", source_id="src-a", ref_date=pd.Timestamp("2024-12-31"))


@pytest.fixture
def catalog(mini_data):
    return load_catalog(mini_data / "catalog" / "indicators.yaml")


def test_counts_add_up_to_the_merged_unit(catalog):
    frame = obs([("P63-70", "doanh_nghiep_so_luong", "2024", 6500, None, None),
                 ("P63-75", "doanh_nghiep_so_luong", "2024", 20000, None, None)])
    result = reaggregate(frame, AFTER, catalog, registry())
    row = result.values.iloc[0]
    assert (row["unit_id"], row["value"], row["from_units"]) == ("P34-75", 26500, ["P63-70", "P63-75"])
    assert result.incomplete.empty


def test_rates_pool_numerators_and_denominators(catalog):
    frame = obs([("P63-70", "ho_so_truc_tuyen_ty_le", "2024", 50.0, 50, 100),
                 ("P63-75", "ho_so_truc_tuyen_ty_le", "2024", 80.0, 240, 300)])
    value = reaggregate(frame, AFTER, catalog, registry()).values.iloc[0]["value"]
    assert value == pytest.approx(100 * 290 / 400)  # not (50 + 80) / 2


def test_missing_constituent_is_incomplete_not_partial(catalog):
    frame = obs([("P63-70", "doanh_nghiep_so_luong", "2024", 6500, None, None)])
    result = reaggregate(frame, AFTER, catalog, registry())
    assert result.values.empty
    assert result.incomplete.iloc[0]["missing"] == ["P63-75"]


def test_three_way_merge_needs_all_three(catalog):
    frame = obs([(u, "doanh_nghiep_so_luong", "2024", 1, None, None) for u in ("P63-74", "P63-77", "P63-79")])
    result = reaggregate(frame, AFTER, catalog, registry())
    assert result.values.iloc[0][["unit_id", "value"]].tolist() == ["P34-79", 3]


def test_ranks_are_refused_with_reason(catalog):
    frame = obs([("P63-70", "dti_rank", "2022", 12, None, None)])
    with pytest.raises(AggregationError, match="ranks, indices and scores"):
        reaggregate(frame, AFTER, catalog, registry())


def test_rates_without_parts_are_refused(catalog):
    frame = obs([("P63-70", "ho_so_truc_tuyen_ty_le", "2024", 57.6, None, None)])
    with pytest.raises(AggregationError, match="no numerator/denominator"):
        reaggregate(frame, AFTER, catalog, registry())


def test_districts_add_up_to_their_province_before_the_reform(catalog):
    districts = [u.id for u in registry().children("P63-74")]
    frame = obs([(d, "doanh_nghiep_so_luong", "2024", 10, None, None) for d in districts])
    result = reaggregate(frame, date(2024, 12, 31), catalog, registry())
    assert result.values.iloc[0][["unit_id", "value"]].tolist() == ["P63-74", 90]
    partial = reaggregate(frame.iloc[1:], date(2024, 12, 31), catalog, registry())
    assert partial.values.empty and partial.incomplete.iloc[0]["missing"] == [districts[0]]


def test_mixed_levels_refused(catalog):
    frame = obs([("P63-74", "doanh_nghiep_so_luong", "2024", 1, None, None),
                 ("D-718", "doanh_nghiep_so_luong", "2024", 1, None, None)])
    with pytest.raises(AggregationError, match="mix province and district"):
        reaggregate(frame, date(2024, 12, 31), catalog, registry())


def test_figures_already_on_the_new_unit_are_not_added_to_its_former_areas(catalog):
    frame = obs([(u, "doanh_nghiep_so_luong", "2024", 1, None, None) for u in ("P63-74", "P63-77", "P63-79")]
                + [("P34-79", "doanh_nghiep_so_luong", "2024", 5, None, None),
                   ("VN", "doanh_nghiep_so_luong", "2024", 100, None, None)])
    values = reaggregate(frame, AFTER, catalog, registry()).values.set_index("method")
    assert values.loc["reaggregated", "value"] == 3 and values.loc["published", "value"] == 5
    assert set(values["unit_id"]) == {"P34-79"}


def test_new_units_are_not_split_onto_old_provinces(catalog):
    frame = obs([("P34-79", "doanh_nghiep_so_luong", "2024", 5, None, None)])
    assert reaggregate(frame, date(2024, 12, 31), catalog, registry()).values.empty
