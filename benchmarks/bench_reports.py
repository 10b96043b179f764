"""Benchmark: quarterly reports, one at a time and as a parallel batch.

* `report_single_s`: wall time of one report (kernel start, notebook execution, HTML export,
  atomic move) in a process that already imported papermill, as each batch worker is; the
  median of `--repeat` runs. Goal ≤ 10 s. `ratio` = goal / value (≥ 1: goal met).
* `report_batch_speedup`: 8 reports (Bình Dương and Bình Phước × 4 quarters) run one after the
  other, then with one worker per core; value = sequential / parallel time (goal ≥ 1.7 on
  2 cores), `ratio` = the same speedup / 1.7.
* `report_cli_single_s` (context): `dtlib report --unit 74 --jobs 1` end to end in a fresh
  process, imports included: what a person waits for one report.
* `report_quarter_batch_s`: every 34-unit province's report for one quarter (`--quarter`, default
  2025Q3) plus the two former provinces (Bình Dương, Bình Phước; their last quarter on or before
  it), on `--workers` cores; units without data still render. `ratio` = baseline / batch / 2
  (≥ 1: the goal "at least 2× faster than the baseline" is met).
* `report_quarter_baseline_s` (context): the same reports, same notebook, same cores, through the
  plain tools: `papermill` CLI then `jupyter nbconvert --to html --no-input`, one pair per report.
* `report_html_mib`: the largest self-contained report.html of the batch, in MiB; goal ≤ 2 MB
  (1.907 MiB), `ratio` = goal / value.

`--limit N` runs only the first N units of the quarter batch (a dry run).

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
QUARTER = "2025Q3"
FORMER_UNITS = ("74", "70")
HTML_GOAL_MIB = 2_000_000 / 2**20
BATCH_GOAL_X = 2.0


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


def quarter_jobs(quarter: str, limit: int | None = None):
    """Every 34-unit province for `quarter`, then the former provinces in their last quarter."""
    from dtlib.data.periods import parse_period, quarter_of
    from dtlib.data.units import registry
    from dtlib.reporting.runner import ReportJob

    period = parse_period(quarter)
    units = registry().existing_on(period.start)
    jobs = [ReportJob(u.id, quarter) for u in units][:limit]
    for code in FORMER_UNITS:
        old = next(u for u in registry().candidates(code) if u.id.startswith("P63-"))
        last = min(period.end, old.valid_to.fromordinal(old.valid_to.toordinal() - 1)) if old.valid_to else period.end
        jobs.append(ReportJob(old.id, quarter_of(last).label))
    return jobs


def quarter_batch(jobs, workers: int) -> tuple[float, float]:
    """Wall seconds of the batch through `dtlib.reporting.runner`, and the largest HTML in MiB."""
    from dtlib.reporting.runner import run_batch, summarize

    with tempfile.TemporaryDirectory(prefix="dtlib-bench-") as tmp:
        start = time.perf_counter()
        results = run_batch(jobs, workers=workers, progress=False, reports_dir=Path(tmp))
        seconds = time.perf_counter() - start
        if not all(r.ok for r in results):
            raise SystemExit("benchmark reports failed:\n" + summarize(results))
        largest = max((r.folder / "report.html").stat().st_size for r in results)
    return seconds, largest / 2**20


def baseline_batch(jobs, workers: int) -> float:
    """The same reports with the plain CLIs: papermill, then nbconvert --no-input, per report."""
    from concurrent.futures import ThreadPoolExecutor

    from dtlib.reporting.runner import plan

    params = [p for _, p in plan(jobs) if not hasattr(p, "ok")]
    bindir = Path(sys.executable).parent
    notebook = ROOT / "notebooks" / "report.ipynb"

    def one(p, tmp: Path) -> None:
        out = tmp / f"{p.slug}-{p.folder_name}.ipynb"
        subprocess.run([str(bindir / "papermill"), str(notebook), str(out), "-k", "dtlib",
                        "-p", "unit", p.unit_id, "-p", "quarter", p.quarter, "-p", "language", p.language,
                        "--no-progress-bar"], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run([str(bindir / "jupyter"), "nbconvert", "--to", "html", "--no-input", str(out)],
                       check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    with tempfile.TemporaryDirectory(prefix="dtlib-bench-base-") as tmp:
        start = time.perf_counter()
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(lambda p: one(p, Path(tmp)), params))
        return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--repeat", type=int, default=3, help="runs of the single report (median)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--quarter", default=QUARTER, help="quarter of the 34-unit batch")
    parser.add_argument("--limit", type=int, default=None, help="only the first N units (dry run)")
    parser.add_argument("--only-quarter", action="store_true", help="skip the single/speedup entries")
    args = parser.parse_args()

    jobs = quarter_jobs(args.quarter, args.limit)
    print(f"quarter batch: {len(jobs)} reports, {args.workers} workers", flush=True)
    batch_s, largest = quarter_batch(jobs, args.workers)
    print(f"quarter batch (dtlib): {batch_s:.1f} s, largest report.html {largest:.2f} MiB", flush=True)
    base_s = baseline_batch(jobs, args.workers)
    print(f"quarter batch (papermill CLI + nbconvert --no-input): {base_s:.1f} s", flush=True)
    quarter_entries = [
        {"name": "report_quarter_batch_s", "value": round(batch_s, 1), "unit": "s",
         "ratio": round(base_s / batch_s / BATCH_GOAL_X, 2)},
        {"name": "report_quarter_baseline_s", "value": round(base_s, 1), "unit": "s",
         "ratio": round(base_s / batch_s, 2)},
        {"name": "report_html_mib", "value": round(largest, 2), "unit": "MiB",
         "ratio": round(HTML_GOAL_MIB / largest, 2)},
    ]
    if args.limit is None:
        merge_results(args.out, quarter_entries)
    for e in quarter_entries:
        print(f"  {e['name']}: value {e['value']} {e['unit']}, ratio {e['ratio']}"
              + ("" if args.limit is None else " (dry run, not saved)"))
    if args.only_quarter:
        return 0

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
