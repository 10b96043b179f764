"""Reporting periods: years, quarters, months and the exact date of a report.

Press reports give dates (`20/03/2024`), plans give years, provincial reports give quarters in
Vietnamese (`Quý I/2024`). One `Period` type lets them sit in one column and be compared by the
day they end, which is what "latest value as of a quarter" needs.

>>> parse_period("Quý I/2024").label
'2024Q1'
>>> parse_period("2024-03-20").kind
'date'
>>> str(parse_period("tháng 3/2024").end)
'2024-03-31'
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from dtlib.errors import DtlibError, english_rule

PeriodKind = Literal["year", "quarter", "month", "date"]

_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("year", re.compile(r"^(?:năm\s+)?(?P<y>\d{4})$", re.I)),
    ("quarter", re.compile(r"^(?P<y>\d{4})\s*-?\s*Q(?P<q>[1-4])$", re.I)),
    ("quarter", re.compile(r"^Q(?P<q>[1-4])\s*[/-]\s*(?P<y>\d{4})$", re.I)),
    ("quarter", re.compile(r"^(?:quý|quy)\s+(?P<q>I{1,3}|IV|[1-4])\s*[/-]\s*(?:năm\s+)?(?P<y>\d{4})$", re.I)),
    ("month", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{1,2})$")),
    ("month", re.compile(r"^(?:tháng|thang)\s+(?P<m>\d{1,2})\s*[/-]\s*(?:năm\s+)?(?P<y>\d{4})$", re.I)),
    ("date", re.compile(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})$")),
    ("date", re.compile(r"^(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})$")),
]


class PeriodError(DtlibError, ValueError):
    """A period label that none of the accepted forms matches (`key` names the rule for i18n)."""

    def __init__(self, text: object, key: str = "period_invalid", **params: object) -> None:
        self.text, self.key = text, key
        self.params = {"forms": ACCEPTED_FORMS, **params}
        self.rule = english_rule(key, self.params)
        super().__init__(f"{text!r} {self.rule}")


@dataclass(frozen=True, order=True)
class Period:
    """A span of days with a canonical label (`2024`, `2024Q1`, `2024-03`, `2024-03-20`)."""

    end: date
    start: date
    kind: PeriodKind
    label: str

    def __str__(self) -> str:
        return self.label

    @property
    def year(self) -> int:
        return self.end.year

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


ACCEPTED_FORMS = "2024, 2024Q1, Quý I/2024, Q1/2024, 2024-03, tháng 3/2024, 2024-03-20, 20/03/2024"


def parse_period(text: object) -> Period:
    """Parse any accepted period label; raise `PeriodError` listing the accepted forms.

    Text is NFC-normalised (`Quý` typed decomposed is still `Quý`); an Excel or Parquet date cell
    is that day; a whole number is a year (`2024`, also `2024.0` from a float column).
    """
    if isinstance(text, float) and text.is_integer() and 1000 <= text <= 9999:
        text = int(text)
    if isinstance(text, int) and not isinstance(text, bool):
        text = str(text) if -10**6 < text < 10**6 else "<a very large integer>"
    if isinstance(text, datetime):
        if text.time() != datetime.min.time():
            raise PeriodError(text, "period_time")
        text = text.date()
    if isinstance(text, date):
        return date_period(text)
    if not isinstance(text, str):
        raise PeriodError(str(text)[:60], "period_invalid")
    body = " ".join(unicodedata.normalize("NFC", text).strip().split())
    for kind, pattern in _PATTERNS:
        m = pattern.match(body)
        if not m:
            continue
        y = int(m.group("y"))
        try:
            if kind == "year":
                return year_period(y)
            if kind == "quarter":
                q = m.group("q").upper()
                number = _ROMAN.get(q) or (int(q) if q.isascii() and q.isdigit() else 0)
                return quarter_period(y, number)
            if kind == "month":
                return month_period(y, int(m.group("m")))
            return date_period(date(y, int(m.group("m")), int(m.group("d"))))
        except ValueError as exc:
            raise PeriodError(text, "period_invalid_kind", kind=kind, detail=str(exc)) from None
    raise PeriodError(text[:60], "period_invalid")


def year_period(y: int) -> Period:
    return Period(date(y, 12, 31), date(y, 1, 1), "year", f"{y}")


def quarter_period(y: int, q: int) -> Period:
    if not 1 <= q <= 4:
        raise ValueError(f"quarter {q} is not 1–4")
    first_month = 3 * (q - 1) + 1
    last_month = first_month + 2
    end = date(y, last_month, calendar.monthrange(y, last_month)[1])
    return Period(end, date(y, first_month, 1), "quarter", f"{y}Q{q}")


def month_period(y: int, m: int) -> Period:
    end = date(y, m, calendar.monthrange(y, m)[1])
    return Period(end, date(y, m, 1), "month", f"{y}-{m:02d}")


def date_period(d: date) -> Period:
    return Period(d, d, "date", d.isoformat())


def quarter_of(day: date) -> Period:
    """The quarter a day falls in."""
    return quarter_period(day.year, (day.month - 1) // 3 + 1)


def quarter_label_vi(period: Period) -> str:
    """`2024Q1` → `Quý I/2024`, the way Vietnamese reports title a quarter."""
    q = (period.start.month - 1) // 3 + 1
    roman = {v: k for k, v in _ROMAN.items()}[q]
    return f"Quý {roman}/{period.start.year}"
