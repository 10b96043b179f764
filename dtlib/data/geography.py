"""Which unit generation a figure is expressed on: the 63-unit or the 34-unit geography.

A figure has a reference period *and* a geography. DTI 2024 was published twice: on the 63
pre-reform provinces and on the 34 units of 1 July 2025. So `79, dti_score, 2024` is either old
TP. Hồ Chí Minh (P63-79) or new TP. Hồ Chí Minh (P34-79), and only the delivery knows which.
The rule, in one place (the loader makes one call, `place`):

* geography `63`: the pre-1 July 2025 provinces and their districts (ids `P63-…`, `D-…`);
  a period starting on or after 1 July 2025 is refused, naming the successor;
* geography `34`: the units of 1 July 2025 (ids `P34-…`); any period, including ones before the
  reform (a figure re-computed on today's boundaries, such as DTI 2024 on 34 units);
* a code or name that exists in both generations (79, "Đồng Nai") with no geography stated is
  refused: it is never silently put on one of them; an unambiguous unit (74, a district, `P34-79`)
  infers its geography;
* the national unit `VN` is valid on both; without a stated geography it takes the one in force
  at the end of the period.

>>> from dtlib.data.periods import parse_period
>>> place("74", None, parse_period("2024")).unit.id
'P63-74'
>>> place("79", "34", parse_period("2024")).unit.id
'P34-79'
"""

from __future__ import annotations

from dataclasses import dataclass

from dtlib.data.periods import Period
from dtlib.data.units import REFORM_DATE, AdminUnit, UnitRegistry, registry
from dtlib.errors import AmbiguousUnitError, DtlibError, UnknownUnitError

GEOGRAPHIES: tuple[str, ...] = ("63", "34")
"""`63`: provinces (and districts) before 1 July 2025; `34`: the units from 1 July 2025."""

GROUP_SIZES: dict[str, int] = {"63": 63, "34": 34}
"""Size of a province ranking on each geography (a rank "of 63" or "of 34")."""


class GeographyError(DtlibError, LookupError):
    """A unit that cannot be placed on a geography (ambiguous, wrong generation, wrong period).

    `column` names the delivery column at fault (`unit`, `period` or `geography`)."""

    def __init__(self, key: str, column: str = "unit", **params: object) -> None:
        from dtlib.errors import english_rule

        self.key, self.params, self.column = key, params, column
        super().__init__(english_rule(key, params))


@dataclass(frozen=True)
class Placement:
    """A resolved unit and the geography its figure is expressed on."""

    unit: AdminUnit
    geography: str


def generation_of(unit: AdminUnit) -> str | None:
    """`"63"` for pre-reform provinces and districts, `"34"` for new units, None for the nation."""
    if unit.is_national:
        return None
    return "34" if unit.id.startswith("P34-") else "63"


def in_geography(unit: AdminUnit, geography: str) -> bool:
    """Whether `unit` is a unit of `geography` (the nation is in both)."""
    gen = generation_of(unit)
    return gen is None or gen == geography


def parse_geography(value: object) -> str | None:
    """`63`/`34` (also `63.0` from a spreadsheet) → the label; "" → None; else GeographyError."""
    text = str(value).strip() if value is not None else ""
    if text in ("", "nan", "None"):
        return None
    if text.endswith(".0"):
        text = text[:-2]
    if text not in GEOGRAPHIES:
        raise GeographyError("geography_values", column="geography")
    return text


def _label(units: list[AdminUnit]) -> dict[str, str]:
    """Unit labels in both languages (a rule parameter, rendered in the reader's language)."""
    return {lang: "; ".join(f"{u.label(lang)} [{u.id}]" for u in units) for lang in ("vi", "en")}


def place(text: object, geography: str | None, period: Period | None,
          units: UnitRegistry | None = None) -> Placement:
    """Resolve a delivered unit on a geography for a period (see module docstring for the rule).

    Raises `UnknownUnitError` for an unknown spelling and `GeographyError` for every broken rule.
    """
    units = units or registry()
    found = units.candidates(text)
    if not found:
        raise UnknownUnitError(units._unknown_message(text))
    if geography is not None:
        on_geo = [u for u in found if in_geography(u, geography)]
        if not on_geo:
            raise GeographyError("geography_not_on", geography=geography, found=_label(found),
                                 other="34" if geography == "63" else "63")
        found = on_geo
    else:
        generations = {generation_of(u) for u in found} - {None}
        if len(generations) > 1:
            raise GeographyError("geography_both", found=_label(found))
    if len(found) > 1:
        provinces = [u for u in found if u.level == "province"]
        found = provinces if len(provinces) == 1 else found
    if len(found) > 1:
        if period is not None:
            alive = [u for u in found if u.exists_on(period.end)]
            if len(alive) == 1:
                found = alive
        if len(found) > 1:
            raise AmbiguousUnitError(f"matches several units: {_label(found)}; use the unit id")
    unit = found[0]
    geo = geography or generation_of(unit)
    if geo is None:  # the nation, no geography stated: the one in force at the period's end
        geo = "63" if period is None or period.end < REFORM_DATE else "34"
    if period is not None and geo == "63" and unit.valid_to is not None and period.start >= unit.valid_to:
        succ = units.successors(unit.id, period.end)
        raise GeographyError("geography_after_reform", column="period", unit=_label([unit]),
                             period=period.label, successors=_label(succ))
    return Placement(unit=unit, geography=geo)


def default_group_size(unit: AdminUnit, geography: str, units: UnitRegistry | None = None) -> int | None:
    """Size of the ranked group when none was published: 63 or 34 for provinces, the number of
    districts of the province for a district (if the registry knows them all), else None."""
    units = units or registry()
    if unit.level == "province":
        return GROUP_SIZES[geography]
    if unit.level == "district" and unit.parent_id:
        siblings = units.children(unit.parent_id)
        return len(siblings) or None
    return None


def parse_group_size(value: object) -> int | None:
    """A published group size ("63") → int; "" → None; anything else → GeographyError."""
    text = str(value).strip() if value is not None else ""
    if text in ("", "nan", "None"):
        return None
    try:
        number = float(text)
    except ValueError:
        raise GeographyError("group_size_invalid", column="group_size") from None
    if number < 1 or not number.is_integer():
        raise GeographyError("group_size_invalid", column="group_size")
    return int(number)


__all__ = ["GEOGRAPHIES", "GROUP_SIZES", "GeographyError", "Placement", "default_group_size",
           "generation_of", "in_geography", "parse_geography", "parse_group_size", "place"]
