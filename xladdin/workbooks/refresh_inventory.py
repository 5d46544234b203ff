"""Refresh of the inventory workbook (template ``inventory``): input tables in, plan / risks / IPI / KPIs out.

Reads the input tables ``MYI``, ``Planning`` (FBA Inventory planning report), ``Restock``,
``BusinessReport`` (Business Reports by child item) and ``SkuSettings``, runs the pure-pandas analytics of
:mod:`xladdin.workbooks.inventory_analysis` (:func:`velocity`, :func:`restock_plan`, :func:`fee_risks`,
:func:`fee_risk_rows`, :func:`ipi_estimates`, :func:`kpis`) and writes:

* ``RestockPlan`` — exactly the template's declared columns (``sku … note`` printed, then the screen-only
  details ``comparison_note, asin, units_sold_30d, velocity_source``); ``approve`` / ``note`` kept by ``sku``.
  ``units_per_day_7d / 30d / 90d`` come from :func:`velocity`; ``velocity_window`` is the window the plan used;
* ``FeeRisks`` — one row per (sku, risk) (aged surcharge needs the Planning age buckets); ``note`` kept;
* ``IPI`` — the four IPI component estimates (and unfulfillable share), each labelled ``ESTIMATE``;
* ``Issues`` — every problem the analytics collected plus the refresh's own (Business Report rows without
  a usable date range): ``sku, source, code, detail``;
* the Dashboard KPI names :data:`KPI_NAMES` (always numbers, 0 when there is nothing) and
  :data:`IPI_KPI_NAMES` (blank when the estimate cannot be made).

Velocity: Planning ``units_shipped_<w>d`` first, then Restock (30 days), then the Business Reports.  Each
import of a Business Report is one report: its rows carry an ``import_id`` whose date range is read from
the hidden ``_Imports`` log, and :func:`velocity` picks non-overlapping reports per window (a day is never
counted twice).  Pasted rows (no ``import_id``) or imports with a single date (the file name held only the
download date) have no range: they are listed in Issues and not used.  ``as_of`` is today
(:func:`xladdin.core.inventory.today`) unless :func:`refresh_inventory_at` is called with one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core import inventory as inv
from xladdin.settings import Settings
from xladdin.workbooks import inventory_analysis as ia
from xladdin.workbooks.builder import IMPORTS_TABLE
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.registry import get_template, register_refresh

KIND = "inventory"
PLAN_TABLE, FEES_TABLE, IPI_TABLE, ISSUES_TABLE = "RestockPlan", "FeeRisks", "IPI", "Issues"
BUSINESS_TABLE = "BusinessReport"
ISSUE_COLUMNS = list(ia.PROBLEM_COLUMNS)  # sku, source, code, detail
KPI_NAMES = ("kpi_skus", "kpi_reorder_now", "kpi_reorder_soon", "kpi_overstock", "kpi_reorder_units", "kpi_fee_risks")
IPI_KPI_NAMES = ("kpi_ipi_excess_pct", "kpi_ipi_sell_through_90d", "kpi_ipi_stranded_pct", "kpi_ipi_in_stock_rate_pct")
VELOCITY_WINDOWS = (7, 30, 90)  # the RestockPlan velocity columns (60 days stays a fallback inside the plan)
IPI_NAMES = {  # metric → bilingual name (the IPI table)
    "excess_pct": "冗余库存占比 / Excess inventory",
    "sell_through_90d": "90 天售出率 / Sell-through (90 d)",
    "stranded_pct": "无在售信息库存 / Stranded inventory",
    "unfulfillable_pct": "不可售占比 / Unfulfillable share",
    "in_stock_rate_pct": "有货率 / In-stock rate",
}
IPI_COLUMNS = ["metric", "metric_name", "value", "shown", "numerator", "denominator", "formula", "source", "label"]


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


def _myi(host: BookHost) -> pd.DataFrame | None:
    """MYI with ``afn_listing_exists`` as True / False / None (pasted text such as "Yes" / "No" included)."""
    df = _input(host, "MYI")
    if df is not None and "afn_listing_exists" in df.columns:
        def flag(v: Any) -> bool | None:
            if isinstance(v, (bool, np.bool_)):
                return bool(v)
            t = str(v).strip().lower() if v is not None and not (isinstance(v, float) and np.isnan(v)) else ""
            return True if t in ("yes", "y", "true", "1") else False if t in ("no", "n", "false", "0") else None
        df = df.assign(afn_listing_exists=df["afn_listing_exists"].map(flag).astype(object))
    return df


def business_reports_by_import(host: BookHost, issues: list[dict[str, str]]) -> list[tuple[pd.DataFrame, dt.date, dt.date]]:
    """The BusinessReport rows split by import, each with its date range from ``_Imports``.

    Rows without an import (pasted) or whose import has no range (or a single date: the download date
    from the file name) are reported in ``issues`` and not used."""
    df = host.read_table(BUSINESS_TABLE)
    if df.empty or not {"sku", "asin"} & set(df.columns):
        return []
    keys = [df[c].astype("string").str.strip().fillna("") for c in ("sku", "asin") if c in df.columns]
    used = pd.concat(keys, axis=1).ne("").any(axis=1)
    df = df[used]
    if df.empty:
        return []
    log = host.read_table(IMPORTS_TABLE)
    ranges: dict[int, tuple[dt.date | None, dt.date | None, str]] = {}
    for r in log.to_dict("records"):
        i = pd.to_numeric(r.get("import_id"), errors="coerce")
        if not pd.isna(i):
            ranges[int(i)] = (ia.cell_date(r.get("date_from")), ia.cell_date(r.get("date_to")),
                              str(r.get("file_name") or ""))
    ids = pd.to_numeric(df["import_id"], errors="coerce") if "import_id" in df.columns \
        else pd.Series(np.nan, index=df.index)
    out = []
    pasted = ids.isna()
    if pasted.any():
        issues.append({"sku": "", "source": "business_report", "code": "NO_DATE_RANGE",
                       "detail": f"{int(pasted.sum())} pasted row(s) have no import, so no date range; not used for "
                                 f"velocity (import the file with xladdin import) / 粘贴的行没有日期范围，未使用"})
    for i, part in df[~pasted].groupby(ids[~pasted].astype(int), sort=True):
        d0, d1, name = ranges.get(int(i), (None, None, ""))
        if d0 is None or d1 is None or d1 <= d0:
            issues.append({"sku": "", "source": "business_report", "code": "NO_DATE_RANGE",
                           "detail": f"import {i} ({name or '?'}): " + (
                               "a single date (the download date in the file name), not the report's range"
                               if d0 is not None and d0 == d1 else "no date range")
                           + "; rename the file with its range, e.g. BusinessReport-20260101-20260131.csv, "
                             "and import it again / 文件名须含日期范围"})
            continue
        out.append((part.drop(columns=["import_id"]).reset_index(drop=True), d0, d1))
    return out


def ipi_frame(summary: pd.DataFrame) -> pd.DataFrame:
    """The IPI table body: the estimates with a bilingual name and the value as it reads."""
    def shown(metric: str, v: float) -> str | None:
        if v is None or pd.isna(v):
            return "n/a 不可用"
        return f"{v:.2f}" if not metric.endswith("_pct") else f"{v:.1%}"

    out = summary.copy()
    out["metric_name"] = out["metric"].map(lambda m: IPI_NAMES.get(m, m))
    out["shown"] = [shown(m, v) for m, v in zip(out["metric"], out["value"])]
    return out.reindex(columns=IPI_COLUMNS).astype(object)


def plan_frame(plan: pd.DataFrame, myi: pd.DataFrame | None, restock: pd.DataFrame | None,
               velocity: pd.DataFrame | None = None, planning: pd.DataFrame | None = None) -> pd.DataFrame:
    """The RestockPlan table body: the template's declared columns, in the template's order."""
    declared = [c for c in get_template(KIND).table(PLAN_TABLE).keys
                if c not in get_template(KIND).table(PLAN_TABLE).operator_columns]
    out = plan.copy()
    names = _first_text([myi, planning, restock], "product_name")
    sold = _units_sold_30d(restock)
    vel = None
    if velocity is not None and len(velocity):
        vel = velocity.assign(sku=velocity["sku"].astype("string").str.strip().fillna("").astype(object))
        vel = vel.drop_duplicates("sku").set_index("sku")
    for w in VELOCITY_WINDOWS:
        col = f"units_per_day_{w}d"
        vals = vel[col].reindex(out["sku"]).to_numpy(float) if vel is not None and col in vel.columns \
            else np.full(len(out), np.nan)
        out[col] = pd.Series(vals, index=out.index, dtype=float)
    out["product_name"] = pd.Series([names.get(s) for s in out["sku"]], index=out.index, dtype=object)
    out["units_sold_30d"] = pd.Series([sold.get(s, np.nan) for s in out["sku"]], index=out.index, dtype=float)
    missing = [c for c in declared if c not in out.columns]
    if missing:  # a template column the analytics do not produce: a programming error, not data
        raise KeyError(f"RestockPlan columns not produced by restock_plan: {missing}")
    # Only the declared columns: each has a bilingual label, a width and a format, so the sheet reads and
    # prints well (the analytics' remaining working columns would make the page unreadably wide).
    return out[declared].reset_index(drop=True)


def kpi_values(k: dict[str, Any], fee_rows: pd.DataFrame) -> dict[str, float | None]:
    """Dashboard KPI name → number (0 when the analytics have nothing; IPI estimates None when not computable)."""
    def num(key: str) -> float:
        v = k.get(key, 0)
        return 0 if v is None or (isinstance(v, float) and not np.isfinite(v)) else v

    def est(key: str) -> float | None:
        v = k.get(key)
        return None if v is None or not np.isfinite(v) else float(v)

    out: dict[str, float | None] = {
        "kpi_skus": int(num("skus")), "kpi_reorder_now": int(num("skus_order_now")),
        "kpi_reorder_soon": int(num("skus_reorder_soon")), "kpi_overstock": int(num("skus_overstock")),
        "kpi_reorder_units": float(num("units_to_order")), "kpi_fee_risks": len(fee_rows)}
    for name in IPI_KPI_NAMES:
        out[name] = est(name.replace("kpi_", "", 1))
    return out


def refresh_inventory_at(host: BookHost, settings: Settings, as_of: dt.date | None = None) -> dict[str, Any]:
    """Refresh the inventory workbook as of ``as_of`` (default today); returns the KPI values written."""
    as_of = as_of or inv.today()
    myi, planning, restock = _myi(host), _input(host, "Planning"), _input(host, "Restock")
    sku_settings = _sku_settings(host)
    issues: list[dict[str, str]] = []
    business = business_reports_by_import(host, issues)

    vel = ia.velocity(business or None, restock, planning, as_of, settings=settings) \
        if (restock is not None or planning is not None or business) else None
    plan = ia.restock_plan(myi, restock, planning, vel, sku_settings, as_of, settings)
    fees = ia.fee_risks(myi, planning, restock, vel, as_of, settings, marketplace=settings.marketplace)
    fee_rows = ia.fee_risk_rows(fees, settings)
    ipi = ia.ipi_estimates(planning, myi, vel, settings=settings) if (myi is not None or planning is not None) \
        else None
    problems = ia.problems_table(*(f for f in (vel, plan, fees) if f is not None))
    if issues:
        problems = pd.concat([pd.DataFrame(issues, columns=ISSUE_COLUMNS), problems], ignore_index=True)
    kpi = kpi_values(ia.kpis(plan, fees, ipi), fee_rows)

    host.write_table(PLAN_TABLE, plan_frame(plan, myi, restock, vel, planning), key=("sku",))
    fee_names = _first_text([myi, planning, restock], "product_name")
    fee_out = fee_rows.assign(product_name=[fee_names.get(s) for s in fee_rows["sku"]])
    host.write_table(FEES_TABLE, fee_out[["sku", "asin", "product_name", "risk", "detail", "est_fee"]],
                     key=("sku", "risk"))
    host.write_table(IPI_TABLE, ipi_frame(ipi["summary"]) if ipi is not None else pd.DataFrame(columns=IPI_COLUMNS))
    host.write_table(ISSUES_TABLE, problems.reindex(columns=ISSUE_COLUMNS).astype(object))
    for name, value in kpi.items():
        host.write_named(name, value)
    return kpi


@register_refresh(KIND)
def refresh_inventory(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for inventory workbooks (as of today)."""
    refresh_inventory_at(host, settings)


__all__ = ["IPI_KPI_NAMES", "KPI_NAMES", "ipi_frame", "kpi_values", "plan_frame", "refresh_inventory",
           "refresh_inventory_at"]
