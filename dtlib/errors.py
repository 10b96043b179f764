"""Exceptions raised by dtlib.

One hierarchy so that callers (the CLI, the report runner, the Voila page) can catch
`DtlibError` and show its message, while tests match the precise subclass.
"""

from __future__ import annotations

from dataclasses import dataclass


class DtlibError(Exception):
    """Base class: every error dtlib raises on purpose."""


class UnknownUnitError(DtlibError, LookupError):
    """A name or code that matches no administrative unit."""


class AmbiguousUnitError(DtlibError, LookupError):
    """A name or code that matches several units and no date was given to choose."""


class CatalogError(DtlibError):
    """The indicator catalog or a dataset registry is invalid."""


class AggregationError(DtlibError):
    """A series that cannot be re-aggregated to other units (ranks, indices, …)."""


class ReportError(DtlibError):
    """A report could not be produced."""


class NumberFormatError(DtlibError, ValueError):
    """A figure that is not a number in the declared locale."""

    def __init__(self, text: str, rule: str) -> None:
        super().__init__(f"{text!r} {rule}")
        self.text = text
        self.rule = rule


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell of an input file."""

    file: str
    row: int | None
    column: str | None
    value: object
    rule: str

    def __str__(self) -> str:
        where = self.file
        if self.row is not None:
            where += f" row {self.row}"
        if self.column is not None:
            where += f", column {self.column}"
        return f"{where}: {self.value!r} {self.rule}"


class ValidationError(DtlibError):
    """Every problem found in an input at once (lazy validation)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        head = f"{len(self.problems)} problem(s) found:"
        lines = [f"  - {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  … and {len(self.problems) - 50} more")
        super().__init__("\n".join([head, *lines]))
