"""Selection workbook end to end: X-Ray + Keepa + Cerebro imported from files with the tools' header rows,
CandidateInputs typed, refresh, save, reopen.  Expected values are computed here by hand: the score from
the rubric's formula (amazon-rules.md §7.1), referral = 15 % (Home & Kitchen), margin / ROI / launch cost by
arithmetic, top-10 share from the page's revenues, Keepa volatility / seasonality from the history columns
(statistics.pstdev, drops per day)."""

import csv
import datetime as dt
import math
import statistics
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from xladdin.core import fees as core_fees
from xladdin.demo_samples.selection import (
    CEREBRO_HEADER,
    KEEPA_HEADER,
    XRAY_HEADER,
    sample_reports,
)
from xladdin.workbooks import refresh_book
from xladdin.workbooks import refresh_selection as rs
from xladdin.workbooks import selection_keepa as sk
from xladdin.workbooks.builder import build_workbook, save_workbook
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.registry import get_template

AS_OF = dt.date(2026, 3, 2)
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)"
A, B, C = "B0TSTA0001", "B0TSTB0002", "B0TSTC0003"
# asin, title, price, asin revenue, bsr, review velocity, dims, weight
XRAY = [(A, "Garlic Press Stainless", 24.99, 9000.0, 80, 20, "10 x 6 x 3 inches", "1.5 pounds"),
        (B, DDE, 9.99, 3000.0, 300, 90, "6 x 4 x 1 inches", "4 ounces")] + \
       [(f"B0FILL{i:04d}", HYPERLINK if i == 0 else AT_SUM if i == 1 else f"Filler {i}", 19.99,
         1000.0 * (i + 1), 500 + i, 5, "-", "-") for i in range(10)]
KEYWORDS = [("garlic press", 8000), ("garlic press set", 25000), ("garlic mincer", 4000)]
INPUTS = [{"asin": A, "main_keyword": "garlic press", "cogs": 5.0, "first_order_units": 200},
          {"asin": B, "review_growth": 60, "cogs": 3.0},
          {"asin": C, "cogs": 12.0}]
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "nan", "inf")
W = {"search": 30, "bsr": 25, "review_growth": 25, "price": 10, "margin": 10}


def _csv(path: Path, header: list[str], rows: list[list[str]], bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL if bom else csv.QUOTE_MINIMAL).writerows([header, *rows])
    return path


def _reports(tmp: Path) -> list[Path]:
    x = []
    for i, (asin, title, price, rev, bsr, vel, dims, wt) in enumerate(XRAY, 1):
        row = dict.fromkeys(XRAY_HEADER, "-")
        row.update({"Display Order": f"{i}.", "Product Details": title, "ASIN": asin, "URL": "https://a/x",
                    "Image URL": "https://a/i.jpg", "Brand": "Br", "Price  $": f"{price:.2f}",
                    "ASIN Revenue": f"{rev:,.2f}", "ASIN Sales": f"{int(rev / price):,}", "BSR": f"{bsr:,}",
                    "Review Count": "1,234", "Review velocity": str(vel), "Category": "Home & Kitchen",
                    "Dimensions": dims, "Weight": wt, "Sponsored": "No", "Best Seller": "No"})
        x.append([row[h] for h in XRAY_HEADER])
    k = []
    # A: Buy Box history (4 price points) and rank drops; C: two price points only, rank averages only
    for asin, bb, bb90, cur, a30, a90, a180, fba, more in [
            (A, "24.99", "25.99", "80", "90", "95", "120", "5.10",
             {"Buy Box 🚚: 30 days avg.": "25.49", "Buy Box 🚚: 180 days avg.": "26.99", "Buy Box 🚚: Lowest": "19.99",
              "Buy Box 🚚: Highest": "29.99", "Sales Rank: Drops last 30 days": "40",
              "Sales Rank: Drops last 365 days": "365"}),
            (C, "45.00", "40.00", "50", "60", "50", "100", "7.10", {})]:
        row = dict.fromkeys(KEEPA_HEADER, "")
        row.update({"ASIN": asin, "Title": "Keepa " + asin, "Sales Rank: Current": cur, "Sales Rank: 30 days avg.": a30,
                    "Sales Rank: 90 days avg.": a90, "Sales Rank: 180 days avg.": a180, "Buy Box 🚚: Current": bb,
                    "Buy Box 🚚: 90 days avg.": bb90, "Referral Fee %": "15 %", "FBA Pick&Pack Fee": fba,
                    "Categories: Root": "Home & Kitchen", "Reviews: Review Count": "40", **more})
        k.append([row[h] for h in KEEPA_HEADER])
    c = [[kw, "10", "10", "100", "500", f"{sv:,}", "3", "$1.00", "$0.50", "$1.50", "10", "900", "8", "4", "1", "1",
          "1", "2", "1", "2", "1", "3", "1", "5", "4", "6"] for kw, sv in KEYWORDS]
    return [_csv(tmp / "xray.csv", XRAY_HEADER, x), _csv(tmp / "keepa.csv", KEEPA_HEADER, k, bom=False),
            _csv(tmp / "cerebro.csv", CEREBRO_HEADER, c)]


def _score(q, r, g, p, m):
    s = {"search": min(1, q / 10000), "bsr": 1 if r <= 100 else 100 / r, "review_growth": 1 if g <= 50 else 50 / g,
         "price": p / 15 if p < 15 else 50 / p if p > 50 else 1, "margin": min(1, max(0, m / 0.25))}
    return math.floor(1000 * sum(W[k] * s[k] for k in W) / sum(W.values()) + 0.5) / 10


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "selection.xlsx"
    save_workbook(build_workbook(get_template("selection")), path, backup=False)
    return path


def _refresh(path: Path, tmp: Path | None = None, inputs: bool = True) -> None:
    host = OpenpyxlHost.open(path)
    if tmp is not None:
        import_reports(host, _reports(tmp))
    if inputs:
        host.write_table("CandidateInputs", pd.DataFrame(INPUTS))
    rs.refresh_selection_at(host, host.read_settings(), AS_OF)
    host.save()


def _table(path: Path, name: str) -> pd.DataFrame:
    return OpenpyxlHost.open(path).read_table(name)


def test_refresh_end_to_end(book, tmp_path):
    _refresh(book, tmp_path)
    cand = _table(book, "Candidates").set_index("asin")
    assert len(cand) == 13
    fba_a = core_fees.fba_fee(10, 6, 3, 1.5, 24.99, "US", AS_OF).values[0]
    a = cand.loc[A]
    assert a["fba_fee"] == pytest.approx(fba_a)
    assert a["referral_fee"] == pytest.approx(3.75)  # 15 % of 24.99, to the cent
    profit = 24.99 - 5.0 - fba_a - 3.75
    assert a["unit_profit"] == pytest.approx(profit)
    assert a["margin"] == pytest.approx(profit / 24.99)
    assert a["roi"] == pytest.approx(profit / 5.0)
    assert a["monthly_search"] == 8000 and a["bsr"] == 80 and a["review_growth"] == 20
    assert a["score"] == pytest.approx(_score(8000, 80, 20, 24.99, profit / 24.99))
    assert a["s_search"] == pytest.approx(80.0) and a["s_bsr"] == pytest.approx(100.0)
    assert a["data_quality"] == "OK"
    pts = [24.99, 25.49, 25.99, 26.99]
    assert a["price_cv"] == pytest.approx(statistics.pstdev(pts) / statistics.mean(pts))
    assert a["price_range_ratio"] == pytest.approx((29.99 - 19.99) / 25.99)
    assert a["season_index"] == pytest.approx((40 / 30) / (365 / 365))
    assert pd.isna(a["keepa_signals"])  # CV 2.9 % and index 1.33: neither flag at the defaults
    launch_a = 119.97 + 300 + 0 + 200 * (5.0 + fba_a + 3.75)
    assert a["launch_cost"] == pytest.approx(launch_a)
    assert a["price_vs_avg90"] == pytest.approx(24.99 / 25.99 - 1)
    # B: review growth typed (60) over the X-Ray velocity (90); search = the head keyword (EST)
    b = cand.loc[B]
    assert b["review_growth"] == 60 and b["monthly_search"] == 25000
    assert "EST search" in b["data_quality"]
    assert b["referral_fee"] == pytest.approx(round(0.15 * 9.99 + 1e-9, 2))
    mb = (9.99 - 3.0 - b["fba_fee"] - b["referral_fee"]) / 9.99
    assert b["score"] == pytest.approx(_score(25000, 300, 60, 9.99, mb))
    assert b["s_price"] == pytest.approx(round(100 * 9.99 / 15, 1))
    # C: Keepa only — FBA fee is Keepa's (estimated), no review growth so no score
    c = cand.loc[C]
    assert c["fba_fee"] == pytest.approx(7.10) and "EST fba=Keepa" in c["data_quality"]
    assert c["referral_fee"] == pytest.approx(6.75) and c["price"] == pytest.approx(45.0)
    assert c["margin"] == pytest.approx((45 - 12 - 7.10 - 6.75) / 45)
    assert pd.isna(c["score"]) and pd.isna(c["rank"]) and "NO review growth" in c["data_quality"]
    assert c["price_vs_avg90"] == pytest.approx(45 / 40 - 1)
    # two price points are not enough for a CV: blank and noted; rank 100 → 60 is ~1.67 × the half-year pace
    assert pd.isna(c["price_cv"]) and "NO price history" in c["data_quality"]
    assert c["season_index"] == pytest.approx(100 / 60) and c["keepa_signals"] == sk.PEAK
    assert "rank avg 30d vs 180d" in c["history_basis"]
    assert "NO Keepa history" in cand.loc[B, "data_quality"]  # Keepa imported, B not in it
    # fillers: no dimensions and no COGS → flagged, no fee invented
    f = cand.loc["B0FILL0003"]
    assert pd.isna(f["fba_fee"]) and "NO fba fee" in f["data_quality"] and "NO cogs" in f["data_quality"]
    # ranks follow the score
    scored = cand.dropna(subset=["score"]).sort_values("rank")
    assert list(scored["score"]) == sorted(scored["score"], reverse=True)
    # Dashboard
    revs = sorted([r[3] for r in XRAY], reverse=True)
    wb = load_workbook(book)
    host = OpenpyxlHost(wb)
    assert host.read_named("kpi_top10_share") == pytest.approx(sum(revs[:10]) / sum(revs))
    assert host.read_named("kpi_candidates") == 13
    assert host.read_named("kpi_page_listings") == 12
    assert host.read_named("kpi_top_score") == pytest.approx(scored["score"].max())
    assert host.read_named("kpi_fixed_launch") == pytest.approx(419.97)
    assert host.read_named("kpi_flagged") == int((cand["data_quality"] != "OK").sum())
    assert host.read_named("kpi_concentration") == "高 high"  # top 10 of 12 listings: ~95 % > 50 %
    assert host.read_named("kpi_seasonal") == 1 and host.read_named("kpi_volatile") == 0
    issues = _table(book, "Issues")
    assert (issues["code"] == "MISSING").any()
    # injection strings are text
    ws = wb["Candidates"]
    texts = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    for s in (HYPERLINK, DDE, AT_SUM):
        assert s in texts, s
    for row in ws.iter_rows():
        for cell in row:
            assert cell.data_type != "f", cell.coordinate


def _set(host: OpenpyxlHost, **values) -> None:
    """Type values into the Settings sheet's Value column, as an operator does."""
    ws = host.wb["Settings"]
    rows = {ws.cell(r, 1).value: r for r in range(1, ws.max_row + 1)}
    for k, v in values.items():
        ws.cell(rows[k], 2).value = v


def test_launch_cost_from_settings_and_approvals_kept(book, tmp_path):
    _refresh(book, tmp_path)
    host = OpenpyxlHost.open(book)
    lc = host.read_table("LaunchCost").set_index("item")
    assert list(lc.index) == ["plan_fee", "tools", "other_fixed", "first_order_units"]
    assert lc["used"].tolist() == pytest.approx([119.97, 300.0, 0.0, 300.0])  # 39.99 × 3; 1,200 ÷ 12 × 3
    cand = host.read_table("Candidates")
    cand.loc[cand["asin"] == A, "approve"] = "Y"
    host.write_table("Candidates", cand)
    _set(host, launch_tools_year=2400, launch_months=6, launch_other_fixed=150, launch_first_order_units=100)
    host.save()
    _refresh(book, inputs=False)
    lc = _table(book, "LaunchCost").set_index("item")
    assert lc["used"].tolist() == pytest.approx([239.94, 1200.0, 150.0, 100.0])
    cand = _table(book, "Candidates").set_index("asin")
    assert cand.loc[A, "approve"] == "Y"
    fixed = 239.94 + 1200 + 150
    # C has no first_order_units in CandidateInputs → the Settings default (100); A typed 200
    assert cand.loc[C, "launch_cost"] == pytest.approx(fixed + 100 * (12 + 7.10 + 6.75))
    assert cand.loc[A, "launch_cost"] == pytest.approx(fixed + 200 * (5 + cand.loc[A, "fba_fee"] + 3.75))
    assert OpenpyxlHost.open(book).read_named("kpi_fixed_launch") == pytest.approx(fixed)


def test_legacy_launch_cost_values_are_reported(book, tmp_path):
    _refresh(book, tmp_path)
    host = OpenpyxlHost.open(book)
    lc = host.read_table("LaunchCost")
    lc["amount"] = [None, 500.0, None, None]  # a workbook from before launch costs moved to Settings
    host.write_table("LaunchCost", lc)
    rs.refresh_selection_at(host, host.read_settings(), AS_OF)
    issues = host.read_table("Issues")
    assert (issues["source"] == "launch_cost").sum() == 1
    assert host.read_table("LaunchCost").set_index("item").loc["tools", "used"] == 300  # not silently used


def test_settings_sheet_changes_flags_and_counts(book, tmp_path):
    _refresh(book, tmp_path)
    host = OpenpyxlHost.open(book)
    _set(host, selection_pass_score=0, max_top10_share=1, seasonal_swing_pct=1, volatile_price_pct=0.01)
    rs.refresh_selection_at(host, host.read_settings(), AS_OF)
    cand = host.read_table("Candidates").set_index("asin")
    assert host.read_named("kpi_passing") == cand["score"].notna().sum()  # every scored row passes at 0
    assert host.read_named("kpi_concentration") == "低 low"
    assert pd.isna(cand.loc[C, "keepa_signals"])  # 1.67 < 2: no longer in season
    assert cand.loc[A, "keepa_signals"] == sk.VOLATILE  # CV 2.9 % > 1 %
    assert host.read_named("kpi_volatile") == 1 and host.read_named("kpi_seasonal") == 0


def test_no_keepa_export_is_one_issue_not_a_flag_per_row(book, tmp_path):
    paths = _reports(tmp_path)
    host = OpenpyxlHost.open(book)
    import_reports(host, [paths[0]])
    rs.refresh_selection_at(host, host.read_settings(), AS_OF)
    cand = host.read_table("Candidates")
    assert cand["price_cv"].isna().all() and cand["season_index"].isna().all()
    assert not cand["data_quality"].str.contains("history").any()
    issues = host.read_table("Issues")
    assert ((issues["source"] == "keepa") & (issues["code"] == "MISSING")).sum() == 1


def test_empty_workbook_refreshes_cleanly(book):
    host = OpenpyxlHost.open(book)
    refresh_book(host, "selection")
    host.save()
    host = OpenpyxlHost.open(book)
    assert host.read_table("Candidates").empty
    assert len(host.read_table("LaunchCost")) == 4
    assert host.read_named("kpi_concentration") is None and host.read_table("Issues").empty
    assert host.read_named("kpi_candidates") == 0
    wb = load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.value not in ERRORS, (ws.title, c.coordinate, c.value)


def test_demo_samples_import_and_render(book, tmp_path):
    from tests.workbooks.helpers import ERROR_VALUES, pdf_text, render_pdf
    (tmp_path / "s").mkdir()
    host = OpenpyxlHost.open(book)
    res = import_reports(host, sample_reports(tmp_path / "s"))
    assert {r.family for r in res} == {"helium10_xray", "keepa_products", "helium10_cerebro"}
    host.write_table("CandidateInputs", pd.DataFrame([{"asin": "B0SELDEMO1", "cogs": 5.1}]))
    rs.refresh_selection_at(host, host.read_settings(), AS_OF)
    host.save()
    text = pdf_text(render_pdf(book, tmp_path / "pdf"))
    bad = [e for e in ERROR_VALUES if e in text]
    assert bad == [], bad
    for word in ("B0SELDEMO1", "Score by candidate", "Launch cost", "Data quality"):
        assert word in text, word


def test_sellersprite_keywords_feed_the_search_volume(book, tmp_path):
    fix = Path(__file__).resolve().parents[1] / "reports" / "fixtures" / "thirdparty" / "sellersprite-en.xlsx"
    host = OpenpyxlHost.open(book)
    res = import_reports(host, [fix])
    assert res[0].table == "SellerSprite"
    ss = host.read_table("SellerSprite")
    kw, vol = str(ss["keyword"].iloc[0]), float(ss["monthly_searches"].iloc[0])
    host.write_table("CandidateInputs", pd.DataFrame([{"asin": A, "main_keyword": kw, "review_growth": 10}]))
    rs.refresh_selection_at(host, host.read_settings(), AS_OF)
    cand = host.read_table("Candidates").set_index("asin")
    assert cand.loc[A, "monthly_search"] == vol


def test_concentration_verdict_threshold_and_small_pages():
    from xladdin.settings import Settings
    from xladdin.workbooks.selection_analysis import concentration_verdict as verdict
    s = Settings()
    assert verdict({"top10_share": 0.51, "listings": 11}, s) == "高 high"
    assert verdict({"top10_share": 0.50, "listings": 60}, s) == "低 low"  # at the limit: not over
    assert verdict({"top10_share": 0.51, "listings": 11}, Settings(max_top10_share=0.6)) == "低 low"
    assert verdict({"top10_share": 1.0, "listings": 10}, s) is None  # a page of ≤ 10 is its own top 10
    assert verdict({"top10_share": math.nan, "listings": 50}, s) is None
