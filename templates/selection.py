"""Selection workbook (选品): Helium 10 X-Ray / Black Box, Keepa, Cerebro / Magnet / SellerSprite keywords and
per-ASIN costs in; a scored candidate table (sub-scores, unit economics, data-quality flags), Keepa price
volatility and seasonality, market concentration and a launch-cost estimate out.

Weights, criteria, flag thresholds and the launch-cost items are Settings keys (weight_*, min_monthly_search,
max_bsr, max_review_growth, min_price, max_price, min_selection_margin, selection_pass_score, max_top10_share,
volatile_price_pct, seasonal_swing_pct, season_min_drops, launch_*): the team edits them per workbook."""

from templates.common import (
    APPROVE,
    APPROVE_GREEN,
    ASIN,
    IMPORT_ID,
    NOTE,
    PRICE,
    issues_table,
)
from xladdin.workbooks.formats import INT
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

MONEY2 = "#,##0.00"
PCT1 = "0.0%"
SCORE = "0.0"
TITLE = Column("title", "标题", "Title", width=36)
BRAND = Column("brand", "品牌", "Brand", width=14)
BSR = Column("bsr", "BSR", "BSR", fmt=INT, width=10)
REVIEWS = Column("review_count", "评论数", "Reviews", fmt=INT, width=10)
CATEGORY = Column("category", "类目", "Category", width=18)

PRODUCTS = TableSpec(
    "Products", "Products", "产品列表（Helium 10 X-Ray / Black Box）", "Product list (Helium 10 X-Ray / Black Box)",
    (Column("display_order", "序号", "#", fmt=INT, width=6), TITLE, ASIN, BRAND, PRICE,
     Column("asin_sales", "ASIN 月销量", "ASIN sales", fmt=INT, width=12),
     Column("parent_level_sales", "父体月销量", "Parent sales", fmt=INT, width=12),
     Column("sales", "月销量(旧)", "Sales (old)", fmt=INT, width=11),
     Column("asin_revenue", "ASIN 月销售额", "ASIN revenue", fmt=MONEY2, width=14),
     Column("parent_level_revenue", "父体月销售额", "Parent revenue", fmt=MONEY2, width=14),
     Column("revenue", "月销售额(旧)", "Revenue (old)", fmt=MONEY2, width=13),
     BSR, Column("fees", "费用(H10)", "Fees (H10)", fmt=MONEY2, width=11),
     Column("active_sellers", "卖家数", "Sellers", fmt=INT, width=9),
     Column("rating", "评分", "Rating", fmt="0.0", width=8), REVIEWS,
     Column("review_velocity", "月新增评论", "Review velocity", fmt=INT, width=14),
     CATEGORY, Column("size_tier", "尺寸分段", "Size tier", width=18),
     Column("fulfillment", "配送", "Fulfillment", width=10),
     Column("dimensions", "尺寸", "Dimensions", width=22), Column("weight", "重量", "Weight", width=13),
     Column("sponsored", "广告", "Sponsored", width=12), IMPORT_ID),
    families=("helium10_xray", "helium10_blackbox"),
    hint_zh="xladdin import Helium 10 X-Ray / Black Box 导出的 CSV，或从第 4 行粘贴",
    hint_en="xladdin import a Helium 10 X-Ray / Black Box CSV, or paste from row 4")
KEEPA = TableSpec(
    "Keepa", "Keepa", "Keepa 产品数据", "Keepa product export",
    (ASIN, TITLE, BRAND,
     Column("sales_rank_current", "BSR 当前", "BSR now", fmt=INT, width=10),
     Column("sales_rank_30d_avg", "BSR 30 天均值", "BSR 30d avg", fmt=INT, width=12),
     Column("sales_rank_90d_avg", "BSR 90 天均值", "BSR 90d avg", fmt=INT, width=12),
     Column("sales_rank_180d_avg", "BSR 180 天均值", "BSR 180d avg", fmt=INT, width=13),
     Column("sales_rank_365d_avg", "BSR 365 天均值", "BSR 365d avg", fmt=INT, width=13),
     Column("sales_rank_drops_30d", "30 天排名下降次数", "Rank drops 30d", fmt=INT, width=14),
     Column("sales_rank_drops_90d", "90 天排名下降次数", "Rank drops 90d", fmt=INT, width=14),
     Column("sales_rank_drops_180d", "180 天排名下降次数", "Rank drops 180d", fmt=INT, width=15),
     Column("sales_rank_drops_365d", "365 天排名下降次数", "Rank drops 365d", fmt=INT, width=15),
     Column("bought_past_month", "上月购买", "Bought past month", fmt=INT, width=14),
     Column("buy_box_current", "购买按钮价", "Buy Box now", fmt=MONEY2, width=12),
     Column("buy_box_30d_avg", "购买按钮 30 天均价", "Buy Box 30d avg", fmt=MONEY2, width=15),
     Column("buy_box_90d_avg", "购买按钮 90 天均价", "Buy Box 90d avg", fmt=MONEY2, width=15),
     Column("buy_box_180d_avg", "购买按钮 180 天均价", "Buy Box 180d avg", fmt=MONEY2, width=16),
     Column("buy_box_365d_avg", "购买按钮 365 天均价", "Buy Box 365d avg", fmt=MONEY2, width=16),
     Column("buy_box_lowest", "购买按钮历史最低", "Buy Box lowest", fmt=MONEY2, width=15),
     Column("buy_box_highest", "购买按钮历史最高", "Buy Box highest", fmt=MONEY2, width=15),
     Column("new_current", "新品价", "New now", fmt=MONEY2, width=10),
     Column("new_30d_avg", "新品 30 天均价", "New 30d avg", fmt=MONEY2, width=12),
     Column("new_90d_avg", "新品 90 天均价", "New 90d avg", fmt=MONEY2, width=12),
     Column("new_180d_avg", "新品 180 天均价", "New 180d avg", fmt=MONEY2, width=13),
     Column("new_365d_avg", "新品 365 天均价", "New 365d avg", fmt=MONEY2, width=13),
     Column("new_lowest", "新品历史最低", "New lowest", fmt=MONEY2, width=12),
     Column("new_highest", "新品历史最高", "New highest", fmt=MONEY2, width=12),
     Column("rating", "评分", "Rating", fmt="0.0", width=8), REVIEWS,
     Column("referral_fee_pct", "佣金比例", "Referral %", fmt=PCT1, width=11),
     Column("fba_fee", "FBA 费(Keepa)", "FBA fee (Keepa)", fmt=MONEY2, width=14),
     Column("category_root", "根类目", "Root category", width=18),
     Column("package_weight_g", "包装重量(g)", "Package weight g", fmt=INT, width=14), IMPORT_ID),
    families=("keepa_products",),
    hint_zh="xladdin import Keepa 产品导出（CSV/XLSX）；含 30/90/180/365 天均值、最低/最高、排名下降次数列时计算价格波动与季节性",
    hint_en="xladdin import a Keepa product export; with the 30/90/180/365-day averages, lowest / highest and rank "
            "drops it gives price volatility and seasonality")
KEYWORD = Column("keyword", "关键词", "Keyword", width=30)
KEYWORDS = TableSpec(
    "Keywords", "Keywords", "关键词（Helium 10 Cerebro / Magnet）", "Keywords (Helium 10 Cerebro / Magnet)",
    (KEYWORD, Column("search_volume", "月搜索量", "Search volume", fmt=INT, width=14),
     Column("competing_products", "竞品数", "Competing products", fmt=INT, width=14),
     Column("title_density", "标题密度", "Title density", fmt=INT, width=12), IMPORT_ID),
    families=("helium10_cerebro", "helium10_magnet"),
    hint_zh="xladdin import Cerebro / Magnet 导出", hint_en="xladdin import a Cerebro / Magnet export")
SS_KEYWORDS = TableSpec(
    "SellerSprite", "SellerSprite", "卖家精灵关键词", "SellerSprite keywords",
    (KEYWORD, Column("monthly_searches", "月搜索量", "Searched / month", fmt=INT, width=14),
     Column("title_density", "标题密度", "Title density", fmt=INT, width=12), IMPORT_ID),
    families=("sellersprite_keywords",),
    hint_zh="xladdin import 卖家精灵反查关键词导出（XLSX）", hint_en="xladdin import a SellerSprite ExpandKeywords export")
CANDIDATE_INPUTS = TableSpec(
    "CandidateInputs", "CandidateInputs", "候选品参数", "Candidate inputs",
    (ASIN, Column("main_keyword", "主关键词", "Main keyword", width=26),
     Column("monthly_search", "月搜索量", "Monthly search", fmt=INT, width=14),
     Column("review_growth", "月评论增长", "Review growth / mo", fmt=INT, width=16),
     Column("cogs", "采购成本(含头程)", "COGS (landed)", fmt=MONEY2, width=15),
     CATEGORY,
     Column("length_in", "长(in)", "Length in", fmt="0.0", width=9),
     Column("width_in", "宽(in)", "Width in", fmt="0.0", width=9),
     Column("height_in", "高(in)", "Height in", fmt="0.0", width=9),
     Column("weight_lb", "重量(lb)", "Weight lb", fmt="0.00", width=10),
     Column("first_order_units", "首批数量", "First order units", fmt=INT, width=14), NOTE),
    hint_zh="每个 ASIN 一行；空白 = 用报表数据（月搜索量 = 主关键词的搜索量，否则 Keywords 中最大值）",
    hint_en="one row per ASIN; blank = from the reports (search = the main keyword's volume, else the largest in Keywords)")

CANDIDATES = TableSpec(
    "Candidates", "Candidates", "候选品评分", "Scored candidates",
    (Column("rank", "名次", "Rank", fmt=INT, width=5), ASIN, Column("title", "标题", "Title", width=22),
     Column("score", "总分", "Score", fmt=SCORE, width=7),
     Column("s_search", "搜索分", "Search", fmt=SCORE, width=7), Column("s_bsr", "BSR 分", "BSR pts", fmt=SCORE, width=7),
     Column("s_review_growth", "评论分", "Review pts", fmt=SCORE, width=7),
     Column("s_price", "价格分", "Price pts", fmt=SCORE, width=7), Column("s_margin", "利润分", "Margin pts", fmt=SCORE, width=7),
     Column("price", "售价", "Price", fmt=MONEY2, width=8),
     Column("fba_fee", "FBA 费", "FBA fee", fmt=MONEY2, width=8),
     Column("referral_fee", "佣金", "Referral", fmt=MONEY2, width=8),
     Column("margin", "利润率", "Margin", fmt=PCT1, width=8), Column("roi", "ROI", "ROI", fmt=PCT1, width=8),
     Column("launch_cost", "启动资金", "Launch cost", fmt="#,##0", width=10),
     Column("data_quality", "数据质量", "Data quality", width=40),
     Column("keepa_signals", "Keepa 信号", "Keepa signals", width=26),
     APPROVE, Column("note", "备注", "Note", width=14),
     # Screen-only detail (right of Note): the criteria's inputs, costs, Keepa trends, page share.
     Column("monthly_search", "月搜索量", "Search / mo", fmt=INT, width=11), BSR,
     Column("review_growth", "月评论增长", "Reviews / mo", fmt=INT, width=12),
     Column("cogs", "成本", "COGS", fmt=MONEY2, width=8),
     Column("unit_profit", "单件利润", "Unit profit", fmt=MONEY2, width=10),
     Column("revenue", "月销售额", "Revenue / mo", fmt="#,##0", width=12),
     Column("revenue_share", "页面销售额占比", "Page revenue share", fmt=PCT1, width=16),
     Column("review_count", "评论数", "Reviews", fmt=INT, width=9),
     Column("price_vs_avg90", "现价 vs 90 天均价", "Price vs 90d avg", fmt=PCT1, width=16),
     Column("price_cv", "价格波动（变异系数）", "Price volatility (CV)", fmt=PCT1, width=18),
     Column("price_range_ratio", "历史价格区间 ÷ 均价", "Price range ÷ avg", fmt=PCT1, width=17),
     Column("season_index", "季节指数（近 30 天 ÷ 全年）", "Season index (30d ÷ year)", fmt="0.00", width=20),
     Column("history_basis", "历史数据依据", "History basis", width=40),
     Column("size_tier", "尺寸分段", "Size tier", width=16),
     Column("fee_source", "费用来源", "Fee source", width=40), CATEGORY, BRAND),
    role="output", row_key=("asin",), operator_columns=("approve", "note"), print_through="note",
    highlights=(Highlight("approve", "equal", ('"Y"',), **APPROVE_GREEN),
                Highlight("margin", "lessThan", ("set_min_selection_margin",), numbers_only=True)),
    hint_zh="刷新生成；总分 0–100（权重见 Settings）；红色 = 利润率低于 Settings 最低值；Keepa 信号：价格波动 / 季节性"
            "（阈值见 Settings）；批准列填 Y；备注右侧为屏幕明细",
    hint_en="written by refresh; score 0–100 (weights in Settings); red = margin under the minimum; Keepa signals: "
            "volatile price / seasonal (thresholds in Settings); Y to approve; columns right of Note are screen-only")
LAUNCH_COST = TableSpec(
    "LaunchCost", "LaunchCost", "启动资金结构", "Launch-cost structure",
    (Column("item", "代码", "Item", width=18), Column("item_name", "项目", "Name", width=34),
     Column("used", "采用值", "Used", fmt=MONEY2, width=11),
     Column("settings", "在 Settings 修改", "Edit in Settings", width=34),
     Column("basis", "计算", "Basis", width=60)),
    role="output", row_key=("item",), print_through="basis",
    hint_zh="刷新按 Settings 的 launch_* 生成；要改数请改 Settings；首批数量为件数，其余为美元",
    hint_en="written by refresh from the launch_* Settings; change them on the Settings sheet; first-order units "
            "are units, the rest USD")
ISSUES = issues_table(ASIN, "刷新生成：缺失或估算的输入、重复 ASIN、费用无法计算等",
                      "written by refresh: missing or estimated inputs, duplicate ASINs, fees that cannot be computed …")

SELECTION = TemplateSpec(
    "selection", "选品", "Product selection",
    guide=GuideSpec("说明 Guide", (
        ("导出：Helium 10 X-Ray（搜索结果页）或 Black Box；可选 Keepa 产品导出、Cerebro / Magnet / 卖家精灵关键词。",
         ("Export: Helium 10 X-Ray (a search-results page) or Black Box; optional: Keepa product export, Cerebro / "
          "Magnet / SellerSprite keywords.")),
        ("导入：xladdin import 本文件.xlsx 文件 …，或粘贴到对应工作表第 4 行起。",
         "Import: xladdin import THIS.xlsx FILE …, or paste from row 4 of the matching sheet."),
        ("在 CandidateInputs 填每个 ASIN 的采购成本（含头程）、主关键词、类目、尺寸重量；空白用报表数据。",
         "Fill in CandidateInputs: landed COGS, main keyword, category, dimensions per ASIN; blanks use the reports."),
        (("在 Settings 调整权重与标准（均为经验值）：月搜索量 > 10,000、BSR 前 100、月评论增长 < 50、价格带、最低利润率、"
          "及格分、市场集中度、价格波动与季节性阈值、启动资金各项（launch_*）。"),
         ("Tune weights and criteria in Settings (rules of thumb): search > 10,000/mo, BSR top 100, review growth "
          "< 50/mo, price band, minimum margin, pass score, concentration, volatility and seasonality thresholds, "
          "launch-cost items (launch_*).")),
        ("刷新：插件功能区 › 刷新（或 xladdin refresh）。", "Refresh: ribbon › Refresh (or xladdin refresh)."),
        (("看 Dashboard 与 Candidates：数据质量列说明缺失 / 估算的输入；Keepa 信号列标出价格波动大和季节性（需 Keepa 的"
          "均值与排名下降次数列）；LaunchCost 列出启动资金各项。"),
         ("Read the Dashboard and Candidates: Data quality says which inputs are missing or estimated; Keepa signals "
          "mark volatile prices and seasonality (needs Keepa's average and rank-drop columns); LaunchCost lists the "
          "launch-cost items.")),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "选品看板", "Selection dashboard",
        kpis=(Kpi("kpi_candidates", "候选品数", "Candidates", fmt="#,##0"),
              Kpi("kpi_top_score", "最高分", "Top score", fmt="0.0"),
              Kpi("kpi_passing", "达标数", "Passing", fmt="#,##0"),
              Kpi("kpi_median_margin", "利润率中位数", "Median margin", fmt=PCT1),
              Kpi("kpi_top10_share", "前 10 销售额占比", "Top-10 share", fmt=PCT1),
              Kpi("kpi_concentration", "市场集中度", "Concentration", fmt="@"),
              Kpi("kpi_page_listings", "页面商品数", "Listings on the page", fmt="#,##0"),
              Kpi("kpi_fixed_launch", "固定启动成本", "Fixed launch cost", fmt="#,##0"),
              Kpi("kpi_top_launch_cost", "最高分启动资金", "Top pick launch", fmt="#,##0"),
              Kpi("kpi_flagged", "数据不全", "Rows with data flags", fmt="#,##0"),
              Kpi("kpi_volatile", "价格波动大", "Volatile price", fmt="#,##0"),
              Kpi("kpi_seasonal", "季节性", "Seasonal", fmt="#,##0")),
        charts=(ChartSpec("bar", "候选品总分", "Score by candidate", "Candidates", "asin", ("score",),
                          anchor="D3", rows=20, height_cm=8),
                ChartSpec("bar", "候选品启动资金", "Launch cost by candidate", "Candidates", "asin", ("launch_cost",),
                          anchor="D19", rows=20, height_cm=7.5)),
        notes=(("达标：总分 ≥ selection_pass_score", "Passing: score ≥ pass score"),
               ("集中度：> 10 个商品时判断", "Concentration: needs > 10 listings"),
               ("明细：Candidates、LaunchCost", "Details: Candidates, LaunchCost"),
               ("问题：Issues；权重与标准：Settings", "Problems: Issues; weights and criteria: Settings")),
    ),
    tables=(CANDIDATES, LAUNCH_COST, ISSUES, PRODUCTS, KEEPA, KEYWORDS, SS_KEYWORDS, CANDIDATE_INPUTS),
    settings=SettingsSpec(keys=("marketplace", "min_monthly_search", "max_bsr", "max_review_growth", "min_price",
                                "max_price", "min_selection_margin", "weight_search", "weight_bsr",
                                "weight_review_growth", "weight_price", "weight_margin", "selection_pass_score",
                                "max_top10_share", "volatile_price_pct", "seasonal_swing_pct", "season_min_drops",
                                "launch_plan_fee_month", "launch_tools_year", "launch_months", "launch_other_fixed",
                                "launch_first_order_units")),
)

TEMPLATE = SELECTION
