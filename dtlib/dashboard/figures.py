"""The Table and Sources tabs and the downloads: exactly the figures shown, with their sources.

Like `dtlib.dashboard.views`, every function takes a `Bundle` from the reporting layer and a
validated `Selection` and returns data or escaped HTML; nothing reads files or touches widgets.
Sources are named as a reader knows them (outlet, title, publication date), never by id or path.
"""

from __future__ import annotations

import pandas as pd

from dtlib import i18n as report_i18n
from dtlib.dashboard.selection import Selection
from dtlib.dashboard.views import (
    esc,
    former_with_data,
    status_badge,
    synthetic_badge,
    unit_label,
    verdicts,
)
from dtlib.data.datasets import Bundle
from dtlib.i18n import format_date, t
from dtlib.tables import format_value

SAFE_URL_SCHEMES: tuple[str, ...] = ("https://", "http://")
"""Locators linked in a citation; anything else (file paths, `javascript:`) is not shown at all."""

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
        return t("dash_source_unnamed", language)
    outlet = str(bundle.sources.loc[source_id, "outlet"] or "").strip()
    if not outlet or outlet.startswith("("):
        return t("dash_source_unnamed", language)
    for cut in (" (", ", via ", ", citing "):
        if cut in outlet:
            outlet = outlet.split(cut)[0]
    return outlet.strip()


def published_text(bundle: Bundle, source_id: object, language: str) -> str:
    """Publication date of a source in the page's date format, or "date not stated"."""
    published = bundle.sources.loc[source_id, "published"] if source_id in bundle.sources.index else ""
    return format_date(published, language) if published else t("dash_no_date", language)


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
    geo = {"63": t("dash_geo_63", language), "34": t("dash_geo_34", language)}
    records = []
    for row in rows.to_dict("records"):
        records.append({
            t("dash_unit", language): unit_name(bundle, row["unit_id"], language),
            t("dash_indicator", language): indicator.name(language),
            t("dash_period", language): period_text(row["period"], language),
            t("dash_geography", language): geo.get(str(row.get("geography")), "–"),
            t("dash_value", language): format_value(row["value"], indicator.unit, language, row["qualifier"],
                                                       row.get("group_size")),
            t("dash_kind", language): t("dash_actual" if row["kind"] == "actual" else "dash_target_kind",
                                              language)
            + (f" ({report_i18n.t('synthetic_mark', language)})" if row.get("synthetic") else ""),
            t("dash_source", language): outlet_name(bundle, row["source_id"], language),
            t("dash_published", language): published_text(bundle, row["source_id"], language),
        })
    return pd.DataFrame.from_records(records)


DOWNLOAD_STEM_CHARS = 90
"""Longest download file name before the extension (long indicator names are cut at a word)."""


def download_stem(bundle: Bundle, selection: Selection) -> str:
    """The downloads' file name as a reader knows the view: the unit as the list names it, then the indicator.

    E.g. `Binh-Duong-74-den-30-06-2025_Ty-le-ho-so-truc-tuyen`: Vietnamese letters written without
    their marks (đ as d), so the name survives e-mail and every file system; never internal ids.
    """
    import re

    from dtlib.data.units import to_ascii

    language = selection.language
    indicator = bundle.catalog[selection.indicator].name(language) if selection.indicator in bundle.catalog else ""
    words = (unit_label(bundle.units, selection.unit_id, language), indicator)
    stem = "_".join(x for x in (re.sub(r"[^A-Za-z0-9]+", "-", to_ascii(w)).strip("-") for w in words) if x)
    if len(stem) > DOWNLOAD_STEM_CHARS:
        stem = stem[:DOWNLOAD_STEM_CHARS].rsplit("-", 1)[0]
    return stem


def download_links_html(bundle: Bundle, frame: pd.DataFrame, selection: Selection) -> str:
    """CSV and .xlsx of `frame` as data: links made in the kernel (no file is served from disk)."""
    import base64
    import io

    if frame.empty:
        return ""
    language = selection.language
    stem = download_stem(bundle, selection)
    csv_bytes = frame.to_csv(index=False).encode("utf-8-sig")  # BOM: Excel opens Vietnamese correctly
    buffer = io.BytesIO()
    frame.to_excel(buffer, index=False, sheet_name="dtlib")
    links = [("csv", "text/csv", csv_bytes, "dash_download_csv"),
             ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer.getvalue(),
              "dash_download_xlsx")]
    parts = [f'<a class="dt-download dt-download-{ext}" download="{stem}.{ext}" '
             f'href="data:{mime};base64,{base64.b64encode(data).decode("ascii")}">{esc(t(key, language))}</a>'
             for ext, mime, data, key in links]
    return '<p class="dt-downloads">' + " ".join(parts) + "</p>"


def table_html(bundle: Bundle, selection: Selection, downloads: str | None = None) -> str:
    """Every figure of the shown units for the selected indicator, its verdict, and the downloads.

    `downloads`: the links of `download_links_html`, when the caller already made them.
    """
    language = selection.language
    frame = figures_frame(bundle, selection)
    if frame.empty:
        return f'<div class="dt-empty">{esc(t("dash_no_indicator", language))}</div>'
    rows = series_rows(bundle, selection)
    code, label = verdicts(bundle, selection.unit_id, language).get(selection.indicator, (None, None))
    status = (f'<p class="dt-table-status">{esc(t("dash_status", language))}: {status_badge(code, label)}</p>'
              if code else "")
    head = "".join(f'<th scope="col">{esc(c)}</th>' for c in frame.columns)
    body = []
    for row, synthetic in zip(frame.itertuples(index=False), rows["synthetic"].fillna(False), strict=True):
        cells = "".join(f'<td class="{"dt-num" if i == 4 else ""}">{esc(v)}</td>' for i, v in enumerate(row))
        body.append(f'<tr class="{"dt-row-synthetic" if synthetic else ""}">{cells}</tr>')
    banner = synthetic_banner_html(language) if has_synthetic(rows) else ""
    links = download_links_html(bundle, frame, selection) if downloads is None else downloads
    return (f'{banner}{status}{links}<table class="dt-table"><thead><tr>{head}'
            f'</tr></thead><tbody>{"".join(body)}</tbody></table>')


def synthetic_banner_html(language: str) -> str:
    return f'<div class="dt-synthetic-banner">⚠ {esc(t("dash_synthetic", language))}</div>'


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


def sources_html(bundle: Bundle, selection: Selection, downloads: str | None = None) -> str:
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
            parts.append(f'<p class="dt-definition"><b>{esc(t("dash_definition", language))}:</b> '
                         f'{esc(reader_definition(indicator.definition))}</p>')
    parts.append(download_links_html(bundle, figures_frame(bundle, selection), selection) if downloads is None
                 else downloads)
    parts.append(f'<h4>{esc(t("dash_citations", language))}</h4><ol class="dt-citations">')
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
    head = f'<h4>{esc(t("dash_conflicts", language))}</h4>'
    if conflicts.empty:
        return head + f'<p class="dt-ok">{esc(t("dash_no_conflicts", language))}</p>'
    unit = bundle.catalog[selection.indicator].unit
    items = []
    for row in conflicts.to_dict("records"):
        items.append("<li>" + esc(t("dash_conflict_row", language).format(
            a=format_value(row["value_a"], unit, language), pa=period_text(row["period_a"], language),
            sa=outlet_name(bundle, row["source_a"], language),
            b=format_value(row["value_b"], unit, language), pb=period_text(row["period_b"], language),
            sb=outlet_name(bundle, row["source_b"], language),
            pct=format_value(100 * row["relative_difference"], "percent", language))) + "</li>")
    return head + f'<ul class="dt-conflicts">{"".join(items)}</ul>'


def unparsed_html(bundle: Bundle, selection: Selection) -> str:
    """Figures the sources printed in a form that cannot be read (shown verbatim, never used)."""
    language = selection.language
    head = f'<h4>{esc(t("dash_unparsed", language))}</h4>'
    bad = bundle.unparsed
    if not bad.empty:
        bad = bad[(bad["unit_id"] == selection.unit_id) & (bad["indicator"] == selection.indicator)]
    if bad.empty:
        return head + f'<p class="dt-ok">{esc(t("dash_no_unparsed", language))}</p>'
    items = [f'<li>{esc(period_text(r["period"], language))}: «{esc(r["value_raw"])}» '
             f'({esc(outlet_name(bundle, r["source_id"], language))})'
             f'</li>' for r in bad.to_dict("records")]
    return head + f'<ul class="dt-unparsed">{"".join(items)}</ul>'
