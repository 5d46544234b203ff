"""Quarterly review end to end: build → import (overlapping Business Reports, advertised product report) →
SkuCosts / CategoryCvr / LastQuarter → refresh → save → reopen; values checked against the hand computation
below (not xladdin.core), an empty workbook, injection strings, and a LibreOffice render."""

import csv
import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from openpyxl import load_workbook

from tests.workbooks.helpers import pdf_text, render_pdf, require_soffice
from xladdin.workbooks import (
    refresh_book,
    refresh_quarterly,  # noqa: F401  (registers "quarterly")
)
from xladdin.workbooks.builder import build_workbook, save_workbook
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.quarterly_analysis import abc_classes
from xladdin.workbooks.refresh_quarterly import period_label
from xladdin.workbooks.registry import get_template

FIX = Path(__file__).resolve().parents[1] / "reports" / "fixtures"
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)"
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!")
MONTHS = ((dt.date(2026, 7, 1), dt.date(2026, 7, 31)), (dt.date(2026, 8, 1), dt.date(2026, 8, 31)),
          (dt.date(2026, 9, 1), dt.date(2026, 9, 30)))
OVERLAP = (dt.date(2026, 8, 15), dt.date(2026, 9, 15))  # must not be counted (the months cover more days)

# sku: (asin, title, price, units per month, sessions per unit, cogs, fees, category)
SKUS = {
    "BIG-1": ("B0QTR00001", "Big seller", 30.0, 100, 10, 8.0, 7.0, "Kitchen"),
    "LOW-M": ("B0QTR00002", "Low margin", 20.0, 60, 8, 10.0, 8.0, "Kitchen"),
    "SMALL-G": ("B0QTR00003", "Small but good", 10.0, 10, 8, 2.0, 3.0, "Kitchen"),
    "CUT-1": ("B0QTR00004", HYPERLINK, 10.0, 10, 8, 5.0, 4.0, "Kitchen"),
    "RISE-1": ("B0QTR00005", AT_SUM, 10.0, 12, 8, 5.0, 4.0, "Garden"),
    "NOCOST": ("B0QTR00006", DDE, 10.0, 5, 8, None, None, None),
}
# Advertised product rows: (start, end, campaign, sku, asin, spend, sales)
ADS = [
    (MONTHS[0][0], MONTHS[2][1], "SP_Big", "BIG-1", "B0QTR00001", 500.0, 2000.0),
    (MONTHS[0][0], MONTHS[2][1], "SP_Low", "", "B0QTR00002", 200.0, 900.0),  # SKU from the ASIN map
    (MONTHS[0][0], MONTHS[2][1], AT_SUM, "CUT-1", "B0QTR00004", 60.0, 40.0),
    (MONTHS[0][0], MONTHS[2][1], "SP_Ghost", "GHOST", "B0QTR00099", 15.0, 0.0),  # not in the Business Reports
    (dt.date(2026, 6, 1), dt.date(2026, 6, 30), "SP_Big", "BIG-1", "B0QTR00001", 999.0, 1.0),  # last quarter
]
CATEGORY_CVR = {"Kitchen": 0.10}  # Garden: the account's own CVR
LAST = {"BIG-1": ("KEEP", 0.60), "CUT-1": ("FIX", 0.03), "RISE-1": ("CUT", 0.01)}
MIN_C, MIN_M = 0.05, 0.15


def _br(path: Path, units_factor: float) -> Path:
    header = next(csv.reader((FIX / "business_report_child" / "en-classic.csv").open(encoding="utf-8")))
    with path.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for sku, (asin, title, price, units, spu, *_rest) in SKUS.items():
            u = int(units * units_factor)
            row = dict.fromkeys(header, "0")
            row.update({"(Parent) ASIN": "B0QTRPAREN", "(Child) ASIN": asin, "Title": title, "SKU": sku,
                        "Sessions - Total": f"{u * spu:,}", "Page Views - Total": f"{u * spu * 2:,}",
                        "Units Ordered": str(u), "Ordered Product Sales": f"${u * price:,.2f}",
                        "Total Order Items": str(u)})
            w.writerow([row[h] for h in header])
    return path


def _reports(tmp_path: Path) -> list[Path]:
    paths = [_br(tmp_path / f"BusinessReport-{d0:%Y%m%d}-{d1:%Y%m%d}.csv", 1) for d0, d1 in MONTHS]
    paths.append(_br(tmp_path / f"BusinessReport-{OVERLAP[0]:%Y%m%d}-{OVERLAP[1]:%Y%m%d}.csv", 7))
    header = next(csv.reader((FIX / "ads" / "sp_advertised_product" / "en.csv").open(encoding="utf-8")))
    ads = tmp_path / "Sponsored Products Advertised product report.csv"
    with ads.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for d0, d1, camp, sku, asin, spend, sales in ADS:
            row = dict.fromkeys(header, "0")
            row.update({"Start Date": d0.strftime("%b %d, %Y"), "End Date": d1.strftime("%b %d, %Y"),
                        "Portfolio name": "Q", "Currency": "USD", "Campaign Name": camp, "Ad Group Name": "AG",
                        "Retailer": "Amazon", "Country": "United States", "Advertised SKU": sku,
                        "Advertised ASIN": asin, "Impressions": "1,000", "Clicks": "100", "Spend": f"${spend:,.2f}",
                        "7 Day Total Sales ": f"${sales:,.2f}"})
            w.writerow([row[h] for h in header])
    return [*paths, ads]


def _expected() -> tuple[pd.DataFrame, dict]:
    """The review computed by hand from the tables above (three months; the overlapping report ignored)."""
    rows = []
    for sku, (asin, title, price, units, spu, cogs, fees, cat) in SKUS.items():
        u = 3 * units
        rev = u * price
        spend = sum(a[5] for a in ADS if (a[3] == sku or (not a[3] and a[4] == asin)) and a[0] >= MONTHS[0][0])
        gp = rev - u * (cogs + fees) if cogs is not None else None
        rows.append({"sku": sku, "revenue": rev, "units": u, "sessions": u * spu, "ad_spend": spend, "gross_profit": gp,
                     "category": cat or "(none)"})
    df = pd.DataFrame(rows)
    total = df["revenue"].sum()
    df["contribution_share"] = df["revenue"] / total
    df["gross_margin"] = [gp / r if gp is not None else None for gp, r in zip(df["gross_profit"], df["revenue"])]
    df["tacos"] = df["ad_spend"] / df["revenue"]
    df["cvr"] = df["units"] / df["sessions"]
    own = df.groupby("category")[["units", "sessions"]].sum()
    df["category_cvr"] = [CATEGORY_CVR.get(c, own.loc[c, "units"] / own.loc[c, "sessions"]) for c in df["category"]]
    decisions, impacts = [], []
    for s, c, m, r, gp, sp in zip(df["sku"], df["contribution_share"], df["gross_margin"], df["revenue"],
                                  df["gross_profit"], df["ad_spend"]):
        if m is None or pd.isna(m):
            decisions.append(None)
            impacts.append(None)
            continue
        low_c, low_m = c < MIN_C, m < MIN_M
        prev = LAST.get(s, (None, None))[1]
        if low_c and low_m:
            d = "FIX" if prev is not None and c > prev else "CUT"
        else:
            d = "FIX" if (low_c or low_m) else "KEEP"
        decisions.append(d)
        impacts.append(-(gp - sp) if d == "CUT" else r * (MIN_M - m) if (d == "FIX" and low_m) else 0.0)
    df["decision"], df["money_impact"] = decisions, impacts
    df = df.sort_values(["revenue", "sku"], ascending=[False, True]).reset_index(drop=True)
    cum = df["revenue"].cumsum() / total
    above = cum - df["revenue"] / total
    df["cumulative_share"] = cum
    df["abc_class"] = ["A" if a < 0.8 else "B" if a < 0.95 else "C" for a in above]
    cut = df["decision"] == "CUT"
    costed = df["gross_profit"].notna()
    kpi = {"kpi_days": 92, "kpi_skus": len(df), "kpi_revenue": total,
           "kpi_gross_profit": df.loc[costed, "gross_profit"].sum(),
           "kpi_gross_margin": df.loc[costed, "gross_profit"].sum() / df.loc[costed, "revenue"].sum(),
           "kpi_ad_spend": df["ad_spend"].sum(), "kpi_tacos": df["ad_spend"].sum() / total,
           "kpi_keep": int((df["decision"] == "KEEP").sum()), "kpi_fix": int((df["decision"] == "FIX").sum()),
           "kpi_cut": int(cut.sum()), "kpi_cut_gross_profit": df.loc[cut, "gross_profit"].sum(),
           "kpi_money_impact": pd.to_numeric(df["money_impact"]).sum(),
           "kpi_a_skus": int((df["abc_class"] == "A").sum()),
           "kpi_changed": sum(1 for s, d in zip(df["sku"], df["decision"]) if s in LAST and LAST[s][0] != d)}
    return df, kpi


def _rows(ws, table: str) -> list[dict]:
    t = ws.tables[table]
    cells = list(ws[t.ref])
    header = [c.value for c in cells[0]]
    return [dict(zip(header, r)) for r in cells[1:] if any(c.value is not None for c in r)]


def _kpi(wb, name: str):
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][ref.replace("$", "").split(":")[0]].value


@pytest.fixture
def q_book(tmp_path):
    path = tmp_path / "quarterly.xlsx"
    save_workbook(build_workbook(get_template("quarterly")), path, backup=False)
    return path


def _fill(book: Path, tmp_path: Path) -> None:
    host = OpenpyxlHost.open(book)
    results = import_reports(host, _reports(tmp_path))
    assert [r.table for r in results] == ["BusinessReport"] * 4 + ["AdvertisedProducts"]
    host.write_table("SkuCosts", pd.DataFrame([{"sku": s, "category": v[7], "cogs": v[5], "fees": v[6]}
                                               for s, v in SKUS.items() if v[5] is not None]))
    host.write_table("CategoryCvr", pd.DataFrame([{"category": k, "avg_cvr": v} for k, v in CATEGORY_CVR.items()]))
    host.write_table("LastQuarter", pd.DataFrame([{"sku": s, "decision": d, "contribution_share": c}
                                                  for s, (d, c) in LAST.items()]))
    host.save()


def _refresh(book: Path) -> None:
    host = OpenpyxlHost.open(book)
    refresh_book(host)
    host.save()


def test_review_matches_a_hand_computation(q_book, tmp_path):
    _fill(q_book, tmp_path)
    _refresh(q_book)
    wb = load_workbook(q_book)
    exp, kpi = _expected()
    got = _rows(wb["SkuReview"], "SkuReview")
    assert [r["sku"].value for r in got] == list(exp["sku"])  # Pareto order
    for r, (_, e) in zip(got, exp.iterrows()):
        for col in ("revenue", "contribution_share", "cumulative_share", "ad_spend", "tacos", "cvr", "category_cvr"):
            assert r[col].value == pytest.approx(e[col]), (e["sku"], col)
        assert r["abc_class"].value == e["abc_class"], e["sku"]
        assert r["decision"].value == (e["decision"] if isinstance(e["decision"], str) else None), e["sku"]
        if e["gross_margin"] is None or pd.isna(e["gross_margin"]):
            assert r["gross_margin"].value is None and r["money_impact"].value is None and r["sku_keep"].value is None
        else:
            assert r["gross_margin"].value == pytest.approx(e["gross_margin"]), e["sku"]
            assert r["money_impact"].value == pytest.approx(e["money_impact"]), e["sku"]
            below_both = e["contribution_share"] < MIN_C and e["gross_margin"] < MIN_M  # the playbook rule alone
            assert r["sku_keep"].value == ("N" if below_both else "Y"), e["sku"]
            assert r["reason"].value.startswith(e["decision"])
    by = {r["sku"].value: r for r in got}
    assert by["CUT-1"]["last_decision"].value == "FIX" and by["CUT-1"]["decision_changed"].value == "Y"
    assert by["BIG-1"]["decision_changed"].value == "N" and by["LOW-M"]["decision_changed"].value is None
    assert "rising" in by["RISE-1"]["reason"].value
    for name, v in kpi.items():
        assert _kpi(wb, name) == pytest.approx(v), name
    assert _kpi(wb, "kpi_period") == "2026 Q3"
    issues = {(r["sku"].value, r["code"].value) for r in _rows(wb["Issues"], "Issues")}
    assert (None, "OVERLAP") in issues and ("NOCOST", "MISSING_COST") in issues
    assert ("GHOST", "AD_SKU_NO_SALES") in issues and (None, "OUTSIDE_PERIOD") in issues
    # Report text lands as text, never as a formula.
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value in (HYPERLINK, DDE, AT_SUM)]
    assert len(texts) >= 4 and all(c.data_type == "s" for c in texts)
    # Refresh again: the operator's note survives, nothing is counted twice.
    host = OpenpyxlHost.open(q_book)
    ws = host.wb["SkuReview"]
    note_col = [c.value for c in ws[3]].index("note") + 1
    ws.cell(4, note_col, "check supplier")
    host.save()
    _refresh(q_book)
    wb = load_workbook(q_book)
    again = _rows(wb["SkuReview"], "SkuReview")
    assert again[0]["note"].value == "check supplier"
    assert _kpi(wb, "kpi_revenue") == pytest.approx(kpi["kpi_revenue"])


def test_abc_boundaries():
    cum, cls = abc_classes(pd.Series([80.0, 15.0, 5.0, 0.0]).to_numpy())
    assert list(cls) == ["A", "B", "C", "C"] and cum[-2] == pytest.approx(1.0)
    assert list(abc_classes(pd.Series([90.0, 10.0]).to_numpy())[1]) == ["A", "B"]  # 90 % above: < 95 %
    assert list(abc_classes(pd.Series([0.0]).to_numpy())[1]) == ["C"]


def test_period_label():
    assert period_label(dt.date(2026, 10, 1), dt.date(2026, 12, 31)) == "2026 Q4"
    assert period_label(dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == "2026 Q1"
    assert period_label(dt.date(2026, 8, 15), dt.date(2026, 9, 15)) == "2026-08-15–09-15"
    assert period_label(dt.date(2025, 12, 1), dt.date(2026, 2, 28)) == "25-12-01–26-02-28"
    assert period_label(None, None) == "—"


def test_empty_workbook_refreshes_cleanly(q_book):
    _refresh(q_book)
    wb = load_workbook(q_book)
    assert _rows(wb["SkuReview"], "SkuReview") == []
    assert _kpi(wb, "kpi_revenue") == 0 and _kpi(wb, "kpi_tacos") == 0 and _kpi(wb, "kpi_period") == "—"
    for ws in wb.worksheets:
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith(ERRORS) for v in row)


def test_pasted_business_report_rows_are_reported_not_used(q_book):
    host = OpenpyxlHost.open(q_book)
    host.write_table("BusinessReport", pd.DataFrame([{"sku": "P-1", "ordered_sales": 100, "units_ordered": 5}]))
    refresh_book(host)
    host.save()
    wb = load_workbook(q_book)
    assert _rows(wb["SkuReview"], "SkuReview") == []
    assert "NO_DATE_RANGE" in {r["code"].value for r in _rows(wb["Issues"], "Issues")}


def test_render_has_no_error_values(q_book, tmp_path):
    require_soffice()
    _fill(q_book, tmp_path)
    _refresh(q_book)
    text = pdf_text(render_pdf(q_book, tmp_path / "pdf"))
    assert "BIG-1" in text and "Pareto" in text
    for e in ERRORS:
        assert e not in text, e
