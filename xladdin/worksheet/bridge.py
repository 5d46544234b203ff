"""From cells to columns and back: the one place that knows how xlwings hands ranges to a UDF.

xlwings passes a single cell as a scalar (float, str, bool, datetime, None for empty) and a range as a
list of lists when the argument is declared ``ndim=2`` (every range argument of ours is).  A
worksheet function calls :func:`evaluate` with its arguments wrapped in :class:`Num`, :class:`Text`,
:class:`Date`, :class:`Flag` or :class:`Whole`; :func:`evaluate`

1. broadcasts the element-wise arguments like Excel (equal sizes, or 1 row / 1 column / 1 cell),
2. parses text numbers ("$1,234.56", "12,5 %"), text dates, blanks (blank = 0 as in Excel arithmetic,
   an omitted or blank optional argument = its default),
3. calls the vectorised core function once on whole columns,
4. renders values and per-element errors (``"#DIV/0! DIV_ZERO"``) back in the input's shape, so the
   result spills; a row whose inputs are all blank gives an empty cell, so whole-column formulas spill
   cleanly.

No exception ever leaves :func:`evaluate`: a coded error becomes its cell text, anything else is logged
with its traceback and becomes ``#VALUE! INTERNAL``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from xladdin import errors as E
from xladdin.core.computed import Computed, merge_errors
from xladdin.core.dates import parse_dates
from xladdin.core.numbers import parse_numbers
from xladdin.logs import log_exception


def _shape(x) -> tuple[int, int] | None:
    if isinstance(x, (list, tuple)):
        if not x:
            return (0, 0)
        if isinstance(x[0], (list, tuple)):
            return (len(x), len(x[0]))
        return (len(x), 1)  # a flat list (plain Python callers): a column
    if isinstance(x, np.ndarray):
        return x.shape if x.ndim == 2 else (x.size, 1)
    return None


def _flat(x) -> list:
    if isinstance(x, np.ndarray):
        return list(x.ravel())
    if isinstance(x, (list, tuple)):
        if x and isinstance(x[0], (list, tuple)):
            return [v for row in x for v in row]
        return list(x)
    return [x]


@dataclass
class Arg:
    value: Any
    default: Any = None  # None: required

    @property
    def optional(self) -> bool:
        return self.default is not None


class Num(Arg):
    """A number per element; text numbers parsed; blank = 0 (or the default when optional)."""


class Text(Arg):
    """Text per element; numbers become their text ("12" for 12.0); blank = "" or the default."""


class Date(Arg):
    """A date per element (date cell, Excel serial number or text date); blank = the default."""


class Flag(Arg):
    """TRUE/FALSE per element (also 1/0, "TRUE"/"FALSE", "是"/"否"); blank = the default."""


class Whole(Arg):
    """The whole range as one value (e.g. a keyword list): flattened, not broadcast, blanks dropped."""

    def __init__(self, value, kind: str = "text", default=None):
        super().__init__(value, default)
        self.kind = kind


def _text_of(v) -> str:
    if v is None:
        return ""
    if isinstance(v, float):
        if math.isnan(v):
            return ""
        return str(int(v)) if v.is_integer() else repr(v)
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    return str(v)


_TRUE = {"true", "yes", "y", "1", "是", "真", "wahr", "ja"}
_FALSE = {"false", "no", "n", "0", "否", "假", "falsch", "nein"}


def _parse_flags(vals: list, default) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    out = np.zeros(len(vals), bool)
    err = np.zeros(len(vals), np.int16)
    blank = np.zeros(len(vals), bool)
    for i, v in enumerate(vals):
        if v is None or (isinstance(v, str) and not v.strip()):
            blank[i] = True
            out[i] = bool(default) if default is not None else False
        elif isinstance(v, (bool, np.bool_)):
            out[i] = bool(v)
        elif isinstance(v, (int, float)):
            out[i] = v != 0
        elif isinstance(v, str) and v.strip().lower() in _TRUE:
            out[i] = True
        elif isinstance(v, str) and v.strip().lower() in _FALSE:
            out[i] = False
        else:
            err[i] = E.Code.BAD_CHOICE
    return out, err, blank


def _prepare(arg: Arg, n: int, shape: tuple[int, int] | None, target: tuple[int, int]):
    """-> (column of length n, error codes or None, blank mask)."""
    raw = arg.value
    if shape is None or shape == (1, 1):
        if n != 1:
            # One cell for every row: parse it once and broadcast a read-only view (no n-long copy;
            # core functions recognise the zero stride and treat it as a constant).
            col, err, blank = _prepare(arg, 1, shape, (1, 1))
            view = lambda a: None if a is None else np.broadcast_to(a, (n,))  # noqa: E731
            return view(col), view(err), view(blank)
        vals = _flat(raw)[:1]
    else:
        vals = _flat(raw)
        if shape != target:
            grid = np.empty(shape, dtype=object)
            grid.ravel()[:] = vals
            vals = list(np.broadcast_to(grid, target).ravel())
    if isinstance(arg, Num):
        p = parse_numbers(vals)
        col, err, blank = p.values, p.errors, p.blank
        col = np.where(blank, float(arg.default) if arg.optional else 0.0, col)
    elif isinstance(arg, Text):
        col = np.array([_text_of(v) for v in vals], dtype=object)
        blank = col == ""
        if arg.optional:
            col[blank] = arg.default
        err = None
    elif isinstance(arg, Date):
        col, err, blank = parse_dates(vals)
        if arg.optional:
            d = arg.default() if callable(arg.default) else arg.default
            col = np.where(blank, np.datetime64(d, "D"), col)
    elif isinstance(arg, Flag):
        col, err, blank = _parse_flags(vals, arg.default)
    else:  # pragma: no cover - programming error
        raise TypeError(type(arg))
    if err is not None and not err.any():
        err = None
    return col, err, blank


def _whole(arg: Whole):
    vals = [v for v in _flat(arg.value) if v is not None and not (isinstance(v, str) and not v.strip())
            and not (isinstance(v, float) and math.isnan(v))]
    if arg.kind == "num":
        p = parse_numbers(vals)
        if p.errors.any():
            raise E.InputError(E.Code.NOT_A_NUMBER, repr(vals[int(np.argmax(p.errors != 0))]))
        return p.values
    if arg.kind == "raw":
        return _flat(arg.value)
    return [_text_of(v) for v in vals]


def _render_value(v):
    if isinstance(v, (float, np.floating)):
        f = float(v)
        return "" if math.isnan(f) else f
    if isinstance(v, np.bool_):
        return bool(v)
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, np.datetime64):
        if np.isnat(v):
            return ""
        return v.astype("datetime64[D]").astype(dt.date)
    if v is None:
        return ""
    return v


def evaluate(core: Callable[..., Computed | np.ndarray], /, **args: Arg):
    """Run ``core`` over the broadcast arguments and return a scalar or a list of lists."""
    try:
        return _evaluate(core, args)
    except E.XladdinError as err:
        return E.cell_text(err.code)
    except Exception as exc:  # never a traceback in a cell
        log_exception(exc, f"worksheet function core {getattr(core, '__name__', core)}")
        return E.cell_text(E.Code.INTERNAL)


def _evaluate(core, args: dict[str, Arg]):
    each = {k: a for k, a in args.items() if not isinstance(a, Whole)}
    shapes = {k: _shape(a.value) for k, a in each.items()}
    rows = cols = 1
    for k, s in shapes.items():
        if s is None or s == (1, 1):
            continue
        for dim, cur in ((0, rows), (1, cols)):
            if s[dim] != 1 and cur != 1 and s[dim] != cur:
                return E.cell_text(E.Code.SHAPE_MISMATCH)
        rows, cols = max(rows, s[0]), max(cols, s[1])
    all_scalar = all(s is None or s == (1, 1) for s in shapes.values())  # ndim=2 passes one cell as [[v]]
    n = rows * cols
    columns: dict[str, Any] = {}
    in_err = None
    required_blank = np.ones(n, bool)
    any_required = False
    for k, a in each.items():
        col, err, blank = _prepare(a, n, shapes[k], (rows, cols))
        columns[k] = col
        in_err = merge_errors(in_err, err)
        if not a.optional and shapes[k] not in (None, (1, 1)):
            # Only range arguments decide an empty row: =REORDER_QTY(B2:B9, 45, C2:C9) leaves blank rows blank.
            any_required = True
            required_blank &= blank
    for k, a in args.items():
        if isinstance(a, Whole):
            columns[k] = _whole(a)
    res = core(**columns)
    if not isinstance(res, Computed):
        res = Computed(np.asarray(res))
    values = np.asarray(res.values)
    if values.ndim == 0:  # an aggregate (e.g. CVR_ALERT over a whole series)
        e = int(res.errors) if res.errors is not None and np.ndim(res.errors) == 0 else 0
        return E.cell_text(e) if e else _render_value(values[()])
    errs = merge_errors(in_err, res.errors)
    out = [_render_value(v) for v in values.tolist()] if values.dtype.kind not in "OMm" else [_render_value(v) for v in values]
    if errs is not None:
        for i in np.flatnonzero(errs):
            out[i] = E.cell_text(int(errs[i]))
    if any_required and n > 1:
        for i in np.flatnonzero(required_blank):
            out[i] = ""
    if all_scalar:
        return out[0]
    return [out[r * cols:(r + 1) * cols] for r in range(rows)]
