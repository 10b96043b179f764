"""The report's configuration, `data/config/report.yaml`: headline indicators and map choices.

Policy, not code: which 4–8 indicators lead the brief is a department's choice, so it lives in
a file that is checked when it is read. Every problem names the file, the key, the value and the
rule; a code that the catalog lacks (or files under another pillar) is an error, not a blank row.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml

from dtlib import paths
from dtlib.data.catalog import PILLARS, Catalog
from dtlib.errors import DtlibError

CONFIG_FILE = "report.yaml"
MIN_HEADLINE = 4
MAX_HEADLINE = 8


class ReportConfigError(DtlibError, ValueError):
    """`report.yaml` breaks a rule; the message lists every problem."""


@dataclass(frozen=True)
class ReportConfig:
    """Validated report settings."""

    headline: tuple[tuple[str, str], ...]
    """(pillar, indicator code) in the order the brief shows them."""
    map_min_units: int
    map_indicators: tuple[str, ...]

    @property
    def headline_codes(self) -> list[str]:
        return [code for _, code in self.headline]


def config_path(data_dir: Path | None = None) -> Path:
    return (data_dir or paths.data_dir()) / "config" / CONFIG_FILE


def parse_report_config(raw: object, file: str, catalog: Catalog | None = None) -> ReportConfig:
    """Check the parsed YAML of `file`; raise `ReportConfigError` listing every problem."""
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise ReportConfigError(f"{file}: expected a mapping with 'headline', got {type(raw).__name__}")
    headline: list[tuple[str, str]] = []
    block = raw.get("headline")
    if not isinstance(block, dict):
        problems.append(f"{file}: 'headline' must map pillar → list of indicator codes, got {block!r}")
        block = {}
    known = {ind.code for ind in catalog} if catalog is not None else None
    for pillar, codes in block.items():
        if pillar not in PILLARS:
            problems.append(f"{file}: headline.{pillar}: unknown pillar; use one of {', '.join(PILLARS)}")
            continue
        if not isinstance(codes, list) or not all(isinstance(c, str) for c in codes):
            problems.append(f"{file}: headline.{pillar}: must be a list of indicator codes, got {codes!r}")
            continue
        for code in codes:
            if (pillar, code) in headline or code in [c for _, c in headline]:
                problems.append(f"{file}: headline.{pillar}: {code!r} is listed twice")
                continue
            if known is not None and code not in known:
                problems.append(f"{file}: headline.{pillar}: {code!r} is not in the indicator catalog")
            elif catalog is not None and catalog[code].pillar != pillar:
                problems.append(f"{file}: headline.{pillar}: {code!r} belongs to pillar "
                                f"{catalog[code].pillar!r} in the catalog")
            headline.append((pillar, code))
    if not MIN_HEADLINE <= len(headline) <= MAX_HEADLINE:
        problems.append(f"{file}: headline lists {len(headline)} indicator(s); the brief needs "
                        f"{MIN_HEADLINE} to {MAX_HEADLINE}")
    min_units = raw.get("map_min_units", 30)
    if not isinstance(min_units, int) or isinstance(min_units, bool) or min_units < 2:
        problems.append(f"{file}: map_min_units: {min_units!r} must be a whole number of at least 2")
        min_units = 30
    indicators = raw.get("map_indicators", [])
    if not isinstance(indicators, list) or not all(isinstance(c, str) for c in indicators):
        problems.append(f"{file}: map_indicators: must be a list of indicator codes, got {indicators!r}")
        indicators = []
    elif known is not None:
        problems += [f"{file}: map_indicators: {c!r} is not in the indicator catalog"
                     for c in indicators if c not in known]
    if problems:
        raise ReportConfigError("; ".join(problems))
    return ReportConfig(tuple(headline), min_units, tuple(indicators))


def load_report_config(catalog: Catalog | None = None, path: Path | None = None) -> ReportConfig:
    """Read and validate `data/config/report.yaml` (or `path`)."""
    path = path or config_path()
    if not path.exists():
        raise ReportConfigError(f"{path.name}: missing; the report needs data/config/{CONFIG_FILE} "
                                f"(headline indicators)")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ReportConfigError(f"{path.name}: not valid YAML: {exc}") from None
    return parse_report_config(raw, f"config/{path.name}", catalog)
