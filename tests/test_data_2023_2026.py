"""Relations the 2023-2026 deliveries must keep, checked on the embedded data.

Nothing here pins a published value: a routine delivery of new figures keeps these true, a
figure without a dated source, a 34-unit figure filed on an old province or a DTI year without
a methodology version breaks them.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dtlib.data.datasets import load_bundle, read_registry
from dtlib.paths import data_dir

NEW_FILES = ("dti_2023_2024", "national_2021_2025", "i766_2025")
PENDING_FILE = "observations/pending_status_2023_2026.csv"
"""Rows that need the list_order/range statuses; registered once those statuses exist."""
MERGER = date(2025, 7, 1)


@pytest.fixture(scope="module")
def bundle():
    return load_bundle()


@pytest.fixture(scope="module")
def new_rows(bundle) -> pd.DataFrame:
    paths = {entry.path for entry in read_registry(data_dir()) if entry.name in NEW_FILES}
    assert len(paths) == len(NEW_FILES), "every 2023-2026 file is registered"
    rows = bundle.observations[bundle.observations["file"].map(
        lambda file: any(str(file).endswith(path) for path in paths))]
    assert not rows.empty
    return rows


def _published(bundle, source_id: str) -> date:
    return date.fromisoformat(bundle.sources.loc[source_id, "published"])


def test_every_new_row_cites_a_source_with_a_publication_date(bundle, new_rows):
    for source_id in sorted(set(new_rows["source_id"])):
        assert source_id in bundle.sources.index, source_id
        _published(bundle, source_id)  # raises on an empty or malformed date


def test_no_actual_was_published_before_its_period_began(bundle, new_rows):
    actuals = new_rows[new_rows["kind"] == "actual"]
    for row in actuals.itertuples():
        assert _published(bundle, row.source_id) >= pd.Timestamp(row.period_start).date(), row


def test_geography_matches_the_unit_generation(new_rows):
    for row in new_rows.itertuples():
        if row.unit_id == "VN":
            continue
        prefix = {"34": "P34-", "63": "P63-"}[str(row.geography)]
        assert str(row.unit_id).startswith(prefix), row
    early_34 = new_rows[(new_rows["geography"].astype(str) == "34")
                        & (pd.to_datetime(new_rows["period_end"]).dt.date < MERGER)]
    assert early_34["unit_id"].str.startswith("P34-").all()


def test_ranks_stay_inside_their_group(new_rows):
    ranks = new_rows[new_rows["group_size"].notna()]
    assert (ranks["value"] <= ranks["group_size"]).all()


def test_every_dti_year_has_exactly_one_methodology_version(bundle):
    for code in ("dti_score", "dti_rank"):
        history = bundle.catalog[code].definition_history
        years = {int(str(p)[:4]) for p in bundle.observations.loc[
            bundle.observations["indicator"] == code, "period"]}
        versions = {}
        for year in years:
            matching = [h for h in history
                        if int(h["from"]) <= year <= int(h["to"] or 9999) and h.get("version")]
            assert len(matching) == 1, (code, year, matching)
            versions[year] = matching[0]["version"]
        # a series spanning two methodologies must show the break, never hide it
        if {2023, 2024} <= years:
            assert versions[2023] != versions[2024]


def test_targets_of_the_new_units_and_the_2026_plan_have_dated_sources(bundle):
    targets = bundle.catalog.targets_frame()
    recent = targets[(targets["scope"].astype(str).str.startswith("P34-"))
                     | (targets["year"] == 2026)]
    assert not recent.empty
    for row in recent.itertuples():
        _published(bundle, row.source_id)


def test_no_target_was_published_after_it_fell_due(bundle):
    targets = bundle.catalog.targets_frame().dropna(subset=["year"])
    dated = targets[targets["source_id"].map(lambda s: bool(bundle.sources.loc[s, "published"]))]
    assert not dated.empty
    for row in dated.itertuples():
        assert _published(bundle, row.source_id).year <= int(row.year), row


def test_list_positions_and_ranges_carry_their_status_flag(bundle):
    registered = {entry.path for entry in read_registry(data_dir())}
    assert PENDING_FILE in registered
    rows = pd.concat([bundle.observations, bundle.ranges])
    tagged = rows[rows["note"].astype(str).str.match(r"^\[(list_order|range)\]")]
    assert not tagged.empty
    for row in tagged.itertuples():
        assert row.note.startswith(f"[{row.status}]"), row
    pending = pd.read_csv(data_dir() / PENDING_FILE, dtype=str, keep_default_na=False)
    assert set(pending["status"]) <= {"list_order", "range"}
    for row in pending.itertuples():
        assert row.note.startswith(f"[{row.status}]"), row
        assert row.source_id in bundle.sources.index, row
