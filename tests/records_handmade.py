"""Build small hand-written record sets: one readable row per rule in the records tests.

A test helper, not part of the installed package (pytest finds it through `pythonpath`).

`record(dossier_id="A", finished_at="2024-02-10 10:00:01")` gives a complete, valid dossier of
procedure `T.FULL` received on 2024-02-01 08:00 in Thủ Dầu Một (D-718, Bình Dương) with every
other field at a neutral default; `write` saves rows as Parquet for the engine.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from dtlib.records.catalog import check_catalog
from dtlib.records.schema import COLUMNS

DEFAULTS: dict[str, Any] = {
    "dossier_id": "X", "procedure_code": "T.FULL", "agency_code": "UBND-718",
    "province_code": "74", "district_code": "718", "commune_code": None,
    "channel": 1, "submitted_at": "2024-02-01 08:00:00", "received_at": "2024-02-01 08:00:00",
    "due_at": "2024-02-10 17:00:00", "finished_at": "2024-02-05 10:00:00", "status": 10,
    "online_payment": 0, "fee_lines": 0, "fee_total": 0.0, "results_total": 1,
    "results_electronic": 0, "documents_total": 2, "documents_digitised": 0,
    "documents_reused": 0, "documents_from_store": 0, "has_digitised_component": 0,
    "vneid_authenticated": 0, "supplement_count": 0, "supplement_requested_at": None,
    "supplement_received_at": None,
}


def record(**overrides: Any) -> dict[str, Any]:
    """One dossier: the defaults above with `overrides` (unknown names are an error)."""
    unknown = set(overrides) - set(DEFAULTS)
    if unknown:
        raise KeyError(f"not record columns: {sorted(unknown)}")
    return {**DEFAULTS, **overrides}


def frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    """Typed frame of records (timestamps parsed, integer columns nullable)."""
    df = pd.DataFrame(rows, columns=[c.name for c in COLUMNS])
    for c in COLUMNS:
        if c.type == "timestamp":
            df[c.name] = pd.to_datetime(df[c.name]).astype("datetime64[us]")
        elif c.type == "int":
            df[c.name] = pd.array(df[c.name], dtype="Int64")
        elif c.type == "float":
            df[c.name] = df[c.name].astype("float64")
        else:
            df[c.name] = df[c.name].astype("string").astype(object)
    return df


def write(rows: list[dict[str, Any]], path: str | Path) -> Path:
    """Save rows as one Parquet file with the engine's column types."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from dtlib.records.synth import arrow_schema

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pandas(frame(rows), schema=arrow_schema(), preserve_index=False)
    pq.write_table(table.replace_schema_metadata(None), path)
    return path


CATALOG_ROWS = [
    # procedure_code, valid_from, valid_to, service_level, fee_bearing, paper_result, days
    ["T.FULL", "2022-01-01", "", "full_online", "1", "1", "10"],
    ["T.PART", "2022-01-01", "", "partly_online", "0", "0", "5"],
    ["T.NONE", "2022-01-01", "", "none", "0", "1", "15"],
    ["T.FREE", "2022-01-01", "", "full_online", "0", "0", "3"],
]


def catalog_text() -> pd.DataFrame:
    """The four test procedures as the CSV holds them (all text)."""
    return pd.DataFrame(CATALOG_ROWS, columns=[
        "procedure_code", "valid_from", "valid_to", "service_level", "fee_bearing",
        "paper_result", "statutory_days"])


def catalog() -> pd.DataFrame:
    """Full-online with fee and paper result, partly online, offline, fee-free: checked."""
    return check_catalog(catalog_text(), "handmade catalog")


def write_catalog(path: str | Path) -> Path:
    """Save the test catalog as a CSV `dtlib records --catalog` reads."""
    path = Path(path)
    catalog_text().to_csv(path, index=False)
    return path
