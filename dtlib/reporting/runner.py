"""Run report notebooks with papermill: one report, or a batch in parallel processes.

Each report runs in its own kernel and is written to `reports/<unit-slug>/<quarter>/`
(`report.ipynb` + `report.html`) through `atomic.staged_dir`, so a failure leaves the previous
report or nothing, never half a folder. A batch validates every job first, then runs the valid
ones in a `ProcessPoolExecutor` (one worker per core: each kernel is CPU-bound on imports), carries
on past failures and returns one `ReportResult` per job.
"""

from __future__ import annotations

import multiprocessing
import os
import time
import traceback
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from dtlib import atomic, paths
from dtlib.data.periods import quarter_label_vi
from dtlib.errors import DtlibError, ReportError
from dtlib.i18n import LANGUAGES, t
from dtlib.reporting.params import ReportParams, validate_params

KERNEL_NAME = "dtlib"
"""Kernelspec registered with `python -m ipykernel install --sys-prefix --name dtlib`."""
CELL_TIMEOUT_S = 600
"""Per-cell execution timeout (papermill `execution_timeout`)."""
KERNEL_START_TIMEOUT_S = 60
KERNEL_START_RETRIES = 1
"""Extra attempts after a kernel failed to start (papermill #511: transient ZMQ port races)."""
REPORT_FILES = ("report.ipynb", "report.html")


@dataclass(frozen=True)
class ReportJob:
    """A requested report, before validation: any unit spelling, quarter ("" = latest), language."""

    unit: str
    quarter: str = ""
    language: str = "vi"
    known_at: str = ""
    """ISO date: render with only what was published by then (see `Bundle.known_at`)."""
    on: str = ""
    """ISO date choosing between generations (`79` before or after 1 July 2025) when no quarter does."""
    pdf: bool = False
    """Also print `report.pdf` beside the HTML (headless chromium, `dtlib.reporting.pdf`)."""

    def __str__(self) -> str:
        return f"{self.unit} {self.quarter or '(latest)'} {self.language}"


@dataclass(frozen=True)
class ReportResult:
    """What happened to one job."""

    job: ReportJob
    ok: bool
    seconds: float
    folder: Path | None = None
    params: ReportParams | None = None
    error: str = ""


def default_notebook() -> Path:
    return paths.notebooks_dir() / "report.ipynb"


def report_folder(params: ReportParams, reports_dir: Path | None = None) -> Path:
    """`reports/<unit-slug>/<quarter>/` (`<quarter>-en/` for English)."""
    return (reports_dir or paths.reports_dir()) / params.slug / params.folder_name


def _execute(notebook: Path, output: Path, params: ReportParams, warm: bool = False) -> None:
    """papermill on a fresh kernel, or with `warm` on this process's reused kernel (`dtlib.reporting.warm`)."""
    import papermill as pm
    import zmq
    from jupyter_client.kernelspec import NoSuchKernel
    from papermill.exceptions import PapermillExecutionError

    from dtlib.reporting import warm as warm_kernel

    for attempt in range(KERNEL_START_RETRIES + 1):
        try:
            extra = {"km": warm_kernel.kernel_manager(KERNEL_NAME)} if warm else {}
            pm.execute_notebook(
                str(notebook), str(output), parameters=params.as_papermill(),
                kernel_name=KERNEL_NAME, language="python", progress_bar=False,
                request_save_on_cell_execute=False, execution_timeout=CELL_TIMEOUT_S,
                start_timeout=KERNEL_START_TIMEOUT_S, log_output=False, **extra,
            )
            return
        except PapermillExecutionError:
            raise
        except NoSuchKernel as exc:
            raise ReportError(f"no Jupyter kernel named {KERNEL_NAME!r}; register it with "
                              f"`python -m ipykernel install --sys-prefix --name {KERNEL_NAME}` "
                              f"(make setup does)") from exc
        except (RuntimeError, TimeoutError, OSError, zmq.ZMQError) as exc:  # kernel start/death
            warm_kernel.shutdown()
            if attempt == KERNEL_START_RETRIES:
                raise ReportError(f"kernel failed for {params.unit_id} {params.quarter}: {exc}") from exc


def run_report(params: ReportParams, notebook: Path | None = None,
               reports_dir: Path | None = None, pdf: bool = False, warm: bool = False) -> Path:
    """Execute the report notebook for `params`, export HTML (and the PDF); return the folder.

    `warm`: run on this process's reused kernel (what batch workers do), not a fresh one."""
    from dtlib.reporting.html import export_html
    from dtlib.reporting.pdf import find_chromium, print_pdf

    chromium = find_chromium() if pdf else None  # fail before the kernel starts

    notebook = notebook or default_notebook()
    final = report_folder(params, reports_dir)
    with atomic.staged_dir(final) as stage:
        ipynb = stage / "report.ipynb"
        _execute(notebook, ipynb, params, warm=warm)
        export_html(ipynb, stage / "report.html", page_title(params))
        if pdf:
            print_pdf(stage / "report.html", stage / "report.pdf", chromium)
    return final


def page_title(params: ReportParams) -> str:
    """`Bình Dương – Quý II/2024`: the HTML <title>."""
    if params.language == "vi":
        quarter = quarter_label_vi(params.period)
        return f"{params.unit.name_vi} – {quarter}"
    return f"{params.unit.name_ascii} – {params.quarter}"


def _error_text(exc: BaseException) -> str:
    from papermill.exceptions import PapermillExecutionError

    if isinstance(exc, PapermillExecutionError):
        return f"cell {exc.exec_count}: {exc.ename}: {exc.evalue}"
    if isinstance(exc, DtlibError):
        return str(exc)
    return "".join(traceback.format_exception_only(type(exc), exc)).strip()


def _run_one(job: ReportJob, params: ReportParams, notebook: Path | None,
             reports_dir: Path | None) -> ReportResult:
    """Worker entry point: never raises, so one failure cannot stop the batch."""
    start = time.perf_counter()
    try:
        folder = run_report(params, notebook, reports_dir, pdf=job.pdf, warm=True)
    except Exception as exc:  # reported in the result and the summary, never swallowed
        from dtlib.reporting import warm

        warm.shutdown()  # the next report gets a fresh kernel
        return ReportResult(job, False, time.perf_counter() - start, None, params, _error_text(exc))
    return ReportResult(job, True, time.perf_counter() - start, folder, params)


def plan(jobs: Sequence[ReportJob]) -> list[tuple[ReportJob, ReportParams | ReportResult]]:
    """Validate every job against the data (latest quarters); invalid ones become failed results.

    Jobs that resolve to the same report (`74` and `BD`) are run once: two processes must never
    write the same folder.
    """
    from datetime import date

    from dtlib.data.continuity import report_quarter_ends
    from dtlib.data.datasets import load_bundle
    from dtlib.reporting.params import check_known_at

    bundle = load_bundle()
    latest = report_quarter_ends(bundle)
    planned: list[tuple[ReportJob, ReportParams | ReportResult]] = []
    for job in jobs:
        try:
            on = date.fromisoformat(job.on) if job.on else None
        except ValueError:
            planned.append((job, ReportResult(job, False, 0.0, error=t("bad_on_date", job.language
                                                                       if job.language in LANGUAGES else "vi",
                                                                       value=job.on))))
            continue
        try:
            known = check_known_at(job.known_at)
            params = validate_params(job.unit, job.quarter, job.language, units=bundle.units, on=on,
                                     known_at=known,
                                     latest_quarter=report_quarter_ends(bundle.known_at(known)) if known else latest)
        except DtlibError as exc:
            planned.append((job, ReportResult(job, False, 0.0, error=str(exc))))
            continue
        if any(params == other for _, other in planned):
            continue
        planned.append((job, params))
    return planned


def run_batch(jobs: Sequence[ReportJob], workers: int | None = None, progress: bool = True,
              notebook: Path | None = None, reports_dir: Path | None = None,
              on_result: Callable[[ReportResult], None] | None = None) -> list[ReportResult]:
    """Run every job (in parallel when `workers` > 1); results in job order, duplicates dropped."""
    from tqdm.auto import tqdm

    planned = plan(jobs)
    results: dict[int, ReportResult] = {}
    todo: list[tuple[int, ReportJob, ReportParams]] = []
    for index, (job, item) in enumerate(planned):
        if isinstance(item, ReportResult):
            results[index] = item
        else:
            todo.append((index, job, item))
    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    bar = tqdm(total=len(planned), desc="reports", unit="report", disable=not progress)
    bar.update(len(results))
    try:
        if workers == 1:
            for index, job, params in todo:
                results[index] = _run_one(job, params, notebook, reports_dir)
                _tick(bar, results[index], on_result)
        else:
            # spawn, not fork: a process that already ran a warm kernel holds zmq sockets, and a
            # forked worker inheriting them hangs (seen: an in-process batch, then a pool batch)
            with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
                futures = {pool.submit(_run_one, job, params, notebook, reports_dir): (index, job, params)
                           for index, job, params in todo}
                for future in as_completed(futures):
                    index, job, params = futures[future]
                    try:
                        results[index] = future.result()
                    except Exception as exc:  # the worker process itself died (killed, out of memory)
                        results[index] = ReportResult(job, False, 0.0, None, params,
                                                      f"worker process failed: {exc!r}")
                    _tick(bar, results[index], on_result)
    finally:
        from dtlib.reporting import warm

        warm.shutdown()  # the in-process kernel of a one-worker batch (pool workers stop their own)
        bar.close()
    return [results[i] for i in range(len(planned))]


def _tick(bar, result: ReportResult, on_result: Callable[[ReportResult], None] | None) -> None:
    bar.update(1)
    if not result.ok:
        bar.set_postfix_str(f"failed: {result.job.unit}")
    if on_result is not None:
        on_result(result)


def summarize(results: Sequence[ReportResult]) -> str:
    """One line per report, then the count; failures say why."""
    lines = []
    for r in results:
        where = f"{r.params.slug}/{r.params.folder_name}" if r.params else str(r.job)
        if r.ok:
            lines.append(f"OK      {where:<28} {r.seconds:5.1f} s  {r.folder / 'report.html'}")
        else:
            lines.append(f"FAILED  {where:<28} {r.seconds:5.1f} s  {r.error}")
    failed = sum(not r.ok for r in results)
    lines.append(f"{len(results) - failed} report(s) written, {failed} failed")
    return "\n".join(lines)
