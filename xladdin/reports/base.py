"""The report framework: declarative family tables, detection by header signature, and the result types.

A *family* (Business Report by child ASIN, Manage FBA Inventory, SP search term report ...) is one
:class:`Family` object: a table of :class:`Col` (canonical snake_case name, value kind, header spellings
per language), a *signature* (the subset of columns that must be present for the family to be
recognised) and optional hooks.  Family modules in ``xladdin/reports/`` declare ``FAMILIES = [...]``;
:mod:`xladdin.reports.registry` discovers them.  See ``xladdin/reports/FRAMEWORK.md``.

Reading a report gives a :class:`Report`: the canonical DataFrame, a :class:`ReportMeta` (family,
language, marketplace, currency, date range, source ...) and a *problems* DataFrame with one row per bad
cell (row, column, value, code, reason), collected in one pass.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from xladdin.errors import Code, reason
from xladdin.reports.headers import clean_header, header_key

#: Value kinds a column can have, and the pandas dtype of the canonical column.
KINDS: dict[str, str] = {
    "id": "str",        # campaign / ad group / keyword / target / portfolio IDs, SKU, FNSKU: always text
    "asin": "str",      # like "id", upper-cased (ASINs appear in lower case in search terms)
    "text": "str",      # free text (title, product name, campaign name)
    "int": "Int64",     # counts: "3,395", "1.045", 12
    "float": "float64", # plain decimals (volume, days of supply, ROAS)
    "money": "float64", # "$1,234.56", "US$15,368.85", "1.234,56 €": float in the report's currency
    "pct": "float64",   # "4.51%", "8,80 %", 0.0451: always a fraction (0.0451)
    "date": "datetime64[s]",  # marketplace short dates, ISO, "Sep 01, 2026", yyyymmdd, Excel serials
    "bool": "boolean",  # Yes/No, TRUE/FALSE, 是/否, Ja/Nein
}

LANGUAGES = ("en", "zh", "de")  # UI languages with alias columns; more via Col(**{"fr": [...]})
NEUTRAL = "api"  # language-neutral spellings (SP-API / Ads API ids, snake_case, camelCase)


class Col:
    """One canonical column of a family and every header spelling that maps to it.

    Args:
        name: canonical snake_case English name (``"ordered_sales"``).
        kind: one of :data:`KINDS`.
        en, zh, de: header spellings in that UI language (str or list).  Write them as Amazon does; they
            are folded by :func:`~xladdin.reports.headers.header_key` (case, spaces, dashes, NBSP,
            full-width brackets and trailing currency / ``(#)`` qualifiers do not matter).
        api: language-neutral spellings (API field ids such as ``unitsOrdered``); they do not vote for a
            language.
        core: always present in the canonical frame (filled with missing values when the file lacks it).
        pct_plain: for ``pct`` columns, how to read a *number* without a ``%`` sign: ``"fraction"``
            (0.0451, as Excel stores 4.51 %) or ``"percent"`` (4.51, as the SP-API JSON writes it).
        bound: numeric column whose cells may be bounds (``"365+"``, ``">1,000"``, ``"<5%"``): the number is
            kept and a companion column ``<name>_bound`` holds ``">="``/``">"``/``"<"`` (missing when exact).
        **more: further languages, e.g. ``fr=["Sessions – Total"]``.
    """

    __slots__ = ("name", "kind", "aliases", "core", "pct_plain", "bound", "missing", "doc")

    def __init__(self, name: str, kind: str, *, en: str | Sequence[str] = (), zh: str | Sequence[str] = (),
                 de: str | Sequence[str] = (), api: str | Sequence[str] = (), core: bool = False,
                 pct_plain: str = "fraction", bound: bool = False, missing: Sequence[str] = (), doc: str = "",
                 **more: str | Sequence[str]):
        if kind not in KINDS:
            raise ValueError(f"column {name!r}: unknown kind {kind!r}; use one of {sorted(KINDS)}")
        if pct_plain not in ("fraction", "percent"):
            raise ValueError(f"column {name!r}: pct_plain must be 'fraction' or 'percent'")
        self.name = name
        self.kind = kind
        langs = {"en": en, "zh": zh, "de": de, NEUTRAL: api, **more}
        self.aliases: dict[str, tuple[str, ...]] = {
            lang: ((v,) if isinstance(v, str) else tuple(v)) for lang, v in langs.items() if v}
        self.core = core
        self.pct_plain = pct_plain
        self.bound = bound
        self.missing = tuple(missing)
        self.doc = doc

    def __repr__(self) -> str:
        return f"Col({self.name!r}, {self.kind!r})"


Requirement = str | tuple[str, ...]  # a canonical name, or a tuple meaning "any one of these"


@dataclass
class Detection:
    """What :meth:`Family.detect` found in one header row."""

    family: str
    language: str
    score: int  # number of header cells mapped to canonical columns
    columns: dict[str, int]  # canonical name -> column index in the header row
    unmapped: list[int]  # indices of non-empty header cells that map to nothing
    missing: tuple[str, ...]  # core columns absent from the header
    header_currency: str | None  # from qualifiers such as "(€)"
    header_row: int = 0  # 0-based index of the header row in the grid (filled by the registry)
    sheet: str | None = None
    confidence: float = 0.0  # mapped / non-empty header cells


@dataclass
class Near:
    """The closest family for a header that matched nothing: used in UNKNOWN_REPORT messages."""

    family: str
    matched: list[str]
    lacking: list[str]  # unsatisfied signature requirements, as English header names


@dataclass
class ReportMeta:
    """Provenance and inferred context of one parsed report."""

    family: str
    title: str
    language: str
    marketplace: str | None
    currency: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    date_source: str | None  # "column", "file_name" or None
    source: str  # file name, or "<range>" for a pasted range
    source_format: str  # "csv", "tsv", "xlsx", "xls", "json", "range"
    encoding: str | None
    delimiter: str | None
    sheet: str | None
    header_row: int  # 1-based row number of the header in the sheet / file
    rows: int
    columns: dict[str, str]  # canonical name -> source header cell
    unmapped: list[str]  # source header cells kept in Report.extra, not mapped
    missing: list[str]  # core columns the file lacks (present in the frame, all missing)
    marketplace_source: str | None = None  # "option", "column", "currency", "language", ...
    currency_source: str | None = None
    blank_rows_skipped: int = 0
    notes: list[str] = field(default_factory=list)
    n_problems: int = 0

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        for k in ("date_from", "date_to"):
            d[k] = d[k].isoformat() if d[k] else None
        return d


PROBLEM_COLUMNS = ["row", "source_row", "column", "source_column", "value", "code", "reason"]


@dataclass
class Report:
    """A parsed report: canonical ``data``, ``meta``, one-pass ``problems``, unmapped columns in ``extra``."""

    data: pd.DataFrame
    meta: ReportMeta
    problems: pd.DataFrame
    extra: pd.DataFrame

    def __repr__(self) -> str:
        m = self.meta
        return (f"<Report {m.family} {m.language} {m.marketplace or '?'} {m.currency or '?'} "
                f"rows={m.rows} problems={len(self.problems)} source={m.source!r}>")


_EMPTY_PROBLEMS: pd.DataFrame | None = None


def empty_problems() -> pd.DataFrame:
    global _EMPTY_PROBLEMS
    if _EMPTY_PROBLEMS is None:
        _EMPTY_PROBLEMS = _new_empty_problems()
    return _EMPTY_PROBLEMS.copy()


def _new_empty_problems() -> pd.DataFrame:
    return pd.DataFrame({"row": pd.array([], "Int64"), "source_row": pd.array([], "Int64"),
                         "column": pd.Series([], dtype="str"), "source_column": pd.Series([], dtype="str"),
                         "value": pd.Series([], dtype="str"), "code": pd.Series([], dtype="str"),
                         "reason": pd.Series([], dtype="str")})


class Problems:
    """Collects bad cells in one pass; rows are positions in the *raw* table until :meth:`frame` maps them."""

    def __init__(self) -> None:
        self._chunks: list[dict[str, Any]] = []

    def add(self, raw_rows: Iterable[int] | np.ndarray, column: str | None, source_column: str | None,
            values: Iterable[Any], code: Code, detail: str = "") -> None:
        rows = np.asarray(list(raw_rows) if not isinstance(raw_rows, np.ndarray) else raw_rows, dtype=np.int64)
        if rows.size == 0:
            return
        vals = [("" if v is None else str(v)) for v in values]
        self._chunks.append({"raw": rows, "column": column, "source_column": source_column, "value": vals,
                             "code": Code(code), "detail": detail})

    def __len__(self) -> int:
        return sum(len(c["raw"]) for c in self._chunks)

    def frame(self, position_of_raw: np.ndarray, source_row_of_raw: np.ndarray) -> pd.DataFrame:
        """One DataFrame; ``row`` = position in the canonical frame (missing for rows moved out)."""
        if not self._chunks:
            return empty_problems()
        parts = []
        for c in self._chunks:
            raw = c["raw"]
            pos = position_of_raw[raw] if len(position_of_raw) else np.full(len(raw), -1)
            src = source_row_of_raw[raw] if len(source_row_of_raw) else np.full(len(raw), -1)
            n = len(raw)
            parts.append(pd.DataFrame({
                "row": pd.array(np.where(pos >= 0, pos, 0), "Int64").copy(),
                "source_row": pd.array(src, "Int64"),
                "column": [c["column"]] * n, "source_column": [c["source_column"]] * n,
                "value": c["value"], "code": [c["code"].name] * n,
                "reason": [reason(c["code"], c["detail"])] * n,
            }))
            parts[-1].loc[pos < 0, "row"] = pd.NA
        out = pd.concat(parts, ignore_index=True)
        out = out.sort_values(["source_row", "column"], kind="stable", na_position="first").reset_index(drop=True)
        for k in ("column", "source_column", "value", "code", "reason"):
            out[k] = out[k].astype("str")
        return out


@dataclass
class Context:
    """Handed to a family's ``finish`` hook: the metadata being built and the problem collector.

    ``raw_rows`` maps each row of the frame the hook receives to its raw-table index, so a hook can report
    problems with ``ctx.problem(frame_positions, ...)``.
    """

    family: Family
    meta: ReportMeta
    problems: Problems
    raw_rows: np.ndarray
    options: dict[str, Any]

    def problem(self, positions: Iterable[int], column: str, values: Iterable[Any], code: Code,
                detail: str = "") -> None:
        pos = np.asarray(list(positions), dtype=np.int64)
        src = self.meta.columns.get(column)
        self.problems.add(self.raw_rows[pos] if pos.size else pos, column, src, values, code, detail)


# A family hook: (canonical frame, context) -> canonical frame
Finish = Callable[[pd.DataFrame, Context], pd.DataFrame]


class Family:
    """A report family: column table, signature, and optional hooks.

    Args:
        name: stable id (``"business_report_child"``), used in metadata, ``--family`` and tests.
        title: English title; ``title_zh``: Chinese title.
        columns: the :class:`Col` table, in canonical output order.
        signature: alternatives; the family is recognised when *all* requirements of *one* alternative are
            present.  A requirement is a canonical name or a tuple of names meaning "any one of".
        excludes: canonical names that must be absent (e.g. by-parent excludes the child ASIN).
        key_columns: text columns that hold "Total"/"合计"/"Summe" on a totals row (moved out of the data).
        finish: hook ``(frame, ctx) -> frame`` run after the generic parsing (derived columns, checks).
        detect_json / parse_json: for JSON sources (``detect_json(obj) -> bool``;
            ``parse_json(obj, ctx) -> frame`` returning canonical columns; values already typed).
        detect_rows / parse_rows: for sources without a header row in the usual sense (a pasted two-column
            metric/value table): ``detect_rows(rows) -> Detection | None``; ``parse_rows(rows, detection,
            ctx) -> frame``.
        sheet_names: preferred XLSX sheet names (matched with :func:`header_key`, prefix match, because
            Amazon cuts sheet names to 31 characters).
        date_columns: (from, to) canonical names giving the report's date range; default: the first of
            ``date``/``start_date`` and the last of ``date``/``end_date`` present.  ``()`` means never from
            columns (only from the file name), e.g. a bulksheet whose dates are the campaigns' own.
        plain_numbers: the family's files are machine-written flat files whose decimals are plain
            (``24.99``): a CSV reader may type its float / money columns while reading (faster).  A file with
            any other form in such a column (``24,99``, ``$24.99``) is read as text and parsed as usual.
    """

    def __init__(self, name: str, title: str, columns: Sequence[Col], *, signature: Sequence[Sequence[Requirement]],
                 excludes: Sequence[str] = (), key_columns: Sequence[str] = (), title_zh: str = "",
                 finish: Finish | None = None, detect_json: Callable[[Any], bool] | None = None,
                 parse_json: Callable[[Any, Context], pd.DataFrame] | None = None,
                 detect_rows: Callable[[list[list[Any]]], Detection | None] | None = None,
                 parse_rows: Callable[[list[list[Any]], Detection, Context], pd.DataFrame] | None = None,
                 sheet_names: Sequence[str] = (), date_columns: tuple[str, str] | tuple[()] | None = None,
                 plain_numbers: bool = False):
        self.name = name
        self.title = title
        self.title_zh = title_zh
        self.columns = tuple(columns)
        self.by_name = {c.name: c for c in self.columns}
        if len(self.by_name) != len(self.columns):
            raise ValueError(f"family {name}: duplicate canonical column names")
        self.signature = tuple(tuple(alt) for alt in signature)
        self.excludes = tuple(excludes)
        self.key_columns = tuple(key_columns)
        self.finish = finish
        self.detect_json = detect_json
        self.parse_json = parse_json
        self.detect_rows = detect_rows
        self.parse_rows = parse_rows
        self.sheet_names = tuple(header_key(s)[0] for s in sheet_names)
        self.date_columns = date_columns
        self.plain_numbers = plain_numbers
        for alt in self.signature:
            for req in alt:
                for n in (req,) if isinstance(req, str) else req:
                    if n not in self.by_name:
                        raise ValueError(f"family {name}: signature names unknown column {n!r}")
        for n in (*self.excludes, *self.key_columns):
            if n not in self.by_name:
                raise ValueError(f"family {name}: unknown column {n!r}")
        # Alias index: match key -> (canonical name, languages).  A key shared by two columns is a bug.
        self.index: dict[str, tuple[str, frozenset[str]]] = {}
        langs_of: dict[str, set[str]] = {}
        owner: dict[str, str] = {}
        for c in self.columns:
            for lang, spellings in c.aliases.items():
                for s in spellings:
                    key = header_key(s)[0]
                    if key in owner and owner[key] != c.name:
                        raise ValueError(f"family {name}: header {s!r} maps to both {owner[key]!r} and {c.name!r}")
                    owner[key] = c.name
                    langs_of.setdefault(key, set()).add(lang)
        for key, col in owner.items():
            self.index[key] = (col, frozenset(langs_of[key]))

    def __repr__(self) -> str:
        return f"Family({self.name!r})"

    # -- detection ---------------------------------------------------------------------------------
    def match(self, header_cells: Sequence[Any], keys: Sequence[tuple[str, str | None]] | None = None
              ) -> tuple[dict[str, int], list[int], Counter, list[str]]:
        """Map header cells to canonical names: (columns, unmapped indices, language votes, currencies).

        ``keys``: the cells' :func:`header_key` values when the caller has them already (one row, many families).
        """
        cols: dict[str, int] = {}
        unmapped: list[int] = []
        votes: Counter = Counter()
        currencies: list[str] = []
        if keys is None:
            keys = [header_key(c) for c in header_cells]
        for i, (key, cur) in enumerate(keys):
            if not key:
                continue
            hit = self.index.get(key)
            if hit is None or hit[0] in cols:
                unmapped.append(i)
                continue
            cols[hit[0]] = i
            if cur:
                currencies.append(cur)
            langs = hit[1] - {NEUTRAL}
            if len(langs) == 1:  # "SKU" / "ASIN" are the same in every language: no vote
                votes[next(iter(langs))] += 1
        return cols, unmapped, votes, currencies

    def satisfied(self, present: Iterable[str]) -> bool:
        got = set(present)
        if any(n in got for n in self.excludes):
            return False
        return any(all((r in got) if isinstance(r, str) else any(n in got for n in r) for r in alt)
                   for alt in self.signature)

    def lacking(self, present: Iterable[str]) -> list[str]:
        """Unsatisfied requirements of the closest signature alternative, as English header names."""
        got = set(present)
        best: list[str] | None = None
        for alt in self.signature:
            miss = [r for r in alt if not ((r in got) if isinstance(r, str) else any(n in got for n in r))]
            if best is None or len(miss) < len(best):
                best = [self.display(r) for r in miss]
        extra = [f"not {self.display(n)}" for n in self.excludes if n in got]
        return (best or []) + extra

    def display(self, req: Requirement) -> str:
        names = (req,) if isinstance(req, str) else req
        shown = []
        for n in names:
            al = self.by_name[n].aliases
            shown.append(f'"{(al.get("en") or al.get(NEUTRAL) or (n,))[0]}"')
        return " or ".join(shown)

    def detect(self, header_cells: Sequence[Any], keys: Sequence[tuple[str, str | None]] | None = None
               ) -> Detection | None:
        """A :class:`Detection` when ``header_cells`` carry this family's signature, else ``None``."""
        if keys is None:
            keys = [header_key(c) for c in header_cells]
        if not any(k in self.index for k, _ in keys):  # nothing of this family in the row
            return None
        cols, unmapped, votes, currencies = self.match(header_cells, keys)
        if not cols or not self.satisfied(cols):
            return None
        return self._detection(header_cells, cols, unmapped, votes, currencies)

    def _detection(self, header_cells, cols, unmapped, votes, currencies) -> Detection:
        language = votes.most_common(1)[0][0] if votes else "en"
        if votes and len(votes) > 1:
            top = votes.most_common(2)
            if top[0][1] == top[1][1]:  # a tie: prefer a non-English UI (English words leak into every UI)
                language = next((lang for lang, n in top if lang != "en"), top[0][0])
        nonempty = sum(1 for c in header_cells if header_key(c)[0])
        missing = tuple(c.name for c in self.columns if c.core and c.name not in cols)
        cur = Counter(currencies).most_common(1)[0][0] if currencies else None
        return Detection(self.name, language, len(cols), cols, unmapped, missing, cur,
                         confidence=len(cols) / max(nonempty, 1))

    def near(self, header_cells: Sequence[Any]) -> Near:
        cols, *_ = self.match(header_cells)
        return Near(self.name, sorted(cols), self.lacking(cols))

    # -- parsing -----------------------------------------------------------------------------------
    def parse(self, source: Any, detection: Detection | None = None, **options: Any) -> Report:
        """Parse ``source`` (path, bytes, pasted rows, JSON object) as this family.  See :func:`read_report`."""
        from xladdin.reports.registry import read_report

        return read_report(source, family=self.name, detection=detection, **options)


def display_header(cell: Any) -> str:
    return clean_header(cell)
