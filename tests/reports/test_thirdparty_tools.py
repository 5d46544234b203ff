"""Third-party tool exports: Helium 10 (Cerebro, Magnet, X-Ray, Black Box), Keepa, SellerSprite."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.reports import make_ads_fixtures as F
from tests.reports.helpers import FIXTURES, REFERENCE, write_xlsx
from xladdin.errors import XladdinError
from xladdin.reports import read_report

TP = FIXTURES / "thirdparty"


def test_cerebro():
    rep = read_report(TP / "helium10_cerebro-en.csv")
    m, d = rep.meta, rep.data
    assert (m.family, m.encoding) == ("helium10_cerebro", "utf-8-sig")
    assert d["keyword"].tolist() == ["silicone cooking utensils", "kitchen utensils"]
    assert d["aba_click_share"].tolist() == [pytest.approx(0.381), pytest.approx(0.172)]  # "38.1" = 38.1 %
    assert d["search_volume_trend"].tolist() == [pytest.approx(0.12), pytest.approx(-0.09)]
    assert d["keyword_sales"].tolist() == [1402, 4905] and str(d["keyword_sales"].dtype) == "Int64"
    assert d["competing_products"].tolist() == [1000, 9870]  # ">1,000": the bound, noted
    assert any(n.startswith("competing_products: 1 cells are bounds") for n in m.notes)
    assert d["ppc_bid"].tolist() == [1.42, 2.05]
    assert d["position_rank"].isna().tolist() == [False, True]  # "N/R": not ranked
    assert math.isnan(d["sponsored_rank_avg"].tolist()[1]) and math.isnan(d["amazon_recommended_rank_avg"].tolist()[1])
    assert rep.problems.empty and m.unmapped == []


def test_cerebro_multi_asin_rank_columns_stay_in_extra():
    header = F.HEADER_CEREBRO + ["B0CKQ7BK33", "B0CZZZ1111"]
    rows = [r + ["5", "N/R"] for r in F.CEREBRO_ROWS]
    rep = read_report([header, *rows])
    assert rep.meta.family == "helium10_cerebro"
    assert rep.meta.unmapped == ["B0CKQ7BK33", "B0CZZZ1111"]
    assert rep.extra["B0CZZZ1111"].tolist() == ["N/R", "N/R"]


def test_magnet():
    rep = read_report(TP / "helium10_magnet-en.csv")
    d = rep.data
    assert rep.meta.family == "helium10_magnet"
    assert d["magnet_iq_score"].tolist() == [2210, 880]
    assert d["competing_products"].tolist() == [1000, 720]
    assert d["keyword_sales"].isna().tolist() == [False, True]
    assert "cerebro_iq_score" not in d.columns


def test_xray_new_names():
    rep = read_report(TP / "helium10_xray-en.csv")
    m, d = rep.meta, rep.data
    assert (m.family, m.currency, m.marketplace) == ("helium10_xray", "USD", "US")  # "Price  $"
    assert d["display_order"].tolist() == [1, 2]  # "1."
    assert d["asin"].tolist() == ["B0CKQ7BK33", "B0CZZZ1111"]
    assert d["price"].tolist() == [24.99, 32.99] and d["fees"].tolist() == [8.61, 10.12]
    assert d["parent_level_revenue"].tolist() == [29488.20, 30020.90]
    assert d["recent_purchases"].tolist() == [500, 1000]  # "1K+"
    assert d["review_velocity"].isna().tolist() == [False, True]
    assert d["creation_date"].tolist() == [pd.Timestamp(2024, 3, 22), pd.Timestamp(2021, 6, 11)]
    assert d["best_seller"].tolist() == [False, True]
    assert d["sponsored"].tolist() == ["No", "Sponsored Product"]
    assert rep.problems.empty and m.unmapped == []


def test_xray_old_amazon_in_names():
    rep = read_report(TP / "helium10_xray-en-old-in.csv")
    d = rep.data
    assert (rep.meta.family, rep.meta.currency) == ("helium10_xray", "INR")
    assert d["sales"].tolist() == [1950] and d["revenue"].tolist() == [583050.0]  # Indian grouping "5,83,050"
    assert d["variation_sales_strength"].tolist() == [7]
    assert d["recent_purchases"].tolist() == [300]
    assert "asin_sales" not in d.columns  # old "Sales" is not merged with the newer ASIN-level column


def test_black_box():
    rep = read_report(TP / "helium10_blackbox-en.csv")
    d = rep.data
    assert rep.meta.family == "helium10_blackbox"
    assert d["sales_trend_90d"].tolist() == [pytest.approx(-0.125)]
    assert d["storage_fee_oct_dec"].tolist() == [1.45]
    assert d["asin_revenue"].tolist() == [14194.32]


def test_keepa():
    rep = read_report(TP / "keepa-en.csv")
    m, d = rep.meta, rep.data
    assert m.family == "keepa_products"
    assert m.columns["buy_box_current"] == "Buy Box 🚚: Current"  # emoji folded away
    assert d["buy_box_current"].tolist() == [24.99, 39.99]
    assert d["buy_box_amazon_pct_90d"].tolist() == [0.0, pytest.approx(0.12)]  # "12 %"
    assert d["referral_fee_pct"].tolist() == [pytest.approx(0.15), pytest.approx(0.15)]  # "15 %" and bare "15"
    assert d["rating_count"].tolist() == [2311, 4408] and "review_count" not in d.columns
    assert d["listed_since"].tolist() == [pd.Timestamp(2024, 3, 22), pd.Timestamp(2022, 8, 30)]
    assert m.unmapped == ["Lightning Deals: Current"]  # unknown series are kept, not guessed
    assert rep.extra.columns.tolist() == ["Lightning Deals: Current"]


def test_keepa_xlsx_typed(tmp_path):
    rows = [[float(c) if c.replace(".", "", 1).isdigit() else c for c in r] for r in F.KEEPA_ROWS]
    p = write_xlsx(tmp_path / "keepa.xlsx", {"Keepa Export": [F.HEADER_KEEPA, *rows]})
    a, b = read_report(p), read_report(TP / "keepa-en.csv")
    pd.testing.assert_frame_equal(a.data, b.data)


def test_sellersprite_en_and_zh():
    en = read_report(TP / "sellersprite-en.xlsx")
    zh = read_report(TP / "sellersprite-zh.xlsx")
    assert (en.meta.family, zh.meta.family) == ("sellersprite_keywords", "sellersprite_keywords")
    assert (en.meta.language, zh.meta.language) == ("en", "zh")
    shared = ["keyword", "related_asins", "aba_rank_week", "monthly_searches", "monthly_purchases", "purchase_rate",
              "impressions", "clicks", "spr", "title_density", "products", "dsr", "sponsored_asins",
              "total_click_share"]
    pd.testing.assert_frame_equal(en.data[shared], zh.data[shared])
    assert zh.data["traffic_share"].tolist() == [pytest.approx(0.125)]
    assert zh.data["keyword_type"].tolist() == ["SP广告词"]
    assert zh.data["ppc_bid"].tolist() == [0.53]
    assert en.data["click_share"].tolist() == [pytest.approx(0.125)]


def test_sellersprite_shares_written_as_percent_numbers():
    rows = [F.HEADER_SS_EN, [*F.SS_EN_ROWS[0][:2], 12.5, *F.SS_EN_ROWS[0][3:]]]
    rep = read_report(rows)
    assert rep.data["click_share"].tolist() == [pytest.approx(0.125)]
    assert any(n.startswith("click_share: values above 1") for n in rep.meta.notes)


@pytest.mark.parametrize("drop,family,lacks", [
    ("Cerebro IQ Score", "helium10_cerebro", '"Cerebro IQ Score"'),
    ("Sales Rank: Current", "keepa_products", '"Sales Rank: Current"'),
])
def test_unknown_tool_export_names_closest_family(drop, family, lacks):
    header = F.HEADER_CEREBRO if family == "helium10_cerebro" else [h for h in F.HEADER_KEEPA if "Buy Box" not in h
                                                                     and "New:" not in h]
    rows = F.CEREBRO_ROWS if family == "helium10_cerebro" else [[c for h, c in zip(F.HEADER_KEEPA, r)
                                                                 if "Buy Box" not in h and "New:" not in h]
                                                                for r in F.KEEPA_ROWS]
    keep = [i for i, h in enumerate(header) if h != drop]
    with pytest.raises(XladdinError) as exc:
        read_report([[header[i] for i in keep], *[[r[i] for i in keep] for r in rows]])
    assert f"closest family: {family}" in str(exc.value) and lacks in str(exc.value)


@pytest.mark.parametrize("name,family", [("helium10_cerebro_en.csv", "helium10_cerebro"),
                                         ("helium10_xray_en.csv", "helium10_xray"),
                                         ("keepa_product_viewer_en.csv", "keepa_products")])
def test_reference_samples(name, family):
    p = REFERENCE / "samples" / name
    if not p.is_file():
        pytest.skip(f"reference sample {p} not found (only present in the team workspace)")
    rep = read_report(p)
    assert rep.meta.family == family and rep.problems.empty and rep.meta.unmapped == []
