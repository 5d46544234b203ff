"""Inventory workbook (库存补货): MYI, FBA Inventory (planning), Restock, Business Reports and per-SKU settings in;
restock plan (7/30/90-day velocity), fee risks and IPI estimates out."""

from templates.common import (
    APPROVE,
    APPROVE_GREEN,
    ASIN,
    FNSKU,
    IMPORT_ID,
    NOTE,
    PRICE,
    PRODUCT_NAME,
    SKU,
    issues_table,
)
from xladdin.workbooks.formats import DATE, DEC, INT
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

MYI = TableSpec(
    "MYI", "MYI", "FBA 库存（管理库存）", "FBA inventory (MYI)",
    (SKU, FNSKU, ASIN, PRODUCT_NAME, PRICE, Column("fulfillable", "可售", "Fulfillable", width=12),
     Column("unsellable", "不可售", "Unsellable", width=12), Column("reserved", "预留", "Reserved"),
     Column("inbound_working", "入库处理中", "Inbound working", width=16),
     Column("inbound_shipped", "入库已发货", "Inbound shipped", width=16),
     Column("inbound_receiving", "入库接收中", "Inbound receiving", width=18),
     Column("total", "合计", "Total"),
     Column("afn_listing_exists", "FBA 在售", "AFN listing exists", hidden=True),
     Column("per_unit_volume", "单件体积", "Per-unit volume", fmt=DEC, hidden=True), IMPORT_ID),
    families=("fba_myi",), hint_zh="xladdin import 或从第 4 行粘贴", hint_en="xladdin import, or paste from row 4")
RESTOCK = TableSpec(
    "Restock", "Restock", "补货建议（亚马逊）", "Restock report",
    (SKU, FNSKU, ASIN, PRODUCT_NAME, PRICE, Column("units_sold_30d", "30 天销量", "Units sold 30d", width=15),
     Column("sales_30d", "30 天销售额", "Sales 30d", width=13), Column("available", "可用", "Available", width=11),
     Column("inbound", "在途", "Inbound"), Column("days_of_supply", "可售天数", "Days of supply", width=15),
     Column("recommended_qty", "建议补货量", "Recommended qty", width=16),
     Column("recommended_ship_date", "建议发货日期", "Ship by", width=14),
     Column("alert", "提醒", "Alert", width=16), IMPORT_ID),
    families=("fba_restock",), hint_zh="xladdin import 或从第 4 行粘贴", hint_en="xladdin import, or paste from row 4")
_AIS = (("181_210", "181-210"), ("211_240", "211-240"), ("241_270", "241-270"), ("271_300", "271-300"),
        ("301_330", "301-330"), ("331_365", "331-365"), ("365_plus", "365+"))
PLANNING = TableSpec(
    "Planning", "Planning", "FBA 库存（库存规划）", "FBA Inventory (planning)",
    (Column("snapshot_date", "快照日期", "Snapshot date", fmt=DATE, width=13), SKU, FNSKU, ASIN, PRODUCT_NAME,
     Column("available", "可售", "Available", fmt=INT, width=11),
     Column("reserved", "预留", "Reserved", fmt=INT),
     Column("inbound", "在途", "Inbound", fmt=INT),
     Column("units_shipped_7d", "7 天发货", "Shipped 7d", fmt=INT, width=11),
     Column("units_shipped_30d", "30 天发货", "Shipped 30d", fmt=INT, width=12),
     Column("units_shipped_60d", "60 天发货", "Shipped 60d", fmt=INT, width=12),
     Column("units_shipped_90d", "90 天发货", "Shipped 90d", fmt=INT, width=12),
     Column("inv_age_0_90", "库龄 0-90 天", "Age 0-90 d", fmt=INT, width=13),
     Column("inv_age_91_180", "库龄 91-180 天", "Age 91-180 d", fmt=INT, width=14),
     Column("inv_age_181_270", "库龄 181-270 天", "Age 181-270 d", fmt=INT, width=15),
     Column("inv_age_271_365", "库龄 271-365 天", "Age 271-365 d", fmt=INT, width=15),
     Column("inv_age_365_plus", "库龄 365+ 天", "Age 365+ d", fmt=INT, width=13),
     Column("days_of_supply", "可售天数", "Days of supply", fmt="0.0", width=14),
     Column("estimated_excess_qty", "预估冗余量", "Est. excess qty", fmt=INT, width=14),
     PRICE,
     # Working columns the analytics read (FC reserve split, LILF, volume, Amazon's AIS estimates): kept, hidden.
     Column("reserved_fc_transfer", "预留-库间调拨", "Reserved FC transfer", fmt=INT, hidden=True),
     Column("reserved_fc_processing", "预留-处理中", "Reserved FC processing", fmt=INT, hidden=True),
     Column("reserved_customer_order", "预留-买家订单", "Reserved customer order", fmt=INT, hidden=True),
     Column("unfulfillable", "不可售", "Unfulfillable", fmt=INT, hidden=True),
     Column("inbound_working", "入库处理中", "Inbound working", fmt=INT, hidden=True),
     Column("inbound_shipped", "入库已发货", "Inbound shipped", fmt=INT, hidden=True),
     Column("inbound_received", "入库已接收", "Inbound received", fmt=INT, hidden=True),
     Column("sell_through", "售出率", "Sell-through", fmt=DEC, hidden=True),
     Column("item_volume", "商品体积", "Item volume", fmt=DEC, hidden=True),
     Column("volume_unit", "体积单位", "Volume unit", hidden=True),
     Column("storage_volume", "存储体积", "Storage volume", fmt=DEC, hidden=True),
     Column("short_term_historical_days_of_supply", "短期历史可售天数", "Short-term historical DoS", fmt="0.0",
            hidden=True),
     Column("long_term_historical_days_of_supply", "长期历史可售天数", "Long-term historical DoS", fmt="0.0",
            hidden=True),
     Column("low_inventory_fee_exempt", "免低库存费", "LILF exempt", hidden=True),
     *(Column(f"ais_estimated_{k}", f"预估超龄费 {lab} 天", f"Est. AIS {lab} d", fmt="#,##0.00", hidden=True)
       for k, lab in _AIS),
     IMPORT_ID),
    families=("fba_planning",), hint_zh="xladdin import FBA 库存（库存规划）报表；隐藏列为分析用工作列",
    hint_en="xladdin import the FBA Inventory (planning) report; hidden columns are working columns")
BUSINESS_REPORT = TableSpec(
    "BusinessReport", "BusinessReport", "业务报告（子商品）", "Business Report (by child item)",
    (SKU, ASIN, Column("parent_asin", "父 ASIN", "Parent ASIN", width=13),
     Column("title", "标题", "Title", width=36),
     Column("sessions", "会话数", "Sessions", fmt=INT, width=11),
     Column("page_views", "页面浏览量", "Page views", fmt=INT, width=12),
     Column("units_ordered", "已订购数量", "Units ordered", fmt=INT, width=13),
     Column("ordered_sales", "已订购销售额", "Ordered sales", fmt="#,##0.00", width=14),
     Column("total_order_items", "订单商品数", "Order items", fmt=INT, width=12),
     IMPORT_ID),
    families=("business_report_child",),
    hint_zh="xladdin import 业务报告（子商品）；文件名须含日期范围，如 …-20260101-20260131.csv",
    hint_en="xladdin import Business Reports by child item; the file name must carry the range, e.g. …-20260101-20260131.csv")
SKU_SETTINGS = TableSpec(
    "SkuSettings", "SkuSettings", "SKU 补货参数", "Per-SKU restock settings",
    (SKU, Column("lead_time_days", "备货周期(天)", "Lead time days", width=15),
     Column("case_pack", "箱规", "Case pack"), Column("moq", "起订量", "MOQ"),
     Column("cover_days", "覆盖天数", "Cover days", width=12), Column("safety_days", "安全天数", "Safety days", width=12),
     NOTE),
    hint_zh="空白 = 使用 Settings 中的默认值", hint_en="blank = the default from Settings")

RESTOCK_PLAN = TableSpec(
    "RestockPlan", "RestockPlan", "补货计划", "Restock plan",
    # Printed (through Note): what an operator decides on.  Right of Note: screen-only detail.
    (Column("sku", "SKU", "SKU", width=16), Column("product_name", "商品名称", "Product name", width=22),
     Column("on_hand", "在库可售", "On hand", fmt=INT, width=9),
     Column("inbound", "在途", "Inbound", fmt=INT, width=9),
     Column("units_per_day_7d", "7 天日均", "7-day avg", fmt=DEC, width=9),
     Column("units_per_day_30d", "30 天日均", "30-day avg", fmt=DEC, width=9),
     Column("units_per_day_90d", "90 天日均", "90-day avg", fmt=DEC, width=9),
     Column("velocity_window", "采用", "Used", width=6),
     Column("daily_sales", "日均销量", "Daily sales", fmt=DEC, width=9),
     Column("days_of_cover", "可售天数", "Cover days", fmt="0.0", width=9),
     Column("stockout_date", "预计断货", "Stock-out", fmt=DATE, width=11),
     Column("reorder_qty", "补货量", "Reorder", fmt=INT, width=9),
     Column("order_by_date", "最晚下单", "Order by", fmt=DATE, width=11),
     Column("status", "状态", "Status", width=14),
     Column("amazon_recommended_qty", "亚马逊建议", "Amazon qty", fmt=INT, width=10),
     Column("qty_difference", "差异", "Diff.", fmt=INT, width=8),
     APPROVE, Column("note", "备注", "Note", width=16),
     Column("status_reason", "原因", "Reason", width=44),
     Column("comparison_note", "差异说明", "Why they differ", width=50),
     ASIN, Column("units_sold_30d", "30 天销量", "Units sold 30d", fmt=INT, width=12),
     Column("velocity_source", "销量来源", "Velocity source", width=40)),
    role="output", row_key=("sku",), operator_columns=("approve", "note"), print_through="note",
    highlights=(Highlight("approve", "equal", ('"Y"',), **APPROVE_GREEN),
                Highlight("days_of_cover", "lessThan", ("set_lead_time_days",), numbers_only=True)),
    hint_zh="刷新生成；红色 = 可售天数短于备货周期；批准列填 Y；备注右侧为屏幕明细（不打印）",
    hint_en="written by refresh; red = cover shorter than lead time; Y to approve; columns right of Note are screen-only")
FEE_RISKS = TableSpec(
    "FeeRisks", "FeeRisks", "费用风险", "Fee risks",
    (SKU, ASIN, PRODUCT_NAME, Column("risk", "风险", "Risk", width=18), Column("detail", "说明", "Detail", width=40),
     Column("est_fee", "预估费用", "Est. fee", width=12), NOTE),
    role="output", row_key=("sku", "risk"), operator_columns=("note",),
    hint_zh="刷新生成：仓储、超龄、尺寸分段风险", hint_en="written by refresh: storage, aged, size-tier risks")

IPI = TableSpec(
    "IPI", "IPI", "IPI 分项估算", "IPI component estimates",
    (Column("metric", "指标", "Metric", width=20), Column("metric_name", "名称", "Name", width=28),
     Column("value", "估算值", "Value", fmt="0.000", width=10),
     Column("shown", "显示", "Shown as", width=10),
     Column("numerator", "分子", "Numerator", fmt="#,##0.0", width=12),
     Column("denominator", "分母", "Denominator", fmt="#,##0.0", width=12),
     Column("formula", "公式", "Formula", width=60), Column("source", "数据来源", "Source", width=36),
     Column("label", "标记", "Label", width=11)),
    role="output", print_through="source",
    hint_zh="刷新生成：亚马逊 IPI 公式未公开，均为估算（ESTIMATE）", hint_en="written by refresh: Amazon's IPI formula is not public; all are ESTIMATES")

ISSUES = issues_table(SKU, "刷新生成：报表缺失、重复 SKU、无销量等（空白 SKU = 整个报表）",
                      "written by refresh: missing reports, duplicate SKUs, no sales … (blank SKU = the whole report)")

INVENTORY = TemplateSpec(
    "inventory", "库存补货", "Inventory and restock",
    guide=GuideSpec("说明 Guide", (
        (("下载报表：库存 › 管理亚马逊库存（MYI，下载 .txt/.csv）和 库存 › 补货库存（Restock）；"
          "可选：库存规划 › FBA 库存报表（Planning，含 7/30/60/90 天发货与库龄）。"),
         ("Download reports: Inventory › Manage FBA Inventory (MYI, .txt/.csv) and Inventory › Restock Inventory; "
          "optional: Inventory Planning › FBA Inventory (Planning: 7/30/60/90-day shipments and ages).")),
        (("可选：业务报告 › 详情页面上的销售量与访问量 – 子商品，分别下载 7/30/90 天，文件名保留日期范围"
          "（如 BusinessReport-20260101-20260131.csv）；重叠的日期不会重复计算。"),
         ("Optional: Business Reports › Detail Page Sales and Traffic by Child Item for 7/30/90 days, the file name "
          "keeping the range (e.g. BusinessReport-20260101-20260131.csv); overlapping days are never counted twice.")),
        ("导入：xladdin import 本文件.xlsx 报表 …（同一报表、同一日期再次导入会替换旧数据），或粘贴到对应工作表第 4 行起。",
         ("Import: xladdin import THIS.xlsx REPORT … (the same report and dates again replaces the earlier rows), "
         "or paste from row 4 of the matching sheet.")),
        ("在 SkuSettings 填每个 SKU 的备货周期、箱规、起订量；空白用 Settings 的默认值。",
         "Fill in SkuSettings: lead time, case pack, MOQ per SKU; blanks use the Settings defaults."),
        ("刷新：插件功能区 › 刷新（或 xladdin refresh）。", "Refresh: ribbon › Refresh (or xladdin refresh)."),
        ("看 Dashboard 与 RestockPlan：红色 = 可售天数短于备货周期；FeeRisks 列出费用风险，Issues 列出数据问题。",
         "Read the Dashboard and RestockPlan: red = cover shorter than lead time; FeeRisks lists fee risks, Issues data problems."),
        ("在 RestockPlan 的“批准”列填 Y；刷新会保留批准与备注，然后按批准行创建货件。",
         "Type Y in RestockPlan › Approve; refresh keeps approvals and notes; create shipments from approved rows."),
    )),
    dashboard=DashboardSpec(
        "Dashboard", "库存看板", "Inventory dashboard",
        kpis=(Kpi("kpi_skus", "SKU 数", "SKUs", fmt="#,##0"), Kpi("kpi_reorder_now", "需立即补货", "Reorder now", fmt="#,##0"),
              Kpi("kpi_reorder_soon", "即将补货", "Reorder soon", fmt="#,##0"),
              Kpi("kpi_overstock", "库存过多", "Overstock", fmt="#,##0"),
              Kpi("kpi_reorder_units", "建议补货总量", "Units to reorder", fmt="#,##0"),
              Kpi("kpi_fee_risks", "费用风险", "Fee risks", fmt="#,##0"),
              Kpi("kpi_ipi_excess_pct", "IPI 冗余库存 (估)", "IPI excess (est.)", fmt="0.0%"),
              Kpi("kpi_ipi_sell_through_90d", "IPI 售出率 (估)", "IPI sell-through (est.)", fmt="0.00"),
              Kpi("kpi_ipi_stranded_pct", "IPI 无在售信息 (估)", "IPI stranded (est.)", fmt="0.0%"),
              Kpi("kpi_ipi_in_stock_rate_pct", "IPI 有货率 (估)", "IPI in-stock (est.)", fmt="0.0%")),
        charts=(ChartSpec("bar", "各 SKU 可售天数", "Days of cover by SKU", "RestockPlan", "sku", ("days_of_cover",),
                          anchor="D3", rows=20, height_cm=8),
                ChartSpec("bar", "各 SKU 建议补货量", "Units to reorder by SKU", "RestockPlan", "sku", ("reorder_qty",),
                          anchor="D19", rows=20, height_cm=7.5)),
        notes=(("明细：RestockPlan、FeeRisks", "Details: RestockPlan, FeeRisks"),
               ("IPI 估算：IPI；问题：Issues", "IPI estimates: IPI; problems: Issues")),
    ),
    tables=(RESTOCK_PLAN, FEE_RISKS, IPI, ISSUES, MYI, PLANNING, RESTOCK, BUSINESS_REPORT, SKU_SETTINGS),
    settings=SettingsSpec(keys=("marketplace", "lead_time_days", "cover_days", "safety_days", "case_pack", "moq",
                                "service_level", "reorder_soon_days", "overstock_factor")),
)

TEMPLATE = INVENTORY
