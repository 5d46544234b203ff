"""Inventory functions: REORDER_QTY, SAFETY_STOCK, DAYS_OF_COVER, STOCKOUT_DATE, REORDER_DATE, INV_STATUS."""

from __future__ import annotations

import csv
import datetime as dt
import math
from statistics import NormalDist

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from udfs.inventory import DAYS_OF_COVER, INV_STATUS, REORDER_DATE, REORDER_QTY, SAFETY_STOCK, STOCKOUT_DATE
from xladdin.core import inventory
from xladdin.settings import DEFAULTS
from xladdin.worksheet.registry import all_functions

Z95 = NormalDist().inv_cdf(0.95)
Z99 = NormalDist().inv_cdf(0.99)
JAN1 = dt.date(2026, 1, 1)


# --- REORDER_QTY -----------------------------------------------------------------------------------

def test_reorder_qty_defaults_from_settings():
    assert (DEFAULTS.cover_days, DEFAULTS.safety_days, DEFAULTS.case_pack, DEFAULTS.moq) == (30, 14, 1, 0)
    assert REORDER_QTY(10, 45, 300) == 10 * (45 + 30 + 14) - 300  # 590


def test_reorder_qty_all_arguments():
    assert REORDER_QTY(12, 40, 200, 100, 20, 10) == 12 * (40 + 20 + 10) - 200 - 100  # 540


def test_reorder_qty_rounds_up_to_whole_cases():
    # need 590, case pack 24: 590 / 24 = 24.58 → 25 cases = 600
    assert REORDER_QTY(10, 45, 300, 0, 30, 14, 24) == 25 * 24


def test_reorder_qty_exact_case_multiple_is_not_rounded_up():
    # need 10 × 36 − 0 = 360 = 30 cases of 12
    assert REORDER_QTY(10, 36, 0, 0, 0, 0, 12) == 360


def test_reorder_qty_moq():
    assert REORDER_QTY(1, 10, 0, 0, 0, 0, 1, 50) == 50  # need 10 < MOQ 50
    assert REORDER_QTY(1, 10, 0, 0, 0, 0, 12, 50) == 5 * 12  # MOQ 50 → 50 / 12 = 4.17 → 5 cases
    assert REORDER_QTY(1, 100, 0, 0, 0, 0, 1, 50) == 100  # need above MOQ


def test_reorder_qty_zero_when_nothing_needed_even_with_moq():
    assert REORDER_QTY(1, 10, 100, 0, 0, 0, 1, 50) == 0  # need 10 − 100 < 0
    assert REORDER_QTY(10, 45, 890) == 0  # need exactly 10 × 89 − 890 = 0
    assert REORDER_QTY(10, 45, 800, 90) == 0  # 890 − 800 − 90 = 0
    assert REORDER_QTY(0, 45, 0) == 0  # no sales


def test_reorder_qty_float_noise_does_not_add_a_case():
    assert REORDER_QTY(1, 10.000000001, 0, 0, 0, 0) == 10
    # 1.1 × (46 + 30 + 14) = 99.00000000000001 in floating point: still 99 units, not 100
    assert 1.1 * (46 + 30 + 14) > 99
    assert REORDER_QTY(1.1, 46, 0) == 99
    assert REORDER_QTY(1, 36.00000001, 0, 0, 0, 0, 12) == 36
    # a real fraction is still rounded up
    assert REORDER_QTY(1, 10.01, 0, 0, 0, 0) == 11


def test_reorder_qty_text_numbers():
    # "1,234" = 1234; 1234 × 89 − 300 = 109,826 − 300
    assert REORDER_QTY("1,234", "45", "300") == 109_526
    assert REORDER_QTY("12.5", 40, "1,000") == 12.5 * (40 + 30 + 14) - 1000  # 50


def test_reorder_qty_errors():
    assert REORDER_QTY(-1, 45, 300) == "#NUM! NEGATIVE"
    assert REORDER_QTY(10, 45, -300) == "#NUM! NEGATIVE"
    assert REORDER_QTY(10, 45, 300, -5) == "#NUM! NEGATIVE"
    assert REORDER_QTY(10, 45, 300, 0, 30, 14, 1, -1) == "#NUM! NEGATIVE"
    assert REORDER_QTY(10, 45, 300, 0, 30, 14, 0) == "#NUM! OUT_OF_RANGE"
    assert REORDER_QTY(10, 45, 300, 0, 30, 14, 0.5) == "#NUM! OUT_OF_RANGE"
    assert REORDER_QTY("abc", 45, 300) == "#VALUE! NOT_A_NUMBER"
    assert REORDER_QTY([[1], [2]], [[1], [2], [3]], 0) == "#VALUE! SHAPE_MISMATCH"


def test_reorder_qty_blank_optional_takes_default_and_blank_required_is_zero():
    assert REORDER_QTY(10, 45, 300, None, None, None, None, None) == 590
    assert REORDER_QTY(10, 45, None) == 10 * 89  # blank on hand counts as 0, as in Excel arithmetic


def test_reorder_qty_range_with_blank_row_spills_same_shape():
    daily = [[10], [None], [5], [-1]]
    lead = [[45], [None], [45], [45]]
    on_hand = [[300], [None], [1000], [0]]
    # row 3: 5 × 89 − 1000 < 0 → 0
    assert REORDER_QTY(daily, lead, on_hand) == [[590.0], [""], [0.0], ["#NUM! NEGATIVE"]]


def test_reorder_qty_row_range_broadcasts_against_scalars():
    assert REORDER_QTY([[10, 20]], 45, 300, 0, 30, 14, 100) == [[600.0, 20 * 89 - 300 + 20]]  # 590 → 600; 1480 → 1500


def test_reorder_qty_core_vectorised_matches_scalar():
    d = np.array([10.0, 0.1, 3.3, 0.0])
    res = inventory.reorder_qty(d, 45, 100, case_pack=6, moq=30)
    each = [inventory.reorder_qty(x, 45, 100, case_pack=6, moq=30).values[0] for x in d]
    assert res.values.tolist() == each
    assert res.errors is None


# Property tests --------------------------------------------------------------------------------------

_sales = st.floats(0, 1_000, allow_nan=False)
_days = st.floats(0, 200, allow_nan=False)
_stock = st.floats(0, 100_000, allow_nan=False)
_pack = st.integers(1, 48)
_moq = st.integers(0, 500)


def _rq(d, lt, oh, inb, cov, saf, pack, moq) -> float:
    res = inventory.reorder_qty(d, lt, oh, inb, cov, saf, pack, moq)
    assert res.errors is None
    return float(res.values[0])


@settings(max_examples=300, deadline=None)
@given(_sales, _days, _stock, _stock, _days, _days, _pack, _moq)
def test_reorder_qty_invariants(d, lt, oh, inb, cov, saf, pack, moq):
    q = _rq(d, lt, oh, inb, cov, saf, pack, moq)
    assert q >= 0
    assert q % pack == 0  # a whole number of cases
    if q > 0:
        assert q >= moq
        assert q >= d * (lt + cov + saf) - oh - inb - 1e-6  # covers the need


@settings(max_examples=300, deadline=None)
@given(_sales, _sales, _days, _stock, _stock, _pack, _moq)
def test_reorder_qty_non_decreasing_in_daily_sales(d1, d2, lt, oh, inb, pack, moq):
    lo, hi = sorted((d1, d2))
    assert _rq(lo, lt, oh, inb, 30, 14, pack, moq) <= _rq(hi, lt, oh, inb, 30, 14, pack, moq)


@settings(max_examples=300, deadline=None)
@given(_sales, _days, _days, _stock, _stock, _pack, _moq)
def test_reorder_qty_non_decreasing_in_lead_time(d, lt1, lt2, oh, inb, pack, moq):
    lo, hi = sorted((lt1, lt2))
    assert _rq(d, lo, oh, inb, 30, 14, pack, moq) <= _rq(d, hi, oh, inb, 30, 14, pack, moq)


@settings(max_examples=300, deadline=None)
@given(_sales, _days, _stock, _stock, _stock, _pack, _moq)
def test_reorder_qty_non_increasing_in_on_hand(d, lt, oh1, oh2, inb, pack, moq):
    lo, hi = sorted((oh1, oh2))
    assert _rq(d, lt, lo, inb, 30, 14, pack, moq) >= _rq(d, lt, hi, inb, 30, 14, pack, moq)


# --- SAFETY_STOCK ------------------------------------------------------------------------------------

def test_safety_stock_demand_variability_only():
    assert SAFETY_STOCK(10, 45) == pytest.approx(Z95 * 10 * math.sqrt(45))  # ≈ 110.34
    assert SAFETY_STOCK(10, 45) == pytest.approx(110.34, abs=0.01)
    assert SAFETY_STOCK(5, 30, "99%") == pytest.approx(Z99 * 5 * math.sqrt(30))


def test_safety_stock_with_lead_time_variability():
    # z × √(L σd² + d̄² σL²) = z × √(45 × 10² + 20² × 5²) = z × √(4500 + 10000)
    assert SAFETY_STOCK(10, 45, 0.95, 20, 5) == pytest.approx(Z95 * math.sqrt(14_500))
    # σL = 0 or blank: the simple form; avg_daily alone changes nothing
    assert SAFETY_STOCK(10, 45, 0.95, 20, 0) == pytest.approx(Z95 * 10 * math.sqrt(45))
    assert SAFETY_STOCK(10, 45, None, 20) == pytest.approx(Z95 * 10 * math.sqrt(45))


def test_safety_stock_errors():
    assert SAFETY_STOCK(10, 45, 0.95, None, 5) == "#VALUE! MISSING"  # σL needs the average
    assert SAFETY_STOCK(10, 45, 95) == "#NUM! OUT_OF_RANGE"  # 95 typed for 95 %
    assert SAFETY_STOCK(10, 45, 0.4) == "#NUM! OUT_OF_RANGE"
    assert SAFETY_STOCK(10, 45, 1) == "#NUM! OUT_OF_RANGE"
    assert SAFETY_STOCK(-10, 45) == "#NUM! NEGATIVE"
    assert SAFETY_STOCK(10, -45) == "#NUM! NEGATIVE"
    assert SAFETY_STOCK(10, 45, 0.95, 20, -1) == "#NUM! NEGATIVE"
    assert SAFETY_STOCK(10, 45, 0.5) == 0  # z = 0


def test_safety_stock_mixed_service_levels_in_a_range():
    res = SAFETY_STOCK([[10], [10], [10]], 45, [["95%"], [0.99], [2]])
    assert res[0][0] == pytest.approx(Z95 * 10 * math.sqrt(45))
    assert res[1][0] == pytest.approx(Z99 * 10 * math.sqrt(45))
    assert res[2][0] == "#NUM! OUT_OF_RANGE"


def test_safety_stock_z_matches_reference_table(reference_dir):
    with open(reference_dir / "tables" / "service_level_z.csv", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert rows
    for row in rows:
        p, z = float(row["cycle_service_level"]), float(row["z_one_sided"])
        # SAFETY_STOCK(1, 1, p) = z × 1 × √1
        assert round(SAFETY_STOCK(1, 1, p), 4) == z


# --- DAYS_OF_COVER -----------------------------------------------------------------------------------

def test_days_of_cover():
    assert DAYS_OF_COVER(300, 10) == 300 / 10
    assert DAYS_OF_COVER(300, 10, 150) == (300 + 150) / 10  # inbound counts
    assert DAYS_OF_COVER(0, 10) == 0
    assert DAYS_OF_COVER("1,234", "12.5") == 1234 / 12.5


def test_days_of_cover_errors():
    assert DAYS_OF_COVER(300, 0) == "#DIV/0! DIV_ZERO"
    assert DAYS_OF_COVER(0, 0) == "#DIV/0! DIV_ZERO"
    assert DAYS_OF_COVER(300, -1) == "#NUM! NEGATIVE"
    assert DAYS_OF_COVER(-300, 10) == "#NUM! NEGATIVE"
    assert DAYS_OF_COVER(300, 10, -400) == "#NUM! NEGATIVE"


def test_days_of_cover_range():
    assert DAYS_OF_COVER([[300], [None], [50], [7]], [[10], [None], [0], [2]]) == [[30.0], [""], ["#DIV/0! DIV_ZERO"], [3.5]]


# --- STOCKOUT_DATE / REORDER_DATE ----------------------------------------------------------------------

def test_stockout_date():
    assert STOCKOUT_DATE(300, 10, 0, "2026-03-01") == dt.date(2026, 3, 31)  # + 30 days
    assert STOCKOUT_DATE(105, 10, 0, JAN1) == dt.date(2026, 1, 11)  # 10.5 days → the last unit sells on day 10
    assert STOCKOUT_DATE(100, 10, 50, JAN1) == dt.date(2026, 1, 16)  # (100 + 50) / 10 = 15
    assert STOCKOUT_DATE(0, 10, 0, JAN1) == JAN1
    # 0.3 / 0.1 = 2.9999999999999996 in floating point: still 3 days
    assert STOCKOUT_DATE(0.3, 0.1, 0, JAN1) == dt.date(2026, 1, 4)


def test_stockout_date_accepts_excel_serials_and_text_dates():
    assert STOCKOUT_DATE(300, 10, 0, 46023) == dt.date(2026, 1, 31)  # serial 46023 = 2026-01-01
    assert STOCKOUT_DATE(300, 10, 0, "2026年1月1日") == dt.date(2026, 1, 31)


def test_stockout_date_defaults_to_today(monkeypatch):
    monkeypatch.setattr(inventory, "today", lambda: dt.date(2026, 5, 10))
    assert STOCKOUT_DATE(300, 10) == dt.date(2026, 6, 9)


def test_stockout_date_errors():
    assert STOCKOUT_DATE(300, 0, 0, JAN1) == "#DIV/0! DIV_ZERO"  # never runs out
    assert STOCKOUT_DATE(300, 10, 0, "not a date") == "#VALUE! NOT_A_DATE"
    assert STOCKOUT_DATE(1e30, 1e-30, 0, JAN1) == "#NUM! OUT_OF_RANGE"  # beyond 9999-12-31
    assert STOCKOUT_DATE(-1, 10, 0, JAN1) == "#NUM! NEGATIVE"


def test_reorder_date():
    # 1000 / 10 = 100 days of cover − 45 lead − 14 safety = 41 → 1 Jan + 41 days
    assert REORDER_DATE(1000, 10, 45, 0, 14, JAN1) == dt.date(2026, 2, 11)
    assert REORDER_DATE(1000, 10, None, None, None, JAN1) == dt.date(2026, 2, 11)  # Settings 45 / 14
    # Jungle Scout's reorder date: safety 0 → 100 − 45 = 55 days
    assert REORDER_DATE(1000, 10, 45, 0, 0, JAN1) == dt.date(2026, 2, 25)
    # a fractional lead time rounds the order-by date earlier: 100 − 45.5 − 14 = 40.5 → 40
    assert REORDER_DATE(1000, 10, 45.5, 0, 14, JAN1) == dt.date(2026, 2, 10)


def test_reorder_date_in_the_past_means_order_now():
    # 100 / 10 = 10 days − 59 = −49 → 49 days before 1 Jan
    assert REORDER_DATE(100, 10, 45, 0, 14, JAN1) == dt.date(2025, 11, 13)


def test_reorder_date_errors_and_range():
    assert REORDER_DATE(100, 0, 45, 0, 14, JAN1) == "#DIV/0! DIV_ZERO"
    assert REORDER_DATE(100, 10, -45, 0, 14, JAN1) == "#NUM! NEGATIVE"
    assert REORDER_DATE([[1000], [None], [100]], [[10], [None], [10]], 45, 0, 14, JAN1) == [
        [dt.date(2026, 2, 11)], [""], [dt.date(2025, 11, 13)]]


def test_dates_core_returns_datetime64():
    res = inventory.reorder_date([1000.0], [10.0], 45, 0, 14, as_of=np.array(["2026-01-01"], "datetime64[D]"))
    assert res.values.dtype == np.dtype("datetime64[D]")
    assert res.values[0] == np.datetime64("2026-02-11")


# --- INV_STATUS --------------------------------------------------------------------------------------

def test_inv_status_rules_and_boundaries():
    # lead 45 + safety 14 = 59 days; order-soon window 7 days; overstock above 1.5 × (45 + 30 + 14) = 133.5
    assert INV_STATUS(590, 10, 45) == "ORDER_NOW: 59 days of cover ≤ lead time 45 + safety 14 / 库存天数不足，立即补货"
    assert INV_STATUS(591, 10, 45) == "REORDER_SOON: order within 0.1 days (59.1 days of cover) / 0.1 天内下单补货"
    assert INV_STATUS(660, 10, 45, None, None, None, False) == "REORDER_SOON"  # 66 − 59 = 7 ≤ 7
    assert INV_STATUS(661, 10, 45, None, None, None, False) == "OK"  # 66.1 − 59 = 7.1
    assert INV_STATUS(700, 10, 45) == "OK: 70 days of cover, order in 11 days / 库存正常"
    assert INV_STATUS(1335, 10, 45, None, None, None, False) == "OK"  # 133.5 is not above 133.5
    assert INV_STATUS(1340, 10, 45) == (
        "OVERSTOCK: 134 days of cover > 1.5 × 89 (lead + cover + safety) / 库存过多，暂停补货")


def test_inv_status_inbound_and_custom_days():
    # (100 + 200) / 10 = 30 days; lead 20 + safety 0 = 20 → 10 days to order → OK
    assert INV_STATUS(100, 10, 20, 200, 10, 0, False) == "OK"
    # target 20 + 10 + 0 = 30 → overstock above 45 days
    assert INV_STATUS(100, 10, 20, 400, 10, 0, False) == "OVERSTOCK"
    assert INV_STATUS(0, 10, 45, None, None, None, False) == "ORDER_NOW"


def test_inv_status_no_sales():
    assert INV_STATUS(10, 0, 45) == "OVERSTOCK: no sales, 10 units in stock / 无销量，库存积压"
    assert INV_STATUS(0, 0, 45) == "#DIV/0! DIV_ZERO"
    assert INV_STATUS(-1, 10, 45) == "#NUM! NEGATIVE"


def test_inv_status_range_and_reason_flag():
    res = INV_STATUS([[100], [None], [700], [5000]], [[10], [None], [10], [10]], 45, None, None, None, "FALSE")
    assert res == [["ORDER_NOW"], [""], ["OK"], ["OVERSTOCK"]]
    assert INV_STATUS(700, 10, 45, None, None, None, "maybe") == "#VALUE! BAD_CHOICE"


def test_inv_status_uses_settings():
    s = DEFAULTS.model_copy(update={"reorder_soon_days": 20, "overstock_factor": 1.0})
    res = inventory.inv_status([700.0, 900.0], [10.0, 10.0], 45, 0, 30, 14, False, settings=s)
    assert res.values.tolist() == ["REORDER_SOON", "OVERSTOCK"]  # 70 − 59 = 11 ≤ 20; 90 > 1.0 × 89


# --- registry ----------------------------------------------------------------------------------------

def test_inventory_functions_are_registered_and_documented():
    names = {f.name: f for f in all_functions() if f.module == "udfs.inventory"}
    assert set(names) == {"REORDER_QTY", "SAFETY_STOCK", "DAYS_OF_COVER", "STOCKOUT_DATE", "REORDER_DATE", "INV_STATUS"}
    for f in names.values():
        assert len(f.description) <= 255 and "/" in f.description and "Example" in f.description
        for a in f.args:
            assert len(a.doc) <= 255 and "/" in a.doc
