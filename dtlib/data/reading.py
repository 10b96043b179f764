"""Turn a delivery file into a header and rows of cells, before any rule is checked.

Provincial offices send whatever their spreadsheet saved: UTF-8 with or without a BOM, UTF-16
("Unicode text"), legacy Vietnamese code pages, `,` `;` or tab as delimiter, a title line above
the header, two-level or merged headers, several sheets, percent-formatted Excel cells. This
module finds the header row, keeps each cell's type (an Excel number is never re-read as vi
text) and the physical row a person sees, and refuses what it cannot read without guessing,
naming the fix. Validation of the values is `dtlib.data.loaders`' job.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from dtlib.data.numbers import INVISIBLE, ParsedNumber
from dtlib.errors import Problem, ValidationError

KNOWN_COLUMNS: tuple[str, ...] = (
    "unit", "indicator", "period", "value", "kind", "source_id", "numerator", "denominator", "status",
    "note",
)
"""Every column an observation file may have (`dtlib.data.loaders` says which are required)."""

HEADER_SEARCH_ROWS = 20
"""How far down the header row is looked for (title lines above it are skipped)."""

DELIMITERS: tuple[str, ...] = (",", ";", "\t")
SNIFF_CHARS = 65536
"""The delimiter is chosen on the file's start (the header is in its first rows)."""
ZERO_WIDTH = dict.fromkeys(map(ord, INVISIBLE))
"""Removed from every text cell (see `dtlib.data.numbers.INVISIBLE`)."""


@dataclass
class Table:
    """A header and its rows, each cell as read (str, float, int, date, ParsedNumber…)."""

    columns: list[str]
    rows: list[list[object]]
    row_numbers: list[int]
    header_row: int
    sheet: str | None = None
    letters: dict[str, str] = field(default_factory=dict)
    """Excel column letter of each column (for `Sheet1!D17` in messages)."""
    encoding: str | None = None
    delimiter: str | None = None
    problems: list[Problem] = field(default_factory=list)
    """File-level problems (duplicate headers, data under an empty header, ragged rows)."""


def clean_text(text: str) -> str:
    """NFC, invisible characters removed, outer spaces (NBSP, thin space) trimmed.

    Inner NBSP and thin spaces stay: between digits they are group separators (`1 586`),
    which `dtlib.data.numbers.parse_number` reads; elsewhere they split words like a space.
    """
    return unicodedata.normalize("NFC", text).translate(ZERO_WIDTH).strip()


def visible(value: object) -> str:
    """`repr` with invisible characters spelled out, so `'unit\\u200b'` does not look like `'unit'`."""
    text = repr(value)
    if len(text) > 120:
        text = text[:117] + "…" + text[0]
    return "".join(c if c == " " or unicodedata.category(c)[0] not in "CZ" else f"\\u{ord(c):04x}"
                   for c in text)


def _header_key(cell: object) -> str:
    return clean_text(str(cell)).lower() if cell is not None else ""


def _find_header(rows: list[list[object]]) -> int | None:
    """Index of the first row with the most known column names (at least two)."""
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = len({_header_key(c) for c in row} & set(KNOWN_COLUMNS))
        if score > best_score:
            best, best_score = index, score
    return best


def _column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def build_table(file: str, header: list[object], body: list[tuple[int, list[object]]], header_row: int,
           sheet: str | None = None) -> Table:
    """Name the columns, drop empty trailing columns, report duplicates and ragged rows."""
    problems: list[Problem] = []
    names = [clean_text(str(c)) if c is not None else "" for c in header]
    width = len(names)
    for row_no, cells in body:
        extra = [c for c in cells[width:] if c not in (None, "")]
        if extra or (sheet is None and len(cells) > width):
            where = f"{sheet}!{_column_letter(width)}{row_no}" if sheet else None
            problems.append(Problem.of(
                file, row_no, None, extra[0] if sheet and extra else _joined(cells), "ragged_row", cell=where,
                cells=len(cells), header_row=header_row, width=width))
    keep: list[int] = []
    seen: dict[str, int] = {}
    for index, name in enumerate(names):
        letter = _column_letter(index)
        if name == "":
            if any(index < len(cells) and cells[index] not in (None, "") for _, cells in body):
                problems.append(Problem.of(
                    file, header_row, f"#{index + 1}" if sheet is None else letter, None, "no_header",
                    cell=f"{sheet}!{letter}{header_row}" if sheet else None, header_row=header_row))
            continue
        key = name.lower() if name.lower() in KNOWN_COLUMNS else name
        if key in seen:
            problems.append(Problem.of(
                file, header_row, key, name, "duplicate_header",
                cell=f"{sheet}!{letter}{header_row}" if sheet else None,
                header_row=header_row, first=seen[key] + 1, second=index + 1))
            continue
        seen[key] = index
        keep.append(index)
    columns = [names[i].lower() if names[i].lower() in KNOWN_COLUMNS else names[i] for i in keep]
    rows = [[cells[i] if i < len(cells) else "" for i in keep] for _, cells in body]
    letters = {columns[n]: _column_letter(i) for n, i in enumerate(keep)} if sheet else {}
    return Table(columns, rows, [r for r, _ in body], header_row, sheet, letters, problems=problems)


def _joined(cells: list[object]) -> str:
    return ",".join("" if c is None else str(c) for c in cells)


# -- CSV -------------------------------------------------------------------------------------
def decode(data: bytes, file: str) -> tuple[str, str]:
    """Bytes → text for UTF-8 (with or without BOM) and UTF-16/32; anything else is refused."""
    if data.startswith(b"PK\x03\x04"):
        raise _refuse(file, "xlsx_named_csv")
    for bom, encoding in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe\x00\x00", "utf-32"),
                          (b"\x00\x00\xfe\xff", "utf-32"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    guess = _guess_encoding(data)
    if guess in ("utf_16", "utf_16_le", "utf_16_be", "utf_32", "utf_32_le", "utf_32_be"):
        try:
            return data.decode(guess.replace("_", "-")), guess
        except UnicodeDecodeError:
            pass
    looks = "Windows-1258" if guess in ("cp1258", "windows_1258") else "TCVN3 (ABC) / VNI / …"
    raise _refuse(file, "not_utf8", guess=looks)


def _guess_encoding(data: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:65536]).best()
    return best.encoding if best is not None else None


def _refuse(file: str, key: str, **params: object) -> ValidationError:
    return ValidationError([Problem.of(file, None, None, None, key, **params)])


def read_csv(path: Path, file: str) -> Table:
    """Read a delimited text file, choosing the delimiter that yields a recognisable header."""
    text, encoding = decode(path.read_bytes(), file)
    text = unicodedata.normalize("NFC", text).lstrip("\ufeff")
    head = text[:SNIFF_CHARS].rsplit("\n", 1)[0] if len(text) > SNIFF_CHARS else text
    best: tuple[int, str] | None = None
    for delimiter in DELIMITERS:
        records = _records(head, delimiter, file)
        index = _find_header([cells for _, cells in records])
        if index is None:
            continue
        score = len({_header_key(c) for c in records[index][1]} & set(KNOWN_COLUMNS))
        if best is None or score > best[0]:
            best = (score, delimiter)
    if best is not None:
        records = _records(text, best[1], file)
        index = _find_header([cells for _, cells in records])
    if best is None or index is None:
        raise _refuse(file, "no_header_row", expected=", ".join(KNOWN_COLUMNS[:6]), rows=HEADER_SEARCH_ROWS)
    delimiter = best[1]
    header_row, header = records[index]
    body = [(n, [clean_text(c) for c in cells]) for n, cells in records[index + 1:]
            if any(clean_text(c) for c in cells)]
    table = build_table(file, list(header), body, header_row)
    table.encoding, table.delimiter = encoding, delimiter
    return table


def _records(text: str, delimiter: str, file: str) -> list[tuple[int, list[str]]]:
    """(physical line where the record starts, cells) for every record, blank lines skipped."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    out: list[tuple[int, list[str]]] = []
    line = 1
    try:
        for cells in reader:
            if cells:
                out.append((line, cells))
            line = reader.line_num + 1
    except csv.Error as exc:
        raise _refuse(file, "csv_error", line=line, error=str(exc)) from None
    return out


# -- Excel -----------------------------------------------------------------------------------
DELIVERY_SOURCES_SHEET = "sources"
"""A workbook's sheet of the sources the delivery brings (`dtlib.data.sources`): never observations."""


def read_xlsx(path: Path, file: str, sheet: str | None = None) -> Table:
    """Read the sheet named in datasets.yaml, else the only sheet with observation columns
    (the `sources` sheet is the delivery's own sources, never a candidate)."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        book = load_workbook(path, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, AttributeError,
            TypeError, IndexError) as exc:  # openpyxl fails in many ways on damaged parts
        raise _refuse(file, "bad_xlsx", error=type(exc).__name__) from None
    names = [ws.title for ws in book.worksheets]  # chart sheets have no cells
    if sheet is not None:
        if sheet not in names:
            raise _refuse(file, "no_such_sheet", sheet=repr(sheet), sheets=", ".join(names))
        chosen = [sheet]
    else:
        chosen = [n for n in names if n != DELIVERY_SOURCES_SHEET
                  and _find_header(_sheet_rows(book[n], HEADER_SEARCH_ROWS)) is not None]
        if len(chosen) != 1:
            raise _refuse(file, "which_sheet" if chosen else "no_sheet", sheets=", ".join(names),
                          chosen=", ".join(chosen))
    ws = book[chosen[0]]
    rows = _sheet_rows(ws)
    index = _find_header(rows)
    if index is None:
        raise _refuse(file, "no_header_row_sheet", sheet=repr(ws.title), rows=HEADER_SEARCH_ROWS)
    header = _merged_header(ws, index + 1, rows[index])
    body = [(n + 1, cells) for n, cells in enumerate(rows) if n > index and any(c not in (None, "") for c in cells)]
    return build_table(file, header, body, index + 1, sheet=ws.title)


def _sheet_rows(ws, limit: int | None = None) -> list[list[object]]:
    rows = []
    for row in ws.iter_rows(max_row=limit):
        cells = [_excel_cell(c) for c in row]
        while cells and cells[-1] in (None, ""):  # formatting applied to whole columns
            cells.pop()
        rows.append(cells)
    return rows


def _excel_cell(cell) -> object:
    """A cell by its type: percent-formatted numbers ×100, dates as dates, text cleaned."""
    value = cell.value
    if value is None:
        return None
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime):
        return value.date() if value.time() == dt.time() else value
    if isinstance(value, int | float):
        if "%" in str(cell.number_format):
            shown = float(f"{value * 100:.12g}")
            return ParsedNumber(shown, percent=True, raw=f"{shown:g}% (cell {value:g}, format {cell.number_format})")
        return value
    return value


def _merged_header(ws, header_row: int, cells: list[object]) -> list[object]:
    """A merged header cell names every column it spans (top-left value spread)."""
    header = list(cells)
    for merged in ws.merged_cells.ranges:
        if merged.min_row <= header_row <= merged.max_row:
            top_left = ws.cell(merged.min_row, merged.min_col).value
            if merged.min_col == merged.max_col or merged.min_row != header_row:
                header += [None] * (merged.max_col - len(header))
                for col in range(merged.min_col, merged.max_col + 1):
                    if col - 1 < len(header) and header[col - 1] in (None, ""):
                        header[col - 1] = top_left
    return header


# -- Parquet ---------------------------------------------------------------------------------
def read_parquet(path: Path, file: str) -> Table:
    """Parquet keeps its types; decimals and dates are passed on as such, rows numbered from 1."""
    import pandas as pd

    try:
        frame = pd.read_parquet(path)
    except Exception as exc:  # noqa: BLE001 - pyarrow raises many types for a damaged file
        raise _refuse(file, "bad_parquet", error=type(exc).__name__) from None
    rows = [[_parquet_cell(v) for v in record] for record in frame.itertuples(index=False, name=None)]
    body = [(n + 1, cells) for n, cells in enumerate(rows)]
    return build_table(file, [str(c) for c in frame.columns], body, 0)


def _parquet_cell(value: object) -> object:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime) and value.time() == dt.time():
        return value.date()
    if isinstance(value, Decimal | dt.date | int | float | bool):
        return value
    if getattr(value, "ndim", 0) or isinstance(value, list | tuple | dict):
        return str(list(value) if hasattr(value, "tolist") else value)  # nested column: shown, refused
    if hasattr(value, "item"):
        return value.item()
    if type(value).__name__ in ("NAType", "NaTType"):
        return ""
    return value


def read_cells(path: Path, file: str, sheet: str | None = None) -> Table:
    """Dispatch on the file suffix (see `dtlib.data.loaders.SUPPORTED_SUFFIXES`)."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return read_csv(path, file)
    if suffix == ".xlsx":
        return read_xlsx(path, file, sheet)
    if suffix == ".parquet":
        return read_parquet(path, file)
    raise _refuse(file, "suffix", suffix=suffix)
