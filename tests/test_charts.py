"""Charts: language-specific number formatting, target lines, reversed rank axis, synthetic marks."""

from __future__ import annotations

import pandas as pd

from dtlib.data.catalog import Indicator
from dtlib.drawing.charts import rank_history_chart, trend_chart

ONLINE = Indicator(code="ho_so", name_vi="Tỷ lệ hồ sơ trực tuyến", name_en="Online dossier rate",
                   pillar="chinh_quyen_so", unit="percent", direction="higher_better",
                   aggregation="ratio", definition="d")


def rows(*items: tuple[str, float, str], synthetic: bool = False) -> pd.DataFrame:
    return pd.DataFrame({
        "ref_date": pd.to_datetime([d for d, _, _ in items]), "value": [v for _, v, _ in items],
        "source_id": [s for _, _, s in items], "qualifier": "eq", "synthetic": synthetic,
        "period_end": pd.to_datetime([d for d, _, _ in items]),
    })


TARGETS = pd.DataFrame({"indicator": ["ho_so", "ho_so"], "value": [80.0, 90.0], "year": [2025, 2025],
                        "scope": ["national", "P63-74"], "comparator": ">=", "source_id": ["t1", "t2"],
                        "note": ""})


def test_trend_chart_vi_formats_and_draws_targets():
    fig = trend_chart(rows(("2023-12-31", 80.1, "a"), ("2024-06-30", 86.3, "a")), ONLINE, TARGETS, "vi")
    assert fig.layout.separators == ",."
    assert "30/06/2024: 86,3 %" in fig.data[0].hovertext[1]
    names = [trace.name for trace in fig.data]
    assert "Mục tiêu 2025 (quốc gia): 80 %" in names and "Mục tiêu 2025 (tỉnh): 90 %" in names
    target = next(tr for tr in fig.data if tr.name.startswith("Mục tiêu 2025 (quốc gia)"))
    assert list(target.y) == [80.0, 80.0]
    assert str(target.x[-1])[:10] == "2025-12-31"
    assert fig.layout.yaxis.ticksuffix == " %"


def test_trend_chart_en_uses_english_separators():
    fig = trend_chart(rows(("2024-06-30", 86.3, "a")), ONLINE, TARGETS.iloc[:0], "en")
    assert fig.layout.separators == ".,"
    assert "2024-06-30: 86.3 %" in fig.data[0].hovertext[0]


def test_each_source_is_its_own_line():
    fig = trend_chart(rows(("2024-04-30", 3172.0, "b"), ("2024-05-15", 1586.0, "a")), ONLINE,
                      TARGETS.iloc[:0], "vi")
    assert len(fig.data) == 2
    # named as a reader knows them (here no names were given: "số 1", "số 2"), never by id
    assert {tr.name.rsplit("–", 1)[-1].strip() for tr in fig.data} == {"Nguồn số 1", "Nguồn số 2"}


def test_synthetic_points_are_hollow_and_titled():
    fig = trend_chart(rows(("2024-06-30", 86.3, "a"), synthetic=True), ONLINE, TARGETS.iloc[:0], "vi")
    assert list(fig.data[0].marker.symbol) == ["circle-open"]
    assert "(giả lập)" in fig.layout.title.text


def test_rank_history_axis_is_reversed_with_labels():
    fig = rank_history_chart(rows(("2020-12-31", 31, "d"), ("2021-12-31", 22, "d"),
                                  ("2022-12-31", 19, "d")), "vi")
    low, high = fig.layout.yaxis.range
    assert low > high  # rank 1 at the top
    assert list(fig.data[0].text) == ["31", "22", "19"]
    assert list(fig.data[0].x) == [2020, 2021, 2022]
    assert "(giả lập)" not in fig.layout.title.text


def test_rank_groups_are_separate_series():
    data = rows(("2022-12-31", 19, "d"), ("2023-12-31", 7, "d"), ("2024-12-31", 4, "e")).assign(
        group_size=[63, 63, 34])
    fig = rank_history_chart(data, "vi")
    assert len(fig.data) == 2
    by_name = {trace.name: trace for trace in fig.data}
    assert list(by_name["Xếp hạng trong 63 đơn vị"].text) == ["19/63", "7/63"]
    assert list(by_name["Xếp hạng trong 34 đơn vị"].x) == [2024]
