"""The decorator every worksheet function uses: our registry plus xlwings' own decorators.

``ndim=2`` on every argument: xlwings then passes ranges as lists of lists with their orientation
(a column stays a column), so results spill in the input's shape.  Off Windows xlwings' decorators
are no-ops; our registry (:mod:`xladdin.worksheet.registry`) still records and checks the metadata.
"""

from __future__ import annotations

import xlwings as xw

from xladdin.worksheet.registry import register

# Function Wizard categories (one per area).
ADS = "Amazon 广告 Ads"
INVENTORY = "Amazon 库存 Inventory"
LISTING = "Amazon Listing"
SKU = "Amazon SKU 复盘 Review"
FEES = "Amazon 费用 Fees"
HEALTH = "Amazon 账户健康 Health"
SELECTION = "Amazon 选品 Selection"
GENERAL = "Amazon xladdin"


def udf(category: str, args: dict[str, str], returns: str = ""):
    def deco(fn):
        register(fn, category=category, args=args, returns=returns)
        f = fn
        for name, doc in reversed(list(args.items())):
            f = xw.arg(name, ndim=2, doc=doc)(f)
        return xw.func(category=category)(f)

    return deco
