"""Shared fixtures: a small, hand-written data folder next to the real unit tables."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

MINI_CATALOG = """\
indicators:
  - code: ho_so_truc_tuyen_ty_le
    name_vi: "Tỷ lệ hồ sơ trực tuyến"
    name_en: "Online dossier rate"
    pillar: chinh_quyen_so
    unit: percent
    direction: higher_better
    aggregation: ratio
    definition: "Online dossiers / all dossiers received."
    targets:
      - {value: 50, year: 2025, scope: P63-74, comparator: ">=", source_id: src-a}
  - code: doanh_nghiep_so_luong
    name_vi: "Số doanh nghiệp"
    name_en: "Number of enterprises"
    pillar: kinh_te_so
    unit: count
    direction: higher_better
    aggregation: sum
    definition: "Active enterprises."
  - code: dti_rank
    name_vi: "Xếp hạng DTI"
    name_en: "DTI rank"
    pillar: tong_hop
    unit: rank
    direction: lower_better
    aggregation: none
    definition: "Rank among 63 provinces."
"""

MINI_SOURCES = """\
source_id,outlet,title,published,author,locator,kind,licence,note
src-a,Báo A,Tin A,2024-03-20,,seeds/a.txt,news,cited,
src-b,Báo B,Tin B,2023-10-06,,https://example.org/b,news,cited,
"""


@pytest.fixture
def mini_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A data folder with the real unit tables and a hand-written catalog and sources."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "units", data / "units")
    shutil.copytree(ROOT / "data" / "config", data / "config")
    (data / "catalog").mkdir()
    (data / "catalog" / "indicators.yaml").write_text(MINI_CATALOG, encoding="utf-8")
    (data / "sources.csv").write_text(MINI_SOURCES, encoding="utf-8")
    (data / "observations").mkdir()
    (data / "datasets.yaml").write_text("observations: []\n", encoding="utf-8")
    monkeypatch.setenv("DTLIB_DATA_DIR", str(data))
    return data


def write_csv(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def chromium():
    """Debian's chromium through Playwright, one browser per test module (`dashboard_support`)."""
    from dashboard_support import CHROMIUM, launch_chromium

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make browser` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch_chromium(p)
        yield browser
        browser.close()
