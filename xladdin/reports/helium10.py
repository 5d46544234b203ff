"""Helium 10 exports: Cerebro (reverse ASIN), Magnet (keyword research), X-Ray and Black Box (product lists).

amazon-reports.md §7.1–§7.3.  Helium 10 CSVs are UTF-8 with BOM and quote every field; headers are English.

* Cerebro: the 26-column header (CORROBORATED) plus older names (``Organic Rank``, ``Position (Organic)``).
  A multi-ASIN Cerebro adds one rank column per ASIN, headed by the ASIN: those stay in ``Report.extra``.
* Magnet, Black Box: PARTIAL (names from public parsers, no complete header row); only those names are listed.
* X-Ray: the older amazon.in header and the newer ``Parent Level …`` / ``ASIN …`` names.  Old ``Sales`` /
  ``Revenue`` are kept as ``sales`` / ``revenue``: whether they are parent- or ASIN-level is not documented,
  so they are not merged with the newer columns.

Values: ``-`` and ``N/R`` (not ranked) are missing; ``>1,000`` (competing products) and ``1K+`` (recent
purchases) are stored as the bound with a note in the metadata.  Share and trend columns are written as
percent numbers without a sign (``38.1`` = 38.1 %) and become fractions (0.381).
"""

from __future__ import annotations

import pandas as pd

from xladdin.reports.base import Col, Context, Family
from xladdin.reports.marked import parse_marked
from xladdin.reports.registry import module_detect, module_parse

class _Marked:
    """Numeric H10 columns declared ``text`` (cells can hold "-", "N/R", ">1,000", "1K+") and converted by
    :func:`parse_marked` in ``finish``; one table per family group, so equal names never clash."""

    def __init__(self) -> None:
        self.spec: dict[str, tuple[str, str]] = {}

    def __call__(self, name: str, kind: str, en, *, pct_plain: str = "fraction", core: bool = False) -> Col:
        self.spec[name] = (kind, pct_plain)
        return Col(name, "text", en=en, core=core)

    def finish(self, frame: pd.DataFrame, ctx: Context) -> pd.DataFrame:
        for name in frame.columns:
            if name in self.spec:
                kind, pct_plain = self.spec[name]
                parse_marked(frame, ctx, name, kind, pct_plain=pct_plain, missing_tokens=("N/R", "n/a"))
        return frame


_m = _Marked()  # keyword tools
_p = _Marked()  # product tools


# --- keyword tools: Cerebro, Magnet -------------------------------------------------------------------------
KEYWORD = Col("keyword", "text", en="Keyword Phrase", core=True)
SEARCH_VOLUME = _m("search_volume", "int", "Search Volume", core=True)
SEARCH_VOLUME_TREND = _m("search_volume_trend", "pct", "Search Volume Trend", pct_plain="percent")
KEYWORD_SALES = _m("keyword_sales", "int", "Keyword Sales")
COMPETING_PRODUCTS = _m("competing_products", "int", "Competing Products")
CPR = _m("cpr", "int", "CPR")
TITLE_DENSITY = _m("title_density", "int", "Title Density")

CEREBRO_COLUMNS = [
    KEYWORD,
    _m("aba_click_share", "pct", "ABA Total Click Share", pct_plain="percent"),
    _m("aba_conversion_share", "pct", "ABA Total Conv. Share", pct_plain="percent"),
    KEYWORD_SALES,
    _m("cerebro_iq_score", "int", "Cerebro IQ Score", core=True),
    SEARCH_VOLUME,
    SEARCH_VOLUME_TREND,
    _m("ppc_bid", "money", "H10 PPC Sugg. Bid"),
    _m("ppc_bid_min", "money", "H10 PPC Sugg. Min Bid"),
    _m("ppc_bid_max", "money", "H10 PPC Sugg. Max Bid"),
    _m("sponsored_asins", "int", "Sponsored ASINs"),
    COMPETING_PRODUCTS,
    CPR,
    TITLE_DENSITY,
    _m("amazon_recommended", "int", "Amazon Recommended"),
    _m("sponsored", "int", "Sponsored"),
    _m("organic", "int", "Organic"),
    _m("sponsored_rank_avg", "float", "Sponsored Rank (avg)"),
    _m("sponsored_rank_count", "int", "Sponsored Rank (count)"),
    _m("amazon_recommended_rank_avg", "float", "Amazon Recommended Rank (avg)"),
    _m("amazon_recommended_rank_count", "int", "Amazon Recommended Rank (count)"),
    _m("position_rank", "int", ["Position (Rank)", "Position (Organic)"]),
    _m("relative_rank", "int", "Relative Rank"),
    _m("competitor_rank_avg", "float", "Competitor Rank (avg)"),
    _m("ranking_competitors", "int", "Ranking Competitors (count)"),
    _m("competitor_performance_score", "float", "Competitor Performance Score"),
    _m("organic_rank", "int", "Organic Rank"),  # older exports
    # Only here to keep Cerebro and Magnet apart (excludes).
    _m("magnet_iq_score", "int", "Magnet IQ Score"),
]

MAGNET_COLUMNS = [
    KEYWORD,
    _m("magnet_iq_score", "int", "Magnet IQ Score", core=True),
    SEARCH_VOLUME,
    SEARCH_VOLUME_TREND,
    COMPETING_PRODUCTS,
    CPR,
    KEYWORD_SALES,
    TITLE_DENSITY,
    # "Search Intent" / "Search Volume History" are marked (?) in the reference: not listed (kept in extra).
    _m("cerebro_iq_score", "int", "Cerebro IQ Score"),
]


CEREBRO = Family(
    "helium10_cerebro", "Helium 10 Cerebro (reverse ASIN keywords)", CEREBRO_COLUMNS,
    title_zh="Helium 10 Cerebro 反查关键词",
    signature=[("keyword", "cerebro_iq_score")],
    excludes=("magnet_iq_score",),
    finish=_m.finish,
)
MAGNET = Family(
    "helium10_magnet", "Helium 10 Magnet (keyword research)", MAGNET_COLUMNS,
    title_zh="Helium 10 Magnet 关键词研究",
    signature=[("keyword", "magnet_iq_score")],
    excludes=("cerebro_iq_score",),
    finish=_m.finish,
)


# --- product tools: X-Ray, Black Box ------------------------------------------------------------------------
def _product_columns() -> list[Col]:
    return [
        _p("display_order", "int", "Display Order"),  # "4." in the export
        # Sponsored rows' titles start with "($)" in X-Ray; kept as written (the Sponsored column says it).
        Col("title", "text", en=["Product Details", "Title"], core=True),
        Col("asin", "asin", en="ASIN", core=True),
        Col("url", "text", en="URL"),
        Col("image_url", "text", en="Image URL"),
        Col("brand", "text", en="Brand"),
        _p("price", "money", "Price"),  # "Price  $" / "Price €": the currency qualifier is folded away
        _p("parent_level_sales", "int", "Parent Level Sales"),
        _p("asin_sales", "int", "ASIN Sales"),
        _p("sales", "int", "Sales"),  # older X-Ray: level not documented, kept apart
        _p("variation_sales_strength", "int", "Variation Sales Strength (1 - 10)"),
        _p("recent_purchases", "int", "Recent Purchases"),  # "1K+"
        _p("parent_level_revenue", "money", "Parent Level Revenue"),
        _p("asin_revenue", "money", "ASIN Revenue"),
        _p("revenue", "money", "Revenue"),  # older X-Ray
        _p("title_char_count", "int", "Title Char. Count"),
        _p("bsr", "int", "BSR", core=True),
        Col("seller_country", "text", en="Seller Country/Region"),
        _p("fees", "money", "Fees"),
        _p("active_sellers", "int", "Active Sellers"),
        _p("rating", "float", "Ratings"),
        _p("review_count", "int", "Review Count", core=True),
        _p("images", "int", "Images"),
        _p("review_velocity", "int", "Review velocity"),
        Col("buy_box_owner", "text", en="Buy Box"),
        Col("category", "text", en="Category"),
        Col("size_tier", "text", en="Size Tier"),
        Col("fulfillment", "text", en="Fulfillment"),
        Col("dimensions", "text", en="Dimensions"),
        Col("weight", "text", en="Weight"),
        Col("aba_most_clicked", "text", en="ABA Most Clicked"),
        Col("creation_date", "date", en="Creation Date"),  # "Mar 22, 2011"
        Col("sponsored", "text", en="Sponsored"),  # "No" / "Sponsored Product"
        Col("best_seller", "bool", en="Best Seller"),
        _p("seller_age_months", "int", "Seller Age (mo)"),
        Col("seller", "text", en="Seller"),
        # Black Box (PARTIAL, §7.3)
        _p("sales_trend_90d", "pct", "Sales Trend (90 days) (%)", pct_plain="percent"),
        _p("storage_fee_jan_sep", "money", "Storage Fee (Jan-Sep)"),
        _p("storage_fee_oct_dec", "money", "Storage Fee (Oct-Dec)"),
    ]


_REVENUE = ("asin_revenue", "parent_level_revenue", "revenue")
XRAY = Family(
    "helium10_xray", "Helium 10 X-Ray (product list)", _product_columns(),
    title_zh="Helium 10 X-Ray 产品列表",
    signature=[("asin", "bsr", "review_count", _REVENUE, ("display_order", "url", "image_url"))],
    finish=_p.finish,
)
BLACK_BOX = Family(
    "helium10_blackbox", "Helium 10 Black Box (product research)", _product_columns(),
    title_zh="Helium 10 Black Box 选品",
    signature=[("asin", "bsr", "review_count", _REVENUE)],
    # X-Ray's own columns: a list that has them is an X-Ray export.
    excludes=("display_order", "url", "image_url"),
    finish=_p.finish,
)

FAMILIES = [CEREBRO, MAGNET, XRAY, BLACK_BOX]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
