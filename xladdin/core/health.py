"""Account health over whole columns (amazon-rules.md §3; playbook: 每日检查 ODR<1%、LSR<4%、VTR>95%).

* **HEALTH_CHECK** compares each metric with Amazon's target (``settings``: ``odr_max`` 1 %,
  ``lsr_max`` 4 %, ``vtr_min`` 95 %, ``cancel_max`` 2.5 %) and returns ``"OK"`` or every breach, in the
  order ODR, LSR, VTR, CANCEL_RATE, joined by ``"; "``, e.g. ``"ODR 1.20% ≥ 1%; VTR 94.00% < 95%"``.
  Breach rules: ODR ≥ 1 %, LSR ≥ 4 %, cancel rate ≥ 2.5 % (the targets are "below"), VTR < 95 % (the
  target is "at least"): exactly 1 % ODR is a breach, exactly 95 % VTR is OK.  Values within 1e-9 of a
  target count as equal to it (float noise).  A blank metric (or Amazon's "--"/"N/A": FBA-only
  accounts have no LSR or VTR) is not checked; a row with every metric blank is blank.
* **CVR_ALERT** is TRUE when each of the last ``days`` (default 7) daily conversion rates is below the
  category average (default ``category_cvr`` 10 %; strictly below, same 1e-9 tolerance).  The series
  is read oldest first (top to bottom, left to right); blank days are skipped, so "the last 7 days"
  are the last 7 days with data.  Fewer than ``days`` values: FALSE (not enough evidence for a run);
  no value at all: NO_DATA (#N/A, usually a wrong range).

Rates are fractions (0.012 or "1.2%"); a negative rate is NEGATIVE, a rate above 1 is OUT_OF_RANGE
(usually 1.2 typed for 1.2 %).
"""

from __future__ import annotations

import math

import numpy as np

from xladdin.core.computed import Computed, columns, flag
from xladdin.errors import Code
from xladdin.settings import DEFAULTS

TOL = 1e-9



def _target(x: float) -> str:
    """0.01 → "1%", 0.025 → "2.5%"."""
    return f"{x * 100:.4f}".rstrip("0").rstrip(".") + "%"


def _check_rates(errors, *cols: np.ndarray):
    """NEGATIVE below 0, OUT_OF_RANGE above 1; NaN (blank) passes."""
    for c in cols:
        if not c.size:
            continue
        if np.fmin.reduce(c) < 0:
            errors = flag(errors, c < 0, Code.NEGATIVE)
        if np.fmax.reduce(c) > 1 + TOL:
            errors = flag(errors, c > 1 + TOL, Code.OUT_OF_RANGE)
    return errors


def health_check(odr, lsr, vtr, cancel_rate=math.nan, *, settings=DEFAULTS) -> Computed:
    """"OK" or the breached metrics, e.g. "ODR 1.20% ≥ 1%; VTR 94.00% < 95%" (rules in the module docstring)."""
    o, ls, v, c = columns(odr, lsr, vtr, cancel_rate)
    s = settings
    checks = (  # (code, values, target, breach mask, sign shown)
        ("ODR", o, s.odr_max, o >= s.odr_max - TOL, "≥"),
        ("LSR", ls, s.lsr_max, ls >= s.lsr_max - TOL, "≥"),
        ("VTR", v, s.vtr_min, v < s.vtr_min - TOL, "<"),
        ("CANCEL_RATE", c, s.cancel_max, c >= s.cancel_max - TOL, "≥"),
    )
    out = np.full(o.shape[0], "OK", dtype=object)
    clean = np.ones(o.shape[0], bool)  # no breach found yet
    for code, vals, tgt, mask, sign in checks:
        rows = np.flatnonzero(mask)
        if not rows.size:
            continue
        tail = f"% {sign} {_target(tgt)}"
        texts = np.array([f"{code} {x * 100:.2f}{tail}" for x in vals[rows].tolist()], dtype=object)
        out[rows] = np.where(clean[rows], texts, out[rows] + "; " + texts)
        clean[rows] = False
    out[np.isnan(o) & np.isnan(ls) & np.isnan(v) & np.isnan(c)] = ""
    return Computed(out, _check_rates(None, o, ls, v, c))


def cvr_alert(daily_cvr, category_avg=DEFAULTS.category_cvr, days=DEFAULTS.cvr_alert_days) -> Computed:
    """TRUE when each of the last ``days`` values of the series is below ``category_avg``.

    ``daily_cvr`` is the whole series (1-D, oldest first); ``category_avg`` and ``days`` are columns
    (usually one cell each): one answer per element of them.
    """
    series = np.asarray(daily_cvr, dtype=np.float64).ravel()
    series = series[~np.isnan(series)]
    avg, n_days = columns(category_avg, days)
    errors = _check_rates(None, avg)
    bad_days = ~((n_days >= 1) & (n_days == np.floor(n_days)) & np.isfinite(n_days))  # whole days ≥ 1
    errors = flag(errors, bad_days & ~np.isnan(n_days), Code.OUT_OF_RANGE)
    series_err = _check_rates(None, series)
    out = np.zeros(avg.shape[0], bool)
    if not series.size:
        return Computed(out, flag(errors, np.ones(out.shape, bool), Code.NO_DATA))
    if series_err is not None:  # one bad day spoils the whole series
        code = Code(int(series_err[np.flatnonzero(series_err)[0]]))
        return Computed(out, flag(errors, np.ones(out.shape, bool), code))
    for i in range(out.shape[0]):
        k = int(n_days[i]) if not bad_days[i] else 0
        if 1 <= k <= series.size:
            out[i] = bool(np.all(series[-k:] < avg[i] - TOL))
    return Computed(out, errors)
