"""Voila leadership page: first paint, unit switch, kernel memory and 30 viewers (`make bench`).

    python benchmarks/bench_voila.py [--out benchmarks/results.json] [--runs 5] [--newcomers 10]

Each design is served with its own `voila.json` (pre-heated kernels) on a free localhost port
and driven by Debian's chromium through Playwright; both read the same reporting layer:

* **current**: this checkout (views pre-rendered by `dtlib build`, kernels import no pandas);
* **baseline**: the design before it, commit `BASELINE_COMMIT` (kernels read the layer with
  pandas and draw each view per click), extracted with `git archive` into a temporary folder and
  run with its kernel cap raised to the current one, so both hold 30 viewers.

Per design:

* `voila_first_paint_s`: from `page.goto()` to the KPI cards and the plotly chart being in the
  page, a new browser context per run, each run on a warm pool; median of `--runs`. In the
  current design this is the first paint the kernel sends as HTML (`Dashboard.first_paint_html`);
  in the old one, the widgets.
* `voila_interactive_s`: from `page.goto()` to the unit selector being on the page (the widgets
  have loaded: in the current design they have replaced the first paint), same runs; no goal, it
  says how long a visitor reads before the selectors answer.
* `voila_switch_unit_s`: in one loaded page, from choosing another unit to the selected KPI card
  and the reform note showing that unit; median of `2 * --runs` switches Bình Dương / Bình Phước.
* `voila_30_viewers_first_paint_p50_s` / `_p95_s`: 29 viewers are connected (each in its own
  browser context, each page drawn), then `--newcomers` new visitors arrive one every
  `ARRIVAL_S` seconds and each first paint is timed; median and 95th percentile of those, and
  the same for their `_interactive_` times.
* `voila_kernel_mib`: median resident memory (RSS, MiB) of the kernels while the 29 are connected.
* `voila_stalled_loads_share`: of every page load timed above (`--runs` + 29 + `--newcomers` per design), the share the
  template's watchdog had to reload because Voila never finished sending the page (no goal: the
  issue asks for the cause to be gone, which is 0).

Each entry's `value` is the current design, `baseline` the old one in the same run, `ratio`
value / goal (goals from issues 5 and 13: at or below 1 the goal is met) and `vs_baseline`
value / baseline (`ratio` is null for the entries without a goal). Entries are merged into
the results file (written atomically).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from dashboard_support import ARTIFACTS, launch_chromium  # noqa: E402
from results_file import merge_results  # noqa: E402

from dtlib.dashboard.serve import LocalServer  # noqa: E402

GOALS: dict[str, float] = {"voila_first_paint_s": 3.0, "voila_switch_unit_s": 0.3, "voila_kernel_mib": 120.0,
                           "voila_30_viewers_first_paint_p50_s": 3.0, "voila_30_viewers_first_paint_p95_s": 6.0}
"""Goals from issues 5 and 13 on these 2-core machines."""
UNITS: dict[str, str] = {"voila_first_paint_s": "s", "voila_switch_unit_s": "s", "voila_kernel_mib": "MiB",
                         "voila_30_viewers_first_paint_p50_s": "s", "voila_30_viewers_first_paint_p95_s": "s",
                         "voila_interactive_s": "s", "voila_30_viewers_interactive_p50_s": "s",
                         "voila_30_viewers_interactive_p95_s": "s", "voila_stalled_loads_share": "share"}
BASELINE_COMMIT = "a921731"
"""The last commit whose kernels rendered each view with pandas/plotly (before `dtlib.dashboard.prerender`)."""
CONNECTED = 29
"""Viewers kept connected while new visitors are timed (30 at once with the newcomer)."""
ARRIVAL_S = 3.0
"""Seconds between two new visitors."""
CAP = 40
"""Kernel cap for both designs (the current `voila.json` value)."""

READY_LINE = "waiting for the visitor's request"
"""Logged by a pre-heated kernel once it has run everything that does not depend on the visitor."""

TIMEOUT_MS = 60_000


def wait_for_warm_pool(server: LocalServer, ready_before: int, timeout_s: float = 120.0) -> int:
    """Block until one more kernel than `ready_before` has reached `wait_for_request()`."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        ready = server.log_text().count(READY_LINE)
        if ready > ready_before:
            return ready
        time.sleep(0.2)
    raise TimeoutError("the pre-heated kernel never became ready")


def kernel_sizes_mib(server: LocalServer) -> list[float]:
    """RSS of every kernel of the server right now."""
    from dashboard_support import kernel_processes

    return [k.memory_info().rss / 2**20 for k in kernel_processes(server.process.pid)]


def first_paint(browser, server: LocalServer, runs: int) -> list[tuple[float, float]]:
    """(first paint, interactive) of `runs` visitors, one at a time, each on a warm pool."""
    times = []
    ready = 0
    for _ in range(runs):
        ready = wait_for_warm_pool(server, ready)
        context, took = open_viewer(browser, server)
        times.append(took)
        context.close()
    return times


STALLS: list[bool] = []
"""One entry per timed page load of this process: True when the page had to be loaded again (the
template's watchdog reloads a page Voila never finished sending, voila #1428)."""


def open_viewer(browser, server: LocalServer):
    """A new visitor (own browser context, so own session): (context, (first paint, interactive) in s).

    Both designs are timed by the same selectors: cards and chart for the first paint (`.first`,
    because the current design's first paint and widgets share the page for a moment), the unit
    selector for interactive (only the widgets have one).
    """
    context = browser.new_context()
    page = context.new_page()
    documents = []
    page.on("request", lambda r: documents.append(r.url) if r.resource_type == "document" else None)
    start = time.perf_counter()
    page.goto(server.url + "?unit=74", wait_until="commit")
    page.locator(".dt-card.dt-selected .dt-card-value").first.wait_for(timeout=TIMEOUT_MS)
    page.locator(".dt-chart .js-plotly-plot").first.wait_for(state="attached", timeout=TIMEOUT_MS)
    painted = time.perf_counter() - start
    page.locator(".dt-unit select").first.wait_for(timeout=TIMEOUT_MS)
    ready = time.perf_counter() - start
    STALLS.append(len(documents) > 1)
    return context, (painted, ready)


def crowd(browser, server: LocalServer, newcomers: int) -> tuple[list[tuple[float, float]], list[float]]:
    """((first paint, interactive) of `newcomers` new visitors while `CONNECTED` others stay connected,
    kernel RSS)."""
    connected = []
    try:
        for _ in range(CONNECTED):
            context, _took = open_viewer(browser, server)
            connected.append(context)
        sizes = kernel_sizes_mib(server)
        times = []
        for _ in range(newcomers):
            time.sleep(ARRIVAL_S)
            context, took = open_viewer(browser, server)
            times.append(took)
            context.close()
        return times, sizes
    finally:
        for context in connected:
            context.close()


def percentile(samples: list[float], share: float) -> float:
    """Nearest-rank percentile (no interpolation between two of a few samples)."""
    ordered = sorted(samples)
    return ordered[max(0, min(len(ordered) - 1, round(share * len(ordered) + 0.5) - 1))]


def switch_unit(browser, server: LocalServer, switches: int) -> list[float]:
    from dtlib.dashboard import views
    from dtlib.layer import read_reporting_layer

    bundle = read_reporting_layer()
    choices = views.build_choices(bundle)
    targets = []
    for unit_id in ("P63-70", "P63-74"):
        card = views.kpi_cards(bundle, unit_id, "vi", selected="dti_rank", limit=1)[0]
        targets.append((choices.units.index(unit_id), bundle.units.get(unit_id).name_vi, card.value_text))
    wait_for_warm_pool(server, server.log_text().count(READY_LINE) - 1)
    page = browser.new_page()
    page.goto(server.url + "?unit=74&indicator=dti_rank", wait_until="commit")
    page.locator(".dt-unit select").wait_for(timeout=TIMEOUT_MS)  # the widgets, not the first paint
    page.locator(".dt-root .dt-card.dt-selected .dt-card-value").wait_for(timeout=TIMEOUT_MS)
    times = []
    for number in range(switches):
        index, name, value = targets[number % 2]
        start = time.perf_counter()
        page.locator(".dt-unit select").select_option(index=index)
        page.wait_for_function(
            """([name, value]) => {
                 const card = document.querySelector('.dt-root .dt-card.dt-selected .dt-card-value');
                 const note = document.querySelector('.dt-notice');
                 return card && note && card.textContent === value && note.textContent.includes(name);
               }""", arg=[name, value], polling="raf", timeout=TIMEOUT_MS)
        times.append(time.perf_counter() - start)
    page.screenshot(path=str(ARTIFACTS / "bench_voila_last_switch.png"), full_page=True)
    page.close()
    return times


def measure(runs: int, newcomers: int, extra: list[str]) -> dict[str, float]:
    """Every metric of the design that `dtlib` is imported from (this process's PYTHONPATH)."""
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with LocalServer(ARTIFACTS / "voila_bench.log", extra=extra, startup_timeout_s=300) as server, \
            sync_playwright() as p:
        browser = launch_chromium(p)
        paints = first_paint(browser, server, runs)
        switches = switch_unit(browser, server, 2 * runs)
        crowd_paints, sizes = crowd(browser, server, newcomers)
        browser.close()
    print(f"first paints / interactive {[(round(a, 2), round(b, 2)) for a, b in paints]}, "
          f"switches {[round(x, 3) for x in switches]}, "
          f"30-viewer paints / interactive {[(round(a, 2), round(b, 2)) for a, b in crowd_paints]}, "
          f"kernels {[round(x) for x in sizes]} MiB, reloaded loads {sum(STALLS)} of {len(STALLS)}", flush=True)
    painted, ready = [a for a, _ in paints], [b for _, b in paints]
    crowd_painted, crowd_ready = [a for a, _ in crowd_paints], [b for _, b in crowd_paints]
    return {"voila_first_paint_s": statistics.median(painted), "voila_switch_unit_s": statistics.median(switches),
            "voila_kernel_mib": statistics.median(sizes),
            "voila_30_viewers_first_paint_p50_s": statistics.median(crowd_painted),
            "voila_30_viewers_first_paint_p95_s": percentile(crowd_painted, 0.95),
            "voila_interactive_s": statistics.median(ready),
            "voila_30_viewers_interactive_p50_s": statistics.median(crowd_ready),
            "voila_30_viewers_interactive_p95_s": percentile(crowd_ready, 0.95),
            "voila_stalled_loads_share": sum(STALLS) / len(STALLS)}


def run_design(root: Path, runs: int, newcomers: int, extra: list[str]) -> dict[str, float] | None:
    """Measure the design in `root` in a child process that imports dtlib from there."""
    import json
    import os
    import subprocess
    import tempfile

    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    env = {**os.environ, "PYTHONPATH": str(root), "DTLIB_REPORTS_DIR": str(ROOT / "reports")}
    command = [sys.executable, str(Path(__file__).resolve()), "--measure", str(out), "--runs", str(runs),
               "--newcomers", str(newcomers), *[f"--extra={x}" for x in extra]]
    code = subprocess.call(command, cwd=root, env=env)
    values = json.loads(out.read_text()) if code == 0 and out.stat().st_size else None
    out.unlink(missing_ok=True)
    return values


def baseline_root(folder: Path) -> Path | None:
    """The baseline design extracted from git into `folder`, or None when the commit is not here."""
    import subprocess

    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", BASELINE_COMMIT],
                             capture_output=True)
    if archive.returncode != 0:
        print(f"baseline {BASELINE_COMMIT} not in this clone: {archive.stderr.decode()[:200]}", file=sys.stderr)
        return None
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def main(argv: list[str] | None = None) -> int:
    import json
    import tempfile

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--newcomers", type=int, default=10)
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)  # child process: one design
    parser.add_argument("--extra", action="append", default=[], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.measure:
        args.measure.write_text(json.dumps(measure(args.runs, args.newcomers, args.extra)))
        return 0
    from dtlib.dashboard.serve import ensure_reporting_layer

    ensure_reporting_layer()  # the layer both designs read, and the current design's views
    current = run_design(ROOT, args.runs, args.newcomers, [])
    with tempfile.TemporaryDirectory(prefix="dtlib-baseline-") as folder:
        root = baseline_root(Path(folder))
        baseline = run_design(root, args.runs, args.newcomers, [f"--CappedKernelManager.max_kernels={CAP}"]) \
            if root else None
    if current is None:
        print("the current design could not be measured; see the log in tests/artifacts", file=sys.stderr)
        return 1
    entries = []
    for name, value in current.items():
        old = baseline.get(name) if baseline else None
        goal = GOALS.get(name)
        entries.append({"name": name, "value": round(value, 3), "unit": UNITS[name],
                        "ratio": None if goal is None else round(value / goal, 3),
                        "baseline": None if old is None else round(old, 3),
                        "vs_baseline": None if not old else round(value / old, 3),
                        "baseline_design": BASELINE_COMMIT})
        print(f"{name}: {value:.3f} {UNITS[name]} (goal {goal}; baseline {old})")
    merge_results(args.out, entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
