"""Fee and profit worksheet functions (udfs/fees.py over xladdin/core/fees.py).

Every expected value is worked out here by hand from the reference tables (amazon-rules.md §1–§2,
fees/us_*.csv), with the arithmetic written in the test: it never comes from the code under test.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from decimal import ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from udfs import fees as U
from xladdin import rules as R
from xladdin.core import fees as F
from xladdin.worksheet.names import arg_problems, name_problems
from xladdin.worksheet.registry import REGISTRY

D = Decimal
FUEL_FROM = "2026-04-17"


def cents(x) -> float:
    """Half-up to the cent, in exact decimal arithmetic."""
    return float(D(str(x)).quantize(D("0.01"), rounding=ROUND_HALF_UP))


def with_fuel(base: str) -> float:
    """Card fee plus the 3.5 % fuel and logistics surcharge, rounded to the cent."""
    b = D(base)
    return float(b + (b * D("0.035")).quantize(D("0.01"), rounding=ROUND_HALF_UP))


def inc(n_started: int, per: str) -> D:
    return n_started * D(per)


# ----------------------------------------------------------------------------------------------
# FBA_FEE: published figures and card rows
# ----------------------------------------------------------------------------------------------


def test_2026_small_standard_2oz_10_to_50_is_332():
    # 2026 card, small standard, ≤ 2 oz, $10–$50: $3.32 (amazon-rules.md §1.2).
    assert U.FBA_FEE(6, 4, 0.5, 2 / 16, 25, "US", "2026-02-01") == 3.32


def test_2026_price_bands_at_their_edges():
    args = (6, 4, 0.5, 2 / 16)
    assert U.FBA_FEE(*args, 9.99, "US", "2026-02-01") == 2.43   # < $10
    assert U.FBA_FEE(*args, 10, "US", "2026-02-01") == 3.32     # $10.00 is in $10–$50
    assert U.FBA_FEE(*args, 50, "US", "2026-02-01") == 3.32     # $50.00 is in $10–$50
    assert U.FBA_FEE(*args, 50.01, "US", "2026-02-01") == 3.58  # > $50


def test_2025_card_low_price_discount_is_077():
    # 2024-04-15 → 2026-01-14: small standard ≤ 2 oz is 3.06 at $10+ and 2.29 below $10 (Low-Price FBA).
    args = (6, 4, 0.5, 2 / 16)
    high, low = U.FBA_FEE(*args, 10, "US", "2025-06-01"), U.FBA_FEE(*args, 9.99, "US", "2025-06-01")
    assert (high, low) == (3.06, 2.29)
    assert cents(high - low) == 0.77


def test_blank_price_takes_the_standard_band():
    args = (6, 4, 0.5, 2 / 16)
    assert U.FBA_FEE(*args, None, "US", "2025-06-01") == 3.06  # 10_and_over
    assert U.FBA_FEE(*args, None, "US", "2026-02-01") == 3.32  # 10_to_50


def test_exactly_two_ounces_is_in_the_first_band():
    # band_min < w ≤ band_max: 2 oz → ≤ 2 oz band (3.32); a little more → 2–4 oz band (3.42).
    assert U.FBA_FEE(6, 4, 0.5, 2 / 16, 25, "US", "2026-02-01") == 3.32
    assert U.FBA_FEE(6, 4, 0.5, 2.1 / 16, 25, "US", "2026-02-01") == 3.42


def test_small_standard_uses_unit_weight_only():
    # 15 × 12 × 0.75 in has a dimensional weight of 135/139 = 0.97 lb, but small standard uses the
    # 1-oz unit weight: the ≤ 2 oz fee.
    assert 15 * 12 * 0.75 / 139 > 0.9
    assert U.SIZE_TIER(15, 12, 0.75, 1 / 16, "US", "2026-02-01") == "small_standard"
    assert U.FBA_FEE(15, 12, 0.75, 1 / 16, 25, "US", "2026-02-01") == 3.32


def test_large_standard_uses_dimensional_weight_when_greater():
    # 10 × 8 × 4 in → 320/139 = 2.302 lb > 1.1 lb unit weight → the 2.25–2.5 lb band.
    assert round(320 / 139, 3) == 2.302
    assert U.FBA_FEE(10, 8, 4, 1.1, 25, "US", "2025-06-01") == 6.05
    assert U.FBA_FEE(10, 8, 4, 1.1, 25, "US", "2026-02-01") == 6.10
    # Unit weight wins when heavier: 2.6 lb → 2.5–2.75 lb band.
    assert U.FBA_FEE(10, 8, 4, 2.6, 25, "US", "2026-02-01") == 6.26


@pytest.mark.parametrize("weight,expected", [
    (3.0, 6.62),                                     # 2.75–3 lb band, no increment
    (3.01, float(D("6.92") + inc(1, "0.08"))),       # first started 4-oz increment
    (3.25, float(D("6.92") + inc(1, "0.08"))),       # exactly one increment
    (5.3, float(D("6.92") + inc(math.ceil((5.3 - 3) * 4), "0.08"))),  # ceil(9.2) = 10 increments
    (20.0, float(D("6.92") + inc(68, "0.08"))),      # (20 − 3) × 4 = 68
])
def test_2025_large_standard_3_to_20_lb_increments(weight, expected):
    # 6.92 + 0.08 per started 4 oz above 3 lb. A flat 18 × 14 × 1 in box (still large standard) has a
    # dimensional weight of 252/139 = 1.81 lb, below every weight tested, so the unit weight counts.
    assert U.FBA_FEE(18, 14, 1, weight, 25, "US", "2025-06-01") == cents(expected)


def test_2025_large_bulky_matches_amazons_baby_cot_example():
    # Amazon: baby cot (large bulky) $12.27 non-peak = 9.61 + 0.38 × ceil(7.5 − 1) = 9.61 + 0.38 × 7.
    # 20 × 10 × 4 in: 2-in floor irrelevant, dimensional weight 800/139 = 5.76 lb < 7.5 lb.
    assert U.SIZE_TIER(20, 10, 4, 7.5, "US", "2025-06-01") == "large_bulky"
    assert U.FBA_FEE(20, 10, 4, 7.5, 25, "US", "2025-06-01") == cents(D("9.61") + inc(7, "0.38")) == 12.27


def test_2026_large_bulky_uses_dimensional_weight():
    # 45 × 10 × 4 in: beyond small bulky (37 in), large bulky; dim weight 1800/139 = 12.95 lb > 5 lb.
    assert U.SIZE_TIER(45, 10, 4, 5, "US", "2026-02-01") == "large_bulky"
    assert U.FBA_FEE(45, 10, 4, 5, 25, "US", "2026-02-01") == cents(D("9.35") + inc(math.ceil(1800 / 139 - 1), "0.38"))


def test_two_inch_floor_for_bulky_tiers():
    # A 50 × 1 × 1 in pole of 1 lb (2026 large bulky): width and height floored at 2 in →
    # 50 × 2 × 2 / 139 = 1.439 lb → 9.35 + 0.38 × ceil(0.439) = 9.73. Without the floor: 9.35.
    assert U.SIZE_TIER(50, 1, 1, 1, "US", "2026-02-01") == "large_bulky"
    assert U.FBA_FEE(50, 1, 1, 1, 25, "US", "2026-02-01") == cents(D("9.35") + inc(1, "0.38")) == 9.73
    assert U.DIM_WEIGHT(50, 1, 1) == pytest.approx(50 / 139)  # DIM_WEIGHT itself has no floor


def test_2025_extra_large_matches_amazons_monitor_example():
    # Amazon: monitor (XL 50–70 lb) $51.37 non-peak = 40.12 + 0.75 × ceil(65.5 − 51) = 40.12 + 0.75 × 15.
    assert U.SIZE_TIER(70, 10, 10, 65.5, "US", "2025-06-01") == "extra_large_50_70"
    assert U.FBA_FEE(70, 10, 10, 65.5, 100, "US", "2025-06-01") == cents(D("40.12") + inc(15, "0.75")) == 51.37


def test_extra_large_70_to_150_by_dimensional_weight():
    # 30 × 20 × 20 in, 80 lb: dim weight 12000/139 = 86.33 lb → 54.81 + 0.75 × ceil(86.33 − 71) = 54.81 + 0.75 × 16.
    assert U.SIZE_TIER(30, 20, 20, 80, "US", "2025-06-01") == "extra_large_70_150"
    assert U.FBA_FEE(30, 20, 20, 80, 100, "US", "2025-06-01") == cents(D("54.81") + inc(16, "0.75"))


def test_extra_large_150_plus_uses_unit_weight():
    # 160 lb unit weight: 194.95 + 0.19 × ceil(160 − 151) = 194.95 + 0.19 × 9.
    assert U.FBA_FEE(40, 30, 30, 160, 100, "US", "2025-06-01") == cents(D("194.95") + inc(9, "0.19"))
    # Over 150 lb by dimensional weight only (60 × 30 × 20 / 139 = 259 lb, 40 lb unit): extra-large 150+,
    # whose fee uses the 40-lb unit weight: the base 194.95 (no increment).
    assert U.SIZE_TIER(60, 30, 20, 40, "US", "2025-06-01") == "extra_large_150_plus"
    assert U.FBA_FEE(60, 30, 20, 40, 100, "US", "2025-06-01") == 194.95


def test_peak_fees_are_not_applied():
    # Amazon's mobile-case example: small standard $3.15 non-peak → $3.34 peak (2025-10-15 → 2026-01-14).
    # FBA_FEE returns the non-peak card fee inside the peak window: 2–4 oz, $10+ = 3.15.
    assert U.FBA_FEE(7, 4, 0.6, 3 / 16, 15, "US", "2025-11-01") == 3.15


def test_sides_may_come_in_any_order():
    assert U.FBA_FEE(0.5, 6, 4, 0.1, 25, "US", "2026-02-01") == U.FBA_FEE(6, 4, 0.5, 0.1, 25, "US", "2026-02-01")


# ----------------------------------------------------------------------------------------------
# Dates: card boundaries and the fuel surcharge
# ----------------------------------------------------------------------------------------------


def test_card_changes_on_2026_01_15():
    args = (6, 4, 0.5, 2 / 16, 25, "US")
    assert U.FBA_FEE(*args, "2026-01-14") == 3.06
    assert U.FBA_FEE(*args, "2026-01-15") == 3.32
    assert U.FBA_FEE(*args, dt.date(2026, 1, 15)) == 3.32
    assert U.FBA_FEE(*args, 46037) == 3.32  # Excel serial number of 2026-01-15


def test_small_bulky_exists_only_from_2026_01_15():
    assert U.SIZE_TIER(20, 10, 5, 5, "US", "2026-01-14") == "large_bulky"
    assert U.SIZE_TIER(20, 10, 5, 5, "US", "2026-01-15") == "small_bulky"
    # small bulky, $10–$50: dim weight 1000/139 = 7.19 lb → 7.55 + 0.38 × ceil(6.19)
    assert U.FBA_FEE(20, 10, 5, 5, 25, "US", "2026-01-15") == cents(D("7.55") + inc(7, "0.38"))


def test_fuel_surcharge_from_2026_04_17():
    args = (6, 4, 0.5, 2 / 16, 25, "US")
    assert U.FBA_FEE(*args, "2026-04-16") == 3.32
    assert U.FBA_FEE(*args, FUEL_FROM) == with_fuel("3.32") == 3.44  # 3.32 + round(0.1162) = 3.32 + 0.12
    # On an increment fee too: 2026 large bulky 45 × 10 × 4, 5 lb, $10–$50 (see above) = 13.91.
    assert U.FBA_FEE(45, 10, 4, 5, 25, "US", FUEL_FROM) == with_fuel(str(D("9.35") + inc(12, "0.38")))


def test_fuel_surcharge_does_not_touch_referral_or_storage():
    assert U.REFERRAL_FEE(20, "Home and Kitchen", "US", FUEL_FROM) == 3.00
    assert U.STORAGE_FEE(12, 12, 6, 2, 100, "US", FUEL_FROM) == pytest.approx(0.5 * 100 * 0.78)


def test_before_the_first_verified_card():
    # The interim card of 2024-02-05 → 2024-04-14 was not verified: no fee, but a size tier.
    assert U.FBA_FEE(6, 4, 0.5, 0.1, 25, "US", "2024-04-14") == "#N/A NO_RULE_FOR_DATE"
    assert U.FBA_FEE(6, 4, 0.5, 0.1, 25, "US", "2024-04-15") == 3.06
    assert U.SIZE_TIER(6, 4, 0.5, 0.1, "US", "2024-04-14") == "small_standard"
    assert U.SIZE_TIER(6, 4, 0.5, 0.1, "US", "2024-02-04") == "#N/A NO_RULE_FOR_DATE"


def test_default_as_of_is_today():
    today = dt.date.today()
    assert U.FBA_FEE(6, 4, 0.5, 0.1, 25) == U.FBA_FEE(6, 4, 0.5, 0.1, 25, "US", today)


def test_rows_with_different_dates_in_one_column():
    dates = [["2025-06-01"], ["2026-02-01"], [FUEL_FROM], ["2024-01-01"]]
    assert U.FBA_FEE(6, 4, 0.5, 2 / 16, 25, "US", dates) == [[3.06], [3.32], [with_fuel("3.32")],
                                                              ["#N/A NO_RULE_FOR_DATE"]]


# ----------------------------------------------------------------------------------------------
# Marketplaces and errors: exact cell text
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("marketplace", ["US", "us", "amazon.com", "ATVPDKIKX0DER", None])
def test_marketplace_aliases_give_the_same_fee(marketplace):
    assert U.FBA_FEE(6, 4, 0.5, 2 / 16, 25, marketplace, "2026-02-01") == 3.32


@pytest.mark.parametrize("fn,args", [
    (U.FBA_FEE, (6, 4, 0.5, 0.1, 25)), (U.SIZE_TIER, (6, 4, 0.5, 0.1)), (U.DIM_WEIGHT, (6, 4, 0.5)),
    (U.REFERRAL_FEE, (20, "Home and Kitchen")), (U.STORAGE_FEE, (6, 4, 0.5, 0.1, 1))])
def test_unknown_and_unverified_marketplaces(fn, args):
    assert fn(*args, "XX", "2026-02-01") == "#N/A UNKNOWN_MARKETPLACE"
    assert fn(*args, "amazon.fr", "2026-02-01") == "#N/A UNKNOWN_MARKETPLACE"
    # UK and DE are known marketplaces without a verified table: never a silent US fallback.
    assert fn(*args, "UK", "2026-02-01") == "#N/A NO_RULE_FOR_DATE"
    assert fn(*args, "amazon.de", "2026-02-01") == "#N/A NO_RULE_FOR_DATE"


def test_input_errors():
    assert U.FBA_FEE(6, -4, 0.5, 0.1, 25, "US", "2026-02-01") == "#NUM! NEGATIVE"
    assert U.FBA_FEE(6, 4, 0.5, 0.1, -25, "US", "2026-02-01") == "#NUM! NEGATIVE"
    assert U.FBA_FEE(6, 4, 0, 0.1, 25, "US", "2026-02-01") == "#NUM! OUT_OF_RANGE"
    assert U.FBA_FEE(6, 4, 0.5, 0, 25, "US", "2026-02-01") == "#NUM! OUT_OF_RANGE"
    assert U.FBA_FEE(6, 4, 0.5, "heavy", 25, "US", "2026-02-01") == "#VALUE! NOT_A_NUMBER"
    assert U.FBA_FEE(6, 4, 0.5, 0.1, 25, "US", "soon") == "#VALUE! NOT_A_DATE"


def test_text_numbers_as_operators_paste_them():
    assert U.FBA_FEE("12,5", "4", "0,5", "0.1", "$19.99", "US", "2026-02-01") == 3.32
    assert U.FBA_FEE(12.5, 4, 0.5, 0.1, "US$ 55.00", "US", "2026-02-01") == 3.58
    assert U.REFERRAL_FEE("$1,500.00", "Watches", "US", "2026-02-01") == cents(D("0.16") * 1500)
    assert U.UNIT_PROFIT("$25.00", "6", "7,19") == pytest.approx(25 - 6 - 7.19)


def test_ranges_spill_in_their_shape():
    col = U.FBA_FEE([[6], [10], [None]], [[4], [8], [None]], [[0.5], [4], [None]], [[2 / 16], [1.1], [None]],
                    25, "US", "2026-02-01")
    assert col == [[3.32], [6.10], [""]]  # a row whose required inputs are all blank stays empty
    row = U.FBA_FEE(6, 4, 0.5, 2 / 16, [[5, 25, 75]], "US", "2026-02-01")
    assert row == [[2.43, 3.32, 3.58]]
    assert U.SIZE_TIER([[6, 20]], [[4, 10]], [[0.5, 5]], [[0.1, 5]], "US", "2026-02-01") == [["small_standard", "small_bulky"]]
    # A column against a row broadcasts to a grid, as in Excel. 16 × 4 × 0.5 in is large standard
    # (longest side > 15 in) with a fee weight of max(0.1, 32/139 = 0.23 lb) → the ≤ 4 oz band.
    assert U.FBA_FEE([[6], [16]], 4, 0.5, 0.1, [[5, 25]], "US", "2026-02-01") == [[2.43, 3.32], [2.91, 3.73]]


def test_mismatched_ranges():
    assert U.FBA_FEE([[6], [7]], [[4], [4], [4]], 0.5, 0.1, 25, "US", "2026-02-01") == "#VALUE! SHAPE_MISMATCH"


# ----------------------------------------------------------------------------------------------
# DIM_WEIGHT
# ----------------------------------------------------------------------------------------------


def test_dim_weight_is_lwh_over_139():
    assert U.DIM_WEIGHT(10, 8, 4, "US", "2026-02-01") == pytest.approx(10 * 8 * 4 / 139)
    assert U.DIM_WEIGHT(10, 8, 4, "US", "2024-01-01") == "#N/A NO_RULE_FOR_DATE"


# ----------------------------------------------------------------------------------------------
# REFERRAL_FEE (amazon-rules.md §2)
# ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("price,category,expected", [
    (20, "Home and Kitchen", D("0.15") * 20),                                   # 15 %
    (1, "Home and Kitchen", D("0.30")),                                         # 0.15 → minimum $0.30
    (1.99, "Toys and Games", D("0.30")),                                        # 0.2985 → minimum
    (2, "Toys and Games", D("0.15") * 2),                                       # exactly the minimum
    (150, "Electronics Accessories", D("0.15") * 100 + D("0.08") * 50),         # 15 % of 100 + 8 % of 50
    (100, "Electronics Accessories", D("0.15") * 100),
    (300, "Jewelry", D("0.20") * 250 + D("0.05") * 50),                         # 20 % to $250, 5 % above
    (250, "Jewelry", D("0.20") * 250),
    (2000, "Watches", D("0.16") * 1500 + D("0.03") * 500),
    (400, "Furniture", D("0.15") * 200 + D("0.10") * 200),
    (6000, "Fine Art", D("0.20") * 100 + D("0.15") * 900 + D("0.10") * 4000 + D("0.05") * 1000),
    (10, "Baby Products", D("0.08") * 10),                                      # 8 % up to and including $10
    (10.01, "Baby Products", D("0.15") * D("10.01")),                           # 15 % on the whole price
    (10, "Beauty, Health and Personal Care", D("0.08") * 10),
    (15, "Grocery and Gourmet", D("0.08") * 15),                                # no minimum in the table
    (1, "Grocery and Gourmet", D("0.08")),
    (1, "Gift Cards", D("0.20")),                                               # no minimum
    (20, "Books", D("0.15") * 20 + D("1.80")),                                  # media closing fee
    (1, "DVD", D("0.15") + D("1.80")),                                          # no % minimum for media
    (100, "Amazon Device Accessories", D("45")),
    (100, "Consumer Electronics", D("8")),
    (100, "Automotive and Powersports", D("12")),
    (100, "Tires", D("10")),
])
def test_referral_examples(price, category, expected):
    assert U.REFERRAL_FEE(price, category, "US", "2026-02-01") == cents(expected)


@pytest.mark.parametrize("price,expected", [
    (15, D("0.05") * 15),        # 5 % at ≤ $15
    (15.01, D("0.10") * D("15.01")),  # 10 % above $15 to $20
    (20, D("0.10") * 20),
    (25, D("0.17") * 25),        # 17 % above $20, on the whole price
    (4, D("0.30")),              # 0.20 → minimum
])
def test_clothing_tiers_from_2024_01_15(price, expected):
    assert U.REFERRAL_FEE(price, "Clothing and Accessories", "US", "2024-01-15") == cents(expected)


def test_clothing_before_2024_01_15_has_no_verified_rule():
    assert U.REFERRAL_FEE(25, "Clothing and Accessories", "US", "2024-01-14") == "#N/A NO_RULE_FOR_DATE"
    assert U.REFERRAL_FEE(25, "Home and Kitchen", "US", "2024-01-14") == cents(D("0.15") * 25)


@pytest.mark.parametrize("name", ["home & kitchen", "HOME AND KITCHEN", " Home, Kitchen "])
def test_category_names_match_loosely(name):
    assert U.REFERRAL_FEE(20, name, "US", "2026-02-01") == 3.00


def test_referral_errors():
    assert U.REFERRAL_FEE(20, "Kitchen Gadgets", "US", "2026-02-01") == "#N/A UNKNOWN_CATEGORY"
    assert U.REFERRAL_FEE(20, None, "US", "2026-02-01") == "#VALUE! MISSING"
    assert U.REFERRAL_FEE(-20, "Home and Kitchen", "US", "2026-02-01") == "#NUM! NEGATIVE"
    # Lawn Mowers: whole-price vs portion is unverified (S1) → never computed.
    assert U.REFERRAL_FEE(300, "Lawn Mowers and Snow Throwers", "US", "2026-02-01") == "#N/A NO_RULE_FOR_DATE"


def test_referral_column_with_mixed_categories():
    out = U.REFERRAL_FEE([[20], [150], [20]], [["Home and Kitchen"], ["Electronics Accessories"], ["Nope"]],
                         "US", "2026-02-01")
    assert out == [[3.0], [19.0], ["#N/A UNKNOWN_CATEGORY"]]


def test_referral_help_lists_every_category():
    help_text = re.sub(r"\s+", " ", REGISTRY["REFERRAL_FEE"].help)
    for name in R.rules_for("US").categories():
        assert name in help_text, name


# ----------------------------------------------------------------------------------------------
# STORAGE_FEE (amazon-rules.md §1.5)
# ----------------------------------------------------------------------------------------------

STD = (12, 12, 6, 2)      # 0.5 cu ft, large standard
BULKY = (24, 24, 12, 10)  # 4 cu ft, large bulky (shortest side 12 > 8 in)


@pytest.mark.parametrize("as_of,item,rate", [
    ("2024-03-31", STD, "0.87"), ("2024-04-01", STD, "0.78"), ("2025-09-30", STD, "0.78"),
    ("2025-10-01", STD, "2.40"), ("2025-12-31", STD, "2.40"), ("2026-01-01", STD, "0.78"),
    ("2024-03-31", BULKY, "0.56"), ("2025-06-15", BULKY, "0.56"), ("2025-11-15", BULKY, "1.40"),
])
def test_storage_rates(as_of, item, rate):
    cuft = D(item[0] * item[1] * item[2]) / 1728
    assert U.SIZE_TIER(*item, "US", as_of) in ("large_standard", "large_bulky")
    assert U.STORAGE_FEE(*item, 10, "US", as_of) == pytest.approx(float(cuft * 10 * D(rate)))


def test_storage_default_units_and_errors():
    assert U.STORAGE_FEE(*STD, None, "US", "2025-06-01") == pytest.approx(0.5 * 0.78)
    assert U.STORAGE_FEE(*STD, -1, "US", "2025-06-01") == "#NUM! NEGATIVE"
    assert U.STORAGE_FEE(*STD, 1, "US", "2024-01-31") == "#N/A NO_RULE_FOR_DATE"  # before the tier table


# ----------------------------------------------------------------------------------------------
# UNIT_PROFIT, MARGIN, ROI
# ----------------------------------------------------------------------------------------------


def test_unit_economics():
    assert U.UNIT_PROFIT(25, 6, 7.19) == pytest.approx(25 - 6 - 7.19)
    assert U.UNIT_PROFIT(25, 6, 7.19, 2, 0.5) == pytest.approx(25 - 6 - 7.19 - 2 - 0.5)
    assert U.UNIT_PROFIT(10, 8, 4) == pytest.approx(-2)  # a loss is a value, not an error
    assert U.UNIT_PROFIT(10, -8, 4) == "#NUM! NEGATIVE"
    assert U.MARGIN(9.81, 25) == pytest.approx(9.81 / 25)
    assert U.MARGIN(-2, 10) == pytest.approx(-0.2)
    assert U.MARGIN(5, 0) == "#DIV/0! DIV_ZERO"
    assert U.ROI(9.81, 6) == pytest.approx(9.81 / 6)
    assert U.ROI(5, 0) == "#DIV/0! DIV_ZERO"
    assert U.ROI(5, -1) == "#NUM! NEGATIVE"


def test_docstring_example_chain():
    fees_25 = U.REFERRAL_FEE(25, "Home and Kitchen", "US", FUEL_FROM) + U.FBA_FEE(6, 4, 0.5, 0.1, 25, "US", FUEL_FROM)
    assert fees_25 == pytest.approx(float(D("0.15") * 25) + with_fuel("3.32"))
    assert U.UNIT_PROFIT(25, 6, fees_25, 2) == pytest.approx(25 - 6 - 3.75 - 3.44 - 2)


# ----------------------------------------------------------------------------------------------
# Worksheet-function metadata (Function Wizard and VBA rules)
# ----------------------------------------------------------------------------------------------

FEE_FUNCTIONS = ["FBA_FEE", "SIZE_TIER", "DIM_WEIGHT", "REFERRAL_FEE", "STORAGE_FEE", "UNIT_PROFIT", "MARGIN", "ROI"]


@pytest.mark.parametrize("name", FEE_FUNCTIONS)
def test_wizard_metadata(name):
    info = REGISTRY[name]
    assert info.category == "Amazon 费用 Fees" and info.module == "udfs.fees"
    assert len(info.description) <= 255
    assert re.search(r"[\u4e00-\u9fff]", info.description) and re.search(r"[A-Za-z]{3}", info.description)
    # Excel built-in names, A1 / R1C1 look-alikes, VBA keywords (e.g. ``width``: the Width # statement).
    assert name_problems(name) == []
    assert arg_problems(name, [a.name for a in info.args]) == []
    for a in info.args:
        assert len(a.doc) <= 255 and re.search(r"[\u4e00-\u9fff]", a.doc) and "/" in a.doc, a.name


# ----------------------------------------------------------------------------------------------
# Vectorised core and properties
# ----------------------------------------------------------------------------------------------


def test_core_matches_row_by_row_over_mixed_dates_and_marketplaces():
    rng = np.random.default_rng(7)
    n = 400
    L, W, H = rng.uniform(0.2, 80, n), rng.uniform(0.2, 40, n), rng.uniform(0.2, 30, n)
    wt, price = rng.uniform(0.01, 180, n), rng.choice([np.nan, 5.0, 10.0, 30.0, 50.0, 70.0], n)
    dates = rng.choice(np.array(["2024-03-01", "2025-06-01", "2026-01-14", "2026-01-15", "2026-04-17"],
                                dtype="datetime64[D]"), n)
    mps = rng.choice(np.array(["US", "amazon.com", "UK", "XX"], dtype=object), n)
    whole = F.fba_fee(L, W, H, wt, price, mps, dates)
    for i in range(0, n, 7):
        one = F.fba_fee(L[i], W[i], H[i], wt[i], price[i], mps[i], dates[i])
        assert whole.error_at(i) == one.error_at(0)
        if not whole.error_at(i):
            assert whole.values[i] == one.values[0]


SIDES = st.tuples(st.floats(0.1, 100), st.floats(0.1, 60), st.floats(0.1, 40))
WEIGHTS = st.floats(0.01, 200)
CARD_DATES = st.sampled_from([dt.date(2025, 6, 1), dt.date(2026, 2, 1), dt.date(2026, 5, 1)])
PRICES = st.sampled_from([np.nan, 1.0, 9.99, 10.0, 25.0, 50.0, 50.01, 300.0])


@settings(max_examples=300, deadline=None)
@given(SIDES, WEIGHTS, WEIGHTS, PRICES, CARD_DATES)
def test_fee_is_monotone_in_weight_within_a_tier_and_price_band(sides, w1, w2, price, day):
    lo, hi = sorted((w1, w2))
    tiers = F.size_tier(*sides, [lo, hi], "US", day).values
    fee = F.fba_fee(*sides, [lo, hi], price, "US", day)
    assert fee.errors is None
    if tiers[0] == tiers[1]:
        assert fee.values[0] <= fee.values[1] + 1e-9


@settings(max_examples=200, deadline=None)
@given(SIDES, WEIGHTS, CARD_DATES)
def test_fee_is_the_same_for_every_price_in_a_band(sides, w, day):
    card = R.rules_for("US").fee_card(day)
    for band in card.bands:
        lo = band.low if band.low_inclusive else band.low + 0.01
        hi = min(band.high, 1000.0) if band.high_inclusive or band.high == math.inf else band.high - 0.01
        fee = F.fba_fee(*sides, w, [lo, hi], "US", day).values
        assert fee[0] == fee[1]


@settings(max_examples=200, deadline=None)
@given(st.floats(0, 10_000), st.sampled_from(R.rules_for("US").categories()))
def test_referral_is_monotone_in_price_and_at_least_the_minimum(price, category):
    fee = F.referral_fee([price, price + 1], category, "US", dt.date(2026, 2, 1))
    if fee.errors is not None:
        assert category == "Lawn Mowers and Snow Throwers"
        return
    assert fee.values[0] <= fee.values[1]
    rule = R.rules_for("US").referral(category, dt.date(2026, 2, 1))
    assert fee.values[0] >= (rule.min_fee_usd or 0.0)
