"""Bulksheets: 2.0 "Sponsored Products Campaigns" (EN / DE), its "SP Search Term Report" tab, legacy layout."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.reports.helpers import FIXTURES, assert_same_frame, write_xlsx
from tests.reports.make_ads_fixtures import AG_ID, CAMP_ID, HEADER_BULK_EN, KW_ID
from xladdin.errors import XladdinError
from xladdin.reports import read_report

BULK = FIXTURES / "ads" / "sp_bulksheet"
DOWNLOAD = BULK / "en-download-2.0.xlsx"


def test_download_picks_the_sponsored_products_sheet_among_eleven():
    rep = read_report(DOWNLOAD, name="bulk-a3snsjclchkfi8-20251126-20260125-1769384391526.xlsx")
    m = rep.meta
    assert (m.family, m.sheet, m.rows) == ("sp_bulksheet", "Sponsored Products Campaigns", 6)
    # the period comes from the file name, not from the campaigns' start dates
    assert (m.date_from, m.date_to, m.date_source) == (dt.date(2025, 11, 26), dt.date(2026, 1, 25), "file_name")
    d = rep.data
    assert d["entity"].tolist() == ["Campaign", "Bidding Adjustment", "Ad Group", "Product Ad", "Keyword",
                                    "Product Targeting"]
    assert d["campaign_id"].unique().tolist() == [CAMP_ID]
    assert d["ad_group_id"].tolist()[2:] == [AG_ID] * 4
    assert d["keyword_id"].tolist()[4] == KW_ID  # 17 digits, kept as text
    assert d["product_targeting_id"].tolist()[5] == "503456789012345"
    assert d["ad_id"].tolist()[3] == "604567890123456"
    assert d["sku"].tolist()[3] == "00123" and d["asin"].tolist()[3] == "B0CKQ7BK33"
    assert d["operation"].isna().all()  # downloads come with Operation blank
    assert d["match_type"].tolist()[4] == "phrase"  # "Phrase" -> upload vocabulary
    assert d["state"].isna().tolist() == [False, True, False, False, False, False]
    assert d["percentage"].tolist()[1] == 0.25  # 25 % placement adjustment as a fraction
    assert d["start_date"].tolist()[0] == pd.Timestamp(2026, 1, 9)  # yyyymmdd text
    assert d["campaign_name"].tolist()[0] == "SP_Spatula_Phrase" and pd.isna(d["campaign_name"].tolist()[1])
    assert d["campaign_name_info"].tolist()[:5] == ["SP_Spatula_Phrase"] * 5
    assert d["impressions"].tolist()[:2] == [5987, 4931] and pd.isna(d["impressions"].tolist()[2])
    assert d["acos"].tolist()[0] == pytest.approx(0.6296) and d["ctr"].tolist()[0] == pytest.approx(0.0027)
    assert rep.problems.empty and m.unmapped == []


def test_search_term_tab_by_sheet_or_family():
    by_sheet = read_report(DOWNLOAD, sheet="SP Search Term Report")
    by_family = read_report(DOWNLOAD, family="sp_bulk_search_term")
    assert by_sheet.meta.family == by_family.meta.family == "sp_bulk_search_term"
    assert by_family.meta.sheet == "SP Search Term Report"
    assert_same_frame(by_sheet.data, by_family.data)
    d = by_sheet.data
    assert d["keyword_id"].isna().tolist() == [False, True] and d["keyword_id"].tolist()[0] == KW_ID
    assert d["product_targeting_id"].tolist()[1] == "503456789012345"
    assert d["targeting"].tolist() == ["silicone spatula", "substitutes"]  # keyword text, else expression
    assert d["search_term"].tolist() == ["silicone spatula heat resistant", "B0DXYZ9876"]
    assert d["match_type"].tolist()[0] == "phrase"
    assert d["sales"].tolist() == [0.0, 26.25] and d["orders"].tolist() == [0, 1]
    assert d["campaign_name"].tolist() == ["SP_Spatula_Phrase"] * 2


def test_a_workbook_holding_only_the_search_term_tab():
    rep = read_report(BULK / "en-st-tab-first.xlsx")
    assert rep.meta.family == "sp_bulk_search_term" and rep.meta.rows == 2


def test_sheet_names_are_matched_after_the_31_character_cut(tmp_path):
    long = "Sponsored Products Campaigns and more text beyond 31"
    p = write_xlsx(tmp_path / "b.xlsx", {"Notes": [["hello"]], long: [HEADER_BULK_EN, ["Sponsored Products",
                                                                                       "Campaign", "", CAMP_ID]]})
    rep = read_report(p, sheet=long)
    assert rep.meta.sheet == long[:31] and rep.meta.family == "sp_bulksheet"


def test_unknown_sheet_lists_the_sheets():
    with pytest.raises(XladdinError) as exc:
        read_report(DOWNLOAD, sheet="Nope")
    assert "Sponsored Products Campaigns" in str(exc.value)


def test_english_and_german_uploads_give_the_same_frame():
    en = read_report(BULK / "en-upload.csv")
    de = read_report(BULK / "de-upload.csv")
    assert (en.meta.family, de.meta.family) == ("sp_bulksheet", "sp_bulksheet")
    assert (en.meta.language, de.meta.language) == ("en", "de")
    assert_same_frame(en.data, de.data)
    d = en.data
    assert d["entity"].tolist() == ["Negative Keyword", "Campaign Negative Keyword", "Keyword", "Keyword",
                                    "Product Targeting", "Campaign"]
    assert d["operation"].tolist() == ["Create", "Create", "Create", "Update", "Update", "Update"]
    assert d["match_type"].tolist()[:3] == ["negativeExact", "negativeExact", "exact"]
    assert d["state"].tolist()[3] == "paused"
    assert d["bidding_strategy"].tolist()[5] == "Dynamic bids - down only"  # German NBSP + en dash folded
    assert d["bid"].tolist()[2:5] == [1.35, 0.95, 0.60]
    assert d["keyword_id"].tolist()[3] == "55012345678002"
    assert not any("outside the bulksheet vocabulary" in n for n in en.meta.notes + de.meta.notes)


def test_unknown_vocabulary_values_are_kept_and_noted(tmp_path):
    rows = [["Product", "Entity", "Operation", "Campaign ID", "State", "Match Type"],
            ["Sponsored Products", "Keyword", "", "1", "enabled", "superbroad"]]
    rep = read_report(rows)
    assert rep.data["match_type"].tolist() == ["superbroad"]
    assert any("match_type: 1 value(s) outside the bulksheet vocabulary" in n for n in rep.meta.notes)


def test_legacy_bulksheet():
    rep = read_report(BULK / "legacy.xlsx")
    m, d = rep.meta, rep.data
    assert (m.family, m.sheet, m.rows) == ("sp_bulksheet_legacy", "Sponsored Products Campaigns", 7)
    assert d["record_type"].tolist() == ["Campaign", "Campaign By Placement", "Ad Group", "Ad", "Keyword", "Keyword",
                                         "Keyword"]
    assert d["entity"].tolist() == ["Campaign", "Campaign By Placement", "Ad Group", "Product Ad", "Keyword",
                                    "Negative Keyword", "Campaign Negative Keyword"]
    assert d["match_type"].tolist()[4:] == ["broad", "negativePhrase", "negativeExact"]
    assert d["ad_group_id"].tolist()[2] == "222333444555666"
    assert d["ad_id"].tolist()[3] == "333444555666777"
    assert d["keyword_id"].tolist()[4:] == ["44455566677701", "44455566677702", "44455566677703"]
    assert d["campaign_id"].unique().tolist() == ["111222333444555"]
    assert d["bid"].tolist()[2] == 0.75 and d["bid"].tolist()[4] == 0.42
    assert d["daily_budget"].tolist()[0] == 2.0
    assert d["start_date"].tolist()[0] == pd.Timestamp(2019, 12, 7)
    assert d["acos"].tolist()[0] == pytest.approx(0.1656)
    assert d["percentage"].tolist()[1] == pytest.approx(0.35)
    assert d["bidding_strategy"].tolist()[0] == "Dynamic bids - down only"
    assert d["keyword_text"].tolist()[4] == "soft bath mats"
    assert d["impressions"].sum() == 315 + 95 + 305 + 312 + 200
    assert rep.problems.empty and m.date_from is None  # the legacy file name holds no date


def test_a_legacy_sheet_is_never_read_as_2_0_and_back():
    legacy = read_report(BULK / "legacy.xlsx")
    with pytest.raises(XladdinError) as exc:
        read_report(BULK / "legacy.xlsx", family="sp_bulksheet")
    assert "closest family: sp_bulksheet" in str(exc.value) and '"Product"' in str(exc.value)
    with pytest.raises(XladdinError):
        read_report(DOWNLOAD, family="sp_bulksheet_legacy")
    assert legacy.meta.family == "sp_bulksheet_legacy"
