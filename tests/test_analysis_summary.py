"""Report helpers: status table, pillar sentences (vi and en), forecast fan figure."""

from __future__ import annotations

import numpy as np
import pandas as pd
import plotly.graph_objects as go
import pytest

from dtlib.analysis.config import ProgressConfig, load_progress_config
from dtlib.analysis.figures import forecast_fan
from dtlib.analysis.forecast import forecast_all
from dtlib.analysis.summary import pillar_sentence, pillar_summary, status_table

META = pd.DataFrame({
    "indicator": ["dossiers_online", "processing_days", "broadband_households", "it_staff"],
    "direction": ["higher_better", "lower_better", "higher_better", "higher_better"],
    "unit": ["percent", "count", "percent", "count"],
})
PILLAR_OF = {"dossiers_online": "chinh_quyen_so", "processing_days": "chinh_quyen_so",
             "broadband_households": "xa_hoi_so", "it_staff": "chinh_quyen_so"}


def observations() -> pd.DataFrame:
    rows = [
        ("dossiers_online", "2022-12-31", 40.0), ("dossiers_online", "2023-12-31", 55.0),
        ("dossiers_online", "2024-12-31", 72.0),
        ("processing_days", "2022-12-31", 10.0), ("processing_days", "2024-12-31", 12.0),
        ("broadband_households", "2024-06-30", 81.0),
        ("it_staff", "2022-12-31", 50.0), ("it_staff", "2024-12-31", 95.0),
    ]
    return pd.DataFrame([{
        "unit_id": "P63-74", "indicator": i, "period": d, "period_kind": "year",
        "period_start": pd.Timestamp(d), "period_end": pd.Timestamp(d),
        "ref_date": pd.Timestamp(d), "value": v, "numerator": np.nan, "denominator": np.nan,
        "qualifier": "eq", "kind": "actual", "source_id": "test", "status": "ok", "note": "",
    } for i, d, v in rows])


TARGETS = pd.DataFrame({
    "indicator": ["dossiers_online", "processing_days", "broadband_households", "it_staff"],
    "scope": ["national"] * 4, "value": [90.0, 5.0, 100.0, 90.0], "year": [2025] * 4,
    "comparator": [None] * 4, "source_id": ["t"] * 4,
})


def test_status_table_has_status_method_and_labels():
    table = status_table(observations(), TARGETS, META, lang="vi").set_index("indicator")
    assert table.loc["dossiers_online", "status"] == "fair"  # 16 pp/yr vs 18 pp/yr needed
    assert table.loc["dossiers_online", "method"] == "absolute_pace"
    assert table.loc["processing_days", "status"] == "deterioration"
    assert table.loc["processing_days", "status_label"] == "Đi xuống"
    assert table.loc["broadband_households", "status"] == "insufficient_data"
    assert table.loc["it_staff", "status"] == "met"
    assert bool(table.loc["dossiers_online", "on_track_this_quarter"]) is False
    assert pd.isna(table.loc["broadband_households", "on_track_this_quarter"])
    assert table["method_description"].notna().all()


def test_pillar_sentences_en_and_vi():
    statuses = ["met", "on_track", "fair", "deterioration", "insufficient_data"]
    en = pillar_sentence("Digital government", statuses, ["Processing time"], "en")
    assert en == ("Digital government: 2 of 5 indicators met or on track; 1 needs acceleration; "
                  "1 limited or deteriorating (“Processing time”); 1 without enough data.")
    vi = pillar_sentence("Chính quyền số", statuses, ["Thời gian xử lý"], "vi")
    assert vi == ("Chính quyền số: 2/5 chỉ tiêu đã đạt hoặc đúng tiến độ; 1 chỉ tiêu cần tăng "
                  "tốc; 1 chỉ tiêu tiến bộ hạn chế hoặc đi xuống (“Thời gian xử lý”); 1 chỉ tiêu "
                  "chưa đủ dữ liệu.")


def test_pillar_sentence_edge_cases():
    assert pillar_sentence("X", ["met", "on_track"], [], "en") == (
        "X: all 2 indicators met or on track.")
    assert pillar_sentence("X", ["met"], [], "en") == "X: its one indicator is met or on track."
    assert pillar_sentence("X", ["insufficient_data"], [], "en") == (
        "X: no indicator has enough data to assess yet.")
    assert pillar_sentence("X", [], [], "vi") == (
        "X: chưa có chỉ tiêu nào đủ dữ liệu để đánh giá.")
    many = pillar_sentence("X", ["limited"] * 5, list("abcde"), "en")
    assert "(“a”, “b”, “c” +2)" in many and "2 need" not in many
    assert "2 need acceleration" in pillar_sentence("X", ["fair", "fair"], [], "en")
    with pytest.raises(ValueError, match="lang"):
        pillar_sentence("X", ["met"], [], "fr")


def test_pillar_summary_groups_by_pillar():
    table = status_table(observations(), TARGETS, META)
    out = pillar_summary(table, PILLAR_OF, "en",
                         names={"processing_days": "Processing time"}).set_index("pillar")
    assert out.loc["chinh_quyen_so", "sentence"] == (
        "Digital government: 1 of 3 indicators met or on track; 1 needs acceleration; "
        "1 limited or deteriorating (“Processing time”).")
    assert out.loc["xa_hoi_so", "n_insufficient"] == 1
    vi = pillar_summary(table, PILLAR_OF, "vi").set_index("pillar")
    assert vi.loc["xa_hoi_so", "sentence"].startswith("Xã hội số:")


def test_custom_labels_come_from_config():
    base = load_progress_config()
    labels = {**base.labels, "fair": {"vi": "Cần tăng tốc", "en": "Speed up"}}
    cfg = ProgressConfig(labels=labels, pillars=base.pillars)
    table = status_table(observations(), TARGETS, META, config=cfg).set_index("indicator")
    assert table.loc["dossiers_online", "status_label"] == "Speed up"


def test_forecast_fan_figure():
    obs = observations()
    fc = forecast_all(obs, TARGETS, META)
    fig = forecast_fan(fc, "P63-74", "dossiers_online", obs, lang="vi")
    assert isinstance(fig, go.Figure)
    names = [t.name for t in fig.data]
    assert names == ["Khoảng 95%", "Khoảng 80%", "Dự báo", "Số liệu thực tế"]
    texts = [a.text for a in fig.layout.annotations]
    assert any("Mục tiêu 2025: 90" in t for t in texts)
    assert any(t.startswith("Xác suất đạt mục tiêu năm 2025") for t in texts)
    thin = forecast_fan(fc, "P63-74", "processing_days", obs)
    assert any(a.text.startswith("No forecast:") for a in thin.layout.annotations)
    with pytest.raises(ValueError, match="no forecast row"):
        forecast_fan(fc, "P63-70", "dossiers_online")
