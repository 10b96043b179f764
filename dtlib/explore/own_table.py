"""Progress and forecasts on the analyst's own table, checked first with every problem at once.

A table needs the columns `unit` (any spelling), `indicator` (a catalog code), `date` and
`value`; `kind` ('actual' or 'target') is optional. dtlib's own names (`unit_id`, `ref_date`)
work too. A missing or mistyped column is reported together with all the others in one
`ValidationError`, in the analyst's language, never one bare KeyError at a time.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from dtlib.data.datasets import Bundle, load_reference
from dtlib.data.numbers import parse_number
from dtlib.errors import DtlibError, Problem, ValidationError
from dtlib.explore.pick import pick_indicators, pick_units
from dtlib.explore.results import Assessment, Forecasts
from dtlib.i18n import check_language, t

REQUIRED: dict[str, tuple[str, ...]] = {
    "unit": ("unit", "unit_id"), "indicator": ("indicator",), "date": ("date", "ref_date"), "value": ("value",),
}
"""Each required column and the names accepted for it."""

KINDS: tuple[str, ...] = ("actual", "target")
OWN_SOURCE = "own-table"
"""Source id given to rows of a table that has no `source_id` column."""
MAX_LISTED = 20
"""Problems listed per column; the error counts the rest."""


def _where(language: str) -> str:
    return t("table_yours", language)


def check_table(frame: pd.DataFrame, bundle: Bundle | None = None, *, locale: str | None = None,
                language: str = "vi") -> pd.DataFrame:
    """The analyst's table as observation rows (unit_id, indicator, ref_date, value, kind, status).

    Raises `ValidationError` listing every missing column, or else every cell that is not a
    number, not a date, not a known unit or indicator. `locale` ('vi' or 'en') lets text figures
    such as '86,3%' be read; without it only numbers are accepted.
    """
    check_language(language)
    if not isinstance(frame, pd.DataFrame):
        raise DtlibError(t("table_not_frame", language, kind=type(frame).__name__))
    where = _where(language)
    chosen: dict[str, str] = {}
    problems: list[Problem] = []
    for column, names in REQUIRED.items():
        found = [n for n in names if n in frame.columns]
        if found:
            chosen[column] = found[0]
        else:
            problems.append(Problem(where, None, None, column, t("table_missing_column", language,
                                    names=" / ".join(names), have=", ".join(map(str, frame.columns)))))
    if problems:
        raise ValidationError(problems)
    catalog, _, units = (bundle.catalog, None, bundle.units) if bundle else load_reference()
    out = pd.DataFrame(index=frame.index)
    values, dates, unit_ids, bad = [], [], [], {"value": 0, "date": 0, "unit": 0, "indicator": 0, "kind": 0}

    def report(column: str, row: object, value: object, rule: str) -> None:
        bad[column] += 1
        if bad[column] <= MAX_LISTED:
            problems.append(Problem(where, row, chosen.get(column, column), value, rule))

    resolved: dict[str, str] = {}
    for row, raw_value, raw_date, raw_unit in zip(frame.index, frame[chosen["value"]], frame[chosen["date"]],
                                                  frame[chosen["unit"]], strict=True):
        number = None
        try:
            number = parse_number(raw_value, locale or "en").value if (
                locale or isinstance(raw_value, int | float)) and not isinstance(raw_value, bool) else None
        except DtlibError:
            number = None
        if number is None or pd.isna(number):
            report("value", row, raw_value, t("table_not_number", language))
        values.append(number)
        day = pd.to_datetime(raw_date, errors="coerce", dayfirst=isinstance(raw_date, str) and "/" in raw_date)
        if pd.isna(day):
            report("date", row, raw_date, t("table_not_date", language))
        dates.append(day)
        key = str(raw_unit)
        if key not in resolved:
            try:
                resolved[key] = pick_units(key, units)[0].id
            except DtlibError as exc:
                resolved[key] = ""
                report("unit", row, raw_unit, str(exc))
        unit_ids.append(resolved[key])
    for row, code in zip(frame.index, frame[chosen["indicator"]], strict=True):
        if str(code) not in catalog:
            report("indicator", row, code, t("table_unknown_indicator", language))
    kinds = frame["kind"] if "kind" in frame.columns else pd.Series("actual", index=frame.index)
    for row, kind in kinds.items():
        if kind not in KINDS:
            report("kind", row, kind, t("table_bad_kind", language, kinds=", ".join(KINDS)))
    for column, count in bad.items():
        if count > MAX_LISTED:
            problems.append(Problem(where, None, chosen.get(column, column), None,
                                    t("table_more", language, n=count - MAX_LISTED)))
    if problems:
        raise ValidationError(problems)
    out = out.assign(unit_id=unit_ids, indicator=frame[chosen["indicator"]].astype(str).to_numpy(),
                     ref_date=pd.to_datetime(dates), value=pd.Series(values, index=frame.index, dtype=float),
                     kind=kinds.to_numpy(), status="ok", synthetic=False, qualifier="eq",
                     source_id=frame["source_id"].astype(str).to_numpy() if "source_id" in frame.columns
                     else OWN_SOURCE)
    return out.reset_index(drop=True)


def _rows(data: Bundle | pd.DataFrame, bundle: Bundle | None, indicators, units,
          locale: str | None, language: str) -> tuple[pd.DataFrame, Bundle | None]:
    if isinstance(data, Bundle):
        bundle, obs = data, data.observations
    else:
        obs = check_table(data, bundle, locale=locale, language=language)
    reference = bundle.units if bundle else load_reference()[2]
    catalog = bundle.catalog if bundle else load_reference()[0]
    if units is not None:
        obs = obs[obs["unit_id"].isin([u.id for u in pick_units(units, reference)])]
    if indicators is not None:
        obs = obs[obs["indicator"].isin([i.code for i in pick_indicators(indicators, catalog)])]
    return obs, bundle


def _targets(bundle: Bundle | None, obs: pd.DataFrame) -> pd.DataFrame:
    from dtlib.analysis import targets_from_observations

    catalog_targets = bundle.targets if bundle else load_reference()[0].targets_frame()
    own = targets_from_observations(obs) if (obs["kind"] == "target").any() else None
    frames = [f for f in (own, catalog_targets) if f is not None and not f.empty]
    return pd.concat(frames, ignore_index=True) if frames else catalog_targets


def assess(data: Bundle | pd.DataFrame, bundle: Bundle | None = None, *,
           indicators: str | Iterable[str] | None = None, units: str | Iterable[str] | None = None,
           locale: str | None = None, language: str = "vi") -> Assessment:
    """Progress to target (UNSD method, `dtlib.analysis.assess_progress`) of a Bundle or your table.

    Targets: those of `kind='target'` rows in your table, then the catalog's (national and per
    unit). `bundle` supplies catalog and targets for a table (default: the project's catalog).
    """
    from dtlib.analysis import assess_progress

    obs, bundle = _rows(data, bundle, indicators, units, locale, language)
    catalog = bundle.catalog if bundle else load_reference()[0]
    table = assess_progress(obs, _targets(bundle, obs), catalog.frame())
    if table.empty:
        raise DtlibError(t("table_nothing_to_assess", language))
    return Assessment(table, language)


def forecast(data: Bundle | pd.DataFrame, bundle: Bundle | None = None, *,
             indicators: str | Iterable[str] | None = None, units: str | Iterable[str] | None = None,
             horizon_year: int | None = None, locale: str | None = None, language: str = "vi") -> Forecasts:
    """Forecasts to each target year (`dtlib.analysis.forecast_all`) of a Bundle or your table.

    A series with fewer than 3 dates gets no forecast and says so (`reason`): an interval from two
    points would be made up.
    """
    from dtlib.analysis import forecast_all

    obs, bundle = _rows(data, bundle, indicators, units, locale, language)
    catalog = bundle.catalog if bundle else load_reference()[0]
    table = forecast_all(obs, _targets(bundle, obs), catalog.frame(), horizon_year=horizon_year)
    if table.empty:
        raise DtlibError(t("table_nothing_to_assess", language))
    return Forecasts(table, obs, language)
