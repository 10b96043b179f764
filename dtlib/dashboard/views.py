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
from dtlib.tables import format_rank, format_value, latest_table
from dtlib.units import REFORM_DATE, UnitRegistry

DEFAULT_UNIT = "P34-79"
"""The page opens on TP. Hồ Chí Minh of the 34 units (issue 9), which Bình Dương is now part of."""

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


# -- choices ---------------------------------------------------------------------------------------
def grouped_units(bundle: Bundle) -> list[tuple[str, int]]:
    """Today's 34 units, each followed by its former areas with data, each followed by its districts.

    `(unit id, depth)`: 0 for today's units (always listed, with or without figures of their own),
    1 for a former province, 2 for one of its districts. Units with figures that fit nowhere (the
    nation, another generation) come last at depth 0, so that every figure stays reachable.
    """
    from dtlib.continuity import units_with_former_areas

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
        return text("dash_reform_district", language).format(
            unit=name, date=when, basis=basis, new=_names(story["became"], language))
    formed = story.get("formed_from") or []
    if len(formed) > 1:
        return report_i18n.t("reform_new", language, unit=name, date=when, basis=basis,
                             others=_names(formed, language))
    if len(formed) == 1:
        return text("dash_reform_new_single", language).format(unit=name, date=when, basis=basis,
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
    if selected is not None or limit is not None:
        rank = {code: i for i, code in enumerate(DEFAULT_INDICATORS)}
        table = table.assign(_order=[
            (0 if code == selected else 1 if pd.notna(t) else 2, rank.get(code, 99), i)
            for i, (code, t) in enumerate(zip(table["indicator"], table["target_value"], strict=True))])
        table = table.sort_values("_order").head(limit or len(table))
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
    return cards


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
        target = (f'<div class="dt-card-meta">{esc(text("dash_target", language))}: '
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
        return f'<div class="dt-empty">{esc(text("dash_no_data", language))}</div>'
    return '<div class="dt-cards">' + "".join(_card_html(c, selected, language) for c in cards) + "</div>"


def former_cards(bundle: Bundle, unit_id: str, indicator: str | None, language: str) -> list[KpiCard]:
    """The selected indicator's latest figure in each former area of a 34-unit unit."""
    cards = []
    for former in former_with_data(bundle, unit_id):
        cards.extend(c for c in kpi_cards(bundle, former, language) if c.indicator == indicator)
    return cards


def former_cards_html(bundle: Bundle, unit_id: str, indicator: str | None, language: str) -> str:
    """Former areas side by side for the selected indicator (empty string when there are none)."""
    cards = former_cards(bundle, unit_id, indicator, language)
    if not cards:
        return ""
    parts = [f'<h3 class="dt-former-heading">{esc(text("dash_former_areas", language))}</h3>'
             '<div class="dt-cards dt-former">']
    for card in cards:
        name = bundle.units.get(card.unit_id).name_vi if language == "vi" else bundle.units.get(card.unit_id).name_ascii
        parts.append(_card_html(card, None, language, title=f"{name}: {card.name}"))
    return "".join(parts) + "</div>"


# -- the four tabs: data for the chart, the table, the sources ------------------------------------
def shown_units(bundle: Bundle, unit_id: str) -> list[str]:
    """The unit and, for a 34-unit unit, its former areas with data: whose figures the tabs show."""
    return [unit_id, *former_with_data(bundle, unit_id)]


def series_rows(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Observations (actuals and targets) of the shown units for the selected indicator, oldest first."""
    obs = bundle.observations
    rows = obs[obs["unit_id"].isin(shown_units(bundle, selection.unit_id))
               & (obs["indicator"] == selection.indicator)]
    return rows.sort_values(["unit_id", "ref_date", "kind", "source_id"]).reset_index(drop=True)


def targets_for(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Targets that apply to the unit (its own and national) for the selected indicator."""
    targets = bundle.targets
    return targets[(targets["indicator"] == selection.indicator)
                   & targets["scope"].isin([selection.unit_id, "national"])].reset_index(drop=True)


def has_synthetic(rows: pd.DataFrame) -> bool:
    return "synthetic" in rows and bool(rows["synthetic"].fillna(False).astype(bool).any())


def outlet_name(bundle: Bundle, source_id: object, language: str) -> str:
    """The outlet as a reader knows it: `Người Lao Động`, never an id, a file path or a mirror's domain."""
    if source_id not in bundle.sources.index:
        return text("dash_source_unnamed", language)
    outlet = str(bundle.sources.loc[source_id, "outlet"] or "").strip()
    if not outlet or outlet.startswith("("):
        return text("dash_source_unnamed", language)
    for cut in (" (", ", via ", ", citing "):
        if cut in outlet:
            outlet = outlet.split(cut)[0]
    return outlet.strip()


def published_text(bundle: Bundle, source_id: object, language: str) -> str:
    """Publication date of a source in the page's date format, or "date not stated"."""
    published = bundle.sources.loc[source_id, "published"] if source_id in bundle.sources.index else ""
    return format_date(published, language) if published else text("dash_no_date", language)


def period_text(period: object, language: str) -> str:
    """A period as printed: `2024`, `2025Q3`, or a day in the page's one date format."""
    import re

    text_ = str(period)
    return format_date(text_, language) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text_) else text_


def unit_name(bundle: Bundle, unit_id: str, language: str) -> str:
    unit = bundle.units.get(unit_id)
    return unit.name_vi if language == "vi" else unit.name_ascii


def figures_frame(bundle: Bundle, selection: Selection) -> pd.DataFrame:
    """Exactly the figures the Table tab prints, as the downloads carry them (headers in the page language)."""
    language = selection.language
    rows = series_rows(bundle, selection)
    if rows.empty or selection.indicator is None:
        return pd.DataFrame()
    indicator = bundle.catalog[selection.indicator]
    geo = {"63": text("dash_geo_63", language), "34": text("dash_geo_34", language)}
    records = []
    for row in rows.to_dict("records"):
        records.append({
            text("dash_unit", language): unit_name(bundle, row["unit_id"], language),
            text("dash_indicator", language): indicator.name(language),
            text("dash_period", language): period_text(row["period"], language),
            text("dash_geography", language): geo.get(str(row.get("geography")), "–"),
            text("dash_value", language): format_value(row["value"], indicator.unit, language, row["qualifier"],
                                                       row.get("group_size")),
            text("dash_kind", language): text("dash_actual" if row["kind"] == "actual" else "dash_target_kind",
                                              language)
            + (f" ({report_i18n.t('synthetic_mark', language)})" if row.get("synthetic") else ""),
            text("dash_source", language): outlet_name(bundle, row["source_id"], language),
            text("dash_published", language): published_text(bundle, row["source_id"], language),
        })
    return pd.DataFrame.from_records(records)


def download_links_html(frame: pd.DataFrame, selection: Selection) -> str:
    """CSV and .xlsx of `frame` as data: links made in the kernel (no file is served from disk)."""
    import base64
    import io
    import re

    if frame.empty:
        return ""
    language = selection.language
    stem = re.sub(r"[^A-Za-z0-9_-]+", "_", f"dtlib_{selection.unit_id}_{selection.indicator}")
    csv_bytes = frame.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens Vietnamese correctly
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="dtlib")
    links = [("csv", "text/csv", csv_bytes, "dash_download_csv"),
             ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer.getvalue(),
              "dash_download_xlsx")]
    parts = [f'<a class="dt-download dt-download-{ext}" download="{stem}.{ext}" '
             f'href="data:{mime};base64,{base64.b64encode(data).decode("ascii")}">{esc(text(key, language))}</a>'
             for ext, mime, data, key in links]
    return '<p class="dt-downloads">' + " ".join(parts) + "</p>"


def table_html(bundle: Bundle, selection: Selection) -> str:
    """Every figure of the shown units for the selected indicator, its verdict, and the downloads."""
    language = selection.language
    frame = figures_frame(bundle, selection)
    if frame.empty:
        return f'<div class="dt-empty">{esc(text("dash_no_indicator", language))}</div>'
    rows = series_rows(bundle, selection)
    code, label = verdicts(bundle, selection.unit_id, language).get(selection.indicator, (None, None))
    status = (f'<p class="dt-table-status">{esc(text("dash_status", language))}: {status_badge(code, label)}</p>'
              if code else "")
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in frame.columns)
    body = []
    for row, synthetic in zip(frame.itertuples(index=False), rows["synthetic"].fillna(False), strict=True):
        cells = "".join(f'<td class="{"dt-num" if i == 4 else ""}">{esc(v)}</td>' for i, v in enumerate(row))
        body.append(f'<tr class="{"dt-row-synthetic" if synthetic else ""}">{cells}</tr>')
    banner = synthetic_banner_html(language) if has_synthetic(rows) else ""
    return (f'{banner}{status}{download_links_html(frame, selection)}<table class="dt-table"><thead><tr>{head}'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table>')


def synthetic_banner_html(language: str) -> str:
    return f'<div class="dt-synthetic-banner">⚠ {esc(text("dash_synthetic", language))}</div>'


def reader_definition(definition: str) -> str:
    """The catalog definition without the sentences written for the data team (naming fields like `x_y`)."""
    import re

    sentences = re.split(r"(?<=\.)\s+", definition.strip())
    kept = [x for x in sentences if not re.search(r"\b[a-z]+_[a-z0-9_]+\b", x)]
    return " ".join(kept)


def _link_html(bundle: Bundle, source_id: str) -> str:
    """The source's title, linked when its locator is a web address of the outlet itself."""
    src = bundle.sources.loc[source_id]
    title, locator = str(src["title"]), str(src["locator"])
    if locator.startswith(SAFE_URL_SCHEMES) and "mirror" not in str(src["outlet"]).lower():
        return f'<a href="{esc(locator)}" target="_blank" rel="noopener noreferrer"><i>{esc(title)}</i></a>'
    return f"<i>{esc(title)}</i>"


def sources_html(bundle: Bundle, selection: Selection) -> str:
    """Citations of every figure shown (outlet, title, date), the definition, conflicts, malformed figures."""
    language = selection.language
    rows = series_rows(bundle, selection)
    targets = targets_for(bundle, selection)
    cited = sorted(set(rows["source_id"]) | set(targets["source_id"].dropna()))
    parts = []
    if selection.indicator in bundle.catalog:
        indicator = bundle.catalog[selection.indicator]
        parts.append(f'<h3 class="dt-sources-heading">{esc(indicator.name(language))}</h3>')
        if language == "en":  # the catalog's definitions are written in English only
            parts.append(f'<p class="dt-definition"><b>{esc(text("dash_definition", language))}:</b> '
                         f'{esc(reader_definition(indicator.definition))}</p>')
    parts.append(download_links_html(figures_frame(bundle, selection), selection))
    parts.append(f'<h4>{esc(text("dash_citations", language))}</h4><ol class="dt-citations">')
    for source_id in cited:
        if source_id not in bundle.sources.index:
            continue
        mark = " " + synthetic_badge(language) if bundle.sources.loc[source_id, "kind"] == "synthetic" else ""
        parts.append(f'<li>{esc(outlet_name(bundle, source_id, language))}, {_link_html(bundle, source_id)}, '
                     f'{esc(published_text(bundle, source_id, language))}.{mark}</li>')
    parts.append("</ol>")
    parts.append(conflicts_html(bundle, selection))
    parts.append(unparsed_html(bundle, selection))
    return "".join(parts)


def conflicts_html(bundle: Bundle, selection: Selection) -> str:
    """Pairs of sources that disagree on the selected unit and indicator (both figures kept).

    Read from the reporting layer (`conflicts.parquet`, written by `dtlib build`) when present.
    """
    language = selection.language
    conflicts = bundle.conflicts()
    conflicts = conflicts[(conflicts["unit_id"] == selection.unit_id)
                          & (conflicts["indicator"] == selection.indicator)]
    head = f'<h4>{esc(text("dash_conflicts", language))}</h4>'
    if conflicts.empty:
        return head + f'<p class="dt-ok">{esc(text("dash_no_conflicts", language))}</p>'
    unit = bundle.catalog[selection.indicator].unit
    items = []
    for row in conflicts.to_dict("records"):
        items.append("<li>" + esc(text("dash_conflict_row", language).format(
            a=format_value(row["value_a"], unit, language), pa=period_text(row["period_a"], language),
            sa=outlet_name(bundle, row["source_a"], language),
            b=format_value(row["value_b"], unit, language), pb=period_text(row["period_b"], language),
            sb=outlet_name(bundle, row["source_b"], language),
            pct=format_value(100 * row["relative_difference"], "percent", language))) + "</li>")
    return head + f'<ul class="dt-conflicts">{"".join(items)}</ul>'


def unparsed_html(bundle: Bundle, selection: Selection) -> str:
    """Figures the sources printed in a form that cannot be read (shown verbatim, never used)."""
    language = selection.language
    head = f'<h4>{esc(text("dash_unparsed", language))}</h4>'
    bad = bundle.unparsed
    if not bad.empty:
        bad = bad[(bad["unit_id"] == selection.unit_id) & (bad["indicator"] == selection.indicator)]
    if bad.empty:
        return head + f'<p class="dt-ok">{esc(text("dash_no_unparsed", language))}</p>'
    items = [f'<li>{esc(period_text(r["period"], language))}: «{esc(r["value_raw"])}» '
             f'({esc(outlet_name(bundle, r["source_id"], language))})'
             f'</li>' for r in bad.to_dict("records")]
    return head + f'<ul class="dt-unparsed">{"".join(items)}</ul>'
