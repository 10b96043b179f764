"""When each figure became public, and what was known on a given date.

A report for 2024Q1 rendered today can show a DTI 2023 rank published in 2025; a report as the
team saw it in April 2024 cannot. Every observation carries `published` (its row's own date,
else its source's, see `dtlib.datasets.load_bundle`), and `known_at` keeps what was public on a
date. A figure whose source states no date is left out of any `known_at` view, because nothing
shows it was public by then; `undated` counts them so a page can say so.

>>> import pandas as pd
>>> rows = pd.DataFrame({"value": [1.0, 2.0, 3.0],
...                      "published": pd.to_datetime(["2024-03-20", "2025-10-15", None])})
>>> known_at(rows, "2024-12-31")["value"].tolist()
[1.0]
>>> undated(rows)
1
"""

from __future__ import annotations

from datetime import date

import pandas as pd


def _day(day: date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def known_at(frame: pd.DataFrame, day: date | str | pd.Timestamp) -> pd.DataFrame:
    """Rows of `frame` published on or before `day` (rows without a date are left out)."""
    if frame.empty or "published" not in frame:
        return frame
    published = pd.to_datetime(frame["published"])
    return frame[published.notna() & (published <= _day(day))].reset_index(drop=True)


def undated(frame: pd.DataFrame) -> int:
    """How many rows of `frame` have no publication date."""
    if frame.empty or "published" not in frame:
        return 0
    return int(pd.to_datetime(frame["published"]).isna().sum())


def latest_published(frame: pd.DataFrame) -> date | None:
    """The latest publication date in `frame` (what "as published by" means for a full view)."""
    if frame.empty or "published" not in frame:
        return None
    latest = pd.to_datetime(frame["published"]).max()
    return None if pd.isna(latest) else latest.date()
