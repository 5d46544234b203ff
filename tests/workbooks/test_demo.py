"""`xladdin demo`: every template built, filled from generated sample reports, refreshed; rendered clean."""

import openpyxl
from click.testing import CliRunner

from tests.workbooks.helpers import pdf_text, render_pdf, require_soffice
from xladdin.cli import cli
from xladdin.demo import TERMS, write_search_terms
from xladdin.reports import read_report
from xladdin.workbooks.registry import template_kinds

ERRORS = ("#NAME?", "#VALUE!", "#REF!", "#DIV/0!", "#N/A", "#NUM!")


def test_sample_search_terms_are_recognised_without_problems(tmp_path):
    rep = read_report(write_search_terms(tmp_path / "st.csv"))
    assert rep.meta.family == "sp_search_term" and rep.meta.marketplace == "US"
    assert rep.problems.empty
    assert {t.lower() for t in rep.data["search_term"]} <= {t[0].lower() for t in TERMS}  # ASIN terms upper-cased


def test_demo_builds_fills_and_refreshes_every_template(tmp_path):
    res = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "demo")])
    assert res.exit_code == 0, res.output
    for kind in template_kinds():
        book = tmp_path / "demo" / f"{kind}.xlsx"
        assert f"{kind}: {book}" in res.output
        assert (tmp_path / "demo" / "templates" / f"{kind}.xltx").exists()
        wb = openpyxl.load_workbook(book)
        outputs = [t for ws in wb.worksheets for t in ws.tables.values()]
        assert outputs, kind
        # Nothing in any cell is an Excel error value or a formula built from report text.
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for v in row:
                    assert not (isinstance(v, str) and v.startswith(ERRORS)), (ws.title, v)
    ads = openpyxl.load_workbook(tmp_path / "demo" / "ads.xlsx")
    ws = ads["SearchTermActions"]
    texts = [c for row in ws.iter_rows() for c in row if c.value == '=HYPERLINK("http://x","y")']
    assert texts and all(c.data_type == "s" for c in texts)  # report text never becomes a formula


def test_demo_workbooks_render_without_error_values(tmp_path):
    require_soffice()
    res = CliRunner().invoke(cli, ["demo", "--out", str(tmp_path / "demo")])
    assert res.exit_code == 0, res.output
    for kind in template_kinds():
        text = pdf_text(render_pdf(tmp_path / "demo" / f"{kind}.xlsx", tmp_path / "pdf"))
        assert text.strip()
        for e in ERRORS:
            assert e not in text, (kind, e)
