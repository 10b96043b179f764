"""dtlib: analytics for digital transformation (chuyển đổi số) in Vietnamese provinces.

This file is the public API; everything else is an implementation detail that may move.
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
from dtlib.geography import GEOGRAPHIES, GeographyError, place
from dtlib.layer import build_reporting_layer, read_reporting_layer
from dtlib.loaders import LoadResult, load_observation_file
from dtlib.numbers import format_number, parse_number
from dtlib.periods import Period, parse_period
from dtlib.tables import latest_table
from dtlib.units import AdminUnit, resolve, successors

__version__ = "0.1.0"

__all__ = [
    "GEOGRAPHIES", "AdminUnit", "AggregationError", "AmbiguousUnitError", "Bundle", "Catalog", "CatalogError",
    "DtlibError", "GeographyError", "Indicator", "LoadResult", "NumberFormatError", "Period", "Problem",
    "Reaggregation", "ReportError", "Target", "UnknownUnitError", "ValidationError",
    "add_delivery", "build_reporting_layer", "find_conflicts", "format_number", "latest_table",
    "load_bundle", "load_catalog", "load_observation_file", "parse_number", "parse_period", "place",
    "read_reporting_layer", "reaggregate", "resolve", "successors",
]
