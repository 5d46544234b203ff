"""Sponsored Products advertised product report: console CSV / XLSX (EN / ZH / legacy DE), Ads API v3.

amazon-reports.md §3.5 / §3.6 / §3.7 / §3.9.  The legacy German layout (``Datum``, ``Beworbene SKU``,
``"7 Tage, Umsatz gesamt (€)"``) is a daily layout: its ``Datum`` goes into start_date / end_date.
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
    Col("advertised_sku", "id", en="Advertised SKU", zh="广告SKU", de="Beworbene SKU", api="advertisedSku",
        core=True),
    Col("advertised_asin", "asin", en="Advertised ASIN", zh="广告ASIN", de="Beworbene ASIN", api="advertisedAsin",
        core=True),
    *c.traffic_cols(),
    _S["sales"], _S["acos"], _S["roas"], _S["orders"], _S["units"], _S["cvr"],
    _S["advertised_sku_units"], _S["other_sku_units"], _S["advertised_sku_sales"], _S["other_sku_sales"],
    *c.api_ids(),
    *c.api_window_cols(),
    # Present only to keep other families apart (excludes).
    c.search_term(core=False),
    Col("entity", "text", en="Entity", de="Entität"),
]


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    return c.finish_console(frame, ctx)


ADVERTISED_PRODUCT = Family(
    "sp_advertised_product", "Sponsored Products advertised product report", COLUMNS,
    title_zh="商品推广已推广商品报告",
    signature=[(("advertised_asin", "advertised_sku"), "impressions")],
    excludes=("search_term", "entity"),
    key_columns=("campaign_name",),
    sheet_names=("Sponsored Products Advertised Product Report", "Sponsored Product Advertised Product Report"),
    finish=_finish,
)
FAMILIES = [ADVERTISED_PRODUCT]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
