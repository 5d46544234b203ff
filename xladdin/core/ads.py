"""Advertising metrics over whole columns (Amazon Ads console definitions, amazon-rules.md §5).

ACoS = spend ÷ attributed sales; ROAS = sales ÷ spend; TACoS = spend ÷ total sales; CPC = spend ÷ clicks;
CTR = clicks ÷ impressions; CVR = orders ÷ clicks.  Every ratio follows Excel: a zero divisor is
DIV_ZERO (#DIV/0!), so IFERROR can say "no sales"; negative inputs are NEGATIVE (#NUM!).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from xladdin.core.computed import Computed, as_float, check_non_negative, flag, ratio
from xladdin.errors import Code
from xladdin.settings import DEFAULTS


def acos(spend, sales) -> Computed:
    return ratio(spend, sales)


def tacos(spend, total_sales) -> Computed:
    return ratio(spend, total_sales)


def roas(sales, spend) -> Computed:
    return ratio(sales, spend)


def cpc(spend, clicks) -> Computed:
    return ratio(spend, clicks)


def ctr(clicks, impressions) -> Computed:
    return ratio(clicks, impressions)


def cvr(orders, clicks) -> Computed:
    return ratio(orders, clicks)


def breakeven_acos(price, cogs, fees, other=0.0) -> Computed:
    """Pre-advertising margin = (price − COGS − fees − other variable costs) ÷ price (sellerboard's rule).

    Can be negative (the product loses money before any ad); a zero price is DIV_ZERO.
    """
    price, cogs, fees, other = (as_float(x) for x in (price, cogs, fees, other))
    res = ratio(price - cogs - fees - other, price, non_negative=False)
    res.errors = check_non_negative(res.errors, price, cogs, fees, other)
    return res


def _round_bid(b: np.ndarray) -> np.ndarray:
    # Amazon bids are in cents; the US minimum keyword bid is $0.02.
    return np.where(np.isnan(b), b, np.maximum(np.round(b + 1e-9, 2), 0.02))


def round_bid(bid) -> np.ndarray:
    """A bid as Amazon takes it: rounded to the cent, at least $0.02 (NaN stays NaN)."""
    return _round_bid(as_float(bid))


def target_bid(target_acos, current_bid, current_acos, price, cvr, max_step) -> Computed:
    """The bid that moves ACoS toward ``target_acos``.

    * With price and CVR: the rational bid = target ACoS × price × CVR (revenue per click × target).
    * Otherwise: the proportional rule = current bid × target ACoS ÷ current ACoS (sellerboard, SellerMetrics).
    * With a current bid, the change is capped at ± ``max_step`` (default 20 %) per move, as agencies do.
    Blank price/CVR/current values arrive as NaN (optional inputs); nothing usable is MISSING.
    """
    t, bid, cur, p, c, step = (as_float(x) for x in (target_acos, current_bid, current_acos, price, cvr, max_step))
    rational = t * p * c
    use_rational = (p > 0) & (c > 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        proportional = bid * t / cur
    has_bid = bid > 0
    raw = np.where(use_rational, rational, proportional)
    lo, hi = bid * (1 - step), bid * (1 + step)
    capped = np.where(has_bid & ~np.isnan(raw), np.clip(raw, lo, hi), raw)
    errors = check_non_negative(None, *(np.nan_to_num(x) for x in (t, bid, cur, p, c, step)))
    errors = flag(errors, ~use_rational & has_bid & (cur == 0), Code.DIV_ZERO)
    errors = flag(errors, ~use_rational & ~(has_bid & (cur > 0)), Code.MISSING)
    errors = flag(errors, (step <= 0) | (step > 1), Code.OUT_OF_RANGE)
    return Computed(_round_bid(capped), errors)


_ASIN = re.compile(r"^b0[0-9a-z]{8}$", re.IGNORECASE)


def is_asin(term: str) -> bool:
    return bool(_ASIN.match(term.strip()))


# (action, reason code) of each rule of :func:`search_term_decision`, in rule order.  Codes are stable:
# workbooks filter on them and operators learn them.
TERM_RULES = (
    ("NEGATE", "NO_ORDERS_CLICKS"),       # 0 orders after ≥ the negate threshold of clicks
    ("WATCH", "NO_ORDERS_FEW_CLICKS"),    # 0 orders, fewer clicks than the threshold
    ("HARVEST", "ORDERS_AT_TARGET"),      # ≥ harvest_min_orders at ACoS ≤ target, not yet exact
    ("BID_DOWN", "ACOS_ABOVE_TARGET"),
    ("BID_UP", "ACOS_BELOW_TARGET"),
    ("WATCH", "FEW_CLICKS"),              # orders, but too few clicks to move a bid
    ("KEEP", "ACOS_NEAR_TARGET"),
    ("WATCH", "BRAND_NO_NEGATE"),         # would be NEGATE, but the term holds an own brand term
)


@dataclass
class TermDecision:
    """Per search term: the rule that fired (index into :data:`TERM_RULES`) and the numbers behind it."""

    rule: np.ndarray        # int8 index into TERM_RULES
    acos: np.ndarray        # spend ÷ sales (inf / NaN where sales are 0)
    negate_at: np.ndarray   # clicks needed before a 0-order term is negated
    asin: np.ndarray        # bool: the term is an ASIN (product target, not a keyword)
    errors: np.ndarray | None = None

    @property
    def action(self) -> np.ndarray:
        return np.array([a for a, _ in TERM_RULES], dtype=object)[self.rule]

    @property
    def reason_code(self) -> np.ndarray:
        return np.array([r for _, r in TERM_RULES], dtype=object)[self.rule]


def search_term_decision(term, clicks, orders, spend, sales, target_acos, clicks_per_order, match_type,
                         *, brand=None, settings=DEFAULTS) -> TermDecision:
    """The rule behind :func:`search_term_action`, as codes (see :data:`TERM_RULES`).

    ``brand`` (optional bool column): the term contains an own brand term; such a term is never negated
    (the NEGATE rule becomes WATCH / BRAND_NO_NEGATE).
    """
    s = settings
    clicks, orders, spend, sales, tgt, cpo = (as_float(x) for x in (clicks, orders, spend, sales, target_acos, clicks_per_order))
    errors = check_non_negative(None, clicks, orders, spend, sales, np.nan_to_num(cpo), tgt)
    negate_at = np.maximum(s.negate_min_clicks, np.nan_to_num(cpo) * s.negate_clicks_factor)
    acos_v = acos(spend, sales).values
    exact = np.isin(np.char.upper(np.char.strip(np.asarray(match_type, dtype=str))), ["EXACT", "精准", "GENAU"])
    asin = np.fromiter((is_asin(str(t)) for t in term), bool, len(clicks))
    enough = clicks >= s.min_clicks_for_bid
    rule = np.select(
        [(orders <= 0) & (clicks >= negate_at),
         orders <= 0,
         (orders >= s.harvest_min_orders) & (acos_v <= tgt) & ~exact,
         enough & (acos_v > tgt * (1 + s.bid_tolerance)),
         enough & (acos_v < tgt * (1 - s.bid_tolerance)),
         ~enough],
        [0, 1, 2, 3, 4, 5], 6).astype(np.int8)
    if brand is not None:
        rule[(rule == 0) & np.asarray(brand, dtype=bool)] = 7
    return TermDecision(rule, acos_v, negate_at, asin, errors)


def search_term_action(term, clicks, orders, spend, sales, target_acos, clicks_per_order, match_type,
                       *, brand=None, settings=DEFAULTS) -> Computed:
    """HARVEST / NEGATE / BID_UP / BID_DOWN / WATCH / KEEP with the numbers behind it.

    Rules (amazon-rules.md §5.4, defaults editable in Settings):
      NEGATE    0 orders after ≥ max(negate_min_clicks, factor × clicks per order) clicks
                (never for an own brand term: WATCH instead, when ``brand`` is given);
      HARVEST   ≥ harvest_min_orders orders at ACoS ≤ target, not already an exact match
                (an ASIN term is harvested as a product target, not a keyword);
      BID_DOWN  orders, ACoS above target by more than the tolerance, enough clicks;
      BID_UP    orders, ACoS below target by more than the tolerance, enough clicks;
      WATCH     too few clicks to judge; KEEP otherwise.
    The codes alone: :func:`search_term_decision`.
    """
    s = settings
    d = search_term_decision(term, clicks, orders, spend, sales, target_acos, clicks_per_order, match_type,
                             brand=brand, settings=settings)
    clicks, orders, tgt = as_float(clicks), as_float(orders), as_float(target_acos)
    tgt = np.broadcast_to(tgt, clicks.shape) if tgt.ndim == 0 else tgt
    out = np.empty(len(clicks), dtype=object)
    for i, (a, c, o, ac, t, thr, is_a) in enumerate(zip(d.rule.tolist(), clicks.tolist(), orders.tolist(),
                                                          d.acos.tolist(), tgt.tolist(), d.negate_at.tolist(),
                                                          d.asin.tolist())):
        a_txt = f"{ac:.0%}" if ac == ac and ac != float("inf") else "-"
        if a == 0:
            kind = "product target" if is_a else "exact"
            out[i] = f"NEGATE: {c:.0f} clicks, 0 orders (≥ {thr:.0f}) — negative {kind} / {c:.0f}次点击0订单，否定"
        elif a == 1:
            out[i] = f"WATCH: {c:.0f} clicks, 0 orders (< {thr:.0f}) / 点击不足，观察"
        elif a == 2:
            kind = "as product target (ASIN)" if is_a else "as exact keyword"
            out[i] = f"HARVEST: {o:.0f} orders, ACoS {a_txt} ≤ {t:.0%} — add {kind}, negate in source / 投放并在原广告组否定"
        elif a == 3:
            out[i] = f"BID_DOWN: ACoS {a_txt} > target {t:.0%} / ACoS 高于目标，降价"
        elif a == 4:
            out[i] = f"BID_UP: ACoS {a_txt} < target {t:.0%} / ACoS 低于目标，提价"
        elif a == 5:
            out[i] = f"WATCH: {c:.0f} clicks (< {s.min_clicks_for_bid:.0f}) / 点击不足，观察"
        elif a == 7:
            out[i] = f"WATCH: brand term, {c:.0f} clicks, 0 orders — never negated; check bid and listing / 品牌词不否定，检查出价与页面"
        else:
            out[i] = f"KEEP: ACoS {a_txt} near target {t:.0%} / 保持"
    return Computed(out, d.errors)
