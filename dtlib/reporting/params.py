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
from datetime import date, timedelta

from dtlib.data.periods import ACCEPTED_FORMS, Period, PeriodError, parse_period, quarter_of
from dtlib.data.units import REFORM_DATE, AdminUnit, UnitRegistry, registry
from dtlib.errors import AmbiguousUnitError, ReportError, UnknownUnitError
from dtlib.i18n import DEFAULT_LANGUAGE, LANGUAGES, format_date, t

LAST_QUARTER_BEFORE_REFORM = quarter_of(REFORM_DATE - timedelta(days=1)).label

DEFAULT_JOBS: tuple[tuple[str, str], ...] = (
    ("P34-79", ""), ("P34-75", ""),
    ("P63-74", LAST_QUARTER_BEFORE_REFORM), ("P63-70", LAST_QUARTER_BEFORE_REFORM),
)
"""What `dtlib report` renders with no --unit: TP. Hồ Chí Minh and Đồng Nai (34-unit, latest
quarter with data) and their former areas Bình Dương and Bình Phước (last quarter before the
reform). `""` means the unit's default quarter (`dtlib.data.continuity.report_quarter_ends`)."""

DEFAULT_UNITS: tuple[str, ...] = tuple(unit for unit, _ in DEFAULT_JOBS)


class ParameterError(ReportError, ValueError):
    """Report parameters that cannot produce a report; `problems` lists each one."""

    def __init__(self, problems: list[str], language: str = DEFAULT_LANGUAGE) -> None:
        self.problems = list(problems)
        super().__init__(t("invalid_params", language if language in LANGUAGES else DEFAULT_LANGUAGE)
                         + "; ".join(self.problems))


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


def _name(unit: AdminUnit, language: str) -> str:
    return unit.name_vi if language == "vi" else unit.name_ascii


def existence_problem(unit: AdminUnit, period: Period, language: str, units: UnitRegistry) -> str | None:
    """None if `unit` existed in `period`; else which unit(s) did, with the command to ask for them."""
    if unit.exists_on(period.start):
        return None
    when = format_date(REFORM_DATE, language)
    if unit.valid_to is not None and period.start >= unit.valid_to:
        then = units.successors(unit.id, period.start)
        return t("unit_gone", language, unit=_name(unit, language), date=when, quarter=period.label,
                 new=", ".join(f"{_name(u, language)} ({u.id})" for u in then),
                 id=" --unit ".join(u.id for u in then))
    old = units.predecessors(unit.id)
    return t("unit_not_yet", language, unit=f"{_name(unit, language)} ({unit.id})", quarter=period.label,
             date=format_date(unit.valid_from, language),
             old=", ".join(f"{_name(u, language)} ({u.id})" for u in old),
             id=" --unit ".join(u.id for u in old))


def _pick_with_data(text: str, units: UnitRegistry, latest: dict[str, date | None], on: date | None,
                    language: str) -> AdminUnit | None:
    """For a spelling of several generations (`79`) and no quarter: the one with data; among
    several with data, the one existing on `on` (default today) — today's unit first."""
    with_data = [u for u in units.candidates(text) if latest.get(u.id)]
    if len(with_data) == 1:
        return with_data[0]
    day = on or date.today()
    alive = [u for u in with_data if u.exists_on(day)]
    if len(alive) == 1:
        return alive[0]
    if with_data:
        raise AmbiguousUnitError(t("unit_choose", language, text=text,
                                   units=", ".join(f"{u.label(language)} [{u.id}]" for u in with_data)))
    return None


def validate_params(unit: object, quarter: object = "", language: object = "vi", *,
                    latest_quarter: dict[str, date | None] | None = None,
                    units: UnitRegistry | None = None, on: date | None = None,
                    known_at: object = "") -> ReportParams:
    """Check raw parameters and resolve them; raise `ParameterError` listing every problem.

    `unit` is any spelling `dtlib.data.units.resolve` accepts; a spelling of both generations (`79`)
    is the unit existing in the quarter, or without a quarter the one with data (today's if both
    have data, or the one existing on `on`). `quarter` "" means the unit's default quarter,
    looked up in `latest_quarter` (unit id → last day of that quarter, see
    `dtlib.data.continuity.report_quarter_ends`). A unit outside its existence is refused naming the
    unit(s) that existed then, in `language`. `known_at`: see `check_known_at`.
    """
    known = check_known_at(known_at)
    units = units or registry()
    latest = latest_quarter or {}
    problems: list[str] = []
    for name, value in (("unit", unit), ("quarter", quarter), ("language", language)):
        if not isinstance(value, str):
            problems.append(f"{name} must be a string, got {type(value).__name__} {value!r}")
    if problems:
        raise ParameterError(problems)
    assert isinstance(unit, str) and isinstance(quarter, str) and isinstance(language, str)
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    if language not in LANGUAGES:
        problems.append(f"language {language!r} is not supported; use one of {LANGUAGES}")
    period = _check_quarter(quarter.strip(), problems) if quarter.strip() else None
    resolved: AdminUnit | None = None
    if not unit.strip():
        problems.append("unit is empty; give a code, name or id such as 74, Bình Dương or P63-74")
    else:
        try:
            resolved = units.resolve(unit, on=period.end if period else on)
        except AmbiguousUnitError as exc:
            try:
                resolved = None if period else _pick_with_data(unit, units, latest, on, lang)
            except AmbiguousUnitError as choose:
                problems.append(str(choose))
            else:
                if resolved is None:
                    problems.append(str(exc))
        except UnknownUnitError as exc:
            problems.append(str(exc))
    if resolved is not None and period is not None:
        problem = existence_problem(resolved, period, lang, units)
        if problem:
            problems.append(problem)
    if resolved is not None and period is None and not problems:
        end = latest.get(resolved.id)
        if end is None:
            problems.append(t("unit_no_data", lang, unit=resolved.label(lang)))
        else:
            period = parse_period(f"{end.year}Q{(end.month - 1) // 3 + 1}")
    if problems:
        raise ParameterError(problems, lang)
    assert resolved is not None and period is not None
    return ReportParams(unit_id=resolved.id, quarter=period.label, language=language, known_at=known)
