"""Continuity across the reform: former areas, forward links, re-aggregation, reports and the index.

The end-to-end test copies the real data/ folder, adds a hand-written SYNTHETIC delivery of DTI
2023–2024 on both geographies (the two 34-unit rows use the figures the ministry published for
TP. Hồ Chí Minh and Đồng Nai, the 63-unit rows are invented) and renders the reports of new
TP. Hồ Chí Minh and of Bình Dương.
"""

from __future__ import annotations

import re
import shutil

import pytest
import yaml
from conftest import ROOT, write_csv

from dtlib.data import continuity as cont
from dtlib.data.datasets import add_delivery, load_bundle
from dtlib.data.units import REFORM_DATE, registry


def test_every_old_province_is_a_former_area_of_exactly_one_unit_today():
    groups = cont.units_with_former_areas()
    assert len(groups) == len(registry().existing_on(REFORM_DATE))
    former = [u.id for _, areas in groups for u in areas]
    assert sorted(former) == sorted(u.id for u in registry().existing_on(REFORM_DATE.replace(year=2024)))
    by_unit = {u.id: [a.id for a in areas] for u, areas in groups}
    assert set(by_unit["P34-79"]) == {"P63-74", "P63-77", "P63-79"}


def test_forward_links():
    assert [u.id for u in cont.now_part_of("P63-74")] == ["P34-79"]
    assert [u.id for u in cont.now_part_of("D-718")] == ["P34-79"]
    assert cont.now_part_of("P34-79") == [] and cont.now_part_of("VN") == []


HEADER = "unit,indicator,period,value,numerator,denominator,kind,source_id,geography"


def test_reaggregated_series_and_reasons(mini_data):
    write_csv(mini_data / "observations" / "a.csv", HEADER,
              "74,doanh_nghiep_so_luong,2024,10,,,actual,src-a,",
              "77,doanh_nghiep_so_luong,2024,20,,,actual,src-a,63",
              "79,doanh_nghiep_so_luong,2024,30,,,actual,src-a,63",
              "79,doanh_nghiep_so_luong,2023,30,,,actual,src-a,63",
              "74,ho_so_truc_tuyen_ty_le,2024,50%,,,actual,src-a,",
              "74,dti_rank,2024,9,,,actual,src-a,",
              "79,doanh_nghiep_so_luong,2024,99,,,actual,src-a,34")
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump(
        {"observations": [{"name": "a", "path": "observations/a.csv", "locale": "vi"}]}), encoding="utf-8")
    bundle = load_bundle(mini_data)
    result = cont.reaggregated_series(bundle, "P34-79")
    row = result.values.set_index("period").loc["2024"]
    assert row["value"] == 60 and row["method"] == "reaggregated"  # 99 filed on P34-79 is not added in
    assert sorted(row["from_units"]) == ["P63-74", "P63-77", "P63-79"]
    reasons = dict(zip(result.reasons["indicator"], result.reasons["reason"], strict=True))
    assert reasons == {"dti_rank": cont.REASON_NOT_ADDITIVE, "ho_so_truc_tuyen_ty_le": cont.REASON_NO_PARTS}
    data = cont.continuity(bundle, "P63-74")
    assert data.data_ends_at_reform and [u.id for u in data.now_part_of] == ["P34-79"]


# -- end to end: a delivery on both geographies, then the reports -----------------------------

DELIVERY = """\
unit,indicator,period,value,kind,source_id,geography,group_size,note
79,dti_score,2024,0.7770,actual,fixture-dti,34,,DTI 2024 on the 34 units
79,dti_rank,2024,4,actual,fixture-dti,34,34,xếp 4/34
75,dti_score,2024,0.7164,actual,fixture-dti,34,,
75,dti_rank,2024,15,actual,fixture-dti,34,,
79,dti_rank,2023,3,actual,fixture-dti,63,,
79,dti_score,2023,0.7012,actual,fixture-dti,63,,
79,dti_rank,2024,6,actual,fixture-dti,63,63,
74,dti_rank,2023,12,actual,fixture-dti,,,
74,dti_rank,2024,9,actual,fixture-dti,,,
"""

# dated as the DTI 2024 release (21/10/2025): reports show what was public at the end of their quarter
FIXTURE_SOURCE = ("fixture-dti,dtlib tests,SYNTHETIC fixture delivery (tests/test_continuity.py),2025-10-21,,"
                  "tests/test_continuity.py,synthetic,test fixture,hand-written rows\n")


@pytest.fixture(scope="module")
def both_geographies(tmp_path_factory):
    base = tmp_path_factory.mktemp("continuity")
    data = base / "data"
    shutil.copytree(ROOT / "data", data)
    with (data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write(FIXTURE_SOURCE)
    delivery = base / "dti_2024_both.csv"
    delivery.write_text(DELIVERY, encoding="utf-8")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(data))
        mp.setenv("DTLIB_REPORTS_DIR", str(base / "reports"))
        result = add_delivery(delivery, name="dti_2024_both", locale="en", data_dir=data)
        assert result.ok, result.problems
        registry_file = data / "datasets.yaml"
        document = yaml.safe_load(registry_file.read_text(encoding="utf-8"))
        document["observations"][-1]["synthetic"] = True  # invented 63-unit rows: mark the dataset
        registry_file.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
        yield base, load_bundle(data)


def test_delivery_is_filed_on_each_geography(both_geographies):
    _, bundle = both_geographies
    obs = bundle.observations[bundle.observations["source_id"] == "fixture-dti"]  # the delivery; data/ holds more
    new = obs[obs["unit_id"] == "P34-79"]
    assert set(new["geography"]) == {"34"} and set(new["period"]) == {"2024"}
    assert set(new["ref_date"].dt.year) == {2024}  # nothing misdated as 2025
    assert new.set_index("indicator").loc["dti_rank", "group_size"] == 34
    old = obs[obs["unit_id"] == "P63-79"]
    assert set(old["geography"]) == {"63"} and 0.7770 not in set(old["value"])
    assert set(old.loc[old["indicator"] == "dti_rank", "group_size"]) == {63}


@pytest.mark.slow
def test_reports_of_new_hcm_and_binh_duong(both_geographies):
    from dtlib.reporting.index import write_index
    from dtlib.reporting.params import LAST_QUARTER_BEFORE_REFORM
    from dtlib.reporting.runner import ReportJob, run_batch, summarize

    base, bundle = both_geographies
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DTLIB_DATA_DIR", str(base / "data"))
        mp.setenv("DTLIB_REPORTS_DIR", str(base / "reports"))
        results = run_batch([ReportJob("P34-79"), ReportJob("74", LAST_QUARTER_BEFORE_REFORM)],
                            workers=2, progress=False)
        assert all(r.ok for r in results), summarize(results)
        index = write_index(bundle)
    hcm_result, bd_result = results
    assert hcm_result.params.quarter.startswith("2025")
    hcm = (hcm_result.folder / "report.html").read_text(encoding="utf-8")
    bd = (bd_result.folder / "report.html").read_text(encoding="utf-8")
    # new TP. Hồ Chí Minh: its own 2024 figures on 34 units
    assert "0,7770" in hcm and "4/34" in hcm
    table = re.search(r'<table class="dt-former-history">.*?</table>', hcm, re.S).group(0)
    rows = {int(m.group(1)): re.findall(r'<td class="num">([^<]*)</td>', m.group(2))
            for m in re.finditer(r"<tr><td>(\d{4})</td>(.*?)</tr>", table, re.S)}
    heads = re.findall(r'<th colspan="2">([^<]*)</th>', table)
    bd_col = 2 * next(i for i, h in enumerate(heads) if h.startswith("Bình Dương"))
    old_col = 2 * next(i for i, h in enumerate(heads) if h.startswith("TP. Hồ Chí Minh (79, đến"))
    own_col = 2 * next(i for i, h in enumerate(heads) if "34 đơn vị" in h)
    # Bình Dương's shipped DTI rank history as a former area (dti_2020_2022.csv)
    assert [rows[y][bd_col] for y in (2020, 2021, 2022)] == ["31/63", "22/63", "19/63"]
    assert rows[2024][own_col] == "4/34" and rows[2024][own_col + 1] == "0,7770"
    assert rows[2024][old_col] == "6/63"  # old TP. Hồ Chí Minh keeps only its 63-unit figures
    assert "0,7770" not in rows[2024][old_col:old_col + 2]
    # Bình Dương: now part of TP. Hồ Chí Minh, with a relative link that resolves to that report
    href = re.search(r'class="dt-successor-link" href="([^"]+)"', bd).group(1)
    assert (bd_result.folder / href).resolve() == (hcm_result.folder / "report.html").resolve()
    assert "nay thuộc TP. Hồ Chí Minh" in bd
    # the index: grouped by today's unit, Bình Dương beneath as a former area
    text = index.read_text(encoding="utf-8")
    assert "<script" not in text and "http" not in text
    group = text.split("<h2>TP. Hồ Chí Minh</h2>", 1)[1].split("</table>", 1)[0]
    assert 'href="ho-chi-minh-2025/' in group and 'class="dt-former"><td><a href="binh-duong/' in group


def test_report_command_names_the_successor_in_its_language(capsys):
    from dtlib import cli

    assert cli.main(["report", "--unit", "Bình Dương", "--quarter", "2025Q4", "--no-progress"]) == 1
    out = capsys.readouterr().out
    assert ("Bình Dương không còn tồn tại từ 01/07/2025; nay thuộc TP. Hồ Chí Minh (P34-79): "
            "dtlib report --unit P34-79 --quarter 2025Q4") in out
    assert cli.main(["report", "--unit", "74", "--quarter", "2025Q4", "--language", "en", "--no-progress"]) == 1
    assert "it is now part of Ho Chi Minh (P34-79)" in capsys.readouterr().out
    assert cli.main(["report", "--unit", "79", "--on", "2024-13-01", "--no-progress"]) == 1
    assert "không phải ngày" in capsys.readouterr().out


def test_national_figures_and_report_sections(mini_data):
    from dtlib.reporting import sections
    from dtlib.reporting.context import build_context
    from dtlib.reporting.continuity import continuity_section

    write_csv(mini_data / "observations" / "a.csv", HEADER,
              "cả nước,ho_so_truc_tuyen_ty_le,2025Q4,50%,,,actual,src-a,",
              "Bình Dương,ho_so_truc_tuyen_ty_le,2024Q4,60%,,,actual,src-a,")
    (mini_data / "datasets.yaml").write_text(yaml.safe_dump(
        {"observations": [{"name": "a", "path": "observations/a.csv", "locale": "vi"}]}), encoding="utf-8")
    bundle = load_bundle(mini_data)
    assert bundle.observations.set_index("unit_id").loc["VN", "geography"] == "34"
    national = build_context("Việt Nam", "", "vi", bundle=bundle)
    assert national.params.quarter == "2025Q4"
    assert continuity_section(national).data == "" and sections.reform(national).data == ""
    old = build_context("74", "", "vi", bundle=bundle)
    html = continuity_section(old).data
    assert "Bình Dương không còn tồn tại từ 01/07/2025; nay thuộc TP. Hồ Chí Minh (79, từ 01/07/2025)." in html
    quarter = cont.report_quarter_ends(bundle)["P34-79"]
    assert quarter.isoformat() == "2025-09-30"  # its first quarter: only former-area figures so far
    assert 'href="../../ho-chi-minh-2025/2025Q3/report.html"' in html
    assert "số liệu cuối: 31/12/2024" in html
