"""Split typed dossier records into valid records and rejects, naming the rule each reject broke.

Every rule is an Ibis boolean expression, so the same checks run on DuckDB and on Spark.
A row that breaks several rules is listed once, under the first rule in `RULES` order (file,
row, column, value, rule). No row is dropped silently: `valid + rejects = input`, which the
CLI prints. Valid rows carry the procedure-catalog columns of the day they were received.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

from dtlib.records.load import SOURCE_FILE, SOURCE_ROW
from dtlib.records.schema import (
    BY_NAME,
    CHANNELS,
    COLUMNS,
    COUNT_COLUMNS,
    FLAG_COLUMNS,
    NAMES,
    ONLINE_PAYMENT_CODES,
    STATUS,
    STATUS_NOT_RECEIVED,
    STATUS_TERMINAL,
)

if TYPE_CHECKING:
    import ibis.expr.types as ir

UnitChecker = Callable[[str, str | None], str | None]
"""(province_code, district_code) → None when known, else the rule text to report."""

REJECT_COLUMNS = ("file", "row", "column", "value", "rule", "dossier_id")


@dataclass(frozen=True)
class Checked:
    """Lazy Ibis tables: every record with its `_broken` flag, the valid ones, the rejects."""

    marked: ir.Table
    valid: ir.Table
    rejects: ir.Table


def check_records(
    raw: ir.Table, catalog: pd.DataFrame, unit_checker: UnitChecker,
    unit_pairs: pd.DataFrame | None = None,
) -> Checked:
    """Apply every rule; see the module docstring.

    `unit_pairs` (distinct province/district codes) saves a scan when the caller has them.
    """
    import ibis

    cat = ibis.memtable(
        catalog[["procedure_code", "valid_from", "valid_to", "service_level", "fee_bearing",
                 "paper_result", "statutory_days"]].rename(columns={"procedure_code": "_cat_code"})
    )
    ref = raw.received_at.fill_null(raw.submitted_at)
    joined = raw.left_join(
        cat,
        [raw.procedure_code == cat._cat_code, ref >= cat.valid_from, ref < cat.valid_to],
    ).drop("_cat_code")
    # Duplicates and unit codes are found first, as small tables, so that the main query
    # reads each record once and keeps no copy of the records (DuckDB would materialise one).
    dup_ids = _duplicates(raw)
    dups = ibis.memtable(dup_ids.astype({"dossier_id": str, "_copies": "int64"})
                         .rename(columns={"dossier_id": "_dup_id"}))
    joined = joined.left_join(dups, joined.dossier_id == dups._dup_id).drop("_dup_id")
    units = (
        _unit_table(raw, unit_checker) if unit_pairs is None
        else unit_problems(unit_pairs, unit_checker)
    )
    joined = joined.left_join(
        units,
        [joined.province_code == units._u_province,
         joined.district_code.fill_null("") == units._u_district],
    ).drop("_u_province", "_u_district")

    rules = _rules(joined)
    # A rule whose condition is null (a blank optional field) is not broken; coalescing the
    # whole disjunction once is equivalent to coalescing each rule and much cheaper.
    broken = ibis.or_(*[cond for cond, _, _, _ in rules]).fill_null(False)
    keep = [SOURCE_FILE, SOURCE_ROW, *NAMES, "service_level", "fee_bearing", "paper_result",
            "statutory_days"]
    marked = joined.select(*keep, _broken=broken)
    valid = joined.filter(~broken).select(*keep)
    bad = joined.filter(broken)
    bad_rules = _rules(bad)
    rejects = bad.select(
        file=bad[SOURCE_FILE], row=bad[SOURCE_ROW],
        column=ibis.cases(*[(c, col) for c, col, _, _ in bad_rules], else_=ibis.null("string")),
        value=ibis.cases(*[(c, v.cast("string")) for c, _, v, _ in bad_rules],
                         else_=ibis.null("string")),
        rule=ibis.cases(*[(c, text) for c, _, _, text in bad_rules], else_=ibis.null("string")),
        dossier_id=bad.dossier_id,
    )
    return Checked(marked, valid, rejects)


def _duplicates(raw: ir.Table) -> pd.DataFrame:
    """Dossier codes present more than once, with their number of copies.

    On DuckDB, 64-bit hashes are grouped first (twice as fast as grouping the strings) and
    only the candidates are confirmed on the codes themselves, so the answer stays exact.
    """
    import ibis

    def repeated(t: ir.Table, key: ir.Value) -> ir.Table:
        return t.group_by(key).agg(_copies=ibis._.count()).filter(ibis._._copies > 1)

    if raw._find_backend().name == "duckdb":
        hashes = repeated(raw, raw.dossier_id.hash().name("_h")).execute()
        if hashes.empty:
            return pd.DataFrame({"dossier_id": [], "_copies": []})
        candidates = raw.filter(raw.dossier_id.hash().isin(hashes._h.tolist()))
        return repeated(candidates, candidates.dossier_id).execute()
    return repeated(raw, raw.dossier_id).execute()


def _unit_table(raw: ir.Table, unit_checker: UnitChecker) -> ir.Table:
    """Check each distinct (province, district) pair once in Python, not once per row."""

    pairs = raw.select("province_code", "district_code").distinct().execute()
    return unit_problems(pairs, unit_checker)


def unit_problems(pairs: pd.DataFrame, unit_checker: UnitChecker) -> ir.Table:
    """A small table naming the problem (or None) of each (province, district) code pair."""
    import ibis

    rows = []
    for prov, dist in pairs[["province_code", "district_code"]].itertuples(index=False):
        if prov is None or pd.isna(prov):
            continue
        dist = None if dist is None or pd.isna(dist) else str(dist)
        rows.append((str(prov), dist or "", unit_checker(str(prov), dist)))
    frame = pd.DataFrame(rows, columns=["_u_province", "_u_district", "_unit_problem"])
    if frame.empty:
        frame = frame.astype({"_u_province": str, "_u_district": str, "_unit_problem": str})
    return ibis.memtable(frame)


def _rules(t: ir.Table) -> list[tuple[Any, str, Any, str]]:
    """(condition, column, offending value, rule text), most basic first."""
    import ibis

    rules: list[tuple[Any, str, Any, str]] = []
    for col in COLUMNS:
        if f"{col.name}__raw" in t.columns:
            typed, raw = t[col.name], t[f"{col.name}__raw"]
            rules.append((
                raw.notnull() & typed.isnull(), _label(col.name), raw,
                f"is not a {_type_word(col.type)}",
            ))
    for name in NAMES:
        if BY_NAME[name].required:
            missing = t[name].isnull()
            if BY_NAME[name].type == "str":
                missing = missing | (t[name] == "")
            rules.append((missing, _label(name), t[name], "is required"))
    rules += [
        (~t.status.between(min(STATUS), max(STATUS)), _label("status"), t.status,
         "is not a TrangThaiHoSo code (1–10)"),
        (t.channel.notnull() & ~t.channel.isin(list(CHANNELS)), _label("channel"), t.channel,
         "is not a KenhThucHien code (1 in person, 2 online, 3 post; blank = in person)"),
        (t.online_payment.notnull() & ~t.online_payment.isin(list(ONLINE_PAYMENT_CODES)),
         _label("online_payment"), t.online_payment,
         "is not a DuocThanhToanTrucTuyen code (0, 1, 2, 3)"),
    ]
    for name in FLAG_COLUMNS:
        rules.append((t[name].notnull() & ~t[name].isin([0, 1]), _label(name), t[name],
                      "is not 0 or 1"))
    for name in (*COUNT_COLUMNS, "fee_total"):
        rules.append((t[name] < 0, _label(name), t[name], "is negative"))
    for part, whole in (("results_electronic", "results_total"),
                        ("documents_digitised", "documents_total"),
                        ("documents_reused", "documents_total"),
                        ("documents_from_store", "documents_total")):
        rules.append((t[part] > t[whole].fill_null(0), _label(part), t[part],
                      f"exceeds {_label(whole)}"))
    received = ~t.status.isin(list(STATUS_NOT_RECEIVED))
    rules += [
        (received & t.received_at.isnull(), _label("received_at"), t.received_at,
         "is required for a received dossier (TrangThaiHoSo not 1 or 3)"),
        (t.received_at.isnull() & t.submitted_at.isnull(), _label("submitted_at"),
         t.submitted_at, "is required when NgayTiepNhan is blank (the dossier needs a date)"),
        (t.submitted_at > t.received_at, _label("submitted_at"), t.submitted_at,
         "dates out of order: NgayNopHoSo is after NgayTiepNhan"),
        (t.due_at < t.received_at, _label("due_at"), t.due_at,
         "dates out of order: NgayHenTra is before NgayTiepNhan"),
        (t.finished_at < t.received_at, _label("finished_at"), t.finished_at,
         "dates out of order: NgayKetThucXuLy is before NgayTiepNhan"),
        (t.status.isin(list(STATUS_TERMINAL)) & t.finished_at.isnull(), _label("finished_at"),
         t.status, "is required for an end state (TrangThaiHoSo 7–10)"),
        (t.supplement_requested_at < t.received_at, _label("supplement_requested_at"),
         t.supplement_requested_at, "dates out of order: supplement requested before NgayTiepNhan"),
        (t.supplement_received_at < t.supplement_requested_at, _label("supplement_received_at"),
         t.supplement_received_at, "dates out of order: supplement received before requested"),
        (t.supplement_received_at.notnull() & t.supplement_requested_at.isnull(),
         _label("supplement_requested_at"), t.supplement_received_at,
         "is required when NgayTiepNhanBoSung is set"),
        ((t.supplement_count.fill_null(0) > 0) & t.supplement_requested_at.isnull(),
         _label("supplement_requested_at"), t.supplement_count,
         "is required when SoLanYeuCauBoSung > 0"),
        (t._unit_problem.notnull() & (t._unit_problem != ""), _label("province_code"),
         t.province_code + ibis.literal("/") + t.district_code.fill_null(""), t._unit_problem),
        (t.service_level.isnull(), _label("procedure_code"), t.procedure_code,
         "unknown MaTTHC: not in the procedure catalog on the dossier's date"),
        (t._copies.notnull(), _label("dossier_id"), t.dossier_id,
         "duplicate MaHoSo: every copy is rejected (which one is right cannot be told)"),
    ]
    return [(cond.fill_null(False), col, val, text) for cond, col, val, text in rules]


def _label(name: str) -> str:
    return f"{name} ({BY_NAME[name].sync_name})"


def _type_word(kind: str) -> str:
    return {"int": "whole number", "float": "number",
            "timestamp": "date-time (yyyyMMddHHmmss or ISO)"}[kind]
