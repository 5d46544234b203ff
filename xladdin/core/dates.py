"""Dates as cells hold them: date cells (datetime from xlwings), Excel serial numbers, text dates.

Text dates: ISO ``2026-01-15``, ``2026/1/15``, ``2026年1月15日``, German ``15.01.2026`` and US
``01/15/2026`` (slash dates are read month-first, as Amazon's US reports write them).
"""

from __future__ import annotations

import datetime as dt
import re

import numpy as np

from xladdin.errors import Code

_EXCEL_EPOCH = np.datetime64("1899-12-30", "D")  # serial 1 = 1900-01-01 (Excel's 1900 leap-year bug ignored)
_ISO = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T].*)?$")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?: .*)?$")
_MDY = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})(?: .*)?$")


def parse_date(v) -> dt.date | None:
    """One value -> date, None for blank; raises ValueError when it is not a date."""
    if v is None:
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, np.datetime64):
        return None if np.isnat(v) else v.astype("datetime64[D]").astype(dt.date)
    if isinstance(v, bool):
        raise ValueError(v)
    if isinstance(v, (int, float)):
        if v != v:
            return None
        if not 1 <= v < 2958466:  # Excel's date range ends 9999-12-31
            raise ValueError(v)
        return (_EXCEL_EPOCH + np.timedelta64(int(v), "D")).astype(dt.date)
    s = str(v).strip()
    if not s:
        return None
    for rx, order in ((_ISO, "ymd"), (_DMY, "dmy"), (_MDY, "mdy")):
        m = rx.match(s)
        if m:
            a, b, c = (int(g) for g in m.groups())
            y, mo, d = {"ymd": (a, b, c), "dmy": (c, b, a), "mdy": (c, a, b)}[order]
            if y < 100:
                y += 2000
            return dt.date(y, mo, d)
    raise ValueError(s)


def parse_dates(values) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Flat values -> (datetime64[D] column with NaT for blank/invalid, int16 errors, blank mask)."""
    n = len(values)
    out = np.full(n, np.datetime64("NaT"), dtype="datetime64[D]")
    err = np.zeros(n, np.int16)
    blank = np.zeros(n, bool)
    cache: dict = {}
    for i, v in enumerate(values):
        key = (type(v), v) if not isinstance(v, float) or v == v else None
        try:
            if key is not None and key in cache:
                d = cache[key]
            else:
                d = parse_date(v)
                if key is not None:
                    cache[key] = d
        except (ValueError, TypeError, OverflowError):
            err[i] = Code.NOT_A_DATE
            continue
        if d is None:
            blank[i] = True
        else:
            out[i] = np.datetime64(d, "D")
    return out, err, blank
