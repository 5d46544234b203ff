"""Sponsored Products campaign report: console CSV / XLSX (EN / ZH), Ads API v3 ``spCampaigns``.

amazon-reports.md §3.4 / §3.6 / §3.9.  Only ``7 Day Total Orders`` and ``7 Day Total Sales`` are in the
console layout (no units, no SKU split); ``Last Year …`` columns are kept as ``last_year_*``.
German headers: not found (§10); only the shared metric names apply.
"""

from __future__ import annotations

import pandas as pd

from xladdin.reports import sp_common as c
from xladdin.reports.base import Col, Context, Family
from xladdin.reports.registry import module_detect, module_parse

_S = c.sales_cols(with_units_split=False)
_S["units"].core = False  # the console campaign report has orders and sales, no units
_T = {col.name: col for col in c.traffic_cols()}

COLUMNS = [
    *c.date_cols(),
    c.portfolio(),
    Col("program_type", "text", en="Program Type", zh="广告活动类型"),
    c.campaign_name(),
    *c.retailer_country(),
    Col("status", "text", en="Status", zh="状态", api="campaignStatus"),
    c.currency(),
    Col("budget", "money", en=["Budget Amount", "Budget"], zh="预算", api="campaignBudgetAmount"),
    Col("budget_type", "text", api="campaignBudgetType"),
    # Values AUTO / MANUAL (the console may also show "Automatic targeting"; unverified, §3.4).
    Col("targeting_type", "text", en="Targeting Type", zh="定位类型"),
    Col("bidding_strategy", "text", en="Bidding strategy", zh="竞价策略", api="campaignBiddingStrategy"),
    _T["impressions"],
    Col("last_year_impressions", "int", en="Last Year Impressions", zh="去年曝光量"),
    _T["clicks"],
    Col("last_year_clicks", "int", en="Last Year Clicks", zh="去年点击量"),
    _T["ctr"],
    _T["spend"],
    Col("last_year_spend", "money", en="Last Year Spend", zh="去年支出"),
    _T["cpc"],
    Col("last_year_cpc", "money", en="Last Year Cost Per Click (CPC)", zh="去年每次点击成本(CPC)"),
    _S["orders"], _S["acos"], _S["roas"], _S["sales"], _S["units"], _S["cvr"],
    Col("campaign_id", "id", api="campaignId"),
    Col("portfolio_id", "id", api="portfolioId"),
    Col("ad_group_id", "id", api="adGroupId"),
    c.ad_group_name(core=False),
    Col("placement", "text", en="Placement", zh="放置", api="placementClassification"),
    Col("top_of_search_is", "text", en=["Top-of-search Impression Share", "Top-of-search IS"],
        zh="搜索结果首页首位展示量份额", api="topOfSearchImpressionShare"),
    *c.api_window_cols(),
    # Present only to keep other families apart (excludes).
    c.search_term(core=False),
    c.targeting(core=False),
    Col("advertised_asin", "asin", en="Advertised ASIN", zh="广告ASIN", de="Beworbene ASIN", api="advertisedAsin"),
    Col("entity", "text", en="Entity", de="Entität"),
]


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    return c.finish_console(frame, ctx, marked=("top_of_search_is",))


CAMPAIGN = Family(
    "sp_campaign", "Sponsored Products campaign report", COLUMNS,
    title_zh="商品推广广告活动报告",
    signature=[("campaign_name", "budget", ("targeting_type", "bidding_strategy"), "impressions"),
               ("campaign_id", "campaign_name", "budget", "impressions")],  # Ads API spCampaigns
    excludes=("search_term", "targeting", "advertised_asin", "entity"),
    key_columns=("campaign_name",),
    sheet_names=("Sponsored Products Campaign Report", "Sponsored Product Campaign Report"),
    finish=_finish,
)
FAMILIES = [CAMPAIGN]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
