"""Write the advertising and third-party fixtures (``fixtures/ads/``, ``fixtures/thirdparty/``).

    python tests/reports/make_ads_fixtures.py

Every value is invented; header rows are the real ones (ads_data.py, amazon-reports.md, SOURCES.md).  The
files are committed; re-running this script rewrites them byte for byte (XLSX core properties are fixed).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import ads_data as D  # noqa: E402

ADS = HERE / "fixtures" / "ads"
THIRD = HERE / "fixtures" / "thirdparty"
FIXED = dt.datetime(2026, 1, 1)


def csv_bytes(header, rows, *, encoding="utf-8", bom=False, delimiter=",", quote_all=False) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n" if encoding == "cp1252" else "\n",
                   quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    w.writerow(header)
    w.writerows(rows)
    data = buf.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def write_xlsx(path: Path, sheets: dict) -> None:
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        for r in rows:
            ws.append(list(r))
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    wb.properties.creator = "xladdin fixtures"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(path)


ST_SHEET = "Sponsored Product Search Term Report"  # cut to 31 characters on save, as Amazon does


def sniff_fixtures() -> None:
    """Same logical search-term rows: US store (EN / ZH) and DE store (DE / EN / ZH)."""
    us = ADS / "sniff_us"
    en = D.st_csv_rows("en", "$", "USD")
    zh = D.st_csv_rows("iso", "$", "USD")
    write(us / "en-utf8.csv", csv_bytes(D.HEADER_ST_EN, en))
    write(us / "en-bom.csv", csv_bytes(D.HEADER_ST_EN, en, bom=True))
    write(us / "en-cp1252.csv", csv_bytes(D.HEADER_ST_EN, en, encoding="cp1252"))
    write(us / "zh-utf8.csv", csv_bytes(D.HEADER_ST_ZH, zh))
    write(us / "zh-bom.csv", csv_bytes(D.HEADER_ST_ZH, zh, bom=True))
    write(us / "zh-gbk.csv", csv_bytes(D.HEADER_ST_ZH, zh, encoding="gbk"))
    write_xlsx(us / "en.xlsx", {ST_SHEET: [D.HEADER_ST_EN, *D.st_xlsx_rows("USD")]})
    write_xlsx(us / "zh.xlsx", {ST_SHEET: [D.HEADER_ST_ZH, *D.st_xlsx_rows("USD")]})

    eu = ADS / "sniff_de"
    de = D.st_csv_rows("de", "€", "EUR")
    write(eu / "de-bom.csv", csv_bytes(D.HEADER_ST_DE, de, bom=True))
    write(eu / "de-cp1252-semicolon.csv", csv_bytes(D.HEADER_ST_DE, de, encoding="cp1252", delimiter=";"))
    write(eu / "de-utf8-quoted.csv", csv_bytes(D.HEADER_ST_DE, de, quote_all=True))
    write(eu / "en-utf8.csv", csv_bytes(D.HEADER_ST_EN, D.st_csv_rows("en", "€", "EUR")))
    write(eu / "en-cp1252.csv", csv_bytes(D.HEADER_ST_EN, D.st_csv_rows("en", "€", "EUR"), encoding="cp1252"))
    write(eu / "zh-gb18030.csv", csv_bytes(D.HEADER_ST_ZH, D.st_csv_rows("iso", "€", "EUR"), encoding="gb18030"))
    write_xlsx(eu / "de.xlsx", {"Sponsored_Products_Suchbegriff_Bericht": [D.HEADER_ST_DE, *D.st_xlsx_rows("EUR")]})


# --- other search-term layouts ----------------------------------------------------------------------------
HEADER_ST_EN_RETAILER = ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name",
                         "Retailer", "Country", "Targeting", "Match Type", "Customer Search Term", "Impressions",
                         "Clicks", "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ",
                         "Total Advertising Cost of Sales (ACOS) ", "Total Return on Advertising Spend (ROAS)",
                         "7 Day Total Orders (#)", "7 Day Total Units (#)", "7 Day Conversion Rate",
                         "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)", "7 Day Advertised SKU Sales ",
                         "7 Day Other SKU Sales "]
# xvr 2019 (SOURCES.md #1): daily, ACoS/RoAS casing.
HEADER_ST_LEGACY = ["Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Targeting", "Match Type",
                    "Customer Search Term", "Impressions", "Clicks", "Click-Thru Rate (CTR)", "Cost Per Click (CPC)",
                    "Spend", "7 Day Total Sales ", "Total Advertising Cost of Sales (ACoS) ",
                    "Total Return on Advertising Spend (RoAS)", "7 Day Total Orders (#)", "7 Day Total Units (#)",
                    "7 Day Conversion Rate", "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)",
                    "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales "]
# umairnsr87 2020 (SOURCES.md #3): 14-day, currency in the header, Advertised / Brand Halo ASIN.
HEADER_ST_14D_INR = ["Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Targeting", "Match Type",
                     "Customer Search Term", "Impressions", "Clicks", "Click-Thru Rate (CTR)", "Cost Per Click (CPC)",
                     "Spend", "14 Day Total Sales (₹)", "Total Advertising Cost of Sales (ACoS)",
                     "Total Return on Advertising Spend (RoAS)", "14 Day Total Orders (#)", "14 Day Total Units (#)",
                     "14 Day Conversion Rate", "14 Day Advertised ASIN Units (#)", "14 Day Brand Halo ASIN Units (#)",
                     "14 Day Advertised ASIN Sales (₹)", "14 Day Brand Halo ASIN Sales (₹)"]
HEADER_V3_ST = ["date", "campaignId", "campaignName", "adGroupId", "adGroupName", "keywordId", "keyword", "matchType",
                "keywordType", "targeting", "searchTerm", "impressions", "clicks", "costPerClick", "clickThroughRate",
                "cost", "purchases7d", "unitsSoldClicks7d", "sales7d", "attributedSalesSameSku7d", "salesOtherSku7d",
                "acosClicks7d", "roasClicks7d", "campaignBudgetCurrencyCode", "portfolioId"]


def search_term_fixtures() -> None:
    d = ADS / "sp_search_term"
    rows = []
    for r in D.st_logical("USD")[:3]:
        rows.append([D.fmt_cell(c, r[c], "en", "$") for c in D.ST_ORDER[:6]] + ["Amazon", "United States"]
                    + [D.fmt_cell(c, r[c], "en", "$") for c in D.ST_ORDER[6:]])
    write(d / "en-summary-retailer.csv", csv_bytes(HEADER_ST_EN_RETAILER, rows))
    # Legacy daily XLSX: one Date column holding a real date, ACoS empty when sales are 0, Targeting "*".
    leg = []
    for i, r in enumerate(D.st_logical("USD")[:4]):
        typed = dict(zip(D.ST_ORDER, D.st_xlsx_rows("USD")[i]))
        leg.append([dt.datetime(2019, 11, 20 + i), "Not grouped", "USD", r["campaign_name"], r["ad_group_name"],
                    "*" if r["match_type"] == "-" else r["targeting"], r["match_type"], r["search_term"]]
                   + [typed[c] for c in D.ST_ORDER[9:]])
    write_xlsx(d / "en-legacy-daily.xlsx", {ST_SHEET: [HEADER_ST_LEGACY, *leg]})
    inr = []
    for i, r in enumerate(D.st_logical("INR")[:4]):
        typed = dict(zip(D.ST_ORDER, D.st_xlsx_rows("INR")[i]))
        inr.append([dt.datetime(2020, 2, 1 + i), "Not grouped", "INR", r["campaign_name"], r["ad_group_name"],
                    r["targeting"], r["match_type"], r["search_term"]] + [typed[c] for c in D.ST_ORDER[9:]])
    write_xlsx(d / "en-14day-inr.xlsx", {ST_SHEET: [HEADER_ST_14D_INR, *inr]})
    # Ads API v3, daily, 17-digit IDs (beyond 2^53: they must keep every digit).
    v3 = []
    for i, r in enumerate(D.st_logical("USD")[:5]):
        v3.append(["2026-09-0%d" % (i + 1), "31284567123000%03d" % i, r["campaign_name"], "40112398765000%03d" % i,
                   r["ad_group_name"], "5501234567800%04d" % i if r["match_type"] != "-" else "",
                   r["targeting"], r["match_type"] if r["match_type"] != "-" else "TARGETING_EXPRESSION_PREDEFINED",
                   r["match_type"] if r["match_type"] != "-" else "TARGETING_EXPRESSION_PREDEFINED",
                   r["targeting"], r["search_term"], r["impressions"], r["clicks"], f"{r['cpc']:.4f}",
                   f"{r['ctr']:.4f}", f"{r['spend']:.2f}", r["orders"], r["units"], f"{r['sales']:.2f}",
                   f"{r['advertised_sku_sales']:.2f}", f"{r['other_sku_sales']:.2f}",
                   "" if r["acos"] is None else f"{r['acos']:.4f}", f"{r['roas']:.4f}", "USD", "90123456789012"])
    write(d / "api-v3-daily.csv", csv_bytes(HEADER_V3_ST, v3))
    # Ads API v3 summary with only the 14-day window.
    h14 = ["startDate", "endDate", "campaignId", "campaignName", "adGroupId", "adGroupName", "searchTerm", "targeting",
           "matchType", "impressions", "clicks", "cost", "sales14d", "purchases14d", "unitsSoldClicks14d"]
    rows14 = [["2026-09-01", "2026-09-30", "312845671230002", "SP_KU12_Exact", "401123987650002", "Exact_Core",
               "silicone utensil set", "silicone utensil set", "EXACT", 9877, 164, 193.52, 1374.45, 55, 57],
              ["2026-09-01", "2026-09-30", "312845671230001", "SP_KU12_Auto", "401123987650001", "Auto_All",
               "B0BXYZ1234", "substitutes", "TARGETING_EXPRESSION_PREDEFINED", 6210, 38, 29.64, 49.98, 2, 2]]
    write(d / "api-v3-summary-14d.csv", csv_bytes(h14, rows14))


# --- targeting, campaign, advertised product --------------------------------------------------------------
HEADER_TGT_EN = ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Country", "Ad Group Name",
                 "Retailer", "Targeting", "Match Type", "Impressions", "Top-of-search Impression Share", "Clicks",
                 "Click-Thru Rate (CTR)", "Cost Per Click (CPC)", "Spend", "Total Advertising Cost of Sales (ACOS) ",
                 "Total Return on Advertising Spend (ROAS)", "7 Day Total Sales ", "7 Day Total Orders (#)",
                 "7 Day Total Units (#)", "7 Day Conversion Rate", "7 Day Advertised SKU Units (#)",
                 "7 Day Other SKU Units (#)", "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales "]
HEADER_TGT_ZH = ["开始日期", "结束日期", "广告组合名称", "货币", "广告活动名称", "国家/地区", "广告组名称", "零售商", "投放", "匹配类型",
                 "展示量", "搜索结果首页首位展示量份额", "点击量", "点击率 (CTR)", "单次点击成本 (CPC)", "花费",
                 "广告投入产出比 (ACOS) 总计", "总广告投资回报率 (ROAS)", "7天总销售额", "7天总订单数(#)", "7天总销售量(#)",
                 "7天的转化率", "7天内广告SKU销售量(#)", "7天内其他SKU销售量(#)", "7天内广告SKU销售额", "7天内其他SKU销售额"]
TGT_ROWS = [  # targeting, match, impressions, tos IS, clicks, ctr, cpc, spend, acos, roas, sales, orders, units, cvr,
              # adv units, other units, adv sales, other sales; campaign, ad group
    ("close-match", "-", "40,211", "14.22%", 398, "0.99%", "$0.86", "$342.31", "15.22%", "6.57", "$2,248.87", 94, 98,
     "23.62%", 90, 8, "$2,148.91", "$99.96", "SP_KU12_Auto", "Auto_All"),
    ("loose-match", "-", "22,870", "<5%", 150, "0.66%", "$0.79", "$118.50", "31.61%", "3.16", "$374.85", 15, 15,
     "10.00%", 14, 1, "$349.86", "$24.99", "SP_KU12_Auto", "Auto_All"),
    ('asin="B0BXYZ1234"', "-", "8,430", "", 52, "0.62%", "$0.85", "$44.20", "58.96%", "1.70", "$74.97", 3, 3, "5.77%",
     3, 0, "$74.97", "$0.00", "SP_KU12_PAT", "PAT_Competitors"),
    ("spatula set", "EXACT", "0", "", 0, "0.00%", "$0.00", "$0.00", "", "0.00", "$0.00", 0, 0, "0.00%", 0, 0, "$0.00",
     "$0.00", "SP_KU12_Exact", "Exact_Core"),
]


def targeting_fixtures() -> None:
    d = ADS / "sp_targeting"
    variants = (("en", HEADER_TGT_EN, "Sep 01, 2026", "Sep 30, 2026", "United States"),
                ("zh", HEADER_TGT_ZH, "2026-09-01", "2026-09-30", "美国"))
    for lang, header, date_a, date_b, country in variants:
        rows = []
        for (tgt, mt, imp, tos, clk, ctr, cpc, spend, acos, roas, sales, o, u, cvr, au, ou, asales, osales, camp,
             grp) in TGT_ROWS:
            rows.append([date_a, date_b, "Kitchen", "USD", camp, country, grp, "Amazon", tgt, mt, imp, tos, clk, ctr,
                         cpc, spend, acos, roas, sales, o, u, cvr, au, ou, asales, osales])
        write(d / f"{lang}.csv", csv_bytes(header, rows, bom=lang == "zh"))
    hv3 = ["startDate", "endDate", "campaignId", "campaignName", "adGroupId", "adGroupName", "keywordId", "keyword",
           "targeting", "matchType", "topOfSearchImpressionShare", "impressions", "clicks", "cost", "sales7d",
           "purchases7d", "unitsSoldClicks7d", "sales14d"]
    rows = [["2026-09-01", "2026-09-30", "31284567123000002", "SP_KU12_Exact", "40112398765000002", "Exact_Core",
             "55012345678000002", "silicone utensil set", "silicone utensil set", "EXACT", "0.3187", 12004, 201,
             237.18, 1749.30, 70, 72, 1801.11]]
    write(d / "api-v3.csv", csv_bytes(hv3, rows))


HEADER_CAMP_EN = ["Start Date", "End Date", "Portfolio name", "Program Type", "Campaign Name", "Retailer", "Country",
                  "Status", "Currency", "Budget Amount", "Targeting Type", "Bidding strategy", "Impressions",
                  "Last Year Impressions", "Clicks", "Last Year Clicks", "Click-Thru Rate (CTR)", "Spend",
                  "Last Year Spend", "Cost Per Click (CPC)", "Last Year Cost Per Click (CPC)", "7 Day Total Orders (#)",
                  "Total Advertising Cost of Sales (ACOS) ", "Total Return on Advertising Spend (ROAS)",
                  "7 Day Total Sales "]
HEADER_CAMP_ZH = ["开始日期", "结束日期", "广告组合名称", "广告活动类型", "广告活动名称", "零售商", "国家/地区", "状态", "货币", "预算",
                  "定位类型", "竞价策略", "展示量", "去年曝光量", "点击量", "去年点击量", "点击率 (CTR)", "花费", "去年支出",
                  "单次点击成本 (CPC)", "去年每次点击成本(CPC)", "7天总订单数(#)", "广告投入产出比 (ACOS) 总计",
                  "总广告投资回报率 (ROAS)", "7天总销售额"]
CAMP_ROWS = [
    ["Kitchen", "Sponsored Products", "SP_KU12_Auto", "Amazon", None, "ENABLED", "USD", "$40.00", "AUTO",
     "Dynamic bids - down only", "63,081", "52,357", 548, 454, "0.87%", "$460.81", "$414.73", "$0.84", "$0.80", 109,
     "17.56%", "5.69", "$2,623.72"],
    ["Kitchen", "Sponsored Products", "SP_KU12_PAT", "Amazon", None, "PAUSED", "USD", "$15.00", "MANUAL", "Fixed bid",
     "8,430", "6,996", 52, 43, "0.62%", "$44.20", "$39.78", "$0.85", "$0.81", 0, "", "0.00", "$0.00"],
]


def campaign_fixtures() -> None:
    d = ADS / "sp_campaign"
    for lang, header, da, db, country in (("en", HEADER_CAMP_EN, "Sep 01, 2026", "Sep 30, 2026", "United States"),
                                          ("zh", HEADER_CAMP_ZH, "2026-09-01", "2026-09-30", "美国")):
        rows = [[da, db] + [country if v is None else v for v in r] for r in CAMP_ROWS]
        write(d / f"{lang}.csv", csv_bytes(header, rows, bom=lang == "zh"))


HEADER_AP_EN = ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Retailer",
                "Country", "Advertised SKU", "Advertised ASIN", "Impressions", "Clicks", "Click-Thru Rate (CTR)",
                "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ", "Total Advertising Cost of Sales (ACOS) ",
                "Total Return on Advertising Spend (ROAS)", "7 Day Total Orders (#)", "7 Day Total Units (#)",
                "7 Day Conversion Rate", "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)",
                "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales "]
HEADER_AP_ZH = ["开始日期", "结束日期", "广告组合名称", "货币", "广告活动名称", "广告组名称", "零售商", "国家/地区", "广告SKU", "广告ASIN",
                "展示量", "点击量", "点击率 (CTR)", "单次点击成本 (CPC)", "花费", "7天总销售额", "广告投入产出比 (ACOS) 总计",
                "总广告投资回报率 (ROAS)", "7天总订单数(#)", "7天总销售量(#)", "7天的转化率", "7天内广告SKU销售量(#)",
                "7天内其他SKU销售量(#)", "7天内广告SKU销售额", "7天内其他SKU销售额"]
HEADER_AP_DE = ["Datum", "Portfolioname", "Währung", "Kampagnen-Name", "Anzeigengruppenname", "Beworbene SKU",
                "Beworbene ASIN", "Impressionen", "Klicks", "Klickrate (CTR)", "Kosten pro Klick (CPC)", "Ausgaben",
                "7 Tage, Umsatz gesamt (€)", "Gesamtumsatzkosten für Werbung (ACOS) ",
                "Gesamtrendite von Werbeausgaben (Return on Advertising Spend, ROAS)", "7 Tage, Aufträge gesamt (#)",
                "7 Tage, Einheiten gesamt (#)", "7-Tage-Konversionsrate", "7 Tage, Beworbene SKU-Einheiten (#)",
                "7-Tage, Andere SKU-Einheiten (#)", "7 Tage, Beworbene SKU-Umsätze (€)",
                "7-Tage, Andere SKU-Umsätze (€)"]
# sku, asin (lower case in one row: upper-cased), impressions, clicks, ctr, cpc, spend, sales, acos, roas, orders,
# units, cvr, adv units, other units, adv sales, other sales (EN notation; DE rewritten below)
AP_ROWS = [
    ("KU-12-RED", "B0CKQ7RD21", 25110, 221, "0.88", "0.84", "185.64", "1099.73", "16.88", "5.92", 45, 47, "20.36",
     43, 4, "1049.75", "49.98"),
    ("00123", "b0ckq7bk33", 37971, 327, "0.86", "0.84", "275.17", "1523.99", "18.06", "5.54", 64, 66, "19.57", 61, 5,
     "1449.01", "74.98"),
    ("BD-7-NAT", "B0D3M8WH12", 7440, 49, "0.66", "0.96", "47.04", "0.00", "", "0.00", 0, 0, "0.00", 0, 0, "0.00",
     "0.00"),
]


def advertised_product_fixtures() -> None:
    d = ADS / "sp_advertised_product"

    def money(s, style):
        v = float(s)
        return D.fmt_cell("spend", v, style, "€" if style == "de" else "$")

    def pct(s, style):
        return "" if s == "" else D.fmt_cell("ctr", float(s) / 100, style, "")

    for lang, header in (("en", HEADER_AP_EN), ("zh", HEADER_AP_ZH)):
        rows = []
        for (sku, asin, imp, clk, ctr, cpc, spend, sales, acos, roas, o, u, cvr, au, ou, asales, osales) in AP_ROWS:
            rows.append(["Sep 01, 2026" if lang == "en" else "2026-09-01",
                         "Sep 30, 2026" if lang == "en" else "2026-09-30", "Kitchen", "USD", "SP_KU12_Auto", "Auto_All",
                         "Amazon", "United States" if lang == "en" else "美国", sku, asin, f"{imp:,}", clk,
                         pct(ctr, "en"), money(cpc, "en"), money(spend, "en"), money(sales, "en"), pct(acos, "en"),
                         roas, o, u, pct(cvr, "en"), au, ou, money(asales, "en"), money(osales, "en")])
        write(d / f"{lang}.csv", csv_bytes(header, rows, bom=lang == "zh"))
    rows = []
    for i, (sku, asin, imp, clk, ctr, cpc, spend, sales, acos, roas, o, u, cvr, au, ou, asales, osales) in \
            enumerate(AP_ROWS):
        rows.append([f"0{i + 1}.09.2026", "Küche", "EUR", "SP_DE_KU12_Auto", "Auto_All", sku, asin,
                     D.fmt_cell("impressions", imp, "de", ""), clk, pct(ctr, "de"), money(cpc, "de"),
                     money(spend, "de"),
                     money(sales, "de"), pct(acos, "de"), roas.replace(".", ","), o, u, pct(cvr, "de"), au, ou,
                     money(asales, "de"), money(osales, "de")])
    write(d / "de-legacy.csv", csv_bytes(HEADER_AP_DE, rows, bom=True))


# --- bulksheets -------------------------------------------------------------------------------------------
HEADER_BULK_EN = ["Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID",
                  "Product Targeting ID", "Campaign Name", "Ad Group Name", "Campaign Name (Informational only)",
                  "Ad Group Name (Informational only)", "Portfolio Name (Informational only)", "Start Date", "End Date",
                  "Targeting Type", "State", "Campaign State (Informational only)",
                  "Ad Group State (Informational only)", "Daily Budget", "SKU", "ASIN (Informational only)",
                  "Eligibility Status (Informational only)", "Reason for Ineligibility (Informational only)",
                  "Ad Group Default Bid", "Ad Group Default Bid (Informational only)", "Bid", "Keyword Text",
                  "Native Language Keyword", "Native Language Locale", "Match Type", "Bidding Strategy", "Placement",
                  "Percentage", "Product Targeting Expression",
                  "Resolved Product Targeting Expression (Informational only)", "Audience ID",
                  "Shopper Cohort Percentage", "Shopper Cohort Type", "Segment Name", "Impressions", "Clicks",
                  "Click-through Rate", "Spend", "Sales", "Orders", "Units", "Conversion Rate", "ACOS", "CPC", "ROAS"]
HEADER_BULK_ST = ["Product", "Campaign ID", "Ad Group ID", "Keyword ID", "Product Targeting ID",
                  "Campaign Name (Informational only)", "Ad Group Name (Informational only)",
                  "Portfolio Name (Informational only)", "State", "Campaign State (Informational only)", "Bid",
                  "Keyword Text", "Match Type", "Product Targeting Expression",
                  "Resolved Product Targeting Expression (Informational only)", "Customer Search Term", "Impressions",
                  "Clicks", "Click-through Rate", "Spend", "Sales", "Orders", "Units", "Conversion Rate", "ACOS", "CPC",
                  "ROAS"]
CAMP_ID = "301234567890123"
AG_ID = "402345678901234"
KW_ID = "12345678901234567"  # 17 digits, beyond a float's 2^53: must survive as text


def _bulk_row(**kv):
    idx = {h: i for i, h in enumerate(HEADER_BULK_EN)}
    row = [""] * len(HEADER_BULK_EN)  # Amazon writes empty strings, not missing cells
    for k, v in kv.items():
        row[idx[k]] = v
    return row


BULK_ROWS = [
    _bulk_row(**{"Product": "Sponsored Products", "Entity": "Campaign", "Campaign ID": CAMP_ID,
                 "Campaign Name": "SP_Spatula_Phrase", "Campaign Name (Informational only)": "SP_Spatula_Phrase",
                 "Start Date": "20260109", "Targeting Type": "Manual", "State": "enabled",
                 "Campaign State (Informational only)": "enabled", "Daily Budget": 9.0,
                 "Bidding Strategy": "Dynamic bids - up and down", "Impressions": 5987.0, "Clicks": 16.0,
                 "Click-through Rate": 0.0027, "Spend": 49.54, "Sales": 78.69, "Orders": 3.0, "Units": 3.0,
                 "Conversion Rate": 0.19, "ACOS": 0.6296, "CPC": 3.1, "ROAS": 1.59}),
    _bulk_row(**{"Product": "Sponsored Products", "Entity": "Bidding Adjustment", "Campaign ID": CAMP_ID,
                 "Campaign Name (Informational only)": "SP_Spatula_Phrase",
                 "Campaign State (Informational only)": "enabled", "Bidding Strategy": "Dynamic bids - up and down",
                 "Placement": "Placement Product Page", "Percentage": 25.0, "Impressions": 4931.0, "Clicks": 6.0,
                 "Click-through Rate": 0.0012, "Spend": 11.97, "Sales": 0.0, "Orders": 0.0, "Units": 0.0,
                 "Conversion Rate": 0.0, "ACOS": 0.0, "CPC": 2.0, "ROAS": 0.0}),
    _bulk_row(**{"Product": "Sponsored Products", "Entity": "Ad Group", "Campaign ID": CAMP_ID, "Ad Group ID": AG_ID,
                 "Ad Group Name": "Ad Group - 1", "Campaign Name (Informational only)": "SP_Spatula_Phrase",
                 "Ad Group Name (Informational only)": "Ad Group - 1", "State": "enabled",
                 "Campaign State (Informational only)": "enabled", "Ad Group State (Informational only)": "enabled",
                 "Ad Group Default Bid": 1.1, "Ad Group Default Bid (Informational only)": 1.1}),
    _bulk_row(**{"Product": "Sponsored Products", "Entity": "Product Ad", "Campaign ID": CAMP_ID, "Ad Group ID": AG_ID,
                 "Ad ID": "604567890123456", "Campaign Name (Informational only)": "SP_Spatula_Phrase",
                 "Ad Group Name (Informational only)": "Ad Group - 1", "State": "enabled", "SKU": "00123",
                 "ASIN (Informational only)": "B0CKQ7BK33", "Eligibility Status (Informational only)": "Eligible"}),
    _bulk_row(**{"Product": "Sponsored Products", "Entity": "Keyword", "Campaign ID": CAMP_ID, "Ad Group ID": AG_ID,
                 "Keyword ID": KW_ID, "Campaign Name (Informational only)": "SP_Spatula_Phrase",
                 "Ad Group Name (Informational only)": "Ad Group - 1", "State": "enabled", "Bid": 1.7,
                 "Keyword Text": "silicone spatula", "Match Type": "Phrase", "Impressions": 48.0, "Clicks": 1.0,
                 "Click-through Rate": 0.0208, "Spend": 2.01, "Sales": 26.49, "Orders": 1.0, "Units": 1.0,
                 "Conversion Rate": 1.0, "ACOS": 0.0759, "CPC": 2.01, "ROAS": 13.18}),
    _bulk_row(**{"Product": "Sponsored Products", "Entity": "Product Targeting", "Campaign ID": CAMP_ID,
                 "Ad Group ID": AG_ID, "Product Targeting ID": "503456789012345", "State": "paused", "Bid": 0.85,
                 "Product Targeting Expression": "substitutes",
                 "Resolved Product Targeting Expression (Informational only)": "substitutes",
                 "Impressions": 0.0, "Clicks": 0.0}),
]
BULK_ST_ROWS = [
    ["Sponsored Products", CAMP_ID, AG_ID, KW_ID, "", "SP_Spatula_Phrase", "Ad Group - 1", "", "enabled", "enabled",
     1.7, "silicone spatula", "Phrase", "", "", "silicone spatula heat resistant", 1.0, 1.0, 1.0, 3.85, 0.0, 0.0, 0.0, 0.0, 0.0,
     3.85, 0.0],
    ["Sponsored Products", CAMP_ID, AG_ID, "", "503456789012345", "SP_Spatula_Phrase", "Ad Group - 1", "", "enabled",
     "enabled", 0.85, "", "", "substitutes", "substitutes", "b0dxyz9876", 48.0, 2.0, 0.0417, 2.17, 26.25, 1.0, 1.0,
     0.5, 0.0827, 1.085, 12.1],
]


def bulksheet_fixtures() -> None:
    d = ADS / "sp_bulksheet"
    other = [["Product", "Entity", "Operation", "Campaign ID", "Portfolio ID", "Ad Group ID", "Keyword ID",
              "Campaign Name", "State", "Bid", "Keyword Text", "Match Type", "Impressions", "Clicks", "Spend", "Sales"]]
    sheets = {
        "Portfolios": [["Product", "Entity", "Operation", "Portfolio ID", "Portfolio Name", "Budget Amount",
                        "Budget Currency Code"],
                       ["Portfolios", "Portfolio", "", "90123456789012", "Launch 1", "", "USD"]],
        "Sponsored Products Campaigns": [HEADER_BULK_EN, *BULK_ROWS],
        "Config": [["SponsoredProductsProductNames", "Sponsored Products"],
                   ["SponsoredProductsEntityNames", "Campaign", "Ad Group", "Keyword"]],
        "Sponsored Brands Campaigns": other,
        "SB Multi Ad Group Campaigns": other,
        "Sponsored Display Campaigns": other,
        "SP Search Term Report": [HEADER_BULK_ST, *BULK_ST_ROWS],
        "SB Search Term Report": [["Product", "Campaign ID", "Ad Group ID", "Keyword ID", "Customer Search Term",
                                   "Impressions", "Clicks", "Spend", "Sales"]],
        "RAS Campaigns": [["Product", "Entity", "Operation", "Campaign ID", "Impressions"]],
        "RAS Search Term Report": [["Product", "Campaign ID", "Customer Search Term", "Impressions"]],
        "Sheet10": [["Version", "Version (1.0)"]],
    }
    write_xlsx(d / "en-download-2.0.xlsx", sheets)
    write_xlsx(d / "en-st-tab-first.xlsx", {"SP Search Term Report": [HEADER_BULK_ST, *BULK_ST_ROWS]})
    up = ["Product", "Entity", "Operation", "Campaign ID", "Ad Group ID", "Portfolio ID", "Ad ID", "Keyword ID",
          "Product Targeting ID", "Campaign Name", "Ad Group Name", "Start Date", "End Date", "Targeting Type", "State",
          "Daily Budget", "SKU", "ASIN", "Ad Group Default Bid", "Bid", "Keyword Text", "Match Type",
          "Bidding Strategy", "Placement", "Percentage", "Product Targeting Expression"]
    up_de = ["Produkt", "Entität", "Operation", "Kampagnen-ID", "Anzeigengruppen-ID", "Portfolio-ID", "Anzeigen-ID",
             "Keyword-ID", "Produkt-Targeting-ID", "Kampagnenname", "Name der Anzeigengruppe", "Startdatum", "Enddatum",
             "Targeting-Typ", "Zustand", "Tagesbudget", "SKU", "ASIN (Nur zu Informationszwecken)",
             "Standardgebot für die Anzeigengruppe", "Gebot", "Keyword-Text", "Übereinstimmungstyp", "Gebotsstrategie",
             "Platzierung", "Prozentsatz", "Ausdruck für Produkt-Targeting"]

    def up_row(entity, op, camp, grp, kw, pt, state, bid, text, mt, strategy="", budget=""):
        return ["Sponsored Products", entity, op, camp, grp, "", "", kw, pt, "", "", "", "", "", state, budget, "", "",
                "", bid, text, mt, strategy, "", "", ""]

    en_rows = [up_row("Negative keyword", "Create", "312845671230001", "401123987650001", "", "", "enabled", "",
                      "kitchen utensils set", "negativeExact"),
               up_row("Campaign negative keyword", "Create", "312845671230003", "", "", "", "enabled", "",
                      "wooden spoon", "negativeExact"),
               up_row("Keyword", "Create", "312845671230002", "401123987650002", "", "", "enabled", "1.35",
                      "silicone spatula", "exact"),
               up_row("Keyword", "Update", "312845671230002", "401123987650002", "55012345678002", "", "paused", "0.95",
                      "", ""),
               up_row("Product targeting", "Update", "312845671230004", "401123987650004", "", "66012345678004",
                      "enabled", "0.60", "", ""),
               up_row("Campaign", "Update", "312845671230004", "", "", "", "enabled", "", "", "",
                      "Dynamic bids - down only", "25")]
    de_vocab = {"Negative keyword": "Negatives Keyword", "Campaign negative keyword":
                "Negatives Keyword auf Kampagnenebene", "Keyword": "Keyword", "Product targeting": "Produkt-Targeting",
                "Campaign": "Kampagne", "Create": "Erstellen", "Update": "Aktualisieren", "enabled": "Aktiviert",
                "paused": "Angehalten", "negativeExact": "Negativ Genau Passend", "exact": "Genau Passend",
                "Dynamic bids - down only": "Dynamische Gebote\u00a0– nur senken"}
    de_rows = [[de_vocab.get(v, v) if i in (1, 2, 14, 21, 22) else v for i, v in enumerate(r)] for r in en_rows]
    write(d / "en-upload.csv", csv_bytes(up, en_rows))
    write(d / "de-upload.csv", csv_bytes(up_de, de_rows, bom=True))
    legacy_h = ["Record ID", "Record Type", "Campaign ID", "Campaign", "Campaign Daily Budget", "Portfolio ID",
                "Campaign Start Date", "Campaign End Date", "Campaign Targeting Type", "Ad Group", "Max Bid",
                "Keyword or Product Targeting", "Product Targeting ID", "Match Type", "SKU", "Campaign Status",
                "Ad Group Status", "Status", "Impressions", "Clicks", "Spend", "Orders", "Total Units", "Sales", "ACoS",
                "Bidding strategy", "Placement Type", "Increase bids by placement"]
    c = "111222333444555"
    legacy_rows = [
        [c, "Campaign", c, "Bath mat - Keyword", "2.00", "", "12/07/2019", "", "Manual", "", "", "", "", "", "",
         "enabled", "", "", "315", "6", "3.31", "1", "1", "19.99", "16.56%", "Dynamic bidding (down only)", "All", ""],
        [c, "Campaign By Placement", c, "Bath mat - Keyword", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
         "95", "1", "0.47", "0", "0", "0.00", "0.00%", "", "Top of search (page 1)", "35%"],
        ["222333444555666", "Ad Group", c, "Bath mat - Keyword", "", "", "", "", "", "Broad", "0.75", "", "", "", "",
         "enabled", "enabled", "", "305", "5", "2.70", "1", "1", "19.99", "13.51%", "", "", ""],
        ["333444555666777", "Ad", c, "Bath mat - Keyword", "", "", "", "", "", "Broad", "", "", "", "", "BM-NAVY-50",
         "enabled", "enabled", "enabled", "312", "5", "2.70", "1", "1", "19.99", "13.51%", "", "", ""],
        ["44455566677701", "Keyword", c, "Bath mat - Keyword", "", "", "", "", "", "Broad", "0.42",
         "soft bath mats", "", "broad", "", "enabled", "enabled", "enabled", "200", "4", "1.60", "1", "1", "19.99",
         "8.00%", "", "", ""],
        ["44455566677702", "Keyword", c, "Bath mat - Keyword", "", "", "", "", "", "Broad", "", "rug", "",
         "negative phrase", "", "enabled", "enabled", "enabled", "0", "0", "0.00", "0", "0", "0.00", "0.00%", "", "",
         ""],
        ["44455566677703", "Keyword", c, "Bath mat - Keyword", "", "", "", "", "", "", "", "cheap", "",
         "negative exact", "", "enabled", "", "enabled", "0", "0", "0.00", "0", "0", "0.00", "0.00%", "", "", ""],
    ]
    write_xlsx(d / "legacy.xlsx", {
        "Portfolios": [["Record ID", "Record Type", "Portfolio Name", "Budget"]],
        "Sponsored Products Campaigns": [legacy_h, *legacy_rows],
        "Sponsored Brands Campaigns": [["Record ID", "Record Type", "Campaign ID", "Campaign", "Impressions"]],
        "Brand Assets Data (Read-only)": [["Record ID", "Record Type", "Brand asset name"]],
        "Sheet4": [["Version", "Version (1.0)"]]})


# --- third-party tools ------------------------------------------------------------------------------------
HEADER_CEREBRO = ["Keyword Phrase", "ABA Total Click Share", "ABA Total Conv. Share", "Keyword Sales",
                  "Cerebro IQ Score", "Search Volume", "Search Volume Trend", "H10 PPC Sugg. Bid",
                  "H10 PPC Sugg. Min Bid", "H10 PPC Sugg. Max Bid", "Sponsored ASINs", "Competing Products", "CPR",
                  "Title Density", "Amazon Recommended", "Sponsored", "Organic", "Sponsored Rank (avg)",
                  "Sponsored Rank (count)", "Amazon Recommended Rank (avg)", "Amazon Recommended Rank (count)",
                  "Position (Rank)", "Relative Rank", "Competitor Rank (avg)", "Ranking Competitors (count)",
                  "Competitor Performance Score"]
CEREBRO_ROWS = [
    ["silicone cooking utensils", "38.1", "41.7", "1,402", "1,211", "24,530", "12", "$1.42", "$0.98", "$2.10", "118",
     ">1,000", "32", "14", "3", "1", "1", "6", "2", "4", "1", "5", "1", "9.4", "8", "7.8"],
    ["kitchen utensils", "17.2", "19.8", "4,905", "512", "98,770", "-9", "$2.05", "$1.30", "$2.95", "233", "9,870",
     "61", "28", "1", "1", "1", "N/R", "0", "-", "0", "N/R", "5", "21.0", "10", "5.2"],
]
HEADER_MAGNET = ["Keyword Phrase", "Magnet IQ Score", "Search Volume", "Search Volume Trend", "Competing Products",
                 "CPR", "Keyword Sales", "Title Density"]
MAGNET_ROWS = [["silicone utensils", "2,210", "14,020", "-3", ">1,000", "24", "610", "11"],
               ["heat resistant spatula", "880", "5,300", "22", "720", "14", "-", "4"]]
HEADER_XRAY = ["Display Order", "Product Details", "ASIN", "URL", "Image URL", "Brand", "Price  $",
               "Parent Level Sales", "ASIN Sales", "Recent Purchases", "Parent Level Revenue", "ASIN Revenue", "Title Char. Count", "BSR",
               "Seller Country/Region", "Fees  $", "Active Sellers", "Ratings", "Review Count", "Images",
               "Review velocity", "Buy Box", "Category", "Size Tier", "Fulfillment", "Dimensions", "Weight",
               "Creation Date", "Sponsored", "Best Seller", "Seller Age (mo)", "Seller"]
XRAY_ROWS = [
    ["1.", "Silicone Cooking Utensils Set, 12 Pcs", "B0CKQ7BK33", "https://www.amazon.com/dp/B0CKQ7BK33",
     "https://m.media-amazon.com/images/I/71x.jpg", "KitchenNova", "24.99", "1,180", "568", "500", "29,488.20",
     "14,194.32", "148", "1,102", "CN", "8.61", "1", "4.6", "2,311", "7", "61", "KitchenNova US", "Home & Kitchen",
     "Large Standard-Size", "FBA", "13.4 x 4.1 x 2.9 inches", "1.32 pounds", "Mar 22, 2024", "No", "No", "31",
     "KitchenNova US"],
    ["2.", "($) Premium Silicone Utensils 15 Pcs", "B0CZZZ1111", "https://www.amazon.com/dp/B0CZZZ1111",
     "https://m.media-amazon.com/images/I/61y.jpg", "HomeChef", "32.99", "910", "910", "1K+", "30,020.90", "30,020.90",
     "171", "1,540", "US", "10.12", "2", "4.5", "8,902", "8", "-", "HomeChef Direct", "Home & Kitchen",
     "Large Standard-Size", "FBA", "14.2 x 5.0 x 3.6 inches", "1.98 pounds", "Jun 11, 2021", "Sponsored Product",
     "Yes", "66", "HomeChef Direct"],
]
# Older X-Ray (amazon.in), amazon-reports.md §7.2
HEADER_XRAY_OLD = ["Display Order", "Product Details", "ASIN", "URL", "Image URL", "Brand", "Price  ₹", "Sales",
                   "Variation Sales Strength (1 - 10)", "Recent Purchases", "Revenue", "Title Char. Count", "BSR",
                   "Seller Country/Region", "Fees  ₹", "Active Sellers", "Ratings", "Review Count", "Images",
                   "Review velocity", "Buy Box", "Category", "Size Tier", "Fulfillment", "Dimensions", "Weight",
                   "ABA Most Clicked", "Creation Date", "Sponsored", "Best Seller", "Seller Age (mo)", "Seller"]
XRAY_OLD_ROWS = [["1.", "Herbal Pain Relief Oil 100 ml", "B07ABCDE12", "https://www.amazon.in/dp/B07ABCDE12",
                  "https://m.media-amazon.com/images/I/5.jpg", "Ayur", "299", "1,950", "7", "300+", "5,83,050",
                  "61", "2,214", "IN", "72.5", "1", "4.1", "1,204", "6", "12", "Ayur Store", "Health",
                  "Standard", "FBA", "", "", "No", "Jan 05, 2019", "No", "No", "70", "Ayur Store"]]
HEADER_BLACKBOX = ["ASIN", "Title", "Brand", "Price", "BSR", "ASIN Revenue", "Parent Level Revenue", "ASIN Sales",
                   "Parent Level Sales", "Review Count", "Active Sellers", "Sales Trend (90 days) (%)",
                   "Storage Fee (Jan-Sep)", "Storage Fee (Oct-Dec)"]
BLACKBOX_ROWS = [["B0CKQ7BK33", "Silicone Cooking Utensils Set", "KitchenNova", "$24.99", "1,102", "$14,194.32",
                  "$29,488.20", "568", "1,180", "2,311", "1", "-12.5", "$0.42", "$1.45"]]
HEADER_KEEPA = ["ASIN", "Title", "Brand", "Sales Rank: Current", "Sales Rank: 90 days avg.", "Bought in past month",
                "Buy Box 🚚: Current", "Buy Box: % Amazon 90 days", "New: Current", "Reviews: Rating",
                "Reviews: Rating Count", "Referral Fee %", "FBA Pick&Pack Fee", "Parent ASIN", "Variation ASINs",
                "Listed since", "Lightning Deals: Current"]
KEEPA_ROWS = [["B0CKQ7BK33", "Silicone Cooking Utensils Set, 12 Pcs", "KitchenNova", "1102", "1733", "500", "24.99",
               "0 %", "24.99", "4.6", "2311", "15 %", "6.01", "B0CKQ7PARE", "B0CKQ7RD21,B0CKQ7BK33", "2024-03-22", ""],
              ["B09XXX3333", "Kitchen Utensil Set 24 Pcs", "SteelSmith", "3877", "2904", "400", "39.99", "12 %", "",
               "4.4", "4408", "15", "8.44", "", "", "2022-08-30", ""]]
HEADER_SS_EN = ["Keyword", "Amazon Choice", "Click Share", "Keyword Distribution", "Weekly Searches", "Products",
                "Related ASINs", "ABA Rank / Week", "Searched / Month", "Purchase / Month", "Purchase Rate",
                "Impressions", "Clicks", "SPR", "Title Density", "DSR", "Sponsored ASINs", "PPC Bid (Broad)",
                "PPC Bid (Exact)", "PPC Bid (Phrase)", "Suggested bid(Broad)", "Suggested bid(Exact)", "Organic Rank",
                "Sponsored Rank", "Total Click Share", "Total Conversion Share"]
SS_EN_ROWS = [["silicone utensils", "Yes", 0.125, "Organic", 3510, 2104, 12, 3210, 14020, 702, 0.05, 52100, 1830, 9,
               11, 6.66, 118, 1.21, 1.42, 1.30, 1.05, 1.38, 4, 12, 0.186, 0.201]]
HEADER_SS_ZH = ["关键词", "关键词翻译", "流量占比", "流量词类型", "预估周曝光量", "相关产品", "相关ASIN", "AC推荐词", "相关度", "ABA月排名",
                "ABA周排名", "月搜索量", "月购买量", "购买率", "展示量", "点击量", "SPR", "标题密度", "商品数", "需供比", "广告竞品数",
                "点击总占比", "PPC竞价"]
SS_ZH_ROWS = [["silicone utensils", "硅胶厨具", "12.5%", "SP广告词", 52100, 36, 12, "是", 0.92, 3120, 3210, 14020, 702,
               "5.00%", 52100, 1830, 9, 11, 2104, 6.66, 118, "18.60%", "$0.53"]]


def thirdparty_fixtures() -> None:
    d = THIRD
    write(d / "helium10_cerebro-en.csv", csv_bytes(HEADER_CEREBRO, CEREBRO_ROWS, bom=True, quote_all=True))
    write(d / "helium10_magnet-en.csv", csv_bytes(HEADER_MAGNET, MAGNET_ROWS, bom=True, quote_all=True))
    write(d / "helium10_xray-en.csv", csv_bytes(HEADER_XRAY, XRAY_ROWS, bom=True, quote_all=True))
    write(d / "helium10_xray-en-old-in.csv", csv_bytes(HEADER_XRAY_OLD, XRAY_OLD_ROWS, bom=True, quote_all=True))
    write(d / "helium10_blackbox-en.csv", csv_bytes(HEADER_BLACKBOX, BLACKBOX_ROWS, bom=True, quote_all=True))
    write(d / "keepa-en.csv", csv_bytes(HEADER_KEEPA, KEEPA_ROWS))
    write_xlsx(d / "sellersprite-en.xlsx", {"ExpandKeywords": [HEADER_SS_EN, *SS_EN_ROWS]})
    write_xlsx(d / "sellersprite-zh.xlsx", {"反查关键词": [HEADER_SS_ZH, *SS_ZH_ROWS]})


def main() -> None:
    sniff_fixtures()
    search_term_fixtures()
    targeting_fixtures()
    campaign_fixtures()
    advertised_product_fixtures()
    bulksheet_fixtures()
    thirdparty_fixtures()


if __name__ == "__main__":
    main()
