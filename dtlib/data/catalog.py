"""The indicator catalog: what each indicator code means, which way is better, and its targets.

Direction has no default on purpose: a rank where lower is better read as higher-is-better turns
every "improvement" into a decline. The catalog is validated on load and every problem is
reported at once (`CatalogError` lists them all).
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dtlib.errors import CatalogError, Problem

PILLARS: tuple[str, ...] = (
    "chinh_quyen_so", "kinh_te_so", "xa_hoi_so", "ha_tang_so", "nhan_luc_so", "tong_hop",
)
"""Pillars of the national programme (Decision 749/QĐ-TTg) plus `tong_hop` for composite indices."""

UNITS: tuple[str, ...] = ("percent", "count", "points", "rank", "index_0_1", "people", "vnd", "days")
DIRECTIONS: tuple[str, ...] = ("higher_better", "lower_better")
AGGREGATIONS: tuple[str, ...] = ("sum", "ratio", "none")
COMPARATORS: tuple[str, ...] = (">=", ">", "<=", "<", "=")
COMPARATOR_TESTS = {">=": operator.ge, ">": operator.gt, "<=": operator.le, "<": operator.lt, "=": operator.eq}
"""What each comparator means: 'trên 75 %' (>) is not met by 75 %."""

REQUIRED_FIELDS: tuple[str, ...] = (
    "code", "name_vi", "name_en", "pillar", "unit", "direction", "aggregation", "definition",
)


@dataclass(frozen=True)
class Target:
    """A stated goal for an indicator: `value` by the end of `year` for `scope`."""

    indicator: str
    value: float
    year: int | None
    scope: str
    comparator: str
    source_id: str
    note: str = ""
    published: str = ""
    """ISO date the target became public (the decision's date) when its source prints none; "" = the source's."""


@dataclass(frozen=True)
class Indicator:
    """One catalog entry."""

    code: str
    name_vi: str
    name_en: str
    pillar: str
    unit: str
    direction: str
    aggregation: str
    definition: str
    definition_source: str = ""
    definition_history: tuple[dict[str, Any], ...] = ()
    targets: tuple[Target, ...] = field(default=(), compare=False)

    @property
    def additive(self) -> bool:
        """Whether values of several units can be summed."""
        return self.aggregation == "sum"

    def name(self, language: str = "vi") -> str:
        return self.name_vi if language == "vi" else self.name_en

    def _repr_html_(self) -> str:
        from dtlib.explore.display import indicator_html

        return indicator_html(self)


class Catalog:
    """All indicators by code."""

    def __init__(self, indicators: list[Indicator]) -> None:
        self.indicators: dict[str, Indicator] = {i.code: i for i in indicators}

    def __contains__(self, code: object) -> bool:
        return code in self.indicators

    def __getitem__(self, code: str) -> Indicator:
        try:
            return self.indicators[code]
        except KeyError:
            raise CatalogError(f"unknown indicator {code!r}; add it to data/catalog/indicators.yaml") from None

    def __iter__(self):
        return iter(self.indicators.values())

    def __len__(self) -> int:
        return len(self.indicators)

    def __repr__(self) -> str:
        return f"<Catalog: {len(self)} indicators>"

    def _repr_html_(self) -> str:
        from dtlib.explore.display import catalog_html

        return catalog_html(self)

    def find(self, query: str) -> pd.DataFrame:
        """Indicators matching `query`, Vietnamese with or without diacritics, or English."""
        from dtlib.explore.search import find_in

        return find_in(self, query)

    def targets_frame(self) -> pd.DataFrame:
        """Every target as one row: indicator, scope, value, year, comparator, source_id, note, own published date."""
        rows = [t.__dict__ for ind in self for t in ind.targets]
        columns = ["indicator", "value", "year", "scope", "comparator", "source_id", "note", "published"]
        return pd.DataFrame(rows, columns=columns)

    def frame(self) -> pd.DataFrame:
        """The catalog as a table (without targets), for joins and display."""
        rows = [{k: v for k, v in ind.__dict__.items() if k not in ("targets", "definition_history")}
                for ind in self]
        return pd.DataFrame(rows)


DIRECTION_COMPARATORS: dict[str, str] = {"higher_better": ">=", "lower_better": "<="}
"""The comparator of a target that states none (a `kind=target` row): the indicator's direction,
as `dtlib.analysis.targets` reads a missing comparator, so a lower-is-better target is met below."""


def comparator_for(direction: str) -> str:
    """`>=` for higher_better, `<=` for lower_better (see `DIRECTION_COMPARATORS`)."""
    try:
        return DIRECTION_COMPARATORS[direction]
    except KeyError:
        raise CatalogError(f"direction {direction!r} is not one of {DIRECTIONS}") from None


def meets(value: float, target: float, comparator: str) -> bool:
    """Whether `value` satisfies `comparator target` (75 does not satisfy > 75)."""
    return bool(COMPARATOR_TESTS[comparator](value, target))


def pick_target(targets: pd.DataFrame, indicator: str, unit_id: str, year: int | None = None,
                *, dated_only: bool = False) -> pd.Series | None:
    """The target that applies to a figure of `year`, from a targets frame (`Catalog.targets_frame`).

    The unit's own target before the national one; then the nearest target due in or after `year`,
    else the most recent one already past; without `year`, the earliest. Reports and the analysis
    both choose here, so a table's target column and its progress status never disagree.
    `dated_only` leaves out targets whose source states no year: they can be shown, not assessed.
    """
    rows = targets[(targets["indicator"] == indicator)
                   & targets["scope"].astype(str).isin([unit_id, "national"])
                   & pd.to_numeric(targets["value"], errors="coerce").notna()]
    if dated_only:
        rows = rows[rows["year"].notna()]
    if rows.empty:
        return None
    due = rows["year"].fillna(9999)
    reference = due.min() if year is None else year
    rows = rows.assign(
        own=(rows["scope"].astype(str) == unit_id).astype(int),
        future=(due >= reference).astype(int),
        distance=(due - reference).abs(),
    ).sort_values(["own", "future", "distance"], ascending=[False, False, True], kind="stable")
    return rows.iloc[0]


def _check_entry(entry: object, index: int, file: str, problems: list[Problem]) -> Indicator | None:
    where = f"indicators[{index}]"
    if not isinstance(entry, dict):
        problems.append(Problem(file, None, where, entry, "is not a mapping of fields"))
        return None
    code = entry.get("code", f"#{index}")
    before = len(problems)
    for name in REQUIRED_FIELDS:
        if entry.get(name) in (None, ""):
            problems.append(Problem(file, None, f"{code}.{name}", entry.get(name), "is required"))
    unknown = set(entry) - {*REQUIRED_FIELDS, "definition_source", "definition_history", "targets"}
    for name in sorted(unknown):
        problems.append(Problem(file, None, f"{code}.{name}", entry[name], "is not a catalog field"))
    for name, allowed in (("pillar", PILLARS), ("unit", UNITS), ("direction", DIRECTIONS),
                          ("aggregation", AGGREGATIONS)):
        value = entry.get(name)
        if value not in (None, "") and value not in allowed:
            problems.append(Problem(file, None, f"{code}.{name}", value, f"must be one of {allowed}"))
    if isinstance(code, str) and not code.replace("_", "").isalnum():
        problems.append(Problem(file, None, f"{code}.code", code, "must be snake_case ASCII"))
    if entry.get("unit") == "rank" and entry.get("direction") == "higher_better":
        problems.append(Problem(file, None, f"{code}.direction", "higher_better",
                                "contradicts unit 'rank' (rank 1 is best: use lower_better)"))
    if entry.get("unit") == "rank" and entry.get("aggregation") not in (None, "none"):
        problems.append(Problem(file, None, f"{code}.aggregation", entry.get("aggregation"),
                                "must be 'none' for ranks (ranks cannot be summed or pooled)"))
    targets: list[Target] = []
    for t_index, raw in enumerate(entry.get("targets") or []):
        t_where = f"{code}.targets[{t_index}]"
        if not isinstance(raw, dict):
            problems.append(Problem(file, None, t_where, raw, "is not a mapping"))
            continue
        value, year = raw.get("value"), raw.get("year")
        if isinstance(value, bool) or not isinstance(value, int | float):
            problems.append(Problem(file, None, f"{t_where}.value", value, "must be a number"))
        if year is not None and (isinstance(year, bool) or not isinstance(year, int)
                                 or not 1990 <= year <= 2100):
            problems.append(Problem(file, None, f"{t_where}.year", year,
                                    "must be a year (1990–2100) or null when the source states none"))
        comparator = raw.get("comparator", ">=")
        if comparator not in COMPARATORS:
            problems.append(Problem(file, None, f"{t_where}.comparator", comparator,
                                    f"must be one of {COMPARATORS}"))
        for name in ("scope", "source_id"):
            if not raw.get(name):
                problems.append(Problem(file, None, f"{t_where}.{name}", raw.get(name), "is required"))
        published = ""
        if raw.get("published") not in (None, ""):
            from dtlib.data.sources import parse_published

            day, rule = parse_published(raw["published"])
            if rule:
                problems.append(Problem(file, None, f"{t_where}.published", raw["published"], rule))
            else:
                published = day.isoformat()
        if len(problems) == before:
            targets.append(Target(indicator=str(code), value=float(value), year=year,
                                  scope=str(raw["scope"]), comparator=comparator,
                                  source_id=str(raw["source_id"]), note=str(raw.get("note") or ""),
                                  published=published))
    if len(problems) > before:
        return None
    return Indicator(
        code=code, name_vi=entry["name_vi"], name_en=entry["name_en"], pillar=entry["pillar"],
        unit=entry["unit"], direction=entry["direction"], aggregation=entry["aggregation"],
        definition=str(entry["definition"]), definition_source=str(entry.get("definition_source") or ""),
        definition_history=tuple(entry.get("definition_history") or ()), targets=tuple(targets),
    )


def load_catalog(path: Path) -> Catalog:
    """Read and validate the catalog YAML; raise `CatalogError` listing every problem."""
    file = str(path)
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise CatalogError(f"{file}: cannot read the catalog: {exc}") from exc
    if not isinstance(document, dict) or not isinstance(document.get("indicators"), list):
        raise CatalogError(f"{file}: expected a top-level key 'indicators' holding a list")
    problems: list[Problem] = []
    indicators: list[Indicator] = []
    seen: set[str] = set()
    for index, entry in enumerate(document["indicators"]):
        indicator = _check_entry(entry, index, file, problems)
        if indicator is None:
            continue
        if indicator.code in seen:
            problems.append(Problem(file, None, f"{indicator.code}.code", indicator.code,
                                    "is defined twice"))
            continue
        seen.add(indicator.code)
        indicators.append(indicator)
    if problems:
        raise CatalogError("invalid indicator catalog:\n" + "\n".join(f"  - {p}" for p in problems))
    return Catalog(indicators)
