"""Real Amazon exports (../shared/real-exports, described in SOURCES.md there): every Business Report, MYI and
Restock file is detected and normalised with no row lost, and column totals match totals computed here
independently with the csv module.  The files are read in place, never copied; the tests skip when the folder
is absent (a user's clone has no ../shared)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from decimal import Decimal

import pytest

from tests.reports.helpers import real_export
from xladdin.reports import read_report

pytestmark = pytest.mark.real_exports

BR_US = "business_report__xvr_datasciencecoursera__BusinessReport-11-21-19.csv"
BR_DE = "business_report__Myalin02_Amazon-analyzer__BusinessReport-02.04.25.csv"
MYI = "fba_inventory__xvr_datasciencecoursera__19490346112018329.csv"
RESTOCK = "restock__xvr_datasciencecoursera__12.15restock inventory.csv"


def _rows(name: str, encoding: str) -> tuple[list[str], list[list[str]]]:
    text = real_export(name).read_bytes().decode(encoding)
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    return rows[0], rows[1:]


def _us_int(s: str) -> int:
    return int(s.replace(",", "")) if s.strip() else 0


def _us_money(s: str) -> Decimal:
    return Decimal(s.replace("$", "").replace(",", "")) if s.strip() else Decimal(0)


def _de_money(s: str) -> Decimal:
    return Decimal(s.replace("\u00a0", "").replace("€", "").replace(".", "").replace(",", ".").strip())


def _pct(s: str) -> Decimal:
    return Decimal(s.replace("%", "").replace(",", "")) / 100  # "1,550.00%" occurs in the DE file


def _close(a: float, b: Decimal, tol: float = 1e-6) -> bool:
    return abs(a - float(b)) <= tol * max(1.0, abs(float(b)))


def test_business_report_us_classic():
    header, rows = _rows(BR_US, "utf-8-sig")
    rep = read_report(real_export(BR_US))
    m = rep.meta
    assert (m.family, m.language, m.marketplace, m.currency, m.encoding) == (
        "business_report_child", "en", "US", "USD", "utf-8-sig")
    assert (m.date_from, m.date_to, m.date_source) == (dt.date(2019, 11, 21), dt.date(2019, 11, 21), "file_name")
    assert m.rows == len(rows) == 49
    assert rep.problems.empty and m.unmapped == []
    d = rep.data
    col = {h: i for i, h in enumerate(header)}
    assert d["sessions"].sum() == sum(_us_int(r[col["Sessions"]]) for r in rows)
    assert d["page_views"].sum() == sum(_us_int(r[col["Page Views"]]) for r in rows)
    assert d["units_ordered"].sum() == sum(_us_int(r[col["Units Ordered"]]) for r in rows)
    assert d["total_order_items"].sum() == sum(_us_int(r[col["Total Order Items"]]) for r in rows)
    assert _close(d["ordered_sales"].sum(), sum(_us_money(r[col["Ordered Product Sales"]]) for r in rows))
    assert _close(d["buy_box_pct"].sum(), sum(_pct(r[col["Buy Box Percentage"]]) for r in rows))
    assert d["sku"].tolist() == [r[col["SKU"]] for r in rows]
    assert d["asin"].tolist() == [r[col["(Child) ASIN"]] for r in rows]
    assert d["title"].tolist() == [r[col["Title"]].strip() for r in rows]  # "" escapes, NBSP, full-width Ｍ kept


def test_business_report_de_2025_b2b():
    header, rows = _rows(BR_DE, "utf-8-sig")
    rep = read_report(real_export(BR_DE))
    m = rep.meta
    assert (m.family, m.language, m.marketplace, m.currency) == ("business_report_child", "de", "DE", "EUR")
    assert (m.date_from, m.date_source) == (dt.date(2025, 4, 2), "file_name")  # BusinessReport-02.04.25: DD.MM.YY
    assert m.rows == len(rows) == 655
    assert rep.problems.empty and m.unmapped == []
    d = rep.data
    assert d["sessions"].sum() == sum(_us_int(r[4]) for r in rows)  # counts are US-style even in DE: "3,218"
    assert d["sessions_b2b"].sum() == sum(_us_int(r[5]) for r in rows)
    assert d["page_views"].sum() == sum(_us_int(r[8]) for r in rows)
    assert d["units_ordered"].sum() == sum(_us_int(r[14]) for r in rows)
    assert d["units_ordered_b2b"].sum() == sum(_us_int(r[15]) for r in rows)
    assert d["total_order_items"].sum() == sum(_us_int(r[20]) for r in rows)
    assert _close(d["ordered_sales"].sum(), sum(_de_money(r[18]) for r in rows))  # "17.510,95 €"
    assert _close(d["ordered_sales_b2b"].sum(), sum(_de_money(r[19]) for r in rows))
    assert _close(d["unit_session_pct"].sum(), sum(_pct(r[16]) for r in rows))  # "24.86%": dot decimal
    assert d["sku"].tolist() == [r[3] for r in rows]


def test_myi_csv_download_cp1252():
    header, rows = _rows(MYI, "cp1252")
    rep = read_report(real_export(MYI))
    m = rep.meta
    assert (m.family, m.encoding, m.delimiter) == ("fba_myi", "cp1252", ",")
    assert m.rows == len(rows) == 40
    assert rep.problems.empty and m.unmapped == []
    d = rep.data
    col = {h: i for i, h in enumerate(header)}
    for canon, src in [("fulfillable", "afn-fulfillable-quantity"), ("unsellable", "afn-unsellable-quantity"),
                       ("reserved", "afn-reserved-quantity"), ("total", "afn-total-quantity"),
                       ("warehouse", "afn-warehouse-quantity"), ("inbound_working", "afn-inbound-working-quantity"),
                       ("inbound_shipped", "afn-inbound-shipped-quantity"),
                       ("inbound_receiving", "afn-inbound-receiving-quantity")]:
        assert d[canon].sum() == sum(_us_int(r[col[src]]) for r in rows), canon
    assert d["mfn_fulfillable"].isna().sum() == sum(1 for r in rows if not r[col["mfn-fulfillable-quantity"]])
    assert _close(d["price"].sum(), sum(_us_money(r[col["your-price"]]) for r in rows))
    assert d["sku"].tolist() == [r[col["sku"]] for r in rows]
    assert d["fnsku"].tolist() == [r[col["fnsku"]] for r in rows]
    assert d["product_name"].str.contains("–").any()  # 0x96 read as an en dash (cp1252), not mojibake


def test_restock_2019_cp1252():
    header, rows = _rows(RESTOCK, "cp1252")
    rep = read_report(real_export(RESTOCK))
    m = rep.meta
    assert (m.family, m.encoding, m.marketplace, m.currency) == ("fba_restock", "cp1252", "US", "USD")
    assert m.rows == len(rows) == 43
    assert rep.problems.empty and m.unmapped == []
    d = rep.data
    col = {h: i for i, h in enumerate(header)}
    assert d["available"].sum() == sum(_us_int(r[col["Available Inventory"]]) for r in rows)
    assert d["inbound"].sum() == sum(_us_int(r[col["Inbound Inventory"]]) for r in rows)
    assert d["units_sold_30d"].sum() == sum(_us_int(r[col["Sales last 30 days (units)"]]) for r in rows)
    assert d["recommended_qty"].sum() == sum(_us_int(r[col["Recommended Order Quantity"]]) for r in rows)
    assert _close(d["sales_30d"].sum(), sum(_us_money(r[col["Sales last 30 days (sales)"]]) for r in rows))
    dos = [r[col["Days of Supply"]] for r in rows]
    assert (d["days_of_supply_bound"] == ">=").sum() == sum(1 for v in dos if v.endswith("+"))
    assert _close(d["days_of_supply"].sum(), sum(Decimal(v.rstrip("+")) for v in dos if v))
    alerts = [r[col["Instock Alert"]] for r in rows]
    assert d["alert"].value_counts().to_dict() == {a: alerts.count(a) for a in set(alerts) if a}
    dates = [r[col["Recommended Order Date"]] for r in rows]
    got = d["recommended_ship_date"].dropna().dt.date.tolist()
    assert got == [dt.datetime.strptime(x, "%m/%d/%Y").date() for x in dates if x]


@pytest.mark.parametrize("name", [BR_US, BR_DE, MYI, RESTOCK])
def test_reading_never_modifies_the_file(name):
    p = real_export(name)
    before = (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
    read_report(p)
    assert (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns) == before
