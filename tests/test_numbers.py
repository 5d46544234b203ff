"""Text numbers as operators paste them (issue 2, item 4)."""

import math

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xladdin.core.numbers import PLACEHOLDERS, parse_number, parse_numbers, parse_texts
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


# --- fast paths == general rules (issue 3: one parser, its fast paths only a shortcut) -----------------
_US_SYMBOLS = ["", "$", "US$", "CA$", "C$", "A$", "AU$", "MX$", "£", "₹"]


def _grouped(whole: int, sep: str) -> str:
    return f"{whole:,}".replace(",", sep)


@st.composite
def _us_cell(draw, euro_ok: bool):
    cents = draw(st.integers(0, 10**11))
    places = draw(st.sampled_from([0, 1, 2, 2, 4]))
    whole, frac = divmod(cents, 100)
    frac_txt = f"{frac:02d}"[:places] if places <= 2 else f"{frac:02d}00"
    body = _grouped(whole, ",") if draw(st.booleans()) else str(whole)
    body += f".{frac_txt}" if places else ""
    sym = draw(st.sampled_from(_US_SYMBOLS + (["€"] if euro_ok else [])))
    sign = draw(st.sampled_from(["", "", "-", "+"]))
    t = draw(st.sampled_from([sign + sym + body, sym + sign + body]))
    if draw(st.booleans()) and not sym:
        t += "%"
    return draw(st.sampled_from(["", " "])) + t + draw(st.sampled_from(["", " "]))


@st.composite
def _de_cell(draw):
    cents = draw(st.integers(0, 10**11))
    whole, frac = divmod(cents, 100)
    body = _grouped(whole, ".") if draw(st.booleans()) else str(whole)
    if draw(st.booleans()):
        body += "," + f"{frac:02d}"[:draw(st.integers(1, 2))]
    tail = draw(st.sampled_from(["", " €", "\u00a0€", "\u202f€", "€", " %", "%", "\u00a0%"]))
    return draw(st.sampled_from(["", "-", "+"])) + body + tail


@st.composite
def _count_cell(draw):
    n = draw(st.integers(0, 10**12))
    sep = draw(st.sampled_from([",", ".", " ", "'", "\u00a0", "\u202f", ""]))
    return draw(st.sampled_from(["", "-"])) + (_grouped(n, sep) if sep else str(n))


_BLANKS = st.lists(st.sampled_from(list(PLACEHOLDERS)), max_size=2)


def _same(texts, decimal, integers, expect_fast):
    arr = pa.array(texts, pa.string())
    fast = parse_texts(arr, decimal, integers, general=False)
    general = parse_texts(arr, decimal, integers, fast=False)
    if expect_fast:
        assert fast is not None, texts
    if fast is not None:
        np.testing.assert_array_equal(fast[1], general[1])
        np.testing.assert_array_equal(fast[2], general[2])
        np.testing.assert_allclose(fast[0], general[0], rtol=1e-15, atol=0, equal_nan=True)
        assert general[1].all()


@settings(max_examples=300, deadline=None)
@given(st.sampled_from([None, "."]), st.data())
def test_us_money_and_percent_fast_path_equals_general(decimal, data):
    texts = data.draw(st.lists(_us_cell(decimal == "."), min_size=1, max_size=12)) + data.draw(_BLANKS)
    _same(texts, decimal, False, expect_fast=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(_de_cell(), min_size=1, max_size=12), _BLANKS)
def test_german_money_and_percent_fast_path_equals_general(texts, blanks):
    _same(texts + blanks, ",", False, expect_fast=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(_count_cell(), min_size=1, max_size=12), _BLANKS, st.sampled_from([None, ".", ","]))
def test_grouped_counts_fast_path_equals_general(texts, blanks, decimal):
    _same(texts + blanks, decimal, True, expect_fast=True)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.from_regex(r"-?[0-9]{1,12}(\.[0-9]{1,6})?", fullmatch=True), min_size=1, max_size=12),
       st.lists(st.just(""), max_size=2), st.sampled_from([None, "."]), st.booleans())
def test_plain_numbers_fast_path_equals_general(texts, blanks, decimal, integers):
    _same(texts + blanks, decimal, integers, expect_fast=not integers)


@settings(max_examples=500, deadline=None)
@given(st.lists(st.text(alphabet="0123456789.,-+ $%€eE()'\u00a0nai", max_size=9), min_size=1, max_size=6),
       st.sampled_from([None, ".", ","]), st.booleans())
def test_fast_paths_never_disagree_with_the_general_rules(texts, decimal, integers):
    """Whatever the texts, a fast path either declines or gives the general rules' values.  The head
    look-ahead is cut to one text so that the full-column checks behind it are exercised too."""
    from unittest import mock

    import xladdin.core.numbers as N

    with mock.patch.object(N, "_HEAD", 1):
        _same(["1"] + texts, decimal, integers, expect_fast=False)


_TRICKY = ["1.e5", ".5e3", "nan", "inf", "Infinity", "0x10", "1e400", "+5", "5.", ".5", "-.5", "€1,234", "€1.234",
           "1,234", "1.234", "1.045", "1,5", "12,50 €", "$1,23", "$1,2345.6", "MX$5", "$-5", "-$5", "5-", "--5", "(5)",
           "1,234.5", "1.234,5", "1 234", "1'234", "null", "---", "+1,234", "1,234%", "١٢"]


@pytest.mark.parametrize("tricky", _TRICKY)
@pytest.mark.parametrize("decimal", [None, ".", ","])
@pytest.mark.parametrize("integers", [False, True])
def test_tricky_texts_after_the_head(tricky, decimal, integers):
    """Past the look-ahead, only a full check stands between pyarrow's cast and a wrong value."""
    from unittest import mock

    import xladdin.core.numbers as N

    with mock.patch.object(N, "_HEAD", 1):
        for column in (["1", tricky], ["$1.50", tricky], ["1.234,50 €", tricky], ["1,045", tricky]):
            _same(column, decimal, integers, expect_fast=False)
