"""Voila leadership page: time to first paint and time for a unit switch (`make bench`).

    python benchmarks/bench_voila.py [--out benchmarks/results.json] [--runs 5]

Serves the dashboard with the repository's `voila.json` (pre-heated kernels) on a free localhost
port and drives Debian's chromium through Playwright:

* `voila_first_paint_s`: from `page.goto()` to the KPI cards and the plotly chart being in the
  page, a new browser context per run, each run on a warm pool (the kernel has logged that it waits
  for its request); median of `--runs`.
* `voila_switch_unit_s`: in one loaded page, from choosing another unit in the dropdown to the
  selected KPI card and the reform note showing that unit's figures; median of `2 * --runs`
  switches alternating Bình Dương / Bình Phước.
* `voila_kernel_mib`: resident memory (RSS, MiB) of the kernel that served the last first-paint
  page, once the page is drawn; median over the first-paint runs (goal 120 MB from issue 13).

`ratio` is value / goal (3 s and 0.5 s from issue 5): at or below 1 the goal is met. Entries are
merged into the results file (same-name entries replaced, written atomically).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from dashboard_support import ARTIFACTS, launch_chromium  # noqa: E402
from results_file import merge_results  # noqa: E402

from dtlib.dashboard.serve import LocalServer  # noqa: E402

GOALS_S: dict[str, float] = {"voila_first_paint_s": 3.0, "voila_switch_unit_s": 0.3, "voila_kernel_mib": 120.0}
"""Goals from issues 5 and 13 on these 2-core machines."""

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


def kernel_mib(server: LocalServer) -> float:
    """Largest RSS among the server's kernels right now (the visitor's kernel; the pool one is smaller)."""
    from dashboard_support import kernel_processes

    sizes = [k.memory_info().rss / 2**20 for k in kernel_processes(server.process.pid)]
    return max(sizes) if sizes else float("nan")


def first_paint(browser, server: LocalServer, runs: int, memory: list[float] | None = None) -> list[float]:
    times = []
    ready = 0
    for _ in range(runs):
        ready = wait_for_warm_pool(server, ready)
        context = browser.new_context()
        page = context.new_page()
        start = time.perf_counter()
        page.goto(server.url + "?unit=74", wait_until="commit")
        page.locator(".dt-card.dt-selected .dt-card-value").wait_for(timeout=TIMEOUT_MS)
        page.locator(".dt-chart .js-plotly-plot").first.wait_for(state="attached", timeout=TIMEOUT_MS)
        times.append(time.perf_counter() - start)
        if memory is not None:
            memory.append(kernel_mib(server))
        context.close()
    return times


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
    page.locator(".dt-card.dt-selected .dt-card-value").wait_for(timeout=TIMEOUT_MS)
    times = []
    for number in range(switches):
        index, name, value = targets[number % 2]
        start = time.perf_counter()
        page.locator(".dt-unit select").select_option(index=index)
        page.wait_for_function(
            """([name, value]) => {
                 const card = document.querySelector('.dt-card.dt-selected .dt-card-value');
                 const note = document.querySelector('.dt-notice');
                 return card && note && card.textContent === value && note.textContent.includes(name);
               }""", arg=[name, value], polling="raf", timeout=TIMEOUT_MS)
        times.append(time.perf_counter() - start)
    page.screenshot(path=str(ARTIFACTS / "bench_voila_last_switch.png"), full_page=True)
    page.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with LocalServer(ARTIFACTS / "voila_bench.log") as server, sync_playwright() as p:
        browser = launch_chromium(p)
        memory: list[float] = []
        paints = first_paint(browser, server, args.runs, memory)
        switches = switch_unit(browser, server, 2 * args.runs)
        browser.close()
    entries = []
    for name, samples, unit in (("voila_first_paint_s", paints, "s"), ("voila_switch_unit_s", switches, "s"),
                                ("voila_kernel_mib", memory, "MiB")):
        value = statistics.median(samples)
        entries.append({"name": name, "value": round(value, 3), "unit": unit,
                        "ratio": round(value / GOALS_S[name], 3)})
        print(f"{name}: median {value:.3f} {unit} of {[round(s, 2) for s in samples]} (goal {GOALS_S[name]})")
    merge_results(args.out, entries)
    return 0


if __name__ == "__main__":
    sys.exit(main())
