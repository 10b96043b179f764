"""Results of `assess` and `forecast`: the full table plus a short notebook summary.

The table is the reference (`.table`, a DataFrame as returned by `dtlib.analysis`); the object
exists so that a notebook shows counts and the first rows, not a 30-column dump.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


@dataclass
class Assessment:
    """`dtlib.analysis.assess_progress` rows (one per unit x indicator) and their language."""

    table: pd.DataFrame
    language: str = "vi"

    def __len__(self) -> int:
        return len(self.table)

    def status(self, unit_id: str, indicator: str) -> str:
        """The status of one unit x indicator (KeyError-free: a DtlibError if absent)."""
        from dtlib.errors import DtlibError

        rows = self.table[(self.table["unit_id"] == unit_id) & (self.table["indicator"] == indicator)]
        if rows.empty:
            raise DtlibError(f"no assessment for {unit_id} x {indicator}")
        return str(rows["status"].iloc[0])

    def _repr_html_(self) -> str:
        from dtlib.explore.display import assessment_html

        return assessment_html(self)


@dataclass
class Forecasts:
    """`dtlib.analysis.forecast_all` rows (one per forecast date), the observations, the language."""

    table: pd.DataFrame
    observations: pd.DataFrame
    language: str = "vi"

    def summary(self) -> pd.DataFrame:
        """One row per series: status, model, P(target met), reason, n_obs."""
        columns = ["unit_id", "indicator", "status", "model", "p_target_met", "reason", "n_obs",
                   "target_value", "target_year"]
        return self.table.drop_duplicates(["unit_id", "indicator"])[columns].reset_index(drop=True)

    def plot(self, unit_id: str, indicator: str):
        """Fan chart of one series (`dtlib.analysis.forecast_fan`)."""
        from dtlib.analysis import forecast_fan

        return forecast_fan(self.table, unit_id, indicator, self.observations, lang=self.language)

    def _repr_html_(self) -> str:
        from dtlib.explore.display import forecasts_html

        return forecasts_html(self)
