"""SellerSprite (卖家精灵) reverse-ASIN keyword export ("ExpandKeywords"), English and Chinese UI (XLSX).

amazon-reports.md §7.6: PARTIAL.  The English and Chinese column lists come from different public files and
do not line up one to one, so a Chinese column gets the English canonical name only where the meaning is
unambiguous (关键词 = Keyword, 月搜索量 = Searched / Month …); the others get their own names
(``traffic_share`` for 流量占比, ``keyword_type`` for 流量词类型 …).  The competitor-research and
keyword-mining layouts are not covered (their header rows are only partly known).

Share and rate columns: a value above 1 cannot be a fraction of a share, so a column whose plain numbers
exceed 1 is read as percent (12.5 → 0.125) and the metadata says so.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from xladdin.reports.base import Col, Context, Family
from xladdin.reports.registry import module_detect, module_parse

COLUMNS = [
    Col("keyword", "text", en="Keyword", zh="关键词", core=True),
    Col("keyword_translation", "text", zh="关键词翻译"),  # 关键词翻译: keyword translation
    Col("traffic_share", "pct", zh="流量占比"),  # 流量占比: traffic share (no English twin in the sources)
    Col("keyword_type", "text", zh="流量词类型"),  # 流量词类型: "SP广告词" (SP ad word) / "自然搜索词" (organic)
    Col("amazon_choice", "text", en="Amazon Choice", zh="AC推荐词"),  # AC推荐词: Amazon's Choice keyword
    Col("click_share", "pct", en="Click Share"),
    Col("keyword_distribution", "text", en="Keyword Distribution"),
    Col("weekly_searches", "int", en="Weekly Searches"),
    Col("weekly_impressions_est", "int", zh="预估周曝光量"),  # 预估周曝光量: estimated weekly impressions
    Col("products", "int", en="Products", zh="商品数"),  # 商品数: number of products
    Col("related_products", "int", zh="相关产品"),  # 相关产品: related products
    Col("related_asins", "int", en="Related ASINs", zh="相关ASIN"),
    Col("relevance", "float", zh="相关度"),  # 相关度: relevance
    Col("aba_rank_week", "int", en="ABA Rank / Week", zh="ABA周排名"),  # ABA周排名: ABA rank, weekly
    Col("aba_rank_month", "int", zh="ABA月排名"),  # ABA月排名: ABA rank, monthly
    Col("monthly_searches", "int", en="Searched / Month", zh="月搜索量"),  # 月搜索量: monthly searches
    Col("monthly_purchases", "int", en="Purchase / Month", zh="月购买量"),  # 月购买量: monthly purchases
    Col("purchase_rate", "pct", en="Purchase Rate", zh="购买率"),  # 购买率: purchase rate
    Col("impressions", "int", en="Impressions", zh="展示量"),
    Col("clicks", "int", en="Clicks", zh="点击量"),
    Col("spr", "int", en="SPR", zh="SPR"),
    Col("title_density", "int", en="Title Density", zh="标题密度"),  # 标题密度: title density
    # 需供比 (demand-supply ratio) is SellerSprite's DSR.
    Col("dsr", "float", en="DSR", zh="需供比"),
    Col("sponsored_asins", "int", en="Sponsored ASINs", zh="广告竞品数"),  # 广告竞品数: sponsored competitors
    Col("ppc_bid", "money", zh="PPC竞价"),  # PPC竞价: PPC bid ("$0.53"), no match type given
    Col("ppc_bid_broad", "money", en="PPC Bid (Broad)"),
    Col("ppc_bid_exact", "money", en="PPC Bid (Exact)"),
    Col("ppc_bid_phrase", "money", en="PPC Bid (Phrase)"),
    Col("suggested_bid_broad", "money", en="Suggested bid(Broad)"),
    Col("suggested_bid_exact", "money", en="Suggested bid(Exact)"),
    Col("organic_rank", "int", en="Organic Rank"),
    Col("sponsored_rank", "int", en="Sponsored Rank"),
    Col("total_click_share", "pct", en="Total Click Share", zh="点击总占比"),  # 点击总占比: total click share
    Col("total_conversion_share", "pct", en="Total Conversion Share"),
]

_SHARES = ("traffic_share", "click_share", "purchase_rate", "total_click_share", "total_conversion_share")


def _finish(frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
    for col in _SHARES:
        if col in ctx.meta.columns:
            v = frame[col].to_numpy(dtype="float64")
            if np.nanmax(v, initial=0.0) > 1.0:
                frame[col] = v / 100.0
                ctx.meta.notes.append(f"{col}: values above 1 — read as percent numbers and divided by 100")
    return frame


KEYWORDS = Family(
    "sellersprite_keywords", "SellerSprite reverse-ASIN keywords (ExpandKeywords)", COLUMNS,
    title_zh="卖家精灵 反查关键词",
    signature=[("keyword", "spr", ("title_density", "aba_rank_week", "monthly_searches"))],
    finish=_finish,
)
FAMILIES = [KEYWORDS]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
