"""The pieces of `dtlib add` that keep `data/` tidy: safe names, a small registry diff, no repeats.

`data/datasets.yaml` is read by people as well as by dtlib, so adding a delivery must keep its
comments and formatting and change it by exactly the new entry (ruamel.yaml round-trip, not a
re-dump). A dataset name becomes a file name under `data/observations/`, so it is a slug and never
a path. A delivery that says again what `data/` already holds for the same key and source is
refused, naming both rows: the data team decides which figure stands (see
docs/architecture.md, "Repeated figures").
"""

from __future__ import annotations

import io
import re

import pandas as pd
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from dtlib.errors import CatalogError, DtlibError, Problem

NAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
"""Dataset names: lower-case letters, digits, `_` and `-`, starting with a letter or digit."""

KEY_COLUMNS: tuple[str, ...] = ("unit_id", "indicator", "period", "kind", "source_id")
"""What makes two rows the same figure (the loader's within-file duplicate rule, across files)."""


class DatasetNameError(DtlibError, ValueError):
    """A `--name` that is not a safe dataset name."""


def check_name(name: str) -> str:
    """Return `name` if it is a dataset slug; raise `DatasetNameError` saying what to write."""
    if not isinstance(name, str) or not NAME_PATTERN.fullmatch(name):
        raise DatasetNameError(
            f"dataset name {name!r} is not allowed: use 1–64 lower-case letters, digits, '_' or '-', "
            f"starting with a letter or digit (e.g. binh_duong_2025q1); it becomes the file name "
            f"data/observations/<name>.<ext>")
    return name


def _yaml() -> YAML:
    yaml = YAML()  # round-trip: keeps comments, quotes and key order
    yaml.preserve_quotes = True
    yaml.width = 1_000_000  # never re-wrap a long description
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def registry_with_entry(text: str, entry: dict[str, str], file: str = "data/datasets.yaml") -> str:
    """The registry text with `entry` appended to `observations`, everything else untouched."""
    yaml = _yaml()
    try:
        document = yaml.load(text)
    except YAMLError as exc:
        raise CatalogError(f"{file} is not valid YAML: {exc}") from None
    if document is None or "observations" not in document:
        raise CatalogError(f"{file}: expected a key 'observations' holding a list")
    if document["observations"] is None:
        document["observations"] = []
    document["observations"].append(
        {key: DoubleQuotedScalarString(value) for key, value in entry.items()})
    out = io.StringIO()
    yaml.dump(document, out)
    return out.getvalue()


def _signature(frame: pd.DataFrame) -> pd.Series:
    """What a row says: its value, or its printed text when it has none (unparsed, range)."""
    value = frame["value"].map(lambda v: "" if pd.isna(v) else repr(float(v)))
    return value.where(value != "", frame["value_raw"].astype(str))


def repeated_figures(new: pd.DataFrame, existing: pd.DataFrame, file: str) -> list[Problem]:
    """Rows of `new` whose key and source `existing` already holds (same or another value)."""
    if new.empty or existing.empty:
        return []
    left = new.assign(signature=_signature(new))
    right = existing.assign(signature=_signature(existing))
    pairs = left.merge(right, on=list(KEY_COLUMNS), suffixes=("", "_old"))
    problems = []
    for pair in pairs.itertuples(index=False):
        where = f"{pair.file_old} row {pair.row_old}"
        if pair.signature == pair.signature_old:
            rule = (f"is already in {where} (same unit, indicator, period, kind and source): "
                    f"remove the repeated row")
        else:
            rule = (f"contradicts {where}, which has {pair.value_raw_old!r} for the same unit, "
                    f"indicator, period, kind and source: correct one of the two files")
        problems.append(Problem(file, int(pair.row), "value", pair.value_raw, rule))
    return problems
