"""The synthetic generator: deterministic, calibrated, marked synthetic, memory-bounded."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from dtlib.records import api
from dtlib.records.load import SYNTHETIC_MARKER, is_synthetic
from dtlib.records.synth import (
    CALIBRATION_TOLERANCE_PP,
    CHUNK_ROWS,
    N_ONLINE_PROCEDURES,
    N_PROCEDURES,
    TARGETS,
    chunk_plan,
    make_catalog,
    write_dataset,
)


def read_all(path):
    files = sorted(path.rglob("*.parquet"))
    return pd.concat([pd.read_parquet(f) for f in files], ignore_index=True)


def test_same_seed_same_records_other_seed_other_records(tmp_path):
    a = read_all(write_dataset(tmp_path / "a", 3_000, seed=1))
    b = read_all(write_dataset(tmp_path / "b", 3_000, seed=1))
    c = read_all(write_dataset(tmp_path / "c", 3_000, seed=2))
    pd.testing.assert_frame_equal(a, b)
    assert len(a) == 3_000 and a.dossier_id.is_unique
    assert not a.channel.equals(c.channel)


def test_output_is_marked_synthetic(tmp_path):
    path = write_dataset(tmp_path / "s", 500, seed=3)
    meta = json.loads((path / SYNTHETIC_MARKER).read_text())
    assert meta["synthetic"] is True and meta["seed"] == 3 and meta["records"] == 500
    assert is_synthetic(path)
    assert (pd.read_csv(path / "procedures_synthetic.csv").synthetic == 1).all()


def test_chunk_plan_is_exact_and_bounded():
    plan = chunk_plan(50_000_000)
    assert sum(rows for *_, rows in plan) == 50_000_000
    assert max(rows for *_, rows in plan) <= CHUNK_ROWS


def test_catalog_matches_published_procedure_counts():
    cat = make_catalog()
    assert len(cat) == N_PROCEDURES
    assert (cat.service_level != "none").sum() == N_ONLINE_PROCEDURES  # 1,586 of 1,887
    assert cat.procedure_code.str.startswith("SYN.").all()


def test_no_district_codes_after_the_reform(tmp_path):
    df = read_all(write_dataset(tmp_path / "s", 5_000, seed=4))
    after = df[df.received_at >= "2025-07-01"]
    assert len(after) and after.district_code.isna().all()


@pytest.fixture(scope="module")
def sample_result():
    """The shipped sample (100,000 records), computed once per year."""
    return api.compute(api.sample_path(), kind="year")


@pytest.mark.parametrize(("unit", "year", "indicator", "target"), [
    ("P63-70", "2024", "hs766_truc_tuyen_ty_le", TARGETS["online"][("70", 2024)]),
    ("P63-70", "2024", "hs766_thanh_toan_truc_tuyen_ty_le", TARGETS["payment"][("70", 2024)]),
    ("P63-74", "2024", "hs766_truc_tuyen_ty_le", TARGETS["online"][("74", 2024)]),
    ("P63-70", "2024", "hs766_tai_su_dung_ty_le", TARGETS["reuse"][("70", 2024)]),
    ("P63-70", "2024", "hs766_ket_qua_dien_tu_ty_le", TARGETS["e_result"][("70", 2024)]),
])
def test_generated_rates_match_published_figures(sample_result, unit, year, indicator, target):
    v = sample_result.indicators
    row = v[(v.unit == unit) & (v.period == year) & (v.indicator == indicator)].iloc[0]
    assert row.value == pytest.approx(target, abs=CALIBRATION_TOLERANCE_PP)
    assert row.synthetic


def test_districts_differ(sample_result):
    v = sample_result.indicators
    rates = v[(v.unit_level == "district") & (v.period == "2024")
              & (v.indicator == "hs766_truc_tuyen_ty_le")].value
    assert rates.max() - rates.min() > 10  # district offsets span ±10 points
