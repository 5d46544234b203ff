"""Columns and guide steps shared by the templates."""

from xladdin.workbooks.formats import INT
from xladdin.workbooks.spec import Column

IMPORT_ID = Column("import_id", "导入批次", "Import ID", fmt=INT, width=10)
APPROVE = Column("approve", "批准", "Approve", choices=("Y", "N"), width=10)
NOTE = Column("note", "备注", "Note", width=30)
SKU = Column("sku", "SKU", "SKU", width=18)
ASIN = Column("asin", "ASIN", "ASIN", width=13)
FNSKU = Column("fnsku", "FNSKU", "FNSKU", width=13)
PRODUCT_NAME = Column("product_name", "商品名称", "Product name", width=36)
PRICE = Column("price", "售价", "Price")

APPROVE_GREEN = {"fill": "C6EFCE", "font": "006100"}
