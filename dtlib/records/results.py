"""From per-unit sums to indicator values, points, bands and the observations format.

Works on the small frame of sums the engine returns (one row per commune/district/province
and period), with pandas: rolling up is adding counts, so province figures are exact sums of
their parts, and units reorganised on 1 July 2025 are summed into their successors here.
Nothing here reads files.
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from dtlib.records.definitions import (
    COMPUTABLE_POINTS,
    COUNT_COLUMNS,
    INDICATORS,
    POINTS_CODE,
    POINTS_SHARE_CODE,
    SECONDS_PER_DAY,
    VERSIONS,
    Options,
    indicator_points,
    rating_band,
)
from dtlib.records.unitmap import reporting_unit

SYNTHETIC_SOURCE_ID = "synthetic-records"
SYNTHETIC_NOTE = "SYNTHETIC"
OBSERVATION_COLUMNS = (
    "unit", "indicator", "period", "value", "numerator", "denominator", "kind", "source_id",
    "status", "note",
)
VALUE_DECIMALS = 4


def roll_up(sums: pd.DataFrame, periods: pd.DataFrame) -> pd.DataFrame:
    """Sums per reporting unit id and period, at province, district and commune level."""
    parts = []
    for level, key in (("province", "province_code"), ("district", "district_code"),
                       ("commune", "commune_code")):
        part = sums[sums[key].notna()].groupby([key, "period"], as_index=False)[
            list(COUNT_COLUMNS)].sum()
        parts.append(part.rename(columns={key: "code"}).assign(level=level))
    frame = pd.concat(parts, ignore_index=True).merge(
        periods[["period", "period_kind", "p_end", "version"]], on="period", how="left"
    )
    keys = {}
    for level, code, p_end in frame[["level", "code", "p_end"]].drop_duplicates().itertuples(
        index=False
    ):
        keys[(level, code, p_end)] = reporting_unit(level, str(code), last_day(p_end))
    mapped = [keys[k] for k in zip(frame.level, frame.code, frame.p_end, strict=True)]
    frame["unit"] = [m[0] if m else None for m in mapped]
    frame["unit_note"] = [m[1] if m else "" for m in mapped]
    frame = frame[frame.unit.notna()]
    notes = frame.groupby(["unit", "period"]).unit_note.agg(
        lambda s: "; ".join(sorted({n for n in s if n}))
    )
    out = frame.groupby(["level", "unit", "period", "period_kind", "version"], as_index=False)[
        list(COUNT_COLUMNS)].sum()
    return out.merge(notes.rename("unit_note").reset_index(), on=["unit", "period"])


def indicator_values(
    rolled: pd.DataFrame, options: Options, synthetic: bool
) -> pd.DataFrame:
    """Long frame: one row per unit, period and indicator (ratios, then points and band)."""
    versions = {v.id: v for v in VERSIONS}
    rows = []
    for rec in rolled.to_dict("records"):
        version = versions[rec["version"]]
        base = {
            "unit": rec["unit"], "unit_level": rec["level"], "period": rec["period"],
            "period_kind": rec["period_kind"], "definition_version": version.id,
            "options": options.describe(), "synthetic": synthetic, "unit_note": rec["unit_note"],
        }
        earned = 0.0
        for ind in INDICATORS:
            num = float(rec[ind.numerator])
            den = float(rec[ind.denominator]) if ind.denominator else None
            points = None
            if ind.unit == "count":
                value, num = num, None
            elif not den:
                value = None
            elif ind.unit == "days":
                num = num / SECONDS_PER_DAY
                value = num / den
            else:
                value = 100.0 * num / den
            if ind.points and den:
                points = indicator_points(ind, num / den, version, options)
                earned += points
            elif ind.points:
                earned = float("nan")  # no dossiers for a scored indicator: no score
            rows.append({**base, "indicator": ind.code, "value": value, "numerator": num,
                         "denominator": den, "points": points, "band": None})
        share = 100.0 * earned / COMPUTABLE_POINTS
        ok = earned == earned
        rows.append({**base, "indicator": POINTS_CODE, "value": earned if ok else None,
                     "numerator": None, "denominator": None, "points": None, "band": None})
        rows.append({**base, "indicator": POINTS_SHARE_CODE, "value": share if ok else None,
                     "numerator": None, "denominator": None, "points": None,
                     "band": rating_band(share) if ok else None})
    return pd.DataFrame(rows)


def to_observations(values: pd.DataFrame, source_id: str | None) -> pd.DataFrame:
    """The long observations format of docs/architecture.md (locale en), synthetic-marked.

    Cells without a denominator (no dossier of that kind in the unit and period) have no value
    and are left out; `dtlib records` prints how many.
    """
    v = values[values.value.notna()].copy()
    notes = []
    for rec in v.itertuples(index=False):
        parts = [SYNTHETIC_NOTE] if rec.synthetic else []
        parts.append(f"method {rec.definition_version}")
        if isinstance(rec.band, str):
            parts.append(f"indicative band {rec.band} on {COMPUTABLE_POINTS:g} computable points")
        if rec.unit_note:
            parts.append(rec.unit_note)
        notes.append("; ".join(parts))
    src = source_id or (SYNTHETIC_SOURCE_ID if values.synthetic.any() else "records")
    return pd.DataFrame({
        "unit": v.unit, "indicator": v.indicator, "period": v.period,
        "value": v.value.round(VALUE_DECIMALS),
        "numerator": v.numerator.round(VALUE_DECIMALS),
        "denominator": v.denominator,
        "kind": "actual", "source_id": src, "status": "ok", "note": notes,
    }).reset_index(drop=True)


def last_day(p_end: pd.Timestamp) -> date:
    """The period's last day from its exclusive end."""
    return (pd.Timestamp(p_end) - pd.Timedelta(days=1)).date()
