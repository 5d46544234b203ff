"""Sample reports for the selection workbook: a Helium 10 X-Ray page, a Keepa product export and a
Cerebro keyword export, in the tools' real header rows and value formats (H10: UTF-8 with BOM, every field
quoted, "1,180" thousands, "1K+", "-"; Keepa: plain decimals, "15 %").  Invented, deterministic values."""

from __future__ import annotations

import csv
from pathlib import Path

XRAY_HEADER = ["Display Order", "Product Details", "ASIN", "URL", "Image URL", "Brand", "Price  $",
               "Parent Level Sales", "ASIN Sales", "Recent Purchases", "Parent Level Revenue", "ASIN Revenue",
               "Title Char. Count", "BSR", "Seller Country/Region", "Fees  $", "Active Sellers", "Ratings",
               "Review Count", "Images", "Review velocity", "Buy Box", "Category", "Size Tier", "Fulfillment",
               "Dimensions", "Weight", "Creation Date", "Sponsored", "Best Seller", "Seller Age (mo)", "Seller"]
KEEPA_HEADER = ["ASIN", "Title", "Brand", "Sales Rank: Current", "Sales Rank: 30 days avg.",
                "Sales Rank: 90 days avg.", "Sales Rank: 180 days avg.", "Sales Rank: 365 days avg.",
                "Sales Rank: Drops last 30 days", "Sales Rank: Drops last 90 days", "Sales Rank: Drops last 180 days",
                "Sales Rank: Drops last 365 days", "Bought in past month", "Buy Box 🚚: Current",
                "Buy Box 🚚: 30 days avg.", "Buy Box 🚚: 90 days avg.", "Buy Box 🚚: 180 days avg.",
                "Buy Box 🚚: 365 days avg.", "Buy Box 🚚: Lowest", "Buy Box 🚚: Highest", "New: Current",
                "Reviews: Rating", "Reviews: Review Count", "Referral Fee %", "FBA Pick&Pack Fee",
                "Categories: Root", "Package: Weight (g)"]
CEREBRO_HEADER = ["Keyword Phrase", "ABA Total Click Share", "ABA Total Conv. Share", "Keyword Sales",
                  "Cerebro IQ Score", "Search Volume", "Search Volume Trend", "H10 PPC Sugg. Bid",
                  "H10 PPC Sugg. Min Bid", "H10 PPC Sugg. Max Bid", "Sponsored ASINs", "Competing Products", "CPR",
                  "Title Density", "Amazon Recommended", "Sponsored", "Organic", "Sponsored Rank (avg)",
                  "Sponsored Rank (count)", "Amazon Recommended Rank (avg)", "Amazon Recommended Rank (count)",
                  "Position (Rank)", "Relative Rank", "Competitor Rank (avg)", "Ranking Competitors (count)",
                  "Competitor Performance Score"]

# asin, title, brand, price, asin sales, bsr, reviews, review velocity, dims, weight
PAGE = [
    ("B0SELDEMO1", "Silicone Cooking Utensils Set, 12 Pcs, Heat Resistant", "KitchenNova", 24.99, 568, 88, 310, 21,
     "13.4 x 4.1 x 2.9 inches", "1.32 pounds"),
    ("B0SELDEMO2", "($) Premium Silicone Utensils 15 Pcs with Holder", "HomeChef", 32.99, 910, 64, 8902, 140,
     "14.2 x 5.0 x 3.6 inches", "1.98 pounds"),
    ("B0SELDEMO3", "Wooden Spoons for Cooking 6 Pcs", "Teak&Co", 19.99, 1210, 42, 15630, 250,
     "13.8 x 3.1 x 1.6 inches", "0.84 pounds"),
    ("B0SELDEMO4", "Silicone Spatula Set of 4, BPA Free", "FlexiCook", 12.99, 402, 160, 120, 18,
     "12.0 x 3.5 x 1.2 inches", "8 ounces"),
    ("B0SELDEMO5", "Stainless Steel Kitchen Utensil Set 10 Pcs", "SteelPro", 39.99, 260, 240, 45, 9,
     "15.0 x 6.0 x 4.0 inches", "2.6 pounds"),
    ("B0SELDEMO6", 'Bamboo Utensil Holder =HYPERLINK("http://x","y")', "EcoBam", 17.49, 190, 410, 30, 6,
     "-", "-"),
]
COGS = {"B0SELDEMO1": 5.10, "B0SELDEMO4": 2.40, "B0SELDEMO5": 9.80}
MAIN_KEYWORD = {"B0SELDEMO1": "silicone cooking utensils", "B0SELDEMO4": "silicone spatula set",
                "B0SELDEMO5": "kitchen utensils"}
# Keepa history per PAGE row: Buy Box 30/90/180/365-day averages as multiples of today's price, and rank drops
# in 30 / 365 days.  DEMO2 is in a price war (volatile), DEMO3 sells at twice its yearly pace (peak season),
# DEMO4 at a third of it (off season), DEMO6 has no history (a new listing: blank + data-quality note).
HISTORY = [((1.00, 1.02, 1.01, 1.03), (48, 560)), ((1.10, 1.25, 1.38, 1.45), (75, 900)),
           ((1.00, 0.99, 1.02, 1.00), (240, 1460)), ((1.01, 1.00, 0.98, 1.00), (12, 430)),
           ((1.02, 1.03, 1.05, 1.04), (22, 270)), None]


def _q(rows: list[list[str]], path: Path) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f, quoting=csv.QUOTE_ALL).writerows(rows)
    return path


def write_xray(path: Path) -> Path:
    rows = [XRAY_HEADER]
    for i, (asin, title, brand, price, sales, bsr, reviews, vel, dims, wt) in enumerate(PAGE, 1):
        rows.append([f"{i}.", title, asin, f"https://www.amazon.com/dp/{asin}", "https://m.media-amazon.com/x.jpg",
                     brand, f"{price:.2f}", f"{sales * 2:,}", f"{sales:,}", "1K+" if sales > 1000 else str(sales // 2),
                     f"{sales * 2 * price:,.2f}", f"{sales * price:,.2f}", str(len(title)), f"{bsr:,}", "CN",
                     f"{price * 0.15 + 5.2:.2f}", "1", "4.5", f"{reviews:,}", "7", str(vel), brand,
                     "Home & Kitchen", "Large Standard-Size", "FBA", dims, wt, "Mar 22, 2024",
                     "Sponsored Product" if title.startswith("($)") else "No", "No", "24", brand])
    return _q(rows, path)


def write_keepa(path: Path) -> Path:
    rows = [KEEPA_HEADER]
    for k, (asin, title, brand, price, sales, bsr, reviews, _vel, _d, _w) in enumerate(PAGE):
        hist = HISTORY[k]
        if hist is None:
            ranks, drops, prices, lo_hi = [""] * 4, [""] * 4, [""] * 4, ["", ""]
        else:
            m, (d30, d365) = hist
            ranks = [f"{bsr * f:.0f}" for f in (1.1, 1.2, 1.3, 1.25)]
            drops = [str(d30), str(d30 * 3), str(d365 // 2), str(d365)]
            prices = [f"{price * f:.2f}" for f in m]
            lo_hi = [f"{price * 0.8:.2f}", f"{price * max(m) * 1.1:.2f}"]
        rows.append([asin, title, brand, str(bsr), *ranks, *drops, str(sales), f"{price:.2f}", *prices, *lo_hi,
                     f"{price - 0.5:.2f}", "4.5", str(reviews), "15 %", f"{3.5 + price * 0.08:.2f}", "Home & Kitchen",
                     str(200 + 90 * k)])
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def write_cerebro(path: Path) -> Path:
    kws = [("silicone cooking utensils", 24530), ("cooking utensils set", 61210), ("kitchen utensils", 98770),
           ("silicone spatula set", 18400), ("wooden spoons", 40250)]
    rows = [CEREBRO_HEADER]
    for i, (kw, sv) in enumerate(kws):
        rows.append([kw, "38.1", "41.7", f"{sv // 20:,}", f"{900 - 100 * i:,}", f"{sv:,}", "12", "$1.42", "$0.98",
                     "$2.10", "118", ">1,000", "32", "14", "3", "1", "1", "6", "2", "4", "1", "5", "1", "9.4", "8",
                     "7.8"])
    return _q(rows, path)


def sample_reports(folder: Path) -> list[Path]:
    """The three sample exports, written into ``folder``."""
    folder = Path(folder)
    return [write_xray(folder / "Helium10-Xray-silicone-utensils.csv"),
            write_keepa(folder / "Keepa_Export_silicone-utensils.csv"),
            write_cerebro(folder / "Helium10-Cerebro-B0SELDEMO1.csv")]


def fill_workbook(host) -> None:
    """What the team types per candidate (CandidateInputs): main keyword, landed COGS, referral category,
    first order.

    Candidates not typed are left out on purpose, so the demo also shows the NO cogs / EST search flags."""
    import pandas as pd

    rows = [{"asin": asin, "main_keyword": MAIN_KEYWORD[asin], "cogs": COGS.get(asin), "category": "Home and Kitchen",
             "first_order_units": 300} for asin in COGS]
    host.write_table("CandidateInputs", pd.DataFrame(rows), key=("asin",))
