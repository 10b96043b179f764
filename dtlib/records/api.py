"""Convenience entry points for reports and dashboards: one unit, one quarter, cached.

A report asks for Bình Dương in 2024Q1 many times (text, tables, charts); computing every
unit and quarter of the sample takes about a second, so results are cached per records path
and its modification time.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from dtlib.data.periods import parse_period
from dtlib.paths import data_dir
from dtlib.records.definitions import Options
from dtlib.records.engine import RecordsResult
from dtlib.records.engine import compute as _compute

SAMPLE_FOLDER = ("samples", "records")
CATALOG_FILE = "procedures_synthetic.csv"


def sample_path() -> Path:
    """The shipped synthetic sample (`data/samples/records/`)."""
    return data_dir().joinpath(*SAMPLE_FOLDER)


def compute(
    records_path: str | Path | None = None,
    catalog: str | Path | None = None,
    *,
    kind: str = "quarter",
    options: Options | None = None,
    backend: str = "duckdb",
) -> RecordsResult:
    """Every indicator for every unit and period (see `dtlib.records.engine.compute`)."""
    path = Path(records_path) if records_path else sample_path()
    catalog = Path(catalog) if catalog else (path if path.is_dir() else path.parent) / CATALOG_FILE
    return _compute(path, catalog, kind=kind, options=options, backend=backend)  # type: ignore[arg-type]


@lru_cache(maxsize=8)
def _cached(path: str, catalog: str, kind: str, mtime: float) -> RecordsResult:
    return compute(path, catalog or None, kind=kind)


def indicators_for(
    unit: str, quarter: str, records_path: str | Path | None = None,
    catalog: str | Path | None = None,
) -> pd.DataFrame:
    """The 766 indicators of one unit and quarter, with `synthetic` and `definition_version`.

    `unit` is any spelling `dtlib.data.units.resolve` accepts; a unit abolished before the quarter
    ends is reported through its successor (Bình Dương 2025Q3 → TP. Hồ Chí Minh, P34-79, from
    Bình Dương's records only). An empty frame means no dossier of that unit in that quarter.
    """
    from dtlib.data.units import resolve
    from dtlib.records.unitmap import reporting_unit

    period = parse_period(quarter)
    if period.kind != "quarter":
        raise ValueError(f"{quarter!r} is a {period.kind}, not a quarter (e.g. 2024Q1)")
    found = resolve(unit, on=period.end)
    target = reporting_unit(found.level, found.code, period.end) if found.level in (
        "province", "district") else (found.id, "")
    path = Path(records_path) if records_path else sample_path()
    mtime = max((p.stat().st_mtime for p in [path, *path.rglob("*.parquet")]), default=0.0)
    result = _cached(str(path), str(catalog or ""), "quarter", mtime)
    values = result.indicators
    if values.empty or target is None:
        return values.iloc[0:0]
    rows = values[(values.unit == target[0]) & (values.period == period.label)]
    return rows.reset_index(drop=True)
