"""Keepa Product Viewer / Product Finder export (CSV or XLSX).

amazon-reports.md §7.5.  The column set is the user's choice, so the table lists every name seen in public
sources; the signature only needs ``ASIN`` and one current-price / rank series.  Names follow Keepa's
``<Series>: <Stat>`` pattern; the truck emoji of the newer ``Buy Box 🚚: Current`` is folded away by the
header normaliser.  Columns not listed stay in ``Report.extra`` (never guessed).

Values: prices are plain decimals (``24.99``) or with a symbol; percent columns are written ``15 %`` (with a
space), and a bare number in a column whose name says ``%`` is a percent (15 → 0.15).
``Reviews: Review Count`` and its newer form ``Reviews: Rating Count`` are kept apart: Amazon changed what
the count means when reviews became ratings.

History (price volatility and seasonality in the selection workbook): per series Keepa writes
``<Series>: 30 / 90 / 180 days avg.``, ``<Series>: Lowest`` / ``Highest`` (over everything Keepa tracked,
not a window) and, for Sales Rank, ``Drops last 30 / 90 / 180 days``; names seen in public exports.  The
365-day average and ``Drops last 365 days`` follow the same pattern and match fields of Keepa's Stats object
(``avg365``, ``salesRankDrops365``, amazon-rules.md §7.2): INFERRED spellings, marked below.
"""

from __future__ import annotations

from xladdin.reports.base import Col, Family
from xladdin.reports.registry import module_detect, module_parse

COLUMNS = [
    Col("asin", "asin", en="ASIN", core=True),
    Col("title", "text", en="Title"),
    Col("brand", "text", en="Brand"),
    Col("sales_rank_current", "int", en="Sales Rank: Current"),
    Col("sales_rank_30d_avg", "float", en="Sales Rank: 30 days avg."),
    Col("sales_rank_90d_avg", "float", en="Sales Rank: 90 days avg."),
    Col("sales_rank_180d_avg", "float", en="Sales Rank: 180 days avg."),
    Col("sales_rank_365d_avg", "float", en="Sales Rank: 365 days avg."),  # INFERRED (Stats avg365)
    Col("sales_rank_lowest", "int", en="Sales Rank: Lowest"),
    Col("sales_rank_highest", "int", en="Sales Rank: Highest"),
    Col("sales_rank_drops_30d", "int", en="Sales Rank: Drops last 30 days"),
    Col("sales_rank_drops_90d", "int", en="Sales Rank: Drops last 90 days"),
    Col("sales_rank_drops_180d", "int", en="Sales Rank: Drops last 180 days"),
    Col("sales_rank_drops_365d", "int", en="Sales Rank: Drops last 365 days"),  # INFERRED (Stats salesRankDrops365)
    Col("sales_rank_90d_drop_pct", "pct", en="Sales Rank: 90 days drop %", pct_plain="percent"),
    Col("bought_past_month", "int", en="Bought in past month"),
    Col("buy_box_current", "money", en="Buy Box: Current"),  # also "Buy Box 🚚: Current"
    Col("buy_box_30d_avg", "money", en="Buy Box: 30 days avg."),
    Col("buy_box_90d_avg", "money", en="Buy Box: 90 days avg."),
    Col("buy_box_180d_avg", "money", en="Buy Box: 180 days avg."),
    Col("buy_box_365d_avg", "money", en="Buy Box: 365 days avg."),  # INFERRED (Stats avg365)
    Col("buy_box_lowest", "money", en="Buy Box: Lowest"),
    Col("buy_box_highest", "money", en="Buy Box: Highest"),
    Col("buy_box_amazon_pct_90d", "pct", en="Buy Box: % Amazon 90 days", pct_plain="percent"),
    Col("amazon_current", "money", en="Amazon: Current"),
    Col("new_current", "money", en="New: Current"),
    Col("new_30d_avg", "money", en="New: 30 days avg."),
    Col("new_90d_avg", "money", en="New: 90 days avg."),
    Col("new_180d_avg", "money", en="New: 180 days avg."),
    Col("new_365d_avg", "money", en="New: 365 days avg."),  # INFERRED (Stats avg365)
    Col("new_lowest", "money", en="New: Lowest"),
    Col("new_highest", "money", en="New: Highest"),
    Col("new_3p_fba_current", "money", en="New, 3rd Party FBA: Current"),
    Col("rating", "float", en="Reviews: Rating"),
    Col("review_count", "int", en="Reviews: Review Count"),
    Col("rating_count", "int", en="Reviews: Rating Count"),
    Col("review_count_format_specific", "int", en="Reviews: Review Count - Format Specific"),
    Col("referral_fee_pct", "pct", en="Referral Fee %", pct_plain="percent"),
    Col("fba_fee", "money", en="FBA Pick&Pack Fee"),
    Col("offer_count_new_fba", "int", en="Count of retrieved live offers: New, FBA"),
    Col("category_root", "text", en="Categories: Root"),
    Col("parent_asin", "asin", en="Parent ASIN"),
    Col("variation_asins", "text", en="Variation ASINs"),  # comma-separated list, kept as text
    Col("package_weight_g", "float", en="Package: Weight (g)"),
    Col("listed_since", "date", en="Listed since"),
]

KEEPA = Family(
    "keepa_products", "Keepa product export", COLUMNS,
    title_zh="Keepa 产品数据导出",
    signature=[("asin", ("sales_rank_current", "buy_box_current", "amazon_current", "new_current"))],
)
FAMILIES = [KEEPA]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
