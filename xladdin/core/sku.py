"""Quarterly SKU review over whole columns (playbook: 每季度淘汰贡献率<5% 且毛利率<15% 的滞销品).

* **Contribution share** = a SKU's amount (sales, by default in the playbook's sense of 贡献率) ÷ the
  total of the column.  Negative amounts (a refund-heavy period) are NEGATIVE (#NUM!) and left out of
  the total, so the shares of the valid rows still add up to 1; text that is not a number is left out
  too.  A zero total is DIV_ZERO for every row.
* **Keep / cut**: a SKU is cut only when it is below **both** thresholds, contribution share
  < ``min_contribution`` (5 %) **and** gross margin < ``min_margin`` (15 %).  "Below" is strict:
  exactly 5 % is not below; values within 1e-9 of a threshold count as at the threshold (float noise
  such as 1 − 0.85 = 0.15000000000000002).
* **Decision**: KEEP (below neither), FIX (below exactly one: grow sales, or raise price / cut cost),
  CUT (below both).  With last period's share given, a SKU below both whose share is rising is FIX
  ("review next quarter") instead of CUT.

Ranges: contribution share 0–1 (a negative share is NEGATIVE, above 1 is OUT_OF_RANGE: usually 5
typed for 5 %); gross margin may be negative (a loss) but not above 1 (OUT_OF_RANGE); thresholds:
``min_contribution`` 0–1, ``min_margin`` −1–1 (as in :mod:`xladdin.settings`).
"""

from __future__ import annotations

import math

import numpy as np

from xladdin.core.computed import Computed, as_float, columns, flag
from xladdin.errors import Code
from xladdin.settings import DEFAULTS

TOL = 1e-9

DECISIONS = ("KEEP", "FIX", "CUT")



def _bounds(col: np.ndarray) -> tuple[float, float, bool]:
    """(min, max, any NaN) of a column in two SIMD passes; the NaN-skipping reductions only when needed."""
    if not col.size:
        return 0.0, 0.0, False
    if col.strides[0] == 0:  # a scalar broadcast to the column's length
        v = float(col[0])
        return v, v, v != v
    lo, hi = col.min(), col.max()
    if lo != lo:
        return float(np.fmin.reduce(col)), float(np.fmax.reduce(col)), True
    return float(lo), float(hi), False


def _threshold(col: np.ndarray, b: tuple[float, float, bool]) -> np.ndarray | float:
    """A threshold column holding one value (an omitted argument) as a scalar: cheaper comparisons."""
    return b[0] if b[0] == b[1] and not b[2] else col


def _pct(x: float) -> str:
    """0.05 → "5%", 0.045 → "4.5%", 0.12345 → "12.3%"."""
    return f"{x * 100:.1f}".rstrip("0").rstrip(".") + "%"


def contribution(values) -> Computed:
    """Each value ÷ the column total (negatives excluded, NEGATIVE); zero total is DIV_ZERO."""
    v = np.atleast_1d(as_float(values))
    if not v.size:
        return Computed(v, None)
    errors = None
    if np.fmin.reduce(v, axis=None) < 0:  # rare: leave negative rows out of the total, report them
        neg = v < 0
        errors = flag(errors, neg, Code.NEGATIVE)
        v = np.where(neg, np.nan, v)
        total = np.nansum(v)
    else:
        total = v.sum()
        if total != total:  # NaN rows (blank or text): leave them out
            total = np.nansum(v)
    if total == 0:
        return Computed(np.full(v.shape, np.nan), flag(errors, np.ones(v.shape, bool), Code.DIV_ZERO))
    return Computed(v / total, errors)


def _validate(c, m, minc, minm, bounds) -> np.ndarray | None:
    """NEGATIVE share or threshold; OUT_OF_RANGE above 1 (5 typed for 5 %) or a margin threshold below −1.

    Reuses the columns' (min, max) so a million-row column is read as few times as possible.
    """
    errors = None
    for col, (lo, _, _) in ((c, bounds[0]), (minc, bounds[2])):
        if lo < 0:
            errors = flag(errors, col < 0, Code.NEGATIVE)
    for col, (_, hi, _) in zip((c, m, minc, minm), bounds):
        if hi > 1 + TOL:
            errors = flag(errors, col > 1 + TOL, Code.OUT_OF_RANGE)
    if bounds[3][0] < -1 - TOL:
        errors = flag(errors, minm < -1 - TOL, Code.OUT_OF_RANGE)
    return errors


def sku_keep(contribution_share, gross_margin, min_contribution=DEFAULTS.min_contribution,
             min_margin=DEFAULTS.min_margin) -> Computed:
    """FALSE (cut) only when the SKU is below both thresholds; TRUE otherwise."""
    cols = c, m, minc, minm = columns(contribution_share, gross_margin, min_contribution, min_margin)
    b = [_bounds(x) for x in cols]
    keep = c >= _threshold(minc, b[2]) - TOL  # not below both thresholds (in place: fewer temporaries)
    keep |= m >= _threshold(minm, b[3]) - TOL
    for col, (_, _, has_nan) in zip((c, m), b):
        if has_nan:  # NaN rows (they carry an input error) are not cut
            keep |= np.isnan(col)
    return Computed(keep, _validate(c, m, minc, minm, b))


def sku_decision(contribution_share, gross_margin, min_contribution=DEFAULTS.min_contribution,
                 min_margin=DEFAULTS.min_margin, prev_contribution=math.nan, with_reason=True) -> Computed:
    """KEEP / FIX / CUT with the reason (rules in the module docstring)."""
    c, m, minc, minm, prev = columns(contribution_share, gross_margin, min_contribution, min_margin,
                                      prev_contribution)
    reason = np.broadcast_to(np.atleast_1d(np.asarray(with_reason, dtype=bool)), c.shape)
    low_c = c < minc - TOL
    low_m = m < minm - TOL
    rising = c > prev + TOL  # False where prev is blank (NaN)
    errors = _validate(c, m, minc, minm, [_bounds(x) for x in (c, m, minc, minm)])
    neg_prev = prev < 0
    if neg_prev.any():
        errors = flag(errors, neg_prev, Code.NEGATIVE)
    # 0 KEEP, 1 FIX (margin low), 2 FIX (contribution low), 3 FIX (both low, rising), 4 CUT, 5 blank
    kind = np.where(low_c & low_m, np.where(rising, 3, 4), np.where(low_m, 1, np.where(low_c, 2, 0)))
    kind[np.isnan(c) | np.isnan(m)] = 5
    out = np.array(("KEEP", "FIX", "FIX", "FIX", "CUT", ""), dtype=object)[kind]
    rows = np.flatnonzero(reason & (kind < 5))
    if rows.size:  # text only where a reason is wanted
        cols = (kind, c, m, minc, minm, prev)
        out[rows] = [_decision_reason(*v) for v in zip(*(x[rows].tolist() for x in cols))]
    return Computed(out, errors)


def _decision_reason(kind: int, c: float, m: float, minc: float, minm: float, prev: float) -> str:
    cs, ms, tc, tm = f"contribution {_pct(c)}", f"margin {_pct(m)}", _pct(minc), _pct(minm)
    if kind == 4:
        return f"CUT: {cs} < {tc} and {ms} < {tm} / 贡献率和毛利率均低于标准，淘汰"
    if kind == 3:
        return (f"FIX: {cs} < {tc} and {ms} < {tm}, but contribution rising from {_pct(prev)}"
                f" — review next quarter / 两项均低于标准但在增长，下季度复查")
    if kind == 1:
        return f"FIX: {ms} < {tm} ({cs} ≥ {tc}) — raise price or cut cost / 毛利率低，提价或降本"
    if kind == 2:
        return f"FIX: {cs} < {tc} ({ms} ≥ {tm}) — grow sales (ads, listing) / 贡献率低，提升销量"
    return f"KEEP: {cs} ≥ {tc}, {ms} ≥ {tm} / 保留"
