"""The sources table: every figure in dtlib points to one row here.

A source id that a dataset uses but this table lacks is a validation error, so a number can
never reach a reader without a citation. New sources arrive with a delivery (a `sources` sheet
or a companion `<name>.sources.csv`) or through `dtlib sources add`, are checked strictly (a
publication date is required) and appended to `data/sources.csv` by dtlib, never by hand. Two
facts about a figure follow from its source, here and nowhere else: whether it is synthetic
(`kind` synthetic) and when it became public (`published`, unless its row says otherwise).
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path

import pandas as pd

from dtlib import atomic
from dtlib.data.reading import DELIVERY_SOURCES_SHEET
from dtlib.errors import Problem, ValidationError

SOURCE_COLUMNS: tuple[str, ...] = (
    "source_id", "outlet", "title", "published", "author", "locator", "kind", "licence", "note",
)
SOURCE_KINDS: tuple[str, ...] = ("news", "official", "reference", "derived", "synthetic")
REQUIRED_SOURCE_FIELDS: tuple[str, ...] = (
    "source_id", "outlet", "title", "published", "locator", "kind", "licence",
)
"""What a new source must state (`author` and `note` may be empty)."""
SYNTHETIC_KIND = "synthetic"
SOURCE_ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9._-]{0,79}$")
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def load_sources(path: Path) -> pd.DataFrame:
    """Read `data/sources.csv`, checking columns, kinds and unique ids (all problems at once)."""
    file = str(path)
    try:
        frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except (OSError, UnicodeDecodeError, pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise ValidationError([Problem(file, None, None, path.name,
                                       f"cannot be read as a UTF-8 CSV of sources ({exc})")]) from None
    problems: list[Problem] = []
    for column in SOURCE_COLUMNS:
        if column not in frame.columns:
            problems.append(Problem(file, None, column, None, "column is missing"))
    if problems:
        raise ValidationError(problems)
    for index, row in frame.iterrows():
        row_no = int(index) + 2
        if not row["source_id"]:
            problems.append(Problem(file, row_no, "source_id", "", "is required"))
        if row["kind"] not in SOURCE_KINDS:
            problems.append(Problem(file, row_no, "kind", row["kind"], f"must be one of {SOURCE_KINDS}"))
        if not row["locator"]:
            problems.append(Problem(file, row_no, "locator", "", "is required (seed file or URL)"))
        if row["published"]:
            _, rule = parse_published(row["published"])
            if rule:
                problems.append(Problem(file, row_no, "published", row["published"], rule))
    duplicated = frame["source_id"][frame["source_id"].duplicated()]
    for source_id in duplicated:
        problems.append(Problem(file, None, "source_id", source_id, "is used by more than one row"))
    if problems:
        raise ValidationError(problems)
    return frame.set_index("source_id", drop=False)


def parse_published(value: object) -> tuple[date | None, str | None]:
    """A publication date from a cell (ISO text or an Excel date): `(date, None)` or `(None, rule)`."""
    if isinstance(value, datetime):
        return value.date(), None
    if isinstance(value, date):
        return value, None
    text = str(value).strip()
    if not ISO_DATE.fullmatch(text):
        return None, "is not a date; write YYYY-MM-DD (e.g. 2025-10-15)"
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None, "is not a calendar date (YYYY-MM-DD)"
    if day > date.today():
        return None, "is in the future: a figure cannot have been published yet"
    return day, None


def synthetic_source_ids(sources: pd.DataFrame) -> set[str]:
    """Ids of the sources of kind `synthetic`: every figure citing one is marked synthetic."""
    return set(sources.loc[sources["kind"] == SYNTHETIC_KIND, "source_id"])


def is_synthetic(source_ids: pd.Series, sources: pd.DataFrame) -> pd.Series:
    """The synthetic flag of each figure, from its source's kind (the one rule, see module doc)."""
    return source_ids.isin(synthetic_source_ids(sources)).astype(bool)


def source_dates(sources: pd.DataFrame) -> pd.Series:
    """`published` of each source as datetime64 (NaT where the source states no date)."""
    dates = pd.to_datetime(sources["published"].replace("", None), format="%Y-%m-%d")
    return pd.Series(dates.to_numpy(), index=sources["source_id"].to_numpy(), name="published")


def undated_sources(sources: pd.DataFrame) -> list[str]:
    """Ids of sources without a publication date: their figures cannot be placed in time."""
    return sorted(sources.loc[sources["published"].astype(str).str.strip() == "", "source_id"])


def companion_path(delivery: Path) -> Path:
    """`q1.csv` → `q1.sources.csv`, the delivery's own sources beside it."""
    return delivery.with_name(f"{delivery.stem}.sources.csv")


def read_delivery_sources(delivery: Path) -> tuple[pd.DataFrame | None, str]:
    """The sources a delivery brings (companion CSV or `sources` sheet) and their label, if any."""
    companion = companion_path(delivery)
    sheet = None
    if delivery.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        try:
            names = load_workbook(delivery, read_only=True).sheetnames
        except Exception:  # openpyxl raises several types; a broken workbook is the loader's to report
            return None, ""
        sheet = DELIVERY_SOURCES_SHEET if DELIVERY_SOURCES_SHEET in names else None
        if sheet and names[0] == sheet:
            raise ValidationError([Problem(f"{delivery}!{sheet}", None, None, sheet,
                                           "is the first sheet: put the observations on the first sheet "
                                           "and the sources on the sheet named 'sources'")])
    if sheet and companion.exists():
        raise ValidationError([Problem(str(companion), None, None, companion.name,
                                       f"and the sheet '{sheet}' of {delivery.name} both give sources; "
                                       f"keep one")])
    if sheet:
        frame = pd.read_excel(delivery, sheet_name=sheet, dtype=object, engine="openpyxl")
        frame = frame.astype(object).where(frame.notna(), "")
        return frame, f"{delivery}!{sheet}"
    if companion.exists():
        try:
            frame = pd.read_csv(companion, dtype=str, keep_default_na=False, encoding="utf-8-sig")
        except (UnicodeDecodeError, pd.errors.ParserError) as exc:
            raise ValidationError([Problem(str(companion), None, None, companion.name,
                                           f"cannot be read as CSV UTF-8: {exc}")]) from None
        return frame, str(companion)
    return None, ""


def check_new_sources(frame: pd.DataFrame, existing: pd.DataFrame, file: str,
                      first_row: int = 2) -> tuple[pd.DataFrame, list[Problem]]:
    """Validate new source rows; return the rows to append (ids not yet known) and every problem.

    A row identical to one already in `data/sources.csv` is accepted and not added twice; a row
    reusing a known id with other content is refused (the table is append-only).
    """
    frame = frame.set_axis([str(c).strip() for c in frame.columns], axis=1)
    problems = [Problem(file, None, c, None, "column is missing") for c in REQUIRED_SOURCE_FIELDS
                if c not in frame.columns]
    problems += [Problem(file, None, c, None, f"is not a source column (allowed: {', '.join(SOURCE_COLUMNS)})")
                 for c in frame.columns if c not in SOURCE_COLUMNS]
    if problems:
        return frame.iloc[0:0], problems
    rows: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for index, (_, raw) in enumerate(frame.iterrows()):
        row_no = first_row + index
        row = {c: _text(raw.get(c, "")) for c in SOURCE_COLUMNS}
        row_problems = [Problem(file, row_no, c, "", "is required for a new source")
                        for c in REQUIRED_SOURCE_FIELDS if c != "published" and not row[c]]
        if not row["published"]:
            row_problems.append(Problem(file, row_no, "published", "",
                                        "is required: the date the source was published (YYYY-MM-DD)"))
        else:
            day, rule = parse_published(raw.get("published"))
            if rule:
                row_problems.append(Problem(file, row_no, "published", row["published"], rule))
            else:
                row["published"] = day.isoformat() if day else ""
        source_id = row["source_id"]
        if source_id and not SOURCE_ID_PATTERN.fullmatch(source_id):
            row_problems.append(Problem(file, row_no, "source_id", source_id,
                                        "must be lower-case letters, digits, '.', '_' or '-' (e.g. news-bdo-2025-03)"))
        if row["kind"] and row["kind"] not in SOURCE_KINDS:
            row_problems.append(Problem(file, row_no, "kind", row["kind"], f"must be one of {SOURCE_KINDS}"))
        if source_id in seen:
            row_problems.append(Problem(file, row_no, "source_id", source_id, f"repeats row {seen[source_id]}"))
        seen.setdefault(source_id, row_no)
        known = source_id in existing.index
        if known and {c: str(existing.loc[source_id, c]) for c in SOURCE_COLUMNS} != row:
            row_problems.append(Problem(file, row_no, "source_id", source_id,
                                        "is already in data/sources.csv with other details; "
                                        "use a new id (sources are never rewritten)"))
        problems.extend(row_problems)
        if not row_problems and not known:
            rows.append(row)
    return pd.DataFrame(rows, columns=list(SOURCE_COLUMNS)), problems


def _text(value: object) -> str:
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def sources_text_with(text: str, rows: pd.DataFrame) -> str:
    """`data/sources.csv` text with `rows` appended; the existing bytes are kept as they are."""
    if rows.empty:
        return text
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in rows[list(SOURCE_COLUMNS)].itertuples(index=False):
        writer.writerow(list(row))
    if text and not text.endswith("\n"):
        text += "\n"
    return text + out.getvalue()


def add_sources(rows: pd.DataFrame, sources_file: Path, label: str = "dtlib sources add") -> pd.DataFrame:
    """Validate new source rows and append them to `sources_file` atomically; return those added.

    Raise `ValidationError` (nothing written) if any row breaks a rule of `check_new_sources`.
    """
    existing = load_sources(sources_file)
    new, problems = check_new_sources(rows, existing, label, first_row=1)
    if problems:
        raise ValidationError(problems)
    atomic.write_text(sources_file, sources_text_with(sources_file.read_text(encoding="utf-8"), new))
    return new
