"""Plotly charts for the reports: an indicator's trend against its targets, and the DTI rank history.

Functions take observation rows (already filtered to one unit) and return a `go.Figure`; they do
not read files or show anything. Numbers follow the report language (`layout.separators`), hover
texts are preformatted with `dtlib.i18n.format_value`, and synthetic points are drawn hollow and
labelled as such.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dtlib.data.catalog import Indicator
from dtlib.data.methodology import COLUMN as METHOD_COLUMN
from dtlib.data.methodology import segments
from dtlib.i18n import format_date, t, unit_suffix
from dtlib.tables import format_value

SEPARATORS: dict[str, str] = {"vi": ",.", "en": ".,"}
"""plotly `separators`: decimal mark then thousands separator."""

VALUE_COLOUR = "#2171b5"
SOURCE_COLOURS: tuple[str, ...] = (VALUE_COLOUR, "#6a51a3", "#238b45", "#8c6d31")
"""One colour per source when sources disagree (each source is its own line)."""
TARGET_COLOUR = "#d7301f"
CHART_HEIGHT = 360

TICK_FORMATS: dict[str, str] = {"count": ",d", "people": ",d", "vnd": ",d", "rank": "d"}
"""d3 tick formats: whole numbers with thousands separators (never `1,2M` for 1.200.000)."""


def _layout(fig: go.Figure, title: str, language: str) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0.0, "font": {"size": 15}}, separators=SEPARATORS[language],
        height=CHART_HEIGHT, margin={"l": 60, "r": 20, "t": 50, "b": 40}, template="plotly_white",
        legend={"orientation": "h", "y": -0.18}, hovermode="closest",
    )
    return fig


def _synthetic_suffix(rows: pd.DataFrame, language: str) -> str:
    if "synthetic" in rows and bool(rows["synthetic"].any()):
        return f" ({t('synthetic_mark', language)})"
    return ""


def source_namer(source_names: Mapping[str, str] | None, language: str) -> Callable[[object], str]:
    """How a chart names a source: the caller's reader-facing name (outlet, footnote mark), else
    a number ("số 1", "số 2") in order of appearance — never the internal source id."""
    seen: dict[object, str] = {}

    def name(source: object) -> str:
        if source_names is not None and source in source_names:
            return source_names[source]
        if source not in seen:
            seen[source] = t("chart_source_n", language, n=len(seen) + 1)
        return seen[source]

    return name


def _value_trace(rows: pd.DataFrame, unit: str, language: str, name: str,
                 colour: str, source_name: Callable[[object], str]) -> go.Scatter:
    synthetic = rows["synthetic"].astype(bool) if "synthetic" in rows else pd.Series(False, rows.index)
    mark = t("synthetic_mark", language)
    hover = [
        f"{format_date(d, language)}: {format_value(v, unit, language, q)}"
        f" ({t('col_source', language)}: {source_name(s)}){' – ' + mark if syn else ''}"
        for d, v, q, s, syn in zip(rows["ref_date"], rows["value"], rows["qualifier"],
                                   rows["source_id"], synthetic, strict=True)
    ]
    return go.Scatter(
        x=rows["ref_date"], y=rows["value"], mode="lines+markers", name=name,
        line={"color": colour}, hovertext=hover, hoverinfo="text",
        marker={"size": 9, "color": colour,
                "symbol": ["circle-open" if s else "circle" for s in synthetic]},
    )


def _add_segments(fig: go.Figure, rows: pd.DataFrame, unit: str, language: str, name: str,
                  colour: str, source_name: Callable[[object], str]) -> None:
    """One trace per methodology segment (`dtlib.data.methodology.segments`): a line never joins
    figures measured under two methods; later segments are named with their method."""
    for number, part in enumerate(segments(rows)):
        trace = _value_trace(part, unit, language, name, colour, source_name)
        if number:
            version = part[METHOD_COLUMN].iloc[0] if METHOD_COLUMN in part else ""
            trace.update(name=f"{name} ({t('method_version', language, version=version)})", legendgroup=name)
        fig.add_trace(trace)


def trend_chart(rows: pd.DataFrame, indicator: Indicator, targets: pd.DataFrame,
                language: str = "vi", source_names: Mapping[str, str] | None = None) -> go.Figure:
    """Values of one indicator over time (one line per source) with a dashed line to each target.

    `rows`: actual observations of one unit and indicator (`ref_date`, `value`, `qualifier`,
    `source_id`, `synthetic`). `targets`: rows of `Bundle.targets` for the indicator (scope
    `national` or the unit), each drawn from the first observation to the end of its year.
    `source_names`: source id → the name a reader sees (`source_namer`).
    """
    rows = rows.sort_values("ref_date")
    fig = go.Figure()
    source_name = source_namer(source_names, language)
    sources = list(dict.fromkeys(rows["source_id"]))
    for number, source in enumerate(sources):
        part = rows[rows["source_id"] == source]
        name = indicator.name(language) if len(sources) == 1 else (
            f"{indicator.name(language)} – {t('col_source', language)} {source_name(source)}")
        _add_segments(fig, part, indicator.unit, language, name, SOURCE_COLOURS[number % 4], source_name)
    _target_lines(fig, targets, indicator, rows["ref_date"].min() if not rows.empty else None, language)
    return _finish(fig, indicator, indicator.name(language) + _synthetic_suffix(rows, language), language)


def _target_lines(fig: go.Figure, targets: pd.DataFrame, indicator: Indicator, start: object,
                  language: str) -> None:
    """A dashed line from `start` to the end of each dated target's year."""
    for target in targets.sort_values(["year", "scope"]).itertuples():
        if pd.isna(target.year):
            continue
        end = pd.Timestamp(date(int(target.year), 12, 31))
        scope = t("scope_national" if target.scope == "national" else "scope_unit", language)
        label = t("target_line", language, year=int(target.year), scope=scope)
        text = f"{label}: {format_value(target.value, indicator.unit, language)}"
        fig.add_trace(go.Scatter(
            x=[start if start is not None and start < end else end, end],
            y=[target.value, target.value], mode="lines+markers", name=text,
            line={"color": TARGET_COLOUR, "dash": "dash" if target.scope == "national" else "dot"},
            marker={"symbol": ["line-ew", "star"], "size": [1, 12], "color": TARGET_COLOUR},
            hovertext=[text, text], hoverinfo="text",
        ))


def _finish(fig: go.Figure, indicator: Indicator, title: str, language: str) -> go.Figure:
    suffix = unit_suffix(indicator.unit, language)
    fig.update_yaxes(title=f"{t('trend_value', language)}{' (' + suffix + ')' if suffix else ''}",
                     ticksuffix=" %" if indicator.unit == "percent" else "",
                     tickformat=TICK_FORMATS.get(indicator.unit, ""),
                     rangemode="tozero" if indicator.direction == "higher_better" else "normal",
                     autorange="reversed" if indicator.direction == "lower_better" else True)
    fig.update_xaxes(title=t("date", language))
    return _layout(fig, title, language)


def units_trend_chart(rows_by_unit: dict[str, pd.DataFrame], indicator: Indicator, targets: pd.DataFrame,
                      language: str = "vi", source_names: Mapping[str, str] | None = None) -> go.Figure:
    """One indicator for several units: one line per unit (labelled by the dict keys), plus targets.

    `rows_by_unit`: label -> actual observations of that unit (as for `trend_chart`); `targets`
    as for `trend_chart` (national targets and the units' own).
    """
    fig = go.Figure()
    source_name = source_namer(source_names, language)
    starts = []
    for number, (label, rows) in enumerate(rows_by_unit.items()):
        rows = rows.sort_values("ref_date")
        if not rows.empty:
            starts.append(rows["ref_date"].min())
        _add_segments(fig, rows, indicator.unit, language, label, SOURCE_COLOURS[number % 4], source_name)
    _target_lines(fig, targets, indicator, min(starts) if starts else None, language)
    every = pd.concat(list(rows_by_unit.values())) if rows_by_unit else pd.DataFrame()
    return _finish(fig, indicator, indicator.name(language) + _synthetic_suffix(every, language), language)


def rank_history_chart(rows: pd.DataFrame, language: str = "vi", n_units: int = 63,
                       title: str | None = None, source_names: Mapping[str, str] | None = None) -> go.Figure:
    """DTI rank per year, rank axis reversed (1 at the top), labelled with the rank.

    `rows`: actual `dti_rank` observations of one unit (`period_end`, `value`, `source_id`,
    optionally `group_size`). Sources that state the same rank for a year make one point (hover
    lists them); a year where sources disagree shows both ranks. Ranks of different groups (of 63,
    of 34) are separate series, never one line: a move from 7/63 to 4/34 is no rank change.
    `n_units` is the axis size when no group is known.
    """
    source_name = source_namer(source_names, language)
    groups = (rows["group_size"] if "group_size" in rows else pd.Series(pd.NA, index=rows.index))
    points = (rows.assign(year=rows["period_end"].dt.year, rank=rows["value"].astype(int),
                          group=pd.to_numeric(groups, errors="coerce").fillna(0).astype(int),
                          synthetic=rows["synthetic"].astype(bool) if "synthetic" in rows else False)
              .assign(method=rows[METHOD_COLUMN].fillna("") if METHOD_COLUMN in rows else "")
              .groupby(["group", "method", "year", "rank"], as_index=False)
              .agg(sources=("source_id", lambda s: ", ".join(source_name(x) for x in sorted(set(s)))),
                   synthetic=("synthetic", "any"))
              .sort_values(["group", "year", "rank"]))
    points = points.assign(method=points["method"].replace("", pd.NA).groupby(points["group"]).ffill().fillna(""))
    fig = go.Figure()
    dashes = ("solid", "dash", "dot")
    # one line per group (of 63, of 34) and methodology: neither a new group nor a new method is a rank change
    for i, ((group, method), part) in enumerate(points.groupby(["group", "method"], sort=False)):
        size = int(group) or n_units
        shown = f"/{size}" if group else ""
        hover = [f"{y}: {r}{shown} ({t('col_source', language)}: {s})"
                 for y, r, s in zip(part["year"], part["rank"], part["sources"], strict=True)]
        name = t("rank_group", language, n=size) if group else t("rank_group_unknown", language)
        if method:
            name = f"{name} ({t('method_version', language, version=method)})"
        fig.add_trace(go.Scatter(
            x=part["year"], y=part["rank"], mode="lines+markers+text",
            text=[f"{r}{shown}" for r in part["rank"]], textposition="top center", hovertext=hover,
            hoverinfo="text", name=name,
            line={"color": VALUE_COLOUR, "dash": dashes[i % len(dashes)]},
            marker={"size": 10, "color": VALUE_COLOUR,
                    "symbol": ["circle-open" if s else "circle" for s in part["synthetic"]]},
        ))
    largest = max([int(g) for g in points["group"] if g] or [n_units])
    fig.update_yaxes(title=t("dti_rank", language), range=[largest + 0.5, 0.5], dtick=10,
                     zeroline=False)
    fig.update_xaxes(title=t("year", language), dtick=1, tickformat="d")
    heading = title or t("dti_heading", language)
    return _layout(fig, heading + _synthetic_suffix(rows, language), language)
