"""Logical rows and real header rows for the advertising fixtures (invented values, real header spellings).

Used by ``make_ads_fixtures.py`` (writes ``fixtures/ads/``) and by the tests, which build the *expected*
canonical frame from the same logical rows by hand (never through the code under test).

Header rows: amazon-reports.md §3 and the real exports' exact header rows in shared/real-exports/SOURCES.md
(trailing spaces, NBSP and ``ACoS``/``ACOS`` casing kept as Amazon writes them).
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

# --- search term: one logical table, written in every language / format / encoding -------------------------
# (targeting, match type, search term, impressions, clicks, spend, sales, orders, units, adv units, other units,
#  adv sales, other sales); campaign / ad group follow the targeting.
START, END = dt.date(2026, 9, 1), dt.date(2026, 9, 30)
PORTFOLIO = "Küche & Haushalt"  # non-ASCII, encodable in cp1252 and GBK
ST_ROWS = [
    ("SP_KU12_Auto", "Auto_All", "close-match", "-", "silicone cooking utensils",
     18342, 211, 187.79, 1124.71, 47, 49, 45, 4, 1075.71, 49.00),
    ("SP_KU12_Auto", "Auto_All", "substitutes", "-", "b0bxyz1234",
     6210, 38, 29.64, 49.98, 2, 2, 2, 0, 49.98, 0.00),
    ("SP_KU12_Exact", "Exact_Core", "silicone utensil set", "EXACT", "silicone utensil set",
     9877, 164, 193.52, 1374.45, 55, 57, 52, 5, 1299.48, 74.97),
    ("SP_KU12_Broad", "Broad_Discovery", "kitchen utensils", "BROAD", "kitchen utensils set stainless steel",
     4411, 41, 46.33, 0.0, 0, 0, 0, 0, 0.0, 0.0),
    ("SP_KU12_Broad", "Broad_Discovery", "kitchen utensils", "BROAD", "cooking utensils, for nonstick pans",
     7120, 96, 101.76, 699.72, 28, 30, 27, 3, 674.73, 24.99),
    ("SP_KU12_PAT", "PAT_Competitors", 'asin="B0BXYZ1234"', "-", "b0bxyz1234",
     2980, 33, 31.02, 124.95, 5, 5, 5, 0, 124.95, 0.00),
    ("SP_KU12_Exact", "Exact_Core", "spatula set", "EXACT", "spatula set",
     0, 0, 0.0, 0.0, 0, 0, 0, 0, 0.0, 0.0),
]


def st_logical(currency: str = "USD") -> list[dict]:
    out = []
    for (camp, grp, tgt, mt, term, imp, clk, spend, sales, orders, units, au, ou, asales, osales) in ST_ROWS:
        out.append(dict(
            start_date=START, end_date=END, portfolio=PORTFOLIO, currency=currency, campaign_name=camp,
            ad_group_name=grp, targeting=tgt, match_type=mt, search_term=term, impressions=imp, clicks=clk,
            # Amazon rounds the derived metrics to 2 decimals in %: 1.15% -> 0.0115
            ctr=round(clk / imp, 4) if imp else 0.0, cpc=round(spend / clk, 2) if clk else 0.0, spend=spend,
            sales=sales, acos=round(spend / sales, 4) if sales else None,
            roas=round(sales / spend, 2) if spend else 0.0,
            orders=orders, units=units, cvr=round(orders / clk, 4) if clk else 0.0,
            advertised_sku_units=au, other_sku_units=ou, advertised_sku_sales=asales, other_sku_sales=osales))
    return out


ST_ORDER = ["start_date", "end_date", "portfolio", "currency", "campaign_name", "ad_group_name", "targeting",
            "match_type", "search_term", "impressions", "clicks", "ctr", "cpc", "spend", "sales", "acos", "roas",
            "orders", "units", "cvr", "advertised_sku_units", "other_sku_units", "advertised_sku_sales",
            "other_sku_sales"]

HEADER_ST_EN = ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Targeting",
                "Match Type", "Customer Search Term", "Impressions", "Clicks", "Click-Thru Rate (CTR)",
                "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ", "Total Advertising Cost of Sales (ACOS) ",
                "Total Return on Advertising Spend (ROAS)", "7 Day Total Orders (#)", "7 Day Total Units (#)",
                "7 Day Conversion Rate", "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)",
                "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales "]
HEADER_ST_ZH = ["开始日期", "结束日期", "广告组合名称", "货币", "广告活动名称", "广告组名称", "投放", "匹配类型", "客户搜索词",
                "展示量", "点击量", "点击率 (CTR)", "单次点击成本 (CPC)", "花费", "7天总销售额", "广告投入产出比 (ACOS) 总计",
                "总广告投资回报率 (ROAS)", "7天总订单数(#)", "7天总销售量(#)", "7天的转化率", "7天内广告SKU销售量(#)",
                "7天内其他SKU销售量(#)", "7天内广告SKU销售额", "7天内其他SKU销售额 "]
# Real German export (SOURCES.md #4), NBSP and hyphen variants kept.
HEADER_ST_DE = ["Startdatum", "Enddatum", "Portfolioname", "Währung", "Kampagnen-Name", "Anzeigengruppenname",
                "Ausrichtung", "Übereinstimmungstyp", "Suchbegriff des Kunden", "Impressionen", "Klicks",
                "Klickrate (CTR)", "Kosten pro Klick (CPC)", "Ausgaben", "7 Tage, Umsatz gesamt (€)",
                "Zugeschriebene Umsatzkosten (ACOS) gesamt ", "Gesamte Rentabilität der Anzeigenkosten (ROAS)",
                "7 Tage, Aufträge gesamt (#)", "7\u00a0Tage, Einheiten gesamt (#)", "7-Tage-Konversionsrate",
                "7\u00a0Tage, Beworbene SKU-Einheiten (#)", "7-Tage, Andere SKU-Einheiten (#)",
                "7\u00a0Tage, Beworbene SKU-Umsätze (€)", "7-Tage, Andere SKU-Umsätze (€)"]
MONEY = {"cpc", "spend", "sales", "advertised_sku_sales", "other_sku_sales"}
PCT = {"ctr", "acos", "cvr"}
INTS = {"impressions", "clicks", "orders", "units", "advertised_sku_units", "other_sku_units"}
DATES = {"start_date", "end_date"}


def fmt_cell(col: str, v, style: str, symbol: str):
    """One logical value as the console writes it in a CSV of ``style`` ("en", "iso", "de")."""
    if v is None:
        return ""
    if col in DATES:
        if style == "en":
            return v.strftime("%b %d, %Y")
        if style == "de":
            return v.strftime("%d.%m.%Y")
        return v.isoformat()
    if col in MONEY:
        s = f"{v:,.2f}"
        if style == "de":
            return s.replace(",", "\0").replace(".", ",").replace("\0", ".") + f" {symbol}"
        return f"{symbol}{s}"
    if col in PCT:
        s = f"{v * 100:.2f}"
        return s.replace(".", ",") + " %" if style == "de" else s + "%"
    if col in INTS:
        s = f"{v:,}"
        return s.replace(",", ".") if style == "de" else s
    if col == "roas":
        s = f"{v:.2f}"
        return s.replace(".", ",") if style == "de" else s
    return v


def st_csv_rows(style: str, symbol: str, currency: str) -> list[list]:
    return [[fmt_cell(c, r[c], style, symbol) for c in ST_ORDER] for r in st_logical(currency)]


def st_xlsx_rows(currency: str) -> list[list]:
    """Typed cells as Amazon's XLSX holds them: real dates, floats, fractions, empty ACOS when sales are 0."""
    out = []
    for r in st_logical(currency):
        row = []
        for c in ST_ORDER:
            v = r[c]
            if c in DATES:
                v = dt.datetime(v.year, v.month, v.day)
            elif c in INTS | MONEY | PCT | {"roas"} and v is not None:
                v = float(v)
            row.append(v)
        out.append(row)
    return out


def st_expected(currency: str = "USD") -> pd.DataFrame:
    """The canonical frame the logical rows must give, built by hand."""
    rows = st_logical(currency)
    col = {c: [r[c] for r in rows] for c in ST_ORDER}
    data = {}
    for c in ST_ORDER:
        v = col[c]
        if c in DATES:
            data[c] = np.array([np.datetime64(x, "D") for x in v]).astype("datetime64[s]")
        elif c in INTS:
            data[c] = pd.array(v, dtype="Int64")
        elif c in MONEY | PCT | {"roas"}:
            data[c] = np.array([np.nan if x is None else float(x) for x in v])
        else:
            data[c] = pd.array([None if x in ("-", "") else x for x in v], dtype="str")
    # ASIN search terms are upper-cased (amazon-reports.md §1.4)
    data["search_term"] = pd.array([s.upper() if s.startswith("b0") else s for s in col["search_term"]], dtype="str")
    return pd.DataFrame(data)
