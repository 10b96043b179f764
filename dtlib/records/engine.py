"""Run the 766 computations on DuckDB (default, embedded) or PySpark (cluster / local mode).

The only engine-specific code is how to connect; reading, checking and computing are the same
Ibis expressions on both (`load`, `validate`, `indicators`). The returned sums are small (units
× periods), so everything after them is pandas.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from dtlib.errors import DtlibError
from dtlib.records.catalog import load_catalog
from dtlib.records.definitions import Options
from dtlib.records.indicators import (
    PeriodKind,
    aggregate,
    period_frame,
    row_accounting,
    with_period_labels,
)
from dtlib.records.load import read_records
from dtlib.records.results import indicator_values, roll_up
from dtlib.records.unitmap import check_unit_codes
from dtlib.records.validate import REJECT_COLUMNS, UnitChecker, check_records

Backend = Literal["duckdb", "pyspark"]

DUCKDB_MEMORY_LIMIT = os.environ.get("DTLIB_DUCKDB_MEMORY_LIMIT", "3GB")
"""DuckDB spills to disk beyond this, which keeps 100 M records under 4 GB of peak memory."""


@dataclass(frozen=True)
class RecordsResult:
    """Everything one run produces; `indicators` is the long frame the reports read."""

    indicators: pd.DataFrame
    sums: pd.DataFrame
    rejects: pd.DataFrame
    n_input: int
    synthetic: bool
    periods: pd.DataFrame
    accounting: dict[str, int]
    """Input rows by fate: rejected, not_received (status 1/3, in no ratio), outside_periods
    (only when `first`/`last` narrow the periods), counted."""

    @property
    def n_rejected(self) -> int:
        return len(self.rejects)

    @property
    def n_valid(self) -> int:
        return self.n_input - self.n_rejected


def connect(backend: Backend = "duckdb", *, threads: int | None = None, session: Any = None) -> Any:
    """An Ibis connection: in-memory DuckDB, or PySpark on `session` (local, all cores, if none)."""
    import ibis

    if backend == "duckdb":
        con = ibis.duckdb.connect()
        con.raw_sql(f"SET memory_limit = '{DUCKDB_MEMORY_LIMIT}'")
        con.raw_sql("SET preserve_insertion_order = false")
        if threads:
            con.raw_sql(f"SET threads = {int(threads)}")
        return con
    if backend == "pyspark":
        if session is None:
            session = local_spark_session(cores=os.cpu_count() or 1)
        return ibis.pyspark.connect(session)
    raise ValueError(f"unknown backend {backend!r} (duckdb or pyspark)")


def local_spark_session(cores: int = 1) -> Any:
    """A small local Spark with UTC session time, so timestamps compare as on DuckDB."""
    from pyspark.sql import SparkSession

    return (
        SparkSession.builder.master(f"local[{cores}]")
        .appName("dtlib-records")
        .config("spark.sql.session.timeZone", "UTC")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", str(cores * 2))
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", "2g")
        .getOrCreate()
    )


def compute(
    records_path: str | Path,
    catalog: str | Path | pd.DataFrame,
    *,
    kind: PeriodKind = "quarter",
    options: Options | None = None,
    con: Any = None,
    backend: Backend = "duckdb",
    first: date | None = None,
    last: date | None = None,
    unit_checker: UnitChecker = check_unit_codes,
    synthetic: bool | None = None,
) -> RecordsResult:
    """Read, check and compute every indicator for every unit and period of `kind`."""
    options = options or Options()
    con = con if con is not None else connect(backend)
    cat = catalog if isinstance(catalog, pd.DataFrame) else load_catalog(catalog)
    raw = read_records(records_path, con)
    t = raw.table
    # One cheap pass for the unit codes, the row count and the date span.
    span = con.execute(t.group_by(["province_code", "district_code"]).agg(
        n=t.count(), first=t.received_at.min(), last=t.received_at.max(),
        last_end=t.finished_at.max(),
    ))
    n_input = int(span.n.sum())
    checked = check_records(t, cat, unit_checker, unit_pairs=span)
    first = first or _as_date(span["first"].min())
    # Periods run to the latest reception or end of processing (≈ the extraction date).
    last = last or _as_date(pd.concat([span["last"], span["last_end"]]).max())
    if first is None or last is None:  # no record has a reception date
        first = last = date.today()
    periods = period_frame(kind, first, last)
    raw_sums = con.execute(aggregate(checked.marked, periods, options))
    used = row_accounting(raw_sums)
    if sum(used.values()) != n_input:
        raise DtlibError(f"internal error: {n_input} records read but {used} accounted for")
    rejects = (
        con.execute(checked.rejects)[list(REJECT_COLUMNS)] if used["rejected"]
        else pd.DataFrame(columns=list(REJECT_COLUMNS))
    )
    if len(rejects) != used["rejected"]:
        raise DtlibError(f"internal error: {used['rejected']} rejected, {len(rejects)} listed")
    sums = with_period_labels(raw_sums, periods)
    is_synth = raw.synthetic if synthetic is None else synthetic
    values = (
        indicator_values(roll_up(sums, periods), options, is_synth) if len(sums)
        else pd.DataFrame()
    )
    return RecordsResult(values, sums, rejects, n_input, is_synth, periods, used)


def _as_date(value: Any) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()
