"""What a visitor may select, and the check every value from the browser goes through.

A visitor can forge any widget state over the websocket (including `disabled` widgets), and a
deep link's query string is free text. So the page never uses a browser value directly: it looks
it up in an allow-list built from the reporting layer and keeps the previous, valid value when the
lookup fails. Nothing here draws widgets or reads files.

>>> choices = Choices(units=("P63-74", "P63-70"), indicators={"P63-74": ("dti_rank",)},
...                   codes={"74": "P63-74", "70": "P63-70"})
>>> parse_query("unit=70&lang=en", choices).selection
Selection(unit_id='P63-70', indicator=None, language='en')
>>> parse_query("unit=../../etc&lang=fr", choices).rejected
('unit', 'lang')
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from urllib.parse import parse_qs

from dtlib.i18n import LANGUAGES

MAX_QUERY_LENGTH = 512
"""Longest query string the page reads; longer ones are ignored whole (nobody types more)."""

QUERY_KEYS: dict[str, str] = {"unit": "unit", "indicator": "indicator", "lang": "language",
                              "language": "language"}
"""Query-string parameters the page understands and the selection field each sets."""


class RejectedValue(ValueError):
    """A value from the browser that is not in the allow-list."""


@dataclass(frozen=True)
class Selection:
    """The view a visitor is looking at."""

    unit_id: str
    indicator: str | None
    language: str = "vi"


@dataclass(frozen=True)
class Choices:
    """The allow-lists: units with something to show, their indicators, and code aliases."""

    units: tuple[str, ...]
    indicators: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codes: dict[str, str] = field(default_factory=dict)
    """Short spellings for deep links (`74` → `P63-74`); only ids in `units` are targets."""
    default_unit: str | None = None
    """The unit the page opens on (a 34-unit unit); the first unit when None."""
    levels: dict[str, int] = field(default_factory=dict)
    """Depth in the grouped list: 0 today's units, 1 their former areas, 2 old districts."""

    def indicators_for(self, unit_id: str) -> tuple[str, ...]:
        return self.indicators.get(unit_id, ())


def require(value: object, allowed: tuple[str, ...] | list[str], what: str) -> str:
    """Return `value` if it is one of `allowed` (exact string match), else raise `RejectedValue`."""
    if isinstance(value, str) and value in allowed:
        return value
    shown = repr(value)[:40]
    raise RejectedValue(f"{what} {shown} is not one of the {len(allowed)} allowed values")


def default_selection(choices: Choices, language: str = "vi") -> Selection:
    """The default unit (a 34-unit unit, issue 9), else the first; its first indicator."""
    unit_id = choices.default_unit if choices.default_unit in choices.units else choices.units[0]
    indicators = choices.indicators_for(unit_id)
    return Selection(unit_id, indicators[0] if indicators else None, language)


def with_unit(selection: Selection, unit_id: object, choices: Choices) -> Selection:
    """Switch unit (validated); keep the indicator if the new unit has it, else its first one."""
    unit_id = require(unit_id, choices.units, "unit")
    indicators = choices.indicators_for(unit_id)
    indicator = selection.indicator if selection.indicator in indicators else (
        indicators[0] if indicators else None)
    return replace(selection, unit_id=unit_id, indicator=indicator)


def with_indicator(selection: Selection, indicator: object, choices: Choices) -> Selection:
    """Switch indicator (validated against the current unit's indicators)."""
    return replace(selection, indicator=require(indicator, choices.indicators_for(selection.unit_id),
                                                "indicator"))


def with_language(selection: Selection, language: object) -> Selection:
    """Switch language (validated)."""
    return replace(selection, language=require(language, LANGUAGES, "language"))


@dataclass(frozen=True)
class QueryResult:
    """A deep link read into a selection, and the parameter names that were refused."""

    selection: Selection
    rejected: tuple[str, ...] = ()


def parse_query(query: str, choices: Choices) -> QueryResult:
    """Read `?unit=74&indicator=...&lang=en` into a valid selection; refuse anything else.

    Unknown parameters are ignored silently (trackers add them); known ones with a value outside
    the allow-list are named in `rejected` so the page can say the link was wrong.
    """
    selection = default_selection(choices)
    if not query or len(query) > MAX_QUERY_LENGTH:
        return QueryResult(selection, ("query",) if query else ())
    params = parse_qs(query, keep_blank_values=True, max_num_fields=20)
    wanted: dict[str, str] = {}
    for key, values in params.items():
        if key in QUERY_KEYS and values:
            wanted[QUERY_KEYS[key]] = values[-1]
    rejected: list[str] = []
    names = {v: k for k, v in QUERY_KEYS.items() if k in params}
    if "unit" in wanted:
        raw = wanted["unit"].strip()
        unit_id = raw if raw in choices.units else choices.codes.get(raw.lstrip("0") or raw)
        unit_id = unit_id or choices.codes.get(raw)
        try:
            selection = with_unit(selection, unit_id, choices)
        except RejectedValue:
            rejected.append(names["unit"])
    if "indicator" in wanted:
        try:
            selection = with_indicator(selection, wanted["indicator"].strip(), choices)
        except RejectedValue:
            rejected.append(names["indicator"])
    if "language" in wanted:
        try:
            selection = with_language(selection, wanted["language"].strip().lower())
        except RejectedValue:
            rejected.append(names["language"])
    return QueryResult(selection, tuple(rejected))
