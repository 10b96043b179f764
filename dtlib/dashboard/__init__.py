"""The leadership dashboard served by Voila: view-model, widgets, kernel cap and server.

The notebook `notebooks/dashboard.py` is three calls: `prepare()` (read the reporting layer once),
`request_query()` (wait for the visitor's request), `show(page, query)`. The page is served with
the `dtlib` Voila template (`dtlib/dashboard/jupyter/voila/templates/dtlib`: the lab template
without CDN links, plus a reload watchdog). Imports are lazy so that
the Voila server process can load `dtlib.dashboard.kernels` without ipywidgets and plotly.
"""

from __future__ import annotations

__all__ = ["Dashboard", "PageData", "prepare", "request_query", "show"]


def __getattr__(name: str):
    if name in __all__:
        from dtlib.dashboard import app

        return getattr(app, name)
    raise AttributeError(f"module 'dtlib.dashboard' has no attribute {name!r}")
