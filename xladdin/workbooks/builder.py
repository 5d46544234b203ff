"""Render any :class:`~xladdin.workbooks.spec.TemplateSpec` into a workbook through openpyxl.

``build_workbook(spec)`` returns an openpyxl ``Workbook``; ``build_template(spec, out_dir)`` writes
``<kind>.xltx`` (content type *template*, so Excel's File › New makes a copy) and ``<kind>.xlsx``.
Output is byte-for-byte deterministic: fixed core properties (creator, created = modified =
:data:`FIXED_TIME`) and fixed ZIP entry times, so the reference comparison needs no normalising.

Sheet order: 说明 / Guide, Dashboard, the tables in spec order, Settings, then the hidden ``_Imports``
(import metadata: family, file, date range, local import time per import).
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import zipfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, LineChart, Reference, Series
from openpyxl.formatting.rule import CellIsRule, FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableColumn, TableFormula, TableStyleInfo

from xladdin.settings import Settings
from xladdin.workbooks.formats import DATE, GENERAL, INT, PCT, format_for
from xladdin.workbooks.host import SETTINGS_TABLE, TEMPLATE_NAME, _file_formula
from xladdin.workbooks.safety import atomic_save
from xladdin.workbooks.spec import (
    EXCEL_MAX_ROWS,
    FIRST_DATA_ROW,
    HEADER_ROW,
    LABEL_ROW,
    TITLE_ROW,
    Column,
    DashboardSpec,
    GuideSpec,
    TableSpec,
    TemplateSpec,
)

FIXED_TIME = dt.datetime(2026, 1, 1, 0, 0, 0)
IMPORTS_SHEET = "_Imports"
IMPORTS_TABLE = "Imports"
IMPORT_COLUMNS = (
    Column("import_id", "导入批次", "Import ID", fmt=INT),
    Column("family", "报表类型", "Report family", width=24),
    Column("table_name", "目标表", "Table", width=16),
    Column("file_name", "文件名", "File name", width=40),
    Column("date_from", "开始日期", "Date from", fmt=DATE),
    Column("date_to", "结束日期", "Date to", fmt=DATE),
    Column("marketplace", "站点", "Marketplace"),
    Column("rows", "行数", "Rows", fmt=INT),
    Column("imported_at", "导入时间", "Imported at", fmt="yyyy-mm-dd hh:mm", width=17),
)
SETTINGS_COLUMNS = (
    Column("key", "设置项", "Setting", width=24),
    Column("value", "值", "Value", width=14),
    Column("default", "默认值", "Default", width=12),
    Column("description", "说明", "Description", width=80),
)
SETTING_NAME_PREFIX = "set_"

TITLE_FONT = Font(bold=True, size=14, color="1F4E78")
LABEL_FONT = Font(bold=True, size=10)
HINT_FONT = Font(italic=True, size=9, color="595959")
LABEL_FILL = PatternFill("solid", fgColor="DDEBF7")
OPERATOR_FILL = PatternFill("solid", fgColor="FFF2CC")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
KPI_FONT = Font(bold=True, size=14)
HEADER_FONT = Font(bold=True, color="FFFFFF")  # explicit, so WPS / LibreOffice show it without table styles
HEADER_FILL = PatternFill("solid", fgColor="1F4E78")


def _print_setup(ws: Any, title_rows: str | None, *, one_page: bool = False) -> None:
    """A4 landscape, one page wide; ``one_page`` (dashboards: the page mailed to the boss) also one page tall."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1 if one_page else 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    if title_rows:
        ws.print_title_rows = title_rows


def _title(ws: Any, zh: str, en: str, hint_zh: str = "", hint_en: str = "") -> None:
    c = ws.cell(TITLE_ROW, 1, f"{zh} / {en}")
    c.font = TITLE_FONT
    if hint_zh or hint_en:
        h = ws.cell(TITLE_ROW, 4, f"{hint_zh}  {hint_en}".strip())
        h.font = HINT_FONT
    ws.row_dimensions[TITLE_ROW].height = 22


def _define(wb: Workbook, name: str, sheet: str, ref: str) -> None:
    wb.defined_names[name] = DefinedName(name, attr_text=f"{_quote(sheet)}!{ref}")


def _quote(sheet: str) -> str:
    return f"'{sheet}'" if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.]*", sheet) else sheet


def _abs(col: int, row: int) -> str:
    return f"${get_column_letter(col)}${row}"


def add_table_sheet(wb: Workbook, t: TableSpec, *, columns: tuple[Column, ...] | None = None,
                    rows: list[list[Any]] | None = None) -> Any:
    """A sheet holding one formatted Excel Table laid out as described in :mod:`xladdin.workbooks.spec`."""
    cols = columns or t.columns
    ws = wb.create_sheet(t.sheet)
    _title(ws, t.zh, t.en, t.hint_zh, t.hint_en)
    body = rows or [[None] * len(cols)]
    for j, col in enumerate(cols, start=1):
        letter = get_column_letter(j)
        lab = ws.cell(LABEL_ROW, j, col.label)
        lab.font, lab.alignment = LABEL_FONT, WRAP_TOP
        lab.fill = OPERATOR_FILL if col.key in t.operator_columns else LABEL_FILL
        head = ws.cell(HEADER_ROW, j, col.key)
        head.font, head.fill = HEADER_FONT, HEADER_FILL
        ws.column_dimensions[letter].width = col.col_width
        ws.column_dimensions[letter].hidden = col.hidden
        fmt = col.number_format
        for i, row in enumerate(body):
            cell = ws.cell(FIRST_DATA_ROW + i, j)
            if col.formula is not None:
                cell.value = "=" + _file_formula(col.formula, t.name)
            elif row[j - 1] is not None:
                cell.value = row[j - 1]
            if fmt != GENERAL:
                cell.number_format = fmt
        if col.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(col.choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="xladdin",
                                error=f"{col.zh}: {' / '.join(col.choices)}")
            dv.add(f"{letter}{FIRST_DATA_ROW}:{letter}{EXCEL_MAX_ROWS}")
            ws.add_data_validation(dv)
    ws.row_dimensions[LABEL_ROW].height = 30
    last = get_column_letter(len(cols))
    ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + len(body)}"
    table = Table(displayName=t.name, ref=ref)
    table.tableStyleInfo = TableStyleInfo(name=t.style, showRowStripes=True)
    table.tableColumns = [
        TableColumn(id=j, name=c.key,
                    calculatedColumnFormula=TableFormula(attr_text=_file_formula(c.formula, t.name))
                    if c.formula is not None else None)
        for j, c in enumerate(cols, start=1)]
    ws.add_table(table)
    for h in t.highlights:
        j = [c.key for c in cols].index(h.column) + 1
        letter = get_column_letter(j)
        fill, font = PatternFill("solid", fgColor=h.fill, bgColor=h.fill), Font(color=h.font)
        area = f"{letter}{FIRST_DATA_ROW}:{letter}{EXCEL_MAX_ROWS}"
        if h.numbers_only:
            # Same comparison as a formula rule on the area's first cell (relative reference).
            ops = {"lessThan": "<", "lessThanOrEqual": "<=", "greaterThan": ">", "greaterThanOrEqual": ">=",
                   "equal": "=", "notEqual": "<>"}
            cell = f"{letter}{FIRST_DATA_ROW}"
            rule = FormulaRule(formula=[f"AND(ISNUMBER({cell}),{cell}{ops[h.operator]}{h.formula[0]})"],
                               fill=fill, font=font)
        else:
            rule = CellIsRule(operator=h.operator, formula=list(h.formula), fill=fill, font=font)
        ws.conditional_formatting.add(area, rule)
    ws.freeze_panes = f"A{FIRST_DATA_ROW}"
    _print_setup(ws, f"{LABEL_ROW}:{HEADER_ROW}")
    # Print the columns an operator reads (up to print_through, else every visible one): detail and ID
    # columns and long text spilling to the right would otherwise shrink the page to an unreadable size.
    keys = [c.key for c in cols]
    through = keys.index(t.print_through) + 1 if t.print_through in keys else \
        max(j for j, c in enumerate(cols, start=1) if not c.hidden)
    ws.print_area = f"A1:{get_column_letter(through)}{EXCEL_MAX_ROWS}"
    return ws


def _settings_rows(keys: tuple[str, ...]) -> list[list[Any]]:
    fields = Settings.model_fields
    rows = []
    for k in keys or tuple(fields):
        f = fields[k]
        default = f.default
        rows.append([k, default, default, f.description or ""])
    return rows


def add_settings_sheet(wb: Workbook, spec: TemplateSpec) -> Any:
    s = spec.settings
    rows = _settings_rows(s.keys)
    t = TableSpec(SETTINGS_TABLE if s.table == SETTINGS_TABLE else s.table, s.sheet, "设置", "Settings",
                  SETTINGS_COLUMNS, hint_zh="只改“值”列；空白 = 默认值；刷新时校验。",
                  hint_en="Edit the Value column only; blank = default; checked on refresh.",
                  operator_columns=("value",), style="TableStyleLight9")
    ws = add_table_sheet(wb, t, rows=rows)
    for i, row in enumerate(rows):
        r = FIRST_DATA_ROW + i
        # settings are fractions, counts or text; weight_* are relative points (weight_margin is not a margin)
        fmt = PCT if format_for(row[0]) == PCT and not row[0].startswith("weight_") else GENERAL
        for col in (2, 3):
            ws.cell(r, col).number_format = fmt
            ws.cell(r, col).alignment = Alignment(horizontal="right")
        ws.cell(r, 4).alignment = Alignment(wrap_text=False)
        _define(wb, SETTING_NAME_PREFIX + row[0], ws.title, _abs(2, r))
    for key, choices in s.choices:
        keys = [r[0] for r in rows]
        if key in keys:
            r = FIRST_DATA_ROW + keys.index(key)
            dv = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
            dv.add(f"B{r}")
            ws.add_data_validation(dv)
    return ws


def add_guide_sheet(wb: Workbook, g: GuideSpec, spec: TemplateSpec) -> Any:
    ws = wb.create_sheet(g.sheet)
    _title(ws, f"{spec.zh}：使用说明", f"{spec.en}: guide")
    ws.cell(LABEL_ROW, 1, "#").font = LABEL_FONT
    ws.cell(LABEL_ROW, 2, "步骤").font = LABEL_FONT
    ws.cell(LABEL_ROW, 3, "Step").font = LABEL_FONT
    for i, (zh, en) in enumerate(g.steps, start=1):
        r = LABEL_ROW + i
        ws.cell(r, 1, i).alignment = WRAP_TOP
        ws.cell(r, 2, zh).alignment = WRAP_TOP
        ws.cell(r, 3, en).alignment = WRAP_TOP
        lines = max(len(zh) * 2 // 46 + 1, len(en) // 58 + 1, zh.count("\n") + 1)
        ws.row_dimensions[r].height = 15 * lines + 3
    ws.column_dimensions["A"].width = 4
    ws.column_dimensions["B"].width = 58
    ws.column_dimensions["C"].width = 64
    ws.freeze_panes = f"A{HEADER_ROW}"
    _print_setup(ws, f"{LABEL_ROW}:{LABEL_ROW}")
    return ws


def add_dashboard_sheet(wb: Workbook, d: DashboardSpec, spec: TemplateSpec) -> Any:
    """Title, KPI cells (defined names, values written by refresh), notes, native charts over outputs."""
    ws = wb.create_sheet(d.sheet)
    _title(ws, d.zh, d.en, "数值由刷新写入（无公式）。", "Values are written by refresh (no formulas).")
    ws.cell(LABEL_ROW, 1, "指标 / KPI").font = LABEL_FONT
    ws.cell(LABEL_ROW, 2, "值 / Value").font = LABEL_FONT
    for c in (1, 2):
        ws.cell(LABEL_ROW, c).fill = LABEL_FILL
    for i, k in enumerate(d.kpis):
        r = HEADER_ROW + i
        ws.cell(r, 1, f"{k.zh} / {k.en}")
        v = ws.cell(r, 2)
        v.number_format, v.font = k.fmt, KPI_FONT
        _define(wb, k.name, ws.title, _abs(2, r))
    r = HEADER_ROW + len(d.kpis) + 1
    for zh, en in d.notes:
        ws.cell(r, 1, f"{zh} / {en}").font = HINT_FONT
        r += 1
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 16
    ws.column_dimensions["C"].width = 3
    tables = {t.name: t for t in spec.tables}
    for ch in d.charts:
        t = tables[ch.table]
        src = wb[t.sheet]
        chart: Any
        if ch.kind == "line":
            chart = LineChart()
        else:
            chart = BarChart()
            chart.type = "bar" if ch.kind == "bar" else "col"
            # Every category label (LibreOffice and Excel otherwise skip some when bars are dense: campaign
            # names must all be readable).
            chart.x_axis.tickLblSkip = 1
        chart.title = f"{ch.zh} / {ch.en}"
        chart.width, chart.height = ch.width_cm, ch.height_cm
        chart.legend.position = "b"
        last = FIRST_DATA_ROW + ch.rows - 1
        xj = t.keys.index(ch.x) + 1
        for y in ch.y:
            yj = t.keys.index(y) + 1
            col = t.column(y)
            s = Series(Reference(src, min_col=yj, min_row=FIRST_DATA_ROW, max_row=last),
                       title=f"{col.zh} {col.en}")
            chart.series.append(s)
        chart.set_categories(Reference(src, min_col=xj, min_row=FIRST_DATA_ROW, max_row=last))
        ws.add_chart(chart, ch.anchor)
    ws.freeze_panes = f"A{LABEL_ROW}"
    _print_setup(ws, None, one_page=True)
    return ws


def add_imports_sheet(wb: Workbook) -> Any:
    t = TableSpec(IMPORTS_TABLE, IMPORTS_SHEET, "导入记录", "Imports", IMPORT_COLUMNS, style="TableStyleLight1")
    ws = add_table_sheet(wb, t)
    ws.sheet_state = "hidden"
    return ws


def build_workbook(spec: TemplateSpec) -> Workbook:
    """The template as an openpyxl Workbook (not yet saved)."""
    wb = Workbook()
    wb.remove(wb.active)
    add_guide_sheet(wb, spec.guide, spec)
    dash = spec.dashboard
    for t in spec.tables:
        add_table_sheet(wb, t)
    add_settings_sheet(wb, spec)
    add_imports_sheet(wb)
    add_dashboard_sheet(wb, dash, spec)
    wb.move_sheet(dash.sheet, offset=-(len(wb.sheetnames) - 2))  # Dashboard right after the guide
    wb.defined_names[TEMPLATE_NAME] = DefinedName(TEMPLATE_NAME, attr_text=f'"{spec.kind}"')
    wb.defined_names["xladdin_template_version"] = DefinedName("xladdin_template_version",
                                                               attr_text=str(spec.version))
    wb.active = 0
    p = wb.properties
    p.creator = p.lastModifiedBy = "xladdin"
    p.title = f"{spec.zh} / {spec.en}"
    p.created = p.modified = FIXED_TIME
    return wb


def workbook_bytes(wb: Workbook, *, template: bool = False) -> bytes:
    """Serialise deterministically: fixed modified time in core.xml, fixed ZIP entry times."""
    wb.template = template
    raw = io.BytesIO()
    wb.save(raw)
    wb.template = False
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    out = io.BytesIO()
    with zipfile.ZipFile(raw) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                              rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            zi = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME.timetuple()[:6])
            zi.compress_type = zipfile.ZIP_DEFLATED
            zi.external_attr = 0o600 << 16
            zout.writestr(zi, data)
    return out.getvalue()


def save_workbook(wb: Workbook, path: str | os.PathLike[str], *, template: bool | None = None,
                  backup: bool = True) -> Path:
    """Atomic, deterministic save; ``.xltx`` paths are saved as templates."""
    p = Path(path)
    is_template = p.suffix.lower() == ".xltx" if template is None else template
    data = workbook_bytes(wb, template=is_template)
    return atomic_save(p, lambda tmp: tmp.write_bytes(data), backup=backup)


def build_template(spec: TemplateSpec, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``<kind>.xltx`` and ``<kind>.xlsx`` into ``out_dir``; returns both paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    wb = build_workbook(spec)
    return [save_workbook(wb, out / f"{spec.kind}{ext}", backup=False) for ext in (".xltx", ".xlsx")]
