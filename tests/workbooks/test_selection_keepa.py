"""Keepa history: the family captures the window columns whatever their order / spelling, and the selection
workbook's price volatility and season index match a hand computation (amazon-rules.md §7.2; formulas in
xladdin.workbooks.selection_keepa).  The reference documents Keepa headers in English only, so robustness is
checked on shuffled, re-cased, emoji-decorated and partial headers instead of a second language."""

import math
import random
import statistics

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from xladdin.reports import read_report
from xladdin.settings import DEFAULTS, Settings
from xladdin.workbooks import selection_keepa as sk
from xladdin.workbooks.selection_analysis import _num

HEADER = ["ASIN", "Sales Rank: Current", "Sales Rank: 30 days avg.", "Sales Rank: 180 days avg.",
          "Sales Rank: 365 days avg.", "Sales Rank: Drops last 30 days", "Sales Rank: Drops last 180 days",
          "Sales Rank: Drops last 365 days", "Buy Box: Current", "Buy Box: 30 days avg.", "Buy Box: 90 days avg.",
          "Buy Box: 180 days avg.", "Buy Box: 365 days avg.", "Buy Box: Lowest", "Buy Box: Highest",
          "New: Current", "New: 90 days avg.", "New: 180 days avg.", "New: 365 days avg."]
ROWS = [
    # steady price, drops: 30 in 30 days vs 365 in a year → 1.0 × pace
    ["B0KEEPA001", "900", "1000", "1100", "1200", "30", "180", "365", "20.00", "20.00", "21.00", "20.50", "20.00",
     "15.00", "25.00", "", "", "", ""],
    # price war: 18 now vs 30 a year ago; 90 drops in 30 days vs 365 → 3 × pace (peak)
    ["B0KEEPA002", "300", "400", "1500", "", "90", "100", "365", "18.00", "21.00", "24.00", "27.00", "30.00",
     "", "", "", "", "", ""],
    # no Buy Box history → New series; few drops → rank averages: 2000 ÷ 800
    ["B0KEEPA003", "700", "800", "2000", "", "3", "5", "", "", "", "", "", "", "", "", "9.99", "10.99", "11.49", ""],
    # nothing but the current values
    ["B0KEEPA004", "500", "", "", "", "", "", "", "12.00", "", "", "", "", "", "", "", "", "", ""],
]


def _frame(header=HEADER, rows=ROWS) -> pd.DataFrame:
    return read_report([header, *rows]).data


def _hist(frame: pd.DataFrame, s: Settings = DEFAULTS):
    k = frame.set_index("asin")
    return sk.history(k, list(k.index), s, _num)


def _cv(xs):
    return statistics.pstdev(xs) / statistics.mean(xs)


def test_volatility_and_season_by_hand():
    h, notes = _hist(_frame())
    assert h["price_cv"].tolist()[:3] == pytest.approx([_cv([20, 20, 21, 20.5, 20]), _cv([18, 21, 24, 27, 30]),
                                                         _cv([9.99, 10.99, 11.49])])
    assert h.loc[0, "price_range_ratio"] == pytest.approx((25 - 15) / 21)
    assert math.isnan(h.loc[1, "price_range_ratio"])  # no lowest / highest
    assert h["season_index"].tolist()[:3] == pytest.approx([(30 / 30) / (365 / 365), (90 / 30) / (365 / 365),
                                                             2000 / 800])
    assert h.loc[0, "keepa_signals"] == ""
    assert h.loc[1, "keepa_signals"] == f"{sk.VOLATILE}; {sk.PEAK}"  # CV ≈ 17 % > 10 %, 3.0 ≥ 1.5
    assert h.loc[2, "history_basis"] == "price: New now/90d/180d; season: rank avg 30d vs 180d"  # 5 drops < 24
    assert h.loc[0, "history_basis"] == "price: Buy Box now/30d/90d/180d/365d; season: drops 30d vs 365d"
    assert notes[:3] == [[], [], []]


def test_missing_history_is_blank_and_noted():
    h, notes = _hist(_frame())
    assert math.isnan(h.loc[3, "price_cv"]) and math.isnan(h.loc[3, "season_index"])
    assert h.loc[3, "keepa_signals"] == "" and h.loc[3, "history_basis"] == ""
    assert notes[3] == ["NO Keepa history"]
    # an ASIN the export does not have at all
    h, notes = sk.history(_frame().set_index("asin"), ["B0NOTTHERE"], Settings(), _num)
    assert h["price_cv"].isna().all() and notes == [["NO Keepa history"]]
    # only one of the two missing: that one is named
    h, notes = _hist(_frame(rows=[["B0KEEPA009", "5", "", "", "", "", "", "", "10", "11", "12", *[""] * 8]]))
    assert notes == [["NO rank history"]] and h.loc[0, "price_cv"] > 0


def test_off_season_flag():
    rows = [["B0KEEPA005", "900", "1000", "", "", "10", "", "365", "", "", "", "", "", "", "", "", "", "", ""]]
    h, _ = _hist(_frame(rows=rows))
    assert h.loc[0, "season_index"] == pytest.approx(1 / 3) and h.loc[0, "keepa_signals"] == sk.OFF


def test_shuffled_renamed_headers_give_the_same_frame():
    """Column order is the user's choice; case, spacing and Keepa's truck emoji vary between versions."""
    en = _frame()
    order = list(range(1, len(HEADER)))
    random.Random(7).shuffle(order)
    order = [0, *order, None]  # plus a column Keepa has that the family does not map

    def spell(h: str) -> str:
        h = h.replace("Buy Box:", "Buy Box 🚚:")
        return h.upper() if "Sales Rank" in h else "  " + h.lower() + " "
    header = [spell(HEADER[i]) if i is not None else "Lightning Deals: Current" for i in order]
    rows = [[r[i] if i is not None else "" for i in order] for r in ROWS]
    rep = read_report([header, *rows])
    pd.testing.assert_frame_equal(rep.data[en.columns], en)
    assert rep.meta.unmapped == ["Lightning Deals: Current"]
    h1, _ = _hist(en)
    h2, _ = _hist(rep.data)
    pd.testing.assert_frame_equal(h1, h2)


def test_partial_export_computes_what_it_can():
    """Only the 90/180-day averages and drops 30/180: CV from 3 points, season from 180 days."""
    header = ["ASIN", "Sales Rank: Current", "Buy Box 🚚: Current", "Buy Box 🚚: 90 days avg.",
              "Buy Box 🚚: 180 days avg.", "Sales Rank: Drops last 30 days", "Sales Rank: Drops last 180 days"]
    h, notes = _hist(read_report([header, ["B0KEEPA006", "100", "10", "12", "14", "20", "60"]]).data)
    assert h.loc[0, "price_cv"] == pytest.approx(_cv([10, 12, 14]))
    assert h.loc[0, "season_index"] == pytest.approx((20 / 30) / (60 / 180))
    assert h.loc[0, "history_basis"].endswith("drops 30d vs 180d") and notes == [[]]


price = st.floats(1, 500, allow_nan=False)


@settings(max_examples=60, deadline=None)
@given(st.lists(price, min_size=3, max_size=5), st.floats(0.1, 100))
def test_cv_ignores_the_price_level(prices, k):
    """The CV is scale-free: the same price path in another currency or price point is as volatile."""
    def row(ps):
        vals = [f"{p:.6f}" for p in ps] + [""] * (5 - len(ps))
        return ["B0KEEPA007", "", "", "", "", "", "", "", *vals, "", "", "", "", "", ""]
    a, _ = _hist(_frame(rows=[row(prices)]))
    b, _ = _hist(_frame(rows=[row([p * k for p in prices])]))
    assert a.loc[0, "price_cv"] == pytest.approx(b.loc[0, "price_cv"], rel=1e-3, abs=1e-4)


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 400), st.integers(0, 400), st.integers(24, 2000))
def test_more_recent_drops_never_lower_the_season_index(d1, d2, base):
    lo, hi = sorted((d1, d2))
    def idx(d30):
        r = ["B0KEEPA008", "", "", "", "", str(d30), "", str(base), *[""] * 11]
        return _hist(_frame(rows=[r]))[0].loc[0, "season_index"]
    assert idx(lo) <= idx(hi)


@settings(max_examples=40, deadline=None)
@given(st.floats(0, 1), st.floats(0, 1), st.floats(0, 5), st.floats(0, 5))
def test_higher_thresholds_never_add_flags(v1, v2, s1, s2):
    """Raising volatile_price_pct / seasonal_swing_pct can only clear flags, never raise new ones."""
    frame = _frame()
    (va, vb), (sa, sb) = sorted((v1, v2)), sorted((s1, s2))
    loose, _ = _hist(frame, Settings(volatile_price_pct=va, seasonal_swing_pct=sa))
    strict, _ = _hist(frame, Settings(volatile_price_pct=vb, seasonal_swing_pct=sb))
    for a, b in zip(loose["keepa_signals"], strict["keepa_signals"]):
        flags_b = set(filter(None, b.split("; ")))
        assert flags_b <= set(filter(None, a.split("; ")))
