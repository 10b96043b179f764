"""Records → observations → the project's own validation: what `dtlib records` writes can be added."""

from __future__ import annotations

from pathlib import Path

from dtlib import cli
from dtlib.datasets import load_reference
from dtlib.loaders import load_observation_file

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
