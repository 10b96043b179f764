"""View-model of the leadership page: from the reporting layer and a selection to what is shown.

Each function takes a `Bundle` read from the reporting layer (`dtlib.layer.read_reporting_layer`)
plus a validated `Selection`, and returns plain data or an HTML string in which every text from the
data is escaped. Nothing here reads files, touches widgets or changes its input, so each function
is tested on a few hand-written rows (`tests/test_dashboard_views.py`).
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dtlib import i18n as report_i18n
from dtlib.dashboard.i18n import format_date, text
from dtlib.dashboard.selection import Choices, Selection
from dtlib.datasets import Bundle
from dtlib.tables import format_rank, format_value, latest_table, source_label
from dtlib.units import REFORM_DATE, UnitRegistry

SEED_UNITS: tuple[str, ...] = ("P63-74", "P63-70")
"""Bình Dương and Bình Phước: always offered, first, even before their data arrives."""

DEFAULT_INDICATORS: tuple[str, ...] = ("dti_rank", "ho_so_truc_tuyen_ty_le")
"""Indicators a unit opens on, first available wins (the DTI rank exists for every province)."""

KPI_CARD_LIMIT = 8
"""Most KPI cards shown at once: the selected indicator, those with a target, the DTI rank, then the rest."""

SAFE_URL_SCHEMES: tuple[str, ...] = ("https://", "http://")
"""Locators shown as links; anything else (file paths, `javascript:`) is shown as text."""


def esc(value: object) -> str:
    """HTML-escape any value (None and NaN become an en dash)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return html.escape(str(value), quote=True)


# -- choices -----------------------------------------------------------------------------------
def units_with_data(bundle: Bundle) -> list[str]:
    """Seed provinces first, then every unit with an actual figure (provinces, districts, new units)."""
    present = set(bundle.actuals["unit_id"].dropna().unique())
    known = [u for u in present if u in bundle.units.units]

    def order(unit_id: str) -> tuple:
        unit = bundle.units.get(unit_id)
        parent_rank = SEED_UNITS.index(unit.parent_id) if unit.parent_id in SEED_UNITS else 9
        generation = 0 if unit_id.startswith("P63-") else 1 if unit_id.startswith("P34-") else 2
        return (generation if unit.level == "province" else 3, parent_rank, unit.code)

    rest = sorted((u for u in known if u not in SEED_UNITS), key=order)
    return [*SEED_UNITS, *rest]


def build_choices(bundle: Bundle) -> Choices:
    """The allow-lists for this reporting layer: units, their indicators, deep-link codes."""
    units = units_with_data(bundle)
    actuals = bundle.actuals
    indicators: dict[str, tuple[str, ...]] = {}
    for unit_id in units:
        codes = actuals.loc[actuals["unit_id"] == unit_id, "indicator"].unique()
        known = [c for c in codes if c in bundle.catalog]
        ordered = sorted(known, key=lambda c: (bundle.catalog[c].pillar, c))
        first = [c for c in DEFAULT_INDICATORS if c in ordered]
        indicators[unit_id] = tuple(first + [c for c in ordered if c not in first])
    aliases: dict[str, str] = {}
    for unit_id in reversed(units):  # earlier units (seed provinces, old generation) win a code
        unit = bundle.units.get(unit_id)
        aliases[unit.code] = unit_id
        if unit.code.isdigit():
            aliases[str(int(unit.code))] = unit_id
    return Choices(units=tuple(units), indicators=indicators, codes=aliases)


def unit_label(registry: UnitRegistry, unit_id: str, language: str) -> str:
    """`Bình Dương (74, đến 30/06/2025)`; districts also name their province."""
    unit = registry.get(unit_id)
    label = unit.label(language)
    if unit.parent_id:
        parent = registry.get(unit.parent_id)
        label += f" · {parent.name_vi if language == 'vi' else parent.name_ascii}"
    return label


def unit_options(bundle: Bundle, choices: Choices, language: str) -> list[tuple[str, str]]:
    """(label, unit id) pairs for the unit dropdown."""
    return [(unit_label(bundle.units, u, language), u) for u in choices.units]


def indicator_options(bundle: Bundle, choices: Choices, unit_id: str,
                      language: str) -> list[tuple[str, str]]:
    """(name, code) pairs for the indicator dropdown of `unit_id`."""
    return [(bundle.catalog[c].name(language), c) for c in choices.indicators_for(unit_id)]


# -- reform note --------------------------------------------------------------------------------
def _names(units: list, language: str) -> str:
    return ", ".join(u.name_vi if language == "vi" else u.name_ascii for u in units)


def reform_note(registry: UnitRegistry, unit_id: str, language: str) -> str | None:
    """One sentence on what the 1 July 2025 reform did to the unit; None if it did nothing visible."""
    story = registry.reform_story(unit_id)
    unit = story["unit"]
    name = unit.name_vi if language == "vi" else unit.name_ascii
    when = report_i18n.format_date(REFORM_DATE, language)
    last = report_i18n.format_date(date.fromordinal(REFORM_DATE.toordinal() - 1), language)
    basis = str(story["basis"])
    status = story["status"]
    if status == "merged":
        return report_i18n.t("reform_merged", language, unit=name, last=last, date=when, basis=basis,
                             others=_names(story["merged_with"], language),
                             new=_names(story["became"], language))
    if status == "renamed_or_kept":
        return report_i18n.t("reform_kept", language, unit=name, last=last, date=when, basis=basis,
                             new=_names(story["became"], language))
    if status == "district_abolished":
        return text("reform_district", language).format(
            unit=name, date=when, basis=basis, new=_names(story["became"], language))
    formed = story.get("formed_from") or []
    if len(formed) > 1:
        return report_i18n.t("reform_new", language, unit=name, date=when, basis=basis,
                             others=_names(formed, language))
    if len(formed) == 1:
        return text("reform_new_single", language).format(unit=name, date=when, basis=basis,
                                                          old=_names(formed, language))
    return None


# -- KPI cards ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class KpiCard:
    """One indicator's latest figure for the selected unit, ready to print."""

    indicator: str
    name: str
    value_text: str
    date_text: str
    target_text: str
    gap_text: str
    source_text: str
    synthetic: bool
    status_text: str = "–"


def kpi_cards(bundle: Bundle, unit_id: str, language: str, as_of: date | None = None,
              selected: str | None = None, limit: int | None = None) -> list[KpiCard]:
    """Latest value, date, target and gap per indicator of the unit (dtlib.tables).

    With `selected` or `limit`: the selected indicator first, then those with a target, then the
    default indicators, then the catalog order; at most `limit` cards.
    """
    table = latest_table(bundle, unit_id, as_of or date.today(), language)
    if selected is not None or limit is not None:
        rank = {code: i for i, code in enumerate(DEFAULT_INDICATORS)}
        table = table.assign(_order=[
            (0 if code == selected else 1 if pd.notna(t) else 2, rank.get(code, 99), i)
            for i, (code, t) in enumerate(zip(table["indicator"], table["target_value"], strict=True))])
        table = table.sort_values("_order").head(limit or len(table))
    status = _status_labels(bundle, unit_id, language)
    cards = []
    for row in table.to_dict("records"):
        target = row["target_text"]
        if row["target_year"] is not None and not pd.isna(row["target_year"]) and target != "–":
            target = f"{target} ({int(row['target_year'])})"
        cards.append(KpiCard(
            indicator=row["indicator"], name=row["name"],
            value_text=(format_rank(row["value"], row["group_size"], language, word=True)
                        if row["unit"] == "rank" else row["value_text"]),
            date_text=format_date(row["ref_date"], language), target_text=target,
            gap_text=row["gap_text"], source_text=row["source_label"], synthetic=bool(row["synthetic"]),
            status_text=status.get(row["indicator"], "–"),
        ))
    return cards


def _status_labels(bundle: Bundle, unit_id: str, language: str) -> dict[str, str]:
    """Progress status label per indicator of the unit, from the reporting layer (dtlib.analysis)."""
    progress = bundle.progress
    if progress.empty:
        return {}
    rows = progress[progress["unit_id"] == unit_id]
    return dict(zip(rows["indicator"], rows[f"status_label_{'vi' if language == 'vi' else 'en'}"], strict=True))


def synthetic_badge(language: str) -> str:
    return f'<span class="dt-synthetic">{esc(text("synthetic_short", language))}</span>'


def kpi_cards_html(cards: list[KpiCard], selected: str | None, language: str) -> str:
    """The KPI strip: one card per indicator, the selected one outlined, sample data marked."""
    if not cards:
        return f'<div class="dt-empty">{esc(text("no_data", language))}</div>'
    parts = ['<div class="dt-cards">']
    for card in cards:
        classes = "dt-card" + (" dt-selected" if card.indicator == selected else "") + (
            " dt-card-synthetic" if card.synthetic else "")
        badge = synthetic_badge(language) if card.synthetic else ""
        parts.append(
            f'<div class="{classes}" data-indicator="{esc(card.indicator)}">'
            f'<div class="dt-card-name">{esc(card.name)}</div>'
            f'<div class="dt-card-value">{esc(card.value_text)}</div>'
            f'<div class="dt-card-meta">{esc(text("date", language))}: {esc(card.date_text)}</div>'
            f'<div class="dt-card-meta">{esc(text("target", language))}: {esc(card.target_text)}'
            f' · {esc(text("gap", language))}: {esc(card.gap_text)}</div>'
            f'<div class="dt-card-meta dt-card-status">{esc(text("status", language))}: '
            f'{esc(card.status_text)}</div>'
            f'<div class="dt-card-source">{esc(text("source", language))}: {esc(card.source_text)}</div>'
            f"{badge}</div>")
    parts.append("</div>")
    return "".join(parts)


# -- the four tabs: data for the chart, the table, the sources ------------------------------------
def series_rows(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Observations (actuals and targets) of the selected unit and indicator, oldest first."""
    obs = bundle.observations
    rows = obs[(obs["unit_id"] == selection.unit_id) & (obs["indicator"] == selection.indicator)]
    return rows.sort_values(["ref_date", "kind", "source_id"]).reset_index(drop=True)


def targets_for(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Targets that apply to the unit (its own and national) for the selected indicator."""
    targets = bundle.targets
    return targets[(targets["indicator"] == selection.indicator)
                   & targets["scope"].isin([selection.unit_id, "national"])].reset_index(drop=True)


def has_synthetic(rows: pd.DataFrame) -> bool:
    return "synthetic" in rows and bool(rows["synthetic"].fillna(False).astype(bool).any())


def table_html(bundle: Bundle, selection: Selection) -> str:
    """Every figure of the selected unit and indicator with its period, kind and source."""
    language = selection.language
    rows = series_rows(bundle, selection)
    if rows.empty or selection.indicator is None:
        return f'<div class="dt-empty">{esc(text("no_indicator", language))}</div>'
    indicator = bundle.catalog[selection.indicator]
    head = "".join(f"<th>{esc(text(k, language))}</th>"
                   for k in ("period", "date", "value", "kind", "source", "note"))
    body = []
    for row in rows.to_dict("records"):
        kind = text("actual" if row["kind"] == "actual" else "target_kind", language)
        mark = " " + synthetic_badge(language) if row.get("synthetic") else ""
        value = format_value(row["value"], indicator.unit, language, row["qualifier"], row.get("group_size"))
        body.append(
            f'<tr class="{"dt-row-synthetic" if row.get("synthetic") else ""}">'
            f'<td>{esc(row["period"])}</td><td>{esc(format_date(row["ref_date"], language))}</td>'
            f'<td class="dt-num">{esc(value)}</td>'
            f'<td>{esc(kind)}{mark}</td><td>{esc(source_label(bundle, row["source_id"]))}'
            f' <code>{esc(row["source_id"])}</code></td><td>{esc(row.get("note") or "")}</td></tr>')
    banner = synthetic_banner_html(language) if has_synthetic(rows) else ""
    return (f'{banner}<table class="dt-table"><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(body)}</tbody></table>')


def synthetic_banner_html(language: str) -> str:
    return f'<div class="dt-synthetic-banner">⚠ {esc(text("synthetic", language))}</div>'


def _locator_html(locator: str) -> str:
    if locator.startswith(SAFE_URL_SCHEMES):
        return f'<a href="{esc(locator)}" target="_blank" rel="noopener noreferrer">{esc(locator)}</a>'
    return f"<code>{esc(locator)}</code>"


def sources_html(bundle: Bundle, selection: Selection) -> str:
    """Citations of every figure shown, the definition, conflicting sources, malformed figures."""
    language = selection.language
    rows = series_rows(bundle, selection)
    targets = targets_for(bundle, selection)
    cited = sorted(set(rows["source_id"]) | set(targets["source_id"].dropna()))
    parts = []
    if selection.indicator in bundle.catalog:
        indicator = bundle.catalog[selection.indicator]
        parts.append(f'<p class="dt-definition"><b>{esc(text("definition", language))}:</b> '
                     f'{esc(indicator.definition)}'
                     + (f" ({esc(indicator.definition_source)})" if indicator.definition_source else "")
                     + "</p>")
    parts.append(f'<h4>{esc(text("citations", language))}</h4><ol class="dt-citations">')
    for source_id in cited:
        if source_id in bundle.sources.index:
            src = bundle.sources.loc[source_id]
            mark = " " + synthetic_badge(language) if src.get("kind") == "synthetic" else ""
            parts.append(
                f'<li id="src-{esc(source_id)}"><code>{esc(source_id)}</code> {esc(src["outlet"])}, '
                f'<i>{esc(src["title"])}</i>{", " + esc(src["published"]) if src["published"] else ""}. '
                f'{_locator_html(str(src["locator"]))}'
                f"{mark}</li>")
        else:
            parts.append(f"<li><code>{esc(source_id)}</code></li>")
    parts.append("</ol>")
    parts.append(conflicts_html(bundle, selection))
    parts.append(unparsed_html(bundle, selection))
    return "".join(parts)


def conflicts_html(bundle: Bundle, selection: Selection) -> str:
    """Pairs of sources that disagree on the selected unit and indicator (both figures kept)."""
    language = selection.language
    conflicts = bundle.conflicts()
    conflicts = conflicts[(conflicts["unit_id"] == selection.unit_id)
                          & (conflicts["indicator"] == selection.indicator)]
    head = f'<h4>{esc(text("conflicts", language))}</h4>'
    if conflicts.empty:
        return head + f'<p class="dt-ok">{esc(text("no_conflicts", language))}</p>'
    unit = bundle.catalog[selection.indicator].unit
    items = []
    for row in conflicts.to_dict("records"):
        items.append("<li>" + esc(text("conflict_row", language).format(
            a=format_value(row["value_a"], unit, language), pa=row["period_a"], sa=row["source_a"],
            b=format_value(row["value_b"], unit, language), pb=row["period_b"], sb=row["source_b"],
            pct=format_value(100 * row["relative_difference"], "percent", language))) + "</li>")
    return head + f'<ul class="dt-conflicts">{"".join(items)}</ul>'


def unparsed_html(bundle: Bundle, selection: Selection) -> str:
    """Figures the sources printed in a form that cannot be read (shown verbatim, never used)."""
    language = selection.language
    head = f'<h4>{esc(text("unparsed", language))}</h4>'
    bad = bundle.unparsed
    if not bad.empty:
        bad = bad[(bad["unit_id"] == selection.unit_id) & (bad["indicator"] == selection.indicator)]
    if bad.empty:
        return head + f'<p class="dt-ok">{esc(text("no_unparsed", language))}</p>'
    items = [f'<li>{esc(r["period"])}: «{esc(r["value_raw"])}» (<code>{esc(r["source_id"])}</code>)'
             f'{" — " + esc(r["note"]) if r.get("note") else ""}</li>' for r in bad.to_dict("records")]
    return head + f'<ul class="dt-unparsed">{"".join(items)}</ul>'
