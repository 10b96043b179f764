"""The reporting layer: validated frames written once for dashboards and report roll-ups.

Voila re-executes its notebook on every visit, so the dashboard must not re-validate raw files
each time. `build_reporting_layer` writes the validated bundle to Parquet (atomically, as one
folder) and `read_reporting_layer` reads it back as a `Bundle` in a fraction of the time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dtlib import atomic, paths
from dtlib.data.catalog import load_catalog
from dtlib.data.datasets import Bundle, load_bundle
from dtlib.data.units import UnitRegistry, registry

PROGRESS_COLUMNS: tuple[str, ...] = ("unit_id", "indicator", "status", "method", "note")


def single_point_met(table: pd.DataFrame, bundle: Bundle) -> pd.Series:
    """Rows with too few points for a pace whose latest value already satisfies its target.

    A pace needs two dates, but a figure already past its target needs no pace: it is met.
    The target is the one the assessment itself chose (`select_target`), with its comparator.
    """
    from dtlib.analysis.targets import select_target
    from dtlib.data.catalog import meets

    flags = []
    for row in table.itertuples():
        ok = False
        if row.status == "insufficient_data" and pd.notna(row.latest_value) and pd.notna(row.latest_date):
            target = select_target(bundle.targets, row.indicator, row.unit_id, pd.Timestamp(row.latest_date))
            if target is not None:
                direction = bundle.catalog[row.indicator].direction
                comparator = target.comparator or (">=" if direction == "higher_better" else "<=")
                ok = meets(float(row.latest_value), float(target.value), comparator)
        flags.append(ok)
    return pd.Series(flags, index=table.index, dtype=bool)


def progress_status(bundle: Bundle) -> pd.DataFrame:
    """The one verdict per unit × indicator on all figures, labelled in vi and en.

    Computed once here (dtlib.analysis.status_table, plus `single_point_met`) so that cards,
    tables and reports read the same verdict and a dashboard visit only reads it.
    """
    from dtlib.analysis import status_table
    from dtlib.analysis.config import default_progress_config

    config = default_progress_config()
    table = status_table(bundle.actuals, bundle.targets, bundle.catalog.frame(), config=config)
    if table.empty:
        return pd.DataFrame(columns=[*PROGRESS_COLUMNS, "status_label_vi", "status_label_en"])
    met = single_point_met(table, bundle)
    table = table.assign(status=table["status"].where(~met, "met"),
                         method=table["method"].where(~met, "single_point"),
                         note=table["note"].where(~met, "latest figure already satisfies its target"))
    return table[list(PROGRESS_COLUMNS)].assign(
        status_label_vi=[config.label(status, "vi") for status in table["status"]],
        status_label_en=[config.label(status, "en") for status in table["status"]])


@dataclass
class LayerBundle(Bundle):
    """A bundle read from the reporting layer, with the conflicts `dtlib build` already found.

    `Bundle.conflicts()` compares every pair of sources; a dashboard click must not redo that.
    """

    precomputed_conflicts: pd.DataFrame | None = None

    def conflicts(self) -> pd.DataFrame:
        if self.precomputed_conflicts is not None:
            return self.precomputed_conflicts
        return super().conflicts()


def build_reporting_layer(bundle: Bundle | None = None, out_dir: Path | None = None) -> Path:
    """Write the bundle's frames to `reports/_data/` and return the folder."""
    bundle = bundle or load_bundle()
    out_dir = out_dir or paths.processed_dir()
    with atomic.staged_dir(out_dir) as stage:
        bundle.observations.to_parquet(stage / "observations.parquet", index=False)
        bundle.unparsed.to_parquet(stage / "unparsed.parquet", index=False)
        bundle.sources.reset_index(drop=True).to_parquet(stage / "sources.parquet", index=False)
        progress_status(bundle).to_parquet(stage / "progress.parquet", index=False)
        bundle.conflicts().to_parquet(stage / "conflicts.parquet", index=False)
        (stage / "catalog.yaml").write_bytes((paths.data_dir() / "catalog" / "indicators.yaml").read_bytes())
        manifest = {"datasets": [e.__dict__ for e in bundle.datasets],
                    "n_observations": int(len(bundle.observations))}
        (stage / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return out_dir


def read_reporting_layer(folder: Path | None = None, units: UnitRegistry | None = None) -> Bundle:
    """Read the reporting layer back; raise FileNotFoundError naming the build command if absent."""
    folder = folder or paths.processed_dir()
    if not (folder / "observations.parquet").exists():
        raise FileNotFoundError(f"{folder} has no reporting layer; run `dtlib build` (or make report) first")
    observations = pd.read_parquet(folder / "observations.parquet")
    unparsed = pd.read_parquet(folder / "unparsed.parquet")
    sources = pd.read_parquet(folder / "sources.parquet").set_index("source_id", drop=False)
    catalog = load_catalog(folder / "catalog.yaml")
    progress_file = folder / "progress.parquet"
    progress = pd.read_parquet(progress_file) if progress_file.exists() else pd.DataFrame()
    conflicts_file = folder / "conflicts.parquet"
    conflicts = pd.read_parquet(conflicts_file) if conflicts_file.exists() else None
    return LayerBundle(catalog=catalog, sources=sources, observations=observations, unparsed=unparsed,
                       units=units or registry(), progress=progress, precomputed_conflicts=conflicts)
