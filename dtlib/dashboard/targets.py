"""The targets in force for the years ahead of the selected unit, under its cards.

A director asks "what are we committed to for 2030?" even where no figure exists yet, so the list
shows the unit's own and the national targets (`dtlib.tables.targets_ahead`), whether or not the
unit has data for the indicator. Strings come from `dtlib.i18n`.
"""

from __future__ import annotations

from datetime import date

from dtlib.dashboard.i18n import text
from dtlib.dashboard.views import esc
from dtlib.datasets import Bundle
from dtlib.reporting.formats import target_text
from dtlib.tables import targets_ahead


def targets_ahead_html(bundle: Bundle, unit_id: str, language: str, today: date | None = None) -> str:
    """A folded list "Mục tiêu đang có hiệu lực (N)" of the unit's and the national later targets."""
    year = (today or date.today()).year
    rows = targets_ahead(bundle.targets, unit_id, year - 1)
    rows = rows[rows["indicator"].isin(list(bundle.catalog.indicators))]
    if rows.empty:
        return ""
    items = []
    for r in rows.itertuples():
        indicator = bundle.catalog[r.indicator]
        scope = text("target_scope_national" if r.scope == "national" else "target_scope_unit", language)
        items.append(f"<li>{esc(indicator.name(language))}: "
                     f"{esc(target_text(r.value, r.comparator, indicator.unit, language))} "
                     f"({esc(int(r.year))}, {esc(scope)})</li>")
    summary = esc(text("dash_targets_ahead", language, n=len(items)))
    return f'<details class="dt-ahead"><summary>{summary}</summary><ul>{"".join(items)}</ul></details>'
