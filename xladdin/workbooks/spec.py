"""Declarative template specs: what a workbook template holds, never how it is drawn.

A template module in ``templates/`` builds one :class:`TemplateSpec` from these frozen dataclasses;
:mod:`xladdin.workbooks.builder` renders any of them through openpyxl.  Every spec validates itself on
construction (``__post_init__``), so a typo in a template fails at import time, not in Excel.

Sheet layout of every table sheet (input and output), fixed so hosts and tests can rely on it:

* row 1: sheet title (中文 / English) and a one-line hint;
* row 2: bilingual column labels (``花费`` newline ``Spend``), wrapped;
* row 3: the Excel Table's header row = canonical column keys (``spend``): stable for structured
  references (``=SUM(SearchTerms[spend])``), imports and the analytics;
* row 4 on: data.  Panes are frozen below row 3; rows 2–3 repeat on every printed page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from xladdin.workbooks.formats import format_for

TITLE_ROW = 1
LABEL_ROW = 2
HEADER_ROW = 3
FIRST_DATA_ROW = 4
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLS = 16_384
MAX_DATA_ROWS = EXCEL_MAX_ROWS - HEADER_ROW  # data rows a table sheet can hold

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,254}$")
_KEY = re.compile(r"^[a-z_][a-z0-9_]*$")
_CELL = re.compile(r"^[A-Z]{1,3}[1-9][0-9]*$")
_SHEET_BAD = set("[]:*?/\\")


def _check(cond: bool, msg: str) -> None:
    if not cond:
        raise ValueError(msg)


@dataclass(frozen=True)
class Column:
    """One table column: canonical key, bilingual label, number format and width.

    ``fmt=None`` takes the format from the key by convention (:func:`~xladdin.workbooks.formats.format_for`).
    ``choices`` adds a list data validation on the column's data cells.
    ``formula`` makes it a live helper column (calculated column, US-English syntax, no leading ``=``).
    """

    key: str
    zh: str
    en: str
    fmt: str | None = None
    width: float | None = None
    choices: tuple[str, ...] = ()
    formula: str | None = None
    hidden: bool = False  # working columns (IDs for the bulksheet export): kept, not shown or printed

    def __post_init__(self) -> None:
        _check(bool(_KEY.match(self.key)), f"column key must be snake_case ASCII: {self.key!r}")
        _check(bool(self.zh) and bool(self.en), f"column {self.key!r} needs a zh and an en label")
        _check(self.formula is None or not self.formula.startswith("="), f"{self.key}: formula without '='")

    @property
    def label(self) -> str:
        return f"{self.zh}\n{self.en}"

    @property
    def number_format(self) -> str:
        return self.fmt if self.fmt is not None else format_for(self.key)

    @property
    def col_width(self) -> float:
        if self.width is not None:
            return self.width
        # Wide enough for the longer label line (CJK glyphs count double) and the key.
        zh_w = sum(2 if ord(ch) > 0x2E80 else 1 for ch in self.zh)
        return float(min(40, max(10, zh_w + 2, len(self.en) + 2, len(self.key) + 4)))


@dataclass(frozen=True)
class Highlight:
    """Conditional format on one column of a table's data area.

    ``operator`` is an openpyxl CellIsRule operator (greaterThan, lessThan, equal, between …) and
    ``formula`` its operand(s) in US-English syntax, e.g. ``("set_target_acos",)`` or ``('"Y"',)``.
    ``numbers_only`` skips blank and text cells (a cell rule treats a blank as 0, so "less than" would
    colour every empty row).  ``fill`` is an RGB hex colour.
    """

    column: str
    operator: str
    formula: tuple[str, ...]
    fill: str = "FFC7CE"
    font: str = "9C0006"
    numbers_only: bool = False


@dataclass(frozen=True)
class TableSpec:
    """An Excel Table on its own sheet (input or output), header on row 3, data from row 4.

    ``families``: report families (``xladdin.reports`` names) whose canonical rows ``xladdin import``
    puts here.  ``row_key``: columns that identify a row across refreshes, so operator columns (e.g.
    Approve) follow their row.  ``operator_columns``: columns the operator fills; refresh keeps them.
    """

    name: str
    sheet: str
    zh: str
    en: str
    columns: tuple[Column, ...]
    role: str = "input"  # input | output
    families: tuple[str, ...] = ()
    row_key: tuple[str, ...] = ()
    operator_columns: tuple[str, ...] = ()
    highlights: tuple[Highlight, ...] = ()
    hint_zh: str = ""
    hint_en: str = ""
    style: str = "TableStyleMedium2"
    print_through: str | None = None  # last printed column (detail columns to its right are screen-only)

    def __post_init__(self) -> None:
        _check(bool(_NAME.match(self.name)) and not re.match(r"^[A-Za-z]{1,3}[0-9]+$", self.name),
               f"bad table name {self.name!r}")
        _check(self.role in ("input", "output"), f"{self.name}: role must be input or output")
        keys = [c.key for c in self.columns]
        _check(len(keys) == len(set(keys)), f"{self.name}: duplicate column keys")
        _check(bool(keys), f"{self.name}: no columns")
        for k in (*self.row_key, *self.operator_columns, *(h.column for h in self.highlights),
                  *((self.print_through,) if self.print_through else ())):
            _check(k in keys, f"{self.name}: unknown column {k!r}")

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)

    def column(self, key: str) -> Column:
        for c in self.columns:
            if c.key == key:
                return c
        raise KeyError(key)


@dataclass(frozen=True)
class Kpi:
    """A labelled KPI value cell on the Dashboard, reachable by its defined name."""

    name: str  # defined name, e.g. "kpi_spend"
    zh: str
    en: str
    fmt: str = "#,##0.00"

    def __post_init__(self) -> None:
        _check(bool(_NAME.match(self.name)), f"bad KPI name {self.name!r}")


@dataclass(frozen=True)
class ChartSpec:
    """A native Excel chart on the Dashboard over columns of an output table."""

    kind: str  # line | bar | col
    zh: str
    en: str
    table: str
    x: str
    y: tuple[str, ...]
    anchor: str  # top-left cell on the Dashboard
    rows: int = 30  # data rows the series cover in the empty template (the openpyxl host follows the table)
    width_cm: float = 16.0
    height_cm: float = 7.5

    def __post_init__(self) -> None:
        _check(self.kind in ("line", "bar", "col"), f"chart kind {self.kind!r}")
        _check(bool(_CELL.match(self.anchor)), f"chart anchor {self.anchor!r}")


@dataclass(frozen=True)
class DashboardSpec:
    sheet: str
    zh: str
    en: str
    kpis: tuple[Kpi, ...] = ()
    charts: tuple[ChartSpec, ...] = ()
    notes: tuple[tuple[str, str], ...] = ()  # (zh, en) lines under the KPIs: where to look next


@dataclass(frozen=True)
class SettingsSpec:
    """The Settings sheet: one row per Settings field (all, or ``keys`` in this order)."""

    sheet: str = "Settings"
    table: str = "Settings"
    keys: tuple[str, ...] = ()  # empty = every field of xladdin.settings.Settings
    choices: tuple[tuple[str, tuple[str, ...]], ...] = (("marketplace", ("US", "UK", "DE")),)


@dataclass(frozen=True)
class GuideSpec:
    sheet: str
    steps: tuple[tuple[str, str], ...]  # (zh, en)


@dataclass(frozen=True)
class TemplateSpec:
    kind: str  # "ads", "inventory": the name used by `xladdin new KIND`
    zh: str
    en: str
    guide: GuideSpec
    dashboard: DashboardSpec
    tables: tuple[TableSpec, ...]
    settings: SettingsSpec = field(default_factory=SettingsSpec)
    version: int = 1

    def __post_init__(self) -> None:
        _check(bool(_KEY.match(self.kind)), f"template kind {self.kind!r}")
        names = [t.name.lower() for t in self.tables] + [self.settings.table.lower(), "imports"]
        _check(len(names) == len(set(names)), f"{self.kind}: duplicate table names")
        sheets = [self.guide.sheet, self.dashboard.sheet, *(t.sheet for t in self.tables), self.settings.sheet]
        _check(len(sheets) == len({s.lower() for s in sheets}), f"{self.kind}: duplicate sheet names")
        for s in sheets:
            _check(0 < len(s) <= 31 and not (_SHEET_BAD & set(s)), f"bad sheet name {s!r}")
        tables = {t.name: t for t in self.tables}
        for ch in self.dashboard.charts:
            _check(ch.table in tables, f"chart over unknown table {ch.table!r}")
            for k in (ch.x, *ch.y):
                _check(k in tables[ch.table].keys, f"chart column {ch.table}.{k} unknown")
        families = [f for t in self.tables for f in t.families]
        _check(len(families) == len(set(families)), f"{self.kind}: a report family feeds two tables")

    def table(self, name: str) -> TableSpec:
        for t in self.tables:
            if t.name == name:
                return t
        raise KeyError(name)

    def table_for_family(self, family: str) -> TableSpec | None:
        for t in self.tables:
            if family in t.families:
                return t
        return None

    @property
    def inputs(self) -> tuple[TableSpec, ...]:
        return tuple(t for t in self.tables if t.role == "input")

    @property
    def outputs(self) -> tuple[TableSpec, ...]:
        return tuple(t for t in self.tables if t.role == "output")
