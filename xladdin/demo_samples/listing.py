"""Sample inputs for the listing workbook (``xladdin demo``): deterministic, invented values.

* ``sample_reports(folder)`` writes a Helium 10 Cerebro export and a Magnet export in Helium 10's real
  format (UTF-8 with BOM, every field quoted, "1,234" numbers, "-" for missing, ">1,000" bounds); the
  demo imports them into ``Keywords``.
* Listing content has no Amazon report xladdin reads (the operator pastes it into ``Listings``), so the
  same call also writes ``listings-sample.csv`` beside them: the ``Listings`` columns in order, ready to
  paste from row 4.  It is not returned (it is not a report ``xladdin import`` recognises).
* :func:`fill_workbook` puts those sample rows into a workbook through the host API (``write_table``),
  the mechanism a demo uses for a hand-filled table; ``run_demo`` calls it when the module has it.  It
  also draws small sample product images (Pillow) into ``listing-images/`` beside the workbook and
  points the image paths there, so the image checks show real results: a good main image, a main
  image on a grey background, lifestyle pictures, one too small, one listed but not on disk.
"""

from __future__ import annotations

import csv
from pathlib import Path

from xladdin.workbooks.host import BookHost

CEREBRO_HEADER = ["Keyword Phrase", "ABA Total Click Share", "ABA Total Conv. Share", "Keyword Sales",
                  "Cerebro IQ Score", "Search Volume", "Search Volume Trend", "H10 PPC Sugg. Bid",
                  "H10 PPC Sugg. Min Bid", "H10 PPC Sugg. Max Bid", "Sponsored ASINs", "Competing Products", "CPR",
                  "Title Density", "Amazon Recommended", "Sponsored", "Organic", "Sponsored Rank (avg)",
                  "Sponsored Rank (count)", "Amazon Recommended Rank (avg)", "Amazon Recommended Rank (count)",
                  "Position (Rank)", "Relative Rank", "Competitor Rank (avg)", "Ranking Competitors (count)",
                  "Competitor Performance Score"]
MAGNET_HEADER = ["Keyword Phrase", "Magnet IQ Score", "Search Volume", "Search Volume Trend", "Competing Products",
                 "CPR", "Keyword Sales", "Title Density"]

# keyword, search volume, trend %, competing products (Cerebro: reverse ASIN of the utensil set)
CEREBRO_KEYWORDS = [
    ("kitchen utensils", 98770, -9, 9870), ("cooking utensils set", 61210, -4, 7312),
    ("silicone cooking utensils", 24530, 12, 1500), ("kitchen utensil set", 22140, 3, 5410),
    ("silicone utensils", 14020, -3, 1200), ("silicone spatula set", 11870, 31, 1152),
    ("spatula", 9650, 2, 8800), ("utensil holder", 7310, 5, 4020), ("heat resistant utensils", 5120, 18, 640),
    ("non stick cooking utensils", 4622, 7, 980), ('=HYPERLINK("http://x","y")', 120, 0, 5),
]
MAGNET_KEYWORDS = [  # keyword, volume, trend, competing; overlaps with Cerebro on purpose (dedupe keeps the max)
    ("silicone utensils", 14020, -3, 1200), ("heat resistant spatula", 5300, 22, 720),
    ("bpa free kitchen utensils", 3180, 40, 410), ("wooden handle utensils", 2210, -11, 530),
]

LISTING_COLUMNS = ["asin", "sku", "version", "brand", "title", "bullet_1", "bullet_2", "bullet_3", "bullet_4",
                   "bullet_5", "description", "search_terms", "main_image_path", "other_image_paths"]
LISTINGS = [
    ["B0CKQ7RD21", "KU-12-RED", "current", "KitchenPro",
     "KitchenPro Silicone Cooking Utensils Set 12 Pcs!! Best Seller Kitchen Utensils Red",
     "HEAT RESISTANT to 446°F: silicone heads never melt.",
     "12 PIECES: spatulas, spoons, ladle, tongs and whisk.",
     "Money back guarantee if not satisfied.", "", "",
     "<p>A complete silicone utensil set. Only $19.99 - order now, free shipping!</p>",
     "spatula, ladle best new kitchen gadgets utensils",
     "{img}/KU-12-RED-main-grey.jpg", "{img}/KU-12-RED-2.jpg;{img}/KU-12-RED-3-small.jpg"],
    ["B0CKQ7RD21", "KU-12-RED", "draft", "KitchenPro",
     "KitchenPro Silicone Cooking Utensils Set, 12 Pcs Kitchen Utensil Set with Holder, Heat Resistant, Red",
     "HEAT RESISTANT UTENSILS: silicone heads stay firm up to 446 F, safe for non stick cookware.",
     "COMPLETE KITCHEN UTENSIL SET: spatula, slotted spoon, ladle, tongs, whisk and utensil holder.",
     "BPA FREE: food-grade silicone with stainless steel core.",
     "EASY TO CLEAN: dishwasher safe, one-piece design.",
     "GIFT READY: boxed set for new homes and weddings.",
     ("A complete 12-piece silicone utensil set with a holder.\nHeads stay firm up to 446 F and are safe for "
     "non stick cookware."), "spatula ladle whisk turner gadgets cookware nonstick pans",
     "{img}/KU-12-RED-main.jpg",
     ("{img}/KU-12-RED-2.jpg\n{img}/KU-12-RED-3.jpg\n{img}/KU-12-RED-4.jpg\n{img}/KU-12-RED-5.jpg\n"
     "{img}/KU-12-RED-6.jpg")],
    ["B0D1SPAT01", "SP-WH-01", "current", "KitchenPro",
     "Heat Resistant Silicone Spatula, White",
     "Flexible silicone blade.", "Heat resistant to 480 F.", "Dishwasher safe.", "", "",
     "", "rubber scraper baking", "{img}/SP-WH-01-main.jpg", "{img}/SP-WH-01-2.jpg"],
]
IMAGE_FOLDER = "listing-images"
MISSING_IMAGES = ("SP-WH-01-2.jpg",)  # listed in Listings but never drawn: shows FILE_NOT_FOUND


def _rows(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        w = csv.writer(f, quoting=csv.QUOTE_ALL)
        w.writerow(header)
        w.writerows(rows)
    return path


def write_cerebro(path: Path) -> Path:
    rows = []
    for i, (kw, vol, trend, comp) in enumerate(CEREBRO_KEYWORDS):
        iq = int(vol / max(comp, 1) * 50) + 100
        rows.append([kw, f"{30 - i * 2.1:.1f}", f"{33 - i * 2.3:.1f}", f"{vol // 20:,}", f"{iq:,}", f"{vol:,}",
                     str(trend), f"${0.9 + i * 0.11:.2f}", f"${0.6 + i * 0.07:.2f}", f"${1.4 + i * 0.15:.2f}",
                     str(40 + i * 9), ">1,000" if comp > 1000 else f"{comp:,}", str(20 + i * 3), str(5 + i),
                     str(i % 3), "1", "1", "-" if i % 4 == 3 else str(6 + i), str(i % 3), str(3 + i), "1",
                     str(5 + i * 2), str(1 + i), f"{9.4 + i:.1f}", str(8 + i % 3), f"{7.8 - i * 0.3:.1f}"])
    return _rows(path, CEREBRO_HEADER, rows)


def write_magnet(path: Path) -> Path:
    rows = [[kw, f"{int(vol / max(comp, 1) * 40) + 80:,}", f"{vol:,}", str(trend),
             ">1,000" if comp > 1000 else f"{comp:,}", str(10 + i * 4), "-" if i == 1 else f"{vol // 25:,}",
             str(3 + i)] for i, (kw, vol, trend, comp) in enumerate(MAGNET_KEYWORDS)]
    return _rows(path, MAGNET_HEADER, rows)


def listing_rows(image_folder: Path) -> list[list[str]]:
    """The sample Listings rows with image paths under ``image_folder``."""
    return [[v.replace("{img}", str(image_folder)) for v in row] for row in LISTINGS]


def write_images(folder: Path) -> Path:
    """Draw the sample images (deterministic): white-background mains, grey mains, lifestyle shots."""
    from PIL import Image, ImageDraw

    folder.mkdir(parents=True, exist_ok=True)

    def product(bg, size: int, box: float, name: str) -> None:
        img = Image.new("RGB", (size, size), bg)
        m = int(size * (1 - box) / 2)
        ImageDraw.Draw(img).rounded_rectangle((m, m, size - m, size - m), radius=size // 12, fill=(200, 40, 40))
        img.save(folder / name, quality=90)

    product("white", 1600, 0.9, "KU-12-RED-main.jpg")
    product((235, 235, 235), 1600, 0.7, "KU-12-RED-main-grey.jpg")
    for k in range(2, 7):
        product((170 + 10 * k, 160, 140), 1200, 0.6, f"KU-12-RED-{k}.jpg")
    product((180, 170, 160), 600, 0.6, "KU-12-RED-3-small.jpg")
    product("white", 1500, 0.88, "SP-WH-01-main.jpg")
    return folder


def write_listings(path: Path) -> Path:
    """The sample Listings rows as CSV, columns in the table's order (paste from row 4)."""
    return _rows(path, LISTING_COLUMNS, listing_rows(path.parent / IMAGE_FOLDER))


def sample_reports(folder: Path) -> list[Path]:
    folder = Path(folder)
    write_listings(folder / "listings-sample.csv")
    return [write_cerebro(folder / "Cerebro-B0CKQ7RD21-US.csv"), write_magnet(folder / "Magnet-silicone-utensils-US.csv")]


def fill_workbook(host: BookHost) -> None:
    """Put the sample listing rows into the workbook's ``Listings`` table (replacing what is there), with
    sample images drawn beside the workbook."""
    import pandas as pd

    base = Path(getattr(host, "path", None) or ".").resolve()
    folder = write_images((base.parent if base.suffix else base) / IMAGE_FOLDER)
    host.write_table("Listings", pd.DataFrame(listing_rows(folder), columns=LISTING_COLUMNS).astype(object))


__all__ = ["fill_workbook", "listing_rows", "sample_reports", "write_cerebro", "write_images", "write_listings",
           "write_magnet"]
