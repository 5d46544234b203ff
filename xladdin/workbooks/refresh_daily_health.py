"""Refresh of the daily health workbook (template ``daily_health``).

Reads ``HealthMetrics`` (account_health), ``ByDate`` (Business Report by date), ``MYI`` and optionally
``BusinessReport`` (by child item: per-SKU units per day over the latest import's date range, read from the
hidden ``_Imports`` log) and writes, through :mod:`xladdin.workbooks.daily_health_analysis`:

* ``Health`` — ODR / LSR / VTR / cancel rate against the Settings targets (core ``health_check``);
* ``Daily`` — one row per date with conversion vs the category average (Settings ``category_cvr``);
* ``DayOverDay`` — the last two dates of the by-date table;
* ``StockoutRisk`` — ORDER_NOW / REORDER_SOON SKUs (core ``days_of_cover`` / ``stockout_date`` / ``inv_status``);
* ``Freshness`` — per input: the latest import's report date and import time, its age judged by the report
  date (else the import time; the row says which), "today / yesterday / N days old", stale flag;
* ``Briefing`` — the morning list of actions (``note`` kept by ``(area, action)``);
* the Dashboard KPIs :data:`KPI_NAMES` (values, never formulas).

``as_of`` is today (:func:`xladdin.core.inventory.today`) unless :func:`refresh_daily_health_at` is given one.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd

from xladdin.core import inventory as core_inv
from xladdin.settings import Settings
from xladdin.workbooks import daily_health_analysis as dh
from xladdin.workbooks.builder import IMPORTS_TABLE
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.refresh_inventory import business_reports_by_import
from xladdin.workbooks.registry import register_refresh

KIND = "daily_health"
KPI_NAMES = ("kpi_actions", "kpi_health_breaches", "kpi_cvr_alert", "kpi_cvr_days_below", "kpi_cvr_latest",
             "kpi_sessions_latest", "kpi_sessions_change_pct", "kpi_buy_box_latest", "kpi_units_latest",
             "kpi_stockout_skus", "kpi_stale_inputs")
INPUTS = (("HealthMetrics", "账户状况指标 / Account health"), ("ByDate", "业务报告按日期 / Business Report by date"),
          ("MYI", "FBA 库存 / MYI"), ("BusinessReport", "业务报告子商品 / Business Report by child (optional)"))


def _body(host: BookHost, name: str, keys: tuple[str, ...]) -> pd.DataFrame:
    """The input table's rows that have any of ``keys`` filled."""
    df = host.read_table(name)
    cols = [c for c in keys if c in df.columns]
    if df.empty or not cols:
        return df.iloc[0:0]
    filled = pd.concat([df[c].astype("string").str.strip().fillna("") != "" for c in cols], axis=1).any(axis=1)
    return df[filled].reset_index(drop=True)


def _clean(df: pd.DataFrame) -> pd.DataFrame:
    out = df.astype(object)
    return out.where(out.notna(), None)


def refresh_daily_health_at(host: BookHost, settings: Settings, as_of: dt.date | None = None) -> dict[str, Any]:
    """Refresh as of ``as_of`` (default today); returns the KPI values written."""
    as_of = as_of or core_inv.today()
    metrics = _body(host, "HealthMetrics", ("metric", "value"))
    by_date = _body(host, "ByDate", ("date",))
    myi = _body(host, "MYI", ("sku",))
    child_rows = _body(host, "BusinessReport", ("sku", "asin"))
    child = business_reports_by_import(host, []) if len(child_rows) else []

    health = dh.health_table(metrics, settings)
    daily = dh.daily_table(by_date, settings)
    cvr = dh.cvr_status(daily, settings)
    dod = dh.day_over_day(daily)
    risk, no_velocity = dh.stockout_risk(myi if len(myi) else None, dh.child_velocity(child), as_of, settings)
    log = host.read_table(IMPORTS_TABLE)
    last_day = daily["date"].max().date() if len(daily) else None
    has = {"HealthMetrics": len(metrics) > 0, "ByDate": len(by_date) > 0, "MYI": len(myi) > 0,
           "BusinessReport": len(child_rows) > 0}
    fresh = dh.freshness(log, [(t, n, has[t]) for t, n in INPUTS if t != "BusinessReport" or has[t]], as_of,
                         {"ByDate": last_day}, settings)
    brief = dh.briefing(health, cvr, risk, fresh, dod, no_velocity if len(myi) else [], settings)

    breaches = int(sum(1 for r in health["result"] if r and r != "OK" and not str(r).startswith("n/a")))
    sess = dod[dod["metric"] == "sessions"] if len(dod) else dod
    last = daily.iloc[-1] if len(daily) else None

    def val(key: str) -> float | None:
        return None if last is None or pd.isna(last[key]) else float(last[key])

    kpi: dict[str, Any] = {
        "kpi_actions": len(brief), "kpi_health_breaches": breaches,
        "kpi_cvr_alert": int(bool(cvr["alert"])), "kpi_cvr_days_below": int(cvr["days_below"]),
        "kpi_cvr_latest": cvr["latest"], "kpi_sessions_latest": val("sessions"),
        "kpi_sessions_change_pct": None if not len(sess) or sess.iloc[0]["change_pct"] is None
        else float(sess.iloc[0]["change_pct"]),
        "kpi_buy_box_latest": val("buy_box_pct"), "kpi_units_latest": val("units_ordered"),
        "kpi_stockout_skus": len(risk), "kpi_stale_inputs": int((fresh["stale"] == "Y").sum()),
    }

    host.write_table("Briefing", _clean(brief), key=("area", "action"))
    host.write_table("Health", _clean(health))
    host.write_table("Daily", _clean(daily))
    host.write_table("DayOverDay", _clean(dod))
    host.write_table("StockoutRisk", _clean(risk))
    host.write_table("Freshness", _clean(fresh))
    for name, value in kpi.items():
        host.write_named(name, value)
    return kpi


@register_refresh(KIND)
def refresh_daily_health(host: BookHost, settings: Settings) -> None:
    """``refresh_book`` entry point for daily health workbooks (as of today)."""
    refresh_daily_health_at(host, settings)


__all__ = ["KPI_NAMES", "refresh_daily_health", "refresh_daily_health_at"]
