"""Sponsored Products targeting report: console CSV / XLSX (EN / ZH), Ads API v3 ``spTargeting``.

amazon-reports.md §3.3 / §3.6 / §3.9.  The column order differs from the search term report (``Country``
before ``Ad Group Name``, ACOS / ROAS before sales); order never matters here.  ``Top-of-search Impression
Share`` is a fraction; ``<5%`` (new console) is stored as 0.05 with a note in the metadata.
German headers: only the shared metric names are known (``Ausrichtung``, ``Übereinstimmungstyp`` …;
a complete German targeting header row was not found, §10).
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
    *c.traffic_cols()[:1],  # impressions
    # Declared text: "<5%" is a bound, parsed in finish (sp_common.parse_marked).
    Col("top_of_search_is", "text", en=["Top-of-search Impression Share", "Top-of-search IS"],
        zh="搜索结果首页首位展示量份额", api="topOfSearchImpressionShare"),
    *c.traffic_cols()[1:],  # clicks, ctr, cpc, spend
    _S["sales"], _S["acos"], _S["roas"], _S["orders"], _S["units"], _S["cvr"],
    _S["advertised_sku_units"], _S["other_sku_units"], _S["advertised_sku_sales"], _S["other_sku_sales"],
    *c.api_ids(),
    *c.api_window_cols(),
    # Present only to keep other families apart (excludes).
    c.search_term(core=False),
    Col("product", "text", en="Product", de="Produkt"),
    Col("entity", "text", en="Entity", de="Entität"),
]


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    return c.finish_console(frame, ctx, marked=("top_of_search_is",))


TARGETING = Family(
    "sp_targeting", "Sponsored Products targeting report", COLUMNS,
    title_zh="商品推广投放报告",
    signature=[("targeting", "match_type", "impressions")],
    excludes=("search_term", "product", "entity"),
    key_columns=("campaign_name",),
    sheet_names=("Sponsored Products Targeting Report", "Sponsored Product Targeting Report"),
    finish=_finish,
)
FAMILIES = [TARGETING]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
