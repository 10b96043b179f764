"""View-model of the leadership page: choices, reform note and KPI cards (tabs: `dashboard.figures`).

Each function takes a `Bundle` read from the reporting layer (`dtlib.layer.read_reporting_layer`)
plus a validated `Selection`, and returns plain data or an HTML string in which every text from the
data is escaped. Nothing here reads files, touches widgets or changes its input, so each function
is tested on a few hand-written rows (`tests/test_dashboard_views.py`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dtlib import i18n as report_i18n
from dtlib.dashboard.selection import Choices
from dtlib.data.datasets import Bundle
from dtlib.data.units import REFORM_DATE, UnitRegistry
from dtlib.i18n import format_date, t
from dtlib.tables import format_rank, latest_table

DEFAULT_UNIT = "P34-79"
"""The page opens on TP. Hồ Chí Minh of the 34 units (issue 9), which Bình Dương is now part of."""

DEFAULT_INDICATORS: tuple[str, ...] = ("dti_rank", "ho_so_truc_tuyen_ty_le")
"""Indicators a unit opens on, first available wins (the DTI rank exists for every province)."""

KPI_CARD_LIMIT = 8
"""Most KPI cards shown at once: the selected indicator, those with a target, the DTI rank, then the rest."""



def esc(value: object) -> str:
    """HTML-escape any value (None and NaN become an en dash)."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "–"
    return html.escape(str(value), quote=True)


# -- choices ---------------------------------------------------------------------------------------
def grouped_units(bundle: Bundle) -> list[tuple[str, int]]:
    """Today's 34 units, each followed by its former areas with data, each followed by its districts.

    `(unit id, depth)`: 0 for today's units (always listed, with or without figures of their own),
    1 for a former province, 2 for one of its districts. Units with figures that fit nowhere (the
    nation, another generation) come last at depth 0, so that every figure stays reachable.
    """
    from dtlib.data.continuity import units_with_former_areas

    present = {u for u in bundle.actuals["unit_id"].dropna().unique() if u in bundle.units.units}
    districts: dict[str, list[str]] = {}
    for unit_id in sorted(present):
        unit = bundle.units.get(unit_id)
        if unit.level == "district" and unit.parent_id:
            districts.setdefault(unit.parent_id, []).append(unit_id)
    listed: list[tuple[str, int]] = []
    for today, former in sorted(units_with_former_areas(bundle.units), key=lambda g: g[0].code):
        listed.append((today.id, 0))
        for old in former:
            if old.id in present or old.id in districts:
                listed.append((old.id, 1))
                listed.extend((d, 2) for d in districts.get(old.id, []))
    seen = {u for u, _ in listed}
    listed.extend((u, 0) for u in sorted(present) if u not in seen and
                  not (bundle.units.get(u).level == "district" and bundle.units.get(u).parent_id in seen))
    return listed


def former_with_data(bundle: Bundle, unit_id: str) -> list[str]:
    """The former areas of a 34-unit unit that have figures (empty for any other unit)."""
    present = set(bundle.actuals["unit_id"].dropna().unique())
    return [u.id for u in sorted(bundle.units.predecessors(unit_id), key=lambda u: u.code)
            if u.id in present] if unit_id.startswith("P34-") else []


def build_choices(bundle: Bundle) -> Choices:
    """The allow-lists for this reporting layer: grouped units, their indicators, deep-link codes.

    A 34-unit unit offers its own indicators and those of its former areas (shown side by side).
    """
    grouped = grouped_units(bundle)
    units = [u for u, _ in grouped]
    actuals = bundle.actuals
    by_unit = actuals.groupby("unit_id")["indicator"].unique().to_dict()
    indicators: dict[str, tuple[str, ...]] = {}
    for unit_id in units:
        codes = set(by_unit.get(unit_id, ()))
        for former in former_with_data(bundle, unit_id):
            codes |= set(by_unit.get(former, ()))
        known = [c for c in codes if c in bundle.catalog]
        ordered = sorted(known, key=lambda c: (bundle.catalog[c].pillar, c))
        first = [c for c in DEFAULT_INDICATORS if c in ordered]
        indicators[unit_id] = tuple(first + [c for c in ordered if c not in first])
    aliases: dict[str, str] = {}
    for unit_id in reversed(units):  # earlier units (today's before former areas) win a code
        unit = bundle.units.get(unit_id)
        aliases[unit.code] = unit_id
        if unit.code.isdigit():
            aliases[str(int(unit.code))] = unit_id
    for unit_id in units:  # a bare old code (74) means the old province when only it has data
        unit = bundle.units.get(unit_id)
        if unit_id.startswith("P63-") and not indicators.get(aliases.get(unit.code, ""), ()):
            aliases[unit.code] = unit_id
            if unit.code.isdigit():
                aliases[str(int(unit.code))] = unit_id
    return Choices(units=tuple(units), indicators=indicators, codes=aliases,
                   default_unit=DEFAULT_UNIT if DEFAULT_UNIT in units else None,
                   levels=dict(grouped))


GROUP_INDENT = {0: "", 1: "\u2003└ ", 2: "\u2003\u2003· "}
"""How depth shows in the unit list (a native <select> has no nested groups that ipywidgets can fill)."""


def unit_label(registry: UnitRegistry, unit_id: str, language: str) -> str:
    """`Bình Dương (74, đến 30/06/2025)`; districts also name their province."""
    unit = registry.get(unit_id)
    label = unit.label(language)
    if unit.parent_id:
        parent = registry.get(unit.parent_id)
        label += f" · {parent.name_vi if language == 'vi' else parent.name_ascii}"
    return label


def unit_options(bundle: Bundle, choices: Choices, language: str) -> list[tuple[str, str]]:
    """(label, unit id) pairs for the unit dropdown, former areas indented beneath today's unit."""
    return [(GROUP_INDENT[choices.levels.get(u, 0)] + unit_label(bundle.units, u, language), u)
            for u in choices.units]


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
        return t("dash_reform_district", language).format(
            unit=name, date=when, basis=basis, new=_names(story["became"], language))
    formed = story.get("formed_from") or []
    if len(formed) > 1:
        return report_i18n.t("reform_new", language, unit=name, date=when, basis=basis,
                             others=_names(formed, language))
    if len(formed) == 1:
        return t("dash_reform_new_single", language).format(unit=name, date=when, basis=basis,
                                                          old=_names(formed, language))
    return None


# -- KPI cards ----------------------------------------------------------------------------------
STATUS_ICONS: dict[str, str] = {"met": "✓", "on_track": "▲", "fair": "►", "limited": "▼",
                                "deterioration": "✗", "insufficient_data": "?"}
"""A shape per verdict next to its colour and words: status is never colour alone."""


@dataclass(frozen=True)
class KpiCard:
    """One indicator's latest figure for the selected unit, ready to print (short: details are in tabs)."""

    indicator: str
    name: str
    value_text: str
    date_text: str
    target_text: str
    gap_text: str
    source_text: str
    synthetic: bool
    status_text: str = "–"
    status: str = "insufficient_data"
    unit_id: str = ""


def verdicts(bundle: Bundle, unit_id: str, language: str) -> dict[str, tuple[str, str]]:
    """Indicator → (status code, label) of the unit: the one verdict of the reporting layer."""
    progress = bundle.progress
    if progress.empty:
        return {}
    rows = progress[progress["unit_id"] == unit_id]
    labels = rows[f"status_label_{'vi' if language == 'vi' else 'en'}"]
    return {ind: (code, label) for ind, code, label in zip(rows["indicator"], rows["status"], labels, strict=True)}


def kpi_cards(bundle: Bundle, unit_id: str, language: str, as_of: date | None = None,
              selected: str | None = None, limit: int | None = None) -> list[KpiCard]:
    """Latest value, date, target, gap and verdict per indicator of the unit (dtlib.tables).

    With `selected` or `limit`: the selected indicator first, then those with a target, then the
    default indicators, then the catalog order; at most `limit` cards.
    """
    table = latest_table(bundle, unit_id, as_of or date.today(), language)
    status = verdicts(bundle, unit_id, language)
    none = ("insufficient_data", "–")
    cards = []
    for row in table.to_dict("records"):
        target = row["target_text"]
        if row["target_year"] is not None and not pd.isna(row["target_year"]) and target != "–":
            target = f"{target} ({int(row['target_year'])})"
        code, label = status.get(row["indicator"], none)
        cards.append(KpiCard(
            indicator=row["indicator"], name=row["name"],
            value_text=(format_rank(row["value"], row["group_size"], language, word=True)
                        if row["unit"] == "rank" else row["value_text"]),
            date_text=format_date(row["ref_date"], language), target_text=target,
            gap_text="" if code == "met" else row["gap_text"], source_text=row["source_label"],
            synthetic=bool(row["synthetic"]), status_text=label, status=code, unit_id=unit_id))
    return card_order(cards, selected, limit) if selected is not None or limit is not None else cards


def card_order(cards: list[KpiCard], selected: str | None, limit: int | None) -> list[KpiCard]:
    """The selected indicator first, then those with a target, then the default indicators, then
    the catalog order; at most `limit` cards (all of them when None)."""
    rank = {code: i for i, code in enumerate(DEFAULT_INDICATORS)}
    ordered = sorted(enumerate(cards), key=lambda item: (
        0 if item[1].indicator == selected else 1 if item[1].target_text != "–" else 2,
        rank.get(item[1].indicator, 99), item[0]))
    return [card for _, card in ordered][:limit or len(cards)]


def synthetic_badge(language: str) -> str:
    return f'<span class="dt-synthetic">{esc(report_i18n.t("synthetic_mark", language))}</span>'


def status_badge(code: str, label: str) -> str:
    """The verdict as icon + words on its colour (the same badge on cards and tables)."""
    icon = STATUS_ICONS.get(code, "?")
    return (f'<span class="dt-status dt-status-{esc(code)}" data-status="{esc(code)}">'
            f'<span aria-hidden="true">{icon}</span> {esc(label)}</span>')


def _card_html(card: KpiCard, selected: str | None, language: str, title: str | None = None) -> str:
    classes = "dt-card" + (" dt-selected" if card.indicator == selected else "") + (
        " dt-card-synthetic" if card.synthetic else "")
    badge = " " + synthetic_badge(language) if card.synthetic else ""
    target = ""
    if card.target_text != "–":
        gap = f" · {esc(card.gap_text)}" if card.gap_text and card.gap_text != "–" else ""
        target = (f'<div class="dt-card-meta">{esc(t("dash_target", language))}: '
                  f'{esc(card.target_text)}{gap}</div>')
    status = status_badge(card.status, card.status_text) if card.status_text != "–" else ""
    return (f'<div class="{classes}" data-indicator="{esc(card.indicator)}" data-unit="{esc(card.unit_id)}">'
            f'<div class="dt-card-name">{esc(title or card.name)}</div>'
            f'<div class="dt-card-value">{esc(card.value_text)}</div>'
            f'<div class="dt-card-meta">{esc(card.date_text)}{badge}</div>{target}'
            f'<div class="dt-card-status">{status}</div></div>')


def kpi_cards_html(cards: list[KpiCard], selected: str | None, language: str) -> str:
    """The KPI strip: name, figure, date, target and verdict per card; sources are in their tab."""
    if not cards:
        return f'<div class="dt-empty">{esc(t("dash_no_data", language))}</div>'
    return '<div class="dt-cards">' + "".join(_card_html(c, selected, language) for c in cards) + "</div>"


def former_cards(bundle: Bundle, unit_id: str, indicator: str | None, language: str,
                 cards_of: Callable[[str], list[KpiCard]] | None = None) -> list[KpiCard]:
    """The selected indicator's latest figure in each former area of a 34-unit unit.

    `cards_of(unit_id)`: the unit's cards when the caller already has them (`dtlib build` renders
    every indicator of a unit and reuses its former areas' cards); `kpi_cards` otherwise.
    """
    cards_of = cards_of or (lambda former: kpi_cards(bundle, former, language))
    return [c for former in former_with_data(bundle, unit_id) for c in cards_of(former) if c.indicator == indicator]


def former_cards_html(bundle: Bundle, unit_id: str, indicator: str | None, language: str,
                      cards_of: Callable[[str], list[KpiCard]] | None = None) -> str:
    """Former areas side by side for the selected indicator (empty string when there are none)."""
    cards = former_cards(bundle, unit_id, indicator, language, cards_of)
    if not cards:
        return ""
    parts = [f'<h3 class="dt-former-heading">{esc(t("dash_former_areas", language))}</h3>'
             '<div class="dt-cards dt-former">']
    for card in cards:
        name = bundle.units.get(card.unit_id).name_vi if language == "vi" else bundle.units.get(card.unit_id).name_ascii
        parts.append(_card_html(card, None, language, title=f"{name}: {card.name}"))
    return "".join(parts) + "</div>"
