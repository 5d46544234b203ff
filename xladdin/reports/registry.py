"""Registry of report families and the one pipeline: source -> grid -> header -> canonical frame.

Family modules are discovered automatically: every module of ``xladdin.reports`` that is not part of the
framework and defines ``FAMILIES`` is imported on first use.  :func:`register` adds a family by hand.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from xladdin.errors import Code, InputError
from xladdin.reports import values as V
from xladdin.reports.base import Context, Detection, Family, Near, Problems, Report, ReportMeta
from xladdin.reports.headers import clean_header, header_key
from xladdin.reports.readers import HEAD_ROWS, Grid, RawTable, RowsGrid, Source, TextGrid, open_source

FRAMEWORK_MODULES = {"base", "headers", "values", "readers", "registry", "cli"}
TOTAL_WORDS = {"total", "totals", "grand total", "gesamt", "summe", "gesamtsumme", "insgesamt", "合计", "总计",
               "總計", "合計", "汇总", "total général", "totale"}

_PARALLEL_ROWS = 50_000  # convert columns in threads from this many rows on
_FAMILIES: dict[str, Family] = {}
_DISCOVERED = False


def register(*families: Family) -> None:
    """Add families to the registry (a second family with the same name replaces the first)."""
    for f in families:
        _FAMILIES[f.name] = f


def _discover() -> None:
    global _DISCOVERED
    if _DISCOVERED:
        return
    _DISCOVERED = True
    import xladdin.reports as pkg

    for mod in sorted(pkgutil.iter_modules(pkg.__path__), key=lambda m: m.name):
        if mod.name in FRAMEWORK_MODULES or mod.name.startswith("_") or mod.ispkg:
            continue
        module = importlib.import_module(f"xladdin.reports.{mod.name}")
        fams = getattr(module, "FAMILIES", None)
        if fams:
            register(*fams)


def families() -> list[Family]:
    """Every registered family, in registration order."""
    _discover()
    return list(_FAMILIES.values())


def get_family(name: str) -> Family:
    _discover()
    if name not in _FAMILIES:
        raise InputError(Code.BAD_CHOICE, f"unknown report family {name!r}; known: {', '.join(sorted(_FAMILIES))}")
    return _FAMILIES[name]


def module_detect(fams: Sequence[Family]):
    """``detect(header_cells) -> Detection | None`` for a family module: the best of its families."""

    def detect(header_cells: Sequence[Any]) -> Detection | None:
        dets = [d for f in fams if (d := f.detect(header_cells)) is not None]
        return max(dets, key=lambda d: d.score) if dets else None

    return detect


def module_parse(fams: Sequence[Family]):
    """``parse(source, detection=None, **options) -> Report`` restricted to a module's families."""

    def parse(source: Any, detection: Detection | None = None, **options: Any) -> Report:
        if detection is not None:
            return read_report(source, family=detection.family, detection=detection, **options)
        return read_report(source, only=[f.name for f in fams], **options)

    return parse


# --- detection --------------------------------------------------------------------------------------
def _blank_row(row: Sequence[Any]) -> bool:
    return all(c is None or (isinstance(c, str) and not c.strip()) or (isinstance(c, float) and c != c) for c in row)


def detect_in_rows(rows: Sequence[Sequence[Any]], fams: Sequence[Family]) -> Detection | None:
    """The header row and family of a grid's first rows, or None.  Raises AMBIGUOUS_REPORT on a tie."""
    for f in fams:
        if f.detect_rows is not None:
            d = f.detect_rows([list(r) for r in rows])
            if d is not None:
                return d
    for i, row in enumerate(rows):
        if _blank_row(row):
            continue
        keys = [header_key(c) for c in row]
        dets = [d for f in fams if (d := f.detect(row, keys)) is not None]
        if not dets:
            continue
        dets.sort(key=lambda d: d.score, reverse=True)
        if len(dets) > 1 and dets[0].score == dets[1].score:
            tied = [d.family for d in dets if d.score == dets[0].score]
            raise InputError(Code.AMBIGUOUS_REPORT, f"header row {i + 1} fits {', '.join(tied)}")
        best = dets[0]
        best.header_row = i
        return best
    return None


def _near(rows: Sequence[Sequence[Any]], fams: Sequence[Family]) -> Near | None:
    best: tuple[tuple[int, float], Near] | None = None
    for row in rows:
        if _blank_row(row):
            continue
        for f in fams:
            n = f.near(row)
            if not n.matched:
                continue
            alts = max(len(a) for a in f.signature) or 1
            key = (len(n.matched), -len(n.lacking) / alts)
            if best is None or key > best[0]:
                best = (key, n)
    return best[1] if best else None


def _sheet_rank(grid: Grid, fams: Sequence[Family], det: Detection) -> int:
    if grid.sheet is None:
        return 0
    key = header_key(grid.sheet)[0]
    fam = next(f for f in fams if f.name == det.family)
    return 1 if any(s.startswith(key) or key.startswith(s) for s in fam.sheet_names) else 0


def _choose(src: Source, fams: Sequence[Family], sheet: str | None) -> tuple[Grid, Detection]:
    grids = src.grids
    if sheet is not None:
        want, want31 = header_key(sheet)[0], header_key(sheet[:31])[0]

        def same(name: str) -> bool:  # Amazon and Excel cut sheet names to 31 characters
            key = header_key(name)[0]
            return key in (want, want31) or (len(name) == 31 and want.startswith(key))

        grids = [g for g in grids if g.sheet is not None and same(g.sheet)]
        if not grids:
            names = ", ".join(repr(g.sheet) for g in src.grids if g.sheet)
            raise InputError(Code.BAD_CHOICE, f"no sheet {sheet!r}; sheets: {names}", where=src.name)
    found: list[tuple[tuple[int, int, int], Grid, Detection]] = []
    heads: list[list[list[Any]]] = []
    for order, g in enumerate(grids):
        head = g.head(HEAD_ROWS)
        heads.append(head)
        det = detect_in_rows(head, fams)
        if det is None:
            continue
        det.sheet = g.sheet
        if isinstance(g, TextGrid):  # text: the first encoding x delimiter that yields a header wins
            return g, det
        found.append(((_sheet_rank(g, fams, det), det.score, -order), g, det))
    if found:
        found.sort(key=lambda t: t[0], reverse=True)
        return found[0][1], found[0][2]
    near = None
    for head in heads:
        n = _near(head, fams)
        if n is not None and (near is None or len(n.matched) > len(near.matched)):
            near = n
    if near is None:
        raise InputError(Code.UNKNOWN_REPORT, "no known report header in the first "
                         f"{HEAD_ROWS} rows; known families: {', '.join(f.name for f in fams)}", where=src.name)
    raise InputError(Code.UNKNOWN_REPORT, f"closest family: {near.family}; it lacks the column(s) "
                     f"{', '.join(near.lacking)}", where=src.name)


# --- the pipeline -----------------------------------------------------------------------------------
def detect_report(source: Any, *, family: str | None = None, sheet: str | None = None,
                  name: str | None = None, only: Sequence[str] | None = None) -> Detection:
    """Detect the family of a source without parsing its rows (JSON sources: a minimal Detection)."""
    src = open_source(source, name=name)
    fams = _families_for(family, only)
    if src.json is not None:
        f = _json_family(src, fams)
        return Detection(f.name, "api", 0, {}, [], (), None)
    _, det = _choose(src, fams, sheet)
    return det


def _families_for(family: str | None, only: Sequence[str] | None) -> list[Family]:
    if family is not None:
        return [get_family(family)]
    fams = families()
    if only is not None:
        fams = [f for f in fams if f.name in only]
    return fams


def _json_family(src: Source, fams: Sequence[Family]) -> Family:
    for f in fams:
        if f.detect_json is not None and f.detect_json(src.json):
            return f
    raise InputError(Code.UNKNOWN_REPORT, "JSON that is not a known report (account health, sales and traffic)",
                     where=src.name)


def read_report(source: Any, *, family: str | None = None, detection: Detection | None = None,
                marketplace: str | None = None, currency: str | None = None, sheet: str | None = None,
                name: str | None = None, only: Sequence[str] | None = None, **options: Any) -> Report:
    """Read one report into its canonical frame.

    Args:
        source: a path, bytes, a binary file object, a pasted range (list of rows), a DataFrame, or a
            parsed JSON object.
        family: force a family (its signature must still be found, or UNKNOWN_REPORT says what lacks).
        detection: a :class:`Detection` from an earlier :func:`detect_report` (skips detection).
        marketplace, currency: override the inferred ones ("US", "UK", "DE" ...; "USD", "EUR" ...).
        sheet: the XLSX sheet to read (default: the one whose header is recognised).
        name: source name for metadata and file-name dates (default: the file name).
        only: restrict detection to these family names.

    Raises:
        InputError: EMPTY_FILE, FILE_NOT_FOUND, UNREADABLE_FILE, UNKNOWN_REPORT, AMBIGUOUS_REPORT, BAD_CHOICE.
    """
    if marketplace is not None and marketplace not in V.MARKETPLACE_CURRENCY:
        code = V.marketplace_code(marketplace)
        if code is None:
            raise InputError(Code.UNKNOWN_MARKETPLACE, f"{marketplace!r}; use one of {', '.join(V.MARKETPLACE_CURRENCY)}")
        marketplace = code
    if currency is not None:
        c = V.currency_code(currency)
        if c is None:
            raise InputError(Code.BAD_CHOICE, f"currency {currency!r}; use an ISO code such as USD, EUR, GBP")
        currency = c
    src = open_source(source, name=name)
    fams = _families_for(family, only)
    opts = dict(options, marketplace=marketplace, currency=currency)
    if src.json is not None:
        fam = _json_family(src, fams)
        return _build_from_frame(fam, src, opts, json_obj=src.json)
    if detection is not None and detection.family in {f.name for f in fams}:
        grid = next((g for g in src.grids if g.sheet == detection.sheet), None)
        if grid is None or not _same_header(grid, detection):
            grid, detection = _choose(src, fams, sheet)
    else:
        grid, detection = _choose(src, fams, sheet)
    fam = get_family(detection.family)
    if detection.header_row < 0:  # a family that reads the rows itself (metric/value table)
        return _build_from_frame(fam, src, opts, grid=grid, detection=detection)
    return build(fam, grid, detection, src, opts)


def _same_header(grid: Grid, det: Detection) -> bool:
    head = grid.head(HEAD_ROWS)
    return det.header_row < len(head)


# --- building the canonical frame -------------------------------------------------------------------
def _infer_context(fam: Family, det: Detection, cols: dict[str, Any], opts: dict[str, Any], notes: list[str]):
    """(marketplace, currency, marketplace_source, currency_source)."""
    mp, mp_src = opts.get("marketplace"), "option" if opts.get("marketplace") else None
    cur, cur_src = opts.get("currency"), "option" if opts.get("currency") else None
    if cur is None and "currency" in cols:
        c = V.currency_code(V.most_common_text(cols["currency"]))
        if c:
            cur, cur_src = c, "column"
    if mp is None:
        for k in ("marketplace", "country", "marketplace_id"):
            if k in cols:
                m = V.marketplace_code(V.most_common_text(cols[k]))
                if m:
                    mp, mp_src = m, "column"
                    break
    if cur is None and det.header_currency:
        cur, cur_src = det.header_currency, "header"
    if cur is None:
        for c in fam.columns:
            if c.kind == "money" and c.name in cols:
                found = V.currency_from_values(cols[c.name])
                if found:
                    cur, cur_src = found, "values"
                    break
    if mp is None and cur is not None:
        if cur == "EUR":
            if det.language == "de":
                mp, mp_src = "DE", "currency+language"
        elif cur in V.CURRENCY_MARKETPLACE:
            mp, mp_src = V.CURRENCY_MARKETPLACE[cur], "currency"
            if cur == "USD" and cur_src == "values":
                notes.append("marketplace US inferred from '$' amounts; override with marketplace=… for CA/MX/AU")
    if mp is None and det.language == "de":
        mp, mp_src = "DE", "language"
    if cur is None and mp is not None:
        cur, cur_src = V.MARKETPLACE_CURRENCY.get(mp), "marketplace"
    return mp, cur, mp_src, cur_src


def _mask_rows(col: Any, keep: np.ndarray) -> Any:
    if isinstance(col, np.ndarray):
        return col[keep]
    import pyarrow as pa

    return col.filter(pa.array(keep))


_TOTAL_SET = None
_TOTAL_EDGE = 5  # rows at each end of the data where a totals row is looked for


def _total_words():
    import pyarrow as pa

    global _TOTAL_SET
    if _TOTAL_SET is None:
        forms = set()
        for w in TOTAL_WORDS:
            for f in (w, w.upper(), w.title(), w.capitalize()):
                forms.update((f, f + ":", f + "："))
        _TOTAL_SET = pa.array(sorted(forms))
    return _TOTAL_SET


def _totals_mask(fam: Family, det: Detection, raw: RawTable) -> np.ndarray:
    """Rows whose key cell says "Total" / "合计" / "Summe" (a totals row pasted or exported below the data)."""
    import pyarrow.compute as pc

    n = len(raw)
    mask = np.zeros(n, bool)
    idxs = [det.columns[k] for k in fam.key_columns if k in det.columns]
    if not idxs and raw.columns:
        idxs = [0]
    # A totals row sits above or below the data (Amazon's UI, a pasted range): look at the ends only.
    ends = np.unique(np.r_[np.arange(min(n, _TOTAL_EDGE)), np.arange(max(0, n - _TOTAL_EDGE), n)])
    for j in idxs:
        col = raw.columns[j]
        sub = col[ends] if isinstance(col, np.ndarray) else col.take(ends)
        t = V._trim(V.raw_text(sub))
        mask[ends] |= pc.is_in(t, value_set=_total_words()).to_numpy(zero_copy_only=False)
    return mask


def _blank_rows(raw: RawTable) -> np.ndarray:
    """All-blank rows, checking further columns only where the earlier ones were blank."""
    n = len(raw)
    if not n or not raw.columns:
        return np.zeros(n, bool)
    blank = V.blank_mask(raw.columns[0])
    for c in raw.columns[1:]:
        idx = np.flatnonzero(blank)
        if idx.size == 0:
            break
        sub = c[idx] if isinstance(c, np.ndarray) else c.take(idx)
        blank[idx] = V.blank_mask(sub)
    return blank


def build(fam: Family, grid: Grid, det: Detection, src: Source, opts: dict[str, Any]) -> Report:
    typed = {}
    for name, j in det.columns.items():  # flat files: plain numbers typed while reading
        c = fam.by_name[name]
        if fam.plain_numbers and c.kind == "int" and not c.bound:
            typed[j] = "int"  # strict: "1,234", "1.045", "12abc" fail the typed read, which then reads text
        elif fam.plain_numbers and c.kind in ("float", "money") and not c.bound:
            typed[j] = "float"
    raw = grid.table(det.header_row, typed)
    header = raw.header
    problems = Problems()
    for raw_i, col, value, code, detail in raw.problems:
        problems.add([raw_i], col, col, [value], code, detail)
    # Blank rows hold nothing: skip and count them.  Totals rows are moved to the problems table.
    blank = _blank_rows(raw)
    totals = _totals_mask(fam, det, raw) & ~blank
    if totals.any():
        ti = np.flatnonzero(totals)
        for name, j in det.columns.items():
            vals = V.raw_text(raw.columns[j]).take(ti).to_pylist()
            if any(v.strip() for v in vals):
                problems.add(ti, name, clean_header(header[j]), vals, Code.TOTALS_ROW)
    keep = ~(blank | totals)
    position = np.where(keep, np.cumsum(keep) - 1, -1)
    rows_raw = np.flatnonzero(keep)
    mapped = {name: (_mask_rows(raw.columns[j], keep) if not keep.all() else raw.columns[j])
              for name, j in det.columns.items()}
    notes: list[str] = []
    mp, cur, mp_src, cur_src = _infer_context(fam, det, mapped, opts, notes)
    meta = ReportMeta(
        family=fam.name, title=fam.title, language=det.language, marketplace=mp, currency=cur, date_from=None,
        date_to=None, date_source=None, source=src.name, source_format=grid.source_format, encoding=grid.encoding,
        delimiter=grid.delimiter, sheet=grid.sheet, header_row=_header_row_number(raw, det), rows=int(keep.sum()),
        columns={name: clean_header(header[j]) for name, j in det.columns.items()},
        unmapped=[clean_header(header[j]) for j in det.unmapped], missing=list(det.missing),
        marketplace_source=mp_src, currency_source=cur_src, blank_rows_skipped=int(blank.sum()) + raw.blank_lines,
        notes=list(src.notes) + notes)
    data = _typed_frame(fam, mapped, meta, problems, rows_raw, det.header_currency)
    extra = pd.DataFrame({clean_header(header[j]) or f"column_{j + 1}": V.raw_text(
        _mask_rows(raw.columns[j], keep) if not keep.all() else raw.columns[j]).to_pandas(types_mapper=None)
        for j in det.unmapped}) if det.unmapped else pd.DataFrame(index=range(meta.rows))
    return _finish(fam, data, extra, meta, problems, rows_raw, position, raw.source_rows, opts)


def _header_row_number(raw: RawTable, det: Detection) -> int:
    return det.header_row + 1


def _typed_frame(fam: Family, mapped: dict[str, Any], meta: ReportMeta, problems: Problems,
                 rows_raw: np.ndarray, header_currency: str | None) -> pd.DataFrame:
    mp = meta.marketplace
    decimal_hint = None
    if mp is not None:
        decimal_hint = "," if V.MARKETPLACE_CURRENCY.get(mp) == "EUR" or mp in ("SE", "PL", "TR", "BR") else "."
    dayfirst_hint = None if mp is None else mp not in V.MONTH_FIRST
    n = meta.rows

    def one(c):
        col = mapped[c.name]
        if c.missing:
            col = V.blank_tokens(col, c.missing)
        return col, V.convert(col, c.kind, decimal_hint=decimal_hint, dayfirst_hint=dayfirst_hint,
                              pct_plain=c.pct_plain, bounds=c.bound)

    present = [c for c in fam.columns if c.name in mapped]
    if n >= _PARALLEL_ROWS and len(present) > 1 and (os.cpu_count() or 1) >= 4:
        # The kernels are pyarrow's and release the GIL: convert columns side by side on big files.
        with ThreadPoolExecutor(max_workers=min(len(present), os.cpu_count() or 1)) as pool:
            done = dict(zip((c.name for c in present), pool.map(one, present)))
    else:
        done = {c.name: one(c) for c in present}
    out: dict[str, Any] = {}
    for c in fam.columns:
        if c.name not in mapped:
            if c.core:
                out[c.name] = V.empty_of(c.kind, n)
                if c.bound:
                    out[f"{c.name}_bound"] = V.empty_of("text", n)
            continue
        col, conv = done[c.name]
        bad = np.flatnonzero(conv.errors)
        if bad.size:
            texts = V.raw_text(col).take(bad).to_pylist()
            for code in np.unique(conv.errors[bad]):
                sel = conv.errors[bad] == code
                problems.add(rows_raw[bad[sel]], c.name, meta.columns.get(c.name), [t for t, s in zip(texts, sel) if s],
                             Code(int(code)), conv.detail if Code(int(code)) != Code.NOT_A_DATE else "")
        out[c.name] = conv.values
        if c.bound:
            out[f"{c.name}_bound"] = conv.bound
    return pd.DataFrame(out, index=pd.RangeIndex(n), copy=False)


def _finish(fam: Family, data: pd.DataFrame, extra: pd.DataFrame, meta: ReportMeta, problems: Problems,
            rows_raw: np.ndarray, position: np.ndarray, source_rows: np.ndarray, opts: dict[str, Any]) -> Report:
    ctx = Context(fam, meta, problems, rows_raw, opts)
    if fam.finish is not None:
        data = fam.finish(data, ctx)
    _date_range(fam, data, meta)
    meta.rows = len(data)
    probs = problems.frame(position, source_rows)
    meta.n_problems = len(probs)
    extra = extra.reset_index(drop=True)
    return Report(data, meta, probs, extra)


def _date_range(fam: Family, data: pd.DataFrame, meta: ReportMeta) -> None:
    lo_cols, hi_cols = (("date", "start_date"), ("date", "end_date"))
    if fam.date_columns is not None:
        lo_cols, hi_cols = ((fam.date_columns[0],), (fam.date_columns[1],)) if fam.date_columns else ((), ())
    lo = [data[c].min() for c in lo_cols if c in data and str(data[c].dtype).startswith("datetime")]
    hi = [data[c].max() for c in hi_cols if c in data and str(data[c].dtype).startswith("datetime")]
    lo = [x for x in lo if pd.notna(x)]
    hi = [x for x in hi if pd.notna(x)]
    if lo or hi:
        meta.date_from = min(lo or hi).date()
        meta.date_to = max(hi or lo).date()
        meta.date_source = "column"
        return
    rng = V.dates_from_name(meta.source)
    if rng:
        meta.date_from, meta.date_to = rng
        meta.date_source = "file_name"
        if rng[0] == rng[1]:
            meta.notes.append("date from the file name (Amazon's download date; the file has no date column)")


def _build_from_frame(fam: Family, src: Source, opts: dict[str, Any], *, json_obj: Any = None,
                      grid: Grid | None = None, detection: Detection | None = None) -> Report:
    """Families that build a raw canonical frame themselves (JSON, metric/value tables)."""
    problems = Problems()
    meta = ReportMeta(
        family=fam.name, title=fam.title, language=detection.language if detection else "api",
        marketplace=opts.get("marketplace"), currency=opts.get("currency"), date_from=None, date_to=None,
        date_source=None, source=src.name, source_format=src.source_format if grid is None else grid.source_format,
        encoding=getattr(grid, "encoding", None), delimiter=getattr(grid, "delimiter", None),
        sheet=getattr(grid, "sheet", None), header_row=0, rows=0, columns={}, unmapped=[], missing=[],
        marketplace_source="option" if opts.get("marketplace") else None,
        currency_source="option" if opts.get("currency") else None)
    ctx = Context(fam, meta, problems, np.zeros(0, np.int64), opts)
    if json_obj is not None:
        raw_frame = fam.parse_json(json_obj, ctx)
    else:
        raw_frame = fam.parse_rows(grid.all_rows(), detection, ctx)
    n = len(raw_frame)
    rows_raw = np.arange(n, dtype=np.int64)
    ctx.raw_rows = rows_raw
    mapped = {c: raw_frame[c].to_numpy(dtype=object) for c in raw_frame.columns if c in fam.by_name}
    meta.columns = {c: c for c in mapped}
    meta.rows = n
    if meta.marketplace is None:
        for k in ("marketplace", "marketplace_id", "country"):
            if k in mapped:
                m = V.marketplace_code(V.most_common_text(mapped[k]))
                if m:
                    meta.marketplace, meta.marketplace_source = m, "column"
                    break
    if meta.currency is None and meta.marketplace:
        meta.currency, meta.currency_source = V.MARKETPLACE_CURRENCY.get(meta.marketplace), "marketplace"
    data = _typed_frame(fam, mapped, meta, problems, rows_raw, None)
    src_rows = raw_frame["_source_row"].to_numpy(dtype=np.int64) if "_source_row" in raw_frame else rows_raw + 1
    return _finish(fam, data, pd.DataFrame(index=range(n)), meta, problems, rows_raw, rows_raw, src_rows, opts)


__all__ = ["register", "families", "get_family", "read_report", "detect_report", "module_detect", "module_parse",
           "detect_in_rows", "RowsGrid", "RawTable"]
