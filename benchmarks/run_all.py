"""Run every benchmark (`make bench`); each script merges its entries into results.json.

Each benchmark measures its goal against a baseline in the same run (a ratio), so the numbers
compare like with like on whatever machine runs them. A failing benchmark does not stop the
others; the exit code says whether all of them ran.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results.json"
SCRIPTS = ("bench_reports.py", "bench_voila.py", "bench_records.py")
"""Latency benchmarks first: right after the 100M-record run (3 GB written, memory being
reclaimed) Voila's first paint measured 5.4 s instead of 1.9 s on the same machine."""


def main() -> int:
    failed = []
    for script in SCRIPTS:
        path = HERE / script
        if not path.exists():
            print(f"skip {script}: not present")
            continue
        print(f"== {script}", flush=True)
        code = subprocess.call([sys.executable, str(path), "--out", str(RESULTS)])
        if code != 0:
            failed.append(script)
    if RESULTS.exists():
        for entry in json.loads(RESULTS.read_text()):
            print(f"{entry['name']:40s} {entry['value']:>12.3f} {entry['unit']:6s} ratio={entry.get('ratio')}")
    if failed:
        print(f"failed: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
