"""Long CLI runs show progress on a terminal and stay quiet when output is piped (CI, scripts)."""

import io
import sys

from xladdin import cli as cli_mod
from xladdin.workbooks.host import OpenpyxlHost


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_prints_steps_with_elapsed_time_on_a_terminal(monkeypatch):
    err = _Tty()
    monkeypatch.setattr(sys, "stderr", err)
    show = cli_mod._progress()
    show("xladdin: SearchTerms ← 200,000 行 / rows")
    show(None)  # "give the status bar back" prints nothing
    lines = err.getvalue().splitlines()
    assert len(lines) == 1 and lines[0].endswith("] xladdin: SearchTerms ← 200,000 行 / rows")
    assert lines[0].startswith("[") and " s]" in lines[0]


def test_progress_is_silent_when_not_a_terminal(monkeypatch):
    err = io.StringIO()
    monkeypatch.setattr(sys, "stderr", err)
    cli_mod._progress()("anything")
    assert err.getvalue() == ""


def test_headless_host_reports_each_table_write(tmp_path):
    import pandas as pd

    from xladdin.workbooks.builder import build_workbook
    from xladdin.workbooks.registry import get_template

    seen = []
    host = OpenpyxlHost(build_workbook(get_template("ads")), tmp_path / "a.xlsx", on_status=seen.append)
    host.write_table("BrandTerms", pd.DataFrame({"brand_term": ["acme"]}))
    assert seen == ["xladdin: BrandTerms ← 1 行 / rows"]
