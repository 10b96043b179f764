"""Forecast fan chart for the quarterly report (plotly).

Draws what forecast.forecast_all computed, nothing more: observed points, the 80 % and 95 %
prediction bands, the central path, the target line and P(target met). Returns a Figure; the
notebook decides whether to show or save it.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

TEXT: dict[str, dict[str, str]] = {
    "en": {"observed": "Observed", "forecast": "Forecast", "target": "Target",
           "p": "P(target met by {year}) = {p:.0%}", "band": "{level}% interval",
           "none": "No forecast: {reason}"},
    "vi": {"observed": "Số liệu thực tế", "forecast": "Dự báo", "target": "Mục tiêu",
           "p": "Xác suất đạt mục tiêu năm {year} = {p:.0%}", "band": "Khoảng {level}%",
           "none": "Không dự báo: {reason}"},
}
"""Chart strings in Vietnamese and English."""

BAND_COLOURS: dict[int, str] = {95: "rgba(31,119,180,0.15)", 80: "rgba(31,119,180,0.30)"}
"""Fill colour of each prediction band (wider band lighter)."""


def forecast_fan(
    forecast: pd.DataFrame, unit_id: str, indicator: str,
    observations: pd.DataFrame | None = None, lang: str = "en", title: str | None = None,
) -> go.Figure:
    """Fan chart of one unit x indicator from a forecast_all frame (and optional observations).

    A series without a forecast gives a figure with its observed points and the reason.
    """
    text = TEXT[lang]
    fc = forecast.loc[forecast["unit_id"].eq(unit_id) & forecast["indicator"].eq(indicator)]
    if fc.empty:
        raise ValueError(f"no forecast row for {unit_id} x {indicator}")
    fig = go.Figure()
    ok = fc["status"].iloc[0] == "ok"
    if ok:
        for level in sorted(BAND_COLOURS, reverse=True):
            lo, hi = fc[f"lower_{level}"], fc[f"upper_{level}"]
            fig.add_trace(go.Scatter(
                x=pd.concat([fc["date"], fc["date"][::-1]]), y=pd.concat([hi, lo[::-1]]),
                fill="toself", fillcolor=BAND_COLOURS[level], line={"width": 0},
                hoverinfo="skip", name=text["band"].format(level=level)))
        fig.add_trace(go.Scatter(x=fc["date"], y=fc["mean"], mode="lines",
                                 line={"dash": "dash"}, name=text["forecast"]))
    if observations is not None:
        ob = observations.loc[observations["unit_id"].eq(unit_id)
                              & observations["indicator"].eq(indicator)
                              & observations["kind"].eq("actual")].sort_values("ref_date")
        fig.add_trace(go.Scatter(x=ob["ref_date"], y=pd.to_numeric(ob["value"], errors="coerce"),
                                 mode="lines+markers", name=text["observed"]))
    target = fc["target_value"].iloc[0]
    if pd.notna(target):
        fig.add_hline(y=float(target), line_dash="dot", line_color="firebrick",
                      annotation_text=f"{text['target']} {fc['target_year'].iloc[0]:.0f}: "
                                      f"{target:g}")
    if ok and pd.notna(fc["p_target_met"].iloc[0]):
        note = text["p"].format(year=int(fc["target_year"].iloc[0]),
                                p=float(fc["p_target_met"].iloc[0]))
    else:
        note = text["none"].format(reason=fc["reason"].iloc[0]) if not ok else ""
    if note:
        fig.add_annotation(text=note, xref="paper", yref="paper", x=0, y=1.06,
                           showarrow=False, align="left")
    fig.update_layout(title=title or f"{unit_id} · {indicator}", template="plotly_white",
                      legend={"orientation": "h", "y": -0.15})
    return fig
