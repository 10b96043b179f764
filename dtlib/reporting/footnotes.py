"""Sources as numbered footnotes: one list at the end of the report, a short `[n]` in each row.

Numbers follow `ReportContext.cited_source_ids()` (order of first use), so every section numbers
a source the same way without sharing state between notebook cells. Source ids and file paths
(`seeds/….txt` locators) never reach the page; outlets, titles, dates and web addresses do.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from dtlib.i18n import format_date
from dtlib.reporting.context import ReportContext

WEB = ("http://", "https://")


def numbers(ctx: ReportContext) -> dict[str, int]:
    """Source id → footnote number."""
    return {sid: n for n, sid in enumerate(ctx.cited_source_ids(), start=1)}


def short_name(row: pd.Series | None, fallback: str) -> str:
    """The outlet, or the title when the outlet was not printed (`(outlet not printed)`)."""
    if row is None:
        return fallback
    outlet = str(row.get("outlet", "") or "")
    if outlet and not outlet.startswith("("):
        return outlet
    return str(row.get("title", "") or fallback)


def entries(ctx: ReportContext, anonymous: str) -> list[dict[str, Any]]:
    """The footnote list: number, outlet, title, date, web address, licence, synthetic flag.

    `anonymous` names a source the sources table lacks (never its id).
    """
    known = ctx.bundle.sources
    out = []
    for n, sid in enumerate(ctx.cited_source_ids(), start=1):
        row = known.loc[sid] if sid in known.index else None
        if row is None:
            out.append({"n": n, "outlet": anonymous, "title": "", "date": "", "url": "",
                        "licence": "", "synthetic": False})
            continue
        locator = str(row.get("locator", "") or "")
        title = str(row.get("title", "") or "")
        name = short_name(row, anonymous)
        out.append({
            "n": n, "outlet": name, "title": "" if title == name else title,
            "date": format_date(row["published"], ctx.language) if row.get("published") else "",
            "url": locator if locator.startswith(WEB) else "",
            "licence": str(row.get("licence", "") or ""),
            "synthetic": str(row.get("kind", "")) == "synthetic",
        })
    return out
