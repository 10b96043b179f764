"""The Decision 766 section of the report: indicators computed from dossier records.

The project ships only a synthetic sample of records (`data/samples/records/`), so by default
this section shows figures that are not real; it says so in a banner and on every value, and
cites `synthetic-records`. A department that points `records_path` at its own one-stop-system
export gets real figures through the same code (`dtlib.records.indicators_for`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from IPython.display import HTML

from dtlib.i18n import t
from dtlib.reporting.context import ReportContext
from dtlib.reporting.markup import cached
from dtlib.reporting.render import render
from dtlib.tables import format_value

POINTS_CODES: tuple[str, ...] = ("diem766_tinh_duoc", "diem766_tinh_duoc_ty_le")
"""Summary rows shown under the table rather than in it."""


def records_frame(ctx: ReportContext, records_path: Path | None = None) -> pd.DataFrame:
    """The unit's 766 indicators for the report quarter (cached in the context)."""
    from dtlib.records import indicators_for

    path = records_path or _sample()
    return cached(ctx, f"records766:{path}", lambda: (
        indicators_for(ctx.unit.id, ctx.params.period.label, path) if path.exists() else pd.DataFrame()))


def _sample() -> Path:
    from dtlib.records.api import sample_path

    return sample_path()


def records_766(ctx: ReportContext, records_path: Path | None = None) -> HTML:
    """Heading, synthetic banner, the indicator table with points, and the computable score."""
    from dtlib.reporting import footnotes

    lang = ctx.language
    path = records_path or _sample()
    frame = records_frame(ctx, path)
    if frame.empty:
        message = t("records_none", lang) if path.exists() else t("records_missing", lang)
        return render("records.html.j2", lang, message=message)
    synthetic = bool(frame["synthetic"].any())
    if synthetic and "synthetic-records" not in ctx.extra_source_ids:
        ctx.extra_source_ids.append("synthetic-records")
    rows = []
    for r in frame[~frame["indicator"].isin(POINTS_CODES)].itertuples():
        indicator = ctx.bundle.catalog[r.indicator]
        parts = "–" if pd.isna(r.numerator) or indicator.unit == "days" else (
            f"{format_value(r.numerator, 'count', lang)} / {format_value(r.denominator, 'count', lang)}")
        rows.append({"name": indicator.name(lang), "value": format_value(r.value, indicator.unit, lang),
                     "parts": parts,
                     "points": "–" if pd.isna(r.points) else format_value(round(r.points, 2), "points", lang)})
    summary = frame.set_index("indicator")
    points = ""
    if set(POINTS_CODES) <= set(summary.index):
        share = summary.loc["diem766_tinh_duoc_ty_le"]
        points = t("records_points", lang,
                   points=format_value(round(summary.loc["diem766_tinh_duoc", "value"], 2), "points", lang),
                   share=format_value(round(share["value"], 1), "percent", lang), band=share["band"])
    note_number = footnotes.numbers(ctx).get("synthetic-records") if synthetic else None
    return render("records.html.j2", lang, message="", synthetic=synthetic,
                  note=str(frame["unit_note"].iloc[0] or ""), rows=rows, points=points,
                  method=t("records_method", lang, version=frame["definition_version"].iloc[0]),
                  note_number=note_number)
