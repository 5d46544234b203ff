"""The Excel host: a workbook open in Excel, driven through xlwings 0.37.8 (open-source part only).

Every block is one COM round trip: a table is read with one ``Range.options(ndim=2).value`` and its body
written with one ``Range.value = rows`` (list of row lists); number formats cost one call per
formatted column.  While writing, ``app.screen_updating`` is off and calculation manual; both, and the
status bar, are restored in ``finally`` whatever happens.

Text that Excel would parse as a formula gets a leading apostrophe (Excel's own "this is text" marker,
not shown in the cell).  Charts over whole table columns follow a resized Table by themselves in Excel.
Nothing here imports xlwings: the host receives an ``xlwings.Book`` (or any object with its API), so
the module loads on Linux and the tests drive it with a recording fake.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterator, Mapping
from typing import Any

import pandas as pd

from xladdin.errors import Code, InputError
from xladdin.workbooks.host import Block, BookHost, Formula, frame_rows
from xladdin.workbooks.safety import check_rows, looks_like_formula


def excel_value(v: Any) -> Any:
    """One Python value as xlwings should write it: formula-looking text gets Excel's apostrophe."""
    if isinstance(v, Formula):
        return v.text
    if isinstance(v, str):
        return "'" + v if looks_like_formula(v) else v
    if isinstance(v, float) and not math.isfinite(v):
        return None
    return v


class XlwingsHost(BookHost):
    host_name = "xlwings"

    def __init__(self, book: Any, *, labels: Mapping[str, tuple[str, str]] | None = None):
        super().__init__(labels)
        self.book = book

    @property
    def app(self) -> Any:
        return self.book.app

    def _find(self, table: str) -> tuple[Any, Any]:
        for sheet in self.book.sheets:
            for t in sheet.tables:
                if t.name.lower() == table.lower():
                    return sheet, t
        raise InputError(Code.UNKNOWN_TABLE, table)

    def table_names(self) -> list[str]:
        return [t.name for sheet in self.book.sheets for t in sheet.tables]

    def _read_block(self, table: str) -> Block:
        sheet, t = self._find(table)
        rng = t.range
        grid = rng.options(ndim=2).value  # one call for header + body
        header = [str(h) if h is not None else f"column{i + 1}" for i, h in enumerate(grid[0])]
        rows = [list(r) for r in grid[1:]]
        formulas: dict[str, str] = {}
        if rows:
            # Calculated columns: one call for the formulas of the first data row.
            f = sheet.range((rng.row + 1, rng.column), (rng.row + 1, rng.column + len(header) - 1)).formula
            first = [f] if isinstance(f, str) else list(f[0])
            for j, text in enumerate(first):
                if isinstance(text, str) and text.startswith("=") and ("[#This Row]" in text or "[@" in text):
                    formulas[header[j]] = text
            for key in formulas:
                j = header.index(key)
                for r in rows:
                    r[j] = None
        return Block(sheet.name, rng.row, rng.column, header, rows, formulas)

    def _write_block(self, table: str, old: Block, header: list[str], new_labels: dict[int, str],
                     rows: list[list[Any]], formats: dict[int, str]) -> None:
        sheet, t = self._find(table)
        r0, c0 = old.first_row, old.first_col
        c_last = c0 + len(header) - 1
        if header != old.header:
            sheet.range((r0, c0), (r0, c_last)).value = [header]
        if new_labels and r0 > 1:
            j1, j2 = min(new_labels), max(new_labels)
            sheet.range((r0 - 1, c0 + j1), (r0 - 1, c0 + j2)).value = [
                [new_labels.get(j) for j in range(j1, j2 + 1)]]
        new_last = r0 + max(1, len(rows))
        t.resize(sheet.range((r0, c0), (new_last, c_last)))
        if rows:
            sheet.range((r0 + 1, c0), (new_last, c_last)).value = [[excel_value(v) for v in r] for r in rows]
        else:
            sheet.range((r0 + 1, c0), (r0 + 1, c_last)).clear_contents()
        if old.last_row > new_last:
            sheet.range((new_last + 1, c0), (old.last_row, c_last)).clear_contents()
        for j, fmt in formats.items():
            sheet.range((r0 + 1, c0 + j), (new_last, c0 + j)).number_format = fmt

    def defined_names(self) -> list[str]:
        return [n.name for n in self.book.names]

    def read_named(self, name: str) -> Any:
        n = self.book.names[name]
        refers = n.refers_to or ""
        if refers.startswith('="'):
            return refers[2:-1].replace('""', '"')
        return n.refers_to_range.value

    def write_named(self, name: str, value: Any) -> None:
        rng = self.book.names[name].refers_to_range
        grid = frame_rows(value) if isinstance(value, pd.DataFrame) else (
            value if isinstance(value, list) else None)
        if grid is None:
            rng[0, 0].value = excel_value(value)
            return
        check_rows(rng.row - 1 + len(grid), name, limit=1_048_576)
        if grid:
            rng.sheet.range((rng.row, rng.column), (rng.row + len(grid) - 1, rng.column + len(grid[0]) - 1)
                            ).value = [[excel_value(v) for v in r] for r in grid]

    def status(self, message: str | None) -> None:
        self.app.status_bar = message if message is not None else False

    @contextlib.contextmanager
    def batch(self, message: str | None = None) -> Iterator[None]:
        app = self.app
        screen, status, calc = app.screen_updating, app.status_bar, app.calculation
        try:
            app.screen_updating = False
            if calc != "manual":
                app.calculation = "manual"
            if message:
                app.status_bar = message
            yield
        finally:
            app.calculation = calc
            app.screen_updating = screen
            app.status_bar = status

    def save(self) -> None:
        self.book.save()
