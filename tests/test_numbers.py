"""Text numbers as operators paste them (issue 2, item 4)."""

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from xladdin.core.numbers import parse_number, parse_numbers
from xladdin.errors import Code, InputError

CASES = [
    ("$1,234.56", 1234.56), ("US$15,368.85", 15368.85), ("1.234,56 €", 1234.56), ("12.5%", 0.125),
    ("12,5 %", 0.125), ("1,234", 1234.0), ("12,5", 12.5), ("1.234 €", 1234.0), ("1.234.567", 1234567.0),
    ("(3.20)", -3.2), ("-4", -4.0), ("4-", -4.0), ("€1.234,56", 1234.56), ("１２３", 123.0),
    ("1\u00a0234,56", 1234.56), ("₹1,23,456.00", 123456.0), ("1.2E+05", 120000.0), ("\u22127,5", -7.5),
    ("£0.99", 0.99), ("¥1,000", 1000.0), (" 7 ", 7.0), ("100 %", 1.0), ("0,99 €", 0.99), ("EUR 12,50", 12.5),
    ("$0.5", 0.5), (".5", 0.5), ("1'234.5", 1234.5), ("CNY 88", 88.0), ("１２，５％", 0.125),
    ("7 Day", None), ("abc", None), ("12abc", None), ("$", None), ("1,2,3.4.5", None),
]


@pytest.mark.parametrize("text,expected", CASES, ids=[c[0] for c in CASES])
def test_text_numbers(text, expected):
    p = parse_numbers([text])
    if expected is None:
        assert p.errors[0] == Code.NOT_A_NUMBER and math.isnan(p.values[0]) and not p.blank[0]
    else:
        assert p.errors[0] == 0
        assert p.values[0] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("text", ["", "   ", "-", "--", "—", "N/A", None, float("nan")])
def test_blanks_and_placeholders_are_blank_not_errors(text):
    p = parse_numbers([text])
    assert p.blank[0] and p.errors[0] == 0 and math.isnan(p.values[0])


def test_mixed_list_as_xlwings_passes_it():
    import datetime as dt
    from decimal import Decimal

    p = parse_numbers([1.5, "2", None, True, dt.date(2026, 1, 1), Decimal("3.25"), "x", 4])
    assert list(p.errors) == [0, 0, 0, 0, Code.NOT_A_NUMBER, 0, Code.NOT_A_NUMBER, 0]
    np.testing.assert_array_equal(p.values[[0, 1, 3, 5, 7]], [1.5, 2.0, 1.0, 3.25, 4.0])
    assert list(p.blank) == [False, False, True, False, False, False, False, False]


def test_decimal_hint_overrides_detection():
    # "1,234" alone is US thousands; a German column says otherwise.
    assert parse_numbers(["1,234"]).values[0] == 1234.0
    assert parse_numbers(["1,234"], decimal=",").values[0] == pytest.approx(1.234)
    assert parse_numbers(["1.234"], decimal=",").values[0] == 1234.0
    assert parse_numbers(["1.234"], decimal=".").values[0] == pytest.approx(1.234)
    with pytest.raises(ValueError):
        parse_numbers(["1"], decimal=";")


def test_numeric_arrays_take_the_fast_path():
    a = np.array([1.0, np.nan, 3.0])
    p = parse_numbers(a)
    assert list(p.blank) == [False, True, False]
    assert p.values is a or np.shares_memory(p.values, a)


def test_parse_number_raises_a_coded_error():
    assert parse_number("$5") == 5.0
    with pytest.raises(InputError) as e:
        parse_number("five")
    assert e.value.code == Code.NOT_A_NUMBER


@given(st.decimals(min_value=-10**9, max_value=10**9, places=2, allow_nan=False, allow_infinity=False))
def test_us_and_german_money_round_trip(d):
    x = float(d)
    us = f"${abs(x):,.2f}"
    de = f"{abs(x):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".") + " €"
    if x < 0:
        us, de = "-" + us, "-" + de
    p = parse_numbers([us, de])
    assert p.errors.tolist() == [0, 0]
    assert p.values[0] == pytest.approx(x, abs=1e-9)
    assert p.values[1] == pytest.approx(x, abs=1e-9)
