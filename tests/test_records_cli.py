"""`dtlib records` / `dtlib synth`, the report API and the benchmark's result merging."""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
import records_handmade as h

from dtlib.records import indicators_for, sample_path
from dtlib.records.cli import main, register
from dtlib.records.results import OBSERVATION_COLUMNS

ROOT = Path(__file__).resolve().parent.parent


def test_register_adds_both_subcommands():
    parser = argparse.ArgumentParser()
    register(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["records", "some/path", "--period", "month"])
    assert (args.command, args.period, args.backend) == ("records", "month", "duckdb")
    assert parser.parse_args(["synth", "out", "--records", "10"]).records == 10


def test_records_on_the_sample_writes_marked_observations(tmp_path, capsys):
    out = tmp_path / "obs.csv"
    assert main(["records", str(sample_path()), "--out", str(out)]) == 0
    obs = pd.read_csv(out, dtype={"unit": str})
    assert tuple(obs.columns) == OBSERVATION_COLUMNS
    assert (obs.source_id == "synthetic-records").all()
    assert obs.note.str.startswith("SYNTHETIC").all()
    assert obs.period.str.match(r"^\d{4}Q[1-4]$").all()
    ratio = obs[obs.denominator.notna() & obs.indicator.str.endswith("_ty_le")]
    assert (ratio.value - 100 * ratio.numerator / ratio.denominator).abs().max() < 1e-3
    assert {"P63-74", "P63-70", "D-718", "P34-79", "P34-75"} <= set(obs.unit)
    printed = capsys.readouterr().out
    assert "SYNTHETIC records: 100000 read, 100000 valid, 0 rejected" in printed


def test_records_with_rejects_writes_them_and_strict_fails(tmp_path):
    path = h.write([h.record(dossier_id="a"), h.record(dossier_id="b", status=99)],
                   tmp_path / "r.parquet")
    catalog = h.write_catalog(tmp_path / "cat.csv")
    out = tmp_path / "obs.csv"
    args = ["records", str(path), "--catalog", str(catalog), "--out", str(out),
            "--source-id", "province-export-2024"]
    assert main(args) == 0
    rejects = pd.read_csv(tmp_path / "obs.rejects.csv")
    assert list(rejects.dossier_id) == ["b"] and "TrangThaiHoSo" in rejects.rule[0]
    obs = pd.read_csv(out)
    assert (obs.source_id == "province-export-2024").all()
    assert not obs.note.str.contains("SYNTHETIC").any()
    assert main([*args, "--strict"]) == 1


def test_real_records_without_a_source_are_refused(tmp_path, capsys):
    path = h.write([h.record(dossier_id="a")], tmp_path / "r.parquet")
    h.write_catalog(tmp_path / "procedures_synthetic.csv")
    assert main(["records", str(path), "--out", str(tmp_path / "o.csv")]) == 2
    assert "--source-id" in capsys.readouterr().err


def test_synth_command_writes_a_dataset(tmp_path, capsys):
    assert main(["synth", str(tmp_path / "s"), "--records", "300", "--seed", "5"]) == 0
    assert (tmp_path / "s" / "_SYNTHETIC.json").exists()
    assert "SYNTHETIC: 300 dossier records" in capsys.readouterr().out


def test_indicators_for_a_unit_and_quarter():
    rows = indicators_for("Bình Dương", "Quý I/2024")
    assert set(rows.unit) == {"P63-74"} and set(rows.period) == {"2024Q1"}
    assert rows.synthetic.all()
    assert "hs766_dung_han_ty_le" in set(rows.indicator)
    after = indicators_for("74", "2025Q3")  # Bình Dương no longer exists: its successor
    assert set(after.unit) == {"P34-79"}
    assert after.unit_note.str.contains("P63-74").all()
    with pytest.raises(ValueError, match="not a quarter"):
        indicators_for("74", "2024")


def test_import_dtlib_records_loads_no_engine():
    code = ("import sys, dtlib.records, dtlib.records.cli; "
            "print(any(m in sys.modules for m in ('ibis', 'pyspark', 'duckdb')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "False"


def test_benchmark_merges_results_by_name(tmp_path):
    spec = importlib.util.spec_from_file_location("results_file", ROOT / "benchmarks/results_file.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    out = tmp_path / "results.json"
    out.write_text(json.dumps([{"name": "other", "value": 1, "unit": "s", "ratio": 1},
                               {"name": "records_10m_speedup_vs_pandas", "value": 9,
                                "unit": "s", "ratio": 0.5}]))
    bench.merge_results(out, [{"name": "records_10m_speedup_vs_pandas", "value": 3,
                               "unit": "s", "ratio": 2.5}])
    data = json.loads(out.read_text())
    assert [e["name"] for e in data] == ["other", "records_10m_speedup_vs_pandas"]
    assert data[1]["ratio"] == 2.5
    assert list(tmp_path.iterdir()) == [out]  # no temp file left behind
