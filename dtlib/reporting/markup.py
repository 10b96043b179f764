"""HTML pieces every report section shares: the styled container, the synthetic mark, a cache.

One place so that the container class and the synthetic mark look the same in every section
(tests and the HTML template select on `dt-report` and `dt-synthetic`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from IPython.display import HTML

from dtlib.i18n import t
from dtlib.reporting.context import ReportContext

e = html.escape


def wrap(body: str) -> HTML:
    """A section's HTML inside the report's styled container."""
    return HTML(f'<div class="dt-report">{body}</div>')


def synthetic_mark(language: str) -> str:
    """The orange "(synthetic)" mark after a figure from a synthetic dataset."""
    return f' <span class="dt-synthetic">({e(t("synthetic_mark", language))})</span>'


def cached(ctx: ReportContext, key: str, compute: Callable[[], Any]) -> Any:
    """`compute()` once per report context, then the kept result."""
    if key not in ctx.cache:
        ctx.cache[key] = compute()
    return ctx.cache[key]
