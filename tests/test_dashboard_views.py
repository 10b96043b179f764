"""The dashboard's view-model and widget wiring on a few hand-written rows (no Voila, no browser)."""

from __future__ import annotations

import dataclasses
import logging
import re

import pandas as pd
import pytest

from dtlib.dashboard import figures, views, visuals
from dtlib.dashboard import selection as sel
from dtlib.data.catalog import Catalog, Indicator, Target
from dtlib.data.datasets import Bundle
from dtlib.data.units import registry
from dtlib.i18n import t

OBS_COLUMNS = ["unit_id", "indicator", "period", "period_kind", "period_start", "period_end", "ref_date",
               "value", "numerator", "denominator", "qualifier", "kind", "source_id", "status",
               "value_raw", "note", "file", "row", "dataset", "synthetic"]


def obs(unit_id, indicator, year, value, source_id, *, kind="actual", qualifier="eq", synthetic=False,
        note=""):
    end = pd.Timestamp(year=year, month=12, day=31)
    return {"unit_id": unit_id, "indicator": indicator, "period": str(year), "period_kind": "year",
            "period_start": pd.Timestamp(year=year, month=1, day=1), "period_end": end, "ref_date": end,
            "value": float(value), "numerator": None, "denominator": None, "qualifier": qualifier,
            "kind": kind, "source_id": source_id, "status": "ok", "value_raw": str(value), "note": note,
            "file": "hand.csv", "row": 2, "dataset": "hand", "synthetic": synthetic}


@pytest.fixture
def bundle() -> Bundle:
    catalog = Catalog([
        Indicator("ho_so_truc_tuyen_ty_le", "Tỷ lệ hồ sơ trực tuyến", "Online dossier rate", "chinh_quyen_so",
                  "percent", "higher_better", "ratio", "Online / all dossiers.", "src-a",
                  targets=(Target("ho_so_truc_tuyen_ty_le", 90.0, 2025, "P63-74", ">=", "src-a"),)),
        Indicator("dti_rank", "Xếp hạng DTI", "DTI rank", "tong_hop", "rank", "lower_better", "none",
                  "Rank among 63 provinces."),
        Indicator("doanh_nghiep_so_luong", "Số <b>doanh nghiệp</b>", "Enterprises <script>x</script>",
                  "kinh_te_so", "count", "higher_better", "sum", "Active enterprises."),
    ])
    sources = pd.DataFrame([
        {"source_id": "src-a", "outlet": "Báo A", "title": "Tin A", "published": "2024-03-20", "author": "",
         "locator": "https://example.org/a", "kind": "news", "licence": "", "note": ""},
        {"source_id": "src-b", "outlet": "Báo <B>", "title": "Tin B", "published": "2023-10-06", "author": "",
         "locator": "javascript:alert(1)", "kind": "news", "licence": "", "note": ""},
        {"source_id": "syn-1", "outlet": "dtlib", "title": "Synthetic rows", "published": "", "author": "",
         "locator": "samples/x.csv", "kind": "synthetic", "licence": "", "note": ""},
    ]).set_index("source_id", drop=False)
    rows = [
        obs("P63-74", "ho_so_truc_tuyen_ty_le", 2022, 70.5, "src-a"),
        obs("P63-74", "ho_so_truc_tuyen_ty_le", 2023, 86.3, "src-a"),
        obs("P63-74", "ho_so_truc_tuyen_ty_le", 2023, 60.0, "src-b"),  # disagrees with src-a
        obs("P63-74", "dti_rank", 2022, 19, "src-a"),
        obs("P63-70", "dti_rank", 2022, 12, "src-b"),
        obs("P63-70", "doanh_nghiep_so_luong", 2023, 1586, "syn-1", synthetic=True),
        obs("D-718", "doanh_nghiep_so_luong", 2023, 25000, "src-a"),
        obs("P34-79", "dti_rank", 2025, 2, "src-a"),
    ]
    observations = pd.DataFrame(rows, columns=OBS_COLUMNS)
    unparsed = pd.DataFrame([{**obs("P63-74", "ho_so_truc_tuyen_ty_le", 2024, 0, "src-b"),
                              "value": None, "value_raw": "8,6,3%", "status": "unparsed"}], columns=OBS_COLUMNS)
    return Bundle(catalog=catalog, sources=sources, observations=observations, unparsed=unparsed,
                  units=registry())


@pytest.fixture
def choices(bundle):
    return views.build_choices(bundle)


# -- allow-lists and deep links -------------------------------------------------------------------
def test_todays_34_units_come_grouped_with_their_former_areas_beneath(bundle, choices):
    today = [u for u in choices.units if choices.levels[u] == 0]
    assert len(today) == 34 and all(u.startswith("P34-") for u in today)
    # Bình Dương (with its district) sits right under TP. Hồ Chí Minh, Bình Phước under Đồng Nai.
    hcm = choices.units.index("P34-79")
    assert choices.units[hcm + 1:hcm + 3] == ("P63-74", "D-718")
    assert (choices.levels["P63-74"], choices.levels["D-718"]) == (1, 2)
    assert choices.units[choices.units.index("P34-75") + 1] == "P63-70"
    labels = dict((u, label) for label, u in views.unit_options(bundle, choices, "vi"))
    assert labels["P63-74"].startswith("\u2003└ ") and not labels["P34-79"].startswith("\u2003")
    # Every unit with a figure is reachable; former areas without figures are not listed.
    assert {"P63-74", "P63-70", "D-718"} <= set(choices.units) and "P63-77" not in choices.units


def test_the_page_opens_on_a_34_unit_unit_that_offers_its_former_areas_indicators(bundle, choices):
    start = sel.default_selection(choices)
    assert start.unit_id == "P34-79"
    assert set(choices.indicators_for("P34-79")) == {"dti_rank", "ho_so_truc_tuyen_ty_le"}
    former = views.former_cards(bundle, "P34-79", "ho_so_truc_tuyen_ty_le", "vi")
    assert [c.unit_id for c in former] == ["P63-74"] and former[0].value_text == "86,3 %"
    assert "Bình Dương" in views.former_cards_html(bundle, "P34-79", "ho_so_truc_tuyen_ty_le", "vi")
    assert views.former_cards_html(bundle, "P63-74", "ho_so_truc_tuyen_ty_le", "vi") == ""


def test_indicators_per_unit_put_the_dti_rank_first(choices):
    assert choices.indicators_for("P63-74") == ("dti_rank", "ho_so_truc_tuyen_ty_le")
    assert choices.indicators_for("D-718") == ("doanh_nghiep_so_luong",)


def test_deep_link_by_code_opens_that_view(choices):
    result = sel.parse_query("unit=70&indicator=doanh_nghiep_so_luong&lang=en", choices)
    assert result.selection == sel.Selection("P63-70", "doanh_nghiep_so_luong", "en")
    assert result.rejected == ()
    assert sel.parse_query("unit=074", choices).selection.unit_id == "P63-74"
    assert sel.parse_query("unit=P34-79", choices).selection.unit_id == "P34-79"


@pytest.mark.parametrize("query, rejected", [
    ("unit=../../etc/passwd", ("unit",)),
    ("unit=74&indicator=__import__('os')", ("indicator",)),
    ("lang=fr", ("lang",)),
    ("unit=99&indicator=dti_rank&lang=<script>", ("unit", "lang")),
    ("unit=" + "7" * 600, ("query",)),
])
def test_bad_deep_links_fall_back_to_the_default_and_say_so(choices, query, rejected):
    result = sel.parse_query(query, choices)
    assert result.rejected == rejected
    assert result.selection.unit_id in choices.units
    assert result.selection.language in ("vi", "en")


def test_unknown_parameters_are_ignored(choices):
    assert sel.parse_query("utm_source=mail&unit=74", choices).rejected == ()


@pytest.mark.parametrize("forged", ["P63-99", 74, None, ["P63-74"], "P63-74 ", "../x"])
def test_forged_unit_values_are_refused(choices, forged):
    start = sel.default_selection(choices)
    with pytest.raises(sel.RejectedValue):
        sel.with_unit(start, forged, choices)


def test_indicator_must_belong_to_the_current_unit(choices):
    start = sel.Selection("D-718", "doanh_nghiep_so_luong", "vi")
    with pytest.raises(sel.RejectedValue):
        sel.with_indicator(start, "dti_rank", choices)
    with pytest.raises(sel.RejectedValue):
        sel.with_language(start, "de")


def test_switching_unit_keeps_the_indicator_when_the_new_unit_has_it(choices):
    start = sel.Selection("P63-74", "dti_rank", "vi")
    assert sel.with_unit(start, "P63-70", choices).indicator == "dti_rank"
    assert sel.with_unit(start, "D-718", choices).indicator == "doanh_nghiep_so_luong"


# -- KPI cards, table, sources --------------------------------------------------------------------
def test_kpi_cards_show_latest_value_target_and_gap_in_the_language(bundle):
    vi = {c.indicator: c for c in views.kpi_cards(bundle, "P63-74", "vi")}
    en = {c.indicator: c for c in views.kpi_cards(bundle, "P63-74", "en")}
    assert vi["ho_so_truc_tuyen_ty_le"].value_text == "86,3 %"
    assert en["ho_so_truc_tuyen_ty_le"].value_text == "86.3 %"
    assert vi["ho_so_truc_tuyen_ty_le"].date_text == "31/12/2023"
    assert en["ho_so_truc_tuyen_ty_le"].date_text == "2023-12-31"
    assert "90" in vi["ho_so_truc_tuyen_ty_le"].target_text and "2025" in vi["ho_so_truc_tuyen_ty_le"].target_text
    assert vi["dti_rank"].value_text == "hạng 19"  # no group in this hand-made row


def test_kpi_cards_put_the_selected_indicator_first_and_respect_the_limit(bundle):
    cards = views.kpi_cards(bundle, "P63-74", "vi", selected="dti_rank", limit=1)
    assert [c.indicator for c in cards] == ["dti_rank"]


def test_synthetic_figures_are_marked_on_cards_table_and_chart(bundle):
    cards = views.kpi_cards(bundle, "P63-70", "en")
    card = next(c for c in cards if c.indicator == "doanh_nghiep_so_luong")
    assert card.synthetic
    assert "dt-synthetic" in views.kpi_cards_html(cards, None, "en")
    s = sel.Selection("P63-70", "doanh_nghiep_so_luong", "en")
    assert t("dash_synthetic", "en") in figures.table_html(bundle, s)
    assert "(synthetic)" in visuals.chart_figure(bundle, s).layout.title.text
    real = sel.Selection("P63-74", "dti_rank", "en")
    assert t("dash_synthetic", "en") not in figures.table_html(bundle, real)


def test_every_text_from_the_data_is_escaped(bundle):
    cards = views.kpi_cards(bundle, "D-718", "en")
    page = views.kpi_cards_html(cards, None, "en")
    assert "<script>" not in page and "&lt;script&gt;" in page
    sources = figures.sources_html(bundle, sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "vi"))
    assert "Báo &lt;B&gt;" in sources


def test_sources_link_only_web_addresses_and_list_conflicts_and_malformed_figures(bundle):
    html = figures.sources_html(bundle, sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "en"))
    assert '<a href="https://example.org/a"' in html
    assert "javascript" not in html and "src-a" not in html and "samples/" not in html  # no ids, no paths
    assert "Báo A, <a href=" in html and "2024-03-20" in html  # outlet name, title, publication date
    assert "Sources that disagree" in html and "86.3 %" in html and "60 %" in html
    assert "8,6,3%" in html


def test_table_lists_every_figure_with_its_source(bundle):
    html = figures.table_html(bundle, sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "vi"))
    assert html.count("<tr") == 4  # header + 3 figures
    assert "70,5 %" in html and "Báo A" in html


def test_a_unit_without_figures_says_so(bundle):
    assert "Chưa có số liệu" in views.kpi_cards_html([], None, "vi")
    assert "No figures" in figures.table_html(bundle, sel.Selection("P63-74", None, "en"))


# -- the 2025 reform -----------------------------------------------------------------------------
def test_reform_notes_for_merged_new_and_district_units(bundle):
    merged = views.reform_note(bundle.units, "P63-74", "en")
    assert "Binh Duong" in merged and "2025-07-01" in merged and "Ho Chi Minh" in merged
    assert "merged" in merged
    district = views.reform_note(bundle.units, "D-718", "vi")
    assert "Cấp huyện" in district and "Hồ Chí Minh" in district
    new = views.reform_note(bundle.units, "P34-79", "en")
    assert "formed" in new and "Binh Duong" in new


def test_unit_labels_say_which_generation_is_meant(bundle, choices):
    labels = dict((v, k.lstrip("\u2003└· ")) for k, v in views.unit_options(bundle, choices, "vi"))
    assert labels["P63-74"].startswith("Bình Dương (74, đến 30/06/2025")
    assert labels["D-718"].endswith("· Bình Dương")


# -- chart and map -------------------------------------------------------------------------------
def test_chart_has_one_line_per_source_and_the_target_line(bundle):
    fig = visuals.chart_figure(bundle, sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "en"))
    names = [t.name for t in fig.data]
    from dtlib.dashboard.figures import outlet_name

    for source in ("src-a", "src-b"):  # by outlet, never by id
        assert any(outlet_name(bundle, source, "en") in n for n in names)
        assert not any(source in n for n in names)
    assert any(n.startswith("Target 2025") for n in names)


def test_ranks_are_drawn_with_rank_1_on_top(bundle):
    fig = visuals.chart_figure(bundle, sel.Selection("P63-74", "dti_rank", "en"))
    low, high = fig.layout.yaxis.range
    assert low > high


def test_a_single_date_gets_a_readable_axis(bundle):
    fig = visuals.chart_figure(bundle, sel.Selection("D-718", "doanh_nghiep_so_luong", "en"))
    start, end = (pd.Timestamp(x) for x in fig.layout.xaxis.range)
    assert (end - start).days >= 365


def test_map_without_boundaries_says_so(bundle):
    from dtlib.dashboard.prerender import map_html

    assert map_html(bundle, "dti_rank", "en", None).count(t("dash_map_unavailable", "en")) == 1


def test_highlight_codes_follow_the_reform(bundle):
    assert visuals.highlight_codes(bundle, "D-718") == ["74"]
    assert set(visuals.highlight_codes(bundle, "P34-79")) == {"74", "77", "79"}


# -- widget wiring: values from the browser are untrusted ----------------------------------------
@pytest.fixture
def dashboard(bundle, tmp_path):
    from dtlib.dashboard.app import Dashboard, PageData
    from dtlib.dashboard.prerender import build_views
    from dtlib.dashboard.store import ViewStore

    page = PageData(store=ViewStore(build_views(bundle, tmp_path, processes=1)))
    return Dashboard(page, sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "vi"))


def test_switching_unit_and_language_updates_the_figures(dashboard):
    assert "86,3 %" in dashboard.cards.value
    dashboard.unit.value = "P63-70"
    assert dashboard.selection.unit_id == "P63-70"
    assert "1.586" in dashboard.cards.value and "86,3 %" not in dashboard.cards.value
    dashboard.language.value = "en"
    assert "1,586" in dashboard.cards.value
    assert dashboard.title.value.count("Digital transformation") == 1
    assert any("Binh Duong" in label for label, _ in dashboard.unit.options)
    assert not any("Bình Dương" in label for label, _ in dashboard.unit.options)


def test_a_forged_value_is_refused_logged_and_reported_without_a_traceback(dashboard, caplog):
    before = dashboard.selection
    with caplog.at_level(logging.ERROR, logger="dtlib.dashboard"):
        dashboard.on_unit({"new": "__import__('os').system('id')"})
        dashboard.on_language({"new": "xx"})
        dashboard.on_indicator({"new": "../../etc/passwd"})
    assert dashboard.selection == before
    assert "dt-error" in dashboard.notice.value
    assert "Traceback" not in dashboard.notice.value and "RejectedValue" not in dashboard.notice.value
    assert any("failed" in r.message for r in caplog.records)


def test_tabs_are_drawn_when_opened(dashboard):
    assert dashboard.table.value == ""
    dashboard.tabs.selected_index = 2
    assert "86,3 %" in dashboard.table.value
    dashboard.tabs.selected_index = 3
    assert "Báo A" in dashboard.sources.value
    dashboard.tabs.selected_index = 1
    assert "dt-empty" in dashboard.map.value


def test_the_first_paint_is_the_widgets_view_in_the_page_language(dashboard):
    """What the template writes into the page before the widgets load shows what they will show."""
    for language in ("vi", "en"):
        dashboard.language.value = language
        first = dashboard.first_paint_html()
        for part in (dashboard.title.value, dashboard.notice.value, dashboard.cards.value, dashboard.former.value,
                     dashboard.chart.value):
            assert part in first
        assert f'lang="{language}"' in first and t("dash_loading_controls", language) in first
        assert "dt-expired-box" in first  # the expired-session box in the page language, before the widgets
        assert 'class="dt-root' not in first  # the template's script waits for the widgets' root
    assert "Bình Dương" not in first and "Binh Duong" in first
    assert "└" not in first and "\u2003" not in first  # the unit's name, not its indented list entry


def test_show_sends_the_first_paint_before_the_widgets(dashboard, monkeypatch):
    from dtlib.dashboard import app

    shown = []
    monkeypatch.setattr(app, "display", lambda obj, raw=False: shown.append((obj, raw)))
    result = app.show(dashboard.page, "unit=74&indicator=ho_so_truc_tuyen_ty_le")
    (first, raw), (root, _) = shown
    assert raw and first[app.FIRST_PAINT_MIME] == result.first_paint_html()
    assert root is result.root and "86,3 %" in first[app.FIRST_PAINT_MIME]


def test_a_missing_reporting_layer_shows_a_message_not_a_traceback(monkeypatch, tmp_path, capsys):
    from dtlib.dashboard import app

    monkeypatch.setenv("DTLIB_REPORTS_DIR", str(tmp_path / "nothing"))
    page = app.prepare()
    assert page.error == "dash_load_error"
    assert app.show(page) is None
    shown = capsys.readouterr().out
    assert "Traceback" not in shown and "FileNotFoundError" not in shown


def test_kpi_cards_show_progress_status_from_the_reporting_layer(bundle):
    from dtlib.layer import progress_status

    with_status = dataclasses.replace(bundle, progress=progress_status(bundle))
    vi = {c.indicator: c for c in views.kpi_cards(with_status, "P63-74", "vi")}
    en = {c.indicator: c for c in views.kpi_cards(with_status, "P63-74", "en")}
    assert vi["ho_so_truc_tuyen_ty_le"].status_text == "Tiến bộ hạn chế"   # conflicting 2023 figures averaged
    assert en["ho_so_truc_tuyen_ty_le"].status_text == "Limited or no progress"
    assert en["dti_rank"].status_text == "–"  # ranks get no growth-based status
    html = views.kpi_cards_html(list(vi.values()), None, "vi")
    assert 'data-status="limited"' in html and vi["ho_so_truc_tuyen_ty_le"].status_text in html
    assert {c.status_text for c in views.kpi_cards(bundle, "P63-74", "vi")} == {"–"}  # no layer status


# -- one verdict, downloads, map, languages ---------------------------------------------------------
def test_a_single_point_already_past_its_target_is_met_on_cards_and_table(bundle):
    from dtlib.layer import progress_status

    one = dataclasses.replace(bundle, observations=pd.concat([bundle.observations, pd.DataFrame(
        [obs("P63-70", "ho_so_truc_tuyen_ty_le", 2024, 95.0, "src-a")], columns=OBS_COLUMNS)], ignore_index=True))
    one = dataclasses.replace(one, catalog=Catalog([dataclasses.replace(
        one.catalog["ho_so_truc_tuyen_ty_le"],
        targets=(Target("ho_so_truc_tuyen_ty_le", 90.0, 2025, "P63-70", ">=", "src-a"),)),
        one.catalog["dti_rank"], one.catalog["doanh_nghiep_so_luong"]]))
    one = dataclasses.replace(one, progress=progress_status(one))
    card = next(c for c in views.kpi_cards(one, "P63-70", "vi") if c.indicator == "ho_so_truc_tuyen_ty_le")
    assert card.status == "met" and card.gap_text == ""  # no "gap: met" next to "insufficient data"
    table = figures.table_html(one, sel.Selection("P63-70", "ho_so_truc_tuyen_ty_le", "vi"))
    assert 'data-status="met"' in table and card.status_text in table


def test_downloads_carry_exactly_the_figures_of_the_table(bundle):
    import base64
    import io
    import re

    s = sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "vi")
    html = figures.table_html(bundle, s)
    links = dict(re.findall(r'download="[^"]+\.(csv|xlsx)" href="data:[^;]+;base64,([^"]+)"', html))
    assert set(links) == {"csv", "xlsx"}
    csv = pd.read_csv(io.BytesIO(base64.b64decode(links["csv"])), encoding="utf-8-sig", dtype=str)
    xlsx = pd.read_excel(io.BytesIO(base64.b64decode(links["xlsx"])), dtype=str)
    shown = figures.figures_frame(bundle, s)
    assert list(csv.columns) == list(shown.columns) == list(xlsx.columns)
    assert csv.fillna("").values.tolist() == shown.values.tolist() == xlsx.fillna("").values.tolist()
    for header in ("Đơn vị", "Kỳ", "Địa giới", "Giá trị", "Nguồn", "Ngày công bố"):
        assert header in shown.columns
    assert "86,3 %" in csv["Giá trị"].tolist() and "20/03/2024" in csv["Ngày công bố"].tolist()
    assert "Tải về CSV" in figures.sources_html(bundle, s)


def test_download_names_say_unit_and_indicator_in_plain_letters_never_ids(bundle):
    for language in ("vi", "en"):
        s = sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", language)
        stem = figures.download_stem(bundle, s)
        assert f'download="{stem}.csv"' in figures.table_html(bundle, s)
        assert re.fullmatch(r"[A-Za-z0-9_-]+", stem) and len(stem) <= figures.DOWNLOAD_STEM_CHARS
        assert stem.startswith("Binh-Duong-74") and "P63" not in stem and "ho_so" not in stem
    long = dataclasses.replace(bundle.catalog["ho_so_truc_tuyen_ty_le"], name_vi="Tỷ lệ " * 40)
    catalog = Catalog([long if i.code == long.code else i for i in bundle.catalog.indicators.values()])
    stem = figures.download_stem(dataclasses.replace(bundle, catalog=catalog),
                                 sel.Selection("P63-74", "ho_so_truc_tuyen_ty_le", "vi"))
    assert len(stem) <= figures.DOWNLOAD_STEM_CHARS and not stem.endswith("-") and "Ty-le" in stem


def test_the_map_shows_the_selected_indicator_or_says_there_is_none(bundle):
    from dtlib.dashboard.prerender import map_html, province_boundaries

    provinces = province_boundaries()
    rows = [obs(f"P63-{code}", "ho_so_truc_tuyen_ty_le", 2023, 50 + i, "src-a")
            for i, code in enumerate(("01", "02", "04", "06", "08", "10", "11", "12", "14", "15", "17"))]
    many = dataclasses.replace(bundle, observations=pd.concat(
        [bundle.observations, pd.DataFrame(rows, columns=OBS_COLUMNS)], ignore_index=True))
    shown = map_html(many, "ho_so_truc_tuyen_ty_le", "vi", provinces)
    assert "Tỷ lệ hồ sơ trực tuyến, 2023" in shown and shown.count("<svg") == 1
    assert "Hạng DTI" not in shown and "Xếp hạng DTI" not in shown  # not the DTI rank map
    assert shown.count('class="dt-outline"') == len(provinces)  # one hidden outline per province
    assert "Bình Dương: 86,3 %" in shown  # each province's figure as its tooltip
    assert "Nguồn: Báo A (20/03/2024)" in shown  # every mapped figure's outlet and publication date
    none = map_html(bundle, "doanh_nghiep_so_luong", "en", provinces)
    assert "<svg" not in none and "No map for this indicator" in none


def test_the_outline_of_the_selected_unit_is_a_style_rule_on_the_one_map(bundle, tmp_path):
    from dtlib.dashboard.prerender import build_views
    from dtlib.dashboard.store import ViewStore

    store = ViewStore(build_views(bundle, tmp_path, processes=1))
    for unit_id in ("P63-74", "P34-79", "D-718"):
        css = store.outline_css(unit_id)
        shown = set(visuals.highlight_codes(bundle, unit_id))
        assert css.startswith("<style>") and all(f'data-code="{c}"' in css for c in shown)
        assert css.count("data-code") == len(shown)


def test_every_dashboard_label_exists_in_both_languages_and_a_missing_one_is_an_error():
    from dtlib.i18n import LABELS

    dash = {k: v for k, v in LABELS.items() if k.startswith("dash_")}
    assert dash and all(set(v) == {"vi", "en"} and v["vi"] and v["en"] for v in dash.values())
    with pytest.raises(KeyError):
        t("dash_no_such_label", "vi")
    with pytest.raises(ValueError):
        t("dash_title", "fr")


def test_no_english_label_on_the_vi_views_and_no_vi_label_on_the_en_ones(bundle, choices):
    from dtlib.i18n import LABELS

    def phrases(language):
        return {v[language] for k, v in LABELS.items() if k.startswith("dash_") and v["vi"] != v["en"]
                and len(v[language].split()) >= 2 and "{" not in v[language]}

    for language, foreign in (("vi", phrases("en")), ("en", phrases("vi"))):
        for unit_id in ("P34-79", "P63-74", "P63-70"):
            for indicator in choices.indicators_for(unit_id):
                s = sel.Selection(unit_id, indicator, language)
                html = "".join([
                    views.kpi_cards_html(views.kpi_cards(bundle, unit_id, language), indicator, language),
                    views.former_cards_html(bundle, unit_id, indicator, language),
                    figures.table_html(bundle, s), figures.sources_html(bundle, s)])
                leaked = [p for p in foreign if p in html]
                assert not leaked, (language, unit_id, indicator, leaked)
                if language == "vi":
                    assert "Online / all dossiers" not in html  # English catalog definitions stay off vi
