"""Records → observations → the project's own validation: what `dtlib records` writes can be added."""

from __future__ import annotations

from pathlib import Path

from dtlib import cli
from dtlib.data.datasets import load_reference
from dtlib.data.loaders import load_observation_file

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "samples" / "records"


def test_records_output_validates_and_is_marked_synthetic(tmp_path):
    out = tmp_path / "obs.csv"
    assert cli.main(["records", str(SAMPLE), "--out", str(out)]) == 0
    catalog, sources, units = load_reference()
    result = load_observation_file(out, locale="en", catalog=catalog, source_ids=set(sources.index), units=units)
    assert result.ok, result.problems[:5]
    obs = result.observations
    assert set(obs["source_id"]) == {"synthetic-records"}
    assert obs["note"].str.contains("SYNTHETIC").all()
    assert sources.loc["synthetic-records", "kind"] == "synthetic"
    assert {"P63-74", "P63-70"} <= set(obs["unit_id"]) or obs["unit_id"].str.startswith("D-").any()


def test_records_added_with_dtlib_add_stay_synthetic_in_the_bundle_and_report(tmp_path, monkeypatch):
    """The documented path `dtlib records` → `dtlib add`: the flag follows the source's kind."""
    import shutil

    from dtlib.data.datasets import load_bundle
    from dtlib.reporting.context import select_context
    from dtlib.reporting.params import ReportParams

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("samples", "geo"))
    monkeypatch.setenv("DTLIB_DATA_DIR", str(data))
    out = tmp_path / "records_obs.csv"
    assert cli.main(["records", str(SAMPLE), "--out", str(out)]) == 0
    assert cli.main(["add", str(out), "--name", "records_2024", "--locale", "en"]) == 0
    assert "synthetic" not in (data / "datasets.yaml").read_text(encoding="utf-8")  # no flag to forget
    bundle = load_bundle(data)
    rows = bundle.observations[bundle.observations["dataset"] == "records_2024"]
    assert len(rows) and rows["synthetic"].all()
    assert not bundle.observations.loc[bundle.observations["dataset"] != "records_2024", "synthetic"].any()
    unit = rows["unit_id"].iloc[0]
    quarter = rows.sort_values("ref_date")["period_end"].iloc[-1]
    params = ReportParams(unit, f"{quarter.year}Q{(quarter.month - 1) // 3 + 1}", "vi")
    assert select_context(bundle, params).synthetic_datasets == ["records_2024"]
