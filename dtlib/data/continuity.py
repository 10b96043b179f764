"""Continuity across the 1 July 2025 reform: former areas, forward links, re-aggregated series.

History stays on the units that existed then, so a post-reform unit (new TP. Hồ Chí Minh) is
read together with its *former areas* (Bình Dương, Bà Rịa - Vũng Tàu, old TP. Hồ Chí Minh),
each with its own history side by side, and an old unit points forward to the unit it is now
part of. Additive indicators and ratios with numerator/denominator are re-aggregated onto
today's boundaries (marked re-computed by dtlib, `dtlib.data.aggregate`); ranks, indices and scores
cannot be, and the reason is returned instead of a number. Pure functions on a `Bundle`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from dtlib.data.aggregate import METHOD_REAGGREGATED, reaggregate
from dtlib.data.datasets import Bundle
from dtlib.data.periods import quarter_of
from dtlib.data.units import REFORM_DATE, AdminUnit, UnitRegistry, registry
from dtlib.errors import AggregationError

HISTORY_INDICATORS: tuple[str, ...] = ("dti_rank", "dti_score")
"""What the former-areas table shows by default: the published DTI rank and score per year."""

LAST_DAY_BEFORE_REFORM = REFORM_DATE - timedelta(days=1)
FIRST_QUARTER_AFTER_REFORM = quarter_of(REFORM_DATE)
LAST_QUARTER_BEFORE_REFORM = quarter_of(LAST_DAY_BEFORE_REFORM)

REASON_NOT_ADDITIVE = "not_additive"
"""Ranks, indices and scores: the score of a merged unit is not the sum or mean of its parts."""
REASON_NO_PARTS = "no_parts"
"""A rate published without numerator and denominator cannot be pooled."""
REASON_INCOMPLETE = "incomplete"
"""A former area has no figure for the period: a partial sum would look like data."""


@dataclass
class Reaggregated:
    """Re-aggregated series of a post-reform unit and, per indicator left out, the reason."""

    values: pd.DataFrame
    """indicator, period, value, numerator, denominator, from_units, source_id, method."""
    reasons: pd.DataFrame
    """indicator, reason (one of the REASON_* codes), missing (former areas without a figure)."""


@dataclass
class Continuity:
    """Everything a report or page needs to read one unit across the reform."""

    unit: AdminUnit
    former_areas: list[AdminUnit]
    now_part_of: list[AdminUnit]
    history: pd.DataFrame
    """Former areas' figures side by side, long: unit_id, indicator, year, value, group_size."""
    reaggregated: Reaggregated
    data_ends_at_reform: bool
    last_figure: date | None = None
    successor_quarter: dict[str, str] = field(default_factory=dict)
    """Successor unit id → quarter of its default report (for the forward link)."""


def former_areas(unit_id: str, units: UnitRegistry | None = None) -> list[AdminUnit]:
    """Pre-reform provinces that a post-reform unit was formed from (empty for old units)."""
    units = units or registry()
    return sorted(units.predecessors(unit_id), key=lambda u: u.code)


def now_part_of(unit_id: str, units: UnitRegistry | None = None) -> list[AdminUnit]:
    """The unit(s) an old unit is now part of (empty for a unit that still exists)."""
    units = units or registry()
    unit = units.get(unit_id)
    if unit.valid_to is None:
        return []
    return units.successors(unit_id, max(unit.valid_to, REFORM_DATE))


def units_with_former_areas(units: UnitRegistry | None = None,
                            on: date | None = None) -> list[tuple[AdminUnit, list[AdminUnit]]]:
    """Today's provincial units, each with its former areas: the grouped unit list of a selector."""
    units = units or registry()
    day = on or max(date.today(), REFORM_DATE)
    return [(u, former_areas(u.id, units)) for u in units.existing_on(day)]


def history_side_by_side(observations: pd.DataFrame, unit_ids: list[str],
                         indicators: tuple[str, ...] = HISTORY_INDICATORS) -> pd.DataFrame:
    """Yearly figures of `unit_ids` on `indicators`, one value per unit × indicator × year.

    The first source by id wins when sources repeat a figure; ranks keep their `group_size`.
    """
    cols = ["unit_id", "indicator", "year", "value", "group_size", "geography", "source_id", "synthetic"]
    rows = observations[observations["unit_id"].isin(unit_ids)
                        & observations["indicator"].isin(indicators)
                        & (observations["kind"] == "actual")]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    rows = rows.assign(year=rows["period_end"].dt.year)
    for column, default in (("group_size", pd.NA), ("geography", pd.NA), ("synthetic", False)):
        if column not in rows:
            rows = rows.assign(**{column: default})
    rows = rows.sort_values(["unit_id", "indicator", "year", "source_id"]).drop_duplicates(
        ["unit_id", "indicator", "year"])
    return rows[cols].reset_index(drop=True)


def reaggregated_series(bundle: Bundle, unit_id: str, as_of: date | None = None) -> Reaggregated:
    """The former areas' actual figures re-computed on `unit_id`'s boundaries, and what could not be.

    One call to `dtlib.data.aggregate.reaggregate` per indicator, so a refusal of one indicator
    (a rank, a rate without its parts) is a reason for that indicator, not a failure.
    """
    units = bundle.units
    former = [u.id for u in former_areas(unit_id, units)]
    obs = bundle.actuals
    obs = obs[obs["unit_id"].isin(former)]
    if as_of is not None:
        obs = obs[obs["ref_date"] <= pd.Timestamp(as_of)]
    values, reasons = [], []
    day = units.get(unit_id).valid_from or REFORM_DATE
    for code, rows in obs.groupby("indicator", sort=True):
        if code not in bundle.catalog:
            continue
        indicator = bundle.catalog[code]
        if indicator.aggregation == "none":
            reasons.append({"indicator": code, "reason": REASON_NOT_ADDITIVE, "missing": []})
            continue
        try:
            result = reaggregate(rows, day, bundle.catalog, units)
        except AggregationError:
            reasons.append({"indicator": code, "reason": REASON_NO_PARTS, "missing": []})
            continue
        done = result.values[result.values["unit_id"] == unit_id] if not result.values.empty else result.values
        if not done.empty:
            values.append(done)
        elif not result.incomplete.empty:
            missing = sorted({m for ms in result.incomplete["missing"] for m in ms})
            reasons.append({"indicator": code, "reason": REASON_INCOMPLETE, "missing": missing})
    frame = (pd.concat(values, ignore_index=True) if values else
             pd.DataFrame(columns=["unit_id", "indicator", "period", "value", "numerator", "denominator",
                                   "from_units", "source_id", "method"]))
    frame = frame[frame["method"] == METHOD_REAGGREGATED].reset_index(drop=True) if len(frame) else frame
    return Reaggregated(values=frame, reasons=pd.DataFrame(reasons, columns=["indicator", "reason", "missing"]))


def report_quarter_ends(bundle: Bundle) -> dict[str, date]:
    """Per unit id, the last day of its default report quarter.

    An old unit: the quarter of its latest actual figure. A post-reform unit: the quarter of
    the latest figure of it *or its former areas*, but never before its first quarter (2025Q3):
    its report shows its own figures (also those filed on the 34-unit geography for earlier
    periods) and its former areas' history.
    """
    actuals = bundle.actuals
    latest = {u: pd.Timestamp(d).date() for u, d in actuals.groupby("unit_id")["ref_date"].max().items()}
    result = {u: quarter_of(d).end for u, d in latest.items()}
    for unit in bundle.units.existing_on(max(date.today(), REFORM_DATE)):
        days = [latest[i] for i in [unit.id, *(p.id for p in former_areas(unit.id, bundle.units))]
                if i in latest]
        if days:
            result[unit.id] = max(quarter_of(max(days)).end, FIRST_QUARTER_AFTER_REFORM.end)
    return result


def continuity(bundle: Bundle, unit_id: str, as_of: date | None = None) -> Continuity:
    """Former areas (with history and re-aggregated series) or forward link of one unit."""
    units = bundle.units
    unit = units.get(unit_id)
    former = former_areas(unit_id, units)
    successors = now_part_of(unit_id, units) if unit.level != "national" else []
    actuals = bundle.actuals
    if as_of is not None:
        actuals = actuals[actuals["ref_date"] <= pd.Timestamp(as_of)]
    own = actuals[actuals["unit_id"] == unit_id]
    last = pd.Timestamp(own["ref_date"].max()).date() if not own.empty else None
    history = history_side_by_side(actuals, [u.id for u in former]) if former else history_side_by_side(
        actuals.iloc[:0], [])
    reagg = (reaggregated_series(bundle, unit_id, as_of) if former else
             Reaggregated(pd.DataFrame(), pd.DataFrame(columns=["indicator", "reason", "missing"])))
    ends = unit.valid_to is not None and unit.valid_to <= REFORM_DATE and unit.level != "national"
    quarters = report_quarter_ends(bundle.everything)  # the successor's report as `dtlib report` makes it
    succ_quarter = {s.id: f"{quarters[s.id].year}Q{(quarters[s.id].month - 1) // 3 + 1}"
                    for s in successors if s.id in quarters}
    return Continuity(unit=unit, former_areas=former, now_part_of=successors, history=history,
                      reaggregated=reagg, data_ends_at_reform=ends, last_figure=last,
                      successor_quarter=succ_quarter)
