"""Sponsored Products console / API families: every layout and language variant in fixtures/ads/."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tests.reports import ads_data as D
from tests.reports.helpers import FIXTURES, assert_same_frame, write_csv, write_xlsx
from xladdin.reports import read_report, sp_advertised_product, sp_search_term

ADS = FIXTURES / "ads"


def ts(y, m, d):
    return pd.Timestamp(y, m, d)


# --- search term ------------------------------------------------------------------------------------------
def test_summary_layout_with_retailer_and_country():
    rep = read_report(ADS / "sp_search_term" / "en-summary-retailer.csv")
    assert rep.meta.family == "sp_search_term" and rep.meta.marketplace == "US"
    assert rep.meta.marketplace_source == "column"
    assert rep.data["retailer"].tolist() == ["Amazon"] * 3
    assert rep.data["country"].tolist() == ["United States"] * 3
    base = D.st_expected("USD").head(3)
    assert_same_frame(rep.data.drop(columns=["retailer", "country"]), base)


def test_legacy_daily_xlsx_single_date_column():
    rep = read_report(ADS / "sp_search_term" / "en-legacy-daily.xlsx")
    d = rep.data
    assert rep.meta.family == "sp_search_term" and rep.meta.sheet == "Sponsored Product Search Term R"
    assert "date" not in d.columns
    assert d["start_date"].tolist() == [ts(2019, 11, 20 + i) for i in range(4)]
    assert d["end_date"].equals(d["start_date"])
    assert (rep.meta.date_from, rep.meta.date_to) == (dt.date(2019, 11, 20), dt.date(2019, 11, 23))
    assert d["targeting"].tolist()[:2] == ["*", "*"]  # auto campaigns in 2019 files
    assert d["match_type"].isna().tolist() == [True, True, False, False]
    assert d["acos"].isna().tolist() == [False, False, False, True]  # empty cell where sales are 0
    assert d["portfolio"].tolist() == ["Not grouped"] * 4
    assert "daily layout: the Date column was copied into start_date and end_date" in rep.meta.notes
    assert rep.meta.missing == [] and rep.problems.empty


def test_14_day_variant_with_currency_in_the_header():
    rep = read_report(ADS / "sp_search_term" / "en-14day-inr.xlsx")
    m = rep.meta
    assert (m.family, m.currency, m.marketplace) == ("sp_search_term", "INR", "IN")
    assert m.columns["sales"] == "14 Day Total Sales (₹)"
    assert m.columns["advertised_sku_sales"] == "14 Day Advertised ASIN Sales (₹)"
    assert m.columns["other_sku_units"] == "14 Day Brand Halo ASIN Units (#)"
    assert any(n.startswith("attribution window: 14 days") for n in m.notes)
    e = D.st_expected("INR").head(4)
    for c in ("impressions", "clicks", "spend", "sales", "orders", "units", "advertised_sku_sales", "other_sku_sales",
              "advertised_sku_units", "other_sku_units", "ctr", "acos", "roas", "cvr"):
        pd.testing.assert_series_equal(rep.data[c], e[c], check_names=False)


def test_ads_api_v3_daily_keeps_17_digit_ids():
    rep = read_report(ADS / "sp_search_term" / "api-v3-daily.csv")
    d = rep.data
    assert rep.meta.family == "sp_search_term"
    assert d["campaign_id"].tolist() == ["31284567123000%03d" % i for i in range(5)]
    assert d["ad_group_id"].tolist()[0] == "40112398765000000"
    assert d["keyword_id"].isna().tolist() == [True, True, False, False, False]
    assert d["keyword_id"].tolist()[2] == "55012345678000002"
    assert d["portfolio_id"].unique().tolist() == ["90123456789012"]
    assert d["start_date"].tolist() == [ts(2026, 9, i + 1) for i in range(5)]
    e = D.st_expected("USD").head(5)
    for c in ("spend", "sales", "orders", "units", "ctr", "acos", "advertised_sku_sales", "other_sku_sales"):
        pd.testing.assert_series_equal(d[c], e[c], check_names=False)
    assert d["search_term"].tolist()[1] == "B0BXYZ1234"
    assert rep.meta.currency == "USD"  # campaignBudgetCurrencyCode


def test_ads_api_v3_with_only_the_14_day_window():
    rep = read_report(ADS / "sp_search_term" / "api-v3-summary-14d.csv")
    assert rep.meta.columns["sales"] == "sales14d"
    assert rep.data["sales"].tolist() == [1374.45, 49.98]
    assert rep.data["orders"].tolist() == [55, 2]
    assert "sales_14d" not in rep.data.columns
    assert any("14-day columns fill sales" in n for n in rep.meta.notes)


def test_module_parse_restricts_to_the_module_families():
    rep = sp_search_term.parse(ADS / "sniff_us" / "en-utf8.csv")
    assert rep.meta.family == "sp_search_term"
    with pytest.raises(Exception) as exc:
        sp_advertised_product.parse(ADS / "sniff_us" / "en-utf8.csv")
    assert "UNKNOWN_REPORT" in str(exc.value) and "sp_advertised_product" in str(exc.value)


def test_pasted_range_with_typed_cells():
    rows = [D.HEADER_ST_EN, *D.st_xlsx_rows("USD")]
    rep = read_report(rows)
    assert rep.meta.source_format == "range"
    assert_same_frame(rep.data, D.st_expected("USD"))


def test_pasted_range_below_a_title_row_and_with_a_totals_row():
    rows = [["Sponsored Products Search term report"], [], D.HEADER_ST_EN, *D.st_xlsx_rows("USD"),
            ["", "", "", "", "Total"] + [""] * 4 + [43960.0, 583.0] + [""] * 13]
    rep = read_report(rows)
    assert rep.meta.header_row == 3
    assert_same_frame(rep.data, D.st_expected("USD"))
    assert set(rep.problems["code"]) == {"TOTALS_ROW"}


def test_percent_columns_written_as_whole_numbers_are_rescaled(tmp_path):
    rows = D.st_csv_rows("iso", "$", "USD")
    idx = {c: i for i, c in enumerate(D.ST_ORDER)}
    for r in rows:  # "1.15%" -> "1.15": the Chinese guide's "percentages sometimes whole numbers"
        for c in ("ctr", "acos", "cvr"):
            r[idx[c]] = r[idx[c]].rstrip("%")
    p = write_csv(tmp_path / "zh-whole-percent.csv", D.HEADER_ST_ZH, rows, bom=True)
    rep = read_report(p)
    assert_same_frame(rep.data, D.st_expected("USD"))
    assert sum("divided by 100" in n for n in rep.meta.notes) == 3


def test_fractions_are_not_rescaled():
    rep = read_report(ADS / "sniff_us" / "en.xlsx")
    assert not any("divided by 100" in n for n in rep.meta.notes)


def test_xlsx_ids_stored_as_numbers(tmp_path):
    h = ["date", "campaignId", "campaignName", "adGroupId", "keywordId", "searchTerm", "impressions", "clicks", "cost",
         "sales7d", "purchases7d", "unitsSoldClicks7d"]
    rows = [["2026-09-01", 312845671230002.0, "SP_A", 401123987650002.0, 12345678901234567.0, "x", 10.0, 1.0, 0.5, 0.0,
             0.0, 0.0],
            ["2026-09-02", 312845671230002, "SP_A", 401123987650002, "12345678901234567", "y", 10, 1, 0.5, 0, 0, 0]]
    rep = read_report(write_xlsx(tmp_path / "api.xlsx", {"Sheet1": [h, *rows]}))
    d = rep.data
    assert d["campaign_id"].tolist() == ["312845671230002", "312845671230002"]
    assert d["keyword_id"].tolist()[1] == "12345678901234567"
    bad = rep.problems[rep.problems["code"] == "ID_ROUNDED"]
    assert bad["column"].tolist() == ["keyword_id"] and bad["row"].tolist() == [0]


# --- targeting --------------------------------------------------------------------------------------------
def test_targeting_en_and_zh_give_the_same_frame():
    en = read_report(ADS / "sp_targeting" / "en.csv")
    zh = read_report(ADS / "sp_targeting" / "zh.csv")
    assert (en.meta.family, zh.meta.family) == ("sp_targeting", "sp_targeting")
    assert (en.meta.language, zh.meta.language) == ("en", "zh")
    assert zh.data["country"].tolist()[0] == "美国" and zh.meta.marketplace == "US"
    assert_same_frame(en.data.drop(columns="country"), zh.data.drop(columns="country"))
    d = en.data
    assert d["top_of_search_is"].tolist()[:2] == [pytest.approx(0.1422), 0.05]  # "<5%": the bound
    assert np.isnan(d["top_of_search_is"].tolist()[2])
    assert any("top_of_search_is: 1 cells are bounds" in n for n in en.meta.notes)
    assert d["targeting"].tolist()[2] == 'asin="B0BXYZ1234"'
    assert d["match_type"].isna().tolist() == [True, True, True, False]
    assert d["acos"].isna().tolist() == [False, False, False, True]
    assert d["impressions"].tolist() == [40211, 22870, 8430, 0]
    assert d["sales"].tolist() == [2248.87, 374.85, 74.97, 0.0]
    assert en.problems.empty and en.meta.unmapped == []


def test_targeting_api_keeps_windows_apart():
    rep = read_report(ADS / "sp_targeting" / "api-v3.csv")
    d = rep.data
    assert rep.meta.family == "sp_targeting"
    assert d["keyword_id"].tolist() == ["55012345678000002"]
    assert d["campaign_id"].tolist() == ["31284567123000002"]
    assert d["sales"].tolist() == [1749.30] and d["sales_14d"].tolist() == [1801.11]
    assert d["top_of_search_is"].tolist() == [pytest.approx(0.3187)]


# --- campaign ---------------------------------------------------------------------------------------------
def test_campaign_en_and_zh():
    en = read_report(ADS / "sp_campaign" / "en.csv")
    zh = read_report(ADS / "sp_campaign" / "zh.csv")
    assert (en.meta.family, zh.meta.family) == ("sp_campaign", "sp_campaign")
    assert_same_frame(en.data.drop(columns="country"), zh.data.drop(columns="country"))
    d = en.data
    assert d["budget"].tolist() == [40.0, 15.0]
    assert d["targeting_type"].tolist() == ["AUTO", "MANUAL"]
    assert d["last_year_impressions"].tolist() == [52357, 6996]
    assert d["last_year_cpc"].tolist() == [0.80, 0.81]
    assert d["acos"].isna().tolist() == [False, True]
    assert d["orders"].tolist() == [109, 0]
    assert "units" not in d.columns and en.meta.missing == []
    assert list(d.columns[:5]) == ["start_date", "end_date", "portfolio", "program_type", "campaign_name"]


# --- advertised product -----------------------------------------------------------------------------------
def test_advertised_product_en_zh_and_german_legacy():
    en = read_report(ADS / "sp_advertised_product" / "en.csv")
    zh = read_report(ADS / "sp_advertised_product" / "zh.csv")
    de = read_report(ADS / "sp_advertised_product" / "de-legacy.csv")
    assert {en.meta.family, zh.meta.family, de.meta.family} == {"sp_advertised_product"}
    assert (de.meta.language, de.meta.currency, de.meta.marketplace) == ("de", "EUR", "DE")
    assert_same_frame(en.data.drop(columns="country"), zh.data.drop(columns="country"))
    assert en.data["advertised_sku"].tolist() == ["KU-12-RED", "00123", "BD-7-NAT"]  # leading zeros kept
    assert en.data["advertised_asin"].tolist() == ["B0CKQ7RD21", "B0CKQ7BK33", "B0D3M8WH12"]
    metrics = ["advertised_sku", "advertised_asin", "impressions", "clicks", "ctr", "cpc", "spend", "sales", "acos",
               "roas", "orders", "units", "cvr", "advertised_sku_units", "other_sku_units", "advertised_sku_sales",
               "other_sku_sales"]
    assert_same_frame(de.data[metrics], en.data[metrics])
    assert de.data["start_date"].tolist() == [ts(2026, 9, 1), ts(2026, 9, 2), ts(2026, 9, 3)]
    assert de.data["portfolio"].tolist()[0] == "Küche"


# --- error messages ---------------------------------------------------------------------------------------
def _rows_without(header, rows, drop):
    keep = [i for i, h in enumerate(header) if h.strip() not in drop]
    return [[header[i] for i in keep]] + [[r[i] for i in keep] for r in rows]


@pytest.mark.parametrize("header,drop,family,lacks", [
    (D.HEADER_ST_EN, {"Impressions"}, "sp_search_term", '"Impressions"'),
    (D.HEADER_ST_DE, {"Impressionen"}, "sp_search_term", '"Impressions"'),
    (D.HEADER_ST_ZH, {"展示量"}, "sp_search_term", '"Impressions"'),
])
def test_unknown_report_names_the_closest_family_and_what_it_lacks(header, drop, family, lacks):
    rows = _rows_without(header, D.st_csv_rows("iso", "$", "USD"), drop)
    with pytest.raises(Exception) as exc:
        read_report(rows)
    msg = str(exc.value)
    assert "UNKNOWN_REPORT" in msg and f"closest family: {family}" in msg and lacks in msg


def test_search_term_without_the_search_term_column_is_a_targeting_report():
    rows = _rows_without(D.HEADER_ST_EN, D.st_csv_rows("en", "$", "USD"), {"Customer Search Term"})
    assert read_report(rows).meta.family == "sp_targeting"


@pytest.mark.parametrize("name,family,rows", [
    ("sp_search_term_en.csv", "sp_search_term", 7), ("sp_search_term_en_legacy_daily.csv", "sp_search_term", 7),
    ("sp_search_term_zh.csv", "sp_search_term", 7), ("sp_v3_search_term_api_flattened.csv", "sp_search_term", 6),
    ("sp_targeting_en.csv", "sp_targeting", 6), ("sp_targeting_zh.csv", "sp_targeting", 5),
    ("sp_campaign_en.csv", "sp_campaign", 5), ("sp_campaign_zh.csv", "sp_campaign", 5),
    ("sp_advertised_product_en.csv", "sp_advertised_product", 5),
    ("sp_advertised_product_zh.csv", "sp_advertised_product", 5),
    ("sp_advertised_product_de_legacy.csv", "sp_advertised_product", 5),
    ("sp_bulksheet_v2_upload_en.csv", "sp_bulksheet", 6), ("sp_bulksheet_v2_download_en.csv", "sp_bulksheet", 6),
    ("sp_bulksheet_v2_upload_de_PARTIAL.csv", "sp_bulksheet", 6),
    ("sp_bulksheet_search_term_tab_en.csv", "sp_bulk_search_term", 5),
])
def test_reference_samples(name, family, rows):
    from tests.reports.helpers import REFERENCE

    p = REFERENCE / "samples" / name
    if not p.is_file():
        pytest.skip(f"reference sample {p} not found (only present in the team workspace)")
    rep = read_report(p)
    assert (rep.meta.family, rep.meta.rows) == (family, rows)
    assert rep.problems.empty and rep.meta.unmapped == []
