"""Pictures for exploring: a multi-unit trend chart and a choropleth of any indicator.

Both are thin: the figures come from `dtlib.explore.tidy.series`, the chart from
`dtlib.drawing.charts.units_trend_chart`, the map from `dtlib.drawing.maps.value_map`, displayed offline through
`dtlib.drawing.offline.OfflineMap` (no tiles, no CDN).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dtlib.data.datasets import Bundle
from dtlib.data.units import REFORM_DATE
from dtlib.errors import DtlibError
from dtlib.explore.pick import check_geography, pick_indicator, pick_units
from dtlib.explore.tidy import series
from dtlib.i18n import t
from dtlib.tables import format_value


def plot(bundle: Bundle, indicator: str, units: str | Iterable[str], *, geography: str | None = None,
         language: str = "vi"):
    """Trend of one indicator for one or more units, with national and the units' own targets."""
    from dtlib.drawing.charts import units_trend_chart

    code = pick_indicator(indicator, bundle.catalog)
    rows = series(bundle, code.code, units, geography=geography, language=language)
    by_unit = {label: part.dropna(subset=["value"]) for label, part in rows.groupby("unit", sort=False)}
    if all(part.empty for part in by_unit.values()):
        raise DtlibError(f"{code.code}: no figure for {', '.join(by_unit)}; nothing to plot "
                         f"(dtlib.find(..., bundle, with_data=True) lists indicators with figures)")
    ids = set(rows["unit_id"])
    targets = bundle.targets
    targets = targets[(targets["indicator"] == code.code)
                      & (targets["scope"].eq("national") | targets["scope"].isin(ids))]
    from dtlib.tables import source_label

    names = {source_id: source_label(bundle, source_id, language) for source_id in set(rows["source_id"].dropna())}
    return units_trend_chart(by_unit, code, targets, language, names)


def _shapes(geography: str, units) -> tuple[pd.DataFrame, str]:
    from dtlib.drawing import maps

    if geography == "63":
        shapes = maps.load_geo(maps.PROVINCES_2024)
        return shapes.assign(key="P63-" + shapes["gso_code"]), maps.PROVINCE_ATTRIBUTION
    shapes = maps.load_geo(maps.PROVINCES_2025)
    keys = [units.resolve(name, on=REFORM_DATE, level="province").id for name in shapes["name_vi"]]
    return shapes.assign(key=keys), maps.PROVINCES_2025_ATTRIBUTION


def map_values(bundle: Bundle, indicator: str, period: int | str | None = None, *,
               geography: str = "63") -> pd.DataFrame:
    """The figure mapped for each province of `geography`: one per unit, latest in the period.

    `period`: a year (int), a period label ('2024Q2') or None for the latest year with figures.
    """
    geography = check_geography(geography) or "63"
    code = pick_indicator(indicator, bundle.catalog).code
    obs = bundle.actuals
    provinces = {u.id for u in bundle.units.units.values() if u.level == "province"}
    obs = obs[(obs["indicator"] == code) & (obs["geography"] == geography) & obs["unit_id"].isin(provinces)]
    if obs.empty:
        raise DtlibError(f"{code} has no figure on geography {geography}")
    years = sorted(obs["period_end"].dt.year.unique().tolist())
    if period is None:
        period = years[-1]
    chosen = obs[obs["period_end"].dt.year == period] if isinstance(period, int) else obs[obs["period"] == period]
    if chosen.empty:
        raise DtlibError(f"{code} has no figure for {period} on geography {geography}; years with figures: "
                         f"{', '.join(map(str, years))}")
    chosen = chosen.sort_values(["unit_id", "ref_date", "source_id"], ascending=[True, False, True])
    return chosen.drop_duplicates("unit_id").assign(period_shown=str(period)).reset_index(drop=True)


def choropleth(bundle: Bundle, indicator: str, period: int | str | None = None, *, geography: str = "63",
               highlight: str | Iterable[str] = (), language: str = "vi", height: int = 520):
    """Map of one indicator over the provinces of `geography` ('63' or '34'), offline.

    Units in `highlight` (any spelling) are outlined. Darker is better whatever the direction.
    """
    from dtlib.drawing.maps import value_map
    from dtlib.drawing.offline import OfflineMap

    geography = check_geography(geography) or "63"
    code = pick_indicator(indicator, bundle.catalog)
    values = map_values(bundle, code.code, period, geography=geography)
    frame = pd.DataFrame({
        "key": values["unit_id"], "value": values["value"],
        "text": [format_value(v, code.unit, language, q) for v, q in zip(values["value"], values["qualifier"],
                                                                          strict=True)],
    })
    shapes, attribution = _shapes(geography, bundle.units)
    keys = tuple(u.id for u in pick_units(highlight, bundle.units, geography)) if highlight else ()
    title = f"{code.name(language)}, {values['period_shown'].iloc[0]}"
    if bool(values["synthetic"].any()):
        title += f" ({t('synthetic_mark', language)})"
    m = value_map(shapes[["key", "name_vi", "geometry"]], frame, title,
                  better_low=code.direction == "lower_better", attribution=attribution,
                  no_data=t("explore_no_figure", language), highlight_keys=keys)
    return OfflineMap(m, height=height)
