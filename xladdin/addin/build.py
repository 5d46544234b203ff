"""Build ``xladdin.xlam`` on any OS, without Excel (issue 6).

Route (docs: /work/shared/reference/xlwings-addin.md §4): start from xlwings' own
``quickstart_addin_ribbon.xlam`` in the pinned wheel (BSD / MIT notices kept), then

1. with **pyopenvba** (never ms-ovba: its compressor corrupts modules > ~800 bytes):
   ``PROJECT_NAME = "xladdin"`` in the xlwings module, delete ``RibbonMyAddin``, add
   ``XladdinRibbon`` (dispatcher) and ``XladdinErrors`` (coded error strings → CVErr) from
   ``xladdin/addin/vba/*.bas``, add a generated ``xlwings_udfs`` (one wrapper per registered worksheet
   function, xlwings' ``generate_vba_wrapper`` shape) and a generated ``ThisWorkbook.Workbook_Open`` that
   registers Function Wizard help with ``Application.MacroOptions``;
2. with **zipfile**: ``customUI/customUI.xml`` from :mod:`xladdin.addin.controls`, and the conf sheet
   renamed ``_myaddin.conf`` → ``_xladdin.conf`` (leading underscore: inactive, see the reference).

The template's VBA project uses code page 1252, so every generated string literal is ASCII: other
characters (中文 labels, descriptions) are written as ``ChrW(&H...&)``.
"""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from xml.sax.saxutils import quoteattr

from xladdin.addin import controls as C

PROJECT_NAME = "xladdin"
TEMPLATE_NAME = "quickstart_addin_ribbon.xlam"
CONF_SHEET_OLD = "_myaddin.conf"
CONF_SHEET_NEW = f"_{PROJECT_NAME}.conf"
VBA_DIR = Path(__file__).with_name("vba")
OWN_MODULES = ("XladdinRibbon", "XladdinErrors")  # xladdin/addin/vba/<name>.bas
RIBBON_ACTION = "XladdinRibbon.OnAction"
CUSTOMUI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
MAX_DOC = 255  # MacroOptions: Description and each ArgumentDescriptions entry

# VBA limits we stay well inside: 1023 characters per physical line; we never use line continuations
# (limit 24) for long strings, but build them with repeated `s = s & ...` statements instead.
_MAX_LINE = 900
_MAX_TERMS = 12  # `&` terms per statement (avoids "Expression too complex")


def template_path() -> Path:
    """``quickstart_addin_ribbon.xlam`` from the installed xlwings package."""
    import xlwings

    path = Path(xlwings.__file__).resolve().parent / TEMPLATE_NAME
    if not path.is_file():
        from xladdin.errors import Code, XladdinError

        raise XladdinError(Code.INTERNAL, f"xlwings {xlwings.__version__} has no {TEMPLATE_NAME} at {path}")
    return path


# --------------------------------------------------------------------------------------------- VBA text
def _crlf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\n", "\r\n")


def own_module_source(name: str) -> str:
    return (VBA_DIR / f"{name}.bas").read_text(encoding="ascii")


def vba_terms(s: str) -> list[str]:
    """``s`` as VBA expression terms (joined with ``&``): ASCII runs as ``"..."`` literals (quotes doubled),
    every other character as ``ChrW(&H....&)`` (code page 1252 cannot hold 中文)."""
    terms: list[str] = []
    run: list[str] = []

    def flush():
        if run:
            terms.append('"' + "".join(run).replace('"', '""') + '"')
            run.clear()

    for ch in s:
        cp = ord(ch)
        if 0x20 <= cp < 0x7F:
            run.append(ch)
            if len(run) >= 200:
                flush()
        else:
            flush()
            units = [cp] if cp <= 0xFFFF else [0xD800 + ((cp - 0x10000) >> 10), 0xDC00 + ((cp - 0x10000) & 0x3FF)]
            terms.extend(f"ChrW(&H{u:X}&)" for u in units)
    flush()
    return terms or ['""']


def vba_assign(target: str, s: str, indent: str = "    ") -> list[str]:
    """Statements that set ``target`` to ``s``: ``target = t1 & t2 …`` then ``target = target & …``."""
    lines: list[str] = []
    terms = vba_terms(s)
    i = 0
    while i < len(terms) or not lines:
        chunk: list[str] = []
        length = 0
        while i < len(terms) and len(chunk) < _MAX_TERMS and length + len(terms[i]) < _MAX_LINE:
            chunk.append(terms[i])
            length += len(terms[i]) + 3
            i += 1
        if not chunk:  # a single oversize term cannot happen (runs ≤ 200 chars), but never loop forever
            chunk, i = [terms[i]], i + 1
        head = f"{target} = " if not lines else f"{target} = {target} & "
        lines.append(indent + head + " & ".join(chunk))
    return lines


def _doc(s: str) -> str:
    s = " ".join(str(s).split())
    return s if len(s) <= MAX_DOC else s[: MAX_DOC - 1] + "…"


def udf_wrapper(f) -> list[str]:
    """One VBA wrapper in xlwings' ``generate_vba_wrapper`` shape, plus our error conversion:
    coded error strings become CVErr values (``XlErrors``) and a failure gives ``#VALUE!``, never
    ``Err.Description`` (the traceback) in the cell."""
    params = ", ".join(("Optional " if a.optional else "") + a.name for a in f.args)
    arr = "Array(" + ", ".join(a.name for a in f.args) + ")"
    call = f'XLPy.CallUDF("{f.module}", "{f.name}", {arr}'
    return [
        f"Function {f.name}({params})",
        '    #If App = "Microsoft Excel" Then',
        "        If TypeOf Application.Caller Is Range Then On Error GoTo failed",
        f"        {f.name} = XlErrors({call}, ActiveWorkbook, Application.Caller))",
        "        Exit Function",
        "    #Else",
        f"        {f.name} = XlErrors({call}))",
        "        Exit Function",
        "    #End If",
        "failed:",
        f"    {f.name} = CVErr(xlErrValue)",
        "End Function",
        "",
    ]


def udfs_module(functions: Sequence) -> str:
    """The generated ``xlwings_udfs`` module (same name and header as xlwings' ImportPythonUDFs)."""
    lines = [
        'Attribute VB_Name = "xlwings_udfs"',
        "'Autogenerated code by xladdin build addin (xladdin.addin.build) - changes will be lost with next build!",
        "'One wrapper per function in xladdin.worksheet.registry; coded error strings become real Excel errors.",
        """#Const App = "Microsoft Excel" 'Adjust when using outside of Excel""",
        "",
    ]
    for f in sorted(functions, key=lambda f: f.name):
        lines += udf_wrapper(f)
    return "\n".join(lines)


def thisworkbook_body(functions: Sequence) -> str:
    """``ThisWorkbook`` code: ``Workbook_Open`` registers Function Wizard help for every function
    (what xlwings' ``import_udfs`` does through COM on Windows). One small Sub per function keeps every
    procedure far below VBA's 64 KB limit; a failure never stops the add-in from opening."""
    fs = sorted(functions, key=lambda f: f.name)
    out = [
        "'Autogenerated by xladdin build addin (xladdin.addin.build) - changes will be lost with next build!",
        "'Function Wizard help (description, category, argument help) for every xladdin worksheet function.",
        "Option Explicit",
        "",
        "Private Sub Workbook_Open()",
        "    On Error Resume Next",
    ]
    out += [f"    Reg_{f.name}" for f in fs]
    out += ["End Sub", ""]
    for f in fs:
        out.append(f"Private Sub Reg_{f.name}()")
        out.append("    Dim d As String, c As String")
        if f.args:
            out.append("    Dim a() As Variant")
            out.append(f"    ReDim a(0 To {len(f.args) - 1})")
        out += vba_assign("d", _doc(f.description))
        out += vba_assign("c", f.category)
        for i, a in enumerate(f.args):
            out += vba_assign(f"a({i})", _doc(a.doc))
        macro = f"\"'\" & ThisWorkbook.Name & \"'!{f.name}\""
        if f.args:
            out.append(f"    Application.MacroOptions Macro:={macro}, Description:=d, Category:=c, "
                       "ArgumentDescriptions:=a")
        else:
            out.append(f"    Application.MacroOptions Macro:={macro}, Description:=d, Category:=c")
        out += ["End Sub", ""]
    return "\n".join(out)


# ------------------------------------------------------------------------------------------ customUI
def customui_xml(groups: Iterable[C.Group] | None = None) -> str:
    """``customUI/customUI.xml`` (2006/01 namespace like the template) from :mod:`.controls`."""
    groups = C.groups() if groups is None else groups
    a = quoteattr

    def button(b: C.Button, indent: str, in_menu: bool = False) -> str:
        size = "" if in_menu else f" size={a(b.size)}"
        tip = f" screentip={a(b.screentip)}" if b.screentip else ""
        return (f"{indent}<button id={a(b.id)} label={a(b.label)}{size} imageMso={a(b.image)}{tip} "
                f"onAction={a(RIBBON_ACTION)} />")

    lines = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
        f'<customUI xmlns="{CUSTOMUI_NS}">',
        "    <ribbon>",
        "        <tabs>",
        f"            <tab id={a(C.TAB_ID)} label={a(C.TAB_LABEL)}>",
    ]
    for g in groups:
        lines.append(f"                <group id={a(g.id)} label={a(g.label)}>")
        for c in g.controls:
            ind = " " * 20
            if isinstance(c, C.Menu):
                tip = f" screentip={a(c.screentip)}" if c.screentip else ""
                lines.append(f"{ind}<menu id={a(c.id)} label={a(c.label)} size={a(c.size)} "
                             f"imageMso={a(c.image)}{tip}>")
                lines += [button(b, ind + "    ", in_menu=True) for b in c.buttons]
                lines.append(f"{ind}</menu>")
            else:
                lines.append(button(c, ind))
        lines.append("                </group>")
    lines += ["            </tab>", "        </tabs>", "    </ribbon>", "</customUI>", ""]
    return "\n".join(lines)


# --------------------------------------------------------------------------------------------- build
def _set_project_name(src: str) -> str:
    old = 'Public Const PROJECT_NAME As String = "myaddin"'
    if src.count(old) != 1:
        raise RuntimeError("xlwings module: PROJECT_NAME line not found exactly once (xlwings version changed?)")
    return src.replace(old, f'Public Const PROJECT_NAME As String = "{PROJECT_NAME}"')


def _edit_vba(src: Path, dest: Path, functions: Sequence) -> None:
    from pyopenvba import ExcelFile

    xl = ExcelFile(src)
    try:
        proj = xl.vba_project()
        names = proj.module_names()
        for required in ("xlwings", "RibbonMyAddin", "ThisWorkbook", "Dictionary"):
            if required not in names:
                raise RuntimeError(f"template VBA project has no module {required!r}: {names}")
        xl.set_module("xlwings", _set_project_name(xl.get_module("xlwings")))
        proj.delete_module("RibbonMyAddin")
        for name in OWN_MODULES:
            proj.add_module(name, _crlf(own_module_source(name)))
        proj.add_module("xlwings_udfs", _crlf(udfs_module(functions)))
        xl.set_module("ThisWorkbook", _crlf(thisworkbook_body(functions)))
        xl.save(dest)
    finally:
        xl.close()
    check = ExcelFile(dest)  # pending adds only exist as streams after save: validate the written file
    try:
        problems = check.validate()
    finally:
        check.close()
    if problems:
        raise RuntimeError(f"pyopenvba validate: {problems}")


def _rewrite_parts(src: Path, dest: Path, ui_xml: str) -> None:
    """Copy the zip, replacing customUI.xml and renaming the conf sheet (entry order and compression kept)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dest, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "customUI/customUI.xml":
                data = ui_xml.encode("utf-8")
            elif info.filename == "xl/workbook.xml":
                old = f'name="{CONF_SHEET_OLD}"'.encode()
                if data.count(old) != 1:
                    raise RuntimeError(f"xl/workbook.xml: sheet {CONF_SHEET_OLD} not found")
                data = data.replace(old, f'name="{CONF_SHEET_NEW}"'.encode())
            zout.writestr(info, data, compress_type=info.compress_type)


def build_addin(out: str | Path = "dist/xladdin.xlam", functions: Sequence | None = None) -> Path:
    """Build the add-in at ``out`` and return its path."""
    if functions is None:
        from xladdin.worksheet.registry import all_functions

        functions = all_functions()
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        t = Path(tmp)
        shutil.copyfile(template_path(), t / "template.xlam")
        _edit_vba(t / "template.xlam", t / "vba.xlam", functions)
        _rewrite_parts(t / "vba.xlam", t / "xladdin.xlam", customui_xml())
        shutil.move(str(t / "xladdin.xlam"), out)
    return out
