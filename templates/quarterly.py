"""Quarterly review workbook (季度复盘): Business Reports for the quarter, the advertised-product report, SKU
costs and last quarter's decisions in; per-SKU review (contribution, margin, TACoS, CVR vs category,
KEEP / FIX / CUT with reasons and money impact, ABC class) and a Pareto chart out.

ABC classes (documented on the Guide sheet and in :mod:`xladdin.workbooks.quarterly_analysis`): SKUs ranked
by revenue; a SKU is **A** when the revenue ranked above it is below 80 % of the total (the SKUs that bring
the first 80 %), **B** when it is below 95 % (the next 15 %), else **C** (the last 5 %); both cut-offs are
Settings (``abc_a_share``, ``abc_b_share``).

``LastQuarter`` is filled by ``xladdin import THIS.xlsx LAST_QUARTER_REVIEW.xlsx`` (last quarter's refreshed
review workbook, family ``xladdin_quarterly_review``; a later import replaces it) or by hand; ``QuarterCompare``
sets the two quarters side by side.
"""

from templates.common import ASIN, IMPORT_ID, NOTE, SKU, issues_table
from xladdin.workbooks.formats import DATE, INT
from xladdin.workbooks.last_quarter import FAMILY as LAST_QUARTER_FAMILY
from xladdin.workbooks.spec import (
    ChartSpec,
    Column,
    DashboardSpec,
    GuideSpec,
    Highlight,
    Kpi,
    SettingsSpec,
    TableSpec,
    TemplateSpec,
)

MONEY = "#,##0.00"
PCT = "0.0%"
PP = "+0.0%;-0.0%;0.0%"  # a change of a share or margin (percentage points)

BUSINESS_REPORT = TableSpec(
    "BusinessReport", "BusinessReport", "业务报告（子商品）", "Business Report (by child item)",
    (SKU, ASIN, Column("parent_asin", "父 ASIN", "Parent ASIN", width=13),
     Column("title", "标题", "Title", width=36),
     Column("sessions", "会话数", "Sessions", fmt=INT, width=11),
     Column("page_views", "页面浏览量", "Page views", fmt=INT, width=12),
     Column("units_ordered", "已订购数量", "Units ordered", fmt=INT, width=13),
     Column("ordered_sales", "已订购销售额", "Ordered sales", fmt=MONEY, width=14),
     Column("total_order_items", "订单商品数", "Order items", fmt=INT, width=12),
     IMPORT_ID),
    families=("business_report_child",),
    hint_zh="xladdin import 本季度的业务报告（子商品）；文件名须含日期范围；日期重叠不会重复计算",
    hint_en="xladdin import the quarter's Business Reports by child item; file names carry the range; overlaps are "
            "never counted twice")
ADVERTISED = TableSpec(
    "AdvertisedProducts", "AdvertisedProducts", "已推广商品报告", "Advertised product report",
    (Column("start_date", "开始日期", "Start date", fmt=DATE, width=12),
     Column("end_date", "结束日期", "End date", fmt=DATE, width=12),
     Column("campaign_name", "广告活动", "Campaign", width=24), Column("ad_group_name", "广告组", "Ad group", width=18),
     Column("advertised_sku", "广告 SKU", "Advertised SKU", width=18),
     Column("advertised_asin", "广告 ASIN", "Advertised ASIN", width=13),
     Column("impressions", "展示量", "Impressions", fmt=INT, width=12),
     Column("clicks", "点击量", "Clicks", fmt=INT, width=10),
     Column("spend", "花费", "Spend", fmt=MONEY, width=12),
     Column("sales", "广告销售额", "Ad sales", fmt=MONEY, width=13),
     Column("orders", "广告订单", "Ad orders", fmt=INT, width=11),
     IMPORT_ID),
    families=("sp_advertised_product",),
    hint_zh="xladdin import 商品推广已推广商品报告（本季度）", hint_en="xladdin import the SP advertised product report "
                                                          "for the quarter")
SKU_COSTS = TableSpec(
    "SkuCosts", "SkuCosts", "SKU 成本", "SKU costs",
    (SKU, Column("category", "类目", "Category", width=18),
     Column("cogs", "采购成本/件", "COGS per unit", fmt=MONEY, width=14),
     Column("fees", "亚马逊费用/件", "Amazon fees per unit", fmt=MONEY, width=16), NOTE),
    hint_zh="手工维护：每件采购成本（含头程）与亚马逊费用（佣金 + FBA 配送费）；类目用于转化率对比",
    hint_en="by hand: per-unit COGS (with freight) and Amazon fees (referral + FBA); category groups the CVR benchmark")
CATEGORY_CVR = TableSpec(
    "CategoryCvr", "CategoryCvr", "类目平均转化率", "Category average CVR",
    (Column("category", "类目", "Category", width=18),
     Column("avg_cvr", "类目平均转化率", "Category avg CVR", fmt=PCT, width=16), NOTE),
    hint_zh="可选：类目平均转化率（如 10%）；空白 = 用本店该类目 SKU 的加权转化率",
    hint_en="optional: the category's average CVR (e.g. 10%); blank = this account's weighted CVR in the category")
LAST_QUARTER = TableSpec(
    "LastQuarter", "LastQuarter", "上季度决策", "Last quarter's decisions",
    (SKU, Column("decision", "决策", "Decision", choices=("KEEP", "FIX", "CUT"), width=10),
     Column("contribution_share", "贡献率", "Contribution share", fmt=PCT, width=13),
     Column("revenue", "销售额", "Revenue", fmt=MONEY, width=12),
     Column("gross_margin", "毛利率", "Gross margin", fmt=PCT, width=13),
     Column("units", "销量", "Units", fmt=INT, width=9), NOTE, IMPORT_ID),
    families=(LAST_QUARTER_FAMILY,),
    hint_zh="xladdin import 本文件.xlsx 上季度复盘.xlsx（已刷新的上季度复盘工作簿，再次导入即替换）；或手工粘贴 sku、decision",
    hint_en="xladdin import THIS.xlsx LAST_QUARTER.xlsx (last quarter's refreshed review; a new import replaces it); "
            "or paste sku, decision by hand")

SKU_REVIEW = TableSpec(
    "SkuReview", "SkuReview", "SKU 复盘", "SKU review",
    # Printed (through Note): the decision page.  Right of Note: screen-only detail.
    (Column("rank", "排名", "Rank", fmt=INT, width=6), Column("sku", "SKU", "SKU", width=16),
     Column("abc_class", "ABC", "ABC", width=6),
     Column("revenue", "销售额", "Revenue", fmt=MONEY, width=12),
     Column("contribution_share", "贡献率", "Contribution", fmt=PCT, width=13),
     Column("cumulative_share", "累计占比", "Cumulative", fmt=PCT, width=11),
     Column("gross_margin", "毛利率", "Gross margin", fmt=PCT, width=13),
     Column("ad_spend", "广告花费", "Ad spend", fmt=MONEY, width=11),
     Column("tacos", "TACoS", "TACoS", fmt=PCT, width=9),
     Column("cvr", "转化率", "CVR", fmt=PCT, width=8),
     Column("category_cvr", "类目转化率", "Category CVR", fmt=PCT, width=13),
     Column("sku_keep", "保留", "SKU_KEEP", width=10),
     Column("decision", "决策", "Decision", width=9),
     Column("money_impact", "利润影响", "Money impact", fmt=MONEY, width=13),
     Column("last_decision", "上季度", "Last qtr", width=9),
     Column("decision_changed", "决策变化", "Changed", width=10),
     Column("note", "备注", "Note", width=16),
     Column("reason", "原因", "Reason", width=60),
     Column("impact_note", "影响说明", "Impact note", width=50),
     Column("title", "标题", "Title", width=30),
     Column("category", "类目", "Category", width=14),
     Column("units", "销量", "Units", fmt=INT, width=9),
     Column("sessions", "会话数", "Sessions", fmt=INT, width=10),
     Column("cogs_total", "采购成本合计", "COGS total", fmt=MONEY, width=13),
     Column("fees_total", "费用合计", "Fees total", fmt=MONEY, width=12),
     Column("gross_profit", "毛利", "Gross profit", fmt=MONEY, width=12),
     Column("profit_after_ads", "广告后利润", "Profit after ads", fmt=MONEY, width=14),
     Column("ad_sales", "广告销售额", "Ad sales", fmt=MONEY, width=12),
     Column("cvr_gap", "转化率差", "CVR gap", fmt=PCT, width=10)),
    role="output", row_key=("sku",), operator_columns=("note",), print_through="note",
    highlights=(Highlight("decision", "equal", ('"CUT"',)),
                Highlight("decision", "equal", ('"FIX"',), fill="FFEB9C", font="9C5700"),
                Highlight("decision_changed", "equal", ('"Y"',), fill="FFEB9C", font="9C5700")),
    hint_zh="刷新生成，按销售额排序；红 = 淘汰，黄 = 改进；利润影响 = 执行决策后的季度利润变化；备注右侧为屏幕明细",
    hint_en="written by refresh, by revenue; red = CUT, amber = FIX; money impact = quarterly profit change of the "
            "decision; columns right of Note are screen-only")
COMPARE = TableSpec(
    "QuarterCompare", "QuarterCompare", "与上季度对比", "vs last quarter",
    (Column("sku", "SKU", "SKU", width=16),
     Column("last_decision", "上季度决策", "Last decision", width=13),
     Column("decision", "本季度决策", "This decision", width=13),
     Column("decision_changed", "决策变化", "Changed", width=9),
     Column("cut_stopped", "淘汰已停售", "CUT stopped", width=12),
     Column("last_revenue", "上季度销售额", "Last revenue", fmt=MONEY, width=12),
     Column("revenue", "本季度销售额", "Revenue", fmt=MONEY, width=12),
     Column("revenue_change", "销售额变化", "Revenue change", fmt="+#,##0.00;-#,##0.00;0.00", width=14),
     Column("last_contribution", "上季度贡献率", "Last share", fmt=PCT, width=12),
     Column("contribution_share", "本季度贡献率", "Share", fmt=PCT, width=12),
     Column("contribution_change", "贡献率变化", "Share change", fmt=PP, width=12),
     Column("last_margin", "上季度毛利率", "Last margin", fmt=PCT, width=12),
     Column("gross_margin", "本季度毛利率", "Gross margin", fmt=PCT, width=12),
     Column("margin_change", "毛利率变化", "Margin change", fmt=PP, width=13),
     Column("comment", "说明", "Comment", width=40),
     Column("units", "本季度销量", "Units", fmt=INT, width=10), NOTE),
    role="output", row_key=("sku",), operator_columns=("note",), print_through="comment",
    highlights=(Highlight("cut_stopped", "equal", ('"N"',)),
                Highlight("decision_changed", "equal", ('"Y"',), fill="FFEB9C", font="9C5700")),
    hint_zh="刷新生成：上季度 → 本季度；红 = 上季度淘汰但仍在销售；变化为百分点",
    hint_en="written by refresh: last quarter → this quarter; red = CUT last quarter but still selling; "
            "changes in percentage points")
ISSUES = issues_table(SKU, "刷新生成：缺成本、无日期范围、重叠报表、广告 SKU 无销售等",
                      "written by refresh: missing costs, no date range, overlapping reports, ad SKUs without sales …")

QUARTERLY = TemplateSpec(
    "quarterly", "季度复盘", "Quarterly review",
    guide=GuideSpec("说明 Guide", (
        (("下载报表：业务报告 › 详情页面上的销售量与访问量 – 子商品（覆盖整个季度，可分月下载），文件名保留日期范围"
          "（如 BusinessReport-20260701-20260930.csv）；重叠的报表只取不重叠的一组，日期不会重复计算。"),
         ("Download: Business Reports › Detail Page Sales and Traffic by Child Item covering the quarter (one file or "
          "one per month), the file name keeping the range (e.g. BusinessReport-20260701-20260930.csv); of "
          "overlapping reports only a non-overlapping set is used, so no day is counted twice.")),
        ("下载：广告 › 报告 › 商品推广 › 已推广商品报告（本季度）。",
         "Download: Advertising › Reports › Sponsored Products › Advertised product report (the quarter)."),
        ("导入：xladdin import 本文件.xlsx 报表 …；或粘贴到对应工作表第 4 行起（粘贴的业务报告没有日期范围，不使用）。",
         ("Import: xladdin import THIS.xlsx REPORT …; or paste from row 4 (pasted Business Report rows have no date "
          "range and are not used).")),
        (("填写 SkuCosts（每件采购成本与亚马逊费用、类目），可选 CategoryCvr（类目平均转化率）。"),
         ("Fill in SkuCosts (per-unit COGS and Amazon fees, category); optional: CategoryCvr (category average "
          "CVR).")),
        (("上季度：xladdin import 本文件.xlsx 上季度复盘.xlsx（已刷新的上季度复盘工作簿）填入 LastQuarter，再次导入即替换；"
          "也可手工粘贴 sku、decision、贡献率。QuarterCompare 显示决策变化、销售额 / 贡献率 / 毛利率变化，"
          "以及上季度淘汰的 SKU 是否已停售。"),
         ("Last quarter: xladdin import THIS.xlsx LAST_QUARTER.xlsx (last quarter's refreshed review workbook) "
          "fills LastQuarter, a new import replaces it; or paste sku, decision, contribution share by hand. "
          "QuarterCompare shows decision changes, revenue / contribution / margin changes and whether last "
          "quarter's CUT SKUs stopped selling.")),
        (("规则（运营手册）：贡献率 < 5% 且 毛利率 < 15% → 淘汰 CUT；只低一项 → 改进 FIX；两项都达标 → 保留 KEEP；"
          "两项都低但贡献率比上季度增长 → FIX（下季度复查）。阈值在 Settings。"),
         ("Rule (playbook): contribution < 5 % AND gross margin < 15 % → CUT; below one only → FIX; neither → KEEP; "
          "below both but contribution rising since last quarter → FIX (review next quarter). Thresholds: Settings.")),
        (("口径：销售额 = 业务报告已订购销售额；毛利 = 销售额 − 销量 ×（采购成本 + 费用）；毛利率 = 毛利 ÷ 销售额；"
          "TACoS = 广告花费 ÷ 销售额；转化率 = 销量 ÷ 会话数。"),
         ("Definitions: revenue = ordered product sales; gross profit = revenue − units × (COGS + fees); gross margin "
          "= gross profit ÷ revenue; TACoS = ad spend ÷ revenue; CVR = units ÷ sessions.")),
        (("利润影响：CUT = −广告后利润（停售并停广告后季度利润的变化）；毛利率低的 FIX = 毛利率提到 15% 多出的毛利；"
          "KEEP 与贡献率低的 FIX 为 0。"),
         ("Money impact: CUT = −profit after ads (quarterly profit change when the SKU and its ads stop); FIX for "
          "margin = the extra gross profit at the 15 % margin; KEEP and FIX for contribution = 0.")),
        (("ABC：按销售额排序，排在前面的销售额累计 < 80% 的为 A（贡献前 80%），< 95% 为 B（其后 15%），其余为 C"
          "（最后 5%）；界限在 Settings（abc_a_share、abc_b_share）。"),
         ("ABC: ranked by revenue; A when the revenue ranked above the SKU is < 80 % (the first 80 %), B when < 95 % "
          "(the next 15 %), else C (the last 5 %); cut-offs in Settings (abc_a_share, abc_b_share).")),
        ("刷新：插件功能区 › 刷新（或 xladdin refresh）；看 Dashboard、SkuReview 与 Issues。",
         "Refresh: ribbon › Refresh (or xladdin refresh); read the Dashboard, SkuReview and Issues."),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "季度复盘看板", "Quarterly review dashboard",
        kpis=(Kpi("kpi_period", "期间", "Period", fmt="@"),
              Kpi("kpi_days", "覆盖天数", "Days covered", fmt="#,##0"),
              Kpi("kpi_skus", "SKU 数", "SKUs", fmt="#,##0"),
              Kpi("kpi_revenue", "销售额", "Revenue", fmt=MONEY),
              Kpi("kpi_gross_profit", "毛利", "Gross profit", fmt=MONEY),
              Kpi("kpi_gross_margin", "毛利率", "Gross margin", fmt=PCT),
              Kpi("kpi_ad_spend", "广告花费", "Ad spend", fmt=MONEY),
              Kpi("kpi_tacos", "TACoS", "TACoS", fmt=PCT),
              Kpi("kpi_keep", "保留", "KEEP", fmt="#,##0"),
              Kpi("kpi_fix", "改进", "FIX", fmt="#,##0"),
              Kpi("kpi_cut", "淘汰", "CUT", fmt="#,##0"),
              Kpi("kpi_cut_gross_profit", "淘汰 SKU 毛利", "CUT gross profit", fmt=MONEY),
              Kpi("kpi_money_impact", "利润影响", "Money impact", fmt=MONEY),
              Kpi("kpi_a_skus", "A 类 SKU", "A-class SKUs", fmt="#,##0"),
              Kpi("kpi_changed", "决策变化", "Decisions changed", fmt="#,##0"),
              Kpi("kpi_cut_still_selling", "上季度淘汰仍在售", "Last CUT still selling", fmt="#,##0")),
        charts=(ChartSpec("col", "帕累托：各 SKU 销售额", "Pareto: revenue by SKU", "SkuReview", "sku", ("revenue",),
                          anchor="D3", rows=20, height_cm=8),
                ChartSpec("line", "帕累托：累计销售额占比", "Pareto: cumulative revenue share", "SkuReview", "sku",
                          ("cumulative_share",), anchor="D19", rows=20, height_cm=7.5)),
        notes=(("明细：SkuReview", "Details: SkuReview"), ("对比：QuarterCompare", "Last quarter: QuarterCompare"),
               ("问题：Issues", "Problems: Issues")),
    ),
    tables=(SKU_REVIEW, COMPARE, ISSUES, BUSINESS_REPORT, ADVERTISED, SKU_COSTS, CATEGORY_CVR, LAST_QUARTER),
    settings=SettingsSpec(keys=("marketplace", "min_contribution", "min_margin", "abc_a_share", "abc_b_share")),
)

TEMPLATE = QUARTERLY
