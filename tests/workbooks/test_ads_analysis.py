"""Ads workbook analyses: values checked against independent pandas computations written here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from udfs.ads import SEARCH_TERM_ACTION
from xladdin.core import ads
from xladdin.settings import DEFAULTS, load_settings
from xladdin.workbooks import ads_analysis as A

REAL_EXPORTS = Path(__file__).resolve().parents[3] / "shared" / "real-exports"
COLS = ["start_date", "end_date", "campaign_name", "ad_group_name", "targeting", "match_type", "search_term",
        "impressions", "clicks", "spend", "sales", "orders", "units"]


def frame(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=COLS)
    for c in ("start_date", "end_date"):
        df[c] = pd.to_datetime(df[c])
    return df


D1, D2 = "2026-03-01", "2026-03-02"
ST = frame([
    # campaign A (manual), two days
    [D1, D1, "A", "ag1", "red shoes", "BROAD", "red running shoes", 1000, 20, 10.0, 50.0, 2, 2],
    [D2, D2, "A", "ag1", "red shoes", "BROAD", "red running shoes", 500, 10, 5.0, 25.0, 1, 1],
    [D1, D1, "A", "ag1", "shoes", "PHRASE", "cheap shoes", 800, 30, 24.0, 0.0, 0, 0],
    [D2, D2, "A", "ag2", "blue shoes", "EXACT", "blue shoes", 300, 12, 12.0, 20.0, 1, 1],
    # campaign B (auto), with an ASIN term
    [D1, D1, "B", "auto", "close-match", None, "b0abcdefgh", 200, 5, 3.0, 40.0, 2, 2],
    [D2, D2, "B", "auto", "substitutes", None, "green shoes", 100, 2, 1.0, 0.0, 0, 0],
    # campaign C: spend, no sales, no clicks in one row
    [D2, D2, "C", "x", 'asin="B0ZZZZZZZZ"', None, "some term", 50, 0, 0.0, 0.0, 0, 0],
])


def by_hand(df: pd.DataFrame, key: str) -> pd.DataFrame:
    g = df.groupby(key, dropna=False)[["impressions", "clicks", "spend", "sales", "orders", "units"]].sum()
    with np.errstate(divide="ignore", invalid="ignore"):
        g["acos"] = np.where(g.sales > 0, g.spend / g.sales, np.nan)
        g["roas"] = np.where(g.spend > 0, g.sales / g.spend, np.nan)
        g["cpc"] = np.where(g.clicks > 0, g.spend / g.clicks, np.nan)
        g["ctr"] = np.where(g.impressions > 0, g.clicks / g.impressions, np.nan)
        g["cvr"] = np.where(g.clicks > 0, g.orders / g.clicks, np.nan)
    return g


def check_against(out: pd.DataFrame, key_col: str, expected: pd.DataFrame) -> None:
    got = out.set_index(key_col)
    for c in expected.columns:
        np.testing.assert_allclose(got.loc[expected.index, c].to_numpy(dtype=float), expected[c].to_numpy(dtype=float),
                                   rtol=1e-12, equal_nan=True, err_msg=c)


# --- campaign summary ---------------------------------------------------------------------------------------
def test_campaign_summary_matches_groupby_by_hand():
    out = A.campaign_summary(ST)
    assert list(out.columns) == A.CAMPAIGN_COLUMNS
    check_against(out, "campaign_name", by_hand(ST, "campaign_name"))
    assert list(out.campaign_name) == ["A", "B", "C"]  # largest spend first
    c = out.set_index("campaign_name").loc["C"]
    assert np.isnan(c.acos) and np.isnan(c.cpc) and "acos:DIV_ZERO" in c.metric_errors and "cpc:DIV_ZERO" in c.metric_errors
    assert out.set_index("campaign_name").loc["A", "metric_errors"] == ""
    assert out.spend_share_pct.sum() == pytest.approx(1.0)
    assert out.tacos_contribution_pct.isna().all() and np.isnan(out.attrs["tacos"])


def test_tacos_by_date_business_report_is_cut_to_the_same_dates():
    business = pd.DataFrame({"date": pd.to_datetime(["2026-02-28", D1, D2, "2026-03-03"]),
                             "ordered_sales": [999.0, 300.0, 200.0, 999.0]})
    out = A.campaign_summary(ST, business)
    total_spend = ST.spend.sum()
    assert out.attrs["total_sales"] == 500.0
    assert out.attrs["tacos"] == pytest.approx(total_spend / 500.0)
    # per campaign: share of the account TACoS, summing to it
    expected = ST.groupby("campaign_name").spend.sum() / 500.0
    check_against(out, "campaign_name", pd.DataFrame({"tacos_contribution_pct": expected}))
    assert out.tacos_contribution_pct.sum() == pytest.approx(out.attrs["tacos"])
    k = A.kpis(ST, business)
    assert k["tacos"] == pytest.approx(total_spend / 500.0) and k["total_sales"] == 500.0


def test_tacos_business_report_without_dates_is_assumed_same_period_with_a_note():
    business = pd.DataFrame({"asin": ["B01", "B02"], "ordered_sales": [700.0, 300.0]})
    out = A.campaign_summary(ST, business)
    assert out.attrs["tacos"] == pytest.approx(ST.spend.sum() / 1000.0)
    assert any("same dates" in n for n in out.attrs["notes"])


def test_tacos_zero_total_sales_is_nan_not_inf():
    out = A.campaign_summary(ST, pd.DataFrame({"ordered_sales": [0.0]}))
    assert np.isnan(out.attrs["tacos"]) and out.tacos_contribution_pct.isna().all()


def test_campaign_report_adds_attributes_only():
    camp = pd.DataFrame({"campaign_name": ["A", "B"], "targeting_type": ["MANUAL", "AUTO"], "status": ["ENABLED"] * 2,
                         "budget": [20.0, 10.0], "spend": [60.0, 4.0]})
    out = A.campaign_summary(ST, campaigns=camp).set_index("campaign_name")
    assert out.loc["A", "targeting_type"] == "MANUAL" and out.loc["B", "budget"] == 10.0
    assert out.loc["A", "campaign_report_spend"] == 60.0 and out.loc["A", "spend"] == 51.0
    assert np.isnan(out.loc["C", "budget"])


# --- match types ---------------------------------------------------------------------------------------------
def test_match_type_summary_groups_and_shares():
    out = A.match_type_summary(ST)
    assert list(out.columns) == A.MATCH_TYPE_COLUMNS
    assert list(out.match_type) == ["EXACT", "PHRASE", "BROAD", "AUTO", "PRODUCT"]
    st = ST.copy()
    st["g"] = ["BROAD", "BROAD", "PHRASE", "EXACT", "AUTO", "AUTO", "PRODUCT"]
    check_against(out, "match_type", by_hand(st, "g"))
    broad = 15.0 / ST.spend.sum()
    assert out.attrs["broad_spend_share"] == pytest.approx(broad)
    assert not out.broad_over_limit.any()  # 15 / 55 < 50 %
    strict = A.match_type_summary(ST, load_settings({"broad_spend_share_max": 0.2}))
    assert strict.set_index("match_type").broad_over_limit.to_dict() == {
        "EXACT": False, "PHRASE": False, "BROAD": True, "AUTO": False, "PRODUCT": False}


def test_match_type_aliases_and_no_broad():
    labels = A.match_type_group(["exact", "精准", "Wortgruppe", "广泛", None, None, None, "-"],
                                [None, None, None, None, "*", 'asin-expanded="B0X"', 'keyword-group="c"', "loose-match"])
    assert list(labels) == ["EXACT", "EXACT", "PHRASE", "BROAD", "AUTO", "PRODUCT", "OTHER", "AUTO"]
    out = A.match_type_summary(ST[ST.match_type != "BROAD"])
    assert out.attrs["broad_spend_share"] == 0.0 and not out.attrs["broad_over_limit"]


# --- trend ---------------------------------------------------------------------------------------------------
def test_trend_daily_by_hand():
    out = A.trend(ST)
    assert list(out.columns) == A.TREND_COLUMNS
    st = ST.copy()
    st["d"] = st.start_date
    exp = by_hand(st, "d")
    got = out.set_index("start_date")
    for c in exp.columns:
        np.testing.assert_allclose(got[c].to_numpy(float), exp[c].to_numpy(float), equal_nan=True)
    assert list(out.days) == [1, 1]


def test_trend_without_dates_is_empty_with_columns():
    out = A.trend(ST.drop(columns=["start_date", "end_date"]))
    assert out.empty and list(out.columns) == A.TREND_COLUMNS
    assert out.attrs["undated_rows"] == len(ST)


def test_trend_summary_periods():
    st = ST.copy()
    st["start_date"] = pd.Timestamp(D1)
    st["end_date"] = pd.Timestamp("2026-03-07")
    out = A.trend(st)
    assert len(out) == 1 and out.days.iloc[0] == 7 and out.spend.iloc[0] == pytest.approx(ST.spend.sum())


# --- search-term actions -------------------------------------------------------------------------------------
def actions_frame(rows, **kw):
    return A.search_term_actions(frame(rows), **kw)


def test_actions_one_row_per_term_summed_over_dates_and_decided_by_core():
    out = A.search_term_actions(ST)
    assert list(out.columns) == A.ACTION_COLUMNS
    keys = ["campaign_name", "ad_group_name", "targeting", "match_type", "search_term"]
    exp = ST.fillna({"match_type": ""}).groupby(keys)[["clicks", "spend", "sales", "orders"]].sum()
    assert len(out) == len(exp)
    o = out.fillna({"match_type": ""}).set_index(keys)
    for c in ("clicks", "spend", "sales", "orders"):
        np.testing.assert_allclose(o.loc[exp.index, c].to_numpy(float), exp[c].to_numpy(float))
    assert (out.approve == "").all()
    # the decision is the core's: same action as SEARCH_TERM_ACTION on the aggregated numbers
    cpo = ST.clicks.sum() / ST.orders.sum()
    for r in out.itertuples():
        mt = "EXACT" if r.already_exact else (r.match_type if isinstance(r.match_type, str) else "")
        txt = SEARCH_TERM_ACTION(r.search_term, r.clicks, r.orders, r.spend, r.sales, r.target_acos, cpo, mt)
        assert txt.split(":")[0] == r.action and txt == r.reason


def test_action_codes_numbers_and_bids():
    out = A.search_term_actions(ST).set_index("search_term")
    red = out.loc["red running shoes"]  # 30 clicks, 3 orders, ACoS 15/75 = 20 % ≤ 30 %, BROAD → harvest
    assert (red.action, red.reason_code, red.threshold, red.threshold_unit) == ("HARVEST", "ORDERS_AT_TARGET", 2, "orders")
    assert red.harvest_campaign_name == "A - Exact" and red.harvest_ad_group_name == "ag1"
    assert red.suggested_bid == round(15 / 30, 2) and red.acos == pytest.approx(0.2)
    cheap = out.loc["cheap shoes"]  # 30 clicks, 0 orders; account 79 clicks / 7 orders → threshold max(15, 1.5 × 11.3) = 16.9
    thr = max(15, 1.5 * ST.clicks.sum() / ST.orders.sum())
    assert cheap.action == "NEGATE" and cheap.reason_code == "NO_ORDERS_CLICKS" and thr < 30
    assert cheap.threshold == pytest.approx(thr) and np.isnan(cheap.acos) and cheap.metric_errors == "acos:DIV_ZERO"
    blue = out.loc["blue shoes"]  # EXACT, 12 clicks, ACoS 60 % > 33 % → BID_DOWN; bid = CPC 1.00 × 0.3/0.6 capped −20 %
    assert (blue.action, blue.reason_code, blue.bid_source) == ("BID_DOWN", "ACOS_ABOVE_TARGET", "CPC_PROXY")
    assert blue.current_bid == 1.0 and blue.suggested_bid == 0.8 and blue.bid_change_pct == pytest.approx(-0.2)
    assert blue.threshold == pytest.approx(0.33)


def test_asin_term_harvested_as_product_target():
    out = A.search_term_actions(ST).set_index("search_term")
    row = out.loc[next(t for t in out.index if t.lower() == "b0abcdefgh")]
    assert row.is_asin
    assert row.action == "HARVEST" and "product target" in row.reason


def test_brand_terms_never_negated():
    rows = [[D1, D1, "A", "ag", "kw", "BROAD", "acme socks", 500, 40, 20.0, 0.0, 0, 0],
            [D1, D1, "A", "ag", "kw", "BROAD", "wool socks", 500, 40, 20.0, 0.0, 0, 0],
            [D1, D1, "A", "ag", "kw", "BROAD", "acmesocks", 500, 40, 20.0, 0.0, 0, 0]]
    out = actions_frame(rows, brand_terms=["ACME"]).set_index("search_term")
    assert out.loc["acme socks", "action"] == "WATCH" and out.loc["acme socks", "reason_code"] == "BRAND_NO_NEGATE"
    assert out.loc["acme socks", "brand"]
    assert out.loc["wool socks", "action"] == "NEGATE" and out.loc["wool socks", "reason_code"] == "NO_ORDERS_CLICKS"
    assert not out.loc["acmesocks", "brand"]  # whole words only
    via_settings = actions_frame(rows, settings=load_settings({"brand_terms": "foo, acme"})).set_index("search_term")
    assert via_settings.loc["acme socks", "brand"]


def test_already_exact_terms_not_harvested_again():
    rows = [[D1, D1, "A", "ag", "kw", "BROAD", "wool socks", 500, 40, 4.0, 100.0, 4, 4],
            [D1, D1, "E", "ex", "wool socks", "EXACT", "wool socks", 500, 1, 1.0, 0.0, 0, 0]]
    out = actions_frame(rows)
    src = out[out.campaign_name == "A"].iloc[0]
    assert src.already_exact and src.action == "BID_UP"


def test_target_acos_sources():
    rows = [[D1, D1, "A", "ag", "kw", "BROAD", "t1", 500, 40, 20.0, 40.0, 2, 2],
            [D1, D1, "B", "bg", "kw", "BROAD", "t2", 500, 40, 20.0, 40.0, 2, 2],
            [D1, D1, "C", "cg", "kw", "BROAD", "t3", 500, 40, 20.0, 40.0, 2, 2]]
    out = actions_frame(rows, target_acos=0.25)
    assert (out.target_acos == 0.25).all() and (out.target_source == "ARGUMENT").all()
    out = actions_frame(rows, target_acos={"A": 0.6}).set_index("campaign_name")
    assert out.loc["A", "target_acos"] == 0.6 and out.loc["A", "target_source"] == "CAMPAIGN"
    assert out.loc["A", "action"] == "HARVEST"  # ACoS 50 % ≤ 60 %
    assert out.loc["B", "target_acos"] == DEFAULTS.target_acos and out.loc["B", "target_source"] == "SETTINGS"
    costs = pd.DataFrame({"sku": ["S1", "S2", "S3"], "price": [30.0, 30.0, 20.0], "cogs": [8.0, 5.0, 15.0],
                          "fees": [9.0, 9.0, 8.0], "campaign_name": ["A", "A", "C"], "ad_group_name": ["ag", "ag", "cg"]})
    out = actions_frame(rows, sku_costs=costs).set_index("campaign_name")
    be = float(ads.breakeven_acos([30.0], [8.0], [9.0]).values[0])  # the lower of S1 (13/30) and S2 (16/30)
    assert out.loc["A", "target_acos"] == pytest.approx(be - DEFAULTS.acos_buffer)
    assert out.loc["A", "target_source"] == "BREAKEVEN"
    assert out.loc["C", "target_acos"] == 0.0 and out.loc["C", "target_source"] == "BREAKEVEN_NEGATIVE"
    assert out.loc["B", "target_source"] == "SETTINGS"


def test_target_from_dimensions_uses_core_fees():
    from xladdin.core import fees
    rows = [[D1, D1, "A", "ag", "kw", "BROAD", "t1", 500, 40, 20.0, 40.0, 2, 2]]
    costs = pd.DataFrame({"sku": ["S1"], "price": [30.0], "cogs": [8.0], "length": [10.0], "width": [6.0],
                          "height": [3.0], "weight": [1.0], "category": ["Home & Kitchen"]})
    adv = pd.DataFrame({"campaign_name": ["A"], "ad_group_name": ["ag"], "advertised_sku": ["S1"]})
    when = dt.date(2026, 3, 1)
    out = actions_frame(rows, sku_costs=costs, advertised=adv, as_of=when)
    f = fees.fba_fee([10.0], [6.0], [3.0], [1.0], [30.0], ["US"], [np.datetime64(when)]).values[0] + \
        fees.referral_fee([30.0], ["Home & Kitchen"], ["US"], [np.datetime64(when)]).values[0]
    if np.isnan(f):
        assert out.target_source.iloc[0] == "SETTINGS"
    else:
        assert out.target_acos.iloc[0] == pytest.approx(float(ads.breakeven_acos([30.0], [8.0], [f]).values[0]) - DEFAULTS.acos_buffer)


def test_current_bid_from_bulksheet_and_ids():
    rows = [[D1, D1, "A", "ag", "wool socks", "EXACT", "wool socks", 500, 40, 30.0, 50.0, 2, 2]]
    bulk = pd.DataFrame({
        "entity": ["Campaign", "Ad Group", "Keyword"], "campaign_id": ["111", "111", "111"],
        "ad_group_id": [None, "222", "222"], "keyword_id": [None, None, "333"], "product_targeting_id": [None] * 3,
        "campaign_name": ["A", None, None], "campaign_name_info": ["A", "A", "A"],
        "ad_group_name": [None, "ag", None], "ad_group_name_info": [None, "ag", "ag"],
        "keyword_text": [None, None, "wool socks"], "match_type": [None, None, "exact"], "bid": [None, None, 1.0],
        "product_targeting_expression": [None] * 3})
    r = actions_frame(rows, bulk=bulk).iloc[0]
    assert r.action == "BID_DOWN" and r.bid_source == "BULKSHEET" and r.current_bid == 1.0
    assert r.suggested_bid == float(ads.target_bid([0.3], [1.0], [0.6], [np.nan], [np.nan], [0.2]).values[0]) == 0.8
    assert (r.campaign_id, r.ad_group_id, r.keyword_id) == ("111", "222", "333")


def test_kpis_counts_and_totals():
    acts = A.search_term_actions(ST)
    k = A.kpis(ST, actions=acts)
    assert k["spend"] == ST.spend.sum() and k["sales"] == ST.sales.sum()
    assert k["acos"] == pytest.approx(ST.spend.sum() / ST.sales.sum())
    assert k["cvr"] == pytest.approx(ST.orders.sum() / ST.clicks.sum())
    assert k["n_search_terms"] == len(acts)
    assert sum(k[f"n_{a.lower()}"] for a in A.ACTIONS) == len(acts)
    assert k["date_from"] == dt.date(2026, 3, 1) and k["date_to"] == dt.date(2026, 3, 2)
    assert k["metric_errors"] == {} and np.isnan(k["tacos"])
    empty = A.kpis(ST.iloc[:0])
    assert np.isnan(empty["acos"]) and empty["metric_errors"]["acos"] == "DIV_ZERO"


# --- real exports ----------------------------------------------------------------------------------------------
def _real(name_part: str) -> Path:
    if not REAL_EXPORTS.is_dir():
        pytest.skip(f"real exports folder not found at {REAL_EXPORTS}")
    hits = sorted(REAL_EXPORTS.glob(f"*{name_part}*"))
    if not hits:
        pytest.skip(f"no real export matching {name_part}")
    return hits[0]


@pytest.mark.parametrize("part", ["search_term__xvr", "search_term__Mannyvv", "search_term__umairnsr87",
                                  "search_term__Myalin02"])
def test_real_search_term_exports(part):
    from xladdin.reports import read_report
    st = read_report(_real(part)).data
    spend = pd.to_numeric(st["spend"]).astype(float)
    sales = pd.to_numeric(st["sales"]).astype(float)
    k = A.kpis(st)
    assert k["spend"] == pytest.approx(spend.sum()) and k["sales"] == pytest.approx(sales.sum())
    assert k["acos"] == pytest.approx(spend.sum() / sales.sum())
    cs = A.campaign_summary(st)
    exp = st.assign(spend=spend).groupby("campaign_name").spend.sum()
    np.testing.assert_allclose(cs.set_index("campaign_name").loc[exp.index, "spend"], exp.to_numpy(), rtol=1e-9)
    assert cs.spend.sum() == pytest.approx(spend.sum())
    assert A.match_type_summary(st).spend.sum() == pytest.approx(spend.sum())
    tr = A.trend(st)
    assert tr.spend.sum() == pytest.approx(spend.sum()) and len(tr) > 1
    acts = A.search_term_actions(st)
    assert acts.spend.sum() == pytest.approx(spend.sum())
    keys = ["campaign_name", "ad_group_name", "targeting", "match_type", "search_term"]
    assert len(acts) == len(st[keys].fillna("").drop_duplicates())
    assert set(acts.action) <= set(A.ACTIONS) and acts.reason_code.notna().all()


def test_sku_costs_with_the_template_columns_and_a_sku_target():
    rows = [[D1, D1, "A", "ag", "kw", "BROAD", "t1", 500, 40, 20.0, 40.0, 2, 2],
            [D1, D1, "B", "bg", "kw", "BROAD", "t2", 500, 40, 20.0, 40.0, 2, 2]]
    costs = pd.DataFrame({"sku": ["S1", "S2"], "price": [30.0, 40.0], "cogs": [8.0, 10.0], "fba_fee": [5.0, 6.0],
                          "referral_fee": [4.5, 6.0], "target_acos": [np.nan, 0.2]})
    adv = pd.DataFrame({"entity": ["Product Ad", "Product Ad"], "campaign_name_info": ["A", "B"],
                        "ad_group_name_info": ["ag", "bg"], "sku": ["S1", "S2"]})
    out = actions_frame(rows, sku_costs=costs, advertised=adv).set_index("campaign_name")
    be = float(ads.breakeven_acos([30.0], [8.0], [9.5]).values[0])
    assert out.loc["A", "target_acos"] == pytest.approx(be - DEFAULTS.acos_buffer)
    assert out.loc["A", "target_source"] == "BREAKEVEN"
    assert (out.loc["B", "target_acos"], out.loc["B", "target_source"]) == (0.2, "SKU")
