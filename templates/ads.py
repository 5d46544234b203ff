"""Ads workbook (广告分析): search terms, campaigns, business report and SKU costs in; campaign, match type,
trend and search-term action tables out."""

from templates.common import APPROVE, APPROVE_GREEN, ASIN, IMPORT_ID, NOTE, PRICE, SKU
from xladdin.workbooks.bulksheet import NEGATE_AS_CHOICES
from xladdin.workbooks.formats import DATE, MONEY, PCT, TEXT
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

START = Column("start_date", "开始日期", "Start date")
END = Column("end_date", "结束日期", "End date")
PORTFOLIO = Column("portfolio", "广告组合", "Portfolio", width=16)
CAMPAIGN = Column("campaign_name", "广告活动", "Campaign", width=30)
AD_GROUP = Column("ad_group_name", "广告组", "Ad group", width=20)
TARGETING = Column("targeting", "投放", "Targeting", width=20)
MATCH = Column("match_type", "匹配类型", "Match type")
TERM = Column("search_term", "客户搜索词", "Search term", width=30)
IMPR = Column("impressions", "展示量", "Impressions", width=12)
CLICKS = Column("clicks", "点击量", "Clicks")
SPEND = Column("spend", "花费", "Spend")
SALES = Column("sales", "销售额", "Sales")
ORDERS = Column("orders", "订单数", "Orders")
UNITS = Column("units", "销量", "Units")
ACOS = Column("acos", "ACoS", "ACoS")
CTR = Column("ctr", "点击率", "CTR")
CVR = Column("cvr", "转化率", "CVR")
CPC = Column("cpc", "单次点击花费", "CPC", width=14)
ROAS = Column("roas", "ROAS", "ROAS")
OVER_TARGET = Highlight("acos", "greaterThan", ("set_target_acos",))
SPEND_SHARE = Column("spend_share_pct", "花费占比", "Spend share", width=17)
SALES_SHARE = Column("sales_share_pct", "销售额占比", "Sales share", width=17)
# A TRUE / FALSE cell: Excel shows TRUE / FALSE whatever the format; LibreOffice and WPS, which keep a
# boolean as 1 / 0, show the format's text instead of a bare 1 / 0.
BROAD_OVER = Column("broad_over_limit", "广泛匹配超限", "Broad over limit", fmt='"是 / YES";"是 / YES";"否 / no"',
                    width=17)
# Over-reliance on broad match (playbook: 过度依赖 broad): TRUE on the BROAD row when its share of spend is
# above Settings › broad_spend_share_max.
BROAD_FLAG = Highlight("broad_over_limit", "equal", ("TRUE",))

SEARCH_TERMS = TableSpec(
    "SearchTerms", "SearchTerms", "搜索词报告", "Search term report",
    (START, END, PORTFOLIO, CAMPAIGN, AD_GROUP, TARGETING, MATCH, TERM, IMPR, CLICKS, SPEND, SALES, ORDERS,
     UNITS, IMPORT_ID),
    families=("sp_search_term",),
    hint_zh="xladdin import 或从第 4 行粘贴", hint_en="xladdin import, or paste from row 4")
CAMPAIGN_REPORT = TableSpec(
    "CampaignReport", "CampaignReport", "广告活动报告", "Campaign report",
    (START, END, PORTFOLIO, CAMPAIGN, Column("status", "状态", "Status"), Column("budget", "预算", "Budget"),
     IMPR, CLICKS, SPEND, SALES, ORDERS, UNITS, IMPORT_ID),
    families=("sp_campaign",),
    hint_zh="xladdin import 或从第 4 行粘贴", hint_en="xladdin import, or paste from row 4")
BUSINESS = TableSpec(
    "BusinessReport", "BusinessReport", "业务报告（子体）", "Business report (child items)",
    (Column("parent_asin", "父 ASIN", "Parent ASIN", width=13), ASIN, Column("title", "标题", "Title", width=36),
     SKU, Column("sessions", "会话数", "Sessions"), Column("page_views", "页面浏览量", "Page views", width=12),
     Column("buy_box_pct", "购买按钮赢得率", "Buy Box %", width=16), Column("units_ordered", "已订购商品数量", "Units ordered", width=16),
     Column("unit_session_pct", "商品会话百分比", "Unit session %", width=16),
     Column("ordered_sales", "已订购商品销售额", "Ordered sales", width=18),
     Column("total_order_items", "订单商品总数", "Order items", width=14), IMPORT_ID),
    families=("business_report_child",),
    hint_zh="用于计算 TACoS", hint_en="used for TACoS")

# Live helper columns (calculated columns, one scalar formula per row: no dynamic arrays, whose metadata
# openpyxl drops on a headless refresh). They call the add-in's worksheet functions where operators edit
# inputs; IFERROR keeps a cell blank where the add-in is not loaded (LibreOffice, WPS: #NAME?) or the
# inputs are incomplete. Break-even ACoS takes the typed fba_fee / referral_fee when present, else the
# calculated one. The refresh never reads formula cells: xladdin.workbooks.ads_analysis recomputes
# break-even from the same inputs (typed fba_fee + referral_fee when both are typed, else both fees from
# dimensions + category). Category is free text, no list validation: the 35 US names are over Excel's
# 255-character limit for an inline list, and REFERRAL_FEE also takes aliases ("Books", "toys & games").
SKU_COSTS = TableSpec(
    "SkuCosts", "SkuCosts", "SKU 成本", "SKU costs",
    (SKU, ASIN, PRICE, Column("cogs", "采购成本", "COGS"), Column("fba_fee", "FBA 配送费", "FBA fee", width=12),
     Column("referral_fee", "佣金", "Referral fee", width=13),
     Column("category", "佣金类目", "Referral category", width=22),
     Column("length_in", "长(英寸)", "Length in"), Column("width_in", "宽(英寸)", "Width in"),
     Column("height_in", "高(英寸)", "Height in"), Column("weight_lb", "重量(磅)", "Weight lb"),
     Column("target_acos", "目标 ACoS", "Target ACoS", width=12),
     Column("fba_fee_calc", "FBA 配送费（计算）", "FBA fee (calculated)", fmt=MONEY, width=18,
            formula='IFERROR(FBA_FEE([@length_in],[@width_in],[@height_in],[@weight_lb],[@price]),"")'),
     Column("referral_fee_calc", "佣金（计算）", "Referral fee (calculated)", fmt=MONEY, width=18,
            formula='IFERROR(REFERRAL_FEE([@price],[@category]),"")'),
     Column("breakeven_acos", "盈亏平衡 ACoS", "Break-even ACoS", width=16,
            formula='IFERROR(BREAKEVEN_ACOS([@price],[@cogs],'
                    'IF(ISNUMBER([@fba_fee]),[@fba_fee],[@fba_fee_calc])'
                    '+IF(ISNUMBER([@referral_fee]),[@referral_fee],[@referral_fee_calc])),"")')),
    hint_zh="手工维护；佣金类目见 REFERRAL_FEE 帮助；FBA 费、佣金（计算）与盈亏平衡 ACoS 需加载 xladdin 加载项",
    hint_en="maintained by hand; category: see REFERRAL_FEE help; calculated fees and break-even need the xladdin add-in")
CAMPAIGN_TARGETS = TableSpec(
    "CampaignTargets", "CampaignTargets", "广告活动目标 ACoS", "Campaign target ACoS",
    (CAMPAIGN, Column("target_acos", "目标 ACoS", "Target ACoS", width=12), NOTE),
    hint_zh="按广告活动设目标 ACoS，优先于 SKU 目标与盈亏平衡", hint_en="per campaign; wins over SKU targets and break-even")
BRAND_TERMS = TableSpec(
    "BrandTerms", "BrandTerms", "品牌词", "Brand terms",
    (Column("brand_term", "品牌词", "Brand term", width=30), NOTE),
    hint_zh="含这些词的搜索词算品牌流量", hint_en="search terms containing these count as branded")


def _id(key: str, zh: str, en: str) -> Column:
    """An entity ID: a text cell (Excel would round a 17-digit number)."""
    return Column(key, zh, en, fmt=TEXT, width=18)


def _info(key: str, zh: str, en: str, width: float | None = None) -> Column:
    return Column(key, f"{zh}（仅供参考）", f"{en} (info)", width=width)


# The canonical sp_bulksheet frame (xladdin.reports.sp_bulksheet.BULK_COLUMNS, without the legacy-only
# record_type): the refresh takes IDs and current bids from it, the bulksheet export the IDs.
BULK = TableSpec(
    "Bulk", "Bulk", "批量操作表格（下载）", "Bulksheet (download)",
    (Column("product", "广告类型", "Product", width=18), Column("entity", "实体层级", "Entity", width=16),
     Column("operation", "操作", "Operation"),
     _id("campaign_id", "广告活动 ID", "Campaign ID"), _id("ad_group_id", "广告组 ID", "Ad group ID"),
     _id("portfolio_id", "广告组合 ID", "Portfolio ID"), _id("ad_id", "广告 ID", "Ad ID"),
     _id("keyword_id", "关键词 ID", "Keyword ID"), _id("product_targeting_id", "商品投放 ID", "Product targeting ID"),
     CAMPAIGN, AD_GROUP, _info("campaign_name_info", "广告活动", "Campaign", 30),
     _info("ad_group_name_info", "广告组", "Ad group", 20), _info("portfolio_name_info", "广告组合", "Portfolio", 16),
     START, END, Column("targeting_type", "投放类型", "Targeting type"), Column("state", "状态", "State"),
     _info("campaign_state_info", "广告活动状态", "Campaign state"),
     _info("ad_group_state_info", "广告组状态", "Ad group state"),
     Column("daily_budget", "每日预算", "Daily budget"), SKU, ASIN,
     _info("eligibility_status_info", "资格状态", "Eligibility status"),
     _info("ineligibility_reason_info", "不符合资格原因", "Ineligibility reason"),
     Column("ad_group_default_bid", "广告组默认竞价", "Ad group default bid", width=14),
     _info("ad_group_default_bid_info", "广告组默认竞价", "Ad group default bid", 14),
     Column("bid", "竞价", "Bid"), Column("keyword_text", "关键词", "Keyword text", width=24),
     Column("native_language_keyword", "本地语言关键词", "Native language keyword", width=16),
     Column("native_language_locale", "本地语言", "Native language locale", width=14),
     MATCH, Column("bidding_strategy", "竞价策略", "Bidding strategy", width=16),
     Column("placement", "广告位", "Placement", width=16), Column("percentage", "百分比", "Percentage", fmt=PCT),
     Column("product_targeting_expression", "商品投放表达式", "Product targeting expression", width=24),
     _info("resolved_product_targeting_expression_info", "解析后的商品投放表达式",
           "Resolved product targeting expression", 24),
     _id("audience_id", "受众 ID", "Audience ID"),
     Column("shopper_cohort_percentage", "购物者群体百分比", "Shopper cohort %", fmt=PCT, width=14),
     Column("shopper_cohort_type", "购物者群体类型", "Shopper cohort type", width=14),
     Column("segment_name", "细分名称", "Segment name", width=14),
     IMPR, CLICKS, CTR, SPEND, SALES, ORDERS, UNITS, CVR, ACOS, CPC, ROAS, IMPORT_ID),
    families=("sp_bulksheet",),
    hint_zh="广告后台 › 批量操作 下载（含 ID 与当前竞价）；xladdin import 导入",
    hint_en="Ads console › Bulk operations download (IDs, current bids); xladdin import")

CAMPAIGNS = TableSpec(
    "Campaigns", "Campaigns", "广告活动汇总", "Campaigns",
    (CAMPAIGN, IMPR, CLICKS, SPEND, SALES, ORDERS, ACOS, CTR, CVR, CPC, ROAS, SPEND_SHARE,
     Column("tacos_contribution_pct", "TACoS 贡献", "TACoS contribution", width=24)),
    role="output", row_key=("campaign_name",), highlights=(OVER_TARGET,),
    hint_zh="刷新生成；红色 = ACoS 高于目标", hint_en="written by refresh; red = ACoS above target")
MATCH_TYPES = TableSpec(
    "MatchTypes", "MatchTypes", "匹配类型", "Match types",
    (MATCH, IMPR, CLICKS, SPEND, SALES, ORDERS, ACOS, ROAS, CPC, CTR, CVR, SPEND_SHARE, SALES_SHARE, BROAD_OVER),
    role="output", row_key=("match_type",), highlights=(OVER_TARGET, BROAD_FLAG),
    hint_zh="刷新生成；红色 = ACoS 高于目标，或广泛匹配花费占比超过上限",
    hint_en="written by refresh; red = ACoS above target, or broad match over its share of spend")
TREND = TableSpec(
    "Trend", "Trend", "每日趋势", "Daily trend",
    (Column("date", "日期", "Date", fmt=DATE), SPEND, SALES, ORDERS, ACOS),
    role="output", row_key=("date",), hint_zh="刷新生成", hint_en="written by refresh")
ACTIONS = TableSpec(
    "SearchTermActions", "SearchTermActions", "搜索词建议", "Search term actions",
    (CAMPAIGN, AD_GROUP, TERM, MATCH, CLICKS, SPEND, SALES, ORDERS, ACOS,
     Column("action", "建议操作", "Action", width=14), Column("reason", "原因", "Reason", width=36), APPROVE, NOTE,
     # How a NEGATE (or a HARVEST's source negative) is uploaded; blank = exact in the source ad group.
     Column("negate_as", "否定方式", "Negate as", choices=NEGATE_AS_CHOICES, width=16),
     # The numbers behind each action, then the IDs the bulksheet export needs (hidden: not for reading).
     Column("reason_code", "原因代码", "Reason code", width=20),
     Column("target_acos", "目标 ACoS", "Target ACoS", width=12),
     Column("target_source", "目标来源", "Target source", width=14),
     Column("threshold", "阈值", "Threshold", fmt="0.00", width=11),
     Column("current_bid", "当前出价", "Current bid", width=11),
     Column("suggested_bid", "建议出价", "Suggested bid", width=12),
     Column("bid_source", "出价来源", "Bid source", width=13),
     Column("harvest_campaign_name", "加词广告活动", "Harvest campaign", width=22),
     Column("harvest_ad_group_name", "加词广告组", "Harvest ad group", width=18),
     Column("brand", "品牌词", "Brand term", width=10),
     Column("is_asin", "ASIN 投放", "ASIN target", width=10),
     Column("campaign_id", "广告活动 ID", "Campaign ID", fmt="@", hidden=True),
     Column("ad_group_id", "广告组 ID", "Ad group ID", fmt="@", hidden=True),
     Column("keyword_id", "关键词 ID", "Keyword ID", fmt="@", hidden=True),
     Column("product_targeting_id", "商品投放 ID", "Product targeting ID", fmt="@", hidden=True)),
    role="output", row_key=("campaign_name", "ad_group_name", "search_term", "action"),
    operator_columns=("approve", "note", "negate_as"), print_through="negate_as",
    highlights=(Highlight("approve", "equal", ('"Y"',), **APPROVE_GREEN),),
    hint_zh="在“批准”列填 Y 再导出批量表；“否定方式”可选词组或广告活动级；刷新不会清除批准、备注和否定方式",
    hint_en="type Y in Approve, then export the bulksheet; Negate as: phrase or campaign level; refresh keeps all three")

ADS = TemplateSpec(
    "ads", "广告分析", "Ads analysis",
    guide=GuideSpec("说明 Guide", (
        ("下载报表：广告后台 › 报告 › 商品推广 › 搜索词报告（按天或汇总），以及广告活动报告；业务报告 › 详情页销售和流量（子商品）。",
         ("Download reports: Ads console › Reports › Sponsored Products › Search term (daily or summary) and "
         "Campaign; Seller Central › Business Reports › Detail Page Sales and Traffic by Child Item.")),
        (("导入：命令行 xladdin import 本文件.xlsx 报表.csv …（同一报表、同一日期范围再次导入会替换旧数据），"
         "或把报表内容粘贴到对应工作表第 4 行起。"),
         ("Import: xladdin import THIS.xlsx REPORT.csv … (importing the same report and date range again replaces "
         "the earlier rows), or paste the report's rows from row 4 of the matching sheet.")),
        (("填写 SkuCosts（成本、费用、目标 ACoS）、CampaignTargets（按广告活动的目标 ACoS）与 BrandTerms（品牌词）；"
         "在 Settings 表只改“值”列（否定/加词阈值、广泛匹配花费占比上限、加词目标名称）。品牌词只在 BrandTerms 填写：含品牌词的搜索词不会被否定。"),
         ("Fill in SkuCosts (costs, fees, target ACoS), CampaignTargets (target ACoS per campaign) and BrandTerms; on "
         "Settings edit the Value column only (negate / harvest thresholds, broad match share limit, harvest target "
         "names). Brand terms go in BrandTerms only: a search term containing one is never negated.")),
        (("每个搜索词的目标 ACoS 按以下顺序取第一个有值的：① CampaignTargets 中该广告活动的目标；② SkuCosts 中该广告组 SKU "
          "填写的目标 ACoS（多个 SKU 取最低）；③ 盈亏平衡 ACoS − acos_buffer（取最低的盈亏平衡；为负时目标为 0）；"
          "④ Settings 的 target_acos（行业健康区间 25–35 %）。SKU 与广告组的对应来自 Bulk 表的商品广告（Product Ad）行，"
          "没有 Bulk 时②③不适用。SearchTermActions 的“目标来源”列写明所用来源：CAMPAIGN、SKU、BREAKEVEN、"
          "BREAKEVEN_NEGATIVE、SETTINGS。Campaigns 与 MatchTypes 的红色 ACoS 对比的是 Settings 的 target_acos。"),
         ("Target ACoS of each search term, first found: (1) the campaign's row in CampaignTargets; (2) a target ACoS "
          "typed in SkuCosts for the ad group's SKUs (the lowest of several); (3) break-even ACoS − acos_buffer (the "
          "lowest break-even; 0 when negative); (4) Settings › target_acos (25–35 % is healthy, by category). SKUs "
          "are linked to ad groups by the Product Ad rows of the Bulk table: without Bulk, (2) and (3) do not apply. "
          "SearchTermActions › Target source names the one used: CAMPAIGN, SKU, BREAKEVEN, BREAKEVEN_NEGATIVE, "
          "SETTINGS. Red ACoS in Campaigns and MatchTypes compares with Settings › target_acos.")),
        ("刷新：插件功能区 › 刷新（或 xladdin refresh）。设置先校验，错误会说明哪一项。",
         "Refresh: ribbon › Refresh (or xladdin refresh). Settings are checked first; an error names the setting."),
        (("看 Dashboard：KPI（含 ROAS、CPC、点击率、转化率与广泛匹配花费占比）、趋势图、匹配类型与各广告活动 ACoS 图；"
         "广泛匹配花费占比超过 Settings 的 broad_spend_share_max 时显示“过高”（过度依赖 broad 是常见失败原因），"
         "MatchTypes 的 BROAD 行标红。"),
         ("Read the Dashboard: KPIs (with ROAS, CPC, CTR, CVR and broad match's share of spend), trend, match type and "
         "campaign ACoS charts; the broad check says HIGH when broad match takes more than Settings › "
         "broad_spend_share_max of spend (over-reliance on broad is a usual failure) and the BROAD row of "
         "MatchTypes turns red.")),
        ("在 SearchTermActions 的“批准”列填 Y（否定、加词、调价）；刷新会保留批准与备注。",
         "Approve actions: type Y in SearchTermActions › Approve (negate, harvest, bid); refresh keeps them."),
        (("“否定方式”：留空 = 在原广告组精准否定；可选 phrase（词组）、campaign exact / campaign phrase（广告活动级）。"
          "加词目标广告活动/广告组不存在时，导出会一并创建（需要 Bulk 表里源广告组的推广商品行；预算等见 Settings）。"),
         ("Negate as: blank = negative exact in the source ad group; or phrase, campaign exact, campaign phrase. A harvest "
          "campaign / ad group missing from Bulk is created by the export (needs the source ad group's Product Ad rows "
          "in Bulk; budget, strategy and default bid in Settings).")),
        (("导出批量表：先把批量操作下载导入 Bulk 表（提供 ID），再用插件功能区 › 导出批量表（或 xladdin export-bulksheet），"
          "只包含已批准的行，上传到广告后台 › 批量操作。"),
         ("Export the bulksheet: import a bulk operations download into Bulk first (it holds the IDs), then ribbon › "
          "Export bulksheet (or xladdin export-bulksheet): approved rows only; upload it in Ads console › Bulk operations.")),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "广告看板", "Ads dashboard",
        kpis=(Kpi("kpi_date_from", "开始日期", "From", fmt=DATE), Kpi("kpi_date_to", "结束日期", "To", fmt=DATE),
              Kpi("kpi_spend", "花费", "Spend"), Kpi("kpi_sales", "广告销售额", "Ad sales"),
              Kpi("kpi_orders", "订单", "Orders", fmt="#,##0"), Kpi("kpi_acos", "ACoS", "ACoS", fmt=PCT),
              Kpi("kpi_tacos", "TACoS", "TACoS", fmt=PCT), Kpi("kpi_roas", "投入产出比", "ROAS", fmt="0.00"),
              Kpi("kpi_cpc", "单次点击花费", "CPC"), Kpi("kpi_ctr", "点击率", "CTR", fmt=PCT),
              Kpi("kpi_cvr", "转化率", "CVR", fmt=PCT),
              Kpi("kpi_broad_share", "广泛匹配花费占比", "Broad share", fmt=PCT),
              Kpi("kpi_broad_flag", "广泛匹配检查", "Broad check", fmt="@"),
              Kpi("kpi_actions", "待批准建议", "Actions to approve", fmt="#,##0")),
        charts=(ChartSpec("line", "每日花费与销售额", "Daily spend and sales", "Trend", "date", ("spend", "sales"),
                          anchor="D3", rows=60),
                ChartSpec("col", "各匹配类型花费与销售额", "Spend and sales by match type", "MatchTypes", "match_type",
                          ("spend", "sales"), anchor="D19", rows=6),
                ChartSpec("bar", "各广告活动 ACoS", "ACoS by campaign", "Campaigns", "campaign_name", ("acos",),
                          anchor="A21", rows=20, width_cm=10.2, height_cm=10.5)),
        notes=(("详细数据见 Campaigns、MatchTypes、SearchTermActions", "Details: Campaigns, MatchTypes, SearchTermActions"),
               ("过高 = 超过上限", "HIGH = over the Settings limit")),
    ),
    tables=(CAMPAIGNS, MATCH_TYPES, TREND, ACTIONS, SEARCH_TERMS, CAMPAIGN_REPORT, BUSINESS, SKU_COSTS,
            CAMPAIGN_TARGETS, BRAND_TERMS, BULK),
    # Every Settings field the refresh reads (target ACoS, thresholds, broad limit, harvest target names), so
    # operators can edit them in the workbook.  Brand terms are the BrandTerms table (one term a row), not the
    # comma-separated ``brand_terms`` setting: the refresh merges both, and a team settings file may still set it.
    settings=SettingsSpec(keys=("marketplace", "target_acos", "acos_buffer", "negate_min_clicks",
                                "negate_clicks_factor", "harvest_min_orders", "bid_step_max", "bid_tolerance",
                                "min_clicks_for_bid", "broad_spend_share_max", "harvest_campaign_name",
                                "harvest_ad_group_name", "harvest_create", "harvest_daily_budget",
                                "harvest_bidding_strategy", "harvest_default_bid")),
)

TEMPLATE = ADS
