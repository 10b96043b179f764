"""Record named values in an executed report for later roll-ups, without importing scrapbook.

The output is the scrapbook 0.5 JSON scrap format, so `scrapbook.read_notebook(...).scraps`
reads it back; `read_scraps` does the same with nbformat only. Importing scrapbook in the kernel
costs about 2.7 s per report, hence this writer.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

SCRAP_MIME = "application/scrapbook.scrap.json+json"


def glue(name: str, value: Any) -> None:
    """Attach a JSON-encodable `value` to the current cell's outputs under `name` (not displayed)."""
    from IPython.display import display

    json.dumps(value)  # fail here, in the report, rather than when reading it back
    display({SCRAP_MIME: {"name": name, "data": value, "encoder": "json", "version": 1}},
            metadata={"scrapbook": {"name": name, "data": True, "display": False}}, raw=True)


def read_scraps(ipynb: Path) -> dict[str, Any]:
    """Every glued value of an executed notebook, by name."""
    import nbformat

    nb = nbformat.read(ipynb, as_version=4)
    scraps: dict[str, Any] = {}
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            payload = output.get("data", {}).get(SCRAP_MIME)
            if payload:
                scraps[payload["name"]] = payload["data"]
    return scraps
