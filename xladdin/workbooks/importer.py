"""``xladdin import``: put recognised reports into a workbook's input tables.

Each report is read with :func:`xladdin.reports.read_report`; its canonical rows go into the input table
whose ``TableSpec.families`` names the report family.  Every import is recorded in the hidden
``_Imports`` sheet (``Imports`` table: import_id, family, table_name, file_name, date_from, date_to,
marketplace, rows, imported_at = local time of the import) and each imported row carries its ``import_id``
column, so importing a report of the same family and date range again REPLACES the earlier rows instead of
duplicating them.  Rows the operator pasted by hand (no import_id) are never touched.

An xladdin workbook as a source is last quarter's review (:mod:`xladdin.workbooks.last_quarter`): it
fills ``LastQuarter`` and replaces the previous last-quarter import whatever its dates (one quarter at a
time).  A log written before ``imported_at`` existed gains the column on the next import.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from xladdin.errors import Code, InputError
from xladdin.workbooks import last_quarter
from xladdin.workbooks.builder import IMPORTS_TABLE
from xladdin.workbooks.host import BookHost
from xladdin.workbooks.registry import get_template
from xladdin.workbooks.spec import TemplateSpec

IMPORT_ID = "import_id"
# Families a table holds one import of at a time: a new import replaces the old one whatever its dates.
SINGLE_IMPORT_FAMILIES = frozenset({last_quarter.FAMILY})


@dataclass(frozen=True)
class ImportResult:
    file_name: str
    family: str
    table: str
    rows: int
    replaced_rows: int
    date_from: dt.date | None
    date_to: dt.date | None


def _day(v: Any) -> str:
    if v is None or (not isinstance(v, str) and pd.isna(v)):
        return ""
    if isinstance(v, (dt.datetime, dt.date, pd.Timestamp)):
        return v.isoformat()[:10]
    return str(v)[:10]


def _concat(a: pd.DataFrame, b: pd.DataFrame, cols: list[str]) -> pd.DataFrame:
    parts = [p.reindex(columns=cols).astype(object) for p in (a, b) if len(p)]
    if not parts:
        return b.reindex(columns=cols)
    return pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0].reset_index(drop=True)


def _book_path(host: BookHost) -> Path | None:
    """The target workbook's file (headless: ``path``; Excel: the book's full name), to refuse importing it."""
    path = getattr(host, "path", None) or getattr(getattr(host, "book", None), "fullname", None)
    return Path(str(path)) if path else None


def import_reports(host: BookHost, sources: Sequence[str | os.PathLike[str] | Any], *,
                   spec: TemplateSpec | None = None, family: str | None = None) -> list[ImportResult]:
    """Import every report into ``host``; all reports are checked before the workbook changes.

    A source is a path, or a :class:`xladdin.reports.Report` already read (e.g. from a pasted range).
    """
    from xladdin.reports import Report, read_report

    if spec is None:
        kind = host.template_kind()
        if kind is None:
            raise InputError(Code.UNKNOWN_TABLE, "not an xladdin workbook (no xladdin_template name); "
                             "create one with xladdin new")
        spec = get_template(kind)
    reports = []
    for src in sources:
        if isinstance(src, Report):  # already read, e.g. a pasted range (the ribbon's "import selection")
            rep, name = src, src.meta.source
        elif (kind := last_quarter.workbook_kind(src)) is not None:
            rep, name = last_quarter.read_review(src, kind, book=_book_path(host)), Path(str(src)).name
        else:
            rep = read_report(src, family=family) if family else read_report(src)
            name = Path(str(src)).name
        t = spec.table_for_family(rep.meta.family)
        if t is None:
            takes = "; ".join(f"{x.name} ← {', '.join(x.families)}" for x in spec.inputs if x.families)
            raise InputError(Code.UNKNOWN_TABLE,
                             f"{name}: {rep.meta.family} has no input table in this "
                             f"{spec.kind} workbook / 本工作簿没有该报表的输入表; tables: {takes}")
        reports.append((name, rep, t))

    results = []
    now = dt.datetime.now().replace(microsecond=0)  # local time: what the operator's clock says
    with host.batch("xladdin: 导入中 / importing…"):
        log = host.read_table(IMPORTS_TABLE)
        for name, rep, t in reports:
            meta = rep.meta
            span = (_day(meta.date_from), _day(meta.date_to))
            same = log[(log["family"] == meta.family) & (log["table_name"] == t.name)]
            if meta.family not in SINGLE_IMPORT_FAMILIES:
                same = same[(same["date_from"].map(_day) == span[0]) & (same["date_to"].map(_day) == span[1])]
            old_ids = {int(x) for x in same["import_id"].dropna()}
            new_id = int(pd.to_numeric(log["import_id"], errors="coerce").max()) + 1 if len(log) else 1
            current = host.read_table(t.name)
            keep = ~pd.to_numeric(current[IMPORT_ID], errors="coerce").isin(old_ids) \
                if IMPORT_ID in current.columns else pd.Series(True, index=current.index)
            data = rep.data.reindex(columns=[c for c in t.keys if c != IMPORT_ID and c in rep.data.columns])
            data[IMPORT_ID] = new_id
            cols = list(current.columns) + [c for c in data.columns if c not in current.columns]
            host.write_table(t.name, _concat(current[keep], data, cols))
            log = log[~log["import_id"].isin(old_ids)]
            entry = pd.DataFrame([{"import_id": new_id, "family": meta.family, "table_name": t.name,
                                   "file_name": name, "date_from": meta.date_from, "date_to": meta.date_to,
                                   "marketplace": meta.marketplace, "rows": len(rep.data), "imported_at": now}])
            log = _concat(log, entry, list(log.columns) + [c for c in entry.columns if c not in log.columns])
            results.append(ImportResult(name, meta.family, t.name, len(rep.data), int((~keep).sum()),
                                        meta.date_from, meta.date_to))
        host.write_table(IMPORTS_TABLE, log)
    return results
