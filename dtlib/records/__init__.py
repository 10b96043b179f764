"""Decision 766 indicators from dossier records, on DuckDB (default) or PySpark.

The public API is this file: `compute` (any records, every unit and period), `indicators_for`
(one unit and quarter, for the quarterly report and the Voila page), `sample_path` (the
shipped synthetic sample), `Options`, `INDICATORS`, `VERSIONS`. Names load on first use, so
`from dtlib.records.cli import register` costs nothing and no engine loads before a command runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_HOMES = {
    "compute": "dtlib.records.api",
    "indicators_for": "dtlib.records.api",
    "sample_path": "dtlib.records.api",
    "INDICATORS": "dtlib.records.definitions",
    "VERSIONS": "dtlib.records.definitions",
    "Options": "dtlib.records.definitions",
}
__all__ = sorted(_HOMES)


def __getattr__(name: str) -> Any:
    if name in _HOMES:
        return getattr(import_module(_HOMES[name]), name)
    raise AttributeError(f"module 'dtlib.records' has no attribute {name!r}")
