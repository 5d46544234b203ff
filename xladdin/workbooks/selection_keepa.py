"""Keepa price volatility and seasonality per ASIN, from the window columns of a Keepa product export.

A Keepa export has no price or rank time series, only per-series summaries (``Current``, ``30 / 90 / 180 /
365 days avg.``, ``Lowest`` / ``Highest`` over all tracked history, rank ``Drops last N days``), so both
measures are built from those summaries [MATH, amazon-rules.md §7.2: Keepa has no volatility field].

**Price volatility** = coefficient of variation (population σ ÷ mean) of one price series across the points
the export has: current and the 30 / 90 / 180 / 365-day averages, at least :data:`MIN_PRICE_POINTS` of them.
Buy Box first (the price a buyer pays), else New.  Chosen over the range ratio (highest − lowest) ÷ 90-day
average because Keepa's ``Lowest`` / ``Highest`` span everything it ever tracked (a launch price from years
ago, a one-hour glitch) while the averages are comparable windows: the CV says how far the price moved
between horizons (a price war drags the recent points below the yearly ones).  The windows nest, so the CV
understates day-to-day swings; the range ratio is still shown (``price_range_ratio``, not flagged) as the
all-history view.

**Seasonality** = season index: the last 30 days' sales pace ÷ the baseline pace (365 days, else 180).
Pace from rank drops (each drop ≈ one sale, §7.2): (drops30 ÷ 30) ÷ (drops_base ÷ base days), used when the
baseline has at least ``Settings.season_min_drops`` drops; else from the rank averages, baseline average ÷
30-day average (a better, i.e. lower, rank now gives > 1; a proxy, since sales are not linear in rank).
1 = selling at the yearly pace; ≥ 1 + swing = in season now, ≤ 1 ÷ (1 + swing) = off season (or
fading) — with summaries only a season and a trend cannot be told apart, so the flag says "check the chart".
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from xladdin.settings import Settings

PRICE_SERIES = (("buy_box", "Buy Box"), ("new", "New"))
PRICE_POINTS = (("current", "now"), ("30d_avg", "30d"), ("90d_avg", "90d"), ("180d_avg", "180d"),
                ("365d_avg", "365d"))
MIN_PRICE_POINTS = 3  # two points give a CV that is only |a − b| ÷ (a + b): too thin to call volatile
BASELINES = ((365, "sales_rank_drops_365d", "sales_rank_365d_avg"), (180, "sales_rank_drops_180d", "sales_rank_180d_avg"))
VOLATILE = "价格波动 volatile price"
PEAK = "旺季 in season"
OFF = "淡季 off season"
HISTORY_COLUMNS = ("price_cv", "price_range_ratio", "season_index", "keepa_signals", "history_basis")


def _price(row: Callable[[str], float]) -> tuple[float, float, str]:
    """(CV, range ratio, basis) of the first series with enough points."""
    for key, name in PRICE_SERIES:
        pts = [(label, v) for stat, label in PRICE_POINTS if (v := row(f"{key}_{stat}")) > 0]
        if len(pts) >= MIN_PRICE_POINTS:
            vals = np.array([v for _, v in pts])
            cv = float(vals.std() / vals.mean())
            lo, hi = row(f"{key}_lowest"), row(f"{key}_highest")
            avg = next((v for v in (row(f"{key}_90d_avg"), row(f"{key}_180d_avg")) if v > 0), math.nan)
            rng = (hi - lo) / avg if hi >= lo >= 0 and avg > 0 else math.nan
            return cv, rng, f"price: {name} {'/'.join(lbl for lbl, _ in pts)}"
    return math.nan, math.nan, ""


def _season(row: Callable[[str], float], settings: Settings) -> tuple[float, str]:
    """(season index, basis): drops first, else rank averages."""
    d30 = row("sales_rank_drops_30d")
    for days, drops, _ in BASELINES:
        base = row(drops)
        if not math.isnan(d30) and base > 0 and base >= settings.season_min_drops:
            return (d30 / 30) / (base / days), f"season: drops 30d vs {days}d"
    r30 = row("sales_rank_30d_avg")
    for days, _, avg in BASELINES:
        base = row(avg)
        if r30 > 0 and base > 0:
            return base / r30, f"season: rank avg 30d vs {days}d"
    return math.nan, ""


def history(keepa: pd.DataFrame, asins: list[str], settings: Settings, num: Callable[[Any], float]
            ) -> tuple[pd.DataFrame, list[list[str]]]:
    """Per ASIN (in ``asins`` order): price_cv, price_range_ratio, season_index, keepa_signals, history_basis,
    and the data-quality notes (``NO price history`` / ``NO rank history``, ``NO Keepa history`` for both) for
    ASINs whose history is missing.

    ``keepa`` is indexed by ASIN; ``num`` turns a cell into a float (NaN when blank or not a number)."""
    rows, notes = [], []
    swing = 1.0 + settings.seasonal_swing_pct
    for a in asins:
        rec = keepa.loc[a] if a in keepa.index else None

        def row(col: str, rec=rec) -> float:
            return num(rec[col]) if rec is not None and col in rec.index else math.nan
        cv, rng, pbasis = _price(row)
        idx, sbasis = _season(row, settings)
        signals = []
        if cv > settings.volatile_price_pct:
            signals.append(VOLATILE)
        if idx >= swing:
            signals.append(PEAK)
        elif idx <= 1 / swing:
            signals.append(OFF)
        rows.append({"price_cv": cv, "price_range_ratio": rng, "season_index": idx,
                     "keepa_signals": "; ".join(signals), "history_basis": "; ".join(b for b in (pbasis, sbasis) if b)})
        missing = [n for n, v in (("NO price history", cv), ("NO rank history", idx)) if math.isnan(v)]
        notes.append(["NO Keepa history"] if len(missing) == 2 else missing)
    return pd.DataFrame(rows, columns=list(HISTORY_COLUMNS)), notes
