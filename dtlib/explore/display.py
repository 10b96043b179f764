"""Short HTML summaries of dtlib's objects for a notebook (`_repr_html_`), never a dump.

One Jinja2 template (`templates/explore/summary.html.j2`, autoescaped) with a title, a few
facts, at most MAX_ROWS rows and notes; every word comes from `dtlib.i18n`. Object summaries
are in DEFAULT_LANGUAGE; results carry the language they were computed in.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pandas as pd

from dtlib.data.numbers import format_number
from dtlib.i18n import DEFAULT_LANGUAGE, format_date, t

TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "explore"
MAX_ROWS = 10


@lru_cache(maxsize=1)
def _template():
    from jinja2 import Environment, FileSystemLoader, select_autoescape

    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True))
    return env.get_template("summary.html.j2")


def render(title: str, facts: list[tuple[str, object]] = (), headers: list[str] = (), rows: list[list] = (),
           total_rows: int | None = None, notes: list[str] = (), hint: str = "",
           language: str = DEFAULT_LANGUAGE) -> str:
    """The summary block; rows beyond MAX_ROWS are counted, not shown."""
    rows = list(rows)
    total = len(rows) if total_rows is None else total_rows
    more = t("repr_more_rows", language, n=total - MAX_ROWS) if total > MAX_ROWS else ""
    return _template().render(title=title, facts=list(facts), headers=list(headers), rows=rows[:MAX_ROWS],
                              more=more, notes=list(notes)[:MAX_ROWS], hint=hint)


def _n(value: int, language: str) -> str:
    return format_number(value, language, decimals=0)


def bundle_html(bundle: Any, language: str = DEFAULT_LANGUAGE) -> str:
    obs = bundle.observations
    facts = [
        (t("repr_indicators", language), _n(len(bundle.catalog), language)),
        (t("repr_figures", language), t("repr_figures_split", language,
                                       actual=_n(int((obs["kind"] == "actual").sum()), language),
                                       target=_n(int((obs["kind"] == "target").sum()), language))),
        (t("repr_units_with_data", language), _n(obs["unit_id"].nunique(), language)),
        (t("repr_dates", language), f"{format_date(obs['ref_date'].min(), language)} – "
                                    f"{format_date(obs['ref_date'].max(), language)}" if len(obs) else "–"),
        (t("sources_heading", language), _n(len(bundle.sources), language)),
        (t("repr_unparsed", language), _n(len(bundle.unparsed), language)),
    ]
    rows = [[d.name, d.path, t("synthetic_mark", language) if d.synthetic else ""] for d in bundle.datasets]
    return render(t("repr_bundle", language), facts, [t("repr_dataset", language), t("repr_file", language), ""],
                  rows, hint=t("repr_bundle_hint", language), language=language)


def catalog_html(catalog: Any, language: str = DEFAULT_LANGUAGE) -> str:
    pillars = pd.Series([i.pillar for i in catalog]).value_counts().sort_index()
    rows = [[pillar, _n(int(n), language)] for pillar, n in pillars.items()]
    return render(t("repr_catalog", language, n=_n(len(catalog), language)), [],
                  [t("repr_pillar", language), t("repr_indicators", language)], rows,
                  hint=t("repr_catalog_hint", language), language=language)


def indicator_html(indicator: Any, language: str = DEFAULT_LANGUAGE) -> str:
    from dtlib.tables import format_value

    facts = [("code", indicator.code), (t("repr_name_other", language), indicator.name_en if language == "vi"
                                         else indicator.name_vi),
             (t("repr_pillar", language), indicator.pillar), (t("repr_unit", language), indicator.unit),
             (t("repr_direction", language), t(f"repr_{indicator.direction}", language)),
             (t("repr_aggregation", language), indicator.aggregation),
             (t("repr_definition", language), indicator.definition[:300])]
    rows = [[target.scope, "–" if target.year is None else target.year,
             f"{target.comparator} {format_value(target.value, indicator.unit, language)}", target.source_id]
            for target in indicator.targets]
    headers = [t("repr_scope", language), t("year", language), t("col_target", language),
               t("col_source", language)]
    return render(indicator.name(language), facts, headers, rows, language=language)


def unit_html(unit: Any, language: str = DEFAULT_LANGUAGE) -> str:
    facts = [("id", unit.id), (t("repr_full_name", language), unit.full_name_vi),
             (t("repr_level", language), t(f"repr_level_{unit.level}", language)),
             (t("repr_valid", language), unit.label(language)), (t("repr_parent", language), unit.parent_id or "–"),
             (t("repr_aliases", language), ", ".join(unit.aliases) or "–")]
    return render(unit.name_vi, facts, language=language)


def assessment_html(result: Any) -> str:
    from dtlib.analysis.config import default_progress_config

    language = result.language
    config = default_progress_config()
    table = result.table
    counts = table["status"].value_counts()
    facts = [(config.label(s, language), _n(int(n), language)) for s, n in counts.items()]
    rows = [[r.unit_id, r.indicator, config.label(r.status, language),
             "–" if pd.isna(r.latest_value) else format_number(r.latest_value, language),
             "–" if pd.isna(r.target_value) else format_number(r.target_value, language), r.note[:120]]
            for r in table.itertuples()]
    headers = [t(key, language) for key in ("col_unit", "col_indicator", "col_status", "col_value", "col_target",
                                            "repr_note")]
    return render(t("repr_assessment", language, n=_n(len(table), language)), facts, headers, rows,
                  hint=t("repr_table_hint", language), language=language)


def forecasts_html(result: Any) -> str:
    language = result.language
    series = result.summary()
    rows = [[r.unit_id, r.indicator, r.status, r.model,
             "–" if pd.isna(r.p_target_met) else format_number(round(100 * r.p_target_met), language, decimals=0,
                                                               percent=True), str(r.reason)[:120]]
            for r in series.itertuples()]
    headers = [t(key, language) for key in ("col_unit", "col_indicator", "col_status", "repr_model", "repr_p_met",
                                            "repr_note")]
    return render(t("repr_forecasts", language, n=_n(len(series), language)), [], headers, rows,
                  notes=[t("repr_short_series", language)], hint=t("repr_table_hint", language), language=language)


def reaggregation_html(result: Any, language: str = DEFAULT_LANGUAGE) -> str:
    facts = [(t("repr_reagg_values", language), _n(len(result.values), language)),
             (t("repr_reagg_incomplete", language), _n(len(result.incomplete), language)),
             (t("repr_reagg_refused", language), _n(len(result.refused), language))]
    return render(t("repr_reaggregation", language), facts, notes=result.explain(language),
                  hint=t("repr_reagg_hint", language), language=language)
