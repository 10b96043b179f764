"""Read and write figures the way Vietnamese (and English) sources print them.

In Vietnamese sources `1.586` is one thousand five hundred and eighty-six and `86,3%` is 86.3 %.
Guessing between the two conventions is how dashboards end up a thousand times off, so every
call names its locale and anything that does not fit that locale exactly is refused with the
rule it broke. Nothing here reads files.

>>> parse_number("1.586", "vi").value
1586.0
>>> parse_number("86,3%", "vi").value
86.3
>>> p = parse_number("1.586/1.887", "vi"); (p.numerator, p.denominator)
(1586.0, 1887.0)
>>> format_number(1586, "vi"), format_number(86.3, "vi", decimals=1, percent=True)
('1.586', '86,3 %')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from dtlib.errors import NumberFormatError

Locale = Literal["vi", "en"]
LOCALES: tuple[str, ...] = ("vi", "en")

SEPARATORS: dict[str, tuple[str, str]] = {"vi": (".", ","), "en": (",", ".")}
"""(thousands separator, decimal mark) per locale."""

QUALIFIER_WORDS: dict[str, str] = {
    "trên": "gt",
    "hơn": "gt",
    "hơn là": "gt",
    "over": "gt",
    "more than": "gt",
    ">": "gt",
    "dưới": "lt",
    "under": "lt",
    "less than": "lt",
    "<": "lt",
    "khoảng": "approx",
    "gần": "approx",
    "xấp xỉ": "approx",
    "about": "approx",
    "around": "approx",
    "nearly": "approx",
    "~": "approx",
}
"""Words sources put before a figure; kept as a qualifier instead of being thrown away."""

SCALE_WORDS: dict[str, float] = {
    "nghìn": 1e3,
    "ngàn": 1e3,
    "thousand": 1e3,
    "triệu": 1e6,
    "million": 1e6,
    "tỷ": 1e9,
    "tỉ": 1e9,
    "billion": 1e9,
}
"""Scale words after a figure (`1,2 triệu` = 1 200 000)."""

_QUALIFIER_RE = re.compile(
    r"^(?P<q>" + "|".join(sorted((re.escape(w) for w in QUALIFIER_WORDS), key=len, reverse=True))
    + r")\s*",
    re.IGNORECASE,
)
_SCALE_RE = re.compile(
    r"\s*(?P<s>" + "|".join(sorted(SCALE_WORDS, key=len, reverse=True)) + r")$", re.IGNORECASE
)


@dataclass(frozen=True)
class ParsedNumber:
    """A figure as read from a source: its value and what else the text said about it."""

    value: float
    numerator: float | None = None
    denominator: float | None = None
    percent: bool = False
    qualifier: str = "eq"
    raw: str = ""


def _plain_number(text: str, locale: str, whole: str) -> float:
    """Parse one number without qualifiers, scale words or percent signs."""
    thousands, decimal = SEPARATORS[locale]
    body = text.strip()
    if not body:
        raise NumberFormatError(whole, "is empty where a number is expected")
    sign = 1.0
    if body[0] in "-−":
        sign, body = -1.0, body[1:]
    if not re.fullmatch(r"[0-9.,]+", body):
        raise NumberFormatError(whole, f"is not a number in the {locale} locale")
    if body.count(decimal) > 1:
        raise NumberFormatError(
            whole, f"has more than one decimal mark {decimal!r} for the {locale} locale"
        )
    int_part, _, frac_part = body.partition(decimal)
    if thousands in frac_part:
        raise NumberFormatError(
            whole, f"has a thousands separator {thousands!r} after the decimal mark"
        )
    if thousands in int_part:
        groups = int_part.split(thousands)
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            example = "1.586 or 86,3" if locale == "vi" else "1,586 or 86.3"
            raise NumberFormatError(
                whole,
                f"is not a number in the {locale} locale: digit groups after "
                f"{thousands!r} must have exactly 3 digits (expected e.g. {example})",
            )
        int_part = "".join(groups)
    if not int_part or (frac_part == "" and body.endswith(decimal)):
        raise NumberFormatError(whole, f"is not a number in the {locale} locale")
    return sign * float(f"{int_part}.{frac_part}" if frac_part else int_part)


def parse_number(text: object, locale: str) -> ParsedNumber:
    """Parse a figure as printed in `locale` ('vi' or 'en').

    Accepts a leading qualifier (`trên 92%`), a trailing scale word (`1,2 triệu`), a percent
    sign, and a ratio `a/b` (`1.586/1.887`, value = a/b, or 100·a/b when written with `%`).
    Raises `NumberFormatError` naming the rule that the text broke.
    """
    if locale not in SEPARATORS:
        raise NumberFormatError(str(locale), f"is not a supported locale (use one of {LOCALES})")
    if isinstance(text, bool):
        raise NumberFormatError(str(text), "is a boolean, not a number")
    if isinstance(text, int | float):
        if isinstance(text, float) and not math.isfinite(text):
            raise NumberFormatError(str(text), "is not a finite number")
        return ParsedNumber(value=float(text), raw=str(text))
    if not isinstance(text, str):
        raise NumberFormatError(str(text), f"is a {type(text).__name__}, not a number")
    raw = text
    body = " ".join(text.replace("\u00a0", " ").split())
    qualifier = "eq"
    match = _QUALIFIER_RE.match(body)
    if match:
        qualifier = QUALIFIER_WORDS[match.group("q").lower()]
        body = body[match.end():]
    scale = 1.0
    match = _SCALE_RE.search(body)
    if match:
        scale = SCALE_WORDS[match.group("s").lower()]
        body = body[: match.start()]
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    if "%" in body:
        raise NumberFormatError(raw, "has a percent sign that is not at the end")
    if "/" in body:
        parts = body.split("/")
        if len(parts) != 2:
            raise NumberFormatError(raw, "has more than one '/'; a ratio is written a/b")
        num = _plain_number(parts[0], locale, raw) * scale
        den = _plain_number(parts[1], locale, raw) * scale
        if den == 0:
            raise NumberFormatError(raw, "is a ratio with a zero denominator")
        if num < 0 or den < 0:
            raise NumberFormatError(raw, "is a ratio with a negative part")
        value = num / den * (100.0 if percent else 1.0)
        return ParsedNumber(value, num, den, percent, qualifier, raw)
    value = _plain_number(body, locale, raw) * scale
    return ParsedNumber(value=value, percent=percent, qualifier=qualifier, raw=raw)


def format_number(
    value: float | None,
    language: str = "vi",
    decimals: int | None = None,
    percent: bool = False,
    trim: bool = True,
) -> str:
    """Format a figure for a reader: `1.586` / `86,3 %` in vi, `1,586` / `86.3 %` in en.

    `decimals=None` shows integers without decimals and other values with up to two; with
    `trim=False` all `decimals` are kept (`0,7770`, an index as published).
    Missing values are an en dash so that a table never shows 'nan'.
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    thousands, decimal = SEPARATORS["vi" if language == "vi" else "en"]
    if decimals is None:
        decimals = 0 if float(value).is_integer() else 2
    text = f"{abs(value):,.{decimals}f}"
    if trim and decimals and "." in text:
        text = text.rstrip("0").rstrip(".") if decimals > 1 else text
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    sign = "-" if value < 0 and any(c not in "0.,-" for c in text) else ""
    return f"{sign}{text}{' %' if percent else ''}"
