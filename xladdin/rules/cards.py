"""One marketplace's rules, assembled from its validated tables and looked up by date.

:func:`rules_for` loads a marketplace folder once (cached) and builds:

* size-tier sets (``*_size_tiers.csv``), one per period, tiers in file order;
* fulfilment cards (``*_fba_fulfilment_*.csv``), one per (marketplace, period), with numpy arrays
  per (price band, size tier) ready for vectorised lookups;
* dimensional-weight rules, fulfilment surcharges, referral categories and storage rates.

Cross-row rules are checked at load as well (price bands contiguous from 0 to infinity, weight
bands contiguous, every tier of the tier set priced in every price band, periods of one kind never
overlapping); a breach is :class:`~xladdin.rules.tables.RuleTableError`.  Only production rows
(verification P, P-repost or S2, and for referral fees a verified method) ever drive a result.

Lookups take one date and raise ``RuleDataError(NO_RULE_FOR_DATE)`` when nothing is in force.
:attr:`MarketplaceRules.breakpoints` lists every date on which any table changes, so vectorised
callers can group a column of dates into segments within which every lookup is constant.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache
from typing import Callable, Iterable, Sequence, TypeVar, cast

import numpy as np

from xladdin.errors import Code, RuleDataError
from xladdin.rules.marketplaces import Marketplace, marketplaces, resolve_marketplace
from xladdin.rules.tables import (
    Dated,
    DimWeightRow,
    FulfilmentRow,
    ReferralRow,
    Row,
    RuleTableError,
    SizeTierRow,
    StorageRow,
    SurchargeRow,
    parse_price_band,
    read_folder,
)

EPS = 1e-9  # tolerance (lb, in, $) for float noise at band edges
T = TypeVar("T")


def covers(start: dt.date | None, end: dt.date | None, d: dt.date) -> bool:
    return (start is None or start <= d) and (end is None or d <= end)


def _pick(items: Iterable[T], d: dt.date, what: str, code: str,
          period: Callable[[T], tuple[dt.date | None, dt.date | None]]) -> T:
    found = [x for x in items if covers(*period(x), d)]
    if not found:
        raise RuleDataError(Code.NO_RULE_FOR_DATE, f"{code}: no {what} in force on {d.isoformat()}")
    if len(found) > 1:
        raise RuleTableError(f"{code}: {len(found)} {what} tables in force on {d.isoformat()}")
    return found[0]


def _check_no_overlap(periods: Sequence[tuple[dt.date | None, dt.date | None]], what: str) -> None:
    lo = dt.date.min
    ordered = sorted(periods, key=lambda p: p[0] or dt.date.min)
    for i, (start, end) in enumerate(ordered):
        s = start or dt.date.min
        if i and s <= lo:
            raise RuleTableError(f"{what}: periods overlap near {s.isoformat()}")
        if end is not None and end < s:
            raise RuleTableError(f"{what}: period ends before it starts ({s.isoformat()} > {end.isoformat()})")
        lo = end or dt.date.max


# ----------------------------------------------------------------------------------------------
# Size tiers
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TierSet:
    start: dt.date | None
    end: dt.date | None
    tiers: tuple[SizeTierRow, ...]

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(t.size_tier for t in self.tiers)


def storage_size_group(tier: str) -> str:
    """Storage-rate group of a size tier: ``*_standard`` → standard, every other tier → bulky.

    Small bulky (new 2026-01-15) is carved out of large bulky, so it takes the large bulky and
    extra-large rate; Amazon's page for that was not captured (amazon-rules.md §1.5, [UNV]).
    """
    return "standard" if tier.endswith("_standard") else "large_bulky_and_extra_large"


# ----------------------------------------------------------------------------------------------
# Fulfilment cards
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PriceBand:
    name: str
    low: float
    low_inclusive: bool
    high: float
    high_inclusive: bool

    def mask(self, price: np.ndarray) -> np.ndarray:
        above = (price >= self.low) if self.low_inclusive else (price > self.low)
        below = (price <= self.high) if self.high_inclusive else (price < self.high)
        return above & below


@dataclass(frozen=True)
class BandTable:
    """The weight bands of one (price band, size tier): ascending, contiguous, in pounds."""

    basis: str  # the tier's fee-weight basis (WeightBasis)
    min_lb: np.ndarray
    max_lb: np.ndarray  # inf for an open last band
    fee: np.ndarray
    increment_fee: np.ndarray  # 0 where the band has no increment
    increment_lb: np.ndarray  # 1 where the band has no increment (unused then)
    increment_above_lb: np.ndarray  # +inf where the band has no increment


@dataclass(frozen=True)
class FeeCard:
    marketplace: str
    start: dt.date | None
    end: dt.date | None
    bands: tuple[PriceBand, ...]  # ascending by price
    tables: dict[tuple[str, str], BandTable]
    rows: tuple[FulfilmentRow, ...] = field(repr=False)

    @property
    def default_band(self) -> PriceBand:
        """The band used when no price is given: the lowest band that is not a low-price band."""
        return next((b for b in self.bands if not b.name.startswith("under_")), self.bands[0])

    @property
    def tiers(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.size_tier for r in self.rows))


def _band_table(rows: list[FulfilmentRow], where: str) -> BandTable:
    rows = sorted(rows, key=lambda r: r.band_max_lb)
    bases = {r.weight_basis for r in rows}
    if len(bases) != 1:
        raise RuleTableError(f"{where}: one tier uses several weight bases {sorted(bases)}")
    for a, b in zip(rows, rows[1:]):
        if not math.isclose(a.band_max_lb, b.band_min_lb, abs_tol=EPS):
            raise RuleTableError(f"{where}: weight bands not contiguous ({a.band_max_lb} lb then {b.band_min_lb} lb)")

    def arr(f: Callable[[FulfilmentRow], float]) -> np.ndarray:
        return np.array([f(r) for r in rows], dtype=np.float64)

    has_inc = arr(lambda r: 0.0 if r.increment_fee_usd is None else 1.0) > 0
    return BandTable(
        basis=rows[0].weight_basis,
        min_lb=arr(lambda r: r.band_min_lb),
        max_lb=arr(lambda r: r.band_max_lb),
        fee=arr(lambda r: r.fee_usd),
        increment_fee=np.where(has_inc, arr(lambda r: r.increment_fee_usd or 0.0), 0.0),
        increment_lb=np.where(has_inc, arr(lambda r: r.increment_size_lb), 1.0),
        increment_above_lb=np.where(has_inc, arr(lambda r: r.increment_starts_above_lb), np.inf),
    )


def _price_bands(names: Iterable[str], where: str) -> tuple[PriceBand, ...]:
    bands = sorted((PriceBand(n, *parse_price_band(n)) for n in set(names)), key=lambda b: b.low)
    if not bands or bands[0].low != 0 or not bands[0].low_inclusive or bands[-1].high != math.inf:
        raise RuleTableError(f"{where}: price bands must cover every price from 0 up")
    for a, b in zip(bands, bands[1:]):
        if a.high != b.low or a.high_inclusive == b.low_inclusive:
            raise RuleTableError(f"{where}: price bands {a.name} and {b.name} leave a gap or overlap")
    return tuple(bands)


def _fee_cards(rows: list[FulfilmentRow], tier_sets: tuple[TierSet, ...], code: str) -> tuple[FeeCard, ...]:
    groups: dict[tuple[str, dt.date | None, dt.date | None], list[FulfilmentRow]] = defaultdict(list)
    for r in rows:
        if r.marketplace != code:
            raise RuleTableError(f"a {r.marketplace} row in the {code} fulfilment tables")
        if r.production:
            groups[(r.marketplace, r.start, r.end)].append(r)
    cards = []
    for (mp, start, end), rs in groups.items():
        where = f"{mp} fulfilment card {start}..{end or 'open'}"
        bands = _price_bands((r.price_band for r in rs), where)
        by: dict[tuple[str, str], list[FulfilmentRow]] = defaultdict(list)
        for r in rs:
            by[(r.price_band, r.size_tier)].append(r)
        tables = {k: _band_table(v, f"{where} {k}") for k, v in by.items()}
        card = FeeCard(mp, start, end, bands, tables, tuple(rs))
        # Every tier of every tier set in force during the card is priced in every price band.
        for ts in tier_sets:
            if _overlaps(ts.start, ts.end, start, end):
                for b in bands:
                    for t in ts.names:
                        if (b.name, t) not in tables:
                            raise RuleTableError(f"{where}: tier {t} has no fee in price band {b.name}")
        cards.append(card)
    _check_no_overlap([(c.start, c.end) for c in cards], f"{code} fulfilment cards")
    return tuple(sorted(cards, key=lambda c: c.start or dt.date.min))


def _overlaps(a0: dt.date | None, a1: dt.date | None, b0: dt.date | None, b1: dt.date | None) -> bool:
    lo = max(a0 or dt.date.min, b0 or dt.date.min)
    hi = min(a1 or dt.date.max, b1 or dt.date.max)
    return lo <= hi


# ----------------------------------------------------------------------------------------------
# Referral categories
# ----------------------------------------------------------------------------------------------


def normalize_category(text: str) -> str:
    """"Home & Kitchen", "home and kitchen" and "Home, Kitchen" all become "home kitchen"."""
    s = unicodedata.normalize("NFKC", str(text)).casefold().replace("&", " and ")
    words = re.sub(r"[^\w]+", " ", s).split()
    return " ".join(w for w in words if w != "and")


def _category_keys(name: str) -> list[str]:
    """The table name, the name without its parenthesis, and each item listed in the parenthesis.

    "Media (Books, DVD, Music, Software, Video, Video Games)" is also found as "Media", "Books", "DVD" …
    """
    keys = [normalize_category(name)]
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", name)
    if m:
        keys.append(normalize_category(m.group(1)))
        keys.extend(normalize_category(part) for part in m.group(2).split(","))
    return [k for k in dict.fromkeys(keys) if k]


# ----------------------------------------------------------------------------------------------
# The marketplace
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MarketplaceRules:
    marketplace: Marketplace
    tables: dict[str, list[Row]] = field(repr=False)
    tier_sets: tuple[TierSet, ...]
    fee_cards: tuple[FeeCard, ...]
    category_index: dict[str, str] = field(repr=False)  # normalized key -> table category name
    breakpoints: np.ndarray = field(repr=False)  # datetime64[D], ascending: every date a table changes

    @property
    def code(self) -> str:
        return self.marketplace.code

    def tier_set(self, d: dt.date) -> TierSet:
        return _pick(self.tier_sets, d, "size-tier", self.code, lambda t: (t.start, t.end))

    def fee_card(self, d: dt.date) -> FeeCard:
        return _pick(self.fee_cards, d, "FBA fulfilment card", self.code, lambda c: (c.start, c.end))

    def dim_rule(self, d: dt.date) -> DimWeightRow:
        rows = [r for r in self._rows("dimensional_weight", DimWeightRow) if r.production]
        return _pick(rows, d, "dimensional-weight", self.code, lambda r: (r.start, r.end))

    def fulfilment_surcharge_rate(self, d: dt.date) -> float:
        """Sum of the surcharge rates (fractions) on FBA fulfilment fees in force on ``d``; 0 if none."""
        rows = [r for r in self._rows("fba_surcharges", SurchargeRow)
                if r.production and r.applies_to == "fba_fulfilment" and r.covers(d)]
        return sum(r.rate_pct for r in rows) / 100.0

    def categories(self) -> list[str]:
        """Referral-fee category names as the table writes them (every period)."""
        return list(dict.fromkeys(r.category for r in self._rows("referral_fees", ReferralRow)))

    def referral(self, category: str, d: dt.date) -> ReferralRow:
        """The referral rule of ``category`` on ``d``.

        Raises ``UNKNOWN_CATEGORY`` for a name the table does not know, and ``NO_RULE_FOR_DATE`` when the
        category has no row in force on ``d`` or only an unverified one (S1, or an unverified method).
        """
        name = self.category_index.get(normalize_category(category))
        if name is None:
            raise RuleDataError(Code.UNKNOWN_CATEGORY, f"{self.code}: {category!r}")
        rows = [r for r in self._rows("referral_fees", ReferralRow) if r.category == name]
        row = _pick(rows, d, f"referral rule for {name!r}", self.code, lambda r: (r.start, r.end))
        if not row.production:
            raise RuleDataError(Code.NO_RULE_FOR_DATE, f"{self.code}: the referral rule for {name!r} is "
                                                       f"not verified ({row.verification}, {row.method})")
        return row

    def storage_rate(self, size_group: str, months: str, d: dt.date) -> float:
        """Monthly storage, USD per cubic foot, for non-dangerous goods."""
        rows = [r for r in self._rows("monthly_storage", StorageRow)
                if r.production and r.product_type == "non_dangerous" and r.size_group == size_group
                and r.months == months]
        return _pick(rows, d, f"monthly storage rate ({size_group}, {months})", self.code,
                     lambda r: (r.start, r.end)).usd_per_cubic_foot

    def _rows(self, kind: str, model: type[T]) -> list[T]:
        return cast("list[T]", self.tables.get(kind, []))


def _breakpoints(periods: Iterable[tuple[dt.date | None, dt.date | None]]) -> np.ndarray:
    days: set[dt.date] = set()
    for start, end in periods:
        if start is not None:
            days.add(start)
        if end is not None and end < dt.date.max:
            days.add(end + dt.timedelta(days=1))
    return np.array(sorted(days), dtype="datetime64[D]")


def _build(mp: Marketplace) -> MarketplaceRules:
    folder = cast(str, mp.fee_tables)
    tables = read_folder(folder)
    code = mp.code
    # Size-tier sets: rows grouped by period, order kept.
    groups: dict[tuple[dt.date | None, dt.date | None], list[SizeTierRow]] = defaultdict(list)
    for r in cast("list[SizeTierRow]", tables["size_tiers"]):
        if r.production:
            groups[(r.start, r.end)].append(r)
    tier_sets = tuple(TierSet(s, e, tuple(rs)) for (s, e), rs in sorted(groups.items(), key=lambda kv: kv[0][0] or dt.date.min))
    _check_no_overlap([(t.start, t.end) for t in tier_sets], f"{code} size tiers")
    for ts in tier_sets:
        names = ts.names
        if len(set(names)) != len(names):
            raise RuleTableError(f"{code} size tiers {ts.start}: a tier is listed twice")
    cards = _fee_cards(cast("list[FulfilmentRow]", tables["fba_fulfilment"]), tier_sets, code)
    for kind in ("dimensional_weight", "fba_surcharges"):
        strangers = {getattr(r, "marketplace") for r in tables[kind]} - {code}
        if strangers:
            raise RuleTableError(f"{code} {kind}: rows for {sorted(strangers)} in the {code} folder")
    for kind, key in (("dimensional_weight", lambda r: ()), ("fba_surcharges", lambda r: (r.surcharge, r.applies_to)),
                      ("monthly_storage", lambda r: (r.product_type, r.size_group, r.months)),
                      ("referral_fees", lambda r: (r.category,))):
        by: dict[tuple, list[Row]] = defaultdict(list)
        for r in tables[kind]:
            by[key(r)].append(r)
        for k, rs in by.items():
            _check_no_overlap([(cast(Dated, r).start, cast(Dated, r).end) for r in rs], f"{code} {kind} {k}")
    index: dict[str, str] = {}
    for r in cast("list[ReferralRow]", tables["referral_fees"]):
        for key in _category_keys(r.category):
            if index.get(key, r.category) != r.category:
                raise RuleTableError(f"{code}: category key {key!r} names both {index[key]!r} and {r.category!r}")
            index[key] = r.category
    periods: list[tuple[dt.date | None, dt.date | None]] = [(t.start, t.end) for t in tier_sets]
    periods += [(c.start, c.end) for c in cards]
    for kind in ("dimensional_weight", "fba_surcharges", "monthly_storage", "referral_fees"):
        periods += [(cast(Dated, r).start, cast(Dated, r).end) for r in tables[kind]]
    return MarketplaceRules(mp, tables, tier_sets, cards, index, _breakpoints(periods))


@cache
def _rules_by_code(code: str) -> MarketplaceRules:
    return _build(marketplaces()[code])


def rules_for(marketplace: str | Marketplace) -> MarketplaceRules:
    """The rules of a marketplace (a code, an alias or a :class:`Marketplace`), loaded once.

    Raises ``RuleDataError``: ``UNKNOWN_MARKETPLACE`` for an unknown name, ``NO_RULE_FOR_DATE`` for a
    known marketplace without a verified fee table (UK, DE).
    """
    mp = marketplace if isinstance(marketplace, Marketplace) else resolve_marketplace(marketplace)
    if mp.fee_tables is None:
        raise RuleDataError(Code.NO_RULE_FOR_DATE, f"{mp.code}: no verified fee table (drafts only)")
    return _rules_by_code(mp.code)
