"""``xladdin demo``: every template built, filled from sample reports, refreshed — in one run.

The sample reports are generated here (deterministic, invented values) in the real formats Amazon
writes — console CSV for the search term report with "$1,234.56" money and "1.15%" percents, the
tab-separated MYI and Restock flat files — so the demo goes through the same detection and
normalisation as an operator's own downloads.  No real seller data is bundled.
"""

from __future__ import annotations

import csv
import importlib
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DAYS = 30
# The sample reports cover the 30 days up to yesterday, as if downloaded this morning: the daily health
# briefing then reads "fresh", and stock-out dates fall in the weeks ahead (values are seeded, dates move).
PERIOD_START = dt.date.today() - dt.timedelta(days=DAYS)

# sku, asin, fnsku, title, price, cogs, units/day
PRODUCTS = [
    ("KU-12-RED", "B0CKQ7RD21", "X003ABC101", "Silicone Cooking Utensils Set, 12 Pcs - Red", 24.99, 6.20, 7.9),
    ("KU-12-BLK", "B0CKQ7RD22", "X003ABC102", "Silicone Cooking Utensils Set, 12 Pcs - Black", 24.99, 6.20, 5.1),
    ("SP-WH-01", "B0D1SPAT01", "X003ABC103", "Heat Resistant Silicone Spatula, White", 9.99, 2.10, 12.4),
    ("TG-30-SS", "B0D1TONG30", "X003ABC104", "Stainless Steel Kitchen Tongs 12 inch, Set of 2", 13.99, 3.05, 3.2),
    ("OM-MIT-2", "B0D1MITT02", "X003ABC105", "Oven Mitts and Pot Holders Set, Heat Resistant", 19.99, 4.80, 0.6),
    ("CB-BAM-3", "B0D1BOARD3", "X003ABC106", "Bamboo Cutting Boards for Kitchen, Set of 3", 29.99, 8.40, 2.2),
]

TERMS = [
    # (search term, campaign, ad group, targeting, match type, clicks/day, cvr, cpc)
    ("silicone cooking utensils", "SP_KU12_Exact", "Exact", "silicone cooking utensils", "EXACT", 9, 0.14, 0.85),
    ("cooking utensils set", "SP_KU12_Auto", "Auto_All", "close-match", "-", 7, 0.11, 0.78),
    ("kitchen utensils silicone", "SP_KU12_Auto", "Auto_All", "loose-match", "-", 4, 0.09, 0.71),
    ("utensil set", "SP_KU12_Broad", "Broad", "utensil set", "BROAD", 6, 0.03, 0.95),
    ("spatula set silicone", "SP_Spatula_Broad", "Broad", "silicone spatula", "BROAD", 5, 0.12, 0.55),
    ("heat resistant spatula", "SP_Spatula_Broad", "Broad", "silicone spatula", "BROAD", 2.2, 0.0, 0.62),
    ("rubber spatula", "SP_Spatula_Phrase", "Phrase", "rubber spatula", "PHRASE", 3, 0.16, 0.48),
    ("kitchen tongs", "SP_Tongs_Exact", "Exact", "kitchen tongs", "EXACT", 4, 0.10, 0.66),
    ("bbq tongs long", "SP_Tongs_Broad", "Broad", "tongs", "BROAD", 1.5, 0.0, 0.74),
    ("oven mitts", "SP_Mitts_Auto", "Auto_All", "close-match", "-", 3, 0.05, 0.92),
    ("bamboo cutting board set", "SP_Board_Exact", "Exact", "bamboo cutting board set", "EXACT", 2.5, 0.13, 1.05),
    ("cutting board plastic", "SP_Board_Broad", "Broad", "cutting board", "BROAD", 2, 0.0, 0.88),
    ("b0c1234567", "SP_KU12_Auto", "Auto_All", "substitutes", "-", 1.2, 0.0, 0.69),
    ("kitchenpro utensils", "SP_KU12_Auto", "Auto_All", "complements", "-", 0.9, 0.0, 0.40),
    ('=HYPERLINK("http://x","y")', "SP_KU12_Auto", "Auto_All", "loose-match", "-", 0.3, 0.0, 0.50),
]

ST_HEADER = ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Retailer",
             "Country", "Targeting", "Match Type", "Customer Search Term", "Impressions", "Clicks",
             "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
             "Total Advertising Cost of Sales (ACOS) ", "Total Return on Advertising Spend (ROAS)",
             "7 Day Total Orders (#)", "7 Day Total Units (#)", "7 Day Conversion Rate",
             "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)", "7 Day Advertised SKU Sales ",
             "7 Day Other SKU Sales "]

MYI_HEADER = ["sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
              "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity", "afn-fulfillable-quantity",
              "afn-unsellable-quantity", "afn-reserved-quantity", "afn-total-quantity", "per-unit-volume",
              "afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity",
              "afn-researching-quantity", "afn-reserved-future-supply", "afn-future-supply-buyable"]

RESTOCK_HEADER = ["Country", "Product Name", "FNSKU", "Merchant SKU", "ASIN", "Condition", "Supplier",
                  "Supplier part no.", "Currency code", "Price", "Sales last 30 days", "Units Sold Last 30 Days",
                  "Total Units", "Inbound", "Available", "FC transfer", "FC Processing", "Customer Order",
                  "Unfulfillable", "Working", "Shipped", "Receiving", "Fulfilled by",
                  "Total Days of Supply (including units from open shipments)",
                  "Days of Supply at Amazon Fulfillment Network", "Alert", "Recommended replenishment qty",
                  "Recommended ship date", "Recommended action", "Unit storage size"]


def _money(x: float) -> str:
    return f"${x:,.2f}"


def _pct(x: float) -> str:
    return f"{x * 100:.2f}%"


def _date(d: dt.date) -> str:
    return d.strftime("%b %d, %Y")


def write_search_terms(path: Path, seed: int = 7) -> Path:
    """A daily Sponsored Products search term report (console CSV, 2022+ layout, US)."""
    rng = np.random.default_rng(seed)
    rows = []
    for day in range(DAYS):
        d = PERIOD_START + dt.timedelta(days=day)
        for term, camp, group, targeting, match, clicks_day, cvr, cpc in TERMS:
            clicks = int(rng.poisson(clicks_day))
            if clicks == 0 and rng.random() < 0.5:
                continue
            impressions = int(clicks * rng.uniform(60, 160)) + int(rng.integers(5, 40))
            cost = round(clicks * cpc * rng.uniform(0.85, 1.15), 2)
            orders = int(rng.binomial(clicks, cvr)) if clicks else 0
            price = 24.99 if "KU12" in camp else 9.99 if "Spatula" in camp else 13.99 if "Tongs" in camp \
                else 19.99 if "Mitts" in camp else 29.99
            units = orders + int(rng.binomial(orders, 0.1)) if orders else 0
            sales = round(units * price, 2)
            rows.append([_date(d), _date(d), "Kitchen", "USD", camp, group, "Amazon", "United States", targeting,
                         match, term, f"{impressions:,}", f"{clicks:,}",
                         _pct(clicks / impressions), _money(cost / clicks) if clicks else "",
                         _money(cost), _money(sales), _pct(cost / sales) if sales else "",
                         f"{sales / cost:.2f}" if cost else "", orders, units,
                         _pct(orders / clicks) if clicks else "", units, 0, _money(sales), "$0.00"])
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(ST_HEADER)
        w.writerows(rows)
    return path


def write_myi(path: Path, seed: int = 11) -> Path:
    """Manage FBA Inventory flat file (tab-separated)."""
    rng = np.random.default_rng(seed)
    lines = ["\t".join(MYI_HEADER)]
    for i, (sku, asin, fnsku, title, price, _cogs, per_day) in enumerate(PRODUCTS):
        fulfillable = int(per_day * [20, 75, 12, 160, 400, 45][i])
        reserved = int(rng.integers(2, 15))
        unsellable = int(rng.integers(0, 4))
        inbound_shipped = [0, 0, 120, 0, 0, 60][i]
        total = fulfillable + reserved + unsellable + inbound_shipped
        lines.append("\t".join(str(v) for v in (
            sku, fnsku, asin, title, "New", f"{price:.2f}", "No", "", "Yes", fulfillable + reserved + unsellable,
            fulfillable, unsellable, reserved, total, "0.08", 0, inbound_shipped, 0, 0, 0, 0)))
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


def write_restock(path: Path, seed: int = 13) -> Path:
    """Restock Inventory recommendations flat file (tab-separated)."""
    rng = np.random.default_rng(seed)
    lines = ["\t".join(RESTOCK_HEADER)]
    for i, (sku, asin, fnsku, title, price, _cogs, per_day) in enumerate(PRODUCTS):
        sold = int(round(per_day * 30 * rng.uniform(0.9, 1.1)))
        available = int(per_day * [20, 75, 12, 160, 400, 45][i])
        inbound = [0, 0, 120, 0, 0, 60][i]
        dos = (available + inbound) / max(sold / 30, 0.01)
        rec = max(0, int(per_day * 75 - available - inbound))
        ship = (PERIOD_START + dt.timedelta(days=35)).strftime("%m/%d/%Y") if rec else ""
        alert = "out_of_stock" if dos < 14 else ("reorder_now" if rec else "")
        lines.append("\t".join(str(v) for v in (
            "US", title, fnsku, sku, asin, "New", "Ningbo KitchenPro", f"NKP-{i + 1:02d}", "USD", f"{price:.2f}",
            f"{sold * price:.2f}", sold, available + inbound, inbound, available, 0, 0, 0, 0, 0, inbound, 0,
            "Amazon", f"{dos:.2f}", f"{available / max(sold / 30, 0.01):.2f}", alert, rec, ship,
            "Create shipment" if rec else "No action required", "Standard")))
    path.write_text("\n".join(lines) + "\n", encoding="cp1252")
    return path


BR_HEADER = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions - Total", "Sessions - Total - B2B",
             "Session Percentage - Total", "Session Percentage - Total - B2B", "Page Views - Total",
             "Page Views - Total - B2B", "Page Views Percentage - Total", "Page Views Percentage - Total - B2B",
             "Featured Offer (Buy Box) Percentage", "Featured Offer (Buy Box) Percentage - B2B", "Units Ordered",
             "Units Ordered - B2B", "Unit Session Percentage", "Unit Session Percentage - B2B",
             "Ordered Product Sales", "Ordered Product Sales - B2B", "Total Order Items", "Total Order Items - B2B"]


def write_business_report(folder: Path, seed: int = 17) -> Path:
    """Business Report by child item (English, 2023+ column names) for the demo period.

    The file name carries the date range (Seller Central names downloads by date only; operators rename
    them ``BusinessReport-YYYYMMDD-YYYYMMDD.csv`` so the range is kept, as the Guide sheet says)."""
    rng = np.random.default_rng(seed)
    end = PERIOD_START + dt.timedelta(days=DAYS - 1)
    path = folder / f"BusinessReport-{PERIOD_START:%Y%m%d}-{end:%Y%m%d}.csv"
    rows = []
    total_sessions = 0
    data = []
    for sku, asin, _fnsku, title, price, _cogs, per_day in PRODUCTS:
        units = int(round(per_day * DAYS * rng.uniform(0.9, 1.1)))
        sessions = int(units / rng.uniform(0.08, 0.16)) + 1
        data.append((sku, asin, title, price, units, sessions, int(sessions * rng.uniform(1.3, 1.8))))
        total_sessions += sessions
    total_views = sum(d[6] for d in data)
    for sku, asin, title, price, units, sessions, views in data:
        items = max(units - int(units * 0.05), 0)
        rows.append([asin[:-2] + "00", asin, title, sku, f"{sessions:,}", 0, _pct(sessions / total_sessions), "0.00%",
                     f"{views:,}", 0, _pct(views / total_views), "0.00%", _pct(rng.uniform(0.9, 1.0)), "0.00%",
                     f"{units:,}", 0, _pct(units / sessions), "0.00%", _money(units * price), "$0.00", f"{items:,}", 0])
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(BR_HEADER)
        w.writerows(rows)
    return path


@dataclass
class DemoResult:
    templates: list[Path]
    workbooks: dict[str, Path]
    reports: list[Path]


def run_demo(out_dir: Path, progress: Callable[[str], None] = lambda msg: None) -> DemoResult:
    """Build every template, generate the sample reports, fill and refresh one workbook per template."""
    from xladdin.workbooks import OpenpyxlHost, refresh_book, template_kinds
    from xladdin.workbooks.builder import build_template, build_workbook, save_workbook
    from xladdin.workbooks.importer import import_reports
    from xladdin.workbooks.registry import get_template

    out_dir = Path(out_dir)
    (out_dir / "templates").mkdir(parents=True, exist_ok=True)
    samples = out_dir / "sample-reports"
    samples.mkdir(exist_ok=True)
    progress("templates / 模板")
    built: list[Path] = []
    for kind in template_kinds():
        built += build_template(get_template(kind), out_dir / "templates")
    progress("sample reports / 示例报表")
    business = write_business_report(samples)
    reports = {
        "ads": [write_search_terms(samples / "Sponsored Products Search term report.csv"), business],
        "inventory": [write_myi(samples / "Manage FBA Inventory.txt"), write_restock(samples / "Restock Inventory.txt"),
                      business],
    }
    fillers: dict[str, Callable] = {}
    for kind in template_kinds():
        if kind not in reports:  # other templates bring their own generator: xladdin/demo_samples/<kind>.py
            try:
                mod = importlib.import_module(f"xladdin.demo_samples.{kind}")
            except ModuleNotFoundError as exc:
                if exc.name != f"xladdin.demo_samples.{kind}":
                    raise
                reports[kind] = []
            else:
                reports[kind] = list(mod.sample_reports(samples))
                if hasattr(mod, "fill_workbook"):  # inputs typed by hand, not imported (e.g. listing content)
                    fillers[kind] = mod.fill_workbook
    books: dict[str, Path] = {}
    for kind in template_kinds():
        progress(f"{kind}: new, import, refresh / 新建、导入、刷新")
        path = out_dir / f"{kind}.xlsx"
        save_workbook(build_workbook(get_template(kind)), path, backup=False)
        host = OpenpyxlHost.open(path)
        import_reports(host, reports.get(kind, []))
        if kind in fillers:
            fillers[kind](host)
        refresh_book(host, kind)
        host.save()
        books[kind] = path
    return DemoResult(built, books, list(dict.fromkeys(p for ps in reports.values() for p in ps)))
