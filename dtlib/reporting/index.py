"""`reports/index.html`: every report written, grouped by today's units, former areas beneath.

The index is rebuilt from what is on disk after every `dtlib report` (the glued scraps of each
`reports/<slug>/<quarter>/report.ipynb` say which unit, quarter and language it is), so reports
written by earlier runs are listed too. The one-line status comes from the data: how many
indicators the report has and up to which date, or that the unit merged. Offline, Jinja2 with
autoescape, written atomically.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd

from dtlib import atomic, paths
from dtlib.data.continuity import former_areas, now_part_of
from dtlib.data.datasets import Bundle
from dtlib.data.periods import parse_period, quarter_label_vi
from dtlib.data.units import REFORM_DATE, AdminUnit
from dtlib.errors import DtlibError
from dtlib.i18n import DEFAULT_LANGUAGE, format_date, t
from dtlib.reporting.continuity import environment, unit_name
from dtlib.reporting.glue import read_scraps

INDEX_FILE = "index.html"


@dataclass(frozen=True)
class ReportEntry:
    """One report found on disk."""

    unit_id: str
    quarter: str
    language: str
    href: str
    synthetic: bool


def find_reports(reports_dir: Path) -> list[ReportEntry]:
    """Every finished report under `reports_dir` (folders with report.html and its notebook)."""
    entries = []
    for html in sorted(reports_dir.glob("*/*/report.html")):
        ipynb = html.with_name("report.ipynb")
        try:
            scraps = read_scraps(ipynb).get("report", {}) if ipynb.exists() else {}
        except (OSError, ValueError, DtlibError):
            scraps = {}
        if not scraps.get("unit_id"):
            continue
        entries.append(ReportEntry(unit_id=scraps["unit_id"], quarter=scraps["quarter"],
                                   language=scraps.get("language", DEFAULT_LANGUAGE),
                                   href=html.relative_to(reports_dir).as_posix(),
                                   synthetic=bool(scraps.get("synthetic_datasets"))))
    return entries


def _status(bundle: Bundle, entry: ReportEntry, language: str) -> str:
    unit = bundle.units.get(entry.unit_id)
    as_of = parse_period(entry.quarter).end
    rows = bundle.actuals[(bundle.actuals["unit_id"] == entry.unit_id)
                          & (bundle.actuals["ref_date"] <= pd.Timestamp(as_of))]
    if rows.empty:
        former = former_areas(unit.id, bundle.units)
        if former:
            return t("index_status_former", language, n=len(former))
        return t("index_status_empty", language)
    last = format_date(rows["ref_date"].max(), language)
    if unit.valid_to is not None and unit.level != "national":
        return t("index_status_ended", language, date=last)
    return t("index_status_ok", language, n=rows["indicator"].nunique(), date=last)


def _row(bundle: Bundle, entry: ReportEntry, language: str) -> dict[str, object]:
    unit = bundle.units.get(entry.unit_id)
    period = parse_period(entry.quarter)
    return {"unit": unit.label(language) if unit.valid_to else unit_name(unit, language),
            "quarter": quarter_label_vi(period) if language == "vi" else period.label,
            "language": t(f"language_{entry.language}", language), "href": entry.href,
            "status": _status(bundle, entry, language),
            "synthetic": t("index_synthetic", language) if entry.synthetic else ""}


def _today_unit(bundle: Bundle, unit: AdminUnit) -> AdminUnit | None:
    if unit.is_national:
        return None
    if unit.valid_to is None:
        return unit
    after = now_part_of(unit.id, bundle.units)
    return after[0] if len(after) == 1 else None


def index_groups(bundle: Bundle, entries: list[ReportEntry], language: str) -> list[dict[str, object]]:
    """Groups of the index: one per today's unit with reports of it or of its former areas."""
    order = {u.id: i for i, u in enumerate(bundle.units.existing_on(max(date.today(), REFORM_DATE)))}
    groups: dict[str, dict[str, object]] = {}
    other: list[dict[str, object]] = []
    for entry in sorted(entries, key=lambda e: (e.unit_id, e.quarter, e.language)):
        if entry.unit_id not in bundle.units.units:
            continue
        unit = bundle.units.get(entry.unit_id)
        today = _today_unit(bundle, unit)
        if today is None:
            other.append(_row(bundle, entry, language))
            continue
        group = groups.setdefault(today.id, {"name": unit_name(today, language), "reports": [], "former": [],
                                             "rank": order.get(today.id, 999)})
        former_ids = {u.id for u in former_areas(today.id, bundle.units)}
        key = "reports" if unit.id == today.id else "former"
        if key == "former" and unit.id not in former_ids and unit.level != "district":
            key = "reports"
        group[key].append(_row(bundle, entry, language))
    result = sorted(groups.values(), key=lambda g: g["rank"])
    if other:
        result.append({"name": t("index_other", language), "reports": other, "former": []})
    return result


def write_index(bundle: Bundle, reports_dir: Path | None = None, language: str = DEFAULT_LANGUAGE) -> Path:
    """Rebuild `reports/index.html` from the reports on disk; returns its path."""
    reports_dir = reports_dir or paths.reports_dir()
    entries = find_reports(reports_dir)
    html = environment().get_template("index.html.j2").render(
        language=language, title=t("index_title", language), intro=t("index_intro", language),
        head=[t("col_unit", language), t("col_quarter", language), t("col_language", language),
              t("index_col_status", language)],
        former_label=t("index_former", language), groups=index_groups(bundle, entries, language))
    target = reports_dir / INDEX_FILE
    atomic.write_text(target, html)
    return target
