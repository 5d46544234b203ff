"""Numbers as operators paste them: "$1,234.56", "US$15,368.85", "1.234,56 €", "12.5%", "12,5 %".

One function, :func:`parse_numbers`, turns any sequence of cell values into a float64 array plus an
error-code array and a blank mask.  Text is parsed with pyarrow's vectorised (RE2) string kernels on
the *distinct* values only, so a pasted column of a million cells is parsed at millions of rows per
second without a hand-written C parser.  :func:`parse_texts` is that text parser, the only one in
xladdin (report columns use it too): a column written in one unambiguous style (plain "1234.5", grouped
counts, US "$1,234.56" / "12.5%", German "1.234,56 €" when the decimal comma is known) takes a fast path
of one validity pass, one strip and one cast, which gives exactly what the general rules below give.

Decimal separator rules (a ``decimal`` hint overrides them for a whole column whose locale is known):

* both ``.`` and ``,`` present: the one that comes last is the decimal separator ("1.234,56", "1,234.56");
* only ``,``: several commas, or exactly ``d{1,3},ddd`` without a euro sign, are thousands ("1,234" → 1234,
  as Amazon writes counts even in German reports); otherwise it is the decimal comma ("12,5", "1,5 €");
* only ``.``: several dots are thousands ("1.234.567"); ``d{1,3}.ddd`` with a euro sign is thousands
  ("1.234 €"); otherwise it is the decimal point;
* ``%`` divides by 100; a leading or trailing minus (also U+2212) or parentheses make it negative;
* currency symbols and codes ($, US$, £, €, ¥, ￥, ₹, USD, EUR, GBP, CNY, RMB, JPY, INR, CAD …) are
  dropped; full-width digits and punctuation are folded (NFKC); NBSP, thin spaces and apostrophes are
  thousands separators;
* empty text and Amazon's placeholders ("--", "-", "—", "N/A") are blank, not errors.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from numbers import Number

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from xladdin.errors import Code

_CUR = r"(?:US\$|CA\$|AU\$|MX\$|C\$|A\$|HK\$|NZ\$|\$|£|€|¥|￥|₹|USD|EUR|GBP|CNY|RMB|JPY|INR|CAD|AUD|MXN|Rs\.?)"
# The whole cell must look like a number with optional decoration, otherwise it is NOT_A_NUMBER
# ("12abc" must not silently become 12).
_SHAPE = (
    r"(?i)^\(?\s*[-+]?\s*" + _CUR + r"?\s*[-+]?\s*"
    r"(?:[0-9][0-9.,' ]*|\.[0-9]+)"
    r"\s*" + _CUR + r"?\s*%?\s*-?\s*\)?$"
)
_SCI = r"^[-+]?[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+$"
PLACEHOLDERS = ("", "-", "--", "—", "–", "n/a", "na", "N/A", "NA", "#N/A")

# --- fast paths: one unambiguous style for a whole column -----------------------------------------
# Each returns the values the general rules give for the same texts, or None when some text is not of
# its style (then the next path is tried).  A short head is looked at first: a column that fails a fast
# path usually fails it in its first rows, and a failing full pass (or cast) costs as much as a success.
_HEAD = 200
# "1234", "-0.5", "" (CSV exports, counts): pyarrow's cast alone.
_PLAIN = r"^(?:-?[0-9]+(?:\.[0-9]+)?)?$"
_PLAIN_BYTES = b"0123456789.-"  # texts made of these only need no validation pass: the cast is the check
# Counts with thousands separators in any locale ("48,598", "1.045", "1 045", "1'045"), or plain.
_INT_SEPS = (",", ".", "'", "\u00a0", "\u202f", " ")
_INT_GROUPED = "^[-+]?(?:[0-9]{1,3}(?:[,.'\u00a0\u202f ][0-9]{3})+|[0-9]{1,15})$"
# The general rules' pre-pass for counts: a grouped number is thousands whatever the decimal separator.
_GROUPED_ANY = "^[^0-9]*[0-9]{1,3}(?:[.,'\u00a0\u202f ][0-9]{3})+[^0-9]*$"
# "$1,234.56", "US$15,368.85", "-$5.00", "12.5%", "1,234": US style, one optional symbol.  The euro sign
# only when the column's decimal point is known: "€1,234" alone is a decimal comma by the general rules.
_SYM = r"(?:US\$|CA\$|AU\$|A\$|MX\$|C\$|\$|£|₹{eur})"
_US_NUM = r"^ *[-+]?" + _SYM + r"?[-+]?(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|[0-9]+)(?:\.[0-9]+)?%? *$"
_US_TRIM = " +-$USCAMX£€₹"  # everything a valid US text may hold before its first digit
# "1.234,56 €", "8,80 %", "17.510,95\u00a0€": German style (decimal="," only).
_EU_NUM = "^ *[-+]?(?:[0-9]{1,3}(?:\\.[0-9]{3})+|[0-9]+)(?:,[0-9]+)?[ \u00a0\u202f]?(?:€|%)? *$"


def _data(t: pa.Array) -> bytes:
    """The character data of a string array (possibly more than its slice: only for 'may contain' checks)."""
    buf = t.buffers()[2] if len(t.buffers()) > 2 else None
    return buf.to_pybytes() if buf is not None else b""


def _with_blanks(pattern: str, placeholders: tuple[str, ...]) -> str:
    """``^(?:pattern|placeholder|...)$``: one RE2 pass checks numbers and blanks together."""
    alts = "".join("|" + re.escape(p) for p in placeholders if p)
    empty = "?" if "" in placeholders else ""
    return f"^(?:{pattern[1:-1]}{alts}){empty}$"


def _all(t: pa.Array, pattern: str) -> bool:
    """Every text matches: the head first, the rest only when the head does."""
    if not pc.all(pc.match_substring_regex(t.slice(0, _HEAD), pattern)).as_py():
        return False
    return len(t) <= _HEAD or pc.all(pc.match_substring_regex(t, pattern)).as_py()


def _blanks(t: pa.Array, placeholders: tuple[str, ...]) -> np.ndarray | None:
    """Mask of placeholder texts, or None when there are none (no text is short enough to be one)."""
    longest = max((len(p.encode()) for p in placeholders), default=-1)
    if longest < 0 or pc.min(pc.binary_length(t)).as_py() > longest:
        return None
    blank = pc.is_in(t, value_set=pa.array(list(placeholders), pa.string())).to_numpy(zero_copy_only=False)
    return blank if blank.any() else None


def _cast(core: pa.Array, blank: np.ndarray | None) -> np.ndarray | None:
    if blank is not None:
        core = pc.if_else(pa.array(blank), pa.scalar(None, pa.string()), core)
    try:
        return pc.cast(core, pa.float64()).to_numpy(zero_copy_only=False)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None


def _result(vals: np.ndarray, blank: np.ndarray | None):
    n = len(vals)
    return vals, np.ones(n, bool), (blank if blank is not None else np.zeros(n, bool))


def _fast_plain(t: pa.Array, data: bytes, integers: bool, placeholders: tuple[str, ...]):
    """Plain numbers or "" only: pyarrow's cast (via int64 for counts, so that "1.045" is left to the next path)."""
    if "" not in placeholders or not pc.all(pc.match_substring_regex(t.slice(0, _HEAD), _PLAIN)).as_py():
        return None
    if data.translate(None, _PLAIN_BYTES) and not _all(t, _PLAIN):
        return None  # letters etc. somewhere: pyarrow's cast also reads "1.e5", "nan", "0x10"
    blank = pc.equal(pc.binary_length(t), 0).to_numpy(zero_copy_only=False)
    blank = blank if blank.any() else None
    core = t if blank is None else pc.if_else(pa.array(blank), pa.scalar(None, pa.string()), t)
    try:  # a count: "1.045" is not plain, it is a grouped count (below)
        vals = pc.cast(pc.cast(core, pa.int64()) if integers else core, pa.float64())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        return None
    return _result(vals.to_numpy(zero_copy_only=False), blank)


def _fast_grouped(t: pa.Array, data: bytes, placeholders: tuple[str, ...]):
    """Counts, plain or grouped in any locale: one validity pass, the separators dropped, one cast."""
    s = t
    if not data.isascii():
        s = pc.utf8_trim_whitespace(t)
    elif any(w in data for w in (b" ", b"\t", b"\r", b"\n", b"\x0b", b"\x0c")):
        s = pc.ascii_trim_whitespace(t)
    if not _all(s, _with_blanks(_INT_GROUPED, placeholders)):
        return None
    blank = _blanks(s, placeholders)
    core = s
    for sep in _INT_SEPS:
        if sep.encode() in data:
            core = pc.replace_substring(core, sep, "")
    vals = _cast(core, blank)
    return None if vals is None else _result(vals, blank)


def _fast_decorated(t: pa.Array, data: bytes, decimal: str | None, placeholders: tuple[str, ...]):
    """US style (decimal None or ".") or German style (decimal ","): one validity pass; the sign, symbol, spaces
    and "%" trimmed off both ends, the grouping dropped; one cast; then the sign and "%" applied.  Only the
    passes the character data calls for are run ("," in the column at all, "-" at all, ...)."""
    eu = decimal == ","
    pattern = _EU_NUM if eu else _US_NUM.format(eur="|€" if decimal == "." else "")
    if not _all(t, _with_blanks(pattern, placeholders)):
        return None
    blank = _blanks(t, placeholders)
    ascii_ = data.isascii()
    core = t
    lead = " +-" if eu else _US_TRIM
    if any(c.encode() in data for c in lead):
        core = pc.ascii_ltrim(core, lead) if ascii_ else pc.utf8_ltrim(core, lead)
    tail = " \u00a0\u202f€%" if eu else " %"
    if any(c.encode() in data for c in tail):
        core = pc.ascii_rtrim(core, tail) if ascii_ else pc.utf8_rtrim(core, tail)
    if eu:
        if b"." in data:
            core = pc.replace_substring(core, ".", "")
        if b"," in data:
            core = pc.replace_substring(core, ",", ".")
    elif b"," in data:
        core = pc.replace_substring(core, ",", "")
    vals = _cast(core, blank)
    if vals is None:
        return None
    if b"-" in data:
        neg = pc.match_substring(t, "-").to_numpy(zero_copy_only=False)
        if neg.any():
            vals = vals.copy() if not vals.flags.writeable else vals
            vals[neg] = -vals[neg]
    if b"%" in data:
        pct = pc.match_substring(t, "%").to_numpy(zero_copy_only=False)
        if pct.any():
            vals = vals.copy() if not vals.flags.writeable else vals
            vals[pct] /= 100.0
    return _result(vals, blank)


@dataclass(frozen=True)
class Parsed:
    """Result of :func:`parse_numbers`: values (NaN where blank or invalid), error codes, blank mask."""

    values: np.ndarray
    errors: np.ndarray  # int16 Code values, 0 = OK
    blank: np.ndarray  # bool


def ungroup_counts(texts: pa.Array) -> pa.Array:
    """Counts: "3,395" / "1.045" / "1 045" / "1'045" are thousands in every locale; drop their separators."""
    grouped = pc.match_substring_regex(texts, _GROUPED_ANY)
    if not pc.any(grouped).as_py():
        return texts
    return pc.if_else(grouped, pc.replace_substring_regex(texts, "[.,'\u00a0\u202f ]", ""), texts)


def _general(arr: pa.Array, decimal: str | None, placeholders: tuple[str, ...]):
    """The general rules of the module docstring, cell by cell (vectorised): (values, ok mask, blank mask)."""
    s = arr
    if not pc.all(pc.string_is_ascii(arr)).as_py():
        # NFKC maps NBSP/thin spaces to ' ', full-width digits to ASCII; U+2212 stays: map it to '-'.
        s = pc.utf8_normalize(arr, "NFKC")
        s = pc.replace_substring(s, "\u2212", "-")
        s = pc.replace_substring(s, "’", "'")
    s = pc.utf8_trim_whitespace(s)
    blank = pc.is_in(s, value_set=pa.array(list(placeholders), pa.string())).to_numpy(zero_copy_only=False)
    shape_ok = pc.match_substring_regex(s, _SHAPE)
    sci = pc.match_substring_regex(s, _SCI)
    pct = pc.match_substring(s, "%")
    neg = pc.match_substring_regex(s, r"^\(.*\)$|^[^0-9]*-|-\s*\)?$")
    euro = pc.match_substring_regex(s, r"(?i)€|EUR")
    core = pc.replace_substring_regex(s, r"[^0-9.,]", "")
    n_comma = pc.count_substring(core, ",")
    n_dot = pc.count_substring(core, ".")
    comma_last = pc.match_substring_regex(core, r",[0-9]*$")
    has_c = pc.greater(n_comma, 0)
    has_d = pc.greater(n_dot, 0)
    if decimal == ",":
        comma_dec = has_c
    elif decimal == ".":
        comma_dec = pa.array(np.zeros(len(core), bool))
    else:
        only_c = pc.and_(has_c, pc.invert(has_d))
        us_thousands = pc.match_substring_regex(core, r"^[0-9]{1,3},[0-9]{3}$")
        one_comma_dec = pc.and_(pc.equal(n_comma, 1),
                                pc.or_(euro, pc.invert(us_thousands)))
        comma_dec = pc.or_(pc.and_(has_c, pc.and_(has_d, comma_last)),
                           pc.and_(only_c, one_comma_dec))
    if decimal == ",":
        dot_thousands = has_d
    elif decimal == ".":
        dot_thousands = pa.array(np.zeros(len(core), bool))
    else:
        only_d = pc.and_(has_d, pc.invert(has_c))
        eu_thousands = pc.and_(euro, pc.match_substring_regex(core, r"^[0-9]{1,3}\.[0-9]{3}$"))
        dot_thousands = pc.or_(comma_dec,
                               pc.and_(only_d, pc.or_(pc.greater(n_dot, 1), eu_thousands)))
    # Build the canonical "1234.56": drop thousands separators, turn the decimal comma into a dot.
    no_dots = pc.replace_substring(core, ".", "")
    step = pc.if_else(dot_thousands, no_dots, core)
    dec_comma = pc.replace_substring(step, ",", ".")
    no_commas = pc.replace_substring(step, ",", "")
    canon = pc.if_else(comma_dec, dec_comma, no_commas)
    canon = pc.if_else(sci, s, canon)
    valid = pc.and_(pc.or_(shape_ok, sci), pc.match_substring_regex(canon, r"^(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+|[-+]?[0-9.]+[eE][-+]?[0-9]+)$"))
    safe = pc.if_else(valid, canon, "0")
    vals = pc.cast(safe, pa.float64()).to_numpy(zero_copy_only=False).copy()
    negv = pc.and_(neg, pc.invert(sci)).to_numpy(zero_copy_only=False)
    vals[negv] = -vals[negv]
    pctv = pct.to_numpy(zero_copy_only=False)
    vals[pctv] /= 100.0
    ok = valid.to_numpy(zero_copy_only=False) | blank
    vals[~ok | blank] = np.nan
    return vals, ok, blank


def parse_texts(texts: pa.Array, decimal: str | None = None, integers: bool = False, *,
                placeholders: tuple[str, ...] = PLACEHOLDERS, fast: bool = True, general: bool = True):
    """Parse a pyarrow string array (no nulls; best its *distinct* texts) -> (values, ok mask, blank mask).

    The one text-number parser.  A whole column in one unambiguous style takes a fast path of one RE2
    validity pass, one strip and one cast: plain numbers ("1234.5", ""), grouped counts ("48,598",
    ``integers`` only), US style ("$1,234.56", "12.5%"; ``decimal`` None or ".") or German style
    ("1.234,56 €", "8,80 %"; ``decimal=","``).  Each fast path gives exactly the values of the general
    rules (module docstring), which every other column takes.

    Args:
        texts: pyarrow string array without nulls.
        decimal: "." or "," for a column whose decimal separator is known; None decides per cell.
        integers: a count column: a grouped number ("1.045", "1 045") is thousands in every locale.
        placeholders: texts that are blank, not errors (after trimming).
        fast: try the fast paths; general: fall back to the general rules (with ``general=False`` the
            result is None when no fast path applies).
    """
    if decimal not in (None, ".", ","):
        raise ValueError("decimal must be None, '.' or ','")
    if len(texts) == 0:
        return np.zeros(0), np.ones(0, bool), np.zeros(0, bool)
    placeholders = tuple(placeholders)
    if fast:
        data = _data(texts)
        got = None
        if integers or decimal != ",":  # "1.234" with a decimal comma is thousands, not plain
            got = _fast_plain(texts, data, integers, placeholders)
        if got is None and integers:
            got = _fast_grouped(texts, data, placeholders)
        if got is None and not integers:  # in a count "1.045" is 1045, whatever the style says
            got = _fast_decorated(texts, data, decimal, placeholders)
        if got is not None or not general:
            return got
    if integers:
        texts = ungroup_counts(texts)
    return _general(texts, decimal, placeholders)


def _parse_strings(strings, decimal: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    arr = strings if isinstance(strings, pa.Array) else pa.array(strings, type=pa.string())
    enc = pc.dictionary_encode(arr)  # parse each distinct text once
    vals, ok, blank = parse_texts(enc.dictionary, decimal)
    idx = enc.indices.to_numpy(zero_copy_only=False)
    return vals[idx], ok[idx], blank[idx]


def parse_numbers(values, decimal: str | None = None) -> Parsed:
    """Parse a flat sequence of cell values (float, int, str, bool, None, datetime) into numbers.

    Args:
        values: flat sequence (list, tuple, numpy or pandas) of cell values.
        decimal: "." or "," to force the decimal separator of the whole column; None detects it per cell.

    Returns:
        :class:`Parsed` with float64 values (NaN for blank or invalid), int16 error codes
        (``Code.NOT_A_NUMBER`` for text that is not a number, and for dates and times), and a blank mask.
    """
    if decimal not in (None, ".", ","):
        raise ValueError("decimal must be None, '.' or ','")
    arr = values if isinstance(values, np.ndarray) else np.asarray(values, dtype=object) if not _all_numbers(values) else np.asarray(values, dtype=float)
    if arr.dtype.kind in "fiub":
        v = arr.astype(np.float64, copy=False)
        blank = np.isnan(v)
        return Parsed(v, np.zeros(v.shape, np.int16), blank)
    if arr.dtype.kind in "US":
        arr = arr.astype(object)
    try:  # fast path: all text (and blanks), as a pasted column of text numbers is
        texts = pa.array(arr, type=pa.string(), from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        texts = None
    if texts is not None:
        v, ok, blank = _parse_strings(texts.fill_null(""), decimal)
        return Parsed(v, np.where(ok, 0, Code.NOT_A_NUMBER).astype(np.int16), blank)
    n = len(arr)
    out = np.full(n, np.nan)
    err = np.zeros(n, np.int16)
    blank = np.zeros(n, bool)
    str_idx: list[int] = []
    str_val: list[str] = []
    for i, x in enumerate(arr):
        if x is None:
            blank[i] = True
        elif isinstance(x, str):
            str_idx.append(i)
            str_val.append(x)
        elif isinstance(x, bool):  # Excel arithmetic: TRUE = 1, FALSE = 0
            out[i] = float(x)
        elif isinstance(x, (_dt.date, _dt.time, _dt.timedelta)):
            err[i] = Code.NOT_A_NUMBER
        elif isinstance(x, Number):
            f = float(x)  # Decimal (Windows currency cells) and numpy scalars too
            out[i] = f
            blank[i] = f != f
        else:
            err[i] = Code.NOT_A_NUMBER
    if str_val:
        v, ok, b = _parse_strings(str_val, decimal)
        idx = np.asarray(str_idx)
        out[idx] = v
        blank[idx] = b
        err[idx] = np.where(ok, 0, Code.NOT_A_NUMBER)
    return Parsed(out, err, blank)


def _all_numbers(values) -> bool:
    """Cheap check whether a list is purely int/float (the common case from xlwings)."""
    try:
        return all(type(x) is float or type(x) is int for x in values)
    except TypeError:
        return False


def parse_number(value, decimal: str | None = None) -> float:
    """Parse one value; NaN for blank. Raises InputError(NOT_A_NUMBER) for text that is not a number."""
    from xladdin.errors import InputError

    p = parse_numbers([value], decimal)
    if p.errors[0]:
        raise InputError(Code.NOT_A_NUMBER, repr(value))
    return float(p.values[0])
