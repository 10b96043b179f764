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
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
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
GROUP_SPACES = "\u00a0\u202f\u2009"
"""NBSP, narrow NBSP and thin space: group separators between digits (`1 586`) in both locales."""
_GROUP_SPACE_RE = re.compile(rf"(?<=\d)[{GROUP_SPACES}](?=\d{{3}}(?!\d))")
INVISIBLE = ("\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064"
             "\ufeff\u00ad")
"""Invisible characters dropped from text before it is read: zero-width spaces and joiners, direction
marks pasted from web pages, BOM, soft hyphen. None of them belongs in Vietnamese data."""
_INVISIBLE = dict.fromkeys(map(ord, INVISIBLE))
MAX_MAGNITUDE = 1e15
"""Larger figures are refused: no indicator counts beyond a quadrillion (VND totals included)."""


def _word(table: dict[str, object], matched: str) -> str:
    """The table entry a case-insensitive regex match stands for (`ſ` matches `s` in `re.I`)."""
    folded = matched.casefold()
    for word in table:
        if word.casefold() == folded or re.fullmatch(re.escape(word), matched, re.IGNORECASE):
            return word
    return matched


@dataclass(frozen=True)
class ParsedNumber:
    """A figure as read from a source: its value and what else the text said about it.

    `decimals` is how many decimal digits were printed (86,3 → 1): the precision that a check
    against numerator/denominator may ask of it.
    """

    value: float
    numerator: float | None = None
    denominator: float | None = None
    percent: bool = False
    qualifier: str = "eq"
    raw: str = ""
    decimals: int | None = None


def _fail(whole: str, key: str, **params: object) -> NumberFormatError:
    return NumberFormatError(whole, key, **params)


def _plain_number(text: str, locale: str, whole: str) -> tuple[float, int]:
    """Parse one number without qualifiers, scale words or percent signs: (value, decimals)."""
    thousands, decimal = SEPARATORS[locale]
    body = _GROUP_SPACE_RE.sub(thousands, text.strip())
    if not body:
        raise _fail(whole, "number_empty")
    sign = 1.0
    if body[0] in "-−":
        sign, body = -1.0, body[1:]
    if not re.fullmatch(r"[0-9.,]+", body, re.ASCII):
        raise _fail(whole, "number_invalid", locale=locale)
    if body.count(decimal) > 1:
        raise _fail(whole, "number_decimal_marks", mark=repr(decimal), locale=locale)
    int_part, _, frac_part = body.partition(decimal)
    if thousands in frac_part:
        raise _fail(whole, "number_separator_after_decimal", sep=repr(thousands))
    if thousands in int_part:
        groups = int_part.split(thousands)
        example = "1.586 or 86,3" if locale == "vi" else "1,586 or 86.3"
        if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
            raise _fail(whole, "number_groups", locale=locale, sep=repr(thousands),
                        example=example.replace(" or ", "; "))
        if groups[0].startswith("0"):
            decimal_form = f"0{decimal}{''.join(groups[1:])}"
            raise _fail(whole, "number_zero_group", locale=locale, sep=repr(thousands),
                        read=int("".join(groups)), fraction=decimal_form)
        int_part = "".join(groups)
    if not int_part or (frac_part == "" and body.endswith(decimal)):
        raise _fail(whole, "number_invalid", locale=locale)
    value = sign * float(f"{int_part}.{frac_part}" if frac_part else int_part)
    return value, len(frac_part)


def _shown(value: object) -> str:
    """`str(value)`, shortened: a 5000-digit integer cannot even be turned into text in Python 3.11."""
    try:
        text = str(value)
    except ValueError:
        return f"<a {type(value).__name__} too long to print>"
    return text if len(text) <= 60 else text[:57] + "…"


def _typed_number(value: object) -> ParsedNumber:
    """A cell that is already a number (Excel, Parquet, Python): taken as is, never re-read as text."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except OverflowError:
        raise _fail(_shown(value), "number_too_large") from None
    except (TypeError, ValueError):
        raise _fail(_shown(value), "number_type",
                    type=type(value).__name__) from None
    if not math.isfinite(number):
        raise _fail(_shown(value), "number_not_finite")
    if abs(number) > MAX_MAGNITUDE:
        raise _fail(_shown(value), "number_too_large")
    text = repr(number)
    decimals = len(text.split(".")[1]) if "." in text and "e" not in text else 0
    return ParsedNumber(value=number, raw=_shown(value), decimals=0 if number.is_integer() else decimals)


def parse_number(text: object, locale: str) -> ParsedNumber:
    """Parse a figure as printed in `locale` ('vi' or 'en').

    Accepts a leading qualifier (`trên 92%`), a trailing scale word (`1,2 triệu`), a percent
    sign, and a ratio `a/b` (`1.586/1.887`, value = a/b, or 100·a/b when written with `%`).
    Text is NFC-normalised first (`trên` typed decomposed on a Mac is still `trên`); NBSP and thin
    spaces between digit groups are group separators. A number that is already typed (an Excel or
    Parquet cell, `Decimal`, numpy) is taken as it is. Raises `NumberFormatError` naming the rule.
    """
    if locale not in SEPARATORS:
        raise _fail(str(locale), "locale",
                    locales=", ".join(LOCALES))
    if isinstance(text, ParsedNumber):
        return text
    if isinstance(text, bool):
        raise _fail(str(text), "number_boolean")
    if isinstance(text, int | float | Decimal) or type(text).__module__ == "numpy":
        return _typed_number(text)
    if not isinstance(text, str):
        raise _fail(str(text), "number_type",
                    type=type(text).__name__)
    raw = text
    body = " ".join(unicodedata.normalize("NFC", text).translate(_INVISIBLE).replace("\u00a0", " ")
                    .replace("\u202f", " ").replace("\u2009", " ").split())
    body = re.sub(r"(?<=\d) (?=\d{3}(?!\d))", "\u00a0", body)
    qualifier = "eq"
    match = _QUALIFIER_RE.match(body)
    if match:
        qualifier = QUALIFIER_WORDS.get(_word(QUALIFIER_WORDS, match.group("q")), "eq")
        body = body[match.end():]
    scale = 1.0
    match = _SCALE_RE.search(body)
    if match:
        scale = SCALE_WORDS.get(_word(SCALE_WORDS, match.group("s")), 1.0)
        body = body[: match.start()]
    percent = body.endswith("%")
    if percent:
        body = body[:-1].rstrip()
    if "%" in body:
        raise _fail(raw, "number_percent_position")
    if "/" in body:
        parts = body.split("/")
        if len(parts) != 2:
            raise _fail(raw, "number_ratio_slashes")
        num = _plain_number(parts[0], locale, raw)[0] * scale
        den = _plain_number(parts[1], locale, raw)[0] * scale
        _finite(num, raw)
        _finite(den, raw)
        if den == 0:
            raise _fail(raw, "number_ratio_zero")
        if num < 0 or den < 0:
            raise _fail(raw, "number_ratio_negative")
        value = num / den * (100.0 if percent else 1.0)
        return ParsedNumber(value, num, den, percent, qualifier, raw, None)
    value, decimals = _plain_number(body, locale, raw)
    value *= scale
    _finite(value, raw)
    return ParsedNumber(value=value, percent=percent, qualifier=qualifier, raw=raw,
                        decimals=decimals if scale == 1.0 else None)


def _finite(value: float, raw: str) -> None:
    if not math.isfinite(value) or abs(value) > MAX_MAGNITUDE:
        raise _fail(raw, "number_too_large")


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
