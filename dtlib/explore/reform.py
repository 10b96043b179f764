"""The 2025 reform for an analyst: what a unit became, what it was made of, and its figures moved.

`reexpress` puts figures of the 63 provinces on the 34 that replaced them (through
`dtlib.data.aggregate.reaggregate`), but instead of stopping at the first figure that cannot be moved
it sorts them: moved (`values`), incomplete because a constituent has no figure for that period
(`incomplete`, with the missing units), and not movable at all (`refused`: ranks, indices,
scores, and rates published without their numerator and denominator).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dtlib.data.aggregate import Reaggregation, reaggregate
from dtlib.data.datasets import Bundle
from dtlib.data.units import REFORM_DATE, AdminUnit
from dtlib.errors import DtlibError
from dtlib.explore.pick import pick_indicators, pick_unit

REFUSED_COLUMNS: tuple[str, ...] = ("unit_id", "indicator", "period", "value", "reason")


def reform_of(bundle: Bundle, unit: str) -> dict[str, object]:
    """What the reform did to `unit` (any spelling): status, successors or former units."""
    return bundle.units.reform_story(pick_unit(unit, bundle.units).id)


def _targets(bundle: Bundle, units: str | Iterable[str] | None) -> list[AdminUnit]:
    if units is None:
        return bundle.units.existing_on(REFORM_DATE)
    from dtlib.explore.pick import as_list

    chosen: list[AdminUnit] = []
    for text in as_list(units):
        unit = pick_unit(text, bundle.units)
        for successor in bundle.units.successors(unit.id, REFORM_DATE):
            if successor.level == "province" and successor not in chosen:
                chosen.append(successor)
    return chosen


def reexpress(bundle: Bundle, indicators: str | Iterable[str], units: str | Iterable[str] | None = None, *,
              period: int | str | None = None, kind: str = "actual") -> Reaggregation:
    """Figures of the 63 provinces expressed on the 34 units (those covering `units`, or all).

    `units`: any spelling of old or new units; each is replaced by the new unit covering it, and
    every former province of that unit is used. `period`: a year or a period label.
    """
    codes = [i.code for i in pick_indicators(indicators, bundle.catalog)]
    targets = _targets(bundle, units)
    sources = {p.id for target in targets for p in bundle.units.predecessors(target.id)}
    obs = bundle.observations
    obs = obs[obs["indicator"].isin(codes) & obs["unit_id"].isin(sources) & (obs["kind"] == kind)]
    if period is not None:
        obs = obs[obs["period_end"].dt.year == period] if isinstance(period, int) else obs[obs["period"] == period]
    if obs.empty:
        names = ", ".join(t.label("vi") for t in targets[:5])
        raise DtlibError(f"no {kind} figure of {', '.join(codes)}{' for ' + str(period) if period else ''} "
                         f"for any former province of {names}")
    aggregation = obs["indicator"].map(lambda c: bundle.catalog[c].aggregation)
    no_parts = (aggregation == "ratio") & (obs["numerator"].isna() | obs["denominator"].isna())
    refused = pd.concat([obs[aggregation == "none"].assign(reason="none"), obs[no_parts].assign(reason="no_parts")])
    movable = obs[(aggregation != "none") & ~no_parts]
    if movable.empty:
        result = Reaggregation(pd.DataFrame(), pd.DataFrame())
    else:
        result = reaggregate(movable, REFORM_DATE, bundle.catalog, bundle.units)
    keep = {t.id for t in targets}
    values = result.values[result.values["unit_id"].isin(keep)] if not result.values.empty else result.values
    incomplete = result.incomplete
    if not incomplete.empty:
        incomplete = incomplete[incomplete["target_unit_id"].isin(keep)].reset_index(drop=True)
    refused = refused.reindex(columns=list(REFUSED_COLUMNS)).sort_values(["indicator", "unit_id", "period"])
    return Reaggregation(values.reset_index(drop=True), incomplete, refused.reset_index(drop=True))
