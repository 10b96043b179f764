"""How a figure was printed: the `status` column of a delivery (docs/architecture.md, "Status").

Sources print more than plain numbers: a rank that is only a position in a published list, a range
such as `32–34`, a figure too malformed to read. Each has its own status so that none of them is
passed off as a stated figure, or hidden under `unparsed`.

>>> parse_range("32–34", "vi", None)
(32.0, 34.0, None)
>>> parse_range("34–32", "vi", None)[2]
('range_order', {})

Broken rules are i18n keys (`rule_<key>` in `dtlib.i18n.LABELS`) with their parameters, so the
loader can say them in the user's language.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from dtlib.data.numbers import parse_number
from dtlib.errors import NumberFormatError

Rule = tuple[str, dict[str, object]]
"""A broken rule: the i18n key (without `rule_`) and its parameters."""

STATUSES: tuple[str, ...] = ("ok", "unparsed", "list_order", "range")
"""`ok` stated; `unparsed` malformed in the source, raw text kept; `list_order` a rank that is the
position in a published list, the rank itself not stated; `range` a span such as `32–34`, kept as
value_low/value_high with no single value."""

USABLE_STATUSES: tuple[str, ...] = ("ok", "list_order")
"""Statuses whose single value analyses and reports may use (`Bundle.observations`)."""

RANGE_DASHES = re.compile(r"^(.*?\d[^–—−-]*?)\s*[–—−-]\s*(.+)$")
"""`32–34`, `32 - 34`, `1.586-1.700`: a first number (it may carry a sign), a dash, a second."""


def status_rule(status: str, unit: str) -> Rule | None:
    """Which statuses fit which indicators: a list position is only ever a rank."""
    if status == "list_order" and unit != "rank":
        return "status_list_order", {"unit": unit}
    return None


def _in_every_language(key: str, params: dict[str, object]) -> dict[str, str]:
    """A nested rule as a per-language parameter of the rule that quotes it."""
    from dtlib.i18n import LANGUAGES, rule_text

    return {language: rule_text(key, params, language) or key for language in LANGUAGES}


def parse_range(text: str, locale: str, check: Callable[[float], Rule | None] | None
                ) -> tuple[float | None, float | None, Rule | None]:
    """`32–34` → (32, 34, None): both ends in the locale, low ≤ high, each passing `check`.

    On failure the ends are None and the third item is the broken rule.
    """
    match = RANGE_DASHES.match(str(text).strip())
    if not match:
        return None, None, ("range_form", {})
    first, second = match.group(1).strip(), match.group(2).strip()
    if second.endswith("%") and not first.endswith("%"):
        first += "%"
    try:
        low, high = parse_number(first, locale), parse_number(second, locale)
    except NumberFormatError as exc:
        return None, None, ("range_end_number", {"rule": _in_every_language(exc.key, exc.params)})
    if any(end.qualifier != "eq" or end.numerator is not None for end in (low, high)):
        return None, None, ("range_plain", {})
    if low.value > high.value:
        return None, None, ("range_order", {})
    for end in (low.value, high.value):
        broken = check(end) if check else None
        if broken:
            return None, None, ("range_end", {"rule": _in_every_language(*broken)})
    return low.value, high.value, None
