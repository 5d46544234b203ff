"""The result type of vectorised core functions, and the small helpers every metric shares.

A core function takes whole columns (numpy arrays of equal length) and returns :class:`Computed`:
values plus, where something is undefined, an ``int16`` array of :class:`xladdin.errors.Code`
(0 = OK).  Nothing raises per element, so one bad row never stops a column of a million rows.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from xladdin.errors import Code


@dataclass
class Computed:
    values: np.ndarray
    errors: np.ndarray | None = None  # int16 Code per element, or None when every element is OK

    def error_at(self, i: int) -> Code:
        return Code(int(self.errors[i])) if self.errors is not None else Code.OK


def as_float(x) -> np.ndarray:
    """A float64 view of a column (numpy, pandas or list of numbers); text must be parsed first."""
    return np.asarray(x, dtype=np.float64)


def columns(*xs) -> list[np.ndarray]:
    """float64 columns broadcast to one length (views, no copies); scalars from Python callers too."""
    return list(np.broadcast_arrays(*(np.atleast_1d(as_float(x)) for x in xs)))


def flag(errors: np.ndarray | None, mask: np.ndarray, code: Code) -> np.ndarray | None:
    """Set ``code`` where ``mask`` holds and no earlier error is set.  Allocates only when needed."""
    if not mask.any():
        return errors
    if errors is None:
        errors = np.zeros(mask.shape, np.int16)
    errors[mask & (errors == 0)] = code
    return errors


def check_non_negative(errors: np.ndarray | None, *cols: np.ndarray) -> np.ndarray | None:
    """NEGATIVE where any of ``cols`` is below zero. One reduction per column on the fast path."""
    for c in cols:
        if c.size:
            m = c.min()  # SIMD reduction; NaN (a blank optional) falls back to the mask
            if m < 0 or m != m:
                errors = flag(errors, c < 0, Code.NEGATIVE)
    return errors


def ratio(num, den, *, non_negative: bool = True) -> Computed:
    """num ÷ den like Excel: a zero divisor is #DIV/0! (DIV_ZERO), never 0 and never an exception.

    With ``non_negative`` (the default for ad metrics), a negative input is #NUM! (NEGATIVE).
    """
    num, den = as_float(num), as_float(den)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        values = num / den
    errors = None
    if den.size and not den.min() > 0:  # fast path: every divisor positive
        errors = flag(errors, den == 0, Code.DIV_ZERO)
    if non_negative:
        errors = check_non_negative(errors, num, den)
    return Computed(values, errors)


def merge_errors(first: np.ndarray | None, second: np.ndarray | None) -> np.ndarray | None:
    """Element-wise: ``first`` wins where set, else ``second``."""
    if first is None:
        return second
    if second is None:
        return first
    return np.where(first != 0, first, second).astype(np.int16)
