"""Check a workbook's inputs before a refresh: the ribbon's "Validate inputs" (and any host).

:func:`validate_book` returns the problems table the Issues sheet shows: one ``[row, column, value,
reason]`` per bad cell, where ``row`` is the Excel row number, ``column`` is ``Table.key`` and ``reason``
is the bilingual :func:`xladdin.errors.reason` text with its stable code.

Checked: every Settings value on its own (so each bad one gets its own row), and in each input table of
the workbook's template the numeric and date columns (by their declared number format) and the columns
with a list of choices.  Nothing is changed in the workbook.
"""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

from xladdin.errors import Code, ConfigError, XladdinError, reason
from xladdin.settings import load_settings
from xladdin.workbooks.formats import DATE, GENERAL, TEXT, format_for
from xladdin.workbooks.host import SETTINGS_TABLE, BookHost

Issue = list[Any]  # [row, column, value, reason]


def _blank(v: Any) -> bool:
    return v is None or (isinstance(v, str) and not v.strip()) or (isinstance(v, float) and math.isnan(v))


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool)


def _settings_issues(host: BookHost) -> list[Issue]:
    block = host._read_block(host.resolve_table(SETTINGS_TABLE))
    k, j = block.header.index("key"), block.header.index("value")
    out: list[Issue] = []
    for i, r in enumerate(block.rows):
        key, value = r[k], r[j]
        if _blank(key) or _blank(value):
            continue
        try:
            load_settings({str(key).strip(): value.strip() if isinstance(value, str) else value})
        except ConfigError as exc:
            out.append([block.first_row + 1 + i, f"{SETTINGS_TABLE}.{key}", value,
                        reason(exc.code, exc.detail)])
    return out


def _table_issues(host: BookHost, table: Any) -> list[Issue]:
    try:
        block = host._read_block(host.resolve_table(table.name))
    except XladdinError:
        return [["", table.name, "", reason(Code.UNKNOWN_TABLE, table.name)]]
    out: list[Issue] = []
    for col in table.columns:
        if col.key not in block.header or col.formula:
            continue
        j = block.header.index(col.key)
        fmt = col.fmt or format_for(col.key)
        choices = {c.lower() for c in col.choices}
        for i, r in enumerate(block.rows):
            v = r[j]
            if _blank(v):
                continue
            code = None
            if choices and str(v).strip().lower() not in choices:
                code = Code.BAD_CHOICE
            elif fmt == DATE and not isinstance(v, (dt.date, dt.datetime)):
                code = Code.NOT_A_DATE
            elif fmt not in (GENERAL, TEXT, DATE) and not choices and not _is_number(v):
                code = Code.NOT_A_NUMBER
            if code is not None:
                out.append([block.first_row + 1 + i, f"{table.name}.{col.key}", v, reason(code)])
    return out


def validate_book(host: BookHost) -> list[Issue]:
    """Every problem in the Settings sheet and the input tables, in sheet order (empty = all good)."""
    from xladdin.workbooks.registry import get_template

    kind = host.template_kind()
    if kind is None:
        return [["", "", "", reason(Code.UNKNOWN_TABLE, "not an xladdin workbook (no xladdin_template name)")]]
    issues = _settings_issues(host)
    for t in get_template(kind).inputs:
        issues.extend(_table_issues(host, t))
    return issues


__all__ = ["validate_book"]
