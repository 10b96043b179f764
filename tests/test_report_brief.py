"""The one-page brief, the report configuration, the templates, footnotes and SVG maps.

Pure functions are tested on hand-written rows; the sections run on the SYNTHETIC report fixture
(tests/fixtures/report_data, headline indicators from tests/fixtures/report_config.yaml).
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
from _report_data import make_data_dir

from dtlib import i18n, tables
from dtlib.data.catalog import Catalog, Indicator
from dtlib.drawing import maps, svgmaps
from dtlib.reporting import brief, map_sections, sections
from dtlib.reporting.config import ReportConfigError, parse_report_config
from dtlib.reporting.context import build_context
from dtlib.reporting.render import environment, render_text


def text(obj) -> str:
    data = obj if isinstance(obj, str) else obj.data
    data = re.sub(r"<style>.*?</style>", " ", data, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", data))


def indicator(code: str, pillar: str, unit: str = "percent", direction: str = "higher_better") -> Indicator:
    return Indicator(code=code, name_vi=code, name_en=code, pillar=pillar, unit=unit, direction=direction,
                     aggregation="none", definition="")


CATALOG = Catalog([indicator("a", "chinh_quyen_so"), indicator("b", "chinh_quyen_so"),
                   indicator("c", "kinh_te_so", "count"), indicator("d", "xa_hoi_so"),
                   indicator("r", "tong_hop", "rank", "lower_better")])


# -- configuration -----------------------------------------------------------------------------

def test_config_keeps_the_order_of_the_headline():
    cfg = parse_report_config({"headline": {"tong_hop": ["r"], "chinh_quyen_so": ["b", "a"],
                                            "kinh_te_so": ["c"]}}, "config/report.yaml", CATALOG)
    assert cfg.headline_codes == ["r", "b", "a", "c"]


@pytest.mark.parametrize(("raw", "message"), [
    ({"headline": {"chinh_quyen_so": ["a", "b"]}}, "lists 2 indicator(s); the brief needs 4 to 8"),
    ({"headline": {"kinh_te_so": ["a", "c", "d", "b"]}}, "'a' belongs to pillar 'chinh_quyen_so'"),
    ({"headline": {"chinh_quyen_so": ["a", "b", "zz"], "kinh_te_so": ["c"]}}, "'zz' is not in the indicator catalog"),
    ({"headline": {"moon": ["a"]}}, "headline.moon: unknown pillar"),
    ({"headline": {"chinh_quyen_so": ["a", "a", "b"], "kinh_te_so": ["c"]}}, "'a' is listed twice"),
    ({"headline": ["a"]}, "'headline' must map pillar"),
    ({"headline": {"chinh_quyen_so": ["a", "b"], "kinh_te_so": ["c"], "xa_hoi_so": ["d"]},
      "map_min_units": 0}, "map_min_units: 0 must be a whole number of at least 2"),
])
def test_config_errors_name_file_key_value_and_rule(raw, message):
    with pytest.raises(ReportConfigError, match=re.escape(message)) as info:
        parse_report_config(raw, "config/report.yaml", CATALOG)
    assert str(info.value).startswith("config/report.yaml: ")


def test_the_shipped_config_is_valid_for_the_shipped_catalog():
    from dtlib.data.datasets import load_reference
    from dtlib.reporting.config import load_report_config

    catalog, _, _ = load_reference()
    cfg = load_report_config(catalog)
    assert 4 <= len(cfg.headline) <= 8


# -- labels and templates ----------------------------------------------------------------------

def test_a_missing_label_is_an_error_in_code_and_in_templates():
    with pytest.raises(KeyError, match="no label 'no_such_key'"):
        i18n.t("no_such_key", "vi")
    template = environment().from_string("{{ t('no_such_key') }}")
    with pytest.raises(KeyError):
        template.render(t=lambda key, **v: i18n.t(key, "vi", **v))


def test_every_label_has_both_languages_and_the_same_placeholders():
    fields = re.compile(r"{(\w+)}")
    for key, by_lang in i18n.LABELS.items():
        assert set(by_lang) == set(i18n.LANGUAGES), key
        assert set(fields.findall(by_lang["vi"])) == set(fields.findall(by_lang["en"])), key


def test_one_word_for_synthetic():
    assert i18n.t("synthetic_mark", "vi") == "giả lập"
    assert not any("dữ liệu mẫu" in v["vi"] for v in i18n.LABELS.values())


def test_templates_escape_and_undefined_variables_fail():
    html = render_text("caption.html.j2", "vi", text="<script>x</script> & co", synthetic=True)
    assert "&lt;script&gt;" in html and "<script>" not in html and "(giả lập)" in html
    with pytest.raises(Exception, match="undefined"):
        render_text("caption.html.j2", "vi", text="x")  # `synthetic` missing


def test_every_template_uses_only_known_labels():
    keys = set(i18n.LABELS)
    for path in environment().loader.list_templates():
        source = environment().loader.get_source(environment(), path)[0]
        used = set(re.findall(r"t\('(\w+)'[,)]", source))
        assert used <= keys, (path, used - keys)


@pytest.mark.parametrize(("now", "before", "unit", "lang", "expected"), [
    (80.0, 75.0, "percent", "vi", "+5 điểm %"), (72.5, 75.0, "percent", "en", "−2.5 pp"),
    (19, 22, "rank", "vi", "tăng 3 bậc"), (25, 22, "rank", "en", "down 3"),
    (1586, 1200, "count", "vi", "+386"), (5, 5, "count", "vi", "không đổi"), (5, None, "count", "vi", "–"),
])
def test_change_reads_as_people_write_it(now, before, unit, lang, expected):
    assert brief.change_text(now, before, unit, lang) == expected


def test_comparators_as_people_write_them():
    assert brief.target_text(50, ">=", "percent", "vi") == "≥ 50 %"
    assert brief.target_text(80, ">", "percent", "en") == "> 80 %"
    assert brief.target_text(5, "<=", "rank", "vi") == "≤ 5"


def test_dates_one_format_per_language():
    assert i18n.format_date(date(2025, 7, 1), "vi") == "01/07/2025"
    assert i18n.format_date(date(2025, 7, 1), "en") == "2025-07-01"


# -- brief logic on hand-written rows ------------------------------------------------------------

ACTUALS = pd.DataFrame({
    "unit_id": "U", "indicator": ["a", "a", "a", "c", "d"],
    "ref_date": pd.to_datetime(["2023-06-30", "2024-03-31", "2024-06-30", "2024-05-15", "2022-12-31"]),
    "value": [60.0, 70.0, 74.0, 10.0, 50.0], "source_id": ["s1", "s1", "s2", "s3", "s1"],
    "period": ["2023Q2", "2024Q1", "2024Q2", "2024-05-15", "2022"], "qualifier": "eq",
    "synthetic": False,
})
TARGETS = pd.DataFrame({"indicator": ["a", "d", "b", "a"], "value": [70.0, 80.0, 10.0, 90.0],
                        "year": [2024, 2023, 2024, 2030], "scope": ["national", "national", "U", "national"],
                        "comparator": [">=", ">=", ">", ">="], "source_id": "plan", "note": ""})


def test_new_this_quarter_by_reference_or_publication_date():
    sources = pd.DataFrame({"published": ["2024-04-02", "", "2024-05-20"]}, index=["s1", "s2", "s3"])
    new = brief.new_rows(ACTUALS, sources, "2024Q2")
    assert new.set_index("indicator")["value"].to_dict() == {"a": 74.0, "c": 10.0, "d": 50.0}  # d: published
    assert brief.new_rows(ACTUALS, sources.iloc[:0], "2023Q4").empty


def test_due_targets_met_not_met_or_without_evidence():
    due = tables.due_rows(ACTUALS, TARGETS, "U", 2024).set_index("indicator")
    assert due.loc["a", "verdict"] == "met"            # 74 in 2024 ≥ 70
    assert due.loc["d", "verdict"] == "no_evidence"    # only a 2022 figure for a 2023 target
    assert due.loc["b", "verdict"] == "no_evidence"    # the unit's own target, no figure at all
    assert 2030 not in set(due["year"])                # not due yet
    assert tables.due_rows(ACTUALS, TARGETS, "U", 2022).empty
    assert set(tables.due_rows(ACTUALS, TARGETS, "U", 2024, first_year=2024)["indicator"]) == {"a", "b"}


def test_headline_changes_since_the_last_quarter_and_a_year_earlier():
    table = pd.DataFrame([{"indicator": "a", "value": 74.0, "value_text": "74 %",
                           "ref_date": pd.Timestamp("2024-06-30"),
                           "target_value": 90.0, "target_text": ">= 90 %", "target_year": 2030,
                           "source_id": "s2", "synthetic": False}])
    status = pd.DataFrame({"indicator": ["a"], "status": ["fair"], "status_label": ["Cần tăng tốc"]})
    rows = brief.headline_rows(ACTUALS, table, status, [("chinh_quyen_so", "a"), ("kinh_te_so", "c")],
                               CATALOG, "2024Q2", "vi", {"s2": 3})
    a, c = rows
    assert (a.change_quarter, a.change_year, a.target) == ("+4 điểm %", "+14 điểm %", "≥ 90 % (2030)")
    assert (a.status, a.status_label, a.note) == ("fair", "Cần tăng tốc", 3)
    assert c.value == "chưa có số liệu" and c.status == "none"  # no row in the table: still shown


# -- maps --------------------------------------------------------------------------------------

def test_classes_make_darker_better_both_ways():
    high = svgmaps.classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], better_high=True)
    low = svgmaps.classes([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], better_high=False)
    assert svgmaps.colour_of(10, high) == svgmaps.BLUES[-1] and svgmaps.colour_of(1, low) == svgmaps.BLUES[-1]
    assert svgmaps.colour_of(None, high) == svgmaps.NO_DATA


def test_svg_map_is_small_static_and_labelled():
    frame = maps.load_geo(maps.PROVINCES_2024)
    svg = svgmaps.choropleth_svg(frame, frame["name_vi"].tolist(), ["#3182bd"] * len(frame),
                                 [c == "74" for c in frame["gso_code"]], "Tiêu đề", "Mô tả")
    assert len(svg) < 80_000 and "<script" not in svg
    assert svg.count("<path") >= len(frame)
    assert 'role="img"' in svg and "<desc" in svg and svgmaps.HIGHLIGHT in svg


def test_map_choice_needs_enough_units_of_the_geography():
    rows = pd.DataFrame({
        "unit_id": [f"P63-{i:02d}" for i in range(40)] + ["P34-01", "P63-01"],
        "indicator": "x", "value": 1.0, "source_id": "s", "synthetic": False,
        "ref_date": pd.Timestamp("2022-12-31"), "period_end": pd.Timestamp("2022-12-31")})
    chosen = map_sections.map_choices(rows, ["x"], "P63-", 30, pd.Timestamp("2024-01-01"))
    assert len(chosen) == 1 and chosen[0].year == 2022 and len(chosen[0].rows) == 40
    assert map_sections.map_choices(rows, ["x"], "P34-", 30, pd.Timestamp("2024-01-01")) == []
    assert map_sections.map_choices(rows, ["x"], "P63-", 30, pd.Timestamp("2022-06-30")) == []


# -- sections on the synthetic fixture ---------------------------------------------------------

@pytest.fixture(scope="module")
def env(tmp_path_factory):
    base = tmp_path_factory.mktemp("report_brief")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(make_data_dir(base)))
        yield base


def test_brief_answers_where_what_changed_and_what_is_due(env):
    page = text(brief.brief(build_context("74", "2024Q2", "vi")))
    assert "Báo cáo chuyển đổi số: Tỉnh Bình Dương, Quý II/2024" in page
    assert "Số liệu đến ngày 30/06/2024" in page and "63 tỉnh, thành phố" in page
    assert "Chỉ tiêu chính" in page and "Mới trong quý" in page and "Chậm tiến độ hoặc đến hạn" in page
    assert "+6,2 điểm %" in page  # 80,1 % (2023Q4) → 86,3 % (2024Q2)
    assert "≥ 90 % (2025)" in page
    assert "Chỉ số DTI cấp tỉnh (Tổng hợp) chưa có số liệu" in page  # configured headline, no figure
    assert "giả lập" in page.lower()


def test_brief_of_a_34_unit_names_its_former_areas(env):
    page = text(brief.brief(build_context("P34-79", "2025Q3", "vi")))
    assert "34 tỉnh, thành phố" in page and "Bình Dương" in page and "chưa có số liệu" in page


def test_footnotes_are_numbered_without_ids_or_paths(env):
    ctx = build_context("74", "2024Q2", "vi")
    page = sections.indicator_table(ctx).data + sections.sources(ctx).data
    assert 'href="#fn-1"' in page and 'id="fn-1"' in page
    for sid in ctx.cited_source_ids():
        assert sid not in text(page)
    assert "tests/fixtures" not in page


def test_indicator_map_and_district_map(env):
    ctx = build_context("74", "2024Q2", "en")
    page = sections.dti_map(ctx).data
    assert "<svg" in page and "Map: Provincial DTI rank (2022, 63 provinces)" in text(page)
    assert "red outline: Binh Duong" in text(page) and "CC BY-SA 4.0" in page
    district = sections.district_map(ctx).data
    assert "<svg" in district and 'role="img"' in district


def test_the_kept_bundle_is_read_again_when_a_data_file_changes(env):
    import os

    from dtlib.reporting.context import cached_bundle

    first = cached_bundle()
    assert cached_bundle() is first
    sources = env / "data" / "sources.csv"
    stat = sources.stat()
    os.utime(sources, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert cached_bundle() is not first


def test_the_appendix_lists_the_targets_in_force_ahead_of_the_quarter():
    """Relation on the shipped data: every later target of the unit or the nation is listed."""
    from html import escape

    from dtlib.reporting import sections
    from dtlib.reporting.context import build_context

    ctx = build_context("P34-79", "2025Q4", "vi")
    targets = ctx.bundle.targets
    later = targets[(targets["year"] > 2025) & targets["scope"].isin(["national", "P34-79"])]
    html = sections.appendix(ctx).data
    assert len(ctx.targets_ahead) == len(later)
    for code in set(later["indicator"]):
        assert escape(ctx.bundle.catalog[code].name("vi"), quote=False) in html
