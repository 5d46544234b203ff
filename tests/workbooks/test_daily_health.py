"""Daily health workbook end to end: import health paste + by-date + MYI + child report, refresh, save, reopen.

Expected values are computed here by hand / plain pandas, independently of xladdin.core."""

import csv
import datetime as dt
import math
import subprocess
from pathlib import Path

import pytest
from openpyxl import load_workbook

from xladdin.workbooks import refresh_book
from xladdin.workbooks import refresh_daily_health as rdh
from xladdin.workbooks.builder import build_workbook, save_workbook
from xladdin.workbooks.host import OpenpyxlHost
from xladdin.workbooks.importer import import_reports
from xladdin.workbooks.registry import get_template

from .helpers import pdf_text, render_pdf

AS_OF = dt.date(2026, 10, 11)
HYPERLINK = '=HYPERLINK("http://x","y")'
DDE = "+cmd|' /C calc'!A0"
AT_SUM = "@SUM(1+1)"
ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!", "nan", "inf")
MYI_HEADER = ["sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
              "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity", "afn-fulfillable-quantity",
              "afn-unsellable-quantity", "afn-reserved-quantity", "afn-total-quantity", "per-unit-volume",
              "afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity",
              "afn-researching-quantity", "afn-reserved-future-supply", "afn-future-supply-buyable"]
# 10 days (Oct 1–10): sessions, units, buy box; conversion below 10 % on the last 7 days
DAYS = [(dt.date(2026, 10, d), 1000 + 10 * d, (120 if d <= 3 else 80) + d, 0.98 - (0.05 if d == 10 else 0))
        for d in range(1, 11)]
# sku: name, fulfillable, reserved, inbound shipped, units ordered over 30 days (child report)
STOCK = {"A-LOW": (HYPERLINK, 40, 5, 0, 90), "B-SOON": (DDE, 130, 0, 0, 60), "C-OK": (AT_SUM, 900, 0, 0, 30),
         "D-NOSALE": ("No sales", 10, 0, 0, None)}


def _reports(folder: Path) -> list[Path]:
    health = folder / "AccountHealth-2026-10-09.csv"
    health.write_text("Account Health,\nMetric,Value,Target\nOrder Defect Rate,1.00%,< 1%\nLate Shipment Rate,1.20%,< 4%\n"
                      "Pre-fulfillment Cancel Rate,0.00%,< 2.5%\nValid Tracking Rate,94.00%,> 95%\n", encoding="utf-8")
    by_date = folder / "BusinessReport-20261001-20261010.csv"
    with by_date.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["Date", "Ordered Product Sales", "Units Ordered", "Total Order Items", "Sessions - Total",
                    "Page Views - Total", "Featured Offer (Buy Box) Percentage", "Unit Session Percentage"])
        for d, s, u, bb in DAYS:
            w.writerow([d.strftime("%m/%d/%y"), f"${u * 20:,.2f}", u, u, f"{s:,}", s * 2, f"{bb * 100:.2f}%",
                        f"{u / s * 100:.2f}%"])
    myi = folder / "MYI-2026-10-05.txt"
    lines = ["\t".join(MYI_HEADER)]
    for i, (sku, (name, ful, res, sh, _)) in enumerate(STOCK.items()):
        lines.append("\t".join(str(v) for v in (sku, f"X00{i}", f"B0TEST000{i}", name, "New", "19.99", "No", "", "Yes",
                                                ful + res, ful, 0, res, ful + res + sh, "0.1", 0, sh, 0, 0, 0, 0)))
    myi.write_text("\n".join(lines) + "\n", encoding="utf-8")
    child = folder / "BusinessReport-20260911-20261010.csv"
    with child.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions - Total", "Units Ordered",
                    "Unit Session Percentage", "Ordered Product Sales", "Total Order Items"])
        for i, (sku, (name, *_, units)) in enumerate(STOCK.items()):
            if units is not None:
                w.writerow(["B0PARENT00", f"B0TEST000{i}", name, sku, 1000, units, f"{units / 10:.2f}%",
                            f"${units * 19.99:,.2f}", units])
    return [health, by_date, myi, child]


def _rows(ws, table):
    cells = list(ws[ws.tables[table].ref])
    header = [c.value for c in cells[0]]
    return [dict(zip(header, (c.value for c in r))) for r in cells[1:] if any(c.value is not None for c in r)]


def _kpi(wb, name):
    sheet, ref = next(iter(wb.defined_names[name].destinations))
    return wb[sheet][ref.replace("$", "").split(":")[0]].value


@pytest.fixture
def book(tmp_path):
    path = tmp_path / "daily_health.xlsx"
    save_workbook(build_workbook(get_template("daily_health")), path, backup=False)
    return path


def _filled(book, tmp_path):
    host = OpenpyxlHost.open(book)
    import_reports(host, _reports(tmp_path))
    kpi = rdh.refresh_daily_health_at(host, host.read_settings(), AS_OF)
    host.save()
    return kpi, load_workbook(book)


def test_values_match_a_hand_computation(book, tmp_path):
    kpi, wb = _filled(book, tmp_path)
    health = {r["metric"]: r for r in _rows(wb["Health"], "Health")}
    assert health["ODR"]["result"] == "ODR 1.00% ≥ 1%"  # exactly 1 % is a breach
    assert health["VTR"]["result"] == "VTR 94.00% < 95%"
    assert health["LSR"]["result"] == "OK" and health["CANCEL_RATE"]["result"] == "OK"
    assert health["LSR"]["value"] == pytest.approx(0.012)
    assert kpi["kpi_health_breaches"] == 2

    daily = _rows(wb["Daily"], "Daily")
    assert [r["date"].date() for r in daily] == [d for d, *_ in DAYS]
    cvr = [round(u / s, 4) for _, s, u, _ in DAYS]  # the report writes 2-decimal percents
    assert [r["unit_session_pct"] for r in daily] == pytest.approx(cvr)
    assert [r["below_category"] for r in daily] == ["Y" if c < 0.10 else "N" for c in cvr]
    run = 0
    for c in reversed(cvr):
        if c >= 0.10:
            break
        run += 1
    assert run == 7 and kpi["kpi_cvr_days_below"] == 7 and kpi["kpi_cvr_alert"] == 1
    assert _kpi(wb, "kpi_cvr_alert") == 1 and _kpi(wb, "kpi_cvr_latest") == pytest.approx(cvr[-1])

    dod = {r["metric"]: r for r in _rows(wb["DayOverDay"], "DayOverDay")}
    (d9, s9, u9, b9), (d10, s10, u10, b10) = DAYS[-2], DAYS[-1]
    assert dod["sessions"]["previous"] == s9 and dod["sessions"]["latest"] == s10
    assert dod["sessions"]["change"] == s10 - s9
    assert dod["sessions"]["change_pct"] == pytest.approx((s10 - s9) / s9)
    assert dod["units_ordered"]["change"] == u10 - u9
    assert dod["buy_box_pct"]["change"] == pytest.approx(b10 - b9)
    assert dod["sessions"]["latest_date"].date() == d10 and dod["sessions"]["previous_date"].date() == d9
    assert _kpi(wb, "kpi_sessions_change_pct") == pytest.approx((s10 - s9) / s9)

    # stock-out risk: cover = (fulfillable + reserved + inbound) / (units / 30 days); T = 45 + 14 days
    risk = {r["sku"]: r for r in _rows(wb["StockoutRisk"], "StockoutRisk")}
    exp = {}
    for sku, (_, ful, res, sh, units) in STOCK.items():
        if units is None:
            continue
        cover = (ful + res + sh) / (units / 30)
        status = "ORDER_NOW" if cover <= 59 else "REORDER_SOON" if cover <= 66 else None
        if status:
            exp[sku] = (cover, status, AS_OF + dt.timedelta(days=math.floor(cover)))
    assert set(risk) == set(exp) == {"A-LOW", "B-SOON"}
    for sku, (cover, status, out) in exp.items():
        assert risk[sku]["days_of_cover"] == pytest.approx(cover)
        assert risk[sku]["status"] == status and risk[sku]["stockout_date"].date() == out
    assert kpi["kpi_stockout_skus"] == len(exp)

    fresh = {r["table_name"]: r for r in _rows(wb["Freshness"], "Freshness")}
    assert fresh["ByDate"]["age_days"] == 1 and fresh["ByDate"]["freshness"] == "昨天 / yesterday"
    assert fresh["HealthMetrics"]["age_days"] == 2 and fresh["HealthMetrics"]["stale"] == "Y"
    assert fresh["MYI"]["freshness"] == "6 天前 / 6 days old" and fresh["MYI"]["stale"] == "Y"
    assert kpi["kpi_stale_inputs"] == 2

    brief = _rows(wb["Briefing"], "Briefing")
    assert [r["priority"] for r in brief] == sorted(r["priority"] for r in brief)
    text = " ".join(r["action"] for r in brief)
    for needle in ("ODR", "VTR", "A-LOW", "转化率连续 7 天", "Buy Box", "MYI", "HealthMetrics"):
        assert needle in text
    assert any("D-NOSALE" in (r["detail"] or "") for r in brief)
    assert kpi["kpi_actions"] == len(brief)
    # injection strings stay text
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert c.data_type != "f" or ws.title == "Settings", (ws.title, c.coordinate, c.value)
    names = [r["product_name"] for r in _rows(wb["StockoutRisk"], "StockoutRisk")]
    assert HYPERLINK in names and DDE in names
    assert AT_SUM in [r["product_name"] for r in _rows(wb["MYI"], "MYI")]


def test_notes_survive_and_refresh_book_works(book, tmp_path, monkeypatch):
    _filled(book, tmp_path)
    host = OpenpyxlHost.open(book)
    b = host.read_table("Briefing")
    b.loc[0, "note"] = "张三 handled"
    host.write_table("Briefing", b)
    host.save()
    from xladdin.core import inventory as core_inv
    monkeypatch.setattr(core_inv, "today", lambda: AS_OF)
    host = OpenpyxlHost.open(book)
    refresh_book(host)
    host.save()
    brief = _rows(load_workbook(book)["Briefing"], "Briefing")
    assert brief[0]["note"] == "张三 handled"


def test_empty_workbook_refreshes_cleanly(book):
    host = OpenpyxlHost.open(book)
    kpi = rdh.refresh_daily_health_at(host, host.read_settings(), AS_OF)
    host.save()
    assert kpi["kpi_health_breaches"] == 0 and kpi["kpi_stockout_skus"] == 0 and kpi["kpi_cvr_alert"] == 0
    assert kpi["kpi_stale_inputs"] == 3  # health, by-date, MYI not imported
    wb = load_workbook(book)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                assert not (isinstance(c.value, str) and c.value in ERRORS), (ws.title, c.coordinate)
                assert not (isinstance(c.value, float) and not math.isfinite(c.value))


def test_pdf_render_has_no_error_values(book, tmp_path):
    _filled(book, tmp_path)
    pdf = render_pdf(book, tmp_path / "pdf")
    text = pdf_text(pdf)
    assert "ODR 1.00%" in text and "A-LOW" in text
    for e in ERRORS[:6]:
        assert e not in text
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(tmp_path / "page")], check=True)
