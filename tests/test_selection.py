"""Product selection: SELECT_SCORE (playbook: search > 10,000 a month, BSR top 100, review growth < 50 a month)."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from udfs.selection import SELECT_SCORE
from xladdin.core import selection
from xladdin.settings import DEFAULTS
from xladdin.worksheet.registry import all_functions


def test_defaults_come_from_settings():
    assert (DEFAULTS.min_monthly_search, DEFAULTS.max_bsr, DEFAULTS.max_review_growth) == (10_000, 100, 50)
    assert (DEFAULTS.min_price, DEFAULTS.max_price, DEFAULTS.min_selection_margin) == (15, 50, 0.25)
    assert selection.weights() == {"search": 30, "bsr": 25, "review_growth": 25, "price": 10, "margin": 10}


def test_all_criteria_met_is_100():
    assert SELECT_SCORE(20_000, 10, 0) == 100
    assert SELECT_SCORE(10_000, 100, 50) == 100  # full points at the thresholds
    assert SELECT_SCORE(10_000, 1, 10, 29.99, "30%") == 100


def test_partial_scores_by_hand():
    # search 5,000 / 10,000 = 0.5 × 30 = 15; BSR 50 ≤ 100 → 25; growth 20 ≤ 50 → 25; (15 + 25 + 25) / 80 = 81.25 %
    assert SELECT_SCORE(5000, 50, 20) == 81.3  # rounded half up, like Excel's ROUND
    # search 30; BSR 100 / 200 = 0.5 × 25 = 12.5; growth 50 / 100 = 0.5 × 25 = 12.5; 55 / 80 = 68.75 %
    assert SELECT_SCORE(10_000, 200, 100) == 68.8
    # with price $10 (10 / 15 × 10 = 6.667) and margin 12.5 % (12.5 / 25 × 10 = 5): (30 + 25 + 25 + 6.667 + 5) / 100
    assert SELECT_SCORE(10_000, 100, 50, 10, 0.125) == 91.7
    # price above the band: 50 / 100 × 10 = 5; no margin given → out of 90
    assert SELECT_SCORE(10_000, 100, 50, 100) == 94.4  # 100 × (30 + 25 + 25 + 5) / 90 = 94.44
    # nothing: 0 searches, rank 10,000 (100 / 10,000 × 25 = 0.25), growth 5,000 (50 / 5,000 × 25 = 0.25)
    assert SELECT_SCORE(0, 10_000, 5_000) == 0.6  # 100 × (0 + 0.25 + 0.25) / 80 = 0.625


def test_margin_and_review_edge_cases():
    assert SELECT_SCORE(10_000, 100, 50, None, -0.1) == 88.9  # a loss scores 0 of 10: 100 × 80 / 90 = 88.89
    assert SELECT_SCORE(10_000, 100, -5) == 100  # reviews removed: below the threshold


def test_text_numbers():
    assert SELECT_SCORE("5,000", "50", "20") == 81.3
    assert SELECT_SCORE("12,000", 80, 10, "$24.99", "25%") == 100


def test_custom_thresholds():
    assert SELECT_SCORE(5000, 50, 20, None, None, 5000) == 100  # 5,000 meets a 5,000 threshold
    assert SELECT_SCORE(10_000, 400, 20, None, None, None, 200) == 84.4  # 100 × (30 + 25 × 200 / 400 + 25) / 80 = 84.375
    assert SELECT_SCORE(10_000, 50, 40, None, None, None, None, 20) == 84.4  # 100 × (30 + 25 + 25 × 20 / 40) / 80


def test_settings_thresholds():
    s = DEFAULTS.model_copy(update={"min_price": 20.0, "min_selection_margin": 0.5})
    res = selection.select_score(10_000, 100, 50, 10.0, 0.25, settings=s)
    assert res.values.tolist() == [90.0]  # 100 × (30 + 25 + 25 + 10 × 10 / 20 + 10 × 0.25 / 0.5) / 100


def test_errors():
    assert SELECT_SCORE(-1, 50, 20) == "#NUM! NEGATIVE"
    assert SELECT_SCORE(5000, 0, 20) == "#NUM! OUT_OF_RANGE"  # ranks start at 1
    assert SELECT_SCORE(5000, -3, 20) == "#NUM! NEGATIVE"
    assert SELECT_SCORE(5000, 50, 20, -5) == "#NUM! NEGATIVE"
    assert SELECT_SCORE(5000, 50, 20, 20, 30) == "#NUM! OUT_OF_RANGE"  # 30 typed for 30 %
    assert SELECT_SCORE(5000, 50, 20, None, None, None, 0) == "#NUM! OUT_OF_RANGE"
    assert SELECT_SCORE("lots", 50, 20) == "#VALUE! NOT_A_NUMBER"


def test_range_with_blank_row():
    res = SELECT_SCORE([[5000], [None], [20_000]], [[50], [None], [10]], [[20], [None], [0]])
    assert res == [[81.3], [""], [100.0]]


# Property tests --------------------------------------------------------------------------------------

_search = st.floats(0, 1e7, allow_nan=False)
_bsr = st.floats(1, 1e6, allow_nan=False)
_growth = st.floats(-100, 1e5, allow_nan=False)
_price = st.one_of(st.just(float("nan")), st.floats(0, 1000, allow_nan=False))
_margin = st.one_of(st.just(float("nan")), st.floats(-1, 1, allow_nan=False))


def _score(q, r, g, p, m) -> float:
    res = selection.select_score(q, r, g, p, m)
    assert res.errors is None
    return float(res.values[0])


@settings(max_examples=300, deadline=None)
@given(_search, _bsr, _growth, _price, _margin)
def test_score_within_0_and_100(q, r, g, p, m):
    assert 0 <= _score(q, r, g, p, m) <= 100


@settings(max_examples=300, deadline=None)
@given(_search, _search, _bsr, _growth, _price, _margin)
def test_score_never_decreases_when_search_rises(q1, q2, r, g, p, m):
    lo, hi = sorted((q1, q2))
    assert _score(lo, r, g, p, m) <= _score(hi, r, g, p, m)


@settings(max_examples=300, deadline=None)
@given(_search, _bsr, _bsr, _growth, _price, _margin)
def test_score_never_increases_when_bsr_rises(q, r1, r2, g, p, m):
    lo, hi = sorted((r1, r2))
    assert _score(q, lo, g, p, m) >= _score(q, hi, g, p, m)


@settings(max_examples=300, deadline=None)
@given(_search, _bsr, _growth, _growth, _price, _margin)
def test_score_never_increases_when_review_growth_rises(q, r, g1, g2, p, m):
    lo, hi = sorted((g1, g2))
    assert _score(q, r, lo, p, m) >= _score(q, r, hi, p, m)


def test_selection_function_is_registered_and_documented():
    names = {f.name: f for f in all_functions() if f.module == "udfs.selection"}
    assert set(names) == {"SELECT_SCORE"}
    for f in names.values():
        assert len(f.description) <= 255 and "/" in f.description and "Example" in f.description
        for a in f.args:
            assert len(a.doc) <= 255 and "/" in a.doc


def test_weights_are_editable_in_settings():
    from xladdin.settings import load_settings

    s = load_settings({"weight_search": 0, "weight_bsr": 0, "weight_review_growth": 0, "weight_price": 0,
                       "weight_margin": 1})
    # Only the margin counts: margin 12.5 % against the 25 % minimum → sub-score 0.5 → 50.
    r = selection.select_score(np.array([1.0]), np.array([5000.0]), np.array([500.0]), np.array([30.0]),
                               np.array([0.125]), settings=s)
    assert r.values.tolist() == [50.0]
