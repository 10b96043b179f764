"""The same 766 sums written the way a pandas analyst would: the benchmark's reference.

Not used by dtlib itself, so it lives with the benchmark (the tests import it through pytest's
`pythonpath`). It reads every record into memory, applies the same validity rules as
`dtlib.records.validate` (as one mask, without the reject listing), joins the catalog and loops
over periods; the benchmark checks its sums equal the engine's before timing anything.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from dtlib.records.definitions import COUNT_COLUMNS, SECONDS_PER_DAY, Options
from dtlib.records.indicators import GROUP_KEYS, PeriodKind, period_frame
from dtlib.records.load import parquet_files
from dtlib.records.schema import (
    CHANNELS,
    NAMES,
    ONLINE_PAYMENT_CODES,
    ONLINE_PAYMENT_PAID,
    STATUS,
    STATUS_COMPLETED,
    STATUS_NOT_RECEIVED,
    STATUS_TERMINAL,
    STATUS_WITHDRAWN,
)
from dtlib.records.schema import (
    COUNT_COLUMNS as RECORD_COUNTS,
)
from dtlib.records.unitmap import check_unit_codes


def pandas_sums(
    records_path: str | Path, catalog: pd.DataFrame, kind: PeriodKind = "quarter",
    options: Options | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(sums per province, district, commune and period; the periods), as the engine's."""
    options = options or Options()
    df = pd.concat(
        [pd.read_parquet(f, columns=list(NAMES)) for f in parquet_files(Path(records_path))],
        ignore_index=True,
    )
    last = max(df.received_at.max(), df.finished_at.max())
    periods = period_frame(kind, df.received_at.min().date(), last.date())
    pairs = df[["province_code", "district_code"]].drop_duplicates()
    known = set()
    for prov, dist in pairs.itertuples(index=False):
        dist = dist if isinstance(dist, str) else None
        if isinstance(prov, str) and check_unit_codes(prov, dist) is None:
            known.add((prov, dist or ""))
    df = _valid(df, catalog, known)
    parts = [_period_flags(df, p, options) for p in periods.itertuples(index=False)]
    flags = pd.concat(parts, ignore_index=True)
    sums = flags.groupby(list(GROUP_KEYS), dropna=False, as_index=False)[
        list(COUNT_COLUMNS)].sum()
    return sums, periods


def _valid(
    df: pd.DataFrame, catalog: pd.DataFrame, known_units: set[tuple[str, str]]
) -> pd.DataFrame:
    ref = df.received_at.fillna(df.submitted_at)
    df = df.assign(_ref=ref, _row=np.arange(len(df)))
    merged = df.merge(catalog.drop(columns=["synthetic"], errors="ignore"),
                      on="procedure_code", how="left")
    in_window = (merged._ref >= merged.valid_from) & (merged._ref < merged.valid_to)
    merged = merged[in_window.fillna(False)]
    df = df.merge(merged[["_row", "service_level", "fee_bearing", "paper_result",
                          "statutory_days"]], on="_row", how="left")
    bad = df[["dossier_id", "procedure_code", "province_code", "status"]].isna().any(axis=1)
    bad |= ~df.status.isin(list(STATUS))
    bad |= df.channel.notna() & ~df.channel.isin(list(CHANNELS))
    bad |= df.online_payment.notna() & ~df.online_payment.isin(list(ONLINE_PAYMENT_CODES))
    for c in ("has_digitised_component", "vneid_authenticated"):
        bad |= df[c].notna() & ~df[c].isin([0, 1])
    for c in (*RECORD_COUNTS, "fee_total"):
        bad |= df[c] < 0
    bad |= df.results_electronic > df.results_total.fillna(0)
    for c in ("documents_digitised", "documents_reused", "documents_from_store"):
        bad |= df[c] > df.documents_total.fillna(0)
    received = ~df.status.isin(list(STATUS_NOT_RECEIVED))
    bad |= received & df.received_at.isna()
    bad |= df.received_at.isna() & df.submitted_at.isna()
    bad |= df.submitted_at > df.received_at
    bad |= df.due_at < df.received_at
    bad |= df.finished_at < df.received_at
    bad |= df.status.isin(list(STATUS_TERMINAL)) & df.finished_at.isna()
    bad |= df.supplement_requested_at < df.received_at
    bad |= df.supplement_received_at < df.supplement_requested_at
    bad |= df.supplement_received_at.notna() & df.supplement_requested_at.isna()
    bad |= (df.supplement_count.fillna(0) > 0) & df.supplement_requested_at.isna()
    bad |= df.service_level.isna()
    bad |= df.duplicated("dossier_id", keep=False)
    pairs = pd.MultiIndex.from_arrays([df.province_code, df.district_code.fillna("")])
    bad |= ~pairs.isin(list(known_units))
    return df[~bad].drop(columns=["_ref", "_row"])


def _seconds(s: pd.Series) -> pd.Series:
    return s.astype("datetime64[us]").astype("int64").where(s.notna()) // 1_000_000


def _period_flags(df: pd.DataFrame, p: object, options: Options) -> pd.DataFrame:
    p_start, p_end = p.p_start, p.p_end  # type: ignore[attr-defined]
    terminal = df.status.isin(list(STATUS_TERMINAL))
    active = (df.received_at.notna() & ~df.status.isin(list(STATUS_NOT_RECEIVED))
              & (df.received_at < p_end)
              & (df.finished_at.isna() | ~terminal | (df.finished_at >= p_start)))
    d = df[active]
    terminal = terminal[active]
    recv, fin = _seconds(d.received_at), _seconds(d.finished_at)
    req, back = _seconds(d.supplement_requested_at), _seconds(d.supplement_received_at)
    ps, pe = pd.Timestamp(p_start).value // 10**9, pd.Timestamp(p_end).value // 10**9
    done_in = terminal & (fin < pe)
    pending = req.notna() & (req < pe) & (back.isna() | (back >= pe))
    end = np.select([done_in, pending], [fin, req], default=pe)
    end = pd.Series(end, index=d.index).astype("float64")
    paused = np.where(back.notna() & (back <= end), back - req, 0)
    deadline = _seconds(d.due_at).fillna(recv + (d.statutory_days * SECONDS_PER_DAY)
                                         .astype("int64"))
    elapsed_end = end - paused
    if options.on_time_granularity == "day":
        within = (elapsed_end // SECONDS_PER_DAY) <= (deadline // SECONDS_PER_DAY)
    else:
        within = elapsed_end <= deadline
    on_time = within & ~(d.supplement_count.fillna(0) > options.max_supplement_requests)
    if options.withdrawn_on_time:
        on_time |= done_in & (d.status == STATUS_WITHDRAWN)
    received_in = (recv >= ps) & (recv < pe)
    has_e = d.results_electronic.fillna(0) > 0
    e_ok = (not p.e_result_rule) | ~d.paper_result.astype(bool) | has_e  # type: ignore[attr-defined]
    online = received_in & (d.channel.fillna(1) == 2) & e_ok
    full_eligible = received_in & (d.service_level == "full_online")
    zero_fee = (d.fee_lines.fillna(0) > 0) & (d.fee_total.fillna(0) == 0)
    pay_due = received_in & d.fee_bearing.astype(bool) & ~zero_fee
    completed = d.status.isin(list(STATUS_COMPLETED))
    completed_in = completed & (fin >= ps) & (fin < pe)
    full_pause = (back - req).fillna(0)
    eresult_due = completed_in & d.paper_result.astype(bool)
    store = d.documents_from_store.fillna(0) > 0
    out = d[["province_code", "district_code", "commune_code"]].assign(
        period=p.period,  # type: ignore[attr-defined]
        n_active=1,
        n_on_time=on_time, n_received=received_in, n_online=online,
        n_full_eligible=full_eligible, n_full_online=full_eligible & online,
        n_pay_due=pay_due, n_paid_online=pay_due & d.online_payment.isin(list(ONLINE_PAYMENT_PAID)),
        n_completed=completed_in,
        processing_seconds=np.where(completed_in, fin - recv - full_pause, 0),
        n_eresult_due=eresult_due, n_eresult=eresult_due & has_e,
        n_digitised=received_in & (d.documents_digitised.fillna(0) > 0)
        & (~d.paper_result.astype(bool) | ~completed | has_e),
        n_reused=received_in & ((d.has_digitised_component.fillna(0) == 1)
                                | (d.documents_reused.fillna(0) > 0)),
        n_from_store=received_in & store,
        n_population_db=received_in & ((d.vneid_authenticated.fillna(0) == 1) | store),
    )
    return out.astype({c: "int64" for c in COUNT_COLUMNS})
