"""Report normalisation speed beside merely reading the same file with the fastest reader.

Run: ``python benchmarks/bench_reports.py [--repeat 15] [--only myi]``.  A script that prints figures, not a
test.  Each case generates its file into a temporary folder, then times, side by side in one run,

* ``normalise``: :func:`xladdin.reports.read_report` (detection, encoding, typing of every column, problems);
* ``baseline``: the fastest plain read of the same file (``pandas.read_csv(engine="pyarrow")`` for CSV/TSV,
  python-calamine for XLSX), which types nothing Amazon-specific;

and prints the best-of-N times and their ratio (goal for the 20,000-row MYI file: at most 1.5x).

Adding a case (e.g. the 200,000-row search-term CSV / XLSX): append ``Case(name, make, baseline)`` to
``CASES``; ``make(tmp_dir) -> Path`` writes the file, ``baseline(path)`` reads it the plain way.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from timing import best_of  # noqa: E402

from xladdin.reports import read_report  # noqa: E402

MYI_HEADER = ["sku", "fnsku", "asin", "product-name", "condition", "your-price", "mfn-listing-exists",
              "mfn-fulfillable-quantity", "afn-listing-exists", "afn-warehouse-quantity", "afn-fulfillable-quantity",
              "afn-unsellable-quantity", "afn-reserved-quantity", "afn-total-quantity", "per-unit-volume",
              "afn-inbound-working-quantity", "afn-inbound-shipped-quantity", "afn-inbound-receiving-quantity",
              "afn-researching-quantity", "afn-reserved-future-supply", "afn-future-supply-buyable"]


@dataclass
class Case:
    name: str
    make: Callable[[Path], Path]
    baseline: Callable[[Path], object]
    run: Callable[[Path], object] = read_report


def make_myi(tmp: Path, n: int = 20_000) -> Path:
    """A Manage FBA Inventory flat file as Amazon writes it: tab-delimited, hyphenated English header."""
    rnd = random.Random(3)
    lines = ["\t".join(MYI_HEADER)]
    for i in range(n):
        fulfillable = rnd.randint(0, 3000)
        unsellable, reserved = rnd.randint(0, 9), rnd.randint(0, 99)
        inbound = [rnd.choice([0, 0, 0, rnd.randint(1, 900)]) for _ in range(3)]
        mfn = rnd.choice(["", "", str(rnd.randint(0, 50))])
        lines.append("\t".join([
            f"SKU-{i:06d}-{rnd.choice('ABCDEFGH')}", f"X00{rnd.randint(10**6, 10**7 - 1)}", f"B0{rnd.randint(10**7, 10**8 - 1)}",
            f'Silicone Kitchen Utensils Set {i % 97} Pcs, Heat Resistant - {rnd.choice(["Red", "Black", "Grey"])} 31" x 19"',
            "New", f"{rnd.randint(5, 200)}.{rnd.randint(0, 99):02d}", "Yes" if mfn else "No", mfn, "Yes",
            str(fulfillable + unsellable + reserved), str(fulfillable), str(unsellable), str(reserved),
            str(fulfillable + unsellable + reserved + sum(inbound)), f"{rnd.random():.2f}", *map(str, inbound),
            "0", "0", "0",
        ]))
    p = tmp / "myi_20000.txt"
    p.write_bytes(("\n".join(lines) + "\n").encode("utf-8"))
    return p


def baseline_csv(sep: str) -> Callable[[Path], object]:
    return lambda p: pd.read_csv(p, sep=sep, engine="pyarrow")


def baseline_xlsx(p: Path) -> object:
    from python_calamine import CalamineWorkbook

    wb = CalamineWorkbook.from_path(str(p))
    return [wb.get_sheet_by_name(n).to_python() for n in wb.sheet_names]


CASES: list[Case] = [
    Case("myi-20k-tsv", make_myi, baseline_csv("\t")),
]


def search_term_cases(n: int = 200_000) -> list[Case]:
    """The generated 200,000-row SP search term report, as CSV and as XLSX (goal: at most 1.5x).

    The files are written by ``bench_reports_ads.py`` (same folder), which can also be run on its own.
    Building the XLSX with openpyxl takes about half a minute.
    """
    import bench_reports_ads as ads

    return [Case("sp-search-term-200k-csv", ads.make_csv(n), baseline_csv(",")),
            Case("sp-search-term-200k-xlsx", ads.make_xlsx(n), baseline_xlsx)]


CASES += search_term_cases()



def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=15)
    ap.add_argument("--only", default=None, help="run only cases whose name contains this text")
    args = ap.parse_args(argv)
    print(f"{'case':<28}{'rows':>9}{'normalise ms':>15}{'baseline ms':>14}{'ratio':>8}")
    with tempfile.TemporaryDirectory() as d:
        for case in CASES:
            if args.only and args.only not in case.name:
                continue
            path = case.make(Path(d))
            rep = case.run(path)  # warm-up (imports, discovery) and a sanity check
            case.baseline(path)
            # Interleave the two so that both see the same machine state.
            t_norm, t_base = [], []
            for _ in range(args.repeat):
                t_base.append(best_of(lambda: case.baseline(path), 1))
                t_norm.append(best_of(lambda: case.run(path), 1))
            tn, tb = min(t_norm), min(t_base)
            rows = len(rep.data) if hasattr(rep, "data") else "?"
            print(f"{case.name:<28}{rows:>9}{tn * 1e3:>15.1f}{tb * 1e3:>14.1f}{tn / tb:>7.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
