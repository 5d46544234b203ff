"""Import and refresh of the Ads workbook with a large search term report, beside the unavoidable I/O.

Run: .venv/bin/python benchmarks/bench_workbook.py [--rows 200000]

Goal (issue 4): ``xladdin import --refresh`` (import and refresh in one pass) of the Ads workbook with a generated 200,000-row
search term report (XLSX) take at most 2x the unavoidable I/O measured in the same run: a python-calamine
read of the report plus an openpyxl write-only write of the same cells.  Each side runs in its own
subprocess so its peak memory (max RSS) is its own.  A third run refreshes the saved workbook again
(``xladdin refresh``: the next day's refresh of a workbook that already holds the big table).  Figures are printed, never asserted: not a test.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: KiB


def baseline(report: Path, out: Path) -> dict:
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    t0 = time.perf_counter()
    wb = CalamineWorkbook.from_path(str(report))
    rows = wb.get_sheet_by_name(wb.sheet_names[0]).to_python()
    t1 = time.perf_counter()
    out_wb = Workbook(write_only=True)
    ws = out_wb.create_sheet("SearchTerms")
    for r in rows:
        ws.append(r)
    out_wb.save(out)
    t2 = time.perf_counter()
    return {"read": t1 - t0, "write": t2 - t1, "total": t2 - t0, "peak_mb": _peak_mb()}


def xladdin_run(report: Path, book: Path) -> dict:
    """``xladdin import --refresh BOOK REPORT``: one open, import, refresh, one save (the operator's command)."""
    from xladdin.workbooks import OpenpyxlHost, refresh_book
    from xladdin.workbooks.builder import build_workbook, save_workbook
    from xladdin.workbooks.importer import import_reports
    from xladdin.workbooks.registry import get_template

    save_workbook(build_workbook(get_template("ads")), book, backup=False)
    t0 = time.perf_counter()
    host = OpenpyxlHost.open(book)
    results = import_reports(host, [report])  # detect + normalise + write into the SearchTerms table
    t1 = time.perf_counter()
    refresh_book(host)
    t2 = time.perf_counter()
    host.save()
    t3 = time.perf_counter()
    return {"import": t1 - t0, "refresh": t2 - t1, "save": t3 - t2, "total": t3 - t0,
            "rows": sum(getattr(r, "rows", 0) for r in results), "peak_mb": _peak_mb()}


def refresh_again(report: Path, book: Path) -> dict:
    """``xladdin refresh BOOK`` on the workbook the first run saved (the next morning: open, refresh, save)."""
    from xladdin.workbooks import OpenpyxlHost, refresh_book

    t0 = time.perf_counter()
    host = OpenpyxlHost.open(book)
    t1 = time.perf_counter()
    refresh_book(host)
    t2 = time.perf_counter()
    host.save()
    t3 = time.perf_counter()
    return {"open": t1 - t0, "refresh": t2 - t1, "save": t3 - t2, "total": t3 - t0, "peak_mb": _peak_mb()}


def _child(kind: str, report: str, out: str) -> None:
    fn = {"baseline": baseline, "xladdin": xladdin_run, "refresh": refresh_again}[kind]
    print(json.dumps(fn(Path(report), Path(out))))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=200_000)
    ap.add_argument("--child", nargs=3, metavar=("KIND", "REPORT", "OUT"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        _child(*args.child)
        return
    from bench_reports_ads import make_xlsx

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        print(f"generating a {args.rows:,}-row search term report (XLSX)…", flush=True)
        report = make_xlsx(args.rows)(folder)

        def run(kind: str, out: str) -> dict:
            p = subprocess.run([sys.executable, __file__, "--child", kind, str(report), str(folder / out)],
                               capture_output=True, text=True)
            if p.returncode:
                raise SystemExit(f"{kind} run failed:\n{p.stderr}")
            return json.loads(p.stdout.strip().splitlines()[-1])

        base = run("baseline", "baseline.xlsx")
        ours = run("xladdin", "ads.xlsx")
        again = run("refresh", "ads.xlsx")
    print(f"report rows: {ours['rows']:,}")
    print(f"baseline  calamine read {base['read']:.2f} s + openpyxl write-only {base['write']:.2f} s"
          f" = {base['total']:.2f} s, peak {base['peak_mb']:.0f} MB")
    print(f"xladdin   import --refresh: import (read, normalise, write) {ours['import']:.2f} s,"
          f" refresh (read, compute, write) {ours['refresh']:.2f} s, save {ours['save']:.2f} s"
          f" = {ours['total']:.2f} s, peak {ours['peak_mb']:.0f} MB")
    print(f"ratio     {ours['total'] / base['total']:.2f}x (goal ≤ 2x)")
    print(f"refresh of the saved workbook: open {again['open']:.2f} s, refresh {again['refresh']:.2f} s,"
          f" save {again['save']:.2f} s = {again['total']:.2f} s ({again['total'] / base['total']:.2f}x),"
          f" peak {again['peak_mb']:.0f} MB")


if __name__ == "__main__":
    main()
