"""Validate every row of an observation file (CSV, Excel, Parquet) in its declared locale.

Validation is lazy: every problem in a file is collected, each naming file, row (or sheet!cell),
column, value and rule, so a data team fixes a delivery in one pass. A row with a problem is never
coerced or dropped silently: it lands in `rejects` with its problems, and strict callers raise
`ValidationError` listing them all. Row numbers are the physical lines a person sees in the file
(blank lines and title lines counted), the sheet row in Excel, the record number in Parquet.
Reading the file (encoding, delimiter, header row, sheet, cell types) is `dtlib.data.reading`'s job.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pandas as pd

from dtlib.data.catalog import Catalog
from dtlib.data.geography import (
    GEOGRAPHIES,
    GeographyError,
    default_group_size,
    parse_geography,
    parse_group_size,
    place,
)
from dtlib.data.numbers import LOCALES, ParsedNumber, format_number, parse_number
from dtlib.data.periods import PeriodError, parse_period
from dtlib.data.reading import Table, build_table, clean_text, read_cells
from dtlib.data.sources import parse_published
from dtlib.data.status_flags import STATUSES, Rule, parse_range, status_rule
from dtlib.data.units import UnitRegistry
from dtlib.errors import (
    AmbiguousUnitError,
    NumberFormatError,
    Problem,
    UnknownUnitError,
    ValidationError,
)

REQUIRED_COLUMNS: tuple[str, ...] = ("unit", "indicator", "period", "value", "kind", "source_id")
OPTIONAL_COLUMNS: tuple[str, ...] = ("numerator", "denominator", "status", "note", "published", "geography",
                                     "group_size")
KINDS: tuple[str, ...] = ("actual", "target")
REQUIRED_RULES: dict[str, str] = {"value": "required_value"}
"""Required columns whose emptiness has a more specific rule than `required` (rank-only rows)."""
WHOLE_UNITS: tuple[str, ...] = ("count", "people", "rank")
"""Catalog units whose figures are whole numbers (1,586 stations is a typing slip, not a count)."""

ROUNDING_SLACK = 1.1
"""A printed value may differ from numerator/denominator by half a unit of its last printed digit,
times this slack: sources often round twice (84,0487 → 84,05 → 84,1)."""

OBSERVATION_COLUMNS: tuple[str, ...] = (
    "unit_id", "indicator", "period", "period_kind", "period_start", "period_end", "ref_date",
    "value", "numerator", "denominator", "qualifier", "kind", "source_id", "status", "value_raw",
    "note", "file", "row", "value_low", "value_high", "published", "geography", "group_size",
)

SUPPORTED_SUFFIXES: tuple[str, ...] = (".csv", ".xlsx", ".parquet")


@dataclass
class LoadResult:
    """What came out of one file: accepted observations, rejected rows, and every problem.

    `header_row` and `sheet` say where the header was found (title lines above it are skipped).
    """

    observations: pd.DataFrame
    rejects: pd.DataFrame
    problems: list[Problem]
    header_row: int | None = None
    sheet: str | None = None

    @property
    def ok(self) -> bool:
        return not self.problems

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ValidationError(self.problems)


def read_table(path: Path, sheet: str | None = None) -> Table:
    """The delivery as a header and typed cells (see `dtlib.data.reading.read_cells`)."""
    return read_cells(path, str(path), sheet)


def _cell(row: dict[str, object], column: str) -> object:
    value = row.get(column, "")
    if isinstance(value, str):
        return value.strip()
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return ""
    return value


def unit_code_text(raw: object) -> str:
    """A unit cell as text, codes compared as codes: `72.0`, `72,0` and 72.0 are 72, never 720."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, Decimal) and raw.is_finite() and raw == raw.to_integral_value():
        return str(int(raw))
    text = str(raw).strip()
    match = re.fullmatch(r"(\d+)[.,]0+", text)
    return match.group(1) if match else text


def _value_range_rule(unit: str, value: float) -> str | None:
    """The rule key when `value` is impossible for the catalog unit."""
    if unit == "percent" and not 0 <= value <= 100:
        return "value_percent_range"
    if unit == "index_0_1" and not 0 <= value <= 1:
        return "value_index_range"
    if unit == "rank" and (value < 1 or not float(value).is_integer()):
        return "value_rank"
    if unit in ("count", "people", "vnd", "points", "days") and value < 0:
        return "value_negative"
    if unit in WHOLE_UNITS and not float(value).is_integer():
        return "value_whole"
    return None


def _range_end_rule(unit: str, value: float) -> Rule | None:
    """The rule an end of a range breaks (the range's own message quotes it)."""
    key = _value_range_rule(unit, value)
    return (key, {"unit": unit, "fixed": ""}) if key else None


def _unit_rule(exc: Exception, raw_unit: str) -> tuple[str, dict[str, object]]:
    """(key, params) for a unit that does not resolve, from the resolver's own message."""
    detail = str(exc).replace(repr(str(raw_unit)), "").replace(" ;", ";").strip()
    if isinstance(exc, AmbiguousUnitError):
        listing = detail.split("matches several units: ", 1)[-1].rsplit("; ", 1)[0]
        return "unit_ambiguous", {"listing": listing}
    hint = detail.split("did you mean ", 1)[1].rstrip("?") if "did you mean " in detail else ""
    return "unit_unknown", {"hint": hint}


def _printed_decimals(parsed) -> int:
    return parsed.decimals if parsed.decimals is not None else 0


class _RowChecker:
    """Validates one row at a time and remembers what it has seen (for duplicates)."""

    def __init__(self, file: str, locale: str, catalog: Catalog, source_ids: set[str],
                 units: UnitRegistry, sheet: str | None = None, letters: dict[str, str] | None = None,
                 geography: str | None = None) -> None:
        self.file, self.locale, self.catalog = file, locale, catalog
        self.source_ids, self.units = source_ids, units
        self.sheet, self.letters = sheet, letters or {}
        self.geography = geography
        self.seen: dict[tuple[str, str, str, str, str], int] = {}
        self.unknown_sources: dict[str, list[int]] = {}

    def _where(self, column: str, row_no: int) -> str | None:
        if self.sheet is None or column not in self.letters:
            return None
        return f"{self.sheet}!{self.letters[column]}{row_no}"

    def check(self, row: dict[str, object], row_no: int) -> tuple[dict[str, object] | None, list[Problem]]:
        problems: list[Problem] = []

        def fail(column: str, value: object, key: str, **params: object) -> None:
            if isinstance(value, ParsedNumber):
                value = value.raw
            elif isinstance(value, date):
                value = value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
            problems.append(Problem.of(self.file, row_no, column, value, key, cell=self._where(column, row_no),
                                       **params))

        for column in REQUIRED_COLUMNS:
            if _cell(row, column) == "":
                fail(column, "", REQUIRED_RULES.get(column, "required"))
        status = str(_cell(row, "status")) or "ok"
        if status not in STATUSES:
            fail("status", status, "status_values", allowed=", ".join(STATUSES))
        published, published_rule = _row_published(_cell(row, "published"))
        if published_rule:
            fail("published", _cell(row, "published"), published_rule)
        kind = str(_cell(row, "kind"))
        if kind and kind not in KINDS:
            fail("kind", kind, "kind_values", allowed=", ".join(KINDS))
        source_id = str(_cell(row, "source_id"))
        if source_id and source_id not in self.source_ids:
            self.unknown_sources.setdefault(source_id, []).append(row_no)
            fail("source_id", source_id, "source_unknown")
        indicator = None
        code = str(_cell(row, "indicator"))
        if code:
            if code in self.catalog:
                indicator = self.catalog[code]
            else:
                close = difflib.get_close_matches(code, list(self.catalog.indicators), n=3, cutoff=0.6)
                fail("indicator", code, "indicator_unknown", hint=", ".join(close))
        period = None
        raw_period = _cell(row, "period")
        if raw_period != "":
            try:
                period = parse_period(raw_period)
            except PeriodError as exc:
                fail("period", raw_period, exc.key, **exc.params)
        unit = geography = None
        geography_ok = True
        try:
            geography = parse_geography(unit_code_text(_cell(row, "geography"))) or self.geography
        except GeographyError as exc:
            fail("geography", _cell(row, "geography"), exc.key, **exc.params)
            geography_ok = False
        raw_unit = unit_code_text(_cell(row, "unit"))
        if raw_unit != "" and geography_ok:
            try:
                placed = place(raw_unit, geography, period, self.units)
                unit, geography = placed.unit, placed.geography
            except GeographyError as exc:
                fail(exc.column, raw_period if exc.column == "period" else raw_unit, exc.key, **exc.params)
            except (UnknownUnitError, AmbiguousUnitError) as exc:
                key, params = _unit_rule(exc, raw_unit)
                fail("unit", raw_unit, key, **params)

        value = numerator = denominator = low = high = None
        qualifier, raw_value = "eq", _cell(row, "value")
        parsed = None
        if indicator is not None:
            flag_rule = status_rule(status, indicator.unit)
            if flag_rule:
                fail("status", status, flag_rule[0], **flag_rule[1])
        if status == "unparsed":
            if raw_value == "":
                fail("value", raw_value, "unparsed_raw")
        elif status == "range":
            if raw_value != "":
                low, high, range_rule = parse_range(
                    str(raw_value), self.locale,
                    (lambda v: _range_end_rule(indicator.unit, v)) if indicator else None)
                if range_rule:
                    fail("value", raw_value, range_rule[0], **range_rule[1])
        elif raw_value != "":
            try:
                parsed = parse_number(raw_value, self.locale)
            except NumberFormatError as exc:
                fail("value", raw_value, exc.key, **exc.params)
        if parsed is not None:
            value, qualifier = parsed.value, parsed.qualifier
            numerator, denominator = parsed.numerator, parsed.denominator
            if parsed.percent and indicator is not None and indicator.unit != "percent":
                fail("value", raw_value, "value_percent_sign", code=indicator.code, unit=indicator.unit)
            if numerator is not None and indicator is not None:
                if indicator.unit == "percent" and not parsed.percent:
                    value = 100.0 * numerator / denominator
                elif indicator.unit != "percent":
                    fail("value", raw_value, "value_ratio_unit", code=indicator.code, unit=indicator.unit)
        for column in ("numerator", "denominator"):
            text = _cell(row, column)
            if text == "":
                continue
            try:
                number = parse_number(text, self.locale).value
            except NumberFormatError as exc:
                fail(column, text, exc.key, **exc.params)
                continue
            stated = numerator if column == "numerator" else denominator
            if parsed is not None and parsed.numerator is not None and stated != number:
                fail(column, text, "ratio_column_disagrees")
            if column == "numerator":
                numerator = number
            else:
                denominator = number
        if (numerator is None) != (denominator is None):
            fail("numerator" if numerator is None else "denominator", "", "ratio_pair")
        elif numerator is not None and denominator is not None:
            if denominator <= 0:
                fail("denominator", denominator, "denominator_positive")
            elif numerator < 0:
                fail("numerator", numerator, "numerator_negative")
            elif indicator is not None and indicator.unit == "percent":
                implied = 100.0 * numerator / denominator
                if value is None:
                    value = implied
                elif parsed is not None and parsed.numerator is None:
                    decimals = _printed_decimals(parsed)
                    if abs(implied - value) > ROUNDING_SLACK * 0.5 * 10.0 ** -decimals + 1e-9:
                        fail("value", raw_value, "ratio_precision", decimals=decimals,
                             implied={lang: format_number(implied, lang, decimals + 2) for lang in LOCALES},
                             rounded={lang: f"{implied:.{decimals}f}".replace(".", "," if lang == "vi" else ".")
                                      for lang in LOCALES})
        if value is not None and indicator is not None:
            key = _value_range_rule(indicator.unit, value)
            if key == "value_whole" and self.locale == "vi" and re.fullmatch(r"\d{1,3},\d{3}", str(raw_value)):
                key = "value_whole_en_style"
            if key:
                fail("value", raw_value, key, unit=indicator.unit, fixed=str(raw_value).replace(",", "."))
        group_size = None
        raw_group = unit_code_text(_cell(row, "group_size"))
        try:
            group_size = parse_group_size(raw_group)
        except GeographyError as exc:
            fail("group_size", raw_group, exc.key, **exc.params)
        is_rank = indicator is not None and indicator.unit == "rank"
        if group_size is not None and indicator is not None and not is_rank:
            fail("group_size", raw_group, "group_size_not_rank", code=indicator.code, unit=indicator.unit)
        elif group_size is not None and value is not None and value > group_size:
            fail("value", raw_value, "rank_beyond_group", n=group_size)
        if group_size is None and is_rank and unit is not None and geography is not None:
            group_size = default_group_size(unit, geography, self.units)
            if unit.level == "province" and value is not None and group_size is not None and value > group_size:
                fail("value", raw_value, "rank_beyond_geography", n=group_size, geography=geography)

        if unit is not None and code and period is not None and kind and source_id:
            key = (unit.id, code, period.label, kind, source_id)
            if key in self.seen:
                fail("period", raw_period, "duplicate_row", other=self.seen[key])
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
            "value_raw": parsed.raw if parsed is not None and parsed.raw else str(raw_value),
            "note": str(_cell(row, "note")), "file": self.file, "row": row_no,
            "value_low": low, "value_high": high, "published": published,
            "geography": geography, "group_size": group_size,
        }, problems


def _column_problems(table: Table, file: str) -> list[Problem]:
    """Missing and unknown columns, naming the header row found and what was expected."""
    problems: list[Problem] = []
    header_row = table.header_row or None
    for column in REQUIRED_COLUMNS:
        if column not in table.columns:
            problems.append(Problem.of(
                file, header_row, column, None, "column_missing" if header_row else "column_missing_parquet",
                header_row=header_row, found=", ".join(table.columns) or "–",
                expected=", ".join(REQUIRED_COLUMNS)))
    allowed = REQUIRED_COLUMNS + OPTIONAL_COLUMNS
    for column in table.columns:
        if column not in allowed:
            close = difflib.get_close_matches(column.lower(), allowed, n=1, cutoff=0.6)
            problems.append(Problem.of(
                file, header_row, column, None, "column_unknown",
                cell=f"{table.sheet}!{table.letters[column]}{table.header_row}" if table.sheet else None,
                allowed=", ".join(allowed), hint=close[0] if close else ""))
    return problems


def validate_table(table: Table, *, file: str, locale: str, catalog: Catalog, source_ids: set[str],
                   units: UnitRegistry, geography: str | None = None) -> LoadResult:
    """Validate a table read by `dtlib.data.reading` (see module docstring).

    `geography` is the file's default (`63`/`34`, from data/datasets.yaml); a row's own
    `geography` cell overrides it (rule: `dtlib.data.geography`)."""
    problems: list[Problem] = []
    if locale not in LOCALES:
        problems.append(Problem.of(file, None, None, locale, "locale", locales=", ".join(LOCALES)))
    if geography is not None and geography not in GEOGRAPHIES:
        problems.append(Problem(file, None, "geography", geography,
                                f"is not a geography {GEOGRAPHIES} (file default)"))
    problems += _column_problems(table, file)
    ragged = {p.row for p in table.problems if p.key == "ragged_row"}
    file_level = [p for p in table.problems if p.key != "ragged_row"]
    problems += file_level
    columns = list(table.columns)
    if problems:
        rejects = pd.DataFrame(table.rows, columns=columns, dtype=object).assign(
            row=table.row_numbers, problems="file-level problem")
        row_problems = [p for p in table.problems if p.key == "ragged_row"]
        return LoadResult(_empty_observations(), rejects, [*problems, *row_problems], table.header_row, table.sheet)
    checker = _RowChecker(file, locale, catalog, source_ids, units, table.sheet, table.letters, geography)
    accepted: list[dict[str, object]] = []
    rejected: list[dict[str, object]] = []
    for row_no, cells in zip(table.row_numbers, table.rows, strict=True):
        row = dict(zip(columns, cells, strict=True))
        if row_no in ragged:
            row_problems = [p for p in table.problems if p.key == "ragged_row" and p.row == row_no]
        else:
            record, row_problems = checker.check(row, row_no)
            if record is not None:
                accepted.append(record)
                continue
        rejected.append({**row, "row": row_no,
                         "problems": "; ".join(f"{p.column}: {p.value!r} {p.rule}" for p in row_problems)})
        problems.extend(row_problems)
    problems = _unknown_sources_once(problems, checker.unknown_sources, file)
    observations = _typed(pd.DataFrame(accepted, columns=list(OBSERVATION_COLUMNS)))
    rejects = pd.DataFrame(rejected, columns=[*columns, "row", "problems"])
    return LoadResult(observations, rejects, problems, table.header_row, table.sheet)


def validate_frame(frame: pd.DataFrame, *, file: str, locale: str, catalog: Catalog,
                   source_ids: set[str], units: UnitRegistry, first_row: int = 2,
                   geography: str | None = None) -> LoadResult:
    """Validate an already-read table of observations; row `first_row` is the frame's first."""
    body = [(first_row + i, [clean_text(v) if isinstance(v, str) else ("" if v is None or v is pd.NA else v)
                             for v in record])
            for i, record in enumerate(frame.astype(object).itertuples(index=False, name=None))]
    table = build_table(file, [str(c) for c in frame.columns], body, first_row - 1)
    return validate_table(table, file=file, locale=locale, catalog=catalog, source_ids=source_ids,
                          units=units, geography=geography)


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

def _row_published(text: object) -> tuple[date | None, str | None]:
    """A row's own publication date (it overrides its source's); empty means the source's."""
    if text == "":
        return None, None
    if isinstance(text, datetime):
        return text.date(), None
    if isinstance(text, date):
        return text, None
    return parse_published(text)


def _unknown_sources_once(problems: list[Problem], unknown: dict[str, list[int]], file: str) -> list[Problem]:
    """One problem per unknown source id, listing its rows, instead of one per row."""
    if not unknown:
        return problems
    kept = [p for p in problems if not (p.column == "source_id" and p.key == "source_unknown")]
    for source_id, rows in unknown.items():
        shown = ", ".join(str(r) for r in rows[:20]) + (f" … ({len(rows)} rows)" if len(rows) > 20 else "")
        kept.append(Problem.of(file, rows[0], "source_id", source_id, "source_unknown_rows", rows=shown))
    return kept


def load_observation_file(path: Path, *, locale: str, catalog: Catalog, source_ids: set[str],
                          units: UnitRegistry, label: str | None = None,
                          sheet: str | None = None, geography: str | None = None) -> LoadResult:
    """Read and validate one observation file (CSV, .xlsx or Parquet; `sheet` for a workbook)."""
    file = label or str(path)
    if not path.exists():
        problem = Problem.of(file, None, None, str(path), "file_missing")
        return LoadResult(_empty_observations(), pd.DataFrame(), [problem])
    try:
        table = read_cells(path, file, sheet)
    except ValidationError as exc:
        return LoadResult(_empty_observations(), pd.DataFrame(), exc.problems)
    except (ValueError, OSError) as exc:
        problem = Problem.of(file, None, None, path.name, "file_unreadable", error=str(exc))
        return LoadResult(_empty_observations(), pd.DataFrame(), [problem])
    return validate_table(table, file=file, locale=locale, catalog=catalog, source_ids=source_ids,
                          units=units, geography=geography)


def latest_date(frame: pd.DataFrame) -> date | None:
    """The latest reference date in an observation frame."""
    if frame.empty:
        return None
    return pd.Timestamp(frame["ref_date"].max()).date()
