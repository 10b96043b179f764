"""Tidy frames for exploring: the figures of indicators x units, and how they compare to targets.

Every requested unit x indicator appears in the result: one without any figure is a row with no
value and a note saying so, so a known unit never comes back as a silently empty frame. `date` is
the end of each figure's period (31/12 for a year, the quarter's last day for a quarter), so the
figures of different units line up on one axis.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

import pandas as pd

from dtlib.data.catalog import pick_target
from dtlib.data.datasets import Bundle
from dtlib.explore.pick import NATIONAL_UNIT_IDS, check_geography, pick_indicators, pick_units
from dtlib.i18n import t
from dtlib.tables import gap_to_target, latest_table

SERIES_COLUMNS: tuple[str, ...] = (
    "unit_id", "unit", "indicator", "name", "period", "date", "ref_date", "value", "qualifier",
    "kind", "geography", "group_size", "source_id", "synthetic", "note",
)
COMPARE_COLUMNS: tuple[str, ...] = (
    "unit_id", "unit", "indicator", "name", "value", "value_text", "ref_date", "source_id",
    "target_value", "target_text", "target_year", "target_scope", "gap", "gap_text", "target_met",
    "national_target", "national_target_year", "national_value", "national_date", "vs_national",
    "geography", "synthetic", "note",
)


def series(bundle: Bundle, indicators: str | Iterable[str], units: str | Iterable[str], *,
           geography: str | None = None, kind: str = "actual", language: str = "vi") -> pd.DataFrame:
    """Figures of one or more indicators for one or more units (any spelling), oldest first.

    `geography`: '63', '34' or None (see `dtlib.explore.pick`). `kind`: 'actual', 'target' or
    'all'. Columns: SERIES_COLUMNS; `unit` is the unit's name in `language`.
    """
    geography = check_geography(geography)
    chosen = pick_units(units, bundle.units, geography)
    codes = pick_indicators(indicators, bundle.catalog)
    obs = bundle.observations
    if kind != "all":
        obs = obs[obs["kind"] == kind]
    if geography is not None:
        obs = obs[obs["geography"] == geography]
    frames = []
    for unit in chosen:
        for indicator in codes:
            rows = obs[(obs["unit_id"] == unit.id) & (obs["indicator"] == indicator.code)]
            if rows.empty:
                rows = pd.DataFrame([{"unit_id": unit.id, "indicator": indicator.code, "kind": kind,
                                      "note": t("explore_no_figure", language), "synthetic": False}])
            else:
                rows = rows.assign(date=rows["period_end"].dt.normalize())
            frames.append(rows.assign(unit=unit.name_vi if language == "vi" else unit.name_ascii,
                                      name=indicator.name(language)))
    table = pd.concat(frames, ignore_index=True).reindex(columns=list(SERIES_COLUMNS))
    table["date"] = pd.to_datetime(table["date"])
    table["synthetic"] = table["synthetic"].fillna(False).astype(bool)
    return table.sort_values(["indicator", "unit_id", "date"], kind="stable").reset_index(drop=True)


def _national(bundle: Bundle, code: str, as_of: date) -> tuple[float | None, object]:
    rows = bundle.actuals
    rows = rows[(rows["indicator"] == code) & rows["unit_id"].isin(NATIONAL_UNIT_IDS)
                & (rows["ref_date"] <= pd.Timestamp(as_of))]
    if rows.empty:
        return None, None
    last = rows.sort_values(["ref_date", "source_id"], ascending=[False, True]).iloc[0]
    return float(last["value"]), last["ref_date"]


def compare(bundle: Bundle, indicators: str | Iterable[str], units: str | Iterable[str], *,
            geography: str | None = None, as_of: date | None = None, language: str = "vi") -> pd.DataFrame:
    """Latest figure per unit x indicator next to its target and the national target and value.

    The target is the one the reports use (`dtlib.data.catalog.pick_target`: the unit's own before the
    national one); `national_target` is always the national one; `national_value` is the latest
    national figure, when `data/` has one. A pair without a figure is a row with a note.
    """
    geography = check_geography(geography)
    as_of = as_of or date.today()
    chosen = pick_units(units, bundle.units, geography)
    codes = pick_indicators(indicators, bundle.catalog)
    targets = bundle.targets
    national_targets = targets[targets["scope"] == "national"]
    rows = []
    for unit in chosen:
        table = latest_table(bundle, unit.id, as_of, language).set_index("indicator")
        for indicator in codes:
            row: dict[str, object] = {"unit_id": unit.id, "indicator": indicator.code,
                                      "unit": unit.name_vi if language == "vi" else unit.name_ascii,
                                      "name": indicator.name(language)}
            if indicator.code in table.index:
                row.update({c: table.at[indicator.code, c] for c in COMPARE_COLUMNS
                            if c in table.columns and c not in row})
            else:
                row["note"] = t("explore_no_figure_by", language, date=as_of.isoformat())
            year = pd.Timestamp(row["ref_date"]).year if row.get("ref_date") is not None else None
            national = pick_target(national_targets, indicator.code, "national", year)
            if national is not None:
                row["national_target"] = float(national["value"])
                row["national_target_year"] = None if pd.isna(national["year"]) else int(national["year"])
            row["national_value"], row["national_date"] = _national(bundle, indicator.code, as_of)
            if row.get("value") is not None and row["national_value"] is not None:
                row["vs_national"] = -gap_to_target(float(row["value"]), row["national_value"],
                                                    indicator.direction)
            rows.append(row)
    frame = pd.DataFrame(rows).reindex(columns=list(COMPARE_COLUMNS))
    return frame.astype({"synthetic": "boolean"})
