"""Restock Inventory recommendations: ``GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT``.

Two layouts (English headers in every UI; no zh/de spellings are documented):

* current (amazon-reports.md §5.3, CORROBORATED): tab-delimited, ``Merchant SKU``, ``Units Sold Last 30 Days``,
  ``Days of Supply at Amazon Fulfillment Network``, ``Alert``, ``Recommended replenishment qty``,
  ``Recommended ship date``;
* 2019 (real export #8): comma-delimited cp1252 download with ``SKU``, ``Sales last 30 days (units)``,
  ``Days of Supply`` (``365+`` occurs), ``Instock Alert``, ``Recommended Order Quantity``,
  ``Recommended Order Date`` (MM/DD/YYYY) and storage-fee-discount threshold columns.

``days_of_supply`` may be a bound (``365+``): the number is kept and ``days_of_supply_bound`` says ``>=``.
"""

from __future__ import annotations

from xladdin.reports.base import Col, Family
from xladdin.reports.registry import module_detect, module_parse

COLUMNS = [
    Col("sku", "id", en=["Merchant SKU", "SKU"], core=True),
    Col("fnsku", "id", en="FNSKU", core=True),
    Col("asin", "asin", en="ASIN", core=True),
    Col("product_name", "text", en=["Product Name", "Product Description"], core=True),
    Col("price", "money", en="Price", core=True),
    Col("units_sold_30d", "int", en=["Units Sold Last 30 Days", "Sales last 30 days (units)"], core=True),
    Col("sales_30d", "money", en=["Sales last 30 days", "Sales last 30 days (sales)"], core=True),
    Col("available", "int", en=["Available", "Available Inventory"], core=True),
    Col("inbound", "int", en=["Inbound", "Inbound Inventory"], core=True),
    Col("days_of_supply", "float", en=["Days of Supply at Amazon Fulfillment Network", "Days of Supply"],
        core=True, bound=True),
    Col("recommended_qty", "int", en=["Recommended replenishment qty", "Recommended Order Quantity"], core=True),
    Col("recommended_ship_date", "date", en=["Recommended ship date", "Recommended Order Date"], core=True),
    Col("alert", "text", en=["Alert", "Instock Alert"], core=True),
    Col("country", "text", en="Country"),
    Col("condition", "text", en="Condition"),
    Col("supplier", "text", en="Supplier"),
    Col("supplier_part_no", "text", en="Supplier part no."),
    Col("currency", "text", en=["Currency code"]),
    Col("total_units", "int", en=["Total Units", "Total Inventory"]),
    Col("fc_transfer", "int", en=["FC transfer", "Reserved - FC transfer"]),
    Col("fc_processing", "int", en=["FC Processing", "Reserved - FC processing"]),
    Col("customer_order", "int", en=["Customer Order", "Reserved - Customer Order"]),
    Col("unfulfillable", "int", en="Unfulfillable"),
    Col("inbound_working", "int", en="Working"),
    Col("inbound_shipped", "int", en="Shipped"),
    Col("inbound_receiving", "int", en="Receiving"),
    Col("fulfilled_by", "text", en="Fulfilled by"),
    Col("total_days_of_supply", "float", en="Total Days of Supply (including units from open shipments)", bound=True),
    Col("recommended_action", "text", en="Recommended action"),
    Col("unit_storage_size", "text", en="Unit storage size"),
    # 2019 layout: storage-fee discount thresholds (real export #8).
    Col("storage_discount_eligible_current_month", "bool", en="Eligible for Storage Fee Discount Current Month"),
    Col("current_month_very_low_threshold", "int", en="Current Month - Very Low Inventory Threshold"),
    Col("current_month_discount_min_threshold", "int", en="Current Month - Storage Discount Minimum Inventory Threshold"),
    Col("current_month_discount_max_threshold", "int", en="Current Month - Storage Discount Maximum Inventory Threshold"),
    Col("current_month_very_high_threshold", "int", en="Current Month - Very High Inventory Threshold"),
    Col("storage_discount_eligible_next_month", "bool", en="Eligible for Storage Fee Discount Next Month"),
    Col("next_month_very_low_threshold", "int", en="Next Month - Very Low Inventory Threshold"),
    Col("next_month_discount_min_threshold", "int", en="Next Month - Storage Discount Minimum Inventory Threshold"),
    Col("next_month_discount_max_threshold", "int", en="Next Month - Storage Discount Maximum Inventory Threshold"),
    Col("next_month_very_high_threshold", "int", en="Next Month - Very High Inventory Threshold"),
]

RESTOCK = Family(
    "fba_restock", "Restock Inventory recommendations", COLUMNS, title_zh="补货建议（库存补充）",
    signature=[("recommended_qty", ("available", "days_of_supply", "units_sold_30d"))],
    key_columns=("sku",),
)

FAMILIES = [RESTOCK]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
