"""Manage FBA Inventory (MYI): ``GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA`` / ``..._ALL_INVENTORY_DATA``.

Header: amazon-reports.md §5.1 (CORROBORATED) and real export #7 (the Seller Central ".csv" download:
comma-delimited, cp1252, every non-empty field quoted).  The flat-file header is the same hyphenated English
in every marketplace and UI language (INFERRED there from all sources), so there are no zh/de spellings.
Newer files add ``-local``/``-remote`` fulfillable quantities, ``afn-fc-transfer-quantity``,
``afn-onhand-buyable-quantity`` and ``store``.
"""

from __future__ import annotations

from xladdin.reports.base import Col, Family
from xladdin.reports.registry import module_detect, module_parse


def _c(name: str, kind: str, header: str, *, core: bool = False) -> Col:
    return Col(name, kind, en=header, api=header.replace("-", "_"), core=core)


COLUMNS = [
    _c("sku", "id", "sku", core=True),
    _c("fnsku", "id", "fnsku", core=True),
    _c("asin", "asin", "asin", core=True),
    _c("product_name", "text", "product-name", core=True),
    _c("condition", "text", "condition"),
    _c("price", "money", "your-price", core=True),
    _c("mfn_listing_exists", "bool", "mfn-listing-exists"),
    _c("mfn_fulfillable", "int", "mfn-fulfillable-quantity"),
    _c("afn_listing_exists", "bool", "afn-listing-exists"),
    _c("warehouse", "int", "afn-warehouse-quantity"),
    _c("fulfillable", "int", "afn-fulfillable-quantity", core=True),
    _c("unsellable", "int", "afn-unsellable-quantity", core=True),
    _c("reserved", "int", "afn-reserved-quantity", core=True),
    _c("inbound_working", "int", "afn-inbound-working-quantity", core=True),
    _c("inbound_shipped", "int", "afn-inbound-shipped-quantity", core=True),
    _c("inbound_receiving", "int", "afn-inbound-receiving-quantity", core=True),
    _c("total", "int", "afn-total-quantity", core=True),
    _c("per_unit_volume", "float", "per-unit-volume"),
    _c("researching", "int", "afn-researching-quantity"),
    _c("reserved_future_supply", "int", "afn-reserved-future-supply"),
    _c("future_supply_buyable", "int", "afn-future-supply-buyable"),
    _c("fulfillable_local", "int", "afn-fulfillable-quantity-local"),
    _c("fulfillable_remote", "int", "afn-fulfillable-quantity-remote"),
    _c("fc_transfer", "int", "afn-fc-transfer-quantity"),
    _c("onhand_buyable", "int", "afn-onhand-buyable-quantity"),
    _c("store", "text", "store"),
]

MYI = Family(
    "fba_myi", "Manage FBA Inventory (MYI)", COLUMNS, title_zh="管理亚马逊库存（FBA 库存）",
    signature=[("fulfillable", "afn_listing_exists"), ("fulfillable", "total", "fnsku")],
    key_columns=("sku",),
    plain_numbers=True,  # flat file: "24.99", never "$24.99" or "24,99"
)

FAMILIES = [MYI]
detect = module_detect(FAMILIES)
parse = module_parse(FAMILIES)
