"""A change of methodology is a break: never one line, never a pace (`dtlib.data.methodology`)."""

from __future__ import annotations

import pandas as pd

from dtlib.analysis.forecast import forecast_all
from dtlib.analysis.progress import assess_progress
from dtlib.data.catalog import Indicator
from dtlib.data.methodology import latest_version_only, segments, with_versions
from dtlib.drawing.charts import rank_history_chart, trend_chart

HISTORY = ({"from": "2020", "to": "2021", "version": "A"}, {"from": "2022", "to": None, "version": "B"})
INDICATOR = Indicator(code="x_score", name_vi="Điểm X", name_en="X score", pillar="tong_hop", unit="points",
                      direction="higher_better", aggregation="none", definition="", definition_history=HISTORY)


def rows(values: dict[int, float], indicator: str = "x_score") -> pd.DataFrame:
    """Hand-written actual rows of one unit, one per year."""
    ends = pd.to_datetime([f"{year}-12-31" for year in values])
    frame = pd.DataFrame({"unit_id": "P63-74", "indicator": indicator, "period_end": ends, "ref_date": ends,
                          "value": list(values.values()), "kind": "actual", "status": "ok", "qualifier": "eq",
                          "source_id": "src-a", "synthetic": False})
    return with_versions(frame, {indicator: HISTORY})


def test_each_figure_carries_the_version_of_its_year():
    assert rows({2020: 1, 2021: 2, 2022: 3, 2030: 4})["method_version"].tolist() == ["A", "A", "B", "B"]
    assert with_versions(rows({2020: 1}), {})["method_version"].tolist() == [""]


def test_a_trend_line_is_cut_where_the_method_changes():
    no_targets = pd.DataFrame(columns=["indicator", "value", "year", "scope", "comparator", "source_id"])
    figure = trend_chart(rows({2020: 50, 2021: 55, 2022: 40, 2023: 45}), INDICATOR, no_targets, "en")
    lines = [[str(x)[:4] for x in trace.x] for trace in figure.data]
    assert lines == [["2020", "2021"], ["2022", "2023"]]
    assert "method B" in figure.data[1].name
    assert len(segments(rows({2020: 1, 2021: 2}))) == 1


def test_a_rank_history_is_cut_where_the_method_changes():
    ranks = rows({2020: 31, 2021: 22, 2022: 19}, indicator="dti_rank").assign(group_size=63)
    figure = rank_history_chart(ranks, "vi")
    assert [list(trace.x) for trace in figure.data] == [[2020, 2021], [2022]]


def test_progress_and_forecasts_use_only_the_latest_method():
    obs = rows({2019: 10, 2020: 20, 2021: 30, 2022: 5, 2023: 6, 2024: 7})
    kept, left_out = latest_version_only(obs)
    assert left_out == 3 and kept["method_version"].eq("B").all()
    meta = pd.DataFrame({"indicator": ["x_score"], "direction": ["higher_better"], "unit": ["points"]})
    result = assess_progress(obs, None, meta).iloc[0]
    assert "earlier methodology" in result["note"]
    # the fall from 30 to 5 is a change of method, not a deterioration: only 5 → 6 → 7 is assessed
    assert result["status"] != "deterioration"
    forecasts = forecast_all(obs, None, meta, horizon_year=2026)
    assert set(forecasts["n_obs"].dropna().astype(int)) == {3}


def test_a_chart_names_sources_as_readers_know_them_never_by_id():
    no_targets = pd.DataFrame(columns=["indicator", "value", "year", "scope", "comparator", "source_id"])
    two = pd.concat([rows({2022: 40, 2023: 45}), rows({2022: 41}).assign(source_id="src-b")])
    plain = trend_chart(two, INDICATOR, no_targets, "vi")
    named = trend_chart(two, INDICATOR, no_targets, "vi", {"src-a": "Báo A", "src-b": "[2]"})
    for figure in (plain, named):
        text = " ".join(f"{trace.name} {' '.join(trace.hovertext or ())}" for trace in figure.data)
        assert "src-a" not in text and "src-b" not in text
    assert "Nguồn số 1" in plain.data[0].name and "Báo A" in named.data[0].name
    ranks = rows({2022: 19}, indicator="dti_rank").assign(group_size=63)
    assert "src-a" not in " ".join(rank_history_chart(ranks, "vi").data[0].hovertext)
