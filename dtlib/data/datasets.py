"""The dataset registry (`data/datasets.yaml`) and the `Bundle` every report starts from.

Datasets are asked for by name, each with its file and locale (the Kedro habit), so that adding
a quarterly delivery is one registry entry and `make report` picks it up. `load_bundle` reads and
validates everything and fails with every problem listed if any embedded file is invalid:
a report is never built on half the data. Each figure gets, from its source, whether it is
synthetic and when it became public (`published`), so `Bundle.known_at` can show what was known
on a past date.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pandas as pd
import yaml

from dtlib import atomic, paths
from dtlib.data.catalog import Catalog, comparator_for, load_catalog
from dtlib.data.conflicts import find_conflicts
from dtlib.data.curation import check_name, registry_with_entry, repeated_figures
from dtlib.data.geography import GEOGRAPHIES
from dtlib.data.loaders import SUPPORTED_SUFFIXES, LoadResult, load_observation_file, unit_code_text
from dtlib.data.methodology import with_versions
from dtlib.data.numbers import LOCALES
from dtlib.data.published import known_at as rows_known_at
from dtlib.data.published import undated
from dtlib.data.sources import (
    check_new_sources,
    is_synthetic,
    load_sources,
    read_delivery_sources,
    source_dates,
    sources_text_with,
)
from dtlib.data.status_flags import USABLE_STATUSES
from dtlib.data.units import UnitRegistry, registry
from dtlib.errors import CatalogError, Problem, ValidationError

REGISTRY_FILE = "datasets.yaml"


@dataclass(frozen=True)
class DatasetEntry:
    """One registered observation file."""

    name: str
    path: str
    locale: str
    description: str = ""
    synthetic: bool = False
    """Legacy registry key: must agree with the sources' kind, which decides (see `load_bundle`)."""
    geography: str | None = None
    """Default geography of the file's rows (`63` or `34`, see `dtlib.data.geography`)."""
    sheet: str | None = None
    """Excel sheet to read (optional `sheet:` key; default: the only sheet with observation columns)."""


@dataclass
class Bundle:
    """Validated catalog, sources and observations: the input of every analysis and report."""

    catalog: Catalog
    sources: pd.DataFrame
    observations: pd.DataFrame
    unparsed: pd.DataFrame
    units: UnitRegistry
    datasets: list[DatasetEntry] = field(default_factory=list)
    progress: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Progress status per unit × indicator, precomputed by the reporting layer (may be empty)."""
    ranges: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Figures printed as a range (`status: range`): value_low/value_high, no single value."""
    known_at_date: date | None = None
    """Set by `known_at`: only figures and targets public on or before this date are kept."""
    undated_kept: int = 0
    """Figures `known_at` kept by their reference date because no publication date is known."""
    full: Bundle | None = field(default=None, repr=False, compare=False)
    """Set by `known_at`: the bundle with everything known today (see `everything`)."""

    @property
    def everything(self) -> Bundle:
        """The bundle before any `known_at` cut: what decides which reports exist (their quarters)."""
        return self.full or self

    @property
    def targets(self) -> pd.DataFrame:
        """Catalog targets plus `kind=target` observations, one row per target, with `published`.

        A target row states no comparator, so it gets its indicator's direction
        (`dtlib.data.catalog.comparator_for`): the same reading as `dtlib.analysis.targets`.
        """
        from_catalog = self.catalog.targets_frame()
        if not from_catalog.empty:
            own = pd.to_datetime(from_catalog["published"].replace("", None))
            from_catalog = from_catalog.assign(
                published=own.fillna(from_catalog["source_id"].map(source_dates(self.sources))))
            if self.known_at_date is not None:
                from_catalog = rows_known_at(from_catalog, self.known_at_date)
        rows = self.observations[self.observations["kind"] == "target"]
        from_rows = pd.DataFrame({
            "indicator": rows["indicator"], "value": rows["value"],
            "year": rows["period_end"].dt.year, "scope": rows["unit_id"],
            "comparator": [comparator_for(self.catalog[code].direction) for code in rows["indicator"]],
            "source_id": rows["source_id"], "note": rows["note"], "published": rows.get("published"),
        })
        frames = [f for f in (from_catalog, from_rows) if not f.empty]
        if not frames:
            return from_catalog
        return pd.concat(frames, ignore_index=True).drop_duplicates(
            subset=["indicator", "scope", "year", "value", "source_id"])

    @property
    def actuals(self) -> pd.DataFrame:
        return self.observations[self.observations["kind"] == "actual"]

    def conflicts(self) -> pd.DataFrame:
        """Figures that disagree: across sources, or repeated by one source (see `dtlib.data.conflicts`)."""
        return find_conflicts(self.observations)

    def __repr__(self) -> str:
        return (f"<Bundle: {len(self.catalog)} indicators, {len(self.observations)} figures, "
                f"{self.observations['unit_id'].nunique() if len(self.observations) else 0} units with figures, "
                f"{len(self.datasets)} datasets>")

    def _repr_html_(self) -> str:
        from dtlib.explore.display import bundle_html

        return bundle_html(self)

    def known_at(self, day: date | str | None) -> Bundle:
        """The bundle as it was known on `day`: figures and targets published by then (None: all).

        A figure with no known publication date is kept when its reference date is on or before
        `day`, and counted in `undated_kept` so a page can say so (`dtlib.data.published`).
        """
        if day is None or day == "":
            return self
        day = date.fromisoformat(day) if isinstance(day, str) else day
        observations, unparsed = rows_known_at(self.observations, day), rows_known_at(self.unparsed, day)
        return dataclasses.replace(
            self, observations=observations, unparsed=unparsed, ranges=rows_known_at(self.ranges, day),
            progress=pd.DataFrame(), known_at_date=day, undated_kept=undated(observations) + undated(unparsed),
            full=self.everything)

    def unit_id(self, unit: object) -> str:
        """Any spelling, code or id of a unit (`74`, `Bình Dương`, `P63-74`) → its id.

        Raises `UnknownUnitError` or `AmbiguousUnitError` (e.g. `79`: old and new HCM), never
        returns an id that matches nothing, so a misspelt unit cannot give an empty table.
        """
        return self.units.resolve(unit_code_text(unit)).id

    def for_unit(self, unit: object) -> pd.DataFrame:
        """Observations of one unit, named in any spelling (see `unit_id`)."""
        return self.observations[self.observations["unit_id"] == self.unit_id(unit)]


def read_registry(data_dir: Path) -> list[DatasetEntry]:
    """Read and check `data/datasets.yaml`."""
    file = data_dir / REGISTRY_FILE
    try:
        document = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise CatalogError(f"{file}{where}: cannot be read as YAML ({getattr(exc, 'problem', None) or exc})") from None
    entries = document.get("observations") if isinstance(document, dict) else None
    if not isinstance(entries, list):
        raise CatalogError(f"{file}: expected a key 'observations' holding a list")
    problems: list[Problem] = []
    result: list[DatasetEntry] = []
    for index, raw in enumerate(entries):
        where = f"observations[{index}]"
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("path"):
            problems.append(Problem.of(str(file), None, where, raw, "registry_entry"))
            continue
        if raw.get("locale") not in LOCALES:
            problems.append(Problem.of(str(file), None, f"{where}.locale", raw.get("locale"), "registry_locale",
                                       locales=", ".join(LOCALES)))
            continue
        geography = raw.get("geography")
        if geography is not None and str(geography) not in GEOGRAPHIES:
            problems.append(Problem(str(file), None, f"{where}.geography", geography,
                                    f"must be one of {GEOGRAPHIES} (63: provinces before 1 July 2025; "
                                    "34: units from 1 July 2025) or left out"))
            continue
        result.append(DatasetEntry(name=str(raw["name"]), path=str(raw["path"]), locale=raw["locale"],
                                   description=str(raw.get("description") or ""),
                                   synthetic=bool(raw.get("synthetic", False)),
                                   geography=None if geography is None else str(geography),
                                   sheet=str(raw["sheet"]) if raw.get("sheet") not in (None, "") else None))
    names = [e.name for e in result]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(Problem.of(str(file), None, "name", name, "registry_twice"))
    if problems:
        raise ValidationError(problems)
    return result


def load_reference(data_dir: Path | None = None) -> tuple[Catalog, pd.DataFrame, UnitRegistry]:
    """Catalog, sources and units: what validating any observation file needs."""
    data_dir = data_dir or paths.data_dir()
    catalog = load_catalog(data_dir / "catalog" / "indicators.yaml")
    sources = load_sources(data_dir / "sources.csv")
    units = registry() if data_dir == paths.data_dir() else UnitRegistry.from_folder(data_dir / "units")
    return catalog, sources, units


def _check_catalog_sources(catalog: Catalog, source_ids: set[str], file: str) -> list[Problem]:
    problems = []
    for indicator in catalog:
        for target in indicator.targets:
            if target.source_id not in source_ids:
                problems.append(Problem.of(file, None, f"{indicator.code}.targets", target.source_id,
                                           "source_unknown"))
    return problems


def _load_registered(data_dir: Path, entries: list[DatasetEntry], catalog: Catalog,
                     sources: pd.DataFrame, units: UnitRegistry) -> tuple[pd.DataFrame, list[Problem]]:
    """Every registered file's accepted rows (all statuses), with dataset, synthetic and published."""
    problems: list[Problem] = []
    frames: list[pd.DataFrame] = []
    for entry in entries:
        result: LoadResult = load_observation_file(
            data_dir / entry.path, locale=entry.locale, catalog=catalog, source_ids=set(sources.index),
            units=units, label=f"data/{entry.path}", geography=entry.geography, sheet=entry.sheet)
        problems.extend(result.problems)
        frame = result.observations.assign(dataset=entry.name)
        frame = frame.assign(synthetic=is_synthetic(frame["source_id"], sources),
                             published=frame["published"].fillna(frame["source_id"].map(source_dates(sources))))
        if entry.synthetic and not frame["synthetic"].all():
            real = sorted(set(frame.loc[~frame["synthetic"], "source_id"]))
            problems.append(Problem(str(data_dir / REGISTRY_FILE), None, f"{entry.name}.synthetic", True,
                                    f"contradicts the sources its rows cite ({', '.join(real)}): a figure is "
                                    f"synthetic when its source has kind synthetic; fix the source or the key"))
        frames.append(frame)
    observations = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    return observations, problems


def load_bundle(data_dir: Path | None = None) -> Bundle:
    """Load and validate everything registered; raise `ValidationError` listing every problem."""
    data_dir = data_dir or paths.data_dir()
    catalog, sources, units = load_reference(data_dir)
    problems = _check_catalog_sources(catalog, set(sources.index), str(data_dir / "catalog" / "indicators.yaml"))
    entries = read_registry(data_dir)
    observations, load_problems = _load_registered(data_dir, entries, catalog, sources, units)
    observations = with_versions(observations, {i.code: i.definition_history for i in catalog})
    problems.extend(load_problems)
    if problems:
        raise ValidationError(problems)
    if observations.empty and "status" not in observations:
        observations = pd.DataFrame(columns=["status"])

    def with_status(*statuses: str) -> pd.DataFrame:
        return observations[observations["status"].isin(statuses)].reset_index(drop=True)

    return Bundle(catalog=catalog, sources=sources, observations=with_status(*USABLE_STATUSES),
                  unparsed=with_status("unparsed"), ranges=with_status("range"),
                  units=units, datasets=entries)


def check_delivery(file: Path, locale: str, reference: tuple[Catalog, pd.DataFrame, UnitRegistry],
                   geography: str | None = None, sheet: str | None = None) -> tuple[LoadResult, pd.DataFrame]:
    """Validate a delivery with the sources it brings; return the result and the sources to add."""
    catalog, sources, units = reference
    brought, label = read_delivery_sources(file)
    new_sources, source_problems = (check_new_sources(brought, sources, label) if brought is not None
                                    else (pd.DataFrame(), []))
    source_ids = set(sources.index)
    if brought is not None and "source_id" in brought:
        source_ids |= {str(v).strip() for v in brought["source_id"] if str(v).strip()}
    result = load_observation_file(file, locale=locale, catalog=catalog, source_ids=source_ids, units=units,
                                   geography=geography, sheet=sheet)
    if source_problems:
        result = dataclasses.replace(result, problems=source_problems + result.problems)
    return result, new_sources


def add_delivery(file: Path, *, name: str, locale: str, description: str = "",
                 data_dir: Path | None = None, geography: str | None = None,
                 sheet: str | None = None) -> LoadResult:
    """Validate a delivery and its own sources; if all is clean, add them to `data/` in one step.

    The name must be a slug (`dtlib.data.curation.check_name`). The sources come from a `sources`
    sheet or a companion `<stem>.sources.csv` (`dtlib.data.sources.read_delivery_sources`). A row that
    repeats a figure already in `data/` for the same key and source is refused. The observation
    file, the new rows of `sources.csv` and the registry entry are written together
    (`atomic.write_together`): a delivery with any problem, or any failure while writing, leaves
    `data/` byte-identical. Problems are returned in the result, never half-applied.
    """
    check_name(name)
    data_dir = data_dir or paths.data_dir()
    if file.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ValidationError([Problem(str(file), None, None, file.suffix,
                                       f"is not a supported file type (use one of {SUPPORTED_SUFFIXES})")])
    catalog, sources, units = load_reference(data_dir)
    result, new_sources = check_delivery(file, locale, (catalog, sources, units), geography=geography,
                                         sheet=sheet)
    if not result.ok:
        return result
    entries = read_registry(data_dir)
    if any(e.name == name for e in entries):
        raise ValidationError([Problem(str(file), None, "name", name,
                                       "is already registered in data/datasets.yaml; choose another name")])
    relative = f"observations/{name}{file.suffix.lower()}"
    target = data_dir / relative
    if target.exists():
        raise ValidationError([Problem(str(file), None, "name", name, f"data/{relative} already exists")])
    existing, _ = _load_registered(data_dir, entries, catalog, sources, units)
    repeats = repeated_figures(result.observations, existing, str(file))
    if repeats:
        return LoadResult(result.observations, result.rejects, repeats)
    registry_path = data_dir / REGISTRY_FILE
    entry = {"name": name, "path": relative, "locale": locale, "description": description}
    if geography is not None:
        entry["geography"] = geography
    if sheet is not None:
        entry["sheet"] = sheet
    files = {target: file.read_bytes()}
    if not new_sources.empty:
        sources_path = data_dir / "sources.csv"
        files[sources_path] = sources_text_with(sources_path.read_text(encoding="utf-8"), new_sources).encode("utf-8")
    files[registry_path] = registry_with_entry(registry_path.read_text(encoding="utf-8"), entry,
                                               f"data/{REGISTRY_FILE}").encode("utf-8")
    atomic.write_together(files)
    return result
