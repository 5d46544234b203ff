"""Large table bodies written straight into the sheet XML when the workbook is saved (headless host).

Why: an openpyxl cell object costs about 1 µs to create and ~500 bytes to hold, so a 200,000-row search
term table (4 million cells) written cell by cell dominated import + refresh time and took gigabytes.
:class:`~xladdin.workbooks.host.OpenpyxlHost` therefore keeps a body of :data:`STREAM_MIN_ROWS` rows or
more as plain row lists (:class:`StreamedBody`) and this module serialises it at save time, in the same
pass as openpyxl writes the rest of the sheet (:class:`SplicingWriter` subclasses openpyxl's
``ExcelWriter``; the sheet XML openpyxl writes holds no cell inside the body, and the body's ``<row>``
elements are inserted where their row numbers belong).

The cells are what :func:`xladdin.workbooks.host.set_cell` would have produced: the column's number
format; text as text (inline strings, as Apache POI's streaming writer does), with the quote prefix when
it looks like a formula, XML-illegal control characters removed; booleans, numbers, dates (Excel serials,
openpyxl's default date formats where the column has none); :class:`Formula` as a formula; missing and
non-finite values as empty cells.  ``tests/workbooks/test_streamed_bodies.py`` compares both paths cell
by cell.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from zipfile import ZIP_DEFLATED, ZipFile

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import range_boundaries
from openpyxl.utils.datetime import to_excel
from openpyxl.worksheet._writer import WorksheetWriter
from openpyxl.writer.excel import ExcelWriter

from xladdin.workbooks.safety import looks_like_formula

STREAM_MIN_ROWS = 2_000  # smaller bodies go through openpyxl cells (cheap, and what most tests exercise)
_DATETIME_FMT, _DATE_FMT, _TIME_FMT = "yyyy-mm-dd h:mm:ss", "yyyy-mm-dd", "h:mm:ss"  # openpyxl's defaults
_ROW_RE = re.compile(rb'<row r="(\d+)"')


@dataclass
class StreamedBody:
    """Rows of one table body, kept out of openpyxl until save."""

    sheet: str
    first_row: int  # first data row (the row below the header)
    first_col: int
    rows: list[list[Any]]
    formats: dict[int, str] = field(default_factory=dict)  # column offset -> number format

    @property
    def last_row(self) -> int:
        return self.first_row + len(self.rows) - 1

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Styles:
    """xf index per (number format, quote prefix), registered in the workbook before it is written."""

    def __init__(self, ws: Any):
        self.ws = ws
        self.ids: dict[tuple[str | None, bool], str] = {}

    def attr(self, fmt: str | None, quote: bool = False) -> str:
        key = (fmt, quote)
        if key not in self.ids:
            c = Cell(self.ws)
            if fmt:
                c.number_format = fmt
            if quote:
                c.quotePrefix = True
            sid = c.style_id  # index into wb._cell_styles, which openpyxl writes as cellXfs in order
            self.ids[key] = f' s="{sid}"' if sid else ""
        return self.ids[key]


def body_xml(body: StreamedBody, ws: Any) -> Iterator[str]:
    """``<row>`` elements of ``body`` (strings, a few thousand rows per chunk)."""
    from xladdin.workbooks.host import Formula  # (host imports this module)

    styles = _Styles(ws)
    epoch = ws.parent.epoch
    width = body.width
    letters = [get_column_letter(body.first_col + j) for j in range(width)]
    plain = [styles.attr(body.formats.get(j)) for j in range(width)]
    chunk: list[str] = []
    for i, row in enumerate(body.rows):
        r = body.first_row + i
        cells = []
        for j, v in enumerate(row):
            if v is None:
                if plain[j]:
                    cells.append(f'<c r="{letters[j]}{r}"{plain[j]}/>')
                continue
            t = type(v)
            if t is str:
                if v == "":
                    continue
                if ILLEGAL_CHARACTERS_RE.search(v):
                    v = ILLEGAL_CHARACTERS_RE.sub("", v)
                s = styles.attr(body.formats.get(j), True) if looks_like_formula(v) else plain[j]
                space = ' xml:space="preserve"' if v[:1].isspace() or v[-1:].isspace() else ""
                cells.append(f'<c r="{letters[j]}{r}"{s} t="inlineStr"><is><t{space}>{_escape(v)}</t></is></c>')
            elif t is float:
                if v != v or v in (float("inf"), float("-inf")):
                    if plain[j]:
                        cells.append(f'<c r="{letters[j]}{r}"{plain[j]}/>')
                    continue
                cells.append(f'<c r="{letters[j]}{r}"{plain[j]}><v>{v:.16g}</v></c>')
            elif t is bool:
                cells.append(f'<c r="{letters[j]}{r}"{plain[j]} t="b"><v>{int(v)}</v></c>')
            elif t is int:
                cells.append(f'<c r="{letters[j]}{r}"{plain[j]}><v>{v}</v></c>')
            elif isinstance(v, (dt.datetime, dt.date, dt.time)):
                fmt = body.formats.get(j) or (_DATETIME_FMT if isinstance(v, dt.datetime)
                                              else _DATE_FMT if isinstance(v, dt.date) else _TIME_FMT)
                cells.append(f'<c r="{letters[j]}{r}"{styles.attr(fmt)}><v>{to_excel(v, epoch):.16g}</v></c>')
            elif t is Formula:
                cells.append(f'<c r="{letters[j]}{r}"{plain[j]}><f>{_escape(v.text[1:])}</f><v></v></c>')
            elif isinstance(v, (int, float)):  # bool/int/float subclasses
                cells.append(f'<c r="{letters[j]}{r}"{plain[j]}><v>{float(v):.16g}</v></c>')
            else:
                text = _escape(ILLEGAL_CHARACTERS_RE.sub("", str(v)))
                cells.append(f'<c r="{letters[j]}{r}"{plain[j]} t="inlineStr"><is><t>{text}</t></is></c>')
        chunk.append(f'<row r="{r}">{"".join(cells)}</row>')
        if len(chunk) >= 2_000:
            yield "".join(chunk)
            chunk = []
    if chunk:
        yield "".join(chunk)


def _dimension(xml: bytes, bodies: Sequence[StreamedBody]) -> bytes:
    m = re.search(rb'<dimension ref="([A-Z]+\d+(?::[A-Z]+\d+)?)"\s*/>', xml)
    if not m:
        return xml
    ref = m.group(1).decode()
    c1, r1, c2, r2 = range_boundaries(ref if ":" in ref else f"{ref}:{ref}")
    for b in bodies:
        c1, r1 = min(c1, b.first_col), min(r1, b.first_row)
        c2, r2 = max(c2, b.first_col + b.width - 1), max(r2, b.last_row)
    new = f'<dimension ref="{get_column_letter(c1)}{r1}:{get_column_letter(c2)}{r2}"/>'.encode()
    return xml[:m.start()] + new + xml[m.end():]


def _splice_points(xml: bytes, bodies: Sequence[StreamedBody]) -> list[tuple[int, StreamedBody]]:
    """Byte offset in ``xml`` before which each body's rows go (bodies sorted by row)."""
    end = xml.find(b"</sheetData>")
    if end < 0:  # an empty <sheetData/>: open it up
        raise ValueError("sheet has no cells at all; a table header row was expected")
    starts = [(int(m.group(1)), m.start()) for m in _ROW_RE.finditer(xml, 0, end)]
    out = []
    for b in sorted(bodies, key=lambda b: b.first_row):
        pos = next((p for r, p in starts if r > b.last_row), end)
        inside = [r for r, _ in starts if b.first_row <= r <= b.last_row]
        if inside:  # the host guarantees this never happens; refuse rather than write a broken file
            raise ValueError(f"row {inside[0]} of sheet {b.sheet!r} lies inside a streamed table body")
        out.append((pos, b))
    return out


class SplicingWriter(ExcelWriter):
    """openpyxl's writer, with streamed bodies inserted into their sheets' XML."""

    def __init__(self, workbook: Any, archive: ZipFile, bodies: dict[str, list[StreamedBody]]):
        super().__init__(workbook, archive)
        self._bodies = bodies

    def write_worksheet(self, ws: Any) -> None:
        bodies = self._bodies.get(ws.title)
        if not bodies:
            super().write_worksheet(ws)
            return
        # As ExcelWriter.write_worksheet (openpyxl 3.1), with the body rows spliced into the written XML.
        from openpyxl.drawing.spreadsheet_drawing import SpreadsheetDrawing

        ws._drawing = SpreadsheetDrawing()
        ws._drawing.charts = ws._charts
        ws._drawing.images = ws._images
        writer = WorksheetWriter(ws)
        writer.write()
        ws._rels = writer._rels
        with open(writer.out, "rb") as f:
            xml = _dimension(f.read(), bodies)
        points = _splice_points(xml, bodies)
        with self._archive.open(ws.path[1:], "w", force_zip64=True) as out:
            done = 0
            for pos, body in points:
                out.write(xml[done:pos])
                for text in body_xml(body, ws):
                    out.write(text.encode("utf-8"))
                done = pos
            out.write(xml[done:])
        self.manifest.append(ws)
        writer.cleanup()


def save_workbook(wb: Any, filename: str | os.PathLike[str], bodies: dict[str, list[StreamedBody]]) -> None:
    """openpyxl's ``save_workbook`` with streamed bodies (``{sheet title: [body, ...]}``)."""
    archive = ZipFile(filename, "w", ZIP_DEFLATED, allowZip64=True)
    wb.properties.modified = dt.datetime.now(tz=dt.timezone.utc).replace(tzinfo=None)
    SplicingWriter(wb, archive, bodies).save()


# ---- opening: big bodies bypass openpyxl's reader ---------------------------------------------------------
# openpyxl builds a cell object per value on load (a 200,000-row table: ~20 s, >1 GB).  A body of
# STREAM_MIN_ROWS rows or more is cut out of its sheet's XML before openpyxl reads the file and read with
# python-calamine instead; the host keeps it as a StreamedBody, so it is written back on save whether or
# not the refresh rewrites it.  Only bodies that hold nothing else are cut: every cell inside the table's
# columns, and no formula except the table's calculated columns.  Cell formatting inside such a body other
# than the column's number format is not kept (the column format is re-applied).

_NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
       "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
       "rel": "http://schemas.openxmlformats.org/package/2006/relationships"}


@dataclass(frozen=True)
class CutBody:
    """A table body removed from the XML handed to openpyxl: rows first_row..last_row, columns c1..c2."""

    sheet: str
    table: str
    first_row: int
    last_row: int
    c1: int
    c2: int


def _rels(zf: ZipFile, part: str) -> dict[str, str]:
    import posixpath
    from xml.etree import ElementTree as ET

    folder, name = posixpath.split(part)
    rels = f"{folder}/_rels/{name}.rels"
    if rels not in zf.namelist():
        return {}
    out = {}
    for rel in ET.fromstring(zf.read(rels)).findall("rel:Relationship", _NS):
        target = rel.get("Target", "")
        out[rel.get("Id", "")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target))
    return out


def _big_tables(zf: ZipFile, min_rows: int) -> list[tuple[str, str, str, int, int, int, int, int]]:
    """(sheet title, sheet part, table name, header row, last row, c1, c2, calculated columns) of big tables."""
    from xml.etree import ElementTree as ET

    wb_rels = _rels(zf, "xl/workbook.xml")
    out = []
    for sh in ET.fromstring(zf.read("xl/workbook.xml")).iterfind("m:sheets/m:sheet", _NS):
        part = wb_rels.get(sh.get(f"{{{_NS['r']}}}id", ""), "")
        if not part.startswith("xl/worksheets/") or part not in zf.namelist():
            continue
        for target in _rels(zf, part).values():
            if not target.startswith("xl/tables/") or target not in zf.namelist():
                continue
            t = ET.fromstring(zf.read(target))
            c1, r1, c2, r2 = range_boundaries(t.get("ref", "A1:A1"))
            if t.get("headerRowCount", "1") == "0" or t.get("totalsRowCount", "0") != "0" or r2 - r1 < min_rows:
                continue
            calc = sum(1 for tc in t.iterfind("m:tableColumns/m:tableColumn", _NS)
                       if tc.find("m:calculatedColumnFormula", _NS) is not None)
            out.append((sh.get("name", ""), part, t.get("name", ""), r1, r2, c1, c2, calc))
    return out


def _cut(xml: bytes, first: int, last: int, c1: int, c2: int, calc: int) -> bytes | None:
    """``xml`` without rows first..last, or None when those rows hold anything the cut would lose."""
    end = xml.find(b"</sheetData>")
    if end < 0:
        return None
    starts = [(int(m.group(1)), m.start()) for m in _ROW_RE.finditer(xml, 0, end)]
    inside = [p for r, p in starts if first <= r <= last]
    if not inside:
        return None
    a = inside[0]
    b = next((p for r, p in starts if r > last), end)
    seg = xml[a:b]
    allowed = {get_column_letter(c).encode() for c in range(c1, c2 + 1)}
    if (seg.count(b"<row ") != len(inside) or seg.count(b"<c ") != seg.count(b'<c r="')
            or not set(re.findall(rb'<c r="([A-Z]+)', seg)) <= allowed
            or seg.count(b"<f") != len(inside) * calc):
        return None
    return xml[:a] + xml[b:]


def open_cut(path: str | os.PathLike[str], min_rows: int = STREAM_MIN_ROWS) -> tuple[Any, list[CutBody]]:
    """(what to hand to ``openpyxl.load_workbook``, the bodies cut out of it): the path itself when none."""
    import io
    from zipfile import ZIP_STORED

    with ZipFile(path) as zf:
        tables = _big_tables(zf, min_rows)
        if not tables:
            return path, []
        by_part: dict[str, bytes] = {}
        cut: list[CutBody] = []
        for sheet, part, name, r1, r2, c1, c2, calc in tables:
            xml = by_part.get(part) or zf.read(part)
            # Hyperlinks, comments and merged cells point at cells: openpyxl would recreate cells inside a cut
            # body for them, so such sheets are read the ordinary way.
            if any(tag in xml for tag in (b"<hyperlink", b"<mergeCell", b"<legacyDrawing")):
                continue
            new = _cut(xml, r1 + 1, r2, c1, c2, calc)
            if new is not None:
                by_part[part] = new
                cut.append(CutBody(sheet, name, r1 + 1, r2, c1, c2))
        if not cut:
            return path, []
        buf = io.BytesIO()
        with ZipFile(buf, "w", ZIP_STORED) as out:  # in memory, uncompressed: only openpyxl reads it
            for info in zf.infolist():
                out.writestr(info.filename, by_part.get(info.filename) or zf.read(info.filename))
        buf.seek(0)
        return buf, cut


def read_cut(path: str | os.PathLike[str], cut: Sequence[CutBody]) -> dict[str, list[list[Any]]]:
    """Values of the cut bodies (table name -> rows), as openpyxl would have read them."""
    from python_calamine import CalamineWorkbook

    cal = CalamineWorkbook.from_path(str(path))
    grids: dict[str, list[list[Any]]] = {}
    out = {}
    for b in cut:
        if b.sheet not in grids:
            grids[b.sheet] = cal.get_sheet_by_name(b.sheet).to_python(skip_empty_area=False)
        grid, width = grids[b.sheet], b.c2 - b.c1 + 1
        rows = []
        for r in range(b.first_row - 1, b.last_row):
            src = grid[r][b.c1 - 1:b.c2] if r < len(grid) else []
            row = [_as_openpyxl(v) for v in src]
            rows.append(row + [None] * (width - len(row)))
        out[b.table] = rows
    return out


def _as_openpyxl(v: Any) -> Any:
    """A calamine value as openpyxl reads it: "" → None, whole numbers → int, dates → datetime."""
    t = type(v)
    if t is str:
        return v if v != "" else None
    if t is float:
        return int(v) if v.is_integer() and abs(v) < 2 ** 53 else v
    if t is dt.date:
        return dt.datetime(v.year, v.month, v.day)
    return v
