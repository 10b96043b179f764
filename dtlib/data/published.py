"""When each figure became public, and what was known on a given date.

A report for 2024Q1 rendered today can show a DTI 2023 rank published in 2025; a report as the
team saw it at the end of March 2024 cannot. Every observation carries `published` (its row's own
date, else its source's, see `dtlib.data.datasets.load_bundle`), and `known_at` keeps what was public
on a day.

Undated figures (the source prints no day, e.g. an undated seed article) are not dropped: that
would silently empty most views. They are kept when the date they describe (`ref_date`) is on or
before the day, i.e. "shown by their reference date", and counted (`undated`) so every page says
how many figures were placed in time that way. A dated figure is placed by its publication date only.

>>> import pandas as pd
>>> rows = pd.DataFrame({"value": [1.0, 2.0, 3.0, 4.0],
...                      "ref_date": pd.to_datetime(["2023-12-31", "2024-06-30", "2023-12-31", "2025-06-30"]),
...                      "published": pd.to_datetime(["2024-03-20", "2025-10-15", None, None])})
>>> known_at(rows, "2024-12-31")["value"].tolist()
[1.0, 3.0]
>>> undated(known_at(rows, "2024-12-31"))
1
"""

from __future__ import annotations

from datetime import date

import pandas as pd


def _day(day: date | str | pd.Timestamp) -> pd.Timestamp:
    return pd.Timestamp(day).normalize()


def public_by(frame: pd.DataFrame, day: date | str | pd.Timestamp) -> pd.Series:
    """Which rows were public on `day`: published by then, or undated and describing a date by then.

    Rows with neither a publication date nor a `ref_date` column (catalog targets) are kept when
    undated: a target has no reference date before its deadline, and `undated` still counts them.
    """
    published = pd.to_datetime(frame["published"])
    cut = _day(day)
    if "ref_date" in frame:
        by_reference = pd.to_datetime(frame["ref_date"]) <= cut
    else:
        by_reference = pd.Series(True, index=frame.index)
    return (published.notna() & (published <= cut)) | (published.isna() & by_reference)


def known_at(frame: pd.DataFrame, day: date | str | pd.Timestamp) -> pd.DataFrame:
    """Rows of `frame` public on `day` (see `public_by`); the rule is the module docstring's."""
    if frame.empty or "published" not in frame:
        return frame
    return frame[public_by(frame, day)].reset_index(drop=True)


def undated(frame: pd.DataFrame) -> int:
    """How many rows of `frame` have no publication date (shown by their reference date)."""
    if frame.empty or "published" not in frame:
        return 0
    return int(pd.to_datetime(frame["published"]).isna().sum())


def latest_published(frame: pd.DataFrame) -> date | None:
    """The latest publication date in `frame` (what "as published by" means for a full view)."""
    if frame.empty or "published" not in frame:
        return None
    latest = pd.to_datetime(frame["published"]).max()
    return None if pd.isna(latest) else latest.date()
