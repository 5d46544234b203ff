"""Inventory planning over whole columns (amazon-rules.md §6; playbook: restock planned 6–8 weeks ahead).

Formulas (all quantities in units, all durations in days; d̄ = average daily sales):

* **Reorder quantity** (periodic review, FBA style, §6.1):
  ``need = d̄ × (lead time + cover days + safety days) − on hand − inbound``;
  0 when ``need ≤ 0``, else ``max(need, MOQ)`` rounded **up** to a whole number of cases.
  Float noise: a quantity within :data:`EPS` (a millionth of a unit) of a whole case counts as that
  case, so ``10.000000001`` units at case pack 1 orders 10, not 11; a need of at most :data:`EPS`
  units is no need (no MOQ order is triggered by rounding noise).
* **Safety stock** (§6.1): ``z × √(L × σd² + d̄² × σL²)``; without lead-time variability (σL blank or 0)
  this is ``z × σd × √L``.  ``z = NormalDist().inv_cdf(service level)`` (Excel: ``NORM.S.INV``);
  service level must be in [0.5, 1).
* **Days of cover** = (on hand + inbound) ÷ d̄ (§6.1 counts inbound; reserved/FC-transfer stock can be
  added to on hand by the caller).  No sales is DIV_ZERO (#DIV/0!).
* **Stock-out date** = as_of + ⌊days of cover⌋ (the day the last unit sells).
* **Order-by (reorder) date** = stock-out date − lead time − safety days, computed as
  as_of + ⌊days of cover − lead time − safety days⌋ (rounded down, i.e. earlier, when a lead time is
  fractional).  Jungle Scout's reorder date is the same with safety days = 0.  A date on or before
  as_of means "order now".
* **Status** (Jungle Scout's rules, §6.3, adapted to safety days; T = lead time + safety days,
  D = days of cover), checked in this order:

  ============  ============================================================================
  ORDER_NOW     D ≤ T  (the order-by date is today or past)
  REORDER_SOON  T < D ≤ T + ``reorder_soon_days`` (default 7: order-by date within 7 days)
  OVERSTOCK     D > ``overstock_factor`` (1.5) × (lead time + cover days + safety days);
                also any stock with zero sales
  OK            otherwise
  ============  ============================================================================

  Zero stock and zero sales is DIV_ZERO: there is nothing to plan.

Comparisons at a threshold allow 1e-9 days of float noise (``D`` = 59.000000000001 with T = 59 is
ORDER_NOW).  Negative inputs are NEGATIVE (#NUM!); a case pack below 1 is OUT_OF_RANGE.
"""

from __future__ import annotations

import datetime as dt
import math
from statistics import NormalDist

import numpy as np

from xladdin.core.computed import Computed, check_non_negative, columns, flag
from xladdin.errors import Code
from xladdin.settings import DEFAULTS

EPS = 1e-6  # units: float noise tolerance before rounding up to a case
_DAY_EPS = 1e-9  # days: float noise tolerance at day thresholds and before flooring to whole days
_MIN_DATE = np.datetime64("1900-01-01", "D")  # Excel's first date
_MAX_DATE = np.datetime64("9999-12-31", "D")  # Excel's last date
_MAX_SHIFT = 3_000_000  # days; anything larger is beyond Excel's date range anyway

STATUSES = ("ORDER_NOW", "REORDER_SOON", "OK", "OVERSTOCK")


def today() -> dt.date:
    """The default ``as_of`` date (a function so tests and workbooks can pin it)."""
    return dt.date.today()



def _dates(x, n: int) -> np.ndarray:
    d = np.atleast_1d(np.asarray(x, dtype="datetime64[D]"))
    return np.broadcast_to(d, (n,)) if d.shape != (n,) else d


def _fmt(x: float) -> str:
    """12 → "12", 12.25 → "12.3": short numbers for reasons."""
    return f"{x:.1f}".rstrip("0").rstrip(".") if math.isfinite(x) else str(x)


def reorder_qty(daily_sales, lead_time_days, on_hand, inbound=0.0, cover_days=DEFAULTS.cover_days,
                safety_days=DEFAULTS.safety_days, case_pack=DEFAULTS.case_pack, moq=DEFAULTS.moq) -> Computed:
    """Units to order now: ``max(need, moq)`` rounded up to whole cases, 0 when nothing is needed."""
    d, lt, oh, inb, cov, saf, pack, mq = columns(daily_sales, lead_time_days, on_hand, inbound,
                                                  cover_days, safety_days, case_pack, moq)
    need = d * (lt + cov + saf) - oh - inb
    with np.errstate(invalid="ignore", divide="ignore"):
        cases = np.ceil((np.maximum(need, mq) - EPS) / pack)
        qty = np.where(need <= EPS, 0.0, cases * pack)  # NaN need stays NaN (NaN <= EPS is False)
    errors = check_non_negative(None, d, lt, oh, inb, cov, saf, pack, mq)
    if pack.size and not (np.fmin.reduce(pack) >= 1):
        errors = flag(errors, pack < 1, Code.OUT_OF_RANGE)
    return Computed(qty, errors)


def _z_scores(p: np.ndarray) -> tuple[np.ndarray | float, bool]:
    """(z for each service level, every level valid): one inv_cdf per distinct level, NaN outside [0.5, 1)."""
    lo, hi = np.fmin.reduce(p), np.fmax.reduce(p)
    all_valid = bool(lo >= 0.5 and hi < 1)
    if lo == hi:  # the usual case: one service level for the whole column
        return (NormalDist().inv_cdf(float(lo)) if all_valid else math.nan), all_valid
    levels, inverse = np.unique(p, return_inverse=True)
    zs = np.array([NormalDist().inv_cdf(float(v)) if 0.5 <= v < 1 else math.nan for v in levels])
    return zs[inverse.reshape(p.shape)], all_valid


def safety_stock(sigma_daily, lead_time_days, service_level=DEFAULTS.service_level, avg_daily=math.nan,
                 sigma_lead_time=math.nan) -> Computed:
    """z × √(L × σd² + d̄² × σL²); the σL term is dropped when σL is blank (NaN) or 0.

    ``avg_daily`` is needed only with ``sigma_lead_time`` > 0 (else MISSING).
    """
    sd, lt, p, avg, slt = columns(sigma_daily, lead_time_days, service_level, avg_daily, sigma_lead_time)
    if not sd.size:
        return Computed(sd.copy(), None)
    errors = check_non_negative(None, sd, lt)
    for c in (avg, slt):  # optional inputs: NaN (blank) is allowed, negative is not
        if np.fmin.reduce(c) < 0:
            errors = flag(errors, c < 0, Code.NEGATIVE)
    z, all_valid = _z_scores(p)
    with np.errstate(invalid="ignore"):  # √ of a negative lead time: NaN, reported as NEGATIVE
        if not np.fmax.reduce(slt) > 0:  # no lead-time variability anywhere (blank or 0)
            ss = np.sqrt(lt)  # in place from here: fewer temporaries on a million rows
            ss *= sd
            ss *= z
        else:
            if avg.min() != avg.min():  # some average blank: MISSING where σL is given
                errors = flag(errors, (slt > 0) & np.isnan(avg), Code.MISSING)
                avg = np.nan_to_num(avg)
            if slt.min() != slt.min():
                slt = np.nan_to_num(slt)
            ss = avg * slt
            ss *= ss
            ss += lt * sd * sd
            np.sqrt(ss, out=ss)
            ss *= z
    if not all_valid:
        errors = flag(errors, (p < 0.5) | (p >= 1), Code.OUT_OF_RANGE)  # NaN p has its own input error
    return Computed(ss, errors)


def days_of_cover(on_hand, daily_sales, inbound=0.0) -> Computed:
    """(on hand + inbound) ÷ daily sales; 0 sales is DIV_ZERO."""
    oh, d, inb = columns(on_hand, daily_sales, inbound)
    values = oh + inb
    with np.errstate(divide="ignore", invalid="ignore"):
        values /= d  # in place: one temporary fewer
    errors = None
    if d.size and not d.min() > 0:  # one pass over the divisor on the fast path (NaN falls through)
        errors = flag(errors, d == 0, Code.DIV_ZERO)
        errors = flag(errors, d < 0, Code.NEGATIVE)
    errors = check_non_negative(errors, oh, inb)
    return Computed(values, errors)


def _shift(as_of: np.ndarray, days: np.ndarray, errors: np.ndarray | None) -> Computed:
    """as_of + ⌊days⌋ as datetime64[D]; OUT_OF_RANGE outside Excel's dates (1900-01-01 … 9999-12-31)."""
    whole = np.floor(days + _DAY_EPS)
    finite = np.abs(whole) < _MAX_SHIFT  # False for NaN and ±inf
    offsets = np.where(finite, whole, 0).astype(np.int64).astype("timedelta64[D]")
    out = as_of + offsets
    bad = ~finite | (out < _MIN_DATE) | (out > _MAX_DATE)
    bad &= ~np.isnan(days)  # NaN days come with an error of their own (input or DIV_ZERO)
    errors = flag(errors, bad & ~np.isnat(as_of), Code.OUT_OF_RANGE)
    out = np.where(finite & ~bad, out, np.datetime64("NaT"))
    return Computed(out.astype("datetime64[D]"), errors)


def stockout_date(on_hand, daily_sales, inbound=0.0, as_of=None) -> Computed:
    """as_of (default today) + ⌊days of cover⌋."""
    cover = days_of_cover(on_hand, daily_sales, inbound)
    n = cover.values.shape[0]
    return _shift(_dates(today() if as_of is None else as_of, n), cover.values, cover.errors)


def reorder_date(on_hand, daily_sales, lead_time_days=DEFAULTS.lead_time_days, inbound=0.0,
                 safety_days=DEFAULTS.safety_days, as_of=None) -> Computed:
    """Order-by date = as_of + ⌊days of cover − lead time − safety days⌋ (on or before as_of: order now)."""
    cover = days_of_cover(on_hand, daily_sales, inbound)
    n = cover.values.shape[0]
    lt, saf = (np.broadcast_to(c, (n,)) for c in columns(lead_time_days, safety_days))
    errors = check_non_negative(cover.errors, lt, saf)
    return _shift(_dates(today() if as_of is None else as_of, n), cover.values - lt - saf, errors)


def inv_status(on_hand, daily_sales, lead_time_days=DEFAULTS.lead_time_days, inbound=0.0,
               cover_days=DEFAULTS.cover_days, safety_days=DEFAULTS.safety_days, with_reason=True,
               *, settings=DEFAULTS) -> Computed:
    """ORDER_NOW / REORDER_SOON / OK / OVERSTOCK (rules in the module docstring), optionally with the reason."""
    oh, d, lt, inb, cov, saf = columns(on_hand, daily_sales, lead_time_days, inbound, cover_days, safety_days)
    reason = np.broadcast_to(np.atleast_1d(np.asarray(with_reason, dtype=bool)), oh.shape)
    stock = oh + inb
    with np.errstate(divide="ignore", invalid="ignore"):
        cover = stock / d  # +inf for stock without sales
    trigger = lt + saf
    target = lt + cov + saf
    order_now = cover <= trigger + _DAY_EPS
    soon = ~order_now & (cover - trigger <= settings.reorder_soon_days + _DAY_EPS)
    over = ~order_now & ~soon & (cover > settings.overstock_factor * target + _DAY_EPS)
    errors = check_non_negative(None, oh, d, lt, inb, cov, saf)
    errors = flag(errors, (d == 0) & (stock == 0), Code.DIV_ZERO)
    status = np.full(oh.shape[0], 2, np.int8)  # index into STATUSES: OK
    status[over] = 3
    status[soon] = 1
    status[order_now] = 0
    blank = np.isnan(cover)
    out = np.array(STATUSES + ("",), dtype=object)[np.where(blank, 4, status)]
    rows = np.flatnonzero(reason & ~blank)
    if rows.size:  # text only where a reason is wanted (formatting is the slow part)
        f = _fmt(settings.overstock_factor)
        cols = (status, cover, lt, saf, trigger, target, stock)
        out[rows] = [_status_reason(f, *v) for v in zip(*(c[rows].tolist() for c in cols))]
    return Computed(out, errors)


def _status_reason(factor: str, status: int, c: float, lt: float, saf: float, t: float, target: float,
                   stock: float) -> str:
    if status == 0:
        return f"ORDER_NOW: {_fmt(c)} days of cover ≤ lead time {_fmt(lt)} + safety {_fmt(saf)} / 库存天数不足，立即补货"
    if status == 1:
        return f"REORDER_SOON: order within {_fmt(c - t)} days ({_fmt(c)} days of cover) / {_fmt(c - t)} 天内下单补货"
    if status == 3:
        if math.isinf(c):
            return f"OVERSTOCK: no sales, {_fmt(stock)} units in stock / 无销量，库存积压"
        return (f"OVERSTOCK: {_fmt(c)} days of cover > {factor} × {_fmt(target)} (lead + cover + safety)"
                f" / 库存过多，暂停补货")
    return f"OK: {_fmt(c)} days of cover, order in {_fmt(c - t)} days / 库存正常"
