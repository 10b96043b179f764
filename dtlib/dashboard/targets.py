"""The unit's targets under its cards: those that came due (met / not met / no evidence) and
those in force for the years ahead.

A director asks "did we make the 2025 targets, and what are we committed to for 2030?" even where
no figure exists yet, so both lists show the unit's own and the national targets, whether or not
the unit has data for the indicator, by the same rules as the report (`dtlib.tables.due_rows`,
`dtlib.tables.targets_ahead`). Strings come from `dtlib.i18n`.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dtlib.dashboard.views import esc
from dtlib.data.datasets import Bundle
from dtlib.i18n import t
from dtlib.reporting.formats import target_text
from dtlib.tables import due_rows, targets_ahead


def _target_item(bundle: Bundle, code: str, value: float, comparator: str, language: str, after: str,
                 before: str = "") -> str:
    """One list item: `<before> indicator: ≥ 80 % <after>` (every part escaped)."""
    indicator = bundle.catalog[code]
    return (f"<li>{before}{esc(indicator.name(language))}: "
            f"{esc(target_text(value, comparator, indicator.unit, language))} {esc(after)}</li>")


def _folded(css: str, summary_key: str, items: list[str], language: str) -> str:
    summary = esc(t(summary_key, language, n=len(items)))
    return f'<details class="{css}"><summary>{summary}</summary><ul>{"".join(items)}</ul></details>'


def targets_html(bundle: Bundle, unit_id: str, language: str, today: date | None = None) -> str:
    """Both lists under the cards, from one read of `Bundle.targets` (a computed property)."""
    targets = bundle.targets
    return (targets_due_html(bundle, unit_id, language, today, targets)
            + targets_ahead_html(bundle, unit_id, language, today, targets))


def targets_ahead_html(bundle: Bundle, unit_id: str, language: str, today: date | None = None,
                       targets: pd.DataFrame | None = None) -> str:
    """A folded list "Mục tiêu đang có hiệu lực (N)" of the unit's and the national later targets."""
    year = (today or date.today()).year
    rows = targets_ahead(bundle.targets if targets is None else targets, unit_id, year - 1)
    rows = rows[rows["indicator"].isin(list(bundle.catalog.indicators))]
    if rows.empty:
        return ""
    items = [_target_item(bundle, r.indicator, r.value, r.comparator, language,
                          after=f"({int(r.year)}, " + t("target_scope_national" if r.scope == "national"
                                                          else "target_scope_unit", language) + ")")
             for r in rows.itertuples()]
    return _folded("dt-ahead", "dash_targets_ahead", items, language)


def targets_due_html(bundle: Bundle, unit_id: str, language: str, today: date | None = None,
                     targets: pd.DataFrame | None = None) -> str:
    """A folded list "Mục tiêu đã đến hạn (N)" with each target's verdict on the latest figure."""
    unit = bundle.units.get(unit_id)
    last_year = (today or date.today()).year - 1
    if unit.valid_to is not None:
        last_year = min(last_year, unit.valid_to.year)
    actuals = bundle.actuals[bundle.actuals["unit_id"] == unit_id]
    first = unit.valid_from.year if unit.valid_from else None
    due = due_rows(actuals, bundle.targets if targets is None else targets, unit_id, last_year, first)
    due = due[due["indicator"].isin(list(bundle.catalog.indicators))]
    if due.empty:
        return ""
    items = [_target_item(bundle, r.indicator, r.target, r.comparator, language, after=f"({r.year})",
                          before=f'<span class="dt-status dt-due-{esc(r.verdict)}">'
                                 f'{esc(t(f"due_{r.verdict}", language))}</span> ')
             for r in due.itertuples()]
    return _folded("dt-due", "dash_targets_due", items, language)
