"""`benchmarks/results.json`: one list of `{"name", "value", "unit", "ratio"}` shared by every benchmark.

Each benchmark script replaces only its own entries, so `make bench` can run them one after another
(or one alone) without losing the others' figures; the file is written atomically.
"""

from __future__ import annotations

import json
from pathlib import Path

from dtlib import atomic


def merge_results(path: Path, entries: list[dict]) -> None:
    """Replace same-name entries in the results list at `path` and write it atomically."""
    current = json.loads(path.read_text(encoding="utf-8")) if path.exists() else []
    names = {e["name"] for e in entries}
    merged = [e for e in current if e.get("name") not in names] + entries
    atomic.write_text(path, json.dumps(merged, indent=2, ensure_ascii=False) + "\n")
