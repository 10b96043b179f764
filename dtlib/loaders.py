"""Read observation files (CSV, Excel, Parquet) in a declared locale and validate every row.

Validation is lazy: every problem in a file is collected, each naming file, row, column, value
and rule, so a data team fixes a delivery in one pass. A row with a problem is never coerced or
dropped silently: it lands in `rejects` with its problems, and strict callers raise
`ValidationError` listing them all. Row numbers are the line numbers a person sees in the file
(the header is row 1; in Parquet, record numbers from 1).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from dtlib.catalog import Catalog
from dtlib.errors import (
    AmbiguousUnitError,
    NumberFormatError,
    Problem,
    UnknownUnitError,
    ValidationError,
)
from dtlib.geography import (
    GEOGRAPHIES,
    GeographyError,
    default_group_size,
    parse_geography,
    parse_group_size,
    place,
)
from dtlib.numbers import LOCALES, parse_number
from dtlib.periods import PeriodError, parse_period
from dtlib.sources import parse_published
from dtlib.status_flags import STATUSES, parse_range, status_rule
from dtlib.units import UnitRegistry

REQUIRED_COLUMNS: tuple[str, ...] = ("unit", "indicator", "period", "value", "kind", "source_id")
OPTIONAL_COLUMNS: tuple[str, ...] = ("numerator", "denominator", "status", "note", "geography",
                                     "group_size", "published")
KINDS: tuple[str, ...] = ("actual", "target")
REQUIRED_HINTS: dict[str, str] = {
    "value": " (a rank printed without its value is a row of the rank indicator, e.g. dti_rank;"
             " see docs/architecture.md, Status)",
}

RATIO_TOLERANCE = 0.01
"""Relative gap allowed between a stated value and numerator/denominator (sources round)."""

OBSERVATION_COLUMNS: tuple[str, ...] = (
    "unit_id", "indicator", "period", "period_kind", "period_start", "period_end", "ref_date",
    "value", "numerator", "denominator", "qualifier", "kind", "source_id", "status", "value_raw",
    "note", "file", "row", "geography", "group_size", "value_low", "value_high", "published",
)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".parquet")


@dataclass
class LoadResult:
    """What came out of one file: accepted observations, rejected rows, and every problem."""

    observations: pd.DataFrame
    rejects: pd.DataFrame
    problems: list[Problem]

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def read_table(path: Path) -> tuple[pd.DataFrame, int]:
    """Read a delivery as text cells (CSV) or native cells (Excel, Parquet).

    Returns the frame and the number to add to a 0-based index to get the row a person sees.
    CSV cells stay strings so that `1.586` is never read as a float before the locale is applied.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        return frame, 2
    if suffix == ".xlsx":
        frame = pd.read_excel(path, dtype=object, engine="openpyxl")
        return frame.astype(object).where(frame.notna(), ""), 2
    if suffix == ".parquet":
        frame = pd.read_parquet(path)
        return frame.astype(object).where(frame.notna(), ""), 1
    raise ValidationError([Problem(str(path), None, None, suffix,
                                   f"is not a supported file type (use one of {SUPPORTED_SUFFIXES})")])


def _cell(row: pd.Series, column: str) -> object:
    value = row.get(column, "")
    if isinstance(value, str):
        return value.strip()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value


def _value_range_rule(unit: str, value: float) -> str | None:
    if unit == "percent" and not 0 <= value <= 100:
        return "is outside 0–100 for a percent indicator"
    if unit == "index_0_1" and not 0 <= value <= 1:
        return "is outside 0–1 for an index scaled 0–1"
    if unit == "rank" and (value < 1 or not float(value).is_integer()):
        return "is not a rank (a whole number from 1)"
    if unit in ("count", "people", "vnd", "points", "days") and value < 0:
        return f"is negative for a {unit} indicator"
    return None


class _RowChecker:
    """Validates one row at a time and remembers what it has seen (for duplicates)."""

    def __init__(self, file: str, locale: str, catalog: Catalog, source_ids: set[str],
                 units: UnitRegistry, geography: str | None = None) -> None:
        self.file, self.locale, self.catalog = file, locale, catalog
        self.geography = geography
        self.source_ids, self.units = source_ids, units
        self.seen: dict[tuple[str, str, str, str, str], int] = {}
        self.unknown_sources: dict[str, list[int]] = {}

    def check(self, row: pd.Series, row_no: int) -> tuple[dict[str, object] | None, list[Problem]]:
        problems: list[Problem] = []

        def fail(column: str, value: object, rule: str) -> None:
            problems.append(Problem(self.file, row_no, column, value, rule))

        for column in REQUIRED_COLUMNS:
            if _cell(row, column) == "":
                fail(column, "", "is required" + REQUIRED_HINTS.get(column, ""))
        status = _cell(row, "status") or "ok"
        if status not in STATUSES:
            fail("status", status, f"must be one of {STATUSES} (empty means ok)")
        published, published_rule = _row_published(_cell(row, "published"))
        if published_rule:
            fail("published", _cell(row, "published"), published_rule)
        kind = _cell(row, "kind")
        if kind and kind not in KINDS:
            fail("kind", kind, f"must be one of {KINDS}")
        source_id = _cell(row, "source_id")
        if source_id and source_id not in self.source_ids:
            self.unknown_sources.setdefault(source_id, []).append(row_no)
            fail("source_id", source_id, UNKNOWN_SOURCE_RULE)
        indicator = None
        code = _cell(row, "indicator")
        if code:
            if code in self.catalog:
                indicator = self.catalog[code]
            else:
                fail("indicator", code, "is not in the indicator catalog (data/catalog/indicators.yaml)")
        period = None
        raw_period = _cell(row, "period")
        if raw_period != "":
            try:
                period = parse_period(raw_period)
            except PeriodError as exc:
                fail("period", raw_period, str(exc).split(" ", 1)[1] if " " in str(exc) else str(exc))
        unit = geography = None
        geography_ok = True
        try:
            geography = parse_geography(_cell(row, "geography")) or self.geography
        except GeographyError as exc:
            fail("geography", _cell(row, "geography"), str(exc))
            geography_ok = False
        raw_unit = _cell(row, "unit")
        if raw_unit != "" and geography_ok:
            try:
                placed = place(raw_unit, geography, period, self.units)
                unit, geography = placed.unit, placed.geography
            except GeographyError as exc:
                fail(exc.column, raw_period if exc.column == "period" else raw_unit, str(exc))
            except (UnknownUnitError, AmbiguousUnitError) as exc:
                fail("unit", raw_unit, str(exc).replace(repr(str(raw_unit)), "").strip())

        value = numerator = denominator = low = high = None
        qualifier, raw_value = "eq", _cell(row, "value")
        if indicator is not None:
            flag_rule = status_rule(status, indicator.unit)
            if flag_rule:
                fail("status", status, flag_rule)
        if status == "unparsed":
            if raw_value == "":
                fail("value", raw_value, "must keep the source's raw text when status is unparsed")
        elif status == "range":
            if raw_value != "":
                low, high, range_rule = parse_range(
                    raw_value, self.locale,
                    (lambda v: _value_range_rule(indicator.unit, v)) if indicator else None)
                if range_rule:
                    fail("value", raw_value, range_rule)
        elif raw_value != "":
            try:
                parsed = parse_number(raw_value, self.locale)
                value, qualifier = parsed.value, parsed.qualifier
                numerator, denominator = parsed.numerator, parsed.denominator
                if parsed.percent and indicator is not None and indicator.unit != "percent":
                    fail("value", raw_value, f"has a % sign but {indicator.code} is measured in {indicator.unit}")
                if numerator is not None and indicator is not None:
                    if indicator.unit == "percent" and not parsed.percent:
                        value = 100.0 * numerator / denominator
                    elif indicator.unit != "percent":
                        fail("value", raw_value, f"is a ratio but {indicator.code} is measured in {indicator.unit}")
            except NumberFormatError as exc:
                fail("value", raw_value, exc.rule)
        for column in ("numerator", "denominator"):
            text = _cell(row, column)
            if text == "":
                continue
            try:
                number = parse_number(text, self.locale).value
            except NumberFormatError as exc:
                fail(column, text, exc.rule)
                continue
            if numerator is not None and column == "numerator" and numerator != number:
                fail(column, text, "disagrees with the ratio written in value")
            if column == "numerator":
                numerator = number
            else:
                denominator = number
        if (numerator is None) != (denominator is None):
            fail("numerator" if numerator is None else "denominator", "",
                 "is missing: give numerator and denominator together")
        elif numerator is not None and denominator is not None:
            if denominator <= 0:
                fail("denominator", denominator, "must be positive")
            elif numerator < 0:
                fail("numerator", numerator, "must not be negative")
            elif indicator is not None and indicator.unit == "percent":
                implied = 100.0 * numerator / denominator
                if value is None:
                    value = implied
                elif abs(implied - value) > RATIO_TOLERANCE * max(abs(implied), 1.0):
                    fail("value", raw_value,
                         f"disagrees with numerator/denominator ({implied:.4g} %) beyond rounding")
        if value is not None and indicator is not None:
            rule = _value_range_rule(indicator.unit, value)
            if rule:
                fail("value", raw_value, rule)
        group_size = None
        raw_group = _cell(row, "group_size")
        try:
            group_size = parse_group_size(raw_group)
        except GeographyError as exc:
            fail("group_size", raw_group, str(exc))
        is_rank = indicator is not None and indicator.unit == "rank"
        if group_size is not None and indicator is not None and not is_rank:
            fail("group_size", raw_group, f"is only for ranks, but {indicator.code} is measured in {indicator.unit}")
        elif group_size is not None and value is not None and value > group_size:
            fail("value", raw_value, f"is a rank beyond its group of {group_size} (column group_size)")
        if group_size is None and is_rank and unit is not None and geography is not None:
            group_size = default_group_size(unit, geography, self.units)
            if unit.level == "province" and value is not None and group_size is not None and value > group_size:
                fail("value", raw_value, f"is a rank beyond the {group_size} units of geography {geography}; "
                     "state the geography or the group_size it was ranked in")

        if unit is not None and code and period is not None and kind and source_id:
            key = (unit.id, code, period.label, kind, source_id)
            if key in self.seen:
                fail("period", raw_period,
                     f"duplicates row {self.seen[key]} (same unit, indicator, period, kind and source)")
            else:
                self.seen[key] = row_no
        if problems:
            return None, problems
        assert unit is not None and period is not None
        ref_date = period.end
        if unit.valid_to is not None and ref_date >= unit.valid_to:
            ref_date = unit.valid_to - timedelta(days=1)
        return {
            "unit_id": unit.id, "indicator": code, "period": period.label,
            "period_kind": period.kind, "period_start": period.start, "period_end": period.end,
            "ref_date": ref_date, "value": value, "numerator": numerator, "denominator": denominator,
            "qualifier": qualifier, "kind": kind, "source_id": source_id, "status": status,
            "value_raw": str(raw_value), "note": str(_cell(row, "note")), "file": self.file,
            "row": row_no, "geography": geography, "group_size": group_size,
            "value_low": low, "value_high": high, "published": published,
        }, problems


def validate_frame(frame: pd.DataFrame, *, file: str, locale: str, catalog: Catalog,
                   source_ids: set[str], units: UnitRegistry, first_row: int = 2,
                   geography: str | None = None) -> LoadResult:
    """Validate an already-read table of observations (see module docstring).

    `geography` is the file's default (`63`/`34`, from data/datasets.yaml); a row's own
    `geography` cell overrides it (rule: `dtlib.geography`)."""
    problems: list[Problem] = []
    if locale not in LOCALES:
        problems.append(Problem(file, None, None, locale, f"is not a supported locale {LOCALES}"))
    if geography is not None and geography not in GEOGRAPHIES:
        problems.append(Problem(file, None, "geography", geography,
                                f"is not a geography {GEOGRAPHIES} (file default)"))
    columns = [str(c).strip() for c in frame.columns]
    frame = frame.set_axis(columns, axis=1)
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            problems.append(Problem(file, None, column, None, "column is missing"))
    allowed = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    for column in columns:
        if column not in allowed:
            problems.append(Problem(file, None, column, None,
                                    f"is not an observation column (allowed: {', '.join(allowed)})"))
    if problems:
        rejects = frame.assign(row=range(first_row, first_row + len(frame)),
                               problems="file-level problem")
        return LoadResult(_empty_observations(), rejects, problems)
    checker = _RowChecker(file, locale, catalog, source_ids, units, geography)
    accepted: list[dict[str, object]] = []
    rejected: list[dict[str, object]] = []
    for index, (_, row) in enumerate(frame.iterrows()):
        row_no = first_row + index
        record, row_problems = checker.check(row, row_no)
        if record is None:
            rejected.append({**row.to_dict(), "row": row_no,
                             "problems": "; ".join(f"{p.column}: {p.value!r} {p.rule}" for p in row_problems)})
            problems.extend(row_problems)
        else:
            accepted.append(record)
    problems = _unknown_sources_once(problems, checker.unknown_sources, file)
    observations = pd.DataFrame(accepted, columns=list(OBSERVATION_COLUMNS))
    observations = _typed(observations)
    rejects = pd.DataFrame(rejected, columns=[*columns, "row", "problems"])
    return LoadResult(observations, rejects, problems)


def _empty_observations() -> pd.DataFrame:
    return _typed(pd.DataFrame(columns=list(OBSERVATION_COLUMNS)))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Give the observation columns stable dtypes (dates as datetime64, numbers as float)."""
    out = frame.copy()
    for column in ("period_start", "period_end", "ref_date", "published"):
        out[column] = pd.to_datetime(out[column])
    for column in ("value", "numerator", "denominator", "value_low", "value_high"):
        out[column] = pd.to_numeric(out[column]).astype("float64")
    out["row"] = pd.to_numeric(out["row"]).astype("int64")
    out["geography"] = out["geography"].astype("string")
    out["group_size"] = pd.to_numeric(out["group_size"]).astype("Int64")
    return out


# --- publication dates, unknown sources (docs/architecture.md) ----------------------------------

UNKNOWN_SOURCE_RULE = "is not in data/sources.csv (add the source first)"


def _row_published(text: object) -> tuple[date | None, str | None]:
    """A row's own publication date (it overrides its source's); empty means the source's."""
    if text == "":
        return None, None
    return parse_published(text)


def _unknown_sources_once(problems: list[Problem], unknown: dict[str, list[int]], file: str) -> list[Problem]:
    """One problem per unknown source id, listing its rows, instead of one per row."""
    if not unknown:
        return problems
    kept = [p for p in problems if not (p.column == "source_id" and p.rule == UNKNOWN_SOURCE_RULE)]
    for source_id, rows in unknown.items():
        shown = ", ".join(str(r) for r in rows[:20]) + (f" … ({len(rows)} rows)" if len(rows) > 20 else "")
        kept.append(Problem(file, rows[0], "source_id", source_id,
                            f"is not in data/sources.csv (rows {shown}); add the source with the "
                            f"delivery (a sources sheet or <name>.sources.csv) or `dtlib sources add`"))
    return kept


def load_observation_file(path: Path, *, locale: str, catalog: Catalog, source_ids: set[str],
                          units: UnitRegistry, label: str | None = None,
                          geography: str | None = None) -> LoadResult:
    """Read and validate one observation file (CSV, .xlsx or Parquet)."""
    file = label or str(path)
    if not path.exists():
        problem = Problem(file, None, None, str(path), "does not exist")
        return LoadResult(_empty_observations(), pd.DataFrame(), [problem])
    try:
        frame, first_row = read_table(path)
    except ValidationError as exc:
        return LoadResult(_empty_observations(), pd.DataFrame(), exc.problems)
    except (ValueError, OSError) as exc:
        problem = Problem(file, None, None, path.name, f"cannot be read: {exc}")
        return LoadResult(_empty_observations(), pd.DataFrame(), [problem])
    return validate_frame(frame, file=file, locale=locale, catalog=catalog, source_ids=source_ids,
                          units=units, first_row=first_row, geography=geography)


def latest_date(frame: pd.DataFrame) -> date | None:
    """The latest reference date in an observation frame."""
    if frame.empty:
        return None
    return pd.Timestamp(frame["ref_date"].max()).date()
