"""The indicator table of a report: latest value, its date and source, the target and the gap.

"Latest as of a quarter" means the most recent actual figure whose reference date is on or
before the quarter's last day, so a report for 2024Q1 never shows a figure published later.
When several sources report the same latest date, the table keeps the first by source id and
the conflict is listed separately (`Bundle.conflicts()`): one cell shows one number.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dtlib.data.catalog import meets, pick_target
from dtlib.data.datasets import Bundle
from dtlib.data.numbers import format_number
from dtlib.data.periods import quarter_of
from dtlib.i18n import format_date, t

TABLE_COLUMNS: tuple[str, ...] = (
    "indicator", "name", "pillar", "unit", "direction", "value", "value_text", "qualifier",
    "ref_date", "period", "source_id", "source_label", "target_value", "target_text",
    "target_year", "target_scope", "target_source_id", "gap", "gap_text", "target_met", "synthetic",
    "geography", "group_size",
)

QUALIFIERS: tuple[str, ...] = ("gt", "lt", "approx")
"""Qualifiers printed before a figure (`trên 92 %`); their words are `qualifier_<q>` in `dtlib.i18n`."""


def source_label(bundle: Bundle, source_id: str, language: str = "vi") -> str:
    """`Hànộimới, 20/03/2023` — short citation for a table cell."""
    if source_id not in bundle.sources.index:
        return t("source_unnamed", language)  # never an internal id on a page
    row = bundle.sources.loc[source_id]
    name = row["outlet"] if row["outlet"] and not row["outlet"].startswith("(") else row["title"]
    published = f", {format_date(row['published'], language)}" if row["published"] else ""
    return f"{name}{published}"


def format_rank(rank: float | None, group_size: object, language: str, *, word: bool = False) -> str:
    """`4/34` (or `hạng 4/34` / `rank 4/34` with `word`): a rank always says out of how many.

    Without a known group the rank stands alone (`19`), never with a guessed size."""
    if rank is None or pd.isna(rank):
        return "–"
    number = format_number(rank, language, decimals=0)
    if group_size is not None and not pd.isna(group_size):
        number = f"{number}/{int(group_size)}"
    return t("rank_of", language, rank=number) if word else number


def format_value(value: float | None, unit: str, language: str, qualifier: str = "eq",
                 group_size: object = None) -> str:
    """Format a value with its unit's conventions (`86,3 %`, `1.586`, ranks as `19/63`)."""
    if value is None or pd.isna(value):
        return "–"
    prefix = t(f"qualifier_{qualifier}", language) + " " if qualifier in QUALIFIERS else ""
    if unit == "percent":
        return prefix + format_number(value, language, decimals=1 if not float(value).is_integer() else 0,
                                      percent=True)
    if unit == "index_0_1":  # four decimals, as the DTI is published (0,7770)
        return prefix + format_number(value, language, decimals=4, trim=False)
    if unit == "rank":
        return prefix + format_rank(value, group_size, language)
    return prefix + format_number(value, language)


def gap_to_target(value: float, target: float, direction: str) -> float:
    """Distance still to cover, positive when the target is not yet reached."""
    return target - value if direction == "higher_better" else value - target


def format_gap(gap: float | None, unit: str, language: str, met: bool | None = None) -> str:
    """`còn 5 điểm %` / `đã đạt` — a gap a reader cannot misread as a growth rate.

    `met` comes from the target's comparator; without it a gap ≤ 0 counts as met.
    """
    if gap is None or pd.isna(gap):
        return "–"
    if met if met is not None else gap <= 0:
        return t("gap_met", language)
    if gap <= 0:
        return t("gap_at", language)
    if unit == "percent":
        text = t("gap_pp", language, gap=format_number(gap, language, decimals=None if float(gap).is_integer() else 1))
    else:
        text = format_value(gap, unit, language)
    return t("gap_to_go", language, gap=text)


def latest_table(bundle: Bundle, unit: str, as_of: date, language: str = "vi") -> pd.DataFrame:
    """One row per indicator with an actual figure for `unit` (any spelling) on or before `as_of`."""
    unit_id = bundle.unit_id(unit)
    obs = bundle.actuals
    obs = obs[(obs["unit_id"] == unit_id) & (obs["ref_date"] <= pd.Timestamp(as_of))]
    if obs.empty:
        return pd.DataFrame(columns=list(TABLE_COLUMNS))
    latest = (obs.sort_values(["indicator", "ref_date", "source_id"], ascending=[True, False, True])
                 .drop_duplicates("indicator"))
    targets = bundle.targets
    rows = []
    for record in latest.to_dict("records"):
        indicator = bundle.catalog[record["indicator"]]
        target = pick_target(targets, indicator.code, unit_id, pd.Timestamp(record["ref_date"]).year)
        gap = met = None
        if target is not None:
            gap = gap_to_target(record["value"], float(target["value"]), indicator.direction)
            met = meets(record["value"], float(target["value"]), str(target["comparator"]))
        rows.append({
            "indicator": indicator.code, "name": indicator.name(language), "pillar": indicator.pillar,
            "unit": indicator.unit, "direction": indicator.direction, "value": record["value"],
            "value_text": format_value(record["value"], indicator.unit, language, record["qualifier"],
                                       record.get("group_size")),
            "qualifier": record["qualifier"], "ref_date": record["ref_date"], "period": record["period"],
            "source_id": record["source_id"], "source_label": source_label(bundle, record["source_id"], language),
            "target_value": None if target is None else float(target["value"]),
            "target_text": "–" if target is None else
            f"{target['comparator']} {format_value(float(target['value']), indicator.unit, language)}",
            "target_year": None if target is None or pd.isna(target["year"]) else int(target["year"]),
            "target_scope": None if target is None else target["scope"],
            "target_source_id": None if target is None else target["source_id"],
            "gap": gap,
            "gap_text": format_gap(gap, indicator.unit, language, met), "target_met": met,
            "synthetic": bool(record.get("synthetic", False)),
            "geography": record.get("geography"), "group_size": record.get("group_size"),
        })
    table = pd.DataFrame(rows, columns=list(TABLE_COLUMNS))
    return table.sort_values(["pillar", "indicator"]).reset_index(drop=True)


def latest_quarter_ends(bundle: Bundle) -> dict[str, date]:
    """Per unit id, the last day of the quarter of its latest actual figure (the default report quarter)."""
    latest = bundle.actuals.groupby("unit_id")["ref_date"].max()
    return {unit_id: quarter_of(pd.Timestamp(day).date()).end for unit_id, day in latest.items()}


def targets_ahead(targets: pd.DataFrame, unit_id: str, after_year: int) -> pd.DataFrame:
    """Targets due after `after_year` for the unit itself or the nation (the 2030 ones in 2025).

    One rule for the report appendix and the dashboard: a unit's targets in force are its own and
    the national ones, whether or not the unit has a figure for the indicator yet.
    """
    if targets.empty:
        return targets
    keep = (targets["year"] > after_year) & targets["scope"].isin(["national", unit_id])
    return targets[keep].sort_values(["year", "indicator"])


def value_on(rows: pd.DataFrame, day: date) -> float | None:
    """The latest figure dated on or before `day` (first by source id), or None."""
    rows = rows[rows["ref_date"] <= pd.Timestamp(day)]
    if rows.empty:
        return None
    return float(rows.sort_values(["ref_date", "source_id"], ascending=[False, True]).iloc[0]["value"])


def due_rows(actuals: pd.DataFrame, targets: pd.DataFrame, unit_id: str, year: int,
             first_year: int | None = None) -> pd.DataFrame:
    """Targets whose year has come (≤ `year`): `verdict` met / not_met / no_evidence.

    Evidence is the latest figure dated in the target year or later; a unit's own target replaces
    the national one for the same indicator and year. Targets due before `first_year` (the unit's
    first year: a unit formed in 2025 was never due for 2023) are left out.
    """
    rows = targets[targets["year"].notna() & (targets["year"] <= year)
                   & (targets["year"] >= (first_year or 0))
                   & targets["scope"].astype(str).isin([unit_id, "national"])]
    rows = (rows.assign(own=(rows["scope"].astype(str) == unit_id).astype(int))
                .sort_values(["indicator", "year", "own"], ascending=[True, True, False])
                .drop_duplicates(["indicator", "year"]))
    out = []
    for r in rows.itertuples():
        figures = actuals[(actuals["indicator"] == r.indicator)
                          & (actuals["ref_date"].dt.year >= int(r.year))]
        if figures.empty:
            verdict, value = "no_evidence", None
        else:
            value = value_on(figures, figures["ref_date"].max().date())
            verdict = "met" if meets(value, float(r.value), str(r.comparator)) else "not_met"
        out.append({"indicator": r.indicator, "year": int(r.year), "target": float(r.value),
                    "comparator": str(r.comparator), "value": value, "verdict": verdict,
                    "source_id": r.source_id})
    order = {"not_met": 0, "no_evidence": 1, "met": 2}
    frame = pd.DataFrame(out, columns=["indicator", "year", "target", "comparator", "value",
                                       "verdict", "source_id"])
    return frame.sort_values(["verdict", "year", "indicator"], key=lambda s: s.map(order)
                             if s.name == "verdict" else s).reset_index(drop=True)
