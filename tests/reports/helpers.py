"""Helpers for report tests: fixture writers, frame comparison, the real-exports folder.

Real exports (../shared/real-exports, see SOURCES.md there) are read in place and never copied into the
project; tests that need them skip with a reason when the folder is absent (a user's clone).
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any, Sequence

import pandas as pd
import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
REAL_EXPORTS = REPO_ROOT.parent / "shared" / "real-exports"
REFERENCE = REPO_ROOT.parent / "shared" / "reference"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def real_export(name: str) -> Path:
    """Path of one real export, or skip the test with a clear reason."""
    if not REAL_EXPORTS.is_dir():
        pytest.skip(f"real exports folder not found at {REAL_EXPORTS} (only present in the team workspace)")
    p = REAL_EXPORTS / name
    if not p.is_file():
        pytest.skip(f"real export {name!r} not found in {REAL_EXPORTS}")
    return p


def csv_text(header: Sequence[Any], rows: Sequence[Sequence[Any]], *, delimiter: str = ",",
             quoting: int = csv.QUOTE_MINIMAL, lineterminator: str = "\n") -> str:
    buf = io.StringIO()
    extra = {"quotechar": None} if quoting == csv.QUOTE_NONE else {}
    w = csv.writer(buf, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator, **extra)
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def write_csv(path: Path, header: Sequence[Any], rows: Sequence[Sequence[Any]], *, encoding: str = "utf-8",
              delimiter: str = ",", bom: bool = False, quoting: int = csv.QUOTE_MINIMAL,
              lineterminator: str = "\n") -> Path:
    """Write a delimited file in an explicit encoding (never the locale's)."""
    text = csv_text(header, rows, delimiter=delimiter, quoting=quoting, lineterminator=lineterminator)
    data = text.encode(encoding)
    if bom and encoding.replace("_", "-").lower() in ("utf-8", "utf8"):
        data = b"\xef\xbb\xbf" + data
    path.write_bytes(data)
    return path


def write_xlsx(path: Path, sheets: dict[str, Sequence[Sequence[Any]]]) -> Path:
    """Write an XLSX with openpyxl: {sheet name: [header, *rows]} (values keep their Python types)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        for r in rows:
            ws.append(list(r))
    wb.save(path)
    return path


def assert_same_frame(a: pd.DataFrame, b: pd.DataFrame, **kw: Any) -> None:
    pd.testing.assert_frame_equal(a.reset_index(drop=True), b.reset_index(drop=True), check_exact=False,
                                  rtol=1e-12, **kw)
