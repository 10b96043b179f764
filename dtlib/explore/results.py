"""Results of `assess` and `forecast`: the full table plus a short notebook summary.

The table is the reference (`.table`, a DataFrame as returned by `dtlib.analysis`); the object
exists so that a notebook shows counts and the first rows, not a 30-column dump.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd


def _unit_id(unit: str) -> str:
    from dtlib.data.units import registry
    from dtlib.explore.pick import pick_unit

    return pick_unit(unit, registry()).id


@dataclass
class Assessment:
    """`dtlib.analysis.assess_progress` rows (one per unit x indicator) and their language."""

    table: pd.DataFrame
    language: str = "vi"

    def __len__(self) -> int:
        return len(self.table)

    def status(self, unit: str, indicator: str) -> str:
        """The status of one unit (any spelling) x indicator; a DtlibError if it was not assessed."""
        from dtlib.errors import DtlibError

        unit_id = _unit_id(unit)
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

    def plot(self, unit: str, indicator: str):
        """Fan chart of one series (`dtlib.analysis.forecast_fan`); `unit` in any spelling."""
        from dtlib.analysis import forecast_fan
        from dtlib.errors import DtlibError

        try:
            return forecast_fan(self.table, _unit_id(unit), indicator, self.observations, lang=self.language)
        except ValueError as exc:
            raise DtlibError(str(exc)) from None

    def _repr_html_(self) -> str:
        from dtlib.explore.display import forecasts_html

        return forecasts_html(self)
