"""`find`: search the indicator catalog the way people type, in Vietnamese or English.

Matching folds diacritics and case on both sides ("ho so truc tuyen" finds "hồ sơ trực tuyến"),
and every word of the query must appear in the code, the Vietnamese or the English name, or the
definition; hits in the names rank before hits only in the definition.
"""

from __future__ import annotations

import re

import pandas as pd

from dtlib.data.catalog import Catalog
from dtlib.data.units import to_ascii

FIND_COLUMNS: tuple[str, ...] = ("code", "name_vi", "name_en", "pillar", "unit", "direction", "aggregation")


def fold(text: str) -> str:
    """Lower-case ASCII words separated by single spaces (`Tỉ lệ_hồ sơ` → `ti le ho so`)."""
    return re.sub(r"[^a-z0-9%]+", " ", to_ascii(str(text)).lower()).strip()


def find_in(catalog: Catalog, query: str) -> pd.DataFrame:
    """Matching catalog rows, best first (columns FIND_COLUMNS plus `matched_in`)."""
    words = fold(query).split()
    rows = []
    for indicator in catalog:
        names = f" {fold(indicator.code)} {fold(indicator.name_vi)} {fold(indicator.name_en)} "
        definition = f" {fold(indicator.definition)} "
        if not words or not all(w in names or w in definition for w in words):
            continue
        in_names = sum(w in names for w in words)
        whole = sum(f" {w} " in names for w in words)
        rows.append({**{c: getattr(indicator, c) for c in FIND_COLUMNS},
                     "matched_in": "name" if in_names == len(words) else "definition",
                     "_rank": (-in_names, -whole, indicator.code)})
    if not rows:
        return pd.DataFrame(columns=[*FIND_COLUMNS, "matched_in"])
    frame = pd.DataFrame(rows).sort_values("_rank", kind="stable").drop(columns="_rank")
    return frame.reset_index(drop=True)


def find(query: str, source: object = None, *, with_data: bool = False) -> pd.DataFrame:
    """Indicators matching `query` (Vietnamese with or without diacritics, or English).

    `source`: a Bundle or a Catalog (default: the project's catalog). With a Bundle, the column
    `n_figures` counts its actual figures per indicator; `with_data=True` keeps only those with some.
    """
    from dtlib.data.datasets import Bundle, load_reference

    bundle = source if isinstance(source, Bundle) else None
    catalog = bundle.catalog if bundle else source if isinstance(source, Catalog) else load_reference()[0]
    hits = find_in(catalog, query)
    if bundle is not None:
        counts = bundle.actuals["indicator"].value_counts()
        hits = hits.assign(n_figures=hits["code"].map(counts).fillna(0).astype(int))
        if with_data:
            hits = hits[hits["n_figures"] > 0].reset_index(drop=True)
    return hits
