"""Every exploration notebook runs top to bottom on the project's data with no error output.

Executed with papermill and the `dtlib` kernel into a temporary folder (never into notebooks/);
the notebook's own language parameter is run in both languages for the getting-started one.
"""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parent.parent
EXPLORE = sorted((ROOT / "notebooks" / "explore").glob("*.ipynb"))
ERROR_MIME = "application/vnd.jupyter.stderr"

pytestmark = pytest.mark.slow


def error_outputs(nb: nbformat.NotebookNode) -> list[str]:
    """Error outputs and stderr streams of an executed notebook."""
    found = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "error" or (out.output_type == "stream" and out.name == "stderr"):
                found.append(f"{cell.source[:60]!r}: {out.get('ename') or out.get('text', '')[:300]}")
    return found


def run(path: Path, out: Path, **parameters) -> nbformat.NotebookNode:
    import papermill as pm

    env_path = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), env_path) if p)
    pm.execute_notebook(str(path), str(out), parameters=parameters, kernel_name="dtlib",
                        cwd=str(out.parent), progress_bar=False, request_save_on_cell_execute=False)
    return nbformat.read(out, as_version=4)


def test_there_are_five_exploration_notebooks():
    assert [p.name[:2] for p in EXPLORE] == ["01", "02", "03", "04", "05"]


@pytest.mark.parametrize("path", EXPLORE, ids=[p.stem for p in EXPLORE])
def test_exploration_notebook_runs_without_error(path, tmp_path):
    nb = run(path, tmp_path / path.name)
    assert error_outputs(nb) == []
    assert any(c.get("outputs") for c in nb.cells if c.cell_type == "code")


def test_getting_started_in_english_shows_chart_and_map(tmp_path):
    nb = run(EXPLORE[0], tmp_path / "en.ipynb", language="en")
    assert error_outputs(nb) == []
    mimes = {m for c in nb.cells for o in c.get("outputs", []) for m in o.get("data", {})}
    assert "application/vnd.plotly.v1+json" in mimes
    html = "".join(o["data"].get("text/html", "") for c in nb.cells for o in c.get("outputs", [])
                   if "data" in o)
    assert "leaflet" in html.lower()


def test_getting_started_is_at_most_twenty_lines_of_public_api():
    """The issue's seven-step analysis: code lines of the notebook, no internal import."""
    nb = nbformat.read(EXPLORE[0], as_version=4)
    code = [line for c in nb.cells if c.cell_type == "code" and "parameters" not in c.metadata.get("tags", [])
            for line in c.source.splitlines() if line.strip() and not line.strip().startswith("#")]
    imports = [line for line in code if line.startswith(("import ", "from "))]
    assert all(line in ("import pandas as pd", "import dtlib") for line in imports), imports
    statements = [line for line in code if not line.startswith(("import ", "from "))
                  and not line.startswith((" ", ")", "]"))]
    assert len(statements) <= 20, statements
