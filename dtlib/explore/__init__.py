"""The analyst's API: load, find, series, compare, plot, map, re-express, assess, forecast.

Made for a person at a notebook: every function takes units in any spelling ("74",
"Bình Dương", "Binh Duong", "BD", "P63-74"), an optional geography ('63' or '34'), and returns a
DataFrame or an object with a short notebook summary. Nothing comes back silently empty for a
known unit: a unit x indicator without a figure is a row that says so, or an error that says why.
All of it is re-exported by `dtlib` (use `dtlib.series`, not this module).
"""

from dtlib.explore.drawing import choropleth, map_values, plot
from dtlib.explore.own_table import assess, check_table, forecast
from dtlib.explore.pick import pick_indicator, pick_unit, pick_units
from dtlib.explore.reform import reexpress, reform_of
from dtlib.explore.results import Assessment, Forecasts
from dtlib.explore.search import find
from dtlib.explore.tidy import compare, series


def load(data_dir=None):
    """Everything registered in `data/`, validated: a `dtlib.Bundle` (catalog, sources, figures, units).

    The same as `dtlib.load_bundle`; the short name is the one a notebook starts with.
    """
    from dtlib.data.datasets import load_bundle

    return load_bundle(data_dir)


__all__ = [
    "Assessment", "Forecasts", "assess", "check_table", "choropleth", "compare", "find",
    "forecast", "load", "map_values", "pick_indicator", "pick_unit", "pick_units", "plot", "reexpress",
    "reform_of", "series",
]
