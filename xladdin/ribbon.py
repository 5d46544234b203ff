"""The ribbon's Python side: ``on_action(control_id)`` runs exactly one handler per control id.

The add-in's VBA (``XladdinRibbon.OnAction``) calls
``RunPython "import xladdin.ribbon; xladdin.ribbon.on_action('<id>')"`` for every button of
:mod:`xladdin.addin.controls`; :data:`HANDLERS` has one entry per :func:`~xladdin.addin.controls.action_ids`
id (a test checks the two sets are equal).  An id without a handler is an error with a code in a message
box, never a silent no-op.

Every handler runs inside :func:`_running`: the status bar shows progress and is always given back; a
failure becomes a short bilingual message box (:func:`xladdin.errors.message_box_text`, with the log file
path) shown by :func:`show_message`, and the traceback goes to the log file (:mod:`xladdin.logs`).

Handlers use the same code as the command line: :class:`~xladdin.workbooks.xlwings_host.XlwingsHost` over
the calling workbook, :func:`~xladdin.workbooks.registry.refresh_book`,
:func:`~xladdin.workbooks.importer.import_reports`, the bulksheet builder, the template builder.

xlwings is imported lazily, in :func:`_xw` only (tests replace that one function by a fake object model),
so this module imports on Linux without xlwings.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from xladdin.errors import Code, InputError, XladdinError, message_box_text
from xladdin.logs import get_logger, log_exception, log_path

REQUIRED_XLWINGS = "0.37.8"
ISSUES_SHEET = "Issues"
ISSUE_COLUMNS = ["row", "column", "value", "reason"]
TITLE = "xladdin"

Handler = Callable[["Excel"], "str | None"]


# ---------------------------------------------------------------------------------------------------------
# The Excel edge (everything that touches xlwings goes through here)
# ---------------------------------------------------------------------------------------------------------


def _xw() -> Any:
    """The xlwings module (imported here only, so the library loads without it)."""
    import xlwings

    return xlwings


def show_message(app: Any, text: str, title: str = TITLE) -> None:
    """A message box in Excel (``app.alert``); the log keeps the text when no Excel answers."""
    get_logger().info("message box %s: %s", title, text.replace("\n", " | "))
    if app is None:
        return
    try:
        app.alert(text, title=title)
    except Exception as exc:  # noqa: BLE001 — a message box must never become a second failure
        log_exception(exc, "show_message")


def pick_files(app: Any) -> list[str]:
    """File picker (Windows: ``Application.GetOpenFilename``, multi-select); [] when cancelled."""
    got = app.api.GetOpenFilename(
        "Reports (*.csv;*.tsv;*.txt;*.xlsx;*.xls;*.json),*.csv;*.tsv;*.txt;*.xlsx;*.xls;*.json", 1,
        "xladdin: 选择报告 / choose reports", None, True)
    if got is False or got is None:
        return []
    if isinstance(got, str):
        return [got]
    return [str(p) for p in got]


def export_path(book_path: str | None, now: dt.datetime | None = None) -> Path:
    """Where the bulksheet upload goes: beside the workbook (else Documents), time-stamped, never overwriting."""
    now = now or dt.datetime.now()
    folder = Path(book_path).parent if book_path and Path(book_path).parent.is_dir() else _documents()
    stem = Path(book_path).stem if book_path else "xladdin"
    return folder / f"{stem}-bulk-upload-{now:%Y%m%d-%H%M%S}.xlsx"


def _documents() -> Path:
    docs = Path.home() / "Documents"
    return docs if docs.is_dir() else Path(tempfile.gettempdir())


class Excel:
    """The running Excel as the handlers see it: the app, the calling workbook, the xlwings module."""

    def __init__(self, xw: Any):
        self.xw = xw
        self._app: Any = None
        self._book: Any = None

    @property
    def app(self) -> Any:
        if self._app is None:
            try:
                self._app = self.xw.apps.active
            except Exception:  # noqa: BLE001 — the Excel edge
                self._app = None
            if self._app is None:
                self._app = self.book.app
        return self._app

    @property
    def book(self) -> Any:
        """The workbook the button was pressed in (``Book.caller()``), else the active workbook."""
        if self._book is None:
            try:
                self._book = self.xw.Book.caller()
            except Exception:  # noqa: BLE001 — the Excel edge
                self._book = self.app.books.active if self._app is not None else self.xw.books.active
        return self._book

    def host(self, book: Any = None) -> Any:
        from xladdin.workbooks.xlwings_host import XlwingsHost

        return XlwingsHost(self.book if book is None else book)

    def status(self, message: str) -> None:
        self.app.status_bar = f"xladdin: {message}"


@contextlib.contextmanager
def _running(app: Any, label: str) -> Iterator[None]:
    """Status bar shows ``label`` while a handler runs; the previous value always comes back."""
    try:
        previous = app.status_bar
    except Exception:  # noqa: BLE001 — the Excel edge
        previous = False
    try:
        app.status_bar = f"xladdin: {label} …"
        yield
    finally:
        try:
            app.status_bar = previous if previous not in (None, "") else False
        except Exception as exc:  # noqa: BLE001 — the Excel edge
            log_exception(exc, "restore status bar")


# ---------------------------------------------------------------------------------------------------------
# Handlers: one per control id of xladdin.addin.controls
# ---------------------------------------------------------------------------------------------------------


def refresh_active(x: Excel) -> str:
    from xladdin.workbooks.registry import refresh_book

    x.status(f"刷新 / refreshing {x.book.name} …")
    refresh_book(x.host())
    return f"已刷新 / refreshed: {x.book.name}"


def refresh_all(x: Excel) -> str:
    """Every open workbook of the active Excel that was built from an xladdin template."""
    from xladdin.workbooks.registry import refresh_book

    done = []
    for book in list(x.app.books):
        host = x.host(book)
        if host.template_kind() is None:
            continue
        x.status(f"刷新 / refreshing {book.name} …")
        refresh_book(host)
        done.append(book.name)
    if not done:
        raise InputError(Code.UNKNOWN_TABLE, "no open xladdin workbook / 没有打开的 xladdin 工作簿")
    return "已刷新 / refreshed: " + ", ".join(done)


def _import_summary(results: list[Any]) -> str:
    return "\n".join(f"{r.file_name}: {r.family} → {r.table}: {r.rows} 行 / rows, 替换 / replaced {r.replaced_rows}"
                     for r in results)


def import_report(x: Excel) -> str | None:
    from xladdin.workbooks.importer import import_reports

    paths = pick_files(x.app)
    if not paths:
        return None  # cancelled: nothing to say
    x.status(f"导入 / importing {len(paths)} …")
    return _import_summary(import_reports(x.host(), paths))


def import_selection(x: Excel) -> str:
    """The selected range, read as a pasted report (header row included)."""
    from xladdin.reports import read_report
    from xladdin.workbooks.importer import import_reports

    sel = x.app.selection
    if sel is None:
        raise InputError(Code.NO_DATA, "no selection / 没有选区")
    rows = sel.options(ndim=2).value
    if not rows or all(v is None for r in rows for v in r):
        raise InputError(Code.NO_DATA, "the selection is empty / 选区为空")
    x.status(f"导入选区 / importing {len(rows) - 1:,} …")
    rep = read_report([list(r) for r in rows], name=f"selection {sel.address}")
    return _import_summary(import_reports(x.host(), [rep]))


def write_issues(book: Any, rows: list[list[Any]], title: str = ISSUES_SHEET) -> Any:
    """(Re)write the Issues sheet: header ``row, column, value, reason`` and one row per problem."""
    names = [s.name for s in book.sheets]
    if title in names:
        sheet = book.sheets[title]
        sheet.clear_contents()
    else:
        sheet = book.sheets.add(title, after=book.sheets[len(names) - 1])
    sheet.range("A1").value = [ISSUE_COLUMNS] + [[("" if v is None else v) for v in r] for r in rows]
    sheet.activate()
    return sheet


def validate_inputs(x: Excel) -> str:
    from xladdin.validation import validate_book

    x.status("检查 / validating …")
    problems = validate_book(x.host())
    write_issues(x.book, problems)
    if not problems:
        return "没有发现问题 / no problems found"
    return f"{len(problems)} 个问题，见 {ISSUES_SHEET} 表 / problems, see the {ISSUES_SHEET} sheet"


def export_bulksheet(x: Excel) -> str:
    """Approved SearchTermActions → a bulksheet upload file beside the workbook.

    Same steps as :func:`xladdin.workbooks.refresh_ads.export_bulksheet` (which reads a *file*), but over the
    open workbook, so unsaved Approve edits count.  Problems go to the Issues sheet.
    """
    from xladdin.workbooks.bulksheet import bulksheet_rows, write_bulksheet
    from xladdin.workbooks.refresh_ads import read_actions, read_bulk

    host = x.host()
    x.status("导出批量表 / exporting bulksheet …")
    upload = bulksheet_rows(read_actions(host), read_bulk(host), settings=host.read_settings())
    probs = upload.problems
    if len(probs):
        write_issues(x.book, [[r.get("row"), r.get("column"), r.get("value"), f"{r.get('severity')}: {r.get('reason')}"]
                              for r in probs.to_dict("records")])
    if not len(upload.rows):
        raise InputError(Code.NO_DATA, "no approved row can be uploaded / 没有可上传的已批准行"
                         + (f"; {len(probs)} problems in {ISSUES_SHEET}" if len(probs) else ""))
    out = write_bulksheet(upload, export_path(getattr(x.book, "fullname", None)))
    more = f"\n{len(probs)} 个问题见 {ISSUES_SHEET} / problems in {ISSUES_SHEET}" if len(probs) else ""
    return f"{len(upload.rows)} 行 / rows → {out}{more}"


def new_from_template(kind: str) -> Handler:
    def handler(x: Excel) -> str:
        from xladdin.workbooks.builder import build_workbook, save_workbook
        from xladdin.workbooks.registry import get_template

        spec = get_template(kind)
        x.status(f"新建 / new {spec.en} …")
        path = _documents() / f"{kind}-{dt.datetime.now():%Y%m%d-%H%M%S}.xlsx"
        save_workbook(build_workbook(spec), path, backup=False)
        x.app.books.open(str(path))
        return None

    handler.__name__ = f"new_{kind}"
    handler.__doc__ = f"Build the {kind} template into Documents (else the temp folder) and open it."
    return handler


def settings(x: Excel) -> None:
    from xladdin.workbooks.host import SETTINGS_TABLE

    host = x.host()
    sheet, _ = host._find(SETTINGS_TABLE)
    sheet.activate()


def function_help(x: Excel) -> None:
    """Every worksheet function on a sheet of a new workbook: name, category, arguments, description."""
    from xladdin.worksheet.registry import all_functions

    rows: list[list[Any]] = [["function", "category", "arguments", "description"]]
    for f in all_functions():
        args = "; ".join(f"{a.name}{' (optional)' if a.optional else ''}: {a.doc}" for a in f.args)
        rows.append([f.signature, f.category, args, f.description])
    book = x.app.books.add()
    sheet = book.sheets[0]
    sheet.name = "xladdin functions"
    sheet.range("A1").value = rows


def version_check(x: Excel) -> str:
    import xladdin

    have = getattr(x.xw, "__version__", "?")
    text = (f"xladdin {xladdin.__version__}\nxlwings {have}\nPython {sys.version.split()[0]} ({sys.executable})")
    if have != REQUIRED_XLWINGS:
        raise XladdinError(Code.VERSION_MISMATCH, f"xlwings {have} ≠ {REQUIRED_XLWINGS}; {text}")
    return text


def _handlers() -> dict[str, Handler]:
    from xladdin.workbooks.registry import template_kinds

    out: dict[str, Handler] = {
        "import_report": import_report,
        "import_selection": import_selection,
        "refresh_active": refresh_active,
        "refresh_all": refresh_all,
        "export_bulksheet": export_bulksheet,
        "validate_inputs": validate_inputs,
        "settings": settings,
        "function_help": function_help,
        "version_check": version_check,
    }
    for kind in template_kinds():
        out[f"new_{kind}"] = new_from_template(kind)
    return out


HANDLERS: dict[str, Handler] = _handlers()


# ---------------------------------------------------------------------------------------------------------
# Dispatcher
# ---------------------------------------------------------------------------------------------------------


def _fail(app: Any, err: BaseException, control_id: str) -> None:
    log_exception(err, f"ribbon {control_id}")
    code = err.code.name if isinstance(err, XladdinError) else Code.INTERNAL.name
    show_message(app, message_box_text(err, str(log_path())), title=f"{TITLE} — {code}")


def on_action(control_id: str) -> bool:
    """Run the handler of ``control_id``; True on success.  Failures are shown, logged, never raised."""
    get_logger().info("ribbon %s (pid %s)", control_id, os.getpid())
    handler = HANDLERS.get(control_id)
    excel: Excel | None = None
    try:
        excel = Excel(_xw())
        app = excel.app
    except Exception as exc:  # noqa: BLE001 — no Excel to talk to: the log is all there is
        log_exception(exc, f"ribbon {control_id}: no Excel")
        return False
    if handler is None:
        _fail(app, XladdinError(Code.UNKNOWN_CONTROL, f"{control_id!r}"), control_id)
        return False
    try:
        with _running(app, control_id):
            message = handler(excel)
    except Exception as exc:  # noqa: BLE001 — the Excel edge
        _fail(app, exc, control_id)
        return False
    if message:
        show_message(app, message)
    return True


__all__ = ["HANDLERS", "REQUIRED_XLWINGS", "Excel", "export_path", "on_action", "pick_files", "show_message",
           "write_issues"]
