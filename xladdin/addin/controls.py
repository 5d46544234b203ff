"""The ribbon as Python data: one tab, its groups and controls, with stable ids.

Every control's id is what ``XladdinRibbon.OnAction`` passes to ``xladdin.ribbon.on_action(id)``;
``xladdin/ribbon.py`` implements one handler per id in :func:`action_ids`.  ``customUI/customUI.xml`` is
generated from this module by ``xladdin build addin`` (:mod:`xladdin.addin.build`), so ids must stay stable
(renaming one breaks the handler mapping and users' Quick Access Toolbar entries).

Ids are snake_case ASCII (customUI ``ST_UniqueID``: letters, digits, underscore, not starting with a digit).
Labels are bilingual "中文 / English"; ``image`` is a built-in Office icon (imageMso).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

TAB_ID = "xladdin_tab"
TAB_LABEL = "亚马逊运营 / Amazon Ops"

_ID = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Button:
    id: str
    label: str
    image: str  # imageMso
    screentip: str = ""
    size: str = "large"  # "large" | "normal"

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"ribbon control id {self.id!r} must be snake_case ASCII")


@dataclass(frozen=True)
class Menu:
    """A dropdown menu of buttons; the menu itself has no action, its buttons do."""

    id: str
    label: str
    image: str
    buttons: tuple[Button, ...]
    screentip: str = ""
    size: str = "large"

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise ValueError(f"ribbon control id {self.id!r} must be snake_case ASCII")


@dataclass(frozen=True)
class Group:
    id: str
    label: str
    controls: tuple[Button | Menu, ...] = field(default_factory=tuple)


def _template_buttons() -> tuple[Button, ...]:
    """One button per template kind: id ``new_<kind>`` (new_ads, new_inventory …)."""
    from xladdin.workbooks.registry import all_templates

    specs = all_templates()
    return tuple(
        Button(f"new_{kind}", f"{specs[kind].zh} / {specs[kind].en}", "FileNew",
               f"新建{specs[kind].zh}工作簿 / New {specs[kind].en} workbook", size="normal")
        for kind in sorted(specs)
    )


def groups() -> tuple[Group, ...]:
    """The tab's groups, in display order."""
    return (
        Group("grp_workbooks", "工作簿 / Workbooks", (
            Menu("new_from_template", "新建 / New", "FileNew", _template_buttons(),
                 "从模板新建工作簿 / New workbook from a template"),
        )),
        Group("grp_data", "数据 / Data", (
            Button("import_report", "导入报告 / Import report", "ImportTextFile",
                   "导入亚马逊报告文件 / Import an Amazon report file"),
            Button("import_selection", "导入选区 / Import selection", "PasteSpecialDialog",
                   "把选中的区域作为报告导入 / Import the selected range as a report", size="normal"),
            Button("refresh_active", "刷新本表 / Refresh sheet", "Refresh",
                   "刷新当前工作簿的分析 / Refresh the active workbook", size="normal"),
            Button("refresh_all", "全部刷新 / Refresh all", "RefreshAll",
                   "刷新所有打开的模板工作簿 / Refresh every open template workbook", size="normal"),
        )),
        Group("grp_output", "输出 / Output", (
            Button("export_bulksheet", "导出批量表 / Export bulksheet", "ExportExcel",
                   "导出广告批量操作表 / Export an Ads bulksheet"),
            Button("validate_inputs", "检查输入 / Validate inputs", "ReviewTrackChanges",
                   "检查输入表和设置 / Check input tables and settings", size="normal"),
        )),
        Group("grp_help", "帮助 / Help", (
            Button("settings", "设置 / Settings", "ControlsGallery",
                   "打开设置 / Open the settings"),
            Button("function_help", "函数帮助 / Function help", "FunctionWizard",
                   "工作表函数说明 / Worksheet function reference", size="normal"),
            Button("version_check", "版本检查 / Version check", "Info",
                   "检查 Python、xlwings 与加载项版本 / Check Python, xlwings and add-in versions",
                   size="normal"),
        )),
    )


def all_controls() -> list[Button | Menu]:
    """Every control, menus and their buttons included, in ribbon order."""
    out: list[Button | Menu] = []
    for g in groups():
        for c in g.controls:
            out.append(c)
            if isinstance(c, Menu):
                out.extend(c.buttons)
    return out


def action_ids() -> list[str]:
    """Ids that have an onAction (every button; not menus): one handler each in ``xladdin.ribbon``."""
    return [c.id for c in all_controls() if isinstance(c, Button)]
