"""The per-report cache every section shares (HTML itself comes from `dtlib.reporting.render`).

Analysis results (status table, forecasts, rank intervals, the report configuration) are computed
once per `ReportContext` and kept in `ctx.cache`, because several sections (the brief, the detail,
the appendix) show the same result.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from dtlib.reporting.context import ReportContext


def cached(ctx: ReportContext, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()` once per report context, then the kept result."""
    if key not in ctx.cache:
        ctx.cache[key] = compute()
    return ctx.cache[key]
