"""Administrative units of dossier records: check codes, and name the unit a result belongs to.

Records carry the GSO codes of the handling agency as of the day they were received. Results
are reported on the unit existing on the period's last day (the architecture's `ref_date`), so
Bình Dương's records of 2025Q3 land in the new TP. Hồ Chí Minh (P34-79) through the crosswalk
of `dtlib.data.units`, and districts (abolished 1 July 2025) are reported only for periods that end
before then. Communes are reported by their GSO code as given (dtlib.data.units has no communes).
"""

from __future__ import annotations

from datetime import date

from dtlib.errors import AggregationError, AmbiguousUnitError, UnknownUnitError


def check_unit_codes(province_code: str, district_code: str | None) -> str | None:
    """None if the codes name a known province (and one of its districts), else the rule broken."""
    from dtlib.data.units import resolve

    try:
        prov = resolve(province_code, level="province")
    except AmbiguousUnitError:
        prov = None  # a code reused across the reform (79): known, the period picks the unit
    except UnknownUnitError:
        return f"unknown province code {province_code!r} (GSO code expected, e.g. 74)"
    if district_code is None:
        return None
    try:
        dist = resolve(district_code, level="district")
    except (UnknownUnitError, AmbiguousUnitError):
        return f"unknown district code {district_code!r} in province {province_code}"
    if prov is not None and dist.parent_id != prov.id:
        return (f"district {district_code} ({dist.name_vi}) is not in province "
                f"{province_code} ({prov.name_vi})")
    return None


def reporting_unit(level: str, code: str, last_day: date) -> tuple[str, str] | None:
    """(unit id, note) of the unit existing on `last_day`, or None if the level no longer exists.

    Raises `AggregationError` if a unit split into several: its dossiers cannot be divided.
    """
    from dtlib.data.units import resolve, successors

    if level == "commune":
        return code, ""
    unit = resolve(code, on=last_day, level=level)
    if unit.valid_to is None or last_day < unit.valid_to:
        return unit.id, ""
    if level == "district":
        return None
    after = successors(unit.id, last_day)
    if len(after) != 1:
        raise AggregationError(
            f"unit {unit.id} ({unit.name_vi}) became {[u.id for u in after]} on {last_day}: "
            "dossier counts cannot be split between successors"
        )
    return after[0].id, (f"re-aggregated from {unit.id} ({unit.name_vi}) through the crosswalk; "
                         "covers only the records given")
