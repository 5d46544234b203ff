"""Logical test data and the header variants of helper 1's families (EN / ZH / DE, layouts by year).

Every variant of a family holds the *same logical rows* (below, as Python values), formatted the way that
UI writes them (``$5,897.64`` / ``US$5,897.64`` / ``5.897,64 €``; ``4.21%`` / ``4,21 %``; ``2,418``), so all
variants must normalise to the same canonical frame, built here independently of the parser.
Header rows are copied from amazon-reports.md, samples/ and the real exports' header rows (SOURCES.md);
spellings marked INFERRED there are used as such.  ``make_fixtures.py`` writes them to ``fixtures/``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

NBSP = "\u00a0"

# --- Business Report by child / parent ASIN ---------------------------------------------------------
BR_ROWS: list[dict[str, Any]] = [
    dict(parent_asin="B0CKQ7PARE", asin="B0CKQ7RD21", title='Silicone Utensils Set, 12 Pcs - Red 31" x 19"',
         sku="KU-12-RED", sessions=2418, sessions_b2b=37, session_pct=0.0421, session_pct_b2b=0.0006,
         page_views=3905, page_views_b2b=52, page_views_pct=0.0437, page_views_pct_b2b=0.0006, buy_box_pct=0.9874,
         buy_box_pct_b2b=1.0, units_ordered=236, units_ordered_b2b=4, unit_session_pct=0.0976,
         unit_session_pct_b2b=0.1081, ordered_sales=5897.64, ordered_sales_b2b=99.96, total_order_items=221,
         total_order_items_b2b=3, sessions_mobile=1804, sessions_browser=614, session_pct_mobile=0.0512,
         session_pct_mobile_b2b=0.0004, session_pct_browser=0.0288, session_pct_browser_b2b=0.0002),
    dict(parent_asin="B0CKQ7PARE", asin="B0CKQ7BK33", title="Küchenhelfer Set, Schwarz – Édition",
         sku="0042-BLK", sessions=13102, sessions_b2b=0, session_pct=0.154, session_pct_b2b=0.0,
         page_views=15240, page_views_b2b=0, page_views_pct=0.1586, page_views_pct_b2b=0.0, buy_box_pct=0.9912,
         buy_box_pct_b2b=0.0, units_ordered=1318, units_ordered_b2b=0, unit_session_pct=0.1006,
         unit_session_pct_b2b=0.0, ordered_sales=17510.95, ordered_sales_b2b=0.0, total_order_items=1297,
         total_order_items_b2b=0, sessions_mobile=10001, sessions_browser=3101, session_pct_mobile=0.1612,
         session_pct_mobile_b2b=0.0, session_pct_browser=0.1401, session_pct_browser_b2b=0.0),
    dict(parent_asin="B0D3MPARNT", asin="B0D3M8WH12", title="Bamboo Drawer Organizer",
         sku="BD-7-NAT", sessions=866, sessions_b2b=9, session_pct=0.0151, session_pct_b2b=0.0002,
         page_views=1311, page_views_b2b=12, page_views_pct=0.0147, page_views_pct_b2b=0.0001, buy_box_pct=0.963,
         buy_box_pct_b2b=1.0, units_ordered=61, units_ordered_b2b=1, unit_session_pct=0.0704,
         unit_session_pct_b2b=0.1111, ordered_sales=1524.39, ordered_sales_b2b=24.99, total_order_items=58,
         total_order_items_b2b=1, sessions_mobile=600, sessions_browser=266, session_pct_mobile=0.0171,
         session_pct_mobile_b2b=0.0003, session_pct_browser=0.0125, session_pct_browser_b2b=0.0001),
]

BR22 = ["parent_asin", "asin", "title", "sku", "sessions", "sessions_b2b", "session_pct", "session_pct_b2b",
        "page_views", "page_views_b2b", "page_views_pct", "page_views_pct_b2b", "buy_box_pct", "buy_box_pct_b2b",
        "units_ordered", "units_ordered_b2b", "unit_session_pct", "unit_session_pct_b2b", "ordered_sales",
        "ordered_sales_b2b", "total_order_items", "total_order_items_b2b"]

CHILD_HEADERS: dict[str, list[str]] = {
    # amazon-reports.md §2.1 (samples/business_report_child_en.csv)
    "en-classic": ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions - Total", "Sessions - Total - B2B",
                   "Session Percentage - Total", "Session Percentage - Total - B2B", "Page Views - Total",
                   "Page Views - Total - B2B", "Page Views Percentage - Total", "Page Views Percentage - Total - B2B",
                   "Featured Offer (Buy Box) Percentage", "Featured Offer (Buy Box) Percentage - B2B", "Units Ordered",
                   "Units Ordered - B2B", "Unit Session Percentage", "Unit Session Percentage - B2B",
                   "Ordered Product Sales", "Ordered Product Sales - B2B", "Total Order Items",
                   "Total Order Items - B2B"],
    # §2.2: en dash, sentence case (names from samples/business_report_child_en_gb_2025.csv, no splits)
    "en-2023": ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions – Total", "Sessions – Total – B2B",
                "Session percentage – Total", "Session percentage – Total – B2B", "Page views – Total",
                "Page views – Total – B2B", "Page views percentage – Total", "Page views percentage – Total – B2B",
                "Featured Offer (Buy Box) percentage", "Featured Offer (Buy Box) percentage – B2B", "Units ordered",
                "Units ordered – B2B", "Unit session percentage", "Unit session percentage – B2B",
                "Ordered  Product  Sales", "Ordered product sales – B2B", "Total order items ",
                "Total order items – B2B"],
    # §2.5 (samples/business_report_child_zh.csv)
    "zh": ["（父）ASIN", "（子）ASIN", "标题", "SKU", "会话数 - 总计", "会话 - 总计 - B2B", "转化率 - 总计",
           "会话百分比 - 总计 - B2B", "页面浏览量 - 总计 ", "页面浏览量 - 总计 - B2B", "页面浏览量百分比 - 总计",
           "页面浏览量百分比 - 总计 - B2B", "推荐报价（推荐报价展示位）百分比 ", "推荐报价（推荐报价展示位）百分比 - B2B",
           "已订购商品数量", "已订购商品数量 - B2B", "商品会话百分比", "商品会话百分比 - B2B", "已订购商品销售额",
           "已订购商品销售额 - B2B", "订单商品总数", "订单商品总数 - B2B"],
    # real export #6 header row (SOURCES.md), NBSPs included
    "de": ["(Übergeordnete) ASIN", "(Untergeordnete) ASIN", "Titel", "SKU", f"Sitzungen{NBSP}– Summe",
           "Sitzungen – Summe – B2B", "Prozentwert an Sitzungen – Summe", f"Prozentsatz Sitzung{NBSP}– Summe{NBSP}– B2B",
           f"Seitenaufrufe{NBSP}– Summe", "Seitenaufrufe – Summe – B2B", "Prozentsatz Seitenaufrufe – Summe",
           "Prozentsatz Seitenaufrufe – Summe – B2B", 'Hervorgehobenes Angebot ("In-den-Einkaufswagen") – Prozentsatz',
           "Hervorgehobenes Angebot (Einkaufswagen-Feld) Prozentwert – B2B", "Bestellte Einheiten",
           f"Bestellte Einheiten{NBSP}– B2B", "Prozentsatz an Einheiten pro Sitzung",
           f"Prozentsatz an Einheiten pro Sitzung{NBSP}– B2B", "Durch bestellte Produkte erzielter Umsatz",
           "Bestellsumme – B2B", "Zahl der Bestellposten", "Zahl der Bestellposten – B2B"],
}
CHILD_COLUMNS = {k: BR22 for k in CHILD_HEADERS}

# §2.3 pre-2021 layout: real export #5 header row.
CHILD_HEADERS["en-legacy"] = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions", "Session Percentage",
                              "Page Views", "Page Views Percentage", "Buy Box Percentage", "Units Ordered",
                              "Unit Session Percentage", "Ordered Product Sales", "Total Order Items"]
CHILD_COLUMNS["en-legacy"] = ["parent_asin", "asin", "title", "sku", "sessions", "session_pct", "page_views",
                              "page_views_pct", "buy_box_pct", "units_ordered", "unit_session_pct", "ordered_sales",
                              "total_order_items"]
# §2.2 2023+ layout with Mobile app / Browser splits (subset of samples/business_report_child_en_gb_2025.csv).
CHILD_HEADERS["en-2023-splits"] = ["(Parent) ASIN", "(Child) ASIN", "Title", "SKU", "Sessions – Mobile app",
                                   "Sessions – Browser", "Sessions – Total", "Session percentage – Mobile App",
                                   "Session percentage – Mobile APP – B2B", "Session percentage – Browser",
                                   "Session percentage – Browser – B2B", "Page views – Total",
                                   "Featured Offer (Buy Box) percentage", "Units ordered", "Unit Session Percentage",
                                   "Ordered Product Sales", "Total order items"]
CHILD_COLUMNS["en-2023-splits"] = ["parent_asin", "asin", "title", "sku", "sessions_mobile", "sessions_browser",
                                   "sessions", "session_pct_mobile", "session_pct_mobile_b2b", "session_pct_browser",
                                   "session_pct_browser_b2b", "page_views", "buy_box_pct", "units_ordered",
                                   "unit_session_pct", "ordered_sales", "total_order_items"]
# §2.6 German partial sample layout (16 verified names; order INFERRED)
CHILD_HEADERS["de-partial"] = ["(Übergeordnete) ASIN", "(Untergeordnete) ASIN", "Titel", "Sitzungen – mobile App",
                               "Sitzungen – Browser", "Sitzungen – Summe", "Sitzungen – Summe – B2B",
                               "Seitenaufrufe – Summe", "Seitenaufrufe – Summe – B2B", "Bestellte Einheiten",
                               "Bestellte Einheiten – B2B", "Prozentsatz an Einheiten pro Sitzung",
                               "Durch bestellte Produkte erzielter Umsatz", "Bestellsumme – B2B",
                               "Zahl der Bestellposten", "Zahl der Bestellposten – B2B"]
CHILD_COLUMNS["de-partial"] = ["parent_asin", "asin", "title", "sessions_mobile", "sessions_browser", "sessions",
                               "sessions_b2b", "page_views", "page_views_b2b", "units_ordered", "units_ordered_b2b",
                               "unit_session_pct", "ordered_sales", "ordered_sales_b2b", "total_order_items",
                               "total_order_items_b2b"]

PARENT_ROWS = [dict(r) for r in BR_ROWS[1:]]  # one row per parent
PARENT_HEADERS = {
    # INFERRED (§2.1): the classic layout without (Child) ASIN and SKU
    "en": [h for h in CHILD_HEADERS["en-classic"] if h not in ("(Child) ASIN", "SKU")],
    # samples/business_report_parent_zh_custom16.csv (real 16-column customised set)
    "zh-custom16": ["（父）ASIN", "标题", "会话数 - 总计", "会话 - 总计 - B2B", "转化率 - 移动应用 - B2B", "会话百分比 - 移动应用",
                    "会话百分比 - 浏览器", "会话百分比 - 浏览器 - B2B", "已订购商品数量", "已订购商品数量 - B2B", "商品会话百分比",
                    "商品会话百分比 - B2B", "已订购商品销售额", "已订购商品销售额 - B2B", "订单商品总数", "订单商品总数 - B2B"],
    "de": [h for h in CHILD_HEADERS["de"] if h not in ("(Untergeordnete) ASIN", "SKU")],
}
PARENT_COLUMNS = {
    "en": [c for c in BR22 if c not in ("asin", "sku")],
    "zh-custom16": ["parent_asin", "title", "sessions", "sessions_b2b", "session_pct_mobile_b2b", "session_pct_mobile",
                    "session_pct_browser", "session_pct_browser_b2b", "units_ordered", "units_ordered_b2b",
                    "unit_session_pct", "unit_session_pct_b2b", "ordered_sales", "ordered_sales_b2b",
                    "total_order_items", "total_order_items_b2b"],
    "de": [c for c in BR22 if c not in ("asin", "sku")],
}

# --- Business Report by date ------------------------------------------------------------------------
DATE_ROWS = [
    dict(date=dt.date(2026, 9, d), ordered_sales=s, ordered_sales_b2b=74.97, units_ordered=u, units_ordered_b2b=3,
         total_order_items=t, total_order_items_b2b=3, avg_sales_per_order_item=round(s / t, 2),
         avg_sales_per_order_item_b2b=24.99, avg_units_per_order_item=round(u / t, 2), avg_units_per_order_item_b2b=1.0,
         avg_selling_price=round(s / u, 2), avg_selling_price_b2b=24.99, sessions=se, sessions_b2b=18,
         order_item_session_pct=round(t / se, 4), order_item_session_pct_b2b=0.1667, avg_offer_count=57)
    for d, s, u, t, se in [(1, 4312.58, 172, 161, 3911), (2, 3980.11, 158, 150, 3702), (3, 14655.9, 586, 571, 14180)]
]
DATE_COLS = ["date", "ordered_sales", "ordered_sales_b2b", "units_ordered", "units_ordered_b2b", "total_order_items",
             "total_order_items_b2b", "avg_sales_per_order_item", "avg_sales_per_order_item_b2b",
             "avg_units_per_order_item", "avg_units_per_order_item_b2b", "avg_selling_price", "avg_selling_price_b2b",
             "sessions", "sessions_b2b", "order_item_session_pct", "order_item_session_pct_b2b", "avg_offer_count"]
DATE_HEADERS = {
    # §2.4 (samples/business_report_bydate_en.csv)
    "en-classic": ["Date", "Ordered Product Sales", "Ordered Product Sales - B2B", "Units Ordered", "Units Ordered - B2B",
                   "Total Order Items", "Total Order Items - B2B", "Average Sales per Order Item",
                   "Average Sales per Order Item - B2B", "Average Units per Order Item",
                   "Average Units per Order Item - B2B", "Average Selling Price", "Average Selling Price - B2B",
                   "Sessions - Total", "Sessions - Total - B2B", "Order Item Session Percentage",
                   "Order Item Session Percentage - B2B", "Average Offer Count"],
    # 2023+ (INFERRED: en dash and sentence case as in the by-ASIN report)
    "en-2023": ["Date", "Ordered product sales", "Ordered product sales – B2B", "Units ordered", "Units ordered – B2B",
                "Total order items", "Total order items – B2B", "Average sales per order item",
                "Average sales per order item – B2B", "Average units per order item",
                "Average units per order item – B2B", "Average selling price", "Average selling price – B2B",
                "Sessions – Total", "Sessions – Total – B2B", "Order item session percentage",
                "Order item session percentage – B2B", "Average offer count"],
    # §2.6 German by-date names (the B2B twins of the averages are INFERRED)
    "de": ["Datum", "Durch bestellte Produkte erzielter Umsatz", "Bestellsumme – B2B", "Bestellte Einheiten",
           "Bestellte Einheiten – B2B", "Zahl der Bestellposten", "Zahl der Bestellposten – B2B",
           "Durchschnittlicher Umsatz/Bestellposten", "Durchschnittlicher Umsatz/Bestellposten – B2B",
           "Durchschnitt Anzahl von Einheiten/Bestellposten", "Durchschnitt Anzahl von Einheiten/Bestellposten – B2B",
           "Durchschnittlicher Verkaufspreis", "Durchschnittlicher Verkaufspreis – B2B", "Sitzungen – Summe",
           "Sitzungen – Summe – B2B", "Prozentsatz Bestellposten pro Sitzung",
           "Bestellposten pro Sitzung Prozentwert – B2B", "Durchschnittliche Angebotszahl"],
}

# --- FBA ----------------------------------------------------------------------------------------------
MYI_HEADER = ["sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
              "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity", "afn-fulfillable-quantity",
              "afn-unsellable-quantity", "afn-reserved-quantity", "afn-total-quantity", "per-unit-volume",
              "afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity",
              "afn-researching-quantity", "afn-reserved-future-supply", "afn-future-supply-buyable"]
MYI_COLS = ["sku", "fnsku", "asin", "product_name", "condition", "price", "mfn_listing_exists", "mfn_fulfillable",
            "afn_listing_exists", "warehouse", "fulfillable", "unsellable", "reserved", "total", "per_unit_volume",
            "inbound_working", "inbound_shipped", "inbound_receiving", "researching", "reserved_future_supply",
            "future_supply_buyable"]
MYI_ROWS = [
    dict(sku="KU-12-RED", fnsku="X003ABC101", asin="B0CKQ7RD21", product_name='Utensils Set – Red 31" x 19"',
         condition="New", price=24.99, mfn_listing_exists=False, mfn_fulfillable=None, afn_listing_exists=True,
         warehouse=1412, fulfillable=1388, unsellable=3, reserved=21, total=1612, per_unit_volume=0.08,
         inbound_working=0, inbound_shipped=200, inbound_receiving=0, researching=0, reserved_future_supply=0,
         future_supply_buyable=0),
    dict(sku="00123", fnsku="X003ABC102", asin="B0CKQ7BK33", product_name="Küchenhelfer, Schwarz", condition="New",
         price=1024.5, mfn_listing_exists=True, mfn_fulfillable=15, afn_listing_exists=True, warehouse=95,
         fulfillable=61, unsellable=1, reserved=33, total=895, per_unit_volume=0.19, inbound_working=300,
         inbound_shipped=500, inbound_receiving=0, researching=1, reserved_future_supply=0, future_supply_buyable=0),
]

RESTOCK_CURRENT = ["Country", "Product Name", "FNSKU", "Merchant SKU", "ASIN", "Condition", "Supplier",
                   "Supplier part no.", "Currency code", "Price", "Sales last 30 days", "Units Sold Last 30 Days",
                   "Total Units", "Inbound", "Available", "FC transfer", "FC Processing", "Customer Order",
                   "Unfulfillable", "Working", "Shipped", "Receiving", "Fulfilled by",
                   "Total Days of Supply (including units from open shipments)",
                   "Days of Supply at Amazon Fulfillment Network", "Alert", "Recommended replenishment qty",
                   "Recommended ship date", "Recommended action", "Unit storage size"]
RESTOCK_CURRENT_COLS = ["country", "product_name", "fnsku", "sku", "asin", "condition", "supplier",
                        "supplier_part_no", "currency", "price", "sales_30d", "units_sold_30d", "total_units",
                        "inbound", "available", "fc_transfer", "fc_processing", "customer_order", "unfulfillable",
                        "inbound_working", "inbound_shipped", "inbound_receiving", "fulfilled_by",
                        "total_days_of_supply", "days_of_supply", "alert", "recommended_qty",
                        "recommended_ship_date", "recommended_action", "unit_storage_size"]
RESTOCK_2019 = ["Country", "Product Description", "FNSKU", "SKU", "ASIN", "Condition", "Supplier", "Supplier part no.",
                "Currency Code", "Price", "Sales last 30 days (sales)", "Sales last 30 days (units)", "Total Inventory",
                "Inbound Inventory", "Available Inventory", "Reserved - FC transfer", "Reserved - FC processing",
                "Reserved - Customer Order", "Unfulfillable", "Fulfilled by", "Days of Supply", "Instock Alert",
                "Recommended Order Quantity", "Recommended Order Date"]
RESTOCK_2019_COLS = ["country", "product_name", "fnsku", "sku", "asin", "condition", "supplier", "supplier_part_no",
                     "currency", "price", "sales_30d", "units_sold_30d", "total_units", "inbound", "available",
                     "fc_transfer", "fc_processing", "customer_order", "unfulfillable", "fulfilled_by",
                     "days_of_supply", "alert", "recommended_qty", "recommended_ship_date"]
RESTOCK_ROWS = [
    dict(country="US", product_name="Utensils Set – Red", fnsku="X003ABC101", sku="KU-12-RED", asin="B0CKQ7RD21",
         condition="New", supplier="Ningbo KitchenPro", supplier_part_no="NKP-12R", currency="USD", price=24.99,
         sales_30d=5897.64, units_sold_30d=236, total_units=1612, inbound=200, available=1388, fc_transfer=9,
         fc_processing=4, customer_order=8, unfulfillable=3, inbound_working=0, inbound_shipped=200,
         inbound_receiving=0, fulfilled_by="Amazon", total_days_of_supply=78.0, days_of_supply=49.0, alert=None,
         recommended_qty=0, recommended_ship_date=None, recommended_action="No action required",
         unit_storage_size="Standard"),
    dict(country="US", product_name="Bath Mat, Grey", fnsku="X003ABC102", sku="0042", asin="B0CKQ7BK33",
         condition="New", supplier=None, supplier_part_no=None, currency="USD", price=39.99, sales_30d=1155.96,
         units_sold_30d=29, total_units=11, inbound=0, available=11, fc_transfer=0, fc_processing=0,
         customer_order=0, unfulfillable=0, inbound_working=0, inbound_shipped=0, inbound_receiving=0,
         fulfilled_by="Amazon", total_days_of_supply=365.0, days_of_supply=365.0, alert="low_stock",
         recommended_qty=1420, recommended_ship_date=dt.date(2026, 9, 22), recommended_action="Reorder now",
         unit_storage_size="Oversize"),
]

# --- formatting ------------------------------------------------------------------------------------
KINDS = {
    "parent_asin": "asin", "asin": "asin", "title": "text", "sku": "id", "fnsku": "id", "product_name": "text",
    "condition": "text", "country": "text", "supplier": "text", "supplier_part_no": "text", "currency": "text",
    "fulfilled_by": "text", "alert": "text", "recommended_action": "text", "unit_storage_size": "text",
    "date": "date", "recommended_ship_date": "date", "mfn_listing_exists": "bool", "afn_listing_exists": "bool",
    "per_unit_volume": "float", "avg_units_per_order_item": "float", "avg_units_per_order_item_b2b": "float",
    "avg_offer_count": "float", "days_of_supply": "float", "total_days_of_supply": "float",
    "snapshot_date": "date", "recommended_ship_in_date": "date", "low_inventory_fee_exempt": "bool",
    "inventory_health_status": "text", "marketplace": "text",
}


def kind_of(col: str) -> str:
    if col in KINDS:
        return KINDS[col]
    if "pct" in col:
        return "pct"
    if any(k in col for k in ("sales", "price")):
        return "money"
    return "int"


def _group(n: int, sep: str) -> str:
    return f"{n:,}".replace(",", sep)


def fmt(value: Any, col: str, style: str) -> str:
    """Format one logical value as the UI ``style`` writes it: en, zh, de, de-dot (real DE file), plain."""
    kind = kind_of(col)
    if value is None:
        return ""
    if style == "iso":  # FBA planning: ISO dates, plain numbers
        if kind == "date":
            return value.isoformat()
        style = "plain"
    if kind in ("text", "id", "asin"):
        return str(value)
    if kind == "bool":
        return "Yes" if value else "No"
    if kind == "date":
        return {"en": value.strftime("%m/%d/%y"), "zh": value.strftime("%m/%d/%y"), "de": value.strftime("%d.%m.%y"),
                "de-dot": value.strftime("%d.%m.%y"), "plain": value.strftime("%m/%d/%Y"),
                "uk": value.strftime("%d/%m/%Y")}[style]
    if kind == "int":
        return _group(int(value), ",") if style != "plain" else str(int(value))
    if kind == "float":
        return f"{value:.2f}" if style != "de" else f"{value:.2f}".replace(".", ",")
    if kind == "pct":
        s = f"{value * 100:.2f}"
        return s.replace(".", ",") + " %" if style == "de" else s + "%"
    # money
    whole, frac = f"{value:.2f}".split(".")
    if style in ("de", "de-dot"):
        return f"{_group(int(whole), '.')},{frac}{NBSP}€"
    if style == "plain":
        return f"{value:.2f}"
    sym = {"en": "$", "zh": "US$", "uk": "£"}[style]
    return f"{sym}{_group(int(whole), ',')}.{frac}"


def typed(value: Any, col: str) -> Any:
    """The value as an Excel cell holds it after Excel typed it (percent as fraction, date as datetime)."""
    kind = kind_of(col)
    if value is None:
        return None
    if kind == "date":
        return dt.datetime(value.year, value.month, value.day)
    if kind == "bool":
        return "Yes" if value else "No"
    return value


def text_rows(rows: list[dict[str, Any]], cols: list[str], style: str) -> list[list[str]]:
    return [[fmt(r.get(c), c, style) for c in cols] for r in rows]


def typed_rows(rows: list[dict[str, Any]], cols: list[str]) -> list[list[Any]]:
    return [[typed(r.get(c), c) for c in cols] for r in rows]


_DTYPES = {"int": "Int64", "float": "float64", "money": "float64", "pct": "float64", "text": "str", "id": "str",
           "asin": "str", "bool": "boolean"}


def expected(rows: list[dict[str, Any]], cols: list[str], family) -> pd.DataFrame:
    """The canonical frame, built from the logical values (not by the parser): family column order,
    core columns always present, bound companions for ``bound`` columns."""
    present = set(cols)
    out: dict[str, Any] = {}
    for c in family.columns:
        if c.name not in present and not c.core:
            continue
        vals = [r.get(c.name) if c.name in present else None for r in rows]
        if c.kind == "date":
            out[c.name] = pd.Series(np.array([np.datetime64(v, "D") if v else np.datetime64("NaT") for v in vals],
                                             dtype="datetime64[D]").astype("datetime64[s]"))
        elif c.kind in ("float", "money", "pct"):
            out[c.name] = pd.Series(np.array([np.nan if v is None else float(v) for v in vals], dtype="float64"))
        else:
            out[c.name] = pd.Series(pd.array(vals, dtype=_DTYPES[c.kind]))
        if c.bound:
            out[f"{c.name}_bound"] = pd.Series(pd.array([None] * len(rows), dtype="str"))
    return pd.DataFrame(out)

# --- FBA Inventory (planning): header of samples/fba_inventory_planning_en.txt (89 columns, INFERRED order) ---
PLANNING_HEADER = ['snapshot-date', 'sku', 'fnsku', 'asin', 'product-name', 'condition', 'available', 'pending-removal-quantity', 'inv-age-0-to-90-days', 'inv-age-91-to-180-days', 'inv-age-181-to-270-days', 'inv-age-271-to-365-days', 'inv-age-365-plus-days', 'currency', 'units-shipped-t7', 'units-shipped-t30', 'units-shipped-t60', 'units-shipped-t90', 'alert', 'your-price', 'sales-price', 'lowest-price-new-plus-shipping', 'lowest-price-used', 'recommended-action', 'healthy-inventory-level', 'recommended-sales-price', 'recommended-sale-duration-days', 'recommended-removal-quantity', 'estimated-cost-savings-of-recommended-actions', 'sell-through', 'item-volume', 'volume-unit-measurement', 'storage-type', 'storage-volume', 'marketplace', 'product-group', 'sales-rank', 'days-of-supply', 'estimated-excess-quantity', 'weeks-of-cover-t30', 'weeks-of-cover-t90', 'featuredoffer-price', 'sales-shipped-last-7-days', 'sales-shipped-last-30-days', 'sales-shipped-last-60-days', 'sales-shipped-last-90-days', 'inv-age-0-to-30-days', 'inv-age-31-to-60-days', 'inv-age-61-to-90-days', 'inv-age-181-to-330-days', 'inv-age-331-to-365-days', 'estimated-storage-cost-next-month', 'inbound-quantity', 'inbound-working', 'inbound-shipped', 'inbound-received', 'no-sale-last-6-months', 'reserved-quantity', 'unfulfillable-quantity', 'quantity-to-be-charged-ais-181-210-days', 'estimated-ais-181-210-days', 'quantity-to-be-charged-ais-211-240-days', 'estimated-ais-211-240-days', 'quantity-to-be-charged-ais-241-270-days', 'estimated-ais-241-270-days', 'quantity-to-be-charged-ais-271-300-days', 'estimated-ais-271-300-days', 'quantity-to-be-charged-ais-301-330-days', 'estimated-ais-301-330-days', 'quantity-to-be-charged-ais-331-365-days', 'estimated-ais-331-365-days', 'quantity-to-be-charged-ais-365-PLUS-days', 'estimated-ais-365-plus-days', 'historical-days-of-supply', 'fba-minimum-inventory-level', 'fba-inventory-level-health-status', 'Recommended ship-in quantity', 'Recommended ship-in date', 'Last updated date for Historical Days of Supply', 'Exempted from Low-Inventory cost coverage fee?', 'Low-Inventory cost coverage fee applied in current week?', 'Short term historical days of supply', 'Long term historical days of supply', 'Inventory age snapshot date', 'Inventory Supply at FBA', 'Reserved FC Transfer', 'Reserved FC Processing', 'Reserved Customer Order', 'Total Days of Supply (including units from open shipments)']
PLANNING_COLS = ['snapshot_date', 'sku', 'fnsku', 'asin', 'product_name', 'condition', 'available', 'pending_removal', 'inv_age_0_90', 'inv_age_91_180', 'inv_age_181_270', 'inv_age_271_365', 'inv_age_365_plus', 'currency', 'units_shipped_7d', 'units_shipped_30d', 'units_shipped_60d', 'units_shipped_90d', 'alert', 'price', 'sales_price', 'lowest_price_new', 'lowest_price_used', 'recommended_action', 'healthy_inventory_level', 'recommended_sales_price', 'recommended_sale_duration_days', 'recommended_removal_qty', 'estimated_cost_savings', 'sell_through', 'item_volume', 'volume_unit', 'storage_type', 'storage_volume', 'marketplace', 'product_group', 'sales_rank', 'days_of_supply', 'estimated_excess_qty', 'weeks_of_cover_30d', 'weeks_of_cover_90d', 'featured_offer_price', 'sales_shipped_7d', 'sales_shipped_30d', 'sales_shipped_60d', 'sales_shipped_90d', 'inv_age_0_30', 'inv_age_31_60', 'inv_age_61_90', 'inv_age_181_330', 'inv_age_331_365', 'estimated_storage_cost_next_month', 'inbound', 'inbound_working', 'inbound_shipped', 'inbound_received', 'no_sale_last_6_months', 'reserved', 'unfulfillable', 'ais_qty_181_210', 'ais_estimated_181_210', 'ais_qty_211_240', 'ais_estimated_211_240', 'ais_qty_241_270', 'ais_estimated_241_270', 'ais_qty_271_300', 'ais_estimated_271_300', 'ais_qty_301_330', 'ais_estimated_301_330', 'ais_qty_331_365', 'ais_estimated_331_365', 'ais_qty_365_plus', 'ais_estimated_365_plus', 'historical_days_of_supply', 'fba_minimum_inventory_level', 'inventory_health_status', 'recommended_ship_in_qty', 'recommended_ship_in_date', 'historical_days_of_supply_updated', 'low_inventory_fee_exempt', 'low_inventory_fee_applied', 'short_term_historical_days_of_supply', 'long_term_historical_days_of_supply', 'inventory_age_snapshot_date', 'inventory_supply_at_fba', 'reserved_fc_transfer', 'reserved_fc_processing', 'reserved_customer_order', 'total_days_of_supply']
PLANNING_ROWS = [
    dict(snapshot_date=dt.date(2026, 9, 30), sku="KU-12-RED", fnsku="X003ABC101", asin="B0CKQ7RD21",
         product_name="Utensils Set, 12 Pcs - Red", condition="New", available=388, inv_age_0_90=300, inv_age_91_180=88,
         inv_age_181_270=0, inv_age_271_365=0, inv_age_365_plus=0, currency="USD", units_shipped_30d=236, price=24.99,
         days_of_supply=49.0, inbound=200, inventory_health_status="Healthy", recommended_ship_in_qty=0,
         recommended_ship_in_date=None, low_inventory_fee_exempt=False, marketplace="US",
         total_days_of_supply=59.0),
    dict(snapshot_date=dt.date(2026, 9, 30), sku="00077", fnsku="X003ABC102", asin="B0CKQ7BK33",
         product_name="Küchenhelfer, Schwarz", condition="New", available=61, inv_age_0_90=61, inv_age_91_180=0,
         inv_age_181_270=0, inv_age_271_365=0, inv_age_365_plus=0, currency="USD", units_shipped_30d=1318,
         price=1024.5, days_of_supply=6.0, inbound=800, inventory_health_status="Low stock",
         recommended_ship_in_qty=1420, recommended_ship_in_date=dt.date(2026, 10, 2), low_inventory_fee_exempt=True,
         marketplace="US", total_days_of_supply=16.0),
]
