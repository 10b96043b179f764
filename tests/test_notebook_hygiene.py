"""Committed notebooks stay reviewable: no outputs, one tagged parameters cell, paired .py."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p for p in (ROOT / "notebooks").rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_committed_notebook_has_no_outputs(path):
    nb = nbformat.read(path, as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert all(not c.outputs and c.execution_count is None for c in code), "strip outputs (make notebooks)"
    assert nb.metadata.get("kernelspec", {}).get("name") == "dtlib"
    assert (path.with_suffix(".py")).exists(), "every notebook is paired with a jupytext .py"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_at_most_one_parameters_cell_with_literals(path):
    nb = nbformat.read(path, as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) <= 1
    for cell in tagged:
        for line in cell.source.splitlines():
            if line.strip() and not line.lstrip().startswith("#"):
                value = line.split("=", 1)[1].split("#", 1)[0].strip()
                assert value[:1] in "\"'0123456789-TFN", f"parameters must be literals: {line}"


def test_delivery_example_validates(capsys):
    from dtlib import cli

    assert cli.main(["validate", str(ROOT / "docs" / "examples" / "delivery_example.csv"), "--locale", "vi"]) == 0
