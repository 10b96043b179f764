"""The SYNTHETIC data folder of the report tests: tests/fixtures/report_data + real units and geo.

Every value in tests/fixtures/report_data is invented (its datasets.yaml marks it synthetic);
only the unit tables (data/units) and the boundaries (data/geo) are the project's real files;
data/config/report.yaml is tests/fixtures/report_config.yaml (headline indicators of the fixture).
"""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "report_data"


def geo_source() -> Path:
    return ROOT / "data" / "geo"


def make_data_dir(parent: Path) -> Path:
    """Assemble the fixture data folder under `parent` and return it."""
    data = parent / "data"
    shutil.copytree(FIXTURE, data)
    shutil.copytree(ROOT / "data" / "units", data / "units")
    shutil.copytree(ROOT / "data" / "config", data / "config")
    shutil.copy(ROOT / "tests" / "fixtures" / "report_config.yaml", data / "config" / "report.yaml")
    shutil.copytree(geo_source(), data / "geo")
    return data
