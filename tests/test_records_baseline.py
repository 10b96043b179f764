"""The pandas baseline of the benchmark computes exactly the engine's sums (else timing is moot)."""

from __future__ import annotations

import pandas as pd
import records_handmade as h
from baseline_pandas import pandas_sums

from dtlib.records.definitions import COUNT_COLUMNS
from dtlib.records.engine import compute
from dtlib.records.synth import write_dataset

KEYS = ["province_code", "district_code", "commune_code", "period"]


def normalised(sums: pd.DataFrame) -> pd.DataFrame:
    s = sums.copy()
    s[KEYS] = s[KEYS].astype(object).where(s[KEYS].notna(), "")
    s[list(COUNT_COLUMNS)] = s[list(COUNT_COLUMNS)].astype("int64")
    return s.sort_values(KEYS).reset_index(drop=True)[KEYS + list(COUNT_COLUMNS)]


def test_pandas_baseline_equals_engine_on_synthetic_records(tmp_path):
    path = write_dataset(tmp_path / "s", 3_000, seed=11)
    catalog = path / "procedures_synthetic.csv"
    engine = compute(path, catalog)
    baseline, _ = pandas_sums(path, engine_catalog(catalog))
    pd.testing.assert_frame_equal(normalised(engine.sums), normalised(baseline))


def test_pandas_baseline_drops_the_same_rejects(tmp_path):
    rows = [h.record(dossier_id="a"), h.record(dossier_id="dup"), h.record(dossier_id="dup"),
            h.record(dossier_id="bad", status=42), h.record(dossier_id="b", district_code="688")]
    path = h.write(rows, tmp_path / "r.parquet")
    engine = compute(path, h.catalog())
    baseline, _ = pandas_sums(path, h.catalog())
    assert engine.n_rejected == 4
    pd.testing.assert_frame_equal(normalised(engine.sums), normalised(baseline))


def engine_catalog(path):
    from dtlib.records.catalog import load_catalog

    return load_catalog(path)
