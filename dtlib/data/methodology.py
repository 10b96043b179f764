"""Which methodology (definition version) each figure was measured under, from the catalog.

The DTI moved from 1726/QĐ-BTTTT (2020) to 922/QĐ-BTTTT (2021–2023 editions) and 405/QĐ-BKHCN
(2024 edition); the Decision 766 index gained a sixth group. A change of methodology is not
progress, so every observation carries `method_version` (from the indicator's
`definition_history`, by the year of its period), charts break their lines where it changes, and
the progress assessment and forecasts use only the figures of the latest version.

>>> history = ({"from": "2021", "to": "2023", "version": "922"}, {"from": "2024", "to": None, "version": "405"})
>>> version_for(history, 2022), version_for(history, 2026), version_for(history, 2020)
('922', '405', None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

COLUMN = "method_version"
"""Observation column holding the definition version a figure was measured under ("" = unstated)."""


def _year(text: object) -> int | None:
    if text in (None, ""):
        return None
    return int(str(text)[:4])


def version_for(history: Iterable[Mapping[str, Any]], year: int) -> str | None:
    """The `version` of the history entry covering `year` (None when none states one)."""
    for entry in history:
        start, end = _year(entry.get("from")), _year(entry.get("to"))
        if (start is None or year >= start) and (end is None or year <= end) and entry.get("version"):
            return str(entry["version"])
    return None


def with_versions(observations: pd.DataFrame, histories: Mapping[str, Iterable[Mapping[str, Any]]]) -> pd.DataFrame:
    """`observations` plus `method_version` for each row (its indicator's version in its period's year)."""
    if observations.empty or "indicator" not in observations:
        return observations.assign(**{COLUMN: pd.Series(dtype="string")})
    years = pd.to_datetime(observations["period_end"]).dt.year
    keys = pd.DataFrame({"indicator": observations["indicator"], "year": years}).drop_duplicates()
    lookup = {(code, year): version_for(histories.get(code, ()), int(year)) or ""
              for code, year in keys.itertuples(index=False)}
    versions = [lookup[(code, year)] for code, year in zip(observations["indicator"], years, strict=True)]
    return observations.assign(**{COLUMN: pd.Series(versions, index=observations.index, dtype="string")})


def latest_version_only(rows: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """The rows measured under the version of the latest row, and how many other rows were left out.

    Without a `method_version` column, or when the latest row states no version, all rows are kept;
    otherwise a row of another or of an unstated version is left out (it may be another method).
    """
    if rows.empty or COLUMN not in rows:
        return rows, 0
    versions = rows[COLUMN].fillna("")
    latest = versions.loc[pd.to_datetime(rows["ref_date"]).idxmax()]
    if latest == "":
        return rows, 0
    keep = versions.eq(latest)
    return rows.loc[keep], int((~keep).sum())


def segments(rows: pd.DataFrame) -> list[pd.DataFrame]:
    """`rows` (sorted by date) cut wherever the methodology version changes: one line each."""
    if rows.empty or COLUMN not in rows:
        return [rows]
    versions = rows[COLUMN].astype(object).fillna("").replace("", None).ffill().fillna("")
    run = versions.ne(versions.shift()).astype(int).cumsum()
    return [part for _, part in rows.groupby(run, sort=False)]
