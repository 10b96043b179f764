"""Exceptions raised by dtlib.

One hierarchy so that callers (the CLI, the report runner, the Voila page) can catch
`DtlibError` and show its message, while tests match the precise subclass.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
    """A figure that is not a number in the declared locale.

    `key` and `params` name the rule in the i18n catalog (`rule_<key>` in `dtlib.i18n.LABELS`);
    `rule` is its English text, so a validation message can be shown in the user's language.
    """

    def __init__(self, text: str, key: str, **params: object) -> None:
        self.text = text
        self.key = key
        self.params = params
        self.rule = english_rule(key, params)
        super().__init__(f"{text!r} {self.rule}")


def english_rule(key: str, params: dict[str, object]) -> str:
    """The English text of rule `key` (the one catalog, `dtlib.i18n.LABELS`)."""
    from dtlib.i18n import rule_text

    return rule_text(key, params, "en") or key


@dataclass(frozen=True)
class Problem:
    """One broken rule in one cell of an input file.

    `row` is the physical line (CSV), the sheet row (Excel, with `cell` like `Sheet1!D17`) or
    the record number (Parquet). `rule` is the English text; `key`/`params` name it in the i18n
    catalog so `render("vi")` can say it in Vietnamese. `value=None` means "no value to show".
    """

    file: str
    row: int | None
    column: str | None
    value: object
    rule: str
    cell: str | None = None
    key: str | None = field(default=None, compare=False)
    params: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    @classmethod
    def of(cls, file: str, row: int | None, column: str | None, value: object, key: str, *,
           cell: str | None = None, **params: object) -> Problem:
        """A problem whose rule is catalog entry `rule_<key>` (English text kept in `rule`)."""
        return cls(file, row, column, value, english_rule(key, params), cell=cell, key=key, params=params)

    def __str__(self) -> str:
        return self.render("en")

    def render(self, language: str = "en") -> str:
        """`file row 3, column value: '86.3%' <rule>` in English or Vietnamese."""
        from dtlib.data.reading import visible
        from dtlib.i18n import problem_words, rule_text

        words = problem_words(language)
        where = self.file
        if self.cell is not None:
            where += f" {self.cell}"
        elif self.row is not None:
            where += f" {words['row']} {self.row}"
        if self.column is not None:
            where += f", {words['column']} {visible(self.column).strip(chr(39))}"
        rule = rule_text(self.key, self.params, language) or self.rule
        shown = "" if self.value is None else f"{visible(self.value)} "
        return f"{where}: {shown}{rule}"


class ValidationError(DtlibError):
    """Every problem found in an input at once (lazy validation)."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__(self.render("en"))

    def render(self, language: str = "en") -> str:
        """Every problem (the first 50) as one message, in `language`."""
        from dtlib.i18n import problem_words

        words = problem_words(language)
        lines = [f"  - {p.render(language)}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  … {words['and_more'].format(n=len(self.problems) - 50)}")
        return "\n".join([words["found"].format(n=len(self.problems)), *lines])
