"""Read dossier records from CSV, Parquet or a partitioned Parquet dataset, on any Ibis backend.

Reading maps the national sync names (MaHoSo, KenhThucHien, …) to the English names of
`dtlib.records.schema` and types every column, remembering the file and row each record came
from. Nothing is checked here: `dtlib.records.validate` splits the rows into valid records and
rejects. Heavy imports stay inside functions so `import dtlib` stays fast.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dtlib.errors import Problem, ValidationError
from dtlib.records.schema import COLUMNS, NAMES, SYNC_TO_NAME

if TYPE_CHECKING:
    import ibis.expr.types as ir

SYNTHETIC_MARKER = "_SYNTHETIC.json"
"""File `dtlib synth` writes next to generated records; its presence marks every result synthetic."""

SOURCE_FILE, SOURCE_ROW = "source_file", "source_row"


@dataclass(frozen=True)
class RawRecords:
    """Typed records, with `source_file`, `source_row`, and `<col>__raw` for parsed text columns."""

    table: ir.Table
    synthetic: bool
    path: Path


def is_synthetic(path: str | Path) -> bool:
    """Records are synthetic when the dataset folder (or the file's folder) holds the marker."""
    path = Path(path)
    folder = path if path.is_dir() else path.parent
    return (folder / SYNTHETIC_MARKER).exists()


def synthetic_metadata(path: str | Path) -> dict[str, Any] | None:
    """The generator's parameters (seed, rows, version), when the records are synthetic."""
    path = Path(path)
    marker = (path if path.is_dir() else path.parent) / SYNTHETIC_MARKER
    return json.loads(marker.read_text()) if marker.exists() else None


def parquet_files(path: Path) -> list[str]:
    """Every Parquet file of a file or a (hive-partitioned) folder, sorted for determinism."""
    if path.is_file():
        return [str(path)]
    files = sorted(str(p) for p in path.rglob("*.parquet"))
    if not files:
        raise ValidationError([Problem(str(path), None, None, None, "holds no .parquet file")])
    return files


def read_records(path: str | Path, con: Any) -> RawRecords:
    """Open records at `path` on the Ibis connection `con` (DuckDB or PySpark)."""
    path = Path(path)
    if not path.exists():
        raise ValidationError([Problem(str(path), None, None, None, "does not exist")])
    text_file = path.suffix.lower() == ".csv"
    table = _read_csv_duckdb(path, con) if text_file else _read_parquet(path, con)
    return RawRecords(_rename_and_type(table, str(path), text_file), is_synthetic(path), path)


def _read_csv_duckdb(path: Path, con: Any) -> ir.Table:
    import ibis

    if con.name != "duckdb":
        raise ValidationError(
            [Problem(str(path), None, None, None, "CSV records are read on DuckDB only; "
                     "convert to Parquet for Spark")]
        )
    t = con.read_csv(str(path), all_varchar=True, header=True)
    # Line numbers: DuckDB keeps file order (preserve_insertion_order), header is line 1.
    return t.mutate(
        **{SOURCE_FILE: ibis.literal(str(path)), SOURCE_ROW: ibis.row_number() + 2}
    )


def _read_parquet(path: Path, con: Any) -> ir.Table:
    if con.name == "duckdb":
        t = con.read_parquet(
            parquet_files(path), filename=True, file_row_number=True, hive_partitioning=False,
            union_by_name=True,
        )
        return t.rename({SOURCE_FILE: "filename", SOURCE_ROW: "file_row_number"})
    if con.name == "pyspark":
        session = con._session
        df = session.read.parquet(*parquet_files(path)).select(
            "*", "_metadata.file_path", "_metadata.row_index"
        )
        df = df.withColumnRenamed("file_path", SOURCE_FILE).withColumnRenamed(
            "row_index", SOURCE_ROW
        )
        name = f"dtlib_records_{abs(hash(str(path)))}"
        df.createOrReplaceTempView(name)
        return con.table(name)
    raise ValidationError([Problem(str(path), None, None, None, f"unsupported backend {con.name}")])


def _rename_and_type(t: ir.Table, file: str, text_file: bool) -> ir.Table:
    """Accept English or national sync names; type each column, keeping the raw text for errors."""
    import ibis

    renames = {SYNC_TO_NAME[c]: c for c in t.columns if c in SYNC_TO_NAME and SYNC_TO_NAME[c] != c}
    clash = [new for new in renames if new in t.columns]
    if clash:
        raise ValidationError(
            [Problem(file, None, c, None, "given under both its English and its sync name")
             for c in clash]
        )
    t = t.rename(renames)
    missing = [c.name for c in COLUMNS if c.required and c.name not in t.columns]
    if missing:
        raise ValidationError(
            [Problem(file, None, f"{c} ({_sync(c)})", None, "required column is missing")
             for c in missing]
        )
    typed: dict[str, Any] = {}
    for col in COLUMNS:
        if col.name not in t.columns:
            typed[col.name] = ibis.null(_ibis_type(col.type))
            continue
        src = t[col.name]
        # Raw text is kept only where parsing can fail (text sources); typed Parquet needs none.
        text_source = src.type().is_string() and col.type != "str"
        if text_source:
            typed[f"{col.name}__raw"] = src
        typed[col.name] = _typed(src, col.type, text_file)
    return t.select(
        **{SOURCE_FILE: t[SOURCE_FILE].cast("string"), SOURCE_ROW: t[SOURCE_ROW].cast("int64")},
        **typed,
    )


def _sync(name: str) -> str:
    return next(c.sync_name for c in COLUMNS if c.name == name)


def _ibis_type(kind: str) -> str:
    return {"str": "string", "int": "int64", "float": "float64", "timestamp": "timestamp"}[kind]


def _typed(src: Any, kind: str, text_file: bool) -> Any:
    """Cast one column; text that does not parse becomes null and is caught by validation.

    CSV cells are trimmed and blanks become null; typed Parquet is only cast (trimming 100 M
    strings costs more than every indicator together).
    """
    import ibis

    dtype = src.type()
    if kind == "str":
        return src.cast("string").strip().nullif("") if text_file else src.cast("string")
    if kind in ("int", "float"):
        target = _ibis_type(kind)
        if dtype.is_string():
            return src.strip().nullif("").try_cast(target)
        return src.cast(target)
    if dtype.is_timestamp():
        return src.cast("timestamp")
    if dtype.is_date():
        return src.cast("timestamp")
    text = src.cast("string").strip().nullif("")
    # The sync payload writes yyyyMMddHHmmss; ISO text passes through unchanged.
    iso = ibis.cases(
        (
            text.re_search(r"^[0-9]{14}$"),
            text.substr(0, 4) + "-" + text.substr(4, 2) + "-" + text.substr(6, 2) + " "
            + text.substr(8, 2) + ":" + text.substr(10, 2) + ":" + text.substr(12, 2),
        ),
        else_=text,
    )
    return iso.try_cast("timestamp")


__all__ = ["NAMES", "RawRecords", "read_records", "is_synthetic", "synthetic_metadata"]
