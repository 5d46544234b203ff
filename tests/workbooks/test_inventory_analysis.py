"""Inventory workbook analyses (issue 4): every expected value is written out by hand or computed with plain
pandas in the test, never with the module's own helpers."""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from xladdin.settings import load_settings
from xladdin.workbooks import inventory_analysis as ia

REAL = Path(__file__).resolve().parents[3] / "shared" / "real-exports"
MYI_REAL = "fba_inventory__xvr_datasciencecoursera__19490346112018329.csv"
RESTOCK_REAL = "restock__xvr_datasciencecoursera__12.15restock inventory.csv"
BR_REAL = "business_report__xvr_datasciencecoursera__BusinessReport-11-21-19.csv"
AS_OF = dt.date(2025, 11, 30)


def myi_frame(rows):
    cols = ["sku", "fnsku", "asin", "product_name", "price", "fulfillable", "unsellable", "reserved",
            "inbound_working", "inbound_shipped", "inbound_receiving", "total"]
    df = pd.DataFrame(rows)
    for c in cols:
        if c not in df.columns:
            df[c] = 0 if c not in ("sku", "fnsku", "asin", "product_name", "price") else None
    return df


def restock_frame(rows):
    return pd.DataFrame(rows)


def vel_frame(rows):
    """A velocity frame as velocity() returns it (only the columns restock_plan reads)."""
    df = pd.DataFrame(rows)
    for w in ia.WINDOWS:
        if f"units_per_day_{w}d" not in df.columns:
            df[f"units_per_day_{w}d"] = np.nan
        df[f"source_{w}d"] = df.get(f"source_{w}d", "test")
    df["data_quality"] = "good"
    return df


def by_sku(df, sku):
    return df.set_index("sku").loc[sku]


# --- 1. velocity -----------------------------------------------------------------------------------


def test_velocity_from_planning_windows():
    planning = pd.DataFrame({"snapshot_date": [pd.Timestamp(AS_OF)], "sku": ["A"], "asin": ["B000000001"],
                             "units_shipped_7d": [14], "units_shipped_30d": [60], "units_shipped_60d": [90],
                             "units_shipped_90d": [180]})
    v = by_sku(ia.velocity(planning=planning, as_of=AS_OF), "A")
    assert v["units_per_day_7d"] == 14 / 7
    assert v["units_per_day_30d"] == 60 / 30
    assert v["units_per_day_60d"] == 90 / 60
    assert v["units_per_day_90d"] == 180 / 90
    assert v["source_30d"] == "planning t30" and v["days_30d"] == 30
    assert v["trend_7d_vs_30d_pct"] == pytest.approx(2.0 / 2.0 - 1)
    assert v["data_quality"] == "good"


def test_velocity_restock_only_gives_30_days():
    v = ia.velocity(restock=restock_frame({"sku": ["A"], "units_sold_30d": [90]}), as_of=AS_OF)
    row = by_sku(v, "A")
    assert row["units_per_day_30d"] == 90 / 30 and row["source_30d"] == "restock 30d"
    assert math.isnan(row["units_per_day_7d"]) and math.isnan(row["units_per_day_90d"])


def child(units_by_sku):
    return pd.DataFrame({"sku": list(units_by_sku), "asin": [f"B0000000{i:02d}" for i in range(len(units_by_sku))],
                         "units_ordered": list(units_by_sku.values())})


def test_velocity_overlapping_child_reports_are_not_double_counted():
    nov = (child({"X": 60}), dt.date(2025, 11, 1), dt.date(2025, 11, 30))        # 30 days
    late_nov = (child({"X": 45}), dt.date(2025, 11, 16), dt.date(2025, 11, 30))  # overlaps nov
    octo = (child({"X": 31}), dt.date(2025, 10, 2), dt.date(2025, 10, 31))       # 30 days, before nov
    v = by_sku(ia.velocity([nov, late_nov, octo], as_of=AS_OF), "X")
    # 30-day window 1–30 Nov: nov (30 d) beats late_nov (15 d); never 60 + 45 units over 45 days.
    assert v["units_per_day_30d"] == 60 / 30 and v["days_30d"] == 30
    # 60-day window 2 Oct – 30 Nov: oct + nov, no overlap.
    assert v["units_per_day_60d"] == (60 + 31) / (30 + 30) and v["days_60d"] == 60
    # 7-day window: no report has half of its days inside → no figure.
    assert math.isnan(v["units_per_day_7d"])
    # 90-day window: only 60 days of reports → flagged as partial coverage in the notes.
    assert v["days_90d"] == 60 and "90d: business reports cover 60 of 90 days" in v["quality_notes"]


def test_velocity_equal_coverage_alternatives_count_each_day_once():
    whole = (child({"X": 60}), dt.date(2025, 11, 1), dt.date(2025, 11, 30))
    first = (child({"X": 15}), dt.date(2025, 11, 1), dt.date(2025, 11, 15))
    second = (child({"X": 30}), dt.date(2025, 11, 16), dt.date(2025, 11, 30))
    v = by_sku(ia.velocity([whole, first, second], as_of=AS_OF), "X")
    assert v["days_30d"] == 30
    assert v["units_per_day_30d"] in (60 / 30, (15 + 30) / 30)


def test_velocity_sums_a_sku_listed_under_two_parents():
    df = pd.DataFrame({"parent_asin": ["P1", "P2"], "asin": ["B1", "B1"], "sku": ["S", "S"], "units_ordered": [44, 42]})
    v = by_sku(ia.velocity([(df, dt.date(2025, 11, 1), dt.date(2025, 11, 30))], as_of=AS_OF), "S")
    assert v["units_per_day_30d"] == (44 + 42) / 30


def test_velocity_maps_asin_to_sku_when_child_report_has_no_sku():
    df = pd.DataFrame({"asin": ["B0AAAAAAAA"], "units_ordered": [30]})
    restock = restock_frame({"sku": ["S1"], "asin": ["B0AAAAAAAA"], "units_sold_30d": [None]})
    v = by_sku(ia.velocity([(df, dt.date(2025, 11, 1), dt.date(2025, 11, 30))], restock=restock, as_of=AS_OF), "S1")
    assert v["units_per_day_30d"] == 30 / 30


def test_velocity_conflict_between_sources_is_flagged():
    planning = pd.DataFrame({"sku": ["A"], "units_shipped_30d": [60]})   # 2.0 / day
    restock = restock_frame({"sku": ["A"], "units_sold_30d": [90]})      # 3.0 / day
    v = by_sku(ia.velocity(restock=restock, planning=planning, as_of=AS_OF), "A")
    assert v["units_per_day_30d"] == 2.0 and v["source_30d"] == "planning t30"  # planning first
    assert v["data_quality"] == "conflict" and "restock 3/day" in v["quality_notes"]


def test_velocity_child_report_dated_by_file_name_is_refused():
    pytest.importorskip("xladdin.reports")
    from xladdin.reports import read_report
    path = REAL / BR_REAL
    if not path.is_file():
        pytest.skip("real exports not present")
    v = ia.velocity(read_report(path), as_of=dt.date(2019, 11, 21))
    assert v.empty
    assert (v.attrs["problems"]["code"] == "NO_DATE_RANGE").sum() == 1


def test_velocity_by_date_reports_account_level_each_day_once():
    days = pd.date_range("2025-11-01", "2025-11-30")
    a = pd.DataFrame({"date": days[:20], "units_ordered": [10] * 20, "ordered_sales": 0.0})
    b = pd.DataFrame({"date": days[10:], "units_ordered": [10] * 20, "ordered_sales": 0.0})  # overlaps 11–20 Nov
    v = ia.velocity([a, b], as_of=AS_OF)
    acc = v.attrs["account"].set_index("window_days")
    assert acc.loc[30, "days"] == 30 and acc.loc[30, "units"] == 300 and acc.loc[30, "units_per_day"] == 10
    assert acc.loc[7, "units"] == 70


# --- 2. restock plan -------------------------------------------------------------------------------


@pytest.fixture
def plan_inputs():
    myi = myi_frame([
        {"sku": "A", "asin": "B00000000A", "price": 20.0, "fulfillable": 100, "reserved": 20,
         "inbound_working": 10, "inbound_shipped": 20, "inbound_receiving": 30},
        {"sku": "B", "asin": "B00000000B", "price": 10.0, "fulfillable": 10},
        {"sku": "C", "asin": "B00000000C", "price": 5.0, "fulfillable": 1000},
        {"sku": "E", "asin": "B00000000E", "price": 8.0, "fulfillable": 7},
        {"sku": "F", "asin": "B00000000F", "price": 8.0, "fulfillable": -5},
    ])
    restock = restock_frame({
        "sku": ["A", "B", "C", "D", "F"], "asin": ["B00000000A", "B00000000B", "B00000000C", "B00000000D", "B00000000F"],
        "price": [20.0, 10.0, 5.0, 9.0, 8.0], "units_sold_30d": [120, 30, 30, 0, 30], "available": [100, 10, 1000, 50, 0],
        "inbound": [60, 0, 0, 0, 0], "days_of_supply": [40.0, 10.0, 365.0, 365.0, 0.0],
        "recommended_qty": [150, 80, 0, 0, 10],
        "recommended_ship_date": pd.to_datetime(["2025-12-05", "2025-12-01", None, None, "2025-12-01"]),
        "alert": ["low_stock", "out_of_stock", None, None, None]})
    sku_settings = pd.DataFrame({"sku": ["B"], "lead_time_days": [30], "case_pack": [24], "moq": [100]})
    return myi, restock, sku_settings


def test_restock_plan_hand_computed(plan_inputs):
    myi, restock, sku_settings = plan_inputs
    plan = ia.restock_plan(myi, restock, sku_settings=sku_settings, as_of=AS_OF)
    assert list(plan.columns) == ia.PLAN_COLUMNS
    a = by_sku(plan, "A")
    assert a["on_hand"] == 100 + 20 and a["inbound"] == 10 + 20 + 30
    assert a["daily_sales"] == 120 / 30 and a["velocity_window"] == "30d" and a["velocity_source"] == "restock 30d"
    assert a["days_of_cover"] == (120 + 60) / 4  # 45
    assert a["reorder_qty"] == 4 * (45 + 30 + 14) - 120 - 60  # 176
    assert a["stockout_date"] == AS_OF + dt.timedelta(days=45)
    assert a["order_by_date"] == AS_OF + dt.timedelta(days=45 - 45 - 14)
    assert isinstance(a["stockout_date"], dt.date) and isinstance(a["amazon_recommended_ship_date"], dt.date)
    assert a["status"] == "ORDER_NOW" and a["status_reason"].startswith("ORDER_NOW: 45 days of cover")
    assert a["amazon_recommended_qty"] == 150 and a["qty_difference"] == 176 - 150
    assert a["comparison_note"].startswith("ours 176 vs Amazon 150 (+26)")
    assert "lead 45" in a["comparison_note"] and "4/day" in a["comparison_note"]
    assert not a["stockout_within_lead_time"]  # 45 days of cover = lead time 45: arrives the day it runs out

    b = by_sku(plan, "B")  # per-SKU lead time 30, case pack 24, MOQ 100
    assert (b["lead_time_days"], b["case_pack"], b["moq"], b["cover_days"]) == (30, 24, 100, 30)
    assert b["params_source"] == "sku"
    need = 1 * (30 + 30 + 14) - 10  # 64 < MOQ 100 → 100 → 5 cases of 24
    assert need < 100 and b["reorder_qty"] == math.ceil(100 / 24) * 24
    assert b["status"] == "ORDER_NOW" and b["stockout_within_lead_time"]
    assert b["lost_sales_units_est"] == 1 * (30 - 10) and b["lost_sales_value_est"] == 20 * 10.0

    c = by_sku(plan, "C")
    assert c["status"] == "OVERSTOCK" and c["reorder_qty"] == 0 and c["days_of_cover"] == 1000 / 1

    d = by_sku(plan, "D")  # in Restock only, no sales
    assert d["stock_source"] == "restock" and d["on_hand"] == 50 and d["status"] == "OVERSTOCK"
    assert "NOT_IN_REPORT: SKU not in the MYI report" in d["problems"] and "ZERO_VELOCITY" in d["problems"]
    assert math.isnan(d["days_of_cover"]) and d["stockout_date"] is None

    e = by_sku(plan, "E")  # in MYI only: no velocity
    assert e["status"] == "" and "no sales data" in e["status_reason"]
    assert "SKU not in the Restock report" in e["problems"] and "NO_VELOCITY" in e["problems"]
    assert e["comparison_note"].startswith("Amazon: no recommendation")

    f = by_sku(plan, "F")  # negative stock: kept, results blank, problem listed
    assert f["status"] == "" and math.isnan(f["reorder_qty"]) and "NEGATIVE_STOCK" in f["problems"]

    assert set(plan["sku"]) == {"A", "B", "C", "D", "E", "F"}
    assert list(plan["status"][:2]) == ["ORDER_NOW", "ORDER_NOW"]  # sorted by urgency
    probs = plan.attrs["problems"]
    assert set(probs.columns) == {"sku", "source", "code", "detail"} and (probs["sku"] == "F").any()


def test_restock_plan_uses_velocity_frame_and_planning_split():
    planning = pd.DataFrame({"sku": ["P"], "available": [40], "reserved_fc_transfer": [5],
                             "reserved_fc_processing": [3], "reserved_customer_order": [2], "reserved": [10],
                             "inbound": [12], "units_shipped_30d": [None]})
    vel = vel_frame({"sku": ["P"], "units_per_day_90d": [2.0], "source_90d": ["business_report x"]})
    plan = ia.restock_plan(planning=planning, velocity=vel, as_of=AS_OF)
    p = by_sku(plan, "P")
    assert p["on_hand"] == 40 + 5 + 3 and p["inbound"] == 12  # customer-order units not counted
    assert p["daily_sales"] == 2.0 and p["velocity_window"] == "90d"  # 30d missing → 90d fallback
    assert p["reorder_qty"] == 2 * (45 + 30 + 14) - 48 - 12


def test_restock_plan_sku_settings_dict_and_settings_override():
    myi = myi_frame([{"sku": "A", "fulfillable": 100}])
    vel = vel_frame({"sku": ["A"], "units_per_day_30d": [10.0]})
    s = load_settings({"lead_time_days": 20, "cover_days": 10, "safety_days": 0})
    plan = ia.restock_plan(myi, velocity=vel, sku_settings={"A": {"moq": 500}}, as_of=AS_OF, settings=s)
    a = by_sku(plan, "A")
    assert a["reorder_qty"] == 500  # need 10 × 30 − 100 = 200 < MOQ 500
    with pytest.raises(ValueError):
        ia.restock_plan(myi, velocity=vel, sku_settings=pd.DataFrame({"sku": ["A"], "lead": [1]}), as_of=AS_OF)


quantity = st.integers(min_value=0, max_value=5000)


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(on_hand=quantity, inbound=quantity, extra=st.integers(1, 2000), rate=st.floats(0.1, 50),
       lead=st.integers(0, 120), pack=st.integers(1, 48))
def test_property_more_inbound_never_raises_reorder_qty(on_hand, inbound, extra, rate, lead, pack):
    vel = vel_frame({"sku": ["A"], "units_per_day_30d": [rate]})
    sk = {"A": {"lead_time_days": lead, "case_pack": pack}}
    q1 = ia.restock_plan(myi_frame([{"sku": "A", "fulfillable": on_hand, "inbound_shipped": inbound}]),
                         velocity=vel, sku_settings=sk, as_of=AS_OF)["reorder_qty"][0]
    q2 = ia.restock_plan(myi_frame([{"sku": "A", "fulfillable": on_hand, "inbound_shipped": inbound + extra}]),
                         velocity=vel, sku_settings=sk, as_of=AS_OF)["reorder_qty"][0]
    assert q2 <= q1


@hsettings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(on_hand=quantity, inbound=quantity, rate=st.floats(0.01, 50), lead=st.integers(0, 120))
def test_property_order_now_whenever_cover_within_lead_time(on_hand, inbound, rate, lead):
    vel = vel_frame({"sku": ["A"], "units_per_day_30d": [rate]})
    plan = ia.restock_plan(myi_frame([{"sku": "A", "fulfillable": on_hand, "inbound_working": inbound}]),
                           velocity=vel, sku_settings={"A": {"lead_time_days": lead}}, as_of=AS_OF)
    cover = (on_hand + inbound) / rate
    if cover <= lead:
        assert plan["status"][0] == "ORDER_NOW"
    assert plan["stockout_within_lead_time"][0] == (plan["days_of_cover"][0] < lead)


@hsettings(max_examples=25, deadline=None)
@given(st.lists(st.sampled_from(list("ABCDEFGH")), min_size=0, max_size=6),
       st.lists(st.sampled_from(list("ABCDEFGH")), min_size=0, max_size=6))
def test_property_no_sku_is_lost(myi_skus, restock_skus):
    myi = myi_frame([{"sku": s, "fulfillable": 5} for s in myi_skus]) if myi_skus else None
    restock = restock_frame({"sku": restock_skus, "units_sold_30d": [3] * len(restock_skus),
                             "available": [1] * len(restock_skus)}) if restock_skus else None
    plan = ia.restock_plan(myi, restock, as_of=AS_OF)
    assert set(plan["sku"]) == set(myi_skus) | set(restock_skus)
    assert plan["sku"].is_unique


# --- 3. fee risks ----------------------------------------------------------------------------------


def test_aged_surcharge_2023_table_hand_computed():
    as_of = dt.date(2023, 6, 20)  # next assessment 2023-07-15, 25 days away
    planning = pd.DataFrame({"sku": ["A"], "available": [300], "inv_age_0_90": [195], "inv_age_91_180": [90],
                             "inv_age_181_270": [10], "inv_age_271_365": [0], "inv_age_365_plus": [5],
                             "units_shipped_30d": [6], "item_volume": [0.5], "volume_unit": ["cubic feet"]})
    f = by_sku(ia.fee_risks(planning=planning, as_of=as_of), "A")
    assert f["next_assessment_date"] == dt.date(2023, 7, 15) and f["days_to_assessment"] == 25
    assert f["aged_units_approaching_est"] == pytest.approx(90 * (181 - 150) / 90)
    sold = 6 / 30 * 25  # 5 units, FIFO: the 5 units aged 365+ go first
    assert f["units_sold_before_assessment_est"] == pytest.approx(sold)
    crossing = 90 * 25 / 90  # uniform ages in 91–180: 25 of 90 ages cross 181 by the 15th
    assert f["aged_units_at_assessment_est"] == pytest.approx(10 + crossing)
    # 181–270 units will be ≥ 206 days (181–210 tier, $0.50/cu ft); crossing units at 181 (same tier)
    assert f["aged_fee_est"] == pytest.approx((10 + crossing) * 0.50 * 0.5)
    assert f["aged_units_unpriced"] == 0 and f["aged_risk"] == "charged at next assessment"
    assert f["inv_age_181_plus"] == 15


def test_aged_surcharge_after_2023_prices_only_365_plus():
    as_of = dt.date(2026, 3, 10)
    planning = pd.DataFrame({"sku": ["A"], "available": [30], "inv_age_91_180": [0], "inv_age_181_270": [10],
                             "inv_age_271_365": [0], "inv_age_365_plus": [20], "units_shipped_30d": [0],
                             "item_volume": [0.01], "volume_unit": ["cubic feet"],
                             "ais_estimated_365_plus": [3.0], "ais_estimated_181_210": [1.0]})
    f = by_sku(ia.fee_risks(planning=planning, as_of=as_of), "A")
    assert f["aged_fee_est"] == pytest.approx(20 * max(6.90 * 0.01, 0.15))  # greater of per cu ft and $0.15/unit
    assert f["aged_units_unpriced"] == 10 and "no verified rate" in f["aged_note"]
    assert f["aged_fee_amazon_est"] == 3.0 + 1.0


def test_lilf_amazon_days_of_supply_and_fee_by_tier():
    as_of = dt.date(2025, 6, 1)
    planning = pd.DataFrame({"sku": ["A", "B", "C"], "available": [20, 20, 500],
                             "short_term_historical_days_of_supply": [10.0, 10.0, 60.0],
                             "long_term_historical_days_of_supply": [20.0, 20.0, 50.0],
                             "units_shipped_7d": [50, 10, 50], "units_shipped_30d": [60, 60, 60]})
    info = pd.DataFrame({"sku": ["A", "B", "C"], "size_tier": ["small_standard", "small_standard", "small_standard"]})
    f = ia.fee_risks(planning=planning, as_of=as_of, product_info=info)
    a, b, c = (by_sku(f, s) for s in "ABC")
    assert a["lilf_risk"] and a["lilf_dos_source"] == "Amazon (planning)"
    assert a["lilf_fee_per_unit"] == 0.63  # band from max(10, 20) = 20 days: 14–21
    assert a["lilf_fee_est_30d"] == pytest.approx(0.63 * 60 / 30 * 30)
    assert not b["lilf_risk"] and b["lilf_exempt"].startswith("< 20 units")
    assert not c["lilf_risk"]


def test_lilf_estimate_from_stock_and_velocity_and_dimensions():
    as_of = dt.date(2025, 6, 1)
    restock = restock_frame({"sku": ["A"], "available": [20], "fc_transfer": [5], "fc_processing": [3],
                             "units_sold_30d": [60], "inbound": [100]})
    vel = vel_frame({"sku": ["A"], "units_per_day_7d": [4.0], "units_per_day_30d": [2.0], "units_per_day_90d": [3.0]})
    info = pd.DataFrame({"sku": ["A"], "length_in": [10.0], "width_in": [8.0], "height_in": [0.5], "weight_lb": [0.5]})
    a = by_sku(ia.fee_risks(restock=restock, velocity=vel, as_of=as_of, product_info=info), "A")
    assert a["lilf_on_hand"] == 20 + 5 + 3  # inbound is not counted
    assert a["lilf_days_of_supply_30d"] == 28 / 2.0 and a["lilf_days_of_supply_90d"] == pytest.approx(28 / 3.0)
    assert a["lilf_risk"] and a["size_tier"] == "small_standard"
    assert a["units_shipped_7d"] == 4.0 * 7
    assert a["lilf_fee_per_unit"] == 0.63  # max(14, 9.3) = 14 → 14–21 band


def test_lilf_after_table_end_is_flag_only():
    planning = pd.DataFrame({"sku": ["A"], "available": [5], "short_term_historical_days_of_supply": [5.0],
                             "long_term_historical_days_of_supply": [5.0], "units_shipped_7d": [100]})
    info = pd.DataFrame({"sku": ["A"], "size_tier": ["small_standard"]})
    a = by_sku(ia.fee_risks(planning=planning, as_of=dt.date(2026, 11, 1), product_info=info), "A")
    assert a["lilf_risk"] and math.isnan(a["lilf_fee_per_unit"]) and "risk flag only" in a["lilf_note"]


# --- 4. IPI estimates ------------------------------------------------------------------------------


def test_ipi_estimates_hand_computed():
    planning = pd.DataFrame({"sku": ["A", "B", "C"], "available": [100, 50, 0],
                             "units_shipped_30d": [30, 150, 30], "units_shipped_90d": [90, 450, 90]})
    res = ia.ipi_estimates(planning=planning)
    s = res["summary"].set_index("metric")
    assert (s["label"] == "ESTIMATE").all() and s["formula"].str.len().gt(0).all()
    # daily sales (30 d): A 1, B 5, C 1; excess = max(0, on hand − 90 × daily sales)
    assert s.loc["excess_pct", "value"] == pytest.approx((max(0, 100 - 90 * 1) + max(0, 50 - 90 * 5) + 0) / (100 + 50 + 0))
    assert s.loc["sell_through_90d", "value"] == pytest.approx((90 + 450 + 90) / (100 + 50 + 0))
    assert s.loc["in_stock_rate_pct", "value"] == pytest.approx((1 + 5) / (1 + 5 + 1))
    assert math.isnan(s.loc["stranded_pct", "value"]) and s.loc["stranded_pct", "source"].startswith("not available")
    assert list(res["by_sku"]["excess_units_est"]) == [10, 0, 0]


# --- 5. KPIs ---------------------------------------------------------------------------------------


def test_kpis_hand_computed(plan_inputs):
    myi, restock, sku_settings = plan_inputs
    plan = ia.restock_plan(myi, restock, sku_settings=sku_settings, as_of=AS_OF)
    k = ia.kpis(plan)
    assert (k["skus"], k["skus_order_now"], k["skus_overstock"], k["skus_no_status"]) == (6, 2, 2, 2)
    assert k["units_to_order"] == 176 + 120 and k["units_to_order_now"] == 176 + 120
    assert k["stockouts_within_lead_time"] == 1  # B only (A: cover = lead time)
    assert k["lost_sales_value_est"] == pytest.approx(20 * 10.0)
    assert k["value_at_risk_est"] == pytest.approx(200.0)
    assert k["as_of"] == AS_OF


# --- real exports ----------------------------------------------------------------------------------


def _real(name):
    p = REAL / name
    if not p.is_file():
        pytest.skip(f"real export {name!r} not present")
    from xladdin.reports import read_report
    return read_report(p).data


def test_real_myi_and_restock_no_sku_lost_and_totals():
    myi, restock = _real(MYI_REAL), _real(RESTOCK_REAL)
    as_of = dt.date(2019, 12, 15)
    plan = ia.restock_plan(myi, restock, as_of=as_of)
    myi_skus = set(myi["sku"].astype(str).str.strip())
    restock_skus = set(restock["sku"].astype(str).str.strip())
    assert set(plan["sku"]) == myi_skus | restock_skus and plan["sku"].is_unique
    from_myi = plan[plan["stock_source"] == "MYI"]
    assert len(from_myi) == len(myi_skus) == myi["sku"].nunique()
    assert from_myi["on_hand"].sum() == int(myi["fulfillable"].sum()) + int(myi["reserved"].sum())
    assert from_myi["inbound"].sum() == int(myi[["inbound_working", "inbound_shipped", "inbound_receiving"]].sum().sum())
    only_restock = restock[~restock["sku"].isin(myi_skus)]
    assert plan[plan["stock_source"] == "restock"]["on_hand"].sum() == int(only_restock["available"].sum())
    assert plan["amazon_recommended_qty"].sum() == int(restock["recommended_qty"].sum())
    v = plan.set_index("sku")["daily_sales"]
    for sku, units in zip(restock["sku"], restock["units_sold_30d"]):
        assert v[sku] == pytest.approx(units / 30)
    assert set(plan["status"]) <= {"ORDER_NOW", "REORDER_SOON", "OK", "OVERSTOCK", ""}
    # every SKU without a status says why
    assert (plan.loc[plan["status"] == "", "problems"] != "").all()
    fr = ia.fee_risks(myi, None, restock, as_of=as_of)
    assert set(fr["sku"]) == myi_skus | restock_skus
    ipi = ia.ipi_estimates(None, myi)
    s = ipi["summary"].set_index("metric")
    assert s.loc["unfulfillable_pct", "numerator"] == int(myi["unsellable"].sum())
    k = ia.kpis(plan, fr, ipi)
    assert k["skus"] == len(myi_skus | restock_skus)


def test_fee_risk_rows_long_form():
    as_of = dt.date(2023, 6, 20)
    planning = pd.DataFrame({"sku": ["A", "B"], "available": [300, 5], "inv_age_91_180": [90, 0],
                             "inv_age_181_270": [10, 0], "inv_age_271_365": [0, 0], "inv_age_365_plus": [5, 0],
                             "units_shipped_7d": [7, 70], "units_shipped_30d": [6, 60], "units_shipped_90d": [18, 180],
                             "item_volume": [0.5, 0.1], "volume_unit": ["cubic feet", "cubic feet"]})
    f = ia.fee_risks(planning=planning, as_of=as_of)
    rows = ia.fee_risk_rows(f)
    assert list(rows.columns) == ia.FEE_ROW_COLUMNS
    # A: aged units at the 2023-07-15 assessment.  B: 5 units ÷ 2/day = 2.5 days (30 d and 90 d) < 28, but the
    # low-inventory-level fee only starts 2024-04-01.
    assert set(zip(rows["sku"], rows["risk"])) == {("A", "aged_surcharge")}
    assert rows.set_index("risk").loc["aged_surcharge", "est_fee"] == pytest.approx((10 + 25) * 0.50 * 0.5)
    b = by_sku(f, "B")
    assert b["lilf_days_of_supply_30d"] == 5 / 2 and not b["lilf_risk"] and "starts 2024-04-01" in b["lilf_note"]
    rows25 = ia.fee_risk_rows(ia.fee_risks(planning=planning, as_of=dt.date(2025, 6, 1)))
    assert ("B", "low_inventory_fee") in set(zip(rows25["sku"], rows25["risk"]))
