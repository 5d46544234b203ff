"""One refresh engine, two hosts: the workbook adapter.

:class:`BookHost` is the only interface refresh, import and the analytics use to touch a workbook.
Two implementations exist, and this package is the only code that knows which one runs:

* :class:`OpenpyxlHost` — headless, a file on disk (CLI, CI, a server);
* :class:`xladdin.workbooks.xlwings_host.XlwingsHost` — a workbook open in Excel (the ribbon, issue 6).

The shared logic (what a table becomes after a write, which operator values survive, formats by column
name, text safety, the row limit) lives here in :class:`BookHost`; a host implements only the
primitives ``_read_block`` / ``_write_block`` / named cells / status / screen updating / save.

``write_table(name, df)`` rules:

* the table's existing columns keep their position; ``df`` columns new to the table are appended on the
  right (their row-2 label comes from the templates' label dictionary, else the key);
* a table column absent from ``df`` is an *operator column* (Approve, notes, a column the operator
  added): it is never deleted, and its values follow their row, matched by ``key`` (default: the text
  columns ``df`` shares with the table);
* calculated (formula) columns of the table are re-filled with their formula on every row;
* the body is replaced and the Table resized (an empty result keeps one blank row: Excel Tables need one);
* number formats follow :func:`~xladdin.workbooks.formats.format_for`; ``General`` columns keep theirs;
* text starting with ``=``, ``+``, ``-``, ``@``, tab or CR is written as text, never as a formula.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import math
import os
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from xladdin.errors import Code, InputError, XladdinError
from xladdin.settings import Settings, load_settings
from xladdin.workbooks.formats import GENERAL, format_for
from xladdin.workbooks.safety import atomic_save, check_rows, looks_like_formula
from xladdin.workbooks.spec import FIRST_DATA_ROW, HEADER_ROW, LABEL_ROW
from xladdin.workbooks.streamed_bodies import STREAM_MIN_ROWS, StreamedBody, open_cut, read_cut
from xladdin.workbooks.streamed_bodies import save_workbook as save_streamed

TEMPLATE_NAME = "xladdin_template"  # defined name holding the template kind, e.g. ="ads"
SETTINGS_TABLE = "Settings"


@dataclass(frozen=True)
class Formula:
    """A template formula for a calculated column (written as a formula, never escaped)."""

    text: str  # with the leading "="


@dataclass
class Block:
    """A table as the host sees it: position, header keys, data rows, calculated-column formulas."""

    sheet: str
    first_row: int  # header row
    first_col: int
    header: list[str]
    rows: list[list[Any]]
    formulas: dict[str, str]  # key -> "=..." for calculated columns

    @property
    def last_row(self) -> int:
        return self.first_row + max(1, len(self.rows))


def _is_blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and v.strip() == "") or (isinstance(v, float) and math.isnan(v))


def column_values(s: pd.Series) -> list[Any]:
    """A column as plain Python cell values: None for missing, datetime for dates, int/float/str/bool."""
    if pd.api.types.is_datetime64_any_dtype(s.dtype):
        if getattr(s.dt, "tz", None) is not None:
            s = s.dt.tz_localize(None)
        out: list[Any] = [None if pd.isna(v) else v.to_pydatetime() for v in s]
        return out
    if pd.api.types.is_bool_dtype(s.dtype) or pd.api.types.is_numeric_dtype(s.dtype):
        vals = s.astype(object).where(s.notna(), None).tolist()
        vals = [v.item() if isinstance(v, np.generic) else v for v in vals]
        # An infinity has no cell value: it is written as an empty cell, like a missing one.
        return [None if isinstance(v, float) and not math.isfinite(v) else v for v in vals]
    out = []
    for v in s.tolist():
        # Missing values, infinities and zero-length text are written as empty cells (never as "" text).
        if v is None or v is pd.NA or v is pd.NaT or (isinstance(v, float) and not math.isfinite(v)) or v == "":
            out.append(None)
        elif isinstance(v, pd.Timestamp):
            out.append(v.to_pydatetime())
        elif isinstance(v, np.generic):
            out.append(v.item())
        elif isinstance(v, (str, int, float, bool, dt.datetime, dt.date, Formula)):
            out.append(v)
        else:
            out.append(str(v))
    return out


def frame_rows(df: pd.DataFrame) -> list[list[Any]]:
    """DataFrame → list of row lists of plain Python values (one pass per column)."""
    cols = [column_values(df[c]) for c in df.columns]
    return [list(r) for r in zip(*cols)] if cols else [[] for _ in range(len(df))]


def _key_tuple(values: Sequence[Any]) -> tuple[str, ...]:
    out = []
    for v in values:
        if _is_blank(v):
            out.append("")
        elif isinstance(v, float) and v.is_integer():
            out.append(str(int(v)))
        elif isinstance(v, (dt.datetime, dt.date)):
            out.append(v.isoformat()[:10])
        else:
            out.append(str(v).strip())
    return tuple(out)


def _file_formula(formula: str, table: str) -> str:
    """``[@clicks]`` (what operators type) → ``Table[[#This Row],[clicks]]`` (what the file stores)."""
    return re.sub(r"\[@([A-Za-z_][A-Za-z0-9_]*)\]", lambda m: f"{table}[[#This Row],[{m.group(1)}]]", formula)


class BookHost(ABC):
    """The workbook adapter.  See the module docstring for the write rules."""

    host_name: str = ""

    def __init__(self, labels: Mapping[str, tuple[str, str]] | None = None):
        self._labels = labels

    # ----- primitives a host implements -------------------------------------------------------
    @abstractmethod
    def table_names(self) -> list[str]:
        """Every Excel Table in the workbook (the Excel spelling)."""

    @abstractmethod
    def _read_block(self, table: str) -> Block: ...

    @abstractmethod
    def _write_block(self, table: str, old: Block, header: list[str], new_labels: dict[int, str],
                     rows: list[list[Any]], formats: dict[int, str]) -> None:
        """Write header (if changed), labels of new columns, the body; resize the Table; clear leftovers."""

    @abstractmethod
    def read_named(self, name: str) -> Any:
        """Value of a defined name: a scalar for one cell, else a list of row lists."""

    @abstractmethod
    def write_named(self, name: str, value: Any) -> None:
        """Write a scalar, or a list of row lists / DataFrame (values only) from the name's top-left cell."""

    @abstractmethod
    def defined_names(self) -> list[str]: ...

    @abstractmethod
    def status(self, message: str | None) -> None:
        """Show a status message (None gives the status bar back to the application)."""

    @abstractmethod
    @contextlib.contextmanager
    def batch(self, message: str | None = None) -> Iterator[None]:
        """Screen updating off (and the message shown) while writing; always restored."""

    @abstractmethod
    def save(self) -> None: ...

    # ----- shared logic ---------------------------------------------------------------------------
    def resolve_table(self, name: str) -> str:
        for t in self.table_names():
            if t.lower() == name.lower():
                return t
        raise InputError(Code.UNKNOWN_TABLE, f"{name!r}; tables / 表: {', '.join(sorted(self.table_names()))}")

    def read_table(self, name: str) -> pd.DataFrame:
        """The table body as a DataFrame, columns = header keys; blank rows dropped."""
        b = self._read_block(self.resolve_table(name))
        rows = [r for r in b.rows if not all(_is_blank(v) for v in r)]
        df = pd.DataFrame(rows, columns=b.header, dtype=object) if rows else pd.DataFrame(
            {h: pd.Series(dtype=object) for h in b.header})
        return df.infer_objects()

    def labels(self) -> Mapping[str, tuple[str, str]]:
        if self._labels is None:
            from xladdin.workbooks.registry import known_labels

            self._labels = known_labels()
        return self._labels

    def write_table(self, name: str, df: pd.DataFrame, *, key: Sequence[str] | None = None) -> None:
        """Replace the body of table ``name`` by ``df`` (see the module docstring)."""
        table = self.resolve_table(name)
        if df.columns.duplicated().any():
            raise InputError(Code.SHAPE_MISMATCH, f"duplicate columns {list(df.columns[df.columns.duplicated()])}",
                             where=table)
        check_rows(len(df), table)
        self.status(f"xladdin: {table} ← {len(df):,} 行 / rows")
        old = self._read_block(table)
        df = df.reset_index(drop=True).rename(columns=str)
        header = list(old.header) + [c for c in df.columns if c not in old.header]
        operator = [c for c in old.header if c not in df.columns and c not in old.formulas]
        new = df.reindex(columns=[c for c in header if c in df.columns])
        body: dict[str, list[Any]] = {c: column_values(new[c]) for c in new.columns}
        for c in operator:
            body[c] = self._carry(old, df, c, key)
        for c, f in old.formulas.items():
            body[c] = [Formula(f)] * len(df)
        rows = [list(r) for r in zip(*(body[c] for c in header))] if len(df) else []
        new_labels = {i: self._label(c) for i, c in enumerate(header) if c not in old.header}
        self._write_block(table, old, header, new_labels, rows, self._column_formats(table, header))

    def _column_formats(self, table: str, header: Sequence[str]) -> dict[int, str]:
        """Column position -> number format written on the body: the template's, else by column name."""
        declared = self._declared_formats(table)
        return {i: f for i, c in enumerate(header) if (f := declared.get(c) or format_for(c)) != GENERAL}

    def _declared_formats(self, table: str) -> dict[str, str]:
        """Number formats the workbook's template declares for ``table`` (empty for other workbooks)."""
        from xladdin.workbooks.registry import get_template

        kind = self.template_kind()
        if kind is None:
            return {}
        try:
            spec = get_template(kind).table(table)
        except (XladdinError, KeyError):  # unknown kind or a table the template does not declare
            return {}
        return {c.key: c.number_format for c in spec.columns}

    def _carry(self, old: Block, df: pd.DataFrame, col: str, key: Sequence[str] | None) -> list[Any]:
        i = old.header.index(col)
        if len(df) == 0 or not any(not _is_blank(r[i]) for r in old.rows):
            return [None] * len(df)
        if key is None:
            key = [c for c in df.columns if c in old.header
                   and (df[c].dtype == object or pd.api.types.is_string_dtype(df[c].dtype))]
        missing = [k for k in key if k not in df.columns or k not in old.header]
        if not key or missing:
            raise InputError(Code.MISSING, f"row key {missing or '(none)'} for operator column {col!r}", where=col)
        idx = [old.header.index(k) for k in key]
        kept: dict[tuple[str, ...], Any] = {}
        for r in old.rows:
            kept.setdefault(_key_tuple([r[j] for j in idx]), r[i])
        new_keys = zip(*(column_values(df[k]) for k in key))
        return [kept.get(_key_tuple(k)) for k in new_keys]

    def _label(self, key: str) -> str:
        zh_en = self.labels().get(key)
        return f"{zh_en[0]}\n{zh_en[1]}" if zh_en else key

    # Settings ----------------------------------------------------------------------------------
    def settings_values(self) -> dict[str, Any]:
        """Non-blank Settings sheet values, unvalidated (key → value)."""
        df = self.read_table(SETTINGS_TABLE)
        out = {}
        for k, v in zip(df["key"], df["value"]):
            if not _is_blank(k) and not _is_blank(v):
                out[str(k).strip()] = v.strip() if isinstance(v, str) else v
        return out

    def read_settings(self, base: Settings | None = None) -> Settings:
        """The Settings sheet validated through :func:`xladdin.settings.load_settings` (blank = base).

        Precedence: this sheet > ``base`` (default: the team settings file named by
        ``$XLADDIN_TEAM_SETTINGS``, see :mod:`xladdin.team_settings`) > the defaults.
        """
        if base is None:
            from xladdin.team_settings import base_settings

            base = base_settings()
        return load_settings(self.settings_values(), base=base)

    def write_settings(self, values: Mapping[str, Any]) -> None:
        """Set Settings values (validated first); other rows, and the operator's edits, stay."""
        current = self.settings_values()
        load_settings({**current, **values})
        df = self.read_table(SETTINGS_TABLE)
        unknown = set(values) - set(df["key"])
        if unknown:
            raise InputError(Code.SETTINGS_INVALID, f"no Settings row for {sorted(unknown)}")
        df["value"] = [values.get(k, v) for k, v in zip(df["key"], df["value"])]
        self.write_table(SETTINGS_TABLE, df, key=("key",))

    def template_kind(self) -> str | None:
        if TEMPLATE_NAME not in self.defined_names():
            return None
        v = self.read_named(TEMPLATE_NAME)
        return str(v) if v is not None else None


# ----------------------------------------------------------------------------------------------------
# Headless host
# ----------------------------------------------------------------------------------------------------


def _illegal_free(s: str) -> str:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return ILLEGAL_CHARACTERS_RE.sub("", s)


def set_cell(cell: Any, value: Any) -> None:
    """Write one value through openpyxl: text that looks like a formula stays text (quote prefix)."""
    if isinstance(value, Formula):
        cell.value = value.text
        return
    if isinstance(value, str):
        value = _illegal_free(value)
        cell.value = value
        if looks_like_formula(value):
            cell.data_type = "s"
            cell.quotePrefix = True
        elif cell.quotePrefix:
            cell.quotePrefix = False
        return
    if isinstance(value, float) and not math.isfinite(value):
        value = None
    if cell.quotePrefix:
        cell.quotePrefix = False
    cell.value = value


_REF = re.compile(r"^(?P<sheet>'(?:[^']|'')+'|[^!]+)!\$?(?P<c1>[A-Z]+)\$?(?P<r1>\d+):\$?(?P<c2>[A-Z]+)\$?(?P<r2>\d+)$")


class OpenpyxlHost(BookHost):
    """A workbook file, read and written with openpyxl (no Excel).  ``save()`` is atomic with a backup."""

    host_name = "openpyxl"

    def __init__(self, workbook: Any, path: str | os.PathLike[str] | None = None, *,
                 labels: Mapping[str, tuple[str, str]] | None = None,
                 on_status: Callable[[str | None], None] | None = None):
        super().__init__(labels)
        self.wb = workbook
        self.path = Path(path) if path is not None else None
        self.messages: list[str | None] = []
        # Headless counterpart of Excel's status bar: the CLI prints these on a terminal.
        self.on_status = on_status
        # Large bodies stay plain rows until save (see xladdin.workbooks.streamed_bodies): table -> body.
        self._streamed: dict[str, StreamedBody] = {}
        self.stream_min_rows = STREAM_MIN_ROWS

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, stream_min_rows: int = STREAM_MIN_ROWS, **kw: Any) -> OpenpyxlHost:
        """Load a workbook; table bodies of ``stream_min_rows`` rows or more are kept as streamed bodies."""
        import zipfile

        from openpyxl import load_workbook

        p = Path(path)
        if not p.is_file():
            raise InputError(Code.FILE_NOT_FOUND, str(p))
        try:
            source, cut = open_cut(p, stream_min_rows)  # big table bodies are read by calamine, not by openpyxl
            wb = load_workbook(source)
            bodies = read_cut(p, cut) if cut else {}
        except (zipfile.BadZipFile, KeyError, OSError) as exc:
            raise InputError(Code.UNREADABLE_FILE, f"{p.name}: {exc}") from None
        host = cls(wb, p, **kw)
        host.stream_min_rows = stream_min_rows
        for c in cut:
            host._adopt(c.table, bodies[c.table])
        return host

    def _adopt(self, table: str, rows: list[list[Any]]) -> None:
        """Keep a body read outside openpyxl as a streamed body (written back on save, as write_table would)."""
        from openpyxl.utils.cell import range_boundaries

        ws, t = self._find(table)
        c1, r1, c2, _ = range_boundaries(t.ref)
        header = [str(c.value) if c.value is not None else "" for c in ws[r1][c1 - 1:c2]]
        formats = self._column_formats(t.name, header)
        for tc in t.tableColumns:
            if tc.calculatedColumnFormula is not None and tc.name in header:
                j, formula = header.index(tc.name), Formula("=" + tc.calculatedColumnFormula.attr_text)
                for r in rows:
                    r[j] = formula
        self._streamed[t.name] = StreamedBody(ws.title, r1 + 1, c1, rows, formats)

    def _find(self, table: str) -> tuple[Any, Any]:
        for ws in self.wb.worksheets:
            for t in ws.tables.values():
                if t.name.lower() == table.lower():
                    return ws, t
        raise InputError(Code.UNKNOWN_TABLE, table)

    def table_names(self) -> list[str]:
        return [t.name for ws in self.wb.worksheets for t in ws.tables.values()]

    def _read_block(self, table: str) -> Block:
        from openpyxl.utils.cell import range_boundaries

        ws, t = self._find(table)
        c1, r1, c2, r2 = range_boundaries(t.ref)
        streamed = self._streamed.get(t.name)
        last = r1 if streamed is not None else r2
        grid = [list(r) for r in ws.iter_rows(min_row=r1, max_row=last, min_col=c1, max_col=c2, values_only=True)]
        header = [str(h) if h is not None else f"column{i + 1}" for i, h in enumerate(grid[0])]
        formulas = {tc.name: "=" + tc.calculatedColumnFormula.attr_text for tc in t.tableColumns
                    if tc.calculatedColumnFormula is not None}
        rows = [list(r) for r in streamed.rows] if streamed is not None else grid[1:]
        for key in formulas:  # formula text is not data
            j = header.index(key)
            for r in rows:
                r[j] = None
        return Block(ws.title, r1, c1, header, rows, formulas)

    def _write_block(self, table: str, old: Block, header: list[str], new_labels: dict[int, str],
                     rows: list[list[Any]], formats: dict[int, str]) -> None:
        from openpyxl.styles import Alignment, Font
        from openpyxl.utils import get_column_letter
        from openpyxl.worksheet.table import TableColumn, TableFormula

        ws, t = self._find(table)
        r0, c0 = old.first_row, old.first_col
        for j, h in enumerate(header):
            if j >= len(old.header) or old.header[j] != h:
                set_cell(ws.cell(r0, c0 + j), h)
        for j, label in new_labels.items():
            if r0 > 1:
                cell = ws.cell(r0 - 1, c0 + j)
                cell.value = label
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.font = Font(bold=True)
        new_last = r0 + max(1, len(rows))
        span = (r0 + 1, max(old.last_row, new_last), c0, c0 + len(header) - 1)
        self._streamed.pop(t.name, None)  # replaced either way
        if len(rows) >= self.stream_min_rows and self._rows_free(ws, *span):
            self._drop_cells(ws, *span)
            self._streamed[t.name] = StreamedBody(ws.title, r0 + 1, c0, rows, dict(formats))
        else:
            for i, row in enumerate(rows):
                for j, v in enumerate(row):
                    cell = ws.cell(r0 + 1 + i, c0 + j)
                    set_cell(cell, v)
                    fmt = formats.get(j)
                    if fmt is not None and cell.number_format != fmt:
                        cell.number_format = fmt
            cells = ws._cells
            for r in range(r0 + 1 + len(rows), span[1] + 1):
                for j in range(len(header)):
                    if (r, c0 + j) in cells:  # rows the table no longer has
                        set_cell(cells[(r, c0 + j)], None)
        ref = f"{get_column_letter(c0)}{r0}:{get_column_letter(c0 + len(header) - 1)}{new_last}"
        by_name = {tc.name: tc for tc in t.tableColumns}
        t.tableColumns = []
        for j, h in enumerate(header):
            tc = by_name.get(h) or TableColumn(id=j + 1, name=h)
            tc.id = j + 1
            if h in old.formulas and tc.calculatedColumnFormula is None:
                tc.calculatedColumnFormula = TableFormula(attr_text=old.formulas[h][1:])
            t.tableColumns.append(tc)
        t.ref = ref
        if t.autoFilter is not None:
            t.autoFilter.ref = ref
        self._follow_charts(old.sheet, c0, c0 + len(header) - 1, r0 + 1, new_last)

    def _rows_free(self, ws: Any, r1: int, r2: int, c1: int, c2: int) -> bool:
        """True when rows r1..r2 hold nothing outside columns c1..c2 (so the body can be streamed whole)."""
        if any(b.sheet == ws.title and b.first_row <= r2 and r1 <= b.last_row for b in self._streamed.values()):
            return False
        if any(m.min_row <= r2 and r1 <= m.max_row for m in ws.merged_cells.ranges):
            return False
        # Nothing beside the body, and no hyperlink or comment on a body cell (the streamed rows carry values).
        return not any(r1 <= r <= r2 and (not c1 <= c <= c2 or cell.hyperlink is not None or cell.comment is not None)
                       for (r, c), cell in ws._cells.items())

    @staticmethod
    def _drop_cells(ws: Any, r1: int, r2: int, c1: int, c2: int) -> None:
        for key in [k for k in ws._cells if r1 <= k[0] <= r2 and c1 <= k[1] <= c2]:
            del ws._cells[key]
        for r in [r for r in ws.row_dimensions if r1 <= r <= r2]:
            del ws.row_dimensions[r]

    def _follow_charts(self, sheet: str, c1: int, c2: int, first: int, last: int) -> None:
        """Chart series over a table column follow the table's new last row (Excel does this itself)."""
        from openpyxl.utils import column_index_from_string

        def fix(ref: Any) -> None:
            if ref is None or not getattr(ref, "f", None):
                return
            m = _REF.match(ref.f)
            if not m or m["sheet"].strip("'").replace("''", "'") != sheet or int(m["r1"]) != first:
                return
            if not (c1 <= column_index_from_string(m["c1"]) <= c2):
                return
            ref.f = f"{m['sheet']}!${m['c1']}${first}:${m['c2']}${max(first, last)}"

        for ws in self.wb.worksheets:
            for chart in getattr(ws, "_charts", []):
                for s in chart.series:
                    for part in (s.val, s.cat):
                        if part is not None:
                            fix(part.numRef)
                            fix(getattr(part, "strRef", None))

    def defined_names(self) -> list[str]:
        return list(self.wb.defined_names.keys())

    def _name_cells(self, name: str) -> tuple[Any, int, int, int, int]:
        from openpyxl.utils.cell import range_boundaries

        dn = self.wb.defined_names.get(name)
        if dn is None:
            raise InputError(Code.UNKNOWN_TABLE, f"defined name {name!r}")
        dests = list(dn.destinations)
        if not dests:
            raise InputError(Code.UNKNOWN_TABLE, f"defined name {name!r} is not a range")
        sheet, rng = dests[0]
        c1, r1, c2, r2 = range_boundaries(rng.replace("$", ""))
        return self.wb[sheet], r1, c1, r2, c2

    def read_named(self, name: str) -> Any:
        dn = self.wb.defined_names.get(name)
        if dn is not None and dn.attr_text.startswith('"'):
            return dn.attr_text.strip('"')
        ws, r1, c1, r2, c2 = self._name_cells(name)
        grid = [list(r) for r in ws.iter_rows(min_row=r1, max_row=r2, min_col=c1, max_col=c2, values_only=True)]
        return grid[0][0] if r1 == r2 and c1 == c2 else grid

    def write_named(self, name: str, value: Any) -> None:
        ws, r1, c1, _, _ = self._name_cells(name)
        grid = frame_rows(value) if isinstance(value, pd.DataFrame) else (
            value if isinstance(value, list) else [[value]])
        check_rows(r1 - 1 + len(grid), name, limit=1_048_576)
        for i, row in enumerate(grid):
            for j, v in enumerate(row):
                set_cell(ws.cell(r1 + i, c1 + j), v)

    def status(self, message: str | None) -> None:
        self.messages.append(message)
        if self.on_status is not None:
            self.on_status(message)

    @contextlib.contextmanager
    def batch(self, message: str | None = None) -> Iterator[None]:
        if message:
            self.status(message)
        try:
            yield
        finally:
            if message:
                self.status(None)

    def save(self, path: str | os.PathLike[str] | None = None) -> Path:
        target = Path(path) if path is not None else self.path
        if target is None:
            raise InputError(Code.MISSING, "no path to save the workbook to")
        if not self._streamed:
            return atomic_save(target, lambda tmp: self.wb.save(tmp))
        bodies: dict[str, list[StreamedBody]] = {}
        for b in self._streamed.values():
            bodies.setdefault(b.sheet, []).append(b)
        return atomic_save(target, lambda tmp: save_streamed(self.wb, tmp, bodies))


__all__ = [
    "FIRST_DATA_ROW",
    "HEADER_ROW",
    "LABEL_ROW",
    "SETTINGS_TABLE",
    "TEMPLATE_NAME",
    "Block",
    "BookHost",
    "Formula",
    "OpenpyxlHost",
    "_file_formula",
    "column_values",
    "frame_rows",
    "set_cell",
]
