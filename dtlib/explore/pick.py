"""Turn what an analyst types into units and indicators: any spelling, on a chosen geography.

A geography (`dtlib.data.geography`) is one generation of units: `"63"` (the provinces and districts
until 30 June 2025) or `"34"` (from 1 July 2025); the nation `VN` is on both. With a geography,
"79" and "TP.HCM" mean one unit; without one, a spelling that fits two generations is an error
that says how to choose, never a silent guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from dtlib.data.catalog import Catalog, Indicator
from dtlib.data.geography import GEOGRAPHIES, in_geography
from dtlib.data.units import NATIONAL_ID, REFORM_DATE, AdminUnit, UnitRegistry
from dtlib.errors import AmbiguousUnitError, CatalogError, DtlibError, UnknownUnitError

GEOGRAPHY_DAYS: dict[str, date] = {"63": date(2025, 6, 30), "34": REFORM_DATE}
"""A day on which each generation existed (the last day of the 63 provinces, the first of the 34)."""

NATIONAL_UNIT_IDS: tuple[str, ...] = (NATIONAL_ID,)
"""Unit ids whose figures are national (compared against by `compare`)."""


def check_geography(geography: str | int | None) -> str | None:
    """`"63"`, `"34"` or None; anything else is an error naming the choices."""
    if geography is None:
        return None
    text = str(geography).strip()
    if text not in GEOGRAPHIES:
        raise DtlibError(f"geography {geography!r} is not known; use '63' (provinces until 30/06/2025), "
                         "'34' (provinces from 01/07/2025) or None (any unit)")
    return text


def as_list(value: str | Iterable[str]) -> list[str]:
    """One spelling or several: `"BD"` and `["BD", "BP"]` both work."""
    if isinstance(value, str | int):
        return [str(value)]
    items = [str(v) for v in value]
    if not items:
        raise DtlibError("no unit or indicator given: pass at least one")
    return items


def pick_unit(text: str, units: UnitRegistry, geography: str | None = None) -> AdminUnit:
    """One unit for `text` ("74", "Bình Dương", "Binh Duong", "BD", "P63-74"), on `geography`."""
    geography = check_geography(geography)
    if geography is None:
        try:
            return units.resolve(text)
        except AmbiguousUnitError as exc:
            raise AmbiguousUnitError(f"{exc}; or pass geography='63' or geography='34'") from None
    found = units.candidates(text)
    if not found:
        raise UnknownUnitError(units._unknown_message(text))
    on_it = [u for u in found if in_geography(u, geography)]
    provinces = [u for u in on_it if u.level == "province"]
    if len(provinces) == 1 or len(on_it) == 1:
        return (provinces or on_it)[0]
    if on_it:
        listing = "; ".join(f"{u.label('vi')} [{u.id}]" for u in on_it)
        raise AmbiguousUnitError(f"{text!r} matches several units on geography {geography}: {listing}")
    unit = found[0]
    day = GEOGRAPHY_DAYS[geography]
    if unit.exists_on(day):
        raise DtlibError(f"{unit.label('vi')} is not a province of geography {geography}")
    now = ", ".join(f"{u.label('vi')} [{u.id}]" for u in units.successors(unit.id, day)) \
        if unit.valid_to is not None and day >= unit.valid_to else ""
    where = f"; its area is now in {now}: use that unit, or dtlib.reexpress() to move its figures" if now else ""
    raise DtlibError(f"{unit.label('vi')} [{unit.id}] is not a unit of geography {geography}{where}; "
                     "or pass geography='63' for the units before 1 July 2025")


def pick_units(texts: str | Iterable[str], units: UnitRegistry,
               geography: str | None = None) -> list[AdminUnit]:
    """Every spelling resolved (duplicates dropped, order kept); all unknown ones reported at once."""
    chosen: list[AdminUnit] = []
    errors: list[str] = []
    for text in as_list(texts):
        try:
            unit = pick_unit(text, units, geography)
        except DtlibError as exc:
            errors.append(str(exc))
            continue
        if unit not in chosen:
            chosen.append(unit)
    if errors:
        raise UnknownUnitError("; ".join(errors)) if len(errors) > 1 else UnknownUnitError(errors[0])
    return chosen


def pick_indicator(text: str, catalog: Catalog) -> Indicator:
    """An indicator by code, or by a name/words that match exactly one entry (see `find`)."""
    if text in catalog:
        return catalog[text]
    from dtlib.explore.search import find_in

    hits = find_in(catalog, text)
    if len(hits) == 1:
        return catalog[hits["code"].iloc[0]]
    if hits.empty:
        raise CatalogError(f"no indicator matches {text!r}; search with dtlib.find(...)")
    listing = ", ".join(hits["code"].head(6))
    raise CatalogError(f"{text!r} matches {len(hits)} indicators ({listing}…); pass one code")


def pick_indicators(texts: str | Iterable[str], catalog: Catalog) -> list[Indicator]:
    chosen: list[Indicator] = []
    for text in as_list(texts):
        indicator = pick_indicator(text, catalog)
        if indicator not in chosen:
            chosen.append(indicator)
    return chosen
