"""The curation routine: safe names, one atomic step, a tidy registry, sources that come with a delivery."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from conftest import ROOT, write_csv

from dtlib import atomic, cli
from dtlib.data import curation
from dtlib.data.curation import DatasetNameError, check_name
from dtlib.data.datasets import add_delivery, load_bundle, read_registry
from dtlib.data.sources import undated_sources
from dtlib.errors import ValidationError

HEADER = "unit,indicator,period,value,numerator,denominator,kind,source_id,status,note"
SOURCES_HEADER = "source_id,outlet,title,published,author,locator,kind,licence,note"
EXAMPLE = ROOT / "docs" / "examples" / "delivery_with_sources.csv"


def tree_hashes(folder: Path) -> dict[str, str]:
    """Every file under `folder` (hidden ones too) with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def real_data(tmp_path, monkeypatch) -> Path:
    """A temporary copy of the real data/ (without the large samples and boundaries)."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("samples", "geo"))
    monkeypatch.setenv("DTLIB_DATA_DIR", str(data))
    return data


def delivery_with_sources(folder: Path, *rows: str, sources: tuple[str, ...] = ()) -> Path:
    file = write_csv(folder / "q1.csv", HEADER, *rows)
    write_csv(folder / "q1.sources.csv", SOURCES_HEADER, *sources)
    return file


NEW_SOURCE = "src-new,Báo Mới,Tin mới,2025-04-02,,https://example.org/new,news,cited,"
NEW_ROW = "74,ho_so_truc_tuyen_ty_le,Quý I/2025,\"81,5%\",,,actual,src-new,,"


# -- names --------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["../../x", "", "a/b", "Upper", "-lead", "x" * 65, "dot.csv", " x"])
def test_unsafe_names_are_refused_and_nothing_is_written(mini_data, tmp_path, name):
    before = tree_hashes(mini_data)
    delivery = write_csv(tmp_path / "q1.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2025Q1,50%,,,actual,src-a,,")
    with pytest.raises(DatasetNameError, match="is not allowed"):
        add_delivery(delivery, name=name, locale="vi")
    assert tree_hashes(mini_data) == before
    assert not (tmp_path / "x.csv").exists()


def test_cli_refuses_a_path_as_name_in_one_sentence(mini_data, tmp_path, capsys):
    delivery = write_csv(tmp_path / "q1.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2025Q1,50%,,,actual,src-a,,")
    assert cli.main(["add", str(delivery), "--name", "../../x", "--locale", "vi"]) == 1
    err = capsys.readouterr().err
    assert "dataset name '../../x' is not allowed" in err and "Traceback" not in err


def test_good_names_pass():
    assert check_name("binh_duong_2025q1") == "binh_duong_2025q1"
    assert check_name("0-x") == "0-x"


# -- one atomic step --------------------------------------------------------------------------

def _failing_replace(fail_on: str):
    real = os.replace

    def replace(src, dst):
        if Path(dst).name == fail_on:
            raise OSError(f"disk full while writing {fail_on}")
        return real(src, dst)
    return replace


@pytest.mark.parametrize("fail_on", ["q1_2025.csv", "sources.csv", "datasets.yaml"])
def test_failure_at_any_move_leaves_data_byte_identical(mini_data, tmp_path, monkeypatch, fail_on):
    before = tree_hashes(mini_data)
    delivery = delivery_with_sources(tmp_path, NEW_ROW, sources=(NEW_SOURCE,))
    monkeypatch.setattr(atomic.os, "replace", _failing_replace(fail_on))
    with pytest.raises(OSError, match="disk full"):
        add_delivery(delivery, name="q1_2025", locale="vi")
    assert tree_hashes(mini_data) == before


def test_failure_while_rendering_the_registry_leaves_data_byte_identical(mini_data, tmp_path, monkeypatch):
    before = tree_hashes(mini_data)
    delivery = delivery_with_sources(tmp_path, NEW_ROW, sources=(NEW_SOURCE,))

    def broken(*args, **kwargs):
        raise RuntimeError("registry writer crashed")
    monkeypatch.setattr("dtlib.data.datasets.registry_with_entry", broken)
    with pytest.raises(RuntimeError):
        add_delivery(delivery, name="q1_2025", locale="vi")
    assert tree_hashes(mini_data) == before


def test_delivery_and_its_sources_are_added_together(mini_data, tmp_path):
    delivery = delivery_with_sources(tmp_path, NEW_ROW, sources=(NEW_SOURCE,))
    assert add_delivery(delivery, name="q1_2025", locale="vi").ok
    assert not [p for p in mini_data.rglob(".*") if p.is_file()]  # no staged or backup files left
    bundle = load_bundle(mini_data)
    assert "src-new" in bundle.sources.index
    row = bundle.observations.iloc[0]
    assert (row["source_id"], row["value"]) == ("src-new", 81.5)
    assert row["published"] == pd.Timestamp("2025-04-02")


# -- sources brought by a delivery ----------------------------------------------------------------

@pytest.mark.parametrize(("source", "column", "rule"), [
    ("src-new,Báo Mới,Tin mới,,,https://example.org/new,news,cited,", "published", "is required"),
    ("src-new,Báo Mới,Tin mới,02/04/2025,,https://example.org/new,news,cited,", "published", "write YYYY-MM-DD"),
    ("src-new,Báo Mới,Tin mới,2099-01-01,,https://example.org/new,news,cited,", "published", "in the future"),
    ("src-new,Báo Mới,Tin mới,2025-04-02,,,news,cited,", "locator", "is required"),
    ("src-new,Báo Mới,Tin mới,2025-04-02,,https://example.org/new,blog,cited,", "kind", "must be one of"),
    ("src-new,Báo Mới,Tin mới,2025-04-02,,https://example.org/new,news,,", "licence", "is required"),
    ("src-a,Báo A,Another title,2024-03-20,,seeds/a.txt,news,cited,", "source_id", "with other details"),
])
def test_bad_delivery_sources_are_reported_and_nothing_changes(mini_data, tmp_path, source, column, rule):
    before = tree_hashes(mini_data)
    row = NEW_ROW.replace("src-new", source.split(",")[0])
    result = add_delivery(delivery_with_sources(tmp_path, row, sources=(source,)), name="q1", locale="vi")
    assert not result.ok
    assert any(p.column == column and rule in p.rule and p.file.endswith("q1.sources.csv")
               for p in result.problems), result.problems
    assert tree_hashes(mini_data) == before


def test_sources_sheet_of_an_xlsx_delivery(mini_data, tmp_path):
    path = tmp_path / "q1.xlsx"
    rows = pd.DataFrame([dict(zip(HEADER.split(","), ["74", "ho_so_truc_tuyen_ty_le", "2025Q1", 81.5, "", "",
                                                      "actual", "src-x", "", ""], strict=True))])
    sources = pd.DataFrame([dict(zip(SOURCES_HEADER.split(","), ["src-x", "Cổng TTĐT", "Báo cáo quý I",
                                                                pd.Timestamp("2025-04-10"), "",
                                                                "https://example.gov.vn/q1", "official",
                                                                "cited", ""], strict=True))])
    with pd.ExcelWriter(path) as writer:
        rows.to_excel(writer, sheet_name="data", index=False)
        sources.to_excel(writer, sheet_name="sources", index=False)
    assert add_delivery(path, name="q1_xlsx", locale="en").ok
    bundle = load_bundle(mini_data)
    assert bundle.sources.loc["src-x", "published"] == "2025-04-10"
    assert bundle.observations["published"].tolist() == [pd.Timestamp("2025-04-10")]


def test_a_sources_sheet_before_the_observations_is_refused(mini_data, tmp_path):
    path = tmp_path / "q1.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame({"source_id": ["src-x"]}).to_excel(writer, sheet_name="sources", index=False)
        pd.DataFrame({"unit": ["74"]}).to_excel(writer, sheet_name="data", index=False)
    with pytest.raises(ValidationError, match="put the observations on the first sheet"):
        add_delivery(path, name="q1_xlsx", locale="en")


def test_unknown_source_is_reported_once_listing_its_rows(mini_data, tmp_path):
    rows = [f"74,ho_so_truc_tuyen_ty_le,{q},50%,,,actual,nowhere,," for q in ("2024Q1", "2024Q2", "2024Q3")]
    result = add_delivery(write_csv(tmp_path / "q.csv", HEADER, *rows), name="q", locale="vi")
    unknown = [p for p in result.problems if p.column == "source_id"]
    assert len(unknown) == 1
    assert unknown[0].value == "nowhere" and "rows 2, 3, 4" in unknown[0].rule
    assert len(result.rejects) == 3


def test_a_figure_without_a_source_is_caught(mini_data, tmp_path):
    result = add_delivery(write_csv(tmp_path / "q.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024Q1,50%,,,actual,,,"),
                          name="q", locale="vi")
    assert [(p.row, p.column, p.rule) for p in result.problems] == [(2, "source_id", "is required")]


def test_a_source_without_a_date_is_reported(mini_data, capsys):
    with (mini_data / "sources.csv").open("a", encoding="utf-8") as handle:
        handle.write("src-undated,Báo C,Tin C,,,https://example.org/c,news,cited,\n")
    assert undated_sources(load_bundle(mini_data).sources) == ["src-undated"]
    assert cli.main(["sources", "check"]) == 1
    assert "src-undated" in capsys.readouterr().out


def test_cli_sources_add_appends_one_row_and_refuses_bad_dates(mini_data, capsys):
    before = (mini_data / "sources.csv").read_text(encoding="utf-8")
    argv = ["sources", "add", "--id", "news-x-2025", "--outlet", "Báo X", "--title", "Tin, có dấu phẩy",
            "--url", "https://example.org/x"]
    assert cli.main([*argv, "--published", "2025-13-01"]) == 1
    assert "not a calendar date" in capsys.readouterr().err
    assert (mini_data / "sources.csv").read_text(encoding="utf-8") == before
    assert cli.main([*argv, "--published", "2025-03-01"]) == 0
    after = (mini_data / "sources.csv").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert after[len(before):] == ('news-x-2025,Báo X,"Tin, có dấu phẩy",2025-03-01,,https://example.org/x,news,'
                                   '"© publisher; figures cited as facts, no text reproduced",\n')


# -- repeated figures -----------------------------------------------------------------------------

def test_a_repeated_key_and_source_is_refused_naming_both_rows(mini_data, tmp_path):
    first = write_csv(tmp_path / "a.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024Q1,50%,,,actual,src-a,,")
    assert add_delivery(first, name="a", locale="vi").ok
    before = tree_hashes(mini_data)
    other = write_csv(tmp_path / "b.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,Quý I/2024,55%,,,actual,src-a,,")
    result = add_delivery(other, name="b", locale="vi")
    assert [(p.file, p.row, p.value) for p in result.problems] == [(str(other), 2, "55%")]
    assert "contradicts data/observations/a.csv row 2, which has '50%'" in result.problems[0].rule
    same = write_csv(tmp_path / "c.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024Q1,50%,,,actual,src-a,,")
    assert "is already in data/observations/a.csv row 2" in add_delivery(same, name="c", locale="vi").problems[0].rule
    assert tree_hashes(mini_data) == before
    other_source = write_csv(tmp_path / "d.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024Q1,55%,,,actual,src-b,,")
    assert add_delivery(other_source, name="d", locale="vi").ok  # another source may disagree


def test_repeats_registered_by_hand_show_in_conflicts(mini_data):
    for name, value in (("a", "50%"), ("b", "55%")):
        write_csv(mini_data / "observations" / f"{name}.csv", HEADER,
                  f"74,ho_so_truc_tuyen_ty_le,2024Q1,{value},,,actual,src-a,,")
    (mini_data / "datasets.yaml").write_text(
        "observations:\n" + "".join(f"  - {{name: {n}, path: observations/{n}.csv, locale: vi}}\n" for n in "ab"))
    conflicts = load_bundle(mini_data).conflicts()
    assert conflicts[["reason", "source_a", "source_b", "value_a", "value_b"]].values.tolist() == [
        ["same_source_repeat", "src-a", "src-a", 50.0, 55.0]]


# -- a tidy registry, the example delivery on the real data ------------------------------------------

def test_example_delivery_adds_exactly_its_entry_and_source_lines(real_data):
    registry_before = (real_data / "datasets.yaml").read_text(encoding="utf-8")
    sources_before = (real_data / "sources.csv").read_text(encoding="utf-8")
    assert registry_before.lstrip().startswith("#")  # a comment that must survive
    result = add_delivery(EXAMPLE, name="example_dti_2023", locale="en", description="DTI 2023 top 10")
    assert result.ok, result.problems
    registry_after = (real_data / "datasets.yaml").read_text(encoding="utf-8")
    assert registry_after == registry_before + (
        '  - name: "example_dti_2023"\n'
        '    path: "observations/example_dti_2023.csv"\n'
        '    locale: "en"\n'
        '    description: "DTI 2023 top 10"\n')
    sources_after = (real_data / "sources.csv").read_text(encoding="utf-8")
    new_lines = sources_after[len(sources_before):].splitlines()
    assert sources_after.startswith(sources_before)
    assert new_lines == (EXAMPLE.with_name("delivery_with_sources.sources.csv")
                         .read_text(encoding="utf-8").splitlines()[1:])
    assert (real_data / "observations" / "example_dti_2023.csv").read_bytes() == EXAMPLE.read_bytes()
    bundle = load_bundle(real_data)
    added = bundle.observations[bundle.observations["dataset"] == "example_dti_2023"]
    assert len(added) == 10 and not added["synthetic"].any()
    assert (added["published"] == pd.Timestamp("2025-02-07")).all()
    # public from February 2025: a view as known at the end of 2024 does not have it
    assert "example_dti_2023" not in set(bundle.known_at("2024-12-31").observations["dataset"])
    assert "example_dti_2023" in set(bundle.known_at("2025-02-07").observations["dataset"])
    assert [e.name for e in read_registry(real_data)][-1] == "example_dti_2023"


def test_registry_comments_survive_an_add(mini_data, tmp_path):
    text = "# Registered files.\nobservations:  # one entry per delivery\n  - name: \"old\"  # keep me\n" \
           "    path: \"observations/old.csv\"\n    locale: \"vi\"\n"
    write_csv(mini_data / "observations" / "old.csv", HEADER, "70,doanh_nghiep_so_luong,2024,6.500,,,actual,src-a,,")
    (mini_data / "datasets.yaml").write_text(text, encoding="utf-8")
    delivery = write_csv(tmp_path / "n.csv", HEADER, "70,doanh_nghiep_so_luong,2025,7.000,,,actual,src-a,,")
    assert add_delivery(delivery, name="new", locale="vi").ok
    after = (mini_data / "datasets.yaml").read_text(encoding="utf-8")
    assert after == text + '  - name: "new"\n    path: "observations/new.csv"\n    locale: "vi"\n' \
                           '    description: ""\n'


def test_registry_writer_refuses_broken_yaml():
    with pytest.raises(curation.CatalogError, match="not valid YAML"):
        curation.registry_with_entry("observations: [\n", {"name": "x"})


def test_broken_registry_is_a_dtlib_error(mini_data):
    (mini_data / "datasets.yaml").write_text("observations: [\n", encoding="utf-8")
    with pytest.raises(curation.CatalogError, match="cannot be read as YAML"):
        read_registry(mini_data)


def test_cli_add_names_the_new_sources(real_data, capsys):
    assert cli.main(["add", str(EXAMPLE), "--name", "example", "--locale", "en", "--language", "en"]) == 0
    assert "new source(s) added to data/sources.csv: ex-nguoihanoi-dti2023" in capsys.readouterr().out


def test_cli_add_speaks_vietnamese_by_default(real_data, capsys):
    assert cli.main(["add", str(EXAMPLE), "--name", "example", "--locale", "en"]) == 0
    out = capsys.readouterr().out
    assert "đã thêm thành data/observations/example.csv (10 số liệu)" in out
    assert "nguồn mới đã thêm vào data/sources.csv: ex-nguoihanoi-dti2023" in out


def test_validate_reads_the_delivery_sources(real_data, capsys):
    assert cli.main(["validate", str(EXAMPLE), "--locale", "en", "--language", "en"]) == 0
    assert "OK, 10 observation(s)" in capsys.readouterr().out


def test_invalid_registered_file_still_fails_the_bundle(mini_data):
    write_csv(mini_data / "observations" / "a.csv", HEADER, "74,ho_so_truc_tuyen_ty_le,2024,abc,,,actual,src-a,,")
    (mini_data / "datasets.yaml").write_text("observations:\n  - {name: a, path: observations/a.csv, locale: vi}\n")
    with pytest.raises(ValidationError):
        load_bundle(mini_data)


def test_a_broken_sources_file_is_a_dtlib_error(tmp_path):
    from dtlib.data.sources import load_sources
    from dtlib.errors import DtlibError

    broken = tmp_path / "sources.csv"
    broken.write_text('source_id,outlet\n"unclosed,quote\n', encoding="utf-8")
    with pytest.raises(DtlibError, match="cannot be read as a UTF-8 CSV of sources"):
        load_sources(broken)
    broken.write_bytes(b"source_id,outlet\n\xff\xfe,x\n")
    with pytest.raises(DtlibError, match="cannot be read"):
        load_sources(broken)
