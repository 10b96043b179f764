"""dtlib: analytics for digital transformation (chuyển đổi số) in Vietnamese provinces.

This file is the stable public API. Public, and kept working across releases, are:

* every name in `__all__` below (import them from `dtlib`, not from the module that defines them);
* the analysis methods in `dtlib.analysis` (its `__all__` and docstrings are their reference);
* the command line `dtlib …` (`dtlib --help`).

For exploring in a notebook: `load`, `find`, `series`, `compare`, `plot`, `choropleth`,
`reexpress`, `reform_of`, `assess`, `forecast`, `check_table` (all from `dtlib.explore`, they take
units in any spelling and an optional `geography="63" | "34"`). Everything else (module paths
such as `dtlib.data.units`, `dtlib.drawing.maps`, `dtlib.records.*`, private helpers) is an
implementation detail that may move.

Heavy libraries (geopandas, folium, plotly, ibis, pyspark) are imported only by the modules that
draw or compute with them, and this facade imports a module only when one of its names is first
used (PEP 562): `import dtlib` stays fast and light, and a dashboard kernel that needs only
`dtlib.dashboard` never loads pandas.
"""

from __future__ import annotations

import importlib

_HOME: dict[str, tuple[str, ...]] = {
    "dtlib.data.aggregate": ("Reaggregation", "reaggregate"),
    "dtlib.data.catalog": ("Catalog", "Indicator", "Target", "load_catalog"),
    "dtlib.data.conflicts": ("find_conflicts",),
    "dtlib.data.datasets": ("Bundle", "add_delivery", "load_bundle"),
    "dtlib.data.geography": ("GEOGRAPHIES", "GeographyError", "place"),
    "dtlib.data.loaders": ("LoadResult", "load_observation_file"),
    "dtlib.data.numbers": ("format_number", "parse_number"),
    "dtlib.data.periods": ("Period", "parse_period"),
    "dtlib.data.units": ("AdminUnit", "resolve", "successors"),
    "dtlib.errors": (
        "AggregationError",
        "AmbiguousUnitError",
        "CatalogError",
        "DtlibError",
        "NumberFormatError",
        "Problem",
        "ReportError",
        "UnknownUnitError",
        "ValidationError",
    ),
    "dtlib.explore": (
        "Assessment",
        "Forecasts",
        "assess",
        "check_table",
        "choropleth",
        "compare",
        "find",
        "forecast",
        "load",
        "plot",
        "reexpress",
        "reform_of",
        "series",
    ),
    "dtlib.layer": ("build_reporting_layer", "read_reporting_layer"),
    "dtlib.tables": ("latest_table",),
}
"""Module that defines each public name (imported on first use of the name)."""

_MODULE_OF: dict[str, str] = {name: module for module, names in _HOME.items() for name in names}

__version__ = "0.1.0"

__all__ = sorted(_MODULE_OF)


def __getattr__(name: str) -> object:
    if name not in _MODULE_OF:
        raise AttributeError(f"module 'dtlib' has no attribute {name!r}")
    value = getattr(importlib.import_module(_MODULE_OF[name]), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
