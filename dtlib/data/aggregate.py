"""Re-aggregate a series to the units that existed on another date.

Comparing old Bình Phước with new Đồng Nai needs old Bình Phước + old Đồng Nai. Counts add up;
rates add their numerators and denominators (averaging two rates weights a small province like a
large one); ranks, indices and scores cannot be aggregated at all, and saying so is better than
an average that looks like data. A target unit missing one of its constituents for a period is
reported as incomplete, never summed partially.

Geography is respected: a figure already expressed on a target unit (DTI 2024 filed on P34-79,
geography 34) is kept as published (`method` "published") and never added to its former
areas' figures; re-aggregated values have `method` "reaggregated" (re-computed by dtlib). A
34-unit figure cannot be split back onto the 63 provinces, and national figures (`VN`) are not
province figures: both are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dtlib.data.catalog import Catalog
from dtlib.data.units import AdminUnit, UnitRegistry
from dtlib.errors import AggregationError

KEYS: tuple[str, ...] = ("target_unit_id", "indicator", "period", "kind", "on_target")

METHOD_PUBLISHED = "published"
METHOD_REAGGREGATED = "reaggregated"
"""`method` of a value: as filed on the target unit, or re-computed by dtlib from its parts."""


@dataclass
class Reaggregation:
    """Values on the target units, the groups that could not be completed, and why.

    `incomplete`: one row per target unit x indicator x period missing a constituent (`missing`
    lists their ids). `refused`: figures that cannot be re-aggregated at all (a rank, or a rate
    without its numerator and denominator), with a `reason`; only `dtlib.explore.reexpress`
    fills it, `reaggregate` raises instead.
    """

    values: pd.DataFrame
    incomplete: pd.DataFrame
    refused: pd.DataFrame = field(default_factory=pd.DataFrame)

    def explain(self, language: str = "vi") -> list[str]:
        """One sentence per incomplete group and per refused figure: which constituent lacks data."""
        from dtlib.data.units import get
        from dtlib.i18n import t

        lines = []
        for row in self.incomplete.to_dict("records"):
            lines.append(t("reagg_incomplete", language, unit=get(row["target_unit_id"]).label(language),
                           indicator=row["indicator"], period=row["period"],
                           missing=", ".join(get(i).label(language) for i in row["missing"]),
                           present=", ".join(get(i).label(language) for i in row["present"])))
        for row in self.refused.to_dict("records"):
            lines.append(t("reagg_refused", language, unit=get(row["unit_id"]).label(language),
                           indicator=row["indicator"], period=row["period"],
                           reason=t(f"reagg_reason_{row['reason']}", language)))
        return lines

    def _repr_html_(self) -> str:
        from dtlib.explore.display import reaggregation_html

        return reaggregation_html(self)


def _province_on(units: UnitRegistry, unit: AdminUnit, on: date) -> list[AdminUnit]:
    """The province-level unit(s) existing on `on` that contain `unit`."""
    if unit.level == "district" and unit.parent_id is not None:
        parent = units.get(unit.parent_id)
        if parent.exists_on(on):
            return [parent]
    return [u for u in units.successors(unit.id, on) if u.level == "province"]


def _constituents(units: UnitRegistry, target: AdminUnit, level: str, source_day: date,
                  to_date: date) -> set[str]:
    """Units of `level` that existed on `source_day` and lie in `target` on `to_date`."""
    pool = [u for u in units.units.values() if u.level == level and u.exists_on(source_day)]
    return {u.id for u in pool if target in _province_on(units, u, to_date)}


def reaggregate(observations: pd.DataFrame, to_date: date, catalog: Catalog,
                units: UnitRegistry) -> Reaggregation:
    """Express `observations` on the province-level units that existed on `to_date`."""
    if not observations.empty:
        national = observations["unit_id"].map(lambda i: units.get(i).is_national)
        observations = observations[~national]
    if observations.empty:
        return Reaggregation(observations.assign(target_unit_id=[]), pd.DataFrame())
    refused = sorted({code for code in observations["indicator"].unique()
                      if catalog[code].aggregation == "none"})
    if refused:
        reasons = "; ".join(f"{c} ({catalog[c].unit}, aggregation 'none')" for c in refused)
        raise AggregationError(
            f"cannot re-aggregate {reasons}: ranks, indices and scores of different units cannot be "
            "added or averaged into the score of a merged unit; publish them per original unit")
    levels = observations.groupby("indicator")["unit_id"].agg(
        lambda ids: {units.get(i).level for i in ids})
    mixed = [code for code, lv in levels.items() if len(lv) > 1]
    if mixed:
        raise AggregationError(f"{', '.join(mixed)}: rows mix province and district units; "
                               "filter to one level first so nothing is counted twice")
    moved = ~observations["unit_id"].map(lambda i: units.get(i).exists_on(to_date))
    ratio_rows = observations[moved & observations["indicator"].map(lambda c: catalog[c].aggregation == "ratio")]
    lacking = ratio_rows[ratio_rows["numerator"].isna() | ratio_rows["denominator"].isna()]
    if not lacking.empty:
        first = lacking.iloc[0]
        raise AggregationError(
            f"{first['indicator']} for {first['unit_id']} {first['period']} has no numerator/denominator; "
            f"a rate can only be pooled from its parts ({len(lacking)} such row(s))")
    rows = []
    for record in observations.to_dict("records"):
        unit = units.get(record["unit_id"])
        if not unit.exists_on(to_date) and unit.valid_from is not None and to_date < unit.valid_from:
            continue  # a 34-unit figure cannot be split onto the pre-reform provinces
        for target in _province_on(units, unit, to_date):
            rows.append({**record, "target_unit_id": target.id, "on_target": target.id == unit.id})
    if not rows:
        return Reaggregation(pd.DataFrame(), pd.DataFrame())
    mapped = pd.DataFrame(rows)
    values, incomplete = [], []
    for keys, group in mapped.groupby(list(KEYS), sort=True):
        target_id, code, period, kind, on_target = keys
        source_day = pd.Timestamp(group["ref_date"].max()).date()
        level = units.get(group["unit_id"].iloc[0]).level
        expected = ({target_id} if on_target else
                    _constituents(units, units.get(target_id), level, source_day, to_date))
        present = set(group["unit_id"])
        if not expected <= present:
            incomplete.append({"target_unit_id": target_id, "indicator": code, "period": period,
                               "kind": kind, "present": sorted(present),
                               "missing": sorted(expected - present)})
            continue
        indicator = catalog[code]
        numerator = denominator = None
        if on_target:
            first = group.sort_values("source_id").iloc[0]
            value, numerator, denominator = first["value"], first["numerator"], first["denominator"]
        elif indicator.aggregation == "sum":
            value = group["value"].sum()
        else:
            numerator, denominator = group["numerator"].sum(), group["denominator"].sum()
            value = numerator / denominator * (100.0 if indicator.unit == "percent" else 1.0)
        values.append({"unit_id": target_id, "indicator": code, "period": period, "kind": kind,
                       "value": value, "numerator": numerator, "denominator": denominator,
                       "from_units": sorted(present),
                       "source_id": ";".join(sorted(set(group["source_id"]))),
                       "method": METHOD_PUBLISHED if on_target else METHOD_REAGGREGATED})
    return Reaggregation(pd.DataFrame(values), pd.DataFrame(incomplete))
