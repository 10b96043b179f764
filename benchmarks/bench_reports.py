"""Benchmark: quarterly reports, one at a time and as a parallel batch.

* `report_single_s`: wall time of one report (kernel start, notebook execution, HTML export,
  atomic move) in a process that already imported papermill, as each batch worker is; the
  median of `--repeat` runs. Goal ≤ 10 s. `ratio` = goal / value (≥ 1: goal met).
* `report_batch_speedup`: 8 reports (Bình Dương and Bình Phước × 4 quarters) run one after the
  other, then with one worker per core; value = sequential / parallel time (goal ≥ 1.7 on
  2 cores), `ratio` = the same speedup / 1.7.
* `report_cli_single_s` (context): `dtlib report --unit 74 --jobs 1` end to end in a fresh
  process, imports included: what a person waits for one report.

Runs on the real data/ (or `DTLIB_DATA_DIR`), writes to temporary folders, never to reports/.

    python benchmarks/bench_reports.py --out benchmarks/results.json
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_file import merge_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SINGLE_GOAL_S = 10.0
SPEEDUP_GOAL = 1.7
BATCH_UNITS = ("74", "70")
BATCH_QUARTERS = ("2023Q3", "2023Q4", "2024Q1", "2024Q2")


def cpu_seconds() -> float:
    """CPU time of this process and every finished child (workers, kernels)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed_batch(jobs, workers: int) -> tuple[float, float]:
    """Wall seconds and CPU seconds of one batch."""
    from dtlib.reporting.runner import run_batch, summarize

    with tempfile.TemporaryDirectory(prefix="dtlib-bench-") as tmp:
        cpu, start = cpu_seconds(), time.perf_counter()
        results = run_batch(jobs, workers=workers, progress=False, reports_dir=Path(tmp))
        seconds, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if not all(r.ok for r in results):
        raise SystemExit("benchmark reports failed:\n" + summarize(results))
    return seconds, cpu


def single_runs(repeat: int) -> list[float]:
    import papermill  # noqa: F401 - imported once, as in a batch worker

    from dtlib.reporting.runner import ReportJob, plan, run_report

    (_, params), = plan([ReportJob("74")])
    times = []
    for _ in range(repeat):
        with tempfile.TemporaryDirectory(prefix="dtlib-bench-") as tmp:
            start = time.perf_counter()
            run_report(params, reports_dir=Path(tmp))
            times.append(time.perf_counter() - start)
    return times


def cli_single() -> float:
    with tempfile.TemporaryDirectory(prefix="dtlib-bench-") as tmp:
        env = dict(os.environ, DTLIB_REPORTS_DIR=tmp)
        start = time.perf_counter()
        subprocess.run([str(Path(sys.executable).parent / "dtlib"), "report", "--unit", "74",
                        "--jobs", "1", "--no-progress"], check=True, env=env,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the single report (median)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()

    from dtlib.reporting.runner import ReportJob

    print(f"cores: {os.cpu_count()}, load average before: {os.getloadavg()[0]:.2f}", flush=True)
    singles = single_runs(args.repeat)
    single = statistics.median(singles)
    print(f"single report: {', '.join(f'{s:.2f}' for s in singles)} s (median {single:.2f} s)", flush=True)
    jobs = [ReportJob(u, q) for u in BATCH_UNITS for q in BATCH_QUARTERS]
    sequential, seq_cpu = timed_batch(jobs, workers=1)
    print(f"8 reports sequential: {sequential:.1f} s ({seq_cpu:.1f} CPU-s)", flush=True)
    parallel, par_cpu = timed_batch(jobs, workers=args.workers)
    print(f"8 reports with {args.workers} workers: {parallel:.1f} s ({par_cpu:.1f} CPU-s, "
          f"{par_cpu / parallel:.2f} cores busy on average)", flush=True)
    cli = cli_single()
    print(f"`dtlib report --unit 74 --jobs 1` end to end: {cli:.1f} s", flush=True)
    speedup = sequential / parallel
    entries = [
        {"name": "report_single_s", "value": round(single, 2), "unit": "s",
         "ratio": round(SINGLE_GOAL_S / single, 2)},
        {"name": "report_batch_speedup", "value": round(speedup, 2), "unit": "x",
         "ratio": round(speedup / SPEEDUP_GOAL, 2)},
        {"name": "report_cli_single_s", "value": round(cli, 2), "unit": "s",
         "ratio": round(SINGLE_GOAL_S / cli, 2)},
    ]
    merge_results(args.out, entries)
    for e in entries:
        print(f"  {e['name']}: value {e['value']} {e['unit']}, ratio {e['ratio']}")
    print(f"load average after: {os.getloadavg()[0]:.2f}; merged into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
