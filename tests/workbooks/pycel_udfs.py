"""pycel plugin: xladdin's worksheet functions as plain Python, called the way the add-in calls them.

pycel looks a formula's function up by its lower-case name in the plugin modules
(``ExcelCompiler(filename=..., plugins=["tests.workbooks.pycel_udfs"])``).  It passes a single cell as a
scalar (``None`` when empty) and a range as a tuple of tuples.  xlwings (``ndim=2``) passes a range as a
list of lists, a single cell as a scalar; :func:`_xlwings_arg` does the same conversion.  Our functions
return coded error text (``"#DIV/0! DIV_ZERO"``); the add-in's VBA (``XladdinErrors.bas`` XlError1) turns
it into a real error with CVErr so IFERROR / ISERROR work.  :func:`_xl_error` mirrors that mapping onto
pycel's error values (the plain strings ``"#DIV/0!"`` …), the same four codes and nothing else.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from pycel.excelutil import DIV0, NA_ERROR, NUM_ERROR, VALUE_ERROR

from xladdin.worksheet.registry import all_functions

# XlError1's prefixes, in its order.
_CVERR = (("#VALUE!", VALUE_ERROR), ("#DIV/0!", DIV0), ("#N/A", NA_ERROR), ("#NUM!", NUM_ERROR))


def _xlwings_arg(v: Any) -> Any:
    if isinstance(v, tuple):
        return [list(r) if isinstance(r, tuple) else [r] for r in v]
    return v


def _xl_error(x: Any) -> Any:
    if isinstance(x, str) and x.startswith("#"):
        for prefix, err in _CVERR:
            if x.startswith(prefix):
                return err
    return x


def _result(v: Any) -> Any:
    if isinstance(v, list):  # a spilled range: pycel's tuple of tuples
        return tuple(tuple(_xl_error(x) for x in row) for row in v)
    return _xl_error(v)


def _plug(fn: Callable[..., Any]) -> Callable[..., Any]:
    def call(*args: Any) -> Any:
        return _result(fn(*(_xlwings_arg(a) for a in args)))

    call.__name__ = fn.__name__.lower()
    call.__wrapped__ = fn
    return call


# Every worksheet function the add-in registers, under its lower-case name (what pycel looks up).
FUNCTIONS: dict[str, Callable[..., Any]] = {
    f.name.lower(): _plug(getattr(importlib.import_module(f.module), f.name)) for f in all_functions()}
globals().update(FUNCTIONS)
