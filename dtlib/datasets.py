"""The dataset registry (`data/datasets.yaml`) and the `Bundle` every report starts from.

Datasets are asked for by name, each with its file and locale (the Kedro habit), so that adding
a quarterly delivery is one registry entry and `make report` picks it up. `load_bundle` reads and
validates everything and fails with every problem listed if any embedded file is invalid:
a report is never built on half the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import yaml

from dtlib import atomic, paths
from dtlib.catalog import Catalog, load_catalog
from dtlib.conflicts import find_conflicts
from dtlib.errors import CatalogError, Problem, ValidationError
from dtlib.geography import GEOGRAPHIES
from dtlib.loaders import SUPPORTED_SUFFIXES, LoadResult, load_observation_file
from dtlib.numbers import LOCALES
from dtlib.sources import load_sources
from dtlib.units import UnitRegistry, registry

REGISTRY_FILE = "datasets.yaml"


@dataclass(frozen=True)
class DatasetEntry:
    """One registered observation file."""

    name: str
    path: str
    locale: str
    description: str = ""
    synthetic: bool = False
    geography: str | None = None
    """Default geography of the file's rows (`63` or `34`, see `dtlib.geography`)."""


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

    @property
    def targets(self) -> pd.DataFrame:
        """Catalog targets plus `kind=target` observations, one row per target."""
        from_catalog = self.catalog.targets_frame()
        rows = self.observations[self.observations["kind"] == "target"]
        from_rows = pd.DataFrame({
            "indicator": rows["indicator"], "value": rows["value"],
            "year": rows["period_end"].dt.year, "scope": rows["unit_id"], "comparator": ">=",
            "source_id": rows["source_id"], "note": rows["note"],
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
        """Figures from different sources that disagree (see `dtlib.conflicts`)."""
        return find_conflicts(self.observations)

    def for_unit(self, unit_id: str) -> pd.DataFrame:
        return self.observations[self.observations["unit_id"] == unit_id]


def read_registry(data_dir: Path) -> list[DatasetEntry]:
    """Read and check `data/datasets.yaml`."""
    file = data_dir / REGISTRY_FILE
    document = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
    entries = document.get("observations")
    if not isinstance(entries, list):
        raise CatalogError(f"{file}: expected a key 'observations' holding a list")
    problems: list[Problem] = []
    result: list[DatasetEntry] = []
    for index, raw in enumerate(entries):
        where = f"observations[{index}]"
        if not isinstance(raw, dict) or not raw.get("name") or not raw.get("path"):
            problems.append(Problem(str(file), None, where, raw, "needs at least name and path"))
            continue
        if raw.get("locale") not in LOCALES:
            problems.append(Problem(str(file), None, f"{where}.locale", raw.get("locale"),
                                    f"must be one of {LOCALES}: every file declares its locale"))
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
                                   geography=None if geography is None else str(geography)))
    names = [e.name for e in result]
    for name in {n for n in names if names.count(n) > 1}:
        problems.append(Problem(str(file), None, "name", name, "is registered twice"))
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
                problems.append(Problem(file, None, f"{indicator.code}.targets", target.source_id,
                                        "is not in data/sources.csv"))
    return problems


def load_bundle(data_dir: Path | None = None) -> Bundle:
    """Load and validate everything registered; raise `ValidationError` listing every problem."""
    data_dir = data_dir or paths.data_dir()
    catalog, sources, units = load_reference(data_dir)
    source_ids = set(sources.index)
    problems = _check_catalog_sources(catalog, source_ids, str(data_dir / "catalog" / "indicators.yaml"))
    entries = read_registry(data_dir)
    frames: list[pd.DataFrame] = []
    for entry in entries:
        result: LoadResult = load_observation_file(
            data_dir / entry.path, locale=entry.locale, catalog=catalog, source_ids=source_ids,
            units=units, label=f"data/{entry.path}", geography=entry.geography)
        problems.extend(result.problems)
        frames.append(result.observations.assign(dataset=entry.name, synthetic=entry.synthetic))
    if problems:
        raise ValidationError(problems)
    observations = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    unparsed = observations[observations["status"] == "unparsed"].reset_index(drop=True)
    usable = observations[observations["status"] == "ok"].reset_index(drop=True)
    return Bundle(catalog=catalog, sources=sources, observations=usable, unparsed=unparsed,
                  units=units, datasets=entries)


def add_delivery(file: Path, *, name: str, locale: str, description: str = "",
                 data_dir: Path | None = None, geography: str | None = None) -> LoadResult:
    """Validate a delivery and, if clean, copy it into `data/observations/` and register it.

    Both the copy and the registry update are atomic; a delivery with any problem changes
    nothing and the problems are returned.
    """
    data_dir = data_dir or paths.data_dir()
    catalog, sources, units = load_reference(data_dir)
    result = load_observation_file(file, locale=locale, catalog=catalog,
                                   source_ids=set(sources.index), units=units, geography=geography)
    if not result.ok:
        return result
    if file.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ValidationError([Problem(str(file), None, None, file.suffix, "unsupported type")])
    entries = read_registry(data_dir)
    if any(e.name == name for e in entries):
        raise ValidationError([Problem(str(file), None, "name", name,
                                       "is already registered in data/datasets.yaml; choose another name")])
    relative = f"observations/{name}{file.suffix.lower()}"
    target = data_dir / relative
    if target.exists():
        raise ValidationError([Problem(str(file), None, "name", name, f"data/{relative} already exists")])
    atomic.write_bytes(target, file.read_bytes())
    registry_path = data_dir / REGISTRY_FILE
    document = yaml.safe_load(registry_path.read_text(encoding="utf-8")) or {}
    entry: dict[str, str] = {"name": name, "path": relative, "locale": locale, "description": description}
    if geography is not None:
        entry["geography"] = geography
    document.setdefault("observations", []).append(entry)
    atomic.write_text(registry_path, yaml.safe_dump(document, allow_unicode=True, sort_keys=False))
    return result

