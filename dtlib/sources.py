"""The sources table: every figure in dtlib points to one row here.

A source id that a dataset uses but this table lacks is a validation error, so a number can
never reach a reader without a citation.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dtlib.errors import Problem, ValidationError

SOURCE_COLUMNS: tuple[str, ...] = (
    "source_id", "outlet", "title", "published", "author", "locator", "kind", "licence", "note",
)
SOURCE_KINDS: tuple[str, ...] = ("news", "official", "reference", "derived", "synthetic")


def load_sources(path: Path) -> pd.DataFrame:
    """Read `data/sources.csv`, checking columns, kinds and unique ids (all problems at once)."""
    file = str(path)
    frame = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    problems: list[Problem] = []
    for column in SOURCE_COLUMNS:
        if column not in frame.columns:
            problems.append(Problem(file, None, column, None, "column is missing"))
    if problems:
        raise ValidationError(problems)
    for index, row in frame.iterrows():
        row_no = int(index) + 2
        if not row["source_id"]:
            problems.append(Problem(file, row_no, "source_id", "", "is required"))
        if row["kind"] not in SOURCE_KINDS:
            problems.append(Problem(file, row_no, "kind", row["kind"], f"must be one of {SOURCE_KINDS}"))
        if not row["locator"]:
            problems.append(Problem(file, row_no, "locator", "", "is required (seed file or URL)"))
    duplicated = frame["source_id"][frame["source_id"].duplicated()]
    for source_id in duplicated:
        problems.append(Problem(file, None, "source_id", source_id, "is used by more than one row"))
    if problems:
        raise ValidationError(problems)
    return frame.set_index("source_id", drop=False)
