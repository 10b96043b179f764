"""Configuration for the analysis methods: progress thresholds, labels and composite frameworks.

This is the only module of `dtlib.analysis` that reads files. It turns YAML into small frozen
objects and validates them on load with errors that name the file and the key, so the methods
themselves stay pure and are tested with objects built in the test.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from dtlib.errors import DtlibError
from dtlib.paths import data_dir

STATUSES: tuple[str, ...] = (
    "deterioration",
    "limited",
    "fair",
    "on_track",
    "met",
    "insufficient_data",
)
"""Every status code, the four pace classes in increasing order, then met and insufficient data."""

PACE_CLASSES: tuple[str, ...] = ("deterioration", "limited", "fair", "on_track")
"""Pace classes in increasing order: the order the property tests check monotonicity against."""

LANGUAGES: tuple[str, ...] = ("vi", "en")
"""Languages every label must exist in."""


class ConfigError(DtlibError, ValueError):
    """A configuration file is missing a key or holds a value of the wrong kind (a DtlibError, so
    the CLI and the pages show its message instead of a traceback)."""


@dataclass(frozen=True)
class Thresholds:
    """Lower bounds of the on-track, fair and limited classes (below limited: deterioration)."""

    on_track: float
    fair: float
    limited: float

    def __post_init__(self) -> None:
        if not self.on_track > self.fair > self.limited:
            raise ConfigError(
                f"thresholds must decrease on_track > fair > limited, got {self.on_track}, "
                f"{self.fair}, {self.limited}"
            )


@dataclass(frozen=True)
class ScoreScale:
    """Score at each threshold and the clip range; the score is piecewise-linear through them."""

    limited: float = -2.5
    fair: float = 0.0
    on_track: float = 2.5
    min: float = -5.0
    max: float = 5.0


@dataclass(frozen=True)
class ProgressConfig:
    """Thresholds, score scale and labels of the progress assessment."""

    with_target: Thresholds = Thresholds(0.95, 0.5, -0.1)
    no_target: Thresholds = Thresholds(0.01, 0.005, -0.01)
    score: ScoreScale = ScoreScale()
    min_observations: int = 2
    percent_ceiling: float = 100.0
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    pillars: dict[str, dict[str, str]] = field(default_factory=dict)

    def label(self, status: str, lang: str = "en") -> str:
        """Display label of a status code, falling back to the code itself."""
        return self.labels.get(status, {}).get(lang, status)


def _read_yaml(path: Path) -> dict[str, Any]:
    if not path.exists():
        raise ConfigError(f"{path}: file not found")
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}, column {mark.column + 1}" if mark is not None else ""
        raise ConfigError(f"{path}{where}: is not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    if not isinstance(doc, dict):
        raise ConfigError(f"{path}: expected a mapping at the top level")
    return doc


def _thresholds(doc: dict[str, Any], key: str, path: Path) -> Thresholds:
    try:
        part = doc[key]
        return Thresholds(float(part["on_track"]), float(part["fair"]), float(part["limited"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: key {key!r} needs numbers on_track, fair, limited") from exc


def parse_progress_config(doc: dict[str, Any], path: Path = Path("<dict>")) -> ProgressConfig:
    """Build a ProgressConfig from a parsed YAML mapping, checking every label has vi and en."""
    labels = doc.get("labels", {})
    for status in STATUSES:
        missing = [lang for lang in LANGUAGES if lang not in labels.get(status, {})]
        if missing:
            raise ConfigError(f"{path}: labels.{status} lacks {', '.join(missing)}")
    score_doc = doc.get("score", {})
    score = ScoreScale(**{k: float(v) for k, v in score_doc.items()})
    if not score.min <= score.limited < score.fair < score.on_track <= score.max:
        raise ConfigError(f"{path}: score values must increase min <= limited < fair < on_track")
    return ProgressConfig(
        with_target=_thresholds(doc, "with_target", path),
        no_target=_thresholds(doc, "no_target", path),
        score=score,
        min_observations=max(2, int(doc.get("min_observations", 2))),
        percent_ceiling=float(doc.get("percent_ceiling", 100.0)),
        labels=labels,
        pillars=doc.get("pillars", {}),
    )


def load_progress_config(path: Path | None = None) -> ProgressConfig:
    """Read `data/config/progress.yaml` (or `path`) into a validated ProgressConfig."""
    path = path or data_dir() / "config" / "progress.yaml"
    doc = _read_yaml(path)
    try:
        return parse_progress_config(doc, path)
    except ConfigError:
        raise
    except (AttributeError, KeyError, TypeError, ValueError) as exc:
        raise ConfigError(f"{path}: a key holds a value of the wrong kind ({exc})") from None


@lru_cache(maxsize=1)
def default_progress_config() -> ProgressConfig:
    """The project's progress configuration, read once per process."""
    return load_progress_config()


FRAMEWORK_COLUMNS: tuple[str, ...] = (
    "id", "level", "parent", "weight", "name_vi", "name_en", "catalog_pillar", "direction",
    "goalpost_lo", "goalpost_hi", "target",
)
"""Columns of a framework node table."""


@dataclass(frozen=True)
class Framework:
    """A composite-indicator tree (leaf -> ... -> index) as a node table.

    `nodes` has one row per node (FRAMEWORK_COLUMNS); leaves are the nodes nobody names as
    parent. Weights are relative among siblings (OECD/JRC Handbook 2008, step 6).
    """

    name: str
    nodes: pd.DataFrame
    levels: tuple[str, ...]
    source_id: str = ""

    @cached_property
    def root(self) -> str:
        """Id of the single node without a parent."""
        return str(self.nodes.loc[self.nodes["parent"].isna(), "id"].iloc[0])

    @cached_property
    def leaves(self) -> list[str]:
        """Ids of the nodes that have no children, in file order."""
        parents = set(self.nodes["parent"].dropna())
        return [i for i in self.nodes["id"] if i not in parents]

    @cached_property
    def _children(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for node, parent in zip(self.nodes["id"], self.nodes["parent"], strict=True):
            if pd.notna(parent):
                out.setdefault(parent, []).append(node)
        return out

    def children(self, node: str) -> list[str]:
        """Ids of the direct children of `node`, in file order."""
        return list(self._children.get(node, []))

    @cached_property
    def internal_post_order(self) -> list[str]:
        """Non-leaf nodes, children before parents: the order to aggregate in."""
        order: list[str] = []

        def visit(node: str) -> None:
            for child in self.children(node):
                visit(child)
            if node in self._children:
                order.append(node)

        visit(self.root)
        return order


def parse_framework(doc: dict[str, Any], path: Path = Path("<dict>")) -> Framework:
    """Build a Framework from a parsed YAML mapping; checks a single root and known parents."""
    lo, hi = doc.get("scale", [0.0, 1.0])
    rows = []
    for node in doc.get("nodes", []):
        if "id" not in node or "weight" not in node:
            raise ConfigError(f"{path}: every node needs id and weight, got {node}")
        goalposts = node.get("goalposts", [lo, hi])
        rows.append({
            "id": str(node["id"]),
            "level": node.get("level", ""),
            "parent": node.get("parent"),
            "weight": float(node["weight"]),
            "name_vi": node.get("name_vi", node["id"]),
            "name_en": node.get("name_en", node["id"]),
            "catalog_pillar": node.get("catalog_pillar"),
            "direction": node.get("direction", "higher_better"),
            "goalpost_lo": float(goalposts[0]),
            "goalpost_hi": float(goalposts[1]),
            "target": node.get("target"),
        })
    nodes = pd.DataFrame(rows, columns=list(FRAMEWORK_COLUMNS))
    roots = nodes.loc[nodes["parent"].isna(), "id"].tolist()
    if len(roots) != 1:
        raise ConfigError(f"{path}: expected exactly one root node, found {roots}")
    unknown = set(nodes["parent"].dropna()) - set(nodes["id"])
    if unknown:
        raise ConfigError(f"{path}: parents not defined as nodes: {sorted(unknown)}")
    if nodes["id"].duplicated().any():
        raise ConfigError(f"{path}: duplicated node ids {nodes.loc[nodes['id'].duplicated(), 'id']}")
    bad = set(nodes["direction"]) - {"higher_better", "lower_better"}
    if bad:
        raise ConfigError(f"{path}: direction must be higher_better or lower_better, got {bad}")
    return Framework(
        name=str(doc.get("name", path.stem)),
        nodes=nodes,
        levels=tuple(doc.get("levels", ())),
        source_id=str(doc.get("source_id", "")),
    )


def load_framework(path: Path | None = None) -> Framework:
    """Read a framework YAML (default `data/config/dti_framework.yaml`)."""
    path = path or data_dir() / "config" / "dti_framework.yaml"
    return parse_framework(_read_yaml(path), path)


def load_merger_mapping(path: Path) -> pd.DataFrame:
    """Old-province -> new-unit table (`old_unit_id, new_unit_id`) from the 2025 merger CSV.

    Reads `province_merger_2025_63_to_34.csv` (Resolution 202/2025/QH15) and writes ids the way
    docs/architecture.md does (`P63-74` -> `P34-79`). Prefer `dtlib.data.units.successors` when present.
    """
    raw = pd.read_csv(path, dtype=str)
    return pd.DataFrame({
        "old_unit_id": "P63-" + raw["old_gso_code"].str.zfill(2),
        "new_unit_id": "P34-" + raw["new_code"].str.zfill(2),
    })
