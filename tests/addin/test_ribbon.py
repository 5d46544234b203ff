"""The ribbon dispatcher against a FAKE xlwings object model (no Excel here).

Proves: the handler table and the add-in's control ids are the same set; an unknown id gives a message
box with its code and nothing else; refresh goes through ``refresh_book`` and the status bar comes back
even after an exception; a failure is a bilingual message box naming the log file, with the traceback in
the log; validate writes the Issues table; import selection reads the selected range as a report.
"""

from types import SimpleNamespace

import pytest

from xladdin import ribbon
from xladdin.addin.controls import action_ids
from xladdin.errors import Code
from xladdin.logs import log_path


class FakeRange:
    def __init__(self, sheet, addr, value=None):
        self.sheet, self.address, self._value = sheet, addr, value

    def options(self, **kw):
        return self

    @property
    def value(self):
        return self._value

    @value.setter
    def value(self, v):
        self.sheet.written.append((self.address, v))
        self._value = v


class FakeSheet:
    def __init__(self, name):
        self.name, self.written, self.activated, self.cleared, self.tables = name, [], 0, 0, []

    def range(self, addr):
        return FakeRange(self, addr)

    def clear_contents(self):
        self.cleared += 1

    def activate(self):
        self.activated += 1


class FakeSheets(list):
    def __getitem__(self, k):
        if isinstance(k, str):
            return next(s for s in self if s.name == k)
        return list.__getitem__(self, k)

    def add(self, name, after=None):
        s = FakeSheet(name)
        self.append(s)
        return s


class FakeApp:
    def __init__(self):
        self._status = "ready"
        self.status_history, self.alerts, self.opened = [], [], []
        self.books = SimpleNamespace(open=self.opened.append, active=None)
        self.selection = None

    @property
    def status_bar(self):
        return self._status

    @status_bar.setter
    def status_bar(self, v):
        self.status_history.append(v)
        self._status = v

    def alert(self, prompt, title=None, **kw):
        self.alerts.append((title, prompt))


class FakeBook:
    def __init__(self, app, name="ads.xlsx"):
        self.app, self.name, self.fullname = app, name, f"/nowhere/{name}"
        self.sheets = FakeSheets([FakeSheet("Dashboard")])
        self.names = []


@pytest.fixture
def excel(monkeypatch):
    app = FakeApp()
    book = FakeBook(app)
    xw = SimpleNamespace(__version__="0.37.8", apps=SimpleNamespace(active=app),
                         Book=SimpleNamespace(caller=lambda: book))
    monkeypatch.setattr(ribbon, "_xw", lambda: xw)
    return SimpleNamespace(app=app, book=book, xw=xw)


def test_every_control_has_a_handler_and_every_handler_a_control():
    assert set(ribbon.HANDLERS) == set(action_ids())
    assert len(action_ids()) == len(set(action_ids()))


def test_unknown_id_shows_the_code_and_does_nothing_else(excel, monkeypatch):
    called = []
    for cid in list(ribbon.HANDLERS):
        monkeypatch.setitem(ribbon.HANDLERS, cid, lambda x, cid=cid: called.append(cid))
    assert ribbon.on_action("no_such_button") is False
    assert called == []
    [(title, text)] = excel.app.alerts
    assert Code.UNKNOWN_CONTROL.name in title
    assert "'no_such_button'" in text and str(log_path()) in text
    assert excel.app.status_history == []  # no progress shown: nothing ran
    assert excel.book.sheets[0].written == []


def test_refresh_calls_refresh_book_and_restores_the_status_bar_after_an_exception(excel, monkeypatch):
    from xladdin.workbooks import registry

    seen = []

    def boom(host, kind=None, **kw):
        seen.append((type(host).__name__, host.book, excel.app.status_bar))
        raise RuntimeError("refresh exploded")

    monkeypatch.setattr(registry, "refresh_book", boom)
    assert ribbon.on_action("refresh_active") is False
    assert seen and seen[0][0] == "XlwingsHost" and seen[0][1] is excel.book
    assert seen[0][2].startswith("xladdin:")  # progress shown while it ran
    assert excel.app.status_bar == "ready"  # restored after the exception
    assert len(excel.app.alerts) == 1


def test_refresh_success_restores_status_and_reports(excel, monkeypatch):
    from xladdin.workbooks import registry

    calls = []
    monkeypatch.setattr(registry, "refresh_book", lambda host, kind=None, **kw: calls.append(host))
    assert ribbon.on_action("refresh_active") is True
    assert len(calls) == 1 and excel.app.status_bar == "ready"
    assert "ads.xlsx" in excel.app.alerts[-1][1]


def test_failure_is_bilingual_with_log_path_and_traceback_in_log(excel, monkeypatch):
    def failing(x):
        raise ZeroDivisionError("deep inside the handler")

    monkeypatch.setitem(ribbon.HANDLERS, "validate_inputs", failing)
    assert ribbon.on_action("validate_inputs") is False
    [(title, text)] = excel.app.alerts
    assert "INTERNAL" in title
    assert "发生内部错误" in text and "An internal error occurred" in text
    assert f"日志 / Log: {log_path()}" in text
    assert "Traceback" not in text
    for h in __import__("logging").getLogger("xladdin").handlers:
        h.flush()
    log = log_path().read_text(encoding="utf-8")
    assert "Traceback" in log and "ZeroDivisionError: deep inside the handler" in log


def test_coded_error_message_box(excel, monkeypatch):
    excel.xw.__version__ = "0.30.0"
    assert ribbon.on_action("version_check") is False
    [(title, text)] = excel.app.alerts
    assert "VERSION_MISMATCH" in title and "0.30.0" in text and "0.37.8" in text
    assert "版本不匹配" in text and "version mismatch" in text


def test_version_check_ok(excel):
    assert ribbon.on_action("version_check") is True
    assert "xlwings 0.37.8" in excel.app.alerts[-1][1]


def test_write_issues_table(excel):
    sheet = ribbon.write_issues(excel.book, [[4, "SearchTerms.clicks", "abc", "NOT_A_NUMBER: …"]])
    assert sheet.name == "Issues" and sheet.activated == 1
    assert sheet.written == [("A1", [["row", "column", "value", "reason"], [4, "SearchTerms.clicks", "abc",
                                                                               "NOT_A_NUMBER: …"]])]
    again = ribbon.write_issues(excel.book, [])
    assert again is sheet and sheet.cleared == 1
    assert sheet.written[-1] == ("A1", [["row", "column", "value", "reason"]])


def test_validate_inputs_writes_issues(excel, monkeypatch):
    from xladdin import validation

    monkeypatch.setattr(validation, "validate_book",
                        lambda host: [[5, "Settings.target_acos", "abc", "SETTINGS_INVALID: …"]])
    assert ribbon.on_action("validate_inputs") is True
    issues = excel.book.sheets["Issues"]
    assert issues.written[-1][1][1] == [5, "Settings.target_acos", "abc", "SETTINGS_INVALID: …"]
    assert "1" in excel.app.alerts[-1][1]


def test_import_report_uses_the_file_picker_and_import_reports(excel, monkeypatch):
    from xladdin.workbooks import importer

    monkeypatch.setattr(ribbon, "pick_files", lambda app: ["/r/SearchTerm.csv"])
    got = []
    monkeypatch.setattr(importer, "import_reports", lambda host, paths: got.append(paths) or [])
    assert ribbon.on_action("import_report") is True
    assert got == [["/r/SearchTerm.csv"]]
    monkeypatch.setattr(ribbon, "pick_files", lambda app: [])
    assert ribbon.on_action("import_report") is True and got == [["/r/SearchTerm.csv"]]  # cancelled


def test_pick_files_shapes():
    app = SimpleNamespace(api=SimpleNamespace(GetOpenFilename=lambda *a: False))
    assert ribbon.pick_files(app) == []
    app.api.GetOpenFilename = lambda *a: ("C:/a.csv", "C:/b.xlsx")
    assert ribbon.pick_files(app) == ["C:/a.csv", "C:/b.xlsx"]


def test_import_selection_reads_the_range_as_a_pasted_report(excel, monkeypatch):
    from xladdin import reports
    from xladdin.workbooks import importer

    rows = [["SKU", "Units"], ["A-1", 3.0]]
    excel.app.selection = FakeRange(FakeSheet("Paste"), "$A$1:$B$2", rows)
    seen = {}
    monkeypatch.setattr(reports, "read_report", lambda src, **kw: seen.setdefault("src", (src, kw)) and "REPORT")
    monkeypatch.setattr(importer, "import_reports", lambda host, sources: seen.setdefault("imp", sources) and [])
    assert ribbon.on_action("import_selection") is True
    assert seen["src"][0] == rows and seen["imp"] == ["REPORT"]


def test_new_workbook_from_template_is_built_and_opened(excel, monkeypatch, tmp_path):
    monkeypatch.setattr(ribbon, "_documents", lambda: tmp_path)
    assert ribbon.on_action("new_ads") is True
    [opened] = excel.app.opened
    assert opened.startswith(str(tmp_path)) and opened.endswith(".xlsx")
    from openpyxl import load_workbook

    assert "Settings" in load_workbook(opened).sheetnames


def test_a_pasted_range_report_imports_through_import_reports(tmp_path):
    """The importer takes a Report already read from a list of rows (what "import selection" passes)."""
    import csv
    from pathlib import Path

    from xladdin.reports import read_report
    from xladdin.workbooks.builder import build_workbook
    from xladdin.workbooks.host import OpenpyxlHost
    from xladdin.workbooks.importer import import_reports
    from xladdin.workbooks.registry import get_template

    src = Path(__file__).resolve().parents[1] / "reports" / "fixtures" / "ads" / "sp_search_term" / "en-summary-retailer.csv"
    with open(src, encoding="utf-8-sig", newline="") as f:
        rows = [list(r) for r in csv.reader(f)]
    host = OpenpyxlHost(build_workbook(get_template("ads")))
    [res] = import_reports(host, [read_report(rows, name="selection $A$1:$Z$9")])
    assert res.rows == len(rows) - 1 and res.file_name == "selection $A$1:$Z$9"
    assert len(host.read_table(res.table)) == res.rows


def test_validate_book_finds_bad_cells_and_settings():
    import pandas as pd

    from xladdin.validation import validate_book
    from xladdin.workbooks.builder import build_workbook
    from xladdin.workbooks.host import OpenpyxlHost
    from xladdin.workbooks.registry import get_template

    host = OpenpyxlHost(build_workbook(get_template("ads")))
    assert validate_book(host) == []
    host.write_table("SearchTerms", pd.DataFrame([{"start_date": "soon", "campaign_name": "C", "clicks": "abc"}]))
    s = host.read_table("Settings")
    s["value"] = s["value"].astype(object)
    s.loc[s["key"] == "target_acos", "value"] = "lots"
    host.write_table("Settings", s, key=("key",))
    issues = validate_book(host)
    cols = {i[1]: i for i in issues}
    assert cols["SearchTerms.start_date"][0] == 4 and cols["SearchTerms.start_date"][3].startswith("NOT_A_DATE")
    assert cols["SearchTerms.clicks"][2] == "abc" and cols["SearchTerms.clicks"][3].startswith("NOT_A_NUMBER")
    assert cols["Settings.target_acos"][3].startswith("SETTINGS_INVALID")
