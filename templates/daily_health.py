"""Daily health workbook (每日监控): account health metrics, Business Report by date, MYI (and optionally the
Business Report by child item for per-SKU velocity) in; health status, conversion alert, day-over-day changes,
stock-out risks, data freshness and a morning briefing out."""

from templates.common import ASIN, FNSKU, IMPORT_ID, NOTE, PRICE, PRODUCT_NAME, SKU
from xladdin.workbooks.formats import DATE, INT
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

PCT = "0.00%"
RED = {"fill": "FFC7CE", "font": "9C0006"}

HEALTH_IN = TableSpec(
    "HealthMetrics", "HealthMetrics", "账户状况指标", "Account health metrics",
    (Column("metric", "指标", "Metric", width=26), Column("label", "原标签", "Label", width=30),
     Column("fulfillment", "配送渠道", "Channel", width=10), Column("status", "亚马逊状态", "Amazon status", width=13),
     Column("value", "数值", "Value", fmt="0.00%", width=10), Column("target", "目标", "Target", fmt="0.00%", width=10),
     Column("date_from", "开始日期", "Date from", fmt=DATE, width=12),
     Column("date_to", "结束日期", "Date to", fmt=DATE, width=12),
     Column("marketplace_id", "站点 ID", "Marketplace ID", width=16), IMPORT_ID),
    families=("account_health",),
    hint_zh="xladdin import 账户状况 JSON，或从账户状况页复制“指标 | 数值”两列后导入",
    hint_en="xladdin import the SP-API JSON, or the metric | value columns copied from Account Health")
BY_DATE = TableSpec(
    "ByDate", "ByDate", "业务报告（按日期）", "Business Report by date",
    (Column("date", "日期", "Date", fmt=DATE, width=12), Column("sessions", "会话数", "Sessions", fmt=INT, width=11),
     Column("page_views", "页面浏览量", "Page views", fmt=INT, width=12),
     Column("buy_box_pct", "购买按钮赢得率", "Buy Box %", fmt=PCT, width=14),
     Column("units_ordered", "已订购数量", "Units ordered", fmt=INT, width=13),
     Column("unit_session_pct", "转化率", "Unit session %", fmt=PCT, width=14),
     Column("ordered_sales", "已订购销售额", "Ordered sales", fmt="#,##0.00", width=14),
     Column("total_order_items", "订单商品数", "Order items", fmt=INT, width=12), IMPORT_ID),
    families=("business_report_by_date",),
    hint_zh="xladdin import 业务报告 › 按日期的销售量与访问量（每天下载，含最近 7 天以上）",
    hint_en="xladdin import Business Reports › Sales and Traffic by Date (daily, at least the last 7 days)")
MYI = TableSpec(
    "MYI", "MYI", "FBA 库存（管理库存）", "FBA inventory (MYI)",
    (SKU, FNSKU, ASIN, PRODUCT_NAME, PRICE, Column("fulfillable", "可售", "Fulfillable", fmt=INT, width=12),
     Column("reserved", "预留", "Reserved", fmt=INT), Column("unsellable", "不可售", "Unsellable", fmt=INT, width=12),
     Column("inbound_working", "入库处理中", "Inbound working", fmt=INT, width=16),
     Column("inbound_shipped", "入库已发货", "Inbound shipped", fmt=INT, width=16),
     Column("inbound_receiving", "入库接收中", "Inbound receiving", fmt=INT, width=18),
     Column("total", "合计", "Total", fmt=INT), IMPORT_ID),
    families=("fba_myi",),
    hint_zh="xladdin import 管理亚马逊库存报表（文件名含日期如 MYI-2026-10-30.txt 时按该日期判断新鲜度，否则按导入时间）",
    hint_en="xladdin import the MYI report (a date in the file name, e.g. MYI-2026-10-30.txt, dates it; else the import "
            "time does)")
CHILD = TableSpec(
    "BusinessReport", "BusinessReport", "业务报告（子商品）", "Business Report (by child item)",
    (SKU, ASIN, Column("title", "标题", "Title", width=36),
     Column("sessions", "会话数", "Sessions", fmt=INT, width=11),
     Column("units_ordered", "已订购数量", "Units ordered", fmt=INT, width=13),
     Column("unit_session_pct", "转化率", "Unit session %", fmt=PCT, width=14), IMPORT_ID),
    families=("business_report_child",),
    hint_zh="可选：子商品报告算各 SKU 日均销量；文件名须含日期范围，如 …-20261001-20261030.csv",
    hint_en="optional: per-SKU velocity; the file name must carry the range, e.g. …-20261001-20261030.csv")

BRIEFING = TableSpec(
    "Briefing", "Briefing", "晨会简报", "Morning briefing",
    (Column("priority", "优先级", "Priority", fmt=INT, width=8), Column("area", "类别", "Area", width=16),
     Column("action", "今日待办", "Action today", width=72), Column("detail", "详情", "Detail", width=44), NOTE),
    role="output", row_key=("area", "action"), operator_columns=("note",), print_through="note",
    hint_zh="刷新生成：今天需要处理的事项（1 = 最紧急）；备注列会保留",
    hint_en="written by refresh: what needs action today (1 = most urgent); notes are kept")
HEALTH = TableSpec(
    "Health", "Health", "账户健康", "Account health",
    (Column("metric", "指标", "Metric", width=12), Column("metric_name", "名称", "Name", width=30),
     Column("fulfillment", "渠道", "Channel", width=12), Column("value", "数值", "Value", fmt=PCT, width=11),
     Column("target", "亚马逊目标", "Amazon target", width=15), Column("result", "结果", "Result", width=34),
     Column("amazon_status", "亚马逊状态", "Amazon status", width=13),
     Column("period", "统计期", "Period", width=24)),
    role="output", highlights=(Highlight("result", "notEqual", ('"OK"',), **RED),),
    hint_zh="刷新生成：ODR < 1%、LSR < 4%、VTR ≥ 95%、取消率 < 2.5%（目标在 Settings）",
    hint_en="written by refresh: ODR < 1 %, LSR < 4 %, VTR ≥ 95 %, cancel rate < 2.5 % (targets in Settings)")
DAILY = TableSpec(
    "Daily", "Daily", "每日流量与转化", "Daily traffic and conversion",
    (Column("date", "日期", "Date", fmt=DATE, width=12), Column("sessions", "会话数", "Sessions", fmt=INT, width=11),
     Column("buy_box_pct", "购买按钮赢得率", "Buy Box %", fmt=PCT, width=14),
     Column("units_ordered", "已订购数量", "Units", fmt=INT, width=11),
     Column("unit_session_pct", "转化率", "Conversion", fmt=PCT, width=12),
     Column("category_cvr", "类目平均", "Category avg", fmt=PCT, width=12),
     Column("below_category", "低于类目", "Below avg", width=11),
     Column("ordered_sales", "已订购销售额", "Ordered sales", fmt="#,##0.00", width=14)),
    role="output", highlights=(Highlight("below_category", "equal", ('"Y"',), **RED),),
    hint_zh="刷新生成：每天一行（同一天多次导入取最新一次）；转化率 = 商品会话百分比",
    hint_en="written by refresh: one row per day (the latest import wins); conversion = unit session percentage")
CHANGES = TableSpec(
    "DayOverDay", "DayOverDay", "日环比", "Day over day",
    (Column("metric", "指标", "Metric", width=16), Column("metric_name", "名称", "Name", width=28),
     Column("previous_date", "前一天", "Previous day", fmt=DATE, width=12),
     Column("previous", "前一天值", "Previous", fmt="#,##0.00", width=12),
     Column("latest_date", "最新一天", "Latest day", fmt=DATE, width=12),
     Column("latest", "最新值", "Latest", fmt="#,##0.00", width=12),
     Column("change", "变化", "Change", fmt="+#,##0.00;-#,##0.00;0", width=12),
     Column("change_pct", "变化率", "Change %", fmt="+0.0%;-0.0%;0.0%", width=11),
     Column("shown", "读作", "Reads as", width=34)),
    role="output", hint_zh="刷新生成：按日期表中最后两天对比（比率类的变化为百分点）",
    hint_en="written by refresh: the last two dates of the by-date table (rate changes in percentage points)")
STOCKOUT = TableSpec(
    "StockoutRisk", "StockoutRisk", "断货风险", "Stock-out risk",
    (Column("sku", "SKU", "SKU", width=16), Column("product_name", "商品名称", "Product name", width=30),
     Column("on_hand", "在库可售", "On hand", fmt=INT, width=9), Column("inbound", "在途", "Inbound", fmt=INT, width=9),
     Column("daily_sales", "日均销量", "Daily sales", fmt="0.00", width=10),
     Column("days_of_cover", "可售天数", "Cover days", fmt="0.0", width=10),
     Column("stockout_date", "预计断货", "Stock-out", fmt=DATE, width=11),
     Column("status", "状态", "Status", width=14), Column("reason", "原因", "Reason", width=48)),
    role="output", print_through="reason",
    hint_zh="刷新生成：需立即补货或即将补货的 SKU（可售天数 = (在库+在途)/日均销量）",
    hint_en="written by refresh: SKUs to reorder now or soon (cover = (on hand + inbound) / daily sales)")
FRESHNESS = TableSpec(
    "Freshness", "Freshness", "数据新鲜度", "Data freshness",
    (Column("input", "输入", "Input", width=44), Column("table_name", "工作表", "Sheet", width=16),
     Column("file_name", "文件", "File", width=44),
     Column("report_date", "报表日期", "Report date", fmt=DATE, width=12),
     Column("imported_at", "导入时间", "Imported at", fmt="yyyy-mm-dd hh:mm", width=17),
     Column("age_days", "天数", "Age (days)", fmt=INT, width=10),
     Column("judged_by", "依据", "Judged by", width=22),
     Column("freshness", "新鲜度", "Freshness", width=22),
     Column("stale", "过期", "Stale", width=8)),
    role="output", highlights=(Highlight("stale", "equal", ('"Y"',), **RED),),
    hint_zh="刷新生成：按报表自身日期（没有时按导入时间）计算天数；超过 Settings 的 stale_after_days 天即过期",
    hint_en="written by refresh: age from the report's own date (else the import time); older than Settings "
            "stale_after_days is stale")

DAILY_HEALTH = TemplateSpec(
    "daily_health", "每日监控", "Daily account health",
    guide=GuideSpec("说明 Guide", (
        ("每天早上下载：业务报告 › 按日期的销售量与访问量（最近 7–30 天）；库存 › 管理亚马逊库存（MYI）。",
         ("Every morning download: Business Reports › Sales and Traffic by Date (last 7–30 days); "
          "Inventory › Manage FBA Inventory (MYI).")),
        ("账户状况：在“账户状况”页复制“指标 | 数值”两列存为 .csv，或使用 SP-API 账户表现 JSON。",
         "Account health: copy the metric | value columns of Account Health into a .csv, or use the SP-API JSON."),
        ("可选：业务报告 › 子商品（文件名保留日期范围）用于各 SKU 日均销量与断货风险。",
         "Optional: Business Report by child item (file name keeping its range) for per-SKU velocity and stock-out risk."),
        ("导入：xladdin import 本文件.xlsx 报表 …，然后刷新（功能区 › 刷新 或 xladdin refresh）。",
         "Import: xladdin import THIS.xlsx REPORT …, then refresh (ribbon › Refresh or xladdin refresh)."),
        ("先看 Briefing（晨会简报）：健康超标、转化率预警、断货风险、过期数据。",
         "Start with Briefing: health breaches, conversion alert, stock-out risks, stale inputs."),
        ("类目平均转化率与连续天数在 Settings（category_cvr，默认 10%；cvr_alert_days，默认 7）。",
         "The category conversion average and run length are in Settings (category_cvr 10 %, cvr_alert_days 7)."),
        (("Freshness（数据新鲜度）：每个输入显示报表自身日期与导入时间；有报表日期按它计算天数，没有（如文件名无日期的 MYI）"
          "按导入时间，“依据”列注明。超过 stale_after_days 天（默认 1 = 昨天仍算新鲜）即过期；购买按钮赢得率日降 "
          "buy_box_drop（默认 5 个百分点）以上进入简报。"),
         ("Freshness: each input shows the report's own date and when it was imported; the age is counted from the "
          "report date, else (e.g. an MYI file without a date in its name) from the import time, as the Judged-by "
          "column says. Older than stale_after_days (default 1: yesterday is fresh) is stale; a Buy Box fall of "
          "buy_box_drop (default 5 points) or more goes into the briefing.")),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "每日监控看板", "Daily health dashboard",
        kpis=(Kpi("kpi_actions", "今日待办", "Actions today", fmt="#,##0"),
              Kpi("kpi_health_breaches", "健康指标超标", "Health breaches", fmt="#,##0"),
              Kpi("kpi_cvr_alert", "转化率预警 (1=是)", "CVR alert (1 = yes)", fmt="0"),
              Kpi("kpi_cvr_days_below", "低于类目天数", "Days below avg", fmt="#,##0"),
              Kpi("kpi_cvr_latest", "最新转化率", "Latest conversion", fmt="0.00%"),
              Kpi("kpi_sessions_latest", "最新会话数", "Latest sessions", fmt="#,##0"),
              Kpi("kpi_sessions_change_pct", "会话数日环比", "Sessions day over day", fmt="+0.0%;-0.0%;0.0%"),
              Kpi("kpi_buy_box_latest", "最新购买按钮赢得率", "Latest Buy Box %", fmt="0.0%"),
              Kpi("kpi_units_latest", "最新销量", "Latest units", fmt="#,##0"),
              Kpi("kpi_stockout_skus", "断货风险 SKU", "SKUs at stock-out risk", fmt="#,##0"),
              Kpi("kpi_stale_inputs", "过期输入", "Stale inputs", fmt="#,##0")),
        charts=(ChartSpec("line", "每日转化率与类目平均", "Daily conversion vs category average", "Daily", "date",
                          ("unit_session_pct", "category_cvr"), anchor="D3", rows=30, height_cm=7.5),
                ChartSpec("col", "每日会话数", "Daily sessions", "Daily", "date", ("sessions",),
                          anchor="D19", rows=30, height_cm=7.5)),
        notes=(("今日待办：Briefing；健康：Health；环比：DayOverDay", "To do: Briefing; health: Health; changes: DayOverDay"),
               ("断货：StockoutRisk；数据新鲜度：Freshness", "Stock-outs: StockoutRisk; freshness: Freshness")),
    ),
    tables=(BRIEFING, HEALTH, DAILY, CHANGES, STOCKOUT, FRESHNESS, HEALTH_IN, BY_DATE, MYI, CHILD),
    settings=SettingsSpec(keys=("marketplace", "odr_max", "lsr_max", "vtr_min", "cancel_max", "category_cvr",
                                "cvr_alert_days", "lead_time_days", "cover_days", "safety_days",
                                "reorder_soon_days", "overstock_factor", "stale_after_days", "buy_box_drop")),
)

TEMPLATE = DAILY_HEALTH
