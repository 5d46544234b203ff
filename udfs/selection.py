"""Product-selection worksheet function: a transparent 0–100 score from the playbook's criteria
(formula and weights in :mod:`xladdin.core.selection`)."""

from __future__ import annotations

from udfs._xl import SELECTION, udf
from xladdin.core import selection
from xladdin.settings import DEFAULTS
from xladdin.worksheet.bridge import Num, evaluate

_NAN = float("nan")


@udf(SELECTION, {"monthly_search": "主关键词月搜索量 / monthly search volume of the main keyword (full points at 10,000)",
                 "bsr": "BSR 排名（≥ 1）/ best sellers rank, 1 = best (full points within the top 100)",
                 "review_growth": "每月新增评论数 / new reviews per month of the top listings (full points below 50; may be negative)",
                 "price": "[可选] 售价；空白=不计分 / [optional] selling price: full points in the $15–$50 band (Settings); blank = not scored",
                 "margin": "[可选] 扣费后利润率；空白=不计分 / [optional] margin after fees and COGS (0.3 or 30%): full points at 25% (Settings); blank = not scored",
                 "min_search": "[可选] 搜索量门槛，默认 10,000 / [optional] search-volume threshold, default 10,000 (Settings min_monthly_search)",
                 "max_bsr": "[可选] BSR 门槛，默认 100 / [optional] BSR threshold, default 100 (Settings max_bsr)",
                 "max_review_growth": "[可选] 评论增长门槛，默认 50 / [optional] review-growth threshold per month, default 50 (Settings)"},
     returns="score 0–100")
def SELECT_SCORE(monthly_search, bsr, review_growth, price=None, margin=None, min_search=None, max_bsr=None,
                 max_review_growth=None):
    """选品评分 0–100 / selection score: weighted sub-scores, search 30 (≥ 10,000/month), BSR 25 (top 100), review growth 25 (< 50/month), price 10, margin 10. Example: =SELECT_SCORE(5000, 50, 20) → 81.3.

    Score = 100 × Σ weight × sub-score ÷ Σ weight over the criteria given (blank price or margin is left
    out). Sub-scores, each 0–1 and full at the threshold: search ÷ 10,000 (at most 1); 1 within the top
    100 BSR, else 100 ÷ BSR; 1 for review growth ≤ 50, else 50 ÷ growth; price 1 inside $15–$50, else
    price ÷ 15 below and 50 ÷ price above; margin ÷ 25 % (0–1). Rounded to 0.1. More searches never lower
    the score; a higher BSR or faster review growth never raises it. Thresholds are rules of thumb.
    """
    return evaluate(selection.select_score, monthly_search=Num(monthly_search), bsr=Num(bsr),
                    review_growth=Num(review_growth), price=Num(price, _NAN), margin=Num(margin, _NAN),
                    min_search=Num(min_search, DEFAULTS.min_monthly_search), max_bsr=Num(max_bsr, DEFAULTS.max_bsr),
                    max_review_growth=Num(max_review_growth, DEFAULTS.max_review_growth))
