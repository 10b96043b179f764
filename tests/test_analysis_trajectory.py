"""Interim trajectories and the "on track this quarter?" check, by hand."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dtlib.analysis.targets import Target
from dtlib.analysis.trajectory import check_interim, trajectory_frame, trajectory_value


def test_linear_path_by_hand():
    assert trajectory_value(2.5, 0, 40, 5, 90) == pytest.approx(65)
    assert trajectory_value(0, 0, 40, 5, 90) == pytest.approx(40)


def test_logistic_path_is_straight_in_logit_and_bounded():
    # From 50 % to 90 %: halfway in time is halfway in logit, i.e. 75 %.
    mid = trajectory_value(2.5, 0, 50, 5, 90, "logistic")
    z = 0.5 * np.log(0.9 / 0.1)
    assert mid == pytest.approx(100 / (1 + np.exp(-z)))  # 75.0
    assert trajectory_value(5, 0, 50, 5, 90, "logistic") == pytest.approx(90)
    assert trajectory_value(20, 0, 50, 5, 90, "logistic") < 100
    with pytest.raises(ValueError, match="path"):
        trajectory_value(1, 0, 50, 5, 90, "cubic")


def test_trajectory_frame_is_quarterly_to_the_target():
    tf = trajectory_frame(pd.Timestamp("2023-12-31"), 60, Target(80, 2025))
    assert tf["date"].iloc[0] == pd.Timestamp("2023-12-31")
    assert tf["date"].iloc[-1] == pd.Timestamp("2025-12-31")
    assert len(tf) == 9
    assert tf["expected"].iloc[4] == pytest.approx(70)  # end of 2024, halfway


def test_on_track_this_quarter_by_hand():
    # Path from 60 (end 2023) to 80 (end 2025): 70 expected at end 2024.
    dates = ["2023-12-31", "2024-12-31"]
    ahead = check_interim(dates, [60, 71], Target(80, 2025), "higher_better")
    behind = check_interim(dates, [60, 68], Target(80, 2025), "higher_better")
    assert ahead.on_track and ahead.expected == pytest.approx(70) and ahead.gap == pytest.approx(1)
    assert behind.on_track is False and behind.gap == pytest.approx(-2)


def test_on_track_lower_is_better():
    dates = ["2023-12-31", "2024-12-31"]
    r = check_interim(dates, [10, 8], Target(4, 2025), "lower_better")  # path at 7
    assert r.on_track is False and r.gap == pytest.approx(-1)


def test_single_observation_needs_a_baseline():
    alone = check_interim(["2024-06-30"], [55], Target(90, 2025), "higher_better")
    assert alone.on_track is None and "baseline" in alone.note
    given = check_interim(["2024-12-31"], [75], Target(90, 2025), "higher_better",
                          base_date=pd.Timestamp("2023-12-31"), base_value=60)
    assert given.on_track is True and given.expected == pytest.approx(75)
