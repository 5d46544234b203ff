"""Vectorised cell conversion for report columns, and marketplace / currency / date-range inference.

A column arrives either as a pyarrow string array (CSV: every cell is raw text) or as a numpy object array
(XLSX via python-calamine or a pasted range: floats, ints, str, datetimes, None, "").  Every converter
works on the *distinct* values only (pyarrow ``dictionary_encode`` / ``pandas.factorize``) and maps the
results back with one take, so there is no per-row Python loop.  Numbers are parsed by
:func:`xladdin.core.numbers.parse_texts` (the one text-number parser, fast paths included); this module adds
only column policy: the marketplace's decimal separator, the column's own decimal evidence, counts, percent
columns without "%" signs and bound markers.  Dates reuse :func:`xladdin.core.dates.parse_date`
and add the report formats it does not know (day-first slashes, ``yyyymmdd``, ``Sep 01, 2026``, ``dd.mm.yy``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from xladdin.core import numbers as _numbers
from xladdin.core.dates import parse_date as _core_parse_date
from xladdin.errors import Code

PLACEHOLDERS = ["", "-", "--", "—", "–", "---", "n/a", "N/A", "NA", "na", "#N/A", "null", "NULL", "None"]
_PLACEHOLDER_SET = frozenset(PLACEHOLDERS)

# --- marketplaces and currencies --------------------------------------------------------------------
MARKETPLACE_CURRENCY = {
    "US": "USD", "UK": "GBP", "DE": "EUR", "FR": "EUR", "IT": "EUR", "ES": "EUR", "NL": "EUR", "BE": "EUR",
    "IE": "EUR", "CA": "CAD", "MX": "MXN", "IN": "INR", "JP": "JPY", "AU": "AUD", "AE": "AED", "SE": "SEK",
    "PL": "PLN", "TR": "TRY", "BR": "BRL", "SG": "SGD", "SA": "SAR", "EG": "EGP",
}
CURRENCY_MARKETPLACE = {"USD": "US", "GBP": "UK", "CAD": "CA", "MXN": "MX", "INR": "IN", "JPY": "JP",
                        "AUD": "AU", "AED": "AE", "SEK": "SE", "PLN": "PL", "TRY": "TR", "BRL": "BR",
                        "SGD": "SG", "SAR": "SA", "EGP": "EG"}  # EUR: decided with the UI language
MARKETPLACE_ALIASES = {
    "us": "US", "usa": "US", "united states": "US", "amazon.com": "US", "美国": "US", "vereinigte staaten": "US",
    "atvpdkikx0der": "US",
    "uk": "UK", "gb": "UK", "united kingdom": "UK", "great britain": "UK", "amazon.co.uk": "UK", "英国": "UK",
    "vereinigtes königreich": "UK", "a1f83g8c2aro7p": "UK",
    "de": "DE", "germany": "DE", "deutschland": "DE", "amazon.de": "DE", "德国": "DE", "a1pa6795ukmfr9": "DE",
    "fr": "FR", "france": "FR", "frankreich": "FR", "法国": "FR", "amazon.fr": "FR",
    "it": "IT", "italy": "IT", "italien": "IT", "意大利": "IT", "amazon.it": "IT",
    "es": "ES", "spain": "ES", "spanien": "ES", "西班牙": "ES", "amazon.es": "ES",
    "ca": "CA", "canada": "CA", "kanada": "CA", "加拿大": "CA", "amazon.ca": "CA",
    "mx": "MX", "mexico": "MX", "墨西哥": "MX", "in": "IN", "india": "IN", "印度": "IN", "amazon.in": "IN",
    "jp": "JP", "japan": "JP", "日本": "JP", "au": "AU", "australia": "AU", "ae": "AE", "nl": "NL",
    "netherlands": "NL", "se": "SE", "pl": "PL", "tr": "TR", "br": "BR", "sg": "SG", "sa": "SA", "eg": "EG",
    "be": "BE", "ie": "IE",
}
_SYMBOL_RE = r"(?P<s>US\$|CA\$|C\$|AU\$|A\$|MX\$|\$|€|£|₹|¥|￥|USD|EUR|GBP|INR|CAD|JPY|MXN|AUD|AED)"
_SYMBOL_CURRENCY = {"$": "USD", "US$": "USD", "CA$": "CAD", "C$": "CAD", "AU$": "AUD", "A$": "AUD",
                    "MX$": "MXN", "€": "EUR", "£": "GBP", "₹": "INR", "¥": "JPY", "￥": "JPY"}
MONTH_FIRST = {"US", "CA", "MX"}  # short dates MM/DD/YY; other marketplaces DD/MM/YY


def marketplace_code(value: Any) -> str | None:
    """``"United States"``, ``"amazon.de"``, ``"uk"``, a marketplace id → ``"US"``/``"DE"``/``"UK"``."""
    if value is None:
        return None
    s = str(value).strip().casefold()
    if s.startswith("www."):
        s = s[4:]
    return MARKETPLACE_ALIASES.get(s)


def currency_code(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    if s in _SYMBOL_CURRENCY:
        return _SYMBOL_CURRENCY[s]
    s = s.upper()
    return s if re.fullmatch(r"[A-Z]{3}", s) else None


# --- column views ----------------------------------------------------------------------------------
def _is_arrow(col: Any) -> bool:
    return isinstance(col, (pa.Array, pa.ChunkedArray))


def _arrow(col: Any) -> pa.Array:
    """A pyarrow column as text without nulls (numeric columns typed by the CSV reader are cast back)."""
    if isinstance(col, pa.ChunkedArray):
        col = col.combine_chunks()
    if not (pa.types.is_string(col.type) or pa.types.is_large_string(col.type)):
        col = pc.cast(col, pa.string())
    if col.null_count:
        col = col.fill_null("")
    return col


def _arrow_numeric(col: Any) -> bool:
    return _is_arrow(col) and (pa.types.is_integer(col.type) or pa.types.is_floating(col.type))


def _uniques(col: Any) -> tuple[np.ndarray, np.ndarray]:
    """(codes, uniques) of an object column; blank cells (None/NaN) get code -1."""
    codes, uniq = pd.factorize(col, use_na_sentinel=True)
    return codes, np.asarray(uniq, dtype=object)


def _cell_text(v: Any) -> str:
    """Display text of one typed cell (XLSX / pasted range)."""
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, float):
        if v != v:
            return ""
        return str(int(v)) if v.is_integer() and abs(v) < 2**63 else repr(v)
    if isinstance(v, dt.datetime):
        return v.date().isoformat() if v.time() == dt.time(0) else v.isoformat(sep=" ")
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    return str(v)


def raw_text(col: Any) -> pa.Array:
    """Every cell as text (no nulls): used for problem values and for unmapped columns."""
    if _is_arrow(col):
        return _arrow(col)
    col = np.asarray(col, dtype=object)
    try:
        return pa.array(col, type=pa.string(), from_pandas=True).fill_null("")
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        codes, uniq = _uniques(col)
        texts = np.array([_cell_text(u) for u in uniq] + [""], dtype=object)
        return pa.array(texts[codes], type=pa.string())


_WS_CELLS = (" ", "  ", "   ", "\t", "\u00a0", "\n", "\r\n", "\u3000")


def blank_mask(col: Any) -> np.ndarray:
    """True where a cell is empty or whitespace only (placeholders such as "--" are *not* blank here)."""
    if _arrow_numeric(col):
        return col.is_null().to_numpy(zero_copy_only=False)
    if isinstance(col, np.ndarray) and col.dtype == object:
        # Typed cells (XLSX / pasted range): None, NaN, "" and the usual whitespace-only texts are blank.
        blank = pd.isna(col) | (col == "")
        for ws in _WS_CELLS:
            blank |= col == ws
        return blank
    t = _trim(raw_text(col))
    return pc.equal(pc.binary_length(t), 0).to_numpy(zero_copy_only=False)


@dataclass
class Converted:
    """Typed values of one column, with an int16 Code per cell (0 = fine) and a short detail text."""

    values: Any  # numpy / pandas array of the canonical dtype
    errors: np.ndarray
    detail: str = ""
    bound: Any = None  # for Col(bound=True): ">=", ">", "<", "<=" per cell, None when exact


# --- text, ids --------------------------------------------------------------------------------------
_PLACEHOLDER_ARRAY = pa.array(PLACEHOLDERS)


def _data_bytes(t: pa.Array) -> bytes:
    """The character data of a string array (possibly more than its slice: only for 'may contain' checks)."""
    buf = t.buffers()[2] if len(t.buffers()) > 2 else None
    return buf.to_pybytes() if buf is not None else b""


def _trim(t: pa.Array, data: bytes | None = None) -> pa.Array:
    """Trim surrounding whitespace (Unicode-aware unless the column is plain ASCII)."""
    data = _data_bytes(t) if data is None else data
    if not data.isascii():
        return pc.utf8_trim_whitespace(t)
    if not any(ws in data for ws in (b" ", b"\t", b"\r", b"\n", b"\x0b", b"\x0c")):
        return t  # no whitespace anywhere (IDs): nothing to trim
    return pc.ascii_trim_whitespace(t)


def _clean_text(t: pa.Array, trimmed: bool = False) -> tuple[pa.Array, np.ndarray]:
    """Trim; placeholders -> null.  Returns (string array with nulls, null mask)."""
    if not trimmed:
        t = _trim(t)
    if len(t) == 0 or pc.min(pc.binary_length(t)).as_py() > 4:  # no placeholder is longer than 4 bytes
        return t, np.zeros(len(t), bool)
    isnull = pc.is_in(t, value_set=_PLACEHOLDER_ARRAY)
    if not pc.any(isnull).as_py():
        return t, np.zeros(len(t), bool)
    return pc.if_else(isnull, pa.scalar(None, pa.string()), t), isnull.to_numpy(zero_copy_only=False)


def to_text(col: Any) -> Converted:
    t, _ = _clean_text(raw_text(col))
    return Converted(pd.array(t, dtype="str"), np.zeros(len(t), np.int16))


_SCI_ID = r"^[0-9](?:[.,][0-9]+)?[eE]\+?[0-9]+$"


def to_id(col: Any, *, upper: bool = False) -> Converted:
    """IDs / SKUs / ASINs as text.  Float cells become integer text; rounded forms are reported."""
    n = len(col)
    errors = np.zeros(n, np.int16)
    if _is_arrow(col):
        t = _arrow(col)
    else:
        col = np.asarray(col, dtype=object)
        codes, uniq = _uniques(col)
        texts, bad = [], []
        for u in uniq:
            if isinstance(u, float) and u == u and (not u.is_integer() or abs(u) >= 2**53):
                bad.append(True)  # a float that cannot hold the ID's digits: Excel rounded it
            else:
                bad.append(False)
            texts.append(_cell_text(u))
        texts.append("")
        bad.append(False)
        t = pa.array(np.array(texts, dtype=object)[codes], type=pa.string())
        errors[np.array(bad, dtype=bool)[codes]] = Code.ID_ROUNDED
    data = _data_bytes(t)
    t = _trim(t, data)
    if b'="' in data:
        t = pc.replace_substring_regex(t, r'^="(.*)"$', r"\1")  # the ads console's ="123456789012345"
    if b"+" in data:  # cheap pre-check for "3.12846E+14"
        sci = pc.match_substring_regex(t, _SCI_ID).to_numpy(zero_copy_only=False)
        errors[sci] = Code.ID_ROUNDED
    t, _ = _clean_text(t, trimmed=True)
    if upper:
        t = pc.ascii_upper(t) if data.isascii() else pc.utf8_upper(t)
    return Converted(pd.array(t, dtype="str"), errors, "the ID lost digits (scientific notation or a rounded number)")


# --- numbers ----------------------------------------------------------------------------------------
_COMMA_DEC = r"[0-9],(?:[0-9]{1,2}|[0-9]{4,})(?:[^0-9,.]|$)"
_DOT_DEC = r"[0-9]\.(?:[0-9]{1,2}|[0-9]{4,})(?:[^0-9,.]|$)"


def decimal_evidence(texts: pa.Array) -> str | None:
    """"," or "." when the column's distinct texts show only one decimal separator; else None."""
    if len(texts) == 0:
        return None
    comma = pc.any(pc.match_substring_regex(texts, _COMMA_DEC)).as_py()
    dot = pc.any(pc.match_substring_regex(texts, _DOT_DEC)).as_py()
    if comma and not dot:
        return ","
    if dot and not comma:
        return "."
    return None


def column_decimal(texts: pa.Array, decimal_hint: str | None, integers: bool = False) -> str | None:
    """The decimal separator for a column that no fast path reads: the column's own evidence, else the
    marketplace hint, unless some text shows both separators (then each cell decides)."""
    if integers:  # grouped counts are thousands whatever the column says
        texts = _numbers.ungroup_counts(texts)
    ev = decimal_evidence(texts)
    if ev is not None:
        return ev
    both = pc.any(pc.and_(pc.match_substring(texts, ","), pc.match_substring(texts, "."))).as_py()
    return None if both else decimal_hint


_PLACEHOLDER_TUPLE = tuple(PLACEHOLDERS)


def _parse_distinct(texts: pa.Array, kind: str, decimal_hint: str | None, pct_plain: str):
    """Distinct texts (no nulls) -> (float values, ok).  Column policy on top of
    :func:`xladdin.core.numbers.parse_texts`: the marketplace's separator first (fast paths only), then the
    column's own evidence; counts read grouped numbers as thousands; a percent column without "%" signs
    may hold percents ("7.69" = 7.69 %)."""
    integers = kind == "int"
    got = _numbers.parse_texts(texts, decimal_hint, integers, placeholders=_PLACEHOLDER_TUPLE, general=False)
    if got is None:
        decimal = column_decimal(texts, decimal_hint, integers)
        got = _numbers.parse_texts(texts, decimal, integers, placeholders=_PLACEHOLDER_TUPLE,
                                   fast=decimal != decimal_hint)
    vals, ok, _ = got
    if kind == "pct" and pct_plain == "percent" and len(texts):
        nopct = ~pc.match_substring(texts, "%").to_numpy(zero_copy_only=False)
        vals = np.array(vals, dtype=np.float64)
        vals[nopct] /= 100.0
    return vals, ok


_BOUND = r"^\s*(>=|<=|≥|≤|>|<)|\+\s*$"


def _bounds(texts: pa.Array) -> tuple[pa.Array, np.ndarray]:
    """Strip a bound marker ("365+", ">1,000", "<5%") -> (texts, marker per text or None)."""
    lead = pc.struct_field(pc.extract_regex(texts, r"^\s*(?P<m>>=|<=|≥|≤|>|<)"), "m")
    lead = pc.replace_substring(pc.replace_substring(lead, "≥", ">="), "≤", "<=")
    plus = pc.match_substring_regex(texts, r"[0-9%]\s*\+\s*$")
    marks = pc.coalesce(lead, pc.if_else(plus, pa.scalar(">="), pa.scalar(None, pa.string())))
    return pc.replace_substring_regex(texts, _BOUND, ""), marks.to_numpy(zero_copy_only=False)


def to_number(col: Any, kind: str, *, decimal_hint: str | None = None, pct_plain: str = "fraction",
              bounds: bool = False) -> Converted:
    """int / float / money / pct column -> float64 (or Int64 for ``int``) plus error codes."""
    n = len(col)
    marks = None
    if _arrow_numeric(col):  # typed by the CSV reader (int columns of flat files)
        if isinstance(col, pa.ChunkedArray):
            col = col.combine_chunks()
        mask = col.is_null().to_numpy(zero_copy_only=False)
        if kind == "int" and pa.types.is_integer(col.type):
            return Converted(pd.arrays.IntegerArray(col.fill_null(0).to_numpy().astype(np.int64), mask),
                             np.zeros(n, np.int16), "", _marks(None, n) if bounds else None)
        return _finish_number(pc.cast(col, pa.float64()).to_numpy(zero_copy_only=False), np.ones(n, bool), kind, n,
                              bounds, None)
    if _is_arrow(col):
        enc = pc.dictionary_encode(_arrow(col))
        idx = enc.indices.to_numpy(zero_copy_only=False)
        texts = enc.dictionary
        if bounds:
            texts, um = _bounds(texts)
            marks = um[idx] if n else um[:0]
        v, ok = _parse_distinct(texts, kind, decimal_hint, pct_plain)
        values = v.take(idx)
        good = ok.take(idx) if not ok.all() else np.ones(n, bool)
    else:
        col = np.asarray(col, dtype=object)
        codes, uniq = _uniques(col)
        m = len(uniq)
        uv = np.full(m + 1, np.nan)
        uok = np.ones(m + 1, bool)
        if m:
            is_num = np.fromiter((type(u) in (float, int, bool) or isinstance(u, (np.floating, np.integer))
                                  for u in uniq), bool, m)
            is_str = np.fromiter((isinstance(u, str) for u in uniq), bool, m)
            if is_num.any():
                uv[:m][is_num] = uniq[is_num].astype(np.float64)
            umarks = np.full(m + 1, None, dtype=object)
            if is_str.any():
                texts = pa.array(uniq[is_str].tolist(), type=pa.string())
                if bounds:
                    texts, sm = _bounds(texts)
                    umarks[:m][is_str] = sm
                v, ok = _parse_distinct(texts, kind, decimal_hint, pct_plain)
                uv[:m][is_str] = v
                uok[:m][is_str] = ok
            other = ~(is_num | is_str)  # dates, times in a number column
            uok[:m][other] = False
            if kind == "pct" and pct_plain == "percent":
                uv[:m][is_num] /= 100.0
            if bounds:
                marks = umarks[codes]
        elif bounds:
            marks = np.full(n, None, dtype=object)
        values, good = uv[codes], uok[codes]
    return _finish_number(values, good, kind, n, bounds, marks)


def _finish_number(values: np.ndarray, good: np.ndarray, kind: str, n: int, bounds: bool, marks) -> Converted:
    errors = np.where(good, 0, Code.NOT_A_NUMBER).astype(np.int16)
    detail = ""
    if kind == "int":
        nan = np.isnan(values)
        frac = good & ~nan & (values != np.round(values))
        if frac.any():
            errors[frac] = Code.NOT_A_NUMBER
            detail = "not a whole number"
        mask = nan | (errors != 0)
        ints = np.where(mask, 0, values)
        big = np.abs(ints) >= 2**63
        if big.any():  # beyond int64: keep it missing and say so
            errors[big] = Code.NOT_A_NUMBER
            detail = "too large for a count"
            mask = mask | big
            ints = np.where(big, 0, ints)
        out = pd.arrays.IntegerArray(ints.astype(np.int64), mask)
        return Converted(out, errors, detail, _marks(marks, n) if bounds else None)
    values = np.where(good, values, np.nan)
    return Converted(values, errors, detail, _marks(marks, n) if bounds else None)


def _marks(marks: Any, n: int):
    if marks is None:
        marks = np.full(n, None, dtype=object)
    return pd.array(np.asarray(marks, dtype=object), dtype="str")


# --- dates ------------------------------------------------------------------------------------------
_MONTHS = {m: i for i, names in enumerate([
    (), ("jan", "january", "januar", "jän", "janv"), ("feb", "february", "februar", "febr", "fév"),
    ("mar", "march", "märz", "mär", "mrz", "mars"), ("apr", "april", "avr"), ("may", "mai"),
    ("jun", "june", "juni", "juin"), ("jul", "july", "juli", "juil"), ("aug", "august", "août"),
    ("sep", "sept", "september"), ("oct", "october", "okt", "oktober"), ("nov", "november"),
    ("dec", "december", "dez", "dezember", "déc")]) for m in names}
_NUM_DMY = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T].*)?$")
_YMD8 = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MON_D_Y = re.compile(r"^([A-Za-zäéû]{3,9})\.?\s+(\d{1,2}),?\s+(\d{4})(?:[ T,].*)?$")
_D_MON_Y = re.compile(r"^(\d{1,2})\.?[\s\-]+([A-Za-zäéû]{3,9})\.?[\s\-,]+(\d{2}|\d{4})(?:[ T].*)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")


def _year(y: int) -> int:
    return y + 2000 if y < 100 else y


def parse_report_date(v: Any, dayfirst: bool | None) -> dt.date | None:
    """One cell -> date (None for blank); raises ValueError when it is not a date."""
    if isinstance(v, str):
        s = v.strip()
        if s in _PLACEHOLDER_SET:
            return None
        m = _NUM_DMY.match(s)
        if m:
            a, b, y = int(m.group(1)), int(m.group(2)), _year(int(m.group(3)))
            if "." in s[:6] and dayfirst is None:
                dayfirst = True  # 01.09.2026 is always day-first
            d, mo = (a, b) if dayfirst else (b, a)
            return dt.date(y, mo, d)
        m = _YMD8.match(s)
        if m:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        m = _MON_D_Y.match(s)
        if m and m.group(1).casefold() in _MONTHS:
            return dt.date(int(m.group(3)), _MONTHS[m.group(1).casefold()], int(m.group(2)))
        m = _D_MON_Y.match(s)
        if m and m.group(2).casefold() in _MONTHS:
            return dt.date(_year(int(m.group(3))), _MONTHS[m.group(2).casefold()], int(m.group(1)))
        if _SERIAL.match(s):
            return _core_parse_date(float(s))
        return _core_parse_date(s)
    if isinstance(v, (pd.Timestamp,)):
        return None if pd.isna(v) else v.date()
    return _core_parse_date(v)


def dayfirst_evidence(texts: list[str]) -> bool | None:
    """True/False when some numeric date in the column can only be day-first / month-first."""
    first = second = False
    for s in texts:
        m = _NUM_DMY.match(s.strip())
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            first |= a > 12
            second |= b > 12
    if first and not second:
        return True
    if second and not first:
        return False
    return None


def to_date(col: Any, *, dayfirst_hint: bool | None = None) -> Converted:
    n = len(col)
    if _is_arrow(col):
        enc = pc.dictionary_encode(_arrow(col))
        codes = enc.indices.to_numpy(zero_copy_only=False)
        uniq = np.asarray(enc.dictionary.to_pylist(), dtype=object)
    else:
        codes, uniq = _uniques(np.asarray(col, dtype=object))
    strs = [u for u in uniq if isinstance(u, str)]
    ev = dayfirst_evidence(strs)
    dayfirst = dayfirst_hint if ev is None else ev
    m = len(uniq)
    out = np.full(m + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    ok = np.ones(m + 1, bool)
    for i, u in enumerate(uniq):  # distinct values only
        try:
            d = parse_report_date(u, dayfirst)
        except (ValueError, TypeError, OverflowError):
            ok[i] = False
            continue
        if d is not None:
            out[i] = np.datetime64(d, "D")
    values = out[codes] if n else out[:0]
    errors = np.where(ok[codes], 0, Code.NOT_A_DATE).astype(np.int16) if n else np.zeros(0, np.int16)
    return Converted(values.astype("datetime64[s]"), errors)


# --- booleans ---------------------------------------------------------------------------------------
_TRUE = {"yes", "y", "true", "1", "是", "ja", "wahr", "oui", "sí", "si", "enabled"}
_FALSE = {"no", "n", "false", "0", "否", "nein", "falsch", "non"}


def to_bool(col: Any) -> Converted:
    t = raw_text(col)
    uniq = pc.unique(t).to_pylist()  # a handful of distinct texts ("Yes", "No", "")
    yes = [u for u in uniq if u.strip().casefold() in _TRUE]
    no = [u for u in uniq if u.strip().casefold() in _FALSE]
    blank = [u for u in uniq if u.strip().casefold() in _PLACEHOLDER_SET]
    is_yes = pc.is_in(t, value_set=pa.array(yes, pa.string())).to_numpy(zero_copy_only=False)
    is_no = pc.is_in(t, value_set=pa.array(no, pa.string())).to_numpy(zero_copy_only=False)
    arr = pd.arrays.BooleanArray(is_yes, ~(is_yes | is_no))
    errors = np.zeros(len(t), np.int16)
    if len(yes) + len(no) + len(blank) < len(uniq):
        is_blank = pc.is_in(t, value_set=pa.array(blank, pa.string())).to_numpy(zero_copy_only=False)
        errors[~(is_yes | is_no | is_blank)] = Code.BAD_CHOICE
    return Converted(arr, errors, "not yes/no")


def blank_tokens(col: Any, tokens: tuple[str, ...]) -> Any:
    """The column with cells equal to one of ``tokens`` (case-insensitive, trimmed) made empty."""
    low = sorted({t.strip().casefold() for t in tokens})
    if _is_arrow(col) and not _arrow_numeric(col):
        t = _arrow(col)
        hit = pc.is_in(pc.utf8_lower(pc.utf8_trim_whitespace(t)), value_set=pa.array(low))
        return pc.if_else(hit, "", t)
    if isinstance(col, np.ndarray) and col.dtype == object:
        codes, uniq = _uniques(col)
        hit_u = np.array([isinstance(u, str) and u.strip().casefold() in low for u in uniq] + [False], bool)
        hit = hit_u[codes]
        if hit.any():
            col = col.copy()
            col[hit] = None
        return col
    return col


def convert(col: Any, kind: str, *, decimal_hint: str | None = None, dayfirst_hint: bool | None = None,
            pct_plain: str = "fraction", bounds: bool = False) -> Converted:
    """Convert one raw column to the canonical dtype of ``kind``."""
    if kind in ("id", "asin"):
        return to_id(col, upper=kind == "asin")
    if kind == "text":
        return to_text(col)
    if kind in ("int", "float", "money", "pct"):
        return to_number(col, kind, decimal_hint=decimal_hint, pct_plain=pct_plain, bounds=bounds)
    if kind == "date":
        return to_date(col, dayfirst_hint=dayfirst_hint)
    if kind == "bool":
        return to_bool(col)
    raise ValueError(kind)


def empty_of(kind: str, n: int):
    dtype = {"int": "Int64", "bool": "boolean"}.get(kind)
    if dtype:
        return pd.array([pd.NA] * n, dtype=dtype)
    if kind in ("float", "money", "pct"):
        return np.full(n, np.nan)
    if kind == "date":
        return np.full(n, np.datetime64("NaT"), dtype="datetime64[s]")
    return pd.array([None] * n, dtype="str")


# --- inference --------------------------------------------------------------------------------------
def currency_from_values(col: Any) -> str | None:
    """The most common currency symbol / code in a money column's distinct texts."""
    if _arrow_numeric(col):  # typed while reading: plain numbers, no symbol
        return None
    t = raw_text(col)
    if len(t) == 0:
        return None
    uniq = pc.unique(t.slice(0, 2000))  # the first rows are enough to see the symbol
    sym = pc.extract_regex(uniq, _SYMBOL_RE)
    found = [x["s"] for x in sym.to_pylist() if x]
    if not found:
        return None
    s = pd.Series(found).value_counts().index[0]
    return _SYMBOL_CURRENCY.get(s, s)


def most_common_text(col: Any) -> str | None:
    t, _ = _clean_text(raw_text(col))
    vc = pc.value_counts(t.drop_null())
    if len(vc) == 0:
        return None
    counts = vc.field("counts").to_numpy()
    return vc.field("values")[int(np.argmax(counts))].as_py()


_NAME_RANGE8 = re.compile(r"(?<!\d)(20\d{6})[-_](20\d{6})(?!\d)")
_NAME_ISO = re.compile(r"(?<!\d)(20\d{2})[-_.](\d{1,2})[-_.](\d{1,2})(?!\d)")
_NAME_DOTS = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?!\d)")
_NAME_DASH = re.compile(r"(?<!\d)(\d{1,2})-(\d{1,2})-(\d{2}|\d{4})(?!\d)")


def dates_from_name(name: str | None) -> tuple[dt.date, dt.date] | None:
    """A date range from a download file name.

    ``bulk-…-20251126-20260125-….xlsx`` → (2025-11-26, 2026-01-25); ``BusinessReport-08-9-26.csv``
    (US UI, M-D-YY) → 2026-08-09; ``BusinessReport-02.04.25.csv`` (German UI, DD.MM.YY) → 2025-04-02;
    ``…_2025-11-10.csv`` → 2025-11-10.  A single date is returned as (d, d).  None when there is no date.
    """
    if not name:
        return None
    base = re.split(r"[\\/]", str(name))[-1]
    try:
        m = _NAME_RANGE8.search(base)
        if m:
            a, b = (dt.date(int(x[:4]), int(x[4:6]), int(x[6:])) for x in m.groups())
            return a, b
        m = _NAME_ISO.search(base)
        if m:
            d = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return d, d
        m = _NAME_DOTS.search(base)
        if m:
            d = dt.date(_year(int(m.group(3))), int(m.group(2)), int(m.group(1)))
            return d, d
        m = _NAME_DASH.search(base)
        if m:
            d = dt.date(_year(int(m.group(3))), int(m.group(1)), int(m.group(2)))
            return d, d
    except ValueError:
        return None
    return None
