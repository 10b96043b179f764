"""`dtlib records` (records → observations CSV) and `dtlib synth` (synthetic records).

`register(subparsers)` adds both to the main `dtlib` parser; `main()` runs them alone
(`python -m dtlib.records.cli …`). Heavy imports (ibis, pyspark) happen only when a command runs.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dtlib.errors import DtlibError

CATALOG_FILE = "procedures_synthetic.csv"
"""Catalog name `dtlib synth` writes; `dtlib records` finds it next to the records by default."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `records` and `synth` subcommands."""
    rec = subparsers.add_parser(
        "records", help="compute Decision 766 indicators from dossier records",
        description="Read dossier records (CSV, Parquet or a partitioned Parquet folder), "
        "reject invalid rows into a rejects CSV, and write the indicators per unit and period "
        "in the observations format.",
    )
    rec.add_argument("records", type=Path, help="records file or folder")
    rec.add_argument("--catalog", type=Path, help=f"procedure catalog CSV (default: "
                     f"{CATALOG_FILE} next to the records)")
    rec.add_argument("--period", choices=["month", "quarter", "year"], default="quarter")
    rec.add_argument("--backend", choices=["duckdb", "pyspark"], default="duckdb")
    rec.add_argument("--out", type=Path, default=Path("records_observations.csv"))
    rec.add_argument("--rejects", type=Path, help="rejects CSV (default: <out>.rejects.csv)")
    rec.add_argument("--source-id", help="source_id to write (default: synthetic-records for "
                     "synthetic records, else required)")
    rec.add_argument("--on-time-granularity", choices=["second", "day"], default="second")
    rec.add_argument("--withdrawn-on-time", action="store_true")
    rec.add_argument("--digitisation-full-at", type=float, default=None)
    rec.add_argument("--strict", action="store_true", help="exit 1 if any row is rejected")
    rec.set_defaults(func=run_records)

    syn = subparsers.add_parser(
        "synth", help="generate synthetic dossier records (partitioned Parquet)",
        description="Write deterministic SYNTHETIC dossier records for Bình Dương and Bình "
        "Phước (2023–2025) and a synthetic procedure catalog.",
    )
    syn.add_argument("out", type=Path)
    syn.add_argument("--records", type=int, default=100_000)
    syn.add_argument("--seed", type=int, default=766)
    syn.set_defaults(func=run_synth)


def run_records(args: argparse.Namespace) -> int:
    """Compute and write observations and rejects; print what happened to every row."""
    from dtlib.records.definitions import Options
    from dtlib.records.engine import compute
    from dtlib.records.results import to_observations

    catalog = args.catalog or _default_catalog(args.records)
    options = Options(
        on_time_granularity=args.on_time_granularity,
        withdrawn_on_time=args.withdrawn_on_time,
        digitisation_full_at=args.digitisation_full_at,
    )
    result = compute(args.records, catalog, kind=args.period, options=options,
                     backend=args.backend)
    if not result.synthetic and not args.source_id:
        raise DtlibError("records are not marked synthetic: give --source-id (a row of "
                         "data/sources.csv) so the observations cite their source")
    rejects_path = args.rejects or args.out.with_suffix(".rejects.csv")
    result.rejects.to_csv(rejects_path, index=False)
    obs = to_observations(result.indicators, args.source_id) if len(result.indicators) else None
    n_obs = 0 if obs is None else len(obs)
    if obs is not None:
        obs.to_csv(args.out, index=False)
    empty = 0 if obs is None else int(result.indicators.value.isna().sum())
    mark = "SYNTHETIC records" if result.synthetic else "records"
    print(f"{mark}: {result.n_input} read, {result.n_valid} valid, "
          f"{result.n_rejected} rejected → {rejects_path}")
    versions = ", ".join(sorted(result.periods.version.unique())) if len(result.periods) else "-"
    print(f"{n_obs} observations → {args.out} ({len(result.periods)} {args.period}s, "
          f"method {versions}; {empty} cells without dossiers left out)")
    return 1 if args.strict and result.n_rejected else 0


def run_synth(args: argparse.Namespace) -> int:
    """Generate records and say where they went."""
    from dtlib.records.synth import write_dataset

    out = write_dataset(args.out, args.records, args.seed)
    print(f"SYNTHETIC: {args.records} dossier records (seed {args.seed}) → {out}")
    return 0


def _default_catalog(records: Path) -> Path:
    folder = records if records.is_dir() else records.parent
    path = folder / CATALOG_FILE
    if not path.exists():
        raise DtlibError(f"no procedure catalog given and none at {path}: pass --catalog")
    return path


def main(argv: list[str] | None = None) -> int:
    """Standalone entry point (the lead's `dtlib` CLI calls `register` instead)."""
    parser = argparse.ArgumentParser(prog="dtlib")
    register(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except DtlibError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
