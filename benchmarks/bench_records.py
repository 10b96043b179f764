"""Benchmark: Decision 766 indicators from N synthetic dossier records, three ways.

dtlib (Ibis on DuckDB) against the idiomatic pandas baseline and a hand-written DuckDB SQL query
that computes the same sums (checked equal before timing is reported). Each run happens in its
own subprocess that reports its wall time and its own peak RSS (`ru_maxrss` of that process),
so the memory figures are per run. Then, if asked, 100 M records on dtlib alone.

    python benchmarks/bench_records.py --out benchmarks/results.json            # 10 M + 100 M
    python benchmarks/bench_records.py --records 1000000 --big-records 0        # quick run

Results are merged into the JSON list at --out (entries with the same name are replaced,
written atomically).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd
from results_file import merge_results  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("DTLIB_BENCH_DIR", ROOT / "benchmarks" / "data" / "records"))
"""Generated records are kept here (git-ignored) between runs: generation is deterministic."""
THREADS = 2
PEAK_BUDGET_MIB = 4096
"""Peak memory allowed for the 100 M run (issue: under 4 GB on a 2-core, 24 GB machine)."""


def hand_sql(files: list[str], periods: pd.DataFrame) -> str:
    """The same sums as dtlib.records.indicators, written directly in DuckDB SQL (quarters).

    Like dtlib it expands each dossier over the quarters it was active in; the obvious range
    join (`received_at < p_end AND finished_at >= p_start`) took 35 s on 10 M records.
    """
    file_list = ", ".join(f"'{f}'" for f in files)
    last, base = len(periods) - 1, int(periods.p_base.iloc[0])
    epoch = pd.Timestamp(0)
    starts = [int((t - epoch).total_seconds()) for t in periods.p_start]
    ends = [int((t - epoch).total_seconds()) for t in periods.p_end]
    rules = str([bool(r) for r in periods.e_result_rule]).lower()
    return f"""
WITH raw AS NOT MATERIALIZED (
  SELECT * FROM read_parquet([{file_list}], hive_partitioning = false)
),
dups AS NOT MATERIALIZED (SELECT dossier_id FROM raw GROUP BY dossier_id HAVING count(*) > 1),
r AS NOT MATERIALIZED (
  SELECT raw.*, c.service_level, c.fee_bearing, c.paper_result, c.statutory_days
  FROM raw
  JOIN cat c ON raw.procedure_code = c.procedure_code
   AND coalesce(raw.received_at, raw.submitted_at) >= c.valid_from
   AND coalesce(raw.received_at, raw.submitted_at) < c.valid_to
  JOIN units u ON raw.province_code = u.province_code
   AND coalesce(raw.district_code, '') = u.district_code
  WHERE raw.dossier_id NOT IN (SELECT dossier_id FROM dups)
    AND raw.dossier_id IS NOT NULL AND raw.status BETWEEN 1 AND 10
    AND coalesce(raw.channel IN (1, 2, 3), true)
    AND coalesce(raw.online_payment IN (0, 1, 2, 3), true)
    AND coalesce(raw.has_digitised_component IN (0, 1), true)
    AND coalesce(raw.vneid_authenticated IN (0, 1), true)
    AND coalesce(least(raw.fee_lines, raw.results_total, raw.results_electronic,
        raw.documents_total, raw.documents_digitised, raw.documents_reused,
        raw.documents_from_store, raw.supplement_count) >= 0, true)
    AND coalesce(raw.fee_total >= 0, true)
    AND coalesce(raw.results_electronic <= coalesce(raw.results_total, 0), true)
    AND coalesce(greatest(raw.documents_digitised, raw.documents_reused,
        raw.documents_from_store) <= coalesce(raw.documents_total, 0), true)
    AND NOT (raw.status NOT IN (1, 3) AND raw.received_at IS NULL)
    AND NOT (raw.received_at IS NULL AND raw.submitted_at IS NULL)
    AND coalesce(raw.submitted_at <= raw.received_at, true)
    AND coalesce(raw.due_at >= raw.received_at, true)
    AND coalesce(raw.finished_at >= raw.received_at, true)
    AND NOT (raw.status IN (7, 8, 9, 10) AND raw.finished_at IS NULL)
    AND coalesce(raw.supplement_requested_at >= raw.received_at, true)
    AND coalesce(raw.supplement_received_at >= raw.supplement_requested_at, true)
    AND NOT (raw.supplement_received_at IS NOT NULL AND raw.supplement_requested_at IS NULL)
    AND NOT (coalesce(raw.supplement_count, 0) > 0 AND raw.supplement_requested_at IS NULL)
),
x AS NOT MATERIALIZED (
  SELECT r.*,
    greatest(year(received_at) * 4 + quarter(received_at) - 1 - {base}, 0) AS first_idx,
    CASE WHEN finished_at IS NULL OR status NOT IN (7, 8, 9, 10) THEN {last}
         ELSE least(year(finished_at) * 4 + quarter(finished_at) - 1 - {base}, {last})
    END AS last_idx
  FROM r WHERE received_at IS NOT NULL AND status NOT IN (1, 3)
),
xp AS NOT MATERIALIZED (
  SELECT x.*, unnest(range(x.first_idx, x.last_idx + 1)) AS p_idx FROM x
),
t AS NOT MATERIALIZED (
  SELECT x.province_code, x.district_code, x.commune_code, x.p_idx,
    {rules}[x.p_idx + 1] AS e_result_rule,
    x.status, x.channel, x.service_level, x.fee_bearing, x.paper_result, x.fee_lines,
    x.fee_total, x.online_payment, x.results_electronic, x.documents_digitised,
    x.documents_reused, x.documents_from_store, x.has_digitised_component,
    x.vneid_authenticated, x.supplement_count,
    epoch(x.received_at)::BIGINT AS recv, epoch(x.finished_at)::BIGINT AS fin,
    epoch(x.supplement_requested_at)::BIGINT AS req,
    epoch(x.supplement_received_at)::BIGINT AS back,
    {starts}[x.p_idx + 1] AS ps, {ends}[x.p_idx + 1] AS pe,
    coalesce(epoch(x.due_at)::BIGINT,
             epoch(x.received_at)::BIGINT + (x.statutory_days * 86400)::BIGINT) AS deadline
  FROM xp AS x
),
e AS NOT MATERIALIZED (
  SELECT *,
    CASE WHEN status IN (7, 8, 9, 10) AND fin < pe THEN fin
         WHEN req IS NOT NULL AND req < pe AND (back IS NULL OR back >= pe) THEN req
         ELSE pe END AS end_s,
    recv >= ps AND recv < pe AS rin,
    status IN (9, 10) AND fin >= ps AND fin < pe AS cin,
    coalesce(results_electronic, 0) > 0 AS has_e,
    coalesce(documents_from_store, 0) > 0 AS store
  FROM t
),
f AS NOT MATERIALIZED (
  SELECT *,
    end_s - CASE WHEN back IS NOT NULL AND back <= end_s THEN back - req ELSE 0 END
      <= deadline AND coalesce(supplement_count, 0) <= 1 AS on_time,
    rin AND coalesce(channel, 1) = 2
      AND (NOT e_result_rule OR NOT paper_result OR has_e) AS online,
    rin AND service_level = 'full_online' AS full_el,
    rin AND fee_bearing
      AND NOT (coalesce(fee_lines, 0) > 0 AND coalesce(fee_total, 0) = 0) AS pay_due
  FROM e
)
SELECT province_code, district_code, commune_code, p_idx,
  count(*) AS n_active,
  sum(on_time::INT) AS n_on_time,
  sum(rin::INT) AS n_received,
  sum(online::INT) AS n_online,
  sum(full_el::INT) AS n_full_eligible,
  sum((full_el AND online)::INT) AS n_full_online,
  sum(pay_due::INT) AS n_pay_due,
  sum((pay_due AND coalesce(online_payment IN (1, 2), false))::INT) AS n_paid_online,
  sum(cin::INT) AS n_completed,
  sum(CASE WHEN cin THEN fin - recv - coalesce(back - req, 0) ELSE 0 END) AS processing_seconds,
  sum((cin AND paper_result)::INT) AS n_eresult_due,
  sum((cin AND paper_result AND has_e)::INT) AS n_eresult,
  sum((rin AND coalesce(documents_digitised, 0) > 0
       AND (NOT paper_result OR status NOT IN (9, 10) OR has_e))::INT) AS n_digitised,
  sum((rin AND (coalesce(has_digitised_component, 0) = 1
       OR coalesce(documents_reused, 0) > 0))::INT) AS n_reused,
  sum((rin AND store)::INT) AS n_from_store,
  sum((rin AND (coalesce(vneid_authenticated, 0) = 1 OR store))::INT) AS n_population_db
FROM f GROUP BY ALL
"""


def worker(kind: str, path: Path, sums_out: Path | None) -> dict:
    """One timed run in this (fresh) process; returns seconds and this process's peak RSS."""
    sys.path.insert(0, str(ROOT))
    from baseline_pandas import pandas_sums

    from dtlib.records.catalog import load_catalog
    from dtlib.records.definitions import Options
    from dtlib.records.engine import compute as dtlib_compute
    from dtlib.records.engine import connect
    from dtlib.records.indicators import period_frame
    from dtlib.records.load import parquet_files
    from dtlib.records.results import indicator_values, roll_up
    from dtlib.records.unitmap import check_unit_codes

    catalog = load_catalog(path / "procedures_synthetic.csv")
    start = time.perf_counter()
    if kind == "dtlib":
        result = dtlib_compute(path, catalog, con=connect("duckdb", threads=THREADS))
        sums, values = result.sums, result.indicators
    elif kind == "pandas":
        sums, periods = pandas_sums(path, catalog)
        values = indicator_values(roll_up(sums, periods), Options(), True)
    else:
        import duckdb

        files = parquet_files(path)
        con = duckdb.connect()
        con.execute(f"SET threads = {THREADS}")
        con.execute("SET memory_limit = '3GB'")
        con.execute("SET preserve_insertion_order = false")
        first, last = con.execute(
            "SELECT min(received_at)::DATE, greatest(max(received_at), max(finished_at))::DATE "
            f"FROM read_parquet({files})"
        ).fetchone()
        periods = period_frame("quarter", first, last)
        pairs = con.execute(
            f"SELECT DISTINCT province_code, coalesce(district_code, '') FROM read_parquet({files})"
        ).fetchall()
        known = {(p, d) for p, d in pairs if check_unit_codes(p, d or None) is None}
        con.register("cat", catalog)
        con.register("periods", periods)
        con.register("units", pd.DataFrame(sorted(known),
                                           columns=["province_code", "district_code"]))
        by_idx = con.execute(hand_sql(files, periods)).df()
        sums = by_idx.merge(periods[["p_idx", "period"]], on="p_idx").drop(columns="p_idx")
        values = indicator_values(roll_up(sums, periods), Options(), True)
    seconds = time.perf_counter() - start
    if sums_out:
        sums.to_parquet(sums_out)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {"kind": kind, "seconds": seconds, "peak_mib": peak_kib / 1024, "rows": len(values)}


def run(kind: str, path: Path, sums_out: Path | None = None) -> dict:
    """Run one worker in a subprocess and return its report."""
    cmd = [sys.executable, __file__, "--worker", kind, "--path", str(path)]
    if sums_out:
        cmd += ["--sums-out", str(sums_out)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode:
        raise RuntimeError(f"{kind} run failed:\n{proc.stderr[-3000:]}")
    report = json.loads(proc.stdout.strip().splitlines()[-1])
    print(f"  {kind:7s} {report['seconds']:8.2f} s  peak {report['peak_mib']:8.0f} MiB",
          flush=True)
    return report


def ensure_data(n: int) -> Path:
    """Generate n synthetic records once, in a subprocess (reused later: it is deterministic)."""
    path = DATA_DIR / f"records_{n}"
    if not (path / "_SYNTHETIC.json").exists():
        t = time.perf_counter()
        code = (f"import sys; sys.path.insert(0, {str(ROOT)!r}); "
                f"from dtlib.records.synth import write_dataset; write_dataset({str(path)!r}, {n})")
        subprocess.run([sys.executable, "-c", code], check=True)
        print(f"generated {n:,} records in {time.perf_counter() - t:.0f} s → {path}", flush=True)
    return path


def check_same(a: Path, b: Path, what: str) -> None:
    """The compared implementations must produce identical sums, or the timing means nothing."""
    keys = ["province_code", "district_code", "commune_code", "period"]
    frames = []
    for p in (a, b):
        f = pd.read_parquet(p)
        f[keys] = f[keys].fillna("")
        f = f.sort_values(keys).reset_index(drop=True)
        frames.append(f[keys + [c for c in f.columns if c not in keys]].astype(
            {c: "int64" for c in f.columns if c not in keys}))
    pd.testing.assert_frame_equal(frames[0], frames[1][frames[0].columns], check_dtype=False)
    print(f"  sums identical: {what}", flush=True)


def best(reports: list[dict]) -> dict:
    """Fastest time and highest peak over repeated runs of one implementation."""
    return {"seconds": min(r["seconds"] for r in reports),
            "peak_mib": max(r["peak_mib"] for r in reports)}


def label(n: int) -> str:
    return f"{n // 1_000_000}m" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=10_000_000)
    parser.add_argument("--big-records", type=int, default=100_000_000,
                        help="records for the peak-memory run (0 to skip)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results.json")
    parser.add_argument("--repeat", type=int, default=3, help="runs per implementation")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--path", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--sums-out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(worker(args.worker, args.path, args.sums_out)))
        return 0

    entries = []
    n = args.records
    path = ensure_data(n)
    print(f"{n:,} records, all indicators × all units × quarters:", flush=True)
    # Interleaved repeats; the best time of each (the machine may be shared), the worst peak.
    runs: dict[str, list[dict]] = {"dtlib": [], "sql": [], "pandas": []}
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        for i in range(args.repeat):
            for kind in runs:
                runs[kind].append(run(kind, path, t / f"{kind}.parquet" if i == 0 else None))
        check_same(t / "dtlib.parquet", t / "sql.parquet", "dtlib = hand-written SQL")
        check_same(t / "dtlib.parquet", t / "pandas.parquet", "dtlib = pandas")
    d, s, p = (best(runs[k]) for k in ("dtlib", "sql", "pandas"))
    tag = label(n)
    entries += [
        {"name": f"records_{tag}_speedup_vs_pandas", "value": round(d["seconds"], 2),
         "unit": "s", "ratio": round(p["seconds"] / d["seconds"], 2)},
        {"name": f"records_{tag}_memory_saving_vs_pandas", "value": round(d["peak_mib"], 1),
         "unit": "MiB", "ratio": round(p["peak_mib"] / d["peak_mib"], 2)},
        {"name": f"records_{tag}_time_vs_duckdb_sql", "value": round(d["seconds"], 2),
         "unit": "s", "ratio": round(d["seconds"] / s["seconds"], 2)},
    ]
    if args.big_records:
        big = ensure_data(args.big_records)
        print(f"{args.big_records:,} records on dtlib (DuckDB):", flush=True)
        b = run("dtlib", big)
        # ratio: share of the 4 GB budget the issue sets for 100 M records on this machine.
        entries.append({"name": f"records_{label(args.big_records)}_peak_mib",
                        "value": round(b["peak_mib"], 1), "unit": "MiB",
                        "ratio": round(b["peak_mib"] / PEAK_BUDGET_MIB, 2)})
    merge_results(args.out, entries)
    print(f"best of {args.repeat}: dtlib {d['seconds']:.2f} s, SQL {s['seconds']:.2f} s, "
          f"pandas {p['seconds']:.2f} s; peaks {d['peak_mib']:.0f} / {s['peak_mib']:.0f} / "
          f"{p['peak_mib']:.0f} MiB")
    for e in entries:
        print(f"  {e['name']}: value {e['value']} {e['unit']}, ratio {e['ratio']}")
    print(f"merged into {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
