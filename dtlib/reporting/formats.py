"""How the report writes a target: the comparator as people write it (`≥ 50 %`).

One table for every section (brief, detail, forecasts, appendix), so a target reads the same
wherever it appears.
"""

from __future__ import annotations

from dtlib.tables import format_value

COMPARATOR_TEXT: dict[str, str] = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "="}
"""Catalog comparators (`dtlib.data.catalog`) as printed before a target value."""


def target_text(value: float, comparator: str, unit: str, language: str) -> str:
    """`≥ 50 %`: a target with its comparator."""
    sign = COMPARATOR_TEXT.get(str(comparator), "")
    return f"{sign} {format_value(value, unit, language)}".strip()


def comparator_of(table_target_text: str) -> str:
    """The comparator at the head of `latest_table`'s `target_text` (`>= 80 %` → `>=`)."""
    head = str(table_target_text).split(" ", 1)[0]
    return head if head in COMPARATOR_TEXT else ">="
