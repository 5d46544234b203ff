"""Columns and guide steps shared by the templates."""

from xladdin.workbooks.formats import INT
from xladdin.workbooks.spec import Column, TableSpec

IMPORT_ID = Column("import_id", "导入批次", "Import ID", fmt=INT, width=10)
APPROVE = Column("approve", "批准", "Approve", choices=("Y", "N"), width=10)
NOTE = Column("note", "备注", "Note", width=30)
SKU = Column("sku", "SKU", "SKU", width=18)
ASIN = Column("asin", "ASIN", "ASIN", width=13)
FNSKU = Column("fnsku", "FNSKU", "FNSKU", width=13)
PRODUCT_NAME = Column("product_name", "商品名称", "Product name", width=36)
PRICE = Column("price", "售价", "Price")

APPROVE_GREEN = {"fill": "C6EFCE", "font": "006100"}


def issues_table(key: Column, hint_zh: str, hint_en: str) -> TableSpec:
    """The Issues output every workbook has: what the refresh could not use, one row per problem."""
    return TableSpec(
        "Issues", "Issues", "数据问题", "Data issues",
        (key, Column("source", "来源", "Source", width=16), Column("code", "代码", "Code", width=18),
         Column("detail", "说明", "Detail", width=60)),
        role="output", hint_zh=hint_zh, hint_en=hint_en)
