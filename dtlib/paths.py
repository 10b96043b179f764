"""Where dtlib finds its data and writes its outputs: the one module that names paths.

`DTLIB_DATA_DIR` and `DTLIB_REPORTS_DIR` override the defaults so that a department can keep
its deliveries outside the repository; nothing else in dtlib reads the environment for paths.
"""

from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The repository checkout (dtlib is installed editable with `pip install -e .`)."""


def data_dir() -> Path:
    """The `data/` folder: raw, cited inputs (read at call time so tests can override it)."""
    return Path(os.environ.get("DTLIB_DATA_DIR", PROJECT_ROOT / "data"))


def reports_dir() -> Path:
    """The `reports/` folder: disposable outputs."""
    return Path(os.environ.get("DTLIB_REPORTS_DIR", PROJECT_ROOT / "reports"))


def notebooks_dir() -> Path:
    """The report and dashboard notebooks."""
    return PROJECT_ROOT / "notebooks"


def processed_dir() -> Path:
    """The reporting layer: frames prepared for reports and dashboards."""
    return reports_dir() / "_data"
