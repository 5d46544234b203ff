"""Sample reports for the quarterly review demo: three monthly Business Reports by child item plus one
whole-quarter report that overlaps them (the review must not count those days twice), a quarterly
Sponsored Products advertised product report, and last quarter's (Q2) refreshed review workbook, imported
like a report so QuarterCompare has something to compare: in Q2 a discontinued SKU (GL-OLD-1) and the oven
mitts (then bought at a higher cost) were CUT; the first stopped selling, the mitts did not.  Deterministic,
invented values, Amazon's real headers."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import numpy as np

from xladdin.demo import BR_HEADER, PRODUCTS, _money, _pct

MONTHS = ((dt.date(2026, 7, 1), dt.date(2026, 7, 31)), (dt.date(2026, 8, 1), dt.date(2026, 8, 31)),
          (dt.date(2026, 9, 1), dt.date(2026, 9, 30)))
AD_HEADER = ["Start Date", "End Date", "Portfolio name", "Currency", "Campaign Name", "Ad Group Name", "Retailer",
             "Country", "Advertised SKU", "Advertised ASIN", "Impressions", "Clicks", "Click-Thru Rate (CTR)",
             "Cost Per Click (CPC)", "Spend", "7 Day Total Sales ", "Total Advertising Cost of Sales (ACOS) ",
             "Total Return on Advertising Spend (ROAS)", "7 Day Total Orders (#)", "7 Day Total Units (#)",
             "7 Day Conversion Rate", "7 Day Advertised SKU Units (#)", "7 Day Other SKU Units (#)",
             "7 Day Advertised SKU Sales ", "7 Day Other SKU Sales "]
# Quarterly demand factor per SKU (a slow seller for the CUT example).
FACTOR = (1.0, 1.0, 1.0, 1.0, 0.4, 1.0)


# Last quarter only: a SKU CUT in Q2 that is gone in Q3; and Q2's higher oven-mitt COGS (a CUT then).
OLD_PRODUCT = ("GL-OLD-1", "B0D1GLOVE1", "X003ABC107", "Silicone Grill Gloves (discontinued)", 12.99, 9.50, 0.5)
Q2_MONTHS = ((dt.date(2026, 4, 1), dt.date(2026, 4, 30)), (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
             (dt.date(2026, 6, 1), dt.date(2026, 6, 30)))
Q2_COGS = {"OM-MIT-2": 16.00}


def _month_units(seed: int = 23, months=MONTHS, products=PRODUCTS, factor=FACTOR) -> list[list[tuple[int, int]]]:
    """[month][product] → (units, sessions)."""
    rng = np.random.default_rng(seed)
    out = []
    for d0, d1 in months:
        days = (d1 - d0).days + 1
        row = []
        for (_sku, _asin, _f, _t, _price, _cogs, per_day), f in zip(products, factor):
            units = round(per_day * f * days * rng.uniform(0.85, 1.15))
            row.append((units, int(units / rng.uniform(0.07, 0.15)) + 1))
        out.append(row)
    return out


def _write_br(path: Path, data: list[tuple[int, int]], products=PRODUCTS) -> Path:
    total = sum(s for _, s in data) or 1
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(BR_HEADER)
        for (sku, asin, _f, title, price, _cogs, _pd), (units, sessions) in zip(products, data):
            views = int(sessions * 1.5)
            w.writerow([asin[:-2] + "00", asin, title, sku, f"{sessions:,}", 0, _pct(sessions / total), "0.00%",
                        f"{views:,}", 0, _pct(views / (total * 1.5)), "0.00%", "97.50%", "0.00%", f"{units:,}", 0,
                        _pct(units / sessions), "0.00%", _money(units * price), "$0.00", f"{units:,}", 0])
    return path


def _write_ads(path: Path, seed: int = 29) -> Path:
    rng = np.random.default_rng(seed)
    d0, d1 = MONTHS[0][0], MONTHS[-1][1]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(AD_HEADER)
        for i, (sku, asin, _f, _t, price, _cogs, per_day) in enumerate(PRODUCTS):
            clicks = int(per_day * 92 * rng.uniform(0.8, 1.4))
            cpc = rng.uniform(0.5, 1.1) * (1.8 if i == 4 else 1.0)
            spend = round(clicks * cpc, 2)
            orders = int(clicks * rng.uniform(0.05, 0.14))
            sales = round(orders * price, 2)
            impressions = clicks * int(rng.integers(80, 160))
            w.writerow([d0.strftime("%b %d, %Y"), d1.strftime("%b %d, %Y"), "Kitchen", "USD", f"SP_{sku}_Auto",
                        "Auto_All", "Amazon", "United States", sku, asin, f"{impressions:,}", f"{clicks:,}",
                        _pct(clicks / impressions), _money(spend / clicks), _money(spend), _money(sales),
                        _pct(spend / sales) if sales else "", f"{sales / spend:.2f}" if spend else "", orders, orders,
                        _pct(orders / clicks), orders, 0, _money(sales), "$0.00"])
    return path


def sample_reports(folder: Path) -> list[Path]:
    """Three monthly Business Reports, one overlapping quarterly one, and the advertised product report."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    months = _month_units()
    paths = [_write_br(folder / f"BusinessReport-{d0:%Y%m%d}-{d1:%Y%m%d}.csv", data)
             for (d0, d1), data in zip(MONTHS, months)]
    quarter = [(sum(m[i][0] for m in months), sum(m[i][1] for m in months)) for i in range(len(PRODUCTS))]
    paths.append(_write_br(folder / f"BusinessReport-{MONTHS[0][0]:%Y%m%d}-{MONTHS[-1][1]:%Y%m%d}.csv", quarter))
    paths.append(_write_ads(folder / "Sponsored Products Advertised product report.csv"))
    paths.append(last_quarter_workbook(folder))
    return paths


def last_quarter_workbook(folder: Path) -> Path:
    """Q2's review workbook (new → import Q2 Business Reports → SkuCosts → refresh), as last quarter kept it."""
    from xladdin.workbooks import refresh_book
    from xladdin.workbooks.builder import build_workbook, save_workbook
    from xladdin.workbooks.host import OpenpyxlHost
    from xladdin.workbooks.importer import import_reports
    from xladdin.workbooks.registry import get_template

    products = [*PRODUCTS, OLD_PRODUCT]
    q2 = Path(folder) / "last-quarter"
    q2.mkdir(parents=True, exist_ok=True)
    months = _month_units(31, Q2_MONTHS, products, (*FACTOR, 1.0))
    reports = [_write_br(q2 / f"BusinessReport-{d0:%Y%m%d}-{d1:%Y%m%d}.csv", data, products)
               for (d0, d1), data in zip(Q2_MONTHS, months)]
    path = Path(folder) / "quarterly-review-2026Q2.xlsx"
    save_workbook(build_workbook(get_template("quarterly")), path, backup=False)
    host = OpenpyxlHost.open(path)
    import_reports(host, reports)
    fill_workbook(host, products, Q2_COGS)
    refresh_book(host, "quarterly")
    host.save()
    return path


def fill_workbook(host, products=PRODUCTS, cogs: dict[str, float] | None = None) -> None:
    """SkuCosts as the team keeps them: landed COGS and Amazon fees per unit (referral + FBA).

    Fees come from the same dated tables as FBA_FEE / REFERRAL_FEE (a 10 × 8 × 3 in, 1.2 lb box)."""
    import pandas as pd

    from xladdin.core import fees

    cogs = cogs or {}
    n = len(products)
    price = np.array([p[4] for p in products])
    when = np.full(n, np.datetime64(dt.date(2026, 9, 30), "D"))
    us = np.full(n, "US", dtype=object)
    fba = fees.fba_fee(np.full(n, 10.0), np.full(n, 8.0), np.full(n, 3.0), np.full(n, 1.2), price, us, when).values
    ref = fees.referral_fee(price, np.full(n, "Home and Kitchen", dtype=object), us, when).values
    rows = [{"sku": p[0], "category": "Home and Kitchen", "cogs": cogs.get(p[0], p[5]), "fees": round(float(f + r), 2)}
            for p, f, r in zip(products, fba, ref)]
    host.write_table("SkuCosts", pd.DataFrame(rows), key=("sku",))
