"""Validated parameters of one report: which unit, which quarter, which language.

papermill checks no types and only warns about unknown names, so every report checks its
parameters here first, and the batch runner does the same before starting any kernel. All
problems are reported at once; each says what to write instead.

>>> p = ReportParams(unit_id="P63-74", quarter="2024Q2", language="vi")
>>> p.as_papermill(), p.slug
({'unit': 'P63-74', 'quarter': '2024Q2', 'language': 'vi'}, 'binh-duong')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from dtlib.errors import AmbiguousUnitError, ReportError, UnknownUnitError
from dtlib.i18n import DEFAULT_LANGUAGE, LANGUAGES
from dtlib.periods import ACCEPTED_FORMS, Period, PeriodError, parse_period
from dtlib.units import AdminUnit, UnitRegistry, registry

DEFAULT_UNITS: tuple[str, ...] = ("74", "70")
"""Bình Dương and Bình Phước: the provinces `dtlib report` renders when no unit is given."""


class ParameterError(ReportError, ValueError):
    """Report parameters that cannot produce a report; `problems` lists each one."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("invalid report parameters: " + "; ".join(self.problems))


@dataclass(frozen=True)
class ReportParams:
    """Parameters after validation: a unit id, a quarter label (`2024Q2`) and a language."""

    unit_id: str
    quarter: str
    language: str
    known_at: str = ""
    """ISO date: show only what was published by then ("" = everything known today)."""

    @property
    def unit(self) -> AdminUnit:
        return registry().get(self.unit_id)

    @property
    def period(self) -> Period:
        return parse_period(self.quarter)

    @property
    def as_of(self) -> date:
        """Last day of the quarter: the report shows figures dated on or before it."""
        return self.period.end

    @property
    def slug(self) -> str:
        return self.unit.slug

    @property
    def folder_name(self) -> str:
        """`2024Q2` for the default language, `2024Q2-en` otherwise (both can coexist)."""
        name = self.quarter if self.language == DEFAULT_LANGUAGE else f"{self.quarter}-{self.language}"
        return f"{name}-known-at-{self.known_at}" if self.known_at else name

    def as_papermill(self) -> dict[str, str]:
        """The values injected into the notebook's `parameters` cell."""
        values = {"unit": self.unit_id, "quarter": self.quarter, "language": self.language}
        if self.known_at:
            values["known_at"] = self.known_at
        return values


def check_known_at(known_at: object) -> str:
    """`--known-at`: "" or an ISO date not in the future; raise `ParameterError` otherwise."""
    if known_at is None or known_at == "":
        return ""
    text = str(known_at).strip()
    try:
        day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        raise ParameterError([f"known_at {known_at!r} is not a date; write YYYY-MM-DD, e.g. 2024-06-30"])
    if day > date.today():
        raise ParameterError([f"known_at {text} is in the future; nothing was published after today"])
    return text


def _check_quarter(quarter: str, problems: list[str]) -> Period | None:
    try:
        period = parse_period(quarter)
    except PeriodError:
        problems.append(f"quarter {quarter!r} is not a quarter; write e.g. 2024Q2 or Quý II/2024 "
                        f"(periods accepted elsewhere: {ACCEPTED_FORMS})")
        return None
    if period.kind != "quarter":
        problems.append(f"quarter {quarter!r} is a {period.kind}, not a quarter; write e.g. 2024Q2")
        return None
    return period


def validate_params(unit: object, quarter: object = "", language: object = "vi", *,
                    latest_quarter: dict[str, date | None] | None = None,
                    units: UnitRegistry | None = None, known_at: object = "") -> ReportParams:
    """Check raw parameters and resolve them; raise `ParameterError` listing every problem.

    `unit` is any spelling `dtlib.units.resolve` accepts; `quarter` "" means the latest quarter
    with data for the unit, looked up in `latest_quarter` (unit id → last day of that quarter,
    see `dtlib.tables.latest_quarter_ends`); `known_at` see `check_known_at`.
    """
    known = check_known_at(known_at)
    units = units or registry()
    problems: list[str] = []
    for name, value in (("unit", unit), ("quarter", quarter), ("language", language)):
        if not isinstance(value, str):
            problems.append(f"{name} must be a string, got {type(value).__name__} {value!r}")
    if problems:
        raise ParameterError(problems)
    assert isinstance(unit, str) and isinstance(quarter, str) and isinstance(language, str)
    if language not in LANGUAGES:
        problems.append(f"language {language!r} is not supported; use one of {LANGUAGES}")
    period = _check_quarter(quarter.strip(), problems) if quarter.strip() else None
    resolved: AdminUnit | None = None
    if not unit.strip():
        problems.append("unit is empty; give a code, name or id such as 74, Bình Dương or P63-74")
    else:
        try:
            resolved = units.resolve(unit, on=period.end if period else None)
        except AmbiguousUnitError as exc:
            with_data = [u for u in units.candidates(unit) if u.id in (latest_quarter or {})]
            if period is None and len(with_data) == 1:  # "48": the Đà Nẵng that has figures
                resolved = with_data[0]
            else:
                problems.append(str(exc))
        except UnknownUnitError as exc:
            problems.append(str(exc))
    if resolved is not None and period is not None and not resolved.exists_on(period.start):
        problems.append(f"{resolved.label('en')} did not exist in {period.label}; "
                        f"report on the unit that existed then")
    if resolved is not None and period is None and not problems:
        end = (latest_quarter or {}).get(resolved.id)
        if end is None:
            problems.append(f"{resolved.label('en')} has no actual figures in data/, so there is "
                            f"no latest quarter; pass a quarter explicitly or add data")
        else:
            period = parse_period(f"{end.year}Q{(end.month - 1) // 3 + 1}")
    if problems:
        raise ParameterError(problems)
    assert resolved is not None and period is not None
    return ReportParams(unit_id=resolved.id, quarter=period.label, language=language, known_at=known)
