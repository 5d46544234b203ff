"""Number formats chosen from column names, so any DataFrame lands formatted.

The analytics write whatever columns they compute; hosts format each column by its name:

========================================================  ==================
name                                                      format
========================================================  ==================
``*_pct``, ``acos``, ``tacos``, ``ctr``, ``cvr``, ``*_acos``,
``*_rate``, ``margin`` …                                  ``0.00%``
``spend``, ``sales``, ``*fee``, ``price``, ``cost``, ``cogs``,
``cpc``, ``bid``, ``budget``, ``*_sales``, ``profit`` …   ``#,##0.00``
``*_date``, ``date``                                      ``yyyy-mm-dd``
``impressions``, ``clicks``, ``orders``, ``units``, ``*_qty``,
counts …                                                  ``#,##0``
anything else                                             ``General``
========================================================  ==================

Money has no currency symbol on purpose: one workbook serves US, UK and DE and the marketplace lives
in Settings.
"""

from __future__ import annotations

PCT = "0.00%"
MONEY = "#,##0.00"
DATE = "yyyy-mm-dd"
INT = "#,##0"
DEC = "0.00"
GENERAL = "General"
TEXT = "@"

_PCT_NAMES = {"acos", "tacos", "ctr", "cvr", "roas_pct", "margin", "share", "conversion_rate", "target_acos"}
_PCT_SUFFIXES = ("_pct", "_acos", "_tacos", "_ctr", "_cvr", "_rate", "_margin", "_share")
_MONEY_NAMES = {"spend", "sales", "price", "cost", "cogs", "fee", "cpc", "bid", "budget", "profit", "revenue",
                "ordered_sales", "sales_30d", "fba_fee", "referral_fee", "storage_fee"}
_MONEY_SUFFIXES = ("_spend", "_sales", "_fee", "_fees", "_price", "_cost", "_cogs", "_cpc", "_bid", "_budget",
                   "_profit", "_revenue", "_value")
_INT_NAMES = {"impressions", "clicks", "orders", "units", "sessions", "page_views", "units_ordered",
              "total_order_items", "fulfillable", "unsellable", "reserved", "inbound", "available", "total",
              "moq", "case_pack", "rows"}
_INT_PREFIXES = ("inbound_", "units_", "qty_")
_INT_SUFFIXES = ("_qty", "_units", "_count", "_orders", "_clicks", "_impressions", "_days")
_DEC_NAMES = {"roas", "days_of_supply", "cover_days", "safety_days", "lead_time_days"}
_DEC_SUFFIXES = ("_in", "_lb", "_kg", "_cm")


def format_for(name: str) -> str:
    """Excel number format for a column called ``name`` (see the module table)."""
    n = name.lower()
    if n in _DEC_NAMES or n.endswith(_DEC_SUFFIXES):
        return DEC
    if n in _PCT_NAMES or n.endswith(_PCT_SUFFIXES):
        return PCT
    if n == "date" or n.endswith("_date") or n in ("date_from", "date_to"):
        return DATE
    if n in _MONEY_NAMES or n.endswith(_MONEY_SUFFIXES):
        return MONEY
    if n in _INT_NAMES or n.startswith(_INT_PREFIXES) or n.endswith(_INT_SUFFIXES):
        return INT
    return GENERAL
