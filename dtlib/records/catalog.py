"""The procedure catalog: what each TTHC offers online, whether it bears a fee or returns paper.

Dossier records say *how* a dossier was handled; whether that counts (an online dossier of a
procedure returning a paper result needs an e-result, a fee of zero leaves the payment
denominator) depends on the procedure as catalogued on the day the dossier was received.
This module reads and checks the catalog; joining happens in `dtlib.records.indicators`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dtlib.errors import Problem, ValidationError
from dtlib.records.schema import CATALOG_COLUMNS, SERVICE_LEVELS

OPEN_END = pd.Timestamp("2262-01-01")
"""Stand-in for an open `valid_to`, so the date join needs no null handling on any engine."""


def load_catalog(path: str | Path) -> pd.DataFrame:
    """Read a procedure catalog CSV and report every broken rule at once.

    Columns: `procedure_code, valid_from, valid_to (exclusive, blank = open), service_level
    (full_online / partly_online / none), fee_bearing (0/1), paper_result (0/1),
    statutory_days`, optionally `synthetic (0/1)` and `name`.
    """
    path = Path(path)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    return check_catalog(raw, str(path))


def check_catalog(raw: pd.DataFrame, file: str = "<catalog>") -> pd.DataFrame:
    """Validate and type a raw (all-text) catalog frame."""
    missing = [c for c in CATALOG_COLUMNS if c not in raw.columns]
    if missing:
        raise ValidationError(
            [Problem(file, None, c, None, "required catalog column is missing") for c in missing]
        )
    problems: list[Problem] = []
    out = pd.DataFrame({"procedure_code": raw["procedure_code"].astype(str).str.strip()})
    for col in ("valid_from", "valid_to"):
        text = raw[col].astype(str).str.strip()
        parsed = pd.to_datetime(text.where(text != ""), format="%Y-%m-%d", errors="coerce")
        bad = parsed.isna() & (text != "")
        if col == "valid_from":
            bad |= text == ""
        problems += _problems(file, raw, col, bad, "is not a date YYYY-MM-DD")
        out[col] = parsed
    out["valid_to"] = out["valid_to"].fillna(OPEN_END)
    level = raw["service_level"].astype(str).str.strip()
    problems += _problems(
        file, raw, "service_level", ~level.isin(SERVICE_LEVELS),
        f"is not a service level ({', '.join(sorted(SERVICE_LEVELS))})",
    )
    out["service_level"] = level
    for col in ("fee_bearing", "paper_result"):
        text = raw[col].astype(str).str.strip()
        problems += _problems(file, raw, col, ~text.isin({"0", "1"}), "is not 0 or 1")
        out[col] = text == "1"
    days = pd.to_numeric(raw["statutory_days"], errors="coerce")
    problems += _problems(
        file, raw, "statutory_days", days.isna() | (days <= 0), "is not a positive number of days"
    )
    out["statutory_days"] = days.astype("float64")
    out["synthetic"] = (
        raw["synthetic"].astype(str).str.strip() == "1" if "synthetic" in raw else False
    )
    problems += _problems(
        file, raw, "procedure_code", out["procedure_code"] == "", "is empty"
    )
    ok = out["valid_from"].notna()
    problems += _problems(
        file, raw, "valid_to", ok & (out["valid_to"] <= out["valid_from"]),
        "is not after valid_from (valid_to is exclusive)",
    )
    problems += _overlaps(file, raw, out[ok])
    if problems:
        raise ValidationError(problems)
    return out


def _problems(
    file: str, raw: pd.DataFrame, column: str, bad: pd.Series, rule: str
) -> list[Problem]:
    # CSV line numbers: header is line 1, so frame index i is line i + 2.
    return [Problem(file, int(i) + 2, column, raw.at[i, column], rule) for i in raw.index[bad]]


def _overlaps(file: str, raw: pd.DataFrame, cat: pd.DataFrame) -> list[Problem]:
    """Two rows of one procedure valid on the same day would double-count its dossiers."""
    problems = []
    ordered = cat.sort_values(["procedure_code", "valid_from"])
    prev_code, prev_to = None, None
    for i, row in ordered.iterrows():
        if row.procedure_code == prev_code and row.valid_from < prev_to:
            problems.append(
                Problem(file, int(i) + 2, "valid_from", raw.at[i, "valid_from"],
                        "overlaps the previous validity window of the same procedure_code")
            )
        prev_code, prev_to = row.procedure_code, row.valid_to
    return problems
