"""Speed of the worksheet functions' core over whole columns, beside plain NumPy in the same run.

Run: .venv/bin/python benchmarks/bench_functions.py [--rows 1000000]

Goals (issue 2): arithmetic functions on numeric columns within 3x of plain NumPy; pasted text numbers
("$1,234.56", "12,5 %") >= 1,000,000 rows/s; text rules (LISTING_CHECK, SEARCH_TERMS_CHECK) >= 100,000
rows/s. Also one call through the xlwings wrapper with a 10,000-row range in and a spilled array out
(Excel mocked by the plain lists xlwings passes). Figures are printed, never asserted: this is not a test.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from dataclasses import dataclass
from typing import Callable

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run from a checkout without installing

from timing import best_of  # noqa: E402



@dataclass
class Case:
    name: str
    core: Callable[[], object]
    numpy: Callable[[], object] | None  # the same arithmetic in plain NumPy
    rows: int
    goal: str


def make_cases(n: int) -> list[Case]:
    from xladdin.core import ads, fees, health, inventory, listing, selection, sku
    from xladdin.core.numbers import parse_numbers

    rng = np.random.default_rng(42)
    spend = rng.uniform(0, 500, n)
    sales = rng.uniform(1, 3000, n)
    clicks = rng.integers(1, 2000, n).astype(float)
    impressions = clicks * rng.uniform(20, 400, n)
    orders = np.floor(clicks * rng.uniform(0, 0.2, n))
    daily = rng.uniform(0, 80, n)
    lead = rng.uniform(20, 70, n)
    on_hand = rng.uniform(0, 5000, n)
    inbound = rng.uniform(0, 500, n)
    cover = np.full(n, 30.0)
    safety = np.full(n, 14.0)
    case_pack = np.full(n, 12.0)
    moq = np.full(n, 100.0)
    price = rng.uniform(5, 80, n)
    cogs = price * rng.uniform(0.15, 0.45, n)
    fee = price * 0.15 + 5
    share = rng.uniform(0, 0.2, n)
    margin = rng.uniform(-0.1, 0.5, n)
    L, W, H = rng.uniform(1, 17, n), rng.uniform(1, 13, n), rng.uniform(0.2, 7, n)
    weight = rng.uniform(0.05, 19, n)
    as_of = np.full(n, np.datetime64("2026-06-01", "D"))
    us = np.full(n, "US", dtype=object)
    home = np.full(n, "Home and Kitchen", dtype=object)
    sigma, level, zeros = daily * 0.3, np.full(n, 0.95), np.zeros(n)
    min_share, min_margin = np.broadcast_to(0.05, n), np.broadcast_to(0.15, n)  # as the bridge passes one cell

    st_terms = np.array(["red shoes", "b012345678", "running shoes men"], dtype=object)[rng.integers(0, 3, n)]
    st_match = np.full(n, "", dtype=object)
    money_text = [f"${x:,.2f}" for x in rng.uniform(0, 20000, n)]
    pct_text = [f"{x:.1f} %".replace(".", ",") for x in rng.uniform(0, 100, n)]
    plain_text = [f"{x:.2f}" for x in rng.uniform(0, 20000, n)]

    t_rows = n
    words = ["premium", "stainless", "steel", "water", "bottle", "insulated", "32oz", "leak", "proof", "bpa",
             "free", "sports", "gym", "kids", "lid", "straw", "double", "wall", "vacuum", "cold"]
    titles = np.array([" ".join(rng.choice(words, 14)).title() for _ in range(2000)], dtype=object)
    titles = titles[rng.integers(0, 2000, t_rows)]
    bullet = "KEEPS DRINKS COLD 24 HOURS: double wall vacuum insulation keeps water cold all day long."
    # Realistic backend search terms: ~25 distinct words from a larger vocabulary; and a worst case where
    # every row repeats words and overlaps the title (every row flagged, the slow path).
    vocab = [f"{w}{k}" for w in words for k in ("", "s", "er", "ing", "ed", "y", "ly", "ness", "ful", "less")]
    search_terms = np.array([" ".join(rng.choice(vocab, 25, replace=False)) for _ in range(2000)],
                            dtype=object)[rng.integers(0, 2000, t_rows)]
    search_worst = np.array([" ".join(rng.choice(words, 30)) for _ in range(2000)], dtype=object)[rng.integers(0, 2000, t_rows)]

    cases = [
        Case("AD_ACOS", lambda: ads.acos(spend, sales), lambda: spend / sales, n, "≤3x NumPy"),
        Case("AD_TACOS", lambda: ads.tacos(spend, sales), lambda: spend / sales, n, "≤3x NumPy"),
        Case("AD_ROAS", lambda: ads.roas(sales, spend), lambda: sales / spend, n, "≤3x NumPy"),
        Case("AD_CPC", lambda: ads.cpc(spend, clicks), lambda: spend / clicks, n, "≤3x NumPy"),
        Case("AD_CTR", lambda: ads.ctr(clicks, impressions), lambda: clicks / impressions, n, "≤3x NumPy"),
        Case("AD_CVR", lambda: ads.cvr(orders, clicks), lambda: orders / clicks, n, "≤3x NumPy"),
        Case("BREAKEVEN_ACOS", lambda: ads.breakeven_acos(price, cogs, fee, 0.0),
             lambda: (price - cogs - fee) / price, n, "≤3x NumPy"),
        Case("REORDER_QTY",
             lambda: inventory.reorder_qty(daily, lead, on_hand, inbound, cover, safety, case_pack, moq),
             lambda: np.where((need := daily * (lead + cover + safety) - on_hand - inbound) <= 0, 0,
                              np.ceil(np.maximum(need, moq) / case_pack) * case_pack), n, "≤3x NumPy"),
        Case("DAYS_OF_COVER", lambda: inventory.days_of_cover(on_hand, daily, inbound),
             lambda: (on_hand + inbound) / daily, n, "≤3x NumPy"),
        Case("SAFETY_STOCK", lambda: inventory.safety_stock(sigma, lead, level, daily, zeros),
             lambda: 1.6448536269514722 * np.sqrt(lead * sigma ** 2), n, "≤3x NumPy"),
        Case("CONTRIBUTION", lambda: sku.contribution(sales), lambda: sales / sales.sum(), n, "≤3x NumPy"),
        Case("SKU_KEEP", lambda: sku.sku_keep(share, margin, min_share, min_margin),
             lambda: ~((share < 0.05) & (margin < 0.15)), n, "≤3x NumPy"),
        Case("FBA_FEE", lambda: fees.fba_fee(L, W, H, weight, price, us, as_of), None, n, "rows/s"),
        Case("SIZE_TIER", lambda: fees.size_tier(L, W, H, weight, us, as_of), None, n, "rows/s"),
        Case("REFERRAL_FEE", lambda: fees.referral_fee(price, home, us, as_of), None, n, "rows/s"),
        Case("SELECT_SCORE", lambda: selection.select_score(clicks * 20, clicks, orders, price, margin),
             None, n, "rows/s"),
        Case("HEALTH_CHECK", lambda: health.health_check(share / 10, share / 3, 1 - share / 5, share / 5),
             None, n, "rows/s"),
        Case("text numbers: $1,234.56", lambda: parse_numbers(money_text),
             lambda: np.array(plain_text).astype(float), n, "≥1,000,000 rows/s"),
        Case("text numbers: 12,5 %", lambda: parse_numbers(pct_text),
             lambda: np.array(plain_text).astype(float), n, "≥1,000,000 rows/s"),
        Case("LISTING_CHECK", lambda: listing.listing_check(titles, [[bullet] * 5] * t_rows), None, t_rows,
             "≥100,000 rows/s"),
        Case("SEARCH_TERMS_CHECK", lambda: listing.search_terms_check(search_terms, titles), None, t_rows,
             "≥100,000 rows/s"),
        Case("SEARCH_TERMS_CHECK worst case", lambda: listing.search_terms_check(search_worst, titles), None, t_rows,
             "(every row flagged)"),
        Case("SEARCH_TERM_ACTION", lambda: ads.search_term_action(st_terms, clicks, orders, spend, sales,
                                                                  np.full(n, 0.3), np.full(n, np.nan), st_match),
             None, n, "rows/s (text)"),
    ]
    return cases


def bench_wrapper(rows: int = 10_000) -> tuple[str, float]:
    """One xlwings-style call: a 10,000-row range in (list of lists), a spilled array out."""
    from udfs.ads import AD_ACOS
    from udfs.inventory import REORDER_QTY

    rng = np.random.default_rng(1)
    spend = [[float(x)] for x in rng.uniform(0, 500, rows)]
    sales = [[f"${x:,.2f}"] for x in rng.uniform(1, 3000, rows)]
    daily = [[float(x)] for x in rng.uniform(0, 80, rows)]
    lead = [[45.0]] * rows
    on_hand = [[float(x)] for x in rng.uniform(0, 5000, rows)]
    t1 = best_of(lambda: AD_ACOS(spend, sales))
    t2 = best_of(lambda: REORDER_QTY(daily, lead, on_hand))
    return (f"AD_ACOS via wrapper, {rows:,} rows (sales as '$1,234.56' text): {t1 * 1000:.1f} ms "
            f"({rows / t1:,.0f} rows/s)\nREORDER_QTY via wrapper, {rows:,} rows: {t2 * 1000:.1f} ms "
            f"({rows / t2:,.0f} rows/s)"), t1


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    args = ap.parse_args()
    print(f"xladdin function benchmark, {args.rows:,} rows, {dt.datetime.now():%Y-%m-%d %H:%M}")
    print(f"{'function':28} {'core rows/s':>14} {'numpy rows/s':>14} {'ratio':>7}  goal")
    for c in make_cases(args.rows):
        t = best_of(c.core)
        line = f"{c.name:28} {c.rows / t:14,.0f}"
        if c.numpy is not None:
            tn = best_of(c.numpy)
            line += f" {c.rows / tn:14,.0f} {t / tn:6.2f}x"
        else:
            line += f" {'':14} {'':7}"
        print(line + f"  {c.goal}")
    print(bench_wrapper()[0])


if __name__ == "__main__":
    main()
