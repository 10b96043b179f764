from datetime import date

import pytest

from dtlib.data.periods import PeriodError, parse_period, quarter_label_vi, quarter_of


@pytest.mark.parametrize(("text", "label", "kind", "end"), [
    ("2024", "2024", "year", date(2024, 12, 31)),
    ("2024Q1", "2024Q1", "quarter", date(2024, 3, 31)),
    ("Quý I/2024", "2024Q1", "quarter", date(2024, 3, 31)),
    ("quý IV/2023", "2023Q4", "quarter", date(2023, 12, 31)),
    ("Q3/2025", "2025Q3", "quarter", date(2025, 9, 30)),
    ("2024-02", "2024-02", "month", date(2024, 2, 29)),
    ("tháng 3/2024", "2024-03", "month", date(2024, 3, 31)),
    ("2024-03-20", "2024-03-20", "date", date(2024, 3, 20)),
    ("20/03/2024", "2024-03-20", "date", date(2024, 3, 20)),
    (2022, "2022", "year", date(2022, 12, 31)),
])
def test_parse_period(text, label, kind, end):
    period = parse_period(text)
    assert (period.label, period.kind, period.end) == (label, kind, end)


@pytest.mark.parametrize("text", ["2024Q5", "Quý V/2024", "2024-13", "31/02/2024", "last year", ""])
def test_bad_periods_list_accepted_forms(text):
    with pytest.raises(PeriodError):
        parse_period(text)


def test_quarter_helpers():
    assert quarter_of(date(2024, 5, 2)).label == "2024Q2"
    assert quarter_label_vi(parse_period("2024Q3")) == "Quý III/2024"
