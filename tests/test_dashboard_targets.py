"""The dashboard lists a unit's targets in force ahead, even without figures (`dtlib.dashboard.targets`)."""

from __future__ import annotations

from datetime import date
from html import escape

from dtlib.dashboard.targets import targets_ahead_html
from dtlib.data.datasets import load_bundle
from dtlib.i18n import t
from dtlib.tables import targets_ahead


def test_every_later_target_of_the_unit_and_the_nation_is_listed_in_the_page_language():
    bundle = load_bundle()
    today = date(2026, 12, 1)
    later = targets_ahead(bundle.targets, "P34-79", today.year - 1)
    for language in ("vi", "en"):
        html = targets_ahead_html(bundle, "P34-79", language, today=today)
        assert t("dash_targets_ahead", language, n=len(later)) in html
        for code in set(later["indicator"]):
            assert escape(bundle.catalog[code].name(language)) in html  # as views.esc writes it
    assert set(later["scope"]) <= {"national", "P34-79"}
    assert (later["year"] >= today.year).all()


def test_no_list_when_no_target_lies_ahead():
    bundle = load_bundle()
    assert targets_ahead_html(bundle, "P34-79", "vi", today=date(2100, 1, 1)) == ""


def test_the_targets_that_came_due_carry_the_reports_verdict():
    from dtlib.dashboard.targets import targets_due_html
    from dtlib.tables import due_rows

    bundle = load_bundle()
    today = date(2026, 12, 1)
    actuals = bundle.actuals[bundle.actuals["unit_id"] == "P34-79"]
    due = due_rows(actuals, bundle.targets, "P34-79", 2025, 2025)
    html = targets_due_html(bundle, "P34-79", "vi", today=today)
    assert t("dash_targets_due", "vi", n=len(due)) in html
    for verdict, count in due["verdict"].value_counts().items():
        assert html.count(f"dt-due-{verdict}") == count


def test_the_page_shows_both_lists_from_one_read_of_the_targets():
    from dtlib.dashboard.targets import targets_due_html, targets_html

    bundle = load_bundle()
    today = date(2026, 12, 1)
    assert targets_html(bundle, "P34-79", "vi", today) == (
        targets_due_html(bundle, "P34-79", "vi", today) + targets_ahead_html(bundle, "P34-79", "vi", today))
