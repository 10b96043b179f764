"""One Jupyter kernel per batch worker, reused by every report that worker runs.

A cold report spends most of its time before its first cell: starting a kernel, importing
pandas, plotly, geopandas and dtlib, and loading the bundle. A batch worker instead starts its
kernel once and papermill runs each report on it (`execute_notebook(km=...)`); the kernel keeps
its imports and `dtlib.reporting.context` keeps the loaded bundle, keyed by the data folder and
the size and modification time of every file in it, so a changed file is read again. Every cell
of the notebook re-assigns what it uses (`ctx` first), so no value of one report reaches the
next; after a failed report the kernel is replaced all the same.

Workers shut their kernel down when they exit (a `multiprocessing` finalizer: `atexit` does not
run in pool workers); a batch in the calling process calls `shutdown()` itself.
"""

from __future__ import annotations

from typing import Any

_STATE: dict[str, Any] = {}


def kernel_manager(kernel_name: str) -> Any:
    """This process's kernel manager (started by papermill on first use, alive after)."""
    from jupyter_client.manager import KernelManager

    km = _STATE.get("km")
    if km is not None and km.has_kernel and not km.is_alive():
        shutdown()
        km = None
    if km is None:
        km = KernelManager(kernel_name=kernel_name)
        _STATE["km"] = km
        if not _STATE.get("finalizer"):
            from multiprocessing import util

            _STATE["finalizer"] = util.Finalize(None, shutdown, exitpriority=10)
    return km


def shutdown() -> None:
    """Stop this process's kernel, if any (idempotent; never raises)."""
    km = _STATE.pop("km", None)
    if km is None:
        return
    try:
        if km.has_kernel:
            km.shutdown_kernel(now=True)
    except Exception:  # noqa: BLE001 - a kernel that is already gone is the goal
        pass
