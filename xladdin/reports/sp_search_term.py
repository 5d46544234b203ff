"""Sponsored Products search term report: console CSV / XLSX (EN / ZH / DE), legacy daily layout, Ads API v3.

Layouts covered (amazon-reports.md §3.2, §3.6, §3.7, §3.9; real exports #1–#4 in SOURCES.md):

* summary layout ``Start Date, End Date, Portfolio name, Currency, Campaign Name, …`` (2022+), with or
  without ``Retailer`` / ``Country``; trailing spaces in ``7 Day Total Sales `` etc.;
* legacy daily layout (2019–2022): one ``Date`` column, ``ACoS`` / ``RoAS`` casing;
* 14-day attribution with the currency in the header (``14 Day Total Sales (₹)``) and
  ``Advertised ASIN`` / ``Brand Halo ASIN`` instead of ``Advertised SKU`` / ``Other SKU`` (Amazon.in 2020);
* Chinese UI (``客户搜索词``…) and German UI (``Suchbegriff des Kunden``, ``7 Tage, Umsatz gesamt (€)``, with
  NBSP / hyphen variants of ``7 Tage``);
* Ads API v3 ``spSearchTerm`` objects flattened to CSV (``searchTerm``, ``cost``, ``sales7d`` …).

Canonical frame: dates, keys, metrics; percentages are fractions, ACOS is missing where sales are 0 (as the
console writes it), search terms that are ASINs are upper-cased.  The bulksheet's "SP Search Term Report"
tab is its own family (:mod:`xladdin.reports.sp_bulksheet`), because it carries IDs and no dates.
"""

from __future__ import annotations

import pandas as pd

from xladdin.reports import sp_common as c
from xladdin.reports.base import Col, Context, Family
from xladdin.reports.registry import module_detect, module_parse

_S = c.sales_cols()

COLUMNS = [
    *c.date_cols(),
    c.portfolio(),
    c.currency(),
    c.campaign_name(),
    c.ad_group_name(),
    *c.retailer_country(),
    c.targeting(),
    c.match_type(),
    c.search_term(),
    *c.traffic_cols(),  # impressions, clicks, ctr, cpc, spend
    _S["sales"], _S["acos"], _S["roas"], _S["orders"], _S["units"], _S["cvr"],
    _S["advertised_sku_units"], _S["other_sku_units"], _S["advertised_sku_sales"], _S["other_sku_sales"],
    *c.api_ids(),
    *c.api_window_cols(),
    # Only here to keep the bulksheet tabs apart (excludes): a console report never has these.
    Col("product", "text", en="Product", de="Produkt"),
    Col("entity", "text", en="Entity", de="Entität"),
]


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    frame = c.finish_console(frame, ctx)
    c.upper_asin_terms(frame, "search_term")
    return frame


SEARCH_TERM = Family(
    "sp_search_term", "Sponsored Products search term report", COLUMNS,
    title_zh="商品推广搜索词报告",
    signature=[("search_term", "impressions", ("campaign_name", "campaign_id"))],
    excludes=("product", "entity"),
    key_columns=("campaign_name",),
    # Amazon cuts the sheet name to 31 characters: "Sponsored Product Search Term R",
    # German "Sponsored_Products_Suchbegriff_".
    sheet_names=("Sponsored Product Search Term Report", "Sponsored Products Search Term Report",
                 "Sponsored_Products_Suchbegriff_Bericht"),
    finish=_finish,
)
FAMILIES = [SEARCH_TERM]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
