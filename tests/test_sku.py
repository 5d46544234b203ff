"""SKU review: SKU_KEEP, SKU_DECISION, CONTRIBUTION (playbook: cut < 5 % contribution AND < 15 % margin)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from udfs.sku import CONTRIBUTION, SKU_DECISION, SKU_KEEP
from xladdin.core import sku
from xladdin.settings import DEFAULTS
from xladdin.worksheet.registry import all_functions


# --- SKU_KEEP ----------------------------------------------------------------------------------------

def test_sku_keep_cut_only_when_below_both():
    assert (DEFAULTS.min_contribution, DEFAULTS.min_margin) == (0.05, 0.15)
    assert SKU_KEEP(0.03, 0.10) is False
    assert SKU_KEEP(0.03, 0.20) is True  # margin fine
    assert SKU_KEEP(0.08, 0.10) is True  # contribution fine
    assert SKU_KEEP(0.08, 0.20) is True
    assert SKU_KEEP(0.01, -0.20) is False  # a loss-making SKU: margin may be negative


def test_sku_keep_boundaries_are_not_below():
    assert SKU_KEEP(0.05, 0.10) is True  # exactly 5 % is not below
    assert SKU_KEEP(0.03, 0.15) is True  # exactly 15 % is not below
    assert SKU_KEEP("5%", "15%") is True
    assert SKU_KEEP(0.0499, 0.1499) is False
    # float noise: 1 − 0.85 = 0.15000000000000002 and 0.15 − 1e-12 both count as 15 %
    assert SKU_KEEP(0.03, 1 - 0.85) is True
    assert SKU_KEEP(0.03, 0.15 - 1e-12) is True


def test_sku_keep_text_numbers_and_custom_thresholds():
    assert SKU_KEEP("3%", "12.5%") is False
    assert SKU_KEEP("3%", "12.5%", "2%") is True  # 3 % ≥ 2 %
    assert SKU_KEEP("3%", "12.5%", None, "10%") is True  # 12.5 % ≥ 10 %


def test_sku_keep_errors():
    assert SKU_KEEP(-0.01, 0.1) == "#NUM! NEGATIVE"
    assert SKU_KEEP(5, 0.1) == "#NUM! OUT_OF_RANGE"  # 5 typed for 5 %
    assert SKU_KEEP(0.03, 15) == "#NUM! OUT_OF_RANGE"
    assert SKU_KEEP(0.03, 0.1, 2) == "#NUM! OUT_OF_RANGE"
    assert SKU_KEEP(0.03, 0.1, None, -2) == "#NUM! OUT_OF_RANGE"
    assert SKU_KEEP("abc", 0.1) == "#VALUE! NOT_A_NUMBER"


def test_sku_keep_range_with_blanks():
    shares = [[0.03], [None], [0.08], ["4%"]]
    margins = [[0.10], [None], [0.10], ["20%"]]
    assert SKU_KEEP(shares, margins) == [[False], [""], [True], [True]]


@settings(max_examples=400, deadline=None)
@given(st.floats(0, 1), st.floats(-1, 1), st.floats(0, 1), st.floats(-1, 1))
def test_sku_keep_false_only_when_both_below(c, m, minc, minm):
    res = sku.sku_keep(c, m, minc, minm)
    assert res.errors is None
    keep = bool(res.values[0])
    if not keep:
        assert c < minc and m < minm
    if c >= minc or m >= minm:
        assert keep
    if c < minc - 1e-6 and m < minm - 1e-6:
        assert not keep


# --- SKU_DECISION ------------------------------------------------------------------------------------

def test_sku_decision_texts():
    assert SKU_DECISION(0.03, 0.10) == "CUT: contribution 3% < 5% and margin 10% < 15% / 贡献率和毛利率均低于标准，淘汰"
    assert SKU_DECISION(0.08, 0.10) == (
        "FIX: margin 10% < 15% (contribution 8% ≥ 5%) — raise price or cut cost / 毛利率低，提价或降本")
    assert SKU_DECISION(0.03, 0.20) == (
        "FIX: contribution 3% < 5% (margin 20% ≥ 15%) — grow sales (ads, listing) / 贡献率低，提升销量")
    assert SKU_DECISION(0.05, 0.15) == "KEEP: contribution 5% ≥ 5%, margin 15% ≥ 15% / 保留"
    assert SKU_DECISION("4.5%", "12.34%") == "CUT: contribution 4.5% < 5% and margin 12.3% < 15% / 贡献率和毛利率均低于标准，淘汰"


def test_sku_decision_trend_and_reason_flag():
    assert SKU_DECISION(0.03, 0.10, None, None, 0.02) == (
        "FIX: contribution 3% < 5% and margin 10% < 15%, but contribution rising from 2%"
        " — review next quarter / 两项均低于标准但在增长，下季度复查")
    assert SKU_DECISION(0.03, 0.10, None, None, 0.04, False) == "CUT"  # falling
    assert SKU_DECISION(0.03, 0.10, None, None, 0.03, False) == "CUT"  # flat
    assert SKU_DECISION(0.08, 0.10, None, None, None, False) == "FIX"
    assert SKU_DECISION(0.08, 0.20, None, None, None, "否") == "KEEP"
    assert SKU_DECISION(0.03, 0.10, None, None, -0.01) == "#NUM! NEGATIVE"


def test_sku_decision_range():
    res = SKU_DECISION([[0.03], [None], [0.08]], [[0.1], [None], [0.2]], "2%", "10%", None, False)
    assert res == [["KEEP"], [""], ["KEEP"]]


# --- CONTRIBUTION ------------------------------------------------------------------------------------

def test_contribution_shares():
    assert CONTRIBUTION([[50], [30], [20]]) == [[50 / 100], [30 / 100], [20 / 100]]
    assert CONTRIBUTION(250) == 1.0  # a single cell is all of its total


def test_contribution_blanks_stay_blank_and_text_numbers():
    assert CONTRIBUTION([[50], [None], ["$30"], ["1,000"]]) == [[50 / 1080], [""], [30 / 1080], [1000 / 1080]]


def test_contribution_two_dimensional_range_keeps_shape():
    assert CONTRIBUTION([[1, 3], [None, 4]]) == [[1 / 8, 3 / 8], ["", 4 / 8]]


def test_contribution_negatives_are_errors_and_left_out_of_the_total():
    assert CONTRIBUTION([[60], [-10], [40]]) == [[60 / 100], ["#NUM! NEGATIVE"], [40 / 100]]


def test_contribution_bad_text_is_left_out_of_the_total():
    assert CONTRIBUTION([[60], ["abc"], [40]]) == [[0.6], ["#VALUE! NOT_A_NUMBER"], [0.4]]


def test_contribution_zero_total():
    assert CONTRIBUTION([[0], [0]]) == [["#DIV/0! DIV_ZERO"], ["#DIV/0! DIV_ZERO"]]
    assert CONTRIBUTION([[0], [None]]) == [["#DIV/0! DIV_ZERO"], [""]]


def test_contribution_feeds_sku_keep():
    shares = CONTRIBUTION([[900], [40], [60]])  # 90 %, 4 %, 6 %
    assert SKU_KEEP(shares, [[0.3], [0.1], [0.1]]) == [[True], [False], [True]]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(0, 1e6), min_size=1, max_size=50))
def test_contribution_shares_add_up_to_one(values):
    res = sku.contribution(values)
    if sum(values) == 0:
        assert (res.errors == 2).all()
    else:
        assert res.errors is None
        assert abs(res.values.sum() - 1) < 1e-9
        assert ((res.values >= 0) & (res.values <= 1)).all()


# --- registry ----------------------------------------------------------------------------------------

def test_sku_functions_are_registered_and_documented():
    names = {f.name: f for f in all_functions() if f.module == "udfs.sku"}
    assert set(names) == {"SKU_KEEP", "SKU_DECISION", "CONTRIBUTION"}
    for f in names.values():
        assert len(f.description) <= 255 and "/" in f.description and "Example" in f.description
        for a in f.args:
            assert len(a.doc) <= 255 and "/" in a.doc
