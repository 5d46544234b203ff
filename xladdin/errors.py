"""The one error taxonomy of xladdin.

Every failure has a stable code (never renumbered, never renamed) that maps to

* an Excel error kind (#VALUE!, #DIV/0!, #N/A, #NUM!) so IFERROR / ISNA work in a cell,
* a short bilingual reason (中文 / English) for a message box or an Issues sheet,
* a CLI exit code.

Three renderings live here so no caller formats errors on its own:
:func:`cell_text` (worksheet functions), :func:`message_box_text` (ribbon) and
:func:`cli_text` + :attr:`XladdinError.exit_code` (command line).

Vectorised core functions do not raise per element: they return an ``int16`` array of
:class:`Code` values (0 = no error) beside their values; see :mod:`xladdin.core.computed`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum

# Excel's own error literals.  The add-in's VBA wrappers (issue 6) turn a returned string that
# starts with one of these into the real error value with CVErr.
VALUE = "#VALUE!"
DIV0 = "#DIV/0!"
NA = "#N/A"
NUM = "#NUM!"
EXCEL_KINDS = (VALUE, DIV0, NA, NUM)


@dataclass(frozen=True)
class _Spec:
    kind: str  # Excel error kind
    zh: str
    en: str
    hint_zh: str
    hint_en: str
    exit_code: int  # CLI exit code: 2 input, 3 data/rules, 4 config, 5 environment, 1 internal


class Code(IntEnum):
    """Stable error codes. Values are stored in int16 arrays; never reuse a number."""

    OK = 0
    NOT_A_NUMBER = 1
    DIV_ZERO = 2
    NEGATIVE = 3
    OUT_OF_RANGE = 4
    MISSING = 5
    SHAPE_MISMATCH = 6
    UNKNOWN_MARKETPLACE = 7
    NO_RULE_FOR_DATE = 8
    UNKNOWN_CATEGORY = 9
    NOT_A_DATE = 10
    FILE_NOT_FOUND = 11
    BAD_IMAGE = 12
    TOO_LARGE = 13
    BAD_CHOICE = 14
    SETTINGS_INVALID = 15
    NO_DATA = 16
    # Report recognition (xladdin.reports, issue 3).
    EMPTY_FILE = 17
    UNKNOWN_REPORT = 18
    AMBIGUOUS_REPORT = 19
    UNREADABLE_FILE = 20
    ID_ROUNDED = 21
    TOTALS_ROW = 22
    RAGGED_ROW = 23
    # Workbooks and templates (xladdin.workbooks, issue 4).
    WORKBOOK_LOCKED = 24
    TOO_MANY_ROWS = 25
    UNKNOWN_TABLE = 26
    FILE_EXISTS = 27
    # The Excel add-in and its installation (issue 6).
    UNKNOWN_CONTROL = 28
    VERSION_MISMATCH = 29
    EXCEL_NOT_AVAILABLE = 30
    INTERNAL = 99


_SPECS: dict[Code, _Spec] = {
    Code.NOT_A_NUMBER: _Spec(VALUE, "不是数字", "not a number",
                             "请输入数字，如 1234.56、$1,234.56、1.234,56 €、12.5%",
                             "enter a number such as 1234.56, $1,234.56, 1.234,56 € or 12.5%", 2),
    Code.DIV_ZERO: _Spec(DIV0, "除数为 0（如无销售额、无点击、无曝光）", "divisor is 0 (e.g. no sales, clicks or impressions)",
                         "用 IFERROR 显示为“无销售”等", "wrap in IFERROR to show e.g. \"no sales\"", 2),
    Code.NEGATIVE: _Spec(NUM, "不允许负数", "negative value not allowed",
                         "检查是否粘贴了退款或调整行", "check for pasted refund or adjustment rows", 2),
    Code.OUT_OF_RANGE: _Spec(NUM, "数值超出允许范围", "value out of the allowed range",
                             "检查单位（百分比请写 0.3 或 30%）", "check units (write a percentage as 0.3 or 30%)", 2),
    Code.MISSING: _Spec(VALUE, "缺少必填参数", "a required argument is empty",
                        "填写该参数", "fill in the argument", 2),
    Code.SHAPE_MISMATCH: _Spec(VALUE, "区域大小不一致", "ranges have different sizes",
                               "各参数使用相同行列数的区域，或单个单元格", "use ranges of the same size, or single cells", 2),
    Code.UNKNOWN_MARKETPLACE: _Spec(NA, "不支持的站点", "unknown marketplace",
                                    "可用站点见函数说明（如 US）", "see the function help for supported marketplaces (e.g. US)", 3),
    Code.NO_RULE_FOR_DATE: _Spec(NA, "该日期没有费用表", "no fee table for this date",
                                 "检查 as_of 日期；费用表覆盖范围见文档", "check the as_of date; see the docs for covered periods", 3),
    Code.UNKNOWN_CATEGORY: _Spec(NA, "未知类目", "unknown category",
                                 "使用佣金表中的类目名称", "use a category name from the referral fee table", 3),
    Code.NOT_A_DATE: _Spec(VALUE, "不是日期", "not a date",
                           "输入日期，如 2026-01-15", "enter a date such as 2026-01-15", 2),
    Code.FILE_NOT_FOUND: _Spec(NA, "找不到文件", "file not found",
                               "检查路径（完整路径，含扩展名）", "check the path (full path with extension)", 2),
    Code.BAD_IMAGE: _Spec(VALUE, "无法读取图片", "cannot read the image",
                          "使用 JPEG / PNG / TIFF / GIF 文件", "use a JPEG, PNG, TIFF or GIF file", 2),
    Code.TOO_LARGE: _Spec(NUM, "超出费用表的尺寸或重量范围", "beyond the size or weight covered by the fee table",
                          "检查单位：英寸和磅", "check units: inches and pounds", 3),
    Code.BAD_CHOICE: _Spec(VALUE, "不是允许的选项", "not one of the allowed options",
                           "允许的选项见函数说明", "see the function help for the allowed options", 2),
    Code.SETTINGS_INVALID: _Spec(VALUE, "设置无效", "invalid settings",
                                 "按提示修改设置表或团队设置文件", "fix the Settings sheet or team settings file as described", 4),
    Code.NO_DATA: _Spec(NA, "没有数据", "no data",
                        "选择含数据的区域", "select a range that holds data", 2),
    Code.EMPTY_FILE: _Spec(NA, "文件为空", "the file is empty",
                           "重新下载报表（0 字节的文件没有内容）", "download the report again (a 0-byte file holds nothing)", 2),
    Code.UNKNOWN_REPORT: _Spec(NA, "无法识别的报表", "unrecognised report",
                               "确认表头行完整（可用 xladdin detect 查看缺少的列）",
                               "check the header row is complete (xladdin detect lists the missing columns)", 2),
    Code.AMBIGUOUS_REPORT: _Spec(NA, "报表可匹配多个类型", "the report matches several report types",
                                 "用 --family 指定报表类型", "name the report type with --family", 2),
    Code.UNREADABLE_FILE: _Spec(VALUE, "无法读取文件（格式或编码不支持）", "cannot read the file (format or encoding not supported)",
                                "另存为 CSV（UTF-8）或 XLSX 后重试", "save it as CSV (UTF-8) or XLSX and try again", 2),
    Code.ID_ROUNDED: _Spec(VALUE, "ID 已被 Excel 改为数字并四舍五入", "the ID was turned into a number and rounded by Excel",
                           "从原始下载文件取 ID，或把该列设为文本格式", "take the ID from the original download, or format the column as text", 2),
    Code.TOTALS_ROW: _Spec(NA, "合计行，已从数据中移出", "totals row, moved out of the data",
                           "无需处理；合计值见问题表", "nothing to do; the totals are listed in the problems table", 2),
    Code.RAGGED_ROW: _Spec(VALUE, "该行单元格数与表头不一致", "the row has a different number of cells than the header",
                           "检查该行是否被拆分或多了分隔符", "check whether the row was split or has extra delimiters", 2),
    Code.WORKBOOK_LOCKED: _Spec(VALUE, "工作簿已被打开或锁定（Excel / WPS 正在使用）",
                                "the workbook is open or locked (Excel / WPS is using it)",
                                "在 Excel 中关闭该工作簿后重试，或在 Excel 内用插件刷新",
                                "close the workbook in Excel and try again, or refresh from inside Excel", 5),
    Code.TOO_MANY_ROWS: _Spec(NUM, "行数超过 Excel 工作表上限 1,048,576", "more rows than an Excel sheet holds (1,048,576)",
                              "缩短日期范围或按周/月汇总后再写入", "shorten the date range or aggregate by week/month first", 3),
    Code.UNKNOWN_TABLE: _Spec(NA, "工作簿中没有对应的表", "the workbook has no matching table",
                              "用正确的模板（xladdin new）或导入该模板支持的报表", "use the right template (xladdin new) or import a report this template takes", 2),
    Code.FILE_EXISTS: _Spec(VALUE, "文件已存在", "the file already exists",
                            "换一个文件名，或加 --force 覆盖", "choose another file name, or add --force to overwrite", 2),
    Code.UNKNOWN_CONTROL: _Spec(VALUE, "插件按钮没有对应的功能（插件与 Python 包版本不一致）",
                                "the ribbon button has no handler (add-in and Python package differ)",
                                "重新安装：xladdin addin install", "reinstall: xladdin addin install", 5),
    Code.VERSION_MISMATCH: _Spec(VALUE, "版本不匹配", "version mismatch",
                                 "插件需要 xlwings 0.37.8：pip install xlwings==0.37.8",
                                 "the add-in needs xlwings 0.37.8: pip install xlwings==0.37.8", 5),
    Code.EXCEL_NOT_AVAILABLE: _Spec(VALUE, "此系统没有 Excel（仅支持 Windows / macOS）",
                                    "Excel is not available here (Windows / macOS only)",
                                    "在装有 Excel 的电脑上运行，或加 --dry-run 查看文件位置",
                                    "run it on a computer with Excel, or add --dry-run to see where files go", 5),
    Code.INTERNAL: _Spec(VALUE, "内部错误", "internal error",
                         "详情见日志文件", "details are in the log file", 1),
}


def spec(code: Code) -> _Spec:
    return _SPECS[Code(code)]


def excel_kind(code: Code) -> str:
    return _SPECS[Code(code)].kind


def cell_text(code: Code) -> str:
    """What a worksheet function returns for an erroneous element: ``"#DIV/0! DIV_ZERO"``.

    Excel's error literal first (the VBA wrapper converts it to a real error value), then the
    stable code so the operator can look the reason up with ``=ERROR_REASON("DIV_ZERO")``.
    Kept short on purpose: long strings in cells cause trouble (xlwings issue #456).
    """
    code = Code(code)
    return f"{_SPECS[code].kind} {code.name}"


def reason(code: Code | str, detail: str = "") -> str:
    """Bilingual one-line reason with the fix, e.g. for ERROR_REASON or an Issues sheet."""
    code = Code[code] if isinstance(code, str) else Code(code)
    s = _SPECS[code]
    extra = f" ({detail})" if detail else ""
    return f"{code.name}: {s.zh}；{s.hint_zh} / {s.en}{extra}; {s.hint_en}"


class XladdinError(Exception):
    """An error the user can act on. ``code`` is stable; ``detail`` says what exactly was wrong."""

    def __init__(self, code: Code, detail: str = "", *, where: str = ""):
        self.code = Code(code)
        self.detail = detail
        self.where = where
        super().__init__(self.__str__())

    @property
    def exit_code(self) -> int:
        return _SPECS[self.code].exit_code

    @property
    def kind(self) -> str:
        return _SPECS[self.code].kind

    def __str__(self) -> str:
        s = _SPECS[self.code]
        where = f"{self.where}: " if self.where else ""
        detail = f" — {self.detail}" if self.detail else ""
        return f"{where}[{self.code.name}] {s.zh} / {s.en}{detail}"


class InputError(XladdinError, ValueError):
    """Bad user input (a cell, an argument, a file)."""


class RuleDataError(XladdinError, LookupError):
    """No fee / rule table for the marketplace, date or category asked for."""


class ConfigError(XladdinError, ValueError):
    """Invalid settings (unknown key, wrong type)."""


def message_box_text(err: BaseException, log_path: str | None = None) -> str:
    """Short bilingual text for an Excel message box; details go to the log file."""
    if isinstance(err, XladdinError):
        s = _SPECS[err.code]
        lines = [f"{s.zh}：{err.detail}" if err.detail else s.zh,
                 f"{s.en}: {err.detail}" if err.detail else s.en,
                 f"{s.hint_zh} / {s.hint_en}"]
    else:
        lines = ["发生内部错误。", "An internal error occurred."]
    if log_path:
        lines.append(f"日志 / Log: {log_path}")
    return "\n".join(lines)


def cli_text(err: BaseException) -> tuple[str, int]:
    """(stderr text, exit code) for the command line. Never a traceback for an XladdinError."""
    if isinstance(err, XladdinError):
        s = _SPECS[err.code]
        return f"error: {err}\n  {s.hint_zh} / {s.hint_en}", err.exit_code
    return f"error: [INTERNAL] {type(err).__name__}: {err}", 1
