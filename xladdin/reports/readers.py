"""From a file, bytes or a pasted range to *grids*: candidate tables the registry runs detection on.

* Text files: the encoding is taken from the BOM (UTF-8, UTF-16, UTF-32), else strict UTF-8, else
  charset-normalizer's guess (a Latin guess is read as cp1252, a Chinese one as GB18030, the supersets
  Amazon's Windows users produce), with cp1252 and GB18030 as further candidates.  Delimiters
  ``,``, tab, ``;`` and ``|`` are tried in order of how consistently they split the first lines.  The
  table itself is read by pyarrow's CSV reader (all columns as text), falling back to the csv module
  only for ragged files, whose odd rows are kept (padded) and reported.
* XLSX / XLSM / XLS / ODS: python-calamine, every sheet is a grid.  calamine reads the rows that exist,
  so Apache POI's ``<dimension ref="A1"/>`` does not truncate anything (openpyxl read-only would).
* A pasted range (list of rows, as xlwings gives it), a 2-D numpy array or a DataFrame: one grid.
* JSON (SP-API reports): parsed with :mod:`json`; families with ``detect_json`` take it.

Nothing here writes to the source: files are opened read-only, once, as bytes.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from xladdin.errors import Code, InputError

HEAD_ROWS = 30
_PLAIN_INT_RE = re.compile(r"-?[0-9]+\Z")
_PLAIN_FLOAT_RE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?\Z")
_ARROW_TYPES = {"text": pa.string(), "int": pa.int64(), "float": pa.float64()}
_INT_NULLS = ["", "-", "--", "—", "–", "N/A", "n/a", "NA", "#N/A"]  # blank in a count column (values.PLACEHOLDERS)
_SAMPLE_BYTES = 65536
_DELIMS = (",", "\t", ";", "|")
_CHINESE = {"gb2312", "gbk", "gb18030", "hz", "cp936", "big5", "big5hkscs", "cp950"}
_OTHER_MULTIBYTE = {"shift_jis", "cp932", "euc_jp", "euc_kr", "cp949", "iso2022_jp", "utf_16", "utf_32", "johab"}


@dataclass
class RawTable:
    """The rows below a header: one column per header cell (pyarrow text or numpy object array)."""

    header: list[Any]
    columns: list[Any]
    source_rows: np.ndarray  # 1-based row numbers in the sheet / file, per data row
    problems: list[tuple[int, str | None, str, Code, str]] = field(default_factory=list)  # raw row, col, value, code, detail
    blank_lines: int = 0  # empty lines the reader skipped

    def __len__(self) -> int:
        return len(self.source_rows)


class Grid:
    """A candidate table: ``head()`` for detection, ``table(header_index)`` for the data."""

    source_format = "range"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None

    def head(self, n: int = HEAD_ROWS) -> list[list[Any]]:
        raise NotImplementedError

    def table(self, header_index: int, typed: dict[int, str] | None = None) -> RawTable:
        """The rows below the header.  ``typed``: {column index: "int" | "float"} a reader may type while
        reading (a text reader falls back to text for the whole file when one cell does not fit)."""
        raise NotImplementedError

    def all_rows(self) -> list[list[Any]]:
        raise NotImplementedError


# --- typed grids (XLSX sheets, pasted ranges) -------------------------------------------------------
class RowsGrid(Grid):
    """Rows of typed cells (python-calamine / xlwings).  ``row_offset``: sheet row number of rows[0] - 1."""

    def __init__(self, rows: list[list[Any]] | None, *, loader=None, head_loader=None, source_format="range",
                 sheet: str | None = None):
        self._rows = rows
        self._loader = loader
        self._head_loader = head_loader
        self.source_format = source_format
        self.sheet = sheet

    def all_rows(self) -> list[list[Any]]:
        if self._rows is None:
            self._rows = self._loader()
        return self._rows

    def head(self, n: int = HEAD_ROWS) -> list[list[Any]]:
        if self._rows is None and self._head_loader is not None:
            return self._head_loader(n)
        return self.all_rows()[:n]

    def table(self, header_index: int, typed: dict[int, str] | None = None) -> RawTable:
        rows = self.all_rows()
        header = list(rows[header_index]) if rows else []
        data = rows[header_index + 1:]
        width = max([len(header), *(len(r) for r in data[:1])]) if data else len(header)
        ragged: list[tuple[int, str | None, str, Code, str]] = []
        if data and any(len(r) != width for r in data):
            fixed = []
            for i, r in enumerate(data):
                r = list(r)
                if len(r) < width:
                    r = r + [None] * (width - len(r))
                elif len(r) > width:
                    width_extra = [c for c in r[width:] if c not in (None, "")]
                    if width_extra:
                        ragged.append((i, None, " | ".join(map(str, width_extra)), Code.RAGGED_ROW,
                                       f"{len(r)} cells, header has {width}"))
                    r = r[:width]
                fixed.append(r)
            data = fixed
        header = header + [None] * (width - len(header))
        if data:
            arr = np.empty((len(data), width), dtype=object)
            arr[:] = data if width else np.empty((len(data), 0))
            columns = [arr[:, j] for j in range(width)]
        else:
            columns = [np.empty(0, dtype=object) for _ in range(width)]
        src = np.arange(header_index + 2, header_index + 2 + len(data), dtype=np.int64)
        return RawTable(header, columns, src, ragged)


def _calamine_grids(data: bytes, fmt: str) -> list[Grid]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises its own error types for broken archives
        raise InputError(Code.UNREADABLE_FILE, f"not a readable {fmt.upper()} workbook ({type(exc).__name__}: {exc})") from None
    grids: list[Grid] = []
    sheets: dict[str, Any] = {}

    def sheet(name: str):
        # calamine parses a whole sheet on get_sheet_by_name: do it once per sheet, for head and body.
        if name not in sheets:
            try:
                sheets[name] = wb.get_sheet_by_name(name)
            except Exception as exc:
                raise InputError(Code.UNREADABLE_FILE, f"sheet {name!r}: {exc}") from None
        return sheets[name]

    for name in wb.sheet_names:
        def loader(name=name):
            try:
                return sheet(name).to_python(skip_empty_area=False)
            except InputError:
                raise
            except Exception as exc:
                raise InputError(Code.UNREADABLE_FILE, f"sheet {name!r}: {exc}") from None

        def head_loader(n, name=name):
            try:
                return sheet(name).to_python(skip_empty_area=False, nrows=n)
            except InputError:
                raise
            except Exception as exc:
                raise InputError(Code.UNREADABLE_FILE, f"sheet {name!r}: {exc}") from None

        grids.append(RowsGrid(None, loader=loader, head_loader=head_loader, source_format=fmt, sheet=name))
    return grids


# --- text grids (CSV / TSV / TXT) -------------------------------------------------------------------
class TextGrid(Grid):
    """Delimited text under one encoding and one delimiter."""

    def __init__(self, text: str | None, body: bytes | None, encoding: str, delimiter: str, quoting: bool):
        self._text = text  # whole decoded text (BOM removed); None for an ASCII file until needed
        self._body = body  # UTF-8 bytes of ``text`` when they are the file's own bytes (no re-encoding)
        self.encoding = encoding
        self.delimiter = delimiter
        self.quoting = quoting
        self.source_format = "tsv" if delimiter == "\t" else "csv"
        self._head: list[list[str]] | None = None
        self._ends: list[int] = []  # physical lines consumed after each head row

    def _reader(self, f):
        if self.quoting:
            return csv.reader(f, delimiter=self.delimiter, quotechar='"', doublequote=True, strict=False)
        return csv.reader(f, delimiter=self.delimiter, quoting=csv.QUOTE_NONE)

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._body.decode("utf-8")
        return self._text

    def sample(self) -> str:
        if self._text is None:  # ASCII bytes: any cut is a character boundary
            return self._body[:_SAMPLE_BYTES].decode("ascii")
        return self._text[:_SAMPLE_BYTES]

    def head(self, n: int = HEAD_ROWS) -> list[list[str]]:
        if self._head is None:
            sample = self.sample()
            size = len(self._text) if self._text is not None else len(self._body)
            if size > _SAMPLE_BYTES and "\n" in sample:
                sample = sample[: sample.rfind("\n") + 1]
            rows: list[list[str]] = []
            ends: list[int] = []
            r = self._reader(io.StringIO(sample, newline=""))
            try:
                for row in r:
                    rows.append(row)
                    ends.append(r.line_num)
                    if len(rows) >= HEAD_ROWS:
                        break
            except csv.Error:
                pass
            self._head, self._ends = rows, ends
        return self._head[:n]

    def all_rows(self) -> list[list[Any]]:
        return [row for row in self._reader(io.StringIO(self.text, newline=""))]

    @property
    def body(self) -> bytes:
        if self._body is None:
            self._body = self.text.encode("utf-8")
        return self._body

    def table(self, header_index: int, typed: dict[int, str] | None = None) -> RawTable:
        head = self.head()
        header = list(head[header_index])
        width = len(header)
        lines = self._ends[header_index]
        body = self.body
        if b"\n" not in body[:_SAMPLE_BYTES] and b"\r" in body[:_SAMPLE_BYTES]:
            body = body.replace(b"\r", b"\n")  # classic Mac line ends
        pos = 0
        for _ in range(lines):
            nxt = body.find(b"\n", pos)
            if nxt < 0:
                pos = len(body)
                break
            pos = nxt + 1
        rest = pa.py_buffer(body).slice(pos)  # zero-copy view of the rows below the header
        first = header_index + 2  # sheet-style row number of the first data row
        if not body[pos:pos + 4096].strip(b"\r\n\t ,;|") and not body[pos:].strip(b"\r\n\t ,;|"):
            return RawTable(header, [pa.array([], pa.string()) for _ in range(width)], np.zeros(0, np.int64))
        cols = None
        if typed:  # plain numbers are typed while reading (one failing cell: read everything as text)
            typed = self._plain_in_head(header_index, typed)
        if typed:
            cols = self._arrow(rest, width, False, typed)
        if cols is None:
            cols = self._arrow(rest, width, False)
        if cols is None:
            cols = self._arrow(rest, width, True)  # quoted values with line breaks
        if cols is not None:
            n = len(cols[0]) if cols else 0
            return RawTable(header, cols, np.arange(first, first + n, dtype=np.int64))
        return self._python_table(body[pos:].decode("utf-8"), header, first)

    def _plain_in_head(self, header_index: int, typed: dict[int, str]) -> dict[int, str]:
        """Keep only the columns whose first rows are plain numbers (a doomed typed read costs a full pass)."""
        rows = self.head()[header_index + 1:header_index + 11]
        pat = {"int": _PLAIN_INT_RE, "float": _PLAIN_FLOAT_RE}
        return {j: k for j, k in typed.items()
                if all(j >= len(r) or r[j] in _INT_NULLS or pat[k].match(r[j]) for r in rows)}

    def _arrow(self, rest: pa.Buffer, width: int, newlines: bool,
               typed: dict[int, str] | None = None) -> list[pa.Array] | None:
        invalid: list[Any] = []

        def on_invalid(row):
            invalid.append(row)
            return "skip"

        names = [f"c{i}" for i in range(width)]
        try:
            tbl = pa_csv.read_csv(
                pa.BufferReader(rest),
                read_options=pa_csv.ReadOptions(column_names=names, use_threads=True),
                parse_options=pa_csv.ParseOptions(delimiter=self.delimiter, quote_char='"' if self.quoting else False,
                                                  double_quote=True, newlines_in_values=newlines,
                                                  ignore_empty_lines=True, invalid_row_handler=on_invalid),
                convert_options=pa_csv.ConvertOptions(
                    column_types={c: _ARROW_TYPES[(typed or {}).get(i, "text")] for i, c in enumerate(names)},
                    strings_can_be_null=False, quoted_strings_can_be_null=False, null_values=_INT_NULLS),
            )
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            return None
        if invalid:
            return None
        return [tbl.column(i).combine_chunks() for i in range(width)]

    def _python_table(self, rest: str, header: list[str], first: int) -> RawTable:
        """Slow path for ragged files: keep every row, pad short ones, report odd ones."""
        width = len(header)
        rows: list[list[str]] = []
        src: list[int] = []
        problems: list[tuple[int, str | None, str, Code, str]] = []
        blank = 0
        rec = first
        r = self._reader(io.StringIO(rest, newline=""))
        while True:
            try:
                row = next(r)
            except StopIteration:
                break
            except csv.Error as exc:
                problems.append((len(rows), None, "", Code.RAGGED_ROW, f"unreadable line: {exc}"))
                continue
            if not row or all(not c.strip() for c in row):
                blank += 1
                rec += 1
                continue
            if len(row) != width:
                if len(row) > width and not any(c.strip() for c in row[width:]):
                    pass  # trailing empty cells ("a,b,c,,") are not a problem
                else:
                    extra = row[width:]
                    problems.append((len(rows), None, " | ".join(extra) if extra else self.delimiter.join(row),
                                     Code.RAGGED_ROW, f"{len(row)} cells, header has {width}"))
                row = (row + [""] * width)[:width]
            rows.append(row)
            src.append(rec)
            rec += 1
        cols = [pa.array([row[j] for row in rows], type=pa.string()) for j in range(width)]
        return RawTable(header, cols, np.asarray(src, dtype=np.int64), problems, blank)


def _delimiter_order(sample: str) -> list[str]:
    lines = [ln for ln in sample.splitlines()[:HEAD_ROWS] if ln.strip()]
    scored = []
    for d in _DELIMS:
        counts = [ln.count(d) for ln in lines]
        nz = [c for c in counts if c]
        if not nz:
            continue
        mode, freq = Counter(nz).most_common(1)[0]
        scored.append((freq, mode, -_DELIMS.index(d), d))
    scored.sort(reverse=True)
    order = [d for *_, d in scored]
    return order or [","]


def _quoting(sample: str, delimiter: str) -> bool:
    """Quotes are field delimiters unless a tab file only makes sense without them."""
    if '"' not in sample:
        return True
    if delimiter != "\t":
        return True
    lines = sample.splitlines()[:HEAD_ROWS]
    quoted = [len(r) for r in csv.reader(lines, delimiter="\t", strict=False)]
    plain = [ln.count("\t") + 1 for ln in lines]
    return len(set(quoted)) <= len(set(plain))


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd\ue000-\uf8ff]")


def _is_binary(text: str) -> bool:
    """Mostly control / private-use / replacement characters: random bytes, not a text report."""
    sample = text[:8192]
    if not sample:
        return False
    bad = len(_CONTROL.findall(sample))
    return bad > max(16, len(sample) // 10)  # 10 % control characters: not a text report


def _cp936_euro(err: UnicodeError):
    """Windows code page 936 (Excel's "ANSI" CSV on Chinese Windows) has € at 0x80; GB18030 rejects it."""
    if isinstance(err, UnicodeDecodeError) and err.object[err.start:err.start + 1] == b"\x80":
        return "€", err.start + 1
    raise err


codecs.register_error("xladdin-cp936-euro", _cp936_euro)


def _decode(data: bytes, enc: str) -> tuple[str, str]:
    """Strict decoding; GB18030 also accepts cp936's single-byte € (0x80), then recorded as cp936."""
    try:
        return data.decode(enc), enc
    except UnicodeDecodeError:
        if enc != "gb18030":
            raise
    return data.decode("gb18030", errors="xladdin-cp936-euro"), "cp936"


def _decodings(data: bytes) -> list[tuple[str, str, bytes | None]]:
    """Candidate decodings in priority order: (encoding name, text, utf-8 body or None)."""
    boms = ((b"\xef\xbb\xbf", "utf-8-sig", "utf-8"), (b"\xff\xfe\x00\x00", "utf-32-le", "utf-32-le"),
            (b"\x00\x00\xfe\xff", "utf-32-be", "utf-32-be"), (b"\xff\xfe", "utf-16-le", "utf-16-le"),
            (b"\xfe\xff", "utf-16-be", "utf-16-be"))
    for bom, name, codec in boms:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                text = body.decode(codec)
            except UnicodeDecodeError:
                break  # a lying BOM: fall through to detection
            return [(name, text, body if codec == "utf-8" else None)]
    # UTF-16 without BOM: every other byte of ASCII text is NUL.
    head = data[:4096]
    if len(head) >= 4 and head.count(b"\x00") > len(head) // 3:
        even, odd = head[0::2].count(0), head[1::2].count(0)
        codec = "utf-16-le" if odd > even else "utf-16-be"
        try:
            return [(codec, data.decode(codec), None)]
        except UnicodeDecodeError:
            pass
    if data.isascii():  # valid UTF-8; decoded lazily (only the sample is needed on the fast path)
        return [("utf-8", None, data)]
    try:
        return [("utf-8", data.decode("utf-8"), data)]
    except UnicodeDecodeError:
        pass
    order: list[str] = []
    try:
        from charset_normalizer import from_bytes

        best = from_bytes(data[:200_000]).best()
        guess = best.encoding.lower().replace("-", "_") if best is not None else None
    except Exception:  # the detector is a heuristic; its failure is not the user's problem
        guess = None
    if guess in _CHINESE:
        order = ["gb18030", "cp1252"] if not guess.startswith("big5") else [guess, "gb18030", "cp1252"]
    elif guess in _OTHER_MULTIBYTE:
        order = [guess, "gb18030", "cp1252"]
    else:  # any single-byte guess (cp775, cp850, latin_1 ...): Amazon's Western files are Windows-1252
        order = ["cp1252", "gb18030"] + ([guess] if guess else [])
    out = []
    for enc in dict.fromkeys(order):
        try:
            text, used = _decode(data, enc)
        except (UnicodeDecodeError, LookupError):
            continue
        out.append((used, text, None))
    return out


def text_grids(data: bytes) -> list[TextGrid]:
    cands = _decodings(data)
    if not cands:
        raise InputError(Code.UNREADABLE_FILE, "not text in any known encoding (UTF-8, UTF-16, cp1252, GB18030)")
    grids = []
    for enc, text, body in cands:
        sample = text[:_SAMPLE_BYTES] if text is not None else body[:_SAMPLE_BYTES].decode("ascii")
        if "\x00" in sample or _is_binary(sample):
            continue
        for d in _delimiter_order(sample):
            grids.append(TextGrid(text, body, enc, d, _quoting(sample, d)))
    if not grids:
        raise InputError(Code.UNREADABLE_FILE, "binary data, not a text or Excel report")
    return grids


# --- sources ----------------------------------------------------------------------------------------
@dataclass
class Source:
    name: str
    grids: list[Grid]
    json: Any = None
    source_format: str = ""
    notes: list[str] = field(default_factory=list)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _repair_rows(rows: list[list[Any]]) -> tuple[list[list[Any]], int]:
    """Replace lone UTF-16 surrogates (half an emoji, as Excel's LEFT() can leave) with U+FFFD."""
    fixed = 0
    for r in rows:
        for i, c in enumerate(r):
            if isinstance(c, str) and not c.isascii() and _SURROGATE.search(c):
                r[i] = _SURROGATE.sub("\ufffd", c)
                fixed += 1
    return rows, fixed


def _range_source(rows: list[list[Any]], name: str) -> Source:
    rows, fixed = _repair_rows(rows)
    notes = [f"{fixed} cell(s) held half a character (a lone UTF-16 surrogate); replaced with U+FFFD"] if fixed else []
    return Source(name, [RowsGrid(rows)], source_format="range", notes=notes)


def _sniff_json(data: bytes) -> Any:
    s = data.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not s[:1] in (b"{", b"["):
        return None
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        return None


def from_bytes(data: bytes, name: str) -> Source:
    if not data:
        raise InputError(Code.EMPTY_FILE, "0 bytes", where=name)
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                names = z.namelist()
        except zipfile.BadZipFile:
            raise InputError(Code.UNREADABLE_FILE, "a damaged or truncated ZIP/XLSX file", where=name) from None
        if any(n.startswith("xl/") for n in names):
            return Source(name, _calamine_grids(data, "xlsx"), source_format="xlsx")
        if "content.xml" in names:
            return Source(name, _calamine_grids(data, "ods"), source_format="ods")
        raise InputError(Code.UNREADABLE_FILE, "a ZIP archive, not a report: unzip it first", where=name)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return Source(name, _calamine_grids(data, "xls"), source_format="xls")
    obj = _sniff_json(data)
    if obj is not None:
        return Source(name, [], json=obj, source_format="json")
    try:
        grids = text_grids(data)
    except InputError as err:
        err.where = name
        raise
    return Source(name, list(grids), source_format=grids[0].source_format)


def _rows_from_frame(df) -> list[list[Any]]:
    import pandas as pd

    values = df.astype(object).where(pd.notna(df), None).values.tolist()
    if isinstance(df.columns, pd.RangeIndex):
        return values
    return [list(df.columns)] + values


def open_source(source: Any, *, name: str | None = None) -> Source:
    """Path / bytes / file object / pasted rows / DataFrame / JSON object -> :class:`Source`."""
    import pandas as pd

    if isinstance(source, (str, os.PathLike)):
        p = Path(source)
        if not p.is_file():
            raise InputError(Code.FILE_NOT_FOUND, str(p))
        with open(p, "rb") as f:  # read-only, one read: the user's file is never modified
            data = f.read()
        return from_bytes(data, name or p.name)
    if isinstance(source, (bytes, bytearray, memoryview)):
        return from_bytes(bytes(source), name or "<bytes>")
    if hasattr(source, "read"):
        data = source.read()
        if isinstance(data, str):
            data = data.encode("utf-8")
        return from_bytes(data, name or getattr(source, "name", "<stream>"))
    if isinstance(source, pd.DataFrame):
        return _range_source(_rows_from_frame(source), name or "<range>")
    if isinstance(source, dict):
        return Source(name or "<json>", [], json=source, source_format="json")
    if isinstance(source, np.ndarray):
        source = source.tolist()
    if isinstance(source, (list, tuple)):
        if source and all(isinstance(r, dict) for r in source):
            return Source(name or "<json>", [], json=list(source), source_format="json")
        rows = [list(r) if isinstance(r, (list, tuple)) else [r] for r in source]
        if not rows:
            raise InputError(Code.NO_DATA, "the range is empty", where=name or "<range>")
        return _range_source(rows, name or "<range>")
    raise InputError(Code.UNREADABLE_FILE, f"cannot read a {type(source).__name__}")
