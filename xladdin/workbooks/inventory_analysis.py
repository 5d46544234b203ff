"""Inventory workbook (issue 4): velocity, restock plan, fee risks, IPI estimates and dashboard KPIs.

Pure pandas, no Excel: every function returns tidy frames (snake_case columns, fractions end in
``_pct``, dates as :class:`datetime.date`, money as floats) that the workbook host writes into Excel
Tables.  Inputs are the canonical frames of :func:`xladdin.reports.read_report` (``rep.data``; a whole
``Report`` is accepted too): MYI (``fba_myi``), Restock (``fba_restock``), FBA Inventory planning
(``fba_planning``) and Business Reports by child item / by date.

Every inventory metric comes from :mod:`xladdin.core.inventory` (days of cover, stock-out date, reorder
quantity, order-by date, status); fee rates come from the dated tables in :mod:`xladdin.rules`; size
tiers and dimensional weight from :mod:`xladdin.core.fees`.  Nothing here recomputes them another way.

Design decisions (the numbers behind each are in the returned columns):

* **On hand** = sellable units at Amazon that will serve future orders.  MYI: ``fulfillable +
  reserved`` (MYI does not split reserved; this includes customer-order units, typically 1–2 days of
  sales, and is flagged in ``on_hand_basis``).  Planning: ``available + reserved_fc_transfer +
  reserved_fc_processing`` when those columns exist (Helium 10's convention, amazon-rules §6.3, and
  Amazon's LILF days-of-supply numerator, §1.8), else ``available + reserved``.  Restock: ``available +
  fc_transfer + fc_processing`` when present, else ``available``.  Unsellable / unfulfillable,
  researching and pending-removal units are never counted.  Source precedence: MYI, planning, Restock.
* **Inbound** = working + shipped + receiving (MYI), ``inbound_working + inbound_shipped +
  inbound_received`` or ``inbound`` (planning), ``inbound_working + inbound_shipped + inbound_receiving``
  or ``inbound`` (Restock).  Working shipments are counted as the brief asks (they are not yet shipped).
* **Velocity** (:func:`velocity`): per window (7/30/60/90 days) the first available of planning
  (``units_shipped_<w>d`` ÷ w), Restock (``units_sold_30d`` ÷ 30, 30-day window only), Business
  Reports by child item (units ordered ÷ days of the reports used).  A child report is used for a
  window when at least half of its days fall inside the window ending on ``as_of``; among overlapping
  reports the non-overlapping subset covering the most days is used (weighted interval scheduling), so
  a day is never counted twice.  A SKU absent from every chosen child report gets no business-report
  figure (not zero: reports may be filtered).  By-date reports are account-level only: they go into
  ``attrs["account"]`` with a cross-check against the sum of SKU velocities.
* **Planning velocity** (:func:`restock_plan`): ``settings.velocity_window_days`` (30) first, then
  30, 90, 60, 7 days.  No out-of-stock adjustment is possible without daily per-SKU data.
* **Problems** are never dropped: each row carries a ``problems`` text and ``attrs["problems"]`` holds a
  long table (``sku, source, code, detail``); :func:`problems_table` concatenates them.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from xladdin.core import fees as core_fees
from xladdin.core import inventory as inv
from xladdin.errors import Code, XladdinError
from xladdin.rules import rules_for
from xladdin.rules.tables import AgedRow, LowInventoryRow, weight_text_lb
from xladdin.settings import DEFAULTS, Settings

WINDOWS = (7, 30, 60, 90)
ESTIMATE = "ESTIMATE"
PROBLEM_COLUMNS = ["sku", "source", "code", "detail"]
SKU_SETTING_COLUMNS = ("lead_time_days", "cover_days", "safety_days", "case_pack", "moq")
_STATUS_ORDER = {s: i for i, s in enumerate(inv.STATUSES)}
_CUBIC_INCHES_PER_CUFT = 1728.0
_SOURCE_PRIORITY = ("planning", "restock", "business_report")


# ----------------------------------------------------------------------------------------------
# Small helpers
# ----------------------------------------------------------------------------------------------


class _Problems:
    """Collects (sku, source, code, detail) rows; rendered per SKU and as a long table."""

    def __init__(self) -> None:
        self.rows: list[dict[str, str]] = []

    def add(self, sku: str, source: str, code: str, detail: str) -> None:
        self.rows.append({"sku": sku, "source": source, "code": code, "detail": detail})

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows, columns=PROBLEM_COLUMNS)

    def per_sku(self, skus: Iterable[str]) -> list[str]:
        by: dict[str, list[str]] = {}
        for r in self.rows:
            by.setdefault(r["sku"], []).append(f"{r['code']}: {r['detail']}")
        return ["; ".join(by.get(s, [])) for s in skus]


def _data(x: Any) -> pd.DataFrame | None:
    """A canonical frame from a DataFrame or a ``Report`` (``.data``); None stays None."""
    if x is None:
        return None
    if isinstance(x, pd.DataFrame):
        return x
    data = getattr(x, "data", None)
    if isinstance(data, pd.DataFrame):
        return data
    raise TypeError(f"expected a DataFrame or a Report, got {type(x).__name__}")


def _keys(s: pd.Series) -> pd.Series:
    """SKU keys: text, stripped; missing becomes ''."""
    return s.astype("string").str.strip().fillna("").astype(object)


def _f(df: pd.DataFrame, col: str) -> pd.Series:
    """A float column (NaN where blank or when the column is absent)."""
    if col not in df.columns:
        return pd.Series(np.nan, index=df.index, dtype=float)
    return pd.to_numeric(df[col], errors="coerce").astype("Float64").astype(float)


def _has(df: pd.DataFrame | None, *cols: str) -> bool:
    return df is not None and all(c in df.columns and df[c].notna().any() for c in cols)


def cell_date(x: Any) -> dt.date | None:
    """A cell as a date (date cells, timestamps, ISO text); None for blank or unreadable.  The one such
    helper for the workbooks' analytics."""
    if x is None or (not isinstance(x, (str, dt.date)) and pd.isna(x)) or x is pd.NaT:
        return None
    if isinstance(x, dt.datetime):
        return x.date()
    if isinstance(x, dt.date):
        return x
    try:
        ts = pd.Timestamp(x)
    except (TypeError, ValueError):
        return None
    return None if pd.isna(ts) else ts.date()


def _dates_out(a: np.ndarray) -> list[dt.date | None]:
    """datetime64[D] → datetime.date objects (None for NaT)."""
    return [None if np.isnat(v) else v.astype("datetime64[D]").astype(dt.date) for v in np.asarray(a)]


def _fmt(x: float, digits: int = 1) -> str:
    if x is None or (isinstance(x, float) and not math.isfinite(x)):
        return "?"
    s = f"{x:,.{digits}f}"
    return s.rstrip("0").rstrip(".") if "." in s else s


def _by_sku(df: pd.DataFrame, name: str, problems: _Problems, numeric: Iterable[str]) -> pd.DataFrame:
    """One row per SKU: numeric columns summed over duplicate rows (reported), others first value."""
    df = df.copy()
    df["sku"] = _keys(df["sku"]) if "sku" in df.columns else ""
    blank = df["sku"] == ""
    if blank.any():
        problems.add("", name, "MISSING_SKU", f"{int(blank.sum())} row(s) without a SKU were left out of the SKU tables")
        df = df[~blank]
    numeric = [c for c in numeric if c in df.columns]
    for c in numeric:
        df[c] = _f(df, c)
    dup = df["sku"].duplicated(keep=False)
    if dup.any():
        for s, n in df.loc[dup, "sku"].value_counts().items():
            problems.add(str(s), name, "DUPLICATE_SKU", f"{n} rows in the {name} report; quantities summed")
        agg = {c: ("sum" if c in numeric else "first") for c in df.columns if c != "sku"}
        for c in numeric:  # keep NaN when every duplicate is blank
            agg[c] = lambda v: v.sum(min_count=1)
        df = df.groupby("sku", sort=False, as_index=False).agg(agg)
    return df.set_index("sku", drop=False)


def _union(*indexes: Iterable[str]) -> list[str]:
    seen: dict[str, None] = {}
    for idx in indexes:
        for s in idx:
            if s:
                seen.setdefault(s, None)
    return list(seen)


def _as_of(as_of: Any, *candidates: dt.date | None) -> dt.date:
    d = cell_date(as_of)
    if d is not None:
        return d
    known = [c for c in candidates if c is not None]
    return max(known) if known else inv.today()


# ----------------------------------------------------------------------------------------------
# 1. Velocity
# ----------------------------------------------------------------------------------------------


def _child_reports(business_reports: Any, problems: _Problems) -> tuple[list[tuple[pd.DataFrame, dt.date, dt.date, str]],
                                                                         list[pd.DataFrame]]:
    """(child reports with their date ranges, by-date frames); unusable inputs are reported."""
    if business_reports is None:
        return [], []
    if isinstance(business_reports, (pd.DataFrame, tuple)) or hasattr(business_reports, "meta"):
        business_reports = [business_reports]
    child: list[tuple[pd.DataFrame, dt.date, dt.date, str]] = []
    by_date: list[pd.DataFrame] = []
    for i, item in enumerate(business_reports):
        label = f"business report #{i + 1}"
        d0 = d1 = None
        if isinstance(item, tuple):
            frame = _data(item[0])
            d0, d1 = (cell_date(item[1]), cell_date(item[2])) if len(item) >= 3 else (None, None)
        else:
            frame = _data(item)
            meta = getattr(item, "meta", None)
            if meta is not None:
                label = f"business report {meta.source or i + 1}"
                if meta.date_source == "column":
                    d0, d1 = meta.date_from, meta.date_to
                elif meta.date_source == "file_name" and "date" not in frame.columns:
                    problems.add("", "business_report", "NO_DATE_RANGE",
                                 f"{label}: the date in its file name is the download date, not the report's "
                                 f"range; pass (frame, date_from, date_to)")
                    continue
        if "date" in frame.columns and "asin" not in frame.columns and "sku" not in frame.columns:
            by_date.append(frame)
            continue
        if "sku" not in frame.columns and "asin" not in frame.columns:
            problems.add("", "business_report", "NOT_BY_CHILD",
                         f"{label}: no SKU or child ASIN column (by-parent report?); not used for SKU velocity")
            continue
        if d0 is None or d1 is None or d1 < d0:
            problems.add("", "business_report", "NO_DATE_RANGE",
                         f"{label}: no valid date range; pass (frame, date_from, date_to)")
            continue
        child.append((frame, d0, d1, label))
    return child, by_date


def best_intervals(items: list[tuple[int, dt.date, dt.date]]) -> list[int]:
    """Indexes of the non-overlapping subset covering the most days (weighted interval scheduling)."""
    order = sorted(items, key=lambda t: (t[2], t[1]))
    n = len(order)
    best = [0] * (n + 1)
    take: list[bool] = [False] * n
    prev: list[int] = []
    for j, (_, s, _) in enumerate(order):
        p = 0
        for k in range(j - 1, -1, -1):
            if order[k][2] < s:
                p = k + 1
                break
        prev.append(p)
    for j, (_, s, e) in enumerate(order):
        w = (e - s).days + 1
        if best[prev[j]] + w > best[j]:
            best[j + 1], take[j] = best[prev[j]] + w, True
        else:
            best[j + 1] = best[j]
    chosen: list[int] = []
    j = n
    while j > 0:
        if take[j - 1]:
            chosen.append(order[j - 1][0])
            j = prev[j - 1]
        else:
            j -= 1
    return sorted(chosen)


def _asin_to_sku(*frames: pd.DataFrame | None) -> dict[str, str]:
    pairs: dict[str, set[str]] = {}
    for f in frames:
        if f is None or "asin" not in f.columns or "sku" not in f.columns:
            continue
        for a, s in zip(_keys(f["asin"]), _keys(f["sku"])):
            if a and s:
                pairs.setdefault(a, set()).add(s)
    return {a: next(iter(s)) for a, s in pairs.items() if len(s) == 1}


def velocity(business_reports: Any = None, restock: Any = None, planning: Any = None, as_of: Any = None,
             *, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Units per day per SKU over 7/30/60/90 days, with the source of each figure and a quality flag.

    ``business_reports``: a frame, a ``Report``, a ``(frame, date_from, date_to)`` tuple, or a list of
    them (child reports need a date range: a tuple, or a Report whose range came from a date column;
    by-date reports need none).  ``as_of`` defaults to the latest date in the data, else today.

    Columns: ``sku, asin``, per window w in 7/30/60/90: ``units_per_day_<w>d`` (float),
    ``source_<w>d`` (text), ``days_<w>d`` (days of data behind the figure); then ``trend_7d_vs_30d_pct``
    (7-day ÷ 30-day − 1), ``data_quality`` (good / partial / conflict / none) and ``quality_notes``.
    ``attrs["account"]``: account-level units/day from by-date reports; ``attrs["problems"]``.
    """
    problems = _Problems()
    restock, planning = _data(restock), _data(planning)
    child, by_date = _child_reports(business_reports, problems)
    plan = _by_sku(planning, "planning", problems, [f"units_shipped_{w}d" for w in WINDOWS]) \
        if planning is not None else None
    rest = _by_sku(restock, "restock", problems, ["units_sold_30d"]) if restock is not None else None
    snap = None
    if plan is not None and "snapshot_date" in plan.columns:
        snap = cell_date(pd.to_datetime(plan["snapshot_date"], errors="coerce").max())
    as_of = _as_of(as_of, snap, *(c[2] for c in child))
    asin_map = _asin_to_sku(restock, planning)

    # Child reports: units per SKU per report.
    units_by_report: list[pd.Series] = []
    for frame, d0, d1, label in child:
        f = frame.copy()
        sku = _keys(f["sku"]) if "sku" in f.columns else pd.Series("", index=f.index, dtype=object)
        if "asin" in f.columns:
            fill = _keys(f["asin"]).map(lambda a: asin_map.get(a, ""))
            missing = (sku == "") & (fill == "")
            if missing.any():
                problems.add("", "business_report", "NO_SKU",
                             f"{label}: {int(missing.sum())} row(s) with neither SKU nor a known ASIN→SKU mapping "
                             f"(units {int(_f(f, 'units_ordered')[missing].sum())}) not used")
            sku = sku.where(sku != "", fill)
        f["sku"] = sku
        f = f[f["sku"] != ""]
        units_by_report.append(_f(f, "units_ordered").groupby(f["sku"]).sum(min_count=1))

    figures: dict[int, dict[str, dict[str, tuple[float, float, str]]]] = {w: {} for w in WINDOWS}
    for w in WINDOWS:
        start = as_of - dt.timedelta(days=w - 1)
        if plan is not None and f"units_shipped_{w}d" in plan.columns:
            stale = snap is not None and (as_of - snap).days > 7
            label = f"planning t{w}" + (f" (snapshot {snap.isoformat()})" if stale else "")
            for s, u in _f(plan, f"units_shipped_{w}d").items():
                if not math.isnan(u):
                    figures[w].setdefault(s, {})["planning"] = (u / w, float(w), label)
        if w == 30 and rest is not None:
            for s, u in _f(rest, "units_sold_30d").items():
                if not math.isnan(u):
                    figures[w].setdefault(s, {})["restock"] = (u / 30.0, 30.0, "restock 30d")
        cand = []
        for i, (_, d0, d1, _) in enumerate(child):
            length = (d1 - d0).days + 1
            inside = (min(d1, as_of) - max(d0, start)).days + 1
            if inside >= 0.5 * length:
                cand.append((i, d0, d1))
        chosen = best_intervals(cand)
        if chosen:
            days = float(sum((child[i][2] - child[i][1]).days + 1 for i in chosen))
            lo, hi = min(child[i][1] for i in chosen), max(child[i][2] for i in chosen)
            label = f"business_report {lo.isoformat()}..{hi.isoformat()}" + \
                    (f" ({len(chosen)} reports, {int(days)} d)" if len(chosen) > 1 else "")
            total = pd.concat([units_by_report[i] for i in chosen], axis=1).sum(axis=1, min_count=1)
            for s, u in total.items():
                if not math.isnan(u):
                    figures[w].setdefault(str(s), {})["business_report"] = (u / days, days, label)

    skus = _union(plan.index if plan is not None else [], rest.index if rest is not None else [],
                  *(figures[w].keys() for w in WINDOWS))
    asin_of: dict[str, str] = {}
    for f in (plan, rest):
        if f is not None and "asin" in f.columns:
            for s, a in zip(f.index, _keys(f["asin"])):
                if a:
                    asin_of.setdefault(s, a)
    for frame, *_ in child:
        if "asin" in frame.columns and "sku" in frame.columns:
            for s, a in zip(_keys(frame["sku"]), _keys(frame["asin"])):
                if s and a:
                    asin_of.setdefault(s, a)

    cols: dict[str, list[Any]] = {"sku": skus, "asin": [asin_of.get(s, "") for s in skus]}
    quality, notes = [], []
    for w in WINDOWS:
        cols[f"units_per_day_{w}d"], cols[f"source_{w}d"], cols[f"days_{w}d"] = [], [], []
    for s in skus:
        note: list[str] = []
        conflict = False
        for w in WINDOWS:
            have = figures[w].get(s, {})
            pick = next((src for src in _SOURCE_PRIORITY if src in have), None)
            if pick is None:
                cols[f"units_per_day_{w}d"].append(np.nan)
                cols[f"source_{w}d"].append("")
                cols[f"days_{w}d"].append(np.nan)
                continue
            rate, days, label = have[pick]
            cols[f"units_per_day_{w}d"].append(rate)
            cols[f"source_{w}d"].append(label)
            cols[f"days_{w}d"].append(days)
            if pick == "business_report" and days < 0.9 * w:
                note.append(f"{w}d: business reports cover {int(days)} of {w} days")
            rates = {k: v[0] for k, v in have.items()}
            if len(rates) > 1:
                lo, hi = min(rates.values()), max(rates.values())
                if hi - lo >= 0.2 and (lo == 0 or hi / lo - 1 > settings.velocity_conflict_pct):
                    conflict = True
                    note.append(f"{w}d sources differ: " + ", ".join(f"{k} {_fmt(v, 2)}/day" for k, v in rates.items()))
        pref = cols[f"units_per_day_{settings.velocity_window_days}d"][-1] \
            if settings.velocity_window_days in WINDOWS else np.nan
        anyv = any(not math.isnan(cols[f"units_per_day_{w}d"][-1]) for w in WINDOWS)
        if not anyv:
            quality.append("none")
            note.append("no sales data in any window")
        elif conflict:
            quality.append("conflict")
        elif math.isnan(pref) or any(n.startswith(f"{settings.velocity_window_days}d: business") for n in note):
            quality.append("partial")
            if math.isnan(pref):
                note.append(f"no {settings.velocity_window_days}-day figure")
        else:
            quality.append("good")
        notes.append("; ".join(note))
    out = pd.DataFrame(cols)
    for w in WINDOWS:
        out[f"units_per_day_{w}d"] = out[f"units_per_day_{w}d"].astype(float)
        out[f"days_{w}d"] = out[f"days_{w}d"].astype(float)
    with np.errstate(divide="ignore", invalid="ignore"):
        trend = out["units_per_day_7d"] / out["units_per_day_30d"] - 1
    out["trend_7d_vs_30d_pct"] = trend.where(np.isfinite(trend))
    out["data_quality"] = quality
    out["quality_notes"] = notes
    out.attrs["as_of"] = as_of
    out.attrs["account"] = _account_velocity(by_date, as_of, out, problems)
    out.attrs["problems"] = problems.frame()
    return out


_velocity_of = velocity  # restock_plan & co. take a ``velocity`` argument that shadows the function


def _account_velocity(frames: list[pd.DataFrame], as_of: dt.date, per_sku: pd.DataFrame,
                      problems: _Problems) -> pd.DataFrame:
    """Account-level units/day from by-date reports (each day once), beside the sum of SKU velocities."""
    cols = ["window_days", "date_from", "date_to", "days", "units", "units_per_day", "sku_sum_units_per_day",
            "difference_pct"]
    if not frames:
        return pd.DataFrame(columns=cols)
    daily = pd.concat([pd.DataFrame({"date": pd.to_datetime(f["date"], errors="coerce").dt.date,
                                     "units": _f(f, "units_ordered")}) for f in frames], ignore_index=True)
    daily = daily.dropna(subset=["date"])
    clash = daily.groupby("date")["units"].nunique()
    for d in clash[clash > 1].index:
        problems.add("", "business_report_by_date", "CONFLICTING_DAY",
                     f"{d.isoformat()}: reports disagree on units ordered; the last one is used")
    daily = daily.drop_duplicates(subset="date", keep="last")
    rows = []
    for w in WINDOWS:
        start = as_of - dt.timedelta(days=w - 1)
        part = daily[(daily["date"] >= start) & (daily["date"] <= as_of)]
        if part.empty:
            continue
        days = len(part)
        units = float(part["units"].sum())
        sku_sum = float(per_sku[f"units_per_day_{w}d"].sum(min_count=1)) if len(per_sku) else np.nan
        upd = units / days
        rows.append({"window_days": w, "date_from": part["date"].min(), "date_to": part["date"].max(), "days": days,
                     "units": units, "units_per_day": upd, "sku_sum_units_per_day": sku_sum,
                     "difference_pct": (sku_sum / upd - 1) if upd else np.nan})
        if days < w:
            problems.add("", "business_report_by_date", "PARTIAL_WINDOW", f"{w}d: {days} of {w} days present")
    return pd.DataFrame(rows, columns=cols)


# ----------------------------------------------------------------------------------------------
# Stock position (shared by restock_plan, fee_risks and ipi_estimates)
# ----------------------------------------------------------------------------------------------

_STOCK_NUMERIC = ("fulfillable", "reserved", "unsellable", "inbound_working", "inbound_shipped", "inbound_receiving",
                  "inbound_received", "inbound", "available", "fc_transfer", "fc_processing", "customer_order",
                  "reserved_fc_transfer", "reserved_fc_processing", "reserved_customer_order", "unfulfillable",
                  "price", "per_unit_volume", "item_volume", "total", "units_sold_30d", "recommended_qty",
                  "days_of_supply", "units_shipped_7d", "units_shipped_30d", "units_shipped_60d",
                  "units_shipped_90d", "inv_age_0_90", "inv_age_91_180", "inv_age_181_270", "inv_age_271_365",
                  "inv_age_365_plus", "estimated_excess_qty", "short_term_historical_days_of_supply",
                  "long_term_historical_days_of_supply", "sell_through", "storage_volume")


def _stock(myi: pd.DataFrame | None, planning: pd.DataFrame | None, restock: pd.DataFrame | None,
           problems: _Problems) -> dict[str, Any]:
    """Per-SKU frames of each report and the chosen stock position (see the module docstring)."""
    m = _by_sku(myi, "MYI", problems, _STOCK_NUMERIC) if myi is not None else None
    p = _by_sku(planning, "planning", problems, _STOCK_NUMERIC) if planning is not None else None
    r = _by_sku(restock, "restock", problems, _STOCK_NUMERIC) if restock is not None else None
    skus = _union(m.index if m is not None else [], p.index if p is not None else [],
                  r.index if r is not None else [])
    on_hand, inbound, basis, source = {}, {}, {}, {}

    def col(f: pd.DataFrame, c: str) -> pd.Series:
        return _f(f, c).fillna(0.0)

    candidates: list[tuple[str, pd.DataFrame, pd.Series, pd.Series, str]] = []
    if m is not None:
        candidates.append(("MYI", m, col(m, "fulfillable") + col(m, "reserved"),
                           col(m, "inbound_working") + col(m, "inbound_shipped") + col(m, "inbound_receiving"),
                           "MYI fulfillable + reserved (reserved not split: includes customer-order units)"))
    if p is not None:
        if _has(p, "reserved_fc_transfer") or _has(p, "reserved_fc_processing"):
            oh = col(p, "available") + col(p, "reserved_fc_transfer") + col(p, "reserved_fc_processing")
            b = "planning available + FC transfer + FC processing"
        else:
            oh = col(p, "available") + col(p, "reserved")
            b = "planning available + reserved"
        if any(_has(p, c) for c in ("inbound_working", "inbound_shipped", "inbound_received")):
            ib = col(p, "inbound_working") + col(p, "inbound_shipped") + col(p, "inbound_received")
        else:
            ib = col(p, "inbound")
        candidates.append(("planning", p, oh, ib, b))
    if r is not None:
        if _has(r, "fc_transfer") or _has(r, "fc_processing"):
            oh = col(r, "available") + col(r, "fc_transfer") + col(r, "fc_processing")
            b = "restock available + FC transfer + FC processing"
        else:
            oh, b = col(r, "available"), "restock available (no reserved split in file)"
        if any(_has(r, c) for c in ("inbound_working", "inbound_shipped", "inbound_receiving")):
            ib = col(r, "inbound_working") + col(r, "inbound_shipped") + col(r, "inbound_receiving")
        else:
            ib = col(r, "inbound")
        candidates.append(("restock", r, oh, ib, b))
    for name, f, oh, ib, b in candidates:
        for s in f.index:
            if s not in on_hand:
                on_hand[s], inbound[s], basis[s], source[s] = float(oh[s]), float(ib[s]), b, name
    price: dict[str, float] = {}
    asin: dict[str, str] = {}
    for f in (m, r, p):
        if f is None:
            continue
        pr = _f(f, "price")
        for s in f.index:
            if s not in price and not math.isnan(pr[s]):
                price[s] = float(pr[s])
        if "asin" in f.columns:
            for s, a in zip(f.index, _keys(f["asin"])):
                if a:
                    asin.setdefault(s, a)
    return {"myi": m, "planning": p, "restock": r, "skus": skus, "on_hand": on_hand, "inbound": inbound,
            "basis": basis, "source": source, "price": price, "asin": asin}


def _chosen_velocity(vel: pd.DataFrame | None, skus: list[str], settings: Settings) -> pd.DataFrame:
    """daily_sales, velocity_window and velocity_source per SKU (preferred window, then 30, 90, 60, 7)."""
    order = list(dict.fromkeys([settings.velocity_window_days, 30, 90, 60, 7]))
    order = [w for w in order if w in WINDOWS]
    out = pd.DataFrame({"daily_sales": np.nan, "velocity_window": "", "velocity_source": "",
                        "velocity_quality": "none"}, index=pd.Index(skus, name="sku"))
    if vel is None or vel.empty:
        return out
    v = vel.copy()
    v["sku"] = _keys(v["sku"])
    v = v.drop_duplicates("sku").set_index("sku")
    for s in skus:
        if s not in v.index:
            continue
        row = v.loc[s]
        for w in order:
            x = row.get(f"units_per_day_{w}d", np.nan)
            if x is not None and not pd.isna(x):
                out.loc[s, ["daily_sales", "velocity_window", "velocity_source"]] = [float(x), f"{w}d",
                                                                                      str(row.get(f"source_{w}d", ""))]
                break
        out.loc[s, "velocity_quality"] = str(row.get("data_quality", ""))
    out["daily_sales"] = out["daily_sales"].astype(float)
    return out


def _sku_params(sku_settings: Any, skus: list[str], settings: Settings) -> pd.DataFrame:
    """lead_time_days, cover_days, safety_days, case_pack, moq per SKU (per-SKU value, else settings)."""
    out = pd.DataFrame({c: float(getattr(settings, c)) for c in SKU_SETTING_COLUMNS}, index=pd.Index(skus, name="sku"))
    out["params_source"] = "settings"
    if sku_settings is None:
        return out
    if isinstance(sku_settings, Mapping):
        sku_settings = pd.DataFrame([{"sku": k, **dict(v)} for k, v in sku_settings.items()])
    ss = _data(sku_settings).copy()
    unknown = [c for c in ss.columns if c not in ("sku",) + SKU_SETTING_COLUMNS]
    if unknown:
        raise ValueError(f"sku_settings: unknown column(s) {unknown}; allowed: sku, {', '.join(SKU_SETTING_COLUMNS)}")
    ss["sku"] = _keys(ss["sku"])
    ss = ss.drop_duplicates("sku", keep="last").set_index("sku")
    for c in SKU_SETTING_COLUMNS:
        if c in ss.columns:
            vals = _f(ss, c).reindex(out.index)
            given = vals.notna()
            out.loc[given, c] = vals[given]
            out.loc[given, "params_source"] = "sku"
    return out


# ----------------------------------------------------------------------------------------------
# 2. Restock plan
# ----------------------------------------------------------------------------------------------

PLAN_COLUMNS = [
    "sku", "asin", "price", "on_hand", "inbound", "on_hand_basis", "stock_source", "daily_sales", "velocity_window",
    "velocity_source", "velocity_quality", "lead_time_days", "cover_days", "safety_days", "case_pack", "moq",
    "params_source", "days_of_cover", "stockout_date", "order_by_date", "reorder_qty", "status", "status_reason",
    "stockout_within_lead_time", "lost_sales_units_est", "lost_sales_value_est", "amazon_recommended_qty",
    "amazon_recommended_ship_date", "amazon_days_of_supply", "amazon_alert", "qty_difference", "comparison_note",
    "problems",
]


def restock_plan(myi: Any = None, restock: Any = None, planning: Any = None, velocity: Any = None,
                 sku_settings: Any = None, as_of: Any = None, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """Per-SKU restock plan (columns: :data:`PLAN_COLUMNS`), sorted by status then order-by date.

    ``velocity`` is the frame of :func:`velocity`; when None it is built from ``restock`` and
    ``planning``.  ``sku_settings``: a frame (``sku`` plus any of ``lead_time_days, cover_days,
    safety_days, case_pack, moq``) or a dict ``{sku: {...}}``; blanks fall back to ``settings``.
    ``as_of`` defaults to today.  Every metric comes from :mod:`xladdin.core.inventory`; a row with a
    core error (e.g. negative stock, no sales and no stock) keeps its SKU with blank results and the
    error in ``problems``.  ``stockout_within_lead_time``: days of cover < lead time (an order placed
    today arrives after the stock-out); ``lost_sales_units_est`` = daily sales × (lead time − days of
    cover) for those, ``lost_sales_value_est`` = that × price.
    """
    problems = _Problems()
    myi, restock, planning = _data(myi), _data(restock), _data(planning)
    as_of = _as_of(as_of) if as_of is not None else inv.today()
    vel = _data(velocity) if velocity is not None else None
    if vel is None and (restock is not None or planning is not None):
        vel = _velocity_of(None, restock, planning, as_of, settings=settings)
    if vel is not None and "problems" in vel.attrs:
        for r in vel.attrs["problems"].to_dict("records"):
            problems.add(r["sku"], r["source"], r["code"], r["detail"])
    st = _stock(myi, planning, restock, problems)
    vel_skus = [s for s in _keys(vel["sku"])] if vel is not None and not vel.empty else []
    skus = _union(st["skus"], vel_skus)
    velo = _chosen_velocity(vel, skus, settings)
    params = _sku_params(sku_settings, skus, settings)

    for s in skus:
        present = {"MYI": st["myi"], "Restock": st["restock"], "planning": st["planning"]}
        for name, f in present.items():
            if f is not None and s not in f.index:
                problems.add(s, name, "NOT_IN_REPORT", f"SKU not in the {name} report")
        if s not in st["on_hand"]:
            problems.add(s, "stock", "NO_STOCK_DATA", "no stock report lists this SKU (sales only)")
        if math.isnan(velo.loc[s, "daily_sales"]):
            problems.add(s, "velocity", "NO_VELOCITY", "no sales figure in any window")
        elif velo.loc[s, "daily_sales"] == 0:
            problems.add(s, "velocity", "ZERO_VELOCITY", f"0 units/day ({velo.loc[s, 'velocity_window']} "
                                                         f"{velo.loc[s, 'velocity_source']})")

    oh = np.array([st["on_hand"].get(s, np.nan) for s in skus], dtype=float)
    ib = np.array([st["inbound"].get(s, np.nan) for s in skus], dtype=float)
    for s, a, b in zip(skus, oh, ib):
        if a < 0 or b < 0:
            problems.add(s, "stock", "NEGATIVE_STOCK", f"on hand {_fmt(a, 0)}, inbound {_fmt(b, 0)}")
    d = velo["daily_sales"].to_numpy(float)
    lt, cov, saf, pack, moq = (params[c].to_numpy(float) for c in SKU_SETTING_COLUMNS)

    cover = inv.days_of_cover(oh, d, ib)
    so = inv.stockout_date(oh, d, ib, as_of=as_of)
    ob = inv.reorder_date(oh, d, lt, ib, saf, as_of=as_of)
    rq = inv.reorder_qty(d, lt, oh, ib, cov, saf, pack, moq)
    status = inv.inv_status(oh, d, lt, ib, cov, saf, with_reason=False, settings=settings)
    reason = inv.inv_status(oh, d, lt, ib, cov, saf, with_reason=True, settings=settings)

    def blank(c: Any, what: str, report: bool) -> np.ndarray:
        vals = np.array(c.values, copy=True)
        if c.errors is not None:
            for i in np.flatnonzero(c.errors):
                code = Code(int(c.errors[i]))
                if report and code != Code.DIV_ZERO:  # DIV_ZERO (no sales) is reported as ZERO_VELOCITY
                    problems.add(skus[i], what, code.name, f"{what} not computed ({code.name})")
                vals[i] = np.datetime64("NaT") if vals.dtype.kind == "M" else ("" if vals.dtype == object else np.nan)
        return vals

    cover_v = blank(cover, "days_of_cover", False)
    so_v = blank(so, "stockout_date", False)
    ob_v = blank(ob, "order_by_date", False)
    rq_v = blank(rq, "reorder_qty", True)
    status_v = blank(status, "status", False)
    reason_v = np.array(reason.values, dtype=object)
    for i in range(len(skus)):
        if not status_v[i]:
            if np.isnan(d[i]) or np.isnan(oh[i]):
                reason_v[i] = "no status: " + ("no sales data" if np.isnan(d[i]) else "no stock data") + " / 数据不足"
            elif reason.errors is not None and reason.errors[i]:
                code = Code(int(reason.errors[i]))
                reason_v[i] = ("no status: no sales and no stock, nothing to plan / 无销量无库存"
                               if code == Code.DIV_ZERO else f"no status: {code.name}")
            status_v[i] = ""

    price = np.array([st["price"].get(s, np.nan) for s in skus], dtype=float)
    with np.errstate(invalid="ignore"):
        within = cover_v < lt  # NaN cover (no sales, or not computed) is never "within"
        lost = np.where(within, d * (lt - np.nan_to_num(cover_v)), 0.0)
    lost = np.where(np.isnan(d) | np.isnan(oh), np.nan, lost)

    out = pd.DataFrame({
        "sku": skus, "asin": [st["asin"].get(s, "") for s in skus], "price": price, "on_hand": oh, "inbound": ib,
        "on_hand_basis": [st["basis"].get(s, "") for s in skus], "stock_source": [st["source"].get(s, "") for s in skus],
        "daily_sales": d, "velocity_window": velo["velocity_window"].to_list(),
        "velocity_source": velo["velocity_source"].to_list(), "velocity_quality": velo["velocity_quality"].to_list(),
        "lead_time_days": lt, "cover_days": cov, "safety_days": saf, "case_pack": pack, "moq": moq,
        "params_source": params["params_source"].to_list(),
        "days_of_cover": cover_v.astype(float), "stockout_date": pd.Series(_dates_out(so_v), dtype=object),
        "order_by_date": pd.Series(_dates_out(ob_v), dtype=object),
        "reorder_qty": rq_v.astype(float), "status": status_v.astype(object), "status_reason": reason_v,
        "stockout_within_lead_time": within.astype(bool), "lost_sales_units_est": lost,
        "lost_sales_value_est": lost * price,
    })
    _amazon_comparison(out, st["restock"], problems)
    out["problems"] = problems.per_sku(skus)
    out["_rank"] = out["status"].map(lambda s: _STATUS_ORDER.get(s, len(_STATUS_ORDER)))
    out["_ob"] = pd.to_datetime(out["order_by_date"], errors="coerce")
    out = out.sort_values(["_rank", "_ob", "sku"], na_position="last", kind="stable").drop(columns=["_rank", "_ob"])
    out = out.reset_index(drop=True)[PLAN_COLUMNS]
    out.attrs["as_of"] = as_of
    out.attrs["problems"] = problems.frame()
    return out


def _amazon_comparison(out: pd.DataFrame, rest: pd.DataFrame | None, problems: _Problems) -> None:
    """Amazon's Restock recommendation beside ours, and a short text explaining the difference."""
    n = len(out)
    aq, ad, ads, alert = np.full(n, np.nan), [None] * n, np.full(n, np.nan), [""] * n
    if rest is not None:
        q, dos = _f(rest, "recommended_qty"), _f(rest, "days_of_supply")
        ship = rest["recommended_ship_date"] if "recommended_ship_date" in rest.columns else None
        al = rest["alert"] if "alert" in rest.columns else None
        sold = _f(rest, "units_sold_30d")
        for i, s in enumerate(out["sku"]):
            if s in rest.index:
                aq[i], ads[i] = q[s], dos[s]
                ad[i] = cell_date(ship[s]) if ship is not None else None
                alert[i] = "" if al is None or pd.isna(al[s]) else str(al[s])
                out.loc[i, "_amazon_sold_30d"] = sold[s]
    out["amazon_recommended_qty"] = aq
    out["amazon_recommended_ship_date"] = pd.Series(ad, index=out.index, dtype=object)
    out["amazon_days_of_supply"] = ads
    out["amazon_alert"] = alert
    out["qty_difference"] = out["reorder_qty"] - out["amazon_recommended_qty"]
    notes = []
    sold = out["_amazon_sold_30d"] if "_amazon_sold_30d" in out.columns else pd.Series(np.nan, index=out.index)
    for i, r in out.iterrows():
        if rest is None:
            notes.append("")
            continue
        if math.isnan(r["amazon_recommended_qty"]):
            notes.append("Amazon: no recommendation (SKU not in the Restock report)" if r["sku"] not in rest.index
                         else "Amazon: recommendation blank in the Restock report")
            continue
        if math.isnan(r["reorder_qty"]):
            notes.append(f"Amazon recommends {_fmt(r['amazon_recommended_qty'], 0)}; ours not computed (see problems)")
            continue
        diff = r["qty_difference"]
        head = (f"same as Amazon ({_fmt(r['reorder_qty'], 0)})" if diff == 0 else
                f"ours {_fmt(r['reorder_qty'], 0)} vs Amazon {_fmt(r['amazon_recommended_qty'], 0)} ({diff:+,.0f})")
        parts = [head, (f"ours uses {r['velocity_window']} velocity {_fmt(r['daily_sales'], 2)}/day "
                       f"({r['velocity_source']}) × (lead {_fmt(r['lead_time_days'])} + cover {_fmt(r['cover_days'])}"
                       f" + safety {_fmt(r['safety_days'])} d) − on hand {_fmt(r['on_hand'], 0)} − inbound "
                       f"{_fmt(r['inbound'], 0)}")]
        if r["case_pack"] > 1 or r["moq"] > 0:
            parts[-1] += f", case pack {_fmt(r['case_pack'], 0)}, MOQ {_fmt(r['moq'], 0)}"
        a_sold = sold[i]
        if not math.isnan(a_sold) and "restock" not in r["velocity_source"]:
            parts.append(f"Amazon's report shows {_fmt(a_sold / 30, 2)}/day sold last 30 d")
        if not math.isnan(r["amazon_days_of_supply"]) and not math.isnan(r["days_of_cover"]):
            parts.append(f"Amazon days of supply {_fmt(r['amazon_days_of_supply'], 0)} vs our cover "
                         f"{_fmt(r['days_of_cover'], 0)} (ours counts inbound)")
        parts.append("Amazon uses its own demand forecast, lead time and replenishment frequency (model not public)")
        notes.append("; ".join(parts))
    out["comparison_note"] = notes
    if "_amazon_sold_30d" in out.columns:
        del out["_amazon_sold_30d"]


# ----------------------------------------------------------------------------------------------
# 3. Fee risks: aged inventory surcharge, low-inventory-level fee
# ----------------------------------------------------------------------------------------------

FEE_COLUMNS = [
    "sku", "asin", "daily_sales_30d", "daily_sales_90d",
    # aged inventory surcharge
    "inv_age_91_180", "inv_age_181_plus", "aged_units_approaching_est", "next_assessment_date", "days_to_assessment",
    "units_sold_before_assessment_est", "aged_units_at_assessment_est", "unit_volume_cuft", "aged_fee_est",
    "aged_units_unpriced", "aged_fee_amazon_est", "aged_risk", "aged_note",
    # low-inventory-level fee
    "lilf_on_hand", "lilf_days_of_supply_30d", "lilf_days_of_supply_90d", "lilf_dos_source", "units_shipped_7d",
    "lilf_exempt", "lilf_risk", "size_tier", "lilf_fee_per_unit", "lilf_fee_est_30d", "lilf_note", "problems",
]


def next_assessment(as_of: dt.date) -> dt.date:
    """The next aged-inventory-surcharge assessment: the 15th of this month (on or after as_of) or the next."""
    if as_of.day <= 15:
        return as_of.replace(day=15)
    y, m = (as_of.year + 1, 1) if as_of.month == 12 else (as_of.year, as_of.month + 1)
    return dt.date(y, m, 15)


def _aged_rate(rows: list[AgedRow], age: int, day: dt.date) -> AgedRow | None:
    for r in rows:
        if r.production and r.covers(day) and r.age_days_min <= age and (r.age_days_max is None or age <= r.age_days_max):
            return r
    return None


def _unit_volume(st: dict[str, Any], product_info: pd.DataFrame | None, skus: list[str]) -> dict[str, tuple[float, str]]:
    """Cubic feet per unit: product_info (unit_volume_cuft or sides in inches), planning item_volume, MYI."""
    out: dict[str, tuple[float, str]] = {}
    if product_info is not None:
        pi = product_info
        if _has(pi, "unit_volume_cuft"):
            for s, v in _f(pi, "unit_volume_cuft").items():
                if not math.isnan(v):
                    out.setdefault(s, (v, "product_info"))
        if _has(pi, "length_in", "width_in", "height_in"):
            v = _f(pi, "length_in") * _f(pi, "width_in") * _f(pi, "height_in") / _CUBIC_INCHES_PER_CUFT
            for s, x in v.items():
                if not math.isnan(x):
                    out.setdefault(s, (x, "product_info sides"))
    p = st["planning"]
    if p is not None and _has(p, "item_volume"):
        unit = p["volume_unit"].astype("string").str.lower().fillna("") if "volume_unit" in p.columns else None
        vol = _f(p, "item_volume")
        for s in p.index:
            u = "" if unit is None else str(unit[s])
            if math.isnan(vol[s]):
                continue
            if "inch" in u:
                out.setdefault(s, (vol[s] / _CUBIC_INCHES_PER_CUFT, "planning item_volume (cu in)"))
            elif "feet" in u or "foot" in u or "ft" in u:
                out.setdefault(s, (vol[s], "planning item_volume"))
    m = st["myi"]
    if m is not None and _has(m, "per_unit_volume"):
        for s, v in _f(m, "per_unit_volume").items():
            if not math.isnan(v):
                out.setdefault(s, (v, "MYI per_unit_volume"))
    return {s: out[s] for s in skus if s in out}


def fee_risks(myi: Any = None, planning: Any = None, restock: Any = None, velocity: Any = None, as_of: Any = None,
              settings: Settings = DEFAULTS, *, product_info: Any = None, marketplace: str = "US") -> pd.DataFrame:
    """Aged-inventory-surcharge and low-inventory-level-fee risk per SKU (columns: :data:`FEE_COLUMNS`).

    **Aged surcharge** (amazon-rules §1.7; assessed on the 15th, units aged FIFO).  Needs planning age
    buckets.  ``aged_units_approaching_est`` = units of the 91–180 bucket aged ≥ ``aged_warning_days``,
    assuming ages spread evenly over the bucket: bucket × (181 − warning) ÷ 90.
    ``aged_units_at_assessment_est`` = max(0, units ≥ 181 days + bucket 91–180 × min(days to assessment,
    90) ÷ 90 − daily sales × days to assessment) (FIFO: sales take the oldest units first, so they are
    taken from the oldest buckets first).  ``aged_fee_est`` prices each bucket at the table row in force
    on the assessment date for the age its youngest unit will have then (a lower bound); units whose age
    bracket has no verified rate on that date (e.g. 181–365 days after 2023: the 2023 table was superseded
    in 2024 and the new rates are unverified) are counted in ``aged_units_unpriced`` instead.  The apparel /
    shoes / bags / jewelry / watches exemption from the 181–270 tiers is not applied (category unknown).
    ``aged_fee_amazon_est`` sums Amazon's own ``estimated-ais-*`` columns when the file has them.

    **LILF** (§1.8): at risk when both the 30- and 90-day historical days of supply are under
    ``lilf_days``.  Amazon's own short/long-term figures are used when the planning file has them; else
    estimated with :func:`xladdin.core.inventory.days_of_cover` as on hand (available + FC transfer + FC
    processing, no inbound) ÷ 30- / 90-day velocity — an estimate from *current* stock, Amazon averages
    stock over the window.  Exempt when Amazon says so or when fewer than ``lilf_exempt_units_7d`` units
    shipped in the prior 7 days.  ``lilf_fee_per_unit`` only when the size tier is known
    (``product_info``: ``sku`` plus ``size_tier``, or ``length_in, width_in, height_in, weight_lb``) and
    the dated LILF table covers ``as_of``; the band uses the larger of the two days of supply (Amazon's
    band rule was not captured; this gives the lower fee).  ``lilf_fee_est_30d`` = fee per unit × 30-day
    velocity × 30.  Otherwise the risk flag only.
    """
    problems = _Problems()
    myi, planning, restock = _data(myi), _data(planning), _data(restock)
    as_of = _as_of(as_of) if as_of is not None else inv.today()
    vel = _data(velocity) if velocity is not None else None
    if vel is None and (restock is not None or planning is not None):
        vel = _velocity_of(None, restock, planning, as_of, settings=settings)
    st = _stock(myi, planning, restock, problems)
    skus = _union(st["skus"])
    p = st["planning"]
    n = len(skus)
    v = vel.assign(sku=_keys(vel["sku"])).drop_duplicates("sku").set_index("sku") if vel is not None and len(vel) else None

    def vcol(w: int) -> np.ndarray:
        if v is None or f"units_per_day_{w}d" not in v.columns:
            return np.full(n, np.nan)
        return v[f"units_per_day_{w}d"].reindex(skus).to_numpy(float)

    d30, d90, d7 = vcol(30), vcol(90), vcol(7)

    def pcol(c: str) -> np.ndarray:
        if p is None or c not in p.columns:
            return np.full(n, np.nan)
        return _f(p, c).reindex(skus).to_numpy(float)

    # --- aged inventory surcharge ---
    a91, a181, a271, a365 = pcol("inv_age_91_180"), pcol("inv_age_181_270"), pcol("inv_age_271_365"), pcol("inv_age_365_plus")
    aged_plus = np.nansum(np.vstack([a181, a271, a365]), axis=0)
    aged_plus = np.where(np.isnan(a181) & np.isnan(a271) & np.isnan(a365), np.nan, aged_plus)
    assess = next_assessment(as_of)
    days_to = (assess - as_of).days
    warn = settings.aged_warning_days
    frac_warn = min(max((181 - warn) / 90.0, 0.0), 1.0) if warn > 90 else 1.0
    approaching = a91 * frac_warn
    crossing = a91 * min(days_to, 90) / 90.0
    dsel = np.where(np.isnan(d30), d90, d30)
    sold = np.nan_to_num(dsel) * days_to
    try:
        aged_rows = [r for r in rules_for(marketplace).tables.get("aged_inventory_surcharge", [])
                     if isinstance(r, AgedRow)]
    except XladdinError as err:
        aged_rows = []
        problems.add("", "rules", err.code.name, f"aged inventory surcharge: {err}")
    vols = _unit_volume(st, _prep_info(product_info), skus)
    fee_est, unpriced, at_assess, notes, risk = [], [], [], [], []
    for i, s in enumerate(skus):
        if np.isnan(aged_plus[i]) and np.isnan(a91[i]):
            fee_est.append(np.nan)
            unpriced.append(np.nan)
            at_assess.append(np.nan)
            risk.append("no data")
            notes.append("no inventory age data (needs the FBA Inventory planning report)")
            continue
        # FIFO: sales take the oldest units first.  Each bucket is priced at the age its youngest unit
        # will have on the assessment date (a lower bound); units crossing 181 days are priced at 181.
        buckets = [(366 + days_to, a365[i]), (271 + days_to, a271[i]), (181 + days_to, a181[i]), (181, crossing[i])]
        left = sold[i]
        remaining = []
        for age_then, units in buckets:
            u = 0.0 if np.isnan(units) else float(units)
            take = min(u, left)
            left -= take
            remaining.append((age_then, u - take))
        total_units = sum(u for _, u in remaining)
        at_assess.append(total_units)
        vol = vols.get(s)
        fee, miss, note = 0.0, 0.0, []
        for age_then, u in remaining:
            if u <= 0:
                continue
            row = _aged_rate(aged_rows, age_then, assess)
            if row is None or vol is None:
                miss += u
                continue
            per_unit = row.usd_per_cubic_foot * vol[0]
            if row.usd_per_unit_min is not None:
                per_unit = max(per_unit, row.usd_per_unit_min)
            fee += per_unit * u
        if miss:
            note.append(f"{_fmt(miss, 0)} unit(s) not priced: " +
                        ("no unit volume" if vol is None else f"no verified rate for their age on {assess.isoformat()}"))
        fee_est.append(round(fee, 2) if total_units > miss else (0.0 if total_units == 0 else np.nan))
        unpriced.append(miss)
        if total_units > 0:
            risk.append("charged at next assessment")
        elif (approaching[i] if not np.isnan(approaching[i]) else 0) > 0:
            risk.append("approaching 181 days")
        else:
            risk.append("none")
        note.append(f"next assessment {assess.isoformat()} ({days_to} d); FIFO sales {_fmt(sold[i], 0)} units before it")
        notes.append("; ".join(note))
    amazon_cols = [c for c in (p.columns if p is not None else []) if c.startswith("ais_estimated_")]
    amazon_est = (np.nansum(np.vstack([pcol(c) for c in amazon_cols]), axis=0) if amazon_cols else np.full(n, np.nan))

    # --- low-inventory-level fee ---
    lilf_oh = _lilf_on_hand(st, skus)
    st30, st90 = pcol("short_term_historical_days_of_supply"), pcol("long_term_historical_days_of_supply")
    est30 = inv.days_of_cover(lilf_oh, d30, 0.0).values
    est90 = inv.days_of_cover(lilf_oh, d90, 0.0).values
    dos30 = np.where(np.isnan(st30), est30, st30)
    dos90 = np.where(np.isnan(st90), est90, st90)
    dos30 = np.where(np.isfinite(dos30), dos30, np.nan)  # no sales: no days of supply (not at risk)
    dos90 = np.where(np.isfinite(dos90), dos90, np.nan)
    src = [("Amazon (planning)" if not np.isnan(st30[i]) and not np.isnan(st90[i]) else
            "estimate: current on hand ÷ velocity" if np.isnan(st30[i]) and np.isnan(st90[i]) else
            "mixed: Amazon + estimate") for i in range(n)]
    u7 = pcol("units_shipped_7d")
    u7 = np.where(np.isnan(u7), d7 * 7, u7)
    amazon_exempt = pcol("low_inventory_fee_exempt") if p is not None and "low_inventory_fee_exempt" in p.columns else np.full(n, np.nan)
    tiers, weights = _tiers(_prep_info(product_info), skus, as_of, marketplace, problems)
    try:
        all_lilf = [r for r in rules_for(marketplace).tables.get("low_inventory_level_fee", [])
                    if isinstance(r, LowInventoryRow) and r.production]
    except XladdinError:
        all_lilf = []
    lilf_rows = [r for r in all_lilf if r.covers(as_of)]
    starts = [r.start for r in all_lilf if r.start is not None]
    lilf_start = min(starts) if starts else None
    before_lilf = lilf_start is not None and as_of < lilf_start  # the fee did not exist yet
    exempt, lrisk, per_unit, lnotes = [], [], [], []
    for i, s in enumerate(skus):
        note = []
        ex = ""
        if amazon_exempt[i] == 1:
            ex = "Amazon: exempt"
        elif not np.isnan(u7[i]) and u7[i] < settings.lilf_exempt_units_7d:
            ex = f"< {_fmt(settings.lilf_exempt_units_7d, 0)} units shipped in 7 days ({_fmt(u7[i], 0)})"
        exempt.append(ex)
        under = [x < settings.lilf_days for x in (dos30[i], dos90[i]) if not np.isnan(x)]
        known = len(under)
        at_risk = known == 2 and all(under)
        if known < 2 and any(under):
            note.append("only one window known: possible risk")
        if known == 0:
            note.append("no days of supply (no sales data or no stock data)")
        if before_lilf and at_risk:
            note.append(f"the low-inventory-level fee starts {lilf_start.isoformat()}: no fee on {as_of.isoformat()}")
        risky = at_risk and not ex and not before_lilf
        lrisk.append(bool(risky))
        fee = np.nan
        if at_risk and not before_lilf:
            fee, why = _lilf_fee(lilf_rows, tiers.get(s, ""), weights.get(s, np.nan), max(dos30[i], dos90[i]))
            if why:
                note.append(why)
        if ex and at_risk:
            note.append(f"under {_fmt(settings.lilf_days)} days in both windows but exempt")
        per_unit.append(fee)
        lnotes.append("; ".join(note))
    per_unit_a = np.array(per_unit, dtype=float)
    lilf_30 = np.where(np.array(lrisk), per_unit_a * d30 * 30, np.nan)

    for s, i in zip(skus, range(n)):
        if s not in st["on_hand"]:
            problems.add(s, "stock", "NO_STOCK_DATA", "no stock report lists this SKU")
    out = pd.DataFrame({
        "sku": skus, "asin": [st["asin"].get(s, "") for s in skus], "daily_sales_30d": d30, "daily_sales_90d": d90,
        "inv_age_91_180": a91, "inv_age_181_plus": aged_plus, "aged_units_approaching_est": approaching,
        "next_assessment_date": pd.Series([assess] * n, dtype=object), "days_to_assessment": float(days_to),
        "units_sold_before_assessment_est": sold, "aged_units_at_assessment_est": np.array(at_assess, dtype=float),
        "unit_volume_cuft": [vols.get(s, (np.nan, ""))[0] for s in skus], "aged_fee_est": np.array(fee_est, dtype=float),
        "aged_units_unpriced": np.array(unpriced, dtype=float), "aged_fee_amazon_est": amazon_est,
        "aged_risk": risk, "aged_note": notes,
        "lilf_on_hand": lilf_oh, "lilf_days_of_supply_30d": dos30, "lilf_days_of_supply_90d": dos90,
        "lilf_dos_source": src, "units_shipped_7d": u7, "lilf_exempt": exempt, "lilf_risk": lrisk,
        "size_tier": [tiers.get(s, "") for s in skus], "lilf_fee_per_unit": per_unit_a, "lilf_fee_est_30d": lilf_30,
        "lilf_note": lnotes,
    })
    out["problems"] = problems.per_sku(skus)
    out = out[FEE_COLUMNS]
    out.attrs["as_of"] = as_of
    out.attrs["problems"] = problems.frame()
    return out


def _prep_info(product_info: Any) -> pd.DataFrame | None:
    if product_info is None:
        return None
    pi = _data(product_info).copy()
    pi["sku"] = _keys(pi["sku"])
    return pi.drop_duplicates("sku", keep="last").set_index("sku")


def _lilf_on_hand(st: dict[str, Any], skus: list[str]) -> np.ndarray:
    """Available + FC transfer + FC processing (Amazon's LILF numerator, §1.8), else the stock on hand."""
    out = np.array([st["on_hand"].get(s, np.nan) for s in skus], dtype=float)
    for f, avail, tr, pr in ((st["restock"], "available", "fc_transfer", "fc_processing"),
                             (st["planning"], "available", "reserved_fc_transfer", "reserved_fc_processing")):
        if f is not None and _has(f, tr):
            x = (_f(f, avail).fillna(0) + _f(f, tr).fillna(0) + _f(f, pr).fillna(0)).reindex(skus).to_numpy(float)
            out = np.where(np.isnan(x), out, x)
            break
    return out


def _tiers(pi: pd.DataFrame | None, skus: list[str], as_of: dt.date, marketplace: str,
           problems: _Problems) -> tuple[dict[str, str], dict[str, float]]:
    """Size tier and the LILF shipping weight (lb) per SKU, from product_info (core fees for dimensions)."""
    tiers: dict[str, str] = {}
    weights: dict[str, float] = {}
    if pi is None:
        return tiers, weights
    pi = pi.reindex([s for s in skus if s in pi.index])
    if pi.empty:
        return tiers, weights
    if "size_tier" in pi.columns:
        for s, t in pi["size_tier"].items():
            if isinstance(t, str) and t.strip():
                tiers[s] = t.strip()
    if _has(pi, "weight_lb"):
        for s, w in _f(pi, "weight_lb").items():
            weights[s] = w
    if _has(pi, "length_in", "width_in", "height_in", "weight_lb"):
        L, W, H, wt = (_f(pi, c).to_numpy(float) for c in ("length_in", "width_in", "height_in", "weight_lb"))
        ok = ~(np.isnan(L) | np.isnan(W) | np.isnan(H) | np.isnan(wt))
        idx = np.flatnonzero(ok)
        if idx.size:
            t = core_fees.size_tier(L[idx], W[idx], H[idx], wt[idx], marketplace, as_of)
            dw = core_fees.dim_weight(L[idx], W[idx], H[idx], marketplace, as_of)
            for k, j in enumerate(idx):
                s = pi.index[j]
                if t.error_at(k) != Code.OK:
                    problems.add(s, "size_tier", t.error_at(k).name, "size tier not computed")
                    continue
                tiers.setdefault(s, str(t.values[k]))
                if tiers[s] == "large_standard" and dw.error_at(k) == Code.OK:
                    weights[s] = max(wt[j], float(dw.values[k]))  # the tier's max(unit, dimensional) basis
    return tiers, weights


def _weight_band_holds(text: str, w: float) -> bool:
    if text == "all":
        return True
    if math.isnan(w):
        return False
    if text.startswith("<="):
        return w <= weight_text_lb(text[2:].strip()) + 1e-9
    lo, hi = text[1:].split(" to ")
    return weight_text_lb(lo.strip()) < w <= weight_text_lb(hi.strip()) + 1e-9


def _lilf_fee(rows: list[LowInventoryRow], tier: str, weight: float, dos: float) -> tuple[float, str]:
    """(fee per unit, why not) from the dated LILF table."""
    if not rows:
        return np.nan, "no verified LILF table on this date: risk flag only"
    if not tier:
        return np.nan, "size tier unknown (give product_info): risk flag only"
    match = [r for r in rows if r.size_tier == tier and _weight_band_holds(r.shipping_weight, weight)]
    if not match:
        return np.nan, f"no LILF rate for {tier}" + ("" if not math.isnan(weight) else " (weight unknown)")
    r = match[0]
    fee = r.hdos_0_to_14_usd if dos < 14 else r.hdos_14_to_21_usd if dos < 21 else r.hdos_21_to_28_usd
    return float(fee), ""


# ----------------------------------------------------------------------------------------------
# 4. IPI component estimates
# ----------------------------------------------------------------------------------------------

IPI_COLUMNS = ["metric", "value", "numerator", "denominator", "formula", "source", "label"]


def ipi_estimates(planning: Any = None, myi: Any = None, velocity: Any = None, *,
                  settings: Settings = DEFAULTS) -> dict[str, pd.DataFrame]:
    """Estimates of the four IPI components; Amazon's IPI formula is not public (amazon-rules §1.11).

    Returns ``{"summary": frame (IPI_COLUMNS), "by_sku": frame}``.  Every summary row has
    ``label = "ESTIMATE"`` and its formula.  Metrics: ``excess_pct`` (Σ max(0, on hand − excess_days ×
    daily sales) ÷ Σ on hand; daily sales = the planning velocity of :func:`restock_plan`, i.e. our
    forecast), ``sell_through_90d`` (units shipped 90 d ÷ units on hand now — Amazon divides by the
    *average* on hand over 90 days, which the reports do not give), ``stranded_pct`` (a ``stranded``
    column if any; else MYI fulfillable units whose ``afn_listing_exists`` is false, a proxy; else "not
    available"), ``unfulfillable_pct`` (unsellable ÷ (on hand + unsellable)), ``in_stock_rate_pct``
    (share of 30-day sales whose SKU has stock on hand now: a snapshot, Amazon measures over time).
    """
    planning, myi = _data(planning), _data(myi)
    problems = _Problems()
    vel = _data(velocity) if velocity is not None else (_velocity_of(None, None, planning)
                                                         if planning is not None else None)
    st = _stock(myi, planning, None, problems)
    skus = st["skus"]
    velo = _chosen_velocity(vel, skus, settings)
    d = velo["daily_sales"].to_numpy(float)
    oh = np.array([st["on_hand"].get(s, np.nan) for s in skus], dtype=float)
    ohc = np.clip(np.nan_to_num(oh), 0, None)
    excess = np.where(np.isnan(d), np.nan, np.clip(ohc - settings.excess_days * np.nan_to_num(d), 0, None))
    amazon_excess = np.full(len(skus), np.nan)
    if st["planning"] is not None and "estimated_excess_qty" in st["planning"].columns:
        amazon_excess = _f(st["planning"], "estimated_excess_qty").reindex(skus).to_numpy(float)
    shipped90 = np.full(len(skus), np.nan)
    if st["planning"] is not None and "units_shipped_90d" in st["planning"].columns:
        shipped90 = _f(st["planning"], "units_shipped_90d").reindex(skus).to_numpy(float)
    if vel is not None and len(vel) and "units_per_day_90d" in vel.columns:
        v90 = vel.assign(sku=_keys(vel["sku"])).drop_duplicates("sku").set_index("sku")["units_per_day_90d"]
        shipped90 = np.where(np.isnan(shipped90), v90.reindex(skus).to_numpy(float) * 90, shipped90)
    by_sku = pd.DataFrame({"sku": skus, "on_hand": oh, "daily_sales": d, "velocity_window": velo["velocity_window"].to_list(),
                           "excess_units_est": excess, "excess_units_amazon": amazon_excess,
                           "units_shipped_90d": shipped90})
    rows = []
    known = ~np.isnan(excess)
    num, den = float(np.nansum(excess)), float(ohc[known].sum())
    rows.append(("excess_pct", num / den if den else np.nan, num, den,
                 f"Σ max(0, on hand − {_fmt(settings.excess_days)} × daily sales) ÷ Σ on hand (SKUs with a velocity)",
                 "our velocity as the demand forecast"))
    k90 = ~np.isnan(shipped90)
    num, den = float(np.nansum(shipped90)), float(ohc[k90].sum())
    rows.append(("sell_through_90d", num / den if den else np.nan, num, den,
                 "units shipped in 90 days ÷ units on hand now (Amazon: ÷ average on hand over 90 days)",
                 "planning units_shipped_90d, else 90-day velocity × 90"))
    stranded = _stranded(myi, planning, st)
    rows.append(stranded)
    uns = 0.0
    src = ""
    if st["myi"] is not None and "unsellable" in st["myi"].columns:
        uns, src = float(_f(st["myi"], "unsellable").sum()), "MYI unsellable"
    elif st["planning"] is not None and "unfulfillable" in st["planning"].columns:
        uns, src = float(_f(st["planning"], "unfulfillable").sum()), "planning unfulfillable"
    den = float(ohc.sum()) + uns
    rows.append(("unfulfillable_pct", uns / den if src and den else np.nan, uns if src else np.nan, den,
                 "unsellable ÷ (on hand + unsellable)", src or "not available"))
    w = np.nan_to_num(velo["daily_sales"].to_numpy(float))
    den = float(w.sum())
    num = float(w[ohc > 0].sum())
    rows.append(("in_stock_rate_pct", num / den if den else np.nan, num, den,
                 "Σ daily sales of SKUs with stock on hand now ÷ Σ daily sales (snapshot; Amazon: over 30 days)",
                 "stock snapshot and our velocity"))
    summary = pd.DataFrame([(*r, ESTIMATE) for r in rows], columns=IPI_COLUMNS)
    summary["value"] = summary["value"].astype(float)
    return {"summary": summary, "by_sku": by_sku}


def _stranded(myi: pd.DataFrame | None, planning: pd.DataFrame | None, st: dict[str, Any]) -> tuple:
    formula = "stranded units ÷ (on hand + stranded units)"
    for f, name in ((myi, "MYI"), (planning, "planning")):
        if f is not None and "stranded" in f.columns:
            num = float(_f(f, "stranded").sum())
            den = float(np.nansum(list(st["on_hand"].values()))) + num
            return ("stranded_pct", num / den if den else np.nan, num, den, formula, f"{name} stranded column")
    m = st["myi"]
    if m is not None and "afn_listing_exists" in m.columns:
        flag_false = m["afn_listing_exists"].astype("boolean").eq(False).fillna(False).to_numpy(bool)
        ful = _f(m, "fulfillable").fillna(0).to_numpy(float)
        num = float(ful[flag_false].sum())
        den = float(ful.sum())
        return ("stranded_pct", num / den if den else np.nan, num, den,
                "fulfillable units with afn_listing_exists = false ÷ all fulfillable units (proxy)",
                "MYI afn_listing_exists (proxy: no stranded column)")
    return ("stranded_pct", np.nan, np.nan, np.nan, formula, "not available: no stranded or listing column")


# ----------------------------------------------------------------------------------------------
# 5. Dashboard KPIs
# ----------------------------------------------------------------------------------------------


def kpis(plan: pd.DataFrame | None = None, fees: pd.DataFrame | None = None,
         ipi: Mapping[str, pd.DataFrame] | pd.DataFrame | None = None) -> dict[str, Any]:
    """Dashboard numbers from :func:`restock_plan`, :func:`fee_risks` and :func:`ipi_estimates`.

    Keys: ``as_of``, ``skus``, ``skus_order_now``, ``skus_reorder_soon``, ``skus_ok``, ``skus_overstock``,
    ``skus_no_status``, ``units_to_order`` (Σ reorder_qty of ORDER_NOW and REORDER_SOON SKUs),
    ``units_to_order_now`` (ORDER_NOW only), ``stockouts_within_lead_time``, ``lost_sales_value_est``
    (value at risk from stock-outs), ``aged_units_at_assessment_est``, ``aged_fee_est``,
    ``skus_aged_risk``, ``skus_lilf_risk``, ``lilf_fee_est_30d``, ``value_at_risk_est`` (lost sales + aged
    fee + 30-day LILF), ``skus_with_problems``, plus each IPI estimate by metric name (``ipi_<metric>``).
    """
    out: dict[str, Any] = {}
    if plan is not None:
        out["as_of"] = plan.attrs.get("as_of")
        status = plan["status"].fillna("")
        out["skus"] = len(plan)
        for s in inv.STATUSES:
            out[f"skus_{s.lower()}"] = int((status == s).sum())
        out["skus_no_status"] = int((status == "").sum())
        act = status.isin(["ORDER_NOW", "REORDER_SOON"])
        out["units_to_order"] = float(plan.loc[act, "reorder_qty"].sum())
        out["units_to_order_now"] = float(plan.loc[status == "ORDER_NOW", "reorder_qty"].sum())
        out["stockouts_within_lead_time"] = int(plan["stockout_within_lead_time"].sum())
        out["lost_sales_value_est"] = float(plan["lost_sales_value_est"].sum())
        out["skus_with_problems"] = int((plan["problems"] != "").sum())
    if fees is not None:
        out["aged_units_at_assessment_est"] = float(fees["aged_units_at_assessment_est"].sum())
        out["aged_fee_est"] = float(fees["aged_fee_est"].sum())
        out["skus_aged_risk"] = int(fees["aged_risk"].isin(["charged at next assessment", "approaching 181 days"]).sum())
        out["skus_lilf_risk"] = int(fees["lilf_risk"].sum())
        out["lilf_fee_est_30d"] = float(fees["lilf_fee_est_30d"].sum())
    out["value_at_risk_est"] = float(sum(out.get(k, 0.0) for k in ("lost_sales_value_est", "aged_fee_est",
                                                                      "lilf_fee_est_30d")))
    if ipi is not None:
        summary = ipi["summary"] if isinstance(ipi, Mapping) else ipi
        for m, v in zip(summary["metric"], summary["value"]):
            out[f"ipi_{m}"] = None if pd.isna(v) else float(v)
    return out


def problems_table(*frames: pd.DataFrame) -> pd.DataFrame:
    """Every problem of the given result frames (their ``attrs["problems"]``), without duplicates."""
    parts = [f.attrs["problems"] for f in frames if f is not None and "problems" in f.attrs]
    if not parts:
        return pd.DataFrame(columns=PROBLEM_COLUMNS)
    return pd.concat(parts, ignore_index=True).drop_duplicates().reset_index(drop=True)


FEE_ROW_COLUMNS = ["sku", "asin", "risk", "detail", "est_fee"]


def fee_risk_rows(fees: pd.DataFrame, settings: Settings = DEFAULTS) -> pd.DataFrame:
    """The flagged risks of :func:`fee_risks` in long form, one row per (sku, risk): ``sku, asin, risk,
    detail, est_fee`` (risk: ``aged_surcharge``, ``aged_approaching``, ``low_inventory_fee``); the shape of the
    template's FeeRisks table.  ``est_fee`` is blank where no verified rate applies."""
    rows = []
    for r in fees.to_dict("records"):
        if r["aged_risk"] == "charged at next assessment":
            rows.append((r["sku"], r["asin"], "aged_surcharge",
                         (f"~{_fmt(r['aged_units_at_assessment_est'], 0)} units ≥ 181 days on "
                         f"{r['next_assessment_date']}; {r['aged_note']}"), r["aged_fee_est"]))
        elif r["aged_risk"] == "approaching 181 days":
            rows.append((r["sku"], r["asin"], "aged_approaching",
                         f"~{_fmt(r['aged_units_approaching_est'], 0)} units approaching 181 days (ESTIMATE)", np.nan))
        if r["lilf_risk"]:
            rows.append((r["sku"], r["asin"], "low_inventory_fee",
                         f"days of supply {_fmt(r['lilf_days_of_supply_30d'])} (30 d) / "
                         f"{_fmt(r['lilf_days_of_supply_90d'])} (90 d) < {_fmt(settings.lilf_days)} ({r['lilf_dos_source']})"
                         + (f"; {r['lilf_note']}" if r["lilf_note"] else ""), r["lilf_fee_est_30d"]))
    out = pd.DataFrame(rows, columns=FEE_ROW_COLUMNS)
    out["est_fee"] = out["est_fee"].astype(float)
    return out
