"""Template formulas that call the worksheet functions, evaluated without Excel (issues 4 and 6).

The Ads template's SkuCosts helper columns call FBA_FEE, REFERRAL_FEE and BREAKEVEN_ACOS.  pycel
evaluates the openpyxl-written file (structured references included) with our functions plugged in as
plain Python (:mod:`tests.workbooks.pycel_udfs`), so these tests prove that each formula reaches the right
function with the right arguments in the right order, that the coded errors behave as errors under
IFERROR, and that a headless refresh (openpyxl load → refresh → save) leaves the formulas intact and
evaluating to the same values.  The expected values are written by hand from the rule tables.

Not proven here: Excel itself (argument marshalling by xlwings on Windows, the VBA CVErr mapping in
XladdinErrors.bas: the adapter mirrors it) and recalculation in Excel after a user edit.
"""

from __future__ import annotations

import datetime as dt
import re
import types
import zipfile

import pandas as pd
import pytest
from click.testing import CliRunner
from openpyxl import load_workbook
from pycel import ExcelCompiler

from tests.workbooks import pycel_udfs
from tests.workbooks.helpers import ERROR_VALUES, pdf_text, render_pdf
from xladdin import demo
from xladdin.cli import cli
from xladdin.workbooks import OpenpyxlHost, refresh_book
from xladdin.workbooks.registry import all_templates, get_template
from xladdin.worksheet.registry import all_functions

# pycel is pinned in the test extra and imported plainly: a missing pycel fails, it never skips the proof.
PLUGIN = "tests.workbooks.pycel_udfs"
SPEC = get_template("ads").table("SkuCosts")
CALC = ("fba_fee_calc", "referral_fee_calc", "breakeven_acos")
INPUT = ["sku", "price", "cogs", "fba_fee", "referral_fee", "category", "length_in", "width_in", "height_in",
         "weight_lb"]

# 6 × 4 × 0.5 in, 0.1 lb (1.6 oz) is small standard, first weight band (≤ 2 oz), on the 2026 US card
# (us_fba_fulfilment_2026.csv, from 2026-01-15): $3.32 at $10–$50, $2.43 below $10; plus the 3.5 %
# fuel and logistics surcharge from 2026-04-17 (us_fba_surcharges.csv), rounded half up to the cent.
TODAY = dt.date(2026, 6, 1)
FBA_MID = 3.44  # 3.32 × 1.035 = 3.4362
FBA_LOW = 2.52  # 2.43 × 1.035 = 2.51505
ROWS = [  # sku, price, cogs, typed fba, typed referral, category, L, W, H, lb
    ("KITCHEN", 25, 6, None, None, "Home and Kitchen", 6, 4, 0.5, 0.1),
    ("CHEAP", 1.5, 0.5, None, None, "toys & games", 6, 4, 0.5, 0.1),
    ("TYPED", 30, 8, 5, 4.5, "Not a category", None, None, None, None),
    ("HALF", 40, 10, 4, None, "Home and Kitchen", 6, 4, 0.5, 0.1),
    ("NOPRICE", None, 3, None, None, "Home and Kitchen", 6, 4, 0.5, 0.1),
]
# Independent expectations (fba_fee_calc, referral_fee_calc, breakeven_acos); "" = IFERROR's blank.
EXPECTED = {
    # referral 15 % of $25 = 3.75; break-even = (25 − 6 − 3.44 − 3.75) ÷ 25
    "KITCHEN": (FBA_MID, 3.75, (25 - 6 - 3.44 - 3.75) / 25),
    # below $10: the low-price fee; 15 % of $1.50 = 0.225 → the $0.30 minimum; a loss before ads
    "CHEAP": (FBA_LOW, 0.30, (1.5 - 0.5 - 2.52 - 0.30) / 1.5),
    # no dimensions: FBA_FEE is #NUM!, unknown category #N/A, both blank; the typed fees are used
    "TYPED": ("", "", (30 - 8 - 5 - 4.5) / 30),
    # typed FBA fee 4, calculated referral 15 % of $40 = 6.00
    "HALF": (FBA_MID, 6.0, (40 - 10 - 4 - 6.0) / 40),
    # no price: break-even divides by zero (#DIV/0!) → blank; FBA at standard rates, referral minimum
    "NOPRICE": (FBA_MID, 0.30, ""),
}


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    """The functions' default as_of is today: pin it so the 2026 card and fuel surcharge apply."""
    import udfs.fees

    class Date(dt.date):
        @classmethod
        def today(cls):
            return TODAY

    monkeypatch.setattr(udfs.fees, "dt", types.SimpleNamespace(date=Date, datetime=dt.datetime))


def _rows(ws):
    header = [c.value for c in ws[3]]
    return header, {ws.cell(r, 1).value: r for r in range(4, 4 + len(ROWS))}


def _evaluate(path) -> dict[str, tuple]:
    xl = ExcelCompiler(filename=str(path), plugins=[PLUGIN])
    ws = load_workbook(path)["SkuCosts"]
    header, rows = _rows(ws)
    letters = {k: ws.cell(3, header.index(k) + 1).column_letter for k in CALC}
    return {sku: tuple(xl.evaluate(f"SkuCosts!{letters[k]}{r}") for k in CALC) for sku, r in rows.items()}


def _assert_expected(values: dict[str, tuple]) -> None:
    assert set(values) == set(EXPECTED)
    for sku, exp in EXPECTED.items():
        got = values[sku]
        for key, g, e in zip(CALC, got, exp):
            if e == "":
                assert g == "", (sku, key, g)
            else:
                assert isinstance(g, float) and g == pytest.approx(e, abs=1e-9), (sku, key, g, e)


@pytest.fixture
def filled(tmp_path):
    """A new Ads workbook with demo search terms imported and the SKU rows written through the host."""
    path = tmp_path / "ads.xlsx"
    runner = CliRunner()
    assert runner.invoke(cli, ["new", "ads", str(path)]).exit_code == 0
    r = runner.invoke(cli, ["import", str(path), str(demo.write_search_terms(tmp_path / "st.csv"))])
    assert r.exit_code == 0, r.output
    host = OpenpyxlHost.open(path)
    host.write_table("SkuCosts", pd.DataFrame(ROWS, columns=INPUT))
    host.save()
    return path


def _formulas(path) -> tuple[dict[str, str], dict[str, list[str]]]:
    """The table's calculated-column definitions and every data cell's formula, per column."""
    wb = load_workbook(path)
    ws = wb["SkuCosts"]
    table = ws.tables["SkuCosts"]
    defs = {tc.name: tc.calculatedColumnFormula.attr_text for tc in table.tableColumns
            if tc.calculatedColumnFormula is not None}
    header, rows = _rows(ws)
    cells = {k: [ws.cell(r, header.index(k) + 1).value for r in rows.values()] for k in CALC}
    return defs, cells


def _file_syntax(formula: str) -> str:
    # Written out independently of the builder: [@col] is stored as SkuCosts[[#This Row],[col]].
    return re.sub(r"\[@(\w+)\]", r"SkuCosts[[#This Row],[\1]]", formula)


def test_helper_formulas_call_the_worksheet_functions_with_the_right_arguments(filled):
    _assert_expected(_evaluate(filled))


def test_the_error_mapping_is_what_makes_iferror_blank(tmp_path):
    """Without the CVErr-style mapping a coded error is just text, which IFERROR lets through."""
    from pycel.excelutil import DIV0, NA_ERROR, NUM_ERROR, VALUE_ERROR

    assert pycel_udfs.breakeven_acos(None, 3, 1) == DIV0
    assert pycel_udfs.referral_fee(20, "Not a category") == NA_ERROR
    assert pycel_udfs.fba_fee(None, None, None, None, 20) == NUM_ERROR
    assert pycel_udfs.referral_fee(20, None) == VALUE_ERROR
    assert pycel_udfs.referral_fee(20, "Home and Kitchen") == 3.0
    # the function itself returns coded text (what XladdinErrors.bas turns into CVErr in Excel)
    assert pycel_udfs.FUNCTIONS["breakeven_acos"].__wrapped__(None, 3, 1) == "#DIV/0! DIV_ZERO"
    # ranges arrive as tuples of tuples and leave as tuples of tuples, errors mapped per cell
    assert pycel_udfs.breakeven_acos(((30,), (0,)), 8, 9) == ((pytest.approx(13 / 30),), (DIV0,))


def test_formulas_survive_a_headless_refresh_unchanged_and_evaluate_the_same(filled):
    before = _formulas(filled)
    defs, cells = before
    for k in CALC:
        declared = _file_syntax(SPEC.column(k).formula)
        assert defs[k] == declared
        assert cells[k] == ["=" + declared] * len(ROWS)
    host = OpenpyxlHost.open(filled)
    refresh_book(host)
    host.save()
    assert _formulas(filled) == before
    assert load_workbook(filled)["SearchTermActions"].max_row > 4  # the refresh did run
    _assert_expected(_evaluate(filled))


def test_no_formula_depends_on_dynamic_array_metadata(filled):
    """openpyxl drops dynamic-array metadata (cm="1", xl/metadata.xml) on save: the helper formulas are
    plain per-row formulas, so there is nothing to lose.  Checked on the refreshed file's XML."""
    host = OpenpyxlHost.open(filled)
    refresh_book(host)
    host.save()
    with zipfile.ZipFile(filled) as z:
        assert "xl/metadata.xml" not in z.namelist()
        sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
        xml = "".join(z.read(n).decode() for n in sheets)
    assert " cm=" not in xml and 't="array"' not in xml
    assert xml.count("FBA_FEE(") >= len(ROWS)  # the formulas are in the file, as ordinary <f> elements


def test_worksheet_functions_appear_only_in_input_tables_per_row():
    """UDF calls live only in calculated columns of input tables (where operators edit inputs), and take
    this-row references only: scalar per row, never a range that would spill."""
    names = {f.name for f in all_functions()}
    call = re.compile(r"(?<![A-Za-z0-9_.])([A-Z][A-Z0-9_]*)\(")
    seen = set()
    for kind, spec in all_templates().items():
        for t in spec.tables:
            for c in t.columns:
                used = set(call.findall(c.formula or "")) & names
                if not used:
                    continue
                seen |= used
                assert t.role == "input", (kind, t.name, c.key)
                refs = re.findall(r"\[[^\]]*\]", re.sub(r'"[^"]*"', '""', c.formula))
                assert refs and all(r.startswith("[@") for r in refs), (kind, t.name, c.key, refs)
    assert {"FBA_FEE", "REFERRAL_FEE", "BREAKEVEN_ACOS"} <= seen


def test_refreshed_ads_workbook_renders_the_helper_cells_blank_in_libreoffice(filled, tmp_path):
    """LibreOffice does not know the add-in's functions (#NAME?): IFERROR renders those cells blank."""
    host = OpenpyxlHost.open(filled)
    refresh_book(host)
    host.save()
    text = pdf_text(render_pdf(filled, tmp_path / "pdf"))
    assert "KITCHEN" in text and "NOPRICE" in text
    for e in ERROR_VALUES:
        assert e not in text, e


def test_the_refresh_analytics_agree_with_the_helper_formulas(filled):
    """The refresh never reads formula cells: ads_analysis recomputes break-even from the same inputs
    (typed fba_fee + referral_fee, else both fees from dimensions + the new category column)."""
    from xladdin.settings import DEFAULTS
    from xladdin.workbooks import ads_analysis
    from xladdin.workbooks.refresh_ads import read_sku_costs

    df = read_sku_costs(OpenpyxlHost.open(filled))
    assert df[list(CALC)].isna().all().all()  # formula text is not data
    be = dict(zip(df["sku"], ads_analysis._sku_breakeven(df, DEFAULTS, TODAY)))
    for sku in ("KITCHEN", "CHEAP", "TYPED"):
        assert be[sku] == pytest.approx(EXPECTED[sku][2], abs=1e-9), sku
    assert pd.isna(be["NOPRICE"])
    # One fee typed, the other calculated: the analytics take them fee by fee, as the sheet formula does.
    assert be["HALF"] == pytest.approx(EXPECTED["HALF"][2], abs=1e-9)
