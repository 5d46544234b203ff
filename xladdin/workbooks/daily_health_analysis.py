"""Pure-pandas analytics of the daily health workbook (template ``daily_health``).

Metrics come from :mod:`xladdin.core`: health status from :func:`xladdin.core.health.health_check`, the
conversion alert from :func:`xladdin.core.health.cvr_alert`, cover / stock-out date / status from
:func:`xladdin.core.inventory.days_of_cover`, :func:`~xladdin.core.inventory.stockout_date` and
:func:`~xladdin.core.inventory.inv_status`.  Nothing here re-implements them.

Decisions (documented for operators in the sheets' hints):

* **Day over day** compares the last two *dates* of the by-date table, not the last two imports: a
  by-date download covers many days, and two imports usually overlap, so "the latest day vs the day
  before" is the only comparison that means the same thing every morning.  When one date was imported
  twice the latest import wins.
* **Conversion** is Amazon's Unit Session Percentage; when a layout lacks it, units ÷ sessions (the same
  definition) is used for that day.
* **Freshness**: each input is stamped with its latest import's report date (``date_to`` in the
  ``_Imports`` log — the last day of the report (by-date), the reporting window end (health JSON) or the
  date in the file name (MYI); for pasted by-date rows, their last date) and with when it was imported
  (``imported_at``).  Staleness is judged from the report date when there is one, else from the import
  time (a dateless report, e.g. MYI without a date in its name), and the row says which.  Neither known
  (pasted rows, or a workbook built before imports were timed) is "date unknown" and flagged.  Older than
  Settings ``stale_after_days`` (default 1: yesterday is still fresh) is stale.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core import health as core_health
from xladdin.core import inventory as core_inv
from xladdin.settings import DEFAULTS, Settings
from xladdin.workbooks.inventory_analysis import cell_date

# canonical account_health metric → (code, bilingual name, health_check slot)
HEALTH_METRICS = {
    "order_defect_rate": ("ODR", "订单缺陷率 / Order Defect Rate", 0),
    "late_shipment_rate": ("LSR", "迟发率 / Late Shipment Rate", 1),
    "valid_tracking_rate": ("VTR", "有效追踪率 / Valid Tracking Rate", 2),
    "pre_fulfillment_cancel_rate": ("CANCEL_RATE", "配送前取消率 / Pre-fulfilment Cancel Rate", 3),
}
HEALTH_COLUMNS = ["metric", "metric_name", "fulfillment", "value", "target", "result", "amazon_status", "period"]
DAILY_COLUMNS = ["date", "sessions", "buy_box_pct", "units_ordered", "unit_session_pct", "category_cvr",
                 "below_category", "ordered_sales"]
DOD_METRICS = (("sessions", "会话数 / Sessions", False), ("buy_box_pct", "购买按钮赢得率 / Buy Box %", True),
               ("units_ordered", "已订购数量 / Units ordered", False),
               ("unit_session_pct", "转化率 / Conversion", True),
               ("ordered_sales", "已订购销售额 / Ordered sales", False))
DOD_COLUMNS = ["metric", "metric_name", "previous_date", "previous", "latest_date", "latest", "change", "change_pct",
               "shown"]
STOCKOUT_COLUMNS = ["sku", "product_name", "on_hand", "inbound", "daily_sales", "days_of_cover", "stockout_date",
                    "status", "reason"]
FRESH_COLUMNS = ["input", "table_name", "file_name", "report_date", "imported_at", "age_days", "judged_by",
                 "freshness", "stale"]
BY_REPORT, BY_IMPORT = "报表日期 / report date", "导入时间 / import time"
BRIEF_COLUMNS = ["priority", "area", "action", "detail"]


def _num(s: Any) -> pd.Series:
    return pd.to_numeric(s, errors="coerce").astype(float)


def _target_text(code: str, s: Settings) -> str:
    return {"ODR": f"< {s.odr_max:.1%}", "LSR": f"< {s.lsr_max:.1%}", "VTR": f"≥ {s.vtr_min:.0%}",
            "CANCEL_RATE": f"< {s.cancel_max:.1%}"}[code]


def _period(a: Any, b: Any) -> str | None:
    da, db = cell_date(a), cell_date(b)
    if da is None and db is None:
        return None
    return f"{da or '?'} – {db or '?'}"


def health_table(metrics: pd.DataFrame | None, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per checked metric (ODR per channel, LSR, VTR, cancel rate): value, target, health_check result."""
    if metrics is None or metrics.empty or "metric" not in metrics.columns:
        return pd.DataFrame(columns=HEALTH_COLUMNS)
    df = metrics[metrics["metric"].isin(list(HEALTH_METRICS))].copy()
    if df.empty:
        return pd.DataFrame(columns=HEALTH_COLUMNS)
    order = {m: i for i, m in enumerate(HEALTH_METRICS)}
    df = df.assign(_o=df["metric"].map(order)).sort_values(["_o"], kind="stable")
    value = _num(df["value"]).to_numpy()
    slots = [np.full(len(df), np.nan) for _ in range(4)]
    for i, m in enumerate(df["metric"]):
        slots[HEALTH_METRICS[m][2]][i] = value[i]
    res = core_health.health_check(*slots, settings=settings)
    result = []
    for i, r in enumerate(res.values):
        err = res.error_at(i)
        if err:
            result.append(f"{err.name}: check the value / 数值有误")
        elif np.isnan(value[i]):
            result.append("n/a 无数据")
        else:
            result.append(r)
    out = pd.DataFrame({
        "metric": [HEALTH_METRICS[m][0] for m in df["metric"]],
        "metric_name": [HEALTH_METRICS[m][1] for m in df["metric"]],
        "fulfillment": [str(f).upper() if isinstance(f, str) and f else None
                        for f in df.get("fulfillment", pd.Series([None] * len(df)))],
        "value": value, "target": [_target_text(HEALTH_METRICS[m][0], settings) for m in df["metric"]],
        "result": result,
        "amazon_status": list(df["status"]) if "status" in df.columns else [None] * len(df),
        "period": [_period(a, b) for a, b in zip(df.get("date_from", [None] * len(df)),
                                                 df.get("date_to", [None] * len(df)))],
    })
    return out.astype(object).where(out.notna(), None)


def daily_table(by_date: pd.DataFrame | None, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per date, oldest first; the latest import wins when a date was imported twice."""
    if by_date is None or by_date.empty or "date" not in by_date.columns:
        return pd.DataFrame(columns=DAILY_COLUMNS)
    df = by_date.copy()
    df["date"] = pd.to_datetime(df["date"], errors="coerce")
    df = df[df["date"].notna()]
    if df.empty:
        return pd.DataFrame(columns=DAILY_COLUMNS)
    ids = _num(df["import_id"]) if "import_id" in df.columns else pd.Series(np.nan, index=df.index)
    df = df.assign(_id=ids.fillna(-1)).sort_values(["date", "_id"], kind="stable")
    df = df.drop_duplicates("date", keep="last")
    out = pd.DataFrame({"date": df["date"].dt.normalize().to_numpy()})
    for c in ("sessions", "buy_box_pct", "units_ordered", "unit_session_pct", "ordered_sales"):
        out[c] = _num(df[c]).to_numpy() if c in df.columns else np.nan
    with np.errstate(divide="ignore", invalid="ignore"):
        fallback = np.where(out["sessions"] > 0, out["units_ordered"] / out["sessions"], np.nan)
    out["unit_session_pct"] = out["unit_session_pct"].fillna(pd.Series(fallback))
    out["category_cvr"] = float(settings.category_cvr)
    below = out["unit_session_pct"] < settings.category_cvr - core_health.TOL
    out["below_category"] = np.where(out["unit_session_pct"].isna(), None, np.where(below, "Y", "N"))
    return out[DAILY_COLUMNS].reset_index(drop=True)


def cvr_status(daily: pd.DataFrame, settings: Settings = DEFAULTS) -> dict[str, Any]:
    """The playbook's alert (core cvr_alert) and the current run of days below the category average."""
    series = daily["unit_session_pct"].to_numpy(float) if len(daily) else np.array([], float)
    series = series[~np.isnan(series)]
    if not series.size:
        return {"alert": None, "days_below": 0, "latest": None, "error": None}
    res = core_health.cvr_alert(series, settings.category_cvr, settings.cvr_alert_days)
    err = res.error_at(0)
    run = 0
    for v in series[::-1]:
        if v < settings.category_cvr - core_health.TOL:
            run += 1
        else:
            break
    return {"alert": None if err else bool(res.values[0]), "days_below": run, "latest": float(series[-1]),
            "error": err.name if err else None}


def day_over_day(daily: pd.DataFrame) -> pd.DataFrame:
    """Latest date vs the date before it in the table (rates: change in percentage points)."""
    if len(daily) < 2:
        return pd.DataFrame(columns=DOD_COLUMNS)
    prev, last = daily.iloc[-2], daily.iloc[-1]
    rows = []
    for key, name, rate in DOD_METRICS:
        a, b = prev[key], last[key]
        a = None if pd.isna(a) else float(a)
        b = None if pd.isna(b) else float(b)
        change = None if a is None or b is None else b - a
        pct = None if change is None or not a else change / a
        if change is None:
            shown = "n/a 无数据"
        elif rate:
            shown = f"{a:.1%} → {b:.1%} ({change * 100:+.1f} pp / 百分点)"
        else:
            shown = f"{a:,.0f} → {b:,.0f} ({change:+,.0f}" + (f", {pct:+.1%})" if pct is not None else ")")
        rows.append({"metric": key, "metric_name": name, "previous_date": prev["date"], "previous": a,
                     "latest_date": last["date"], "latest": b, "change": change, "change_pct": pct, "shown": shown})
    return pd.DataFrame(rows, columns=DOD_COLUMNS)


def child_velocity(reports: list[tuple[pd.DataFrame, dt.date, dt.date]]) -> dict[str, float]:
    """Units per day per SKU from the latest Business Report by child item (units ordered ÷ days in range)."""
    if not reports:
        return {}
    df, d0, d1 = max(reports, key=lambda r: (r[2], (r[2] - r[1]).days))
    days = (d1 - d0).days + 1
    sku = df["sku"].astype("string").str.strip().fillna("") if "sku" in df.columns else pd.Series("", index=df.index)
    units = _num(df["units_ordered"]) if "units_ordered" in df.columns else pd.Series(np.nan, index=df.index)
    total = units.groupby(sku).sum(min_count=1)
    return {str(s): float(v) / days for s, v in total.items() if s and not pd.isna(v)}


def stockout_risk(myi: pd.DataFrame | None, velocity: dict[str, float], as_of: dt.date,
                  settings: Settings = DEFAULTS) -> tuple[pd.DataFrame, list[str]]:
    """SKUs whose status is ORDER_NOW or REORDER_SOON (lowest cover first), and the MYI SKUs without sales data."""
    if myi is None or myi.empty or "sku" not in myi.columns:
        return pd.DataFrame(columns=STOCKOUT_COLUMNS), []
    df = myi.copy()
    df["sku"] = df["sku"].astype("string").str.strip().fillna("").astype(object)
    df = df[df["sku"] != ""]

    def z(c: str) -> pd.Series:
        return _num(df[c]).fillna(0) if c in df.columns else pd.Series(0.0, index=df.index)

    df = df.assign(on_hand=z("fulfillable") + z("reserved"),
                   inbound=z("inbound_working") + z("inbound_shipped") + z("inbound_receiving"))
    agg = df.groupby("sku", sort=True).agg(on_hand=("on_hand", "sum"), inbound=("inbound", "sum"),
                                           product_name=("product_name", "first") if "product_name" in df.columns
                                           else ("on_hand", "size"))
    no_velocity = [s for s in agg.index if s not in velocity]
    agg = agg[[s in velocity for s in agg.index]]
    if agg.empty:
        return pd.DataFrame(columns=STOCKOUT_COLUMNS), no_velocity
    daily = np.array([velocity[s] for s in agg.index], float)
    oh, inb = agg["on_hand"].to_numpy(float), agg["inbound"].to_numpy(float)
    cover = core_inv.days_of_cover(oh, daily, inb)
    out_date = core_inv.stockout_date(oh, daily, inb, as_of=as_of)
    reason = core_inv.inv_status(oh, daily, settings.lead_time_days, inb, settings.cover_days, settings.safety_days,
                                 True, settings=settings)
    status = core_inv.inv_status(oh, daily, settings.lead_time_days, inb, settings.cover_days, settings.safety_days,
                                 False, settings=settings)
    cov = np.where(np.isfinite(cover.values), cover.values, np.nan)
    out = pd.DataFrame({
        "sku": list(agg.index),
        "product_name": list(agg["product_name"]) if "product_name" in df.columns else [None] * len(agg),
        "on_hand": oh, "inbound": inb, "daily_sales": daily, "days_of_cover": cov,
        "stockout_date": pd.to_datetime(out_date.values), "status": list(status.values), "reason": list(reason.values)})
    out = out[out["status"].isin(["ORDER_NOW", "REORDER_SOON"])]
    out = out.sort_values(["days_of_cover", "sku"], kind="stable").reset_index(drop=True)
    out = out.astype(object).where(out.notna(), None)
    return out[STOCKOUT_COLUMNS], no_velocity


def freshness_text(age: int | None) -> str:
    if age is None:
        return "日期未知 / date unknown"
    if age <= 0:
        return "今天 / today" if age == 0 else f"未来日期 / future date ({-age} d)"
    if age == 1:
        return "昨天 / yesterday"
    return f"{age} 天前 / {age} days old"


def _timestamp(v: Any) -> dt.datetime | None:
    if v is None or (not isinstance(v, (str, dt.date)) and pd.isna(v)):
        return None
    ts = pd.to_datetime(v, errors="coerce")
    return None if pd.isna(ts) else ts.to_pydatetime().replace(tzinfo=None)


def freshness(log: pd.DataFrame, inputs: list[tuple[str, str, bool]], as_of: dt.date,
              fallback_dates: dict[str, dt.date | None] | None = None, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """One row per input table: its latest import's report date, import time, age and which of the two the
    age is judged by (rules in the module docstring).  ``inputs``: (table, bilingual name, has rows);
    ``fallback_dates``: a data date for tables whose rows carry dates (pasted by-date rows)."""
    rows = []
    fallback_dates = fallback_dates or {}
    for table, name, has_rows in inputs:
        mine = log[log["table_name"] == table] if len(log) and "table_name" in log.columns else log.iloc[0:0]
        file_name, date, imported = None, None, None
        if len(mine):
            mine = mine.assign(_id=_num(mine["import_id"])).sort_values("_id")
            last = mine.iloc[-1]
            file_name = None if pd.isna(last.get("file_name")) else str(last.get("file_name"))
            date = cell_date(last.get("date_to")) or cell_date(last.get("date_from"))
            imported = _timestamp(last.get("imported_at"))
        if date is None:
            date = fallback_dates.get(table)
        if not len(mine) and not has_rows:
            rows.append({"input": name, "table_name": table, "file_name": None, "report_date": None,
                         "imported_at": None, "age_days": None, "judged_by": None,
                         "freshness": "未导入 / not imported", "stale": "Y"})
            continue
        basis = BY_REPORT if date is not None else BY_IMPORT if imported is not None else None
        day = date if date is not None else imported.date() if imported is not None else None
        age = (as_of - day).days if day is not None else None
        rows.append({"input": name, "table_name": table, "file_name": file_name or ("粘贴 / pasted" if has_rows else None),
                     "report_date": pd.Timestamp(date) if date else None, "imported_at": imported, "age_days": age,
                     "judged_by": basis, "freshness": freshness_text(age),
                     "stale": "Y" if age is None or age > settings.stale_after_days else "N"})
    return pd.DataFrame(rows, columns=FRESH_COLUMNS).astype(object)


def _fresh_detail(r: dict[str, Any]) -> str:
    """Age first, then the dates it rests on, short enough for the briefing's detail column."""
    stamp, day = r.get("imported_at"), r.get("report_date")
    stamp = None if stamp is None or pd.isna(stamp) else stamp
    if r.get("judged_by") == BY_REPORT and day is not None and not pd.isna(day):
        text = f"{r['freshness']}；报表 report {day:%m-%d}"
        return text + (f"，导入 imported {stamp:%m-%d %H:%M}" if stamp else "")
    if r.get("judged_by") == BY_IMPORT and stamp:
        return f"{r['freshness']}；按导入时间 by import {stamp:%m-%d %H:%M}（报表无日期 / undated）"
    return str(r["freshness"])


def briefing(health: pd.DataFrame, cvr: dict[str, Any], risk: pd.DataFrame, fresh: pd.DataFrame,
             dod: pd.DataFrame, no_velocity: list[str], settings: Settings = DEFAULTS) -> pd.DataFrame:
    """What needs action today, most urgent first (1 health, 2 stock-out, 3 conversion, 4 data)."""
    rows: list[dict[str, Any]] = []
    for r in health.to_dict("records"):
        res = r["result"]
        if res and res != "OK" and not str(res).startswith("n/a"):
            ch = f" ({r['fulfillment']})" if r.get("fulfillment") else ""
            rows.append({"priority": 1, "area": "账户健康 Health",
                         "action": f"{r['metric']}{ch} 超标，立即排查 / breach: investigate today",
                         "detail": f"{res}; 目标 target {r['target']}"})
    for r in risk.to_dict("records"):
        now = r["status"] == "ORDER_NOW"
        cover = "" if r["days_of_cover"] is None else f"{r['days_of_cover']:.1f}"
        rows.append({"priority": 2, "area": "断货风险 Stock-out",
                     "action": f"{r['sku']}: " + ("立即补货 / reorder now" if now else "即将补货 / reorder soon"),
                     "detail": f"可售 {cover} 天 / {cover} days of cover; 日均 {r['daily_sales']:.2f} / day"})
    if no_velocity:
        rows.append({"priority": 4, "area": "数据 Data",
                     "action": "导入子商品业务报告以计算断货风险 / import a Business Report by child item",
                     "detail": f"{len(no_velocity)} SKU 无销量数据 / without sales: " + ", ".join(no_velocity[:8])
                               + (" …" if len(no_velocity) > 8 else "")})
    if cvr.get("alert"):
        rows.append({"priority": 3, "area": "转化率 Conversion",
                     "action": (f"转化率连续 {cvr['days_below']} 天低于类目平均，检查 listing / "
                                f"conversion below category avg {cvr['days_below']} days: check listing"),
                     "detail": f"最新 latest {cvr['latest']:.2%} < {settings.category_cvr:.1%}"})
    elif cvr.get("error"):
        rows.append({"priority": 4, "area": "转化率 Conversion", "action": "转化率数据有误 / conversion data invalid",
                     "detail": cvr["error"]})
    for r in dod.to_dict("records"):
        if r["metric"] == "buy_box_pct" and r["change"] is not None and r["change"] <= -settings.buy_box_drop + 1e-9:
            rows.append({"priority": 3, "area": "购买按钮 Buy Box", "action": "购买按钮赢得率下降，检查价格与跟卖 / "
                         "Buy Box share fell: check price and other offers", "detail": r["shown"]})
    for r in fresh.to_dict("records"):
        if r["stale"] == "Y":
            rows.append({"priority": 4, "area": "数据 Data",
                         "action": f"更新 {r['table_name']} / refresh the {r['table_name']} input",
                         "detail": _fresh_detail(r)})
    out = pd.DataFrame(rows, columns=BRIEF_COLUMNS)
    return out.sort_values("priority", kind="stable").reset_index(drop=True)
