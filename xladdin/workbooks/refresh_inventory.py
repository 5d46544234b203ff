"""Refresh of the inventory workbook (template ``inventory``): input tables in, plan / risks / KPIs out.

Reads the input tables ``MYI``, ``Restock`` and ``SkuSettings``, runs the pure-pandas analytics of
:mod:`xladdin.workbooks.inventory_analysis` (:func:`velocity`, :func:`restock_plan`, :func:`fee_risks`,
:func:`fee_risk_rows`, :func:`kpis`) and writes:

* ``RestockPlan`` — the template's declared columns first (``sku … status``, then the operator columns
  ``approve`` / ``note``, kept by ``sku``), then every other column of the plan (``status_reason``,
  ``amazon_recommended_qty``, ``qty_difference``, ``comparison_note``, ``stockout_date`` …) on the right;
* ``FeeRisks`` — one row per (sku, risk); ``note`` kept by (sku, risk);
* ``Issues`` — every problem the analytics collected (``attrs["problems"]``): ``sku, source, code, detail``;
* the Dashboard KPI names ``kpi_skus``, ``kpi_reorder_now``, ``kpi_reorder_soon``, ``kpi_overstock``,
  ``kpi_reorder_units``, ``kpi_fee_risks`` (always numbers, 0 when there is nothing).

Velocity comes from the Restock report (units sold in 30 days ÷ 30); the template has no planning or
Business Report input table.  ``as_of`` is today (:func:`xladdin.core.inventory.today`) unless
:func:`refresh_inventory_at` is called with one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core import inventory as inv
from xladdin.settings import Settings
from xladdin.workbooks import inventory_analysis as ia
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.registry import get_template, register_refresh

KIND = "inventory"
PLAN_TABLE, FEES_TABLE, ISSUES_TABLE = "RestockPlan", "FeeRisks", "Issues"
ISSUE_COLUMNS = list(ia.PROBLEM_COLUMNS)  # sku, source, code, detail
KPI_NAMES = ("kpi_skus", "kpi_reorder_now", "kpi_reorder_soon", "kpi_overstock", "kpi_reorder_units", "kpi_fee_risks")


def _input(host: BookHost, name: str) -> pd.DataFrame | None:
    """An input table without the bookkeeping column; None when it has no row with a SKU."""
    df = host.read_table(name)
    df = df.drop(columns=[c for c in ("import_id",) if c in df.columns])
    if "sku" not in df.columns or df.empty:
        return None
    sku = df["sku"].astype("string").str.strip().fillna("")
    return None if (sku == "").all() else df


def _sku_settings(host: BookHost) -> pd.DataFrame | None:
    df = _input(host, "SkuSettings")
    if df is None:
        return None
    keep = ["sku", *[c for c in ia.SKU_SETTING_COLUMNS if c in df.columns]]
    df = df[keep].copy()
    df["sku"] = df["sku"].astype("string").str.strip().fillna("").astype(object)
    return df[df["sku"] != ""]


def _first_text(frames: list[pd.DataFrame | None], col: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in frames:
        if f is None or col not in f.columns:
            continue
        for s, v in zip(f["sku"], f[col]):
            if v is None or (not isinstance(v, str) and pd.isna(v)):
                continue
            s, v = str(s).strip(), str(v).strip()
            if s and v:
                out.setdefault(s, v)
    return out


def _units_sold_30d(restock: pd.DataFrame | None) -> dict[str, float]:
    if restock is None or "units_sold_30d" not in restock.columns:
        return {}
    sku = restock["sku"].astype("string").str.strip().fillna("")
    units = pd.to_numeric(restock["units_sold_30d"], errors="coerce")
    total = units.groupby(sku).sum(min_count=1)
    return {str(s): float(v) for s, v in total.items() if s and not pd.isna(v)}


def _blank_text(df: pd.DataFrame) -> pd.DataFrame:
    """Empty strings become empty cells (not zero-length text)."""
    for c in df.columns:
        if df[c].dtype == object:
            df[c] = df[c].map(lambda v: None if isinstance(v, str) and v == "" else v)
    return df


def plan_frame(plan: pd.DataFrame, myi: pd.DataFrame | None, restock: pd.DataFrame | None) -> pd.DataFrame:
    """The RestockPlan table body: the template's declared columns, in the template's order."""
    declared = [c for c in get_template(KIND).table(PLAN_TABLE).keys
                if c not in get_template(KIND).table(PLAN_TABLE).operator_columns]
    out = plan.copy()
    names = _first_text([myi, restock], "product_name")
    sold = _units_sold_30d(restock)
    out["product_name"] = pd.Series([names.get(s) for s in out["sku"]], index=out.index, dtype=object)
    out["units_sold_30d"] = pd.Series([sold.get(s, np.nan) for s in out["sku"]], index=out.index, dtype=float)
    missing = [c for c in declared if c not in out.columns]
    if missing:  # a template column the analytics do not produce: a programming error, not data
        raise KeyError(f"RestockPlan columns not produced by restock_plan: {missing}")
    # Only the declared columns: each has a bilingual label, a width and a format, so the sheet reads and
    # prints well (the analytics' remaining working columns would make the page unreadably wide).
    return _blank_text(out[declared].reset_index(drop=True))


def kpi_values(k: dict[str, Any], fee_rows: pd.DataFrame) -> dict[str, float]:
    """Dashboard KPI name → number (0 when the analytics have nothing)."""
    def num(key: str) -> float:
        v = k.get(key, 0)
        return 0 if v is None or (isinstance(v, float) and not np.isfinite(v)) else v

    return {"kpi_skus": int(num("skus")), "kpi_reorder_now": int(num("skus_order_now")),
            "kpi_reorder_soon": int(num("skus_reorder_soon")), "kpi_overstock": int(num("skus_overstock")),
            "kpi_reorder_units": float(num("units_to_order")), "kpi_fee_risks": len(fee_rows)}


def refresh_inventory_at(host: BookHost, settings: Settings, as_of: dt.date | None = None) -> dict[str, Any]:
    """Refresh the inventory workbook as of ``as_of`` (default today); returns the KPI values written."""
    as_of = as_of or inv.today()
    myi, restock = _input(host, "MYI"), _input(host, "Restock")
    sku_settings = _sku_settings(host)

    vel = ia.velocity(None, restock, None, as_of, settings=settings) if restock is not None else None
    plan = ia.restock_plan(myi, restock, None, vel, sku_settings, as_of, settings)
    fees = ia.fee_risks(myi, None, restock, vel, as_of, settings, marketplace=settings.marketplace)
    fee_rows = ia.fee_risk_rows(fees, settings)
    problems = ia.problems_table(*(f for f in (vel, plan, fees) if f is not None))
    kpi = kpi_values(ia.kpis(plan, fees), fee_rows)

    host.write_table(PLAN_TABLE, plan_frame(plan, myi, restock), key=("sku",))
    fee_names = _first_text([myi, restock], "product_name")
    fee_out = fee_rows.assign(product_name=[fee_names.get(s) for s in fee_rows["sku"]])
    host.write_table(FEES_TABLE, _blank_text(fee_out[["sku", "asin", "product_name", "risk", "detail", "est_fee"]]),
                     key=("sku", "risk"))
    host.write_table(ISSUES_TABLE, _blank_text(problems.reindex(columns=ISSUE_COLUMNS).astype(object)))
    for name, value in kpi.items():
        host.write_named(name, value)
    return kpi


@register_refresh(KIND)
def refresh_inventory(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for inventory workbooks (as of today)."""
    refresh_inventory_at(host, settings)


__all__ = ["KPI_NAMES", "kpi_values", "plan_frame", "refresh_inventory", "refresh_inventory_at"]
