"""Fuzzing the input path: whatever the text, parse_number, parse_period and the loaders either
return a sensible result or raise a DtlibError naming the rule, never anything else.

Examples are bounded (`max_examples`, no deadline) so the suite stays fast on a 2-core machine.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dtlib.data.numbers import format_number, parse_number
from dtlib.data.periods import PeriodError, parse_period
from dtlib.errors import DtlibError, NumberFormatError

FAST = settings(max_examples=300, deadline=None)
TRICKY_CHARS = "0123456789.,-−%/ \u00a0\u202f\u2009\u200bſıİKkQqIVv" + "trênhơndướikhoảngtriệutỷ"
tricky_text = st.text(alphabet=st.sampled_from(TRICKY_CHARS), max_size=20) | st.text(max_size=20)


@FAST
@given(tricky_text, st.sampled_from(["vi", "en"]))
def test_parse_number_never_raises_anything_but_its_rule(text, locale):
    try:
        parsed = parse_number(text, locale)
    except NumberFormatError as exc:
        assert exc.rule
        return
    assert math.isfinite(parsed.value)


@FAST
@given(st.one_of(st.integers(), st.floats(), st.decimals(), st.booleans(), st.none()), st.sampled_from(["vi", "en"]))
def test_parse_number_on_typed_cells(value, locale):
    try:
        parsed = parse_number(value, locale)
    except NumberFormatError:
        return
    assert math.isfinite(parsed.value)
    assert parsed.value == float(value)


@FAST
@given(st.integers(min_value=0, max_value=10**12), st.integers(min_value=0, max_value=99),
       st.sampled_from(["vi", "en"]))
def test_format_then_parse_round_trips(whole, cents, locale):
    value = whole + cents / 100
    text = format_number(value, locale, decimals=2)
    assert parse_number(text, locale).value == round(value, 2)


@FAST
@given(st.integers(min_value=1000, max_value=9999))
def test_nfd_text_reads_like_nfc(year):
    for label in (f"Quý II/{year}", f"tháng 3/{year}", f"năm {year}"):
        assert parse_period(unicodedata.normalize("NFD", label)) == parse_period(label)
    assert parse_number(unicodedata.normalize("NFD", "trên 92%"), "vi").qualifier == "gt"


@FAST
@given(tricky_text | st.integers() | st.floats() | st.dates() | st.datetimes())
def test_parse_period_never_raises_anything_but_period_error(value):
    try:
        period = parse_period(value)
    except PeriodError:
        return
    assert period.start <= period.end
    assert isinstance(period.end, date)


ROW_VALUES = st.sampled_from(["76%", "86,3%", "1.586", "0.586", "1,586", "abc", "", "inf", "1e400",
                              "trên 92%", "1.586/1.887", "\u200b", "9" * 40, "Quý I/2024"])
ROW_UNITS = st.sampled_from(["74", "72.0", "1.0", "79", "Bình Dương", "", "x", "P63-74", "720"])
ROW_PERIODS = st.sampled_from(["2024", "Quý I/2024", "2024Q5", "", "31/02/2024", "2026", "2024-03-20"])
ROW_INDICATORS = st.sampled_from(["ho_so_truc_tuyen_ty_le", "doanh_nghiep_so_luong", "dti_rank", "x", ""])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(ROW_UNITS, ROW_INDICATORS, ROW_PERIODS, ROW_VALUES), min_size=0, max_size=6),
       st.sampled_from([",", ";", "\t"]), st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]),
       st.integers(min_value=0, max_value=2))
def test_loader_accounts_for_every_row(mini_data, tmp_path_factory, rows, delimiter, encoding, title_lines):
    """Every data row is accepted or rejected with a problem; nothing is dropped or raises."""
    from dtlib.data.datasets import load_reference
    from dtlib.data.loaders import load_observation_file

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n")
    for _ in range(title_lines):
        writer.writerow(["Báo cáo số liệu"])
    writer.writerow(["unit", "indicator", "period", "value", "kind", "source_id"])
    for unit, indicator, period, value in rows:
        writer.writerow([unit, indicator, period, value, "actual", "src-a"])
    path = tmp_path_factory.mktemp("fuzz") / "d.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))
    catalog, sources, units = load_reference()
    try:
        result = load_observation_file(path, locale="vi", catalog=catalog, source_ids=set(sources.index),
                                       units=units)
    except DtlibError as exc:  # pragma: no cover - the loader returns problems, it does not raise
        raise AssertionError(f"loader raised {exc!r}") from exc
    accepted = set(result.observations["row"])
    rejected = {p.row for p in result.problems}
    expected = set(range(title_lines + 2, title_lines + 2 + len(rows)))
    assert accepted | rejected == expected
    assert not accepted & rejected
    assert result.observations["value"].map(math.isfinite).all()
    for problem in result.problems:
        assert "None" not in str(problem)
        problem.render("vi")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.builds(lambda b: b"PK\x03\x04" + b, st.binary(max_size=200))
       | st.builds(lambda b: b"PAR1" + b + b"PAR1", st.binary(max_size=200)),
       st.sampled_from([".csv", ".xlsx", ".parquet"]))
def test_any_bytes_give_problems_not_exceptions(mini_data, tmp_path_factory, data, suffix):
    from dtlib.data.datasets import load_reference
    from dtlib.data.loaders import load_observation_file

    path = tmp_path_factory.mktemp("bytes") / f"d{suffix}"
    path.write_bytes(data)
    catalog, sources, units = load_reference()
    result = load_observation_file(path, locale="vi", catalog=catalog, source_ids=set(sources.index), units=units)
    assert result.ok or all(p.render("vi") and p.render("en") for p in result.problems)
