"""The analyst's API (`dtlib.load`, `find`, `series`, `compare`, `plot`, `choropleth`, `reexpress`,
`assess`, `forecast`) on the project's data, checked by relations, never by pinned figures."""

from __future__ import annotations

import json
import sys

import pandas as pd
import pytest

import dtlib
from dtlib.drawing.offline import REMOTE_REFERENCE
from dtlib.explore.pick import pick_unit

BD_SPELLINGS = ["74", "Bình Dương", "Binh Duong", "BD", "P63-74"]
BP_SPELLINGS = ["70", "Bình Phước", "binh phuoc", "BP", "P63-70"]
RATE = "ho_so_truc_tuyen_ty_le"


@pytest.fixture(scope="module")
def b():
    return dtlib.load()


def test_every_spelling_gives_the_same_series(b):
    frames = [dtlib.series(b, RATE, spelling) for spelling in BD_SPELLINGS]
    assert all(f["unit_id"].eq("P63-74").all() for f in frames)
    for other in frames[1:]:
        pd.testing.assert_frame_equal(frames[0], other)


def test_series_dates_line_up_on_period_ends(b):
    frame = dtlib.series(b, ["dti_rank", "dti_score"], ["BD", "BP"])
    known = frame.dropna(subset=["value"])
    assert (known["date"] == known["date"].dt.normalize()).all()
    assert (known["date"].dt.month == 12).all() and (known["date"].dt.day == 31).all()  # yearly DTI


def test_a_known_unit_without_figures_is_a_row_that_says_so(b):
    frame = dtlib.series(b, RATE, "Hà Giang", language="en")
    assert len(frame) >= 1
    empty = frame[frame["value"].isna()]
    if not empty.empty:
        assert empty["note"].str.contains("no figure").all()


@pytest.mark.parametrize("geography", ["63", "34"])
def test_geography_chooses_the_generation(geography):
    from dtlib.data.units import registry

    assert pick_unit("79", registry(), geography).id == f"P{geography}-79"
    assert pick_unit("TP.HCM", registry(), geography).id == f"P{geography}-79"


def test_ambiguous_or_wrong_generation_says_how_to_choose():
    from dtlib.data.units import registry

    with pytest.raises(dtlib.AmbiguousUnitError, match="geography='63' or geography='34'"):
        pick_unit("79", registry())
    with pytest.raises(dtlib.DtlibError, match="P34-79"):
        pick_unit("Bình Dương", registry(), "34")
    with pytest.raises(dtlib.DtlibError, match="geography '99' is not known"):
        pick_unit("74", registry(), "99")


def test_find_folds_diacritics_and_reads_english(b):
    with_marks = dtlib.find("hồ sơ trực tuyến", b)
    without = dtlib.find("ho so truc tuyen", b)
    assert not with_marks.empty
    assert with_marks["code"].tolist() == without["code"].tolist()
    assert RATE in set(with_marks["code"])
    english = dtlib.find("online", b.catalog)
    assert english["name_en"].str.lower().str.contains("online").any()
    assert set(english["code"]) <= set(b.catalog.indicators)
    assert dtlib.find("zzz-no-such-word").empty
    data_only = dtlib.find("truc tuyen", b, with_data=True)
    assert data_only["n_figures"].gt(0).all()


def test_compare_uses_the_latest_figure_and_the_national_target(b):
    table = dtlib.compare(b, [RATE, "ho_so_cong_viec_xu_ly_tren_mang_ty_le"], BD_SPELLINGS[:1] + BP_SPELLINGS[:1])
    assert len(table) == 4  # every unit x indicator asked for, with or without figures
    series = dtlib.series(b, [RATE, "ho_so_cong_viec_xu_ly_tren_mang_ty_le"], ["BD", "BP"]).dropna(subset=["value"])
    for row in table.dropna(subset=["value"]).itertuples():
        latest = series[(series["unit_id"] == row.unit_id) & (series["indicator"] == row.indicator)]
        assert row.value == latest.sort_values("ref_date")["value"].iloc[-1]
    assert table[table["value"].isna()]["note"].notna().all()
    national = b.targets[(b.targets["scope"] == "national") & (b.targets["indicator"] == table["indicator"].iloc[1])]
    if not national.empty:
        assert set(table["national_target"].dropna()) <= set(national["value"])


def test_plot_draws_one_line_per_unit(b):
    fig = dtlib.plot(b, RATE, ["Binh Duong", "BP"], language="en")
    names = [trace.name for trace in fig.data]
    assert "Binh Duong" in names and "Binh Phuoc" in names
    with pytest.raises(dtlib.DtlibError, match="nothing to plot"):
        dtlib.plot(b, "dan_so", ["Hà Giang"])


def test_choropleth_is_offline_and_explains_a_missing_year(b):
    shown = dtlib.choropleth(b, "dti_rank", 2022, highlight=["BD", "P63-70"])
    document = shown.document()
    assert "L.map(" in document or "L.map (" in document
    assert not REMOTE_REFERENCE.search(document)
    assert "<iframe" in shown._repr_html_()
    with pytest.raises(dtlib.DtlibError, match="years with figures"):
        dtlib.choropleth(b, "dti_rank", 1990)


def test_reexpress_says_which_constituent_lacks_data(b):
    result = dtlib.reexpress(b, ["doanh_nghiep_so_luong", "dti_rank"], "Bình Dương", period=2023)
    assert not result.incomplete.empty
    expected = {u.id for u in b.units.predecessors("P34-79")}
    for row in result.incomplete.itertuples():
        assert set(row.missing) | set(row.present) == expected
        assert set(row.missing) and not set(row.missing) & set(row.present)
    lines = result.explain("vi")
    assert any("Bà Rịa" in line for line in lines)
    assert "<li>" in result._repr_html_()
    ranks = dtlib.reexpress(b, "dti_rank", ["BD"])
    assert ranks.values.empty and ranks.refused["reason"].eq("none").all()


MINE = pd.DataFrame({"unit": ["Binh Duong", "BD", "74"], "indicator": [RATE] * 3,
                     "date": ["2022-12-31", "2023-12-31", "2024-12-31"], "value": [40.0, 46.5, 49.0]})


def test_assess_and_forecast_on_the_users_table(b):
    result = dtlib.assess(MINE, b, language="en")
    assert result.table["unit_id"].tolist() == ["P63-74"]
    assert result.status("Bình Dương", RATE) in {"on_track", "fair", "limited", "deterioration", "met"}
    assert result.status("BD", RATE) == result.status("P63-74", RATE)
    html = result._repr_html_()
    assert len(html) < 10_000 and "P63-74" in html
    two = dtlib.forecast(MINE.iloc[:2], b)
    assert two.summary()["status"].eq("insufficient_data").all()
    spelled = dtlib.assess(MINE.assign(unit="P63-74"), b, language="en").table
    pd.testing.assert_frame_equal(result.table, spelled)


def test_a_malformed_table_names_every_missing_column_at_once():
    with pytest.raises(dtlib.ValidationError) as info:
        dtlib.assess(pd.DataFrame({"don_vi": ["BD"], "value": [1.0]}), language="en")
    message = str(info.value)
    assert "unit / unit_id" in message and "date / ref_date" in message and "indicator" in message
    assert len(info.value.problems) == 3
    assert isinstance(info.value, dtlib.DtlibError)


def test_a_mistyped_table_names_every_bad_cell_in_the_users_language():
    bad = pd.DataFrame({"unit": ["BD", "Nowhere"], "indicator": [RATE, "no_such_code"],
                        "date": ["2024-01-01", "hôm qua"], "value": [1.0, "nhiều"]})
    with pytest.raises(dtlib.ValidationError) as info:
        dtlib.check_table(bad, language="vi")
    columns = {p.column for p in info.value.problems}
    assert columns == {"unit", "indicator", "date", "value"}
    assert "không phải là số" in str(info.value)
    text = pd.DataFrame({"unit": ["BD"], "indicator": [RATE], "date": ["31/12/2024"], "value": ["86,3%"]})
    assert dtlib.check_table(text, locale="vi")["value"].iloc[0] == pytest.approx(86.3)


def test_reprs_are_short_summaries(b):
    assert len(repr(b)) < 200 and len(b._repr_html_()) < 20_000
    assert "object at" not in repr(b.catalog) and "<table" in b.catalog._repr_html_()
    assert b.catalog[RATE].code in b.catalog[RATE]._repr_html_()
    assert "P63-74" in b.units.get("P63-74")._repr_html_()
    hostile = dtlib.Indicator(code="x", name_vi="<script>alert(1)</script>", name_en="x", pillar="tong_hop",
                              unit="count", direction="higher_better", aggregation="sum", definition="<b>")
    html = hostile._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_kernel_install_for_a_hub_prefix(tmp_path, capsys):
    from dtlib import cli

    assert cli.main(["kernel", "install", "--prefix", str(tmp_path), "--env", "DTLIB_DATA_DIR=/srv/data"]) == 0
    spec = json.loads((tmp_path / "share" / "jupyter" / "kernels" / "dtlib" / "kernel.json").read_text())
    assert spec["argv"][0] == sys.executable and spec["env"] == {"DTLIB_DATA_DIR": "/srv/data"}
    assert cli.main(["kernel", "install", "--prefix", str(tmp_path), "--env", "oops"]) == 1
    assert "NAME=VALUE" in capsys.readouterr().err


def test_public_facade_lists_the_explore_api():
    for name in ("load", "find", "series", "compare", "plot", "choropleth", "reexpress", "assess", "forecast"):
        assert name in dtlib.__all__ and name in dtlib.__doc__
    from dtlib import analysis

    assert all(getattr(analysis, name).__doc__ for name in analysis.__all__)


def test_a_unit_of_the_other_geography_is_a_row_not_an_empty_frame(b):
    # an indicator with figures in data/ but none for the new TP. Hồ Chí Minh (found, not pinned)
    has_figures = set(b.observations["indicator"])
    of_new_hcm = set(b.observations.loc[b.observations["unit_id"] == "P34-79", "indicator"])
    missing = sorted(has_figures - of_new_hcm)[0]
    frame = dtlib.series(b, missing, "TP.HCM", geography="34", language="en")
    assert frame["unit_id"].tolist() == ["P34-79"] and frame["note"].iloc[0] == "no figure"
    new = dtlib.series(b, "dti_rank", "TP.HCM", geography="34")
    assert new["unit_id"].eq("P34-79").all()
    old = dtlib.series(b, "dti_rank", "TP.HCM", geography="63")
    assert old["unit_id"].eq("P63-79").all() and old["value"].notna().all()


def test_compare_reads_the_national_value_when_data_has_one(b):
    import dataclasses

    bd = b.actuals[(b.actuals["unit_id"] == "P63-74") & (b.actuals["indicator"] == RATE)].iloc[[0]]
    national = bd.assign(unit_id="VN", value=bd["value"] - 10.0)
    with_vn = dataclasses.replace(b, observations=pd.concat([b.observations, national], ignore_index=True))
    row = dtlib.compare(with_vn, RATE, "Binh Duong").iloc[0]
    assert row["national_value"] == pytest.approx(row["value"] - 10.0)
    assert row["vs_national"] == pytest.approx(10.0)  # higher is better: 10 points above the nation


def test_lab_command_keeps_the_token_out_of_argv_and_listens_on_localhost(tmp_path):
    from dtlib.workbench.lab import NOTEBOOK_SETTINGS, TRANSLATION_SETTINGS, lab_command, seed_settings

    settings = seed_settings(tmp_path / "settings", "vi")
    argv, env = lab_command(tmp_path, None, port=8123, token="s3cret", settings_dir=settings)
    assert "--ServerApp.ip=127.0.0.1" in argv and "--ServerApp.port=8123" in argv
    assert not any("s3cret" in arg for arg in argv) and env["JUPYTER_TOKEN"] == "s3cret"
    assert json.loads((settings / TRANSLATION_SETTINGS).read_text()) == {"locale": "vi_VN"}
    assert json.loads((settings / NOTEBOOK_SETTINGS).read_text()) == {"autoStartDefaultKernel": True}
    seed_settings(settings, "en")  # a language the user already chose is kept
    assert json.loads((settings / TRANSLATION_SETTINGS).read_text()) == {"locale": "vi_VN"}


def test_choropleth_on_the_34_units(b):
    """data/ has no 34-unit figure yet: 34 made-up rows, marked synthetic, one per new unit."""
    import dataclasses

    from dtlib.data.units import REFORM_DATE

    template = b.actuals[b.actuals["indicator"] == "dti_score"].iloc[[0]]
    new_units = b.units.existing_on(REFORM_DATE)
    rows = pd.concat([template.assign(unit_id=u.id, geography="34", value=0.5 + i / 100, synthetic=True)
                      for i, u in enumerate(new_units)], ignore_index=True)
    fake = dataclasses.replace(b, observations=pd.concat([b.observations, rows], ignore_index=True))
    year = int(template["period_end"].dt.year.iloc[0])
    values = dtlib.explore.map_values(fake, "dti_score", year, geography="34")
    assert sorted(values["unit_id"]) == sorted(u.id for u in new_units)
    document = dtlib.choropleth(fake, "dti_score", year, geography="34", highlight="TP.HCM",
                                language="en").document()
    assert "synthetic" in document and not REMOTE_REFERENCE.search(document)
    assert dtlib.explore.map_values(fake, "dti_score", year, geography="63")["geography"].eq("63").all()


@pytest.mark.parametrize("spelling", BD_SPELLINGS[1:])
def test_every_function_reads_every_spelling_alike(b, spelling):
    def same(frame_a, frame_b):
        pd.testing.assert_frame_equal(frame_a.reset_index(drop=True), frame_b.reset_index(drop=True))

    same(dtlib.compare(b, RATE, spelling), dtlib.compare(b, RATE, "74"))
    assert [t.name for t in dtlib.plot(b, RATE, [spelling, "BP"]).data] == \
        [t.name for t in dtlib.plot(b, RATE, ["74", "BP"]).data]
    moved, reference = (dtlib.reexpress(b, "doanh_nghiep_so_luong", s, period=2023) for s in (spelling, "74"))
    same(moved.incomplete, reference.incomplete)
    same(dtlib.assess(b, units=spelling).table, dtlib.assess(b, units="74").table)
    same(dtlib.forecast(b, units=spelling).table, dtlib.forecast(b, units="74").table)
    assert dtlib.reform_of(b, spelling)["became"] == dtlib.reform_of(b, "74")["became"]
