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
from dtlib.reporting.markup import cached, e, synthetic_mark, wrap
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
    lang = ctx.language
    path = records_path or _sample()
    frame = records_frame(ctx, path)
    body = f"<h2>{e(t('records_heading', lang))}</h2>"
    if frame.empty:
        message = t("records_none", lang) if path.exists() else t("records_missing", lang, path=str(path))
        return wrap(f"{body}<p>{e(message)}</p>")
    synthetic = bool(frame["synthetic"].any())
    mark = synthetic_mark(lang) if synthetic else ""
    if synthetic:
        if "synthetic-records" not in ctx.extra_source_ids:
            ctx.extra_source_ids.append("synthetic-records")
        body += f'<div class="dt-banner dt-synthetic">{e(t("records_synthetic_banner", lang))}</div>'
    note = str(frame["unit_note"].iloc[0] or "")
    if note:
        body += f"<p>{e(note)}</p>"
    rows = []
    for r in frame[~frame["indicator"].isin(POINTS_CODES)].itertuples():
        indicator = ctx.bundle.catalog[r.indicator]
        parts = "–" if pd.isna(r.numerator) or indicator.unit == "days" else (
            f"{format_value(r.numerator, 'count', lang)} / {format_value(r.denominator, 'count', lang)}")
        points = "–" if pd.isna(r.points) else format_value(round(r.points, 2), "points", lang)
        rows.append(f"<tr><td>{e(indicator.name(lang))}</td>"
                    f"<td class='num'>{e(format_value(r.value, indicator.unit, lang))}{mark}</td>"
                    f"<td class='num'>{e(parts)}</td><td class='num'>{e(points)}</td></tr>")
    heads = "".join(f"<th>{e(t(k, lang))}</th>" for k in
                    ("col_indicator", "col_value", "records_col_parts", "records_col_points"))
    body += f"<table><thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    summary = frame.set_index("indicator")
    if set(POINTS_CODES) <= set(summary.index):
        points = summary.loc["diem766_tinh_duoc", "value"]
        share = summary.loc["diem766_tinh_duoc_ty_le"]
        body += "<p>" + e(t("records_points", lang,
                            points=format_value(round(points, 2), "points", lang),
                            share=format_value(round(share["value"], 1), "percent", lang),
                            band=share["band"])) + mark + "</p>"
    version = frame["definition_version"].iloc[0]
    options = frame["options"].iloc[0]
    body += (f'<p class="dt-caption">{e(t("records_method", lang, version=version, options=options))} '
             f'[<a href="#src-synthetic-records">synthetic-records</a>]</p>' if synthetic else
             f'<p class="dt-caption">{e(t("records_method", lang, version=version, options=options))}</p>')
    return wrap(body)
