"""Deterministic synthetic dossier records for Bình Dương and Bình Phước, 2023–2025.

Real record-level data is not public, so tests, the sample in `data/samples/records/` and the
benchmarks use records drawn here. Rates are calibrated to published figures (`TARGETS`, with
their sources) so the computed indicators land near them; district offsets and monthly
seasonality make the data look like a province, not a coin. Generation runs chunk by chunk
(one province-month, at most `CHUNK_ROWS` rows) with a seed derived from the chunk, so 100 M
rows need no more memory than one chunk and any chunk can be reproduced on its own.
Everything written is marked synthetic (`_SYNTHETIC.json`, the catalog's `synthetic` column).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from dtlib.records.load import SYNTHETIC_MARKER

if TYPE_CHECKING:
    import pyarrow as pa

GENERATOR_VERSION = "synth-1"
CHUNK_ROWS = 1_000_000
"""Largest block generated in memory at once (about 200 MB of arrays)."""
YEARS = (2023, 2024, 2025)
REFORM_DAY = date(2025, 7, 1)
"""Districts abolished: later records carry the province code only."""
DATA_END = np.datetime64("2026-01-01T00:00:00")
"""Extraction moment: dossiers not finished by then are still in progress."""

N_PROCEDURES = 1_887
N_ONLINE_PROCEDURES = 1_586
"""Bình Dương, early 2024: 1,586 of 1,887 procedures online (data/ seed article)."""
FULL_ONLINE_SHARE = 1_072 / 1_407
"""Bình Phước 2024: 1,072 toàn trình of 1,407 online procedures (Nhân Dân, scores.csv)."""

PROVINCES: dict[str, float] = {"74": 0.62, "70": 0.38}
"""Share of dossiers (Bình Dương handles more: larger population and economy)."""
DISTRICTS: dict[str, dict[str, tuple[float, float]]] = {
    # code: (share of the province's district-level dossiers, online-rate offset in points)
    "74": {"718": (0.16, 8), "719": (0.06, -9), "720": (0.07, -10), "721": (0.11, 2),
           "722": (0.06, -7), "723": (0.12, 3), "724": (0.16, 6), "725": (0.19, 5),
           "726": (0.07, -6)},
    "70": {"688": (0.06, 4), "689": (0.18, 9), "690": (0.06, 1), "691": (0.08, -8),
           "692": (0.13, -5), "693": (0.05, -9), "694": (0.10, -3), "695": (0.11, 0),
           "696": (0.12, -6), "697": (0.07, 6), "698": (0.04, -2)},
}
PROVINCE_AGENCY_SHARE = 0.30
"""Dossiers handled by provincial departments (no district code)."""

TARGETS: dict[str, dict[tuple[str, int], float]] = {
    # Computed 766 rates (percent) the generator aims at. Published: BD 2024 online 76 %
    # (early 2024); BP 2024 online 57.6 %, payment 68.14 %, e-results 77.94 %, digitised
    # 75.62 %, re-use 76.4 % (Nhân Dân 2025, scores.csv). Other cells are smooth guesses.
    "online": {("74", 2023): 70.0, ("74", 2024): 76.0, ("74", 2025): 81.0,
               ("70", 2023): 39.4, ("70", 2024): 57.6, ("70", 2025): 66.0},
    "payment": {("74", 2023): 52.0, ("74", 2024): 66.0, ("74", 2025): 74.0,
                ("70", 2023): 47.4, ("70", 2024): 68.14, ("70", 2025): 75.0},
    "e_result": {("74", 2023): 60.0, ("74", 2024): 75.0, ("74", 2025): 82.0,
                 ("70", 2023): 47.0, ("70", 2024): 77.94, ("70", 2025): 83.0},
    "digitised": {("74", 2023): 55.0, ("74", 2024): 72.0, ("74", 2025): 80.0,
                  ("70", 2023): 45.7, ("70", 2024): 75.62, ("70", 2025): 81.0},
    "reuse": {("74", 2023): 50.0, ("74", 2024): 70.0, ("74", 2025): 78.0,
              ("70", 2023): 43.3, ("70", 2024): 76.4, ("70", 2025): 80.0},
    "late": {("74", 2023): 2.5, ("74", 2024): 1.5, ("74", 2025): 1.2,
             ("70", 2023): 4.0, ("70", 2024): 2.5, ("70", 2025): 2.0},
}
CALIBRATION_TOLERANCE_PP = 2.0
"""Province-year rates computed from a ≥100k-row sample match `TARGETS` within this many points."""

MONTH_WEIGHTS = np.array([0.95, 0.70, 1.05, 1.00, 1.00, 0.98, 0.97, 1.00, 1.00, 1.05, 1.08, 1.22])
"""Tết depresses February, year-end closing lifts December."""
YEAR_WEIGHTS = {2023: 0.90, 2024: 1.00, 2025: 1.10}
END_STATES = (0.85, 0.10, 0.03, 0.02)
"""Shares of finished dossiers returned (10), processed (9), stopped (8), withdrawn (7)."""
END_WITHOUT_RESULT = END_STATES[2] + END_STATES[3]
STATUTORY_DAYS = np.array([1, 3, 5, 7, 10, 15, 20, 30], dtype=float)


def make_catalog(seed: int = 766) -> pd.DataFrame:
    """The synthetic procedure catalog (codes `SYN.nnnnnn`, not real national TTHC codes)."""
    rng = np.random.default_rng([seed, 0])
    order = rng.permutation(N_PROCEDURES)
    n_full = round(N_ONLINE_PROCEDURES * FULL_ONLINE_SHARE)
    level = np.full(N_PROCEDURES, "none", dtype=object)
    level[order[:n_full]] = "full_online"
    level[order[n_full:N_ONLINE_PROCEDURES]] = "partly_online"
    return pd.DataFrame({
        "procedure_code": [f"SYN.{i:06d}" for i in range(1, N_PROCEDURES + 1)],
        "name": [f"Thủ tục tổng hợp {i}" for i in range(1, N_PROCEDURES + 1)],
        "valid_from": "2022-01-01",
        "valid_to": "",
        "service_level": level,
        "fee_bearing": (rng.random(N_PROCEDURES) < 0.35).astype(int),
        "paper_result": (rng.random(N_PROCEDURES) < 0.55).astype(int),
        "statutory_days": rng.choice(STATUTORY_DAYS, N_PROCEDURES).astype(int),
        "synthetic": 1,
    })


@dataclass(frozen=True)
class _Catalog:
    """Arrays of the catalog the chunk generator samples from."""

    codes: np.ndarray
    online: np.ndarray
    fee: np.ndarray
    paper: np.ndarray
    days: np.ndarray
    cum_weights: np.ndarray
    online_volume_share: float
    paper_volume_share: float
    paper_share_of_online: float


def _prepare(catalog: pd.DataFrame, seed: int) -> _Catalog:
    rng = np.random.default_rng([seed, 1])
    online = (catalog.service_level != "none").to_numpy()
    # Zipf-like popularity; online procedures are the busy ones (registrations, certificates).
    w = 1.0 / np.arange(1, len(catalog) + 1) ** 0.9
    w = w[rng.permutation(len(catalog))] * np.where(online, 4.0, 1.0)
    w /= w.sum()
    paper = catalog.paper_result.astype(bool).to_numpy()
    return _Catalog(
        catalog.procedure_code.to_numpy(dtype=object), online,
        catalog.fee_bearing.astype(bool).to_numpy(), paper,
        catalog.statutory_days.astype(float).to_numpy(), np.cumsum(w),
        float(w[online].sum()), float(w[paper].sum()),
        float(w[online & paper].sum() / w[online].sum()),
    )


def chunk_plan(n_records: int) -> list[tuple[str, int, int, int, int]]:
    """(province, year, month, part, rows) for every chunk; rows sum exactly to `n_records`."""
    cells, weights = [], []
    for prov, share in PROVINCES.items():
        for y in YEARS:
            for m in range(1, 13):
                cells.append((prov, y, m))
                weights.append(share * YEAR_WEIGHTS[y] * MONTH_WEIGHTS[m - 1])
    w = np.array(weights) / sum(weights)
    counts = np.floor(w * n_records).astype(int)
    rest = n_records - counts.sum()
    counts[np.argsort(-(w * n_records - counts), kind="stable")[:rest]] += 1
    plan = []
    for (prov, y, m), n in zip(cells, counts, strict=True):
        parts = max(1, -(-int(n) // CHUNK_ROWS))
        for part in range(parts):
            rows = int(n) // parts + (1 if part < int(n) % parts else 0)
            plan.append((prov, y, m, part, rows))
    return plan


def generate_chunk(
    cat: _Catalog, prov: str, year: int, month: int, part: int, n: int, seed: int
) -> pd.DataFrame:
    """One province-month block of records, reproducible from its own coordinates."""
    rng = np.random.default_rng([seed, int(prov), year, month, part])
    key = (prov, year)
    proc = np.minimum(np.searchsorted(cat.cum_weights, rng.random(n)), len(cat.codes) - 1)
    capable, fee_bearing = cat.online[proc], cat.fee[proc]
    days = cat.days[proc]

    before_reform = date(year, month, 1) < REFORM_DAY
    dcodes = list(DISTRICTS[prov])
    dshare = np.array([DISTRICTS[prov][d][0] for d in dcodes])
    doff = np.array([DISTRICTS[prov][d][1] for d in dcodes], dtype=float)
    doff -= (dshare * doff).sum() / dshare.sum()  # offsets average out over the province
    at_district = (rng.random(n) >= PROVINCE_AGENCY_SHARE) & before_reform
    didx = np.searchsorted(np.cumsum(dshare / dshare.sum()), rng.random(n))
    offset = np.where(at_district, doff[didx], 0.0)
    district = np.where(at_district, np.array(dcodes, dtype=object)[didx], None)

    # Online dossiers of paper-result procedures count only with an e-result, which withdrawn
    # or stopped dossiers (END_WITHOUT_RESULT) never get: aim higher by that loss.
    kept = 1 - cat.paper_share_of_online * END_WITHOUT_RESULT
    p_online = np.clip(
        (TARGETS["online"][key] + offset) / 100 / cat.online_volume_share / kept, 0, 0.99
    )
    online = capable & (rng.random(n) < p_online)
    offline_channel = rng.choice(np.array([1, 3, -1]), n, p=[0.90, 0.05, 0.05])
    channel = np.where(online, 2, offline_channel).astype(float)
    channel[channel < 0] = np.nan  # blank channel: counted as in person

    start = np.datetime64(f"{year}-{month:02d}-01")
    n_days = (np.datetime64(f"{year + month // 12}-{month % 12 + 1:02d}-01") - start).astype(int)
    received = (start.astype("datetime64[s]")
                + (rng.integers(0, n_days, n) * 86_400 + rng.integers(27_000, 61_200, n))
                .astype("timedelta64[s]"))
    submitted = received - np.where(online, rng.integers(60, 86_400, n), rng.integers(0, 900, n)
                                    ).astype("timedelta64[s]")
    due = received + (days * 86_400).astype("timedelta64[s]")

    u = rng.random(n)
    n_supp = np.where(u < 0.01, 2, np.where(u < 0.08, 1, 0))
    req = received + (days * 86_400 * rng.uniform(0.2, 0.6, n)).astype("timedelta64[s]")
    back = req + (rng.uniform(1, 10, n) * 86_400).astype("timedelta64[s]")
    pending = (n_supp > 0) & (rng.random(n) < 0.03)
    pause = np.where((n_supp > 0) & ~pending, (back - req).astype(float), 0.0)
    late = rng.random(n) < TARGETS["late"][key] / 100
    work = days * 86_400 * np.where(late, rng.uniform(1.01, 1.5, n), rng.uniform(0.2, 0.98, n))
    finished = received + (work + pause).astype("timedelta64[s]")
    done = ~pending & (finished < DATA_END)
    status = np.where(done, rng.choice(np.array([10, 9, 8, 7]), n, p=END_STATES),
                      np.where(pending, 5, 4))
    completed = np.isin(status, (9, 10))

    eres_target = TARGETS["e_result"][key] / 100
    online_share = TARGETS["online"][key] / 100
    q_offline = np.clip((eres_target - online_share) / max(1e-9, 1 - online_share), 0, 1)
    e_result = completed & (online | (rng.random(n) < q_offline))
    ok_share = 1 - cat.paper_volume_share * (1 - eres_target)
    digitised = rng.random(n) < np.clip(TARGETS["digitised"][key] / 100 / ok_share, 0, 1)
    docs = rng.integers(1, 7, n)
    reuse = rng.random(n) < TARGETS["reuse"][key] / 100
    from_store = rng.random(n) < 0.15 + 0.1 * (year - 2023)
    vneid = online & (rng.random(n) < 0.4 + 0.15 * (year - 2023))

    fee_lines = np.where(fee_bearing, np.where(rng.random(n) < 0.05, 0, 1), 0)
    zero_fee = fee_bearing & (rng.random(n) < 0.08)
    fee_total = np.where(fee_lines > 0, np.where(
        zero_fee, 0.0, rng.choice(np.array([20e3, 50e3, 100e3, 500e3]), n)), 0.0)
    paid = fee_bearing & (rng.random(n) < TARGETS["payment"][key] / 100)
    payment = np.where(paid, rng.choice(np.array([1, 2]), n, p=[0.6, 0.4]), 0)

    ids = [f"{prov}.{year}{month:02d}.{part:02d}.{i:08d}" for i in range(n)]
    return pd.DataFrame({
        "dossier_id": ids,
        "procedure_code": cat.codes[proc],
        "agency_code": np.where(at_district, "UBND-" + district.astype(str), f"SO-{prov}"),
        "province_code": prov,
        "district_code": district,
        "commune_code": None,
        "channel": pd.array(channel, dtype="Int64"),
        "submitted_at": submitted.astype("datetime64[us]"),
        "received_at": received.astype("datetime64[us]"),
        "due_at": due.astype("datetime64[us]"),
        "finished_at": pd.Series(finished.astype("datetime64[us]")).where(done),
        "status": status.astype("int64"),
        "online_payment": payment.astype("int64"),
        "fee_lines": fee_lines.astype("int64"),
        "fee_total": fee_total,
        "results_total": completed.astype("int64"),
        "results_electronic": e_result.astype("int64"),
        "documents_total": docs.astype("int64"),
        "documents_digitised": np.where(digitised, rng.integers(1, 7, n).clip(max=docs), 0),
        "documents_reused": np.where(reuse, 1, 0).astype("int64"),
        "documents_from_store": from_store.astype("int64"),
        "has_digitised_component": reuse.astype("int64"),
        "vneid_authenticated": vneid.astype("int64"),
        "supplement_count": n_supp.astype("int64"),
        "supplement_requested_at": pd.Series(req.astype("datetime64[us]")).where(n_supp > 0),
        "supplement_received_at": pd.Series(back.astype("datetime64[us]")).where(
            (n_supp > 0) & ~pending),
    })


def arrow_schema() -> pa.Schema:
    """Plain types every engine reads: string, int64, float64, timestamp[us] without zone."""
    import pyarrow as pa

    from dtlib.records.schema import COLUMNS

    kinds = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(),
             "timestamp": pa.timestamp("us")}
    return pa.schema([(c.name, kinds[c.type]) for c in COLUMNS])


def write_dataset(out: str | Path, n_records: int, seed: int = 766) -> Path:
    """Write `n_records` as Parquet under `out/province=PP/year=YYYY/`, plus the catalog CSV.

    One file per province-year, one row group per chunk, so memory stays at one chunk.
    """
    import pyarrow as pa
    import pyarrow.parquet as pq

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    catalog = make_catalog(seed)
    catalog.to_csv(out / "procedures_synthetic.csv", index=False)
    cat = _prepare(catalog, seed)
    writers: dict[tuple[str, int], pq.ParquetWriter] = {}
    try:
        for prov, y, m, part, rows in chunk_plan(n_records):
            if rows == 0:
                continue
            frame = generate_chunk(cat, prov, y, m, part, rows, seed)
            table = pa.Table.from_pandas(frame, schema=arrow_schema(), preserve_index=False)
            table = table.replace_schema_metadata(None)
            if (prov, y) not in writers:
                folder = out / f"province={prov}" / f"year={y}"
                folder.mkdir(parents=True, exist_ok=True)
                writers[(prov, y)] = pq.ParquetWriter(
                    folder / "part-0.parquet", table.schema, compression="zstd"
                )
            writers[(prov, y)].write_table(table, row_group_size=CHUNK_ROWS)
            del frame, table
    finally:
        for w in writers.values():
            w.close()
    (out / SYNTHETIC_MARKER).write_text(json.dumps({
        "synthetic": True, "generator": GENERATOR_VERSION, "seed": seed, "records": n_records,
        "note": "SYNTHETIC dossier records drawn by dtlib.records.synth; not real data",
    }, indent=2))
    return out
