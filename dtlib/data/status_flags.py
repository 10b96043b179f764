"""How a figure was printed: the `status` column of a delivery (docs/architecture.md, "Status").

Sources print more than plain numbers: a rank that is only a position in a published list, a range
such as `32–34`, a figure too malformed to read. Each has its own status so that none of them is
passed off as a stated figure, or hidden under `unparsed`.

>>> parse_range("32–34", "vi", None)
(32.0, 34.0, None)
>>> parse_range("34–32", "vi", None)[2]
'starts above its end: write low–high'
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dtlib.data.numbers import parse_number
from dtlib.errors import NumberFormatError

STATUSES: tuple[str, ...] = ("ok", "unparsed", "list_order", "range")
"""`ok` stated; `unparsed` malformed in the source, raw text kept; `list_order` a rank that is the
position in a published list, the rank itself not stated; `range` a span such as `32–34`, kept as
value_low/value_high with no single value."""

USABLE_STATUSES: tuple[str, ...] = ("ok", "list_order")
"""Statuses whose single value analyses and reports may use (`Bundle.observations`)."""

RANGE_DASHES = re.compile(r"^(.*?\d[^–—−-]*?)\s*[–—−-]\s*(.+)$")
"""`32–34`, `32 - 34`, `1.586-1.700`: a first number (it may carry a sign), a dash, a second."""


def status_rule(status: str, unit: str) -> str | None:
    """Which statuses fit which indicators: a list position is only ever a rank."""
    if status == "list_order" and unit != "rank":
        return f"is only for rank indicators (a position in a published list), not {unit}"
    return None


def parse_range(text: str, locale: str, check: Callable[[float], str | None] | None
                ) -> tuple[float | None, float | None, str | None]:
    """`32–34` → (32, 34, None): both ends in the locale, low ≤ high, each passing `check`.

    On failure the ends are None and the third item is the broken rule.
    """
    match = RANGE_DASHES.match(str(text).strip())
    if not match:
        return None, None, "is not a range: write low–high (e.g. 32–34) when status is range"
    first, second = match.group(1).strip(), match.group(2).strip()
    if second.endswith("%") and not first.endswith("%"):
        first += "%"
    try:
        low, high = parse_number(first, locale), parse_number(second, locale)
    except NumberFormatError as exc:
        return None, None, f"has an end that is not a number: {exc.rule}"
    if any(end.qualifier != "eq" or end.numerator is not None for end in (low, high)):
        return None, None, "must be two plain numbers (no 'trên', no ratio) when status is range"
    if low.value > high.value:
        return None, None, "starts above its end: write low–high"
    for end in (low.value, high.value):
        rule = check(end) if check else None
        if rule:
            return None, None, f"has an end that {rule}"
    return low.value, high.value, None
