"""Numbers as operators paste them: "$1,234.56", "US$15,368.85", "1.234,56 €", "12.5%", "12,5 %".

One function, :func:`parse_numbers`, turns any sequence of cell values into a float64 array plus an
error-code array and a blank mask.  Text is parsed with pyarrow's vectorised (RE2) string kernels on
the *distinct* values only, so a pasted column of a million cells is parsed at millions of rows per
second without a hand-written C parser.

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
from dataclasses import dataclass
from numbers import Number

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from xladdin.errors import Code

_CUR = r"(?:US\$|CA\$|AU\$|C\$|A\$|HK\$|NZ\$|\$|£|€|¥|￥|₹|USD|EUR|GBP|CNY|RMB|JPY|INR|CAD|AUD|MXN|Rs\.?)"
# The whole cell must look like a number with optional decoration, otherwise it is NOT_A_NUMBER
# ("12abc" must not silently become 12).
_SHAPE = (
    r"(?i)^\(?\s*[-+]?\s*" + _CUR + r"?\s*[-+]?\s*"
    r"(?:[0-9][0-9.,' ]*|\.[0-9]+)"
    r"\s*" + _CUR + r"?\s*%?\s*-?\s*\)?$"
)
_SCI = r"^[-+]?[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]+$"
_PLACEHOLDERS = ["", "-", "--", "—", "–", "n/a", "na", "N/A", "NA", "#N/A"]


@dataclass(frozen=True)
class Parsed:
    """Result of :func:`parse_numbers`: values (NaN where blank or invalid), error codes, blank mask."""

    values: np.ndarray
    errors: np.ndarray  # int16 Code values, 0 = OK
    blank: np.ndarray  # bool


_PLAIN = r"^-?[0-9]+(?:\.[0-9]+)?$"


def _parse_text(arr: pa.Array, decimal: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parse a pyarrow string array (no nulls) -> (values, ok mask, blank mask)."""
    if decimal != "," and len(arr) and pc.all(pc.match_substring_regex(arr, _PLAIN)).as_py():
        # Fast path: every distinct text is a plain "1234.5" (CSV exports, counts): one pass and a cast.
        vals = pc.cast(arr, pa.float64()).to_numpy(zero_copy_only=False)
        return vals, np.ones(len(arr), bool), np.zeros(len(arr), bool)
    s = arr
    if not pc.all(pc.string_is_ascii(arr)).as_py():
        # NFKC maps NBSP/thin spaces to ' ', full-width digits to ASCII; U+2212 stays: map it to '-'.
        s = pc.utf8_normalize(arr, "NFKC")
        s = pc.replace_substring(s, "\u2212", "-")
        s = pc.replace_substring(s, "’", "'")
    s = pc.utf8_trim_whitespace(s)
    blank = pc.is_in(s, value_set=pa.array(_PLACEHOLDERS)).to_numpy(zero_copy_only=False)
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


def _parse_strings(strings, decimal: str | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    arr = strings if isinstance(strings, pa.Array) else pa.array(strings, type=pa.string())
    enc = pc.dictionary_encode(arr)  # parse each distinct text once
    vals, ok, blank = _parse_text(enc.dictionary, decimal)
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
