"""Real Amazon ads exports (../shared/real-exports, SOURCES.md): detected as their family, no row lost.

Row counts and column totals are computed here independently: the workbook is opened with python-calamine
directly, the sheet and columns are taken by their exact names from SOURCES.md, and numbers are summed by
the small hand-written ``num`` below, never through the code under test.  The files are read in place and
never copied into the project; every test skips with a reason when the folder is absent.
"""

from __future__ import annotations

import datetime as dt
import math

import pytest
from python_calamine import CalamineWorkbook

from tests.reports.helpers import real_export
from xladdin.reports import read_report

pytestmark = pytest.mark.real_exports

ST_XVR = "search_term__xvr_datasciencecoursera__Sponsored Products Search term report.xlsx"
ST_MANNY = "search_term__Mannyvv_Amazon_FBA_Report_Analyzer__Sponsored Products Search term report.xlsx"
ST_UMAIR = "search_term__umairnsr87_amazon_product_optimiztion__Sponsored Products Search term report.xlsx"
ST_DE = "search_term__Myalin02_Amazon-analyzer__Sponsored_Products_Suchbegriff_Bericht.xlsx"
BULK2 = "bulksheet__aattaran_amazon_ppc__bulk-a3snsjclchkfi8-20251126-20260125-1769384391526.xlsx"
BULK_LEGACY = "bulksheet__xvr_datasciencecoursera__us-a2u2p66daigzpx-bulksheet-1576011256236.xlsx"

# file, sheet, family, language, currency, rows (SOURCES.md), (impressions, clicks, spend, sales) headers,
# date range (SOURCES.md)
CASES = [
    (ST_XVR, "Sponsored Product Search Term R", "sp_search_term", "en", "USD", 1608,
     ("Impressions", "Clicks", "Spend", "7 Day Total Sales "), (dt.date(2019, 9, 28), dt.date(2019, 11, 26))),
    (ST_MANNY, "Sponsored Product Search Term R", "sp_search_term", "en", "USD", 638,
     ("Impressions", "Clicks", "Spend", "7 Day Total Sales "), (dt.date(2022, 7, 17), dt.date(2022, 8, 15))),
    (ST_UMAIR, "Sponsored Product Search Term R", "sp_search_term", "en", "INR", 923,
     ("Impressions", "Clicks", "Spend", "14 Day Total Sales (₹)"), (dt.date(2020, 2, 1), dt.date(2020, 2, 29))),
    (ST_DE, "Sponsored_Products_Suchbegriff_", "sp_search_term", "de", "EUR", 7716,
     ("Impressionen", "Klicks", "Ausgaben", "7 Tage, Umsatz gesamt (€)"), (dt.date(2025, 3, 1), dt.date(2025, 3, 30))),
    (BULK2, "Sponsored Products Campaigns", "sp_bulksheet", "en", None, 276,
     ("Impressions", "Clicks", "Spend", "Sales"), (dt.date(2025, 11, 26), dt.date(2026, 1, 25))),
    (BULK2, "SP Search Term Report", "sp_bulk_search_term", "en", None, 51,
     ("Impressions", "Clicks", "Spend", "Sales"), (dt.date(2025, 11, 26), dt.date(2026, 1, 25))),
    (BULK_LEGACY, "Sponsored Products Campaigns", "sp_bulksheet_legacy", "en", None, 3045,
     ("Impressions", "Clicks", "Spend", "Sales"), (None, None)),
]
CANON = ("impressions", "clicks", "spend", "sales")


def num(x) -> float:
    """Hand-written: a cell as a number (Amazon's XLSX holds floats; the legacy bulksheet holds text)."""
    if x is None:
        return 0.0
    if isinstance(x, (int, float)):
        return float(x)
    s = str(x).strip().replace(",", "").replace("$", "")
    return float(s) if s else 0.0


def raw_sheet(path, sheet):
    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet).to_python()
    header = rows[0]
    data = [r for r in rows[1:] if any(c not in ("", None) for c in r)]
    return header, data


@pytest.mark.parametrize("name,sheet,family,lang,currency,n_rows,cols,period", CASES,
                         ids=[f"{c[2]}-{c[0].split('__')[1]}" for c in CASES])
def test_real_export_rows_and_totals(name, sheet, family, lang, currency, n_rows, cols, period):
    path = real_export(name)
    header, data = raw_sheet(path, sheet)
    assert len(data) == n_rows  # SOURCES.md agrees with the independent count
    rep = read_report(path, sheet=sheet) if family == "sp_bulk_search_term" else read_report(path)
    m = rep.meta
    assert (m.family, m.sheet, m.language, m.currency) == (family, sheet, lang, currency)
    assert m.rows == len(rep.data) == n_rows
    assert rep.problems.empty, rep.problems.head().to_string()
    assert m.unmapped == [] and m.missing == []
    assert (m.date_from, m.date_to) == period
    for canon, col in zip(CANON, cols):
        j = header.index(col)
        raw = [num(r[j]) for r in data]
        got = rep.data[canon].astype("float64").fillna(0.0).tolist()
        assert math.isclose(sum(got), sum(raw), rel_tol=1e-9, abs_tol=1e-6), (canon, sum(got), sum(raw))
        assert all(math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9) for a, b in zip(got, raw)), canon  # row by row


def test_real_search_term_metrics_are_fractions_and_acos_empty_without_sales():
    rep = read_report(real_export(ST_XVR))
    d = rep.data
    assert d["ctr"].max() <= 1.0
    clicked = d["clicks"] > 0  # conversion rate = orders / clicks (can exceed 1: 2 orders after 1 click)
    ratio = (d.loc[clicked, "orders"] / d.loc[clicked, "clicks"]).astype("float64")
    assert (d.loc[clicked, "cvr"] - ratio).abs().max() < 1e-3
    no_sales = d["sales"] == 0
    assert d.loc[no_sales, "acos"].isna().all() and d.loc[~no_sales, "acos"].notna().all()
    assert d["match_type"].isna().sum() == (d["targeting"] == "*").sum()  # auto rows: Targeting "*", Match "-"
    assert d["start_date"].equals(d["end_date"])  # daily layout


def test_real_german_search_term_headers_all_map():
    rep = read_report(real_export(ST_DE))
    assert rep.meta.columns["units"] == "7 Tage, Einheiten gesamt (#)"  # NBSP folded
    assert rep.meta.columns["cvr"] == "7-Tage-Konversionsrate"
    assert rep.meta.marketplace == "DE"
    assert set(rep.data["match_type"].dropna()) <= {"BROAD", "PHRASE", "EXACT"}


def test_real_14_day_inr_export():
    rep = read_report(real_export(ST_UMAIR))
    assert rep.meta.marketplace == "IN"
    assert any(n.startswith("attribution window: 14 days") for n in rep.meta.notes)
    header, data = raw_sheet(real_export(ST_UMAIR), "Sponsored Product Search Term R")
    j = header.index("14 Day Brand Halo ASIN Sales (₹)")
    assert math.isclose(rep.data["other_sku_sales"].sum(), sum(num(r[j]) for r in data), rel_tol=1e-9, abs_tol=1e-9)


def test_real_bulksheet_ids_stay_text_digit_for_digit():
    path = real_export(BULK2)
    header, data = raw_sheet(path, "Sponsored Products Campaigns")
    rep = read_report(path)
    for canon, col in (("campaign_id", "Campaign ID"), ("ad_group_id", "Ad Group ID"), ("keyword_id", "Keyword ID"),
                       ("product_targeting_id", "Product Targeting ID")):
        j = header.index(col)
        raw = [r[j] if r[j] != "" else None for r in data]
        got = [None if v is None or v != v else v for v in rep.data[canon].tolist()]
        assert got == raw, canon
    counts = rep.data["entity"].value_counts().to_dict()
    assert counts == {"Keyword": 173, "Product Targeting": 61, "Bidding Adjustment": 24, "Campaign": 6,
                      "Ad Group": 6, "Product Ad": 6}  # SOURCES.md #9
    st = read_report(path, sheet="SP Search Term Report")
    h2, d2 = raw_sheet(path, "SP Search Term Report")
    j = h2.index("Customer Search Term")
    assert st.data["search_term"].str.lower().tolist() == [r[j].lower() for r in d2]


def test_real_legacy_bulksheet_record_types():
    path = real_export(BULK_LEGACY)
    rep = read_report(path)
    rt = rep.data["record_type"].value_counts().to_dict()
    assert rt == {"Keyword": 2939, "Campaign By Placement": 42, "Ad Group": 25, "Ad": 25, "Campaign": 14}
    header, data = raw_sheet(path, "Sponsored Products Campaigns")
    j = header.index("Record ID")
    assert rep.data["record_id"].tolist() == [r[j] for r in data]
    kw = rep.data[rep.data["record_type"] == "Keyword"]
    assert (kw["keyword_id"] == kw["record_id"]).all()
