import math

import pytest

from dtlib.data.numbers import format_number, parse_number
from dtlib.errors import NumberFormatError


@pytest.mark.parametrize(("text", "locale", "value"), [
    ("1.586", "vi", 1586.0),
    ("86,3", "vi", 86.3),
    ("86,3%", "vi", 86.3),
    ("1.234.567,5", "vi", 1234567.5),
    ("1,586", "en", 1586.0),
    ("86.3", "en", 86.3),
    ("1,2 triệu", "vi", 1_200_000.0),
    ("-3,5", "vi", -3.5),
    ("0", "vi", 0.0),
    (1586, "vi", 1586.0),
    (0.8002, "en", 0.8002),
])
def test_parses_numbers_in_their_locale(text, locale, value):
    assert parse_number(text, locale).value == pytest.approx(value)


def test_ratio_keeps_numerator_and_denominator():
    parsed = parse_number("1.586/1.887", "vi")
    assert (parsed.numerator, parsed.denominator) == (1586.0, 1887.0)
    assert parsed.value == pytest.approx(1586 / 1887)
    assert parse_number("488.321/576.956%", "vi").value == pytest.approx(84.638, abs=1e-3)


@pytest.mark.parametrize(("text", "qualifier", "value"), [
    ("trên 92%", "gt", 92.0), ("hơn 6.500", "gt", 6500.0), ("khoảng 65.000", "approx", 65000.0),
    ("dưới 10%", "lt", 10.0), ("over 1,000", "gt", 1000.0),
])
def test_qualifier_words_are_kept(text, qualifier, value):
    parsed = parse_number(text, "en" if text.startswith("over") else "vi")
    assert (parsed.qualifier, parsed.value) == (qualifier, value)


@pytest.mark.parametrize(("text", "locale", "rule"), [
    ("1.3521", "vi", "must have exactly 3 digits"),
    ("1.3521/1.886", "vi", "must have exactly 3 digits"),
    ("86,3,1", "vi", "more than one decimal mark"),
    ("1,5.3", "vi", "thousands separator '.' after the decimal mark"),
    ("", "vi", "is empty"),
    ("abc", "vi", "is not a number"),
    ("12a", "en", "is not a number"),
    ("1/2/3", "vi", "more than one '/'"),
    ("5/0", "vi", "zero denominator"),
    ("8%6", "vi", "percent sign that is not at the end"),
    ("1,586", "xx", "not a supported locale"),
    (float("nan"), "vi", "not a finite number"),
    (True, "vi", "is a boolean"),
    ("1.58", "vi", "must have exactly 3 digits"),
])
def test_malformed_figures_name_the_rule(text, locale, rule):
    with pytest.raises(NumberFormatError, match=rule.replace("(", r"\(").replace(".", r"\.")):
        parse_number(text, locale)


def test_format_number_per_language():
    assert format_number(1586, "vi") == "1.586"
    assert format_number(1586, "en") == "1,586"
    assert format_number(86.3, "vi", decimals=1, percent=True) == "86,3 %"
    assert format_number(float("nan"), "vi") == "–"
    assert format_number(-1234.5, "vi", decimals=1) == "-1.234,5"
    assert not math.isnan(parse_number("1.586", "vi").value)
