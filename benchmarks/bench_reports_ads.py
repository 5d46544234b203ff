"""Speed of normalising a large Sponsored Products search term report, beside merely reading it.

Run: .venv/bin/python benchmarks/bench_reports_ads.py [--rows 200000] [--only csv|xlsx]

Goal (issue 3): ``read_report`` on a generated 200,000-row search term report takes at most 1.5x the time of
the fastest plain reader of the same file: ``pandas.read_csv(engine="pyarrow")`` for the CSV, python-calamine
(``get_sheet_by_name(...).to_python()``) for the XLSX.  Figures are printed, never asserted: this is not a test.

The cases follow the ``Case(name, make, baseline)`` shape described in ``xladdin/reports/FRAMEWORK.md`` §5,
so they can move into ``benchmarks/bench_reports.py`` unchanged.  Building the XLSX with openpyxl takes
about a minute for 200,000 rows; the files live in a temporary folder.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import random
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "reports"))

from timing import best_of  # noqa: E402

import ads_data as D  # noqa: E402  (header rows and value formats shared with the fixtures)

SHEET = "Sponsored Product Search Term R"



@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]  # writes the input file into a folder, returns its path
    baseline: Callable[[Path], object]  # the fastest plain reader of that file


def _logical(n: int) -> list[dict]:
    """n search-term rows with realistic variety (many distinct terms, campaigns and counts)."""
    rnd = random.Random(42)
    base = D.st_logical("USD")
    out = []
    for i in range(n):
        r = dict(base[i % len(base)])
        r["search_term"] = f"{r['search_term']} {rnd.randrange(60_000)}"
        r["campaign_name"] = f"{r['campaign_name']}_{rnd.randrange(400)}"
        r["ad_group_name"] = f"{r['ad_group_name']}_{rnd.randrange(40)}"
        imp = rnd.randrange(0, 60_000)
        clk = rnd.randrange(0, max(1, imp // 50 + 1))
        spend = round(clk * rnd.uniform(0.2, 2.5), 2)
        orders = rnd.randrange(0, clk + 1) if clk else 0
        sales = round(orders * rnd.uniform(8, 60), 2)
        r.update(impressions=imp, clicks=clk, spend=spend, sales=sales, orders=orders, units=orders,
                 ctr=round(clk / imp, 4) if imp else 0.0, cpc=round(spend / clk, 2) if clk else 0.0,
                 acos=round(spend / sales, 4) if sales else None, roas=round(sales / spend, 2) if spend else 0.0,
                 cvr=round(orders / clk, 4) if clk else 0.0, advertised_sku_units=orders, other_sku_units=0,
                 advertised_sku_sales=sales, other_sku_sales=0.0)
        out.append(r)
    return out


def make_csv(n: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        p = folder / f"search_term_{n}.csv"
        with p.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(D.HEADER_ST_EN)
            for r in _logical(n):
                w.writerow([D.fmt_cell(c, r[c], "en", "$") for c in D.ST_ORDER])
        return p

    return make


def make_xlsx(n: int) -> Callable[[Path], Path]:
    def make(folder: Path) -> Path:
        from openpyxl import Workbook

        p = folder / f"search_term_{n}.xlsx"
        wb = Workbook(write_only=True)
        ws = wb.create_sheet(SHEET)
        ws.append(D.HEADER_ST_EN)
        for r in _logical(n):
            ws.append([dt.datetime(r[c].year, r[c].month, r[c].day) if c in D.DATES else r[c] for c in D.ST_ORDER])
        wb.save(p)
        return p

    return make


def read_csv_pyarrow(p: Path):
    import pandas as pd

    return pd.read_csv(p, engine="pyarrow")


def read_xlsx_calamine(p: Path):
    from python_calamine import CalamineWorkbook

    return CalamineWorkbook.from_path(str(p)).get_sheet_by_name(SHEET).to_python()


def ads_cases(n: int) -> list[Case]:
    return [Case(f"SP search term CSV, {n:,} rows", make_csv(n), read_csv_pyarrow),
            Case(f"SP search term XLSX, {n:,} rows", make_xlsx(n), read_xlsx_calamine)]


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--only", choices=("csv", "xlsx"))
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from xladdin.reports import read_report

    cases = [c for c in ads_cases(args.rows) if not args.only or args.only.upper() in c.name]
    print(f"{'case':<34} {'normalise':>10} {'baseline':>10} {'ratio':>6}  goal <= 1.5")
    with tempfile.TemporaryDirectory() as tmp:
        for case in cases:
            t = time.perf_counter()
            path = case.make(Path(tmp))
            built = time.perf_counter() - t
            rep = read_report(path)
            assert rep.meta.rows == args.rows and rep.meta.family == "sp_search_term"
            norm = best_of(lambda: read_report(path), args.repeat)
            base = best_of(lambda: case.baseline(path), args.repeat)
            print(f"{case.name:<34} {norm:>9.3f}s {base:>9.3f}s {norm / base:>6.2f}  (file built in {built:.0f} s, "
                  f"{path.stat().st_size / 1e6:.0f} MB)")


if __name__ == "__main__":
    main()
