"""FBA fulfilment, referral and storage fees, and unit economics, over whole columns.

Rules come from the dated tables in :mod:`xladdin.rules` (amazon-rules.md §1–§2); nothing about a fee
amount is written in this module.  Every function takes equal-length columns (scalars broadcast) and
returns :class:`~xladdin.core.computed.Computed` with per-element error codes.  Rows are grouped by
(marketplace, date segment) — a segment being a stretch of dates in which no table changes — so a
column whose rows carry different dates is still computed in a few vectorised passes.

Conventions (US): inches and pounds.

* **Size tier**: sides are sorted into longest / median / shortest; tiers are tested in the tier
  table's order and the first whose limits all hold wins (small standard, large standard, [small bulky
  from 2026-01-15], large bulky, extra-large by weight; extra-large 150+ takes every item left over).
* **Weight for the fee** (the tables' "shipping weight"): small standard and extra-large 150+ use the
  unit weight; large standard the greater of unit and dimensional weight; bulky and extra-large the
  greater of unit and dimensional weight with width and height floored at 2 in.  Dimensional weight =
  L × W × H / 139.  No packaging weight is added: pass the weight Amazon measures (or your packed weight).
* **Weight bands**: ``band_min < w ≤ band_max``; surcharges per *started* increment
  (``ceil((w − above) / size)``), weights compared with a 1e-9 lb tolerance for float noise.
* **Price band**: 2026 card ``under_10`` (< $10), ``10_to_50`` ($10.00–$50.00 inclusive), ``over_50``
  (> $50); 2024-04-15 → 2026-01-14 card ``under_10`` (Low-Price FBA) vs ``10_and_over``.  A blank price
  takes the standard (non-low-price) band: $10+ / $10–$50.
* **Surcharges**: the fuel and logistics surcharge (3.5 % from 2026-04-17) is a separate dated row,
  added as ``fee + round(fee × rate)`` to the cent, half up.  **Holiday peak fees are not applied**
  (the peak table is unverified): results are non-peak fees.
* Money results are rounded to the cent, half up; storage and dimensional weight are not rounded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Callable

import numpy as np

from xladdin.core.computed import Computed, as_float, check_non_negative, flag, merge_errors, ratio
from xladdin.core.dates import parse_dates
from xladdin.errors import Code, XladdinError
from xladdin.rules import FeeCard, MarketplaceRules, TierSet, rules_for, storage_size_group
from xladdin.rules.tables import DimWeightRow, ReferralRow

EPS = 1e-9
CUBIC_INCHES_PER_CUBIC_FOOT = 1728.0
OCT_DEC_FROM_MONTH = 10  # storage: Jan–Sep rate, then the Oct–Dec (peak) rate


# ----------------------------------------------------------------------------------------------
# Shared helpers
# ----------------------------------------------------------------------------------------------


def round_cents(x) -> np.ndarray:
    """Round to the cent, half up (0.105 → 0.11), absorbing float noise such as 7.159999999."""
    return np.floor(np.asarray(x, dtype=np.float64) * 100.0 + 0.5 + 1e-7) / 100.0


def _as_dates(x) -> np.ndarray:
    """datetime64[D]; dates, datetimes, Excel serials and text dates parsed, anything else NaT (NOT_A_DATE)."""
    a = np.asarray(x)
    if a.dtype.kind == "M":
        return a.astype("datetime64[D]")
    values, _, _ = parse_dates(list(np.atleast_1d(a).ravel()))
    return values.reshape(np.shape(a))


def _columns(nums: tuple = (), texts: tuple = (), dates: tuple = ()) -> list[np.ndarray]:
    """Broadcast scalars and columns to one length; numbers float64, texts object, dates datetime64[D]."""
    arrs = [as_float(np.atleast_1d(x)) for x in nums]
    arrs += [np.atleast_1d(np.asarray(t, dtype=object)) for t in texts]
    arrs += [np.atleast_1d(_as_dates(d)) for d in dates]
    out = np.broadcast_arrays(*arrs)
    return [np.ascontiguousarray(a).ravel() for a in out]


def _flag_rows(errors: np.ndarray | None, n: int, rows: np.ndarray, code: Code) -> np.ndarray | None:
    mask = np.zeros(n, bool)
    mask[rows] = True
    return flag(errors, mask, code)


Group = tuple[MarketplaceRules, dt.date, np.ndarray]


def _groups(marketplace: np.ndarray, as_of: np.ndarray, errors: np.ndarray | None) -> tuple[list[Group], np.ndarray | None]:
    """Rows grouped by (marketplace, date segment); rows that cannot be looked up are flagged.

    An unknown marketplace is UNKNOWN_MARKETPLACE, a known one without verified tables (UK, DE) is
    NO_RULE_FOR_DATE, a missing date NOT_A_DATE.  Within one group every table lookup is constant.
    """
    n = as_of.shape[0]
    nat = np.isnat(as_of)
    errors = flag(errors, nat, Code.NOT_A_DATE)
    names = np.array([str(m).strip() for m in marketplace], dtype=object)
    keys, inverse = np.unique(names.astype(str), return_inverse=True)
    groups: list[Group] = []
    for k, text in enumerate(keys):
        rows = np.flatnonzero((inverse == k) & ~nat)
        if not rows.size:
            continue
        try:
            rules = rules_for(str(text))
        except XladdinError as err:
            errors = _flag_rows(errors, n, rows, err.code)
            continue
        seg = np.searchsorted(rules.breakpoints, as_of[rows], side="right")
        for s in np.unique(seg):
            idx = rows[seg == s]
            groups.append((rules, as_of[idx[0]].astype(dt.date), idx))
    return groups, errors


def _each_group(groups: list[Group], n: int, errors: np.ndarray | None,
                fn: Callable[[MarketplaceRules, dt.date, np.ndarray], np.ndarray | None]) -> np.ndarray | None:
    """Run ``fn`` per group; a rule lookup that fails flags that group's rows with its code."""
    for rules, day, idx in groups:
        try:
            sub_err = fn(rules, day, idx)
        except XladdinError as err:
            errors = _flag_rows(errors, n, idx, err.code)
            continue
        if sub_err is not None and sub_err.any():
            full = np.zeros(n, np.int16)
            full[idx] = sub_err
            errors = merge_errors(errors, full)
    return errors


def _check_dims(errors: np.ndarray | None, *cols: np.ndarray) -> np.ndarray | None:
    """NEGATIVE below zero, then OUT_OF_RANGE at zero: a 0-inch side or a 0-lb item is missing data."""
    errors = check_non_negative(errors, *cols)
    for c in cols:
        errors = flag(errors, c == 0, Code.OUT_OF_RANGE)
    return errors


# ----------------------------------------------------------------------------------------------
# Geometry and size tiers
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Geometry:
    """Sorted sides (in), unit weight and the two dimensional weights (lb) of each row."""

    longest: np.ndarray
    median: np.ndarray
    shortest: np.ndarray
    unit_lb: np.ndarray
    dim_lb: np.ndarray
    dim_floor_lb: np.ndarray  # width and height floored (bulky and extra-large tiers)

    @classmethod
    def of(cls, length, width, height, weight, rule: DimWeightRow) -> Geometry:
        sides = np.sort(np.stack([length, width, height], axis=1), axis=1)
        shortest, median, longest = sides[:, 0], sides[:, 1], sides[:, 2]
        f = rule.bulky_min_side_in
        return cls(longest, median, shortest, weight,
                   longest * median * shortest / rule.divisor,
                   longest * np.maximum(median, f) * np.maximum(shortest, f) / rule.divisor)

    @property
    def length_plus_girth(self) -> np.ndarray:
        return self.longest + 2.0 * (self.median + self.shortest)

    def weight(self, basis: str) -> np.ndarray:
        """The weight a tier uses: unit_weight, max(unit,dimensional) or max(unit,dimensional_min_2in)."""
        if basis == "unit_weight":
            return self.unit_lb
        if basis == "max(unit,dimensional)":
            return np.fmax(self.unit_lb, self.dim_lb)
        if basis == "max(unit,dimensional_min_2in)":
            return np.fmax(self.unit_lb, self.dim_floor_lb)
        raise ValueError(f"unknown weight basis {basis!r}")  # pragma: no cover - the table grammar forbids it


def classify(tiers: TierSet, g: Geometry) -> np.ndarray:
    """Index into ``tiers.tiers`` of each row's size tier (first tier whose limits all hold)."""
    n = g.longest.shape[0]
    out = np.full(n, -1, np.int64)
    lg = g.length_plus_girth
    for i, t in enumerate(tiers.tiers):
        ok = out < 0
        for limit, value in ((t.max_longest_in, g.longest), (t.max_median_in, g.median),
                             (t.max_shortest_in, g.shortest), (t.max_length_plus_girth_in, lg)):
            if limit is not None:
                ok &= value <= limit + EPS
        if t.max_weight is not None:
            ok &= g.weight(t.weight_test) <= t.max_weight_lb + EPS
        out[ok] = i
    return out


def _tier_names(tiers: TierSet, idx: np.ndarray) -> np.ndarray:
    names = np.array(tiers.names + ("",), dtype=object)
    return names[np.where(idx < 0, len(tiers.names), idx)]


# ----------------------------------------------------------------------------------------------
# FBA fulfilment fee
# ----------------------------------------------------------------------------------------------


def price_band_index(card: FeeCard, price: np.ndarray) -> np.ndarray:
    """Index into ``card.bands`` per row; a blank (NaN) price takes the card's standard band; -1 if none."""
    out = np.full(price.shape[0], -1, np.int64)
    for i, b in enumerate(card.bands):
        out[b.mask(price)] = i
    out[np.isnan(price)] = card.bands.index(card.default_band)
    return out


def card_fee(card: FeeCard, tier: np.ndarray, g: Geometry, price: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Non-peak card fee per row (no surcharge), and TOO_LARGE where the weight is beyond every band."""
    n = tier.shape[0]
    fee = np.full(n, np.nan)
    err = np.zeros(n, np.int16)
    band = price_band_index(card, price)
    for bi, b in enumerate(card.bands):
        in_band = band == bi
        for t in np.unique(tier[in_band]):
            m = in_band & (tier == t)
            table = card.tables.get((b.name, str(t)))
            if table is None:  # a tier the card does not price (cannot happen: checked at load)
                err[m] = Code.TOO_LARGE
                continue
            w = g.weight(table.basis)[m]
            k = np.searchsorted(table.max_lb, w - EPS, side="left")
            beyond = k >= table.max_lb.shape[0]
            k = np.minimum(k, table.max_lb.shape[0] - 1)
            with np.errstate(invalid="ignore"):
                steps = np.maximum(0.0, np.ceil((w - table.increment_above_lb[k]) / table.increment_lb[k] - EPS))
            f = table.fee[k] + table.increment_fee[k] * steps
            f[beyond] = np.nan
            fee[m] = f
            sub = np.zeros(int(m.sum()), np.int16)
            sub[beyond] = Code.TOO_LARGE
            err[m] = sub
    return fee, err


def _fba_group(length, width, height, weight, price, out_fee: np.ndarray | None, out_tier: np.ndarray | None = None):
    """The per-group step shared by FBA_FEE and SIZE_TIER: classify, then (for a fee) price the card.

    Writes the tier names into ``out_tier`` and/or the fees into ``out_fee`` at the group's rows and
    returns the group's per-row error codes (TOO_LARGE).  The surcharge is added as
    ``fee + round_cents(fee × rate)``.
    """

    def run(rules: MarketplaceRules, day: dt.date, idx: np.ndarray) -> np.ndarray:
        tiers = rules.tier_set(day)
        g = Geometry.of(length[idx], width[idx], height[idx], weight[idx], rules.dim_rule(day))
        names = _tier_names(tiers, classify(tiers, g))
        if out_tier is not None:
            out_tier[idx] = names
        if out_fee is None:
            return np.zeros(idx.shape[0], np.int16)
        base, err = card_fee(rules.fee_card(day), names, g, price[idx])
        base = round_cents(base)
        rate = rules.fulfilment_surcharge_rate(day)
        out_fee[idx] = base + round_cents(base * rate) if rate else base
        return err
    return run


def fba_fee(length, width, height, weight, price, marketplace, as_of) -> Computed:
    """FBA fulfilment fee per unit (USD, non-peak, plus the fulfilment surcharge in force on ``as_of``).

    Args:
        length, width, height: package sides in inches, any order.
        weight: unit weight in pounds.
        price: selling price (chooses the price band); NaN = standard band.
        marketplace: code or alias per row ("US", "amazon.com", "ATVPDKIKX0DER").
        as_of: date per row; chooses the card, the size-tier table and the surcharge.

    Errors per element: NEGATIVE, OUT_OF_RANGE (a zero side or weight), UNKNOWN_MARKETPLACE,
    NO_RULE_FOR_DATE (no verified card on that date, or UK/DE), NOT_A_DATE, TOO_LARGE.
    """
    L, W, H, wt, p, mp, d = _columns((length, width, height, weight, price), (marketplace,), (as_of,))
    n = L.shape[0]
    errors = _check_dims(None, L, W, H, wt)
    errors = check_non_negative(errors, np.nan_to_num(p))
    fee = np.full(n, np.nan)
    groups, errors = _groups(mp, d, errors)
    errors = _each_group(groups, n, errors, _fba_group(L, W, H, wt, p, fee))
    return Computed(fee, errors)


def size_tier(length, width, height, weight, marketplace, as_of) -> Computed:
    """Product size tier name per row ("small_standard", "large_bulky", "extra_large_50_70", …)."""
    L, W, H, wt, mp, d = _columns((length, width, height, weight), (marketplace,), (as_of,))
    n = L.shape[0]
    errors = _check_dims(None, L, W, H, wt)
    tier = np.full(n, "", dtype=object)
    groups, errors = _groups(mp, d, errors)
    errors = _each_group(groups, n, errors, _fba_group(L, W, H, wt, None, None, tier))
    return Computed(tier, errors)


def dim_weight(length, width, height, marketplace, as_of) -> Computed:
    """Dimensional weight in pounds = L × W × H / divisor (139 in the US); no 2-inch floor, not rounded."""
    L, W, H, mp, d = _columns((length, width, height), (marketplace,), (as_of,))
    n = L.shape[0]
    errors = check_non_negative(None, L, W, H)
    out = np.full(n, np.nan)

    def run(rules: MarketplaceRules, day: dt.date, idx: np.ndarray) -> None:
        out[idx] = L[idx] * W[idx] * H[idx] / rules.dim_rule(day).divisor
        return None

    groups, errors = _groups(mp, d, errors)
    errors = _each_group(groups, n, errors, run)
    return Computed(out, errors)


# ----------------------------------------------------------------------------------------------
# Referral fee
# ----------------------------------------------------------------------------------------------


def referral_amount(rule: ReferralRow, price: np.ndarray) -> np.ndarray:
    """Referral fee of one category for a column of prices, rounded to the cent.

    flat: rate × price.  whole_price_threshold: the rate of the band the whole price falls in
    (a price equal to a threshold takes the lower rate).  marginal_portion: each rate on the portion
    of the price in its band.  Then the minimum fee (where the table gives one) and the closing fee.
    """
    rates, ts = rule.rates, rule.thresholds
    if rule.method_name == "flat":
        fee = price * rates[0]
    elif rule.method_name == "whole_price_threshold":
        rate = np.full(price.shape, rates[0])
        for k, t in enumerate(ts):
            rate = np.where(price > t, rates[k + 1], rate)
        fee = price * rate
    else:  # marginal_portion
        edges = (0.0,) + ts + (np.inf,)
        fee = np.zeros(price.shape)
        for k, r in enumerate(rates):
            fee = fee + r * np.clip(price - edges[k], 0.0, edges[k + 1] - edges[k])
    if rule.min_fee_usd is not None:
        fee = np.maximum(fee, rule.min_fee_usd)
    if rule.closing_fee_usd is not None:
        fee = fee + rule.closing_fee_usd
    return round_cents(fee)


def referral_fee(price, category, marketplace, as_of) -> Computed:
    """Referral fee per unit (USD): category rate on the total sales price, minimum and closing fee.

    Errors per element: NEGATIVE, MISSING (blank category), UNKNOWN_CATEGORY, UNKNOWN_MARKETPLACE,
    NO_RULE_FOR_DATE (no row in force, or only an unverified one), NOT_A_DATE.
    """
    p, cat, mp, d = _columns((price,), (category, marketplace), (as_of,))
    n = p.shape[0]
    errors = check_non_negative(None, p)
    cats = np.array([str(c).strip() if c is not None else "" for c in cat], dtype=object)
    errors = flag(errors, cats == "", Code.MISSING)
    out = np.full(n, np.nan)

    def run(rules: MarketplaceRules, day: dt.date, idx: np.ndarray) -> np.ndarray:
        err = np.zeros(idx.shape[0], np.int16)
        keys, inv = np.unique(cats[idx].astype(str), return_inverse=True)
        for j, c in enumerate(keys):
            sel = inv == j
            if not c:
                continue
            try:
                rule = rules.referral(str(c), day)
            except XladdinError as e:
                err[sel] = e.code
                continue
            out[idx[sel]] = referral_amount(rule, p[idx[sel]])
        return err

    groups, errors = _groups(mp, d, errors)
    errors = _each_group(groups, n, errors, run)
    return Computed(out, errors)


# ----------------------------------------------------------------------------------------------
# Monthly storage
# ----------------------------------------------------------------------------------------------


def storage_fee(length, width, height, weight, units, marketplace, as_of) -> Computed:
    """Monthly storage fee (USD) for ``units`` units stored through the month of ``as_of``.

    Volume = L × W × H / 1728 cubic feet per unit (the unit's own sides, no floor); rate by size group
    (standard tiers vs bulky and extra-large tiers), by Jan–Sep vs Oct–Dec, and by date (e.g. standard
    Jan–Sep $0.87 before 2024-04-01, $0.78 from then).  Non-dangerous goods only.  Not rounded.
    """
    L, W, H, wt, u, mp, d = _columns((length, width, height, weight, units), (marketplace,), (as_of,))
    n = L.shape[0]
    errors = _check_dims(None, L, W, H, wt)
    errors = check_non_negative(errors, u)
    out = np.full(n, np.nan)
    months = np.where(np.isnat(d), 0, d.astype("datetime64[M]").astype(np.int64) % 12 + 1)

    def run(rules: MarketplaceRules, day: dt.date, idx: np.ndarray) -> None:
        tiers = rules.tier_set(day)
        g = Geometry.of(L[idx], W[idx], H[idx], wt[idx], rules.dim_rule(day))
        size_groups = np.array([storage_size_group(t) for t in tiers.names] + [""], dtype=object)
        group_of_row = size_groups[classify(tiers, g)]  # index -1 (unclassified) picks the trailing ""
        season = np.where(months[idx] >= OCT_DEC_FROM_MONTH, "Oct-Dec", "Jan-Sep")
        cuft = L[idx] * W[idx] * H[idx] / CUBIC_INCHES_PER_CUBIC_FOOT
        rate = np.full(idx.shape[0], np.nan)
        for grp in np.unique(group_of_row):
            if not grp:  # no tier (only for NaN inputs, already flagged): leave NaN
                continue
            for s in np.unique(season):
                m = (group_of_row == grp) & (season == s)
                if m.any():
                    rate[m] = rules.storage_rate(str(grp), str(s), day)
        out[idx] = cuft * u[idx] * rate
        return None

    groups, errors = _groups(mp, d, errors)
    errors = _each_group(groups, n, errors, run)
    return Computed(out, errors)


# ----------------------------------------------------------------------------------------------
# Unit economics
# ----------------------------------------------------------------------------------------------


def unit_profit(price, cogs, fees, ad_cost, other) -> Computed:
    """Profit per unit = price − COGS − Amazon fees − ad cost per unit − other costs (may be negative)."""
    price, cogs, fees, ad_cost, other = _columns((price, cogs, fees, ad_cost, other))
    errors = check_non_negative(None, price, cogs, fees, ad_cost, other)
    return Computed(price - cogs - fees - ad_cost - other, errors)


def margin(profit, price) -> Computed:
    """Net margin = profit ÷ price (a fraction; negative for a loss); price 0 is DIV_ZERO."""
    profit, price = _columns((profit, price))
    res = ratio(profit, price, non_negative=False)
    res.errors = check_non_negative(res.errors, price)
    return res


def roi(profit, cogs) -> Computed:
    """Return on investment = profit ÷ COGS (a fraction; negative for a loss); COGS 0 is DIV_ZERO."""
    profit, cogs = _columns((profit, cogs))
    res = ratio(profit, cogs, non_negative=False)
    res.errors = check_non_negative(res.errors, cogs)
    return res

