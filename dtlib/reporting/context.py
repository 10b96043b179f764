"""What one report shows, as data: the rows behind each section and the sources they cite.

`build_context` loads the bundle once, validates the parameters and selects every frame the
report needs, so that `dtlib.reporting.sections` only formats and the sources section can list
exactly the sources cited on the page. Nothing here draws or displays.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

import pandas as pd

from dtlib import tables
from dtlib.data.conflicts import find_conflicts
from dtlib.data.datasets import Bundle, load_bundle
from dtlib.data.geography import generation_of
from dtlib.data.periods import quarter_of
from dtlib.data.published import undated
from dtlib.data.units import AdminUnit
from dtlib.drawing.maps import dti_ranks
from dtlib.reporting.params import ReportParams, check_known_at, validate_params

DTI_MAP_YEAR = 2022
"""The DTI edition with a published rank for all 63 provinces (the map's year)."""

RANK_INDICATOR = "dti_rank"

DTI_COMPONENT_PREFIX = "dti_idx_"
"""Catalog codes of the DTI sub-indices (the leaves of data/config/dti_framework.yaml)."""

MIN_TREND_POINTS = 2
"""Figures an indicator needs for a trend chart when it has no target (one point is no trend)."""


@dataclass
class ReportContext:
    """Everything one report shows, already filtered to its unit and quarter."""

    params: ReportParams
    bundle: Bundle
    unit: AdminUnit
    table: pd.DataFrame
    actuals: pd.DataFrame
    targets: pd.DataFrame
    rank_history: pd.DataFrame
    map_ranks: pd.DataFrame
    conflicts: pd.DataFrame
    unparsed: pd.DataFrame
    synthetic_datasets: list[str] = field(default_factory=list)
    dti_components: pd.DataFrame = field(default_factory=pd.DataFrame)
    """DTI sub-index figures of every unit dated on or before the quarter end (rank intervals)."""
    cache: dict[str, object] = field(default_factory=dict, repr=False, compare=False)
    """Analysis results computed once per report (`dtlib.reporting.analysis_sections`)."""
    targets_ahead: pd.DataFrame = field(default_factory=pd.DataFrame)
    """Targets in force after the report's year for the unit or the nation (e.g. the 2030 ones)."""
    extra_source_ids: list[str] = field(default_factory=list)
    """Sources of sections computed outside the bundle (e.g. the 766 records section)."""
    published_by: date | None = None
    """The report shows what was public by this date (`--known-at`, else the quarter end or today)."""
    undated_shown: int = 0
    """Figures of this report without a known publication date, shown by their reference date."""

    @property
    def language(self) -> str:
        return self.params.language

    @property
    def shows_later_knowledge(self) -> bool:
        """True when `--known-at` asked for figures published after the report's usual window
        (the quarter and the one after it, see `view_date`)."""
        return self.published_by is not None and self.published_by > reporting_window_end(self.params)

    @property
    def trend_indicators(self) -> list[str]:
        """Indicators worth a chart: `MIN_TREND_POINTS` figures or a target (DTI rank apart).

        The others (one figure, no target) are in the indicator table only.
        """
        counts = self.actuals.groupby("indicator").size()
        with_target = set(self.targets["indicator"])
        return sorted(c for c, n in counts.items()
                      if c != RANK_INDICATOR and (n >= MIN_TREND_POINTS or c in with_target))

    def map_highlight_codes(self) -> list[str]:
        """GSO codes (pre-2025) to outline on the 63-province map."""
        unit = self.unit
        if unit.level == "district" and unit.parent_id:
            unit = self.bundle.units.get(unit.parent_id)
        if unit.id.startswith("P34-"):
            return [p.code for p in self.bundle.units.predecessors(unit.id)]
        return [unit.code]

    def cited_source_ids(self) -> list[str]:
        """Every source id behind a figure on the page, in order of first use."""
        ids: list[str] = []
        columns = [self.table["source_id"], self.table["target_source_id"], self.actuals["source_id"],
                   self.targets["source_id"], self.rank_history["source_id"],
                   self.map_ranks["source_id"], self.dti_components.get("source_id", pd.Series()),
                   self.conflicts["source_a"],
                   self.conflicts["source_b"], self.unparsed["source_id"],
                   self.targets_ahead.get("source_id", pd.Series()), pd.Series(self.extra_source_ids)]
        for column in columns:
            for value in column.dropna():
                if value not in ids:
                    ids.append(str(value))
        return ids


def select_context(bundle: Bundle, params: ReportParams) -> ReportContext:
    """Select the frames of one report from a loaded bundle."""
    as_of = pd.Timestamp(params.as_of)
    unit = bundle.units.get(params.unit_id)
    actuals = bundle.actuals
    actuals = actuals[(actuals["unit_id"] == unit.id) & (actuals["ref_date"] <= as_of)]
    every_target = bundle.targets  # a computed property: read once
    targets = every_target[every_target["indicator"].isin(actuals["indicator"])
                           & every_target["scope"].isin(["national", unit.id])]
    ahead = tables.targets_ahead(every_target, unit.id, params.as_of.year)
    known = bundle.observations[bundle.observations["ref_date"] <= as_of]
    conflicts = find_conflicts(known[known["unit_id"] == unit.id])
    unparsed = bundle.unparsed[(bundle.unparsed["unit_id"] == unit.id)
                               & (bundle.unparsed["ref_date"] <= as_of)]
    map_rows = bundle.observations[(bundle.observations["indicator"] == RANK_INDICATOR)
                                   & (bundle.observations["period_end"].dt.year == DTI_MAP_YEAR)]
    components = known[(known["kind"] == "actual")
                       & known["indicator"].str.startswith(DTI_COMPONENT_PREFIX)]
    if "geography" in components and generation_of(unit) is not None:  # rank within one geography
        components = components[components["geography"] == generation_of(unit)]
    shown = pd.concat([actuals, unparsed, map_rows, components])
    synthetic = sorted(set(shown.loc[shown["synthetic"].astype(bool), "dataset"])) if "synthetic" in shown else []
    return ReportContext(
        params=params, bundle=bundle, unit=unit,
        table=tables.latest_table(bundle, unit.id, params.as_of, params.language),
        actuals=actuals, targets=targets,
        rank_history=actuals[actuals["indicator"] == RANK_INDICATOR],
        map_ranks=dti_ranks(map_rows, DTI_MAP_YEAR),
        conflicts=conflicts, unparsed=unparsed, synthetic_datasets=synthetic,
        dti_components=components, targets_ahead=ahead, published_by=bundle.known_at_date or date.today(),
        undated_shown=undated(pd.concat([actuals, unparsed, targets])) if bundle.known_at_date else 0,
    )


_BUNDLES: dict[tuple, Bundle] = {}


def _fingerprint(data_dir) -> tuple:
    files = sorted(p for p in data_dir.rglob("*") if p.is_file())
    return tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in files)


def cached_bundle() -> Bundle:
    """`load_bundle()`, kept while no file of the data folder changes (a warm kernel runs many
    reports, see `dtlib.reporting.warm`); the bundle is never modified by a report."""
    from dtlib import paths

    data_dir = paths.data_dir()
    key = (str(data_dir), _fingerprint(data_dir))
    if key not in _BUNDLES:
        _BUNDLES.clear()
        _BUNDLES[key] = load_bundle()
    return _BUNDLES[key]


def build_context(unit: object, quarter: object = "", language: object = "vi",
                  bundle: Bundle | None = None, known_at: object = "") -> ReportContext:
    """Validate the notebook's parameters and select the report's data (the notebook's one call).

    The report shows what was known at the end of its quarter (today, for the current quarter):
    the bundle is cut with `Bundle.known_at(min(quarter end, today))`. With `known_at`, it is cut
    at that date instead; a date after the quarter end shows later knowledge and the page says so.
    """
    from dtlib.data.continuity import report_quarter_ends

    full = bundle or cached_bundle()
    known = check_known_at(known_at)
    base = full.known_at(known) if known else full
    params = validate_params(unit, quarter, language, latest_quarter=report_quarter_ends(base),
                             units=full.units, known_at=known)
    return select_context(full.known_at(view_date(params)), params)


def reporting_window_end(params: ReportParams) -> date:
    """Last day of the quarter after the report's quarter.

    A quarterly report is written during the following quarter, when the quarter's own figures
    are being published; a figure published later than that (DTI 2023, released in 2025, in a
    2024Q1 report) is later knowledge, shown only when asked for with `--known-at`.
    """
    return quarter_of(params.as_of + timedelta(days=1)).end


def view_date(params: ReportParams) -> date:
    """The day a report's figures were public by: `known_at`, else the end of the reporting
    window (`reporting_window_end`) or today, whichever comes first."""
    if params.known_at:
        return date.fromisoformat(params.known_at)
    return min(reporting_window_end(params), date.today())
