"""FBA Inventory report (inventory planning / health): ``GET_FBA_INVENTORY_PLANNING_DATA``.

Header: amazon-reports.md §5.2, a composite of two sources (89 columns; order and presence INFERRED; UK files
shift columns), so only the signature (``snapshot-date`` + ``inv-age-0-to-90-days``) is relied on and every
other column is optional.  Real files switch from hyphen-case to prose headers part-way through, and one
source writes ``quantity-to-be-charged-ais-365-PLUS-days`` (case is folded).  The Seller Central help page
uses other names (``inventory-age-0-to-90-days``, ``sales_price``, ``lowest_price_new``, ``Total Reserved
Quantity``); they are accepted too.  Chinese UI labels (``库存龄 0-90 天``, ``售出率``, ``商品体积``, ``存储类型``,
``入库-已发货``) are listed as zh spellings but are unverified: the downloaded file is expected in English.
"""

from __future__ import annotations

from xladdin.reports.base import Col, Family
from xladdin.reports.registry import module_detect, module_parse


def _c(name: str, kind: str, *en: str, core: bool = False, zh: tuple[str, ...] = (), bound: bool = False) -> Col:
    return Col(name, kind, en=list(en), zh=list(zh), core=core, bound=bound)


_AIS = [("181_210", "181-210"), ("211_240", "211-240"), ("241_270", "241-270"), ("271_300", "271-300"),
        ("301_330", "301-330"), ("331_365", "331-365"), ("365_plus", "365-plus")]

COLUMNS = [
    _c("snapshot_date", "date", "snapshot-date", core=True),
    _c("sku", "id", "sku", core=True),
    _c("fnsku", "id", "fnsku", core=True),
    _c("asin", "asin", "asin", core=True),
    _c("product_name", "text", "product-name", core=True),
    _c("condition", "text", "condition"),
    _c("available", "int", "available", core=True),
    _c("pending_removal", "int", "pending-removal-quantity"),
    _c("inv_age_0_90", "int", "inv-age-0-to-90-days", "inventory-age-0-to-90-days", core=True, zh=("库存龄 0-90 天",)),
    _c("inv_age_91_180", "int", "inv-age-91-to-180-days", "inventory-age-91-to-180-days", core=True),
    _c("inv_age_181_270", "int", "inv-age-181-to-270-days", "inventory-age-181-to-270-days", core=True),
    _c("inv_age_271_365", "int", "inv-age-271-to-365-days", "inventory-age-271-to-365-days", core=True),
    _c("inv_age_365_plus", "int", "inv-age-365-plus-days", "inventory-age-365-plus-days", core=True),
    _c("currency", "text", "currency"),
    _c("units_shipped_7d", "int", "units-shipped-t7"),
    _c("units_shipped_30d", "int", "units-shipped-t30", core=True),
    _c("units_shipped_60d", "int", "units-shipped-t60"),
    _c("units_shipped_90d", "int", "units-shipped-t90"),
    _c("alert", "text", "alert"),
    _c("price", "money", "your-price", core=True),
    _c("sales_price", "money", "sales-price", "sales_price"),
    _c("lowest_price_new", "money", "lowest-price-new-plus-shipping", "lowest_price_new"),
    _c("lowest_price_used", "money", "lowest-price-used", "lowest_price_used"),
    _c("recommended_action", "text", "recommended-action"),
    _c("healthy_inventory_level", "int", "healthy-inventory-level"),
    _c("recommended_sales_price", "money", "recommended-sales-price"),
    _c("recommended_sale_duration_days", "int", "recommended-sale-duration-days"),
    _c("recommended_removal_qty", "int", "recommended-removal-quantity"),
    _c("estimated_cost_savings", "money", "estimated-cost-savings-of-recommended-actions"),
    _c("sell_through", "float", "sell-through", zh=("售出率",)),
    _c("item_volume", "float", "item-volume", zh=("商品体积",)),
    _c("volume_unit", "text", "volume-unit-measurement"),
    _c("storage_type", "text", "storage-type", zh=("存储类型",)),
    _c("storage_volume", "float", "storage-volume"),
    _c("marketplace", "text", "marketplace"),
    _c("product_group", "text", "product-group"),
    _c("sales_rank", "int", "sales-rank"),
    _c("days_of_supply", "float", "days-of-supply", core=True, bound=True),
    _c("estimated_excess_qty", "int", "estimated-excess-quantity"),
    _c("weeks_of_cover_30d", "float", "weeks-of-cover-t30"),
    _c("weeks_of_cover_90d", "float", "weeks-of-cover-t90"),
    _c("featured_offer_price", "money", "featuredoffer-price"),
    _c("sales_shipped_7d", "money", "sales-shipped-last-7-days"),
    _c("sales_shipped_30d", "money", "sales-shipped-last-30-days"),
    _c("sales_shipped_60d", "money", "sales-shipped-last-60-days"),
    _c("sales_shipped_90d", "money", "sales-shipped-last-90-days"),
    _c("inv_age_0_30", "int", "inv-age-0-to-30-days"),
    _c("inv_age_31_60", "int", "inv-age-31-to-60-days"),
    _c("inv_age_61_90", "int", "inv-age-61-to-90-days"),
    _c("inv_age_181_330", "int", "inv-age-181-to-330-days"),
    _c("inv_age_331_365", "int", "inv-age-331-to-365-days"),
    _c("estimated_storage_cost_next_month", "money", "estimated-storage-cost-next-month"),
    _c("inbound", "int", "inbound-quantity", core=True),
    _c("inbound_working", "int", "inbound-working"),
    _c("inbound_shipped", "int", "inbound-shipped", zh=("入库-已发货",)),
    _c("inbound_received", "int", "inbound-received"),
    _c("no_sale_last_6_months", "int", "no-sale-last-6-months"),
    _c("reserved", "int", "reserved-quantity", "Total Reserved Quantity"),
    _c("unfulfillable", "int", "unfulfillable-quantity"),
    *[c for key, label in _AIS for c in (
        _c(f"ais_qty_{key}", "int", f"quantity-to-be-charged-ais-{label}-days"),
        _c(f"ais_estimated_{key}", "money", f"estimated-ais-{label}-days"))],
    _c("historical_days_of_supply", "float", "historical-days-of-supply"),
    _c("fba_minimum_inventory_level", "int", "fba-minimum-inventory-level"),
    _c("inventory_health_status", "text", "fba-inventory-level-health-status"),
    _c("recommended_ship_in_qty", "int", "Recommended ship-in quantity"),
    _c("recommended_ship_in_date", "date", "Recommended ship-in date"),
    _c("historical_days_of_supply_updated", "date", "Last updated date for Historical Days of Supply"),
    _c("low_inventory_fee_exempt", "bool", "Exempted from Low-Inventory cost coverage fee?"),
    _c("low_inventory_fee_applied", "bool", "Low-Inventory cost coverage fee applied in current week?"),
    _c("short_term_historical_days_of_supply", "float", "Short term historical days of supply"),
    _c("long_term_historical_days_of_supply", "float", "Long term historical days of supply"),
    _c("inventory_age_snapshot_date", "date", "Inventory age snapshot date"),
    _c("inventory_supply_at_fba", "int", "Inventory Supply at FBA"),
    _c("reserved_fc_transfer", "int", "Reserved FC Transfer"),
    _c("reserved_fc_processing", "int", "Reserved FC Processing"),
    _c("reserved_customer_order", "int", "Reserved Customer Order"),
    _c("total_days_of_supply", "float", "Total Days of Supply (including units from open shipments)", bound=True),
]

PLANNING = Family(
    "fba_planning", "FBA Inventory (inventory planning)", COLUMNS, title_zh="FBA 库存（库存规划）",
    signature=[("snapshot_date", "inv_age_0_90"), ("snapshot_date", "available", "days_of_supply")],
    key_columns=("sku",),
    plain_numbers=True,  # flat file: "24.99", never "$24.99" or "24,99"
    date_columns=("snapshot_date", "snapshot_date"),
)

FAMILIES = [PLANNING]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
