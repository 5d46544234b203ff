"""Inventory workbook (库存补货): MYI, Restock and per-SKU settings in; restock plan and fee risks out."""

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
     Column("total", "合计", "Total"), IMPORT_ID),
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
SKU_SETTINGS = TableSpec(
    "SkuSettings", "SkuSettings", "SKU 补货参数", "Per-SKU restock settings",
    (SKU, Column("lead_time_days", "备货周期(天)", "Lead time days", width=15),
     Column("case_pack", "箱规", "Case pack"), Column("moq", "起订量", "MOQ"),
     Column("cover_days", "覆盖天数", "Cover days", width=12), Column("safety_days", "安全天数", "Safety days", width=12),
     NOTE),
    hint_zh="空白 = 使用 Settings 中的默认值", hint_en="blank = the default from Settings")

RESTOCK_PLAN = TableSpec(
    "RestockPlan", "RestockPlan", "补货计划", "Restock plan",
    (SKU, ASIN, PRODUCT_NAME, Column("on_hand", "在库可售", "On hand", fmt=INT, width=11),
     Column("inbound", "在途", "Inbound"),
     Column("units_sold_30d", "30 天销量", "Units sold 30d", width=15),
     Column("daily_sales", "日均销量", "Daily sales (units)", fmt=DEC, width=12),
     Column("days_of_cover", "可售天数", "Days of cover", fmt="0.0", width=15),
     Column("reorder_qty", "补货量", "Reorder qty", width=13),
     Column("order_by_date", "最晚下单日", "Order by", fmt=DATE, width=13),
     Column("status", "状态", "Status", width=16),
     Column("status_reason", "原因", "Reason", width=44),
     Column("stockout_date", "预计断货日", "Stock-out date", fmt=DATE, width=14),
     Column("amazon_recommended_qty", "亚马逊建议量", "Amazon recommends", fmt=INT, width=14),
     Column("qty_difference", "差异", "Difference", fmt=INT, width=11),
     APPROVE, NOTE,
     Column("comparison_note", "差异说明", "Why they differ", width=50)),
    role="output", row_key=("sku",), operator_columns=("approve", "note"), print_through="note",
    highlights=(Highlight("approve", "equal", ('"Y"',), **APPROVE_GREEN),
                Highlight("days_of_cover", "lessThan", ("set_lead_time_days",))),
    hint_zh="刷新生成；红色 = 可售天数短于备货周期；批准列填 Y", hint_en="written by refresh; red = cover shorter than lead time; Y to approve")
FEE_RISKS = TableSpec(
    "FeeRisks", "FeeRisks", "费用风险", "Fee risks",
    (SKU, ASIN, PRODUCT_NAME, Column("risk", "风险", "Risk", width=18), Column("detail", "说明", "Detail", width=40),
     Column("est_fee", "预估费用", "Est. fee", width=12), NOTE),
    role="output", row_key=("sku", "risk"), operator_columns=("note",),
    hint_zh="刷新生成：仓储、超龄、尺寸分段风险", hint_en="written by refresh: storage, aged, size-tier risks")

ISSUES = TableSpec(
    "Issues", "Issues", "数据问题", "Data issues",
    (SKU, Column("source", "来源", "Source", width=16), Column("code", "代码", "Code", width=18),
     Column("detail", "说明", "Detail", width=60)),
    role="output", hint_zh="刷新生成：报表缺失、重复 SKU、无销量等（空白 SKU = 整个报表）",
    hint_en="written by refresh: missing reports, duplicate SKUs, no sales … (blank SKU = the whole report)")

INVENTORY = TemplateSpec(
    "inventory", "库存补货", "Inventory and restock",
    guide=GuideSpec("说明 Guide", (
        ("下载报表：库存 › 管理亚马逊库存（MYI，下载 .txt/.csv）和 库存 › 补货库存（Restock）。",
         "Download reports: Inventory › Manage FBA Inventory (MYI, .txt/.csv) and Inventory › Restock Inventory."),
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
              Kpi("kpi_fee_risks", "费用风险", "Fee risks", fmt="#,##0")),
        charts=(ChartSpec("bar", "各 SKU 可售天数", "Days of cover by SKU", "RestockPlan", "sku", ("days_of_cover",),
                          anchor="D3", rows=20, height_cm=10),),
        notes=(("补货明细见 RestockPlan；费用风险见 FeeRisks；数据问题见 Issues", "Details: RestockPlan, FeeRisks, Issues"),),
    ),
    tables=(RESTOCK_PLAN, FEE_RISKS, ISSUES, MYI, RESTOCK, SKU_SETTINGS),
    settings=SettingsSpec(keys=("marketplace", "lead_time_days", "cover_days", "safety_days", "case_pack", "moq",
                                "service_level", "reorder_soon_days", "overstock_factor")),
)
