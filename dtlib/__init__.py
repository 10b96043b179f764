"""dtlib: analytics for digital transformation (chuyển đổi số) in Vietnamese provinces.

This file is the stable public API. Public, and kept working across releases, are:

* every name in `__all__` below (import them from `dtlib`, not from the module that defines them);
* the analysis methods in `dtlib.analysis` (its `__all__` and docstrings are their reference);
* the command line `dtlib …` (`dtlib --help`).

For exploring in a notebook: `load`, `find`, `series`, `compare`, `plot`, `choropleth`,
`reexpress`, `reform_of`, `assess`, `forecast`, `check_table` (all from `dtlib.explore`, they take
units in any spelling and an optional `geography="63" | "34"`). Everything else (module paths
such as `dtlib.tables`, `dtlib.records.*`, private helpers) is an implementation detail that may move.

Heavy libraries (geopandas, folium, plotly, ibis, pyspark) are imported only by the modules that
draw or compute with them, so `import dtlib` stays fast inside every report kernel.
"""

from dtlib.aggregate import Reaggregation, reaggregate
from dtlib.catalog import Catalog, Indicator, Target, load_catalog
from dtlib.conflicts import find_conflicts
from dtlib.datasets import Bundle, add_delivery, load_bundle
from dtlib.errors import (
    AggregationError,
    AmbiguousUnitError,
    CatalogError,
    DtlibError,
    NumberFormatError,
    Problem,
    ReportError,
    UnknownUnitError,
    ValidationError,
)
from dtlib.explore import (
    Assessment,
    Forecasts,
    assess,
    check_table,
    choropleth,
    compare,
    find,
    forecast,
    load,
    plot,
    reexpress,
    reform_of,
    series,
)
from dtlib.geography import GEOGRAPHIES, GeographyError, place
from dtlib.layer import build_reporting_layer, read_reporting_layer
from dtlib.loaders import LoadResult, load_observation_file
from dtlib.numbers import format_number, parse_number
from dtlib.periods import Period, parse_period
from dtlib.tables import latest_table
from dtlib.units import AdminUnit, resolve, successors

__version__ = "0.1.0"

__all__ = [
    "GEOGRAPHIES", "AdminUnit", "AggregationError", "AmbiguousUnitError", "Assessment", "Bundle", "Catalog",
    "CatalogError", "DtlibError", "Forecasts", "GeographyError", "Indicator", "LoadResult", "NumberFormatError",
    "Period", "Problem", "Reaggregation", "ReportError", "Target", "UnknownUnitError", "ValidationError",
    "add_delivery", "assess", "build_reporting_layer", "check_table", "choropleth", "compare", "find",
    "find_conflicts", "forecast", "format_number", "latest_table", "load", "load_bundle", "load_catalog",
    "load_observation_file", "parse_number", "parse_period", "place", "plot", "read_reporting_layer",
    "reaggregate", "reexpress", "reform_of", "resolve", "series", "successors",
]
