"""Last quarter's review workbook as an import source (``xladdin import THIS.xlsx LAST_QUARTER.xlsx``).

A source file is an xladdin workbook when its ``xl/workbook.xml`` defines ``xladdin_template`` (checked in
the ZIP, without loading a possibly large report).  A quarterly-review workbook becomes a
:class:`~xladdin.reports.Report` of family :data:`FAMILY` whose rows are its refreshed ``SkuReview``
(:data:`~xladdin.workbooks.quarterly_compare.LAST_COLUMNS`) and whose date range is the quarter its refresh
used (the same non-overlapping Business Reports), so the importer logs and replaces it like a report.

Refused, with a bilingual error: a workbook of another kind (``UNKNOWN_TABLE``), one never refreshed or
with an empty review (``NO_DATA``), the very workbook being imported into (``BAD_CHOICE``).
"""

from __future__ import annotations

import html
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from xladdin.errors import Code, InputError
from xladdin.workbooks.spec import HEADER_ROW

FAMILY = "xladdin_quarterly_review"
SOURCE_KIND = "quarterly"
REVIEW_TABLE = "SkuReview"
_WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")
_TEMPLATE_NAME = re.compile(rb'<(?:\w+:)?definedName\b[^>]*\bname="xladdin_template"[^>]*>([^<]*)<')


def workbook_kind(path: str | os.PathLike[str]) -> str | None:
    """The xladdin template kind of the workbook at ``path``, or None (not a workbook, or not ours)."""
    p = Path(path)
    if p.suffix.lower() not in _WORKBOOK_SUFFIXES or not p.is_file():
        return None
    try:
        with zipfile.ZipFile(p) as z:
            xml = z.read("xl/workbook.xml")
    except (zipfile.BadZipFile, KeyError, OSError):
        return None  # the report readers give their own error for a broken file
    m = _TEMPLATE_NAME.search(xml)
    return html.unescape(m.group(1).decode("utf-8")).strip().strip('"') if m else None


def _same_file(a: Path, b: Path | None) -> bool:
    if b is None:
        return False
    try:
        return a.samefile(b)
    except OSError:
        return a.resolve() == b.resolve()


def read_review(path: str | os.PathLike[str], kind: str, *, book: str | os.PathLike[str] | None = None) -> Any:
    """Last quarter's ``SkuReview`` as a Report (see the module docstring); ``book`` = the target's path."""
    import pandas as pd

    from xladdin.reports.base import Report, ReportMeta, empty_problems
    from xladdin.workbooks import quarterly_analysis as qa
    from xladdin.workbooks.host import OpenpyxlHost
    from xladdin.workbooks.quarterly_compare import LAST_COLUMNS
    from xladdin.workbooks.refresh_inventory import business_reports_by_import

    p = Path(path)
    if _same_file(p, Path(book) if book else None):
        raise InputError(Code.BAD_CHOICE, f"{p.name} is the workbook being imported into; give last quarter's "
                         f"review workbook / 不能把工作簿导入自身，请选择上季度的复盘工作簿")
    if kind != SOURCE_KIND:
        raise InputError(Code.UNKNOWN_TABLE, f"{p.name} is an xladdin {kind} workbook; only a quarterly review "
                         f"workbook can fill LastQuarter / 这是 {kind} 工作簿，只能导入季度复盘工作簿")
    src = OpenpyxlHost.open(p)
    review = src.read_table(REVIEW_TABLE) if REVIEW_TABLE in src.table_names() else pd.DataFrame()
    if "sku" in review.columns:
        review = review[review["sku"].astype("string").str.strip().fillna("") != ""]
    if review.empty:
        raise InputError(Code.NO_DATA, f"{p.name}: its SkuReview is empty — refresh that workbook first (xladdin "
                         f"refresh) / 上季度工作簿的 SkuReview 为空，请先刷新该工作簿")
    # The quarter its refresh used: the same choice of non-overlapping Business Reports.
    _, d0, d1, _ = qa.choose_reports(business_reports_by_import(src, []), [])
    data = review.reindex(columns=LAST_COLUMNS).reset_index(drop=True)
    market = src.settings_values().get("marketplace")
    meta = ReportMeta(family=FAMILY, title="xladdin quarterly review / 季度复盘", language="xladdin",
                      marketplace=str(market) if market else None, currency=None, date_from=d0, date_to=d1,
                      date_source="workbook" if d0 else None, source=p.name, source_format="xlsx", encoding=None,
                      delimiter=None, sheet=REVIEW_TABLE, header_row=HEADER_ROW, rows=len(data),
                      columns={c: c for c in LAST_COLUMNS}, unmapped=[], missing=[])
    return Report(data, meta, empty_problems(), pd.DataFrame(index=data.index))


__all__ = ["FAMILY", "read_review", "workbook_kind"]
