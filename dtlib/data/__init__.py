"""The data model and its input: units and their 2025 reform, periods, numbers, the indicator catalog,
sources, and reading, checking, curating and combining the delivered files.

Nothing here draws or formats a page (that is `dtlib.drawing` and `dtlib.reporting`). Import from
the modules (`dtlib.data.units`, …) or, for the public names, from `dtlib`; this file re-exports nothing
so that importing one module does not load the others.
"""
