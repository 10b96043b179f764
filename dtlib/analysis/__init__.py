"""Analysis methods: progress to target, forecasts, rankings, composite index, report helpers.

This package is public: the names in `__all__` below and their docstrings are the reference
(`help(dtlib.analysis.assess_progress)`), and they stay stable; its submodules are not.
Every function takes frames (observations and targets as in docs/architecture.md, catalog
metadata with direction and unit) and returns new frames; only `config` reads files.
See docs/analysis.md for the methods and their sources; `dtlib.assess` and `dtlib.forecast`
run them on a Bundle or on your own table with its columns checked first.
"""

from dtlib.analysis.composite import (
    aggregate,
    build_composite,
    effective_weights,
    normalise,
    sibling_weights,
)
from dtlib.analysis.config import (
    Framework,
    ProgressConfig,
    load_framework,
    load_merger_mapping,
    load_progress_config,
)
from dtlib.analysis.figures import forecast_fan
from dtlib.analysis.forecast import backtest, forecast_all, forecast_series
from dtlib.analysis.progress import assess_progress, assess_series
from dtlib.analysis.ranking import (
    mapping_from_successors,
    province_profile,
    rank_change,
    rank_units,
    to_merged_units,
)
from dtlib.analysis.sensitivity import rank_uncertainty
from dtlib.analysis.summary import pillar_sentence, pillar_summary, status_table
from dtlib.analysis.targets import Target, select_target, targets_from_observations
from dtlib.analysis.trajectory import check_interim, trajectory_frame

__all__ = [
    "Framework", "ProgressConfig", "Target",
    "aggregate", "assess_progress", "assess_series", "backtest", "build_composite",
    "check_interim", "effective_weights", "forecast_all", "forecast_fan", "forecast_series",
    "load_framework", "load_merger_mapping", "load_progress_config", "mapping_from_successors",
    "normalise", "pillar_sentence", "pillar_summary", "province_profile", "rank_change",
    "rank_uncertainty", "rank_units", "select_target", "sibling_weights", "status_table",
    "targets_from_observations", "to_merged_units", "trajectory_frame",
]
