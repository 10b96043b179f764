"""Maps: boundaries load with text codes, maps render offline with attribution and highlight."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from _report_data import make_data_dir

from dtlib.drawing import maps
from dtlib.drawing.offline import REMOTE_REFERENCE, OfflineMap, leaflet_inline, offline_document


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        data = make_data_dir(tmp_path_factory.mktemp("maps"))
        mp.setenv("DTLIB_DATA_DIR", str(data))
        yield data


@pytest.fixture(scope="module")
def provinces(data_dir):
    return maps.load_geo(maps.PROVINCES_2024, data_dir)


@pytest.fixture(scope="module")
def districts(data_dir):
    return maps.load_geo(maps.DISTRICTS, data_dir)


def ranks(*pairs: tuple[str, int], synthetic: bool = False) -> pd.DataFrame:
    return pd.DataFrame({"unit_id": [f"P63-{c}" for c, _ in pairs], "code": [c for c, _ in pairs],
                         "rank": [r for _, r in pairs], "source_id": "s", "synthetic": synthetic})


def test_province_codes_are_text(provinces):
    assert len(provinces) == 63
    assert "01" in set(provinces["gso_code"]) and "74" in set(provinces["gso_code"])


def test_2025_file_joins_through_merged_codes(data_dir):
    by_code = maps.provinces_2025_by_code(maps.load_geo(maps.PROVINCES_2025, data_dir))
    assert len(by_code) == 63
    assert by_code.set_index("gso_code").loc["74", "province_2025_vi"] == "Hồ Chí Minh"
    assert by_code.set_index("gso_code").loc["70", "province_2025_vi"] == "Đồng Nai"


def test_dti_ranks_one_row_per_province_for_the_year():
    obs = pd.DataFrame({
        "unit_id": ["P63-74", "P63-74", "P63-70", "P34-79"], "indicator": "dti_rank",
        "kind": "actual", "period_kind": "year", "value": [19.0, 22.0, 40.0, 1.0],
        "period_end": pd.to_datetime(["2022-12-31", "2021-12-31", "2022-12-31", "2022-12-31"]),
        "source_id": "s", "synthetic": False,
    })
    got = maps.dti_ranks(obs, 2022)
    assert got[["code", "rank"]].values.tolist() == [["70", 40], ["74", 19]]


def test_rank_map_is_offline_attributed_and_highlighted(provinces):
    m = maps.dti_rank_map(provinces, ranks(("74", 19), ("70", 40)), ["74"], 2022, "vi")
    page = offline_document(m)
    assert REMOTE_REFERENCE.search(page) is None, REMOTE_REFERENCE.findall(page)
    assert "Leaflet 1.9.4" in page
    assert "CC BY-SA 4.0" in page and "Open Development Mekong" in page
    assert maps.HIGHLIGHT_COLOUR in page
    assert "Hạng DTI 2022" in page
    assert "giả lập" not in page


def test_rank_map_marks_synthetic_ranks(provinces):
    page = offline_document(maps.dti_rank_map(provinces, ranks(("74", 7), synthetic=True), [], 2022))
    assert "giả lập" in page


def test_district_map_draws_districts_and_their_union(districts):
    m = maps.district_map(districts, "74", "vi")
    page = offline_document(m)
    assert REMOTE_REFERENCE.search(page) is None
    name = "Thành phố Thủ Dầu Một"
    assert name in page or json.dumps(name)[1:-1] in page  # folium writes GeoJSON ASCII-escaped
    assert "gis.chinhphu.vn" in page
    own = districts[districts["province_gso_code"] == "74"]
    outline = maps.province_outline(own).to_crs(3405)  # VN-2000 / UTM 48N
    assert len(own) == 9
    assert outline.iloc[0].area == pytest.approx(own.geometry.to_crs(3405).area.sum(), rel=1e-3)


def test_district_map_none_without_districts(districts):
    assert maps.district_map(districts, "48") is None


def test_offline_map_is_wrapped_iframe_with_escaped_document(provinces):
    html = OfflineMap(maps.dti_rank_map(provinces, ranks(("74", 1)), ["74"], 2022))._repr_html_()
    assert html.startswith('<div class="dt-map"><iframe srcdoc="')
    assert "<script" not in html.split('srcdoc="', 1)[1].split('"', 1)[0]  # escaped inside srcdoc


def test_leaflet_images_are_data_uris():
    inline = leaflet_inline()
    assert "images/marker-icon.png" not in inline
    assert re.search(r"iconUrl:'data:image/png;base64,", inline)
