"""Product-selection score over whole columns (playbook: 月搜索量>10,000、BSR Top 100 内、Review 增长<50 条/月;
amazon-rules.md §7.1: a weighted, user-editable rubric; every threshold is a rule of thumb).

Score = 100 × Σ wᵢ·sᵢ ÷ Σ wᵢ over the criteria given, rounded half up to 0.1 (as Excel's ROUND); price
and margin are optional and left out of both sums when blank.  Each sub-score sᵢ is in [0, 1], full at
the threshold:

==============  ======  ===================================================================
criterion       weight  sub-score
==============  ======  ===================================================================
search volume   30      min(1, monthly_search ÷ min_search)            (10,000 a month)
BSR             25      1 when bsr ≤ max_bsr, else max_bsr ÷ bsr        (top 100)
review growth   25      1 when growth ≤ max_growth, else max_growth ÷ growth  (50 a month)
price           10      1 inside [min_price, max_price] ($15–$50), else price ÷ min_price
                        below the band, max_price ÷ price above it
margin          10      min(1, max(0, margin ÷ min_margin))             (25 % after fees)
==============  ======  ===================================================================

So the score never falls when search volume rises, never rises when BSR or review growth rises, and
stays within 0–100.  Thresholds: the optional arguments, else Settings (``min_monthly_search``,
``max_bsr``, ``max_review_growth``, ``min_price``, ``max_price``, ``min_selection_margin``).

Inputs: search volume, BSR and price must not be negative (NEGATIVE); a BSR below 1 is OUT_OF_RANGE
(ranks start at 1).  Review growth may be negative (Amazon removes reviews): it scores as at or below
the threshold.  Margin is a fraction (0.3 or "30%"); above 1 is OUT_OF_RANGE.
"""

from __future__ import annotations

import math

import numpy as np

from xladdin.core.computed import Computed, check_non_negative, columns, flag
from xladdin.errors import Code
from xladdin.settings import DEFAULTS



def weights(settings=DEFAULTS) -> dict[str, float]:
    """The rubric's weights, editable in Settings (weight_search, weight_bsr, …)."""
    return {"search": settings.weight_search, "bsr": settings.weight_bsr,
            "review_growth": settings.weight_review_growth, "price": settings.weight_price,
            "margin": settings.weight_margin}



def select_score(monthly_search, bsr, review_growth, price=math.nan, margin=math.nan,
                 min_search=DEFAULTS.min_monthly_search, max_bsr=DEFAULTS.max_bsr,
                 max_review_growth=DEFAULTS.max_review_growth, *, settings=DEFAULTS) -> Computed:
    """0–100 selection score (formula in the module docstring)."""
    q, r, g, p, m, min_q, max_r, max_g = columns(monthly_search, bsr, review_growth, price, margin,
                                                  min_search, max_bsr, max_review_growth)
    w = weights(settings)
    lo, hi, min_m = settings.min_price, settings.max_price, settings.min_selection_margin
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        s_search = np.where(min_q > 0, np.minimum(1.0, q / min_q), 1.0)
        s_bsr = np.where(r <= max_r, 1.0, max_r / r)
        s_growth = np.where(g <= max_g, 1.0, max_g / g)
        s_price = np.where(p < lo, p / lo if lo > 0 else 1.0, np.where(p > hi, hi / p, 1.0))
        if min_m > 0:
            s_margin = np.clip(m / min_m, 0.0, 1.0)
        else:
            s_margin = np.where(m >= min_m, 1.0, 0.0)
    has_p, has_m = ~np.isnan(p), ~np.isnan(m)
    num = w["search"] * s_search + w["bsr"] * s_bsr + w["review_growth"] * s_growth
    num = num + np.where(has_p, w["price"] * s_price, 0.0) + np.where(has_m, w["margin"] * s_margin, 0.0)
    den = (w["search"] + w["bsr"] + w["review_growth"]
           + np.where(has_p, w["price"], 0.0) + np.where(has_m, w["margin"], 0.0))
    score = np.clip(np.floor(1000.0 * num / den + 0.5) / 10.0, 0.0, 100.0)  # round half up to 0.1, like Excel
    errors = check_non_negative(None, q, r, np.nan_to_num(p), min_q, max_g)
    errors = flag(errors, (r < 1) | (max_r < 1) | (m > 1), Code.OUT_OF_RANGE)
    return Computed(score, errors)
